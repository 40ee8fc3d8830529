// Safe removal of a USB stick: paths that are not a stick below the USB folders are refused before anything
// runs, and — where this test may mount (root with CAP_SYS_ADMIN, as in CI) — a real tmpfs "stick" with a
// file on it is flushed and unmounted by the real umount(8), and a failing unmount is reported as such;
// then the same through the staff export page's "Tháo USB an toàn" button, drawn headless.
#include "harness.h"

#include "kiosk/app/staff_store.h"
#include "kiosk/app/usb_eject.h"
#include "storage/result_store.h"
#include "test_util.h"  // tests/storage: a store configuration on a temporary file

#include <doctest/doctest.h>

#include <sys/mount.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using kiosk::app::EjectError;
using kiosk::app::SafelyRemoveStick;
namespace fs = std::filesystem;

namespace {

bool Mounted(const std::string& dir) {
    struct stat self {}, parent {};
    return stat(dir.c_str(), &self) == 0 && stat(fs::path(dir).parent_path().c_str(), &parent) == 0 &&
           self.st_dev != parent.st_dev;
}

// A tmpfs mounted at `dir` for the test's duration; Ok() is false where mounting is not allowed.
class TmpfsStick {
public:
    explicit TmpfsStick(std::string dir) : m_dir(std::move(dir)) {
        fs::create_directories(m_dir);
        m_ok = mount("kiosk-test-stick", m_dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=1m") == 0;
    }
    ~TmpfsStick() {
        if (m_ok && Mounted(m_dir)) umount2(m_dir.c_str(), MNT_DETACH);
    }
    bool Ok() const { return m_ok; }

private:
    std::string m_dir;
    bool m_ok = false;
};

}  // namespace

TEST_CASE("usb eject: only a mount point strictly below a USB folder is touched") {
    kiosk::ui::test::TempDir dir;
    const std::string media = dir.File("media");
    fs::create_directories(media + "/not-mounted");
    fs::create_symlink("/proc", media + "/link-to-proc");
    const std::vector<std::string> roots{media};
    const std::vector<std::string> mustNotRun{"false"};
    CHECK(SafelyRemoveStick(media + "/not-mounted", roots, mustNotRun).error == EjectError::NotAStick);
    CHECK(SafelyRemoveStick(media, roots, mustNotRun).error == EjectError::NotAStick);  // the folder itself
    CHECK(SafelyRemoveStick("/proc", roots, mustNotRun).error == EjectError::NotAStick);  // a mount, elsewhere
    CHECK(SafelyRemoveStick(media + "/link-to-proc", roots, mustNotRun).error == EjectError::NotAStick);
    CHECK(SafelyRemoveStick(media + "/../../..", roots, mustNotRun).error == EjectError::NotAStick);
    const auto gone = SafelyRemoveStick(media + "/missing", roots, mustNotRun);
    CHECK(gone.error == EjectError::NotAStick);
    CHECK(gone.detail.find("missing") != std::string::npos);
}

TEST_CASE("usb eject: a real mounted stick is flushed and unmounted, a failed unmount is reported") {
    kiosk::ui::test::TempDir dir;
    const std::string media = dir.File("media"), stickDir = media + "/sdz1";
    TmpfsStick stick(stickDir);
    if (!stick.Ok()) {
        MESSAGE("mounting is not allowed here (needs root with CAP_SYS_ADMIN): real unmount not exercised");
        return;
    }
    std::ofstream(stickDir + "/ketqua.csv") << "id,score\n";
    REQUIRE(Mounted(stickDir));

    const auto refused = SafelyRemoveStick(stickDir, {media}, {"false"});
    CHECK(refused.error == EjectError::UnmountFailed);
    CHECK(Mounted(stickDir));  // nothing pretended: still mounted, the file still there
    CHECK(fs::exists(stickDir + "/ketqua.csv"));
    CHECK(SafelyRemoveStick(stickDir, {media}, {"no-such-unmount-command"}).error == EjectError::UnmountFailed);

    const auto ok = SafelyRemoveStick(stickDir, {media + "/"}, {"umount"});
    CHECK_MESSAGE(ok.Ok(), ok.detail);
    CHECK_FALSE(Mounted(stickDir));
    CHECK_FALSE(fs::exists(stickDir + "/ketqua.csv"));  // the tmpfs, and its file, are gone with the mount
}

namespace {

// Frames until `done` holds (the worker threads report between frames), at most ~20 s.
template <typename Done>
bool FramesUntil(kiosk::ui::test::Harness& h, Done done) {
    for (int i = 0; i < 400; ++i) {
        h.Frame();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

TEST_CASE("usb eject: the export page's Tháo USB an toàn releases the real stick without stalling the frames") {
    using kiosk::flow::Screen;
    namespace ktest = kiosk::ui::test;
    ktest::TempDir dir;
    const std::string media = dir.File("media"), stickDir = media + "/sdz1";
    TmpfsStick stick(stickDir);
    if (!stick.Ok()) {
        MESSAGE("mounting is not allowed here (needs root with CAP_SYS_ADMIN): the page's real unmount not exercised");
        return;
    }
    const std::string db = dir.File("kiosk.db");
    { kiosk::storage::ResultStore store(kiosk::storage::test::ConfigAt(db)); }  // an empty, valid store
    kiosk::app::StaffStoreOptions so;
    so.database = db;
    so.usbRoots = {media};  // found in the real mounts table, as on a kiosk
    so.locationCode = "test";
    // The first try finds the stick busy; the second unmounts it after a pause the frames must not wait for.
    so.unmountCommand = {"false"};
    kiosk::app::StoreStaffData data(so);
    REQUIRE(data.UsbDrives().size() == 1);

    ktest::Harness h;
    h.controller->SetStaffData(&data);
    h.HoldCorner();
    h.TypePin(ktest::kTestPin);
    h.Tap("pin.ok");
    h.Tap("staff.export");
    REQUIRE(h.CurrentScreen() == Screen::StaffExport);
    CHECK_FALSE(h.HasTarget("export.remove"));  // nothing exported yet
    h.Tap("export.start");
    REQUIRE(FramesUntil(h, [&] { return h.HasTarget("export.remove"); }));
    CHECK(h.Shows("Tháo USB an toàn” trước khi rút USB ra"));

    h.Tap("export.remove");
    REQUIRE(FramesUntil(h, [&] { return h.Shows("chưa tháo được USB"); }));
    CHECK(Mounted(stickDir));
    CHECK(h.HasTarget("export.remove"));  // offered again

    data = kiosk::app::StoreStaffData([&] {
        auto o = so;
        o.unmountCommand = {"sh", "-c", "sleep 1; exec umount \"$0\""};
        return o;
    }());
    h.Tap("export.remove");
    h.Frames(3);  // the frame loop goes on while the worker waits for the unmount
    CHECK(h.Shows("Đang tháo USB"));
    CHECK_FALSE(h.Target("staff.back").enabled);
    REQUIRE(FramesUntil(h, [&] { return h.Shows("Đã tháo USB an toàn. Bây giờ có thể rút USB ra."); }));
    CHECK_FALSE(Mounted(stickDir));
    CHECK_FALSE(h.HasTarget("export.remove"));
    CHECK(h.Target("staff.back").enabled);
    CHECK(h.log.Contains("flushed and unmounted"));
}
