// Read-only access to a result database: filtered scans in id order, group counts, stored questionnaires
// and the health check behind `kiosk-admin check-db`.
#include "storage/result_reader.h"

#include "storage/dates.h"
#include "storage/disk_state.h"
#include "storage/questionnaire_snapshot.h"
#include "storage/record_codec.h"
#include "storage/schema.h"
#include "storage/sqlite_db.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

namespace kiosk::storage {
namespace {

// Readers wait this long for a writer's brief exclusive moments (WAL recovery, checkpoint end).
constexpr int kBusyTimeoutMs = 5000;

// The filter as a WHERE clause over ?1 from, ?2 to, ?3 questionnaire id, ?4 include simulated.
constexpr const char* kWhere =
    " WHERE (?1 = '' OR day >= ?1) AND (?2 = '' OR day <= ?2) AND (?3 = '' OR questionnaire_id = ?3)"
    " AND (?4 = 1 OR simulated = 0)";

void BindFilter(sql::Statement& st, const ResultFilter& f) {
    st.Bind(1, f.from)
        .Bind(2, f.to)
        .Bind(3, f.questionnaireId)
        .Bind(4, std::int64_t{f.includeSimulated ? 1 : 0});
}

std::optional<double> OptionalDouble(const sql::Statement& st, int column) {
    if (st.IsNull(column)) return std::nullopt;
    return st.Double(column);
}

// "file:PATH?immutable=1" with the characters that URIs reserve percent-encoded.
std::string ImmutableUri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri.push_back(c);
        }
    }
    return uri + "?immutable=1";
}

// Why a decoded row's own values are wrong (whatever its questionnaire), or "".
std::string BadValues(const StoredResult& r) {
    if (!IsValidDate(r.date)) return "its day \"" + r.date + "\" is not a valid date";
    auto bad = [](const std::optional<double>& x) { return x && (!std::isfinite(*x) || *x < 0 || *x > 100); };
    if (bad(r.overallScore)) return "its overall score is not a number from 0 to 100";
    for (const auto& d : r.dimensions)
        if (bad(d)) return "a dimension score is not a number from 0 to 100";
    for (const auto* list : {&r.areas, &r.competencies})
        for (const auto& e : *list)
            if (bad(e.score)) return "the score of \"" + e.id + "\" is not a number from 0 to 100";
    return {};
}

// Why a decoded row does not fit the questionnaire it names, or "".
std::string Mismatch(const StoredResult& r, const core::Questionnaire& q) {
    if (std::find(q.languages.begin(), q.languages.end(), r.language) == q.languages.end())
        return "its language \"" + r.language + "\" is not one of its questionnaire's";
    for (const auto& [itemId, index] : r.answers) {
        const core::Item* item = q.FindItem(itemId);
        if (!item) return "answer to unknown item \"" + itemId + "\"";
        if (static_cast<std::size_t>(index) >= q.OptionsOf(*item).size())
            return "answer to item \"" + itemId + "\" out of range";
    }
    std::size_t a = 0, c = 0;
    for (const auto& area : q.areas) {
        if (a >= r.areas.size() || r.areas[a++].id != area.id)
            return "area scores do not match the questionnaire";
        for (const auto& comp : area.competencies)
            if (c >= r.competencies.size() || r.competencies[c++].id != comp.id)
                return "competency scores do not match the questionnaire";
    }
    if (a != r.areas.size() || c != r.competencies.size()) return "more scores than the questionnaire has";
    return {};
}

}  // namespace

struct ResultReader::Impl {
    std::string path;
    std::unique_ptr<sql::Connection> db;
    int schemaVersion = 0;

