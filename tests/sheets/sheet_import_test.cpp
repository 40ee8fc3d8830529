// Sheet -> questionnaire: problems named by sheet row and column, all at once. The expected messages are
// written out by hand from the sheet layout; they are what a trainer reads.
#include "kiosk/sheets/csv.h"
#include "kiosk/sheets/questionnaire_sheets.h"
#include "sheet_test_util.h"

#include <algorithm>

using namespace sheets_test;
using namespace kiosk::sheets;

namespace {

const std::string kHeader =
    "area_id,area_title_vi,area_title_en,competency_id,competency_title_vi,competency_title_en,item_id,"
    "dimension,"
    "scale,text_vi,text_en,option1_vi,option1_en,option2_vi,option2_en,option3_vi,option3_en,correct\n";
// Rows 2-4 of a valid sheet: a scale item, a knowledge check (correct = option 1), a skill item.
const std::string kRow2 =
    "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu k,Item k,,,,,,,\n";
const std::string kRow3 = ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,Sai,Wrong,,,1\n";
const std::string kRow4 = ",,,,,,c1-s,skill,s4,Câu s,Item s,,,,,,,\n";

// META.json of tests/fixtures/minimal.json: languages vi/en, one scale "s4", the five levels.
std::string MiniMeta() {
    return ExportMetaJson(LoadValid(SourcePath("tests/fixtures/minimal.json")));
}

ImportResult ImportCsv(const std::string& csv, std::optional<std::string> meta = MiniMeta()) {
    CsvParseResult parsed = ParseCsv(csv);
    REQUIRE(parsed.errors.empty());
    Workbook book;
    book.fromCsv = true;
    book.sheets.push_back(Sheet{"items", parsed.rows, {}, {}});
    ImportOptions options;
    options.sheetFile = "items.csv";
    options.metaBytes = std::move(meta);
    options.metaFile = "META.json";
    options.defaultId = "my-quiz";
    return ImportWorkbook(book, options);
}

ImportResult ImportBook(const Workbook& book) {
    ImportOptions options;
    options.sheetFile = "book.xlsx";
    options.defaultId = "book";
    return ImportWorkbook(book, options);
}

// The cell under `column` (header name) in spreadsheet row `row` of `sheet`.
std::string& CellOf(Workbook& book, const std::string& sheet, std::size_t row, const std::string& column) {
    for (auto& s : book.sheets) {
        if (s.name != sheet) continue;
        auto& header = s.rows.at(0);
        auto it = std::find(header.begin(), header.end(), column);
        REQUIRE_MESSAGE(it != header.end(), "no column " << column);
        auto& cells = s.rows.at(row - 1);
        cells.resize(std::max(cells.size(), header.size()));
        return cells[static_cast<std::size_t>(it - header.begin())];
    }
    FAIL("no sheet " << sheet);
    throw 0;
}

// The meta sheet row holding `key`.
std::size_t MetaRow(const Workbook& book, const std::string& key) {
    const Sheet* meta = book.Find("meta");
    for (std::size_t r = 0; r < meta->rows.size(); ++r)
        if (meta->Cell(r, 0) == key) return r + 1;
    FAIL("no meta key " << key);
    return 0;
}

Workbook MiniBook() {
    return ExportWorkbook(LoadValid(SourcePath("tests/fixtures/minimal.json")), false);
}

// One message per line, so a failing check prints both lists readably.
std::string Lines(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

void CheckErrors(const ImportResult& r, const std::vector<std::string>& expected) {
    CHECK_FALSE(r.Ok());
    CHECK(r.json.empty());
    CHECK(Lines(r.errors) == Lines(expected));
}

}  // namespace

TEST_CASE("import: a valid items sheet gives the questionnaire") {
    ImportResult r = ImportCsv(kHeader + kRow2 + kRow3 + kRow4);
    for (const auto& e : r.errors) MESSAGE(e);
    REQUIRE(r.Ok());
    const auto& q = *r.questionnaire;
    CHECK(q.id == "mini");
    REQUIRE(q.areas.size() == 1);
    REQUIRE(q.areas[0].competencies.size() == 1);
    const auto& items = q.areas[0].competencies[0].items;
    REQUIRE(items.size() == 3);
    CHECK(items[0].id == "c1-k");
    CHECK(q.scales.at(static_cast<std::size_t>(items[0].scaleIndex)).id == "s4");
    CHECK(items[1].IsKnowledgeCheck());
    REQUIRE(items[1].options.size() == 2);
    CHECK(items[1].options[0].correct);
    CHECK(items[1].options[0].label.at("en") == "Right");
    CHECK_FALSE(items[1].options[1].correct);
    CHECK(items[2].dimension == kiosk::core::Dimension::Skill);
    CHECK(kiosk::core::ParseQuestionnaire(r.json, "x.json").Ok());
}

TEST_CASE("import: a bad dimension is named by row, item and column") {
    ImportResult r = ImportCsv(kHeader + kRow2 + kRow3 + ",,,,,,c1-s,skil,s4,Câu s,Item s,,,,,,,\n");
    CheckErrors(r,
                {"items.csv: row 4 (item c1-s): column \"dimension\": must be knowledge, skill or attitude, "
                 "found \"skil\""});
}

TEST_CASE("import: dimension and column names ignore case and surrounding spaces") {
    std::string header = kHeader;
    header.replace(header.find("item_id"), 7, " Item_ID ");
    ImportResult r = ImportCsv(header + kRow2 + kRow3 + ",,,,,,c1-s, Skill ,s4,Câu s,Item s,,,,,,,\n");
    for (const auto& e : r.errors) MESSAGE(e);
    CHECK(r.Ok());
}

TEST_CASE("import: a missing text is named with its language column") {
    ImportResult r = ImportCsv(
        kHeader + "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu k,  ,,,,,,,\n");
    CheckErrors(
        r, {"items.csv: row 2 (item c1-k): column \"text_en\": must not be empty: every item needs a text "
            "in each language"});
}

TEST_CASE("import: a duplicate item id points at the first use") {
    ImportResult r = ImportCsv(kHeader + kRow2 + kRow3 + ",,,,,,c1-k,skill,s4,Câu s,Item s,,,,,,,\n");
    CheckErrors(r,
                {"items.csv: row 4 (item c1-k): column \"item_id\": item id \"c1-k\" is also used on row 2; "
                 "every item needs its own id"});
}

TEST_CASE("import: an unknown scale lists the scales there are") {
    ImportResult r = ImportCsv(
        kHeader + "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s5,Câu k,Item k,,,,,,,\n");
    CheckErrors(r,
                {"items.csv: row 2 (item c1-k): column \"scale\": unknown scale \"s5\"; the scales are: s4"});
}

TEST_CASE("import: correct must be the number of an option") {
    for (std::string bad : {"3", "0", "1.5", "first"}) {
        CAPTURE(bad);
        ImportResult r = ImportCsv(kHeader + kRow2 +
                                   ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,Sai,Wrong,,," + bad + "\n");
        CheckErrors(
            r, {"items.csv: row 3 (item c1-q): column \"correct\": must be the number of the correct option, "
                "1 to 2, found \"" +
                bad + "\""});
    }
    ImportResult empty =
        ImportCsv(kHeader + kRow2 + ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,Sai,Wrong,,,\n");
    CheckErrors(
        empty, {"items.csv: row 3 (item c1-q): column \"correct\": must not be empty: give the number of the "
                "correct option (1 to 2)"});
}

TEST_CASE("import: every problem is reported at once, in row order") {
    ImportResult r =
        ImportCsv(kHeader +
                  "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s5,Câu k,,,,,,,,\n"
                  ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,Sai,Wrong,,,3\n"
                  ",,,,,,c1-k,skil,s4,Câu s,Item s,,,,,,,\n");
    CheckErrors(
        r,
        {
            "items.csv: row 2 (item c1-k): column \"text_en\": must not be empty: every item needs a text in "
            "each language",
            "items.csv: row 2 (item c1-k): column \"scale\": unknown scale \"s5\"; the scales are: s4",
            "items.csv: row 3 (item c1-q): column \"correct\": must be the number of the correct option, 1 "
            "to 2, found \"3\"",
            "items.csv: row 4 (item c1-k): column \"item_id\": item id \"c1-k\" is also used on row 2; every "
            "item needs its own id",
            "items.csv: row 4 (item c1-k): column \"dimension\": must be knowledge, skill or attitude, found "
            "\"skil\"",
        });
}

TEST_CASE("import: options are numbered without gaps, and an item has a scale or options") {
    SUBCASE("a gap") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,,,Sai,Wrong,1\n");
        CheckErrors(
            r,
            {"items.csv: row 3 (item c1-q): column \"option2_vi\": empty, but option 3 is given: number the "
             "options 1, 2, 3, … without gaps"});
    }
    SUBCASE("an option in one language only") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,Sai,,,,1\n");
        CheckErrors(
            r, {"items.csv: row 3 (item c1-q): column \"option2_en\": must not be empty: every answer option "
                "needs a text in each language"});
    }
    SUBCASE("one option only") {
        ImportResult r = ImportCsv(kHeader + kRow2 + ",,,,,,c1-q,knowledge,,Câu q,Item q,Đúng,Right,,,,,1\n");
        CheckErrors(
            r, {"items.csv: row 3 (item c1-q): column \"option2_vi\": must not be empty: a knowledge check "
                "needs at least 2 options"});
    }
    SUBCASE("both") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + ",,,,,,c1-q,knowledge,s4,Câu q,Item q,Đúng,Right,Sai,Wrong,,,1\n");
        CheckErrors(
            r, {"items.csv: row 3 (item c1-q): column \"scale\": an item uses a scale or has its own answer "
                "options (option1_…), not both; clear one of them",
                "items.csv: row 3 (item c1-q): column \"correct\": must be empty: only a knowledge check (an "
                "item with its own options) has a correct answer"});
    }
    SUBCASE("neither") {
        ImportResult r = ImportCsv(kHeader + kRow2 + ",,,,,,c1-x,skill,,Câu x,Item x,,,,,,,\n");
        CheckErrors(
            r,
            {"items.csv: row 3 (item c1-x): column \"scale\": must not be empty: name a scale (s4), or give "
             "answer options in option1_vi, option2_vi, … for a knowledge check"});
    }
}

