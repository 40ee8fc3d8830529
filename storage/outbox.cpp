// The local side of central sync: waiting rows read as stored, acknowledgements written durably.
#include "storage/outbox.h"

#include "storage/schema.h"
#include "storage/sqlite_db.h"

namespace kiosk::storage {

struct Outbox::Impl {
    std::unique_ptr<sql::Connection> db;
};

Outbox::Outbox(const std::string& path, int busyTimeoutMs) : m_impl(std::make_unique<Impl>()) {
    // READWRITE without CREATE: a mistyped path is an error, never a new empty database.
    m_impl->db = std::make_unique<sql::Connection>(path, SQLITE_OPEN_READWRITE);
    sql::Connection& db = *m_impl->db;
    sqlite3_busy_timeout(db.Handle(), busyTimeoutMs);
    schema::RequireCompatible(db);
    // FULL: an acknowledgement that returned survives a power cut (else the row is only sent again, which
    // the central upsert absorbs — but there is no reason to allow it).
    db.Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    schema::Migrate(db);
}

Outbox::~Outbox() = default;

std::int64_t Outbox::CountWaiting() {
    return m_impl->db->QueryInt(
        "SELECT count(*) FROM results r WHERE NOT EXISTS (SELECT 1 FROM central_acks a WHERE a.id = r.id)");
}

std::int64_t Outbox::CountAcknowledged() {
    return m_impl->db->QueryInt("SELECT count(*) FROM central_acks");
}

std::vector<OutboxRow> Outbox::NextBatch(std::size_t limit, const std::string& after) {
    sql::Statement st(
        *m_impl->db,
        "SELECT id, kiosk_id, location_code, questionnaire_id, questionnaire_version,"
        " questionnaire_sha256, day, language, assisted, age_band, gender, simulated,"
        " overall_score, overall_level, knowledge, skill, attitude, answers, area_scores,"
        " competency_scores FROM results r WHERE id > ?1"
        " AND NOT EXISTS (SELECT 1 FROM central_acks a WHERE a.id = r.id) ORDER BY id LIMIT ?2");
    st.BindBlob(1, after.data(), after.size());
    st.Bind(2, static_cast<std::int64_t>(limit));
    std::vector<OutboxRow> rows;
    auto optDouble = [&](int c) { return st.IsNull(c) ? std::nullopt : std::optional<double>(st.Double(c)); };
    while (st.Step()) {
        OutboxRow r;
        r.id = std::string(st.Blob(0));
        r.kioskId = st.Text(1);
        r.locationCode = st.Text(2);
        r.questionnaireId = st.Text(3);
        r.questionnaireVersion = st.Text(4);
        r.questionnaireSha256 = st.Text(5);
        r.day = st.Text(6);
        r.language = st.Text(7);
        r.assisted = st.Text(8);
        r.ageBand = st.Text(9);
        r.gender = st.Text(10);
        r.simulated = st.Int(11) != 0;
        r.overallScore = optDouble(12);
        if (!st.IsNull(13)) r.overallLevel = std::string(st.Text(13));
        r.knowledge = optDouble(14);
        r.skill = optDouble(15);
        r.attitude = optDouble(16);
        r.answers = st.Text(17);
        r.areaScores = st.Text(18);
        r.competencyScores = st.Text(19);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::optional<OutboxQuestionnaire> Outbox::Questionnaire(const std::string& id, const std::string& version,
                                                         const std::string& sha256) {
    sql::Statement st(
        *m_impl->db,
        "SELECT document, exact FROM questionnaires WHERE id = ?1 AND version = ?2 AND sha256 = ?3");
    st.Bind(1, id).Bind(2, version).Bind(3, sha256);
    if (!st.Step()) return std::nullopt;
    OutboxQuestionnaire q{id, version, sha256, std::string(st.Blob(0)), st.Int(1) != 0};
    return q;
}

void Outbox::MarkAcknowledged(const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    sql::Connection& db = *m_impl->db;
    sql::Transaction tx(db, sql::Transaction::Mode::Write);
    sql::Statement st(db, "INSERT OR IGNORE INTO central_acks (id) VALUES (?1)");
    for (const auto& id : ids) {
        st.Reset();
        st.BindBlob(1, id.data(), id.size());
        st.Step();
    }
    tx.Commit();
}

}  // namespace kiosk::storage
