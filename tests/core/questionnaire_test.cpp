// Tests of the questionnaire loader/validator: one fixture per rule of questionnaire-format.md ("Rules the
// validator enforces"), each built by editing tests/fixtures/minimal.json in memory and asserting the exact
// JSON Pointer and the key part of the message; then error formatting, the installed-set check and SHA-256.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <string>

using kiosk::core::Dimension;
using kiosk::core::LoadQuestionnaireFile;
using kiosk::core::LoadResult;
using kiosk::core::ParseQuestionnaire;
using kiosk::core::Questionnaire;
using kiosk::core::ValidateInstalledSet;
using kiosk::core::ValidationError;
using kiosk::test::CheckOnlyError;
using kiosk::test::ErrorList;
using kiosk::test::Load;
using kiosk::test::MinimalJson;
using kiosk::test::Parse;
using json = nlohmann::json;

namespace {

// Pointers into minimal.json that many rules use.
const char* const kItemK = "/areas/0/competencies/0/items/0";      // c1-k, a scale item
const char* const kCheck = "/areas/0/competencies/0/items/1";      // c1-q, a knowledge check
json& ItemK(json& doc) { return doc["areas"][0]["competencies"][0]["items"][0]; }
json& Check(json& doc) { return doc["areas"][0]["competencies"][0]["items"][1]; }
json& ScaleOptions(json& doc) { return doc["scales"]["s4"]["options"]; }
json& Levels(json& doc) { return doc["scoring"]["levels"]; }

// minimal.json's text with `from` (which must occur) replaced by `to`: for fixtures JSON cannot express,
// such as a key written twice.
std::string EditedText(const std::string& from, const std::string& to) {
    std::string text = kiosk::test::FixtureBytes("minimal.json");
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("questionnaire: the minimal fixture is valid and loads completely") {
    Questionnaire q = Load(MinimalJson());
    CHECK(q.id == "mini");
    CHECK(q.version == "1");
    CHECK(q.languages == std::vector<std::string>{"vi", "en"});
    REQUIRE(q.areas.size() == 2);
    CHECK(q.areas[0].competencies.size() == 2);
    CHECK(q.ItemCount() == 6);
    REQUIRE(q.scales.size() == 1);
    CHECK(q.scales[0].maxValue == 3);
    CHECK(q.scales[0].options[4].excluded);
    const auto* check = q.FindItem("c1-q");
    REQUIRE(check);
    CHECK(check->IsKnowledgeCheck());
    CHECK(check->options[0].correct);
    CHECK(q.scoring.dimensionWeights == std::array<double, 3>{1, 2, 1});
    CHECK(q.scoring.levels.size() == 5);
    CHECK(q.title.at("vi") == "Th\xE1\xBB\xAD");
}

TEST_CASE("questionnaire rule: format must be exactly kiosk-questionnaire/1") {
    json doc = MinimalJson();
    doc["format"] = "kiosk-questionnaire/2";
    CheckOnlyError(Parse(doc), "/format", "must be \"kiosk-questionnaire/1\"");
    doc.erase("format");
    CheckOnlyError(Parse(doc), "/format", "missing required key \"format\"");
}

TEST_CASE("questionnaire rule: id matches [a-z0-9][a-z0-9-]*") {
    for (const char* bad : {"Mini", "-mini", "mini_1", "mini 1", "m\xC3\xAD"}) {
        CAPTURE(bad);
        json doc = MinimalJson();
        doc["id"] = bad;
        CheckOnlyError(Parse(doc), "/id", "must use only a-z, 0-9 and '-'");
    }
    json doc = MinimalJson();
    doc["id"] = "";  // one error at /id; its wording is either the pattern or "must not be empty"
    CheckOnlyError(Parse(doc), "/id", "must");
    for (const char* good : {"danang-dcf", "2024", "a", "x-1"}) {
        CAPTURE(good);
        json doc = MinimalJson();
        doc["id"] = good;
        CHECK(Parse(doc).Ok());
    }
}

TEST_CASE("questionnaire rule: version is a non-empty string") {
    json doc = MinimalJson();
    doc["version"] = "";
    CheckOnlyError(Parse(doc), "/version", "must not be empty");
    doc["version"] = "  ";
    CheckOnlyError(Parse(doc), "/version", "must not be");  // "empty" or "blank"
    doc["version"] = 1;
    CheckOnlyError(Parse(doc), "/version", "must be text");
}

TEST_CASE("questionnaire rule: unknown keys are errors, with a hint for typos") {
    json doc = MinimalJson();
    doc["titel"] = doc["title"];
    CheckOnlyError(Parse(doc), "/titel", "unknown key \"titel\" (did you mean \"title\"?)");

    doc = MinimalJson();
    ItemK(doc)["dimensoin"] = "skill";
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/dimensoin", "unknown key \"dimensoin\"");

    doc = MinimalJson();
    Levels(doc)[1]["color"] = "red";
    CheckOnlyError(Parse(doc), "/scoring/levels/1/color", "unknown key \"color\"");
}

TEST_CASE("questionnaire rule: keys starting with x- are accepted anywhere") {
    json doc = MinimalJson();
    json note = "trainer's note";
    doc["x-note"] = note;
    doc["title"]["x-note"] = note;
    doc["scales"]["x-note"] = note;
    doc["scales"]["s4"]["x-note"] = note;
    ScaleOptions(doc)[0]["x-note"] = note;
    doc["areas"][0]["x-note"] = note;
    doc["areas"][0]["competencies"][0]["x-note"] = note;
    ItemK(doc)["x-note"] = note;
    ItemK(doc)["text"]["x-note"] = note;
    Check(doc)["options"][0]["x-note"] = note;
    doc["scoring"]["x-note"] = note;
    doc["scoring"]["dimension_weights"]["x-note"] = note;
    Levels(doc)[0]["x-note"] = note;
    LoadResult r = Parse(doc);
    INFO(ErrorList(r.errors));
    CHECK(r.Ok());
    // An x- key is a note, not a language or a scale.
    CHECK(r.questionnaire->title.count("x-note") == 0);
    CHECK(r.questionnaire->scales.size() == 1);
}

TEST_CASE("questionnaire rule: a key repeated within one object is an error") {
    LoadResult r = ParseQuestionnaire(EditedText("{\"id\": \"a2\", ", "{\"id\": \"a2\", \"id\": \"a2\", "), "q.json");
    CheckOnlyError(r, "/areas/1/id", "duplicate key \"id\"");

    // Scales are keyed by id, so a repeated scale id is a repeated key.
    r = ParseQuestionnaire(EditedText("\"scales\": {", "\"scales\": {\"s4\": {\"options\": []},"), "q.json");
    INFO(ErrorList(r.errors));
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].pointer == "/scales/s4");
    CHECK(r.errors[0].message.find("duplicate key \"s4\"") != std::string::npos);
}

