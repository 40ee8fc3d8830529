// Exports: CSV and JSON against golden files (made with a fixed id key, so ids and order are reproducible),
// XLSX read back with liborcus, ordering by the keyed id, the small-group rule over every exported
// quasi-identifier, simulated results, several questionnaire versions, and writing while exporting.
#include "kiosk/core/csv_field.h"
#include "storage/export.h"
#include "storage/result_reader.h"
#include "storage/result_store.h"
#include "storage/sqlite_db.h"
#include "test_util.h"
#include "xlsx_read.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <regex>

using namespace kiosk::storage;
using namespace kiosk::storage::test;
using kiosk::core::AnswerMap;

namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

void SetId(const std::string& db, const std::string& fromHex, const std::string& toHex) {
    sql::Connection c(db, SQLITE_OPEN_READWRITE);
    c.Exec("UPDATE results SET id = X'" + toHex + "' WHERE id = X'" + fromHex + "'");
    REQUIRE(sqlite3_changes(c.Handle()) == 1);
}

// Three results with fixed ids, saved in an order unlike their id order:
//   80…00  2026-11-18 (W47)  60-74 female, not assisted, every scale item option 2, check right
//   ff…ff  2026-11-16 (W47)  60-74 female, assisted,     every scale item option 3, check right
//   00…01  2027-01-01 (2026-W53) under-30 male, only c1-k answered (option 1)
std::string GoldenDatabase(const TempDir& dir) {
    std::string path = dir.File("golden.db");
    auto q = MiniQuestionnaire();
    auto r1 = MakeRecord(q, FullAnswers(2, 0), "2026-11-18", "60-74", "female", "no");
    auto r2 = MakeRecord(q, FullAnswers(3, 0), "2026-11-16", "60-74", "female", "yes");
    auto r3 = MakeRecord(q, AnswerMap{{"c1-k", 1}}, "2027-01-01", "under-30", "male", "no-answer");
    std::string id1, id2, id3;
    {
        ResultStore store(ConfigAt(path));
        id1 = store.Save(r1->record);
        id2 = store.Save(r2->record);
        id3 = store.Save(r3->record);
    }
    SetId(path, id1, "80000000000000000000000000000000");
    SetId(path, id2, "ffffffffffffffffffffffffffffffff");
    SetId(path, id3, "00000000000000000000000000000001");
    return path;
}

ExportSummary Export(const std::string& db, ExportOptions o, const std::string& out) {
    ResultReader reader(db);
    return ExportResults(reader, o, out);
}

// A fixed key for the exported ids, so golden files are reproducible (real exports use a fresh random one).
const std::string kGoldenIdKey = "golden-file-id-key-0123456789abc";  // 32 bytes

// The stored ids GoldenDatabase gives its results: none of them may appear in an export.
const std::vector<std::string> kStoredIds = {"80000000000000000000000000000000", "ffffffffffffffffffffffffffffffff",
                                             "00000000000000000000000000000001"};


std::size_t Col(const std::vector<std::string>& header, const std::string& id) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i].size() > id.size() + 2 &&
            header[i].compare(header[i].size() - id.size() - 2, std::string::npos, "[" + id + "]") == 0)
            return i;
    FAIL("no column " << id);
    return 0;
}

}  // namespace

