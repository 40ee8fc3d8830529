// Loader and validator for `kiosk-questionnaire/1`. It walks the parsed document once, building the model
// and collecting every problem with the JSON Pointer of the offending value. Rules are those of
// questionnaire-format.md; the checks are written in the order of that document so one can be read against
// the other.
#include "kiosk/core/questionnaire.h"

#include "kiosk/core/escape.h"
#include "kiosk/core/json_reader.h"
#include "kiosk/core/recordings.h"
#include "kiosk/core/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace kiosk::core {
namespace {

using json = nlohmann::json;

// Ids end up in file names, column headers and database keys; keep them short.
constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxTextLength = 4000;      // characters; see Validator::TextFits
constexpr double kMaxScoreFactor = 1'000'000;     // option values and weights; see ScoreFactorFits
constexpr std::size_t kMaxReportedErrors = 100;   // see CapErrors

bool IsExtensionKey(const std::string& key) {
    return key.rfind("x-", 0) == 0;
}

// Hand-written instead of std::regex: libstdc++'s regex recurses per character and would overflow the
// stack on a hostile multi-megabyte id.
bool IsLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [a-z0-9][a-z0-9-]*
bool IsQuestionnaireId(const std::string& s) {
    if (s.empty() || !IsLowerAlnum(s[0])) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; });
}

// [a-z]{2,3}(-[A-Za-z0-9]{2,8})*, e.g. "vi", "en", "zh-Hant"
bool IsLanguageCode(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    if (i < 2 || i > 3) return false;
    while (i < s.size()) {
        if (s[i++] != '-') return false;
        std::size_t start = i;
        while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
        if (i - start < 2 || i - start > 8) return false;
    }
    return true;
}

std::string TypeName(const json& v) {
    switch (v.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "true/false";
        case json::value_t::string:
            return "text";
        case json::value_t::array:
            return "a list";
        case json::value_t::object:
            return "an object";
        default:
            return "a number";
    }
}

class Validator {
  public:
    Validator(const std::string& file) : m_file(file) {}

    std::vector<ValidationError> errors;

    void Error(const std::string& pointer, const std::string& message, const char* messageId = "",
               std::vector<std::pair<std::string, std::string>> args = {}) {
        ValidationError e{m_file, pointer, message, 0, 0};
        e.messageId = messageId;
        e.messageArgs = std::move(args);
        errors.push_back(std::move(e));
    }

    // Checks that `v` is an object whose keys are all in `allowed` (or start with "x-") and that every
    // key of `required` is present. Returns false when `v` is not an object at all.
    bool Object(const json& v, const std::string& ptr, std::initializer_list<const char*> allowed,
                std::initializer_list<const char*> required) {
        if (!v.is_object()) {
            Error(ptr, "must be an object {…}, found " + TypeName(v), "qerr.not_object");
            return false;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& key = it.key();
            if (IsExtensionKey(key) || IsRecordingKey(key, allowed)) continue;
            bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
            if (!known)
                Error(ptr + "/" + PointerToken(key), "unknown key \"" + key + "\"" + Suggest(key, allowed),
                      "qerr.unknown_key", {{"key", key}});
        }
        for (const char* key : required) {
            if (!v.contains(key))
                Error(ptr + "/" + PointerToken(key), std::string("missing required key \"") + key + "\"",
                      "qerr.missing_key", {{"key", key}});
        }
        return true;
    }

    bool String(const json& v, const std::string& ptr, std::string& out) {
        if (!v.is_string()) {
            Error(ptr, "must be text, found " + TypeName(v), "qerr.not_text");
            return false;
        }
        out = ToNfc(v.get_ref<const std::string&>());
        return TextFits(out, ptr);
    }

