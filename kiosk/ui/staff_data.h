// What staff pages read from the result store, behind an interface so kiosk_ui never touches SQLite: the
// app implements it over storage (kiosk/app/staff_store.h); UI tests use fakes, app tests the real store.
// Implementations never throw: a failure comes back as ok = false with a reason for the staff log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// One bar of a dashboard breakdown. Cells with fewer than k results are suppressed: no count, no mean.
struct StatCell {
    std::string label;
    bool suppressed = false;
    std::int64_t count = 0;
    std::optional<double> mean;  // 0..100
};

// Numbers for the staff dashboard; simulated results are never counted.
struct DashboardData {
    bool ok = false;
    std::string error;  // when !ok (English, for the log)
    int k = 5;
    std::int64_t today = 0, thisWeek = 0, total = 0;
    std::optional<double> meanOverall;
    std::vector<StatCell> levels;    // overall level distribution (label prefixed by questionnaire when several)
    std::vector<StatCell> areas;     // mean score per area
    std::vector<StatCell> ageBands;  // count and mean overall score per age band
    std::vector<StatCell> genders;
};

class StaffData {
public:
    virtual ~StaffData() = default;
    // Labels in `language` ("vi" or "en").
    virtual DashboardData Dashboard(const std::string& language) = 0;
};

}  // namespace kiosk::ui