TEST_CASE("CSV export matches the golden file: BOM, CRLF, quoting, keyed-id order, week periods, k = 2") {
    TempDir dir;
    std::string db = GoldenDatabase(dir);
    ExportOptions o;
    o.format = ExportFormat::Csv;
    o.k = 2;
    o.idKey = kGoldenIdKey;
    std::string out = dir.File("out.csv");
    ExportSummary s = Export(db, o, out);
    // The two 2026-W47 women differ in "assisted", which is in the key: each alone, so both are written
    // with their profile suppressed (a group of 2 at that step). The 2026-W53 man is alone at every step:
    // withheld.
    CHECK(s.rows == 2);
    CHECK(s.suppressedRows == 2);
    CHECK(s.withheldRows == 1);
    std::string golden =
        Replace(ReadAll(FixturePath("golden/export-week-k2.csv")), "@SHA@", MiniQuestionnaire()->sha256);
    CHECK(ReadAll(out) == golden);
    auto rows = ParseCsv(ReadAll(out));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][0] < rows[2][0]);  // in keyed-id order
    for (std::size_t i = 1; i < rows.size(); ++i)
        for (const auto& stored : kStoredIds) CHECK(rows[i][0] != stored);
    // The same key gives the same file; another key gives other ids.
    o.idKey = std::string(32, 'x');
    Export(db, o, dir.File("other.csv"));
    auto other = ParseCsv(ReadAll(dir.File("other.csv")));
    REQUIRE(other.size() == 3);
    for (std::size_t i = 1; i < 3; ++i) CHECK((other[i][0] != rows[1][0] && other[i][0] != rows[2][0]));
    std::filesystem::remove(dir.File("other.csv"));
    // No temporary file is left beside the export.
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.Path()))
        files +=
            e.path().filename() != "golden.db" && e.path().filename().string().rfind("golden.db", 0) != 0;
    CHECK(files == 1);
}

TEST_CASE("JSON export matches the golden file and parses") {
    TempDir dir;
    std::string db = GoldenDatabase(dir);
    ExportOptions o;
    o.format = ExportFormat::Json;
    o.k = 2;
    o.period = Period::Month;
    o.language = "en";
    o.idKey = kGoldenIdKey;
    std::string out = dir.File("out.json");
    Export(db, o, out);
    std::string text = ReadAll(out);
    CHECK(text ==
          Replace(ReadAll(FixturePath("golden/export-month-k2.json")), "@SHA@", MiniQuestionnaire()->sha256));
    auto doc = nlohmann::json::parse(text);
    // By month as by week: the women differ in "assisted" (profiles suppressed), the man is withheld.
    REQUIRE(doc["results"].size() == 2);
    // The questionnaire's count is of the rows written: the stored 3 would say one row was withheld.
    CHECK(doc["questionnaires"][0]["results"] == 2);
    for (const auto& r : doc["results"]) {
        CHECK(r["gender"] == "suppressed");
        CHECK(r["period"] == "2026-11");
        for (const auto& stored : kStoredIds) CHECK(r["id"] != stored);
    }
}

TEST_CASE("the small-group rule counts every exported quasi-identifier over the exported rows") {
    TempDir dir;
    std::string db = GoldenDatabase(dir);
    // A fourth result: a 60-74 woman, not assisted, on Tuesday of 2026-W47 — the same on every exported
    // quasi-identifier as the 80…00 result by week, not by day. Rows are told apart by overall score
    // (68.3 = 80…00, 100.0 = ff…ff, 33.3 = 00…01, 5.0 = this one), as ids differ in every export.
    {
        ResultStore store(ConfigAt(db));
        store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers(0, 0), "2026-11-17", "60-74", "female", "no")->record);
    }
    ExportSummary last;
    auto profileOf = [&](ExportOptions o) {
        std::string out = dir.File("rule.csv");
        last = Export(db, o, out);
        auto rows = ParseCsv(ReadAll(out));
        std::map<std::string, std::string> ageByScore;
        for (std::size_t i = 1; i < rows.size(); ++i)
            ageByScore[rows[i][Col(rows[0], "score.overall")]] = rows[i][Col(rows[0], "age_band")];
        return ageByScore;
    };
    ExportOptions o;
    o.k = 2;
    // By week the two not-assisted 60-74 women share 2026-W47 and everything else: a group of 2, shown.
    // The assisted one is alone, with or without her profile: withheld (old rule: shown as 60-74, as
    // "assisted" was not in the key). The W53 man is alone: withheld (old rule: shown, suppressed).
    auto week = profileOf(o);
    CHECK(week.size() == 2);
    CHECK(week["68.3"] == "60-74");
    CHECK(week["5.0"] == "60-74");
    CHECK(last.withheldRows == 2);
    // By day everyone is alone: nothing is written, everything withheld.
    o.period = Period::Day;
    CHECK(profileOf(o).empty());
    CHECK(last.withheldRows == 4);
    // A date filter that drops the Tuesday result leaves 80…00 alone even by week: withheld.
    o.period = Period::Week;
    o.filter.from = "2026-11-18";
    auto filtered = profileOf(o);
    CHECK(filtered.count("68.3") == 0);
    CHECK(last.rows + last.withheldRows == 2);  // 80…00 (11-18) and 00…01 (2027-01-01)
    // k = 1 shows everything; the default k = 5 withholds everything here.
    o.filter = {};
    o.k = 1;
    auto all = profileOf(o);
    CHECK(all.size() == 4);
    for (const auto& [score, age] : all) CHECK(age != "suppressed");
    o.k = 5;
    CHECK(profileOf(o).empty());
    CHECK(last.withheldRows == 4);
}