    // Every text must fit every output: an XLSX cell holds at most 32 767 characters, and an export header
    // joins a title with its column id. kMaxTextLength leaves room for that (and is more than a screen shows).
    bool TextFits(const std::string& text, const std::string& ptr) {
        if (text.size() <= kMaxTextLength || CodePointCount(text) <= kMaxTextLength) return true;
        Error(ptr, "is longer than " + std::to_string(kMaxTextLength) + " characters (" +
                       std::to_string(CodePointCount(text)) + "); shorten it",
              "qerr.too_long", {{"max", std::to_string(kMaxTextLength)}});
        return false;
    }

    // Option values and weights are multiplied and summed into scores: bounded so that every score stays a
    // finite number (1e308 validated once, then scored as inf and broke every export).
    bool ScoreFactorFits(double x, const std::string& ptr) {
        if (x <= kMaxScoreFactor) return true;
        Error(ptr, "must be at most " + std::to_string(static_cast<long long>(kMaxScoreFactor)));
        return false;
    }

    bool Id(const json& v, const std::string& ptr, std::string& out) {
        if (!String(v, ptr, out)) return false;
        if (out.empty()) {
            Error(ptr, "must not be empty", "qerr.empty");
            return false;
        }
        if (out.size() > kMaxIdLength) {
            Error(ptr, "is longer than " + std::to_string(kMaxIdLength) + " characters", "qerr.too_long",
                  {{"max", std::to_string(kMaxIdLength)}});
            return false;
        }
        if (out.find_first_not_of(" \t") == std::string::npos) {
            Error(ptr, "must not be blank", "qerr.empty");
            return false;
        }
        for (unsigned char c : out) {
            if (c < 0x20 || c == 0x7F) {
                Error(ptr, "must not contain control characters (tabs, line breaks)");
                return false;
            }
        }
        return true;
    }

    bool Number(const json& v, const std::string& ptr, double& out) {
        if (!v.is_number()) {
            Error(ptr, "must be a number, found " + TypeName(v), "qerr.not_number");
            return false;
        }
        out = v.get<double>();
        if (!std::isfinite(out)) {
            Error(ptr, "must be a finite number", "qerr.not_number");
            return false;
        }
        return true;
    }

    bool Bool(const json& v, const std::string& ptr, bool& out) {
        if (!v.is_boolean()) {
            Error(ptr, "must be true or false, found " + TypeName(v), "qerr.not_bool");
            return false;
        }
        out = v.get<bool>();
        return true;
    }

    void Localized(const json& v, const std::string& ptr, LocalizedText& out) {
        if (!v.is_object()) {
            Error(ptr,
                  "must be an object of texts per language, e.g. {\"vi\": \"…\", \"en\": \"…\"}, found " +
                      TypeName(v));
            return;
        }
        for (const auto& [lang, text] : v.items()) {
            if (IsExtensionKey(lang)) continue;
            std::string p = ptr + "/" + PointerToken(lang);
            if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
                if (languagesValid)
                    Error(p, "language \"" + lang + "\" is not listed in /languages", "qerr.language_not_listed",
                          {{"language", lang}});
                continue;
            }
            std::string s;
            if (!String(text, p, s)) continue;
            if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
                Error(p, "text must not be empty", "qerr.empty");
                continue;
            }
            out[lang] = std::move(s);
        }
        for (const auto& lang : languages) {
            if (!v.contains(lang))
                Error(ptr + "/" + PointerToken(lang), "missing the \"" + lang + "\" text", "qerr.missing_text",
                      {{"language", lang}});
        }
    }

    std::vector<std::string> languages;
    bool languagesValid = false;

  private:
    // A hint for typos: a known key within two edits (ignoring case) of the unknown one.
    static std::string Suggest(const std::string& key, std::initializer_list<const char*> allowed) {
        for (const char* a : allowed) {
            if (EditDistance(key, a) <= 2) return std::string(" (did you mean \"") + a + "\"?)";
        }
        return " (keys starting with x- are allowed for notes)";
    }

    std::string m_file;
};