TEST_CASE("import: area and competency cells carry over, and must not contradict or repeat later") {
    SUBCASE("valid: a second competency and a second area, titles repeated identically") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + ",,,c2,Năng lực 2,Competency 2,c2-s,skill,s4,Câu,Item,,,,,,,\n" +
                      "a2,Lĩnh vực 2,Area 2,c3,Năng lực 3,Competency 3,c3-s,skill,s4,Câu,Item,,,,,,,\n" +
                      "a2,Lĩnh vực 2,,c3,,Competency 3,c3-a,attitude,s4,Câu,Item,,,,,,,\n");
        for (const auto& e : r.errors) MESSAGE(e);
        REQUIRE(r.Ok());
        REQUIRE(r.questionnaire->areas.size() == 2);
        CHECK(r.questionnaire->areas[0].competencies.size() == 2);
        CHECK(r.questionnaire->areas[1].competencies[0].items.size() == 2);
    }
    SUBCASE("an area split in two") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 +
                      "a2,Lĩnh vực 2,Area 2,c2,Năng lực 2,Competency 2,c2-s,skill,s4,Câu,Item,,,,,,,\n" +
                      "a1,,,c3,Năng lực 3,Competency 3,c3-s,skill,s4,Câu,Item,,,,,,,\n");
        CheckErrors(
            r,
            {"items.csv: row 4 (item c3-s): column \"area_id\": area \"a1\" already started on row 2; keep "
             "the rows of one area together"});
    }
    SUBCASE("a new area without its competency") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + "a2,Lĩnh vực 2,Area 2,,,,c2-s,skill,s4,Câu,Item,,,,,,,\n");
        CheckErrors(
            r,
            {"items.csv: row 3 (item c2-s): column \"competency_id\": must not be empty: a new area starts "
             "on this row, so name its first competency"});
    }
    SUBCASE("a later row contradicts the competency title") {
        ImportResult r =
            ImportCsv(kHeader + kRow2 + ",,,,Năng lực khác,,c1-s,skill,s4,Câu s,Item s,,,,,,,\n");
        CheckErrors(
            r, {"items.csv: row 3 (item c1-s): column \"competency_title_vi\": differs from row 2, where the "
                "competency starts; leave this cell empty or give the same text"});
    }
    SUBCASE("the first row has no area") {
        ImportResult r =
            ImportCsv(kHeader + ",,,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu k,Item k,,,,,,,\n");
        CheckErrors(
            r, {"items.csv: row 2 (item c1-k): column \"area_id\": must not be empty: the first item row "
                "names its area"});
    }
}