TEST_CASE("questionnaire rule: a UTF-8 BOM and CRLF line ends are accepted") {
    LoadResult r = LoadQuestionnaireFile(kiosk::test::FixturePath("minimal_bom_crlf.json"));
    INFO(ErrorList(r.errors));
    REQUIRE(r.Ok());
    CHECK(r.questionnaire->id == "mini");
    // Texts keep no stray \r.
    CHECK(r.questionnaire->title.at("en") == "Test");
}

TEST_CASE("questionnaire rule: every localized text has every language") {
    json doc = MinimalJson();
    doc["areas"][0]["title"].erase("en");
    CheckOnlyError(Parse(doc), "/areas/0/title/en", "missing the \"en\" text");

    doc = MinimalJson();
    Levels(doc)[2]["label"].erase("vi");
    CheckOnlyError(Parse(doc), "/scoring/levels/2/label/vi", "missing the \"vi\" text");

    doc = MinimalJson();
    Check(doc)["options"][1]["label"] = json::object();
    LoadResult r = Parse(doc);
    INFO(ErrorList(r.errors));
    CHECK(r.errors.size() == 2);  // both languages missing, each reported
}

TEST_CASE("questionnaire rule: a localized text must not be empty") {
    json doc = MinimalJson();
    doc["title"]["vi"] = "";
    CheckOnlyError(Parse(doc), "/title/vi", "text must not be empty");
    doc["title"]["vi"] = " \n ";
    CheckOnlyError(Parse(doc), "/title/vi", "text must not be empty");
    doc["title"]["vi"] = 5;
    CheckOnlyError(Parse(doc), "/title/vi", "must be text");
}

