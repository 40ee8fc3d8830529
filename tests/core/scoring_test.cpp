// Tests of scoring (questionnaire-format.md, "Scoring"): every rule with a hand-computed case (the arithmetic
// is in the comment beside each expectation), rounding edges, level bands, recommendations, answer parsing
// and the result JSON's shape.
#include "kiosk/core/scoring.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using kiosk::core::AnswerMap;
using kiosk::core::Dimension;
using kiosk::core::ItemScore;
using kiosk::core::LevelFor;
using kiosk::core::ParseAnswers;
using kiosk::core::Questionnaire;
using kiosk::core::Result;
using kiosk::core::ResultToJson;
using kiosk::core::RoundScore;
using kiosk::core::ScoreAnswers;
using kiosk::test::Load;
using kiosk::test::MinimalJson;
using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// minimal.json in short (s4: values 0 1 2 3 at indexes 0-3, index 4 excluded; weights knowledge 1, skill 2,
// attitude 1; levels 0/20/40/60/80; recommend_below 60):
//   area a1: c1 = {c1-k knowledge s4, c1-q knowledge check (index 0 correct), c1-s skill s4, c1-a attitude s4}
//            c2 = {c2-s skill s4}
//   area a2: c3 = {c3-s skill s4}

namespace {

const Questionnaire& Minimal() {
    static const Questionnaire q = Load(MinimalJson());
    return q;
}

// Values of the "fine" scale, max 10000: item score = value / 100 exactly in decimal, so a value picks a
// score with two decimals (1995 -> 19.95).
const std::vector<int> kFineValues = {0, 998, 1003, 1006, 1990, 1995, 2000, 5995, 7994, 10000};

// minimal.json with c2-s and c3-s (single-item skill competencies, areas a1 and a2) on the "fine" scale.
// A single-item competency scores exactly its item: (2 * x) / 2 == x in double arithmetic too.
Questionnaire FineQuestionnaire(json doc = MinimalJson()) {
    json options = json::array();
    for (int v : kFineValues)
        options.push_back({{"value", v}, {"label", {{"vi", std::to_string(v)}, {"en", std::to_string(v)}}}});
    doc["scales"]["fine"] = {{"options", options}};
    doc["areas"][0]["competencies"][1]["items"][0]["scale"] = "fine";
    doc["areas"][1]["competencies"][0]["items"][0]["scale"] = "fine";
    return Load(doc);
}

// Index of `value` on the fine scale.
int Fine(int value) {
    auto it = std::find(kFineValues.begin(), kFineValues.end(), value);
    REQUIRE(it != kFineValues.end());
    return static_cast<int>(it - kFineValues.begin());
}

const kiosk::core::Score& Competency(const Result& r, const std::string& id) {
    auto it = std::find_if(r.competencies.begin(), r.competencies.end(), [&](const auto& e) { return e.id == id; });
    REQUIRE(it != r.competencies.end());
    return it->score;
}
const kiosk::core::Score& AreaScore(const Result& r, const std::string& id) {
    auto it = std::find_if(r.areas.begin(), r.areas.end(), [&](const auto& e) { return e.id == id; });
    REQUIRE(it != r.areas.end());
    return it->score;
}
std::string LevelId(const Questionnaire& q, const kiosk::core::Score& s) {
    REQUIRE(s.assessed);
    return q.scoring.levels.at(static_cast<std::size_t>(s.levelIndex)).id;
}
std::optional<double> DimensionScore(const Result& r, Dimension d) { return r.dimensions[static_cast<int>(d)]; }

}  // namespace

TEST_CASE("scoring: a scale item scores 100 * v / max") {
    const Questionnaire& q = Minimal();
    const auto& item = *q.FindItem("c1-k");
    CHECK(*ItemScore(q, item, 0) == 0.0);
    CHECK(*ItemScore(q, item, 1) == doctest::Approx(100.0 / 3));  // 100 * 1 / 3
    CHECK(*ItemScore(q, item, 2) == doctest::Approx(200.0 / 3));  // 100 * 2 / 3
    CHECK(*ItemScore(q, item, 3) == 100.0);                       // 100 * 3 / 3
}

