// The kiosk's writer: opens (integrity-checks, moves a corrupt file aside, creates, migrates) the result
// database and stores each result in one durable transaction.
#include "storage/result_store.h"

#include "storage/dates.h"
#include "storage/disk_state.h"
#include "storage/questionnaire_snapshot.h"
#include "storage/record_codec.h"
#include "storage/schema.h"
#include "storage/sqlite_db.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <set>

namespace kiosk::storage {
namespace {

namespace fs = std::filesystem;

bool FileHasBytes(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    return !ec && size > 0;
}

void CreateParentDirectory(const std::string& path) {
    fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
        auto kind = ec == std::errc::read_only_file_system || ec == std::errc::permission_denied
                        ? StorageErrorKind::ReadOnly
                    : ec == std::errc::no_space_on_device ? StorageErrorKind::DiskFull
                                                          : StorageErrorKind::CannotOpen;
        throw StorageError(kind, "cannot create the directory " + parent.string() + ": " + ec.message());
    }
}

std::unique_ptr<sql::Connection> OpenWriter(const StoreConfig& config) {
    auto db = std::make_unique<sql::Connection>(config.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_busy_timeout(db->Handle(), config.busyTimeoutMs);
    return db;
}

// "" when PRAGMA quick_check passes; otherwise what is wrong. Errors other than corruption propagate.
std::string IntegrityProblem(sql::Connection& db) {
    try {
        std::string first = db.QueryText("PRAGMA quick_check");
        return first == "ok" ? std::string() : first;
    } catch (const StorageError& e) {
        if (e.Kind() != StorageErrorKind::Corrupt) throw;
        return e.what();
    }
}

void Configure(sql::Connection& db, const StoreConfig& config) {
    if (sqlite3_db_readonly(db.Handle(), "main") == 1)
        throw StorageError(StorageErrorKind::ReadOnly, db.Path() + ": the database file is read-only");
    // page_size only matters before the first table exists, i.e. for a new file.
    db.Exec(("PRAGMA page_size = " + std::to_string(schema::kPageSize)).c_str());
    std::string mode = db.QueryText("PRAGMA journal_mode = WAL");
    if (mode != "wal")
        throw StorageError(StorageErrorKind::Other, db.Path() +
                                                        ": cannot use write-ahead logging (journal mode " +
                                                        mode + "); is the file on a network share?");
    // FULL: every commit is fsync'd before Save() returns — a power cut cannot lose a result the kiosk
    // already reported as stored.
    db.Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    if (config.maxSizeBytes > 0) {
        std::int64_t pageSize = db.QueryInt("PRAGMA page_size");
        std::int64_t pages =
            std::max<std::int64_t>(1, config.maxSizeBytes / std::max<std::int64_t>(1, pageSize));
        db.Exec(("PRAGMA max_page_count = " + std::to_string(pages)).c_str());
    }
}

// Every score is a finite number from 0 to 100: an inf or NaN (from a questionnaire with absurd values)
// would make the JSON export invalid and every mean meaningless.
std::string NonFiniteScore(const core::Result& res) {
    auto bad = [](double x) { return !std::isfinite(x) || x < 0 || x > 100; };
    if (res.overall.assessed && bad(res.overall.score)) return "the overall score is not a number from 0 to 100";
    for (const auto& d : res.dimensions)
        if (d && bad(*d)) return "a dimension score is not a number from 0 to 100";
    for (const auto* list : {&res.areas, &res.competencies})
        for (const auto& e : *list)
            if (e.score.assessed && bad(e.score.score))
                return "the score of \"" + e.id + "\" is not a number from 0 to 100";
    return {};
}

// Why a record cannot be stored, or "" when it can. Checked before any write so that a bad record never
// reaches the database.
std::string ProblemWith(const ResultRecord& r) {
    if (!r.questionnaire || !r.result || !r.answers)
        return "incomplete record (questionnaire, result and answers are required)";
    const core::Questionnaire& q = *r.questionnaire;
    const core::Result& res = *r.result;
    if (q.id.empty() || q.version.empty() || q.sha256.size() != 64)
        return "the questionnaire has no id, version or sha256";
    if (res.questionnaireId != q.id || res.questionnaireVersion != q.version ||
        res.questionnaireSha256 != q.sha256)
        return "the result was computed for another questionnaire (" + res.questionnaireId + " " +
               res.questionnaireVersion + ")";
    if (!IsValidDate(r.date)) return "the date \"" + r.date + "\" is not a valid YYYY-MM-DD day";
    if (std::find(q.languages.begin(), q.languages.end(), r.language) == q.languages.end())
        return "the language \"" + r.language + "\" is not one of the questionnaire's languages";
    if (!core::IsValidProfile(r.profile)) return "the profile holds a value that is not allowed";
    for (const auto& [itemId, index] : *r.answers) {
        const core::Item* item = q.FindItem(itemId);
        if (!item) return "answer to unknown item \"" + itemId + "\"";
        if (index < 0 || static_cast<std::size_t>(index) >= q.OptionsOf(*item).size())
            return "answer to item \"" + itemId + "\" is out of range";
    }
    // The scores must line up with the questionnaire's areas and competencies, in order.
    std::vector<const std::string*> areaIds, compIds;
    for (const auto& a : q.areas) {
        areaIds.push_back(&a.id);
        for (const auto& c : a.competencies) compIds.push_back(&c.id);
    }
    auto matches = [&](const std::vector<core::ScoredEntry>& entries,
                       const std::vector<const std::string*>& ids) {
        if (entries.size() != ids.size()) return false;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const core::Score& s = entries[i].score;
            if (entries[i].id != *ids[i]) return false;
            if (s.assessed &&
                (s.levelIndex < 0 || static_cast<std::size_t>(s.levelIndex) >= q.scoring.levels.size()))
                return false;
        }
        return true;
    };
    if (!matches(res.areas, areaIds) || !matches(res.competencies, compIds))
        return "the result's areas or competencies do not match the questionnaire";
    if (std::string bad = NonFiniteScore(res); !bad.empty()) return bad;
    if (res.overall.assessed && (res.overall.levelIndex < 0 ||
                                 static_cast<std::size_t>(res.overall.levelIndex) >= q.scoring.levels.size()))
        return "the overall level is out of range";
    return {};
}

std::string QuestionnaireKey(const core::Questionnaire& q) {
    return q.id + '\n' + q.version + '\n' + q.sha256;
}

}  // namespace

