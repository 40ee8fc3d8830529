// The speech worker thread, the volume file, and what each citizen page says.
#include "kiosk/app/speech_worker.h"

#include "kiosk/core/atomic_file.h"
#include "kiosk/core/text.h"
#include "kiosk/speech/synthesizer.h"
#include "kiosk/ui/citizen_views.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kiosk::app {

namespace {

// The step kept in the volume file ("3\n"), or -1 when there is none or it is not a step.
int ReadVolumeStep(const std::string& path, std::string& problem) {
    std::string bytes, error;
    if (path.empty() || !core::ReadFileBytes(path, bytes, error, 64)) return -1;
    std::size_t n = 0;
    while (n < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[n]))) ++n;
    const bool onlySpaceAfter = bytes.find_first_not_of(" \r\n", n) == std::string::npos;
    if (n == 0 || n > 2 || !onlySpaceAfter || std::stoi(bytes.substr(0, n)) >= flow::kVolumeSteps) {
        problem = "speech: " + path + " does not hold a volume step from 0 to " + std::to_string(flow::kVolumeSteps - 1) +
                  " (the configured volume is used)";
        return -1;
    }
    return std::stoi(bytes.substr(0, n));
}

std::int64_t NowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Passes everything to the device and reports, once per utterance, how long after Say its first sample came.
class LatencyTracingSink final : public speech::AudioSink {
public:
    LatencyTracingSink(std::unique_ptr<speech::AudioSink> inner, std::shared_ptr<std::atomic<std::int64_t>> sayTime)
        : m_inner(std::move(inner)), m_sayTime(std::move(sayTime)) {}
    speech::AudioStatus Begin(int sampleRate) override {
        m_first = true;
        return m_inner->Begin(sampleRate);
    }
    speech::AudioStatus Write(const std::int16_t* samples, std::size_t count) override {
        if (m_first && count > 0) {
            m_first = false;
            std::fprintf(stderr, "KIOSK_SPEECH first_sample_ms=%.3f\n", (NowNs() - m_sayTime->load()) / 1e6);
        }
        return m_inner->Write(samples, count);
    }
    void End(bool cancelled) override { m_inner->End(cancelled); }

private:
    std::unique_ptr<speech::AudioSink> m_inner;
    std::shared_ptr<std::atomic<std::int64_t>> m_sayTime;
    bool m_first = false;
};

}  // namespace

SpeechWorker::SpeechWorker(const SpeechSettings& settings) {
    std::string why;
    std::unique_ptr<speech::AudioSink> sink = speech::OpenAudioSink(settings.device, why);
    if (!sink) m_problems.push_back("speech: no sound output (" + why + "): the listen control is hidden");
    Start(settings, std::move(sink));
}

SpeechWorker::SpeechWorker(const SpeechSettings& settings, std::unique_ptr<speech::AudioSink> sink) {
    if (!sink) m_problems.push_back("speech: no sound output: the listen control is hidden");
    Start(settings, std::move(sink));
}

void SpeechWorker::Start(const SpeechSettings& settings, std::unique_ptr<speech::AudioSink> sink) {
    m_volumeFile = settings.volumeFile;
    m_volumeStep = std::clamp(settings.volumeStep, 0, flow::kVolumeSteps - 1);
    std::string problem;
    if (int kept = ReadVolumeStep(m_volumeFile, problem); kept >= 0) m_volumeStep = kept;
    if (!problem.empty()) m_problems.push_back(problem);
    if (!sink) return;
    speech::SpeechVoices voices;
    if (speech::IsKnownVoice(settings.voice))
        voices.vi = settings.voice;
    else
        m_problems.push_back("speech: unknown voice \"" + settings.voice + "\" (" + voices.vi + " is used)");
    speech::Lexicons lexicons = speech::LoadLexicons(settings.assetsDir, {"vi", "en"});
    for (const auto& e : lexicons.errors) m_problems.push_back("speech: lexicon " + e + " (spoken without it)");
    if (settings.traceLatency) {
        m_sayTime = std::make_shared<std::atomic<std::int64_t>>(0);
        sink = std::make_unique<LatencyTracingSink>(std::move(sink), m_sayTime);
    }
    m_sink = std::move(sink);
    m_renderer = std::make_unique<speech::SpeechRenderer>(std::move(lexicons), voices);
    m_queue = std::make_unique<speech::SpeechQueue>(*m_renderer, *m_sink);
    m_queue->SetVolume(flow::VolumeOfStep(m_volumeStep));
    speech::SpeechQueue* queue = m_queue.get();
    m_thread = std::thread([queue] {
        // espeak-ng loads its data here, on the worker, so the first tap does not wait for it.
        (void)speech::InitializeSynthesizer();
        queue->Run();
    });
}

