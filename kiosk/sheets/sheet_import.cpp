// Workbook -> questionnaire (layout in questionnaire_sheets.h). Two passes report problems:
//  1. the sheet pass reads every row, checks what only a sheet can get wrong (column names, carried-over
//     area/competency cells, option numbering, `correct`, numbers, yes/no cells) and the everyday mistakes
//     (empty texts, unknown dimension or scale, duplicate ids) in trainer words, and assembles the JSON
//     document while recording which cell every JSON value came from;
//  2. the real validator (core::ParseQuestionnaire) checks the assembled document; its findings are mapped
//     back to the cells through that record. A finding on a row the sheet pass already complained about is
//     dropped, so one mistake gives one message.
#include "kiosk/core/json_reader.h"
#include "kiosk/core/questionnaire_writer.h"
#include "kiosk/core/text.h"
#include "kiosk/sheets/questionnaire_sheets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

namespace kiosk::sheets {
namespace {

using json = nlohmann::json;

// Where a value came from. An empty `sheet` means outside the workbook (META.json or the defaults).
struct Location {
    std::string sheet;
    std::size_t row = 0;  // spreadsheet row (1 = header); 0 = the sheet as a whole or a missing meta row
    std::string label;    // "item 1.1-k1", "scale skill-4", "key title_en"
    std::string column;   // column name as in the header row
};

struct Problem {
    Location at;
    std::string message;
    bool fromValidator = false;
};

// ---- small text helpers ----

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Trims ASCII white space and no-break spaces (U+00A0, common in text pasted from web pages).
std::string Trim(std::string_view s) {
    auto isSpace = [&](std::size_t i, bool fromEnd) -> std::size_t {
        if (fromEnd) {
            if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\r' || s[i - 1] == '\n'))
                return 1;
            if (i >= 2 && s[i - 2] == '\xC2' && s[i - 1] == '\xA0') return 2;
        } else {
            if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) return 1;
            if (i + 1 < s.size() && s[i] == '\xC2' && s[i + 1] == '\xA0') return 2;
        }
        return 0;
    };
    std::size_t b = 0, e = s.size();
    while (std::size_t n = isSpace(b, false)) b += n;
    while (e > b) {
        std::size_t n = isSpace(e, true);
        if (n == 0) break;
        e -= n;
    }
    return std::string(s.substr(b, e - b));
}

bool IsBlank(const std::string& s) {
    return Trim(s).empty();
}

bool StartsWith(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

// Columns, sheets and meta keys named x-… or note… are the trainer's own notes.
bool IsNoteName(const std::string& lowerName) {
    return StartsWith(lowerName, "x-") || StartsWith(lowerName, "note");
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep = ", ") {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}

// Accepts "1.5" and, as LibreOffice writes it in a Vietnamese locale, "1,5".
std::optional<double> ParseNumber(const std::string& cell) {
    std::string s = Trim(cell);
    if (s.find('.') == std::string::npos && std::count(s.begin(), s.end(), ',') == 1)
        std::replace(s.begin(), s.end(), ',', '.');
    if (!s.empty() && s[0] == '+') s.erase(0, 1);
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<bool> ParseYesNo(const std::string& cell) {
    std::string s = Lower(Trim(cell));
    if (s.empty() || s == "no" || s == "false" || s == "0") return false;
    if (s == "yes" || s == "true" || s == "x" || s == "1") return true;
    return std::nullopt;
}

// Ids name things in files and exports: no spaces or control characters (the validator's rule).
std::string IdProblem(const std::string& id) {
    for (unsigned char c : id)
        if (c < 0x20 || c == 0x7F || c == ' ') return "must not contain spaces or control characters";
    return "";
}

std::string Suggest(const std::string& name, const std::vector<std::string>& known) {
    for (const auto& k : known)
        if (core::EditDistance(name, k) <= 2) return " (did you mean \"" + k + "\"?)";
    return "";
}

std::string ColumnLetters(std::size_t c) {
    std::string s;
    for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

// "option12" -> 12; 0 when `base` is not option<N>.
std::size_t OptionNumber(const std::string& base) {
    if (!StartsWith(base, "option") || base.size() == 6 || base[6] == '0') return 0;
    std::size_t n = 0;
    for (std::size_t i = 6; i < base.size(); ++i) {
        if (base[i] < '0' || base[i] > '9' || n > 1000) return 0;
        n = n * 10 + static_cast<std::size_t>(base[i] - '0');
    }
    return n;
}

// ---- one sheet with named columns ----

struct Table {
    const Sheet* sheet = nullptr;
    std::map<std::string, std::size_t> columns;  // lower-case header -> column index
    bool usable = false;                         // header present with every required column

    bool Has(const std::string& column) const { return columns.count(column) > 0; }
    std::size_t RowCount() const { return sheet ? sheet->rows.size() : 0; }
    // The cell as typed (NFC); "" when the column is absent.
    std::string Raw(std::size_t r, const std::string& column) const {
        auto it = columns.find(column);
        return it == columns.end() ? std::string() : core::ToNfc(sheet->Cell(r, it->second));
    }
    // The cell with surrounding spaces removed, for ids, numbers and choices.
    std::string Value(std::size_t r, const std::string& column) const { return Trim(Raw(r, column)); }
    bool RowBlank(std::size_t r) const {
        for (const auto& [name, c] : columns)
            if (!IsBlank(sheet->Cell(r, c))) return false;
        return true;
    }
};

class Importer {
  public:
    Importer(const Workbook& book, const ImportOptions& options) : m_book(book), m_options(options) {}
    ImportResult Run();

  private:
    void Report(const Location& at, const std::string& message) {
        m_problems.push_back({at, message, false});
    }
    // The "scoring" object, created when META.json has none (or something else: the validator has no
    // more to say about it once a sheet provides its parts).
    json& Scoring() {
        json& s = m_doc["scoring"];
        if (!s.is_object()) s = json::object();
        return s;
    }
    void Place(const std::string& pointer, const Location& at) { m_where[pointer] = at; }

    bool LoadBase();
    Table OpenTable(const Sheet& sheet, const std::function<std::string(const std::string&)>& checkColumn,
                    const std::vector<std::string>& required);
    std::string CheckLocalizedColumn(const std::string& column, const std::vector<std::string>& bases,
                                     const std::vector<std::string>& fixed);
    std::vector<std::string> PerLanguage(const std::string& base) const;
    void ImportMeta(const Sheet& sheet);
    void ImportScales(const Sheet& sheet);
    void ImportLevels(const Sheet& sheet);
    void ImportItems(const Sheet& sheet);
    void MergeAreaLevelTexts();
    void ImportAreaLevelRow(const Table& t, std::size_t r, const std::string& levelId);
    json LocalizedCells(const Table& t, std::size_t r, const std::string& base, const Location& at,
                        bool required, const std::string& pointer, const std::string& what);
    void Validate();
    std::string Format(const Problem& p) const;

    const Workbook& m_book;
    const ImportOptions& m_options;
    json m_doc;              // the questionnaire being assembled
    std::string m_baseName;  // where parts not in the workbook come from
    std::vector<std::string> m_languages;
    std::set<std::string> m_scaleIds;
    bool m_scalesKnown = true;  // false when the scales sheet is unreadable (skip unknown-scale checks)
    std::vector<Problem> m_problems;
    std::map<std::string, Location> m_where;  // JSON Pointer -> cell it came from
    ImportResult m_result;
    // Level descriptions for one area (levels sheet rows with an area_id, or META.json's areas), merged
    // into the areas once the items sheet has made them.
    struct AreaLevelText {
        std::string area, level;
        json text;
        Location areaCell, levelCell;
    };
    std::vector<AreaLevelText> m_areaLevelTexts;
};

// ---- the base document: META.json or the built-in defaults ----

bool Importer::LoadBase() {
    if (m_options.metaBytes) {
        m_baseName = m_options.metaFile;
        core::JsonReadResult r = core::ReadJson(*m_options.metaBytes);
        if (!r.ok) {
            for (const auto& d : r.errors)
                m_result.errors.push_back(
                    core::ValidationError{m_baseName, d.pointer, d.message, d.line, d.column, d.line > 0}.ToString());
            return false;
        }
        if (!r.value.is_object()) {
            m_result.errors.push_back(m_baseName +
                                      ": must be a JSON object {…} (a questionnaire file without \"areas\")");
            return false;
        }
        m_doc = std::move(r.value);
        if (m_doc.contains("areas")) {
            // export-sheet writes each area's level_descriptions here (the CSV has no place for them).
            bool moreThanDescriptions = !m_doc["areas"].is_array();
            if (m_doc["areas"].is_array())
                for (const auto& a : m_doc["areas"]) {
                    if (!a.is_object()) continue;
                    for (const auto& [key, value] : a.items())
                        moreThanDescriptions = moreThanDescriptions || (key != "id" && key != "level_descriptions");
                    if (!a.contains("id") || !a["id"].is_string() || !a.contains("level_descriptions") ||
                        !a["level_descriptions"].is_object())
                        continue;
                    const std::string area = a["id"].get<std::string>();
                    for (const auto& [level, text] : a["level_descriptions"].items())
                        m_areaLevelTexts.push_back({area, level, text, {}, {}});
                }
            m_doc.erase("areas");
            if (moreThanDescriptions)
                m_result.notes.push_back(m_baseName + ": its \"areas\" are not used (except level_descriptions); "
                                         "the items come from " + m_options.sheetFile);
        }
    } else {
        m_baseName = "built-in defaults";
        m_doc = json::parse(DefaultMetaJson(m_options.defaultId));
    }
    auto langs = m_doc.find("languages");
    if (langs != m_doc.end() && langs->is_array())
        for (const auto& l : *langs)
            if (l.is_string()) m_languages.push_back(l.get<std::string>());
    return true;
}

// ---- header row ----

Table Importer::OpenTable(const Sheet& sheet,
                          const std::function<std::string(const std::string&)>& checkColumn,
                          const std::vector<std::string>& required) {
    Table t;
    t.sheet = &sheet;
    std::size_t width = 0;
    for (const auto& row : sheet.rows) width = std::max(width, row.size());
    bool headerBlank = true;
    for (std::size_t c = 0; c < width; ++c) headerBlank = headerBlank && IsBlank(sheet.Cell(0, c));
    if (headerBlank) {
        Report({sheet.name, 1, "", ""},
               "the first row must hold the column names (" + Join(required) + ", …)");
        return t;
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t c = 0; c < width; ++c) {
        std::string name = Lower(Trim(sheet.Cell(0, c)));
        if (name.empty()) {
            for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
                if (!IsBlank(sheet.Cell(r, c))) {
                    Report({sheet.name, r + 1, "", ColumnLetters(c)},
                           "this cell is in a column without a name in row 1, so it would be lost; name the "
                           "column "
                           "or move the text");
                    break;
                }
            }
            continue;
        }
        if (IsNoteName(name)) continue;
        if (seen.count(name)) {
            Report({sheet.name, 1, "", name}, "the column name is used twice (columns " +
                                                  ColumnLetters(seen[name]) + " and " + ColumnLetters(c) +
                                                  ")");
            continue;
        }
        seen[name] = c;
        std::string problem = checkColumn(name);
        if (!problem.empty()) {
            Report({sheet.name, 1, "", name}, problem);
            continue;
        }
        t.columns[name] = c;
    }
    t.usable = true;
    for (const auto& name : required) {
        if (!t.Has(name) && !seen.count(name)) {
            Report({sheet.name, 1, "", name}, "missing column: add a column with this name in row 1");
            t.usable = false;
        }
    }
    if (!t.usable) t.columns.clear();
    return t;
}

std::vector<std::string> Importer::PerLanguage(const std::string& base) const {
    std::vector<std::string> out;
    for (const auto& l : m_languages) out.push_back(base + "_" + l);
    return out;
}

// "" when `column` is one of `fixed` or <base>_<language> for a listed base and a questionnaire language.
std::string Importer::CheckLocalizedColumn(const std::string& column, const std::vector<std::string>& bases,
                                           const std::vector<std::string>& fixed) {
    if (std::find(fixed.begin(), fixed.end(), column) != fixed.end()) return "";
    std::size_t cut = column.rfind('_');
    if (cut != std::string::npos) {
        std::string base = column.substr(0, cut), lang = column.substr(cut + 1);
        bool known =
            std::find(bases.begin(), bases.end(), base) != bases.end() ||
            (OptionNumber(base) > 0 && std::find(bases.begin(), bases.end(), "option") != bases.end());
        if (known) {
            if (std::find(m_languages.begin(), m_languages.end(), lang) != m_languages.end()) return "";
            return "\"" + lang + "\" is not one of the questionnaire's languages (" + Join(m_languages) +
                   "); add it to \"languages\" or rename the column";
        }
    }
    std::vector<std::string> known = fixed;
    for (const auto& b : bases)
        for (const auto& c : PerLanguage(b == "option" ? "option1" : b)) known.push_back(c);
    return "unknown column" + Suggest(column, known) +
           "; to keep notes in a column, start its name with x- or note";
}

// The cells <base>_<lang> of row r as a localized text. A text that is required must be there in every
// language; an optional one is absent when all its cells are empty and complete otherwise.
json Importer::LocalizedCells(const Table& t, std::size_t r, const std::string& base, const Location& at,
                              bool required, const std::string& pointer, const std::string& what) {
    json text = json::object();
    bool any = false;
    for (const auto& lang : m_languages) any = any || !IsBlank(t.Raw(r, base + "_" + lang));
    for (const auto& lang : m_languages) {
        std::string column = base + "_" + lang;
        Location cell = at;
        cell.column = column;
        if (!pointer.empty()) Place(pointer + "/" + core::PointerToken(lang), cell);
        std::string value = t.Raw(r, column);
        if (!IsBlank(value))
            text[lang] = value;
        else if (required)
            Report(cell, "must not be empty: every " + what + " needs a text in each language");
        else if (any)
            Report(cell, "must not be empty: the " + what +
                             " is given in another language, so it is needed in "
                             "this one too (or leave all of them empty)");
    }
    return text;
}

// ---- meta sheet ----

void Importer::ImportMeta(const Sheet& sheet) {
    Table t = OpenTable(sheet,
                        [](const std::string& c) {
                            return c == "key" || c == "value"
                                       ? ""
                                       : "unknown column; the meta sheet has the columns key and value";
                        },
                        {"key", "value"});
    if (!t.usable) return;
    struct Entry {
        std::size_t row;
        std::string value;
    };
    std::map<std::string, Entry> entries;
    std::vector<std::pair<std::string, std::size_t>> order;
    for (std::size_t r = 1; r < t.RowCount(); ++r) {
        std::string key = Lower(t.Value(r, "key"));
        std::string value = t.Raw(r, "value");
        if (key.empty()) {
            if (!IsBlank(value))
                Report({sheet.name, r + 1, "", "key"}, "must not be empty: this row has a value but no key");
            continue;
        }
        if (IsNoteName(key)) continue;
        if (entries.count(key)) {
            Report({sheet.name, r + 1, "key " + key, "key"},
                   "the key is also on row " + std::to_string(entries[key].row) + "; keep one row per key");
            continue;
        }
        entries[key] = {r + 1, value};
        order.emplace_back(key, r + 1);
    }
    auto where = [&](const std::string& key) -> Location {
        auto it = entries.find(key);
        if (it == entries.end()) return {sheet.name, 0, "key " + key, ""};
        return {sheet.name, it->second.row, "key " + key, "value"};
    };
    auto has = [&](const std::string& key) { return entries.count(key) && !IsBlank(entries[key].value); };
    auto require = [&](const std::string& key, const std::string& why) {
        if (!has(key)) {
            Location at = where(key);
            Report(at, at.row ? "must not be empty: " + why
                              : "missing: add a row with the key \"" + key + "\" (" + why + ")");
        }
    };

    if (has("languages")) {
        m_languages.clear();
        std::string list = entries["languages"].value;
        for (char& c : list)
            if (c == ';' || c == ' ' || c == '\t' || c == '\n') c = ',';
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t end = std::min(list.find(',', start), list.size());
            std::string code = Trim(list.substr(start, end - start));
            if (!code.empty()) m_languages.push_back(code);
            start = end + 1;
        }
    } else {
        require("languages", "the language codes of the texts, e.g. \"vi, en\"");
    }

    std::vector<std::string> fixed = {
        "id",           "version",         "languages",      "estimated_minutes", "weight_knowledge",
        "weight_skill", "weight_attitude", "recommend_below"};
    for (const auto& [key, row] : order) {
        std::string problem = CheckLocalizedColumn(key, {"title", "description", "source"}, fixed);
        if (!problem.empty()) {
            if (StartsWith(problem, "unknown column")) {
                std::vector<std::string> known = fixed;
                for (const char* base : {"title", "description", "source"})
                    for (const auto& k : PerLanguage(base)) known.push_back(k);
                problem =
                    "unknown key" + Suggest(key, known) + "; to keep a note, start the key with x- or note";
            }
            Report({sheet.name, row, "key " + key, "key"}, problem);
        }
    }

    // The sheet replaces all metadata of the base document, so a removed row really removes the value.
    for (const char* key :
         {"id", "version", "languages", "title", "description", "source", "estimated_minutes", "$schema"})
        m_doc.erase(key);
    if (m_doc.contains("scoring") && m_doc["scoring"].is_object()) {
        m_doc["scoring"].erase("dimension_weights");
        m_doc["scoring"].erase("recommend_below");
    }

    for (const char* key : {"id", "version"}) {
        Place(std::string("/") + key, where(key));
        if (has(key)) m_doc[key] = Trim(entries[key].value);
    }
    require("id", "the questionnaire's id, e.g. danang-dcf");
    require("version", "e.g. 2024.1; change it whenever the questionnaire changes");
    m_doc["languages"] = m_languages;
    Place("/languages", where("languages"));

    // Localized metadata: one row per language, e.g. title_vi, title_en.
    for (const char* base : {"title", "description", "source"}) {
        json text = json::object();
        bool any = false;
        for (const auto& lang : m_languages) any = any || has(std::string(base) + "_" + lang);
        for (const auto& lang : m_languages) {
            std::string key = std::string(base) + "_" + lang;
            Place(std::string("/") + base + "/" + core::PointerToken(lang), where(key));
            if (has(key))
                text[lang] = entries[key].value;
            else if (std::string(base) == "title")
                require(key, "the title in every language");
            else if (any)
                require(key, std::string("the ") + base + " is given in another language");
        }
        if (!m_languages.empty())
            Place(std::string("/") + base, where(std::string(base) + "_" + m_languages[0]));
        if (any || std::string(base) == "title") m_doc[base] = text;
    }

    auto number = [&](const std::string& key, const std::string& pointer) -> std::optional<double> {
        Place(pointer, where(key));
        if (!has(key)) return std::nullopt;
        auto value = ParseNumber(entries[key].value);
        if (!value) Report(where(key), "must be a number, found \"" + Trim(entries[key].value) + "\"");
        return value;
    };
    if (auto v = number("estimated_minutes", "/estimated_minutes")) m_doc["estimated_minutes"] = *v;
    Place("/scoring/dimension_weights", where("weight_knowledge"));
    for (core::Dimension d : core::kDimensions) {
        std::string name = core::DimensionId(d);
        if (auto v = number("weight_" + name, "/scoring/dimension_weights/" + name))
            Scoring()["dimension_weights"][name] = *v;
    }
    if (auto v = number("recommend_below", "/scoring/recommend_below")) Scoring()["recommend_below"] = *v;
}

// ---- scales sheet ----

void Importer::ImportScales(const Sheet& sheet) {
    std::vector<std::string> required = {"scale_id", "value"};
    for (const auto& c : PerLanguage("label")) required.push_back(c);
    Table t = OpenTable(
        sheet,
        [&](const std::string& c) {
            return CheckLocalizedColumn(c, {"label"}, {"scale_id", "value", "excluded"});
        },
        required);
    m_doc["scales"] = json::object();
    // With an unreadable header the validator's "no scales" follows from the header problem on row 1.
    Place("/scales", {sheet.name, t.usable ? 0u : 1u, "", ""});
    if (!t.usable) {
        m_scalesKnown = false;
        return;
    }
    std::map<std::string, std::size_t> firstRow;
    std::string current;
    for (std::size_t r = 1; r < t.RowCount(); ++r) {
        if (t.RowBlank(r)) continue;
        const std::size_t row = r + 1;
        std::string id = t.Value(r, "scale_id");
        if (id.empty()) {
            if (current.empty()) {
                Report({sheet.name, row, "", "scale_id"},
                       "must not be empty: the first row of a scale names it");
                continue;
            }
            id = current;
        } else if (id != current) {
            if (firstRow.count(id)) {
                Report({sheet.name, row, "scale " + id, "scale_id"},
                       "scale \"" + id + "\" already started on row " + std::to_string(firstRow[id]) +
                           "; keep the rows of one scale together");
            } else {
                firstRow[id] = row;
                std::string problem = IdProblem(id);
                if (!problem.empty()) Report({sheet.name, row, "scale " + id, "scale_id"}, problem);
                std::string p = "/scales/" + core::PointerToken(id);
                Place(p, {sheet.name, row, "scale " + id, "scale_id"});
                Place(p + "/options", {sheet.name, row, "scale " + id, ""});
                m_doc["scales"][id]["options"] = json::array();
            }
            current = id;
        }
        const Location at{sheet.name, row, "scale " + id, ""};
        auto cell = [&](const std::string& column) {
            Location l = at;
            l.column = column;
            return l;
        };
        json& options = m_doc["scales"][id]["options"];
        const std::string p =
            "/scales/" + core::PointerToken(id) + "/options/" + std::to_string(options.size());
        Place(p, at);
        Place(p + "/value", cell("value"));
        Place(p + "/excluded", cell("excluded"));
        json option = json::object();
        auto excluded = ParseYesNo(t.Value(r, "excluded"));
        if (!excluded)
            Report(cell("excluded"), "must be yes or empty, found \"" + t.Value(r, "excluded") + "\"");
        std::string value = t.Value(r, "value");
        if (excluded.value_or(false)) {
            option["excluded"] = true;
            if (!value.empty())
                Report(cell("value"),
                       "must be empty: an excluded option (such as \"I prefer not to answer\") has no "
                       "value and is left out of the score");
        } else if (value.empty()) {
            Report(cell("value"),
                   "must not be empty: give the option's value (0, 1, 2, …) or mark it excluded: yes");
        } else if (auto v = ParseNumber(value)) {
            option["value"] = *v;
        } else {
            Report(cell("value"), "must be a number, found \"" + value + "\"");
        }
        option["label"] = LocalizedCells(t, r, "label", at, true, p + "/label", "answer option");
        options.push_back(std::move(option));
    }
    for (const auto& [id, row] : firstRow) m_scaleIds.insert(id);
}

// ---- levels sheet ----

void Importer::ImportLevels(const Sheet& sheet) {
    std::vector<std::string> required = {"level_id", "min"};
    for (const auto& c : PerLanguage("label")) required.push_back(c);
    Table t = OpenTable(
        sheet,
        [&](const std::string& c) {
            return CheckLocalizedColumn(c, {"label", "description"}, {"level_id", "min", "area_id"});
        },
        required);
    m_areaLevelTexts.clear();  // the sheet's levels replace META.json's, their descriptions with them
    json levels = json::array();
    Place("/scoring/levels", {sheet.name, t.usable ? 0u : 1u, "", ""});
    if (t.usable) {
        for (std::size_t r = 1; r < t.RowCount(); ++r) {
            if (t.RowBlank(r)) continue;
            std::string id = t.Value(r, "level_id");
            if (!t.Value(r, "area_id").empty()) {
                ImportAreaLevelRow(t, r, id);
                continue;
            }
            const Location at{sheet.name, r + 1, id.empty() ? "" : "level " + id, ""};
            Location idCell = at, minCell = at;
            idCell.column = "level_id";
            minCell.column = "min";
            const std::string p = "/scoring/levels/" + std::to_string(levels.size());
            Place(p, at);
            Place(p + "/id", idCell);
            Place(p + "/min", minCell);
            json level = json::object();
            if (id.empty())
                Report(idCell, "must not be empty");
            else
                level["id"] = id;
            std::string min = t.Value(r, "min");
            if (min.empty())
                Report(minCell, "must not be empty: the lowest score (0–100) of this level");
            else if (auto v = ParseNumber(min))
                level["min"] = *v;
            else
                Report(minCell, "must be a number, found \"" + min + "\"");
            level["label"] = LocalizedCells(t, r, "label", at, true, p + "/label", "level");
            json description = LocalizedCells(t, r, "description", at, false, p + "/description", "level description");
            if (!description.empty()) level["description"] = std::move(description);
            levels.push_back(std::move(level));
        }
    }
    Scoring()["levels"] = std::move(levels);
}

// A levels-sheet row with an area_id: what a person at level_id can do in that area. It names a level,
// it does not define one, so min and label stay empty.
void Importer::ImportAreaLevelRow(const Table& t, std::size_t r, const std::string& levelId) {
    const std::string area = t.Value(r, "area_id");
    const Location at{t.sheet->name, r + 1, "area " + area + (levelId.empty() ? "" : ", level " + levelId), ""};
    Location areaCell = at, levelCell = at;
    areaCell.column = "area_id";
    levelCell.column = "level_id";
    if (levelId.empty()) {
        Report(levelCell, "must not be empty: the level this area's description is for");
        return;
    }
    if (!t.Value(r, "min").empty()) {
        Location c = at;
        c.column = "min";
        Report(c, "must be empty on a row with an area_id (it describes a level, the level's own row defines it)");
    }
    for (const auto& column : PerLanguage("label"))
        if (!t.Value(r, column).empty()) {
            Location c = at;
            c.column = column;
            Report(c, "must be empty on a row with an area_id (the label is on the level's own row)");
        }
    json text = LocalizedCells(t, r, "description", at, true, "", "area's level description");
    m_areaLevelTexts.push_back({area, levelId, std::move(text), areaCell, levelCell});
}

void Importer::MergeAreaLevelTexts() {
    if (m_areaLevelTexts.empty() || !m_doc.contains("areas") || !m_doc["areas"].is_array()) return;
    json& areas = m_doc["areas"];
    for (auto& e : m_areaLevelTexts) {
        std::size_t i = 0;
        while (i < areas.size() && !(areas[i].is_object() && areas[i].value("id", "") == e.area)) ++i;
        if (i == areas.size()) {
            Report(e.areaCell.sheet.empty() ? Location{m_baseName, 0, "", ""} : e.areaCell,
                   "unknown area \"" + e.area + "\" (no such area_id in the items sheet)");
            continue;
        }
        json& d = areas[i]["level_descriptions"];
        if (!d.is_object()) d = json::object();
        if (d.contains(e.level)) {
            Report(e.levelCell, "level \"" + e.level + "\" is described twice for area \"" + e.area + "\"");
            continue;
        }
        d[e.level] = std::move(e.text);
        if (!e.levelCell.sheet.empty())
            Place("/areas/" + std::to_string(i) + "/level_descriptions/" + core::PointerToken(e.level), e.levelCell);
    }
}

// ---- items sheet ----

void Importer::ImportItems(const Sheet& sheet) {
    const std::vector<std::string> fixed = {"area_id", "competency_id", "item_id",         "dimension",
                                            "scale",   "correct",       "excluded_options"};
    const std::vector<std::string> bases = {
        "area_title", "competency_title", "competency_description", "recommendation", "text", "option"};
    std::vector<std::string> required = {"area_id", "competency_id", "item_id", "dimension"};
    for (const char* base : {"area_title", "competency_title", "text"})
        for (const auto& c : PerLanguage(base)) required.push_back(c);
    Table t = OpenTable(
        sheet, [&](const std::string& c) { return CheckLocalizedColumn(c, bases, fixed); }, required);
    Place("/areas", {sheet.name, t.usable ? 0u : 1u, "", ""});
    json areas = json::array();
    if (!t.usable) {
        m_doc["areas"] = areas;
        return;
    }
    const std::string firstLang = m_languages.empty() ? "" : m_languages[0];
    std::size_t optionColumns = 0;
    for (const auto& [name, c] : t.columns) {
        std::size_t cut = name.rfind('_');
        if (cut != std::string::npos)
            optionColumns = std::max(optionColumns, OptionNumber(name.substr(0, cut)));
    }
    std::vector<std::string> scaleList(m_scaleIds.begin(), m_scaleIds.end());
    const std::string scaleNames = scaleList.empty() ? "none defined" : Join(scaleList);

    // Where each id was first seen, and which area/competency (indexes into `areas`) the rows go to.
    std::map<std::string, std::size_t> areaRow, competencyRow, itemRow;
    std::map<std::string, std::pair<std::size_t, std::size_t>> competencyIndex;
    std::map<std::string, std::size_t> areaIndex;
    // The current area and competency (indexes into `areas`), kNone before the first.
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t area = kNone, competency = kNone;
    std::string areaId, competencyId;
    bool anyItem = false;

    for (std::size_t r = 1; r < t.RowCount(); ++r) {
        if (t.RowBlank(r)) continue;
        anyItem = true;
        const std::size_t row = r + 1;
        const std::string itemId = t.Value(r, "item_id");
        const Location at{sheet.name, row, itemId.empty() ? "" : "item " + itemId, ""};
        auto cell = [&](const std::string& column) {
            Location l = at;
            l.column = column;
            return l;
        };

        // Area: a new id starts an area; an empty cell carries the area of the row above.
        bool newArea = false;
        const std::string aid = t.Value(r, "area_id");
        if (aid.empty()) {
            if (area == kNone)
                Report(cell("area_id"), "must not be empty: the first item row names its area");
        } else if (aid != areaId) {
            if (areaIndex.count(aid)) {
                Report(cell("area_id"), "area \"" + aid + "\" already started on row " +
                                            std::to_string(areaRow[aid]) +
                                            "; keep the rows of one area together");
                area = areaIndex[aid];
            } else {
                newArea = true;
                areaRow[aid] = row;
                area = areaIndex[aid] = areas.size();
                std::string problem = IdProblem(aid);
                if (!problem.empty()) Report(cell("area_id"), problem);
                const std::string p = "/areas/" + std::to_string(area);
                Place(p, cell("area_id"));
                Place(p + "/id", cell("area_id"));
                Place(p + "/competencies", cell("competency_id"));
                json a = json::object();
                a["id"] = aid;
                a["title"] = LocalizedCells(t, r, "area_title", at, true, p + "/title", "area title");
                a["competencies"] = json::array();
                areas.push_back(std::move(a));
            }
            areaId = aid;
            competency = kNone;
            competencyId.clear();
        }
        // Carried-over cells may repeat the first row's text, but must not contradict it.
        auto sameAsFirst = [&](const std::string& base, const json& object, std::size_t firstRow,
                               const std::string& what) {
            for (const auto& lang : m_languages) {
                std::string value = t.Raw(r, base + "_" + lang);
                if (IsBlank(value)) continue;
                if (!object.contains(lang) || object[lang] != value)
                    Report(cell(base + "_" + lang),
                           "differs from row " + std::to_string(firstRow) + ", where the " + what +
                               " starts; leave this cell empty or give the same text");
            }
        };
        if (area != kNone && !newArea && areaRow.count(areaId))
            sameAsFirst("area_title", areas[area]["title"], areaRow[areaId], "area");

        // Competency: the same carrying-over, within the current area.
        bool newCompetency = false;
        const std::string cid = t.Value(r, "competency_id");
        if (cid.empty()) {
            if (area != kNone && competency == kNone)
                Report(cell("competency_id"),
                       newArea ? "must not be empty: a new area starts on this row, so name its "
                                 "first competency"
                               : "must not be empty: the first item row names its competency");
        } else if (cid != competencyId || competency == kNone) {
            if (competencyIndex.count(cid)) {
                Report(cell("competency_id"), "competency \"" + cid + "\" already started on row " +
                                                  std::to_string(competencyRow[cid]) +
                                                  "; keep the rows of one competency together");
                auto [a, c] = competencyIndex[cid];
                if (area != kNone && a == area) competency = c;
            } else if (area != kNone) {
                newCompetency = true;
                competencyRow[cid] = row;
                json& comps = areas[area]["competencies"];
                competency = comps.size();
                competencyIndex[cid] = {area, competency};
                std::string problem = IdProblem(cid);
                if (!problem.empty()) Report(cell("competency_id"), problem);
                const std::string p =
                    "/areas/" + std::to_string(area) + "/competencies/" + std::to_string(competency);
                Place(p, cell("competency_id"));
                Place(p + "/id", cell("competency_id"));
                Place(p + "/items", cell("item_id"));
                json c = json::object();
                c["id"] = cid;
                c["title"] =
                    LocalizedCells(t, r, "competency_title", at, true, p + "/title", "competency title");
                json description = LocalizedCells(t, r, "competency_description", at, false,
                                                  p + "/description", "competency description");
                if (!description.empty()) c["description"] = description;
                json recommendation = LocalizedCells(t, r, "recommendation", at, false, p + "/recommendation",
                                                     "recommendation");
                if (!recommendation.empty()) c["recommendation"] = recommendation;
                c["items"] = json::array();
                comps.push_back(std::move(c));
            }
            competencyId = cid;
        }
        if (area != kNone && competency != kNone && !newCompetency) {
            const json& c = areas[area]["competencies"][competency];
            std::size_t first = competencyRow[competencyId];
            sameAsFirst("competency_title", c["title"], first, "competency");
            sameAsFirst("competency_description", c.value("description", json::object()), first,
                        "competency");
            sameAsFirst("recommendation", c.value("recommendation", json::object()), first, "competency");
        }

        // The item itself.
        std::string p;  // its JSON Pointer, when it has a competency to go to
        if (area != kNone && competency != kNone) {
            p = "/areas/" + std::to_string(area) + "/competencies/" + std::to_string(competency) + "/items/" +
                std::to_string(areas[area]["competencies"][competency]["items"].size());
            Place(p, at);
            for (const char* column : {"id", "dimension", "scale"})
                Place(p + "/" + column, cell(std::string(column) == "id" ? "item_id" : column));
            Place(p + "/options", cell("correct"));
        }
        json item = json::object();
        if (itemId.empty()) {
            Report(cell("item_id"), "must not be empty: every item needs an id, e.g. 1.1-k1");
        } else if (itemRow.count(itemId)) {
            Report(cell("item_id"), "item id \"" + itemId + "\" is also used on row " +
                                        std::to_string(itemRow[itemId]) + "; every item needs its own id");
        } else {
            itemRow[itemId] = row;
            std::string problem = IdProblem(itemId);
            if (!problem.empty()) Report(cell("item_id"), problem);
        }
        item["id"] = itemId;
        const std::string dimension = Lower(t.Value(r, "dimension"));
        if (!core::ParseDimension(dimension))
            Report(cell("dimension"), dimension.empty() ? "must not be empty: knowledge, skill or attitude"
                                                        : "must be knowledge, skill or attitude, found \"" +
                                                              t.Value(r, "dimension") + "\"");
        item["dimension"] = dimension;
        json text = LocalizedCells(t, r, "text", at, true, p.empty() ? "" : p + "/text", "item");

        // Options: option1_*, option2_*, … without gaps; the highest filled number counts.
        std::size_t optionCount = 0;
        auto optionGiven = [&](std::size_t n) {
            for (const auto& lang : m_languages)
                if (!IsBlank(t.Raw(r, "option" + std::to_string(n) + "_" + lang))) return true;
            return false;
        };
        for (std::size_t n = 1; n <= optionColumns; ++n)
            if (optionGiven(n)) optionCount = n;
        const std::string scale = t.Value(r, "scale");
        const std::string correct = t.Value(r, "correct");
        const std::string excludedList = t.Value(r, "excluded_options");
        if (!scale.empty()) {
            if (optionCount > 0)
                Report(cell("scale"),
                       "an item uses a scale or has its own answer options (option1_…), not both; "
                       "clear one of them");
            else if (m_scalesKnown && !m_scaleIds.count(scale))
                Report(cell("scale"), "unknown scale \"" + scale + "\"; the scales are: " + scaleNames);
            if (!correct.empty())
                Report(cell("correct"),
                       "must be empty: only a knowledge check (an item with its own options) has a "
                       "correct answer");
            if (!excludedList.empty())
                Report(cell("excluded_options"), "must be empty: only a knowledge check has its own options");
            item["scale"] = scale;
            item["text"] = text;
        } else if (optionCount == 0) {
            Report(cell("scale"), "must not be empty: name a scale (" + scaleNames +
                                      "), or give answer options in " + "option1_" + firstLang +
                                      ", option2_" + firstLang + ", … for a knowledge check");
            item["text"] = text;
        } else {
            item["text"] = text;
            json options = json::array();
            for (std::size_t n = 1; n <= optionCount; ++n) {
                const std::string base = "option" + std::to_string(n);
                if (!optionGiven(n)) {
                    Report(cell(base + "_" + firstLang),
                           "empty, but option " + std::to_string(optionCount) +
                               " is given: number the options 1, 2, 3, … without gaps");
                    continue;
                }
                json option = json::object();
                option["label"] = LocalizedCells(
                    t, r, base, at, true,
                    p.empty() ? "" : p + "/options/" + std::to_string(options.size()) + "/label",
                    "answer option");
                options.push_back(std::move(option));
            }
            if (optionCount < 2)
                Report(cell("option2_" + firstLang),
                       "must not be empty: a knowledge check needs at least 2 options");
            const std::string range = "1 to " + std::to_string(optionCount);
            std::optional<std::size_t> correctIndex;
            if (correct.empty()) {
                Report(cell("correct"),
                       "must not be empty: give the number of the correct option (" + range + ")");
            } else {
                auto v = ParseNumber(correct);
                if (!v || *v != std::floor(*v) || *v < 1 || *v > static_cast<double>(optionCount))
                    Report(cell("correct"), "must be the number of the correct option, " + range +
                                                ", found \"" + correct + "\"");
                else
                    correctIndex = static_cast<std::size_t>(*v) - 1;
            }
            std::string list = excludedList;
            std::replace(list.begin(), list.end(), ';', ',');
            std::size_t start = 0;
            while (!Trim(list).empty() && start <= list.size()) {
                std::size_t end = std::min(list.find(',', start), list.size());
                std::string number = Trim(list.substr(start, end - start));
                start = end + 1;
                auto v = ParseNumber(number);
                if (!v || *v != std::floor(*v) || *v < 1 || *v > static_cast<double>(optionCount)) {
                    Report(cell("excluded_options"), "must list option numbers (" + range +
                                                         ") separated by commas, "
                                                         "found \"" +
                                                         number + "\"");
                    continue;
                }
                auto index = static_cast<std::size_t>(*v) - 1;
                if (correctIndex && index == *correctIndex)
                    Report(cell("excluded_options"),
                           "option " + number + " is the correct one and cannot be excluded");
                else if (index < options.size())
                    options[index]["excluded"] = true;
            }
            if (correctIndex && *correctIndex < options.size()) options[*correctIndex]["correct"] = true;
            item["options"] = std::move(options);
        }
        if (area != kNone && competency != kNone)
            areas[area]["competencies"][competency]["items"].push_back(std::move(item));
    }
    if (!anyItem) Report({sheet.name, 0, "", ""}, "has no items: from row 2 on, write one item per row");
    m_doc["areas"] = std::move(areas);
}

// ---- validation and messages ----

void Importer::Validate() {
    const std::string bytes = m_doc.dump(-1, ' ', false, json::error_handler_t::replace);
    core::LoadResult r = core::ParseQuestionnaire(bytes, m_options.sheetFile);
    // A finding about a whole sheet (row 0, e.g. "no areas") follows from any problem in that sheet.
    std::set<std::string> rowsWithProblems, sheetsWithProblems;
    auto rowKey = [](const Location& l) {
        return l.sheet + "\n" + std::to_string(l.row) + (l.row == 0 ? "\n" + l.label : "");
    };
    for (const auto& p : m_problems) {
        rowsWithProblems.insert(rowKey(p.at));
        sheetsWithProblems.insert(p.at.sheet);
    }
    for (const auto& e : r.errors) {
        std::string pointer = e.pointer;
        const Location* at = nullptr;
        while (true) {
            auto it = m_where.find(pointer);
            if (it != m_where.end()) {
                at = &it->second;
                break;
            }
            if (pointer.empty()) break;
            pointer.erase(pointer.rfind('/'));
        }
        if (at && !at->sheet.empty()) {
            bool followsFromSheetProblem =
                at->row == 0 && at->label.empty() && sheetsWithProblems.count(at->sheet);
            if (!rowsWithProblems.count(rowKey(*at)) && !followsFromSheetProblem)
                m_problems.push_back({*at, e.message, true});
        } else {
            m_problems.push_back({{}, m_baseName + ": " + e.pointer + ": " + e.message, true});
        }
    }
    if (!m_problems.empty()) return;
    if (!r.Ok()) {
        m_result.errors.push_back(m_options.sheetFile +
                                  ": the questionnaire is not valid, but no problem could be named");
        return;
    }
    // What gets written is the canonical form of the validated model; validate those very bytes too.
    std::string out = core::WriteQuestionnaireJson(*r.questionnaire);
    core::LoadResult written = core::ParseQuestionnaire(out, m_options.sheetFile);
    if (!written.Ok()) {
        for (const auto& e : written.errors)
            m_result.errors.push_back("internal error: the written questionnaire is not valid: " +
                                      e.ToString());
        return;
    }
    m_result.json = std::move(out);
    m_result.questionnaire = std::move(written.questionnaire);
}

std::string Importer::Format(const Problem& p) const {
    if (p.at.sheet.empty()) return p.message;
    std::string head;
    if (!m_book.fromCsv) head = "sheet \"" + p.at.sheet + "\"";
    if (p.at.row > 0) head += (head.empty() ? "" : ", ") + std::string("row ") + std::to_string(p.at.row);
    if (!p.at.label.empty()) head += (head.empty() ? "" : " ") + std::string("(") + p.at.label + ")";
    std::string s = m_options.sheetFile + ": ";
    if (!head.empty()) s += head + ": ";
    if (!p.at.column.empty()) s += "column \"" + p.at.column + "\": ";
    return s + p.message;
}

ImportResult Importer::Run() {
    if (!LoadBase()) return std::move(m_result);

    const Sheet* items = m_book.Find("items");
    const Sheet* scales = m_book.Find("scales");
    const Sheet* levels = m_book.Find("levels");
    const Sheet* meta = m_book.Find("meta");
    const std::vector<std::string> known = {"items", "scales", "levels", "meta"};
    for (const auto& s : m_book.sheets) {
        std::string name = Lower(Trim(s.name));
        if (std::find(known.begin(), known.end(), name) != known.end() || IsNoteName(name)) continue;
        if (m_book.sheets.size() == 1) {
            items = &s;  // a one-sheet workbook is the items sheet, whatever its name
            continue;
        }
        Report({s.name, 0, "", ""},
               "unknown sheet" + Suggest(name, known) +
                   "; the sheets are items, scales, levels and meta (a sheet named x-… or "
                   "note… is ignored)");
    }

    std::vector<std::string> fromBase;
    if (meta)
        ImportMeta(*meta);
    else
        fromBase.push_back("metadata (id, version, languages, title…)");
    if (m_languages.empty()) {
        m_result.errors.push_back(
            m_baseName + ": /languages: must be a non-empty list of language codes, e.g. [\"vi\", \"en\"]");
        return std::move(m_result);
    }
    if (scales) {
        ImportScales(*scales);
    } else {
        fromBase.push_back("scales");
        if (m_doc.contains("scales") && m_doc["scales"].is_object())
            for (const auto& [id, s] : m_doc["scales"].items()) m_scaleIds.insert(id);
    }
    if (levels)
        ImportLevels(*levels);
    else
        fromBase.push_back("levels");
    if (items) {
        ImportItems(*items);
        MergeAreaLevelTexts();
    } else {
        Report({"items", 0, "", ""},
               "missing: the workbook needs a sheet named \"items\" with one row per item");
        Place("/areas", {"items", 0, "", ""});
    }

    if (!fromBase.empty()) {
        std::string parts = fromBase.back();
        if (fromBase.size() > 1) {
            fromBase.pop_back();
            parts = Join(fromBase) + " and " + parts;
        }
        std::string note = "the " + parts + " come from " + m_baseName;
        if (!m_options.metaBytes) {
            note += " (id \"" + m_options.defaultId +
                    "\", version \"1\", the Da Nang levels and the knowledge-4, "
                    "skill-4 and attitude-4 scales); to change them, give --meta META.json (export-sheet "
                    "writes one)";
        }
        m_result.notes.push_back(note);
    } else if (m_options.metaBytes) {
        m_result.notes.push_back(m_baseName +
                                 " is not used: the workbook has its own meta, scales and levels sheets");
    }

    Validate();
    // Sheet order, then row order; problems outside the workbook first.
    auto sheetRank = [&](const std::string& name) -> std::size_t {
        if (name.empty()) return 0;
        for (std::size_t i = 0; i < m_book.sheets.size(); ++i)
            if (m_book.sheets[i].name == name) return i + 1;
        return m_book.sheets.size() + 1;
    };
    std::stable_sort(m_problems.begin(), m_problems.end(), [&](const Problem& a, const Problem& b) {
        auto ka = std::make_pair(sheetRank(a.at.sheet), a.at.row),
             kb = std::make_pair(sheetRank(b.at.sheet), b.at.row);
        return ka < kb;
    });
    for (const auto& p : m_problems) m_result.errors.push_back(Format(p));
    if (!m_result.errors.empty()) m_result.questionnaire.reset();
    return std::move(m_result);
}

}  // namespace

ImportResult ImportWorkbook(const Workbook& book, const ImportOptions& options) {
    try {
        return Importer(book, options).Run();
    } catch (const std::exception& e) {
        // Only a bug can get here (the JSON library throws on misuse); report it instead of crashing.
        ImportResult r;
        r.errors.push_back(options.sheetFile + ": internal error while converting: " + e.what());
        return r;
    }
}

}  // namespace kiosk::sheets
