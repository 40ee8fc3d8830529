// Benchmark helper for scripts/bench-speech.sh; not a test. For every question of a questionnaire, the time
// from Say (the tap) to the first sample handed to the sink, through the real queue and worker thread, side by
// side with the time to render the whole screen (what a tap would cost if playback waited for the full
// buffer). Prints p50/p90/p99/max in milliseconds.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/speech_script.h"
#include "kiosk/speech/speech_queue.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

// A sink that notes when the first sample of each utterance arrives and throws the audio away.
class FirstSampleSink : public speech::AudioSink {
  public:
    speech::AudioStatus Begin(int) override { return speech::AudioStatus::Ok(); }
    speech::AudioStatus Write(const std::int16_t*, std::size_t n) override {
        std::lock_guard<std::mutex> lock(m);
        if (n > 0 && first == Clock::time_point{}) first = Clock::now();
        return speech::AudioStatus::Ok();
    }
    void End(bool) override {}
    void Reset() {
        std::lock_guard<std::mutex> lock(m);
        first = Clock::time_point{};
    }
    Clock::time_point First() {
        std::lock_guard<std::mutex> lock(m);
        return first;
    }

  private:
    std::mutex m;
    Clock::time_point first{};
};

double Percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    std::size_t k = static_cast<std::size_t>(std::min<double>(double(v.size() - 1), p / 100.0 * double(v.size() - 1) + 0.5));
    return v[k];
}

void Print(const char* name, const std::vector<double>& ms) {
    std::printf("%-44s n=%zu  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms\n", name, ms.size(), Percentile(ms, 50),
                Percentile(ms, 90), Percentile(ms, 99), *std::max_element(ms.begin(), ms.end()));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_speech QUESTIONNAIRE ASSETS_DIR [LANG]\n");
        return 2;
    }
    std::string lang = argc > 3 ? argv[3] : "vi";
    core::LoadResult q = core::LoadQuestionnaireFile(argv[1]);
    if (!q.Ok()) {
        for (const auto& e : q.errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
        return 1;
    }
    speech::SpeechRenderer renderer(speech::LoadLexicons(argv[2], {lang}), speech::SpeechVoices{});
    (void)speech::InitializeSynthesizer();  // once at start-up in the kiosk too, not on the first tap
    FirstSampleSink sink;
    speech::SpeechQueue queue(renderer, sink);
    std::thread worker([&] { queue.Run(); });

    std::vector<double> firstSample, wholeScreen;
    for (const auto& ref : q.questionnaire->ItemOrder()) {
        const auto& item = q.questionnaire->areas[ref.area].competencies[ref.competency].items[ref.item];
        auto parts = core::ItemSpeech(*q.questionnaire, item.id, lang);

        sink.Reset();  // the previous utterance has completed: nothing writes now
        Clock::time_point tap = Clock::now();
        queue.Say(parts, lang);
        while (sink.First() == Clock::time_point{}) std::this_thread::sleep_for(std::chrono::microseconds(200));
        firstSample.push_back(std::chrono::duration<double, std::milli>(sink.First() - tap).count());
        queue.Stop();  // the citizen moves on; the next question starts from quiet
        while (queue.Completed() < firstSample.size()) std::this_thread::sleep_for(std::chrono::microseconds(200));

        speech::NullSink null;
        Clock::time_point start = Clock::now();
        (void)renderer.Render(parts, lang, null);
        wholeScreen.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    queue.Shutdown();
    worker.join();
    std::printf("%s, language %s, %zu questions\n", argv[1], lang.c_str(), firstSample.size());
    Print("tap -> first sample to the sink (streamed)", firstSample);
    Print("render the whole screen first (peer)", wholeScreen);
    return 0;
}