void ParseOptionList(Validator& v, const json& list, const std::string& ptr, bool isScale,
                     std::vector<Option>& out) {
    if (!list.is_array()) {
        v.Error(ptr, "must be a list […] of options, found " + TypeName(list));
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& o = list[i];
        std::string p = ptr + "/" + std::to_string(i);
        Option opt;
        bool shaped = isScale ? v.Object(o, p, {"value", "label", "excluded"}, {"label"})
                              : v.Object(o, p, {"label", "correct", "excluded"}, {"label"});
        if (!shaped) {
            out.push_back(std::move(opt));
            continue;
        }
        if (o.contains("label")) v.Localized(o["label"], p + "/label", opt.label);
        if (o.contains("excluded")) v.Bool(o["excluded"], p + "/excluded", opt.excluded);
        if (isScale) {
            if (o.contains("value")) {
                double value = 0;
                if (opt.excluded) {
                    v.Error(p + "/value", "an excluded option carries no value");
                } else if (v.Number(o["value"], p + "/value", value)) {
                    if (value < 0)
                        v.Error(p + "/value", "must not be negative");
                    else if (v.ScoreFactorFits(value, p + "/value"))
                        opt.value = value;
                }
            } else if (!opt.excluded) {
                v.Error(p + "/value",
                        "missing required key \"value\" (or mark the option \"excluded\": true)");
            }
        } else if (o.contains("correct")) {
            v.Bool(o["correct"], p + "/correct", opt.correct);
            if (opt.correct && opt.excluded)
                v.Error(p + "/correct", "an excluded option cannot be the correct one");
        }
        out.push_back(std::move(opt));
    }
}

void ParseScales(Validator& v, const json& scales, std::vector<Scale>& out) {
    if (!scales.is_object()) {
        v.Error("/scales", "must be an object of scales by id, found " + TypeName(scales));
        return;
    }
    for (const auto& [id, s] : scales.items()) {
        if (IsExtensionKey(id)) continue;
        std::string p = "/scales/" + PointerToken(id);
        Scale scale;
        scale.id = ToNfc(id);
        if (v.Object(s, p, {"options"}, {"options"}) && s.contains("options")) {
            ParseOptionList(v, s["options"], p + "/options", true, scale.options);
            std::vector<double> values;
            for (const auto& o : scale.options)
                if (o.value) values.push_back(*o.value);
            std::vector<double> sorted = values;
            std::sort(sorted.begin(), sorted.end());
            if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
                v.Error(p + "/options", "option values must be distinct");
            else if (values.size() < 2 && s["options"].is_array())
                v.Error(p + "/options", "a scale needs at least 2 options with a value");
            if (!sorted.empty()) scale.maxValue = sorted.back();
        }
        out.push_back(std::move(scale));
    }
}

int FindScale(const std::vector<Scale>& scales, const std::string& id) {
    for (std::size_t i = 0; i < scales.size(); ++i)
        if (scales[i].id == id) return static_cast<int>(i);
    return -1;
}

