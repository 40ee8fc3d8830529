// Level descriptions (validator, schema-shaped fixtures, writer, lookup), the shipped texts, and the
// result's QR code: its exact text, that zbarimg reads it back, and its size for the longest shipped result.
#include "kiosk/core/questionnaire_writer.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/take_home.h"
#include "test_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace kiosk;
using kiosk::test::CheckOnlyError;
using kiosk::test::ErrorList;
using kiosk::test::Load;
using kiosk::test::MinimalJson;
using kiosk::test::Parse;
using nlohmann::json;

namespace {

json Text(const std::string& vi, const std::string& en) { return {{"vi", vi}, {"en", en}}; }

core::Questionnaire Shipped(const std::string& name) {
    core::LoadResult r = core::LoadQuestionnaireFile(std::string(KIOSK_SOURCE_DIR) + "/questionnaires/" + name);
    INFO(ErrorList(r.errors));
    REQUIRE(r.Ok());
    return *r.questionnaire;
}

core::QrWords ViWords() { return {"Tổng", "mức", "Lĩnh vực", "Nên học", "chưa đánh giá"}; }

// The fixed answers of tests/fixtures/print/quick-answers.json (all five levels among the areas).
core::Result FixedQuickResult(const core::Questionnaire& q) {
    std::string bytes = kiosk::test::FixtureBytes("print/quick-answers.json");
    core::AnswerMap answers;
    auto problems = core::ParseAnswers(q, json::parse(bytes), answers);
    REQUIRE(problems.empty());
    return core::ScoreAnswers(q, answers);
}

// Writes the symbol as a binary PGM, 6 pixels per module with the 4-module quiet zone, and lets zbarimg
// read it back.
std::string Decode(const core::QrMatrix& qr, const std::string& name) {
    const int scale = 6, side = (qr.size + 8) * scale;
    auto dir = std::filesystem::temp_directory_path() / ("kiosk-qr-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string path = (dir / (name + ".pgm")).string();
    {
        std::ofstream f(path, std::ios::binary);
        f << "P5\n" << side << " " << side << "\n255\n";
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) {
                int mx = x / scale - 4, my = y / scale - 4;
                bool dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.Dark(mx, my);
                f.put(dark ? '\0' : '\xff');
            }
    }
    // No -Sbinary: the reader must learn "UTF-8" from the symbol itself, as a phone's does.
    std::string out = kiosk::test::RunCommand("zbarimg --raw -q '" + path + "' 2>/dev/null");
    std::filesystem::remove_all(dir);
    return out;
}

}  // namespace

TEST_CASE("level descriptions: optional keys load into the model") {
    json doc = MinimalJson();
    doc["scoring"]["levels"][2]["description"] = Text("Ở mức Khá, bạn có thể…", "At the Good level, you can…");
    doc["areas"][0]["level_descriptions"] = {{"good", Text("Trong lĩnh vực này…", "In this area…")},
                                              {"x-note", "trainers' note"}};
    core::Questionnaire q = Load(doc);
    CHECK(q.scoring.levels[2].description.at("vi") == "Ở mức Khá, bạn có thể…");
    CHECK(q.scoring.levels[0].description.empty());
    REQUIRE(q.areas[0].levelDescriptions.size() == 1);
    CHECK(q.areas[0].levelDescriptions.at("good").at("en") == "In this area…");

    // The area's own text wins; other areas fall back to the level's; a level without one has none.
    CHECK(core::LevelDescription(q, 0, 2)->at("en") == "In this area…");
    CHECK(core::LevelDescription(q, 1, 2)->at("en") == "At the Good level, you can…");
    CHECK(core::LevelDescription(q, -1, 2)->at("en") == "At the Good level, you can…");
    CHECK(core::LevelDescription(q, 0, 0) == nullptr);
    CHECK(core::LevelDescription(q, 0, 99) == nullptr);
    CHECK(core::LevelDescription(q, 0, -1) == nullptr);
}