TEST_CASE("a different location is a different small group") {
    TempDir dir;
    std::string db = dir.File("loc.db");
    auto q = MiniQuestionnaire();
    auto rec = MakeRecord(q, FullAnswers(), "2026-11-18", "45-59", "male", "no");
    StoreConfig a = ConfigAt(db), b = ConfigAt(db);
    b.locationCode = "son-tra";
    {
        ResultStore s(a);
        s.SaveBatch(std::vector<ResultRecord>(5, rec->record));
    }
    {
        ResultStore s(b);
        s.SaveBatch(std::vector<ResultRecord>(4, rec->record));
    }
    // k = 5: the 4 at son-tra are a group of 4 at every step (their profile, language, then kiosk and
    // location suppressed, no other row is generalised as far), so they are withheld — not, as under the
    // old rule, written with a suppressed profile beside a shown location (a group of 4 all the same).
    ExportOptions o;
    std::string out = dir.File("loc.csv");
    ExportSummary s = Export(db, o, out);
    CHECK(s.suppressedRows == 0);
    CHECK(s.withheldRows == 4);
    auto rows = ParseCsv(ReadAll(out));
    REQUIRE(rows.size() == 6);
    std::size_t loc = Col(rows[0], "location_code"), gender = Col(rows[0], "gender"),
                assisted = Col(rows[0], "assisted");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i][loc] == "hai-chau");
        CHECK(rows[i][gender] == "male");
        CHECK(rows[i][assisted] == "no");
        CHECK(rows[i][Col(rows[0], "score.overall")] == "68.3");  // scores are never suppressed
    }
    // k = 4: both locations are groups of k, every row shown in full.
    o.k = 4;
    s = Export(db, o, out);
    CHECK(s.rows == 9);
    CHECK(s.suppressedRows == 0);
    rows = ParseCsv(ReadAll(out));
    int sonTra = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        sonTra += rows[i][loc] == "son-tra";
        CHECK(rows[i][gender] == "male");
    }
    CHECK(sonTra == 4);
}

TEST_CASE("simulated results are left out unless asked for, and then marked") {
    TempDir dir;
    std::string db = dir.File("sim.db");
    auto q = MiniQuestionnaire();
    {
        ResultStore s(ConfigAt(db));
        s.Save(MakeRecord(q, FullAnswers())->record);
        auto sim = MakeRecord(q, FullAnswers(1, 1), "2026-11-18", "60-74", "female", "no", true);
        s.Save(sim->record);
        s.Save(sim->record);
    }
    std::string out = dir.File("sim.csv");
    ExportOptions o;
    o.k = 1;  // what is written (no small-group rule); the rule itself is checked with k = 2 below
    CHECK(Export(db, o, out).rows == 1);
    auto rows = ParseCsv(ReadAll(out));
    for (const auto& h : rows[0]) CHECK(h.find("[simulated]") == std::string::npos);
    o.filter.includeSimulated = true;
    CHECK(Export(db, o, out).rows == 3);
    rows = ParseCsv(ReadAll(out));
    std::size_t col = Col(rows[0], "simulated");
    int yes = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) yes += rows[i][col] == "yes";
    CHECK(yes == 2);
    // "simulated" is a written column, so it is in the small-group key: at k = 2 the two simulated
    // results form a group, the one real result (otherwise alike) is alone and withheld.
    o.k = 2;
    ExportSummary s = Export(db, o, out);
    CHECK(s.rows == 2);
    CHECK(s.withheldRows == 1);
    rows = ParseCsv(ReadAll(out));
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i][col] == "yes");
}