void ParseItem(Validator& v, const json& it, const std::string& p, const std::vector<Scale>& scales,
               bool scalesValid, Item& item) {
    if (!v.Object(it, p, {"id", "dimension", "scale", "options", "text"}, {"id", "dimension", "text"}))
        return;
    if (it.contains("id")) v.Id(it["id"], p + "/id", item.id);
    if (it.contains("dimension")) {
        std::string d;
        if (v.String(it["dimension"], p + "/dimension", d)) {
            if (auto dim = ParseDimension(d))
                item.dimension = *dim;
            else
                v.Error(p + "/dimension",
                        "must be \"knowledge\", \"skill\" or \"attitude\", found \"" + d + "\"");
        }
    }
    if (it.contains("text")) v.Localized(it["text"], p + "/text", item.text);
    bool hasScale = it.contains("scale"), hasOptions = it.contains("options");
    if (hasScale && hasOptions) {
        v.Error(p + "/options", "an item uses a \"scale\" or carries its own \"options\", never both");
    } else if (!hasScale && !hasOptions) {
        v.Error(p + "/scale", "missing \"scale\" (or its own \"options\" for a knowledge check)");
    } else if (hasScale) {
        std::string sid;
        if (v.String(it["scale"], p + "/scale", sid)) {
            item.scaleIndex = FindScale(scales, sid);
            if (item.scaleIndex < 0) {
                // Keep it a scale item (index 0 if any) so later code never mistakes it for a check.
                if (scalesValid)
                    v.Error(p + "/scale", "unknown scale \"" + sid + "\" (not defined under /scales)", "qerr.unknown_scale",
                            {{"scale", sid}});
                item.scaleIndex = 0;
            }
        }
    } else {
        ParseOptionList(v, it["options"], p + "/options", false, item.options);
        if (it["options"].is_array()) {
            if (item.options.size() < 2)
                v.Error(p + "/options", "a knowledge check needs at least 2 options");
            auto correct = std::count_if(item.options.begin(), item.options.end(),
                                         [](const Option& o) { return o.correct; });
            if (correct != 1)
                v.Error(p + "/options",
                        "a knowledge check needs exactly one option with \"correct\": true (found " +
                            std::to_string(correct) + ")");
        }
    }
}

// Ids must be unique within their kind across the whole file, not only within their parent.
struct SeenIds {
    std::set<std::string> areas, competencies, items;
};

void ParseCompetency(Validator& v, const json& cj, const std::string& cp, const std::vector<Scale>& scales,
                     bool scalesValid, SeenIds& seen, Competency& comp) {
    if (!v.Object(cj, cp, {"id", "title", "description", "recommendation", "items"},
                  {"id", "title", "items"}))
        return;
    if (cj.contains("id") && v.Id(cj["id"], cp + "/id", comp.id) && !seen.competencies.insert(comp.id).second)
        v.Error(cp + "/id", "duplicate competency id \"" + comp.id + "\"", "qerr.duplicate_id", {{"id", comp.id}});
    if (cj.contains("title")) v.Localized(cj["title"], cp + "/title", comp.title);
    if (cj.contains("description")) v.Localized(cj["description"], cp + "/description", comp.description);
    if (cj.contains("recommendation"))
        v.Localized(cj["recommendation"], cp + "/recommendation", comp.recommendation);
    if (!cj.contains("items")) return;
    const json& items = cj["items"];
    if (!items.is_array() || items.empty()) {
        v.Error(cp + "/items", "every competency needs at least one item");
        return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string ip = cp + "/items/" + std::to_string(i);
        Item item;
        ParseItem(v, items[i], ip, scales, scalesValid, item);
        if (!item.id.empty() && !seen.items.insert(item.id).second)
            v.Error(ip + "/id", "duplicate item id \"" + item.id + "\"", "qerr.duplicate_id", {{"id", item.id}});
        comp.items.push_back(std::move(item));
    }
}

void ParseArea(Validator& v, const json& aj, const std::string& ap, const std::vector<Scale>& scales,
               bool scalesValid, SeenIds& seen, Area& area) {
    if (!v.Object(aj, ap, {"id", "title", "competencies", "level_descriptions"}, {"id", "title", "competencies"}))
        return;
    if (aj.contains("id") && v.Id(aj["id"], ap + "/id", area.id) && !seen.areas.insert(area.id).second)
        v.Error(ap + "/id", "duplicate area id \"" + area.id + "\"", "qerr.duplicate_id", {{"id", area.id}});
    if (aj.contains("title")) v.Localized(aj["title"], ap + "/title", area.title);
    if (!aj.contains("competencies")) return;
    const json& comps = aj["competencies"];
    if (!comps.is_array() || comps.empty()) {
        v.Error(ap + "/competencies", "must be a non-empty list of competencies");
        return;
    }
    for (std::size_t c = 0; c < comps.size(); ++c) {
        Competency comp;
        ParseCompetency(v, comps[c], ap + "/competencies/" + std::to_string(c), scales, scalesValid, seen,
                        comp);
        area.competencies.push_back(std::move(comp));
    }
}

