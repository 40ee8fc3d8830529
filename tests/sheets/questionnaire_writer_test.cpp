// core::WriteQuestionnaireJson: lossless, contract key order, NFC, layout.
#include "kiosk/core/questionnaire_writer.h"
#include "sheet_test_util.h"

using namespace sheets_test;
using kiosk::core::ParseQuestionnaire;
using kiosk::core::WriteQuestionnaireJson;

TEST_CASE("writer: the fixture written back is the same document") {
    const std::string path = SourcePath("tests/fixtures/minimal.json");
    auto q = LoadValid(path);
    std::string out = WriteQuestionnaireJson(q);
    CHECK(ParseJson(out) == ParseJson(ReadFile(path)));
    CHECK(ParseQuestionnaire(out, "written.json").Ok());
}

TEST_CASE("writer: keys follow the order of the format document") {
    std::string out = WriteQuestionnaireJson(LoadValid(SourcePath("tests/fixtures/minimal.json")));
    std::vector<std::string> order = {
        "\"format\"",         "\"id\"",    "\"version\"", "\"languages\"",         "\"title\"",
        "\"scales\"",         "\"areas\"", "\"scoring\"", "\"dimension_weights\"", "\"levels\"",
        "\"recommend_below\""};
    std::size_t last = 0;
    for (const auto& key : order) {
        std::size_t at = out.find(key);
        CHECK_MESSAGE(at != std::string::npos, key);
        CHECK_MESSAGE(at >= last, key << " is out of order");
        last = at;
    }
    // Within an item: id, dimension, scale, text; a knowledge check: id, dimension, text, options.
    CHECK(out.find("\"id\": \"c1-k\", \"dimension\": \"knowledge\", \"scale\": \"s4\", \"text\"") !=
          std::string::npos);
    CHECK(out.find("\"id\": \"c1-q\",\n") != std::string::npos);
}

TEST_CASE("writer: layout is 2-space indentation, short objects on one line, whole numbers as integers") {
    std::string out = WriteQuestionnaireJson(LoadValid(SourcePath("tests/fixtures/minimal.json")));
    CHECK(out.rfind("{\n  \"format\": \"kiosk-questionnaire/1\",\n  \"id\": \"mini\",\n", 0) == 0);
    CHECK(out.find("  \"title\": {\"vi\": \"Thử\", \"en\": \"Test\"},\n") != std::string::npos);
    CHECK(out.find("\"dimension_weights\": {\"knowledge\": 1, \"skill\": 2, \"attitude\": 1}") !=
          std::string::npos);
    CHECK(out.find("{\"id\": \"basic\", \"min\": 20, \"label\": {\"vi\": \"Cơ bản\", \"en\": \"Basic\"}}") !=
          std::string::npos);
    CHECK(out.find(".0") == std::string::npos);
    CHECK(out.back() == '\n');
}

TEST_CASE("writer: texts are written in NFC, fractions stay fractions, empty optional parts are left out") {
    auto q = LoadValid(SourcePath("tests/fixtures/minimal.json"));
    q.title["vi"] = "Thu\xCC\x9B\xCC\x89";  // "Thử" decomposed: u + horn + hook above
    q.estimatedMinutes = 7.5;
    q.scoring.dimensionWeights[0] = 0.25;
    std::string out = WriteQuestionnaireJson(q);
    CHECK(out.find("\"title\": {\"vi\": \"Thử\"") != std::string::npos);
    CHECK(out.find("\"estimated_minutes\": 7.5") != std::string::npos);
    CHECK(out.find("\"knowledge\": 0.25") != std::string::npos);
    CHECK(out.find("\"description\"") == std::string::npos);  // the fixture has none
    CHECK(out.find("\"source\"") == std::string::npos);
}
