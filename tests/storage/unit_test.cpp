// Small pure pieces of the storage layer: calendar periods (ISO weeks), and the JSON columns' encoder and
// strict decoder (checked against nlohmann::json as an independent reader).
#include "storage/dates.h"
#include "storage/record_codec.h"
#include "test_util.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace kiosk::storage;

TEST_CASE("dates are real calendar days written YYYY-MM-DD") {
    CHECK(IsValidDate("2026-11-18"));
    CHECK(IsValidDate("2024-02-29"));
    CHECK(IsValidDate("2000-02-29"));
    CHECK_FALSE(IsValidDate("2023-02-29"));
    CHECK_FALSE(IsValidDate("2100-02-29"));
    CHECK_FALSE(IsValidDate("2026-04-31"));
    CHECK_FALSE(IsValidDate("2026-13-01"));
    CHECK_FALSE(IsValidDate("2026-1-05"));
    CHECK_FALSE(IsValidDate("0000-01-01"));
    CHECK_FALSE(IsValidDate("2026-11-18 09:30"));
    CHECK_FALSE(IsValidDate(""));
}

TEST_CASE("ISO weeks belong to the year of their Thursday") {
    // Examples from ISO 8601 / Wikipedia's "ISO week date" article, and this project's own calendar.
    CHECK(PeriodOf("2026-11-18", Period::Week) == "2026-W47");
    CHECK(PeriodOf("2026-01-01", Period::Week) == "2026-W01");  // a Thursday
    CHECK(PeriodOf("2025-12-29", Period::Week) == "2026-W01");  // Monday of that week
    CHECK(PeriodOf("2027-01-01", Period::Week) == "2026-W53");  // 2026 starts on a Thursday: 53 weeks
    CHECK(PeriodOf("2021-01-03", Period::Week) == "2020-W53");
    CHECK(PeriodOf("2024-12-30", Period::Week) == "2025-W01");
    CHECK(PeriodOf("2008-12-29", Period::Week) == "2009-W01");
    CHECK(PeriodOf("2010-01-03", Period::Week) == "2009-W53");
    CHECK(PeriodOf("2026-11-18", Period::Month) == "2026-11");
    CHECK(PeriodOf("2026-11-18", Period::Day) == "2026-11-18");
    CHECK(WeekStart("2026-11-18") == "2026-11-16");
    CHECK(WeekStart("2026-11-16") == "2026-11-16");
    CHECK(WeekStart("2026-11-22") == "2026-11-16");  // Sunday ends the week
    CHECK(AddDays("2026-03-01", -1) == "2026-02-28");
    CHECK(AddDays("2024-03-01", -1) == "2024-02-29");
    CHECK(AddDays("2026-12-31", 1) == "2027-01-01");
    CHECK(ParsePeriod("week") == Period::Week);
    CHECK_FALSE(ParsePeriod("year"));
}

TEST_CASE("answers encode as a JSON object that any JSON reader reads the same") {
    auto q = kiosk::storage::test::MiniQuestionnaire();
    kiosk::core::AnswerMap answers = {{"c3-s", 1}, {"c1-k", 0}, {"c1-q", 1}};
    std::string json = codec::EncodeAnswers(*q, answers);
    CHECK(json == R"({"c1-k":0,"c1-q":1,"c3-s":1})");  // questionnaire order, not map order
    auto parsed = nlohmann::json::parse(json);
    CHECK(parsed.size() == 3);
    CHECK(parsed["c3-s"] == 1);
    std::vector<std::pair<std::string, int>> back;
    REQUIRE(codec::DecodeAnswers(json, back));
    CHECK(back == std::vector<std::pair<std::string, int>>{{"c1-k", 0}, {"c1-q", 1}, {"c3-s", 1}});
}

TEST_CASE("JSON strings round-trip through the encoder and the decoder, escapes included") {
    const std::string tricky[] = {"plain",        "quote\" backslash\\ slash/", "tab\tnew\nline\x01",
                                  "Tiếng Việt ₫", "emoji \xF0\x9F\x98\x80",     ""};
    for (const auto& key : tricky) {
        std::string json = "{";
        codec::AppendJsonString(json, key);
        json += ":7}";
        CHECK(nlohmann::json::parse(json).begin().key() == key);
        std::vector<std::pair<std::string, int>> back;
        REQUIRE(codec::DecodeAnswers(json, back));
        REQUIRE(back.size() == 1);
        CHECK(back[0].first == key);
        CHECK(back[0].second == 7);
    }
    // \u escapes written by other tools, including a surrogate pair.
    std::vector<std::pair<std::string, int>> back;
    REQUIRE(codec::DecodeAnswers(R"({ "C\u00e2u \u1ec7" : 2 , "\ud83d\ude00":3 })", back));
    CHECK(back[0].first == "Câu ệ");
    CHECK(back[1].first == "\xF0\x9F\x98\x80");
}

TEST_CASE("the decoders refuse anything but the shapes they are for") {
    std::vector<std::pair<std::string, int>> answers;
    for (const char* bad :
         {"", "{", "[]", R"({"a":})", R"({"a":-1})", R"({"a":1,})", R"({"a":1} x)", R"({"a":1.5})",
          R"({"a":"1"})", R"({"a\q":1})", R"({"\ud83d":1})", "{\"a\nb\":1}"}) {
        INFO(bad);
        CHECK_FALSE(codec::DecodeAnswers(bad, answers));
        CHECK(answers.empty());
    }
    std::vector<StoredScore> scores;
    REQUIRE(codec::DecodeScores(R"({"a1":[61.1,"high"],"a2":null})", scores));
    REQUIRE(scores.size() == 2);
    CHECK(*scores[0].score == doctest::Approx(61.1));
    CHECK(scores[0].level == "high");
    CHECK_FALSE(scores[1].score);
    for (const char* bad : {R"({"a":[61.1]})", R"({"a":61.1})", R"({"a":[61.1,"x",1]})", R"({"a":nul})"}) {
        INFO(bad);
        CHECK_FALSE(codec::DecodeScores(bad, scores));
    }
}

TEST_CASE("scores encode with one decimal and their level id") {
    auto q = kiosk::storage::test::MiniQuestionnaire();
    auto r = kiosk::core::ScoreAnswers(*q, {{"c1-k", 3}});
    std::string json = codec::EncodeScores(r.areas, q->scoring);
    CHECK(json == R"({"a1":[100.0,"advanced"],"a2":null})");
    std::string s;
    codec::AppendScore(s, 66.66666);
    CHECK(s == "66.7");
    CHECK(codec::HexId(std::string("\x00\x01\xab\xff", 4)) == "0001abff");
    CHECK(codec::NewResultId().size() == 16);
    CHECK(codec::NewResultId() != codec::NewResultId());
}