void ParseAreas(Validator& v, const json& areas, const std::vector<Scale>& scales, bool scalesValid,
                std::vector<Area>& out) {
    if (!areas.is_array() || areas.empty()) {
        v.Error("/areas", "must be a non-empty list of areas");
        return;
    }
    SeenIds seen;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        Area area;
        ParseArea(v, areas[a], "/areas/" + std::to_string(a), scales, scalesValid, seen, area);
        out.push_back(std::move(area));
    }
}

void ParseScoring(Validator& v, const json& s, ScoringRules& out) {
    if (!v.Object(s, "/scoring", {"dimension_weights", "levels", "recommend_below"}, {"levels"})) return;
    if (s.contains("dimension_weights")) {
        const json& w = s["dimension_weights"];
        if (v.Object(w, "/scoring/dimension_weights", {"knowledge", "skill", "attitude"}, {})) {
            bool allValid = true;
            for (Dimension d : kDimensions) {
                const char* name = DimensionId(d);
                if (!w.contains(name)) continue;
                double x = 0;
                std::string p = std::string("/scoring/dimension_weights/") + name;
                if (!v.Number(w[name], p, x)) {
                    allValid = false;
                } else if (x < 0) {
                    v.Error(p, "must not be negative");
                    allValid = false;
                } else if (!v.ScoreFactorFits(x, p)) {
                    allValid = false;
                } else {
                    out.dimensionWeights[static_cast<int>(d)] = x;
                }
            }
            if (allValid && std::all_of(out.dimensionWeights.begin(), out.dimensionWeights.end(),
                                        [](double x) { return x == 0; }))
                v.Error("/scoring/dimension_weights", "the weights must not all be 0");
        }
    }
    if (s.contains("recommend_below")) {
        double x = 0;
        if (v.Number(s["recommend_below"], "/scoring/recommend_below", x)) {
            if (x < 0 || x > 100)
                v.Error("/scoring/recommend_below", "must be between 0 and 100");
            else
                out.recommendBelow = x;
        }
    }
    if (!s.contains("levels")) return;
    const json& levels = s["levels"];
    if (!levels.is_array() || levels.empty()) {
        v.Error("/scoring/levels", "must be a non-empty list of levels");
        return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        std::string p = "/scoring/levels/" + std::to_string(i);
        Level level;
        bool minValid = false;
        if (v.Object(levels[i], p, {"id", "min", "label", "description"}, {"id", "min", "label"})) {
            const json& l = levels[i];
            if (l.contains("id") && v.Id(l["id"], p + "/id", level.id) && !ids.insert(level.id).second)
                v.Error(p + "/id", "duplicate level id \"" + level.id + "\"");
            if (l.contains("min") && v.Number(l["min"], p + "/min", level.min)) {
                minValid = true;
                if (i == 0 && level.min != 0) {
                    v.Error(p + "/min", "the first level must start at 0");
                } else if (level.min < 0 || level.min >= 100) {
                    v.Error(p + "/min", "must be at least 0 and below 100");
                } else if (i > 0 && !out.levels.empty() && level.min <= out.levels.back().min) {
                    v.Error(p + "/min", "levels must be sorted by strictly increasing min");
                }
            }
            if (l.contains("label")) v.Localized(l["label"], p + "/label", level.label);
            if (l.contains("description")) v.Localized(l["description"], p + "/description", level.description);
        }
        (void)minValid;
        out.levels.push_back(std::move(level));
    }
}

