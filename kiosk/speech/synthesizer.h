// espeak-ng synthesis into memory. espeak-ng keeps global state, so every call goes through one process-wide
// lock; callers run it on a worker thread, never the frame thread. Audio arrives in chunks as espeak-ng
// produces them (synchronous mode), so playback can start before the whole text is rendered.
#pragma once

#include "kiosk/speech/pcm.h"

#include <functional>
#include <string>
#include <string_view>

namespace kiosk::speech {

// Which espeak-ng voice speaks each language: configuration (Da Nang is central Vietnam).
struct SpeechVoices {
    std::string vi = "vi-VN-x-central";
    std::string en = "en";
    const std::string& For(std::string_view lang) const { return lang.rfind("vi", 0) == 0 ? vi : en; }
};

// The voices espeak-ng offers for Vietnamese and English; configuration is checked against this list.
bool IsKnownVoice(std::string_view voice);

// Initializes espeak-ng once (later calls return the first result). dataPath "" = the system's data.
AudioStatus InitializeSynthesizer(const std::string& dataPath = "");

// espeak-ng's output rate (22050 Hz); 0 before initialization.
int SynthesizerSampleRate();

// Receives each chunk of samples as it is produced; return false to stop synthesis (cancel).
using ChunkHandler = std::function<bool(const std::int16_t* samples, std::size_t count)>;

// Speaks already-normalized text with `voice`. Blocks until done or the handler returns false.
AudioStatus Synthesize(std::string_view text, const std::string& voice, const ChunkHandler& onChunk);

// Convenience for tests and kiosk-admin: the whole text into one buffer.
AudioStatus SynthesizeToPcm(std::string_view text, const std::string& voice, Pcm& out);

}  // namespace kiosk::speech