    // Reads the current row of a ForEach/Check statement into `out`; false when its JSON does not decode.
    static bool Decode(const sql::Statement& st, StoredResult& out, bool withAnswers) {
        out.id.clear();
        codec::AppendHex(out.id, st.Blob(0));
        out.kioskId.assign(st.Text(1));
        out.locationCode.assign(st.Text(2));
        out.questionnaireId.assign(st.Text(3));
        out.questionnaireVersion.assign(st.Text(4));
        out.questionnaireSha256.assign(st.Text(5));
        out.date.assign(st.Text(6));
        out.language.assign(st.Text(7));
        out.profile.assisted.assign(st.Text(8));
        out.profile.ageBand.assign(st.Text(9));
        out.profile.gender.assign(st.Text(10));
        out.simulated = st.Int(11) != 0;
        out.overallScore = OptionalDouble(st, 12);
        out.overallLevel.assign(st.Text(13));
        for (int d = 0; d < 3; ++d) out.dimensions[static_cast<std::size_t>(d)] = OptionalDouble(st, 14 + d);
        bool ok =
            codec::DecodeScores(st.Text(17), out.areas) && codec::DecodeScores(st.Text(18), out.competencies);
        if (withAnswers)
            ok = codec::DecodeAnswers(st.Text(19), out.answers) && ok;
        else
            out.answers.clear();
        return ok;
    }

    static std::string SelectResults(bool withAnswers) {
        return std::string(
                   "SELECT id, kiosk_id, location_code, questionnaire_id, questionnaire_version, "
                   "questionnaire_sha256, day, language, assisted, age_band, gender, simulated, "
                   "overall_score, "
                   "overall_level, knowledge, skill, attitude, area_scores, competency_scores, ") +
               (withAnswers ? "answers" : "''") + " FROM results";
    }
};

ResultReader::ResultReader(const std::string& path) : m_impl(std::make_unique<Impl>()) {
    m_impl->path = path;
    std::error_code ec;
    // A log without its main file (or a file that is not SQLite) is left exactly as it is: opening it would
    // let SQLite treat it as empty. The kiosk moves such a set aside and recovers it when it starts.
    DiskInspection disk = InspectDatabaseFiles(path);
    if (disk.Unexpected())
        throw StorageError(StorageErrorKind::Corrupt,
                           path + ": " + disk.detail + "; start the kiosk (or kiosk-admin simulate) to move it "
                                                       "aside and recover it, or call a technician");
    if (!std::filesystem::exists(path, ec))
        throw StorageError(StorageErrorKind::CannotOpen, path + ": no such database file");
    // Read-write without CREATE: a WAL reader shares the -shm index with the kiosk (SQLite opens the file
    // read-only by itself when it may not write it). The connection is query_only: nothing is written.
    auto open = [&](const std::string& name, int flags) {
        m_impl->db = std::make_unique<sql::Connection>(name, flags);
        sqlite3_busy_timeout(m_impl->db->Handle(), kBusyTimeoutMs);
        m_impl->db->Exec("PRAGMA query_only = ON");
        schema::RequireCurrent(*m_impl->db);
    };
    try {
        open(path, SQLITE_OPEN_READWRITE);
    } catch (const StorageError& e) {
        // A user who may not write next to the file cannot create the -shm index that WAL reading needs.
        // With no -wal file there is no writer connected: the file can be read as immutable.
        bool denied = e.Kind() == StorageErrorKind::ReadOnly || e.Kind() == StorageErrorKind::CannotOpen;
        if (!denied || std::filesystem::exists(path + "-wal", ec)) throw;
        m_impl->db.reset();
        open(ImmutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    }
    m_impl->schemaVersion = schema::kVersion;
}

ResultReader::~ResultReader() = default;

int ResultReader::SchemaVersion() const {
    return m_impl->schemaVersion;
}

const std::string& ResultReader::Path() const {
    return m_impl->path;
}

void ResultReader::Snapshot(const std::function<void()>& fn) {
    sql::Transaction tx(*m_impl->db, sql::Transaction::Mode::Read);
    fn();
    tx.Commit();
}

void ResultReader::ForEach(const ResultFilter& filter, const std::function<void(const StoredResult&)>& fn,
                           bool withAnswers) {
    ScanOptions options;
    options.withAnswers = withAnswers;
    ForEach(filter, options, fn);
}

namespace {

// kiosk_keyed_id(id): BLAKE2b-128 of the id keyed with the scan's key (sqlite3_user_data).
void KeyedIdFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* key = static_cast<const std::string*>(sqlite3_user_data(ctx));
    const void* id = sqlite3_value_blob(argv[0]);
    int size = sqlite3_value_bytes(argv[0]);
    unsigned char out[16];
    crypto_generichash(out, sizeof out, static_cast<const unsigned char*>(id), static_cast<unsigned long long>(size),
                       reinterpret_cast<const unsigned char*>(key->data()), key->size());
    sqlite3_result_blob(ctx, out, sizeof out, SQLITE_TRANSIENT);
}

}  // namespace

