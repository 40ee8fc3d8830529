// Read-aloud in the headless kiosk: the real controller, screens and speech worker (espeak-ng), with the
// sound device replaced by a sink that records what would have been played. The listen control's states,
// automatic reading through a whole questionnaire, a kiosk without sound, and the staff volume.
#include "harness.h"

#include "kiosk/core/recordings.h"
#include "kiosk/station/config.h"
#include "kiosk/speech/pcm.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::ui::test;
using namespace std::chrono_literals;

namespace {

// A sound device that holds every sample until the test opens it, so "speaking" lasts exactly as long as
// the test wants; it records each utterance like a MemorySink.
class GateSink final : public ::kiosk::speech::AudioSink {
public:
    struct Utterance {
        std::vector<std::int16_t> samples;
        bool ended = false, cancelled = false;
    };
    ::kiosk::speech::AudioStatus Begin(int) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_utterances.emplace_back();
        m_changed.notify_all();
        return ::kiosk::speech::AudioStatus::Ok();
    }
    ::kiosk::speech::AudioStatus Write(const std::int16_t* s, std::size_t n) override {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_open; });
        m_utterances.back().samples.insert(m_utterances.back().samples.end(), s, s + n);
        return ::kiosk::speech::AudioStatus::Ok();
    }
    void End(bool cancelled) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_utterances.back().ended = true;
        m_utterances.back().cancelled = cancelled;
        m_changed.notify_all();
    }
    void Open() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }
    bool WaitBegun(std::size_t count, std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return m_utterances.size() >= count; });
    }
    bool WaitEnded(std::size_t count, std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] {
            return m_utterances.size() >= count && m_utterances[count - 1].ended;
        });
    }
    std::vector<Utterance> Utterances() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_utterances;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
    std::vector<Utterance> m_utterances;
};

app::SpeechSettings TestSettings() {
    app::SpeechSettings s;
    s.assetsDir = SourcePath("assets");
    return s;
}

void ToFirstQuestion(Harness& h) {
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    REQUIRE(h.CurrentScreen() == Screen::Question);
}

double Seconds(std::size_t samples) { return samples / 22050.0; }

}  // namespace

TEST_CASE("read-aloud: Nghe speaks the question, shows Dừng while speaking, a second tap stops it") {
    Harness h;
    auto gate = std::make_unique<GateSink>();
    GateSink* sink = gate.get();
    app::SpeechWorker worker(TestSettings(), std::move(gate));
    h.controller->SetSpeech(&worker);
    ToFirstQuestion(h);
    REQUIRE(h.HasTarget("listen"));
    CHECK(h.Shows("Nghe"));
    CHECK(h.Target("listen").max.y - h.Target("listen").min.y >= MinTouchHeight(h.ui));

    h.Tap("listen");
    CHECK(h.Shows("Dừng"));
    CHECK(h.Target("listen").selected);
    CHECK(worker.Speaking());
    REQUIRE(sink->WaitBegun(1, 10s));  // the device holds the first samples now
    h.Tap("listen");  // stop: silence at once, whatever the device still holds
    CHECK(h.Shows("Nghe"));
    CHECK_FALSE(worker.Speaking());
    sink->Open();
    REQUIRE(sink->WaitEnded(1, 10s));
    CHECK(sink->Utterances()[0].cancelled);

    // Read to the end: the control turns back into "Nghe" by itself.
    h.Tap("listen");
    REQUIRE(sink->WaitEnded(2, 20s));
    REQUIRE(worker.Queue()->WaitUntilQuiet(5s));
    h.Frames(2);
    CHECK(h.Shows("Nghe"));
    CHECK_FALSE(h.controller->Flow().Citizen().Speaking());
    const auto spoken = sink->Utterances()[1];
    CHECK_FALSE(spoken.cancelled);
    CHECK(::kiosk::speech::Rms(spoken.samples.data(), spoken.samples.size()) > 500);
    CHECK(Seconds(spoken.samples.size()) > 2.0);  // the question and each numbered answer

    // Moving on stops the reading of the old page.
    h.Tap("listen");
    h.Tap("option.0");
    CHECK(worker.Speaking());  // an answer is no page change
    h.Tap("question.next");
    CHECK_FALSE(worker.Speaking());
}

