// The kiosk's voice: the audio sink the configuration names (an ALSA device, "null", or WAV files for
// end-to-end runs), the renderer with its lexicons and voice, and the speech queue with its worker thread,
// started on construction and shut down and joined on destruction. The frame thread only calls Say, Stop
// and PlayTestTone, which never wait for audio. Also decides what a page says (PageSpeech).
#pragma once

#include "kiosk/core/speech_script.h"
#include "kiosk/flow/kiosk_flow.h"
#include "kiosk/speech/audio_sink.h"
#include "kiosk/speech/renderer.h"
#include "kiosk/speech/speech_queue.h"
#include "kiosk/ui/translations.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::app {

struct SpeechSettings {
    std::string device = "default";         // config audio_device: "null", "wav:PATH" or an ALSA device name
    std::string voice = "vi-VN-x-central";  // config voice: the espeak-ng voice for Vietnamese (Da Nang: central)
    std::string assetsDir = "assets";       // the lexicons are in <assetsDir>/speech
    std::string volumeFile;                 // the staff's volume step, kept across restarts ("" = not kept)
    int volumeStep = flow::kVolumeSteps - 1;  // config volume (1-based there): used when the file has none
    // Print "KIOSK_SPEECH first_sample_ms=…" on stderr for each utterance: from Say (the tap's frame) to its
    // first sample handed to the device (the kiosk's --trace-frames; scripts/bench-speech-frames.sh reads it).
    bool traceLatency = false;
};

class SpeechWorker {
public:
    // Opens the device the settings name; without one Available() is false and Problems() says why.
    explicit SpeechWorker(const SpeechSettings& settings);
    // Speaks into `sink` (tests); a null sink means "no device".
    SpeechWorker(const SpeechSettings& settings, std::unique_ptr<speech::AudioSink> sink);
    ~SpeechWorker();  // silences, shuts the queue down and joins the worker
    SpeechWorker(const SpeechWorker&) = delete;
    SpeechWorker& operator=(const SpeechWorker&) = delete;

    bool Available() const { return m_queue != nullptr; }
    // Lines for the staff log: no device (the listen control is hidden), an unknown voice, a bad lexicon.
    const std::vector<std::string>& Problems() const { return m_problems; }

    void Say(std::vector<core::SpeechPart> parts, const std::string& lang);
    void Stop();
    bool Speaking() const;
    void PlayTestTone();
    int VolumeStep() const { return m_volumeStep; }
    // Applies the step at once and keeps it in the volume file (atomically). "" or why it was not kept.
    std::string SetVolumeStep(int step);
    speech::SpeechQueue* Queue() { return m_queue.get(); }

private:
    void Start(const SpeechSettings& settings, std::unique_ptr<speech::AudioSink> sink);

    std::vector<std::string> m_problems;
    std::string m_volumeFile;
    int m_volumeStep = flow::kVolumeSteps - 1;
    std::shared_ptr<std::atomic<std::int64_t>> m_sayTime;  // steady-clock ns of the last Say (tracing)
    std::unique_ptr<speech::AudioSink> m_sink;
    std::unique_ptr<speech::SpeechRenderer> m_renderer;
    std::unique_ptr<speech::SpeechQueue> m_queue;
    std::thread m_thread;
};

// What the kiosk says on the page the flow shows now, and in which language (`lang`): a question's text
// and its numbered answers (recordings where the questionnaire has them), else the page's main texts.
// Empty for pages with nothing to read (staff pages, out of service).
std::vector<core::SpeechPart> PageSpeech(const flow::KioskFlow& flow, const ui::Translations& texts, std::string& lang);

}  // namespace kiosk::app