TEST_CASE("scoring: a knowledge check scores 100 when correct, else 0") {
    const Questionnaire& q = Minimal();
    const auto& check = *q.FindItem("c1-q");
    CHECK(*ItemScore(q, check, 0) == 100.0);
    CHECK(*ItemScore(q, check, 1) == 0.0);
}

TEST_CASE("scoring: unanswered, excluded and out-of-range answers have no item score") {
    const Questionnaire& q = Minimal();
    const auto& item = *q.FindItem("c1-k");
    CHECK_FALSE(ItemScore(q, item, std::nullopt));
    CHECK_FALSE(ItemScore(q, item, 4));  // the excluded "prefer not to answer"
    CHECK_FALSE(ItemScore(q, item, 5));
    CHECK_FALSE(ItemScore(q, item, -1));
}

TEST_CASE("scoring: a full hand-computed result") {
    const Questionnaire& q = Minimal();
    Result r = ScoreAnswers(q, {{"c1-k", 2}, {"c1-q", 0}, {"c1-s", 1}, {"c1-a", 3}, {"c2-s", 3}, {"c3-s", 0}});
    // Items: c1-k 66.667, c1-q 100, c1-s 33.333, c1-a 100, c2-s 100, c3-s 0.
    // c1 = (1*66.667 + 1*100 + 2*33.333 + 1*100) / (1+1+2+1) = 333.333 / 5 = 66.667 -> 66.7 high
    CHECK(Competency(r, "c1").score == 66.7);
    CHECK(LevelId(q, Competency(r, "c1")) == "high");
    // c2 = 100 -> advanced; c3 = 0 -> beginner
    CHECK(Competency(r, "c2").score == 100.0);
    CHECK(LevelId(q, Competency(r, "c2")) == "advanced");
    CHECK(Competency(r, "c3").score == 0.0);
    CHECK(LevelId(q, Competency(r, "c3")) == "beginner");
    // a1 = (66.667 + 100) / 2 = 83.333 -> 83.3 advanced; a2 = 0
    CHECK(AreaScore(r, "a1").score == 83.3);
    CHECK(LevelId(q, AreaScore(r, "a1")) == "advanced");
    CHECK(AreaScore(r, "a2").score == 0.0);
    // overall = (83.333 + 0) / 2 = 41.667 -> 41.7 good
    CHECK(r.overall.assessed);
    CHECK(r.overall.score == 41.7);
    CHECK(LevelId(q, r.overall) == "good");
    // knowledge = (66.667 + 100) / 2 = 83.3; skill = (33.333 + 100 + 0) / 3 = 44.4; attitude = 100
    CHECK(*DimensionScore(r, Dimension::Knowledge) == 83.3);
    CHECK(*DimensionScore(r, Dimension::Skill) == 44.4);
    CHECK(*DimensionScore(r, Dimension::Attitude) == 100.0);
    // Below 60: only c3.
    CHECK(r.recommendations == std::vector<std::string>{"c3"});
    CHECK(r.questionnaireId == "mini");
    CHECK(r.questionnaireVersion == "1");
    CHECK(r.questionnaireSha256 == q.sha256);
}

TEST_CASE("scoring: a competency is the mean of its items weighted by their dimension") {
    json doc = MinimalJson();
    doc["scoring"]["dimension_weights"] = {{"knowledge", 1}, {"skill", 2}, {"attitude", 0}};
    Questionnaire q = Load(doc);
    Result r = ScoreAnswers(q, {{"c1-k", 2}, {"c1-q", 0}, {"c1-s", 1}, {"c1-a", 3}});
    // c1 = (1*66.667 + 1*100 + 2*33.333 + 0*100) / (1+1+2) = 233.333 / 4 = 58.333 -> 58.3 good
    CHECK(Competency(r, "c1").score == 58.3);
    CHECK(LevelId(q, Competency(r, "c1")) == "good");
    // The attitude mean is reported although attitude weighs 0.
    CHECK(*DimensionScore(r, Dimension::Attitude) == 100.0);
}