TEST_CASE("read-aloud: automatic reading plays every question of the form, and the next citizen starts without it") {
    Harness h;
    REQUIRE(h.spoken);
    REQUIRE(h.HasTarget("welcome.auto_read"));
    h.Tap("welcome.auto_read");
    CHECK(h.Target("welcome.auto_read").selected);
    REQUIRE(h.speech->Queue()->WaitUntilQuiet(20s));
    h.Tap("welcome.start");
    REQUIRE(h.speech->Queue()->WaitUntilQuiet(20s));
    // Counted while quiet: the first question's reading may already have begun once "agree" is handled.
    const std::size_t before = h.spoken->Utterances().size();
    CHECK(before == 2);  // Welcome, consent
    h.Tap("consent.agree");
    const core::Session& s = h.controller->GetSession();
    const std::size_t questions = s.QuestionCount();
    for (std::size_t i = 0; i < questions; ++i) {
        REQUIRE(h.CurrentScreen() == Screen::Question);
        REQUIRE(h.speech->Queue()->WaitUntilQuiet(20s));  // heard to the end before answering
        h.Tap("option.0");
        h.Tap("question.next");
    }
    REQUIRE(h.speech->Queue()->WaitUntilQuiet(20s));
    const auto all = h.spoken->Utterances();
    REQUIRE(all.size() >= before + questions);
    for (std::size_t i = 0; i < questions; ++i) {
        const auto& u = all[before + i];
        CAPTURE(i);
        CHECK(u.ended);
        CHECK_FALSE(u.cancelled);
        CHECK(::kiosk::speech::Rms(u.pcm.samples.data(), u.pcm.samples.size()) > 500);
        CHECK(u.pcm.Seconds() > 2.0);
        CHECK(u.pcm.Seconds() < 120.0);
    }
    // Leave the rest: the next citizen has automatic reading off and hears nothing unasked.
    while (h.CurrentScreen() != Screen::Welcome) {
        if (h.HasTarget("profile.skip")) h.Tap("profile.skip");
        else if (h.HasTarget("result.done")) h.Tap("result.done");
        else if (h.HasTarget("thanks.anywhere")) h.Tap("thanks.anywhere");
        else FAIL("stuck on " << ScreenName(h.CurrentScreen()));
    }
    CHECK_FALSE(h.Target("welcome.auto_read").selected);
    REQUIRE(h.speech->Queue()->WaitUntilQuiet(20s));
    const std::size_t afterCitizen = h.spoken->Utterances().size();
    h.Tap("welcome.start");
    h.Frames(3);
    CHECK(h.spoken->Utterances().size() == afterCitizen);
}

TEST_CASE("read-aloud: without a sound device the control and the choice are hidden and the log says why") {
    HarnessOptions options;
    options.speech = false;
    Harness h(options);
    app::SpeechSettings settings = TestSettings();
    settings.device = "hw:97,7";  // no such card
    app::SpeechWorker worker(settings);
    CHECK_FALSE(worker.Available());
    h.controller->SetSpeech(&worker);
    h.Frames(2);
    CHECK(h.log.Contains("no sound output"));
    CHECK_FALSE(h.HasTarget("listen"));
    CHECK_FALSE(h.HasTarget("welcome.auto_read"));
    CHECK(h.HasTarget("welcome.start"));
    ToFirstQuestion(h);
    CHECK_FALSE(h.HasTarget("listen"));
}

