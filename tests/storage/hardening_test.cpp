// Issue 10's storage classes, each as the attack or accident that succeeded on the old main: a write-ahead
// log discarded when its main file was lost, one damaged row blocking every export, exports joined by id
// to undo suppression, totals minus visible cells revealing a hidden one, groups keyed on too few columns,
// formula injection, non-finite scores, and exports replacing things that are not regular files.
#include "kiosk/core/csv_field.h"
#include "storage/disk_state.h"
#include "storage/export.h"
#include "storage/result_reader.h"
#include "storage/result_store.h"
#include "storage/sqlite_db.h"
#include "storage/stats.h"
#include "test_util.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace kiosk;
using namespace kiosk::storage;
using namespace kiosk::storage::test;
namespace fs = std::filesystem;

namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteAll(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}


std::map<std::string, std::size_t> Columns(const std::vector<std::string>& header) {
    std::map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto open = header[i].rfind('['), close = header[i].rfind(']');
        if (open != std::string::npos && close > open) out[header[i].substr(open + 1, close - open - 1)] = i;
    }
    return out;
}

ExportSummary ExportCsv(const std::string& db, const std::string& out, Period period, int k,
                        const std::string& from = "", const std::string& to = "") {
    ResultReader reader(db);
    ExportOptions o;
    o.period = period;
    o.k = k;
    o.filter.from = from;
    o.filter.to = to;
    return ExportResults(reader, o, out);
}

// `n` results with random profiles, languages and days, from two kiosks at two locations.
void FillRandom(const std::string& db, int n, unsigned seed) {
    std::mt19937 rng(seed);
    auto q = MiniQuestionnaire();
    const char* ages[] = {"under-30", "30-44", "45-59", "60-74", "75-plus", "no-answer"};
    const char* genders[] = {"female", "male", "other", "no-answer"};
    const char* assisted[] = {"yes", "no", "no-answer"};
    for (int kiosk = 0; kiosk < 2; ++kiosk) {
        StoreConfig c = ConfigAt(db);
        c.kioskId = kiosk ? "kiosk-b" : "kiosk-a";
        c.locationCode = kiosk ? "son-tra" : "hai-chau";
        ResultStore store(c);
        std::vector<std::unique_ptr<OwnedRecord>> owned;
        std::vector<ResultRecord> batch;
        for (int i = 0; i < n / 2; ++i) {
            // Skewed: most citizens are alike, a few are rare (the ones suppression must protect).
            auto pick = [&](int size) { return rng() % 4 ? 0 : static_cast<int>(rng() % static_cast<unsigned>(size)); };
            auto r = MakeRecord(q, FullAnswers(static_cast<int>(rng() % 4), static_cast<int>(rng() % 2)),
                                "2026-11-" + std::to_string(10 + rng() % 14), ages[pick(6)], genders[pick(4)],
                                assisted[pick(3)]);
            r->record.language = rng() % 5 ? "vi" : "en";
            batch.push_back(r->record);
            owned.push_back(std::move(r));
        }
        store.SaveBatch(batch);
    }
}

}  // namespace

TEST_CASE("A write-ahead log whose main file was lost is moved aside and its results recovered") {
    TempDir dir;
    const std::string live = dir.File("live.db");
    auto q = MiniQuestionnaire();
    StoreConfig config = ConfigAt(live);
    ResultStore store(config);
    for (int i = 0; i < 40; ++i) store.Save(MakeRecord(q, FullAnswers(i % 4))->record);
    // The state an interrupted copy or a bad restore leaves: the log with every result, the main file empty.
    fs::create_directory(dir.File("copy"));
    const std::string copy = dir.File("copy/kiosk.db");
    REQUIRE(fs::file_size(live + "-wal") > 0);
    fs::copy_file(live + "-wal", copy + "-wal");
    WriteAll(copy, "");
    const std::string walBytes = ReadAll(copy + "-wal");

    // check-db (the reader) refuses to touch it and says why.
    CHECK_THROWS_AS(ResultReader{copy}, StorageError);
    CHECK(InspectDatabaseFiles(copy).state == DiskState::LogWithoutMain);

    ResultStore reopened(ConfigAt(copy));
    const OpenReport& report = reopened.Report();
    CHECK_FALSE(report.unexpectedState.empty());
    CHECK(report.recoveredFromLog);
    CHECK(report.recoveredResults == 40);
    CHECK(reopened.CountResults(false) == 40);  // the old main created a new, empty database here
    // The original set is kept exactly as found.
    REQUIRE_FALSE(report.movedAsidePath.empty());
    CHECK(ReadAll(report.movedAsidePath + "-wal") == walBytes);
    CHECK(MovedAsideSets(copy).size() == 1);
}