TEST_CASE("import: optional texts are all-or-nothing across languages") {
    std::string header = kHeader;
    header.back() = ',';
    header += "recommendation_vi,recommendation_en\n";
    ImportResult r = ImportCsv(
        header +
        "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu k,Item k,,,,,,,,Học thêm,\n");
    CheckErrors(
        r, {"items.csv: row 2 (item c1-k): column \"recommendation_en\": must not be empty: the "
            "recommendation is given in another language, so it is needed in this one too (or leave all of "
            "them empty)"});
}

TEST_CASE("import: column names are checked once, in row 1") {
    SUBCASE("a typo and the column it leaves missing") {
        std::string header = kHeader;
        header.replace(header.find("dimension"), 9, "dimention");
        ImportResult r = ImportCsv(header + kRow2);
        CheckErrors(
            r,
            {"items.csv: row 1: column \"dimention\": unknown column (did you mean \"dimension\"?); to keep "
             "notes in a column, start its name with x- or note",
             "items.csv: row 1: column \"dimension\": missing column: add a column with this name in row 1"});
    }
    SUBCASE("a language the questionnaire does not have") {
        std::string header = kHeader;
        header.back() = ',';
        ImportResult r = ImportCsv(header + "text_fr\n" + kRow2);
        CheckErrors(
            r,
            {"items.csv: row 1: column \"text_fr\": \"fr\" is not one of the questionnaire's languages (vi, "
             "en); add it to \"languages\" or rename the column"});
    }
    SUBCASE("the same name twice") {
        std::string header = kHeader;
        header.back() = ',';
        ImportResult r = ImportCsv(header + "text_vi\n" + kRow2);
        CheckErrors(
            r, {"items.csv: row 1: column \"text_vi\": the column name is used twice (columns J and S)"});
    }
    SUBCASE("notes columns are ignored") {
        std::string header = kHeader;
        header.back() = ',';
        ImportResult r = ImportCsv(header + "x-comment,Notes\n" +
                                   "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu "
                                   "k,Item k,,,,,,,,ok?,xem lại\n");
        for (const auto& e : r.errors) MESSAGE(e);
        CHECK(r.Ok());
    }
}