TEST_CASE("questionnaire rule: a text in a language not listed in languages is an error") {
    json doc = MinimalJson();
    ItemK(doc)["text"]["fr"] = "Question";
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/text/fr", "language \"fr\" is not listed in /languages");
}

TEST_CASE("questionnaire rule: decomposed (NFD) text is loaded as NFC") {
    json doc = MinimalJson();
    // "Thử" decomposed: u + U+031B COMBINING HORN + U+0309 COMBINING HOOK ABOVE; NFC is U+1EED (E1 BB AD).
    doc["title"]["vi"] = "Thu\xCC\x9B\xCC\x89";
    // "Đà Nẵng" decomposed; NFC bytes checked with Python's unicodedata.normalize.
    ItemK(doc)["text"]["vi"] = "\xC4\x90" "a\xCC\x80 Na\xCC\x86\xCC\x83ng";
    ScaleOptions(doc)[1]["label"]["vi"] = "Ca\xCC\x82u";
    Questionnaire q = Load(doc);
    CHECK(q.title.at("vi") == "Th\xE1\xBB\xAD");
    CHECK(q.FindItem("c1-k")->text.at("vi") == "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng");
    CHECK(q.scales[0].options[1].label.at("vi") == "C\xC3\xA2u");
}

TEST_CASE("questionnaire rule: ids are unique within their kind") {
    SUBCASE("areas") {
        json doc = MinimalJson();
        doc["areas"][1]["id"] = "a1";
        CheckOnlyError(Parse(doc), "/areas/1/id", "duplicate area id \"a1\"");
    }
    SUBCASE("competencies, also across areas") {
        json doc = MinimalJson();
        doc["areas"][1]["competencies"][0]["id"] = "c1";
        CheckOnlyError(Parse(doc), "/areas/1/competencies/0/id", "duplicate competency id \"c1\"");
    }
    SUBCASE("items, also across competencies") {
        json doc = MinimalJson();
        doc["areas"][1]["competencies"][0]["items"][0]["id"] = "c1-k";
        CheckOnlyError(Parse(doc), "/areas/1/competencies/0/items/0/id", "duplicate item id \"c1-k\"");
    }
    SUBCASE("levels") {
        json doc = MinimalJson();
        Levels(doc)[3]["id"] = "basic";
        CheckOnlyError(Parse(doc), "/scoring/levels/3/id", "duplicate level id \"basic\"");
    }
    SUBCASE("different kinds may share an id") {
        json doc = MinimalJson();
        doc["areas"][0]["id"] = "c1";
        CHECK(Parse(doc).Ok());
    }
}

TEST_CASE("questionnaire rule: an item must reference an existing scale") {
    json doc = MinimalJson();
    ItemK(doc)["scale"] = "s5";
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/scale", "unknown scale \"s5\"");
}

TEST_CASE("questionnaire rule: an item has a scale or its own options, never both") {
    json doc = MinimalJson();
    ItemK(doc)["options"] = Check(doc)["options"];
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/options", "never both");
}

TEST_CASE("questionnaire rule: an item without scale and options is an error") {
    json doc = MinimalJson();
    ItemK(doc).erase("scale");
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/scale", "missing \"scale\"");
}