// areas[i].level_descriptions: {"<level id>": {localized}}. Read after the levels, whose ids the keys must
// name; an area that is not an object was already reported by ParseArea.
void ParseLevelDescriptions(Validator& v, const json& areas, const ScoringRules& scoring, bool levelsValid,
                            std::vector<Area>& out) {
    if (!areas.is_array()) return;
    for (std::size_t a = 0; a < areas.size() && a < out.size(); ++a) {
        const json& aj = areas[a];
        if (!aj.is_object() || !aj.contains("level_descriptions")) continue;
        const std::string p = "/areas/" + std::to_string(a) + "/level_descriptions";
        const json& d = aj["level_descriptions"];
        if (!d.is_object()) {
            v.Error(p, "must be an object of texts by level id, e.g. {\"good\": {\"vi\": \"…\", \"en\": \"…\"}}, "
                       "found " + TypeName(d));
            continue;
        }
        for (const auto& [levelId, text] : d.items()) {
            if (IsExtensionKey(levelId)) continue;
            const std::string lp = p + "/" + PointerToken(levelId);
            bool known = std::any_of(scoring.levels.begin(), scoring.levels.end(),
                                     [&](const Level& l) { return l.id == ToNfc(levelId); });
            if (!known && levelsValid) {
                std::string ids;
                for (const auto& l : scoring.levels) ids += (ids.empty() ? "" : ", ") + ("\"" + l.id + "\"");
                v.Error(lp, "unknown level \"" + levelId + "\" (the levels under /scoring/levels are " + ids + ")");
                continue;
            }
            LocalizedText t;
            v.Localized(text, lp, t);
            out[a].levelDescriptions[ToNfc(levelId)] = std::move(t);
        }
    }
}

// Keeps the first kMaxReportedErrors problems and says how many more there are: nobody reads 16 000 lines,
// and locating each one costs time.
void CapErrors(std::vector<ValidationError>& errors) {
    if (errors.size() <= kMaxReportedErrors) return;
    const std::size_t more = errors.size() - kMaxReportedErrors;
    const std::string file = errors.front().file;
    errors.resize(kMaxReportedErrors);
    errors.push_back({file, "", "… and " + std::to_string(more) + " more problem(s); fix these and validate again",
                      0, 0});
    errors.back().messageId = "qerr.more";
    errors.back().messageArgs = {{"count", std::to_string(more)}};
}

// Gives every error without a position the line and column where its value (or nearest existing parent)
// starts, so a trainer can jump there in an editor.
void AddLocations(std::string_view bytes, std::vector<ValidationError>& errors) {
    CapErrors(errors);
    std::vector<std::string> pointers;
    const std::size_t located = errors.size() - (errors.size() > kMaxReportedErrors ? 1 : 0);
    for (std::size_t i = 0; i < located; ++i)
        if (errors[i].line == 0) pointers.push_back(errors[i].pointer);
    if (pointers.empty()) return;
    auto at = LocatePointers(bytes, pointers);
    std::size_t k = 0;
    for (std::size_t i = 0; i < located; ++i) {
        auto& e = errors[i];
        if (e.line != 0) continue;
        e.line = at[k].first;
        e.column = at[k].second;
        ++k;
    }
}

}  // namespace

const std::string& TextIn(const LocalizedText& text, std::string_view lang) {
    static const std::string empty;
    auto it = text.find(std::string(lang));
    if (it != text.end()) return it->second;
    return text.empty() ? empty : text.begin()->second;
}

const char* DimensionId(Dimension d) {
    switch (d) {
        case Dimension::Knowledge:
            return "knowledge";
        case Dimension::Skill:
            return "skill";
        case Dimension::Attitude:
            return "attitude";
    }
    return "knowledge";
}

std::optional<Dimension> ParseDimension(std::string_view id) {
    for (Dimension d : kDimensions)
        if (id == DimensionId(d)) return d;
    return std::nullopt;
}

