// Central sync inside the kiosk app: a worker thread that runs storage::CentralSync in the background when a
// central URL is configured, woken after every save (never waited for: a save or a frame only signals it),
// stopped and joined when the app closes. The health page gets a plain snapshot (flow::CentralSyncHealth)
// through a StaffData wrapper; the sink wrapper wakes the worker after each successful save.
#pragma once

#include "kiosk/app/kiosk_controller.h"
#include "kiosk/flow/staff_data.h"
#include "kiosk/station/config.h"
#include "kiosk/station/event_log.h"
#include "storage/central_sync.h"

#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::app {

// The sync settings from the kiosk configuration; nullopt when no central_url is set (no worker then).
std::optional<storage::SyncOptions> CentralSyncOptionsFrom(const station::KioskConfig& config);

class SyncWorker;
// The worker for this configuration, started, or null when no central_url is set; logs which (without the
// address's password).
std::unique_ptr<SyncWorker> StartCentralSync(const station::KioskConfig& config, station::EventLog& log);

class SyncWorker {
public:
    // Starts the worker thread (the first pass runs at once).
    explicit SyncWorker(storage::SyncOptions options);
    ~SyncWorker();  // Stop() + join: a pass under way ends at its next batch boundary or connection failure
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Asks for a pass soon (after a save). Returns at once.
    void Wake();
    // The status for the health page; the last success in local time.
    flow::CentralSyncHealth Health() const;
    // Writes what changed since the last call to the staff log (a new error kind, recovery). Called on the
    // thread that owns `log` (the frame thread): the worker itself never writes the log.
    void LogChanges(station::EventLog& log);
    // Where it sends to: user@host:port/db, never a password.
    const std::string& Where() const { return m_where; }

private:
    std::unique_ptr<storage::CentralSync> m_sync;
    std::string m_where;
    std::thread m_thread;
    std::string m_loggedError;  // the error kind last logged ("" = none)
};

// A ResultSink that wakes the sync worker after every successful save (worker null: plain pass-through).
class SyncingSink final : public ResultSink {
public:
    SyncingSink(ResultSink& inner, SyncWorker* worker) : m_inner(inner), m_worker(worker) {}
    SaveOutcome Ready() override { return m_inner.Ready(); }
    SaveOutcome Save(const core::ResultRecord& record) override;
    std::vector<std::string> TakeStaffNotices() override { return m_inner.TakeStaffNotices(); }

private:
    ResultSink& m_inner;
    SyncWorker* m_worker;
};

// StaffData whose health page also carries the central-sync status (worker null: "not configured").
class SyncingStaffData final : public flow::StaffData {
public:
    SyncingStaffData(flow::StaffData& inner, const SyncWorker* worker) : m_inner(inner), m_worker(worker) {}
    flow::DashboardData Dashboard(const std::string& language) override { return m_inner.Dashboard(language); }
    std::vector<flow::UsbDrive> UsbDrives() override { return m_inner.UsbDrives(); }
    flow::HealthData Health() override;
    flow::ExportOutcome Export(const flow::ExportRequest& request,
                               const std::function<void(std::int64_t, std::int64_t)>& progress) override {
        return m_inner.Export(request, progress);
    }

private:
    flow::StaffData& m_inner;
    const SyncWorker* m_worker;
};

}  // namespace kiosk::app