TEST_CASE("scoring: a competency with only zero-weight items scored is not assessed") {
    json doc = MinimalJson();
    doc["scoring"]["dimension_weights"]["attitude"] = 0;
    doc["areas"][0]["competencies"][1]["items"][0]["dimension"] = "attitude";  // c2's only item
    Questionnaire q = Load(doc);
    Result r = ScoreAnswers(q, {{"c1-s", 0}, {"c2-s", 3}});
    CHECK_FALSE(Competency(r, "c2").assessed);
    // a1 is c1 alone (0), not (0 + 100) / 2.
    CHECK(AreaScore(r, "a1").score == 0.0);
    CHECK(*DimensionScore(r, Dimension::Attitude) == 100.0);
    CHECK(r.recommendations == std::vector<std::string>{"c1"});
}

TEST_CASE("scoring: unanswered and excluded items are left out of every mean") {
    const Questionnaire& q = Minimal();
    // c1-k excluded, c1-q unanswered, c1-s = 3, c1-a = 0:
    // c1 = (2*100 + 1*0) / (2+1) = 66.667 -> 66.7 (with c1-k counted as 0 it would be 50)
    Result r = ScoreAnswers(q, {{"c1-k", 4}, {"c1-s", 3}, {"c1-a", 0}});
    CHECK(Competency(r, "c1").score == 66.7);
    // Knowledge has no scored item at all.
    CHECK_FALSE(DimensionScore(r, Dimension::Knowledge));
    CHECK(*DimensionScore(r, Dimension::Skill) == 100.0);
    CHECK(*DimensionScore(r, Dimension::Attitude) == 0.0);
    // Only excluded answers: not assessed, like unanswered.
    r = ScoreAnswers(q, {{"c2-s", 4}});
    CHECK_FALSE(Competency(r, "c2").assessed);
    CHECK_FALSE(r.overall.assessed);
}

TEST_CASE("scoring: an area is the plain mean of its competencies, not of their items") {
    const Questionnaire& q = Minimal();
    // c1: four items all 100 -> 100; c2: one item 0 -> 0. a1 = (100 + 0) / 2 = 50 (by items it would be 80).
    Result r = ScoreAnswers(q, {{"c1-k", 3}, {"c1-q", 0}, {"c1-s", 3}, {"c1-a", 3}, {"c2-s", 0}});
    CHECK(AreaScore(r, "a1").score == 50.0);
    CHECK(LevelId(q, AreaScore(r, "a1")) == "good");
    // a2 not answered: not assessed, and the overall is the mean of a1 alone.
    CHECK_FALSE(AreaScore(r, "a2").assessed);
    CHECK(AreaScore(r, "a2").levelIndex == -1);
    CHECK(r.overall.score == 50.0);
}

TEST_CASE("scoring: the overall score is the mean of the assessed areas") {
    const Questionnaire& q = Minimal();
    // a1 = c2 = 100 (c1 not assessed), a2 = c3 = 33.333; overall = (100 + 33.333) / 2 = 66.667 -> 66.7
    Result r = ScoreAnswers(q, {{"c2-s", 3}, {"c3-s", 1}});
    CHECK_FALSE(Competency(r, "c1").assessed);
    CHECK(AreaScore(r, "a1").score == 100.0);
    CHECK(AreaScore(r, "a2").score == 33.3);
    CHECK(r.overall.score == 66.7);
}

TEST_CASE("scoring: nothing answered gives overall {assessed: false} and null dimensions") {
    const Questionnaire& q = Minimal();
    Result r = ScoreAnswers(q, {});
    ojson j = ResultToJson(q, r);
    CHECK(j["overall"] == ojson{{"assessed", false}});
    CHECK(j["areas"] == ojson::parse(R"([{"id": "a1", "assessed": false}, {"id": "a2", "assessed": false}])"));
    for (const auto& c : j["competencies"]) {
        CHECK(c.size() == 2);
        CHECK(c["assessed"] == false);
    }
    CHECK(j["dimensions"] == ojson::parse(R"({"knowledge": null, "skill": null, "attitude": null})"));
    CHECK(j["recommendations"] == ojson::array());
}

