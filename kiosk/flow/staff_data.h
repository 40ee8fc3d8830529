// What staff pages show that comes from the result store and the drives, and the port the app implements
// to fetch it (kiosk/app/staff_store.h, over storage). The staff flow only holds these values; the app does
// the reading. Implementations never throw: a failure comes back as ok = false with a reason for the log.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::flow {

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

// A mounted removable drive (USB stick) staff can export to.
struct UsbDrive {
    std::string path;  // its mount point
    std::string name;  // the last part of the mount point (usually the stick's label)
};

enum class ExportFileFormat { Csv = 0, Xlsx = 1, Json = 2 };
enum class ExportDates { Day = 0, Week = 1, Month = 2 };  // how result dates are grouped in the file

struct ExportRequest {
    std::string dir;  // the drive's mount point
    ExportFileFormat format = ExportFileFormat::Csv;
    ExportDates dates = ExportDates::Week;
    std::string questionnaireId;  // empty = all
    std::string language = "vi";  // of column headers and labels
};

// Why an export failed, in words staff can act on.
enum class ExportProblem { None, DriveFull, DriveReadOnly, DriveGone, Database };

struct ExportOutcome {
    bool ok = false;
    std::string fileName;  // on the drive, e.g. ketqua-nangluc-so_20194_2026-11-18.csv
    std::int64_t rows = 0;
    ExportProblem problem = ExportProblem::None;
    std::string detail;  // English, for the staff log
};

// "Tháo USB an toàn": why a stick could not be released, in words staff can act on.
enum class RemoveProblem {
    None,
    NotThere,      // not a stick the kiosk mounted (already pulled out, or never a USB mount)
    FlushFailed,   // what was written could not be flushed to the stick: it may be gone or broken
    StillMounted,  // flushed, but the system would not unmount it yet (busy): try again in a moment
};

struct RemoveOutcome {
    bool ok = false;
    RemoveProblem problem = RemoveProblem::None;
    std::string detail;  // English, for the staff log
};

// Sending results to the city's central database, as the app last saw it (a snapshot of the sync worker:
// the flow and the screens never see the thread). Counts and an error kind only; never the address's password.
struct CentralSyncHealth {
    bool configured = false;          // a central_url is set (otherwise no sync worker runs)
    std::int64_t waiting = -1;        // local results the central database has not acknowledged; -1 = not known yet
    std::string lastSuccess;          // local "YYYY-MM-DD HH:MM" of the last successful pass; empty = none yet
    std::string error;                // the last pass's error kind ("unreachable", "auth-failed", …); empty = none
    int failures = 0;                 // consecutive failed passes
    std::int64_t nextAttemptSeconds = 0;  // after a failure: when the worker tries again
};

// The kiosk's health for staff: the database, its integrity, free disk space and the log's last lines.
struct HealthData {
    std::string database;            // path
    std::int64_t databaseBytes = -1;  // -1 = unknown (missing)
    bool healthy = false;            // the integrity check passed and every row decodes
    std::string integrity;           // "ok" or what the check found / why it could not run
    std::int64_t results = 0;        // real results stored
    std::int64_t freeBytes = -1;     // on the database's disk; -1 = unknown
    std::vector<std::string> logTail;  // the last lines of the kiosk log, oldest first
    CentralSyncHealth central;
};

class StaffData {
public:
    virtual ~StaffData() = default;
    // Labels in `language` ("vi" or "en").
    virtual DashboardData Dashboard(const std::string& language) = 0;
    virtual std::vector<UsbDrive> UsbDrives() = 0;
    virtual HealthData Health() = 0;
    // Writes the export under a temporary name on the drive, fsyncs and renames it, so a partial file never
    // carries the final name. Runs on a worker thread: `progress(done, total)` may be called from it.
    virtual ExportOutcome Export(const ExportRequest& request,
                                 const std::function<void(std::int64_t done, std::int64_t total)>& progress) = 0;
    // Flushes the stick mounted at `mountPoint` (one of UsbDrives()) and unmounts it, so it can be pulled
    // out. May block for seconds (a slow stick, the system's unmount): the app calls it on a worker thread.
    // Stores that know no drives leave this default, which refuses.
    virtual RemoveOutcome SafelyRemove(const std::string& mountPoint) {
        return {false, RemoveProblem::NotThere, mountPoint + ": this kiosk cannot release USB sticks"};
    }
};

}  // namespace kiosk::flow
