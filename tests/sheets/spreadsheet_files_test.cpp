// Spreadsheet files not written by this program, and broken files. The fixtures in tests/fixtures/sheets/
// were made once with LibreOffice 7.4 (not needed to run the tests):
//   minimal.ods            kiosk-admin export-sheet tests/fixtures/minimal.json --out m.xlsx;
//                          soffice --headless --convert-to ods m.xlsx
//   trainer-items.ods      soffice --headless --infilter='Text - txt - csv (StarCalc):44,34,76,1'
//   paragraphs.ods           --convert-to ods trainer-items.csv (and paragraphs.csv)
//   minimal-libreoffice-semicolon.csv
//                          soffice --headless --convert-to
//                            'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false' m.ods
#include "kiosk/sheets/questionnaire_sheets.h"
#include "sheet_test_util.h"

using namespace sheets_test;
using namespace kiosk::sheets;

namespace {

std::string Fixture(const std::string& name) {
    return SourcePath("tests/fixtures/sheets/" + name);
}

ImportResult ImportFile(const std::string& path, std::optional<std::string> meta = std::nullopt) {
    WorkbookReadResult read = ReadWorkbook(path);
    for (const auto& e : read.errors) MESSAGE(e);
    REQUIRE(read.workbook);
    ImportOptions options;
    options.sheetFile = path;
    options.metaBytes = std::move(meta);
    options.metaFile = "META.json";
    options.defaultId = "trainer-items";
    ImportResult r = ImportWorkbook(*read.workbook, options);
    for (const auto& e : r.errors) MESSAGE(e);
    return r;
}

}  // namespace

TEST_CASE("ods: a full workbook saved by LibreOffice imports as the fixture questionnaire") {
    // minimal.ods = export-sheet tests/fixtures/minimal.json to XLSX, converted to ODS by LibreOffice.
    ImportResult r = ImportFile(Fixture("minimal.ods"));
    REQUIRE(r.Ok());
    CHECK(ParseJson(r.json) == ParseJson(ReadFile(SourcePath("tests/fixtures/minimal.json"))));
}

TEST_CASE("ods: a one-sheet workbook written by a trainer (from trainer-items.csv) with the defaults") {
    ImportResult ods = ImportFile(Fixture("trainer-items.ods"));
    ImportResult csv = ImportFile(Fixture("trainer-items.csv"));
    REQUIRE(ods.Ok());
    REQUIRE(csv.Ok());
    CHECK(FirstDifference(*ods.questionnaire, *csv.questionnaire) == "");

    const auto& q = *ods.questionnaire;
    CHECK(q.id == "trainer-items");
    REQUIRE(q.areas.size() == 1);
    const auto& c = q.areas[0].competencies.at(0);
    CHECK(c.id == "4.1");  // LibreOffice stored it as the number 4.1
    // Two lines typed in one cell: two paragraphs in the ODS file.
    CHECK(c.recommendation.at("vi") ==
          "Hãy đặt mật khẩu dài ít nhất 8 ký tự.\nĐừng dùng ngày sinh làm mật khẩu.");
    REQUIRE(c.items.size() == 3);
    CHECK(c.items[0].text.at("en") == "A strong password mixes letters, numbers and symbols.");
    REQUIRE(c.items[1].options.size() == 3);
    CHECK(c.items[1].options[1].correct);
    CHECK(c.items[1].options[1].label.at("vi") == "Từ chối và cúp máy");
    CHECK(q.scales.at(static_cast<std::size_t>(c.items[2].scaleIndex)).id == "skill-4");
}

TEST_CASE("ods: several paragraphs in a cell become lines of one text") {
    WorkbookReadResult read = ReadWorkbook(Fixture("paragraphs.ods"));
    REQUIRE(read.workbook);
    const Sheet& s = read.workbook->sheets.at(0);
    CHECK(s.Cell(0, 0) == "first");
    CHECK(s.Cell(1, 0) == "a\n\nb");
    CHECK(s.Cell(1, 1) == "one\ntwo");
    CHECK(s.Cell(1, 2) == "one\ntwo");
    CHECK(s.Cell(1, 3) == "plain");
}

TEST_CASE("csv: a semicolon file saved by LibreOffice imports with the exported META.json") {
    std::string meta = ExportMetaJson(LoadValid(SourcePath("tests/fixtures/minimal.json")));
    ImportResult r = ImportFile(Fixture("minimal-libreoffice-semicolon.csv"), meta);
    REQUIRE(r.Ok());
    CHECK(ParseJson(r.json) == ParseJson(ReadFile(SourcePath("tests/fixtures/minimal.json"))));
}

TEST_CASE("files: broken or missing spreadsheets give one clear error, never a crash") {
    TempDir dir;
    SUBCASE("not a zip") {
        WriteFile(dir / "broken.xlsx", "this is not a spreadsheet");
        WorkbookReadResult r = ReadWorkbook(dir / "broken.xlsx");
        CHECK_FALSE(r.workbook);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].find("cannot be read as XLSX") != std::string::npos);
    }
    SUBCASE("an ODS cut in half") {
        std::string bytes = ReadFile(Fixture("minimal.ods"));
        WriteFile(dir / "cut.ods", bytes.substr(0, bytes.size() / 2));
        WorkbookReadResult r = ReadWorkbook(dir / "cut.ods");
        CHECK_FALSE(r.workbook);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].find("cannot be read as ODS") != std::string::npos);
    }
    SUBCASE("an ODS file named .xlsx is read by its content") {
        WriteFile(dir / "wrong.xlsx", ReadFile(Fixture("minimal.ods")));
        WorkbookReadResult r = ReadWorkbook(dir / "wrong.xlsx");
        REQUIRE(r.workbook);
        CHECK(r.workbook->sheets.size() == 4);
    }
    SUBCASE("missing") {
        for (const char* name : {"none.xlsx", "none.ods", "none.csv"}) {
            WorkbookReadResult r = ReadWorkbook(dir / name);
            CHECK_FALSE(r.workbook);
            CHECK(r.errors.size() == 1);
        }
    }
    SUBCASE("another extension") {
        WorkbookReadResult r = ReadWorkbook(dir / "items.txt");
        CHECK_FALSE(r.workbook);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].find("not a .csv, .xlsx or .ods file") != std::string::npos);
    }
}

TEST_CASE("files: numbers in cells read back as typed") {
    CHECK(FormatCellNumber(3) == "3");
    CHECK(FormatCellNumber(1.1) == "1.1");
    CHECK(FormatCellNumber(0.25) == "0.25");
    CHECK(FormatCellNumber(-0.0) == "0");
    CHECK(FormatCellNumber(33.3) == "33.3");
}
