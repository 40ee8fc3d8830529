// Statistics: counts today / this week / all time, level distribution, means per area, competency,
// location, age band and gender, and small-cell suppression — all numbers worked out by hand below.
#include "storage/stats.h"
#include "storage/result_store.h"
#include "test_util.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace kiosk::storage;
using namespace kiosk::storage::test;

namespace {

const StatsCell& Find(const std::vector<StatsCell>& cells, const std::string& id) {
    for (const auto& c : cells)
        if (c.id == id) return c;
    FAIL("no cell " << id);
    static StatsCell none;
    return none;
}

// Today is Wednesday 2026-11-18; its ISO week started on Monday 2026-11-16.
//   A: 5 × (all scale items option 2, check right): overall 68.3 "high", a1 70.0, a2 66.7, c1 73.3, c2 = c3
//      66.7; 60-74 women. 4 at hai-chau (2 today, 1 on 11-16, 1 on 10-20), 1 at son-tra today.
//   B: 2 × (all option 3, check right): 100 "advanced" everywhere; under-30 men at hai-chau (today, 10-20).
//   plus 1 simulated result today, left out unless asked for.
std::string StatsDatabase(const TempDir& dir) {
    std::string path = dir.File("stats.db");
    auto q = MiniQuestionnaire();
    auto a = [&](const std::string& date) {
        return MakeRecord(q, FullAnswers(2, 0), date, "60-74", "female", "no");
    };
    auto b = [&](const std::string& date) {
        return MakeRecord(q, FullAnswers(3, 0), date, "under-30", "male", "yes");
    };
    {
        ResultStore store(ConfigAt(path));
        for (const char* d : {"2026-11-18", "2026-11-18", "2026-11-16", "2026-10-20"})
            store.Save(a(d)->record);
        store.Save(b("2026-11-18")->record);
        store.Save(b("2026-10-20")->record);
        store.Save(MakeRecord(q, FullAnswers(0, 1), "2026-11-18", "45-59", "other", "no", true)->record);
    }
    StoreConfig sonTra = ConfigAt(path);
    sonTra.locationCode = "son-tra";
    ResultStore(sonTra).Save(a("2026-11-18")->record);
    return path;
}

}  // namespace

TEST_CASE("stats count, average and suppress cells under k") {
    TempDir dir;
    std::string db = StatsDatabase(dir);
    StatsQuery q;
    q.k = 3;
    q.today = "2026-11-18";
    StatsReport r = QueryStats(db, q);
    CHECK(r.weekStart == "2026-11-16");
    CHECK(r.countTotal == 7);
    CHECK(r.countToday == 4);     // 2 A + 1 B at hai-chau, 1 A at son-tra
    CHECK(r.countThisWeek == 5);  // and the A of Monday 11-16
    REQUIRE(r.meanOverall);
    CHECK(*r.meanOverall == doctest::Approx(77.4));  // (5 · 68.3 + 2 · 100) / 7 = 77.36

    // Levels in the questionnaire's order: 5 high, 2 advanced (< 3: suppressed), the rest 0. With the
    // total of 7 shown, "high 5" would give away advanced = 7 − 5 = 2, so high is hidden as well
    // (complementary suppression): no count, no mean — nothing the dashboard could show as a number.
    REQUIRE(r.levels.size() == 5);
    CHECK(r.levels[0].id == "beginner");
    CHECK(r.levels[0].label == "Bắt đầu");
    CHECK(r.levels[0].suppressed);
    CHECK_FALSE(r.levels[0].complementary);  // empty: hiding it hides nothing
    const StatsCell& high = Find(r.levels, "high");
    CHECK(high.suppressed);
    CHECK(high.complementary);
    CHECK(high.count == 0);
    CHECK_FALSE(high.mean);
    const StatsCell& advanced = Find(r.levels, "advanced");
    CHECK(advanced.suppressed);
    CHECK(advanced.count == 0);  // the true 2 is never handed out
    CHECK_FALSE(advanced.mean);

    // Areas and competencies: every result assessed them all.
    CHECK(Find(r.areas, "a1").count == 7);
    CHECK(*Find(r.areas, "a1").mean == doctest::Approx(78.6));         // (5 · 70 + 200) / 7 = 78.57
    CHECK(*Find(r.areas, "a2").mean == doctest::Approx(76.2));         // (5 · 66.7 + 200) / 7 = 76.21
    CHECK(*Find(r.competencies, "c1").mean == doctest::Approx(80.9));  // (5 · 73.3 + 200) / 7 = 80.93
    CHECK(Find(r.competencies, "c1").label == "Năng lực 1");
    CHECK(Find(r.competencies, "c1").questionnaireId == "mini");

    // Location, age band and gender: in each, one cell of ≥ 3 beside hidden cells of 1 or 2 results, so
    // the big cell is hidden too (else 7 − it = the hidden ones), count and mean.
    REQUIRE(r.locations.size() == 2);
    const StatsCell& haiChau = Find(r.locations, "hai-chau");  // 6, beside son-tra's 1
    CHECK(haiChau.complementary);
    CHECK(haiChau.count == 0);
    CHECK_FALSE(haiChau.mean);
    CHECK(Find(r.locations, "son-tra").suppressed);
    CHECK_FALSE(Find(r.locations, "son-tra").complementary);
    REQUIRE(r.ageBands.size() == 6);  // every band, in order
    CHECK(r.ageBands[0].id == "under-30");
    CHECK(r.ageBands[0].suppressed);  // 2
    CHECK(Find(r.ageBands, "60-74").complementary);  // 5, beside under-30's 2
    CHECK(Find(r.ageBands, "60-74").count == 0);
    CHECK_FALSE(Find(r.ageBands, "60-74").mean);
    CHECK(Find(r.ageBands, "45-59").suppressed);  // the simulated one is not counted: 0
    REQUIRE(r.genders.size() == 4);
    CHECK(Find(r.genders, "female").complementary);  // 5, beside male's 2
    CHECK(Find(r.genders, "female").count == 0);
    CHECK(Find(r.genders, "male").suppressed);
    // Every breakdown: what total − visible cells leaves is no result or at least k.
    for (const auto* cells : {&r.levels, &r.locations, &r.ageBands, &r.genders}) {
        std::int64_t visible = 0;
        for (const auto& c : *cells) visible += c.count;
        CHECK((r.countTotal - visible == 0 || r.countTotal - visible >= q.k));
    }
    CHECK(Find(r.genders, "no-answer").label == "Không trả lời");
}

