// Hostile-input smoke test for the loader: thousands of deterministic mutations of a valid questionnaire
// (byte flips, truncations, insertions of JSON punctuation, duplicated spans). The loader must return —
// never throw, never crash (the sanitizer build runs this too) — and either load or report errors that each
// carry the file name and a well-formed pointer.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace kiosk::core;

namespace {

std::string ReadFixture(const std::string& rel) {
    std::string bytes, error;
    REQUIRE_MESSAGE(ReadFileBytes(std::string(KIOSK_SOURCE_DIR) + "/" + rel, bytes, error), rel << ": " << error);
    return bytes;
}

std::string Mutate(std::string s, std::mt19937& rng) {
    static const char* kPieces[] = {"{", "}", "[", "]", "\"", ",", ":", "\\", "null", "-1", "1e999", "\xC3", "\xFF",
                                    "\"x\":1", "\"id\":\"a\"", "\r\n", "\xEF\xBB\xBF", "\\u0000", "\\ud800"};
    std::uniform_int_distribution<int> kind(0, 4);
    int rounds = 1 + static_cast<int>(rng() % 4);
    for (int r = 0; r < rounds && !s.empty(); ++r) {
        std::size_t at = rng() % s.size();
        switch (kind(rng)) {
            case 0: s[at] = static_cast<char>(rng() & 0xFF); break;
            case 1: s.resize(at); break;
            case 2: s.insert(at, kPieces[rng() % (sizeof kPieces / sizeof *kPieces)]); break;
            case 3: s.erase(at, 1 + rng() % 16); break;
            default: {
                std::size_t len = std::min<std::size_t>(1 + rng() % 64, s.size() - at);
                s.insert(rng() % s.size(), s.substr(at, len));
            }
        }
    }
    return s;
}

void CheckMutations(const std::string& original, int count, unsigned seed) {
    std::mt19937 rng(seed);
    int loaded = 0, rejected = 0;
    for (int i = 0; i < count; ++i) {
        std::string input = Mutate(original, rng);
        LoadResult r;
        CHECK_NOTHROW(r = ParseQuestionnaire(input, "fuzz.json"));
        if (r.Ok()) {
            CHECK(r.errors.empty());
            ++loaded;
            continue;
        }
        ++rejected;
        REQUIRE_FALSE(r.errors.empty());
        for (const auto& e : r.errors) {
            CHECK(e.file == "fuzz.json");
            CHECK((e.pointer.empty() || e.pointer[0] == '/'));
            CHECK(IsValidUtf8(e.message));
            CHECK_FALSE(e.message.empty());
        }
    }
    // Most mutations break the file; a few (e.g. inside a text) keep it valid. Both paths were exercised.
    CHECK(rejected > count / 2);
    MESSAGE("mutations loaded: " << loaded << ", rejected: " << rejected);
}

}  // namespace

TEST_CASE("Mutated fixture questionnaires never crash the loader") {
    CheckMutations(ReadFixture("tests/fixtures/minimal.json"), 3000, 20261122u);
}

TEST_CASE("Mutated shipped quick questionnaire never crashes the loader") {
    CheckMutations(ReadFixture("questionnaires/danang-dcf-quick.json"), 1000, 7u);
}
