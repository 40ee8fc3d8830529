// The durable, anonymized result store (one SQLite file). What is stored is exactly what the README's
// privacy section lists: a random result id, kiosk/location codes, questionnaire id+version+sha256, the
// completion day, language, coarse profile, chosen option indexes and computed scores. Every failure is a
// StorageError; <sqlite3.h> stays out of this header.
#pragma once

#include "kiosk/core/profile.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::storage {

enum class StorageErrorKind { CannotOpen, ReadOnly, DiskFull, Corrupt, Busy, Other };
const char* StorageErrorKindName(StorageErrorKind kind);

// Where a failure happened: in the result database, or in a file being written for staff (an export on a
// USB drive). Callers decide by this, never by looking for a path in the message.
enum class StoragePlace { Database, OutputFile };

class StorageError : public std::runtime_error {
public:
    StorageError(StorageErrorKind kind, const std::string& message, StoragePlace place = StoragePlace::Database)
        : std::runtime_error(message), m_kind(kind), m_place(place) {}
    StorageErrorKind Kind() const { return m_kind; }
    StoragePlace Place() const { return m_place; }

private:
    StorageErrorKind m_kind;
    StoragePlace m_place;
};

struct StoreConfig {
    std::string path = "var/kiosk.db";
    std::string kioskId = "kiosk-1";
    std::string locationCode = "unknown";
    // 0 = no limit. Otherwise a save that would grow the file beyond this many bytes fails with DiskFull,
    // which keeps room on a small disk for the system (and lets tests provoke a full disk unprivileged).
    std::int64_t maxSizeBytes = 0;
    // How long a save waits for another writer (e.g. `kiosk-admin simulate`) before failing with Busy.
    int busyTimeoutMs = 5000;
};

struct OpenReport {
    bool created = false;             // the file did not exist (or was replaced) and was created
    bool corruptMovedAside = false;   // integrity check failed: the old file was renamed, never deleted
    // Not empty when the files were in a state SQLite would mishandle (a write-ahead log without its main
    // file, a main file that is not SQLite): what was found. The set was moved aside to movedAsidePath.
    std::string unexpectedState;
    bool recoveredFromLog = false;    // the moved-aside log was rebuilt into the database now at `path`
    std::int64_t recoveredResults = 0;
    std::string recoveryDetail;       // why the log could not be recovered (when it could not)
    std::string movedAsidePath;
    int schemaVersion = 0;
};

// What the kiosk hands over when a citizen who consented reaches the result screen.
struct ResultRecord {
    const core::Questionnaire* questionnaire = nullptr;
    const core::Result* result = nullptr;
    const core::AnswerMap* answers = nullptr;
    core::Profile profile;
    std::string language;  // "vi", "en"
    std::string date;      // "YYYY-MM-DD", the local day only
    bool simulated = false;
};

// Today's local date as "YYYY-MM-DD".
std::string TodayLocalDate();

class ResultStore {
public:
    // Opens (creating and migrating as needed) the database; throws StorageError.
    explicit ResultStore(const StoreConfig& config);
    ~ResultStore();
    ResultStore(const ResultStore&) = delete;
    ResultStore& operator=(const ResultStore&) = delete;

    const OpenReport& Report() const;
    const StoreConfig& Config() const;

    // Stores one result in a single transaction, durably (fsync'd) before it returns. Returns the random
    // 128-bit result id as 32 lower-case hex characters. Throws StorageError; on failure nothing is stored.
    // The record is only read: after a failure (DiskFull, ReadOnly, Busy…) the caller still holds it and
    // may call Save() again once the cause is gone. A record that breaks the rules (bad date, language,
    // profile value, answer, or scores not matching the questionnaire) is refused with kind Other.
    std::string Save(const ResultRecord& record);

    // Stores several results in one transaction (all or none); returns their ids in the same order.
    // For simulations and bulk loads: a citizen's result always goes through Save().
    std::vector<std::string> SaveBatch(const std::vector<ResultRecord>& records);

    // Number of stored results that are (or are not) simulated.
    std::int64_t CountResults(bool simulated) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::storage
