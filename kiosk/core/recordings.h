// Recorded audio for questionnaire texts: the optional `…_audio` sibling keys ("text_audio",
// "label_audio", …: {lang: path relative to the questionnaire file}). The core checks the shape and the
// path (relative, inside the questionnaire's folder, an existing regular file, not too large); whether the
// file decodes is asked of a hook that a library with an audio decoder installs, so the core itself never
// links an audio library.
#pragma once

#include "kiosk/core/questionnaire.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

// Beyond these a recording is a mistake (a whole album, an hour of silence), not a question read aloud.
inline constexpr std::uintmax_t kMaxRecordingBytes = std::uintmax_t(16) << 20;
inline constexpr double kMaxRecordingSeconds = 180;
inline constexpr std::size_t kMaxRecordingPathLength = 255;

// True when `key` is "<text key>_audio" for a localized text key in `allowed` (title, description, source,
// recommendation, text, label). Lets the validator's unknown-key check accept recordings next to texts.
bool IsRecordingKey(const std::string& key, std::initializer_list<const char*> allowed);

struct RecordingProblem {
    std::string pointer;
    std::string message;
};

// Walks the whole document for `…_audio` keys (skipping `x-` notes) and checks their shape: an object of
// {language: relative path} for declared languages, each path relative, without "..", "\", empty parts or
// control characters. Good ones land in `out`, keyed by the JSON Pointer of the text they read
// ("/areas/0/competencies/0/items/0/text" -> {"vi": "audio/1.1-k1.vi.ogg"}).
void CollectRecordings(const nlohmann::json& doc, const std::vector<std::string>& languages,
                       std::map<std::string, LocalizedText>& out, std::vector<RecordingProblem>& problems);

// Decode check for one recording file (absolute path): "" when it decodes to a sensible length, otherwise
// a message for the trainer. Installed once at start-up by the program (kiosk, kiosk-admin).
using RecordingDecodeCheck = std::string (*)(const std::string& path);
void SetRecordingDecodeCheck(RecordingDecodeCheck check);

// File checks for every recording of a loaded questionnaire (its `path` says where the folder is): exists,
// is a regular file, stays inside the folder after following links, is at most kMaxRecordingBytes, and
// (when a decode check is installed) decodes. Errors carry the pointer of the offending path.
std::vector<ValidationError> CheckRecordingFiles(const Questionnaire& q);

// Copies every recording of `q` (validated, so inside its folder) to the same relative path under
// `targetFolder`, for installing a questionnaire from a USB stick with its recordings. Each file is written to
// a temporary sibling and renamed into place. False and a message on the first failure.
bool CopyRecordings(const Questionnaire& q, const std::string& targetFolder, std::string& error);

// The absolute path of the recording of the text at `textPointer` in `lang`, or "" when there is none.
std::string RecordingPath(const Questionnaire& q, const std::string& textPointer, std::string_view lang);

}  // namespace kiosk::core