TEST_CASE("Property: opening the store in any damaged on-disk state loses no byte and no result") {
    TempDir dir, sourceDir;
    auto q = MiniQuestionnaire();
    // A source of real main/log bytes: 12 results, every one still in the log.
    const std::string live = sourceDir.File("source.db");
    ResultStore source(ConfigAt(live));
    for (int i = 0; i < 12; ++i) source.Save(MakeRecord(q, FullAnswers(i % 4))->record);
    const std::string realWal = ReadAll(live + "-wal");
    const std::string realMain = ReadAll(live);
    enum Part { Missing, Empty, Garbage, Real };
    int n = 0;
    for (int main = Missing; main <= Real; ++main) {
        for (int wal = Missing; wal <= Real; ++wal) {
            CAPTURE(main);
            CAPTURE(wal);
            const std::string db = dir.File("s" + std::to_string(n++) + ".db");
            std::map<std::string, std::string> before;  // non-empty original files: their bytes
            auto put = [&](const std::string& path, int part, const std::string& real) {
                if (part == Missing) return;
                std::string bytes = part == Empty ? "" : part == Garbage ? std::string(5000, 'G') : real;
                WriteAll(path, bytes);
                if (!bytes.empty()) before[path] = bytes;
            };
            put(db, main, realMain);
            put(db + "-wal", wal, realWal);
            const bool unexpected = InspectDatabaseFiles(db).Unexpected();
            std::int64_t results = -1;
            try {
                ResultStore store(ConfigAt(db));
                results = store.CountResults(false);
            } catch (const StorageError& e) {
                MESSAGE("refused: " << e.what());
            }
            // A set SQLite would mishandle is kept byte for byte (moved aside, never rewritten).
            if (unexpected) {
                std::multiset<std::string> contents;
                for (const auto& e : fs::directory_iterator(dir.Path())) contents.insert(ReadAll(e.path().string()));
                for (const auto& [path, bytes] : before) CHECK_MESSAGE(contents.count(bytes) >= 1, path);
            }
            // With the real log present (and no conflicting main) every result is there.
            if (wal == Real && main != Garbage) CHECK(results == 12);
        }
    }
}

TEST_CASE("A damaged row is quarantined: reported by id, and every other row exported and counted") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    auto q = MiniQuestionnaire();
    std::string damagedId;
    {
        ResultStore store(ConfigAt(db));
        for (int i = 0; i < 9; ++i) store.Save(MakeRecord(q, FullAnswers(i % 4))->record);
        damagedId = store.Save(MakeRecord(q, FullAnswers())->record);
    }
    {
        sql::Connection c(db, SQLITE_OPEN_READWRITE);
        c.Exec("UPDATE results SET area_scores = '{broken' || '}' WHERE id = X'" + damagedId + "'");
        REQUIRE(sqlite3_changes(c.Handle()) == 1);
    }
    ExportSummary s = ExportCsv(db, dir.File("out.csv"), Period::Month, 1);  // the old main threw here
    CHECK(s.rows == 9);
    REQUIRE(s.quarantined.size() == 1);
    CHECK(s.quarantined[0].rfind(damagedId, 0) == 0);
    CHECK(ParseCsv(ReadAll(dir.File("out.csv"))).size() == 10);  // header + 9
    StatsQuery sq;
    sq.k = 1;
    StatsReport r = QueryStats(db, sq);
    CHECK(r.countTotal == 9);
    CHECK(r.quarantined.size() == 1);
}

