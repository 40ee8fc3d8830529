// Printing the result, as the flow sees it: the tap raises one PrintResult event carrying the result on
// screen; taps while the page is sent do nothing; the outcome becomes the flow's print state (which the
// result screen turns into a calm message); a new citizen starts with nothing printed; switched off or in a
// preview, nothing is printed at all.
#include "flow_driver.h"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;

namespace {

int CountOf(const FlowDriver& d, EventKind kind) {
    int n = 0;
    for (const auto& e : d.events) n += e.kind == kind;
    return n;
}

}  // namespace

TEST_CASE("print flow: the tap asks for the result on screen, once, with its day and language") {
    FlowDriver d;
    d.Do(IntentKind::SetLanguage, 1);
    d.clock.today = "2026-12-01";
    d.TakeToResult(true);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    CHECK(d.flow.Citizen().Printing() == PrintState::Idle);
    CHECK(d.flow.Citizen().CanPrint());
    d.ClearEvents();
    d.Do(IntentKind::PrintResult);
    const Event* e = d.LastEvent(EventKind::PrintResult);
    REQUIRE(e != nullptr);
    const PrintRequest& r = e->printRequest;
    REQUIRE(r.questionnaire);
    CHECK(r.questionnaire->id == "mini");
    CHECK(r.lang == "en");
    CHECK(r.day == "2026-12-01");
    CHECK(r.stored);
    const core::Result& shown = *d.flow.Citizen().Session().GetResult();
    CHECK(r.result.overall.score == doctest::Approx(shown.overall.score));
    CHECK(r.result.areas.size() == shown.areas.size());
    CHECK(r.result.recommendations == shown.recommendations);
    CHECK(d.flow.Citizen().Printing() == PrintState::Printing);

    // A second (and third) tap while the page is sent does nothing.
    d.Do(IntentKind::PrintResult);
    d.Do(IntentKind::PrintResult);
    CHECK(CountOf(d, EventKind::PrintResult) == 1);
    CHECK_FALSE(d.flow.Citizen().CanPrint());

    // Printed: the button goes (one page per result), further taps do nothing.
    d.flow.Citizen().PrintFinished(PrintOutcome::Printed, r.job);
    CHECK(d.flow.Citizen().Printing() == PrintState::Printed);
    CHECK_FALSE(d.flow.Citizen().CanPrint());
    d.Do(IntentKind::PrintResult);
    CHECK(CountOf(d, EventKind::PrintResult) == 1);
    CHECK(d.CurrentScreen() == Screen::Result);
}

TEST_CASE("print flow: no printer or a failure is told, and a retry is possible, a late answer is ignored") {
    FlowDriver d;
    d.TakeToResult(false);  // practice: printing is still offered (paper is not storage)
    d.ClearEvents();
    d.Do(IntentKind::PrintResult);
    const int first = d.LastEvent(EventKind::PrintResult)->printRequest.job;
    CHECK_FALSE(d.LastEvent(EventKind::PrintResult)->printRequest.stored);
    d.flow.Citizen().PrintFinished(PrintOutcome::NoPrinter, first);
    d.Pump();
    CHECK(d.flow.Citizen().Printing() == PrintState::NoPrinter);
    CHECK(d.Logged("print: no printer available"));
    CHECK(d.flow.Citizen().CanPrint());
    d.Do(IntentKind::PrintResult);
    REQUIRE(CountOf(d, EventKind::PrintResult) == 2);
    const int second = d.LastEvent(EventKind::PrintResult)->printRequest.job;
    CHECK(second != first);
    d.flow.Citizen().PrintFinished(PrintOutcome::Printed, first);  // the answer to the earlier tap: ignored
    CHECK(d.flow.Citizen().Printing() == PrintState::Printing);
    d.flow.Citizen().PrintFinished(PrintOutcome::Failed, second);
    CHECK(d.flow.Citizen().Printing() == PrintState::Failed);
    CHECK(d.CurrentScreen() == Screen::Result);
}

TEST_CASE("print flow: a new citizen starts with nothing printed, and a page finishing after they left changes nothing") {
    FlowDriver d;
    d.TakeToResult(true);
    d.Do(IntentKind::PrintResult);
    const int job = d.LastEvent(EventKind::PrintResult)->printRequest.job;
    d.Do(IntentKind::Finish);
    REQUIRE(d.CurrentScreen() == Screen::ThankYou);
    CHECK(d.flow.Citizen().Printing() == PrintState::Idle);
    d.Advance(core::Millis(8'000));
    REQUIRE(d.CurrentScreen() == Screen::Welcome);
    d.flow.Citizen().PrintFinished(PrintOutcome::Printed, job);
    CHECK(d.flow.Citizen().Printing() == PrintState::Idle);
    d.TakeToResult(true);
    CHECK(d.flow.Citizen().Printing() == PrintState::Idle);
    CHECK(d.flow.Citizen().CanPrint());
    // Idle reset on the result screen wipes the print state too.
    d.Do(IntentKind::PrintResult);
    d.Advance(core::Millis(200'000));
    d.Advance(core::Millis(200'000));
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.flow.Citizen().Printing() == PrintState::Idle);
}

TEST_CASE("print flow: switched off by configuration, before the result and in a preview nothing is printed") {
    FlowOptions off;
    off.citizen.printing = false;
    FlowDriver d(FlowDriver::DefaultWorld(), off);
    d.TakeToResult(true);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    CHECK_FALSE(d.flow.Citizen().CanPrint());
    d.Do(IntentKind::PrintResult);
    CHECK_FALSE(d.Asked(EventKind::PrintResult));

    FlowDriver early;
    early.Do(IntentKind::PrintResult);  // on Welcome
    early.Do(IntentKind::Start);
    early.Do(IntentKind::Consent, 1);
    early.Do(IntentKind::PrintResult);  // on a question
    CHECK_FALSE(early.Asked(EventKind::PrintResult));

    FlowDriver preview;
    REQUIRE(preview.flow.Citizen().StartPreview(preview.world.catalog.all.front()));
    preview.AnswerAll(0);
    preview.Do(IntentKind::SubmitProfile);
    REQUIRE(preview.CurrentScreen() == Screen::Result);
    preview.Do(IntentKind::PrintResult);
    CHECK_FALSE(preview.Asked(EventKind::PrintResult));
}
