// Staff mode without any drawing: the corner gesture, the PIN gate and its lockout, setting the first PIN,
// the pages, the idle timeout, the export job's progress and failure, trainer pages and preview.
#include "flow_driver.h"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;

TEST_CASE("staff flow: the corner held for 3 s opens the PIN pad and abandons the citizen's session") {
    FlowDriver d;
    d.Hold(core::Millis(2'900));
    CHECK(d.CurrentScreen() == Screen::Welcome);
    d.Hold(core::Millis(3'000), false);  // elsewhere
    CHECK(d.CurrentScreen() == Screen::Welcome);
    // A finger that slides into the corner does not count.
    d.flow.Pointer({true, true, false});
    d.flow.Pointer({true, false, true});
    d.clock.Advance(core::Millis(4'000));
    d.flow.Pointer({true, false, true});
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::Welcome);
    d.flow.Pointer({false, false, false});
    // Only on Welcome and out of service.
    d.Do(IntentKind::Start);
    d.Hold(core::Millis(3'000));
    CHECK(d.CurrentScreen() == Screen::Consent);
    d.Do(IntentKind::Back);
    d.flow.Pointer({true, true, true});
    REQUIRE(d.flow.NextWakeup().has_value());  // wakes to open the pad on time
    d.clock.Advance(core::Millis(3'000));
    d.flow.Pointer({true, false, true});
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::StaffPin);
}

TEST_CASE("staff flow: the PIN is checked by the app; wrong ones count down, then lock, and the lock ends") {
    FlowDriver d;
    d.Hold(core::Millis(3'000));
    REQUIRE(d.CurrentScreen() == Screen::StaffPin);
    d.EnterPin("111111");
    const Event* check = d.LastEvent(EventKind::CheckPin);
    REQUIRE(check != nullptr);
    CHECK(check->text == "111111");
    CHECK(d.flow.Staff().PinDigits() == 0);  // the typed PIN is gone from the flow
    CHECK(d.flow.Staff().Lock().FailuresInARow() == 1);
    for (int i = 0; i < 4; ++i) d.EnterPin("111111");
    CHECK(d.flow.Staff().Lock().FailuresInARow() == 5);
    CHECK(d.Logged("staff PIN: wrong (4 in a row)"));
    d.EnterPin("111111");
    REQUIRE(d.flow.Staff().Lock().Locked());
    CHECK(d.Logged("staff PIN: locked for 30 s"));
    d.ClearEvents();
    d.Do(IntentKind::PinDigit, 2);  // digits do nothing while locked
    d.Do(IntentKind::PinOk);
    CHECK(d.flow.Staff().PinDigits() == 0);
    CHECK_FALSE(d.Asked(EventKind::CheckPin));
    d.Advance(core::Millis(30'000));
    CHECK_FALSE(d.flow.Staff().Lock().Locked());
    d.EnterPin(d.world.pin);
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    CHECK(d.Logged("staff PIN: accepted"));
    for (const auto& line : d.log) CHECK(line.find(d.world.pin) == std::string::npos);
}

TEST_CASE("staff flow: erase, at most 10 digits, Cancel back to Welcome") {
    FlowDriver d;
    d.Hold(core::Millis(3'000));
    for (int i = 0; i < 12; ++i) d.Do(IntentKind::PinDigit, 1);
    CHECK(d.flow.Staff().PinDigits() == 10);
    d.Do(IntentKind::PinErase);
    CHECK(d.flow.Staff().PinDigits() == 9);
    d.Do(IntentKind::PinDigit, 12);  // not a digit
    CHECK(d.flow.Staff().PinDigits() == 9);
    d.Do(IntentKind::PinCancel);
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.Logged("staff mode closed (closed by staff)"));
}

TEST_CASE("staff flow: staff pages time out after 2 minutes untouched, not while touched or exporting") {
    FlowDriver d;
    d.world.drives = {{"/media/stick", "stick"}};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Advance(core::Millis(100'000));
    d.flow.Pointer({true, true, false});  // a touch on the page
    d.Advance(core::Millis(100'000));
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    REQUIRE(d.CurrentScreen() == Screen::StaffExport);
    CHECK(d.flow.Staff().ExportDrive() == 0);  // the only drive is chosen
    d.Do(IntentKind::StaffRun);
    REQUIRE(d.flow.Staff().ExportRunning());
    d.Advance(core::Millis(300'000));
    CHECK(d.CurrentScreen() == Screen::StaffExport);
    d.flow.Staff().ExportFinished(ExportOutcome{true, "x.csv", 3, ExportProblem::None, ""});
    d.Pump();
    d.Advance(core::Millis(119'000));
    CHECK(d.CurrentScreen() == Screen::StaffExport);
    d.Advance(core::Millis(1'000));
    CHECK(d.CurrentScreen() == Screen::Welcome);
    CHECK(d.Logged("nobody touched it for a while"));
}

TEST_CASE("staff flow: first start without a PIN asks for one before anyone uses the kiosk") {
    World w = FlowDriver::DefaultWorld();
    w.pinStored = false;
    FlowDriver d(w);
    REQUIRE(d.CurrentScreen() == Screen::StaffSetPin);
    d.Do(IntentKind::PinCancel);  // not while the first PIN is being set
    CHECK(d.CurrentScreen() == Screen::StaffSetPin);
    d.Advance(core::Millis(600'000));  // and it never times out
    CHECK(d.CurrentScreen() == Screen::StaffSetPin);
    d.EnterPin("1234");  // too short
    CHECK(d.flow.Staff().PinMessage() == "staff.setpin.rule");
    d.EnterPin("975310");
    CHECK(d.flow.Staff().SettingSecondPin());
    d.EnterPin("975311");
    CHECK(d.flow.Staff().PinMessage() == "staff.setpin.mismatch");
    CHECK_FALSE(d.flow.Staff().SettingSecondPin());
    d.EnterPin("975310");
    d.EnterPin("975310");
    CHECK(d.world.savedPin == "975310");
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    CHECK(d.Logged("staff PIN: set at the kiosk"));
}

TEST_CASE("staff flow: a PIN that cannot be saved keeps the pad with a message") {
    World w = FlowDriver::DefaultWorld();
    w.pinStored = false;
    FlowDriver d(w);
    d.flow.Staff().PinSaved(false, "read-only file system");
    d.Pump();
    CHECK(d.CurrentScreen() == Screen::StaffSetPin);
    CHECK(d.flow.Staff().PinMessage() == "staff.setpin.failed");
    CHECK(d.Logged("could not be saved: read-only file system"));
}

TEST_CASE("staff flow: closing the app needs the menu and a confirmation") {
    FlowDriver d;
    d.Do(IntentKind::StaffConfirm);
    CHECK_FALSE(d.flow.ExitRequested());
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::ExitApp));
    REQUIRE(d.CurrentScreen() == Screen::StaffConfirmExit);
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::ExitApp));
    d.Do(IntentKind::StaffConfirm);
    CHECK(d.flow.ExitRequested());
}

TEST_CASE("staff flow: store pages are offered only with a store; the dashboard and health are loaded on opening") {
    FlowDriver d;
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Dashboard));
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    d.flow.Staff().SetStorePages(true);
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Dashboard));
    CHECK(d.CurrentScreen() == Screen::StaffDashboard);
    CHECK(d.flow.Staff().Dashboard().total == 7);
    d.Do(IntentKind::StaffBack);
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Health));
    CHECK(d.CurrentScreen() == Screen::StaffHealth);
    CHECK(d.Asked(EventKind::LoadHealth));
}

TEST_CASE("staff flow: an export reports progress, cannot be left while running, and its failure is kept") {
    FlowDriver d;
    d.world.drives = {{"/media/a", "a"}, {"/media/b", "b"}};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    CHECK(d.flow.Staff().ExportDrive() == -1);  // two drives: staff choose
    d.Do(IntentKind::StaffRun);
    CHECK_FALSE(d.flow.Staff().ExportRunning());
    d.Do(IntentKind::StaffPickDrive, 1);
    d.Do(IntentKind::StaffPickFormat, 1);
    d.Do(IntentKind::StaffPickDates, 2);
    d.Do(IntentKind::StaffPickQuestionnaire, 1);
    d.Do(IntentKind::StaffRun);
    const Event* start = d.LastEvent(EventKind::StartExport);
    REQUIRE(start != nullptr);
    CHECK(start->exportRequest.dir == "/media/b");
    CHECK(start->exportRequest.format == ExportFileFormat::Xlsx);
    CHECK(start->exportRequest.dates == ExportDates::Month);
    CHECK(start->exportRequest.questionnaireId == "mini");
    CHECK(start->exportRequest.language == "vi");
    d.flow.Staff().ExportProgress(40, 100);
    CHECK(d.flow.Staff().ExportDone() == 40);
    CHECK(d.flow.Staff().ExportTotal() == 100);
    d.Do(IntentKind::StaffPickFormat, 0);  // choices are frozen while it runs
    CHECK(d.flow.Staff().ExportFormat() == 1);
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffExport);
    d.ClearEvents();
    d.Do(IntentKind::StaffRun);  // a second export does not start
    CHECK_FALSE(d.Asked(EventKind::StartExport));
    d.flow.Staff().ExportFinished(ExportOutcome{false, "", 0, ExportProblem::DriveFull, "ENOSPC"});
    d.Pump();
    CHECK_FALSE(d.flow.Staff().ExportRunning());
    REQUIRE(d.flow.Staff().ExportResult().has_value());
    CHECK(d.flow.Staff().ExportResult()->problem == ExportProblem::DriveFull);
    CHECK(d.flow.Staff().LastExport().empty());
    CHECK(d.Logged("staff: export failed: ENOSPC"));
    d.clock.today = "2026-11-18";
    d.Do(IntentKind::StaffRun);
    d.flow.Staff().ExportFinished(ExportOutcome{true, "kq.xlsx", 8, ExportProblem::None, ""});
    d.Pump();
    CHECK(d.flow.Staff().LastExport() == "2026-11-18: kq.xlsx (8 rows)");
    CHECK(d.Logged("staff: exported 8 rows to kq.xlsx"));
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("staff flow: trainers switch questionnaires off, never the last one") {
    World w = FlowDriver::DefaultWorld();
    w.catalog.all.push_back(LoadFixture("tests/fixtures/minimal.json", "second"));
    w.catalog.enabled.push_back(true);
    FlowDriver d(w);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    REQUIRE(d.CurrentScreen() == Screen::StaffQuestionnaires);
    d.Do(IntentKind::StaffToggle, 0);
    const Event* e = d.LastEvent(EventKind::SetQuestionnaireEnabled);
    REQUIRE(e != nullptr);
    CHECK(e->text == "mini");
    CHECK_FALSE(e->on);
    CHECK(d.flow.Citizen().Offered().size() == 1);
    d.ClearEvents();
    d.Do(IntentKind::StaffToggle, 1);
    CHECK_FALSE(d.Asked(EventKind::SetQuestionnaireEnabled));
    CHECK(d.flow.Staff().PageMessage() == "staff.qs.last_one");
    d.Do(IntentKind::StaffToggle, 0);  // back on
    CHECK(d.flow.Citizen().Offered().size() == 2);
    CHECK(d.flow.Staff().PageMessage().empty());
}

TEST_CASE("staff flow: installing a file that does not validate shows its errors") {
    FlowDriver d;
    d.world.installFiles = {"/media/stick/new.json"};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    d.Do(IntentKind::StaffOpenInstall);
    REQUIRE(d.CurrentScreen() == Screen::StaffInstall);
    REQUIRE(d.flow.Staff().InstallFiles().size() == 1);
    d.Do(IntentKind::StaffInstallFile, 3);  // no such file
    CHECK_FALSE(d.Asked(EventKind::PreviewInstallFile));
    d.Do(IntentKind::StaffInstallFile, 0);
    CHECK(d.LastEvent(EventKind::PreviewInstallFile)->text == "/media/stick/new.json");
    CHECK_FALSE(d.Asked(EventKind::InstallQuestionnaire));  // checked only: nothing to confirm, nothing installed
    CHECK_FALSE(d.flow.Staff().PendingInstall().has_value());
    CHECK(d.flow.Staff().PageMessage() == "staff.install.invalid");
    REQUIRE(d.flow.Staff().PageErrors().size() == 1);
    CHECK(d.Logged("not installed (1 problem(s))"));
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffQuestionnaires);
    CHECK(d.flow.Staff().PageErrors().empty());
}

TEST_CASE("staff flow: a preview stores nothing and returns to the trainer's list however it ends") {
    FlowDriver d;
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    d.Do(IntentKind::StaffPreview, 0);
    REQUIRE(d.CurrentScreen() == Screen::Question);  // consent is skipped: nothing is stored
    CHECK(d.flow.Citizen().Preview());
    CHECK_FALSE(d.flow.Citizen().Session().Consented());
    d.AnswerAll();
    d.Do(IntentKind::SubmitProfile);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    CHECK(d.world.saved.empty());
    CHECK_FALSE(d.Asked(EventKind::SaveResults));
    d.Do(IntentKind::Finish);
    CHECK(d.CurrentScreen() == Screen::StaffQuestionnaires);
    CHECK_FALSE(d.flow.Citizen().Preview());

    // Left half-way, or timed out: back to the list as well.
    d.Do(IntentKind::StaffPreview, 0);
    d.Do(IntentKind::AskLeave);
    d.Do(IntentKind::ConfirmLeave);
    CHECK(d.CurrentScreen() == Screen::StaffQuestionnaires);
    d.Do(IntentKind::StaffPreview, 0);
    d.Advance(core::Millis(90'000));
    d.Advance(core::Millis(30'000));
    CHECK(d.CurrentScreen() == Screen::StaffQuestionnaires);
    CHECK(d.Logged("staff: preview ended"));
}

TEST_CASE("staff flow: staff get in while the kiosk is out of service, and notices reach the menu") {
    World w = FlowDriver::DefaultWorld();
    w.storeOpens = false;
    FlowDriver d(w);
    REQUIRE(d.CurrentScreen() == Screen::OutOfService);
    d.flow.Staff().FlagForStaff("storage: the database was damaged");
    d.EnterStaffMenu();
    REQUIRE(d.flow.Staff().Notices().size() == 1);
    d.Do(IntentKind::PinCancel);
    CHECK(d.CurrentScreen() == Screen::OutOfService);  // closing staff mode does not hide the fault
}

TEST_CASE("staff flow: installing asks first, showing what changes, and Cancel installs nothing") {
    FlowDriver d;
    d.world.installFiles = {"/media/stick/a.json", "/media/stick/b.json"};
    d.world.installable = LoadFixture("tests/fixtures/minimal.json");  // the same id as the one installed
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    d.Do(IntentKind::StaffOpenInstall);
    d.ClearEvents();
    d.Do(IntentKind::StaffInstallConfirm);  // nothing picked yet: nothing to confirm
    CHECK_FALSE(d.Asked(EventKind::InstallQuestionnaire));
    d.Do(IntentKind::StaffInstallFile, 1);
    REQUIRE(d.flow.Staff().PendingInstall().has_value());
    const InstallPreview& shown = *d.flow.Staff().PendingInstall();
    CHECK(shown.path == "/media/stick/b.json");
    REQUIRE(shown.installed != nullptr);  // replaces the installed one
    CHECK(shown.incoming->id == shown.installed->id);
    CHECK(d.flow.PageKey() == "staff_install.confirm");
    CHECK_FALSE(d.Asked(EventKind::InstallQuestionnaire));
    d.Do(IntentKind::StaffInstallFile, 0);  // the list is not on screen while confirming
    CHECK(d.flow.Staff().PendingInstall()->path == "/media/stick/b.json");

    d.Do(IntentKind::StaffInstallCancel);
    CHECK_FALSE(d.flow.Staff().PendingInstall().has_value());
    CHECK(d.CurrentScreen() == Screen::StaffInstall);
    CHECK(d.flow.PageKey() == "staff_install");
    CHECK_FALSE(d.Asked(EventKind::InstallQuestionnaire));
    CHECK(d.Logged("cancelled by staff"));

    d.Do(IntentKind::StaffInstallFile, 0);
    REQUIRE(d.flow.Staff().PendingInstall().has_value());
    d.Do(IntentKind::StaffInstallConfirm);
    REQUIRE(d.Asked(EventKind::InstallQuestionnaire));
    CHECK(d.LastEvent(EventKind::InstallQuestionnaire)->text == "/media/stick/a.json");
    CHECK(d.flow.Staff().PageMessage() == "staff.install.done");
    CHECK_FALSE(d.flow.Staff().PendingInstall().has_value());
}

TEST_CASE("staff flow: while a check or install is under way, taps do not start another") {
    FlowDriver d;
    d.world.installFiles = {"/media/stick/a.json"};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    d.Do(IntentKind::StaffOpenInstall);
    // The app answers later (its loader thread): the flow is busy meanwhile.
    d.flow.Apply(Intent{IntentKind::StaffInstallFile, 0});
    std::vector<Event> first = d.flow.TakeEvents();
    CHECK(d.flow.Staff().CatalogBusy());
    CHECK(d.flow.Staff().PageMessage() == "staff.install.checking");
    d.flow.Apply(Intent{IntentKind::StaffInstallFile, 0});
    d.flow.Apply(Intent{IntentKind::StaffRescan});
    for (const Event& e : d.flow.TakeEvents()) {
        CHECK(e.kind != EventKind::PreviewInstallFile);
        CHECK(e.kind != EventKind::FindInstallFiles);
    }
    InstallPreview p;
    p.path = "/media/stick/a.json";
    p.incoming = LoadFixture("tests/fixtures/minimal.json", "other");
    d.flow.Staff().InstallPreviewed(p);
    CHECK_FALSE(d.flow.Staff().CatalogBusy());
    REQUIRE(d.flow.Staff().PendingInstall().has_value());
    CHECK(d.flow.Staff().PendingInstall()->installed == nullptr);  // a new id
}

TEST_CASE("staff flow: the PIN lockout leaves as SavePinAttempts and comes back at start") {
    FlowDriver d;
    d.Hold(core::Millis(3'000));
    for (int i = 0; i < 5; ++i) d.EnterPin("111111");
    REQUIRE(d.world.savedAttempts.size() == 5);
    CHECK(d.world.savedAttempts.back().failures == 5);
    CHECK(d.world.savedAttempts.back().lockRemaining == core::Millis(30'000));
    CHECK(d.world.savedAttempts.front().failures == 1);
    CHECK(d.world.savedAttempts.front().lockRemaining == core::Millis(0));

    // A restart: a new flow gets what was kept and stays locked for what was left.
    FlowDriver after;
    after.flow.Staff().PinAttemptsLoaded({5, core::Millis(20'000)});
    after.Hold(core::Millis(3'000));
    CHECK(after.flow.Staff().Lock().Locked());
    after.EnterPin(after.world.pin);
    CHECK(after.CurrentScreen() == Screen::StaffPin);  // locked: not even the right PIN is checked
    CHECK_FALSE(after.Asked(EventKind::CheckPin));
    after.Advance(core::Millis(20'000));
    CHECK_FALSE(after.flow.Staff().Lock().Locked());
    after.EnterPin("111111");  // the next wrong one locks again at once, longer
    CHECK(after.flow.Staff().Lock().LockRemaining() == core::Millis(60'000));
    after.Advance(core::Millis(60'000));
    after.EnterPin(after.world.pin);
    CHECK(after.CurrentScreen() == Screen::StaffMenu);
    REQUIRE_FALSE(after.world.savedAttempts.empty());
    CHECK(after.world.savedAttempts.back().failures == 0);  // a right PIN clears what is kept
    // A restored lock is never longer than the lock itself, whatever was kept.
    FlowDriver odd;
    odd.flow.Staff().PinAttemptsLoaded({5, core::Millis(10'000'000)});
    CHECK(odd.flow.Staff().Lock().LockRemaining() == core::Millis(30'000));
}