TEST_CASE("scoring: rounding is half away from zero to one decimal, std::round(x * 10) / 10") {
    CHECK(RoundScore(0.04) == 0.0);
    CHECK(RoundScore(0.05) == 0.1);    // 0.05 * 10 is 0.5 in double
    CHECK(RoundScore(-0.05) == -0.1);  // away from zero, not toward +infinity
    CHECK(RoundScore(12.25) == 12.3);  // 12.25 is exact in binary: a true half rounds up, not to even
    CHECK(RoundScore(99.95) == 100.0);
    CHECK(RoundScore(100.0) == 100.0);
    CHECK(RoundScore(200.0 / 3) == 66.7);
}

TEST_CASE("scoring: 19.95 and 59.95 round up, and the level uses the rounded score") {
    Questionnaire q = FineQuestionnaire();
    // c2-s = 1995: 100 * 1995 / 10000 is the double nearest 19.95 (19.9499999999999992894...); times 10 it
    // rounds to exactly 199.5, std::round gives 200, so 20.0 -> "basic" (the unrounded value is < 20).
    // c3-s = 5995: the double nearest 59.95 (59.9500000000000028...); * 10 = 599.5 -> 600 -> 60.0 -> "high".
    Result r = ScoreAnswers(q, {{"c2-s", Fine(1995)}, {"c3-s", Fine(5995)}});
    CHECK(Competency(r, "c2").score == 20.0);
    CHECK(LevelId(q, Competency(r, "c2")) == "basic");
    CHECK(AreaScore(r, "a1").score == 20.0);
    CHECK(Competency(r, "c3").score == 60.0);
    CHECK(LevelId(q, Competency(r, "c3")) == "high");
    // overall = (19.95 + 59.95) / 2 = 39.95 (double 39.950000000000003) -> 399.5 -> 400 -> 40.0 "good"
    CHECK(r.overall.score == 40.0);
    CHECK(LevelId(q, r.overall) == "good");
    // Recommendations compare the rounded score too: c3's 59.95 is shown as 60.0, which is not below 60;
    // c2 (20.0) is.
    CHECK(r.recommendations == std::vector<std::string>{"c2"});
}

TEST_CASE("scoring: 79.94 rounds down to 79.9 and stays high") {
    Questionnaire q = FineQuestionnaire();
    // 100 * 7994 / 10000 = 79.94 -> 799.4 -> 799 -> 79.9 "high" (not 80 "advanced")
    Result r = ScoreAnswers(q, {{"c3-s", Fine(7994)}});
    CHECK(Competency(r, "c3").score == 79.9);
    CHECK(LevelId(q, Competency(r, "c3")) == "high");
}

TEST_CASE("scoring: level bands at their exact boundaries") {
    Questionnaire q = FineQuestionnaire();
    // 1990 -> 19.9 beginner; 2000 -> 20.0 basic; 10000 -> 100.0 advanced; 0 -> 0.0 beginner
    Result r = ScoreAnswers(q, {{"c2-s", Fine(1990)}, {"c3-s", Fine(2000)}});
    CHECK(Competency(r, "c2").score == 19.9);
    CHECK(LevelId(q, Competency(r, "c2")) == "beginner");
    CHECK(Competency(r, "c3").score == 20.0);
    CHECK(LevelId(q, Competency(r, "c3")) == "basic");
    r = ScoreAnswers(q, {{"c2-s", Fine(10000)}, {"c3-s", Fine(0)}});
    CHECK(LevelId(q, Competency(r, "c2")) == "advanced");
    CHECK(LevelId(q, Competency(r, "c3")) == "beginner");

    const auto& rules = q.scoring;
    CHECK(LevelFor(rules, 0.0) == 0);
    CHECK(LevelFor(rules, 19.9) == 0);
    CHECK(LevelFor(rules, 20.0) == 1);
    CHECK(LevelFor(rules, 39.9) == 1);
    CHECK(LevelFor(rules, 40.0) == 2);
    CHECK(LevelFor(rules, 59.9) == 2);
    CHECK(LevelFor(rules, 60.0) == 3);
    CHECK(LevelFor(rules, 79.9) == 3);
    CHECK(LevelFor(rules, 80.0) == 4);
    CHECK(LevelFor(rules, 100.0) == 4);
}

