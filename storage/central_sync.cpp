// Central sync: batches of outbox rows sent in one central transaction each, acknowledged locally only
// after the central COMMIT, with backoff on failure.
#include "storage/central_sync.h"

#include "storage/outbox.h"
#include "storage/result_store.h"
#include "storage/schema.h"

#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <tuple>

namespace kiosk::storage {
namespace {

// COPY text format: backslash escapes for the characters that separate fields and rows.
void AppendCopyText(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out.push_back(c);
        }
    }
}

// 17 significant digits: PostgreSQL's float8 reads them back to the same double, so the central value is
// bit-for-bit the local one (SQLite's own text form keeps only 15).
void AppendDouble(std::string& out, const std::optional<double>& v) {
    if (!v) {
        out += "\\N";
        return;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *v);
    out += buf;
}

void AppendRow(std::string& out, const OutboxRow& r) {
    static const char* hex = "0123456789abcdef";
    out += "\\\\x";  // bytea hex input, its backslash escaped for COPY
    for (unsigned char c : r.id) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    for (const std::string* s :
         {&r.kioskId, &r.locationCode, &r.questionnaireId, &r.questionnaireVersion, &r.questionnaireSha256,
          &r.day, &r.language, &r.assisted, &r.ageBand, &r.gender}) {
        out.push_back('\t');
        AppendCopyText(out, *s);
    }
    out += r.simulated ? "\tt\t" : "\tf\t";
    AppendDouble(out, r.overallScore);
    out.push_back('\t');
    if (r.overallLevel)
        AppendCopyText(out, *r.overallLevel);
    else
        out += "\\N";
    for (const auto* d : {&r.knowledge, &r.skill, &r.attitude}) {
        out.push_back('\t');
        AppendDouble(out, *d);
    }
    for (const std::string* s : {&r.answers, &r.areaScores, &r.competencyScores}) {
        out.push_back('\t');
        AppendCopyText(out, *s);
    }
    out.push_back('\n');
}

constexpr const char* kColumns =
    "id, kiosk_id, location_code, questionnaire_id, questionnaire_version, questionnaire_sha256, day,"
    " language, assisted, age_band, gender, simulated, overall_score, overall_level, knowledge, skill,"
    " attitude, answers, area_scores, competency_scores";

// The staging table: per connection, emptied by every COMMIT. Declared column by column because the kiosk
// role may not read the results table that LIKE would copy from.
constexpr const char* kCreateIncoming =
    "CREATE TEMP TABLE IF NOT EXISTS kiosk_incoming (id bytea, kiosk_id text, location_code text,"
    " questionnaire_id text, questionnaire_version text, questionnaire_sha256 text, day date, language text,"
    " assisted text, age_band text, gender text, simulated boolean, overall_score double precision,"
    " overall_level text, knowledge double precision, skill double precision, attitude double precision,"
    " answers text, area_scores text, competency_scores text) ON COMMIT DELETE ROWS";

template <typename F>
auto Local(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const StorageError& e) {
        throw CentralError(CentralErrorKind::LocalStorage, std::string("local result database: ") + e.what());
    }
}

}  // namespace

struct CentralSync::Impl {
    SyncOptions options;
    mutable std::mutex mutex;  // guards status, stop, wake
    std::condition_variable cv;
    SyncStatus status;
    std::chrono::steady_clock::time_point nextAttempt{};
    bool stop = false, wake = false;
    std::mt19937 rng{std::random_device{}()};

    void SetStatus(const std::function<void(SyncStatus&)>& f) {
        std::lock_guard<std::mutex> lock(mutex);
        f(status);
    }

