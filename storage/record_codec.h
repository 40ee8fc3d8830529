// How one result's variable parts are written into its row, and read back fast: the answers as a JSON
// object {"item": optionIndex, …} and the area / competency scores as {"id": [score, "level"] | null, …},
// both in questionnaire order. JSON keeps the file readable with any SQLite tool (json_extract works);
// the hand-written decoder below reads only this shape and is what keeps exports near raw-dump speed.
// Measured against nlohmann's SAX parser filling the same vectors with the same shape checks
// (scripts/bench-storage.sh, section 5: build/tests/storage/storage_bench_codec
// tests/storage/fixtures/bench-51.json 20000 5, 2026-12-01, 2 shared cores under load ~17): 20 000 rows of
// 51 answers + 17 competency scores decode in 89.1 ms here against 367.6 ms with SAX (4.46 against 18.38 µs
// a row, SAX/hand = 4.1×), so it is kept.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "storage/result_reader.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::storage::codec {

inline constexpr std::size_t kIdBytes = 16;  // 128 random bits

// 16 bytes from libsodium's CSPRNG.
std::string NewResultId();
// 16 bytes -> 32 lower-case hex characters (core::ToHex).
std::string HexId(std::string_view bytes);

// Appends `s` as a JSON string literal (quotes, backslashes and control characters escaped).
void AppendJsonString(std::string& out, std::string_view s);
// Appends a score with exactly one decimal ("61.1", "100.0"); scores are already rounded to 0.1.
void AppendScore(std::string& out, double score);

std::string EncodeAnswers(const core::Questionnaire& q, const core::AnswerMap& answers);
std::string EncodeScores(const std::vector<core::ScoredEntry>& entries, const core::ScoringRules& rules);

// Decoders reuse `out`'s storage; false when the text is not exactly the shape written above.
bool DecodeAnswers(std::string_view json, std::vector<std::pair<std::string, int>>& out);
bool DecodeScores(std::string_view json, std::vector<StoredScore>& out);

}  // namespace kiosk::storage::codec
