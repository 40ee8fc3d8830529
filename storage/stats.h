// Aggregate statistics of stored results for staff (`kiosk-admin stats`) and the staff dashboard: counts
// today / this week / all time, the level distribution, mean scores per area and competency, and
// breakdowns by location, age band and gender. Every breakdown cell covering fewer than k results is
// suppressed: its count and mean are withheld (shown as "<k"), so a small group cannot be singled out; in
// a breakdown that splits a shown total, further cells are hidden (complementary suppression, "*") so that
// no hidden cell can be worked out by subtraction, for counts and for means. Rows that do not decode are
// left out and listed (quarantined) instead of stopping the statistics.
#pragma once

#include "storage/result_reader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::storage {

struct StatsQuery {
    ResultFilter filter;
    int k = 5;
    std::string today;            // "YYYY-MM-DD"; empty = TodayLocalDate()
    std::string language = "vi";  // of labels: "vi" or "en"
};

struct StatsCell {
    std::string questionnaireId;  // for levels, areas and competencies: whose ids these are
    std::string id;               // level/area/competency id, location code, age band or gender
    std::string label;            // in the query's language (the id when no label is known)
    bool suppressed = false;      // fewer than k results: count and mean are withheld
    bool complementary = false;   // suppressed although ≥ k, so that a small cell beside it stays hidden
    std::int64_t count = 0;       // results in the cell (0 when suppressed)
    std::optional<double> mean;   // mean score, rounded to 0.1; empty when suppressed or fewer than k values
};

struct StatsReport {
    int k = 5;
    std::string today, weekStart;  // the ISO week (Monday to today) counted as "this week"
    // Totals are not suppressed: they say how much the kiosk is used, not who used it.
    std::int64_t countToday = 0, countThisWeek = 0, countTotal = 0;
    std::optional<double> meanOverall;    // empty when fewer than k results were assessed
    std::vector<StatsCell> levels;        // overall level distribution, per questionnaire in level order
    std::vector<StatsCell> areas;         // count = results with the area assessed; mean area score
    std::vector<StatsCell> competencies;  // likewise per competency
    std::vector<StatsCell> locations;     // count and mean overall score per location code
    std::vector<StatsCell> ageBands;      // every age band, in core::AgeBands() order
    std::vector<StatsCell> genders;       // every gender, in core::Genders() order
    std::vector<std::string> quarantined; // "id: why" of damaged rows left out of every figure
};

enum class StatsBreakdown { Area, Competency, Level, Location, Age, Gender };
std::optional<StatsBreakdown> ParseStatsBreakdown(std::string_view name);  // "area", "competency", …
const char* StatsBreakdownName(StatsBreakdown b);

// Throws StorageError.
StatsReport QueryStats(ResultReader& reader, const StatsQuery& query);
StatsReport QueryStats(const std::string& dbPath, const StatsQuery& query);

// A table for people (language "vi" or "en"); only `by` when given, otherwise every breakdown.
std::string StatsToText(const StatsReport& report, std::optional<StatsBreakdown> by,
                        const std::string& language);
// JSON for machines: suppressed cells carry "count": null, "mean": null, "suppressed": true.
std::string StatsToJson(const StatsReport& report, std::optional<StatsBreakdown> by);

}  // namespace kiosk::storage
