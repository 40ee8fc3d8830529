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
    // Small-group rule (k-anonymity over every quasi-identifier the export writes: period, kiosk, location,
    // questionnaire, language, assisted, age band, gender, simulated): a row whose combination fewer than k
    // rows share has its profile, then its language, then its kiosk and location written as "suppressed"
    // until its generalised group reaches k; otherwise the row is withheld.
    int k = 5;
    std::string language = "vi";  // of headers and labels: "vi" or "en"
    // The key of the ids and row order (see the README: unlinkable exports). Empty, as everywhere but in
    // golden-file tests: a fresh random key, forgotten after the export.
    std::string idKey;
    // Called now and then with the rows written so far and the rows to write (the staff screen's progress
    // bar); may be empty.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct ExportSummary {
    std::int64_t rows = 0;
    std::int64_t suppressedRows = 0;
    std::int64_t withheldRows = 0;  // rows left out: no generalisation gave them a group of k (see k above)
    std::vector<std::string> quarantined;  // "stored-id: why" of damaged rows left out of the export
    int stalePartialsRemoved = 0;  // *.partial-* files of interrupted exports removed from the folder
    std::vector<StoredQuestionnaire> questionnaires;  // the versions in the export (without documents)
};

// Writes the export to `outPath`. The file appears only when complete (written beside it, then renamed);
// only a regular file (or nothing) at `outPath` is ever replaced — a device, FIFO, folder or symlink is
// refused (StorageError, place OutputFile).
// Reads one consistent snapshot, so a kiosk saving meanwhile neither blocks nor is blocked. Throws
// StorageError (reading the database, or writing the file: DiskFull, ReadOnly, CannotOpen).
ExportSummary ExportResults(ResultReader& reader, const ExportOptions& options, const std::string& outPath);

}  // namespace kiosk::storage
