// export-sheet then import-sheet through real files gives the same questionnaire: for the test fixture, a
// questionnaire built to be awkward, and the shipped questionnaires. "The same" is checked on the raw
// JSON documents (every key, text and number), not through the code under test.
#include "kiosk/sheets/csv.h"
#include "kiosk/sheets/questionnaire_sheets.h"
#include "sheet_test_util.h"

#include <unistd.h>

using namespace sheets_test;
using namespace kiosk::sheets;

namespace {

// Three languages, fractional numbers, a 6-option knowledge check with an excluded option, ids that a
// spreadsheet would turn into numbers, and texts with line breaks, quotes, delimiters, a leading space and
// a leading "=".
const char* kAwkward = R"json({
  "format": "kiosk-questionnaire/1",
  "id": "awkward",
  "version": "2024.10",
  "languages": ["vi", "en", "fr"],
  "title": {"vi": "Bộ câu hỏi thử", "en": "Test set", "fr": "Jeu d'essai"},
  "description": {"vi": "Dòng 1\nDòng 2", "en": "Line 1\nLine 2", "fr": "Ligne 1\nLigne 2"},
  "source": {"vi": "Nguồn; \"trích dẫn\"", "en": "Source, \"quoted\"", "fr": "Source"},
  "estimated_minutes": 12.5,
  "scales": {
    "yes-no": {"options": [
      {"value": 0, "label": {"vi": "Không", "en": "No", "fr": "Non"}},
      {"value": 1, "label": {"vi": "Có", "en": "Yes", "fr": "Oui"}}
    ]},
    "half": {"options": [
      {"value": 0.5, "label": {"vi": "Ít", "en": "Little", "fr": "Peu"}},
      {"value": 1.5, "label": {"vi": "Nhiều", "en": "Much", "fr": "Beaucoup"}},
      {"excluded": true, "label": {"vi": "Tôi không muốn trả lời", "en": "I prefer not to answer", "fr": "Sans réponse"}}
    ]}
  },
  "areas": [
    {"id": "1", "title": {"vi": "Lĩnh vực", "en": "Area", "fr": "Domaine"}, "competencies": [
      {"id": "1.10", "title": {"vi": "Năng lực", "en": "Competency", "fr": "Compétence"},
       "description": {"vi": "Mô tả", "en": "Description", "fr": "Description"},
       "recommendation": {"vi": "Dòng 1\nDòng 2", "en": "He said \"hi\", then left; ok", "fr": " espace devant"},
       "items": [
         {"id": "1.10-q", "dimension": "skill", "text": {"vi": "Chọn một", "en": "Pick one", "fr": "Choisissez"},
          "options": [
            {"label": {"vi": "Một", "en": "One", "fr": "Un"}},
            {"label": {"vi": "Hai", "en": "Two", "fr": "Deux"}},
            {"label": {"vi": "Ba", "en": "Three", "fr": "Trois"}},
            {"label": {"vi": "Bốn", "en": "Four", "fr": "Quatre"}},
            {"label": {"vi": "Năm", "en": "Five", "fr": "Cinq"}, "correct": true},
            {"label": {"vi": "Tôi không biết", "en": "I don't know", "fr": "Je ne sais pas"}, "excluded": true}
          ]},
         {"id": "1.10-y", "dimension": "attitude", "scale": "yes-no",
          "text": {"vi": "=1+1 không phải công thức", "en": "=1+1 is not a formula", "fr": "=1+1"}},
         {"id": "1.10-h", "dimension": "knowledge", "scale": "half",
          "text": {"vi": "Câu", "en": "Item", "fr": "Question"}}
       ]}
    ]}
  ],
  "scoring": {
    "dimension_weights": {"knowledge": 0, "skill": 1.5, "attitude": 1},
    "levels": [
      {"id": "low", "min": 0, "label": {"vi": "Thấp", "en": "Low", "fr": "Bas"}},
      {"id": "mid", "min": 33.3, "label": {"vi": "Trung bình", "en": "Middle", "fr": "Moyen"}}
    ],
    "recommend_below": 50
  }
})json";

