// The staff dashboard over the real result store: known results saved into a temporary database, then the
// numbers the dashboard shows checked against values worked out by hand (simulated results left out,
// groups under k shown as "<k").
#include "harness.h"

#include "kiosk/app/staff_store.h"
#include "storage/result_store.h"
#include "test_util.h"  // tests/storage: the mini questionnaire and record makers

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;

namespace {

namespace st = kiosk::storage::test;

// Today is Wednesday 2026-11-18 (its week began Monday 11-16).
//   A: 6 × (every scale item option 2, check right): overall 68.3 "high", area 1 70.0, area 2 66.7;
//      60-74 women; 3 on 11-18, 2 on 11-16, 1 on 10-20.
//   B: 2 × (every scale item option 3, check right): 100 "advanced"; under-30 men; 11-18 and 10-20.
//   and 1 simulated result today, which staff statistics never count.
std::string SeededDatabase(const ui::test::TempDir& dir) {
    const std::string path = dir.File("kiosk.db");
    auto q = st::MiniQuestionnaire();
    storage::ResultStore store(st::ConfigAt(path));
    for (const char* d : {"2026-11-18", "2026-11-18", "2026-11-18", "2026-11-16", "2026-11-16", "2026-10-20"})
        store.Save(st::MakeRecord(q, st::FullAnswers(2, 0), d, "60-74", "female", "no")->record);
    for (const char* d : {"2026-11-18", "2026-10-20"})
        store.Save(st::MakeRecord(q, st::FullAnswers(3, 0), d, "under-30", "male", "yes")->record);
    store.Save(st::MakeRecord(q, st::FullAnswers(0, 1), "2026-11-18", "45-59", "other", "no", true)->record);
    return path;
}

void EnterStaffMenu(ui::test::Harness& h) {
    h.HoldCorner();
    h.TypePin(ui::test::kTestPin);
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == Screen::StaffMenu);
}