TEST_CASE("questionnaire rule: a scale has at least 2 options with a value") {
    json doc = MinimalJson();
    // Left: value 0 and the excluded option.
    ScaleOptions(doc).erase(1);
    ScaleOptions(doc).erase(1);
    ScaleOptions(doc).erase(1);
    REQUIRE(ScaleOptions(doc).size() == 2);
    CheckOnlyError(Parse(doc), "/scales/s4/options", "at least 2 options with a value");
}

TEST_CASE("questionnaire rule: scale values are distinct") {
    json doc = MinimalJson();
    ScaleOptions(doc)[2]["value"] = 1;
    CheckOnlyError(Parse(doc), "/scales/s4/options", "option values must be distinct");
    // 1 and 1.0 are the same number.
    ScaleOptions(doc)[2]["value"] = 1.0;
    CheckOnlyError(Parse(doc), "/scales/s4/options", "distinct");
}

TEST_CASE("questionnaire rule: scale values are non-negative numbers") {
    json doc = MinimalJson();
    ScaleOptions(doc)[0]["value"] = -1;
    CheckOnlyError(Parse(doc), "/scales/s4/options/0/value", "must not be negative");
    ScaleOptions(doc)[0]["value"] = "0";
    CheckOnlyError(Parse(doc), "/scales/s4/options/0/value", "must be a number");
}

TEST_CASE("questionnaire rule: an excluded option carries no value") {
    json doc = MinimalJson();
    ScaleOptions(doc)[4]["value"] = 4;
    CheckOnlyError(Parse(doc), "/scales/s4/options/4/value", "an excluded option carries no value");
    // And a non-excluded option without a value is not silently excluded.
    doc = MinimalJson();
    ScaleOptions(doc)[3].erase("value");
    CheckOnlyError(Parse(doc), "/scales/s4/options/3/value", "missing required key \"value\"");
}

TEST_CASE("questionnaire rule: a knowledge check has exactly one correct option") {
    json doc = MinimalJson();
    Check(doc)["options"][0].erase("correct");
    CheckOnlyError(Parse(doc), std::string(kCheck) + "/options", "exactly one option with \"correct\": true (found 0)");
    doc = MinimalJson();
    Check(doc)["options"][1]["correct"] = true;
    CheckOnlyError(Parse(doc), std::string(kCheck) + "/options", "(found 2)");
}

TEST_CASE("questionnaire rule: a knowledge check has at least 2 options") {
    json doc = MinimalJson();
    Check(doc)["options"].erase(1);
    CheckOnlyError(Parse(doc), std::string(kCheck) + "/options", "a knowledge check needs at least 2 options");
}

TEST_CASE("questionnaire rule: dimension is knowledge, skill or attitude") {
    json doc = MinimalJson();
    ItemK(doc)["dimension"] = "skills";
    CheckOnlyError(Parse(doc), std::string(kItemK) + "/dimension",
                   "must be \"knowledge\", \"skill\" or \"attitude\", found \"skills\"");
}

TEST_CASE("questionnaire rule: every competency has at least one item") {
    json doc = MinimalJson();
    doc["areas"][0]["competencies"][1]["items"] = json::array();
    CheckOnlyError(Parse(doc), "/areas/0/competencies/1/items", "every competency needs at least one item");
}

TEST_CASE("questionnaire rule: levels have strictly increasing min") {
    json doc = MinimalJson();
    Levels(doc)[2]["min"] = 20;  // equal to the level before
    CheckOnlyError(Parse(doc), "/scoring/levels/2/min", "strictly increasing min");
    Levels(doc)[2]["min"] = 10;  // lower than the level before
    CheckOnlyError(Parse(doc), "/scoring/levels/2/min", "strictly increasing min");
}

TEST_CASE("questionnaire rule: the first level starts at 0") {
    json doc = MinimalJson();
    Levels(doc)[0]["min"] = 5;
    CheckOnlyError(Parse(doc), "/scoring/levels/0/min", "the first level must start at 0");
}

