// Turns a screen's speech script into sound: each part from its recording when there is one, otherwise
// normalized (numbers, dates, abbreviations from the lexicon) and synthesized by espeak-ng, chunk by chunk
// straight into the sink so the first sound comes as soon as espeak-ng has it. Blocking; runs on a worker.
#pragma once

#include "kiosk/core/speech_script.h"
#include "kiosk/core/speech_text.h"
#include "kiosk/speech/audio_sink.h"
#include "kiosk/speech/synthesizer.h"

#include <atomic>
#include <map>
#include <string>
#include <vector>

namespace kiosk::speech {

struct Lexicons {
    std::map<std::string, core::Lexicon> byLanguage;  // "vi", "en"
    std::vector<std::string> errors;                  // "FILE: POINTER: message" for each bad lexicon
    const core::Lexicon& For(std::string_view lang) const;
};

// Reads assets/speech/lexicon.<lang>.json for each language. A missing or broken lexicon is reported in
// `errors` and that language speaks without one (numbers and dates are still spelled out).
Lexicons LoadLexicons(const std::string& assetsDir, const std::vector<std::string>& languages);

class SpeechRenderer {
  public:
    SpeechRenderer(Lexicons lexicons, SpeechVoices voices) : m_lexicons(std::move(lexicons)), m_voices(std::move(voices)) {}

    // The text exactly as it is handed to espeak-ng.
    std::string Normalize(std::string_view text, std::string_view lang) const;

    // Plays `parts` into `sink` (Begin … End). `cancel` is polled between chunks; when it is set the sink
    // is ended with cancelled = true. `volume` scales the samples (0..1).
    AudioStatus Render(const std::vector<core::SpeechPart>& parts, std::string_view lang, AudioSink& sink,
                       const std::atomic<bool>* cancel = nullptr, double volume = 1.0) const;

    // Plays ready samples (the staff test tone) the same way: volume, cancel between slices.
    AudioStatus Play(const Pcm& pcm, AudioSink& sink, const std::atomic<bool>* cancel = nullptr,
                     double volume = 1.0) const;

    const SpeechVoices& Voices() const { return m_voices; }

  private:
    Lexicons m_lexicons;
    SpeechVoices m_voices;
};

}  // namespace kiosk::speech
