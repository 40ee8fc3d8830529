// The staff dashboard over the real result store: known results saved into a temporary database, then the
// numbers the dashboard shows checked against values worked out by hand (simulated results left out,
// groups under k shown as "<k").
#include "harness.h"

#include "kiosk/app/staff_store.h"
#include "storage/result_store.h"
#include "test_util.h"  // tests/storage: the mini questionnaire and record makers

#include <doctest/doctest.h>

#include <algorithm>

using namespace kiosk;
using namespace kiosk::ui;

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

bool ShowsLine(const ui::test::Harness& h, const std::string& line) {
    return std::find(h.Text().begin(), h.Text().end(), line) != h.Text().end();
}

}  // namespace

TEST_CASE("app: the staff dashboard shows the seeded database's numbers with small groups as <k") {
    ui::test::TempDir dir;
    app::StoreStaffData data(SeededDatabase(dir), 5);
    data.today = "2026-11-18";

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
    // 60-74 women: 6 results with mean 68.3; the 2 under-30 men are fewer than 5: "<5", and so is every
    // empty group (the simulated 45-59 "other" is not counted).
    CHECK(std::count(h.Text().begin(), h.Text().end(), "6 · 68,3") == 2);  // age band and gender
    CHECK(std::count(h.Text().begin(), h.Text().end(), "<5") >= 2);
    for (const auto& line : h.Text()) CHECK(line.find(" · 100") == std::string::npos);  // B's mean never shown
    // The level chart: 6 "high", "advanced" (2) suppressed.
    CHECK(ShowsLine(h, "6"));
    h.Tap("staff.back");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("app: the dashboard says calmly when the database cannot be read") {
    ui::test::TempDir dir;
    app::StoreStaffData data(dir.File("no-such-folder/kiosk.db"), 5);
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
