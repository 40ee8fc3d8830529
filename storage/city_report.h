// `kiosk-admin city-report`: refreshes the central city views (small groups and their complements
// suppressed in SQL) and writes what the city sees as an XLSX workbook with native charts and a
// self-contained HTML page whose charts are drawn by Chart.js (Debian's libjs-chart.js, inlined so the page
// opens from a file with no network). Reads only the analyst views, never the results table.
#pragma once

#include "storage/central_db.h"

#include <map>
#include <string>

namespace kiosk::storage {

inline constexpr const char* kChartJsPath = "/usr/share/javascript/chart.js/chart.min.js";

struct CityReportOptions {
    int k = 0;  // 0: the central setting (meta key "k", 5 unless changed)
    bool includeSimulated = false;
    std::string xlsxPath, htmlPath;  // either may be empty (not written)
    std::string chartJsPath = kChartJsPath;
};

struct CityReportSummary {
    int k = 0;
    int passes = 0;  // complementary-suppression passes until nothing changed
    bool includeSimulated = false;  // what the refreshed views count (the report says so)
    long long cells = 0, suppressedCells = 0;
    std::map<std::string, double> queryMs;  // wall time of each query, for the benchmark
};

// Throws CentralError (central failures) or StorageError (writing the files).
CityReportSummary WriteCityReport(pg::Connection& db, const CityReportOptions& options);

}  // namespace kiosk::storage