TEST_CASE("questionnaire rule: every level min is below 100") {
    json doc = MinimalJson();
    Levels(doc)[4]["min"] = 100;
    CheckOnlyError(Parse(doc), "/scoring/levels/4/min", "below 100");
    Levels(doc)[4]["min"] = 99.9;
    CHECK(Parse(doc).Ok());
}

TEST_CASE("questionnaire rule: dimension weights are not negative") {
    json doc = MinimalJson();
    doc["scoring"]["dimension_weights"]["skill"] = -1;
    CheckOnlyError(Parse(doc), "/scoring/dimension_weights/skill", "must not be negative");
}

TEST_CASE("questionnaire rule: dimension weights are not all 0") {
    json doc = MinimalJson();
    doc["scoring"]["dimension_weights"] = {{"knowledge", 0}, {"skill", 0}, {"attitude", 0}};
    CheckOnlyError(Parse(doc), "/scoring/dimension_weights", "must not all be 0");
    // Two zeros and a missing one: the missing one weighs 1, so this is fine.
    doc["scoring"]["dimension_weights"].erase("attitude");
    CHECK(Parse(doc).Ok());
}

TEST_CASE("questionnaire rule: a missing dimension weighs 1") {
    json doc = MinimalJson();
    doc["scoring"]["dimension_weights"] = {{"skill", 3}};
    Questionnaire q = Load(doc);
    CHECK(q.scoring.dimensionWeights == std::array<double, 3>{1, 3, 1});

    // Scoring uses it: c1-k = 3 -> 100 (knowledge, weight 1), c1-s = 0 -> 0 (skill, weight 3):
    // (1*100 + 3*0) / (1 + 3) = 25.
    auto r = kiosk::core::ScoreAnswers(q, {{"c1-k", 3}, {"c1-s", 0}});
    CHECK(r.competencies[0].score.score == 25.0);

    doc["scoring"].erase("dimension_weights");
    CHECK(Load(doc).scoring.dimensionWeights == std::array<double, 3>{1, 1, 1});
}

TEST_CASE("questionnaire: every error is reported at once, not only the first") {
    json doc = MinimalJson();
    doc["format"] = "kiosk-questionnaire/0";          // 1: top level
    ScaleOptions(doc)[1]["value"] = -1;               // 2: inside a scale
    doc["areas"][1]["competencies"][0]["items"][0]["scale"] = "s44";  // 3: an item's scale reference
    LoadResult r = Parse(doc);
    INFO(ErrorList(r.errors));
    CHECK_FALSE(r.Ok());
    REQUIRE(r.errors.size() == 3);
    CHECK(r.errors[0].pointer == "/format");
    CHECK(r.errors[1].pointer == "/scales/s4/options/1/value");
    CHECK(r.errors[2].pointer == "/areas/1/competencies/0/items/0/scale");
    CHECK(r.errors[2].message.find("unknown scale \"s44\"") != std::string::npos);
}

TEST_CASE("questionnaire: a duplicate key does not hide the other errors") {
    std::string text = EditedText("{\"id\": \"a2\", ", "{\"id\": \"a2\", \"id\": \"a2\", ");
    auto at = text.find("\"version\": \"1\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 14, "\"version\": \"\"");
    LoadResult r = ParseQuestionnaire(text, "q.json");
    INFO(ErrorList(r.errors));
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].pointer == "/areas/1/id");
    CHECK(r.errors[1].pointer == "/version");
}

