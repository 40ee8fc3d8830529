// ResultStore on real temporary files: round trip, what a row holds (and does not), migrations from an
// empty file, refusal of foreign or newer files, corrupt files moved aside, invalid records rejected.
#include "storage/record_codec.h"
#include "storage/result_reader.h"
#include "storage/result_store.h"
#include "storage/sqlite_db.h"
#include "storage/schema.h"
#include "test_util.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>

using namespace kiosk::storage;
using namespace kiosk::storage::test;
using kiosk::core::AnswerMap;

namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteAll(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::vector<StoredResult> ReadAllResults(const std::string& path, bool includeSimulated = true) {
    ResultReader reader(path);
    ResultFilter f;
    f.includeSimulated = includeSimulated;
    std::vector<StoredResult> out;
    reader.ForEach(f, [&](const StoredResult& r) { out.push_back(r); });
    return out;
}

StorageErrorKind KindOfFailure(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const StorageError& e) {
        return e.Kind();
    }
    FAIL("expected a StorageError");
    return StorageErrorKind::Other;
}

}  // namespace

TEST_CASE("a saved result reads back field by field") {
    TempDir dir;
    std::string path = dir.File("var/kiosk.db");  // the parent directory does not exist yet
    auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers(2, 0), "2026-11-18", "60-74", "female", "yes");
    rec->record.language = "en";
    std::string id;
    {
        ResultStore store(ConfigAt(path));
        CHECK(store.Report().created);
        CHECK_FALSE(store.Report().corruptMovedAside);
        CHECK(store.Report().schemaVersion == schema::kVersion);
        id = store.Save(rec->record);
    }
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);

    auto rows = ReadAllResults(path);
    REQUIRE(rows.size() == 1);
    const StoredResult& r = rows[0];
    CHECK(r.id == id);
    CHECK(r.kioskId == "kiosk-7");
    CHECK(r.locationCode == "hai-chau");
    CHECK(r.questionnaireId == "mini");
    CHECK(r.questionnaireVersion == "1");
    CHECK(r.questionnaireSha256 == MiniQuestionnaire()->sha256);
    CHECK(r.date == "2026-11-18");
    CHECK(r.language == "en");
    CHECK(r.profile.ageBand == "60-74");
    CHECK(r.profile.gender == "female");
    CHECK(r.profile.assisted == "yes");
    CHECK_FALSE(r.simulated);
    // Hand-computed for minimal.json (weights k1 s2 a1; option 2 of 0..3 = 66.67; check answered right =
    // 100): c1 = (66.67 + 100 + 2·66.67 + 66.67) / 5 = 73.3; c2 = c3 = 66.7; a1 = (73.33 + 66.67) / 2 =
    // 70.0; a2 = 66.7; overall = (70 + 66.67) / 2 = 68.3 "high"; knowledge = (66.67 + 100) / 2 = 83.3.
    REQUIRE(r.overallScore);
    CHECK(*r.overallScore == doctest::Approx(68.3));
    CHECK(r.overallLevel == "high");
    CHECK(*r.dimensions[0] == doctest::Approx(83.3));
    CHECK(*r.dimensions[1] == doctest::Approx(66.7));
    CHECK(*r.dimensions[2] == doctest::Approx(66.7));
    REQUIRE(r.areas.size() == 2);
    CHECK(r.areas[0].id == "a1");
    CHECK(*r.areas[0].score == doctest::Approx(70.0));
    CHECK(r.areas[0].level == "high");
    CHECK(r.areas[1].id == "a2");
    CHECK(*r.areas[1].score == doctest::Approx(66.7));
    REQUIRE(r.competencies.size() == 3);
    CHECK(r.competencies[0].id == "c1");
    CHECK(*r.competencies[0].score == doctest::Approx(73.3));
    std::vector<std::pair<std::string, int>> expected = {{"c1-k", 2}, {"c1-q", 0}, {"c1-s", 2},
                                                         {"c1-a", 2}, {"c2-s", 2}, {"c3-s", 2}};
    CHECK(r.answers == expected);
}

