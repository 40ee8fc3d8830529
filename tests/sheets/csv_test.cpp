// CSV dialect: what Excel and LibreOffice write, and what the writer produces.
#include "kiosk/sheets/csv.h"

#include <doctest/doctest.h>

using kiosk::sheets::ParseCsv;
using kiosk::sheets::WriteCsv;
using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("csv: quoted cells keep delimiters and doubled quotes") {
    auto r = ParseCsv("a,\"b,c\",\"He said \"\"hi\"\"\",d\n");
    REQUIRE(r.errors.empty());
    CHECK(r.rows == Rows{{"a", "b,c", "He said \"hi\"", "d"}});
}

TEST_CASE("csv: a line break inside quotes stays in the cell and does not shift row numbers") {
    auto r = ParseCsv("h1,h2\n\"line 1\nline 2\",x\r\n\"a\r\nb\",y\nlast,z\n");
    REQUIRE(r.errors.empty());
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1] == std::vector<std::string>{"line 1\nline 2", "x"});
    CHECK(r.rows[2] == std::vector<std::string>{"a\r\nb", "y"});  // kept exactly as written
    CHECK(r.rows[3] == std::vector<std::string>{"last", "z"});    // spreadsheet row 4
}

TEST_CASE("csv: CRLF record ends leave no carriage return in cells") {
    auto r = ParseCsv("a,b\r\nc,d\r\n");
    REQUIRE(r.errors.empty());
    CHECK(r.rows == Rows{{"a", "b"}, {"c", "d"}});
}

TEST_CASE("csv: a UTF-8 byte-order mark (Excel's CSV UTF-8) is not part of the first cell") {
    auto r = ParseCsv(
        "\xEF\xBB\xBF"
        "area_id,text_vi\r\nx,Tiếng Việt\r\n");
    REQUIRE(r.errors.empty());
    CHECK(r.rows[0][0] == "area_id");
    CHECK(r.rows[1][1] == "Tiếng Việt");
}

TEST_CASE("csv: the delimiter is detected from the header line") {
    SUBCASE("semicolon, as LibreOffice writes with a Vietnamese locale, with commas inside texts") {
        auto r = ParseCsv("item_id;text_en;value\n1.1-k1;Hello, world;0,5\n");
        REQUIRE(r.errors.empty());
        CHECK(r.delimiter == ';');
        CHECK(r.rows[1] == std::vector<std::string>{"1.1-k1", "Hello, world", "0,5"});
    }
    SUBCASE("a quoted semicolon in a comma file does not count") {
        auto r = ParseCsv("\"a;b;c\",d\nx,y\n");
        CHECK(r.delimiter == ',');
        CHECK(r.rows[0] == std::vector<std::string>{"a;b;c", "d"});
    }
    SUBCASE("tab") {
        auto r = ParseCsv("a\tb\n1\t2\n");
        CHECK(r.delimiter == '\t');
        CHECK(r.rows[1] == std::vector<std::string>{"1", "2"});
    }
}

TEST_CASE("csv: ragged rows and blank lines are kept as they are") {
    auto r = ParseCsv("a,b,c\n1\n\n1,2,3,4\n");
    REQUIRE(r.errors.empty());
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1] == std::vector<std::string>{"1"});
    CHECK(r.rows[2] == std::vector<std::string>{""});  // blank line = an empty spreadsheet row 3
    CHECK(r.rows[3].size() == 4);
}

TEST_CASE("csv: lenient like spreadsheets with stray quotes, and a last line without line end") {
    auto r = ParseCsv("ab\"c,\"x\"y,\"\"\nlast,\"\"");
    REQUIRE(r.errors.empty());
    CHECK(r.rows == Rows{{"ab\"c", "xy", ""}, {"last", ""}});
}

TEST_CASE("csv: an unclosed quote is reported with the row where it opens") {
    auto r = ParseCsv("a,b\nc,d\n\"never closed,e\nf,g\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].rfind("row 3: a quoted cell is never closed", 0) == 0);
}

TEST_CASE("csv: text that is not UTF-8 is refused with a hint") {
    SUBCASE("Windows-1258 bytes") {
        auto r = ParseCsv("a,b\nx,Ti\xEA\xF2ng\n");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].rfind("row 2: the text is not UTF-8", 0) == 0);
        CHECK(r.errors[0].find("CSV UTF-8") != std::string::npos);
    }
    SUBCASE("UTF-16") {
        auto r =
            ParseCsv(std::string("\xFF\xFE"
                                 "a\0,\0b\0",
                                 8));
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].find("UTF-16") != std::string::npos);
    }
}

TEST_CASE("csv: the writer emits BOM, CRLF and quotes only where needed") {
    std::string out =
        WriteCsv({{"id", "text"}, {"a", "plain"}, {"b", "x, \"y\""}, {"c", "two\nlines"}, {"d", " lead"}});
    CHECK(out ==
          "\xEF\xBB\xBF"
          "id,text\r\n"
          "a,plain\r\n"
          "b,\"x, \"\"y\"\"\"\r\n"
          "c,\"two\nlines\"\r\n"
          "d,\" lead\"\r\n");
}

TEST_CASE("csv: writing then reading gives back every cell") {
    Rows rows = {{"area_id", "text_vi", "text_en", "extra"},
                 {"1.10", "Bạn có biết \"mã OTP\" là gì không?", "semi;colon, comma", ""},
                 {"", "dòng 1\ndòng 2", "  spaces  ", "tab\there"},
                 {"short"}};
    auto r = ParseCsv(WriteCsv(rows));
    REQUIRE(r.errors.empty());
    rows[3].resize(4);  // the writer pads every row to the widest
    CHECK(r.rows == rows);
}
