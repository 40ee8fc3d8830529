// libpq connection with typed errors, and the central schema: its numbered, idempotent migrations, the
// roles (kiosks may only insert their own rows, analysts only read suppressed views) and the city views.
#include "storage/central_db.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>
#include <cerrno>
#include <cstring>
#include <optional>

namespace kiosk::storage {

const char* CentralErrorKindName(CentralErrorKind kind) {
    switch (kind) {
        case CentralErrorKind::BadConfig:
            return "bad-config";
        case CentralErrorKind::Unreachable:
            return "unreachable";
        case CentralErrorKind::AuthFailed:
            return "auth-failed";
        case CentralErrorKind::Tls:
            return "tls";
        case CentralErrorKind::PermissionDenied:
            return "permission-denied";
        case CentralErrorKind::DiskFull:
            return "central-disk-full";
        case CentralErrorKind::SchemaBehind:
            return "schema-behind";
        case CentralErrorKind::SchemaAhead:
            return "schema-ahead";
        case CentralErrorKind::ConnectionLost:
            return "connection-lost";
        case CentralErrorKind::LocalStorage:
            return "local-storage";
        case CentralErrorKind::Other:
            return "other";
    }
    return "other";
}

bool IsLocalHost(const std::string& host) {
    if (host.empty() || host[0] == '/' || host[0] == '@') return true;  // Unix socket (or libpq's default)
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

namespace pg {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kNoPassfile = "/nonexistent/kiosk-central-no-passfile";

std::string Get(const Params& params, const std::string& key) {
    for (const auto& [k, v] : params)
        if (k == key) return v;
    return {};
}

void Set(Params& params, const std::string& key, const std::string& value) {
    for (auto& [k, v] : params)
        if (k == key) {
            v = value;
            return;
        }
    params.emplace_back(key, value);
}

// The credentials file must be private to this user, as ssh demands of its keys: otherwise another account
// on the kiosk could read the central password.
std::string CheckedPassfile(const CentralConfig& config) {
    std::string path = config.passfile;
    struct stat st {};
    if (path.empty()) {
        if (::stat(kDefaultPassfile, &st) != 0) return {};
        path = kDefaultPassfile;
    } else if (::stat(path.c_str(), &st) != 0) {
        throw CentralError(CentralErrorKind::BadConfig,
                           "the credentials file " + path + " cannot be read: " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        throw CentralError(CentralErrorKind::BadConfig, "the credentials file " + path + " is not a file");
    if (st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
        throw CentralError(CentralErrorKind::BadConfig,
                           "the credentials file " + path +
                               " must belong to this user and be readable by nobody else (chmod 600)");
    return path;
}

std::vector<const char*> Pointers(const Params& params, bool values) {
    std::vector<const char*> out;
    for (const auto& p : params) out.push_back(values ? p.second.c_str() : p.first.c_str());
    out.push_back(nullptr);
    return out;
}

CentralErrorKind KindOfSqlState(const char* state) {
    std::string s = state ? state : "";
    if (s == "53100") return CentralErrorKind::DiskFull;
    if (s == "42501") return CentralErrorKind::PermissionDenied;
    if (s == "42P01" || s == "42883" || s == "3F000") return CentralErrorKind::SchemaBehind;
    if (s.rfind("08", 0) == 0 || s.rfind("57P", 0) == 0) return CentralErrorKind::ConnectionLost;
    if (s.rfind("28", 0) == 0) return CentralErrorKind::AuthFailed;
    return CentralErrorKind::Other;
}

// user@host:port/db: what logs and screens may show of an address (never a password).
std::string DescribeParams(const Params& params) {
    std::string host = Get(params, "host").empty() ? Get(params, "hostaddr") : Get(params, "host");
    std::string user = Get(params, "user");
    return (user.empty() ? std::string() : user + "@") + (host.empty() ? "local socket" : host) +
           (Get(params, "port").empty() ? "" : ":" + Get(params, "port")) + "/" + Get(params, "dbname");
}

// The URL's parameters; nullopt when libpq cannot parse it (its message may quote the text: not kept).
std::optional<Params> Parse(const std::string& url) {
    char* err = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
    if (!options) {
        if (err) PQfreemem(err);
        return std::nullopt;
    }
    Params params;
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (o->val && *o->val) params.emplace_back(o->keyword, o->val);
    PQconninfoFree(options);
    return params;
}

std::string Trimmed(const char* message) {
    std::string m = message ? message : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

}  // namespace

struct Connection::Impl {
    PGconn* conn = nullptr;
    ~Impl() {
        if (conn) PQfinish(conn);
    }
};

Connection::Connection(const CentralConfig& config) : m_impl(std::make_unique<Impl>()) {
    std::optional<Params> parsed = Parse(config.url);
    if (!parsed)
        // libpq's message may quote the text, which could hold a password: say only what is wrong.
        throw CentralError(CentralErrorKind::BadConfig,
                           "the central address is not a PostgreSQL URL (postgresql://USER@HOST:PORT/DB) or "
                           "key=value string");
    Params params = std::move(*parsed);

    if (!Get(params, "password").empty())
        throw CentralError(CentralErrorKind::BadConfig,
                           "the central address holds a password; put it in the credentials file (pgpass "
                           "format, chmod 600) instead, so that it never shows in process lists or logs");
    std::string host = Get(params, "host").empty() ? Get(params, "hostaddr") : Get(params, "host");
    bool local = true;
    for (std::size_t start = 0; start <= host.size();) {
        std::size_t comma = host.find(',', start);
        if (comma == std::string::npos) comma = host.size();
        if (!IsLocalHost(host.substr(start, comma - start))) local = false;
        start = comma + 1;
    }
    if (Get(params, "sslmode").empty()) Set(params, "sslmode", local ? "prefer" : "verify-full");
    std::string passfile = CheckedPassfile(config);
    // No file: point libpq at a path that cannot exist, so it reads no password from anywhere else
    // (~/.pgpass) and prints nothing (it warns about /dev/null, which is not a plain file).
    Set(params, "passfile", passfile.empty() ? kNoPassfile : passfile);
    if (Get(params, "connect_timeout").empty())
        Set(params, "connect_timeout", std::to_string(config.connectTimeoutSeconds));
    Set(params, "application_name", "kiosk-sync");
    // A dead network must not hang a worker for the kernel's default of hours.
    Set(params, "keepalives_idle", "30");
    Set(params, "keepalives_interval", "10");
    Set(params, "keepalives_count", "3");
    Set(params, "tcp_user_timeout", "60000");

    m_describe = DescribeParams(params);

    auto keys = Pointers(params, false), values = Pointers(params, true);
    m_impl->conn = PQconnectdbParams(keys.data(), values.data(), 0);
    if (!m_impl->conn)
        throw CentralError(CentralErrorKind::Other, "out of memory connecting to " + m_describe);
    if (PQstatus(m_impl->conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(
            m_impl->conn, [](void*, const char*) {}, nullptr);  // notices are not for logs
        return;
    }
    std::string detail = Trimmed(PQerrorMessage(m_impl->conn));
    CentralErrorKind kind;
    if (PQconnectionNeedsPassword(m_impl->conn) || PQconnectionUsedPassword(m_impl->conn)) {
        kind = CentralErrorKind::AuthFailed;
    } else {
        PGPing ping = PQpingParams(keys.data(), values.data(), 0);
        if (ping == PQPING_OK) {
            kind = CentralErrorKind::AuthFailed;
        } else if (ping == PQPING_NO_RESPONSE && Get(params, "sslmode").rfind("verify", 0) == 0) {
            // A server that answers without TLS (asked for no password: none is sent) means the TLS
            // handshake was what failed, e.g. an expired or wrong certificate.
            Params probe = params;
            Set(probe, "sslmode", "disable");
            Set(probe, "passfile", kNoPassfile);
            auto pk = Pointers(probe, false), pv = Pointers(probe, true);
            kind = PQpingParams(pk.data(), pv.data(), 0) == PQPING_OK ? CentralErrorKind::Tls
                                                                      : CentralErrorKind::Unreachable;
        } else {
            kind = CentralErrorKind::Unreachable;
        }
    }
    throw CentralError(kind, "cannot connect to the central database " + m_describe + ": " + detail);
}

Connection::~Connection() = default;

void Connection::Fail(const void* resultPtr, const std::string& what) {
    auto* result = static_cast<const PGresult*>(resultPtr);
    CentralErrorKind kind = CentralErrorKind::ConnectionLost;
    std::string detail;
    if (PQstatus(m_impl->conn) != CONNECTION_OK) {
        detail = Trimmed(PQerrorMessage(m_impl->conn));
    } else if (result) {
        kind = KindOfSqlState(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        detail = Trimmed(PQresultErrorMessage(result));
    } else {
        detail = Trimmed(PQerrorMessage(m_impl->conn));
    }
    throw CentralError(kind, what + " (" + m_describe + "): " + detail);
}

namespace {

Rows Collect(PGresult* r) {
    Rows rows;
    int nc = PQnfields(r), nr = PQntuples(r);
    for (int c = 0; c < nc; ++c) rows.columns.emplace_back(PQfname(r, c));
    rows.cells.resize(static_cast<std::size_t>(nr));
    rows.nulls.resize(static_cast<std::size_t>(nr));
    for (int i = 0; i < nr; ++i) {
        auto& row = rows.cells[static_cast<std::size_t>(i)];
        auto& nul = rows.nulls[static_cast<std::size_t>(i)];
        for (int c = 0; c < nc; ++c) {
            row.emplace_back(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c)));
            nul.push_back(PQgetisnull(r, i, c) != 0);
        }
    }
    return rows;
}

struct ResultGuard {
    PGresult* r;
    ~ResultGuard() { PQclear(r); }
};

}  // namespace

Rows Connection::Exec(const std::string& sql) {
    ResultGuard g{PQexec(m_impl->conn, sql.c_str())};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Fail(g.r, "the central database refused a command");
    return Collect(g.r);
}

Rows Connection::Exec(const std::string& sql, const std::vector<std::string>& params,
                      const std::vector<bool>& binary) {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (std::size_t i = 0; i < params.size(); ++i) {
        values.push_back(params[i].c_str());
        lengths.push_back(static_cast<int>(params[i].size()));
        formats.push_back(i < binary.size() && binary[i] ? 1 : 0);
    }
    ResultGuard g{PQexecParams(m_impl->conn, sql.c_str(), static_cast<int>(params.size()), nullptr,
                               values.data(), lengths.data(), formats.data(), 0)};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Fail(g.r, "the central database refused a command");
    return Collect(g.r);
}

void Connection::Commit() {
    ResultGuard g{PQexec(m_impl->conn, "COMMIT")};
    if (PQresultStatus(g.r) != PGRES_COMMAND_OK) Fail(g.r, "the central database did not commit");
    if (std::strcmp(PQcmdStatus(g.r), "COMMIT") != 0)
        throw CentralError(CentralErrorKind::Other,
                           "the central database rolled the transaction back (" + m_describe + ")");
}

void Connection::CopyIn(const std::string& sql, const std::string& data) {
    {
        ResultGuard g{PQexec(m_impl->conn, sql.c_str())};
        if (PQresultStatus(g.r) != PGRES_COPY_IN) Fail(g.r, "the central database refused COPY");
    }
    if (PQputCopyData(m_impl->conn, data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(m_impl->conn, nullptr) != 1)
        Fail(nullptr, "sending rows to the central database failed");
    bool failed = false;
    std::string message;
    CentralErrorKind kind = CentralErrorKind::Other;
    while (PGresult* r = PQgetResult(m_impl->conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !failed) {
            failed = true;
            kind = KindOfSqlState(PQresultErrorField(r, PG_DIAG_SQLSTATE));
            message = Trimmed(PQresultErrorMessage(r));
        }
        PQclear(r);
    }
    if (PQstatus(m_impl->conn) != CONNECTION_OK)
        Fail(nullptr, "the connection to the central database broke");
    if (failed)
        throw CentralError(kind, "the central database refused the rows (" + m_describe + "): " + message);
}

namespace {

// Copies a string libpq allocated, then frees it with libpq.
std::string TakePgString(char* s) {
    std::string out = s;
    PQfreemem(s);
    return out;
}

}  // namespace

std::string Connection::EncryptPassword(const std::string& password, const std::string& role) {
    char* hash = PQencryptPasswordConn(m_impl->conn, password.c_str(), role.c_str(), "scram-sha-256");
    if (!hash) Fail(nullptr, "cannot hash the password");
    return TakePgString(hash);
}

std::string Connection::QuoteIdent(const std::string& name) {
    char* q = PQescapeIdentifier(m_impl->conn, name.c_str(), name.size());
    if (!q) Fail(nullptr, "cannot quote an identifier");
    return TakePgString(q);
}

std::string Connection::QuoteLiteral(const std::string& text) {
    char* q = PQescapeLiteral(m_impl->conn, text.c_str(), text.size());
    if (!q) Fail(nullptr, "cannot quote a literal");
    return TakePgString(q);
}

}  // namespace pg

std::string DescribeCentralUrl(const std::string& url) {
    std::optional<pg::Params> params = pg::Parse(url);
    return params ? pg::DescribeParams(*params) : std::string("(not a PostgreSQL address)");
}

namespace {

// Central migration 1: results, questionnaires, kiosks and the roles. Every statement may run again (IF NOT
// EXISTS / OR REPLACE), so a run interrupted anywhere is finished by the next `central init`.
//  - results keeps the local row's exact values (id as its 16 bytes); the kiosk role may only INSERT, and
//    row-level security admits a row only when its kiosk_id is the one registered for the login role. No
//    SELECT: a kiosk cannot read any results, not even its own.
//  - questionnaires holds the documents so every result stays interpretable; an "exact" document must
//    hash to its sha256, so a kiosk cannot plant a different file under a known version.
//  - kiosks: per-kiosk sync state, updated only through report_sync() (to the hour: no exact times).
const char* const kCentral1 = R"sql(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_writer') THEN CREATE ROLE kiosk_writer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_analyst') THEN CREATE ROLE kiosk_analyst NOLOGIN; END IF;
END $$;
CREATE SCHEMA IF NOT EXISTS kiosk_central;
REVOKE ALL ON SCHEMA kiosk_central FROM PUBLIC;
GRANT USAGE ON SCHEMA kiosk_central TO kiosk_writer, kiosk_analyst;
CREATE TABLE IF NOT EXISTS kiosk_central.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS kiosk_central.questionnaires (
  id text NOT NULL CHECK (id <> ''),
  version text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  document bytea NOT NULL,
  exact boolean NOT NULL,
  PRIMARY KEY (id, version, sha256),
  CHECK (NOT exact OR encode(sha256(document), 'hex') = sha256)
);
CREATE TABLE IF NOT EXISTS kiosk_central.kiosks (
  kiosk_id text PRIMARY KEY CHECK (kiosk_id <> ''),
  role_name name NOT NULL UNIQUE,
  last_sync_hour timestamptz,
  rows_received bigint NOT NULL DEFAULT 0,
  kiosk_schema integer
);
CREATE TABLE IF NOT EXISTS kiosk_central.results (
  id bytea PRIMARY KEY CHECK (length(id) = 16),
  kiosk_id text NOT NULL CHECK (kiosk_id <> ''),
  location_code text NOT NULL CHECK (location_code <> ''),
  questionnaire_id text NOT NULL,
  questionnaire_version text NOT NULL,
  questionnaire_sha256 text NOT NULL,
  day date NOT NULL,
  language text NOT NULL CHECK (language <> ''),
  assisted text NOT NULL CHECK (assisted IN ('yes', 'no', 'no-answer')),
  age_band text NOT NULL CHECK (age_band IN ('under-30', '30-44', '45-59', '60-74', '75-plus', 'no-answer')),
  gender text NOT NULL CHECK (gender IN ('female', 'male', 'other', 'no-answer')),
  simulated boolean NOT NULL,
  overall_score double precision,
  overall_level text,
  knowledge double precision,
  skill double precision,
  attitude double precision,
  answers text NOT NULL CHECK (answers LIKE '{%}'),
  area_scores text NOT NULL CHECK (area_scores LIKE '{%}'),
  competency_scores text NOT NULL CHECK (competency_scores LIKE '{%}'),
  FOREIGN KEY (questionnaire_id, questionnaire_version, questionnaire_sha256)
    REFERENCES kiosk_central.questionnaires (id, version, sha256)
);
ALTER TABLE kiosk_central.results ENABLE ROW LEVEL SECURITY;
CREATE OR REPLACE FUNCTION kiosk_central.caller_kiosk() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT kiosk_id FROM kiosk_central.kiosks WHERE role_name = session_user $$;
REVOKE ALL ON FUNCTION kiosk_central.caller_kiosk() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_central.caller_kiosk() TO kiosk_writer;
DROP POLICY IF EXISTS kiosk_inserts_own ON kiosk_central.results;
CREATE POLICY kiosk_inserts_own ON kiosk_central.results FOR INSERT TO kiosk_writer
  WITH CHECK (kiosk_id = kiosk_central.caller_kiosk());
CREATE OR REPLACE FUNCTION kiosk_central.report_sync(received bigint, schema_version integer) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ UPDATE kiosk_central.kiosks SET last_sync_hour = date_trunc('hour', now()),
        rows_received = rows_received + received, kiosk_schema = schema_version
        WHERE role_name = session_user $$;
REVOKE ALL ON FUNCTION kiosk_central.report_sync(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_central.report_sync(bigint, integer) TO kiosk_writer;
GRANT SELECT ON kiosk_central.meta TO kiosk_writer, kiosk_analyst;
GRANT INSERT ON kiosk_central.results, kiosk_central.questionnaires TO kiosk_writer;
GRANT SELECT ON kiosk_central.questionnaires TO kiosk_analyst;
INSERT INTO kiosk_central.meta VALUES ('min_kiosk_version', '1'), ('k', '5') ON CONFLICT DO NOTHING;
)sql";

// Central migration 2: what the city sees: the cells that refresh_city() (migration 3) fills and the two views
// over them. The analyst role reads only the views, which show NULL for every suppressed number.
const char* const kCentral2 = R"sql(
CREATE TABLE IF NOT EXISTS kiosk_central.city_cells (
  location text NOT NULL, month text NOT NULL, questionnaire_id text NOT NULL,
  band_kind text NOT NULL, band text NOT NULL, level text NOT NULL,
  n bigint NOT NULL, suppressed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (location, month, questionnaire_id, band_kind, band, level)
);
CREATE TABLE IF NOT EXISTS kiosk_central.city_area_sums (
  location text NOT NULL, month text NOT NULL, questionnaire_id text NOT NULL,
  band_kind text NOT NULL, band text NOT NULL, area_id text NOT NULL,
  n_scored bigint NOT NULL, score_sum double precision NOT NULL,
  PRIMARY KEY (location, month, questionnaire_id, band_kind, band, area_id)
);
CREATE TABLE IF NOT EXISTS kiosk_central.city_refresh (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  k integer NOT NULL, include_simulated boolean NOT NULL, passes integer NOT NULL
);
CREATE OR REPLACE VIEW kiosk_central.city_level_distribution AS
  SELECT location, month, questionnaire_id, band_kind, band, level,
         CASE WHEN suppressed THEN NULL ELSE n END AS n, suppressed
  FROM kiosk_central.city_cells;
-- A mean is shown only for a shown group and when at least k people in it were scored in that area.
CREATE OR REPLACE VIEW kiosk_central.city_area_means AS
  SELECT a.location, a.month, a.questionnaire_id, a.band_kind, a.band, a.area_id,
         CASE WHEN c.suppressed OR a.n_scored < r.k THEN NULL
              ELSE round((a.score_sum / a.n_scored)::numeric, 1) END AS mean_score,
         c.suppressed OR a.n_scored < r.k AS suppressed
  FROM kiosk_central.city_area_sums a
  JOIN kiosk_central.city_cells c ON c.location = a.location AND c.month = a.month
    AND c.questionnaire_id = a.questionnaire_id AND c.band_kind = a.band_kind AND c.band = a.band AND c.level = '*'
  CROSS JOIN kiosk_central.city_refresh r;
CREATE OR REPLACE VIEW kiosk_central.city_settings AS SELECT k, include_simulated FROM kiosk_central.city_refresh;
GRANT SELECT ON kiosk_central.city_level_distribution, kiosk_central.city_area_means,
  kiosk_central.city_settings TO kiosk_analyst;
)sql";

// Central migration 3: refresh_city(), the function that fills the cells of migration 2 (it was defined there
// until version 2; a version-2 database gets this one in its place, with the same results). It aggregates
// the results into cells (location × month × questionnaire × profile band × level, each with "*" margins)
// and suppresses every cell under k and then, repeatedly until nothing changes, one more cell in every family
// (a row of cells and its margin) that has exactly one suppressed cell — otherwise that cell would be its
// margin minus the published others. The margins are GROUPING SETS hashed in one pass over the finest
// cells; version 2 multiplied every finest cell by 48 (location/month/band/level each itself or "*") and
// grouped the copies, which at 2 million results meant sorting tens of millions of rows.
const char* const kCentral3 = R"sql(
CREATE OR REPLACE FUNCTION kiosk_central.refresh_city(k_in integer DEFAULT NULL, include_simulated boolean DEFAULT false)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  SET work_mem = '128MB'  -- the grouping sets' hash tables stay in memory
  AS $fn$
DECLARE
  kk integer := coalesce(k_in, (SELECT value::integer FROM kiosk_central.meta WHERE key = 'k'), 5);
  changed bigint;
  step bigint;
  passes integer := 0;
  -- (the dimensions a family shares, the dimension it runs along)
  families text[] := ARRAY[['month, questionnaire_id, band_kind, band, level', 'location'],
                           ['location, month, questionnaire_id, band_kind, level', 'band'],
                           ['location, month, questionnaire_id, band_kind, band', 'level'],
                           ['location, questionnaire_id, band_kind, band, level', 'month']];
  family text[];
BEGIN
  IF kk < 1 THEN RAISE EXCEPTION 'k must be at least 1' USING ERRCODE = '22023'; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('kiosk_central.refresh_city'));
  DELETE FROM kiosk_central.city_cells;
  DELETE FROM kiosk_central.city_area_sums;
  DROP TABLE IF EXISTS pg_temp.city_fine, pg_temp.city_fine_area;  -- a second refresh in one transaction
  -- One pass over the results each: counts per finest cell, and area score sums per finest cell.
  CREATE TEMP TABLE city_fine ON COMMIT DROP AS
    SELECT location_code AS location, to_char(day, 'YYYY-MM') AS month, questionnaire_id,
           age_band, gender, assisted, coalesce(overall_level, 'not-assessed') AS level, count(*) AS n
    FROM kiosk_central.results WHERE include_simulated OR NOT simulated
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  CREATE TEMP TABLE city_fine_area ON COMMIT DROP AS
    SELECT r.location_code AS location, to_char(r.day, 'YYYY-MM') AS month, r.questionnaire_id,
           r.age_band, r.gender, r.assisted, a.key AS area_id, count(*) AS n_scored,
           sum((a.value ->> 0)::double precision) AS score_sum
    FROM kiosk_central.results r CROSS JOIN LATERAL jsonb_each(r.area_scores::jsonb) a
    WHERE (include_simulated OR NOT r.simulated) AND jsonb_typeof(a.value) = 'array'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  -- The "*" margins as grouping sets (location, month and level each present or summed, times one band
  -- kind or none), hashed in one pass over the fine cells; no column of a fine cell is NULL, so NULL here
  -- means "summed". A row without any band is the "*" band of all three kinds. Cells under k are hidden
  -- from the start.
  INSERT INTO kiosk_central.city_cells (location, month, questionnaire_id, band_kind, band, level, n, suppressed)
    SELECT coalesce(g.location, '*'), coalesce(g.month, '*'), g.questionnaire_id, b.kind, b.band,
           coalesce(g.level, '*'), g.n, g.n < kk
    FROM (SELECT location, month, questionnaire_id, age_band, gender, assisted, level, sum(n) AS n
          FROM city_fine
          GROUP BY questionnaire_id, CUBE (location, month, level), GROUPING SETS ((), (age_band), (gender), (assisted))) g
    CROSS JOIN LATERAL (
      SELECT 'age', coalesce(g.age_band, '*') WHERE g.gender IS NULL AND g.assisted IS NULL
      UNION ALL SELECT 'gender', coalesce(g.gender, '*') WHERE g.age_band IS NULL AND g.assisted IS NULL
      UNION ALL SELECT 'assisted', coalesce(g.assisted, '*') WHERE g.age_band IS NULL AND g.gender IS NULL) AS b(kind, band);
  INSERT INTO kiosk_central.city_area_sums
    SELECT coalesce(g.location, '*'), coalesce(g.month, '*'), g.questionnaire_id, b.kind, b.band, g.area_id,
           g.n_scored, g.score_sum
    FROM (SELECT location, month, questionnaire_id, age_band, gender, assisted, area_id,
                 sum(n_scored) AS n_scored, sum(score_sum) AS score_sum
          FROM city_fine_area
          GROUP BY questionnaire_id, area_id, CUBE (location, month), GROUPING SETS ((), (age_band), (gender), (assisted))) g
    CROSS JOIN LATERAL (
      SELECT 'age', coalesce(g.age_band, '*') WHERE g.gender IS NULL AND g.assisted IS NULL
      UNION ALL SELECT 'gender', coalesce(g.gender, '*') WHERE g.age_band IS NULL AND g.assisted IS NULL
      UNION ALL SELECT 'assisted', coalesce(g.assisted, '*') WHERE g.age_band IS NULL AND g.gender IS NULL) AS b(kind, band);

  ANALYZE kiosk_central.city_cells;  -- fresh statistics for the window passes below
  LOOP
    passes := passes + 1;
    changed := 0;
    -- The "*" band of each band kind is the same group: it is shown or hidden in all three together.
    -- Cells are marked by ctid (a hashed semi-join), never by joining the table with itself on six keys.
    UPDATE kiosk_central.city_cells SET suppressed = true WHERE ctid IN (
      SELECT cell FROM (
        SELECT ctid AS cell, suppressed,
               bool_or(suppressed) OVER (PARTITION BY location, month, questionnaire_id, level) AS any_hidden
        FROM kiosk_central.city_cells WHERE band = '*') f
      WHERE f.any_hidden AND NOT f.suppressed);
    GET DIAGNOSTICS step = ROW_COUNT; changed := changed + step;
    -- Each family: the cells that share all dimensions but one, with that dimension's "*" margin.
    FOREACH family SLICE 1 IN ARRAY families LOOP
      EXECUTE format($q$
        UPDATE kiosk_central.city_cells SET suppressed = true WHERE ctid IN (
          SELECT cell FROM (
            SELECT ctid AS cell, suppressed,
                   count(*) FILTER (WHERE suppressed) OVER (PARTITION BY %1$s) AS hidden,
                   row_number() OVER (PARTITION BY %1$s ORDER BY suppressed, %2$I = '*', n, %2$I) AS pick
            FROM kiosk_central.city_cells) f
          WHERE f.hidden = 1 AND f.pick = 1 AND NOT f.suppressed)$q$, family[1], family[2]);
      GET DIAGNOSTICS step = ROW_COUNT; changed := changed + step;
    END LOOP;
    EXIT WHEN changed = 0 OR passes >= 200;
  END LOOP;
  IF changed <> 0 THEN RAISE EXCEPTION 'suppression did not settle' USING ERRCODE = 'XX000'; END IF;
  INSERT INTO kiosk_central.city_refresh VALUES (true, kk, include_simulated, passes)
    ON CONFLICT (only_row) DO UPDATE SET k = EXCLUDED.k, include_simulated = EXCLUDED.include_simulated,
      passes = EXCLUDED.passes;
  RETURN passes;
END
$fn$;
REVOKE ALL ON FUNCTION kiosk_central.refresh_city(integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_central.refresh_city(integer, boolean) TO kiosk_analyst;
)sql";

const char* const kCentralMigrations[] = {kCentral1, kCentral2, kCentral3};
static_assert(sizeof kCentralMigrations / sizeof kCentralMigrations[0] == kCentralVersion,
              "one central migration per schema version");

int MetaInt(pg::Connection& db, const char* key, int fallback) {
    auto rows = db.Exec("SELECT value FROM kiosk_central.meta WHERE key = $1", {key});
    if (rows.cells.empty()) return fallback;
    try {
        return std::stoi(rows.cells[0][0]);
    } catch (const std::exception&) {
        throw CentralError(CentralErrorKind::Other,
                           std::string("the central meta table holds a bad ") + key + " value");
    }
}

}  // namespace

InitReport InitCentral(pg::Connection& db) {
    InitReport report;
    db.Exec("BEGIN");
    try {
        db.Exec("SELECT pg_advisory_xact_lock(hashtext('kiosk_central.init'))");
        bool hasMeta = db.Exec("SELECT to_regclass('kiosk_central.meta') IS NOT NULL").cells[0][0] == "t";
        report.fromVersion = hasMeta ? MetaInt(db, "schema_version", 0) : 0;
        if (report.fromVersion > kCentralVersion)
            throw CentralError(CentralErrorKind::SchemaAhead,
                               "the central database has schema version " +
                                   std::to_string(report.fromVersion) + ", newer than this program's " +
                                   std::to_string(kCentralVersion) +
                                   "; use the newer kiosk software to manage it");
        for (int v = report.fromVersion + 1; v <= kCentralVersion; ++v) db.Exec(kCentralMigrations[v - 1]);
        db.Exec(
            "INSERT INTO kiosk_central.meta VALUES ('schema_version', $1) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            {std::to_string(std::max(report.fromVersion, kCentralVersion))});
        db.Exec("COMMIT");
    } catch (...) {
        try {
            db.Exec("ROLLBACK");
        } catch (const CentralError&) {
        }
        throw;
    }
    report.toVersion = std::max(report.fromVersion, kCentralVersion);
    return report;
}

void CheckCentralVersion(pg::Connection& db) {
    int version = 0, minKiosk = 0;
    try {
        version = MetaInt(db, "schema_version", 0);
        minKiosk = MetaInt(db, "min_kiosk_version", 1);
    } catch (const CentralError& e) {
        if (e.Kind() != CentralErrorKind::SchemaBehind && e.Kind() != CentralErrorKind::PermissionDenied)
            throw;
        version = 0;
    }
    if (version < kCentralVersion)
        throw CentralError(CentralErrorKind::SchemaBehind,
                           "the central database has schema version " + std::to_string(version) +
                               ", older than this kiosk's " + std::to_string(kCentralVersion) +
                               "; run 'kiosk-admin central init' against it");
    if (minKiosk > kCentralVersion)
        throw CentralError(CentralErrorKind::SchemaAhead,
                           "the central database needs kiosk software of schema version " +
                               std::to_string(minKiosk) + " or newer (this kiosk has " +
                               std::to_string(kCentralVersion) + "); update the kiosk");
}

std::string AddCentralRole(pg::Connection& db, const std::string& kind, const std::string& role,
                           const std::string& kioskId) {
    if (kind != "kiosk" && kind != "analyst")
        throw CentralError(CentralErrorKind::BadConfig, "the role kind must be kiosk or analyst");
    if (role.empty() || role.size() > 63)
        throw CentralError(CentralErrorKind::BadConfig, "the role name must have 1 to 63 characters");
    if (kind == "kiosk" && kioskId.empty())
        throw CentralError(CentralErrorKind::BadConfig, "a kiosk role needs the kiosk id");
    CheckCentralVersion(db);
    if (sodium_init() < 0) throw CentralError(CentralErrorKind::Other, "libsodium failed to start");
    unsigned char raw[18];
    randombytes_buf(raw, sizeof raw);
    char b64[sodium_base64_ENCODED_LEN(18, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string password = b64;

    std::string ident = db.QuoteIdent(role);
    std::string hash = db.QuoteLiteral(db.EncryptPassword(password, role));
    db.Exec("BEGIN");
    try {
        bool exists = !db.Exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {role}).cells.empty();
        db.Exec((exists ? "ALTER ROLE " : "CREATE ROLE ") + ident + " LOGIN PASSWORD " + hash);
        db.Exec("GRANT " + std::string(kind == "kiosk" ? kKioskRole : kAnalystRole) + " TO " + ident);
        if (kind == "kiosk")
            db.Exec(
                "INSERT INTO kiosk_central.kiosks (kiosk_id, role_name) VALUES ($1, $2) "
                "ON CONFLICT (kiosk_id) DO UPDATE SET role_name = EXCLUDED.role_name",
                {kioskId, role});
        db.Exec("COMMIT");
    } catch (...) {
        try {
            db.Exec("ROLLBACK");
        } catch (const CentralError&) {
        }
        throw;
    }
    return password;
}

void WritePassfile(const std::string& path, const std::string& host, const std::string& port,
                   const std::string& dbname, const std::string& role, const std::string& password) {
    // pgpass fields escape ':' and '\'.
    auto field = [](const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == ':' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        return out.empty() ? std::string("*") : out;
    };
    std::string line = field(host) + ":" + field(port) + ":" + field(dbname) + ":" + field(role) + ":" +
                       field(password) + "\n";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw CentralError(CentralErrorKind::BadConfig,
                           "cannot create the credentials file " + path + ": " + std::strerror(errno) +
                               (errno == EEXIST ? " (it is never replaced)" : ""));
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw CentralError(CentralErrorKind::BadConfig, "cannot write the credentials file " + path);
}

}  // namespace kiosk::storage