const char* StorageErrorKindName(StorageErrorKind kind) {
    switch (kind) {
        case StorageErrorKind::CannotOpen:
            return "cannot-open";
        case StorageErrorKind::ReadOnly:
            return "read-only";
        case StorageErrorKind::DiskFull:
            return "disk-full";
        case StorageErrorKind::Corrupt:
            return "corrupt";
        case StorageErrorKind::Busy:
            return "busy";
        case StorageErrorKind::Other:
            return "other";
    }
    return "other";
}

std::string TodayLocalDate() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

struct ResultStore::Impl {
    StoreConfig config;
    OpenReport report;
    std::unique_ptr<sql::Connection> db;  // declared before the statements: destroyed after them
    std::unique_ptr<sql::Statement> insertResult, findQuestionnaire, insertQuestionnaire;
    std::set<std::string> storedQuestionnaires;  // (id, version, sha256) keys known to be committed

    // Inserts one result (and its questionnaire on first use) inside the caller's transaction.
    std::string Insert(const ResultRecord& r, std::vector<std::string>& newQuestionnaires) {
        const core::Questionnaire& q = *r.questionnaire;
        std::string key = QuestionnaireKey(q);
        if (!storedQuestionnaires.count(key) &&
            std::find(newQuestionnaires.begin(), newQuestionnaires.end(), key) == newQuestionnaires.end()) {
            findQuestionnaire->Reset();
            findQuestionnaire->Bind(1, q.id).Bind(2, q.version).Bind(3, q.sha256);
            bool present = findQuestionnaire->Step();
            findQuestionnaire->Reset();
            if (!present) {
                QuestionnaireDocument doc = DocumentFor(q);
                insertQuestionnaire->Reset();
                insertQuestionnaire->Bind(1, q.id).Bind(2, q.version).Bind(3, q.sha256);
                insertQuestionnaire->BindBlob(4, doc.bytes.data(), doc.bytes.size());
                insertQuestionnaire->Bind(5, std::int64_t{doc.exact ? 1 : 0});
                insertQuestionnaire->Step();
                insertQuestionnaire->Reset();
            }
            newQuestionnaires.push_back(key);
        }

        const core::Result& res = *r.result;
        std::string id = codec::NewResultId();
        auto& st = *insertResult;
        st.Reset();
        st.BindBlob(1, id.data(), id.size());
        st.Bind(2, config.kioskId).Bind(3, config.locationCode);
        st.Bind(4, q.id).Bind(5, q.version).Bind(6, q.sha256);
        st.Bind(7, r.date).Bind(8, r.language);
        st.Bind(9, r.profile.assisted).Bind(10, r.profile.ageBand).Bind(11, r.profile.gender);
        st.Bind(12, std::int64_t{r.simulated ? 1 : 0});
        if (res.overall.assessed) {
            st.Bind(13, std::optional<double>(res.overall.score));
            st.Bind(14, q.scoring.levels[static_cast<std::size_t>(res.overall.levelIndex)].id);
        } else {
            st.BindNull(13).BindNull(14);
        }
        for (std::size_t d = 0; d < 3; ++d) st.Bind(15 + static_cast<int>(d), res.dimensions[d]);
        st.Bind(18, codec::EncodeAnswers(q, *r.answers));
        st.Bind(19, codec::EncodeScores(res.areas, q.scoring));
        st.Bind(20, codec::EncodeScores(res.competencies, q.scoring));
        st.Step();
        st.Reset();
        return codec::HexId(id);
    }
};

