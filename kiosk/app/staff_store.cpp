// The staff pages' data over the real result store.
#include "kiosk/app/staff_store.h"
#include "kiosk/station/drives.h"

#include "storage/dates.h"
#include "storage/export.h"
#include "storage/stats.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace kiosk::app {

namespace {

std::vector<ui::StatCell> Cells(const std::vector<storage::StatsCell>& in, bool prefixQuestionnaire) {
    std::vector<ui::StatCell> out;
    for (const auto& c : in) {
        ui::StatCell cell;
        cell.label = prefixQuestionnaire && !c.questionnaireId.empty() ? c.questionnaireId + ": " + c.label : c.label;
        cell.suppressed = c.suppressed;
        cell.count = c.count;
        cell.mean = c.mean;
        out.push_back(std::move(cell));
    }
    return out;
}

}  // namespace

ui::DashboardData StoreStaffData::Dashboard(const std::string& language) {
    ui::DashboardData d;
    d.k = m_options.k;
    try {
        storage::StatsQuery q;
        q.k = m_options.k;
        q.today = m_options.today;
        q.language = language;
        q.filter.includeSimulated = false;
        const storage::StatsReport r = storage::QueryStats(m_options.database, q);
        d.today = r.countToday;
        d.thisWeek = r.countThisWeek;
        d.total = r.countTotal;
        d.meanOverall = r.meanOverall;
        // With several questionnaires, level and area names are only clear with the questionnaire's id.
        std::set<std::string> ids;
        for (const auto& c : r.levels) ids.insert(c.questionnaireId);
        const bool several = ids.size() > 1;
        d.levels = Cells(r.levels, several);
        d.areas = Cells(r.areas, several);
        d.ageBands = Cells(r.ageBands, false);
        d.genders = Cells(r.genders, false);
        d.ok = true;
    } catch (const std::exception& e) {
        d.ok = false;
        d.error = e.what();
    }
    return d;
}

ui::HealthData StoreStaffData::Health() {
    namespace fs = std::filesystem;
    ui::HealthData h;
    h.database = m_options.database;
    std::error_code ec;
    if (fs::exists(m_options.database, ec)) {
        h.databaseBytes = static_cast<std::int64_t>(fs::file_size(m_options.database, ec));
        // Recent results may still sit in the write-ahead log beside it.
        const std::string wal = m_options.database + "-wal";
        if (fs::exists(wal, ec)) h.databaseBytes += static_cast<std::int64_t>(fs::file_size(wal, ec));
        try {
            storage::ResultReader reader(m_options.database);
            const storage::HealthReport r = reader.Check(false);  // quick_check: seconds at most, not minutes
            h.healthy = r.healthy;
            h.integrity = r.integrity;
            h.results = r.results - r.simulated;  // simulated ones are test data, not citizens
            if (r.damaged > 0) h.integrity += "; " + std::to_string(r.damaged) + " damaged row(s)";
        } catch (const std::exception& e) {
            h.integrity = e.what();
        }
    } else {
        h.healthy = true;  // a new kiosk: the database is created with the first stored result
        h.integrity = "no database yet";
    }
    std::string dir = fs::path(m_options.database).parent_path().string();
    struct statvfs st {};
    if (::statvfs(dir.empty() ? "." : dir.c_str(), &st) == 0)
        h.freeBytes = static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
    // The last 20 lines, from the last 16 KiB at most.
    std::ifstream log(m_options.logFile, std::ios::binary);
    if (log) {
        log.seekg(0, std::ios::end);
        const std::streamoff size = log.tellg();
        const std::streamoff from = std::max<std::streamoff>(0, size - 16384);
        log.seekg(from);
        std::string line;
        if (from > 0) std::getline(log, line);  // a partial first line
        std::vector<std::string> lines;
        while (std::getline(log, line)) lines.push_back(line);
        const std::size_t first = lines.size() > 20 ? lines.size() - 20 : 0;
        h.logTail.assign(lines.begin() + static_cast<std::ptrdiff_t>(first), lines.end());
    }
    return h;
}