TEST_CASE("stats can include simulated results and filter by date") {
    TempDir dir;
    std::string db = StatsDatabase(dir);
    StatsQuery q;
    q.k = 3;
    q.today = "2026-11-18";
    q.filter.includeSimulated = true;
    CHECK(QueryStats(db, q).countTotal == 8);
    q.filter.includeSimulated = false;
    q.filter.from = "2026-11-01";
    StatsReport r = QueryStats(db, q);
    CHECK(r.countTotal == 5);
    // hai-chau 4 beside son-tra 1 (< 3): shown, it would give son-tra away as 5 − 4.
    CHECK(Find(r.locations, "hai-chau").complementary);
    CHECK(Find(r.locations, "hai-chau").count == 0);
    q.k = 1;  // no small cells: every count shown
    StatsReport all = QueryStats(db, q);
    CHECK(Find(all.locations, "hai-chau").count == 4);
    CHECK(Find(all.locations, "son-tra").count == 1);
    q.k = 5;
    r = QueryStats(db, q);
    CHECK(Find(r.locations, "hai-chau").suppressed);
    CHECK(r.countTotal == 5);  // totals are never suppressed
}

TEST_CASE("a mean over fewer than k scores is withheld even when the cell's count is shown") {
    TempDir dir;
    std::string db = dir.File("few.db");
    {
        ResultStore store(ConfigAt(db));
        auto q = MiniQuestionnaire();
        store.Save(MakeRecord(q, FullAnswers())->record);
        store.Save(MakeRecord(q, {})->record);  // nothing answered: nothing assessed
    }
    StatsQuery q;
    q.k = 2;
    q.today = "2026-11-18";
    StatsReport r = QueryStats(db, q);
    const StatsCell& loc = Find(r.locations, "hai-chau");
    CHECK(loc.count == 2);
    CHECK_FALSE(loc.mean);
    CHECK_FALSE(r.meanOverall);
    CHECK(Find(r.levels, "not-assessed").suppressed);  // 1 < 2
    CHECK(Find(r.areas, "a1").suppressed);             // assessed in 1 result only
}

TEST_CASE("stats as text and JSON show suppressed cells as <k and null") {
    TempDir dir;
    std::string db = StatsDatabase(dir);
    StatsQuery q;
    q.k = 3;
    q.today = "2026-11-18";
    q.language = "en";
    StatsReport r = QueryStats(db, q);
    std::string text = StatsToText(r, StatsBreakdown::Level, "en");
    CHECK(text.find("All time") != std::string::npos);
    CHECK(text.find("High [high]") != std::string::npos);
    CHECK(text.find("<3") != std::string::npos);
    CHECK(text.find("*") != std::string::npos);  // high, hidden so that advanced stays hidden
    CHECK(text.find(" 5 ") == std::string::npos);
    CHECK(text.find("By area") == std::string::npos);  // only the breakdown asked for
    CHECK(StatsToText(r, std::nullopt, "vi").find("Theo giới tính") != std::string::npos);

    auto j = nlohmann::json::parse(StatsToJson(r, std::nullopt));
    CHECK(j["counts"]["total"] == 7);
    CHECK(j["by"]["level"].size() == 5);
    for (const auto& cell : j["by"]["level"]) {
        if (cell["id"] == "high") {  // complementary: as hidden as a small cell
            CHECK(cell["count"].is_null());
            CHECK(cell["mean"].is_null());
            CHECK(cell["suppressed"] == true);
        }
        if (cell["id"] == "advanced") {
            CHECK(cell["count"].is_null());
            CHECK(cell["suppressed"] == true);
        }
    }
    CHECK(j["by"]["gender"].size() == 4);
    CHECK(ParseStatsBreakdown("age") == StatsBreakdown::Age);
    CHECK_FALSE(ParseStatsBreakdown("name"));
}