TEST_CASE("results of two questionnaire versions export together, labelled from the stored copies") {
    TempDir dir;
    std::string v1Path = dir.File("mini-v1.json");
    std::filesystem::copy_file(FixturePath("fixtures/mini.json"), v1Path);
    auto load = [](const std::string& p) {
        auto r = kiosk::core::LoadQuestionnaireFile(p);
        REQUIRE(r.Ok());
        return std::make_shared<const kiosk::core::Questionnaire>(*r.questionnaire);
    };
    auto v1 = load(v1Path);
    auto v2 = load(FixturePath("fixtures/mini-v2.json"));
    std::string db = dir.File("v.db");
    {
        ResultStore s(ConfigAt(db));
        s.Save(MakeRecord(v1, FullAnswers())->record);
        auto answers = FullAnswers();
        answers["c3-s2"] = 0;
        s.Save(MakeRecord(v2, answers)->record);
    }
    std::filesystem::remove(v1Path);  // the trainer replaced version 1 by version 2
    std::string out = dir.File("v.csv");
    ExportOptions o;
    o.k = 1;
    o.language = "en";
    Export(db, o, out);
    auto rows = ParseCsv(ReadAll(out));
    REQUIRE(rows.size() == 3);
    std::size_t version = Col(rows[0], "questionnaire_version"), added = Col(rows[0], "item.c3-s2"),
                c3 = Col(rows[0], "score.competency.c3");
    CHECK(rows[0][added] == "New item s3 [item.c3-s2]");
    CHECK(rows[0][Col(rows[0], "item.c1-k")] == "Item k, \"with a comma\" [item.c1-k]");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i][version] == "1") {
            CHECK(rows[i][added].empty());
            CHECK(rows[i][c3] == "66.7");
        } else {
            CHECK(rows[i][version] == "2");
            CHECK(rows[i][added] == "0");
            CHECK(rows[i][c3] == "33.3");  // c3 = (2·66.67 + 2·0) / 4
        }
    }
    // A filter on another questionnaire id exports a header only.
    o.filter.questionnaireId = "other";
    CHECK(Export(db, o, out).rows == 0);
    CHECK(ParseCsv(ReadAll(out)).size() == 1);
}