TEST_CASE("import: ragged rows: short rows are padded, cells beyond the named columns are reported") {
    ImportResult shortRow = ImportCsv(
        kHeader + "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency 1,c1-k,knowledge,s4,Câu k,Item k\n");
    for (const auto& e : shortRow.errors) MESSAGE(e);
    CHECK(shortRow.Ok());
    ImportResult longRow = ImportCsv(kHeader + kRow2.substr(0, kRow2.size() - 1) + ",,forgotten text\n");
    CheckErrors(longRow,
                {"items.csv: row 2: column \"T\": this cell is in a column without a name in row 1, so it "
                 "would be lost; name the column or move the text"});
}

TEST_CASE("import: blank rows are skipped and do not shift row numbers") {
    ImportResult r =
        ImportCsv(kHeader + kRow2 + "\n,,,,,,,,,,,,,,,,,\n" + ",,,,,,c1-s,skil,s4,Câu s,Item s,,,,,,,\n");
    CheckErrors(r,
                {"items.csv: row 5 (item c1-s): column \"dimension\": must be knowledge, skill or attitude, "
                 "found \"skil\""});
}

TEST_CASE("import: an empty items sheet") {
    ImportResult r = ImportCsv(kHeader);
    CheckErrors(r, {"items.csv: has no items: from row 2 on, write one item per row"});
}