    SyncPass Pass(const std::function<void(const SyncPass&)>& onBatch) {
        std::error_code ec;
        if (options.missingDatabaseIsEmpty && !std::filesystem::exists(options.dbPath, ec) && !ec) {
            SetStatus([](SyncStatus& s) { s.waiting = 0; });
            return SyncPass{};
        }
        auto outbox = Local([&] { return std::make_unique<Outbox>(options.dbPath); });
        SyncPass pass;
        pass.waiting = Local([&] { return outbox->CountWaiting(); });
        SetStatus([&](SyncStatus& s) { s.waiting = pass.waiting; });
        if (pass.waiting == 0) return pass;

        pg::Connection db(options.central);
        CheckCentralVersion(db);
        db.Exec(kCreateIncoming);
        std::set<std::tuple<std::string, std::string, std::string>> knownQuestionnaires;
        std::string after;
        std::string copy;
        for (;;) {
            {
                // Stop() between batches: the kiosk closing waits for one batch at most, not for a backlog.
                std::lock_guard<std::mutex> lock(mutex);
                if (stop) break;
            }
            auto rows = Local([&] { return outbox->NextBatch(options.batchSize, after); });
            if (rows.empty()) break;
            copy.clear();
            std::vector<std::string> ids;
            std::set<std::tuple<std::string, std::string, std::string>> newQuestionnaires;
            for (const auto& r : rows) {
                AppendRow(copy, r);
                ids.push_back(r.id);
                auto key = std::make_tuple(r.questionnaireId, r.questionnaireVersion, r.questionnaireSha256);
                if (!knownQuestionnaires.count(key)) newQuestionnaires.insert(key);
            }
            db.Exec("BEGIN");
            for (const auto& [id, version, sha] : newQuestionnaires) {
                auto q = Local([&, &id = id, &version = version, &sha = sha] {
                    return outbox->Questionnaire(id, version, sha);
                });
                if (!q)
                    throw CentralError(CentralErrorKind::LocalStorage,
                                       "local result database: the questionnaire " + id + " " + version +
                                           " of some results is missing");
                db.Exec(
                    "INSERT INTO kiosk_central.questionnaires (id, version, sha256, document, exact)"
                    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    {q->id, q->version, q->sha256, q->document, q->exact ? "t" : "f"},
                    {false, false, false, true, false});
            }
            db.CopyIn(std::string("COPY pg_temp.kiosk_incoming (") + kColumns + ") FROM STDIN", copy);
            // ON CONFLICT DO NOTHING: a row the server already holds (a batch whose COMMIT reached the server
            // but whose answer was lost) is skipped — the id is random, so it is the same row.
            db.Exec(std::string("INSERT INTO kiosk_central.results (") + kColumns + ") SELECT " + kColumns +
                    " FROM pg_temp.kiosk_incoming ON CONFLICT DO NOTHING");
            db.Exec("SELECT kiosk_central.report_sync($1, $2)",
                    {std::to_string(rows.size()), std::to_string(schema::kVersion)});
            db.Commit();
            // Committed centrally: only now may the rows be marked. A crash right here resends the batch,
            // which the upsert absorbs.
            knownQuestionnaires.insert(newQuestionnaires.begin(), newQuestionnaires.end());
            Local([&] {
                outbox->MarkAcknowledged(ids);
                return 0;
            });
            after = rows.back().id;
            pass.sent += static_cast<std::int64_t>(rows.size());
            ++pass.batches;
            pass.waiting = std::max<std::int64_t>(0, pass.waiting - static_cast<std::int64_t>(rows.size()));
            SetStatus([&](SyncStatus& s) {
                s.waiting = pass.waiting;
                s.sentThisRun += static_cast<std::int64_t>(rows.size());
            });
            if (onBatch) onBatch(pass);
        }
        // Rows saved while the pass ran are counted here and picked up by the next pass.
        pass.waiting = Local([&] { return outbox->CountWaiting(); });
        return pass;
    }
};

CentralSync::CentralSync(SyncOptions options) : m_impl(std::make_unique<Impl>()) {
    if (options.batchSize == 0) options.batchSize = 1;
    m_impl->options = std::move(options);
}

CentralSync::~CentralSync() {
    Stop();
}

SyncPass CentralSync::RunOnce(const std::function<void(const SyncPass&)>& onBatch) {
    Impl& m = *m_impl;
    m.SetStatus([](SyncStatus& s) { s.running = true; });
    try {
        SyncPass pass = m.Pass(onBatch);
        m.SetStatus([&](SyncStatus& s) {
            s.running = false;
            s.waiting = pass.waiting;
            s.lastSuccess = std::chrono::system_clock::now();
            s.lastError.reset();
            s.lastErrorMessage.clear();
            s.consecutiveFailures = 0;
        });
        return pass;
    } catch (const CentralError& e) {
        m.SetStatus([&](SyncStatus& s) {
            s.running = false;
            s.lastError = e.Kind();
            s.lastErrorMessage = e.what();
            ++s.consecutiveFailures;
        });
        throw;
    } catch (const std::exception& e) {
        m.SetStatus([&](SyncStatus& s) {
            s.running = false;
            s.lastError = CentralErrorKind::Other;
            s.lastErrorMessage = e.what();
            ++s.consecutiveFailures;
        });
        throw CentralError(CentralErrorKind::Other, e.what());
    }
}

std::chrono::milliseconds CentralSync::BackoffFor(int failures) const {
    const SyncOptions& o = m_impl->options;
    if (failures <= 0) return o.pollInterval;
    auto wait = o.firstBackoff;
    for (int i = 1; i < failures && wait < o.maxBackoff; ++i) wait *= 2;
    return std::min(wait, o.maxBackoff);
}

void CentralSync::RunUntilStopped() {
    Impl& m = *m_impl;
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(m.mutex);
            if (m.stop) return;
        }
        std::chrono::milliseconds wait = m.options.pollInterval;
        try {
            RunOnce();
        } catch (const CentralError&) {
            int failures = Status().consecutiveFailures;
            wait = BackoffFor(failures);
            wait = std::chrono::milliseconds(static_cast<std::int64_t>(
                static_cast<double>(wait.count()) * std::uniform_real_distribution<double>(0.8, 1.2)(m.rng)));
        }
        std::unique_lock<std::mutex> lock(m.mutex);
        m.nextAttempt = std::chrono::steady_clock::now() + wait;
        m.cv.wait_for(lock, wait, [&] { return m.stop || m.wake; });
        m.wake = false;
    }
}

void CentralSync::Stop() {
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->stop = true;
    }
    m_impl->cv.notify_all();
}

void CentralSync::Wake() {
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->wake = true;
    }
    m_impl->cv.notify_all();
}

SyncStatus CentralSync::Status() const {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    SyncStatus s = m_impl->status;
    auto now = std::chrono::steady_clock::now();
    s.nextAttemptIn = m_impl->nextAttempt > now
                          ? std::chrono::duration_cast<std::chrono::milliseconds>(m_impl->nextAttempt - now)
                          : std::chrono::milliseconds(0);
    return s;
}

}  // namespace kiosk::storage
