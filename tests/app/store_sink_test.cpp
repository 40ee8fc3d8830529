// The kiosk's storage wiring with the real SQLite store on temporary files: a tapped-through assessment
// lands in the database exactly as tapped; a full disk, an unopenable path and a damaged database each
// end calmly (out of service / staff notice), and nothing is lost.
#include "harness.h"
#include "take_assessment.h"

#include "kiosk/app/store_sink.h"
#include "storage/result_reader.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::ui::test;

namespace {

storage::StoreConfig ConfigAt(const std::string& path) {
    storage::StoreConfig c;
    c.path = path;
    c.kioskId = "test-kiosk";
    c.locationCode = "20194";
    return c;
}

std::vector<storage::StoredResult> ReadAllResults(const std::string& path) {
    std::vector<storage::StoredResult> out;
    storage::ResultReader reader(path);
    reader.ForEach({}, [&](const storage::StoredResult& r) { out.push_back(r); });
    return out;
}

}  // namespace

TEST_CASE("app: a tapped-through result is in the database, anonymous and exactly as tapped") {
    TempDir dir;
    const std::string db = dir.File("kiosk.db");
    MemoryEventLog sinkLog;
    app::StoreSink sink(ConfigAt(db), sinkLog);
    HarnessOptions o;
    o.sink = &sink;
    Harness h(o);
    h.clock.today = storage::TodayLocalDate();  // the flow stamps the day from its clock
    core::AnswerMap tapped = TakeAssessment(h, 4);
    REQUIRE(h.CurrentScreen() == Screen::Result);

    auto results = ReadAllResults(db);
    REQUIRE(results.size() == 1);
    const auto& r = results[0];
    CHECK(r.kioskId == "test-kiosk");
    CHECK(r.locationCode == "20194");
    CHECK(r.questionnaireId == "mini");
    CHECK(r.date == storage::TodayLocalDate());
    CHECK(r.language == "vi");
    CHECK(r.profile.ageBand == "75-plus");
    CHECK(r.profile.gender == core::kNoAnswer);
    CHECK_FALSE(r.simulated);
    core::AnswerMap stored(r.answers.begin(), r.answers.end());
    CHECK(stored == tapped);
    // Option 1 of a 0–3 scale is 33.3; the knowledge check's option 1 is wrong (0):
    // c1 = (33.3 + 0 + 2·33.3 + 33.3)/5 = 26.7, c2 = 33.3 -> area 1 = 30.0; area 2 = 33.3; overall 31.7.
    REQUIRE(r.overallScore);
    CHECK(*r.overallScore == doctest::Approx(31.7));
    CHECK(r.overallLevel == "basic");

    // The practice path stores nothing.
    h.Tap("result.done");
    h.Tap("thanks.anywhere");
    h.Tap("welcome.start");
    h.Tap("consent.decline");
    while (h.CurrentScreen() == Screen::Question) {
        h.Tap("option.0");
        h.Tap("question.next");
    }
    h.Tap("profile.skip");
    REQUIRE(h.CurrentScreen() == Screen::Result);
    CHECK(ReadAllResults(db).size() == 1);
}

TEST_CASE("app: a full disk at saving time -> out of service, the result kept and saved once there is room") {
    TempDir dir;
    const std::string db = dir.File("kiosk.db");
    {
        // Create the database first, so the limit below bites at the first save and not at creation.
        storage::ResultStore create(ConfigAt(db));
    }
    storage::StoreConfig small = ConfigAt(db);
    small.maxSizeBytes = static_cast<std::int64_t>(std::filesystem::file_size(db));
    MemoryEventLog sinkLog;
    app::StoreSink full(small, sinkLog);
    // A questionnaire too big for the free space left in the file's pages (it is stored beside the result).
    TempDir qdir;
    {
        std::ifstream in(SourcePath("tests/fixtures/minimal.json"));
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        text.insert(text.find('{') + 1, "\"x-padding\": \"" + std::string(30000, 'p') + "\",");
        std::ofstream(qdir.File("big.json")) << text;
    }
    HarnessOptions o;
    o.questionnairesDir = qdir.Path();
    o.sink = &full;
    Harness h(o);
    TakeAssessment(h, 1);
    REQUIRE(h.CurrentScreen() == Screen::OutOfService);
    CHECK(h.log.Contains("disk-full"));
    CHECK(h.controller->PendingResults() == 1);
    CHECK(ReadAllResults(db).empty());
}

TEST_CASE("app: a database that cannot be opened keeps the kiosk out of service, then recovers") {
    TempDir dir;
    // The database's folder is a file: nothing can be created there until staff fix it.
    const std::string blocker = dir.File("var");
    std::ofstream(blocker) << "not a folder";
    const std::string db = blocker + "/kiosk.db";
    MemoryEventLog sinkLog;
    app::StoreSink sink(ConfigAt(db), sinkLog);
    HarnessOptions o;
    o.sink = &sink;
    Harness h(o);
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    CHECK(h.log.Contains("cannot open the result store"));
    std::filesystem::remove(blocker);
    std::filesystem::create_directory(blocker);
    h.Advance(core::Millis(30'000));
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    TakeAssessment(h, 0);
    CHECK(ReadAllResults(db).size() == 1);
}

TEST_CASE("app: a damaged database is moved aside, flagged for staff, and the kiosk keeps serving") {
    TempDir dir;
    const std::string db = dir.File("kiosk.db");
    std::ofstream(db) << std::string(40000, 'x');
    MemoryEventLog sinkLog;
    app::StoreSink sink(ConfigAt(db), sinkLog);
    HarnessOptions o;
    o.sink = &sink;
    Harness h(o);
    CHECK(h.CurrentScreen() == Screen::Welcome);
    REQUIRE(h.controller->StaffNotices().size() == 1);
    CHECK(h.controller->StaffNotices()[0].find("moved aside") != std::string::npos);
    bool staffLine = false;
    for (const auto& l : h.log.lines) staffLine = staffLine || (l.level == LogLevel::Staff && l.message.find(".corrupt-") != std::string::npos);
    CHECK(staffLine);
    TakeAssessment(h, 0);
    CHECK(ReadAllResults(db).size() == 1);
}