TEST_CASE("Two exports of the same results cannot be joined by id or by row order") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    FillRandom(db, 60, 7);
    ExportCsv(db, dir.File("day.csv"), Period::Day, 5);
    ExportCsv(db, dir.File("month.csv"), Period::Month, 5);
    auto day = ParseCsv(ReadAll(dir.File("day.csv"))), month = ParseCsv(ReadAll(dir.File("month.csv")));
    REQUIRE(day.size() > 1);
    REQUIRE(month.size() > 1);
    std::size_t idDay = Columns(day[0]).at("result_id"), idMonth = Columns(month[0]).at("result_id");
    std::set<std::string> ids;
    for (std::size_t i = 1; i < day.size(); ++i) ids.insert(day[i][idDay]);
    int shared = 0;
    for (std::size_t i = 1; i < month.size(); ++i) shared += ids.count(month[i][idMonth]);
    CHECK(shared == 0);
    // The same export made twice does not list the rows in the same order either.
    ExportCsv(db, dir.File("month2.csv"), Period::Month, 5);
    auto month2 = ParseCsv(ReadAll(dir.File("month2.csv")));
    std::size_t score = Columns(month[0]).at("score.overall");
    int sameAtSamePlace = 0;
    for (std::size_t i = 1; i < month.size() && i < month2.size(); ++i)
        sameAtSamePlace += month[i][score] == month2[i][score];
    CHECK(sameAtSamePlace < static_cast<int>(month.size()) - 1);
}

TEST_CASE("Property: every combination of exported quasi-identifiers is shared by at least k rows") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    FillRandom(db, 400, 11);
    const std::vector<std::string> qi = {"period",   "kiosk_id", "location_code", "questionnaire_id",
                                         "questionnaire_version", "questionnaire_sha256", "language",
                                         "assisted", "age_band", "gender"};
    for (int k : {2, 5}) {
        for (Period p : {Period::Day, Period::Week, Period::Month}) {
            CAPTURE(k);
            const std::string out = dir.File("e.csv");
            ExportSummary s = ExportCsv(db, out, p, k);
            auto rows = ParseCsv(ReadAll(out));
            auto cols = Columns(rows[0]);
            std::map<std::string, int> groups;
            for (std::size_t i = 1; i < rows.size(); ++i) {
                std::string key;
                for (const auto& id : qi) key += rows[i][cols.at(id)] + '\x1f';
                ++groups[key];
            }
            for (const auto& [key, count] : groups) CHECK_MESSAGE(count >= k, key);
            CHECK(s.rows + s.withheldRows == 400);
        }
    }
}

TEST_CASE("stats (and so the dashboard) hide enough cells that no hidden count or mean follows by subtraction") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    auto q = MiniQuestionnaire();
    {
        ResultStore store(ConfigAt(db));
        for (int i = 0; i < 12; ++i) store.Save(MakeRecord(q, FullAnswers(i % 4), "2026-11-18", "30-44", "female")->record);
        store.Save(MakeRecord(q, FullAnswers(3), "2026-11-18", "75-plus", "male")->record);  // the only man
    }
    StatsQuery sq;
    sq.k = 5;
    sq.today = "2026-11-18";
    StatsReport r = QueryStats(db, sq);
    REQUIRE(r.countTotal == 13);
    REQUIRE(r.meanOverall);
    for (const auto* cells : {&r.genders, &r.ageBands, &r.locations, &r.levels}) {
        // Counts: total − visible cells is what the hidden cells hold together.
        std::int64_t visible = 0, meanCount = 0;
        double visibleSum = 0;
        for (const auto& c : *cells) {
            visible += c.count;
            if (c.mean) {
                meanCount += c.count;
                visibleSum += *c.mean * static_cast<double>(c.count);
            }
        }
        std::int64_t hidden = r.countTotal - visible;  // what an attacker works out
        CHECK((hidden == 0 || hidden >= sq.k));
        // Means: overall mean × total − visible cells' sums = the sum behind the cells without a mean; over
        // fewer than k results (e.g. the one man) that is their mean, so it must be 0 or at least k.
        std::int64_t withoutMean = r.countTotal - meanCount;
        CHECK((withoutMean == 0 || withoutMean >= sq.k));
    }
    // The one man's score (100) must not follow from the gender breakdown: female is hidden too.
    for (const auto& c : r.genders) CHECK_FALSE(c.mean);
}

