// Questionnaire -> JSON in the key order of questionnaire-format.md, and a pretty-printer that keeps short
// containers on one line (the layout of the shipped files).
#include "kiosk/core/questionnaire_writer.h"

#include "kiosk/core/text.h"

#include <cmath>

namespace kiosk::core {
namespace {

using ojson = nlohmann::ordered_json;

// Whole numbers as integers so weights and minimums read "1" and "20", not "1.0" and "20.0".
ojson Number(double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9007199254740992.0)
        return static_cast<std::int64_t>(x);
    return x;
}

// Languages in the questionnaire's order (a std::map would sort them); languages missing from `text` are
// skipped, extra ones (not in `languages`) follow so nothing is lost silently.
ojson Localized(const LocalizedText& text, const std::vector<std::string>& languages) {
    ojson out = ojson::object();
    for (const auto& lang : languages) {
        auto it = text.find(lang);
        if (it != text.end()) out[lang] = ToNfc(it->second);
    }
    for (const auto& [lang, s] : text)
        if (!out.contains(lang)) out[lang] = ToNfc(s);
    return out;
}

ojson OptionJson(const Option& o, bool isScale, const std::vector<std::string>& languages) {
    ojson j = ojson::object();
    if (isScale) {
        if (o.excluded)
            j["excluded"] = true;
        else if (o.value)
            j["value"] = Number(*o.value);
        j["label"] = Localized(o.label, languages);
    } else {
        j["label"] = Localized(o.label, languages);
        if (o.correct) j["correct"] = true;
        if (o.excluded) j["excluded"] = true;
    }
    return j;
}

std::string Scalar(const ojson& v) {
    return v.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string OneLine(const ojson& v) {
    if (!v.is_structured()) return Scalar(v);
    std::string s = v.is_object() ? "{" : "[";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) s += ", ";
        first = false;
        if (v.is_object()) s += Scalar(it.key()) + ": ";
        s += OneLine(*it);
    }
    return s + (v.is_object() ? "}" : "]");
}

void Dump(const ojson& v, std::size_t indent, std::size_t column, std::size_t width, std::string& out) {
    std::string line = OneLine(v);
    // +1 for the comma that may follow; widths count code points, as an editor shows them.
    if (!v.is_structured() || v.empty() || column + CodePointCount(ToValidUtf8(line)) + 1 <= width) {
        out += line;
        return;
    }
    const bool isObject = v.is_object();
    out += isObject ? "{\n" : "[\n";
    std::size_t i = 0;
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
        out.append(indent + 2, ' ');
        std::size_t col = indent + 2;
        if (isObject) {
            std::string key = Scalar(it.key()) + ": ";
            out += key;
            col += CodePointCount(ToValidUtf8(key));
        }
        Dump(*it, indent + 2, col, width, out);
        if (i + 1 < v.size()) out += ',';
        out += '\n';
    }
    out.append(indent, ' ');
    out += isObject ? '}' : ']';
}

// In the order of scoring.levels (the model's map is sorted by id, which reads oddly).
ojson AreaLevelDescriptions(const Questionnaire& q, const Area& a) {
    ojson out = ojson::object();
    for (const auto& l : q.scoring.levels) {
        auto it = a.levelDescriptions.find(l.id);
        if (it != a.levelDescriptions.end()) out[l.id] = Localized(it->second, q.languages);
    }
    return out;
}

}  // namespace

nlohmann::ordered_json QuestionnaireToJson(const Questionnaire& q) {
    const auto& langs = q.languages;
    ojson doc = ojson::object();
    doc["format"] = kQuestionnaireFormat;
    doc["id"] = q.id;
    doc["version"] = ToNfc(q.version);
    doc["languages"] = langs;
    doc["title"] = Localized(q.title, langs);
    if (!q.description.empty()) doc["description"] = Localized(q.description, langs);
    if (!q.source.empty()) doc["source"] = Localized(q.source, langs);
    if (q.estimatedMinutes) doc["estimated_minutes"] = Number(*q.estimatedMinutes);

    ojson scales = ojson::object();
    for (const auto& s : q.scales) {
        ojson options = ojson::array();
        for (const auto& o : s.options) options.push_back(OptionJson(o, true, langs));
        scales[s.id] = {{"options", options}};
    }
    doc["scales"] = scales;

    ojson areas = ojson::array();
    for (const auto& a : q.areas) {
        ojson area = ojson::object();
        area["id"] = a.id;
        area["title"] = Localized(a.title, langs);
        if (!a.levelDescriptions.empty()) area["level_descriptions"] = AreaLevelDescriptions(q, a);
        ojson comps = ojson::array();
        for (const auto& c : a.competencies) {
            ojson comp = ojson::object();
            comp["id"] = c.id;
            comp["title"] = Localized(c.title, langs);
            if (!c.description.empty()) comp["description"] = Localized(c.description, langs);
            if (!c.recommendation.empty()) comp["recommendation"] = Localized(c.recommendation, langs);
            ojson items = ojson::array();
            for (const auto& it : c.items) {
                ojson item = ojson::object();
                item["id"] = it.id;
                item["dimension"] = DimensionId(it.dimension);
                if (it.IsKnowledgeCheck()) {
                    item["text"] = Localized(it.text, langs);
                    ojson options = ojson::array();
                    for (const auto& o : it.options) options.push_back(OptionJson(o, false, langs));
                    item["options"] = options;
                } else {
                    item["scale"] = q.scales.at(static_cast<std::size_t>(it.scaleIndex)).id;
                    item["text"] = Localized(it.text, langs);
                }
                items.push_back(std::move(item));
            }
            comp["items"] = std::move(items);
            comps.push_back(std::move(comp));
        }
        area["competencies"] = std::move(comps);
        areas.push_back(std::move(area));
    }
    doc["areas"] = std::move(areas);

    ojson scoring = ojson::object();
    ojson weights = ojson::object();
    for (Dimension d : kDimensions)
        weights[DimensionId(d)] = Number(q.scoring.dimensionWeights[static_cast<std::size_t>(d)]);
    scoring["dimension_weights"] = weights;
    ojson levels = ojson::array();
    for (const auto& l : q.scoring.levels)
    {
        ojson level = {{"id", l.id}, {"min", Number(l.min)}, {"label", Localized(l.label, langs)}};
        if (!l.description.empty()) level["description"] = Localized(l.description, langs);
        levels.push_back(std::move(level));
    }
    scoring["levels"] = levels;
    scoring["recommend_below"] = Number(q.scoring.recommendBelow);
    doc["scoring"] = scoring;
    return doc;
}

std::string FormatJson(const nlohmann::ordered_json& value, std::size_t lineWidth) {
    std::string out;
    Dump(value, 0, 0, lineWidth, out);
    out += '\n';
    return out;
}

std::string WriteQuestionnaireJson(const Questionnaire& q) {
    return FormatJson(QuestionnaireToJson(q));
}

}  // namespace kiosk::core