TEST_CASE("import: without META.json the built-in defaults give scales, levels and metadata") {
    ImportResult r = ImportCsv(kHeader +
                                   "a1,Lĩnh vực 1,Area 1,c1,Năng lực 1,Competency "
                                   "1,c1-k,knowledge,knowledge-4,Câu k,Item k,,,,,,,\n" +
                                   ",,,,,,c1-s,skill,skill-4,Câu s,Item s,,,,,,,\n",
                               std::nullopt);
    for (const auto& e : r.errors) MESSAGE(e);
    REQUIRE(r.Ok());
    CHECK(r.questionnaire->id == "my-quiz");
    CHECK(r.questionnaire->version == "1");
    CHECK(r.questionnaire->scales.size() == 3);
    CHECK(r.questionnaire->scoring.levels.size() == 5);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("built-in defaults") != std::string::npos);
}

TEST_CASE("import: the built-in defaults are the shipped questionnaire's scales and levels") {
    auto shipped = ParseJson(ReadFile(ShippedPath("danang-dcf.json")));
    auto defaults = ParseJson(DefaultMetaJson("x"));
    CHECK(defaults["languages"] == shipped["languages"]);
    CHECK(defaults["scales"] == shipped["scales"]);
    CHECK(defaults["scoring"] == shipped["scoring"]);
}

TEST_CASE("import: problems in META.json name the file and the JSON place") {
    SUBCASE("syntax") {
        ImportResult r = ImportCsv(kHeader + kRow2, std::string("{\n  \"id\": \"x\",\n  oops\n}"));
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].rfind("META.json: ", 0) == 0);
        CHECK(r.errors[0].find("line 3") != std::string::npos);
    }
    SUBCASE("content, mapped to META.json rather than to a sheet") {
        auto meta = ParseJson(MiniMeta());
        meta["scoring"]["levels"][1]["min"] = 0;
        ImportResult r = ImportCsv(kHeader + kRow2, meta.dump());
        CheckErrors(r,
                    {"META.json: /scoring/levels/1/min: levels must be sorted by strictly increasing min"});
    }
    SUBCASE("a whole questionnaire may serve as META.json: its areas are ignored") {
        ImportResult r = ImportCsv(kHeader + kRow2, ReadFile(SourcePath("tests/fixtures/minimal.json")));
        for (const auto& e : r.errors) MESSAGE(e);
        REQUIRE(r.Ok());
        CHECK(r.questionnaire->ItemCount() == 1);
        CHECK(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
            return n.find("\"areas\" are not used") != std::string::npos;
        }));
    }
}

TEST_CASE("import workbook: the validator's findings are mapped back to sheet rows") {
    SUBCASE("meta: an id the format does not allow") {
        Workbook book = MiniBook();
        std::size_t row = MetaRow(book, "id");
        CellOf(book, "meta", row, "value") = "Mini Quiz";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"meta\", row " + std::to_string(row) +
                     " (key id): column \"value\": must use only a-z, 0-9 and '-' and start with a "
                     "letter or digit, found \"Mini Quiz\""});
    }
    SUBCASE("levels out of order") {
        Workbook book = MiniBook();
        CellOf(book, "levels", 4, "min") = "10";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"levels\", row 4 (level good): column \"min\": levels must be "
                     "sorted by strictly increasing min"});
    }
    SUBCASE("a scale with the same value twice") {
        Workbook book = MiniBook();
        CellOf(book, "scales", 3, "value") = "0";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"scales\", row 2 (scale s4): option values must be distinct"});
    }
    SUBCASE("all weights 0") {
        Workbook book = MiniBook();
        for (const char* key : {"weight_knowledge", "weight_skill", "weight_attitude"})
            CellOf(book, "meta", MetaRow(book, key), "value") = "0";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"meta\", row " + std::to_string(MetaRow(book, "weight_knowledge")) +
                     " (key weight_knowledge): column \"value\": the weights must not all be 0"});
    }
}

