// Level descriptions in the levels sheet: a level's own description_<lang>, and rows with an area_id for an
// area's own words; mistakes in those rows are named by row and column. (The shipped questionnaires'
// round trips in round_trip_test.cpp carry every description through XLSX and CSV + META.json.)
#include "kiosk/sheets/questionnaire_sheets.h"
#include "sheet_test_util.h"

using namespace kiosk;
using namespace sheets_test;
using sheets::ExportWorkbook;
using sheets::ImportOptions;
using sheets::ImportResult;
using sheets::ImportWorkbook;

namespace {

core::Questionnaire WithDescriptions() {
    nlohmann::json doc = ParseJson(ReadFile(SourcePath("tests/fixtures/minimal.json")));
    doc["scoring"]["levels"][2]["description"] = {{"vi", "Ở mức Khá, bạn có thể…"}, {"en", "At the Good level…"}};
    doc["areas"][1]["level_descriptions"] = {{"good", {{"vi", "Trong lĩnh vực này…"}, {"en", "In this area…"}}}};
    core::LoadResult r = core::ParseQuestionnaire(doc.dump(), "q.json");
    REQUIRE(r.Ok());
    return *r.questionnaire;
}

std::vector<std::string>& Header(sheets::Workbook& book) { return book.sheets.at(2).rows.at(0); }

std::size_t Column(sheets::Workbook& book, const std::string& name) {
    auto& h = Header(book);
    auto it = std::find(h.begin(), h.end(), name);
    REQUIRE_MESSAGE(it != h.end(), name);
    return static_cast<std::size_t>(it - h.begin());
}

// The levels sheet row (1-based spreadsheet row) that gives area `area`'s description.
std::size_t AreaRow(sheets::Workbook& book, const std::string& area) {
    std::size_t c = Column(book, "area_id");
    auto& rows = book.sheets.at(2).rows;
    for (std::size_t r = 1; r < rows.size(); ++r)
        if (rows[r].size() > c && rows[r][c] == area) return r;
    FAIL("no row for area " << area);
    return 0;
}

ImportResult Import(const sheets::Workbook& book) {
    ImportOptions options;
    options.sheetFile = "q.xlsx";
    return ImportWorkbook(book, options);
}

std::string Errors(const ImportResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e + "\n";
    return s;
}

}  // namespace

TEST_CASE("levels sheet: descriptions go out as columns and rows and come back the same") {
    core::Questionnaire q = WithDescriptions();
    sheets::Workbook book = ExportWorkbook(q, false);
    REQUIRE(book.sheets.at(2).name == "levels");
    CHECK(Header(book) == std::vector<std::string>{"level_id", "area_id", "min", "label_vi", "label_en",
                                                    "description_vi", "description_en"});
    std::size_t row = AreaRow(book, "a2");
    CHECK(book.sheets[2].rows[row][Column(book, "level_id")] == "good");
    CHECK(book.sheets[2].rows[row][Column(book, "min")].empty());
    ImportResult back = Import(book);
    INFO(Errors(back));
    REQUIRE(back.Ok());
    CHECK(sheets::FirstDifference(q, *back.questionnaire) == "");
}

TEST_CASE("levels sheet: without descriptions the sheet keeps its old columns") {
    core::LoadResult r = core::LoadQuestionnaireFile(SourcePath("tests/fixtures/minimal.json"));
    REQUIRE(r.Ok());
    sheets::Workbook book = ExportWorkbook(*r.questionnaire, false);
    CHECK(Header(book) == std::vector<std::string>{"level_id", "min", "label_vi", "label_en"});
}

TEST_CASE("levels sheet: mistakes in an area's description row are named by row and column") {
    core::Questionnaire q = WithDescriptions();
    SUBCASE("an area that the items sheet does not have") {
        sheets::Workbook book = ExportWorkbook(q, false);
        std::size_t row = AreaRow(book, "a2");
        book.sheets[2].rows[row][Column(book, "area_id")] = "a9";
        ImportResult r = Import(book);
        CHECK_FALSE(r.Ok());
        CHECK_MESSAGE(Errors(r).find("row " + std::to_string(row + 1)) != std::string::npos, Errors(r));
        CHECK(Errors(r).find("unknown area \"a9\"") != std::string::npos);
    }
    SUBCASE("a level id that does not exist") {
        sheets::Workbook book = ExportWorkbook(q, false);
        std::size_t row = AreaRow(book, "a2");
        book.sheets[2].rows[row][Column(book, "level_id")] = "goood";
        ImportResult r = Import(book);
        CHECK_FALSE(r.Ok());
        CHECK_MESSAGE(Errors(r).find("row " + std::to_string(row + 1)) != std::string::npos, Errors(r));
        CHECK(Errors(r).find("column \"level_id\"") != std::string::npos);
        CHECK(Errors(r).find("unknown level \"goood\"") != std::string::npos);
    }
    SUBCASE("a min on a description row") {
        sheets::Workbook book = ExportWorkbook(q, false);
        std::size_t row = AreaRow(book, "a2");
        book.sheets[2].rows[row][Column(book, "min")] = "40";
        ImportResult r = Import(book);
        CHECK_FALSE(r.Ok());
        CHECK(Errors(r).find("column \"min\": must be empty on a row with an area_id") != std::string::npos);
    }
    SUBCASE("a description in one language only") {
        sheets::Workbook book = ExportWorkbook(q, false);
        std::size_t row = AreaRow(book, "a2");
        book.sheets[2].rows[row][Column(book, "description_en")].clear();
        ImportResult r = Import(book);
        CHECK_FALSE(r.Ok());
        CHECK_MESSAGE(Errors(r).find("column \"description_en\": must not be empty") != std::string::npos, Errors(r));
    }
}

TEST_CASE("META.json keeps the areas' level descriptions that the items CSV has no place for") {
    core::Questionnaire q = WithDescriptions();
    nlohmann::json meta = ParseJson(sheets::ExportMetaJson(q));
    REQUIRE(meta.contains("areas"));
    CHECK(meta["areas"] == nlohmann::json::array(
                               {{{"id", "a2"}, {"level_descriptions", {{"good", {{"vi", "Trong lĩnh vực này…"}, {"en", "In this area…"}}}}}}}));
    sheets::Workbook book = ExportWorkbook(q, true);
    ImportOptions options;
    options.sheetFile = "q.csv";
    options.metaBytes = sheets::ExportMetaJson(q);
    options.metaFile = "q.meta.json";
    ImportResult back = ImportWorkbook(book, options);
    INFO(Errors(back));
    REQUIRE(back.Ok());
    CHECK(sheets::FirstDifference(q, *back.questionnaire) == "");
    for (const auto& n : back.notes) CHECK(n.find("are not used") == std::string::npos);
}
