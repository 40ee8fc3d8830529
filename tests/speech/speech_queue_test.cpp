// The speech queue as the app drives it: Say -> speaking, Stop or a new Say -> stopped, recordings played
// in place of synthesis, all into a recording (memory) sink on a real worker thread with real espeak-ng.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/speech_script.h"
#include "kiosk/speech/audio_file.h"
#include "kiosk/speech/speech_queue.h"
#include "speech_test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

speech::SpeechRenderer MakeRenderer() {
    speech::Lexicons lexicons = speech::LoadLexicons(std::string(KIOSK_SOURCE_DIR) + "/assets", {"vi", "en"});
    REQUIRE(lexicons.errors.empty());
    return speech::SpeechRenderer(std::move(lexicons), speech::SpeechVoices{});
}

// The queue with its worker thread, stopped and joined at the end of the test.
struct Running {
    explicit Running(speech::SpeechQueue& q) : queue(q), worker([&] { queue.Run(); }) {}
    ~Running() {
        queue.Shutdown();
        worker.join();
    }
    speech::SpeechQueue& queue;
    std::thread worker;
};

const char* kLong =
    "Tôi biết cách tìm thông tin về thủ tục hành chính trên Cổng dịch vụ công quốc gia, và tôi có thể "
    "so sánh thông tin từ nhiều nguồn khác nhau trước khi tin vào một tin tức trên mạng xã hội.";

}  // namespace

TEST_CASE("say, speak to the end, then quiet") {
    speech::SpeechRenderer renderer = MakeRenderer();
    speech::MemorySink sink;
    speech::SpeechQueue queue(renderer, sink);
    Running run(queue);
    CHECK_FALSE(queue.Speaking());
    queue.Say({{"Xin chào, 51 câu hỏi.", ""}}, "vi");
    CHECK(queue.Speaking());  // at once, before any sound: the control shows "speaking" on this frame
    REQUIRE(queue.WaitUntilQuiet(10s));
    auto u = sink.Utterances();
    REQUIRE(u.size() == 1);
    CHECK(u[0].ended);
    CHECK_FALSE(u[0].cancelled);
    CHECK(u[0].pcm.Seconds() > 1.0);
    CHECK(queue.LastError().empty());
}

TEST_CASE("stop silences at once and the sink drops the rest") {
    speech::SpeechRenderer renderer = MakeRenderer();
    speech::MemorySink full, sink;
    REQUIRE(renderer.Render({{kLong, ""}}, "vi", full).ok);
    speech::SpeechQueue queue(renderer, sink);
    Running run(queue);
    queue.Say({{kLong, ""}}, "vi");
    // Wait for the first sound, then stop as a second tap would.
    for (int i = 0; i < 500 && (sink.Utterances().empty() || sink.Utterances()[0].pcm.samples.empty()); ++i)
        std::this_thread::sleep_for(2ms);
    queue.Stop();
    CHECK_FALSE(queue.Speaking());
    for (int i = 0; i < 500 && queue.Completed() < 1; ++i) std::this_thread::sleep_for(2ms);
    auto u = sink.Utterances();
    REQUIRE(u.size() == 1);
    CHECK(u[0].ended);
    CHECK(u[0].cancelled);
    CHECK(u[0].pcm.samples.size() < full.Utterances()[0].pcm.samples.size());
}

TEST_CASE("a new screen's speech replaces the old one") {
    speech::SpeechRenderer renderer = MakeRenderer();
    speech::MemorySink sink;
    speech::SpeechQueue queue(renderer, sink);
    Running run(queue);
    queue.Say({{kLong, ""}}, "vi");
    for (int i = 0; i < 500 && sink.Utterances().empty(); ++i) std::this_thread::sleep_for(2ms);
    queue.Say({{"Câu tiếp theo.", ""}}, "vi");
    CHECK(queue.Speaking());
    REQUIRE(queue.WaitUntilQuiet(10s));
    auto u = sink.Utterances();
    REQUIRE(u.size() == 2);
    CHECK(u[0].cancelled);
    CHECK_FALSE(u[1].cancelled);
    speech::MemorySink alone;
    REQUIRE(renderer.Render({{"Câu tiếp theo.", ""}}, "vi", alone).ok);
    // espeak-ng's output varies by a few samples from call to call; nothing of the stopped text is left over.
    CHECK(double(u[1].pcm.samples.size()) ==
          doctest::Approx(double(alone.Utterances()[0].pcm.samples.size())).epsilon(0.02));
}