TEST_CASE("import workbook: sheet-level checks of the meta, scales and levels sheets") {
    SUBCASE("a missing title and a bad number") {
        Workbook book = MiniBook();
        std::size_t titleRow = MetaRow(book, "title_en"), minutesRow = MetaRow(book, "estimated_minutes");
        CellOf(book, "meta", titleRow, "key") = "";
        CellOf(book, "meta", titleRow, "value") = "";
        CellOf(book, "meta", minutesRow, "value") = "about ten";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"meta\" (key title_en): missing: add a row with the key "
                     "\"title_en\" (the title in every language)",
                     "book.xlsx: sheet \"meta\", row " + std::to_string(minutesRow) +
                         " (key estimated_minutes): column \"value\": must be a number, found \"about "
                         "ten\""});
    }
    SUBCASE("an unknown key") {
        Workbook book = MiniBook();
        std::size_t row = MetaRow(book, "recommend_below");
        CellOf(book, "meta", row, "key") = "recomend_below";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"meta\", row " + std::to_string(row) +
                     " (key recomend_below): column \"key\": unknown key (did you mean "
                     "\"recommend_below\"?); to keep a note, start the key with x- or note"});
    }
    SUBCASE("a value on an excluded option, and a decimal comma that is fine") {
        Workbook book = MiniBook();
        CellOf(book, "scales", 6, "value") = "4";  // row 6: "I prefer not to answer", excluded
        CellOf(book, "scales", 5, "value") = "3,5";
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"scales\", row 6 (scale s4): column \"value\": must be empty: "
                     "an excluded option (such as \"I prefer not to answer\") has no value and is "
                     "left out of the score"});
    }
    SUBCASE("an unknown sheet next to the known ones") {
        Workbook book = MiniBook();
        book.sheets[1].name = "scale";
        ImportResult r = ImportBook(book);
        CHECK_FALSE(r.Ok());
        const std::string expected =
            "book.xlsx: sheet \"scale\": unknown sheet (did you mean \"scales\"?); the sheets "
            "are items, scales, levels and meta (a sheet named x-… or note… is ignored)";
        CHECK(std::find(r.errors.begin(), r.errors.end(), expected) != r.errors.end());
    }
    SUBCASE("no items sheet") {
        Workbook book = MiniBook();
        book.sheets.erase(book.sheets.begin());
        CheckErrors(ImportBook(book),
                    {"book.xlsx: sheet \"items\": missing: the workbook needs a sheet named "
                     "\"items\" with one row per item"});
    }
}

TEST_CASE("import workbook: an edit made in the sheet shows in the questionnaire") {
    Workbook book = MiniBook();
    CellOf(book, "items", 2, "text_vi") = "Bạn có biết mã OTP là gì không?";
    CellOf(book, "meta", MetaRow(book, "version"), "value") = "2";
    CellOf(book, "levels", 3, "label_en") = "Basic level";
    ImportResult r = ImportBook(book);
    for (const auto& e : r.errors) MESSAGE(e);
    REQUIRE(r.Ok());
    CHECK(r.questionnaire->version == "2");
    CHECK(r.questionnaire->areas[0].competencies[0].items[0].text.at("vi") ==
          "Bạn có biết mã OTP là gì không?");
    CHECK(r.questionnaire->scoring.levels[1].label.at("en") == "Basic level");
}