TEST_CASE("Kiosk and location codes that look like formulas are neutralised in CSV exports") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    auto q = MiniQuestionnaire();
    {
        StoreConfig c = ConfigAt(db);
        c.kioskId = "=HYPERLINK(\"http://evil\",\"x\")";
        c.locationCode = "@SUM(1)";
        ResultStore store(c);
        for (int i = 0; i < 3; ++i) store.Save(MakeRecord(q, FullAnswers())->record);
    }
    ExportCsv(db, dir.File("out.csv"), Period::Month, 1);
    auto rows = ParseCsv(ReadAll(dir.File("out.csv")));
    for (const auto& row : rows)
        for (const auto& cell : row) CHECK_FALSE(core::IsFormulaLike(cell));
    auto cols = Columns(rows[0]);
    CHECK(rows[1][cols.at("kiosk_id")] == "'=HYPERLINK(\"http://evil\",\"x\")");
}

TEST_CASE("Non-finite scores are refused by the store and found by the health check") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    auto q = MiniQuestionnaire();
    ResultStore store(ConfigAt(db));
    auto r = MakeRecord(q, FullAnswers());
    r->result.overall.score = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(store.Save(r->record), StorageError);
    r->result.overall.score = std::nan("");
    CHECK_THROWS_AS(store.Save(r->record), StorageError);
    std::string id = store.Save(MakeRecord(q, FullAnswers())->record);
    {
        sql::Connection c(db, SQLITE_OPEN_READWRITE);
        c.Exec("UPDATE results SET overall_score = 9e999, day = '2026-13-31' WHERE id = X'" + id + "'");
    }
    ResultReader reader(db);
    HealthReport h = reader.Check(true);
    CHECK_FALSE(h.healthy);  // the old check called it healthy
    CHECK(h.damaged == 1);
    ExportOptions o;
    o.format = ExportFormat::Json;
    o.k = 1;
    ExportResults(reader, o, dir.File("out.json"));
    CHECK(ReadAll(dir.File("out.json")).find("inf") == std::string::npos);
}

TEST_CASE("An export never replaces a FIFO, device or symlink, and cleans up interrupted exports") {
    TempDir dir;
    const std::string db = dir.File("k.db");
    auto q = MiniQuestionnaire();
    {
        ResultStore store(ConfigAt(db));
        store.Save(MakeRecord(q, FullAnswers())->record);
    }
    const std::string fifo = dir.File("fifo.csv");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    try {
        ExportCsv(db, fifo, Period::Month, 1);
        FAIL("the FIFO was replaced");
    } catch (const StorageError& e) {
        CHECK(e.Place() == StoragePlace::OutputFile);
    }
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    if (::access("/dev/full", W_OK) == 0 && ::geteuid() == 0) {
        CHECK_THROWS_AS(ExportCsv(db, "/dev/full", Period::Month, 1), StorageError);
        REQUIRE(::lstat("/dev/full", &st) == 0);
        CHECK(S_ISCHR(st.st_mode));
    }
    fs::create_directory(dir.File("stick"));
    const std::string stale = dir.File("stick/old.csv.partial-0badf00d");
    WriteAll(stale, "half an export");
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(1));
    ExportSummary s = ExportCsv(db, dir.File("stick/new.csv"), Period::Month, 1);
    CHECK(s.stalePartialsRemoved == 1);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(dir.File("stick/new.csv")));
}
