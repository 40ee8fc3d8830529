// Schema migrations of the result database. A migration is fixed text once released: change the schema
// by appending migration N+1, never by editing an old one (files in the field are at every version).
#include "storage/schema.h"

#include <string>

namespace kiosk::storage::schema {
namespace {

// Migration 1: questionnaires and results.
//  - Both tables are WITHOUT ROWID: there is no hidden sequence number that could reveal the order in
//    which citizens finished; results are clustered by their random 128-bit id.
//  - One row per result holds everything, so a result is one insert: stored whole or not at all.
//  - The profile CHECKs mirror kiosk/core/profile.h; a new profile value needs a migration.
//  - answers / *_scores are JSON objects (see record_codec.h). No json_valid() CHECK: connections run with
//    trusted_schema off, which forbids it; the health check decodes every row instead.
//  - The questionnaire's document is kept so that old results keep their labels after a file changes.
const char* const kMigration1 = R"sql(
CREATE TABLE questionnaires (
    id       TEXT NOT NULL,
    version  TEXT NOT NULL,
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
    document BLOB NOT NULL,
    exact    INTEGER NOT NULL CHECK (exact IN (0, 1)),
    PRIMARY KEY (id, version, sha256)
) WITHOUT ROWID;

CREATE TABLE results (
    id                    BLOB NOT NULL PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
    kiosk_id              TEXT NOT NULL CHECK (kiosk_id <> ''),
    location_code         TEXT NOT NULL CHECK (location_code <> ''),
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_sha256  TEXT NOT NULL,
    day                   TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    language              TEXT NOT NULL CHECK (language <> ''),
    assisted              TEXT NOT NULL CHECK (assisted IN ('yes', 'no', 'no-answer')),
    age_band              TEXT NOT NULL
                          CHECK (age_band IN ('under-30', '30-44', '45-59', '60-74', '75-plus', 'no-answer')),
    gender                TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'no-answer')),
    simulated             INTEGER NOT NULL CHECK (simulated IN (0, 1)),
    overall_score         REAL,
    overall_level         TEXT,
    knowledge             REAL,
    skill                 REAL,
    attitude              REAL,
    answers               TEXT NOT NULL CHECK (answers GLOB '{*}'),
    area_scores           TEXT NOT NULL CHECK (area_scores GLOB '{*}'),
    competency_scores     TEXT NOT NULL CHECK (competency_scores GLOB '{*}'),
    FOREIGN KEY (questionnaire_id, questionnaire_version, questionnaire_sha256)
        REFERENCES questionnaires (id, version, sha256)
) WITHOUT ROWID;
)sql";

// Migration 2: the central-sync outbox. A result's id is entered here only after the central database
// committed it (see storage/outbox.h); "waiting" = results without an entry. Kept apart from `results` so
// a result row is never rewritten after its one insert. Self-contained: renumber freely when merging.
const char* const kMigration2 = R"sql(
CREATE TABLE central_acks (
    id BLOB NOT NULL PRIMARY KEY REFERENCES results (id)
) WITHOUT ROWID;
)sql";

const char* const kMigrations[] = {kMigration1, kMigration2};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kVersion, "one migration per schema version");

bool HasTables(sql::Connection& db) {
    return db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") > 0;
}

}  // namespace

int UserVersion(sql::Connection& db) {
    return static_cast<int>(db.QueryInt("PRAGMA user_version"));
}

void RequireCompatible(sql::Connection& db) {
    int version = UserVersion(db);
    if (version > kVersion) {
        throw StorageError(StorageErrorKind::Other,
                           db.Path() + ": the database has schema version " + std::to_string(version) +
                               ", newer than this program's " + std::to_string(kVersion) +
                               "; use the newer kiosk software with it");
    }
    if (version == 0 && HasTables(db)) {
        throw StorageError(
            StorageErrorKind::Other,
            db.Path() + ": this SQLite file is not a kiosk result database (it has other tables)");
    }
}

void Migrate(sql::Connection& db) {
    RequireCompatible(db);
    int version = UserVersion(db);
    for (int next = version + 1; next <= kVersion; ++next) {
        sql::Transaction tx(db, sql::Transaction::Mode::Write);
        db.Exec(kMigrations[next - 1]);
        db.Exec(("PRAGMA user_version = " + std::to_string(next)).c_str());
        tx.Commit();
    }
}

void RequireCurrent(sql::Connection& db) {
    int version = UserVersion(db);
    if (version == kVersion) return;
    std::string what;
    if (version == 0)
        what = "is not a kiosk result database (no schema)";
    else if (version > kVersion)
        what = "has schema version " + std::to_string(version) + ", newer than this program's " +
               std::to_string(kVersion);
    else
        what = "has the older schema version " + std::to_string(version) +
               "; start the kiosk on it once to upgrade it";
    throw StorageError(StorageErrorKind::Other, db.Path() + ": the file " + what);
}

}  // namespace kiosk::storage::schema
