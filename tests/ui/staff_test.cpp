// Staff mode headlessly: the hidden corner gesture, the PIN pad (right, wrong, lockout countdown), setting
// a PIN on first start, the staff idle timeout and closing the app (only from the staff menu).
#include "harness.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::ui::test;

namespace {

void EnterStaff(Harness& h) {
    h.HoldCorner();
    REQUIRE(h.CurrentScreen() == Screen::StaffPin);
    h.TypePin(kTestPin);
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == Screen::StaffMenu);
}

bool LogMentionsPin(const MemoryEventLog& log, const std::string& pin) {
    for (const auto& line : log.lines)
        if (line.message.find(pin) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("staff: holding the top-left corner for 3 seconds opens the PIN pad") {
    Harness h;
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    h.Press(ImVec2(30, 40));
    h.Advance(core::Millis(2'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    // The app sleeps until then: the controller asks to be woken when the hold completes.
    REQUIRE(h.controller->NextWakeup().has_value());
    CHECK(*h.controller->NextWakeup() <= h.clock.Now() + core::Millis(1'000));
    h.Advance(core::Millis(1'000));
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    h.Release();
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    CHECK(h.HasTarget("pin.5"));
    CHECK(h.Shows("Vui lòng nhập mã PIN của cán bộ."));
}

TEST_CASE("staff: a shorter hold, a hold elsewhere or a finger that moves does not open the pad") {
    Harness h;
    SUBCASE("shorter") {
        h.Press(ImVec2(30, 40));
        h.Advance(core::Millis(2'900));
        h.Release();
        h.Advance(core::Millis(5'000));
    }
    SUBCASE("elsewhere") {
        h.Press(ImVec2(300, 40));
        h.Advance(core::Millis(5'000));
        h.Release();
    }
    SUBCASE("moved out of the corner") {
        h.Press(ImVec2(30, 40));
        h.Advance(core::Millis(1'500));
        ImGui::GetIO().MousePos = ImVec2(400, 400);
        h.Advance(core::Millis(1'000));
        ImGui::GetIO().MousePos = ImVec2(30, 40);  // back in: the hold does not resume
        h.Advance(core::Millis(2'000));
        h.Release();
    }
    SUBCASE("slid into the corner") {
        h.Press(ImVec2(400, 400));
        ImGui::GetIO().MousePos = ImVec2(30, 40);
        h.Advance(core::Millis(5'000));
        h.Release();
    }
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("staff: the right PIN opens the staff menu and nothing logs the digits") {
    Harness h;
    EnterStaff(h);
    CHECK(h.log.Contains("staff PIN: accepted"));
    CHECK(h.HasTarget("staff.exit"));
    CHECK_FALSE(LogMentionsPin(h.log, kTestPin));
    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("staff: wrong PINs count down, then the pad locks with a countdown, and Cancel returns to Welcome") {
    Harness h;
    h.HoldCorner();
    for (int i = 1; i <= 4; ++i) {
        h.TypePin("135790");
        h.Tap("pin.ok");
        CHECK(h.CurrentScreen() == Screen::StaffPin);
        CHECK(h.Shows("Sai mã PIN (còn " + std::to_string(5 - i) + " lần)"));
    }
    CHECK(h.log.Contains("staff PIN: wrong (4 in a row)"));
    h.TypePin("135790");
    h.Tap("pin.ok");
    CHECK(h.log.Contains("staff PIN: locked for 30 s"));
    CHECK(h.Shows("thử lại sau 30 giây"));
    CHECK_FALSE(h.Target("pin.1").enabled);
    h.Advance(core::Millis(10'000));
    CHECK(h.Shows("thử lại sau 20 giây"));
    // Cancelling and coming back does not lift the lock.
    h.Tap("pin.cancel");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    CHECK(h.Shows("thử lại sau 17 giây"));
    h.Advance(core::Millis(17'000));
    CHECK(h.Target("pin.1").enabled);
    // The next wrong PIN locks for twice as long; the right one then still works and resets the count.
    h.TypePin("135790");
    h.Tap("pin.ok");
    CHECK(h.log.Contains("staff PIN: locked for 60 s"));
    h.Advance(core::Millis(60'000));
    h.TypePin(kTestPin);
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    CHECK_FALSE(LogMentionsPin(h.log, "135790"));
}

TEST_CASE("staff: the erase key removes the last digit") {
    Harness h;
    h.HoldCorner();
    h.TypePin(kTestPin);
    h.TypePin("7");
    h.Tap("pin.erase");
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("staff: the staff menu goes back to the citizen Welcome after 2 minutes without a touch") {
    Harness h;
    EnterStaff(h);
    h.Advance(core::Millis(119'000));
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    h.Tap("staff.exit");  // a touch restarts the 2 minutes
    h.Advance(core::Millis(119'000));
    CHECK(h.CurrentScreen() == Screen::StaffConfirmExit);
    h.Advance(core::Millis(1'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK_FALSE(h.controller->ExitRequested());
}

TEST_CASE("staff: the PIN pad itself also times out") {
    Harness h;
    h.HoldCorner();
    h.TypePin("12");
    h.Advance(core::Millis(120'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    CHECK_FALSE(h.Target("pin.ok").enabled);  // nothing typed: the earlier digits are gone
}

TEST_CASE("staff: closing the app needs the staff menu and a confirmation") {
    Harness h;
    // No citizen screen offers it.
    for (const auto& t : h.ui.targets) CHECK(t.id.rfind("staff.", 0) != 0);
    EnterStaff(h);
    h.Tap("staff.exit");
    REQUIRE(h.CurrentScreen() == Screen::StaffConfirmExit);
    h.Tap("staff.confirm.no");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    CHECK_FALSE(h.controller->ExitRequested());
    h.Tap("staff.exit");
    h.Tap("staff.confirm.yes");
    CHECK(h.controller->ExitRequested());
    CHECK(h.log.Contains("the app was closed from the staff menu"));
}

TEST_CASE("staff: staff can get in while the kiosk is out of service") {
    TempDir empty;
    HarnessOptions o;
    o.questionnairesDir = empty.Path();
    Harness h(o);
    REQUIRE(h.CurrentScreen() == Screen::OutOfService);
    EnterStaff(h);
    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::OutOfService);
}

TEST_CASE("staff: on first start without a PIN the kiosk asks staff to set one before anyone can use it") {
    TempDir dir;
    HarnessOptions o;
    o.controller.staff.pinFile = dir.File("var/staff-pin");  // the folder does not exist yet either
    Harness h(o);
    REQUIRE(h.CurrentScreen() == Screen::StaffSetPin);
    CHECK_FALSE(h.HasTarget("pin.cancel"));
    // Nobody gets past it by waiting.
    h.Advance(core::Millis(600'000));
    CHECK(h.CurrentScreen() == Screen::StaffSetPin);

    h.TypePin("123456");  // a straight run
    h.Tap("pin.ok");
    CHECK(h.Shows("Mã này chưa dùng được"));
    h.TypePin("975310");
    h.Tap("pin.ok");
    CHECK(h.Shows("Vui lòng nhập lại mã PIN vừa chọn để xác nhận."));
    h.TypePin("975311");
    h.Tap("pin.ok");
    CHECK(h.Shows("Hai lần nhập không giống nhau."));
    CHECK_FALSE(std::filesystem::exists(dir.File("var/staff-pin")));

    h.TypePin("975310");
    h.Tap("pin.ok");
    h.TypePin("975310");
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == Screen::StaffMenu);
    auto hash = core::LoadPinHash(dir.File("var/staff-pin"));
    REQUIRE(hash.has_value());
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(core::VerifyPin(*hash, "975310"));
    CHECK_FALSE(LogMentionsPin(h.log, "975310"));

    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    h.TypePin("975310");
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("staff: USB sticks are the mount points below /media and /run/media") {
    const std::string mounts = "proc /proc proc rw 0 0\n"
                               "/dev/sda1 / ext4 rw 0 0\n"
                               "/dev/sdb1 /media/staff/KINGSTON\\0408GB vfat rw 0 0\n"
                               "/dev/sdc1 /run/media/an/USB vfat rw 0 0\n"
                               "tmpfs /media tmpfs rw 0 0\n"
                               "/dev/sdd1 /mediafiles ext4 rw 0 0\n";
    const auto drives = RemovableMounts(mounts, {"/media", "/run/media/"});
    REQUIRE(drives.size() == 2);
    CHECK(drives[0].path == "/media/staff/KINGSTON 8GB");
    CHECK(drives[0].name == "KINGSTON 8GB");
    CHECK(drives[1].path == "/run/media/an/USB");
    CHECK(RemovableMounts("", {"/media"}).empty());
}