// Export to FILE.xlsx, read it back with liborcus, import: returns the questionnaire file's bytes.
std::string ThroughXlsx(const std::string& questionnairePath) {
    TempDir dir;
    Workbook book = ExportWorkbook(LoadValid(questionnairePath), false);
    std::string error;
    REQUIRE_MESSAGE(WriteXlsxFile(dir / "q.xlsx", book, error), error);
    CHECK_FALSE(FileExists(dir / "q.xlsx.tmp-" + std::to_string(::getpid())));
    WorkbookReadResult read = ReadWorkbook(dir / "q.xlsx");
    for (const auto& e : read.errors) MESSAGE(e);
    REQUIRE(read.workbook);
    std::vector<std::string> names;
    for (const auto& s : read.workbook->sheets) names.push_back(s.name);
    CHECK(names == std::vector<std::string>{"items", "scales", "levels", "meta"});
    ImportOptions options;
    options.sheetFile = "q.xlsx";
    ImportResult r = ImportWorkbook(*read.workbook, options);
    for (const auto& e : r.errors) MESSAGE(e);
    REQUIRE(r.Ok());
    CHECK(r.notes.empty());  // nothing came from defaults
    return r.json;
}

// Export to FILE.csv + FILE.meta.json, read both back, import.
std::string ThroughCsv(const std::string& questionnairePath) {
    TempDir dir;
    auto q = LoadValid(questionnairePath);
    Workbook book = ExportWorkbook(q, true);
    REQUIRE(book.sheets.size() == 1);
    WriteFile(dir / "q.csv", WriteCsv(book.sheets[0].rows));
    WriteFile(dir / "q.meta.json", ExportMetaJson(q));
    WorkbookReadResult read = ReadWorkbook(dir / "q.csv");
    for (const auto& e : read.errors) MESSAGE(e);
    REQUIRE(read.workbook);
    ImportOptions options;
    options.sheetFile = "q.csv";
    options.metaBytes = ReadFile(dir / "q.meta.json");
    options.metaFile = "q.meta.json";
    ImportResult r = ImportWorkbook(*read.workbook, options);
    for (const auto& e : r.errors) MESSAGE(e);
    REQUIRE(r.Ok());
    return r.json;
}

void CheckRoundTrips(const std::string& path) {
    const auto original = ParseJson(ReadFile(path));
    SUBCASE("XLSX") {
        CHECK(ParseJson(ThroughXlsx(path)) == original);
    }
    SUBCASE("CSV + META.json") {
        CHECK(ParseJson(ThroughCsv(path)) == original);
    }
}

}  // namespace

TEST_CASE("round trip: tests/fixtures/minimal.json") {
    CheckRoundTrips(SourcePath("tests/fixtures/minimal.json"));
}

TEST_CASE(
    "round trip: an awkward questionnaire (3 languages, fractions, 6 options, excluded option, quotes)") {
    TempDir dir;
    WriteFile(dir / "awkward.json", kAwkward);
    CheckRoundTrips(dir / "awkward.json");
}

TEST_CASE("round trip: shipped questionnaires/danang-dcf.json") {
    CheckRoundTrips(ShippedPath("danang-dcf.json"));
}

TEST_CASE("round trip: shipped questionnaires/danang-dcf-quick.json") {
    CheckRoundTrips(ShippedPath("danang-dcf-quick.json"));
}

TEST_CASE("round trip: the exported items sheet reads as an outline") {
    Workbook book = ExportWorkbook(LoadValid(SourcePath("tests/fixtures/minimal.json")), true);
    const Sheet& items = book.sheets[0];
    const auto& header = items.rows[0];
    REQUIRE(header.size() >= 11);
    CHECK(std::vector<std::string>(header.begin(), header.begin() + 11) ==
          std::vector<std::string>{"area_id", "area_title_vi", "area_title_en", "competency_id",
                                   "competency_title_vi", "competency_title_en", "item_id", "dimension",
                                   "scale", "text_vi", "text_en"});
    // Area and competency cells only where a new one starts (rows 2, 6, 7 of the sheet).
    std::vector<std::string> areaColumn, competencyColumn;
    for (std::size_t r = 1; r < items.rows.size(); ++r) {
        areaColumn.push_back(items.Cell(r, 0));
        competencyColumn.push_back(items.Cell(r, 3));
    }
    CHECK(areaColumn == std::vector<std::string>{"a1", "", "", "", "", "a2"});
    CHECK(competencyColumn == std::vector<std::string>{"c1", "", "", "", "c2", "c3"});
}
