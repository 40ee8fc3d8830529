// Questionnaire -> workbook (the layout is described in questionnaire_sheets.h). Area and competency cells
// are written on the first row of each area/competency only, so the sheet reads as an outline.
#include "kiosk/core/questionnaire_writer.h"
#include "kiosk/core/text.h"
#include "kiosk/sheets/questionnaire_sheets.h"

#include <algorithm>

namespace kiosk::sheets {
namespace {

using core::LocalizedText;

// Builds one sheet row by column name, so the column order is defined in one place (the header).
class RowBuilder {
  public:
    explicit RowBuilder(Sheet& sheet) : m_sheet(sheet) {}

    void Header(const std::vector<std::string>& names) {
        for (std::size_t i = 0; i < names.size(); ++i) m_index[names[i]] = i;
        m_sheet.rows.push_back(names);
    }
    void NewRow() { m_sheet.rows.emplace_back(m_index.size()); }
    void Set(const std::string& column, const std::string& value) {
        m_sheet.rows.back().at(m_index.at(column)) = value;
    }
    void SetNumber(const std::string& column, double value) {
        Set(column, FormatCellNumber(value));
        m_sheet.numberCells.insert({m_sheet.rows.size() - 1, m_index.at(column)});
    }
    void SetText(const std::string& prefix, const LocalizedText& text,
                 const std::vector<std::string>& langs) {
        for (const auto& lang : langs) {
            auto it = text.find(lang);
            if (it != text.end()) Set(prefix + "_" + lang, it->second);
        }
    }
    void Choices(const std::string& column, std::vector<std::string> values) {
        m_sheet.choices[m_index.at(column)] = std::move(values);
    }

