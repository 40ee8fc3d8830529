// What the kiosk says for a screen: the screen's main text, then each answer with its number
// ("Một: …", "Hai: …"), each part played from its recording when the questionnaire has one. Pure: the
// recordings are resolved to paths, nothing is read.
#pragma once

#include "kiosk/core/questionnaire.h"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

struct SpeechPart {
    std::string text;       // what to synthesize (as written; normalized at synthesis)
    std::string recording;  // absolute path of a recording to play instead, or ""
};

// The item's text, then its answers numbered from one. Empty when the item does not exist.
std::vector<SpeechPart> ItemSpeech(const Questionnaire& q, std::string_view itemId, std::string_view lang);

// "Một", "Hai", … (vi) or "One", "Two", … (en): the spoken number before an answer.
std::string AnswerNumber(std::size_t oneBased, std::string_view lang);

// JSON Pointer of an item's text, as recordings are keyed ("" when the item does not exist).
std::string ItemTextPointer(const Questionnaire& q, std::string_view itemId);

}  // namespace kiosk::core