TEST_CASE("a question screen plays its recordings and synthesizes the rest") {
    test::EnsureDecodeCheck();
    core::LoadResult r = core::LoadQuestionnaireFile(test::SpeechFixture("recorded.json"));
    REQUIRE(r.Ok());
    auto parts = core::ItemSpeech(*r.questionnaire, "c1-k", "vi");
    speech::SpeechRenderer renderer = MakeRenderer();
    speech::MemorySink sink;
    REQUIRE(renderer.Render(parts, "vi", sink).ok);
    const speech::Pcm played = sink.Utterances().at(0).pcm;

    // Expected: each recording decoded and resampled to the synthesizer's rate, each text synthesized.
    std::vector<std::int16_t> expected;
    for (const auto& p : parts) {
        speech::Pcm piece;
        if (!p.recording.empty()) {
            REQUIRE(speech::DecodeAudioFile(p.recording, 180, piece).ok);
            piece.samples = speech::Resample(piece.samples, piece.sampleRate, played.sampleRate);
        } else {
            REQUIRE(speech::SynthesizeToPcm(renderer.Normalize(p.text, "vi"), "vi-VN-x-central", piece).ok);
        }
        expected.insert(expected.end(), piece.samples.begin(), piece.samples.end());
    }
    // The question's recording comes first, sample for sample; the whole is as long as its parts (espeak-ng
    // varies by a few samples between calls).
    speech::Pcm question;
    REQUIRE(speech::DecodeAudioFile(parts[0].recording, 180, question).ok);
    std::vector<std::int16_t> recorded = speech::Resample(question.samples, question.sampleRate, played.sampleRate);
    REQUIRE(played.samples.size() > recorded.size());
    CHECK(std::equal(recorded.begin(), recorded.end(), played.samples.begin()));
    CHECK(double(played.samples.size()) == doctest::Approx(double(expected.size())).epsilon(0.05));
    // The answer "Ít" is played from its recording too, sample for sample, somewhere after the question.
    speech::Pcm it;
    REQUIRE(speech::DecodeAudioFile(parts[3].recording, 180, it).ok);
    std::vector<std::int16_t> itSamples = speech::Resample(it.samples, it.sampleRate, played.sampleRate);
    CHECK(std::search(played.samples.begin() + std::ptrdiff_t(recorded.size()), played.samples.end(),
                      itSamples.begin(), itSamples.end()) != played.samples.end());

    // And it is not what synthesis alone would have said.
    std::vector<core::SpeechPart> synthesized = parts;
    for (auto& p : synthesized) p.recording.clear();
    speech::MemorySink synthSink;
    REQUIRE(renderer.Render(synthesized, "vi", synthSink).ok);
    CHECK(synthSink.Utterances()[0].pcm.samples != played.samples);
}

TEST_CASE("volume scales the samples and a synthesis error is reported") {
    speech::SpeechRenderer renderer = MakeRenderer();
    speech::MemorySink loud, quiet;
    REQUIRE(renderer.Render({{"Một hai ba.", ""}}, "vi", loud).ok);
    REQUIRE(renderer.Render({{"Một hai ba.", ""}}, "vi", quiet, nullptr, 0.5).ok);
    const auto a = loud.Utterances()[0].pcm.samples;
    const auto b = quiet.Utterances()[0].pcm.samples;
    double ra = speech::Rms(a.data(), a.size()), rb = speech::Rms(b.data(), b.size());
    CHECK(rb == doctest::Approx(ra / 2).epsilon(0.03));

    speech::SpeechVoices broken;
    broken.vi = "no-such-voice";
    speech::SpeechRenderer bad(speech::LoadLexicons(std::string(KIOSK_SOURCE_DIR) + "/assets", {"vi"}), broken);
    speech::MemorySink sink;
    speech::SpeechQueue queue(bad, sink);
    Running run(queue);
    queue.Say({{"Xin chào", ""}}, "vi");
    REQUIRE(queue.WaitUntilQuiet(10s));
    for (int i = 0; i < 500 && queue.Completed() < 1; ++i) std::this_thread::sleep_for(2ms);
    CHECK(queue.LastError().find("no-such-voice") != std::string::npos);
}

