// RAII wrappers around SQLite: connection, prepared statement, transaction; errors become StorageError.
#include "storage/sqlite_db.h"

#include <cerrno>

namespace kiosk::storage::sql {

StorageErrorKind KindOf(int code) {
    switch (code & 0xFF) {
        case SQLITE_FULL:
            return StorageErrorKind::DiskFull;
        case SQLITE_READONLY:
            return StorageErrorKind::ReadOnly;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return StorageErrorKind::Corrupt;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StorageErrorKind::Busy;
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return StorageErrorKind::CannotOpen;
        default:
            return StorageErrorKind::Other;
    }
}

void Throw(sqlite3* db, int code, const std::string& what) {
    std::string message = what + ": ";
    // sqlite3_errmsg describes the most recent failure on this connection, which is this one; without a
    // connection only the generic text for the code is known.
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw StorageError(KindOf(code), message);
}

Connection::Connection(const std::string& path, int flags) : m_path(path) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "cannot open " + path + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        int err = m_db ? sqlite3_system_errno(m_db) : 0;
        sqlite3_close(m_db);
        m_db = nullptr;
        // SQLite says only "unable to open"; the system's reason tells a read-only or full disk apart.
        StorageErrorKind kind = err == EROFS || err == EACCES           ? StorageErrorKind::ReadOnly
                                : err == ENOSPC                         ? StorageErrorKind::DiskFull
                                : KindOf(rc) == StorageErrorKind::Other ? StorageErrorKind::CannotOpen
                                                                        : KindOf(rc);
        throw StorageError(kind, message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Refuse writes to the schema through PRAGMAs and distrust functions named in a file's schema: files may
    // come from elsewhere (a copied USB stick, a moved-aside corrupt file).
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
}

Connection::~Connection() {
    // sqlite3_close_v2 finishes even if a statement was leaked; all statements are RAII here anyway.
    sqlite3_close_v2(m_db);
}

void Connection::Exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StorageError(KindOf(rc), m_path + ": " + message);
    }
}

std::string Connection::QueryText(const char* sql) {
    Statement st(*this, sql);
    return st.Step() ? std::string(st.Text(0)) : std::string();
}

std::int64_t Connection::QueryInt(const char* sql) {
    Statement st(*this, sql);
    return st.Step() ? st.Int(0) : 0;
}

bool Connection::InTransaction() const {
    return sqlite3_get_autocommit(m_db) == 0;
}

Statement::Statement(Connection& db, std::string_view sql) : m_db(db) {
    int rc = sqlite3_prepare_v3(db.Handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) Throw(db.Handle(), rc, db.Path());
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::Bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) Throw(m_db.Handle(), rc, m_db.Path());
    return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) Throw(m_db.Handle(), rc, m_db.Path());
    return *this;
}

Statement& Statement::Bind(int index, const std::optional<double>& value) {
    int rc = value ? sqlite3_bind_double(m_stmt, index, *value) : sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) Throw(m_db.Handle(), rc, m_db.Path());
    return *this;
}

Statement& Statement::BindBlob(int index, const void* data, std::size_t size) {
    int rc = sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) Throw(m_db.Handle(), rc, m_db.Path());
    return *this;
}

Statement& Statement::BindNull(int index) {
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) Throw(m_db.Handle(), rc, m_db.Path());
    return *this;
}

bool Statement::Step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Throw(m_db.Handle(), rc, m_db.Path());
}

void Statement::Reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::IsNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::Int(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::Double(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string_view Statement::Text(int column) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::string_view Statement::Blob(int column) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

Transaction::Transaction(Connection& db, Mode mode) : m_db(db) {
    // IMMEDIATE takes the write lock up front, so a busy database fails here (after busy_timeout) rather
    // than half-way through the writes.
    m_db.Exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    // Some errors (SQLITE_FULL, IOERR, BUSY during COMMIT) already roll back; only roll back what is open.
    if (!m_done && m_db.InTransaction()) sqlite3_exec(m_db.Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::Commit() {
    m_db.Exec("COMMIT");
    m_done = true;
}

}  // namespace kiosk::storage::sql