// Draws frames until the export running on its worker thread has finished (at most ~30 s).
void WaitForExport(ui::test::Harness& h) {
    for (int i = 0; i < 600 && !h.HasTarget("export.start") ; ++i) h.Frame();
    for (int i = 0; i < 600; ++i) {
        h.Frame();
        if (h.Target("export.start").enabled) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the export did not finish");
}

std::vector<std::string> FilesIn(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> Lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// A temporary "USB stick": a folder listed as mounted under a temporary /media in a fake mounts table.
struct FakeUsb {
    ui::test::TempDir root;
    std::string media = root.File("media");
    std::string stick = media + "/KINGSTON 8GB";
    std::string mounts = root.File("mounts");
    FakeUsb() {
        std::filesystem::create_directories(stick);
        std::ofstream(mounts) << "proc /proc proc rw 0 0\n"
                              << "/dev/sda1 / ext4 rw 0 0\n"
                              << "/dev/sdb1 " << media << "/KINGSTON\\0408GB vfat rw,nosuid 0 0\n";
    }
};

bool ShowsLine(const ui::test::Harness& h, const std::string& line) {
    return std::find(h.Text().begin(), h.Text().end(), line) != h.Text().end();
}

}  // namespace

TEST_CASE("app: the staff dashboard shows the seeded database's numbers with small groups as <k") {
    ui::test::TempDir dir;
    app::StaffStoreOptions so;
    so.database = SeededDatabase(dir);
    so.today = "2026-11-18";
    app::StoreStaffData data(so);

    const DashboardData d = data.Dashboard("vi");
    REQUIRE(d.ok);
    CHECK(d.today == 4);     // 3 A + 1 B
    CHECK(d.thisWeek == 6);  // and the 2 A of Monday
    CHECK(d.total == 8);     // not the simulated one

    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    h.HoldCorner();
    h.TypePin(ui::test::kTestPin);
    h.Tap("pin.ok");
    h.Tap("staff.dashboard");
    REQUIRE(h.CurrentScreen() == Screen::StaffDashboard);
    CHECK(ShowsLine(h, "4"));
    CHECK(ShowsLine(h, "6"));
    CHECK(ShowsLine(h, "8"));
    CHECK(ShowsLine(h, "Hôm nay"));
    // Area means: (6 · 70 + 2 · 100) / 8 = 77.5 and (6 · 66.7 + 2 · 100) / 8 = 75.0.
    CHECK(ShowsLine(h, "77,5"));
    CHECK(ShowsLine(h, "75,0"));
    // 60-74 women: 6 results; the 2 under-30 men are fewer than 5: "<5". Beside the total of 8, "6 · 68,3"
    // would give the men away (8 − 6 = 2, and their mean from the overall one), so the 6 are hidden as
    // well (complementary suppression): "<5" and no number, in age band, gender and level ("high" 6 beside
    // "advanced" 2). Empty groups show "<5" too (the simulated 45-59 "other" is not counted).
    for (const auto& line : h.Text()) {
        CHECK(line.find("6 · ") == std::string::npos);
        CHECK(line.find(" · 100") == std::string::npos);  // B's mean never shown
        CHECK(line.find("68,3") == std::string::npos);
    }
    CHECK(std::count(h.Text().begin(), h.Text().end(), "<5") >= 6);  // 2 × (age, gender) + 2 levels at least
    h.Tap("staff.back");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("app: the dashboard says calmly when the database cannot be read") {
    ui::test::TempDir dir;
    app::StaffStoreOptions so;
    so.database = dir.File("no-such-folder/kiosk.db");
    app::StoreStaffData data(so);
    CHECK_FALSE(data.Dashboard("vi").ok);
    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    h.HoldCorner();
    h.TypePin(ui::test::kTestPin);
    h.Tap("pin.ok");
    h.Tap("staff.dashboard");
    CHECK(h.Shows("Không đọc được dữ liệu kết quả"));
    CHECK(h.log.Contains("staff dashboard:"));
}

TEST_CASE("app: export to a USB stick writes the whole file under its final name, with the row count shown") {
    ui::test::TempDir dir;
    FakeUsb usb;
    app::StaffStoreOptions so;
    so.database = SeededDatabase(dir);
    so.today = "2026-11-18";
    so.locationCode = "hai-chau";
    so.usbRoots = {usb.media};
    so.mountsFile = usb.mounts;
    app::StoreStaffData data(so);
    REQUIRE(data.UsbDrives().size() == 1);
    CHECK(data.UsbDrives()[0].path == usb.stick);
    CHECK(data.UsbDrives()[0].name == "KINGSTON 8GB");

    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    EnterStaffMenu(h);
    h.Tap("staff.export");
    REQUIRE(h.CurrentScreen() == Screen::StaffExport);
    CHECK(h.Target("export.drive.0").selected);  // the only stick is chosen already
    h.Tap("export.format.0");
    h.Tap("export.start");
    WaitForExport(h);
    const std::string name = "ketqua-nangluc-so_hai-chau_2026-11-18.csv";
    // 5 of the 8 real results: the small-group rule (k = 5 over every exported quasi-identifier) writes the
    // five 60-74 women of 2026-W47 and withholds the three results that are alone in their week even with
    // their profile suppressed (the W47 man, the W43 woman and man: a group of 2).
    CHECK(h.Shows("Đã ghi xong tệp " + name + " (5 dòng)"));
    // Only the final file: no temporary file left beside it.
    REQUIRE(FilesIn(usb.stick) == std::vector<std::string>{name});
    const auto lines = Lines(usb.stick + "/" + name);
    REQUIRE(lines.size() == 6);  // the header and 5 results; the simulated one is left out
    CHECK(lines[0].find("Mã kết quả [result_id]") != std::string::npos);
    CHECK(lines[0].find("Tuần [period]") != std::string::npos);
    int week47 = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) week47 += lines[i].find("2026-W47") != std::string::npos;
    CHECK(week47 == 5);  // 11-16 to 11-18: the 5 A (B, alone that week, is withheld)
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].find(",60-74,female,") != std::string::npos);
    CHECK(h.log.Contains("staff: exported 5 rows to " + name));
    CHECK(h.controller->LastExport().find(name) != std::string::npos);

    // JSON of one questionnaire, then CSV again: the same day's first file is kept, the new one gets "-2".
    h.Tap("export.format.2");
    h.Tap("export.q.1");
    h.Tap("export.start");
    WaitForExport(h);
    CHECK(h.Shows("(5 dòng)"));  // every result is of the one questionnaire "mini"
    h.Tap("export.format.0");
    h.Tap("export.start");
    WaitForExport(h);
    CHECK(FilesIn(usb.stick) == std::vector<std::string>{"ketqua-nangluc-so_hai-chau_2026-11-18-2.csv", name,
                                                          "ketqua-nangluc-so_hai-chau_2026-11-18.json"});
}

