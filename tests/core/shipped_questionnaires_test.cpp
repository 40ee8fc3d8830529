// Tests of the questionnaires the project ships (questionnaires/*.json): they load without errors, cover the
// Da Nang framework's shape (5 areas, 17 competencies, knowledge/skills/attitudes, 5 levels), are stored in
// NFC and do not clash with each other. A missing shipped file is a failure, never a skip.
#include "kiosk/core/json_reader.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/text.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using kiosk::core::Dimension;
using kiosk::core::LoadQuestionnaireFile;
using kiosk::core::LoadResult;
using kiosk::core::Questionnaire;
using kiosk::test::ErrorList;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(KIOSK_SOURCE_DIR) / "questionnaires";

// Every questionnaire file (all *.json but the schema), sorted.
std::vector<fs::path> ShippedFiles() {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(kDir, ec)) {
        if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Questionnaire LoadShipped(const std::string& name) {
    const fs::path path = kDir / name;
    INFO("shipped questionnaire " << path.string());
    REQUIRE(fs::exists(path));
    LoadResult r = LoadQuestionnaireFile(path.string());
    INFO("errors:" << ErrorList(r.errors));
    REQUIRE(r.Ok());
    return *r.questionnaire;
}

std::vector<std::string> CompetencyIds(const Questionnaire& q) {
    std::vector<std::string> ids;
    for (const auto& a : q.areas)
        for (const auto& c : a.competencies) ids.push_back(c.id);
    return ids;
}

// Collects every string (keys too) of a raw JSON document that is not in NFC.
void FindNonNfc(const nlohmann::json& v, const std::string& pointer, std::vector<std::string>& out) {
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (kiosk::core::ToNfc(s) != s) out.push_back(pointer);
    } else if (v.is_object()) {
        for (const auto& [key, child] : v.items()) {
            if (kiosk::core::ToNfc(key) != key) out.push_back(pointer + " (key)");
            FindNonNfc(child, pointer + "/" + kiosk::core::PointerToken(key), out);
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) FindNonNfc(v[i], pointer + "/" + std::to_string(i), out);
    }
}

// The answers that score 100 on every item: the largest scale value, or the correct option.
kiosk::core::AnswerMap BestAnswers(const Questionnaire& q) {
    kiosk::core::AnswerMap answers;
    for (const auto& a : q.areas)
        for (const auto& c : a.competencies)
            for (const auto& item : c.items) {
                const auto& options = q.OptionsOf(item);
                for (std::size_t i = 0; i < options.size(); ++i) {
                    const double max = item.IsKnowledgeCheck() ? 0 : q.scales.at(item.scaleIndex).maxValue;
                    bool best = item.IsKnowledgeCheck() ? options[i].correct
                                                        : options[i].value && *options[i].value == max;
                    if (best) answers[item.id] = static_cast<int>(i);
                }
            }
    return answers;
}

}  // namespace

TEST_CASE("shipped: both Da Nang questionnaires are present") {
    CHECK(fs::exists(kDir / "danang-dcf.json"));
    CHECK(fs::exists(kDir / "danang-dcf-quick.json"));
    CHECK(fs::exists(kDir / "schema.json"));
}

TEST_CASE("shipped: every questionnaire file loads without errors") {
    auto files = ShippedFiles();
    REQUIRE(files.size() >= 2);
    for (const auto& f : files) {
        CAPTURE(f.string());
        LoadResult r = LoadQuestionnaireFile(f.string());
        INFO("errors:" << ErrorList(r.errors));
        CHECK(r.Ok());
        CHECK(r.errors.empty());
    }
}

TEST_CASE("shipped: danang-dcf covers 5 areas and 17 competencies with knowledge, skill and attitude") {
    Questionnaire q = LoadShipped("danang-dcf.json");
    CHECK(q.id == "danang-dcf");
    CHECK(q.languages == std::vector<std::string>{"vi", "en"});
    CHECK(q.areas.size() == 5);
    CHECK(CompetencyIds(q).size() == 17);
    CHECK(q.ItemCount() >= 51);
    std::size_t checks = 0;
    for (const auto& a : q.areas) {
        for (const auto& c : a.competencies) {
            CAPTURE(c.id);
            std::set<Dimension> dims;
            for (const auto& item : c.items) {
                dims.insert(item.dimension);
                if (item.IsKnowledgeCheck()) ++checks;
            }
            CHECK(dims.count(Dimension::Knowledge) == 1);
            CHECK(dims.count(Dimension::Skill) == 1);
            CHECK(dims.count(Dimension::Attitude) == 1);
            // Weak competencies are recommended, so each needs a recommendation to show.
            CHECK(c.recommendation.size() == q.languages.size());
        }
    }
    CHECK(checks >= 1);
}