void ResultReader::ForEach(const ResultFilter& filter, const ScanOptions& options,
                           const std::function<void(const StoredResult&)>& fn) {
    sql::Connection& db = *m_impl->db;
    const bool keyed = !options.idKey.empty();
    if (keyed) {
        if (options.idKey.size() < crypto_generichash_KEYBYTES_MIN || options.idKey.size() > crypto_generichash_KEYBYTES_MAX)
            throw StorageError(StorageErrorKind::Other, "the export key has the wrong length");
        int rc = sqlite3_create_function_v2(db.Handle(), "kiosk_keyed_id", 1,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                            const_cast<std::string*>(&options.idKey), KeyedIdFunction, nullptr,
                                            nullptr, nullptr);
        if (rc != SQLITE_OK) sql::Throw(db.Handle(), rc, db.Path());
    }
    std::string select = Impl::SelectResults(options.withAnswers);
    // Keyed: column 0 is the keyed id (written out); the stored id comes last, for reporting damage only.
    if (keyed) {
        select.replace(select.find("SELECT id,"), 10, "SELECT kiosk_keyed_id(id) AS kid,");
        select.replace(select.rfind(" FROM results"), 13, ", id FROM results");
    }
    sql::Statement st(db, select + kWhere + (keyed ? " ORDER BY kid" : " ORDER BY id"));
    BindFilter(st, filter);
    StoredResult row;
    while (st.Step()) {
        if (!Impl::Decode(st, row, options.withAnswers)) {
            if (!options.onDamaged)
                throw StorageError(StorageErrorKind::Corrupt,
                                   db.Path() + ": result " + row.id +
                                       " is damaged (its scores or answers do not decode);"
                                       " run kiosk-admin check-db");
            if (keyed) {
                row.storedId.clear();
                codec::AppendHex(row.storedId, st.Blob(20));
            }
            options.onDamaged(row, "its scores or answers do not decode");
            continue;
        }
        if (keyed) {
            row.storedId.clear();
            codec::AppendHex(row.storedId, st.Blob(20));
        }
        fn(row);
    }
    if (keyed) sqlite3_create_function_v2(db.Handle(), "kiosk_keyed_id", 1, SQLITE_UTF8, nullptr, nullptr, nullptr, nullptr, nullptr);
}