TEST_CASE("scoring: means are taken over unrounded values") {
    Questionnaire q = FineQuestionnaire();
    // a1 = c2 = 10.06 (shown 10.1), a2 = c3 = 10.03 (shown 10.0).
    // overall = (10.06 + 10.03) / 2 = 10.045 -> 100.45 -> 100 -> 10.0.
    // Averaging the shown values instead would give (10.1 + 10.0) / 2 = 10.05 -> 10.1.
    Result r = ScoreAnswers(q, {{"c2-s", Fine(1006)}, {"c3-s", Fine(1003)}});
    CHECK(AreaScore(r, "a1").score == 10.1);
    CHECK(AreaScore(r, "a2").score == 10.0);
    CHECK(r.overall.score == 10.0);
    // Dimension: skill = (10.06 + 10.03) / 2 = 10.045 -> 10.0 likewise.
    CHECK(*DimensionScore(r, Dimension::Skill) == 10.0);
}

TEST_CASE("scoring: recommendations are the competencies below recommend_below, weakest first") {
    const Questionnaire& q = Minimal();
    // c1 = c1-s alone = 33.3, c2 = 0, c3 = 0: weakest first, the tie c2/c3 in file order.
    Result r = ScoreAnswers(q, {{"c1-s", 1}, {"c2-s", 0}, {"c3-s", 0}});
    CHECK(r.recommendations == std::vector<std::string>{"c2", "c3", "c1"});
    // c3 not assessed: never recommended, although it has no score at all.
    r = ScoreAnswers(q, {{"c1-s", 1}, {"c2-s", 0}});
    CHECK(r.recommendations == std::vector<std::string>{"c2", "c1"});
    // Nothing below 60.
    r = ScoreAnswers(q, {{"c1-s", 2}, {"c2-s", 3}, {"c3-s", 2}});
    CHECK(r.recommendations.empty());
}

TEST_CASE("scoring: recommendation ties are by the shown (rounded) score, in file order") {
    Questionnaire q = FineQuestionnaire();
    // c2 = 10.03 and c3 = 9.98 both show as 10.0: a tie for the citizen, so file order (c2 first), although
    // c3 is lower before rounding.
    Result r = ScoreAnswers(q, {{"c2-s", Fine(1003)}, {"c3-s", Fine(998)}});
    CHECK(Competency(r, "c3").score == 10.0);
    CHECK(r.recommendations == std::vector<std::string>{"c2", "c3"});
}

TEST_CASE("scoring: recommend_below defaults to 60 and can be changed") {
    json doc = MinimalJson();
    doc["scoring"].erase("recommend_below");
    Questionnaire q = Load(doc);
    CHECK(q.scoring.recommendBelow == 60);
    // c1 = c1-s = 66.7 (not below 60), c2 = 33.3 (below).
    AnswerMap answers = {{"c1-s", 2}, {"c2-s", 1}};
    CHECK(ScoreAnswers(q, answers).recommendations == std::vector<std::string>{"c2"});
    doc["scoring"]["recommend_below"] = 70;
    CHECK(ScoreAnswers(Load(doc), answers).recommendations == std::vector<std::string>{"c2", "c1"});
    doc["scoring"]["recommend_below"] = 0;
    CHECK(ScoreAnswers(Load(doc), answers).recommendations.empty());
}

TEST_CASE("scoring: ParseAnswers accepts valid answers and null as unanswered") {
    const Questionnaire& q = Minimal();
    AnswerMap out;
    auto errors = ParseAnswers(
        q, json::parse(R"({"questionnaire": "mini", "answers": {"c1-k": 4, "c1-q": 1, "c1-s": null, "c2-s": 3.0}})"),
        out);
    CHECK(errors.empty());
    CHECK(out == AnswerMap{{"c1-k", 4}, {"c1-q", 1}, {"c2-s", 3}});
}

