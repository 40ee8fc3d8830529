// Every interface string the code asks for exists, non-empty and in NFC, in every language file; the
// files have the same keys and no leftovers. Keys are collected from the sources, so a new T("…") without
// its translation fails here rather than showing a bare key on a button.
#include "harness.h"

#include "kiosk/core/profile.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>

#include <fstream>
#include <algorithm>
#include <set>
#include <sstream>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::app;
using namespace kiosk::ui::test;

namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Dotted string literals in the view-model builders (the only places that translate, staff pages included)
// and the staff flow (which names the message a page shows) ...
std::set<std::string> KeysInSource() {
    std::set<std::string> keys;
    const std::string src = ReadAll(SourcePath("kiosk/ui/citizen_views.cpp")) + ReadAll(SourcePath("kiosk/ui/staff_views.cpp")) +
                            ReadAll(SourcePath("kiosk/flow/staff_flow.cpp")) +
                            ReadAll(SourcePath("kiosk/print/printer.h")) + ReadAll(SourcePath("kiosk/print/printer.cpp")) +
                            ReadAll(SourcePath("kiosk/print/result_page.cpp"));
    REQUIRE(!src.empty());
    // The validator's message ids (the core names them; the staff pages show them).
    for (const char* file : {"kiosk/core/questionnaire.cpp", "kiosk/station/catalog.cpp"}) {
        const std::string code = ReadAll(SourcePath(file));
        for (std::size_t at = 0; (at = code.find("\"qerr.", at)) != std::string::npos; ++at)
            keys.insert(code.substr(at + 1, code.find('"', at + 1) - at - 1));
    }
    // Every string literal shaped like "word.word[.word…]" (lower case, digits, '_' and '-').
    std::size_t at = 0;
    while ((at = src.find('"', at)) != std::string::npos) {
        std::size_t end = src.find('"', at + 1);
        if (end == std::string::npos) break;
        const std::string lit = src.substr(at + 1, end - at - 1);
        at = end + 1;
        const bool charsOk = !lit.empty() && std::all_of(lit.begin(), lit.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        });
        if (charsOk && lit.find('.') != std::string::npos && lit.front() != '.' && lit.back() != '.' &&
            lit.find("..") == std::string::npos && lit.front() >= 'a' && lit.front() <= 'z')
            keys.insert(lit);
    }
    return keys;
}

// ... and the keys it builds from ids.
std::set<std::string> BuiltKeys() {
    std::set<std::string> keys;
    for (const auto& id : core::AgeBands()) keys.insert("profile.age." + id);
    for (const auto& id : core::Genders()) keys.insert("profile.gender." + id);
    for (const auto& id : core::AssistedValues()) keys.insert("profile.assisted." + id);
    for (auto d : core::kDimensions) keys.insert(std::string("dimension.") + core::DimensionId(d));
    for (int i = 0; i < kTextSizeSteps; ++i) keys.insert("welcome.text_size." + std::to_string(i));
    return keys;
}

}  // namespace

TEST_CASE("every translation key used by the kiosk exists in vi.json and en.json") {
    std::vector<std::string> errors;
    Translations t = Translations::Load(SourcePath("assets/i18n"), {"vi", "en"}, errors);
    REQUIRE(errors.empty());
    std::set<std::string> used = KeysInSource();
    CHECK(used.size() > 60);  // the scan found the keys (guards against a regex that matches nothing)
    for (const auto& k : BuiltKeys()) used.insert(k);
    for (const char* lang : {"vi", "en"}) {
        for (const auto& key : used) CHECK_MESSAGE(t.Has(lang, key), lang << ".json lacks \"" << key << "\"");
    }
}

TEST_CASE("translation files have the same keys, all used, non-empty and NFC") {
    std::vector<std::string> errors;
    Translations t = Translations::Load(SourcePath("assets/i18n"), {"vi", "en"}, errors);
    REQUIRE(errors.empty());
    const auto* vi = t.Table("vi");
    const auto* en = t.Table("en");
    REQUIRE(vi);
    REQUIRE(en);
    std::set<std::string> used = KeysInSource();
    for (const auto& k : BuiltKeys()) used.insert(k);
    for (const auto& [key, value] : *vi) {
        CHECK_MESSAGE(en->count(key), "en.json lacks \"" << key << "\"");
        CHECK_MESSAGE(used.count(key), "\"" << key << "\" is in vi.json but never used");
    }
    for (const auto& [key, value] : *en) CHECK_MESSAGE(vi->count(key), "vi.json lacks \"" << key << "\"");
    // Checked on the raw files: the loader normalizes, so check what people edit.
    for (const char* lang : {"vi", "en"}) {
        std::string bytes = ReadAll(SourcePath(std::string("assets/i18n/") + lang + ".json"));
        CHECK(core::IsValidUtf8(bytes));
        CHECK_MESSAGE(core::ToNfc(bytes) == bytes, lang << ".json is not in NFC");
    }
}

TEST_CASE("a broken or incomplete translation file is reported, not silently shown") {
    TempDir dir;
    {
        std::ofstream(dir.File("vi.json")) << R"({"welcome.start": "Bắt đầu", "welcome.title": ""})";
        std::ofstream(dir.File("en.json")) << R"({"welcome.start": "Start",)";
    }
    std::vector<std::string> errors;
    Translations t = Translations::Load(dir.Path(), {"vi", "en"}, errors);
    REQUIRE(errors.size() >= 2);
    CHECK(errors[0].find("/welcome.title") != std::string::npos);
    CHECK(errors[1].find("en.json") != std::string::npos);
    // A missing key shows the key (never a blank button) and is remembered.
    CHECK(t.Get("vi", "welcome.start") == "Bắt đầu");
    t.Set("vi", {{"a.b", "x"}});
    CHECK(t.Get("vi", "no.such") == "no.such");
    CHECK(t.MissingKeys().count("vi:no.such") == 1);
}

TEST_CASE("Format fills named placeholders and leaves unknown ones") {
    CHECK(Format("Câu {current}/{total}", {{"current", "5"}, {"total", "51"}}) == "Câu 5/51");
    CHECK(Format("{a}{a} {b}", {{"a", "x"}}) == "xx {b}");
    CHECK(Format("{", {}) == "{");
}
