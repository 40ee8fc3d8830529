// The citizen flow without any drawing: every transition, saving and its retry, idle handling, leaving,
// the thank-you pause, preferences, out of service and recovery from errors.
#include "flow_driver.h"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;

TEST_CASE("flow: a consented result is queued once when computed, stored, then thank-you and back to Welcome") {
    FlowDriver d;
    REQUIRE(d.CurrentScreen() == Screen::Welcome);
    d.Do(IntentKind::SetLanguage, 1);  // English
    d.Do(IntentKind::Start);
    REQUIRE(d.CurrentScreen() == Screen::Consent);
    d.Do(IntentKind::Consent, 1);
    d.AnswerAll(1);
    REQUIRE(d.CurrentScreen() == Screen::Profile);
    CHECK(d.world.saved.empty());
    d.Do(IntentKind::SetAgeBand, 3);
    d.Do(IntentKind::SetGender, 0);
    CHECK(d.flow.Citizen().ProfileDraft().ageBand == core::AgeBands()[3]);
    d.clock.today = "2025-06-02";
    d.Do(IntentKind::SubmitProfile);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    REQUIRE(d.world.saved.size() == 1);
    const core::ResultRecord& r = d.world.saved[0];
    CHECK(r.questionnaire->id == "mini");
    CHECK(r.language == "en");
    CHECK(r.date == "2025-06-02");
    CHECK(r.profile.ageBand == core::AgeBands()[3]);
    CHECK(r.answers.size() == d.flow.Citizen().Session().QuestionCount());
    CHECK(d.flow.Citizen().Session().Saved());
    CHECK(d.flow.Citizen().PendingResults() == 0);

    d.Do(IntentKind::SubmitProfile);  // a second tap stores nothing more
    CHECK(d.world.saved.size() == 1);
    d.Do(IntentKind::Finish);
    CHECK(d.CurrentScreen() == Screen::ThankYou);
    CHECK(d.flow.Citizen().ThanksLanguage() == "en");
    d.ClearEvents();
    d.Advance(core::Millis(8'000));
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Citizen().Language() == "vi");
    CHECK(d.Asked(EventKind::RefreshQuestionnaires));  // trainers' edits are picked up between citizens
    CHECK(d.world.saved.size() == 1);
}

TEST_CASE("flow: declining consent is practice, nothing is queued; preview never consents") {
    FlowDriver d;
    d.TakeToResult(false);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    CHECK_FALSE(d.Asked(EventKind::SaveResults));
    CHECK(d.world.saved.empty());
    d.Do(IntentKind::Finish);
    CHECK(d.CurrentScreen() == Screen::ThankYou);
}

TEST_CASE("flow: idle warning, then the reset wipes answers and preferences") {
    FlowOptions o;
    o.citizen.session.idleTimeout = core::Millis(90'000);
    o.citizen.session.warningTimeout = core::Millis(30'000);
    FlowDriver d(FlowDriver::DefaultWorld(), o);
    d.Do(IntentKind::SetTextSize, 2);
    d.Do(IntentKind::ToggleContrast);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Do(IntentKind::Answer, 1);
    d.Advance(core::Millis(89'000));
    CHECK(d.CurrentScreen() == Screen::Question);
    d.Advance(core::Millis(1'000));
    REQUIRE(d.CurrentScreen() == Screen::IdleWarning);
    // Touching the warning's surroundings is not activity; only its own button is.
    d.flow.Pointer({true, true, false});
    CHECK(d.CurrentScreen() == Screen::IdleWarning);
    d.Do(IntentKind::StillHere);
    CHECK(d.CurrentScreen() == Screen::Question);
    CHECK(d.flow.Citizen().Session().CurrentAnswer() == 1);
    d.Advance(core::Millis(90'000));
    d.Advance(core::Millis(30'000));
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Citizen().Session().AnsweredCount() == 0);
    CHECK(d.flow.Citizen().TextSizeStep() == 0);
    CHECK_FALSE(d.flow.Citizen().HighContrast());
}

TEST_CASE("flow: any touch on a question is activity and postpones the warning") {
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Advance(core::Millis(80'000));
    d.flow.Pointer({true, true, false});
    d.Advance(core::Millis(80'000));
    CHECK(d.CurrentScreen() == Screen::Question);
}

TEST_CASE("flow: leaving asks first; cancelling keeps the answers, confirming wipes them") {
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    d.Do(IntentKind::Answer, 2);
    d.Do(IntentKind::AskLeave);
    REQUIRE(d.CurrentScreen() == Screen::ConfirmLeave);
    d.Do(IntentKind::CancelLeave);
    REQUIRE(d.CurrentScreen() == Screen::Question);
    CHECK(d.flow.Citizen().Session().CurrentAnswer() == 2);
    d.Do(IntentKind::AskLeave);
    d.Do(IntentKind::ConfirmLeave);
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Citizen().Session().AnsweredCount() == 0);
}

TEST_CASE("flow: back from consent is the same person: language, text size and contrast are kept") {
    FlowDriver d;
    d.Do(IntentKind::SetLanguage, 1);
    d.Do(IntentKind::SetTextSize, 1);
    d.Do(IntentKind::ToggleContrast);
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Back);
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Citizen().Language() == "en");
    CHECK(d.flow.Citizen().TextSizeStep() == 1);
    CHECK(d.flow.Citizen().HighContrast());
    d.Do(IntentKind::SetTextSize, 7);  // not a step: ignored
    CHECK(d.flow.Citizen().TextSizeStep() == 1);
}

TEST_CASE("flow: a failed save keeps the result, goes out of service and saves it on a later retry") {
    FlowDriver d;
    d.world.storeFails = true;
    d.clock.today = "2025-03-14";
    d.TakeToResult();
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.flow.Citizen().OutOfServiceReason() == OutOfService::Storage);
    CHECK(d.flow.Citizen().PendingResults() == 1);
    CHECK(d.Logged("saving a result failed: DiskFull"));
    d.Do(IntentKind::Start);  // nobody starts while a result waits
    CHECK(d.flow.Citizen().Session().GetStage() == core::Stage::Welcome);

    d.ClearEvents();
    d.Advance(core::Millis(29'000));
    CHECK_FALSE(d.Asked(EventKind::OpenStorage));
    REQUIRE(d.flow.NextWakeup().has_value());
    d.world.storeOpens = false;
    d.Advance(core::Millis(1'000));
    CHECK(d.Asked(EventKind::OpenStorage));
    CHECK(d.Logged("storage: still failing"));
    CHECK(d.CurrentScreen() == Screen::OutOfService);

    d.world.storeOpens = true;
    d.Advance(core::Millis(30'000));
    CHECK(d.Logged("storage: retry failed"));
    CHECK(d.flow.Citizen().PendingResults() == 1);

    d.world.storeFails = false;
    d.clock.today = "2025-03-15";  // the retry happens after midnight
    d.Advance(core::Millis(30'000));
    REQUIRE(d.world.saved.size() == 1);
    CHECK(d.world.saved[0].date == "2025-03-14");  // the day it was completed
    CHECK(d.flow.Citizen().PendingResults() == 0);
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.Logged("back in service"));
}

TEST_CASE("flow: a store that cannot be opened at start keeps the kiosk out of service until it can") {
    World w = FlowDriver::DefaultWorld();
    w.storeOpens = false;
    FlowDriver d(w);
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.Logged("cannot open the result store"));
    d.world.storeOpens = true;
    d.Advance(core::Millis(30'000));
    CHECK(d.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("flow: no questionnaire means out of service; it comes back when one appears") {
    World w = FlowDriver::DefaultWorld();
    World empty = w;
    empty.catalog.all.clear();
    empty.catalog.enabled.clear();
    FlowDriver d(empty);
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.flow.Citizen().OutOfServiceReason() == OutOfService::NoQuestionnaire);
    CHECK(d.Logged("no valid questionnaire"));
    d.Do(IntentKind::Start);
    CHECK(d.flow.Citizen().Session().GetStage() == core::Stage::Welcome);
    d.world.catalog = w.catalog;
    d.ClearEvents();
    d.Advance(core::Millis(30'000));
    CHECK(d.Asked(EventKind::RefreshQuestionnaires));
    CHECK(d.Asked(EventKind::OpenStorage));
    CHECK(d.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("flow: the questionnaire choice picks what Start takes, and a shrinking list resets it") {
    World w = FlowDriver::DefaultWorld();
    w.catalog.all.push_back(LoadFixture("tests/fixtures/minimal.json", "second"));
    w.catalog.enabled.push_back(true);
    FlowDriver d(w);
    REQUIRE(d.flow.Citizen().Offered().size() == 2);
    d.Do(IntentKind::ChooseQuestionnaire, 1);
    CHECK(d.flow.Citizen().Choice() == 1);
    d.Do(IntentKind::ChooseQuestionnaire, 5);  // not offered
    CHECK(d.flow.Citizen().Choice() == 1);
    d.Do(IntentKind::Start);
    CHECK(d.flow.Citizen().Session().GetQuestionnaire()->id == "second");
}

TEST_CASE("flow: unexpected errors abandon the session calmly; the third stops the kiosk for staff") {
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.flow.RecoverFromError("test failure 1");
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Staff().Notices().size() == 1);
    d.flow.RecoverFromError("test failure 2");
    d.flow.RecoverFromError("test failure 3");
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.flow.Citizen().OutOfServiceReason() == OutOfService::Setup);
    CHECK(d.Logged("internal error: test failure 3"));
    CHECK_FALSE(d.flow.NextWakeup().has_value());  // nothing to retry: staff must look
}

TEST_CASE("flow: a set-up failure is out of service until restarted") {
    FlowDriver d;
    d.flow.SetupFailed("translations: en.json is broken");
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    d.Advance(core::Millis(600'000));
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.Logged("set-up: translations"));
}

TEST_CASE("flow: each page change is announced once with its page key") {
    FlowDriver d;
    d.ClearEvents();
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    const Event* e = d.LastEvent(EventKind::ScreenChanged);
    REQUIRE(e != nullptr);
    CHECK(e->text == "question.0");
    d.Do(IntentKind::Answer, 0);
    CHECK(d.LastEvent(EventKind::ScreenChanged)->text == "question.0");
    d.Do(IntentKind::Next);
    CHECK(d.LastEvent(EventKind::ScreenChanged)->text == "question.1");
    int changes = 0;
    for (const auto& ev : d.events) changes += ev.kind == EventKind::ScreenChanged;
    CHECK(changes == 3);  // consent, question.0, question.1
}

TEST_CASE("kiosk flow: questionnaires loaded during an assessment wait until the citizen is done") {
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    REQUIRE(d.CurrentScreen() == Screen::Question);
    const std::size_t answeredBefore = d.flow.Citizen().Session().QuestionIndex();
    CatalogState empty;  // e.g. a trainer deleted the file: would take the kiosk out of service
    empty.dir = "questionnaires";
    d.flow.CatalogLoaded(empty);
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::Question);
    CHECK(d.flow.CatalogWaiting());
    CHECK(d.flow.Citizen().Session().QuestionIndex() == answeredBefore);
    CHECK(d.flow.Citizen().Offered().size() == 1);
    CHECK_FALSE(d.Logged("no valid questionnaire"));
    // Finished (or left): now it applies, before the app is even asked to look again.
    d.Do(IntentKind::AskLeave);
    d.flow.Apply(Intent{IntentKind::ConfirmLeave});
    CHECK_FALSE(d.flow.CatalogWaiting());
    CHECK(d.CurrentScreen() == Screen::OutOfService);
    CHECK(d.flow.Citizen().OutOfServiceReason() == OutOfService::NoQuestionnaire);
}

TEST_CASE("kiosk flow: at start the kiosk waits calmly for its questionnaires, then checks the store") {
    core::ManualClock clock;
    KioskFlow flow(clock, FlowOptions{});
    flow.BeginLoading(true);
    CHECK(flow.CurrentScreen() == Screen::OutOfService);
    CHECK(flow.Citizen().OutOfServiceReason() == OutOfService::Preparing);
    CHECK_FALSE(flow.NextWakeup().has_value());  // no retry timer: the app says when it is done
    std::vector<Event> events = flow.TakeEvents();
    for (const Event& e : events) CHECK(e.kind != EventKind::OpenStorage);
    flow.Apply(Intent{IntentKind::Start});
    CHECK(flow.Citizen().Session().GetStage() == core::Stage::Welcome);  // nobody starts meanwhile
    clock.Advance(core::Millis(60'000));
    flow.Tick();
    for (const Event& e : flow.TakeEvents()) CHECK(e.kind != EventKind::RefreshQuestionnaires);

    flow.CatalogLoaded(FlowDriver::DefaultWorld().catalog);
    CHECK(flow.CurrentScreen() == Screen::Welcome);
    bool storageAsked = false, loggedOutOfService = false;
    for (const Event& e : flow.TakeEvents()) {
        storageAsked = storageAsked || e.kind == EventKind::OpenStorage;
        loggedOutOfService = loggedOutOfService || (e.kind == EventKind::Log && e.text.find("out of service") != std::string::npos);
    }
    CHECK(storageAsked);
    CHECK_FALSE(loggedOutOfService);
}
