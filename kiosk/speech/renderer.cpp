// Rendering a speech script part by part into a sink.
#include "kiosk/speech/renderer.h"

#include "kiosk/core/recordings.h"
#include "kiosk/core/text.h"
#include "kiosk/speech/audio_file.h"

#include <algorithm>
#include <cmath>

namespace kiosk::speech {

const core::Lexicon& Lexicons::For(std::string_view lang) const {
    static const core::Lexicon empty;
    auto it = byLanguage.find(std::string(lang.substr(0, 2)));
    return it == byLanguage.end() ? empty : it->second;
}

Lexicons LoadLexicons(const std::string& assetsDir, const std::vector<std::string>& languages) {
    Lexicons out;
    for (const auto& lang : languages) {
        std::string path = assetsDir + "/speech/lexicon." + lang + ".json", bytes, error;
        if (!core::ReadFileBytes(path, bytes, error, std::size_t(1) << 20)) {
            out.errors.push_back(path + ": " + error);
            continue;
        }
        core::LexiconLoad load = core::ParseLexicon(bytes);
        for (const auto& e : load.errors) out.errors.push_back(path + ": " + e.pointer + ": " + e.message);
        if (load.lexicon) out.byLanguage[lang] = std::move(*load.lexicon);
    }
    return out;
}

std::string SpeechRenderer::Normalize(std::string_view text, std::string_view lang) const {
    return core::NormalizeForSpeech(text, lang, m_lexicons.For(lang));
}

namespace {

// Applies the volume and hands samples on in slices, checking for a stop between slices.
class Feeder {
  public:
    Feeder(AudioSink& sink, const std::atomic<bool>* cancel, double volume)
        : m_sink(sink), m_cancel(cancel), m_volume(std::clamp(volume, 0.0, 1.0)) {}

    bool Cancelled() const { return m_cancel && m_cancel->load(); }

    bool Feed(const std::int16_t* s, std::size_t n) {
        constexpr std::size_t kSlice = 1024;
        for (std::size_t off = 0; off < n; off += kSlice) {
            if (Cancelled() || !status.ok) return false;
            std::size_t len = std::min(kSlice, n - off);
            if (m_volume >= 1.0) {
                status = m_sink.Write(s + off, len);
            } else {
                m_scaled.assign(s + off, s + off + len);
                for (auto& x : m_scaled) x = static_cast<std::int16_t>(std::lround(x * m_volume));
                status = m_sink.Write(m_scaled.data(), len);
            }
        }
        return !Cancelled() && status.ok;
    }

    AudioStatus status;

  private:
    AudioSink& m_sink;
    const std::atomic<bool>* m_cancel;
    double m_volume;
    std::vector<std::int16_t> m_scaled;
};

}  // namespace

AudioStatus SpeechRenderer::Render(const std::vector<core::SpeechPart>& parts, std::string_view lang,
                                   AudioSink& sink, const std::atomic<bool>* cancel, double volume) const {
    if (AudioStatus init = InitializeSynthesizer(); !init.ok) return init;
    int rate = SynthesizerSampleRate();
    if (AudioStatus b = sink.Begin(rate); !b.ok) return b;
    Feeder feeder(sink, cancel, volume);
    const std::string& voice = m_voices.For(lang);
    AudioStatus result;
    for (const auto& part : parts) {
        if (feeder.Cancelled() || !feeder.status.ok) break;
        if (!part.recording.empty()) {
            Pcm rec;
            // Validated when the questionnaire was loaded; if it has changed since, speak the text instead.
            if (DecodeAudioFile(part.recording, core::kMaxRecordingSeconds, rec).ok) {
                std::vector<std::int16_t> samples = Resample(rec.samples, rec.sampleRate, rate);
                feeder.Feed(samples.data(), samples.size());
                continue;
            }
        }
        std::string text = Normalize(part.text, lang);
        ChunkHandler onChunk = [&](const std::int16_t* s, std::size_t n) { return feeder.Feed(s, n); };
        AudioStatus st = Synthesize(text, voice, onChunk);
        if (!st.ok) {
            result = st;
            break;
        }
    }
    if (result.ok && !feeder.status.ok) result = feeder.status;
    sink.End(feeder.Cancelled() || !result.ok);
    return result;
}

AudioStatus SpeechRenderer::Play(const Pcm& pcm, AudioSink& sink, const std::atomic<bool>* cancel,
                                 double volume) const {
    if (AudioStatus b = sink.Begin(pcm.sampleRate); !b.ok) return b;
    Feeder feeder(sink, cancel, volume);
    feeder.Feed(pcm.samples.data(), pcm.samples.size());
    sink.End(feeder.Cancelled() || !feeder.status.ok);
    return feeder.status;
}

}  // namespace kiosk::speech