TEST_CASE("sinks chosen by configuration: null, a WAV file, a missing sound device") {
    speech::SpeechRenderer renderer = MakeRenderer();
    std::string why;
    auto null = speech::OpenAudioSink("null", why);
    REQUIRE(null);
    CHECK(renderer.Render({{"Xin chào", ""}}, "vi", *null).ok);

    test::TempDir dir;
    std::string wav = (dir.Path() / "played.wav").string();
    auto file = speech::OpenAudioSink("wav:" + wav, why);
    REQUIRE(file);
    speech::MemorySink memory;
    REQUIRE(renderer.Render({{"Câu một.", ""}}, "vi", *file).ok);
    REQUIRE(renderer.Render({{"Câu hai.", ""}}, "vi", *file).ok);
    REQUIRE(renderer.Render({{"Câu một.", ""}}, "vi", memory).ok);
    REQUIRE(renderer.Render({{"Câu hai.", ""}}, "vi", memory).ok);
    speech::Pcm played;
    REQUIRE(speech::DecodeAudioFile(wav, 60, played).ok);
    auto u = memory.Utterances();
    double both = u[0].pcm.Seconds() + u[1].pcm.Seconds();
    CHECK(played.Seconds() == doctest::Approx(both).epsilon(0.03));  // both utterances, one after the other

    CHECK(speech::OpenAudioSink("wav:", why) == nullptr);
    CHECK(why.find("file path") != std::string::npos);
    auto missing = speech::OpenAudioSink("kiosk-test-no-such-device", why);
    CHECK(missing == nullptr);
    CHECK(why.find("kiosk-test-no-such-device") != std::string::npos);
}

TEST_CASE("the test tone is a tone") {
    speech::Pcm tone = speech::TestTone(22050, 440, 0.5);
    CHECK(tone.Seconds() == doctest::Approx(0.5).epsilon(0.01));
    CHECK(speech::Rms(tone.samples.data(), tone.samples.size()) > 5000);
    std::size_t crossings = 0;
    for (std::size_t i = 1; i < tone.samples.size(); ++i)
        crossings += (tone.samples[i - 1] < 0) != (tone.samples[i] < 0);
    CHECK(crossings == doctest::Approx(440).epsilon(0.02));  // two per period, half a second
}

TEST_CASE("speech: \"wav:FOLDER\" keeps one WAV per utterance, a stopped one marked, each decodable") {
    test::TempDir dir;
    std::string why;
    std::unique_ptr<speech::AudioSink> sink = speech::OpenAudioSink("wav:" + dir.Path().string(), why);
    REQUIRE(sink);
    const speech::Pcm tone = speech::TestTone(22050, 440, 0.3);
    for (bool stopped : {false, true}) {
        REQUIRE(sink->Begin(tone.sampleRate).ok);
        REQUIRE(sink->Write(tone.samples.data(), stopped ? tone.samples.size() / 3 : tone.samples.size()).ok);
        sink->End(stopped);
    }
    speech::Pcm first, second;
    REQUIRE(speech::DecodeAudioFile((dir.Path() / "utterance-0001.wav").string(), 10, first).ok);
    REQUIRE(speech::DecodeAudioFile((dir.Path() / "utterance-0002-stopped.wav").string(), 10, second).ok);
    CHECK(first.samples.size() == tone.samples.size());  // each file holds only its own utterance
    CHECK(second.samples.size() == tone.samples.size() / 3);
    CHECK_FALSE(std::filesystem::exists(dir.Path() / "utterance-0002.wav"));
}