SpeechWorker::~SpeechWorker() {
    if (!m_queue) return;
    m_queue->Stop();
    m_queue->Shutdown();
    if (m_thread.joinable()) m_thread.join();
}

void SpeechWorker::Say(std::vector<core::SpeechPart> parts, const std::string& lang) {
    if (m_sayTime) m_sayTime->store(NowNs());
    if (m_queue) m_queue->Say(std::move(parts), lang);
}

void SpeechWorker::Stop() {
    if (m_queue) m_queue->Stop();
}

bool SpeechWorker::Speaking() const { return m_queue && m_queue->Speaking(); }

void SpeechWorker::PlayTestTone() {
    if (m_queue) m_queue->Play(speech::TestTone(22050));
}

std::string SpeechWorker::SetVolumeStep(int step) {
    m_volumeStep = std::clamp(step, 0, flow::kVolumeSteps - 1);
    if (m_queue) m_queue->SetVolume(flow::VolumeOfStep(m_volumeStep));
    if (m_volumeFile.empty()) return "no volume file configured";
    if (auto error = core::WriteFileAtomically(m_volumeFile, std::to_string(m_volumeStep) + "\n")) return error->detail;
    return "";
}

// ---------------------------------------------------------------------------------------------------------
// What a page says

std::vector<core::SpeechPart> PageSpeech(const flow::KioskFlow& flow, const ui::Translations& texts, std::string& lang) {
    using flow::Screen;
    const flow::CitizenFlow& citizen = flow.Citizen();
    lang = citizen.Language();
    std::vector<core::SpeechPart> parts;
    auto say = [&](const std::string& text) {
        if (!text.empty()) parts.push_back({text, ""});
    };
    switch (flow.CurrentScreen()) {
        case Screen::Welcome: {
            const ui::WelcomeView v = ui::BuildWelcomeView(citizen, texts);
            say(v.title);
            say(v.subtitle);
            say(v.note);
            break;
        }
        case Screen::Consent: {
            const ui::ConsentView v = ui::BuildConsentView(citizen, texts);
            for (const auto* t : {&v.title, &v.storedTitle, &v.stored, &v.notStoredTitle, &v.notStored, &v.question})
                say(*t);
            break;
        }
        case Screen::Question: {
            const core::Session& s = citizen.Session();
            if (s.GetQuestionnaire() && s.CurrentItem()) parts = core::ItemSpeech(*s.GetQuestionnaire(), s.CurrentItem()->id, lang);
            break;
        }
        case Screen::ConfirmLeave: {
            const ui::ConfirmLeaveView v = ui::BuildConfirmLeaveView(citizen, texts);
            say(v.title);
            say(v.body);
            break;
        }
        case Screen::Profile: {
            const ui::ProfileView v = ui::BuildProfileView(citizen, texts);
            say(v.title);
            say(v.intro);
            break;
        }
        case Screen::Result: {
            const ui::ResultView v = ui::BuildResultView(citizen, texts, nullptr);
            say(v.title);
            say(v.overallTitle + ": " + v.overallLevel + ". " + v.overallScore);
            for (const auto& a : v.areas) say(a.label + ": " + a.value + ".");
            break;
        }
        case Screen::IdleWarning: {
            const ui::IdleView v = ui::BuildIdleView(citizen, texts);
            say(v.title);
            say(v.body);
            break;
        }
        case Screen::ThankYou: {
            const ui::MessageView v = ui::BuildThankYouView(citizen, texts);
            lang = citizen.ThanksLanguage();
            say(v.title);
            say(v.body);
            break;
        }
        default:
            break;  // out of service and staff pages are not read
    }
    return parts;
}

}  // namespace kiosk::app
