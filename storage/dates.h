// Calendar days as stored ("YYYY-MM-DD", no time of day) and their coarsening into reporting periods:
// a day stays as is, a week becomes its ISO 8601 week ("2026-W47"), a month "2026-11".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::storage {

enum class Period { Day, Week, Month };
const char* PeriodName(Period p);                          // "day", "week", "month"
std::optional<Period> ParsePeriod(std::string_view name);  // the inverse; empty for anything else

// True for a real Gregorian date written exactly as "YYYY-MM-DD" (years 0001–9999).
bool IsValidDate(std::string_view date);

// The period a valid date falls in: "2026-11-18" -> "2026-11-18" / "2026-W47" / "2026-11".
// ISO weeks start on Monday and belong to the year of their Thursday ("2027-01-01" -> "2026-W53").
std::string PeriodOf(std::string_view date, Period period);

// A valid date moved by `days` (negative: back), e.g. AddDays("2026-03-01", -1) == "2026-02-28".
std::string AddDays(std::string_view date, int days);

// The Monday of the ISO week containing a valid date ("2026-11-18" -> "2026-11-16").
std::string WeekStart(std::string_view date);

}  // namespace kiosk::storage