TEST_CASE("not-assessed scores and unanswered items are stored as such") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    // Only area a1's first competency answered; c1-a answered with the excluded option (index 4).
    auto rec = MakeRecord(MiniQuestionnaire(), AnswerMap{{"c1-k", 3}, {"c1-a", 4}});
    ResultStore(ConfigAt(path)).Save(rec->record);
    auto rows = ReadAllResults(path);
    REQUIRE(rows.size() == 1);
    const StoredResult& r = rows[0];
    CHECK(r.answers == std::vector<std::pair<std::string, int>>{{"c1-k", 3}, {"c1-a", 4}});
    CHECK(*r.competencies[0].score == doctest::Approx(100.0));
    CHECK_FALSE(r.competencies[1].score.has_value());
    CHECK(r.competencies[1].level.empty());
    CHECK_FALSE(r.areas[1].score.has_value());
    CHECK(*r.overallScore == doctest::Approx(100.0));
    CHECK(r.overallLevel == "advanced");
    CHECK_FALSE(r.dimensions[1].has_value());  // no skill item answered
    CHECK_FALSE(r.dimensions[2].has_value());  // the attitude item was excluded
}

TEST_CASE("result ids are random 128-bit values and the table has no rowid") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    std::set<std::string> ids;
    {
        ResultStore store(ConfigAt(path));
        auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
        for (int i = 0; i < 50; ++i) ids.insert(store.Save(rec->record));
    }
    CHECK(ids.size() == 50);
    // Sorted by id, the rows are not in insertion order (50 random ids in order: chance 1/50!).
    auto rows = ReadAllResults(path);
    REQUIRE(rows.size() == 50);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].id < rows[i].id);

    sql::Connection db(path, SQLITE_OPEN_READONLY);
    CHECK_THROWS_AS(sql::Statement(db, "SELECT rowid FROM results"), StorageError);
    CHECK_THROWS_AS(sql::Statement(db, "SELECT rowid FROM questionnaires"), StorageError);
    CHECK(db.QueryText("PRAGMA journal_mode") == "wal");
    CHECK(db.QueryInt("PRAGMA user_version") == schema::kVersion);
    // Nothing else than the documented columns: no time of day, no free text.
    std::vector<std::string> columns;
    sql::Statement st(db, "SELECT name FROM pragma_table_info('results') ORDER BY cid");
    while (st.Step()) columns.emplace_back(st.Text(0));
    CHECK(columns == std::vector<std::string>{"id",
                                              "kiosk_id",
                                              "location_code",
                                              "questionnaire_id",
                                              "questionnaire_version",
                                              "questionnaire_sha256",
                                              "day",
                                              "language",
                                              "assisted",
                                              "age_band",
                                              "gender",
                                              "simulated",
                                              "overall_score",
                                              "overall_level",
                                              "knowledge",
                                              "skill",
                                              "attitude",
                                              "answers",
                                              "area_scores",
                                              "competency_scores"});
}

TEST_CASE("the questionnaire is stored once, byte for byte, with the results taken with it") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    {
        ResultStore store(ConfigAt(path));
        auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
        store.Save(rec->record);
        store.Save(rec->record);
    }
    ResultReader reader(path);
    auto qs = reader.Questionnaires(ResultFilter{});
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].exact);
    CHECK(qs[0].results == 2);
    CHECK(qs[0].document == ReadAll(FixturePath("fixtures/mini.json")));
}

TEST_CASE("a questionnaire whose file is gone is rebuilt from the loaded model") {
    TempDir dir;
    std::string qPath = dir.File("q.json");
    WriteAll(qPath, ReadAll(FixturePath("fixtures/mini.json")));
    auto loaded = kiosk::core::LoadQuestionnaireFile(qPath);
    REQUIRE(loaded.Ok());
    auto q = std::make_shared<const kiosk::core::Questionnaire>(*loaded.questionnaire);
    std::filesystem::remove(qPath);  // a trainer replaced or removed the file after the kiosk loaded it

    std::string path = dir.File("kiosk.db");
    ResultStore(ConfigAt(path)).Save(MakeRecord(q, FullAnswers())->record);
    ResultReader reader(path);
    auto qs = reader.Questionnaires(ResultFilter{});
    REQUIRE(qs.size() == 1);
    CHECK_FALSE(qs[0].exact);
    CHECK(qs[0].sha256 == q->sha256);  // still filed under the original file's hash
    auto rebuilt = kiosk::core::ParseQuestionnaire(qs[0].document, "rebuilt");
    REQUIRE(rebuilt.Ok());
    CHECK(rebuilt.questionnaire->ItemCount() == q->ItemCount());
    CHECK(rebuilt.questionnaire->FindItem("c1-q")->options.size() == 2);
    CHECK(rebuilt.questionnaire->FindItem("c1-q")->options[0].correct);
    CHECK(rebuilt.questionnaire->scoring.dimensionWeights[1] == 2);
    // Scoring the same answers against the rebuilt document gives the same result.
    auto a = kiosk::core::ScoreAnswers(*q, FullAnswers(1, 1));
    auto b = kiosk::core::ScoreAnswers(*rebuilt.questionnaire, FullAnswers(1, 1));
    CHECK(a.overall.score == b.overall.score);
    CHECK(a.dimensions == b.dimensions);
    CHECK(reader.Check().healthy);
}

