// Day arithmetic with the proleptic Gregorian calendar (Howard Hinnant's days_from_civil / civil_from_days),
// used to coarsen stored days into ISO weeks and months. No time zones: a stored day is already local.
#include "storage/dates.h"

#include <cstdio>

namespace kiosk::storage {
namespace {

struct Civil {
    int y, m, d;
};

long DaysFromCivil(Civil c) {
    int y = c.y - (c.m <= 2 ? 1 : 0);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (c.m + (c.m > 2 ? -3 : 9)) + 2) / 5 + c.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Civil CivilFromDays(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return {y, m, d};
}

// 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday.
int Weekday(long days) {
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool IsLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::optional<Civil> Parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    Civil c{};
    if (!digits(0, 4, c.y) || !digits(5, 2, c.m) || !digits(8, 2, c.d)) return std::nullopt;
    if (c.y < 1 || c.m < 1 || c.m > 12 || c.d < 1 || c.d > DaysInMonth(c.y, c.m)) return std::nullopt;
    return c;
}

std::string Format(Civil c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

}  // namespace

const char* PeriodName(Period p) {
    switch (p) {
        case Period::Day:
            return "day";
        case Period::Week:
            return "week";
        case Period::Month:
            return "month";
    }
    return "?";
}

std::optional<Period> ParsePeriod(std::string_view name) {
    if (name == "day") return Period::Day;
    if (name == "week") return Period::Week;
    if (name == "month") return Period::Month;
    return std::nullopt;
}

bool IsValidDate(std::string_view date) {
    return Parse(date).has_value();
}

std::string AddDays(std::string_view date, int days) {
    auto c = Parse(date);
    if (!c) return {};
    return Format(CivilFromDays(DaysFromCivil(*c) + days));
}

std::string WeekStart(std::string_view date) {
    auto c = Parse(date);
    if (!c) return {};
    long days = DaysFromCivil(*c);
    return Format(CivilFromDays(days - Weekday(days)));
}

std::string PeriodOf(std::string_view date, Period period) {
    auto c = Parse(date);
    if (!c) return std::string(date);
    char buf[16];
    switch (period) {
        case Period::Day:
            return std::string(date);
        case Period::Month:
            std::snprintf(buf, sizeof buf, "%04d-%02d", c->y, c->m);
            return buf;
        case Period::Week: {
            // The ISO week-year is the year of the week's Thursday; week 1 holds that year's first Thursday.
            long days = DaysFromCivil(*c);
            long thursday = days - Weekday(days) + 3;
            int isoYear = CivilFromDays(thursday).y;
            long jan1 = DaysFromCivil({isoYear, 1, 1});
            int week = static_cast<int>((thursday - jan1) / 7 + 1);
            std::snprintf(buf, sizeof buf, "%04d-W%02d", isoYear, week);
            return buf;
        }
    }
    return std::string(date);
}

}  // namespace kiosk::storage
