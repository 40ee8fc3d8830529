// Row-level exports of stored results for staff (CSV for Excel, XLSX) and machines (JSON): one row per
// result, ordered by the random result id, one column per score and per item, dates coarsened to a period,
// and the small-group rule applied to the profile fields.
#pragma once

#include "storage/dates.h"
#include "storage/result_reader.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::storage {

enum class ExportFormat { Csv, Xlsx, Json };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);  // "csv", "xlsx", "json"

// What a profile field says in a row-level export when its small group is too small.
inline constexpr const char* kSuppressed = "suppressed";

struct ExportOptions {
    ExportFormat format = ExportFormat::Csv;
    ResultFilter filter;
    Period period = Period::Week;
    // Small-group rule: when fewer than k exported rows share (period, location, age band, gender), those
    // rows' profile fields (age band, gender, assisted) are written as "suppressed".
    int k = 5;
    std::string language = "vi";  // of headers and labels: "vi" or "en"
    // Called now and then with the rows written so far and the rows to write (the staff screen's progress
    // bar); may be empty.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct ExportSummary {
    std::int64_t rows = 0;
    std::int64_t suppressedRows = 0;
    std::vector<StoredQuestionnaire> questionnaires;  // the versions in the export (without documents)
};

// Writes the export to `outPath`. The file appears only when complete (written beside it, then renamed).
// Reads one consistent snapshot, so a kiosk saving meanwhile neither blocks nor is blocked. Throws
// StorageError (reading the database, or writing the file: DiskFull, ReadOnly, CannotOpen).
ExportSummary ExportResults(ResultReader& reader, const ExportOptions& options, const std::string& outPath);

// RFC 4180 quoting of one CSV field (exposed for tests).
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace kiosk::storage