TEST_CASE("an empty file is migrated and a reopened file is not migrated again") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    WriteAll(path, "");
    {
        ResultStore store(ConfigAt(path));
        CHECK(store.Report().created);
        CHECK(store.Report().schemaVersion == schema::kVersion);
        store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    }
    {
        ResultStore store(ConfigAt(path));
        CHECK_FALSE(store.Report().created);
        CHECK_FALSE(store.Report().corruptMovedAside);
        CHECK(store.Report().schemaVersion == schema::kVersion);
        CHECK(store.CountResults(false) == 1);
    }
    CHECK(ReadAllResults(path).size() == 1);
}

TEST_CASE("a database of another program or a newer schema is refused and left untouched") {
    TempDir dir;
    std::string foreign = dir.File("other.db");
    {
        sql::Connection db(foreign, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        db.Exec("CREATE TABLE contacts (name TEXT)");
    }
    std::string before = ReadAll(foreign);
    CHECK(KindOfFailure([&] { ResultStore s(ConfigAt(foreign)); }) == StorageErrorKind::Other);
    CHECK(KindOfFailure([&] { ResultReader r(foreign); }) == StorageErrorKind::Other);
    CHECK(ReadAll(foreign) == before);
    CHECK_FALSE(std::filesystem::exists(foreign + "-wal"));

    std::string newer = dir.File("newer.db");
    { ResultStore s(ConfigAt(newer)); }
    {
        sql::Connection db(newer, SQLITE_OPEN_READWRITE);
        db.Exec("PRAGMA user_version = 99");
    }
    try {
        ResultStore s(ConfigAt(newer));
        FAIL("a newer schema must be refused");
    } catch (const StorageError& e) {
        CHECK(e.Kind() == StorageErrorKind::Other);
        CHECK(std::string(e.what()).find("newer") != std::string::npos);
    }
    CHECK(KindOfFailure([&] { ResultReader r(newer); }) == StorageErrorKind::Other);
    CHECK(KindOfFailure([&] { ResultReader r(dir.File("missing.db")); }) == StorageErrorKind::CannotOpen);
    CHECK_FALSE(std::filesystem::exists(dir.File("missing.db")));
}

TEST_CASE("a file that is not a database is moved aside, never deleted, and a new one is created") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    std::string garbage(40000, 'x');
    WriteAll(path, garbage);
    ResultStore store(ConfigAt(path));
    const OpenReport& report = store.Report();
    CHECK(report.corruptMovedAside);
    CHECK(report.created);
    REQUIRE_FALSE(report.movedAsidePath.empty());
    CHECK(report.movedAsidePath.rfind(path + ".corrupt-", 0) == 0);
    CHECK(ReadAll(report.movedAsidePath) == garbage);
    CHECK(store.CountResults(false) == 0);
    store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    CHECK(store.CountResults(false) == 1);
}

