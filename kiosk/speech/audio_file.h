// Audio files through libsndfile: decoding recordings (WAV, FLAC, Ogg/Vorbis, Opus, MP3) into mono PCM, and
// writing WAV files. Also the decode check the questionnaire validator calls for `…_audio` paths.
#pragma once

#include "kiosk/speech/pcm.h"

#include <string>

namespace kiosk::speech {

// Decodes the whole file, mixed down to mono. Fails for a file that libsndfile cannot read, has no audio,
// lasts longer than maxSeconds or ends early (a truncated file).
AudioStatus DecodeAudioFile(const std::string& path, double maxSeconds, Pcm& out);

// Writes a 16-bit mono WAV through a temporary sibling renamed into place, so a failed write never leaves
// half a file under `path`.
AudioStatus WriteWavFile(const std::string& path, const Pcm& pcm);

// Installs the libsndfile decode check into the core validator (core::SetRecordingDecodeCheck).
void InstallRecordingDecodeCheck();

}  // namespace kiosk::speech