TEST_CASE("questionnaire: ValidationError::ToString is FILE: POINTER: message") {
    json doc = MinimalJson();
    doc["version"] = "";
    LoadResult r = Parse(doc, "questionnaires/x.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].ToString().rfind("questionnaires/x.json: /version: must not be empty (line ", 0) == 0);

    ValidationError e{"f.json", "/a/0", "boom", 0, 0};
    CHECK(e.ToString() == "f.json: /a/0: boom");
    ValidationError located{"f.json", "/a/0", "boom", 3, 7};
    CHECK(located.ToString() == "f.json: /a/0: boom (line 3, column 7)");
    ValidationError syntax{"f.json", "/a/0", "boom", 3, 7, true};
    CHECK(syntax.ToString() == "f.json: /a/0: line 3, column 7: boom");
}

TEST_CASE("questionnaire: a semantic error carries the line and column of the offending value") {
    // Line 4 becomes `  "version": "",` : the value "" starts at column 14.
    std::string text = kiosk::test::FixtureBytes("minimal.json");
    auto at = text.find("\"version\": \"1\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 14, "\"version\": \"\"");
    LoadResult r = ParseQuestionnaire(text, "x.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].pointer == "/version");
    CHECK(r.errors[0].line == 4);
    CHECK(r.errors[0].column == 14);
    CHECK_FALSE(r.errors[0].syntax);
}

TEST_CASE("questionnaire: a syntax error's ToString carries line and column") {
    // Line 2 is `"format": x`; x is its 11th character.
    LoadResult r = ParseQuestionnaire("{\n\"format\": x}", "bad.json");
    INFO(ErrorList(r.errors));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 11);
    CHECK(r.errors[0].ToString().rfind("bad.json: /format: line 2, column 11: syntax error", 0) == 0);
}

TEST_CASE("questionnaire: a file that is not an object, empty or unreadable is one clear error") {
    LoadResult r = ParseQuestionnaire("[]", "q.json");
    CheckOnlyError(r, "", "must be an object");
    CheckOnlyError(ParseQuestionnaire("", "q.json"), "", "the file is empty");
    r = LoadQuestionnaireFile(kiosk::test::FixturePath("does-not-exist.json"));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "cannot open file");
}

TEST_CASE("questionnaire: sha256 is the SHA-256 of the file's exact bytes") {
    // Digests from `sha256sum tests/fixtures/minimal.json tests/fixtures/minimal_bom_crlf.json`. The second
    // file is the first with a BOM and CRLF line ends: the same questionnaire, different bytes, different
    // digest (nothing is stripped or normalized before hashing).
    LoadResult plain = LoadQuestionnaireFile(kiosk::test::FixturePath("minimal.json"));
    LoadResult bom = LoadQuestionnaireFile(kiosk::test::FixturePath("minimal_bom_crlf.json"));
    REQUIRE(plain.Ok());
    REQUIRE(bom.Ok());
    CHECK(plain.questionnaire->sha256 == "3dd93f4cca1a91551c1eb43a55a9a4245ee58054c88b87cf17155d62c51d1511");
    CHECK(bom.questionnaire->sha256 == "bc6d9988580492d043a83ab73f5213f946cf8e58616339278385db4250b98182");
    // SHA-256 of "abc", FIPS 180-2 appendix B.1.
    CHECK(kiosk::core::Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("questionnaire: the same id and version with different bytes is an error when both are installed") {
    Questionnaire a = Load(MinimalJson());
    json edited = MinimalJson();
    edited["title"]["en"] = "Test, edited";
    Questionnaire b = Load(edited);
    a.path = "a.json";
    b.path = "b.json";
    REQUIRE(a.sha256 != b.sha256);

    auto errors = ValidateInstalledSet({a, b});
    INFO(ErrorList(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "b.json");
    CHECK(errors[0].pointer == "/version");
    CHECK(errors[0].message.find("a.json") != std::string::npos);

    // Same bytes installed twice (e.g. copied to two folders) is harmless.
    Questionnaire a2 = Load(MinimalJson());
    a2.path = "copy/a.json";
    CHECK(ValidateInstalledSet({a, a2}).empty());
    // A new version of the edited file is the intended way.
    b.version = "2";
    CHECK(ValidateInstalledSet({a, b}).empty());
    // So is a different id.
    b.version = a.version;
    b.id = "other";
    CHECK(ValidateInstalledSet({a, b}).empty());
}