TEST_CASE("app: a USB stick pulled out before the export is reported calmly and nothing is written") {
    ui::test::TempDir dir;
    FakeUsb usb;
    app::StaffStoreOptions so;
    so.database = SeededDatabase(dir);
    so.usbRoots = {usb.media};
    so.mountsFile = usb.mounts;
    app::StoreStaffData data(so);
    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    EnterStaffMenu(h);
    h.Tap("staff.export");
    std::filesystem::remove_all(usb.stick);
    h.Tap("export.start");
    WaitForExport(h);
    CHECK(h.Shows("có thể USB đã bị rút ra"));
    CHECK_FALSE(std::filesystem::exists(usb.stick));
    CHECK(h.log.Contains("staff: export failed"));
    h.Tap("staff.back");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("app: with no USB stick the export page says so and cannot start") {
    ui::test::TempDir dir;
    app::StaffStoreOptions so;
    so.database = SeededDatabase(dir);
    so.usbRoots = {dir.File("media")};
    so.mountsFile = dir.File("mounts-none");
    app::StoreStaffData data(so);
    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    EnterStaffMenu(h);
    h.Tap("staff.export");
    CHECK(h.Shows("Chưa thấy USB nào"));
    CHECK_FALSE(h.Target("export.start").enabled);
}

TEST_CASE("app: the health page shows the database, its check, free space, the last export and the log's last lines") {
    ui::test::TempDir dir;
    FakeUsb usb;
    app::StaffStoreOptions so;
    so.database = SeededDatabase(dir);
    so.usbRoots = {usb.media};
    so.mountsFile = usb.mounts;
    so.logFile = dir.File("kiosk.log");
    {
        std::ofstream log(so.logFile);
        for (int i = 1; i <= 30; ++i) log << "2026-11-18 INFO line " << i << "\n";
    }
    app::StoreStaffData data(so);
    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    EnterStaffMenu(h);
    h.Tap("staff.health");
    REQUIRE(h.CurrentScreen() == Screen::StaffHealth);
    CHECK(h.Shows("Phiên bản ứng dụng: "));
    CHECK(h.Shows("Dữ liệu kết quả: " + so.database + " ("));
    CHECK(h.Shows("Kiểm tra dữ liệu: tốt (8 kết quả đã lưu)"));
    CHECK(h.Shows("Dung lượng trống trên ổ đĩa: "));
    CHECK(h.Shows("Chưa xuất ra USB lần nào"));
    CHECK(ShowsLine(h, "2026-11-18 INFO line 30"));
    CHECK(ShowsLine(h, "2026-11-18 INFO line 11"));
    CHECK_FALSE(ShowsLine(h, "2026-11-18 INFO line 10"));  // the last 20 lines only
    CHECK_FALSE(h.Shows("Dữ liệu kết quả có vấn đề"));

    // After an export, the health page names it.
    h.Tap("staff.back");
    h.Tap("staff.export");
    h.Tap("export.start");
    WaitForExport(h);
    h.Tap("staff.back");
    h.Tap("staff.health");
    CHECK(h.Shows("Lần xuất gần nhất: "));
    CHECK(h.Shows("ketqua-nangluc-so_unknown_"));
}

TEST_CASE("app: a damaged database shows as a problem on the health page") {
    ui::test::TempDir dir;
    app::StaffStoreOptions so;
    so.database = dir.File("kiosk.db");
    std::ofstream(so.database) << std::string(8192, 'x');
    app::StoreStaffData data(so);
    const flow::HealthData hd = data.Health();
    CHECK_FALSE(hd.healthy);
    ui::test::Harness h;
    h.controller->SetStaffData(&data);
    EnterStaffMenu(h);
    h.Tap("staff.health");
    CHECK(h.Shows("Dữ liệu kết quả có vấn đề"));
    CHECK(h.Shows("Kiểm tra dữ liệu: có vấn đề ("));
}
