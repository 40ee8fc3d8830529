// Helpers shared by the core tests: the minimal questionnaire fixture as JSON to edit in memory, parsing an
// edited copy, and doctest-friendly error listings.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace kiosk::test {

inline std::string FixturePath(const std::string& name) {
    return std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/" + name;
}

// Exact bytes of a fixture file; a missing fixture is a test failure, not an empty string.
inline std::string FixtureBytes(const std::string& name) {
    std::string bytes, error;
    if (!core::ReadFileBytes(FixturePath(name), bytes, error))
        throw std::runtime_error("cannot read fixture " + name + ": " + error);
    return bytes;
}

// tests/fixtures/minimal.json parsed, ready to be edited into a fixture for one rule.
inline nlohmann::json MinimalJson() { return nlohmann::json::parse(FixtureBytes("minimal.json")); }

inline core::LoadResult Parse(const nlohmann::json& doc, const std::string& file = "q.json") {
    return core::ParseQuestionnaire(doc.dump(2), file);
}

// The minimal questionnaire (or an edited copy) as a model; fails the test when it does not load.
inline core::Questionnaire Load(const nlohmann::json& doc) {
    core::LoadResult r = Parse(doc);
    for (const auto& e : r.errors) FAIL_CHECK("unexpected error: " << e.ToString());
    REQUIRE(r.Ok());
    return *r.questionnaire;
}

inline std::string ErrorList(const std::vector<core::ValidationError>& errors) {
    std::string s;
    for (const auto& e : errors) s += "\n  " + e.ToString();
    return s.empty() ? " (none)" : s;
}

// Asserts that `r` failed with exactly one error, at `pointer`, whose message contains `messagePart`.
inline void CheckOnlyError(const core::LoadResult& r, const std::string& pointer, const std::string& messagePart) {
    INFO("errors:" << ErrorList(r.errors));
    CHECK_FALSE(r.Ok());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].file == "q.json");
    CHECK(r.errors[0].pointer == pointer);
    CHECK(r.errors[0].message.find(messagePart) != std::string::npos);
}

// Runs a shell command (a tool such as zbarimg or pdftotext) and returns what it wrote to stdout.
inline std::string RunCommand(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

}  // namespace kiosk::test