std::vector<ui::UsbDrive> StoreStaffData::UsbDrives() {
    std::ifstream in(m_options.mountsFile);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<ui::UsbDrive> drives;
    for (const auto& d : station::RemovableMounts(text.str(), m_options.usbRoots)) drives.push_back({d.path, d.name});
    return drives;
}

ui::ExportOutcome StoreStaffData::Export(const ui::ExportRequest& request,
                                         const std::function<void(std::int64_t, std::int64_t)>& progress) {
    namespace fs = std::filesystem;
    ui::ExportOutcome out;
    static const char* const extensions[] = {"csv", "xlsx", "json"};
    const std::string today = m_options.today.empty() ? storage::TodayLocalDate() : m_options.today;
    // Day only in the name; a second export the same day gets "-2", "-3", … instead of replacing the first.
    const std::string stem = "ketqua-nangluc-so_" + m_options.locationCode + "_" + today;
    const std::string ext = extensions[static_cast<int>(request.format)];
    std::error_code ec;
    std::string name = stem + "." + ext;
    for (int n = 2; fs::exists(fs::path(request.dir) / name, ec) && n < 1000; ++n)
        name = stem + "-" + std::to_string(n) + "." + ext;
    try {
        if (!fs::is_directory(request.dir, ec)) {
            out.problem = ui::ExportProblem::DriveGone;
            out.detail = request.dir + " is not there any more";
            return out;
        }
        storage::ResultReader reader(m_options.database);
        storage::ExportOptions o;
        o.format = request.format == ui::ExportFileFormat::Xlsx   ? storage::ExportFormat::Xlsx
                   : request.format == ui::ExportFileFormat::Json ? storage::ExportFormat::Json
                                                                  : storage::ExportFormat::Csv;
        o.period = request.dates == ui::ExportDates::Day    ? storage::Period::Day
                   : request.dates == ui::ExportDates::Month ? storage::Period::Month
                                                             : storage::Period::Week;
        o.filter.questionnaireId = request.questionnaireId;
        o.filter.includeSimulated = false;
        o.k = m_options.k;
        o.language = request.language;
        o.progress = progress;
        const std::string path = (fs::path(request.dir) / name).string();
        // ExportResults writes beside the target, fsyncs, renames and fsyncs the folder (core::AtomicFile),
        // so the file survives the stick being pulled right after.
        storage::ExportSummary summary = storage::ExportResults(reader, o, path);
        out.ok = true;
        out.fileName = name;
        out.rows = summary.rows;
    } catch (const storage::StorageError& e) {
        out.detail = e.what();
        // Typed: the error says whether it happened on the drive or in the database (never guessed from text).
        const bool onDrive = e.Place() == storage::StoragePlace::OutputFile;
        switch (e.Kind()) {
            case storage::StorageErrorKind::DiskFull:
                out.problem = onDrive ? ui::ExportProblem::DriveFull : ui::ExportProblem::Database;
                break;
            case storage::StorageErrorKind::ReadOnly:
                out.problem = onDrive ? ui::ExportProblem::DriveReadOnly : ui::ExportProblem::Database;
                break;
            default:
                out.problem = (onDrive && e.Kind() == storage::StorageErrorKind::CannotOpen) ||
                                      !fs::is_directory(request.dir, ec)
                                  ? ui::ExportProblem::DriveGone
                                  : ui::ExportProblem::Database;
        }
    } catch (const std::exception& e) {
        out.detail = e.what();
        out.problem = ui::ExportProblem::Database;
    }
    return out;
}

ui::RemoveOutcome StoreStaffData::SafelyRemove(const std::string& mountPoint) {
    const EjectResult r = SafelyRemoveStick(mountPoint, m_options.usbRoots, m_options.unmountCommand);
    switch (r.error) {
        case EjectError::None: return {true, ui::RemoveProblem::None, {}};
        case EjectError::NotAStick: return {false, ui::RemoveProblem::NotThere, r.detail};
        case EjectError::SyncFailed: return {false, ui::RemoveProblem::FlushFailed, r.detail};
        case EjectError::UnmountFailed: break;
    }
    return {false, ui::RemoveProblem::StillMounted, r.detail};
}

}  // namespace kiosk::app
