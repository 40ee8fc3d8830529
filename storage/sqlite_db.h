// Thin RAII wrappers around the SQLite C API, private to kiosk_storage (the only header that includes
// <sqlite3.h>). Every failure becomes a StorageError whose kind says what the caller can do about it
// (disk full, read-only, corrupt, busy…). A Transaction rolls back in its destructor unless committed,
// so an exception anywhere inside a write leaves the database as it was.
#pragma once

#include "storage/result_store.h"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::storage::sql {

// Maps an SQLite result code (primary or extended) to the StorageError kind a caller acts on.
StorageErrorKind KindOf(int code);

// Throws StorageError for `code`, with SQLite's message for `db` (may be null) and `what` as context.
[[noreturn]] void Throw(sqlite3* db, int code, const std::string& what);

class Statement;

class Connection {
public:
    // flags: SQLITE_OPEN_* (READWRITE, CREATE, …). Throws StorageError (CannotOpen, ReadOnly…).
    Connection(const std::string& path, int flags);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* Handle() const { return m_db; }
    const std::string& Path() const { return m_path; }

    // Runs one or more statements that return no rows we need.
    void Exec(const char* sql);
    void Exec(const std::string& sql) { Exec(sql.c_str()); }
    // Runs a one-value query ("PRAGMA user_version") and returns its first column as text / integer.
    std::string QueryText(const char* sql);
    std::int64_t QueryInt(const char* sql);
    bool InTransaction() const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// A prepared statement. Bind with 1-based indexes, Step() until it returns false, Reset() to reuse.
class Statement {
public:
    Statement(Connection& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, const std::optional<double>& value);  // empty -> NULL
    Statement& BindBlob(int index, const void* data, std::size_t size);
    Statement& BindNull(int index);

    // True when a row is available; false when done. Throws StorageError on failure.
    bool Step();
    void Reset();

    bool IsNull(int column) const;
    std::int64_t Int(int column) const;
    double Double(int column) const;
    // The text of a column, valid until the next Step()/Reset(); empty for NULL.
    std::string_view Text(int column) const;
    std::string_view Blob(int column) const;

private:
    Connection& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE (writers) or BEGIN (readers: a consistent snapshot). Rolls back unless Commit() ran.
class Transaction {
public:
    enum class Mode { Read, Write };
    Transaction(Connection& db, Mode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void Commit();

private:
    Connection& m_db;
    bool m_done = false;
};

}  // namespace kiosk::storage::sql
