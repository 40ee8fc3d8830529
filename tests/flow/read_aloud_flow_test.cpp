// The listen control and automatic reading as the flow carries them: which Speak/StopSpeech events leave
// the flow for each tap, page change and new citizen, and that without a sound device nothing is asked.
#include "flow_driver.h"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;

namespace {

// The read-aloud events since the last ClearEvents(), as "speak:PAGE" / "stop".
std::vector<std::string> SpeechEvents(const FlowDriver& d) {
    std::vector<std::string> out;
    for (const auto& e : d.events) {
        if (e.kind == EventKind::Speak) out.push_back("speak:" + e.text);
        if (e.kind == EventKind::StopSpeech) out.push_back("stop");
    }
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("read-aloud: tap speaks the page, a second tap stops, the queue going quiet shows Nghe again") {
    FlowDriver d;
    d.flow.Citizen().SetSpeechAvailable(true);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    REQUIRE(d.CurrentScreen() == Screen::Question);
    d.ClearEvents();
    d.Do(IntentKind::Listen);
    CHECK(SpeechEvents(d) == Lines{"speak:question.0"});
    CHECK(d.flow.Citizen().SpeakingOn("question.0"));
    d.ClearEvents();
    d.Do(IntentKind::Listen);
    CHECK(SpeechEvents(d) == Lines{"stop"});
    CHECK_FALSE(d.flow.Citizen().Speaking());

    d.Do(IntentKind::Listen);
    CHECK(d.flow.Citizen().Speaking());
    d.flow.Citizen().SpeechFinished();  // the app saw the end of the text
    CHECK_FALSE(d.flow.Citizen().Speaking());
    d.ClearEvents();
    d.Do(IntentKind::Listen);  // so the next tap reads again rather than stopping
    CHECK(SpeechEvents(d) == Lines{"speak:question.0"});
}

TEST_CASE("read-aloud: a page change stops the old page's speech at once") {
    FlowDriver d;
    d.flow.Citizen().SetSpeechAvailable(true);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Do(IntentKind::Listen);
    d.ClearEvents();
    d.Do(IntentKind::Answer, 0);  // same page: speech goes on
    CHECK(SpeechEvents(d).empty());
    d.Do(IntentKind::Next);
    CHECK(SpeechEvents(d) == Lines{"stop"});
    CHECK_FALSE(d.flow.Citizen().Speaking());
    // The idle warning also interrupts (and, with automatic reading off, stays quiet).
    d.Do(IntentKind::Listen);
    d.ClearEvents();
    d.Advance(d.flow.Citizen().Options().session.idleTimeout);
    REQUIRE(d.CurrentScreen() == Screen::IdleWarning);
    CHECK(SpeechEvents(d) == Lines{"stop"});
}

TEST_CASE("read-aloud: automatic reading reads every page and resets between citizens") {
    FlowDriver d;
    d.flow.Citizen().SetSpeechAvailable(true);
    d.ClearEvents();
    d.Do(IntentKind::ToggleAutoRead);
    CHECK(d.flow.Citizen().AutoRead());
    CHECK(SpeechEvents(d) == Lines{"speak:welcome"});
    d.ClearEvents();
    d.Do(IntentKind::Start);
    CHECK(SpeechEvents(d) == Lines{"speak:consent"});
    d.Do(IntentKind::Back);  // the same person back at Welcome: still automatic
    CHECK(d.flow.Citizen().AutoRead());
    d.Do(IntentKind::Start);
    d.ClearEvents();
    d.Do(IntentKind::Consent, 1);
    const std::size_t n = d.flow.Citizen().Session().QuestionCount();
    for (std::size_t i = 0; i < n; ++i) {
        d.Do(IntentKind::Answer, 0);
        d.Do(IntentKind::Next);
    }
    REQUIRE(d.CurrentScreen() == Screen::Profile);
    Lines expected;
    for (std::size_t i = 0; i < n; ++i) expected.push_back("speak:question." + std::to_string(i));
    expected.push_back("speak:profile");
    CHECK(SpeechEvents(d) == expected);
    d.Do(IntentKind::SkipProfile);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    d.ClearEvents();
    d.Do(IntentKind::Finish);
    CHECK_FALSE(d.flow.Citizen().AutoRead());
    CHECK(SpeechEvents(d).front() == "stop");
    d.Do(IntentKind::DismissThanks);
    REQUIRE(d.CurrentScreen() == Screen::Welcome);
    d.ClearEvents();
    d.Do(IntentKind::Start);  // the next citizen hears nothing unless they ask
    CHECK(SpeechEvents(d).empty());
}

TEST_CASE("read-aloud: leaving or an idle timeout also ends automatic reading") {
    FlowDriver d;
    d.flow.Citizen().SetSpeechAvailable(true);
    d.Do(IntentKind::ToggleAutoRead);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Do(IntentKind::AskLeave);
    d.Do(IntentKind::ConfirmLeave);
    REQUIRE(d.CurrentScreen() == Screen::Welcome);
    CHECK_FALSE(d.flow.Citizen().AutoRead());

    d.Do(IntentKind::ToggleAutoRead);
    d.Do(IntentKind::Start);
    CHECK(d.flow.Citizen().AutoRead());
    d.Advance(d.flow.Citizen().Options().session.idleTimeout);
    d.Advance(d.flow.Citizen().Options().session.warningTimeout);
    REQUIRE(d.CurrentScreen() == Screen::Welcome);
    CHECK_FALSE(d.flow.Citizen().AutoRead());
    CHECK_FALSE(d.flow.Citizen().Speaking());
}

TEST_CASE("read-aloud: without a sound device nothing is asked, and staff pages are never read") {
    FlowDriver d;  // speech not available
    d.ClearEvents();
    d.Do(IntentKind::ToggleAutoRead);
    d.Do(IntentKind::Listen);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Back);  // a new citizen: not even a "stop" is asked
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Do(IntentKind::AskLeave);
    d.Do(IntentKind::ConfirmLeave);
    CHECK(SpeechEvents(d).empty());
    CHECK_FALSE(d.flow.Citizen().AutoRead());

    FlowDriver s;
    s.flow.Citizen().SetSpeechAvailable(true);
    s.Do(IntentKind::ToggleAutoRead);
    s.ClearEvents();
    s.EnterStaffMenu();
    for (const auto& line : SpeechEvents(s)) CHECK(line == "stop");
    s.Do(IntentKind::Listen);  // a stray listen intent on a staff page
    CHECK_FALSE(s.flow.Citizen().Speaking());
}

TEST_CASE("read-aloud: the health page's volume steps and test tone") {
    FlowDriver d;
    d.flow.Staff().SetSound(true, 2);
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffTestTone);  // not on the menu
    CHECK_FALSE(d.Asked(EventKind::PlayTestTone));
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Health));
    REQUIRE(d.CurrentScreen() == Screen::StaffHealth);
    d.ClearEvents();
    d.Do(IntentKind::StaffVolume, kVolumeSteps);  // out of range
    d.Do(IntentKind::StaffVolume, -1);
    CHECK_FALSE(d.Asked(EventKind::SetVolume));
    d.Do(IntentKind::StaffVolume, 4);
    REQUIRE(d.LastEvent(EventKind::SetVolume));
    CHECK(d.LastEvent(EventKind::SetVolume)->text == "4");
    CHECK(d.flow.Staff().VolumeStep() == 4);
    CHECK(d.Logged("volume set to step 5 of 5"));
    d.Do(IntentKind::StaffTestTone);
    CHECK(d.Asked(EventKind::PlayTestTone));
    CHECK(VolumeOfStep(0) < VolumeOfStep(2));
    CHECK(VolumeOfStep(kVolumeSteps - 1) == 1.0);

    FlowDriver quiet;  // no sound device: the controls do nothing
    quiet.flow.Staff().SetStorePages(true);
    quiet.EnterStaffMenu();
    quiet.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Health));
    quiet.Do(IntentKind::StaffVolume, 1);
    quiet.Do(IntentKind::StaffTestTone);
    CHECK_FALSE(quiet.Asked(EventKind::SetVolume));
    CHECK_FALSE(quiet.Asked(EventKind::PlayTestTone));
}
