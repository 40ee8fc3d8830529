// Text normalization for speech synthesis: numbers, decimals, percentages, dates, long digit strings, URLs
// and abbreviations are spelled into words before espeak-ng sees them (it mispronounces Vietnamese numbers:
// "năm" truncated in 51/52, "mươi"/"mười" confused, long digit strings broken). Pure: the lexicon is parsed
// from bytes the caller read, and nothing here touches files.
#pragma once

#include "kiosk/core/json_reader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::core {

inline constexpr const char* kLexiconFormat = "kiosk-lexicon/1";

// Written form -> spoken words, e.g. "UBND" -> "Ủy ban nhân dân". Trainers edit it in
// assets/speech/lexicon.<lang>.json: {"format": "kiosk-lexicon/1", "language": "vi", "entries": {…}}.
struct Lexicon {
    std::string language;
    std::vector<std::pair<std::string, std::string>> entries;  // longest written form first
    // The spoken form of `written` (exact, or with the first letter capitalized in the text), or nullptr.
    const std::string* Find(std::string_view written) const;
};

struct LexiconLoad {
    std::optional<Lexicon> lexicon;  // set only when there are no errors
    std::vector<Diagnostic> errors;  // with JSON Pointers, as for questionnaires
};

LexiconLoad ParseLexicon(std::string_view bytes);

// A whole number in words: SpokenNumber(51, "vi") == "năm mươi mốt", SpokenNumber(51, "en") == "fifty-one".
// Vietnamese up to 999 999 999 999 ("tỷ"); other languages use English words.
std::string SpokenNumber(std::uint64_t n, std::string_view lang);

// Digit by digit: "0905" -> "không chín không năm".
std::string SpokenDigits(std::string_view digits, std::string_view lang);

// The text with numbers, decimals ("52,0"), percentages, dates (dd/mm/yyyy), long digit strings, URLs and
// lexicon entries written out as words in `lang` ("vi" or "en"; other languages get the lexicon only).
// Input is UTF-8 NFC; output is UTF-8 with punctuation kept so the synthesizer still pauses.
std::string NormalizeForSpeech(std::string_view text, std::string_view lang, const Lexicon& lexicon);

// Syllables (vi) or words (en) as a synthesizer would speak them: runs of letters or digits after
// normalization. Used to judge whether rendered audio has a plausible length.
std::size_t SpokenWordCount(std::string_view normalized);

}  // namespace kiosk::core
