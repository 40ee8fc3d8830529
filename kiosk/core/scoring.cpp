// Scoring arithmetic of questionnaire-format.md, step by step: item -> competency (weighted by dimension)
// -> area -> overall (plain means of unrounded values, summed in file order), dimension means, then
// rounding half away from zero to 0.1 and banding into levels.
#include "kiosk/core/scoring.h"

#include "kiosk/core/json_reader.h"

#include <algorithm>
#include <cmath>

namespace kiosk::core {
namespace {

struct Mean {
    double sum = 0, weight = 0;
    void Add(double x, double w = 1) {
        sum += w * x;
        weight += w;
    }
    bool Empty() const { return weight <= 0; }
    double Value() const { return sum / weight; }
};

Score MakeScore(const ScoringRules& rules, const Mean& m) {
    Score s;
    if (m.Empty()) return s;
    s.assessed = true;
    s.score = RoundScore(m.Value());
    s.levelIndex = LevelFor(rules, s.score);
    return s;
}

}  // namespace

double RoundScore(double x) {
    return std::round(x * 10) / 10;
}

int LevelFor(const ScoringRules& rules, double roundedScore) {
    int found = rules.levels.empty() ? -1 : 0;
    for (std::size_t i = 0; i < rules.levels.size(); ++i)
        if (rules.levels[i].min <= roundedScore) found = static_cast<int>(i);
    return found;
}

std::optional<double> ItemScore(const Questionnaire& q, const Item& item, std::optional<int> answer) {
    if (!answer) return std::nullopt;
    const auto& options = q.OptionsOf(item);
    if (*answer < 0 || static_cast<std::size_t>(*answer) >= options.size()) return std::nullopt;
    const Option& chosen = options[static_cast<std::size_t>(*answer)];
    if (chosen.excluded) return std::nullopt;
    if (item.IsKnowledgeCheck()) return chosen.correct ? 100.0 : 0.0;
    const Scale& scale = q.scales[static_cast<std::size_t>(item.scaleIndex)];
    return 100.0 * chosen.value.value_or(0) / scale.maxValue;
}

std::vector<AnswerError> ParseAnswers(const Questionnaire& q, const nlohmann::json& doc, AnswerMap& out) {
    std::vector<AnswerError> errors;
    out.clear();
    if (!doc.is_object()) {
        errors.push_back({"", "answers must be an object {\"questionnaire\": …, \"answers\": {…}}"});
        return errors;
    }
    for (const auto& [key, value] : doc.items()) {
        if (key == "questionnaire") {
            if (!value.is_string() || value.get<std::string>() != q.id)
                errors.push_back(
                    {"/questionnaire", "these answers are for \"" +
                                           (value.is_string() ? value.get<std::string>() : value.dump()) +
                                           "\", not for \"" + q.id + "\""});
        } else if (key != "answers" && key.rfind("x-", 0) != 0) {
            errors.push_back({"/" + PointerToken(key), "unknown key \"" + key + "\""});
        }
    }
    if (!doc.contains("answers") || !doc["answers"].is_object()) {
        errors.push_back({"/answers", "missing object \"answers\" (item id -> chosen option index)"});
        return errors;
    }
    for (const auto& [id, value] : doc["answers"].items()) {
        std::string p = "/answers/" + PointerToken(id);  // item ids may contain / or ~
        const Item* item = q.FindItem(id);
        if (!item) {
            errors.push_back({p, "unknown item \"" + id + "\" in questionnaire \"" + q.id + "\""});
            continue;
        }
        if (value.is_null()) continue;  // explicitly unanswered
        std::size_t n = q.OptionsOf(*item).size();
        double x = value.is_number() ? value.get<double>() : -1;
        if (!value.is_number() || x != std::floor(x)) {
            errors.push_back({p, "must be a whole number (the 0-based index of the chosen option)"});
        } else if (x < 0 || x >= static_cast<double>(n)) {
            errors.push_back({p, "option index " + value.dump() + " is out of range: item \"" + id +
                                     "\" has " + std::to_string(n) + " options (0–" + std::to_string(n - 1) +
                                     ")"});
        } else {
            out[id] = static_cast<int>(x);
        }
    }
    return errors;
}

Result ScoreAnswers(const Questionnaire& q, const AnswerMap& answers) {
    Result r;
    r.questionnaireId = q.id;
    r.questionnaireVersion = q.version;
    r.questionnaireSha256 = q.sha256;
    const ScoringRules& rules = q.scoring;
    std::array<Mean, 3> dims;
    Mean overall;
    struct Weak {
        double score;
        std::size_t order;
        std::string id;
    };
    std::vector<Weak> weak;
    for (const Area& area : q.areas) {
        Mean areaMean;
        for (const Competency& comp : area.competencies) {
            Mean compMean;
            for (const Item& item : comp.items) {
                auto it = answers.find(item.id);
                auto s =
                    ItemScore(q, item, it == answers.end() ? std::nullopt : std::optional<int>(it->second));
                if (!s) continue;
                int d = static_cast<int>(item.dimension);
                dims[d].Add(*s);
                double w = rules.dimensionWeights[d];
                if (w > 0) compMean.Add(*s, w);
            }
            Score cs = MakeScore(rules, compMean);
            r.competencies.push_back({comp.id, cs});
            if (!cs.assessed) continue;
            areaMean.Add(compMean.Value());
            if (cs.score < rules.recommendBelow) weak.push_back({cs.score, weak.size(), comp.id});
        }
        Score as = MakeScore(rules, areaMean);
        r.areas.push_back({area.id, as});
        if (as.assessed) overall.Add(areaMean.Value());
    }
    r.overall = MakeScore(rules, overall);
    for (std::size_t d = 0; d < dims.size(); ++d)
        if (!dims[d].Empty()) r.dimensions[d] = RoundScore(dims[d].Value());
    // Weakest first by the score the citizen sees; ties keep file order.
    std::stable_sort(weak.begin(), weak.end(),
                     [](const Weak& a, const Weak& b) { return a.score < b.score; });
    for (auto& w : weak) r.recommendations.push_back(std::move(w.id));
    return r;
}

nlohmann::ordered_json ResultToJson(const Questionnaire& q, const Result& r) {
    using oj = nlohmann::ordered_json;
    auto entry = [&](const std::string* id, const Score& s) {
        oj e = oj::object();
        if (id) e["id"] = *id;
        if (!s.assessed) {
            e["assessed"] = false;
        } else {
            e["score"] = s.score;
            e["level"] = q.scoring.levels[static_cast<std::size_t>(s.levelIndex)].id;
        }
        return e;
    };
    oj out = oj::object();
    out["questionnaire"] = {
        {"id", r.questionnaireId}, {"version", r.questionnaireVersion}, {"sha256", r.questionnaireSha256}};
    out["overall"] = entry(nullptr, r.overall);
    out["areas"] = oj::array();
    for (const auto& a : r.areas) out["areas"].push_back(entry(&a.id, a.score));
    out["competencies"] = oj::array();
    for (const auto& c : r.competencies) out["competencies"].push_back(entry(&c.id, c.score));
    out["dimensions"] = oj::object();
    for (Dimension d : kDimensions) {
        const auto& v = r.dimensions[static_cast<int>(d)];
        out["dimensions"][DimensionId(d)] = v ? oj(*v) : oj(nullptr);
    }
    out["recommendations"] = r.recommendations;
    return out;
}

}  // namespace kiosk::core