TEST_CASE("level descriptions: the writer keeps them, in level order") {
    json doc = MinimalJson();
    doc["scoring"]["levels"][0]["description"] = Text("Bắt đầu…", "Beginning…");
    doc["areas"][1]["level_descriptions"] = {{"high", Text("Cao…", "High…")}, {"basic", Text("Cơ bản…", "Basic…")}};
    core::Questionnaire q = Load(doc);
    std::string written = core::WriteQuestionnaireJson(q);
    CHECK(written.find("\"level_descriptions\"") != std::string::npos);
    CHECK(written.find("\"basic\"", written.find("level_descriptions")) <
          written.find("\"high\"", written.find("level_descriptions")));
    core::LoadResult back = core::ParseQuestionnaire(written, "written.json");
    INFO(ErrorList(back.errors));
    REQUIRE(back.Ok());
    CHECK(back.questionnaire->scoring.levels[0].description == q.scoring.levels[0].description);
    CHECK(back.questionnaire->areas[1].levelDescriptions == q.areas[1].levelDescriptions);
    CHECK(core::WriteQuestionnaireJson(*back.questionnaire) == written);
}

TEST_CASE("level descriptions: mistakes are reported at their pointer") {
    SUBCASE("a level id that does not exist") {
        json doc = MinimalJson();
        doc["areas"][0]["level_descriptions"] = {{"goood", Text("…", "…")}};
        CheckOnlyError(Parse(doc), "/areas/0/level_descriptions/goood", "unknown level \"goood\"");
    }
    SUBCASE("a language missing") {
        json doc = MinimalJson();
        doc["areas"][1]["level_descriptions"] = {{"good", {{"vi", "Khá…"}}}};
        CheckOnlyError(Parse(doc), "/areas/1/level_descriptions/good/en", "missing the \"en\" text");
    }
    SUBCASE("an empty text") {
        json doc = MinimalJson();
        doc["scoring"]["levels"][1]["description"] = Text("  ", "Basic…");
        CheckOnlyError(Parse(doc), "/scoring/levels/1/description/vi", "must not be empty");
    }
    SUBCASE("not an object of texts") {
        json doc = MinimalJson();
        doc["areas"][0]["level_descriptions"] = json::array();
        CheckOnlyError(Parse(doc), "/areas/0/level_descriptions", "must be an object of texts by level id");
    }
    SUBCASE("a plain string instead of one text per language") {
        json doc = MinimalJson();
        doc["scoring"]["levels"][0]["description"] = "Bắt đầu";
        CheckOnlyError(Parse(doc), "/scoring/levels/0/description", "must be an object of texts per language");
    }
    SUBCASE("a misspelled key") {
        json doc = MinimalJson();
        doc["scoring"]["levels"][0]["descripton"] = Text("…", "…");
        CheckOnlyError(Parse(doc), "/scoring/levels/0/descripton", "did you mean \"description\"");
    }
}

TEST_CASE("shipped: every level has a description overall and in every area, in both languages") {
    for (const char* name : {"danang-dcf.json", "danang-dcf-quick.json"}) {
        core::Questionnaire q = Shipped(name);
        INFO(name);
        for (std::size_t l = 0; l < q.scoring.levels.size(); ++l) {
            const auto& level = q.scoring.levels[l];
            INFO("level " << level.id);
            for (const char* lang : {"vi", "en"}) {
                REQUIRE(level.description.count(lang) == 1);
                CHECK(level.description.at(lang).size() > 40);
            }
            // The overall text names the level the way the screen shows it: "Ở mức Khá, …".
            CHECK(level.description.at("vi").rfind("Ở mức " + level.label.at("vi") + ",", 0) == 0);
            CHECK(level.description.at("en").rfind("At the " + level.label.at("en") + " level,", 0) == 0);
            for (std::size_t a = 0; a < q.areas.size(); ++a) {
                INFO("area " << q.areas[a].id);
                auto it = q.areas[a].levelDescriptions.find(level.id);
                REQUIRE(it != q.areas[a].levelDescriptions.end());
                CHECK(it->second.at("vi").size() > 40);
                CHECK(it->second.at("en").size() > 40);
                CHECK(core::LevelDescription(q, static_cast<int>(a), static_cast<int>(l)) == &it->second);
            }
        }
    }
}

