// The sync engine: pushes a kiosk's unacknowledged results to the central database in batches, each batch
// one central transaction (COPY into a temporary table, then INSERT … ON CONFLICT DO NOTHING on the result
// id), and marks rows acknowledged locally only after the central COMMIT returned. Delivery is therefore
// at-least-once and the central table holds each result exactly once whatever fails in between.
//
// Threading: RunOnce() and RunUntilStopped() belong to one worker thread; Status() and Stop() may be called
// from any thread (the kiosk's frame thread reads Status() for the staff health page).
#pragma once

#include "storage/central_db.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::storage {

struct SyncOptions {
    CentralConfig central;
    std::string dbPath;           // the local result database
    std::size_t batchSize = 500;  // rows per central transaction
    // The kiosk app starts its worker before the first result creates the database: a missing file there
    // means nothing waits. `kiosk-admin sync` keeps false, so a mistyped --db path is an error.
    bool missingDatabaseIsEmpty = false;
    // Backoff after a failure: first wait, doubling up to the maximum (with ±20 % jitter so 94 kiosks that
    // lost the server together do not return together). After success the worker polls every `pollInterval`.
    std::chrono::milliseconds firstBackoff{2000}, maxBackoff{std::chrono::minutes(10)};
    std::chrono::milliseconds pollInterval{std::chrono::minutes(1)};
};

// A snapshot for screens and logs. Counts, not contents; no passwords.
struct SyncStatus {
    bool running = false;          // a pass is under way
    std::int64_t waiting = -1;     // local results not yet acknowledged (-1: not yet known)
    std::int64_t sentThisRun = 0;  // rows acknowledged since the engine was created
    std::optional<std::chrono::system_clock::time_point> lastSuccess;
    std::optional<CentralErrorKind> lastError;  // empty after a successful pass
    std::string lastErrorMessage;
    int consecutiveFailures = 0;
    std::chrono::milliseconds nextAttemptIn{0};
};

struct SyncPass {
    std::int64_t sent = 0;     // rows acknowledged in this pass
    std::int64_t batches = 0;  // central transactions committed
    std::int64_t waiting = 0;  // rows still waiting afterwards
};

class CentralSync {
  public:
    explicit CentralSync(SyncOptions options);
    ~CentralSync();
    CentralSync(const CentralSync&) = delete;
    CentralSync& operator=(const CentralSync&) = delete;

    // One pass: connect (or reuse the connection), check the central schema version, push batches until
    // nothing waits. `onBatch` (optional) is told after every acknowledged batch. Throws CentralError
    // (a local failure is CentralErrorKind::LocalStorage); the connection is dropped after any failure.
    SyncPass RunOnce(const std::function<void(const SyncPass&)>& onBatch = {});

    // The worker loop for the kiosk app: RunOnce, then wait (poll interval, or backoff after a failure)
    // until Stop() or Wake(). Never throws; errors go into Status().
    void RunUntilStopped();
    void Stop();  // a pass under way ends after its current batch (or connection attempt)
    void Wake();  // e.g. after a save, to sync soon instead of at the next poll

    SyncStatus Status() const;
    // The wait after `failures` consecutive failures (without jitter): firstBackoff · 2^(failures-1), capped.
    std::chrono::milliseconds BackoffFor(int failures) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::storage