const std::vector<Option>& Questionnaire::OptionsOf(const Item& item) const {
    if (item.IsKnowledgeCheck()) return item.options;
    return scales.at(static_cast<std::size_t>(item.scaleIndex)).options;
}

std::size_t Questionnaire::ItemCount() const {
    std::size_t n = 0;
    for (const auto& a : areas)
        for (const auto& c : a.competencies) n += c.items.size();
    return n;
}

std::vector<Questionnaire::ItemRef> Questionnaire::ItemOrder() const {
    std::vector<ItemRef> order;
    for (std::size_t a = 0; a < areas.size(); ++a)
        for (std::size_t c = 0; c < areas[a].competencies.size(); ++c)
            for (std::size_t i = 0; i < areas[a].competencies[c].items.size(); ++i)
                order.push_back({a, c, i});
    return order;
}

const Item* Questionnaire::FindItem(std::string_view id) const {
    for (const auto& a : areas)
        for (const auto& c : a.competencies)
            for (const auto& it : c.items)
                if (it.id == id) return &it;
    return nullptr;
}

std::string ValidationError::ToString() const {
    // File names, pointers and messages quote the file's own keys and texts: escaped, so a key holding a
    // line break or a terminal escape cannot forge log lines or drive the terminal.
    std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
    std::string head = EscapeControl(file) + ": " + EscapeControl(pointer) + ": ";
    if (line > 0 && syntax) return head + where + ": " + EscapeControl(message);
    if (line > 0) return head + EscapeControl(message) + " (" + where + ")";
    return head + EscapeControl(message);
}

LoadResult ParseQuestionnaire(std::string_view bytes, const std::string& fileName) {
    LoadResult result;
    JsonReadResult parsed = ReadJson(bytes);
    for (auto& d : parsed.errors) {
        result.errors.push_back({fileName, d.pointer, d.message, d.line, d.column, d.line > 0});
        if (d.line > 0) result.errors.back().messageId = "qerr.not_json";
    }
    if (!parsed.errors.empty() && parsed.value.is_null()) return result;
    const json& doc = parsed.value;

    Validator v(fileName);
    Questionnaire q;
    if (!v.Object(doc, "",
                  {"$schema", "format", "id", "version", "languages", "title", "description", "source",
                   "estimated_minutes", "scales", "areas", "scoring"},
                  {"format", "id", "version", "languages", "title", "areas", "scoring"})) {
        result.errors.insert(result.errors.end(), v.errors.begin(), v.errors.end());
        AddLocations(bytes, result.errors);
        return result;
    }
    std::string s;
    if (doc.contains("format") && v.String(doc["format"], "/format", s) && s != kQuestionnaireFormat)
        v.Error("/format", std::string("must be \"") + kQuestionnaireFormat + "\", found \"" + s + "\"");
    if (doc.contains("id") && v.Id(doc["id"], "/id", q.id) && !IsQuestionnaireId(q.id))
        v.Error("/id",
                "must use only a-z, 0-9 and '-' and start with a letter or digit, found \"" + q.id + "\"");
    if (doc.contains("version")) v.Id(doc["version"], "/version", q.version);
    if (doc.contains("$schema")) v.String(doc["$schema"], "/$schema", s);

    // Languages first: every localized text is checked against them.
    if (doc.contains("languages")) {
        const json& langs = doc["languages"];
        if (!langs.is_array() || langs.empty()) {
            v.Error("/languages", "must be a non-empty list of language codes, e.g. [\"vi\", \"en\"]");
        } else {
            v.languagesValid = true;
            for (std::size_t i = 0; i < langs.size(); ++i) {
                std::string p = "/languages/" + std::to_string(i), lang;
                if (!v.String(langs[i], p, lang) || !IsLanguageCode(lang)) {
                    if (langs[i].is_string()) v.Error(p, "must be a language code such as \"vi\" or \"en\"");
                    v.languagesValid = false;
                } else if (std::find(q.languages.begin(), q.languages.end(), lang) != q.languages.end()) {
                    v.Error(p, "language \"" + lang + "\" is listed twice");
                } else {
                    q.languages.push_back(lang);
                }
            }
        }
    }
    v.languages = q.languages;

    if (doc.contains("title")) v.Localized(doc["title"], "/title", q.title);
    if (doc.contains("description")) v.Localized(doc["description"], "/description", q.description);
    if (doc.contains("source")) v.Localized(doc["source"], "/source", q.source);
    if (doc.contains("estimated_minutes")) {
        double m = 0;
        if (v.Number(doc["estimated_minutes"], "/estimated_minutes", m)) {
            if (m <= 0 || m > 600)
                v.Error("/estimated_minutes", "must be more than 0 and at most 600");
            else
                q.estimatedMinutes = m;
        }
    }
    if (doc.contains("scales")) ParseScales(v, doc["scales"], q.scales);
    // Every scale id is known unless /scales is not an object, so an unknown scale reference is worth
    // reporting even when a scale has errors of its own (they are independent mistakes).
    bool scalesValid = !doc.contains("scales") || doc["scales"].is_object();

    if (doc.contains("areas")) ParseAreas(v, doc["areas"], q.scales, scalesValid, q.areas);
    if (doc.contains("scoring")) ParseScoring(v, doc["scoring"], q.scoring);
    std::vector<RecordingProblem> recordingProblems;
    CollectRecordings(doc, q.languages, q.recordings, recordingProblems);
    for (const auto& p : recordingProblems) v.Error(p.pointer, p.message);
    if (doc.contains("areas"))
        ParseLevelDescriptions(v, doc["areas"], q.scoring,
                               doc.contains("scoring") && doc["scoring"].is_object() &&
                                   doc["scoring"].contains("levels") && doc["scoring"]["levels"].is_array(),
                               q.areas);

    result.errors.insert(result.errors.end(), v.errors.begin(), v.errors.end());
    if (!result.errors.empty()) {
        AddLocations(bytes, result.errors);
        return result;
    }
    q.sha256 = Sha256Hex(bytes);
    result.questionnaire = std::move(q);
    return result;
}