TEST_CASE("QR: the text carries the day, questionnaire, levels, top recommendations and the portal") {
    core::Questionnaire q = Shipped("danang-dcf-quick.json");
    core::Result r = FixedQuickResult(q);
    core::QrPayloadOptions o;
    o.lang = "vi";
    o.day = {2026, 12, 1};
    o.words = ViWords();
    o.portalUrl = "https://binhdanhocvuso.gov.vn";
    const std::string expected = "01/12/2026 danang-dcf-quick " + q.version +
                                 "\nTổng: Khá (mức 3/5)\nLĩnh vực 1-5: 5 3 2 1 4\nNên học: 2.5 3.2 4.2\n"
                                 "https://binhdanhocvuso.gov.vn";
    CHECK(core::BuildQrPayload(q, r, o) == expected);

    o.portalUrl.clear();
    o.recommendations = 1;
    const std::string one = core::BuildQrPayload(q, r, o);
    CHECK(one.substr(one.rfind('\n')) == "\nNên học: 2.5");

    // Nothing answered: no levels, no recommendations, still the day and the questionnaire.
    core::Result empty = core::ScoreAnswers(q, {});
    CHECK(core::BuildQrPayload(q, empty, o) ==
          "01/12/2026 danang-dcf-quick " + q.version + "\nTổng: chưa đánh giá\nLĩnh vực 1-5: - - - - -");
}

TEST_CASE("QR: zbarimg reads back exactly the text, Vietnamese included") {
    core::Questionnaire q = Shipped("danang-dcf-quick.json");
    core::Result r = FixedQuickResult(q);
    core::QrPayloadOptions o{"vi", {2026, 12, 1}, ViWords(), "https://binhdanhocvuso.gov.vn", 3};
    const std::string text = core::BuildQrPayload(q, r, o);
    core::QrMatrix qr = core::EncodeQr(text);
    REQUIRE(qr.size > 0);
    std::string decoded = Decode(qr, "fixed");
    if (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
    CHECK(decoded == text);
}

TEST_CASE("QR: the longest shipped result fits in 45x45 modules, with the default portal link") {
    // The longest text: the longest level label overall, every area assessed, three recommendations with
    // the longest competency ids, in every language, for every shipped questionnaire.
    int worst = 0;
    std::string worstText;
    for (const char* name : {"danang-dcf.json", "danang-dcf-quick.json"}) {
        core::Questionnaire q = Shipped(name);
        std::vector<std::string> ids;
        for (const auto& a : q.areas)
            for (const auto& c : a.competencies) ids.push_back(c.id);
        std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        for (std::size_t level = 0; level < q.scoring.levels.size(); ++level) {
            core::Result r;
            r.overall = {true, 10, static_cast<int>(level)};
            for (const auto& a : q.areas) r.areas.push_back({a.id, {true, 10, static_cast<int>(level)}});
            r.recommendations.assign(ids.begin(), ids.begin() + 3);
            for (const char* lang : {"vi", "en"}) {
                core::QrWords words = std::string(lang) == "vi"
                                          ? ViWords()
                                          : core::QrWords{"Overall", "level", "Areas", "Learn next", "not assessed"};
                core::QrPayloadOptions o{lang, {2026, 12, 31}, words, "https://binhdanhocvuso.gov.vn", 3};
                std::string text = core::BuildQrPayload(q, r, o);
                core::QrMatrix qr = core::EncodeQr(text);
                if (qr.size > worst) {
                    worst = qr.size;
                    worstText = text;
                }
            }
        }
        // A real worst case too: every answer the lowest.
        core::AnswerMap lowest;
        for (const auto& ref : q.ItemOrder()) lowest[q.areas[ref.area].competencies[ref.competency].items[ref.item].id] = 0;
        core::QrPayloadOptions o{"vi", {2026, 12, 31}, ViWords(), "https://binhdanhocvuso.gov.vn", 3};
        worst = std::max(worst, core::EncodeQr(core::BuildQrPayload(q, core::ScoreAnswers(q, lowest), o)).size);
    }
    MESSAGE("largest QR for a shipped result: " << worst << "x" << worst << " modules for:\n" << worstText);
    CHECK(worst > 0);
    CHECK(worst <= 45);
}

TEST_CASE("QR: error correction is as strong as the 45-module budget allows") {
    // A short text gets level H (the largest symbol for the same text); forcing a 21-module budget on a
    // longer text falls back to a weaker level but never fails.
    core::QrMatrix small = core::EncodeQr("01/12/2026 a 1", 45);
    core::QrMatrix tight = core::EncodeQr("01/12/2026 a 1", 21);
    CHECK(small.size > tight.size);
    CHECK(tight.size == 21);
    CHECK(core::EncodeQr(std::string(3000, 'x')).size == 0);  // beyond version 40
}
