// The city's central PostgreSQL database: connecting (credentials only from a root-only pgpass file, TLS
// verify-full by default for non-local hosts), typed errors, and the central schema with its migrations and
// roles. <libpq-fe.h> stays out of this header; every failure is a CentralError.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::storage {

// What went wrong with the central database, as the staff health page and `kiosk-admin sync` show it.
enum class CentralErrorKind {
    BadConfig,  // the URL or the credentials file is unusable (password in the URL, file readable by others…)
    Unreachable,       // no server answers at that address (or it is starting / shutting down)
    AuthFailed,        // the server answered and refused the login (wrong password, unknown role, pg_hba)
    Tls,               // the server's certificate could not be verified (expired, wrong host, unknown CA)
    PermissionDenied,  // logged in, but this role may not do that (not registered as this kiosk's role)
    DiskFull,          // the central server has no space left
    SchemaBehind,      // the central schema is older than this software needs: run `central init` there
    SchemaAhead,       // the central schema is too new for this kiosk: update the kiosk software
    ConnectionLost,    // the connection broke during the work (nothing unacknowledged was marked)
    LocalStorage,      // the local result database failed
    Other,
};
const char* CentralErrorKindName(CentralErrorKind kind);

class CentralError : public std::runtime_error {
  public:
    CentralError(CentralErrorKind kind, const std::string& message)
        : std::runtime_error(message), m_kind(kind) {}
    CentralErrorKind Kind() const { return m_kind; }

  private:
    CentralErrorKind m_kind;
};

// Where the central database is. `url` is a libpq URL or key=value string without a password.
struct CentralConfig {
    std::string url;
    // A pgpass file (host:port:db:user:password lines) that must be owned by this user and have no group or
    // other permissions. Empty: /etc/kiosk/central.pgpass when it exists, else no password.
    std::string passfile;
    int connectTimeoutSeconds = 10;
};

inline constexpr const char* kDefaultPassfile = "/etc/kiosk/central.pgpass";

// The central schema version this program creates and needs; kiosks older than `min_kiosk_version` (kept
// in the central meta table) are refused with SchemaAhead.
inline constexpr int kCentralVersion = 3;

// Group roles created by InitCentral. Kiosk roles are members of kKioskRole, analysts of kAnalystRole.
inline constexpr const char* kKioskRole = "kiosk_writer";
inline constexpr const char* kAnalystRole = "kiosk_analyst";

namespace pg {

// A query result as text cells (NULL -> empty + isNull).
struct Rows {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> cells;
    std::vector<std::vector<bool>> nulls;
};

// One libpq connection. Not thread-safe: one per thread.
class Connection {
  public:
    // Connects; throws CentralError with a kind (never containing the password).
    explicit Connection(const CentralConfig& config);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Host, port, database and user only: safe for logs and screens.
    const std::string& Describe() const { return m_describe; }

    // Runs SQL (one or more statements, no parameters) and returns the last result's rows.
    Rows Exec(const std::string& sql);
    // One statement with text parameters ($1…); `binary` marks parameters sent as raw bytes.
    Rows Exec(const std::string& sql, const std::vector<std::string>& params,
              const std::vector<bool>& binary = {});
    // COMMIT, throwing unless the server reports that it committed (an aborted transaction "commits" as
    // ROLLBACK): the one place that decides whether rows may be marked acknowledged.
    void Commit();
    // COPY … FROM STDIN with `data` in COPY text format.
    void CopyIn(const std::string& sql, const std::string& data);
    // The password hash PostgreSQL stores for ALTER ROLE … PASSWORD (SCRAM, computed here: the clear
    // password never reaches the server's logs).
    std::string EncryptPassword(const std::string& password, const std::string& role);
    // Double-quoted identifier.
    std::string QuoteIdent(const std::string& name);
    std::string QuoteLiteral(const std::string& text);

  private:
    [[noreturn]] void Fail(const void* result, const std::string& what);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_describe;
};

}  // namespace pg

// user@host:port/db of a central address: safe for logs and screens (a password in it is left out).
std::string DescribeCentralUrl(const std::string& url);

// True when `host` names this machine (a Unix socket directory, localhost, 127.x, ::1): TLS is not required.
bool IsLocalHost(const std::string& host);

struct InitReport {
    int fromVersion = 0, toVersion = 0;
};

// Creates or migrates the central schema (idempotent; safe to run again, and concurrently: an advisory
// lock serialises runs). Throws CentralError(SchemaAhead) when the database is newer than this program.
InitReport InitCentral(pg::Connection& db);

// Reads the central schema version and refuses (SchemaBehind / SchemaAhead) one this program cannot use.
void CheckCentralVersion(pg::Connection& db);

// Creates (or resets the password of) a login role that is a kiosk for `kioskId` (kind "kiosk") or an
// analyst (kind "analyst"); returns the new random password, for the caller to put in a pgpass file.
std::string AddCentralRole(pg::Connection& db, const std::string& kind, const std::string& role,
                           const std::string& kioskId);

// Writes a pgpass line into a new file with mode 0600 (refuses to replace an existing file).
void WritePassfile(const std::string& path, const std::string& host, const std::string& port,
                   const std::string& dbname, const std::string& role, const std::string& password);

}  // namespace kiosk::storage
