// The questionnaire folder: invalid files are logged and skipped, a broken edit keeps the last good
// version, edits are picked up only when a file changed.
#include "harness.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::app;
using namespace kiosk::ui::test;
namespace fs = std::filesystem;

namespace {

std::string Minimal() {
    std::ifstream in(SourcePath("tests/fixtures/minimal.json"));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::trunc) << text;
    // Make the change visible even on file systems with coarse timestamps.
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(2));
}

}  // namespace

TEST_CASE("catalog: valid files load, schema.json and invalid files are skipped with a precise log") {
    TempDir dir;
    Write(dir.File("a.json"), Minimal());
    Write(dir.File("b.json"), Replace(Replace(Minimal(), "\"mini\"", "\"second\""), "\"skill\", \"scale\": \"s4\", \"text\": {\"vi\": \"Câu s\"",
                                                                                    "\"skil\", \"scale\": \"s4\", \"text\": {\"vi\": \"Câu s\""));
    Write(dir.File("schema.json"), "{\"this\": \"is not a questionnaire\"}");
    Write(dir.File("notes.txt"), "ignored");
    MemoryEventLog log;
    QuestionnaireCatalog c(dir.Path(), log);
    CHECK(c.Refresh());
    REQUIRE(c.Offered().size() == 1);
    CHECK(c.Offered()[0]->id == "mini");
    CHECK(log.Contains("b.json is not valid"));
    CHECK(log.Contains("/areas/0/competencies/0/items/2/dimension"));
    CHECK_FALSE(log.Contains("schema.json"));
    CHECK_FALSE(c.Refresh());  // nothing changed: no reload, no repeated log
}

TEST_CASE("catalog: a broken edit keeps the last good version of that questionnaire") {
    TempDir dir;
    Write(dir.File("mini.json"), Minimal());
    MemoryEventLog log;
    QuestionnaireCatalog c(dir.Path(), log);
    c.Refresh();
    REQUIRE(c.Offered().size() == 1);
    const std::string goodSha = c.Offered()[0]->sha256;

    SUBCASE("a syntax error") { Write(dir.File("mini.json"), Minimal().substr(0, 200)); }
    SUBCASE("a validation error with the id still readable") {
        Write(dir.File("mini.json"), Replace(Minimal(), "\"min\": 20", "\"min\": 10, \"min\": 20"));
    }
    CHECK(c.Refresh());
    REQUIRE(c.Offered().size() == 1);
    CHECK(c.Offered()[0]->sha256 == goodSha);
    CHECK(log.Contains("keeping the last good version 1 of \"mini\""));

    // Fixed: the new version replaces the old one.
    Write(dir.File("mini.json"), Replace(Minimal(), "\"version\": \"1\"", "\"version\": \"2\""));
    CHECK(c.Refresh());
    REQUIRE(c.Offered().size() == 1);
    CHECK(c.Offered()[0]->version == "2");
}

TEST_CASE("catalog: shortest first, and a deleted file is removed") {
    TempDir dir;
    Write(dir.File("long.json"), Replace(Replace(Minimal(), "\"mini\"", "\"long\""), "\"version\": \"1\",", "\"version\": \"1\", \"estimated_minutes\": 15,"));
    Write(dir.File("short.json"), Replace(Replace(Minimal(), "\"mini\"", "\"short\""), "\"version\": \"1\",", "\"version\": \"1\", \"estimated_minutes\": 5,"));
    MemoryEventLog log;
    QuestionnaireCatalog c(dir.Path(), log);
    c.Refresh();
    REQUIRE(c.Offered().size() == 2);
    CHECK(c.Offered()[0]->id == "short");
    CHECK(c.Offered()[1]->id == "long");
    fs::remove(dir.File("short.json"));
    CHECK(c.Refresh());
    REQUIRE(c.Offered().size() == 1);
    CHECK(c.Offered()[0]->id == "long");
}

TEST_CASE("catalog: the kiosk picks up edits only when returning to the welcome screen") {
    TempDir dir;
    Write(dir.File("mini.json"), Minimal());
    HarnessOptions o;
    o.questionnairesDir = dir.Path();
    Harness h(o);
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    CHECK(h.Shows("Câu k"));
    Write(dir.File("mini.json"), Replace(Minimal(), "\"Câu k\"", "\"Câu k đã sửa\""));
    h.Frames(3);
    CHECK_FALSE(h.Shows("Câu k đã sửa"));  // never in the middle of someone's assessment
    h.Tap("question.leave");
    h.Tap("leave.confirm");
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    CHECK(h.Shows("Câu k đã sửa"));
}