  private:
    Sheet& m_sheet;
    std::map<std::string, std::size_t> m_index;
};

std::vector<std::string> PerLanguage(const std::string& prefix, const std::vector<std::string>& langs) {
    std::vector<std::string> out;
    for (const auto& l : langs) out.push_back(prefix + "_" + l);
    return out;
}

void Append(std::vector<std::string>& to, const std::vector<std::string>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

Sheet ItemsSheet(const core::Questionnaire& q) {
    const auto& langs = q.languages;
    // At least 4 option columns, so a trainer can add a knowledge check to a questionnaire that has none.
    std::size_t optionCount = 4;
    bool anyExcludedOption = false;
    for (const auto& a : q.areas)
        for (const auto& c : a.competencies)
            for (const auto& it : c.items) {
                optionCount = std::max(optionCount, it.options.size());
                for (const auto& o : it.options) anyExcludedOption = anyExcludedOption || o.excluded;
            }

    std::vector<std::string> header = {"area_id"};
    Append(header, PerLanguage("area_title", langs));
    header.push_back("competency_id");
    Append(header, PerLanguage("competency_title", langs));
    Append(header, {"item_id", "dimension", "scale"});
    Append(header, PerLanguage("text", langs));
    for (std::size_t n = 1; n <= optionCount; ++n)
        Append(header, PerLanguage("option" + std::to_string(n), langs));
    header.push_back("correct");
    // Rare (a knowledge check with an "I don't know" option that is left out of the score): the column is
    // only written when used, to keep the sheet simple.
    if (anyExcludedOption) header.push_back("excluded_options");
    Append(header, PerLanguage("competency_description", langs));
    Append(header, PerLanguage("recommendation", langs));

    Sheet sheet{"items", {}, {}, {}};
    RowBuilder b(sheet);
    b.Header(header);
    for (const auto& a : q.areas) {
        bool firstOfArea = true;
        for (const auto& c : a.competencies) {
            bool firstOfCompetency = true;
            for (const auto& it : c.items) {
                b.NewRow();
                if (firstOfArea) {
                    b.Set("area_id", a.id);
                    b.SetText("area_title", a.title, langs);
                }
                if (firstOfCompetency) {
                    b.Set("competency_id", c.id);
                    b.SetText("competency_title", c.title, langs);
                    b.SetText("competency_description", c.description, langs);
                    b.SetText("recommendation", c.recommendation, langs);
                }
                firstOfArea = firstOfCompetency = false;
                b.Set("item_id", it.id);
                b.Set("dimension", core::DimensionId(it.dimension));
                b.SetText("text", it.text, langs);
                if (!it.IsKnowledgeCheck()) {
                    b.Set("scale", q.scales.at(static_cast<std::size_t>(it.scaleIndex)).id);
                    continue;
                }
                std::string excluded;
                for (std::size_t n = 0; n < it.options.size(); ++n) {
                    b.SetText("option" + std::to_string(n + 1), it.options[n].label, langs);
                    if (it.options[n].correct) b.SetNumber("correct", static_cast<double>(n + 1));
                    if (it.options[n].excluded)
                        excluded += (excluded.empty() ? "" : ", ") + std::to_string(n + 1);
                }
                if (!excluded.empty()) b.Set("excluded_options", excluded);
            }
        }
    }
    b.Choices("dimension", {"knowledge", "skill", "attitude"});
    return sheet;
}

Sheet ScalesSheet(const core::Questionnaire& q) {
    std::vector<std::string> header = {"scale_id", "value", "excluded"};
    Append(header, PerLanguage("label", q.languages));
    Sheet sheet{"scales", {}, {}, {}};
    RowBuilder b(sheet);
    b.Header(header);
    for (const auto& s : q.scales) {
        for (const auto& o : s.options) {
            b.NewRow();
            b.Set("scale_id", s.id);
            if (o.value) b.SetNumber("value", *o.value);
            if (o.excluded) b.Set("excluded", "yes");
            b.SetText("label", o.label, q.languages);
        }
    }
    b.Choices("excluded", {"yes"});
    return sheet;
}

// One row per level; then, when areas describe levels in their own words, one row per area and level with
// the area_id (min and label empty). The description columns are written only when used.
Sheet LevelsSheet(const core::Questionnaire& q) {
    bool anyAreaText = std::any_of(q.areas.begin(), q.areas.end(),
                                   [](const core::Area& a) { return !a.levelDescriptions.empty(); });
    bool anyText = anyAreaText || std::any_of(q.scoring.levels.begin(), q.scoring.levels.end(),
                                              [](const core::Level& l) { return !l.description.empty(); });
    std::vector<std::string> header = {"level_id"};
    if (anyAreaText) header.push_back("area_id");
    header.push_back("min");
    Append(header, PerLanguage("label", q.languages));
    if (anyText) Append(header, PerLanguage("description", q.languages));
    Sheet sheet{"levels", {}, {}, {}};
    RowBuilder b(sheet);
    b.Header(header);
    for (const auto& l : q.scoring.levels) {
        b.NewRow();
        b.Set("level_id", l.id);
        b.SetNumber("min", l.min);
        b.SetText("label", l.label, q.languages);
        b.SetText("description", l.description, q.languages);
        for (const auto& a : q.areas) {
            auto it = a.levelDescriptions.find(l.id);
            if (it == a.levelDescriptions.end()) continue;
            b.NewRow();
            b.Set("level_id", l.id);
            b.Set("area_id", a.id);
            b.SetText("description", it->second, q.languages);
        }
    }
    return sheet;
}

Sheet MetaSheet(const core::Questionnaire& q) {
    Sheet sheet{"meta", {}, {}, {}};
    RowBuilder b(sheet);
    b.Header({"key", "value"});
    auto text = [&](const std::string& key, const std::string& value) {
        b.NewRow();
        b.Set("key", key);
        b.Set("value", value);
    };
    auto number = [&](const std::string& key, std::optional<double> value) {
        b.NewRow();
        b.Set("key", key);
        if (value) b.SetNumber("value", *value);
    };
    // Optional keys get a row even when empty, so a trainer sees what can be filled in.
    auto localized = [&](const std::string& key, const LocalizedText& t) {
        for (const auto& lang : q.languages) {
            auto it = t.find(lang);
            text(key + "_" + lang, it == t.end() ? "" : it->second);
        }
    };
    text("id", q.id);
    text("version", q.version);
    std::string langs;
    for (const auto& l : q.languages) langs += (langs.empty() ? "" : ", ") + l;
    text("languages", langs);
    localized("title", q.title);
    localized("description", q.description);
    localized("source", q.source);
    number("estimated_minutes", q.estimatedMinutes);
    for (core::Dimension d : core::kDimensions)
        number(std::string("weight_") + core::DimensionId(d),
               q.scoring.dimensionWeights[static_cast<std::size_t>(d)]);
    number("recommend_below", q.scoring.recommendBelow);
    return sheet;
}

}  // namespace

Workbook ExportWorkbook(const core::Questionnaire& q, bool itemsOnly) {
    Workbook book;
    book.fromCsv = itemsOnly;
    book.sheets.push_back(ItemsSheet(q));
    if (!itemsOnly) {
        book.sheets.push_back(ScalesSheet(q));
        book.sheets.push_back(LevelsSheet(q));
        book.sheets.push_back(MetaSheet(q));
    }
    return book;
}

std::string ExportMetaJson(const core::Questionnaire& q) {
    nlohmann::ordered_json doc = core::QuestionnaireToJson(q);
    // The items CSV has no place for an area's own level descriptions: they stay here, under the area id.
    nlohmann::ordered_json areas = nlohmann::ordered_json::array();
    for (const auto& a : doc["areas"])
        if (a.contains("level_descriptions"))
            areas.push_back({{"id", a["id"]}, {"level_descriptions", a["level_descriptions"]}});
    doc.erase("areas");
    if (!areas.empty()) doc["areas"] = std::move(areas);
    return core::FormatJson(doc);
}

std::string FirstDifference(const core::Questionnaire& a, const core::Questionnaire& b) {
    // Through the writer: it emits every part of the model, and comparing plain (unordered) JSON values
    // ignores the order of scales, which has no meaning.
    auto ja = nlohmann::json::parse(core::WriteQuestionnaireJson(a));
    auto jb = nlohmann::json::parse(core::WriteQuestionnaireJson(b));
    if (ja == jb) return "";
    nlohmann::json patch = nlohmann::json::diff(ja, jb);
    return patch.empty() ? "/" : patch[0].value("path", "/");
}

}  // namespace kiosk::sheets
