// "Tháo USB an toàn" in the staff flow, with no drawing: offered only once an export to a stick finished,
// it asks the app to release exactly that stick, keeps staff on the page (no back, no timeout) until the
// answer, then says what happened; a released or vanished stick leaves the drive list, a busy one can be
// tried again.
#include "flow_driver.h"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;

namespace {

// On the export page with two sticks, an export to the second one finished (ok or not).
void ExportTo(FlowDriver& d, bool ok) {
    d.world.drives = {{"/media/a", "a"}, {"/media/kiosk/b", "b"}};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    d.Do(IntentKind::StaffPickDrive, 1);
    d.Do(IntentKind::StaffRun);
    d.flow.Staff().ExportFinished(ok ? ExportOutcome{true, "kq.csv", 8, ExportProblem::None, ""}
                                     : ExportOutcome{false, "", 0, ExportProblem::DriveFull, "ENOSPC"});
    d.Pump();
    d.ClearEvents();
}

}  // namespace

TEST_CASE("stick removal: not offered before an export, nor while it runs") {
    FlowDriver d;
    d.world.drives = {{"/media/a", "a"}};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    CHECK_FALSE(d.flow.Staff().CanRemoveStick());
    d.Do(IntentKind::StaffRemoveStick);
    CHECK_FALSE(d.Asked(EventKind::RemoveStick));
    d.Do(IntentKind::StaffRun);
    REQUIRE(d.flow.Staff().ExportRunning());
    CHECK_FALSE(d.flow.Staff().CanRemoveStick());
    d.Do(IntentKind::StaffRemoveStick);
    CHECK_FALSE(d.Asked(EventKind::RemoveStick));  // never unmount a stick being written to
}

TEST_CASE("stick removal: releases the stick exported to, holds the page meanwhile, then says it can go") {
    FlowDriver d;
    ExportTo(d, true);
    CHECK(d.flow.Staff().CanRemoveStick());
    d.Do(IntentKind::StaffPickDrive, 0);  // picking another drive afterwards does not change which is released
    d.Do(IntentKind::StaffRemoveStick);
    const Event* e = d.LastEvent(EventKind::RemoveStick);
    REQUIRE(e != nullptr);
    CHECK(e->text == "/media/kiosk/b");
    CHECK(d.flow.Staff().RemovingStick());
    CHECK_FALSE(d.flow.Staff().CanRemoveStick());
    d.ClearEvents();
    d.Do(IntentKind::StaffRemoveStick);  // a second tap while it runs asks nothing more
    CHECK_FALSE(d.Asked(EventKind::RemoveStick));
    d.Do(IntentKind::StaffRun);  // nor starts an export onto a stick being unmounted
    CHECK_FALSE(d.Asked(EventKind::StartExport));
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffExport);
    d.Advance(core::Millis(10 * 60'000));  // no idle timeout in the middle of it
    CHECK(d.CurrentScreen() == Screen::StaffExport);
    REQUIRE(d.flow.NextWakeup().has_value());  // the frame loop must keep polling for the answer
    CHECK(*d.flow.NextWakeup() <= d.clock.Now() + core::Millis(100));

    d.world.drives = {{"/media/a", "a"}};  // the released stick is no longer mounted
    d.flow.Staff().StickRemoved({true, RemoveProblem::None, ""});
    d.Pump();
    CHECK_FALSE(d.flow.Staff().RemovingStick());
    CHECK(d.flow.Staff().PageMessage() == "staff.export.removed");
    CHECK_FALSE(d.flow.Staff().PageMessageIsError());
    CHECK(d.Asked(EventKind::ScanDrives));
    CHECK(d.flow.Staff().Drives().size() == 1);
    CHECK_FALSE(d.flow.Staff().CanRemoveStick());  // nothing left to release
    CHECK(d.Logged("staff: USB stick at /media/kiosk/b flushed and unmounted"));
    d.Do(IntentKind::StaffBack);
    CHECK(d.CurrentScreen() == Screen::StaffMenu);
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    CHECK(d.flow.Staff().PageMessage().empty());  // an old message does not greet the next export
}

TEST_CASE("stick removal: a busy stick stays offered for another try, a failed flush or a vanished stick says so") {
    SUBCASE("busy: flushed but still mounted") {
        FlowDriver d;
    ExportTo(d, true);
        d.Do(IntentKind::StaffRemoveStick);
        d.flow.Staff().StickRemoved({false, RemoveProblem::StillMounted, "systemd-umount failed (status 256)"});
        d.Pump();
        CHECK(d.flow.Staff().PageMessage() == "staff.export.remove_busy");
        CHECK(d.flow.Staff().PageMessageIsError());
        CHECK_FALSE(d.Asked(EventKind::ScanDrives));
        CHECK(d.flow.Staff().CanRemoveStick());
        CHECK(d.Logged("not released: systemd-umount failed (status 256)"));
        d.ClearEvents();
        d.Do(IntentKind::StaffRemoveStick);
        REQUIRE(d.LastEvent(EventKind::RemoveStick) != nullptr);
        CHECK(d.LastEvent(EventKind::RemoveStick)->text == "/media/kiosk/b");
    }
    SUBCASE("the flush failed") {
        FlowDriver d;
    ExportTo(d, true);
        d.Do(IntentKind::StaffRemoveStick);
        d.flow.Staff().StickRemoved({false, RemoveProblem::FlushFailed, "EIO"});
        d.Pump();
        CHECK(d.flow.Staff().PageMessage() == "staff.export.remove_flush_failed");
        CHECK(d.flow.Staff().PageMessageIsError());
    }
    SUBCASE("the stick was already pulled out") {
        FlowDriver d;
        ExportTo(d, false);  // also offered after a failed export: the stick may still be in
        REQUIRE(d.flow.Staff().CanRemoveStick());
        d.Do(IntentKind::StaffRemoveStick);
        d.world.drives = {{"/media/a", "a"}};
        d.flow.Staff().StickRemoved({false, RemoveProblem::NotThere, "not mounted"});
        d.Pump();
        CHECK(d.flow.Staff().PageMessage() == "staff.export.remove_gone");
        CHECK(d.Asked(EventKind::ScanDrives));
        CHECK_FALSE(d.flow.Staff().CanRemoveStick());
    }
}
