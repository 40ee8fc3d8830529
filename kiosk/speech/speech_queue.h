// The speech queue the app owns: the frame thread calls Say/Stop/Speaking, which never block on audio; a
// worker thread the app starts runs Run(), which renders one utterance at a time into the sink. A new Say
// replaces what is playing (the screen changed); Stop silences it at once.
#pragma once

#include "kiosk/core/speech_script.h"
#include "kiosk/speech/audio_sink.h"
#include "kiosk/speech/renderer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::speech {

class SpeechQueue {
  public:
    SpeechQueue(const SpeechRenderer& renderer, AudioSink& sink) : m_renderer(renderer), m_sink(sink) {}

    // Speak `parts` in `lang`, stopping whatever is playing. Speaking() is true from this call on.
    void Say(std::vector<core::SpeechPart> parts, std::string lang);
    // Plays ready samples (the staff test tone), replacing whatever is playing, like Say.
    void Play(Pcm pcm);
    // Silence now; Speaking() is false from this call on.
    void Stop();
    bool Speaking() const;
    void SetVolume(double volume) { m_volume.store(volume); }

    // Worker loop; returns after Shutdown(). Call from exactly one thread.
    void Run();
    void Shutdown();

    // For tests, benchmarks and kiosk-admin: waits until nothing is speaking (false on timeout).
    bool WaitUntilQuiet(std::chrono::milliseconds timeout) const;
    // Utterances the worker finished or stopped, and the last synthesis/device error ("" when none).
    std::uint64_t Completed() const;
    std::string LastError() const;

  private:
    struct Request {
        std::vector<core::SpeechPart> parts;
        std::string lang;
        std::optional<Pcm> samples;  // instead of parts
    };
    void Replace(Request request);
    const SpeechRenderer& m_renderer;
    AudioSink& m_sink;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::optional<Request> m_pending;
    std::uint64_t m_generation = 0;  // bumped by Say and Stop; a finished render only clears its own
    std::uint64_t m_completed = 0;
    bool m_speaking = false;
    bool m_shutdown = false;
    std::string m_lastError;
    std::atomic<bool> m_cancel{false};
    std::atomic<double> m_volume{1.0};
};

}  // namespace kiosk::speech
