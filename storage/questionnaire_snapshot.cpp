// Rebuilding a questionnaire document from the loaded model (see questionnaire_snapshot.h).
#include "storage/questionnaire_snapshot.h"

#include "kiosk/core/text.h"

#include <nlohmann/json.hpp>

namespace kiosk::storage {
namespace {

using Json = nlohmann::ordered_json;

Json Text(const core::LocalizedText& t) {
    Json j = Json::object();
    for (const auto& [lang, s] : t) j[lang] = s;
    return j;
}

Json Options(const std::vector<core::Option>& options, bool isScale) {
    Json list = Json::array();
    for (const auto& o : options) {
        Json j = Json::object();
        if (isScale && o.value) j["value"] = *o.value;
        if (o.excluded) j["excluded"] = true;
        if (!isScale && o.correct) j["correct"] = true;
        j["label"] = Text(o.label);
        list.push_back(std::move(j));
    }
    return list;
}

}  // namespace

std::string RebuildQuestionnaireDocument(const core::Questionnaire& q) {
    Json doc = Json::object();
    doc["format"] = core::kQuestionnaireFormat;
    doc["id"] = q.id;
    doc["version"] = q.version;
    doc["languages"] = q.languages;
    doc["title"] = Text(q.title);
    if (!q.description.empty()) doc["description"] = Text(q.description);
    if (!q.source.empty()) doc["source"] = Text(q.source);
    if (q.estimatedMinutes) doc["estimated_minutes"] = *q.estimatedMinutes;
    Json scales = Json::object();
    for (const auto& s : q.scales) scales[s.id] = Json{{"options", Options(s.options, true)}};
    doc["scales"] = std::move(scales);
    Json areas = Json::array();
    for (const auto& a : q.areas) {
        Json comps = Json::array();
        for (const auto& c : a.competencies) {
            Json cj = Json::object();
            cj["id"] = c.id;
            cj["title"] = Text(c.title);
            if (!c.description.empty()) cj["description"] = Text(c.description);
            if (!c.recommendation.empty()) cj["recommendation"] = Text(c.recommendation);
            Json items = Json::array();
            for (const auto& it : c.items) {
                Json ij = Json::object();
                ij["id"] = it.id;
                ij["dimension"] = core::DimensionId(it.dimension);
                if (it.IsKnowledgeCheck())
                    ij["options"] = Options(it.options, false);
                else
                    ij["scale"] = q.scales[static_cast<std::size_t>(it.scaleIndex)].id;
                ij["text"] = Text(it.text);
                items.push_back(std::move(ij));
            }
            cj["items"] = std::move(items);
            comps.push_back(std::move(cj));
        }
        areas.push_back(Json{{"id", a.id}, {"title", Text(a.title)}, {"competencies", std::move(comps)}});
    }
    doc["areas"] = std::move(areas);
    Json weights = Json::object();
    for (auto d : core::kDimensions)
        weights[core::DimensionId(d)] = q.scoring.dimensionWeights[static_cast<int>(d)];
    Json levels = Json::array();
    for (const auto& l : q.scoring.levels)
        levels.push_back(Json{{"id", l.id}, {"min", l.min}, {"label", Text(l.label)}});
    doc["scoring"] = Json{{"dimension_weights", std::move(weights)},
                          {"levels", std::move(levels)},
                          {"recommend_below", q.scoring.recommendBelow}};
    return doc.dump(2) + "\n";
}

QuestionnaireDocument DocumentFor(const core::Questionnaire& q) {
    QuestionnaireDocument out;
    std::string error;
    if (!q.path.empty() && core::ReadFileBytes(q.path, out.bytes, error) &&
        core::Sha256Hex(out.bytes) == q.sha256) {
        out.exact = true;
        return out;
    }
    out.bytes = RebuildQuestionnaireDocument(q);
    out.exact = false;
    return out;
}

std::optional<core::Questionnaire> ParseStoredDocument(const std::string& document, const std::string& name) {
    core::LoadResult r = core::ParseQuestionnaire(document, name);
    if (!r.Ok()) return std::nullopt;
    return std::move(*r.questionnaire);
}

}  // namespace kiosk::storage