LoadResult LoadQuestionnaireFile(const std::string& path) {
    std::string bytes, error;
    if (!ReadFileBytes(path, bytes, error)) {
        LoadResult r;
        r.errors.push_back({path, "", error, 0, 0});
        r.errors.back().messageId = "qerr.unreadable";
        return r;
    }
    return LoadQuestionnaireBytes(bytes, path);
}

LoadResult LoadQuestionnaireBytes(std::string_view bytes, const std::string& path) {
    LoadResult r = ParseQuestionnaire(bytes, path);
    if (r.questionnaire) r.questionnaire->path = path;
    // Recordings are checked against the folder the file is in, so only here, where that is known.
    if (r.questionnaire && !r.questionnaire->recordings.empty()) {
        r.errors = CheckRecordingFiles(*r.questionnaire);
        if (!r.errors.empty()) {
            AddLocations(bytes, r.errors);
            r.questionnaire.reset();
        }
    }
    return r;
}

std::vector<ValidationError> ValidateInstalledSet(const std::vector<Questionnaire>& installed) {
    std::vector<ValidationError> errors;
    for (std::size_t i = 0; i < installed.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            const auto& a = installed[j];
            const auto& b = installed[i];
            if (a.id == b.id && a.version == b.version && a.sha256 != b.sha256) {
                errors.push_back({b.path, "/version",
                                  "\"" + b.id + "\" version \"" + b.version + "\" is also installed from " +
                                      a.path + " with different content; give the changed file a new version",
                                  0, 0});
                errors.back().messageId = "qerr.same_version";
                errors.back().messageArgs = {{"id", b.id}, {"version", b.version}};
            }
        }
    }
    return errors;
}

}  // namespace kiosk::core
