// Where speech goes: a small sink interface with a null sink, an in-memory recording sink (tests,
// benchmarks, kiosk-admin), a WAV-file sink and an ALSA device sink (alsa_sink.cpp). One utterance is
// Begin, any number of Writes, then End. Sinks are used from one worker thread at a time.
#pragma once

#include "kiosk/speech/pcm.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk::speech {

class AudioSink {
  public:
    virtual ~AudioSink() = default;
    virtual AudioStatus Begin(int sampleRate) = 0;
    virtual AudioStatus Write(const std::int16_t* samples, std::size_t count) = 0;
    // cancelled: drop what is still buffered (the screen changed); otherwise let it finish playing.
    virtual void End(bool cancelled) = 0;
};

// Discards everything (a kiosk without sound that still runs the speech state for tests and Xvfb runs).
class NullSink : public AudioSink {
  public:
    AudioStatus Begin(int) override { return AudioStatus::Ok(); }
    AudioStatus Write(const std::int16_t*, std::size_t) override { return AudioStatus::Ok(); }
    void End(bool) override {}
};

// Keeps every utterance with the time its first sample arrived. Thread-safe to read while a worker writes.
class MemorySink : public AudioSink {
  public:
    struct Utterance {
        Pcm pcm;
        std::chrono::steady_clock::time_point firstSample{};
        bool cancelled = false;
        bool ended = false;
    };
    AudioStatus Begin(int sampleRate) override;
    AudioStatus Write(const std::int16_t* samples, std::size_t count) override;
    void End(bool cancelled) override;
    std::vector<Utterance> Utterances() const;

  private:
    mutable std::mutex m_mutex;
    std::vector<Utterance> m_utterances;
};

// Stands in for a sound device in end-to-end runs (Xvfb, no sound card). By default everything played,
// utterance after utterance, stopped ones as far as they got, is kept in one WAV file rewritten at the end of
// each utterance. With onePerUtterance, `path` is a folder and each utterance gets its own file there
// (utterance-0001.wav, …; a stopped one utterance-NNNN-stopped.wav), so a test can check each on its own.
class WavFileSink : public AudioSink {
  public:
    explicit WavFileSink(std::string path, bool onePerUtterance = false)
        : m_path(std::move(path)), m_onePerUtterance(onePerUtterance) {}
    AudioStatus Begin(int sampleRate) override;
    AudioStatus Write(const std::int16_t* samples, std::size_t count) override;
    void End(bool cancelled) override;
    const AudioStatus& LastWrite() const { return m_written; }
    std::size_t Utterances() const { return m_utterances; }

  private:
    std::string m_path;
    bool m_onePerUtterance = false;
    Pcm m_pcm;
    std::size_t m_utterances = 0;
    AudioStatus m_written = AudioStatus::Fail("nothing was spoken");
};

// The sound device through ALSA ("default" follows PulseAudio/PipeWire where the machine has them).
// OpenAlsaSink returns nullptr and the reason when there is no usable device, so the kiosk can hide its
// listen control and log why.
std::unique_ptr<AudioSink> OpenAlsaSink(const std::string& device, std::string& unavailableReason);

// The sink a configuration names: "null", "wav:PATH" (a file, or one file per utterance when PATH is an
// existing folder; for end-to-end runs) or an ALSA device name
// ("default", "hw:0", "pulse"). nullptr and the reason when it cannot be opened.
std::unique_ptr<AudioSink> OpenAudioSink(const std::string& spec, std::string& unavailableReason);

// A short sine tone at the synthesizer's rate, for the staff health page's "test sound" and volume.
Pcm TestTone(int sampleRate, double hz = 440, double seconds = 0.5);

}  // namespace kiosk::speech
