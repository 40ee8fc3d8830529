// Serializer Questionnaire -> `kiosk-questionnaire/1` JSON: keys in the order of questionnaire-format.md,
// texts in NFC, 2-space indentation with short objects and lists kept on one line, so a written file reads
// like a hand-written one and diffs stay small.
#pragma once

#include "kiosk/core/questionnaire.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::core {

// The document as an insertion-ordered JSON value. Optional parts that are empty (description, source,
// recommendation, estimated_minutes) are left out; scoring always carries all three dimension weights and
// recommend_below. Whole numbers are written as integers (1, not 1.0).
nlohmann::ordered_json QuestionnaireToJson(const Questionnaire& q);

// Pretty-prints `value` with 2-space indentation. A container whose one-line form fits within
// `lineWidth` columns stays on one line. Invalid UTF-8 is replaced by U+FFFD. Ends with a newline.
std::string FormatJson(const nlohmann::ordered_json& value, std::size_t lineWidth = 110);

// FormatJson(QuestionnaireToJson(q)): the bytes of a questionnaire file.
std::string WriteQuestionnaireJson(const Questionnaire& q);

}  // namespace kiosk::core
