// The questionnaire model (`kiosk-questionnaire/1`) and its loader/validator. The loader reports every
// problem it finds as {file, JSON Pointer, message, line/column}; it never throws.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::core {

inline constexpr const char* kQuestionnaireFormat = "kiosk-questionnaire/1";

// language code -> text (NFC). Complete for every language of the questionnaire once validated.
using LocalizedText = std::map<std::string, std::string>;

// Returns the text in `lang`, falling back to the first available language, then to "".
const std::string& TextIn(const LocalizedText& text, std::string_view lang);

enum class Dimension { Knowledge = 0, Skill = 1, Attitude = 2 };
inline constexpr std::array<Dimension, 3> kDimensions = {Dimension::Knowledge, Dimension::Skill,
                                                         Dimension::Attitude};
const char* DimensionId(Dimension d);  // "knowledge", "skill", "attitude"
std::optional<Dimension> ParseDimension(std::string_view id);

struct Option {
    LocalizedText label;
    std::optional<double> value;  // scale options that are not excluded
    bool excluded = false;
    bool correct = false;  // knowledge checks only
};

struct Scale {
    std::string id;
    std::vector<Option> options;
    double maxValue = 0;  // largest option value (> 0 once validated)
};

struct Item {
    std::string id;
    Dimension dimension = Dimension::Knowledge;
    LocalizedText text;
    int scaleIndex = -1;          // index into Questionnaire::scales, or -1 for a knowledge check
    std::vector<Option> options;  // a knowledge check's own options (empty for scale items)
    bool IsKnowledgeCheck() const { return scaleIndex < 0; }
};

struct Competency {
    std::string id;
    LocalizedText title;
    LocalizedText description;     // may be empty
    LocalizedText recommendation;  // may be empty
    std::vector<Item> items;
};

struct Area {
    std::string id;
    LocalizedText title;
    std::vector<Competency> competencies;
    // Optional: level id -> what a person at that level can do in this area (overrides the level's own).
    std::map<std::string, LocalizedText> levelDescriptions;
};

struct Level {
    std::string id;
    double min = 0;
    LocalizedText label;
    LocalizedText description;  // optional: what a person at this level can do, in plain words
};

struct ScoringRules {
    std::array<double, 3> dimensionWeights = {1, 1, 1};  // indexed by Dimension
    std::vector<Level> levels;
    double recommendBelow = 60;
};

struct Questionnaire {
    std::string id;
    std::string version;
    std::vector<std::string> languages;
    LocalizedText title;
    LocalizedText description;
    LocalizedText source;
    std::optional<double> estimatedMinutes;
    std::vector<Scale> scales;
    std::vector<Area> areas;
    ScoringRules scoring;
    std::string sha256;  // hex SHA-256 of the file's exact bytes
    std::string path;    // where it was loaded from (informational)
    // Optional recordings (`…_audio` keys): JSON Pointer of a text -> {lang: path relative to `path`'s
    // folder}. See kiosk/core/recordings.h.
    std::map<std::string, LocalizedText> recordings;

    // The options an item is answered with: its scale's options or its own.
    const std::vector<Option>& OptionsOf(const Item& item) const;
    std::size_t ItemCount() const;
    // Items in file order with their area/competency indexes (the order citizens see them in).
    struct ItemRef {
        std::size_t area, competency, item;
    };
    std::vector<ItemRef> ItemOrder() const;
    const Item* FindItem(std::string_view id) const;
};

// Loaded questionnaires are shared read-only between the catalog, the flow and results waiting to be saved.
using QuestionnairePtr = std::shared_ptr<const Questionnaire>;

struct ValidationError {
    std::string file;
    std::string pointer;
    std::string message;
    int line = 0;  // 1-based; 0 when unknown
    int column = 0;
    bool syntax = false;  // the file is not JSON at all: line/column say where reading stopped
    // The message for the kiosk's staff pages, in their language: a translation key in assets/i18n
    // ("qerr.…") and its named values. Empty for messages without one yet: `message` (English) is shown.
    // `message` stays what the command line prints.
    std::string messageId{};
    std::vector<std::pair<std::string, std::string>> messageArgs{};
    // Syntax errors: "FILE: POINTER: line L, column C: message". Other errors: "FILE: POINTER: message",
    // followed by " (line L, column C)" where the offending value starts, when known.
    std::string ToString() const;
};

struct LoadResult {
    std::optional<Questionnaire> questionnaire;  // set only when there are no errors
    std::vector<ValidationError> errors;
    bool Ok() const { return questionnaire.has_value(); }
};

// Validates and loads questionnaire bytes; `fileName` is used in error messages.
LoadResult ParseQuestionnaire(std::string_view bytes, const std::string& fileName);
// Reads and validates a file (size-limited; an unreadable file is one error).
LoadResult LoadQuestionnaireFile(const std::string& path);
// Validates bytes already read from `path`, as LoadQuestionnaireFile does (recordings checked beside it).
LoadResult LoadQuestionnaireBytes(std::string_view bytes, const std::string& path);

// Checks across installed questionnaires: two files with the same id and version but different bytes.
std::vector<ValidationError> ValidateInstalledSet(const std::vector<Questionnaire>& installed);

}  // namespace kiosk::core