std::vector<GroupCount> ResultReader::CountGroups(const ResultFilter& filter) {
    sql::Statement st(*m_impl->db,
                      std::string("SELECT day, kiosk_id, location_code, questionnaire_id, questionnaire_version,"
                                  " questionnaire_sha256, language, assisted, age_band, gender, simulated,"
                                  " count(*) FROM results") +
                          kWhere + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
    BindFilter(st, filter);
    std::vector<GroupCount> out;
    while (st.Step()) {
        GroupCount g;
        g.date = st.Text(0);
        g.kioskId = st.Text(1);
        g.locationCode = st.Text(2);
        g.questionnaireId = st.Text(3);
        g.questionnaireVersion = st.Text(4);
        g.questionnaireSha256 = st.Text(5);
        g.language = st.Text(6);
        g.assisted = st.Text(7);
        g.ageBand = st.Text(8);
        g.gender = st.Text(9);
        g.simulated = st.Int(10) != 0;
        g.count = st.Int(11);
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<StoredQuestionnaire> ResultReader::Questionnaires(const ResultFilter& filter,
                                                              bool withDocuments) {
    sql::Statement st(
        *m_impl->db,
        std::string("SELECT q.id, q.version, q.sha256, ") + (withDocuments ? "q.document" : "''") +
            ", q.exact, r.n FROM questionnaires q JOIN (SELECT questionnaire_id, questionnaire_version,"
            " questionnaire_sha256, count(*) AS n FROM results" +
            kWhere +
            " GROUP BY 1, 2, 3) r ON r.questionnaire_id = q.id AND r.questionnaire_version = q.version"
            " AND r.questionnaire_sha256 = q.sha256 ORDER BY q.id, q.version, q.sha256");
    BindFilter(st, filter);
    std::vector<StoredQuestionnaire> out;
    while (st.Step()) {
        StoredQuestionnaire q;
        q.id = st.Text(0);
        q.version = st.Text(1);
        q.sha256 = st.Text(2);
        q.document = st.Blob(3);
        q.exact = st.Int(4) != 0;
        q.results = st.Int(5);
        out.push_back(std::move(q));
    }
    return out;
}

std::int64_t ResultReader::CountResults(const ResultFilter& filter) {
    sql::Statement st(*m_impl->db, std::string("SELECT count(*) FROM results") + kWhere);
    BindFilter(st, filter);
    return st.Step() ? st.Int(0) : 0;
}

HealthReport ResultReader::Check(bool full) {
    HealthReport h;
    sql::Connection& db = *m_impl->db;
    h.schemaVersion = m_impl->schemaVersion;
    Snapshot([&] {
        {
            sql::Statement st(db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
            while (st.Step()) {
                if (!h.integrity.empty()) h.integrity += '\n';
                h.integrity += st.Text(0);
            }
        }
        {
            sql::Statement st(db, "PRAGMA foreign_key_check");
            while (st.Step())
                h.problems.push_back("a row of table " + std::string(st.Text(0)) + " refers to a missing " +
                                     std::string(st.Text(2)));
        }
        {
            sql::Statement st(db,
                              "SELECT count(*), coalesce(sum(simulated), 0), coalesce(min(day), ''),"
                              " coalesce(max(day), '') FROM results");
            if (st.Step()) {
                h.results = st.Int(0);
                h.simulated = st.Int(1);
                h.firstDate = st.Text(2);
                h.lastDate = st.Text(3);
            }
        }
        // Every stored questionnaire, with every result's fit to it.
        std::map<std::string, std::optional<core::Questionnaire>> parsed;
        {
            sql::Statement st(db,
                              "SELECT q.id, q.version, q.sha256, q.document, q.exact,"
                              " (SELECT count(*) FROM results r WHERE r.questionnaire_id = q.id AND"
                              " r.questionnaire_version = q.version AND r.questionnaire_sha256 = q.sha256)"
                              " FROM questionnaires q ORDER BY q.id, q.version, q.sha256");
            while (st.Step()) {
                StoredQuestionnaire q;
                q.id = st.Text(0);
                q.version = st.Text(1);
                q.sha256 = st.Text(2);
                q.exact = st.Int(4) != 0;
                q.results = st.Int(5);
                std::string name = "stored questionnaire " + q.id + " " + q.version;
                auto model = ParseStoredDocument(std::string(st.Blob(3)), name);
                if (!model) h.problems.push_back(name + " does not validate");
                parsed[q.id + '\n' + q.version + '\n' + q.sha256] = std::move(model);
                h.questionnaires.push_back(std::move(q));
            }
        }
        sql::Statement st(db, Impl::SelectResults(true) + " ORDER BY id");
        StoredResult row;
        while (st.Step()) {
            std::string problem;
            if (!Impl::Decode(st, row, true)) {
                problem = "scores or answers do not decode";
            } else if (problem = BadValues(row); !problem.empty()) {
            } else {
                auto it = parsed.find(row.questionnaireId + '\n' + row.questionnaireVersion + '\n' +
                                      row.questionnaireSha256);
                if (it == parsed.end())
                    problem = "its questionnaire is not stored";
                else if (it->second)
                    problem = Mismatch(row, *it->second);
            }
            if (problem.empty()) continue;
            ++h.damaged;
            if (h.problems.size() < 20) h.problems.push_back("result " + row.id + ": " + problem);
        }
    });
    h.healthy = h.integrity == "ok" && h.damaged == 0 && h.problems.empty();
    return h;
}

}  // namespace kiosk::storage
