// Scoring of answers against a questionnaire, exactly as the contract specifies (item -> competency ->
// area -> overall, dimension means, half-away-from-zero rounding to 0.1, level banding, recommendations).
#pragma once

#include "kiosk/core/questionnaire.h"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

// item id -> 0-based index into the item's option list (excluded options included in the indexing).
using AnswerMap = std::map<std::string, int>;

struct AnswerError {
    std::string pointer;  // JSON Pointer into the answers document
    std::string message;
};

// Parses an answers document {"questionnaire": id, "answers": {item: index}} against `q`. Returns all
// problems (unknown item, out-of-range or non-integer index, wrong questionnaire id); `out` holds the
// valid answers.
std::vector<AnswerError> ParseAnswers(const Questionnaire& q, const nlohmann::json& doc, AnswerMap& out);

struct Score {
    bool assessed = false;
    double score = 0;     // rounded to one decimal; meaningful only when assessed
    int levelIndex = -1;  // into scoring.levels; -1 when not assessed
};

struct ScoredEntry {
    std::string id;
    Score score;
};

struct Result {
    std::string questionnaireId, questionnaireVersion, questionnaireSha256;
    Score overall;
    std::vector<ScoredEntry> areas;                   // file order
    std::vector<ScoredEntry> competencies;            // file order, across all areas
    std::array<std::optional<double>, 3> dimensions;  // rounded; empty when no scored item of it
    std::vector<std::string> recommendations;         // competency ids, weakest first
};

// Rounds half away from zero to one decimal place.
double RoundScore(double x);
// Index of the last level whose min <= roundedScore (levels are sorted, first min is 0).
int LevelFor(const ScoringRules& rules, double roundedScore);

// Item score 0..100, or empty when unanswered / excluded / index out of range.
std::optional<double> ItemScore(const Questionnaire& q, const Item& item, std::optional<int> answer);

Result ScoreAnswers(const Questionnaire& q, const AnswerMap& answers);

// The result JSON of the contract.
nlohmann::ordered_json ResultToJson(const Questionnaire& q, const Result& r);

}  // namespace kiosk::core
