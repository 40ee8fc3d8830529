// The central-sync outbox of one local result database: which results the central database has not yet
// acknowledged, read as their exact stored values, and marking results acknowledged once (and only once) the
// central server has committed them. Opens its own connection, so a sync worker can use it while the kiosk
// saves through ResultStore (WAL: the two never block for longer than one short transaction).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::storage {

// One result row exactly as stored locally (id as its 16 raw bytes; scores as stored doubles).
struct OutboxRow {
    std::string id;
    std::string kioskId, locationCode;
    std::string questionnaireId, questionnaireVersion, questionnaireSha256;
    std::string day, language, assisted, ageBand, gender;
    bool simulated = false;
    std::optional<double> overallScore;
    std::optional<std::string> overallLevel;
    std::optional<double> knowledge, skill, attitude;
    std::string answers, areaScores, competencyScores;
};

struct OutboxQuestionnaire {
    std::string id, version, sha256;
    std::string document;
    bool exact = false;
};

class Outbox {
  public:
    // Opens an existing result database (migrating it to the current schema, as the kiosk would); throws
    // StorageError (CannotOpen when the file does not exist: sync never creates a database).
    explicit Outbox(const std::string& path, int busyTimeoutMs = 5000);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    std::int64_t CountWaiting();
    std::int64_t CountAcknowledged();

    // Up to `limit` waiting rows whose id is greater than `after` (raw bytes; "" = from the start), in id
    // order: a pass walks the table once even while some rows stay unacknowledged.
    std::vector<OutboxRow> NextBatch(std::size_t limit, const std::string& after = {});

    // The stored questionnaire (id, version, sha256), or nullopt.
    std::optional<OutboxQuestionnaire> Questionnaire(const std::string& id, const std::string& version,
                                                     const std::string& sha256);

    // Records that the central database committed these results (raw ids), in one durable transaction.
    void MarkAcknowledged(const std::vector<std::string>& ids);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::storage