TEST_CASE("read-aloud: the staff volume step is applied, kept atomically, and survives a restart") {
    TempDir dir;
    app::SpeechSettings settings = TestSettings();
    settings.volumeFile = dir.File("volume");
    settings.volumeStep = 4;
    {
        auto sink = std::make_unique<::kiosk::speech::MemorySink>();
        ::kiosk::speech::MemorySink* memory = sink.get();
        app::SpeechWorker worker(settings, std::move(sink));
        CHECK(worker.VolumeStep() == 4);
        worker.PlayTestTone();
        REQUIRE(worker.Queue()->WaitUntilQuiet(5s));
        CHECK(worker.SetVolumeStep(0).empty());
        worker.PlayTestTone();
        REQUIRE(worker.Queue()->WaitUntilQuiet(5s));
        const auto tones = memory->Utterances();
        REQUIRE(tones.size() == 2);
        const double loud = ::kiosk::speech::Rms(tones[0].pcm.samples.data(), tones[0].pcm.samples.size());
        const double quiet = ::kiosk::speech::Rms(tones[1].pcm.samples.data(), tones[1].pcm.samples.size());
        CHECK(loud > 5000);
        CHECK(quiet == doctest::Approx(loud * flow::VolumeOfStep(0)).epsilon(0.05));
    }
    std::ifstream in(settings.volumeFile);
    std::string kept;
    std::getline(in, kept);
    CHECK(kept == "0");
    {
        app::SpeechWorker again(settings, std::make_unique<::kiosk::speech::NullSink>());
        CHECK(again.VolumeStep() == 0);
    }
    std::ofstream(settings.volumeFile) << "loud\n";
    app::SpeechWorker broken(settings, std::make_unique<::kiosk::speech::NullSink>());
    CHECK(broken.VolumeStep() == 4);
    REQUIRE_FALSE(broken.Problems().empty());
    CHECK(broken.Problems().front().find("volume step") != std::string::npos);
}

TEST_CASE("read-aloud: installing a questionnaire from a USB stick brings its recordings along") {
    TempDir stick, installed;
    std::filesystem::copy(SourcePath("tests/fixtures/speech"), stick.Path(), std::filesystem::copy_options::recursive);
    MemoryEventLog log;
    QuestionnaireCatalog catalog(installed.Path(), log);
    std::string writeError;
    core::LoadResult r = catalog.Install(stick.File("recorded.json"), writeError);
    REQUIRE_MESSAGE(r.Ok(), writeError);
    REQUIRE_FALSE(r.questionnaire->recordings.empty());
    for (const auto& [pointer, byLang] : r.questionnaire->recordings)
        for (const auto& [lang, rel] : byLang) {
            CAPTURE(rel);
            CHECK(std::filesystem::file_size(installed.File(rel)) == std::filesystem::file_size(stick.File(rel)));
        }
    // The installed copy loads with its recordings where it now lives, not on the stick.
    std::filesystem::remove_all(stick.Path());
    catalog.Refresh();
    REQUIRE(catalog.All().size() == 1);
    const auto& q = *catalog.All().front();
    for (const auto& [pointer, byLang] : q.recordings) {
        const std::string path = core::RecordingPath(q, pointer, byLang.begin()->first);
        CHECK(path.rfind(installed.Path(), 0) == 0);
        CHECK(std::filesystem::exists(path));
    }
}

TEST_CASE("read-aloud: the configuration keys for sound, voice and volume are read and checked") {
    TempDir dir;
    std::ofstream(dir.File("k.json")) << R"({"audio_device": "wav:/tmp/x", "voice": "vi-VN-x-south", "volume": 2,
                                            "volume_file": "/var/lib/kiosk/volume"})";
    station::KioskConfig c;
    std::vector<std::string> errors;
    station::LoadConfigFile(dir.File("k.json"), c, errors);
    CHECK(errors.empty());
    CHECK(c.audioDevice == "wav:/tmp/x");
    CHECK(c.voice == "vi-VN-x-south");
    CHECK(c.volume == 2);
    CHECK(c.volumeFile == "/var/lib/kiosk/volume");

    std::ofstream(dir.File("bad.json")) << R"({"audio_device": "", "volume": 9})";
    station::KioskConfig d;
    errors.clear();
    station::LoadConfigFile(dir.File("bad.json"), d, errors);
    CHECK(errors.size() == 2);
    CHECK(d.audioDevice == "default");  // a bad value leaves the default
    CHECK(d.volume == 5);

    // An unknown voice is named in the log and the central voice speaks instead.
    app::SpeechSettings settings = TestSettings();
    settings.voice = "vi-VN-x-nowhere";
    app::SpeechWorker worker(settings, std::make_unique<::kiosk::speech::NullSink>());
    CHECK(worker.Available());
    REQUIRE_FALSE(worker.Problems().empty());
    CHECK(worker.Problems().front().find("unknown voice") != std::string::npos);
}
