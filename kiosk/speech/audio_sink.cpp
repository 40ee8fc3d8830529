// Memory and WAV-file sinks.
#include "kiosk/speech/audio_sink.h"

#include "kiosk/speech/audio_file.h"

namespace kiosk::speech {

AudioStatus MemorySink::Begin(int sampleRate) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_utterances.emplace_back();
    m_utterances.back().pcm.sampleRate = sampleRate;
    return AudioStatus::Ok();
}

AudioStatus MemorySink::Write(const std::int16_t* samples, std::size_t count) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_utterances.empty()) return AudioStatus::Fail("Write before Begin");
    Utterance& u = m_utterances.back();
    if (u.pcm.samples.empty() && count > 0) u.firstSample = std::chrono::steady_clock::now();
    u.pcm.samples.insert(u.pcm.samples.end(), samples, samples + count);
    return AudioStatus::Ok();
}

void MemorySink::End(bool cancelled) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_utterances.empty()) return;
    m_utterances.back().cancelled = cancelled;
    m_utterances.back().ended = true;
}

std::vector<MemorySink::Utterance> MemorySink::Utterances() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_utterances;
}

AudioStatus WavFileSink::Begin(int sampleRate) {
    m_pcm = Pcm{sampleRate, {}};
    return AudioStatus::Ok();
}

AudioStatus WavFileSink::Write(const std::int16_t* samples, std::size_t count) {
    m_pcm.samples.insert(m_pcm.samples.end(), samples, samples + count);
    return AudioStatus::Ok();
}

void WavFileSink::End(bool cancelled) {
    m_written = cancelled ? AudioStatus::Fail("cancelled") : WriteWavFile(m_path, m_pcm);
}

}  // namespace kiosk::speech
