// The listen control's behaviour headless: tap -> speaking, second tap or screen change -> stopped,
// automatic reading reads every screen and is reset for the next citizen. Then a whole citizen flow over
// the short form with automatic reading on, the commands carried out on the real speech queue into a
// memory sink: every question is played.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/read_aloud.h"
#include "kiosk/core/speech_script.h"
#include "kiosk/speech/speech_queue.h"

#include <doctest/doctest.h>

#include <thread>

using namespace kiosk;
using core::SpeechCommand;
using Kind = core::SpeechCommand::Kind;
using namespace std::chrono_literals;

TEST_CASE("tap reads the screen, a second tap stops") {
    core::ReadAloud r;
    CHECK_FALSE(r.Speaking());
    CHECK(r.Tap("item:1.1-k1") == SpeechCommand{Kind::Say, "item:1.1-k1"});
    CHECK(r.Speaking());
    CHECK(r.Tap("item:1.1-k1") == SpeechCommand{Kind::Stop, ""});
    CHECK_FALSE(r.Speaking());
    CHECK(r.Tap("item:1.1-k1").kind == Kind::Say);
    r.Finished();  // the text came to its end
    CHECK_FALSE(r.Speaking());
    CHECK(r.Tap("item:1.1-k1").kind == Kind::Say);  // and can be heard again
}

TEST_CASE("a screen change stops speech unless automatic reading is on") {
    core::ReadAloud r;
    r.ScreenChanged("welcome");
    CHECK(r.Tap("welcome").kind == Kind::Say);
    CHECK(r.ScreenChanged("item:1.1-k1") == SpeechCommand{Kind::Stop, ""});
    CHECK_FALSE(r.Speaking());
    CHECK(r.ScreenChanged("item:1.1-k2") == SpeechCommand{});  // nothing playing: nothing to do
    CHECK(r.ScreenChanged("item:1.1-k2") == SpeechCommand{});  // a redraw of the same screen is no change
}

TEST_CASE("automatic reading reads every screen and resets for the next citizen") {
    core::ReadAloud r;
    r.ScreenChanged("welcome");
    CHECK(r.SetAutomatic(true, "welcome") == SpeechCommand{Kind::Say, "welcome"});
    CHECK(r.Automatic());
    CHECK(r.ScreenChanged("item:1.1-k1") == SpeechCommand{Kind::Say, "item:1.1-k1"});
    CHECK(r.Speaking());
    CHECK(r.ScreenChanged("pause", false) == SpeechCommand{Kind::Stop, ""});
    CHECK(r.ScreenChanged("item:1.1-k2") == SpeechCommand{Kind::Say, "item:1.1-k2"});
    CHECK(r.Tap("item:1.1-k2").kind == Kind::Stop);  // a tap still stops this screen
    CHECK(r.Automatic());                            // without turning automatic reading off
    CHECK(r.ScreenChanged("item:1.1-k3").kind == Kind::Say);

    CHECK(r.NewCitizen() == SpeechCommand{Kind::Stop, ""});
    CHECK_FALSE(r.Automatic());
    CHECK_FALSE(r.Speaking());
    CHECK(r.ScreenChanged("welcome") == SpeechCommand{});
    CHECK(r.ScreenChanged("item:1.1-k1") == SpeechCommand{});  // the next citizen starts without it

    CHECK(r.SetAutomatic(true, "item:1.1-k1").kind == Kind::Say);
    CHECK(r.SetAutomatic(false, "item:1.1-k1") == SpeechCommand{Kind::Stop, ""});
}

TEST_CASE("a citizen flow with automatic reading plays every question") {
    core::LoadResult q = core::LoadQuestionnaireFile(std::string(KIOSK_SOURCE_DIR) + "/questionnaires/danang-dcf-quick.json");
    REQUIRE(q.Ok());
    speech::SpeechRenderer renderer(speech::LoadLexicons(std::string(KIOSK_SOURCE_DIR) + "/assets", {"vi"}),
                                    speech::SpeechVoices{});
    speech::MemorySink sink;
    speech::SpeechQueue queue(renderer, sink);
    std::thread worker([&] { queue.Run(); });

    // What the app does with a command: build the screen's script and hand it to the queue.
    auto carryOut = [&](const SpeechCommand& c) {
        if (c.kind == Kind::Stop) queue.Stop();
        if (c.kind == Kind::Say) queue.Say(core::ItemSpeech(*q.questionnaire, c.screen, "vi"), "vi");
    };
    core::ReadAloud r;
    std::vector<std::string> items;
    for (const auto& ref : q.questionnaire->ItemOrder())
        items.push_back(q.questionnaire->areas[ref.area].competencies[ref.competency].items[ref.item].id);
    carryOut(r.SetAutomatic(true, items[0]));
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) carryOut(r.ScreenChanged(items[i]));
        CHECK(queue.Speaking());
        // The citizen listens until the first answer has been read, then taps one.
        for (int k = 0; k < 2000; ++k) {
            auto u = sink.Utterances();
            if (u.size() == i + 1 && u.back().pcm.Seconds() > 0.5) break;
            std::this_thread::sleep_for(1ms);
        }
    }
    carryOut(r.NewCitizen());
    CHECK_FALSE(queue.Speaking());
    for (int k = 0; k < 2000 && queue.Completed() < items.size(); ++k) std::this_thread::sleep_for(1ms);
    queue.Shutdown();
    worker.join();

    auto u = sink.Utterances();
    REQUIRE(u.size() == items.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
        CHECK_MESSAGE(u[i].pcm.Seconds() > 0.5, items[i]);
        CHECK(u[i].ended);
        CHECK(u[i].cancelled);  // each moved on before the end, the last stopped for the next citizen
    }
    CHECK_FALSE(r.Automatic());
}