TEST_CASE("shipped: levels are the framework's five bands at 0/20/40/60/80") {
    for (const char* name : {"danang-dcf.json", "danang-dcf-quick.json"}) {
        CAPTURE(name);
        Questionnaire q = LoadShipped(name);
        std::vector<double> mins;
        std::vector<std::string> ids;
        for (const auto& l : q.scoring.levels) {
            mins.push_back(l.min);
            ids.push_back(l.id);
        }
        CHECK(mins == std::vector<double>{0, 20, 40, 60, 80});
        CHECK(ids == std::vector<std::string>{"beginner", "basic", "good", "high", "advanced"});
        CHECK(q.scoring.levels[0].label.at("vi") == "B\xE1\xBA\xAFt \xC4\x91\xE1\xBA\xA7u");  // "Bắt đầu"
    }
}

TEST_CASE("shipped: danang-dcf-quick has one item per competency of the full questionnaire") {
    Questionnaire quick = LoadShipped("danang-dcf-quick.json");
    Questionnaire full = LoadShipped("danang-dcf.json");
    CHECK(quick.id == "danang-dcf-quick");
    CHECK(quick.areas.size() == 5);
    for (const auto& a : quick.areas)
        for (const auto& c : a.competencies) {
            CAPTURE(c.id);
            CHECK(c.items.size() == 1);
        }
    // Same competency ids, so quick and full results can be read side by side.
    CHECK(CompetencyIds(quick) == CompetencyIds(full));
}

TEST_CASE("shipped: every text and key is stored in NFC") {
    auto files = ShippedFiles();
    REQUIRE(files.size() >= 2);
    for (const auto& f : files) {
        CAPTURE(f.string());
        std::string bytes, error;
        REQUIRE(kiosk::core::ReadFileBytes(f.string(), bytes, error));
        REQUIRE(kiosk::core::IsValidUtf8(bytes));
        nlohmann::json doc = nlohmann::json::parse(bytes);
        std::vector<std::string> notNfc;
        FindNonNfc(doc, "", notNfc);
        INFO("not NFC: " << nlohmann::json(notNfc).dump());
        CHECK(notNfc.empty());
    }
}

TEST_CASE("shipped: the installed set is consistent") {
    std::vector<Questionnaire> installed;
    for (const auto& f : ShippedFiles()) {
        LoadResult r = LoadQuestionnaireFile(f.string());
        REQUIRE(r.Ok());
        installed.push_back(*r.questionnaire);
    }
    REQUIRE(installed.size() >= 2);
    auto errors = kiosk::core::ValidateInstalledSet(installed);
    INFO(ErrorList(errors));
    CHECK(errors.empty());
    std::set<std::string> ids;
    for (const auto& q : installed) ids.insert(q.id);
    CHECK(ids.size() == installed.size());
}

TEST_CASE("shipped: best answers score 100 everywhere, worst answers recommend every competency") {
    for (const char* name : {"danang-dcf.json", "danang-dcf-quick.json"}) {
        CAPTURE(name);
        Questionnaire q = LoadShipped(name);
        auto best = BestAnswers(q);
        CHECK(best.size() == q.ItemCount());
        auto r = kiosk::core::ScoreAnswers(q, best);
        CHECK(r.overall.score == 100.0);
        CHECK(r.recommendations.empty());

        // The worst answers: value 0 on every scale item, a wrong option on every knowledge check. Every
        // item then scores 0, so every competency is 0 and below 60.
        kiosk::core::AnswerMap worst;
        for (const auto& a : q.areas)
            for (const auto& c : a.competencies)
                for (const auto& item : c.items) {
                    const auto& options = q.OptionsOf(item);
                    for (std::size_t i = 0; i < options.size() && !worst.count(item.id); ++i) {
                        bool zero = item.IsKnowledgeCheck() ? !options[i].correct && !options[i].excluded
                                                            : options[i].value && *options[i].value == 0;
                        if (zero) worst[item.id] = static_cast<int>(i);
                    }
                }
        CHECK(worst.size() == q.ItemCount());
        r = kiosk::core::ScoreAnswers(q, worst);
        CHECK(r.overall.score == 0.0);
        CHECK(r.recommendations.size() == 17);
    }
}
