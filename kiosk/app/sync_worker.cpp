// The kiosk's background central sync: one std::thread running CentralSync::RunUntilStopped.
#include "kiosk/app/sync_worker.h"

#include <ctime>

namespace kiosk::app {

std::optional<storage::SyncOptions> CentralSyncOptionsFrom(const station::KioskConfig& config) {
    if (config.centralUrl.empty()) return std::nullopt;
    storage::SyncOptions o;
    o.central.url = config.centralUrl;
    o.central.passfile = config.centralPassfile;
    o.dbPath = config.database;
    o.missingDatabaseIsEmpty = true;  // a new kiosk creates it with its first result
    o.batchSize = static_cast<std::size_t>(config.centralBatchSize);
    o.pollInterval = std::chrono::seconds(config.centralPollIntervalS);
    return o;
}

std::unique_ptr<SyncWorker> StartCentralSync(const station::KioskConfig& config, station::EventLog& log) {
    std::optional<storage::SyncOptions> options = CentralSyncOptionsFrom(config);
    if (!options) {
        log.Write(core::LogLevel::Info, "central sync: not configured (no central_url)");
        return nullptr;
    }
    auto worker = std::make_unique<SyncWorker>(std::move(*options));
    log.Write(core::LogLevel::Info, "central sync: sending results to " + worker->Where() + " in the background");
    return worker;
}

SyncWorker::SyncWorker(storage::SyncOptions options)
    : m_where(storage::DescribeCentralUrl(options.central.url)) {
    m_sync = std::make_unique<storage::CentralSync>(std::move(options));
    m_thread = std::thread([sync = m_sync.get()] { sync->RunUntilStopped(); });
}

SyncWorker::~SyncWorker() {
    m_sync->Stop();
    if (m_thread.joinable()) m_thread.join();
}

void SyncWorker::Wake() { m_sync->Wake(); }

flow::CentralSyncHealth SyncWorker::Health() const {
    const storage::SyncStatus s = m_sync->Status();
    flow::CentralSyncHealth h;
    h.configured = true;
    h.waiting = s.waiting;
    if (s.lastSuccess) {
        // Local time for staff on this page only; it is never stored.
        const std::time_t t = std::chrono::system_clock::to_time_t(*s.lastSuccess);
        std::tm local{};
        char buf[32];
        if (localtime_r(&t, &local) && std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local)) h.lastSuccess = buf;
    }
    if (s.lastError) h.error = storage::CentralErrorKindName(*s.lastError);
    h.failures = s.consecutiveFailures;
    h.nextAttemptSeconds = (s.nextAttemptIn.count() + 999) / 1000;
    return h;
}

void SyncWorker::LogChanges(station::EventLog& log) {
    const storage::SyncStatus s = m_sync->Status();
    const std::string kind = s.lastError ? storage::CentralErrorKindName(*s.lastError) : "";
    // Once per new kind of trouble (not on every retry), and once when it works again. The messages name
    // the server as user@host:port/db only.
    if (kind == m_loggedError) return;
    if (!kind.empty())
        log.Write(core::LogLevel::Staff, "central sync [" + kind + "]: " + s.lastErrorMessage);
    else
        log.Write(core::LogLevel::Info, "central sync to " + m_where + " works again; " +
                                            std::to_string(s.waiting < 0 ? 0 : s.waiting) + " result(s) waiting");
    m_loggedError = kind;
}

SaveOutcome SyncingSink::Save(const core::ResultRecord& record) {
    SaveOutcome out = m_inner.Save(record);
    if (out.ok && m_worker) m_worker->Wake();  // committed locally: the worker may send it
    return out;
}

flow::HealthData SyncingStaffData::Health() {
    flow::HealthData h = m_inner.Health();
    if (m_worker) h.central = m_worker->Health();
    return h;
}

}  // namespace kiosk::app
