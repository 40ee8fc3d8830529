// Memory and WAV-file sinks, choosing a sink from configuration, the test tone.
#include "kiosk/speech/audio_sink.h"

#include "kiosk/speech/audio_file.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

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
    if (m_onePerUtterance) m_pcm.samples.clear();
    if (!m_pcm.samples.empty() && sampleRate != m_pcm.sampleRate)
        return AudioStatus::Fail("the WAV sink cannot change sample rate between utterances");
    m_pcm.sampleRate = sampleRate;
    return AudioStatus::Ok();
}

AudioStatus WavFileSink::Write(const std::int16_t* samples, std::size_t count) {
    m_pcm.samples.insert(m_pcm.samples.end(), samples, samples + count);
    return AudioStatus::Ok();
}

void WavFileSink::End(bool cancelled) {
    ++m_utterances;
    if (!m_onePerUtterance) {
        m_written = WriteWavFile(m_path, m_pcm);
        return;
    }
    char name[48];
    std::snprintf(name, sizeof name, "/utterance-%04zu%s.wav", m_utterances, cancelled ? "-stopped" : "");
    m_written = WriteWavFile(m_path + name, m_pcm);
    m_pcm.samples.clear();
}

std::unique_ptr<AudioSink> OpenAudioSink(const std::string& spec, std::string& unavailableReason) {
    if (spec == "null") return std::make_unique<NullSink>();
    if (spec.rfind("wav:", 0) == 0) {
        if (spec.size() == 4) {
            unavailableReason = "\"wav:\" needs a file path, e.g. wav:/tmp/kiosk-speech.wav";
            return nullptr;
        }
        std::error_code ec;
        if (std::filesystem::is_directory(spec.substr(4), ec)) return std::make_unique<WavFileSink>(spec.substr(4), true);
        return std::make_unique<WavFileSink>(spec.substr(4));
    }
    return OpenAlsaSink(spec.empty() ? "default" : spec, unavailableReason);
}

Pcm TestTone(int sampleRate, double hz, double seconds) {
    Pcm pcm;
    pcm.sampleRate = sampleRate;
    std::size_t n = static_cast<std::size_t>(seconds * sampleRate);
    pcm.samples.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        // 10 ms fade in and out: no click.
        double edge = std::min({1.0, double(i) / (0.01 * sampleRate), double(n - i) / (0.01 * sampleRate)});
        pcm.samples[i] = static_cast<std::int16_t>(12000 * edge * std::sin(2 * M_PI * hz * double(i) / sampleRate));
    }
    return pcm;
}

}  // namespace kiosk::speech