ResultStore::ResultStore(const StoreConfig& config) : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    m.config = config;
    if (config.path.empty()) throw StorageError(StorageErrorKind::CannotOpen, "no database path configured");
    if (config.kioskId.empty() || config.locationCode.empty())
        throw StorageError(StorageErrorKind::Other, "the kiosk id and location code must not be empty");

    CreateParentDirectory(config.path);
    // Before SQLite sees the files: a lost main file beside its write-ahead log would be taken for a new
    // database and the log — holding the results — discarded. Move such a set aside whole and recover it.
    DiskInspection disk = InspectDatabaseFiles(config.path);
    if (disk.Unexpected()) {
        m.report.unexpectedState = disk.detail;
        m.report.movedAsidePath = MoveDatabaseAside(config.path, "unexpected");
        if (disk.state == DiskState::LogWithoutMain && FileHasBytes(m.report.movedAsidePath + "-wal")) {
            auto recovered = RecoverFromWal(m.report.movedAsidePath + "-wal", config.path, m.report.recoveryDetail);
            if (recovered) {
                m.report.recoveredFromLog = true;
                m.report.recoveredResults = *recovered;
            }
        }
    }
    bool existed = FileHasBytes(config.path);
    m.db = OpenWriter(config);
    if (existed) {
        std::string problem = IntegrityProblem(*m.db);
        if (!problem.empty()) {
            // Closing the last connection would checkpoint the log into the damaged file (and delete the
            // log): move both aside exactly as they are instead.
            sqlite3_db_config(m.db->Handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            m.db.reset();
            m.report.movedAsidePath = MoveDatabaseAside(config.path, "corrupt");
            m.report.corruptMovedAside = true;
            existed = false;
            m.db = OpenWriter(config);
        }
    }
    m.report.created = !existed;
    schema::RequireCompatible(*m.db);
    Configure(*m.db, config);
    schema::Migrate(*m.db);
    m.report.schemaVersion = schema::UserVersion(*m.db);

    m.insertResult = std::make_unique<sql::Statement>(
        *m.db,
        "INSERT INTO results (id, kiosk_id, location_code, questionnaire_id, questionnaire_version,"
        " questionnaire_sha256, day, language, assisted, age_band, gender, simulated, overall_score,"
        " overall_level, knowledge, skill, attitude, answers, area_scores, competency_scores)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
        "?20)");
    m.findQuestionnaire = std::make_unique<sql::Statement>(
        *m.db, "SELECT 1 FROM questionnaires WHERE id = ?1 AND version = ?2 AND sha256 = ?3");
    m.insertQuestionnaire = std::make_unique<sql::Statement>(
        *m.db,
        "INSERT INTO questionnaires (id, version, sha256, document, exact) VALUES (?1, ?2, ?3, ?4, ?5)");
}

ResultStore::~ResultStore() = default;

const OpenReport& ResultStore::Report() const {
    return m_impl->report;
}

const StoreConfig& ResultStore::Config() const {
    return m_impl->config;
}

std::string ResultStore::Save(const ResultRecord& record) {
    return SaveBatch({record}).front();
}

std::vector<std::string> ResultStore::SaveBatch(const std::vector<ResultRecord>& records) {
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::string problem = ProblemWith(records[i]);
        if (!problem.empty()) {
            throw StorageError(StorageErrorKind::Other,
                               "result not stored: " + problem +
                                   (records.size() > 1 ? " (record " + std::to_string(i + 1) + ")" : ""));
        }
    }
    Impl& m = *m_impl;
    std::vector<std::string> ids, newQuestionnaires;
    ids.reserve(records.size());
    sql::Transaction tx(*m.db, sql::Transaction::Mode::Write);
    for (const auto& r : records) ids.push_back(m.Insert(r, newQuestionnaires));
    tx.Commit();
    m.storedQuestionnaires.insert(newQuestionnaires.begin(), newQuestionnaires.end());
    return ids;
}

std::int64_t ResultStore::CountResults(bool simulated) const {
    sql::Statement st(*m_impl->db, "SELECT count(*) FROM results WHERE simulated = ?1");
    st.Bind(1, std::int64_t{simulated ? 1 : 0});
    return st.Step() ? st.Int(0) : 0;
}

}  // namespace kiosk::storage
