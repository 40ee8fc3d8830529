// Tests of the strict JSON reader (kiosk/core/json_reader.h): what editors write (BOM, CRLF), what they
// get wrong (UTF-16, bad UTF-8, syntax slips, duplicate keys) and hostile input (deep nesting, huge files,
// out-of-range numbers). Every error must come back as a Diagnostic, never as a crash or an exception.
#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>

#include <string>

using kiosk::core::Diagnostic;
using kiosk::core::IsValidUtf8;
using kiosk::core::JsonReadResult;
using kiosk::core::PointerToken;
using kiosk::core::ReadJson;

namespace {

std::string ListDiagnostics(const JsonReadResult& r) {
    std::string s;
    for (const auto& d : r.errors)
        s += "\n  [" + d.pointer + "] " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message;
    return s.empty() ? " (none)" : s;
}

// The single error of a failed read.
Diagnostic OnlyError(const JsonReadResult& r) {
    INFO("diagnostics:" << ListDiagnostics(r));
    CHECK_FALSE(r.ok);
    REQUIRE(r.errors.size() == 1);
    return r.errors[0];
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("json: a UTF-8 byte-order mark is accepted and skipped") {
    JsonReadResult r = ReadJson("\xEF\xBB\xBF{\"a\": 1}");
    INFO(ListDiagnostics(r));
    REQUIRE(r.ok);
    CHECK(r.value == nlohmann::json{{"a", 1}});
}

TEST_CASE("json: CRLF line ends are accepted") {
    JsonReadResult r = ReadJson("{\r\n  \"a\": [1,\r\n 2]\r\n}\r\n");
    INFO(ListDiagnostics(r));
    REQUIRE(r.ok);
    CHECK(r.value["a"] == nlohmann::json{1, 2});
}

TEST_CASE("json: a UTF-16 file is rejected with a message saying to save as UTF-8") {
    // "{}" in UTF-16 little endian and big endian, each with its byte-order mark.
    for (std::string bytes : {std::string("\xFF\xFE{\0}\0", 6), std::string("\xFE\xFF\0{\0}", 6)}) {
        Diagnostic d = OnlyError(ReadJson(bytes));
        CHECK(Contains(d.message, "UTF-16"));
        CHECK(Contains(d.message, "UTF-8"));
        CHECK(d.pointer == "");
    }
}

TEST_CASE("json: an empty file is one clear error") {
    CHECK(OnlyError(ReadJson("")).message == "the file is empty");
    // A lone BOM is what some editors save for an empty document.
    CHECK(OnlyError(ReadJson("\xEF\xBB\xBF")).message == "the file is empty");
}

TEST_CASE("json: a whitespace-only file counts as empty") {
    CHECK(OnlyError(ReadJson("  \r\n\t \n")).message == "the file is empty");
}

TEST_CASE("json: invalid UTF-8 inside a string is an error whose message is itself valid UTF-8") {
    // 0xFF can never appear in UTF-8; 0xC3 0x28 is a lead byte followed by a non-continuation byte.
    for (std::string bad : {std::string("ab\xFF"), std::string("\xC3\x28")}) {
        Diagnostic d = OnlyError(ReadJson("{\"a\": \"" + bad + "\"}"));
        CHECK(Contains(d.message, "UTF-8"));
        CHECK(IsValidUtf8(d.message));
        CHECK(d.pointer == "/a");
        CHECK(d.line == 1);
    }
}

TEST_CASE("json: a syntax error carries line and column (1-based)") {
    // `x` is the 7th character of the line: { " a " : space x
    Diagnostic d = OnlyError(ReadJson("{\"a\": x}"));
    CHECK(d.line == 1);
    CHECK(d.column == 7);
    CHECK(d.pointer == "/a");
    CHECK(Contains(d.message, "invalid literal"));

    // On the third line, `x` is the 3rd character after two spaces.
    d = OnlyError(ReadJson("{\n\"a\": 1,\n  x}"));
    CHECK(d.line == 3);
    CHECK(d.column == 3);
}

TEST_CASE("json: columns count characters, not bytes, after Vietnamese text") {
    // { " t ê n " : space x  -> x is character 9, although "ê" takes two bytes (byte offset 9).
    Diagnostic d = OnlyError(ReadJson("{\"t\xC3\xAAn\": x}"));
    CHECK(d.line == 1);
    CHECK(d.column == 9);
    CHECK(d.pointer == "/t\xC3\xAAn");

    // Three-byte characters: "Đà Nẵng" is 7 characters in 10 bytes (Đ, à: 2 bytes, ẵ: 3) on characters 3-9;
    // then the quote is 10, the comma 11, the space 12 and x 13.
    d = OnlyError(ReadJson("[\"\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng\", x]"));
    CHECK(d.line == 1);
    CHECK(d.column == 13);
    CHECK(d.pointer == "/1");
}

TEST_CASE("json: line numbers after CRLF lines are those an editor shows") {
    // Line 3 is "  x}"; the \r ending lines 1 and 2 must not shift the column on line 3.
    Diagnostic d = OnlyError(ReadJson("{\r\n\"a\": 1,\r\n  x}"));
    CHECK(d.line == 3);
    CHECK(d.column == 3);
    // With a BOM too: the BOM is not a character of line 1.
    d = OnlyError(ReadJson("\xEF\xBB\xBF{\"a\": x}"));
    CHECK(d.line == 1);
    CHECK(d.column == 7);
}

TEST_CASE("json: a syntax error between members points at the object, not at the previous key") {
    // The value of "a" is fine; the problem is the missing key after the comma.
    Diagnostic d = OnlyError(ReadJson("{\"b\": {\"a\": 1, x}}"));
    CHECK(d.pointer == "/b");
    CHECK(d.column == 16);
}

TEST_CASE("json: duplicate keys are reported with their pointer, nested too, and reading goes on") {
    JsonReadResult r = ReadJson("{\"a\": 1, \"a\": 2, \"b\": {\"c\": [0, {\"d\": 1, \"d\": 2}], \"c\": 3}}");
    INFO(ListDiagnostics(r));
    CHECK_FALSE(r.ok);
    REQUIRE(r.errors.size() == 3);
    CHECK(r.errors[0].pointer == "/a");
    CHECK(Contains(r.errors[0].message, "duplicate key \"a\""));
    CHECK(r.errors[1].pointer == "/b/c/1/d");
    CHECK(Contains(r.errors[1].message, "duplicate key \"d\""));
    CHECK(r.errors[2].pointer == "/b/c");
    // Semantic errors have no line/column.
    CHECK(r.errors[0].line == 0);
    // The document is still read, so a validator can go on and report more.
    CHECK(r.value["b"].is_object());
}

TEST_CASE("json: a duplicate key's pointer escapes ~ and /") {
    Diagnostic d = OnlyError(ReadJson("{\"a/b~c\": 1, \"a/b~c\": 2}"));
    CHECK(d.pointer == "/a~1b~0c");
}

TEST_CASE("json: 100000-deep nesting is rejected without a crash") {
    SUBCASE("arrays") {
        Diagnostic d = OnlyError(ReadJson(std::string(100000, '[')));
        CHECK(Contains(d.message, "nesting is deeper than 64 levels"));
        CHECK(d.pointer.rfind("/0/0/0", 0) == 0);
    }
    SUBCASE("objects") {
        std::string deep;
        for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
        Diagnostic d = OnlyError(ReadJson(deep));
        CHECK(Contains(d.message, "nesting is deeper than 64 levels"));
        CHECK(d.pointer.rfind("/a/a/a", 0) == 0);
    }
    SUBCASE("balanced, so only the depth is wrong") {
        std::string deep = std::string(100000, '[') + std::string(100000, ']');
        CHECK(Contains(OnlyError(ReadJson(deep)).message, "nesting is deeper"));
    }
}

TEST_CASE("json: the nesting limit is exact and configurable") {
    // Depth 3 = three open containers.
    CHECK(ReadJson("[[[1]]]", {3}).ok);
    CHECK_FALSE(ReadJson("[[[[1]]]]", {3}).ok);
    CHECK(ReadJson(std::string(64, '[') + std::string(64, ']')).ok);
    CHECK_FALSE(ReadJson(std::string(65, '[') + std::string(65, ']')).ok);
}

TEST_CASE("json: a number out of double range is an error with its pointer") {
    Diagnostic d = OnlyError(ReadJson("{\"x\": [1, 1e400]}"));
    CHECK(d.message == "number is out of range");
    CHECK(d.pointer == "/x/1");
    CHECK(d.line == 1);
    CHECK(OnlyError(ReadJson("[-1e400]")).message == "number is out of range");
}

TEST_CASE("json: a 30-digit integer is read as the nearest double, not an error") {
    // It does not fit 64 bits; JSON (RFC 8259 section 6) lets a reader fall back to double precision. It is
    // finite, so nothing is lost that the questionnaire's double arithmetic could have used.
    JsonReadResult r = ReadJson("[123456789012345678901234567890]");
    INFO(ListDiagnostics(r));
    REQUIRE(r.ok);
    REQUIRE(r.value[0].is_number_float());
    CHECK(r.value[0].get<double>() == doctest::Approx(1.2345678901234568e29));
}

TEST_CASE("json: a 50 MB input is read without crashing") {
    std::string huge = "{\"text\": \"" + std::string(50u << 20, 'a') + "\"}";
    JsonReadResult r = ReadJson(huge);
    REQUIRE(r.ok);
    CHECK(r.value["text"].get_ref<const std::string&>().size() == (50u << 20));

    // The same size, broken at the very end: one error, on line 1, at the last character.
    huge.back() = ']';
    Diagnostic d = OnlyError(ReadJson(huge));
    CHECK(d.line == 1);
    CHECK(d.column == static_cast<int>(huge.size()));
}

TEST_CASE("json: PointerToken escapes ~ and / as RFC 6901 says") {
    CHECK(PointerToken("plain") == "plain");
    CHECK(PointerToken("") == "");
    CHECK(PointerToken("a/b") == "a~1b");
    CHECK(PointerToken("a~b") == "a~0b");
    // ~ first, so "~1" in a key does not turn into "/" when read back.
    CHECK(PointerToken("~1") == "~01");
    CHECK(PointerToken("/~") == "~1~0");
    CHECK(PointerToken("t\xC3\xAAn") == "t\xC3\xAAn");
}

TEST_CASE("json: trailing garbage after the document is an error") {
    Diagnostic d = OnlyError(ReadJson("{\"a\": 1} x"));
    CHECK(d.line == 1);
    CHECK(d.column == 10);
    CHECK(Contains(d.message, "end of input"));
}

TEST_CASE("json: LocatePointers finds where values start, and falls back to the nearest parent") {
    // Columns count characters: "Thử" is 3 characters but 5 bytes.
    const std::string text =
        "\xEF\xBB\xBF{\r\n"
        "  \"t\": {\"vi\": \"Th\xE1\xBB\xAD\", \"en\": 5},\r\n"
        "  \"a/b\": [1, {\"k\": null}],\r\n"
        "  \"e\\\"q\": true\r\n"
        "}\r\n";
    auto at = kiosk::core::LocatePointers(
        text, {"", "/t", "/t/en", "/a~1b/1/k", "/a~1b/0", "/e\"q", "/t/missing", "/nothing/deeper"});
    REQUIRE(at.size() == 8);
    CHECK(at[0] == std::make_pair(1, 1));   // the root object
    CHECK(at[1] == std::make_pair(2, 8));   // {"vi": …
    CHECK(at[2] == std::make_pair(2, 28));  // 5, after "Thử", which is 3 characters
    CHECK(at[3] == std::make_pair(3, 20));  // null
    CHECK(at[4] == std::make_pair(3, 11));  // 1
    CHECK(at[5] == std::make_pair(4, 11));  // true, under a key with an escaped quote
    CHECK(at[6] == std::make_pair(2, 8));   // missing key -> its object
    CHECK(at[7] == std::make_pair(1, 1));   // nothing of it exists -> the root
}

TEST_CASE("json: text in a legacy code page gets a 'save it as UTF-8' hint at its position") {
    // "Thôi" in Windows-1258/Latin-1: 0xF4 is not valid UTF-8. The string starts at column 7.
    auto r = kiosk::core::ReadJson("{\"a\": \"Th\xF4i\"}");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].pointer == "/a");
    CHECK(r.errors[0].line == 1);
    CHECK(r.errors[0].message.find("save the file as UTF-8") != std::string::npos);
    CHECK(kiosk::core::IsValidUtf8(r.errors[0].message));
}