TEST_CASE("scoring: ParseAnswers reports every bad answer with its pointer") {
    const Questionnaire& q = Minimal();
    AnswerMap out;
    auto errors = ParseAnswers(q, json::parse(R"({"questionnaire": "mini", "answers": {
        "zz": 1, "c1-k": 5, "c1-q": 2, "c1-s": -1, "c1-a": 1.5, "c2-s": "2", "c3-s": 1}})"),
                               out);
    // nlohmann's object iterates keys in sorted order: c1-a, c1-k, c1-q, c1-s, c2-s, zz.
    REQUIRE(errors.size() == 6);
    auto find = [&](const std::string& pointer) -> std::string {
        for (const auto& e : errors)
            if (e.pointer == pointer) return e.message;
        FAIL_CHECK("no error at " << pointer);
        return "";
    };
    CHECK(find("/answers/zz").find("unknown item \"zz\"") != std::string::npos);
    // s4 has 5 options (0-4); the knowledge check has 2 (0-1).
    CHECK(find("/answers/c1-k").find("option index 5 is out of range") != std::string::npos);
    CHECK(find("/answers/c1-k").find("(0\xE2\x80\x93" "4)") != std::string::npos);
    CHECK(find("/answers/c1-q").find("out of range") != std::string::npos);
    CHECK(find("/answers/c1-s").find("out of range") != std::string::npos);
    CHECK(find("/answers/c1-a").find("whole number") != std::string::npos);
    CHECK(find("/answers/c2-s").find("whole number") != std::string::npos);
    // The one good answer is kept.
    CHECK(out == AnswerMap{{"c3-s", 1}});
}

TEST_CASE("scoring: ParseAnswers rejects answers meant for another questionnaire") {
    const Questionnaire& q = Minimal();
    AnswerMap out;
    auto errors = ParseAnswers(q, json::parse(R"({"questionnaire": "danang-dcf", "answers": {}})"), out);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questionnaire");
    CHECK(errors[0].message.find("\"danang-dcf\", not for \"mini\"") != std::string::npos);

    errors = ParseAnswers(q, json::parse(R"({"questionnaire": 7, "answers": {}})"), out);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/questionnaire");
}

TEST_CASE("scoring: ParseAnswers reports a malformed document") {
    const Questionnaire& q = Minimal();
    AnswerMap out;
    auto errors = ParseAnswers(q, json::array(), out);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "");
    errors = ParseAnswers(q, json::parse(R"({"questionnaire": "mini", "answer": {}})"), out);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].pointer == "/answer");
    CHECK(errors[0].message == "unknown key \"answer\"");
    CHECK(errors[1].pointer == "/answers");
}

TEST_CASE("scoring: ParseAnswers escapes item ids in pointers") {
    const Questionnaire& q = Minimal();
    AnswerMap out;
    auto errors = ParseAnswers(q, json::parse(R"({"questionnaire": "mini", "answers": {"a/b~c": 1}})"), out);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/answers/a~1b~0c");
    CHECK(errors[0].message.find("unknown item \"a/b~c\"") != std::string::npos);
}

TEST_CASE("scoring: ResultToJson has the contract's keys, in the contract's order") {
    const Questionnaire& q = Minimal();
    ojson j = ResultToJson(q, ScoreAnswers(q, {{"c1-s", 1}, {"c2-s", 0}}));
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys ==
          std::vector<std::string>{"questionnaire", "overall", "areas", "competencies", "dimensions", "recommendations"});
    CHECK(j["questionnaire"] == ojson{{"id", "mini"}, {"version", "1"}, {"sha256", q.sha256}});
    // a1 = (c1 33.333 + c2 0) / 2 = 16.667 -> 16.7 beginner; overall = a1 (a2 not assessed)
    CHECK(j["overall"] == ojson::parse(R"({"score": 16.7, "level": "beginner"})"));
    CHECK(j["areas"] == ojson::parse(R"([{"id": "a1", "score": 16.7, "level": "beginner"},
                                          {"id": "a2", "assessed": false}])"));
    CHECK(j["competencies"] == ojson::parse(R"([{"id": "c1", "score": 33.3, "level": "basic"},
                                                 {"id": "c2", "score": 0.0, "level": "beginner"},
                                                 {"id": "c3", "assessed": false}])"));
    // skill = (33.333 + 0) / 2 = 16.7; no knowledge or attitude item answered
    CHECK(j["dimensions"] == ojson::parse(R"({"knowledge": null, "skill": 16.7, "attitude": null})"));
    CHECK(j["recommendations"] == ojson::parse(R"(["c2", "c1"])"));
    // Scores print with one decimal as in the contract's example (50.0, not 50).
    CHECK(j["competencies"][1].dump() == R"({"id":"c2","score":0.0,"level":"beginner"})");
}
