// The database schema and its numbered migrations (tracked with PRAGMA user_version), plus the connection
// settings every connection to a result database uses. Private to kiosk_storage.
#pragma once

#include "storage/sqlite_db.h"

namespace kiosk::storage::schema {

// The schema version this program writes. Migration N turns version N-1 into N.
inline constexpr int kVersion = 2;

// Rows are ~1–3 KB (the answers live in the row); 16 KiB pages keep even a 173-item questionnaire's row on
// its page instead of spilling into overflow pages. Only takes effect when the file is created.
inline constexpr int kPageSize = 16384;

int UserVersion(sql::Connection& db);

// Throws StorageError(Other) for a file that is not a kiosk result database or whose schema is newer.
// Reads only: call it before anything that would change the file (WAL mode, migrations).
void RequireCompatible(sql::Connection& db);

// Brings the schema up to kVersion, each step in its own transaction together with its user_version.
// Throws StorageError(Other) for a file that is not a kiosk result database or whose schema is newer.
void Migrate(sql::Connection& db);

// Throws StorageError(Other) unless `db` is a kiosk result database at exactly kVersion (readers).
void RequireCurrent(sql::Connection& db);

}  // namespace kiosk::storage::schema
