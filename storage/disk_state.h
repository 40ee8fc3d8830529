// The result database's files as found on disk, before SQLite touches them. SQLite treats a missing or
// empty main file as a new database and throws away a write-ahead log beside it, so every state that is
// not "nothing there" or "a SQLite main file (with or without its log)" is detected here first; the
// store then moves the whole set aside (never deleting) and recovers what the log holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::storage {

enum class DiskState {
    Absent,          // no main file (or an empty one) and no write-ahead log with content: a new database
    Normal,          // a main file that starts with the SQLite header
    LogWithoutMain,  // the main file is missing or empty but PATH-wal holds frames (or a -journal is left)
    NotSqlite        // the main file has bytes but is not an SQLite database
};

struct DiskInspection {
    DiskState state = DiskState::Absent;
    std::string detail;  // for staff: what was found
    bool Unexpected() const { return state == DiskState::LogWithoutMain || state == DiskState::NotSqlite; }
};

DiskInspection InspectDatabaseFiles(const std::string& path);

// Renames PATH and its -wal/-shm/-journal companions to PATH.LABEL-DAY-RANDOM(-wal/-shm/-journal), keeping
// the set together; never deletes. Returns the new main name. Throws StorageError (Corrupt) on failure.
std::string MoveDatabaseAside(const std::string& path, const std::string& label);

// Sets moved aside earlier beside `path` (their main names, PATH.corrupt-… / PATH.unexpected-…), for
// check-db and the staff health page.
std::vector<std::string> MovedAsideSets(const std::string& path);

// Rebuilds a database at `target` (which must not exist) from a write-ahead log whose main file is lost,
// working on copies: `wal` itself is only read. Succeeds when the log holds every page of a kiosk result
// database (true when it was never checkpointed, the case of a fresh kiosk or a lost copy of the main
// file). Returns the number of results recovered, or nothing with `detail` saying why not.
std::optional<std::int64_t> RecoverFromWal(const std::string& wal, const std::string& target, std::string& detail);

}  // namespace kiosk::storage