TEST_CASE("XLSX export opens back: data sheet with numbers and text, labels sheet with options") {
    TempDir dir;
    std::string db = GoldenDatabase(dir);
    ExportOptions o;
    o.format = ExportFormat::Xlsx;
    o.k = 2;
    o.idKey = kGoldenIdKey;
    std::string out = dir.File("out.xlsx");
    ExportSummary s = Export(db, o, out);
    CHECK(s.rows == 2);  // R3 (alone in 2026-W53) is withheld by the small-group rule

    Workbook wb = ReadWorkbook(out);
    REQUIRE(wb.sheetNames.size() == 2);
    CHECK(wb.sheetNames[0] == "Dữ liệu");
    CHECK(wb.sheetNames[1] == "Nhãn");
    auto text = [&](int sheet, int row, int col) {
        auto it = wb.strings.find({sheet, row, col});
        return it == wb.strings.end() ? std::string("(none)") : it->second;
    };
    auto number = [&](int sheet, int row, int col) {
        auto it = wb.numbers.find({sheet, row, col});
        return it == wb.numbers.end() ? -1.0 : it->second;
    };
    int lastRow = 0, lastCol = 0;
    for (const auto& [where, v] : wb.strings) {
        if (std::get<0>(where) != 0) continue;
        lastRow = std::max(lastRow, std::get<1>(where));
        lastCol = std::max(lastCol, std::get<2>(where));
    }
    CHECK(lastRow == 2);   // header + 2 results
    CHECK(lastCol == 31);  // 32 columns
    CHECK(text(0, 0, 0) == "Mã kết quả [result_id]");
    CHECK(text(0, 0, 26) == "Câu k, \"có dấu phẩy\" [item.c1-k]");
    // Rows in keyed-id order: R1 (68.3, high, items 2) and R2 (100.0, advanced, items 3) in either order.
    CHECK(text(0, 1, 0) < text(0, 2, 0));
    int r1 = number(0, 1, 11) == doctest::Approx(68.3) ? 1 : 2, r2 = 3 - r1;
    for (int row : {1, 2}) {
        CHECK(std::regex_match(text(0, row, 0), std::regex("[0-9a-f]{32}")));
        for (const auto& stored : kStoredIds) CHECK(text(0, row, 0) != stored);
        CHECK(text(0, row, 1) == "2026-W47");
        CHECK(text(0, row, 8) == "suppressed");  // they differ in "assisted": profiles suppressed
    }
    CHECK(text(0, r1, 12) == "high");
    CHECK(number(0, r1, 11) == doctest::Approx(68.3));
    CHECK(number(0, r2, 11) == doctest::Approx(100.0));
    CHECK(number(0, r1, 26) == 2);
    CHECK(number(0, r2, 26) == 3);
    int numbersOnData = 0;
    for (const auto& [where, v] : wb.numbers) numbersOnData += std::get<0>(where) == 0;
    // R1 and R2 each: overall, 3 dimensions, 2 areas, 3 competencies and 6 items = 15. Levels and
    // everything else are text.
    CHECK(numbersOnData == 15 + 15);

    // Labels: a row per column, with option lists for items.
    bool found = false;
    for (int r = 1; r < 40; ++r) {
        if (text(1, r, 0) != "item.c1-q") continue;
        found = true;
        CHECK(text(1, r, 1) == "Câu q");
        CHECK(text(1, r, 2) == "0 = Đúng (đúng); 1 = Sai; trống = không trả lời");
        CHECK(text(1, r, 3) == "mini 1");
    }
    CHECK(found);
}

TEST_CASE("an export reads one snapshot and a kiosk can save while it runs") {
    TempDir dir;
    std::string db = dir.File("busy.db");
    auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
    ResultStore store(ConfigAt(db));
    store.SaveBatch(std::vector<ResultRecord>(20, rec->record));

    ResultReader reader(db);
    int seen = 0, savedDuring = 0;
    reader.Snapshot([&] {
        reader.ForEach(ResultFilter{}, [&](const StoredResult&) {
            ++seen;
            // The reader holds its snapshot open; the kiosk's save must still commit at once.
            store.Save(rec->record);
            ++savedDuring;
        });
        CHECK(reader.CountResults(ResultFilter{}) == 20);  // still the snapshot
    });
    CHECK(seen == 20);
    CHECK(savedDuring == 20);
    CHECK(reader.CountResults(ResultFilter{}) == 40);
}

TEST_CASE("export errors are typed and leave no file behind") {
    TempDir dir;
    std::string db = GoldenDatabase(dir);
    ExportOptions o;
    try {
        Export(db, o, dir.File("no-such-dir/out.csv"));
        FAIL("expected an error");
    } catch (const StorageError& e) {
        CHECK(e.Kind() == StorageErrorKind::CannotOpen);
    }
    CHECK_FALSE(std::filesystem::exists(dir.File("no-such-dir")));
    // An export aimed at the database itself (or its log) must not replace it.
    std::string before = ReadAll(db);
    for (const std::string& target : {db, db + "-wal", dir.File("./golden.db")}) {
        INFO(target);
        CHECK_THROWS_AS(Export(db, o, target), StorageError);
    }
    CHECK(ReadAll(db) == before);
}

TEST_CASE("CSV fields are quoted only when RFC 4180 needs it") {
    std::string out;
    kiosk::core::AppendCsvField(out, "plain Tiếng Việt");
    out += '|';
    kiosk::core::AppendCsvField(out, "a,b");
    out += '|';
    kiosk::core::AppendCsvField(out, "say \"hi\"");
    out += '|';
    kiosk::core::AppendCsvField(out, "two\r\nlines");
    CHECK(out == "plain Tiếng Việt|\"a,b\"|\"say \"\"hi\"\"\"|\"two\r\nlines\"");
}