TEST_CASE("a database with damaged pages is moved aside together with its write-ahead log") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    {
        ResultStore store(ConfigAt(path));
        auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
        std::vector<ResultRecord> batch(400, rec->record);
        store.SaveBatch(batch);
    }
    // Closing the last connection checkpointed the log into the file. Now commit a few more results that
    // stay in the log (as after a power cut), then scribble over the b-tree pages of the main file.
    {
        sql::Connection db(path, SQLITE_OPEN_READWRITE);
        sqlite3_db_config(db.Handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        db.Exec(
            "INSERT INTO results SELECT randomblob(16), kiosk_id, location_code, questionnaire_id,"
            " questionnaire_version, questionnaire_sha256, day, language, assisted, age_band, gender,"
            " simulated, overall_score, overall_level, knowledge, skill, attitude, answers, area_scores,"
            " competency_scores FROM results LIMIT 5");
    }
    std::string wal = ReadAll(path + "-wal");
    REQUIRE(wal.size() > 32);
    std::string bytes = ReadAll(path);
    REQUIRE(bytes.size() > 5 * 16384);
    for (std::size_t i = 2 * 16384; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
    WriteAll(path, bytes);

    ResultStore store(ConfigAt(path));
    CHECK(store.Report().corruptMovedAside);
    CHECK(ReadAll(store.Report().movedAsidePath) == bytes);
    CHECK(ReadAll(store.Report().movedAsidePath + "-wal") == wal);  // not checkpointed into the bad file
    CHECK(store.CountResults(false) == 0);                          // and not replayed into the new one
}

TEST_CASE("records that break the rules are refused before anything is written") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    ResultStore store(ConfigAt(path));
    auto q = MiniQuestionnaire();
    auto refuse = [&](const ResultRecord& r, const char* why) {
        INFO(why);
        CHECK(KindOfFailure([&] { store.Save(r); }) == StorageErrorKind::Other);
    };
    auto base = MakeRecord(q, FullAnswers());
    ResultRecord r = base->record;
    r.date = "2026-02-30";
    refuse(r, "an impossible date");
    r = base->record;
    r.date = "2026-11-18T09:15";
    refuse(r, "a time of day");
    r = base->record;
    r.language = "fr";
    refuse(r, "a language the questionnaire does not have");
    r = base->record;
    r.profile.ageBand = "42";
    refuse(r, "an exact age");
    r = base->record;
    r.result = nullptr;
    refuse(r, "no result");
    auto unknown = MakeRecord(q, AnswerMap{{"c1-k", 1}});
    unknown->answers["name"] = 0;  // after scoring: the record would carry an unknown item
    refuse(unknown->record, "an unknown item");
    auto range = MakeRecord(q, AnswerMap{{"c1-q", 1}});
    range->answers["c1-q"] = 2;  // a knowledge check with 2 options
    refuse(range->record, "an option index out of range");
    auto other = MakeRecord(q, FullAnswers());
    other->result.questionnaireVersion = "0";
    refuse(other->record, "a result for another version");
    std::vector<ResultRecord> batch = {base->record, base->record, range->record};
    CHECK(KindOfFailure([&] { store.SaveBatch(batch); }) == StorageErrorKind::Other);
    CHECK(store.CountResults(false) == 0);
    CHECK(store.CountResults(true) == 0);
}

TEST_CASE("a transaction that fails half-way leaves nothing behind") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    { ResultStore s(ConfigAt(path)); }
    sql::Connection db(path, SQLITE_OPEN_READWRITE);
    std::string id = codec::NewResultId();
    auto insert = [&](sql::Statement& st) {
        st.BindBlob(1, id.data(), id.size());
        st.Step();
    };
    try {
        sql::Transaction tx(db, sql::Transaction::Mode::Write);
        db.Exec("INSERT INTO questionnaires VALUES ('q', '1', '" + std::string(64, 'a') + "', 'doc', 1)");
        sql::Statement st(
            db, "INSERT INTO results VALUES (?1, 'k', 'loc', 'q', '1', '" + std::string(64, 'a') +
                    "', '2026-01-01', 'vi', 'no', 'no-answer', 'no-answer', 0, NULL, NULL, NULL, NULL,"
                    " NULL, '{}', '{}', '{}')");
        insert(st);
        // The second write violates a CHECK: the whole transaction must go, including the rows above.
        sql::Statement bad(db, "INSERT INTO results (id) VALUES (?1)");
        insert(bad);
        tx.Commit();
        FAIL("the constraint violation must throw");
    } catch (const StorageError& e) {
        CHECK(e.Kind() == StorageErrorKind::Other);
    }
    CHECK_FALSE(db.InTransaction());
    CHECK(db.QueryInt("SELECT count(*) FROM results") == 0);
    CHECK(db.QueryInt("SELECT count(*) FROM questionnaires") == 0);
}

TEST_CASE("storage error kinds have stable names") {
    CHECK(std::string(StorageErrorKindName(StorageErrorKind::DiskFull)) == "disk-full");
    CHECK(std::string(StorageErrorKindName(StorageErrorKind::ReadOnly)) == "read-only");
    CHECK(std::string(StorageErrorKindName(StorageErrorKind::Corrupt)) == "corrupt");
    CHECK(TodayLocalDate().size() == 10);
}
