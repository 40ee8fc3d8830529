// Reading a result database that already exists, for exports, statistics and health checks. A reader never
// creates, migrates or changes anything (its connection is query_only), works while the kiosk is writing
// (WAL: a reader sees one consistent snapshot and never blocks the writer), and throws StorageError.
#pragma once

#include "kiosk/core/profile.h"
#include "storage/result_store.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::storage {

// One area or competency score as stored: `score` is empty when it was not assessed.
struct StoredScore {
    std::string id;
    std::optional<double> score;
    std::string level;  // level id, empty when not assessed
};

// One stored result, decoded. The id is 32 lower-case hex characters; there is no time of day and no
// insertion order anywhere.
struct StoredResult {
    std::string id;
    std::string storedId;  // in a keyed scan (ScanOptions::idKey) the id in the database; `id` is keyed
    std::string kioskId, locationCode;
    std::string questionnaireId, questionnaireVersion, questionnaireSha256;
    std::string date;  // "YYYY-MM-DD"
    std::string language;
    core::Profile profile;
    bool simulated = false;
    std::optional<double> overallScore;
    std::string overallLevel;
    std::array<std::optional<double>, 3> dimensions;   // indexed by core::Dimension
    std::vector<std::pair<std::string, int>> answers;  // item id -> option index, questionnaire order
    std::vector<StoredScore> areas, competencies;      // questionnaire order
};

// Which results to read. Empty strings mean "no limit"; dates are inclusive "YYYY-MM-DD".
struct ResultFilter {
    std::string from, to;
    std::string questionnaireId;
    bool includeSimulated = false;
};

// A questionnaire as stored beside the results taken with it (so old results keep their labels).
struct StoredQuestionnaire {
    std::string id, version, sha256;
    std::string document;      // kiosk-questionnaire/1 JSON
    bool exact = false;        // true: the file's own bytes; false: rebuilt from the loaded questionnaire
    std::int64_t results = 0;  // how many results (real and simulated) refer to it
};

// How many results share every stored quasi-identifier (day, kiosk, location, questionnaire, language,
// profile, simulated): the input of the small-group rule, which keys on those of them an export writes.
struct GroupCount {
    std::string date, kioskId, locationCode;
    std::string questionnaireId, questionnaireVersion, questionnaireSha256;
    std::string language, assisted, ageBand, gender;
    bool simulated = false;
    std::int64_t count = 0;
};

// How ForEach reads. A row that does not decode (or, with `questionnaires`, does not fit its stored
// questionnaire) goes to `onDamaged` (with its plain columns filled and what is wrong) instead of `fn`;
// without `onDamaged` it stops the scan with StorageError Corrupt.
struct ScanOptions {
    bool withAnswers = true;
    std::function<void(const StoredResult&, const std::string& problem)> onDamaged;
    // Not empty (32 bytes): rows come ordered by, and with their id replaced by, a BLAKE2b hash of the id
    // keyed with it: an export made with a fresh key cannot be joined with another by id or by row order.
    std::string idKey;
};

struct HealthReport {
    bool healthy = false;
    std::string integrity;  // "ok" or SQLite's findings, one per line
    int schemaVersion = 0;
    std::int64_t results = 0, simulated = 0;
    std::int64_t damaged = 0;  // rows that do not decode or do not match their questionnaire
    std::string firstDate, lastDate;
    std::vector<StoredQuestionnaire> questionnaires;  // without documents
    std::vector<std::string> problems;                // human-readable, first few damaged rows etc.
};

class ResultReader {
public:
    // Opens an existing database; throws StorageError (CannotOpen when missing; Other when it is not a
    // kiosk result database or its schema is newer than this program). A user who may not write beside the
    // file can still read it while no kiosk has it open (then it is read as immutable).
    explicit ResultReader(const std::string& path);
    ~ResultReader();
    ResultReader(const ResultReader&) = delete;
    ResultReader& operator=(const ResultReader&) = delete;

    int SchemaVersion() const;
    const std::string& Path() const;  // as given to the constructor

    // Runs `fn` inside one read transaction, so every read it makes sees the same snapshot even while the
    // kiosk keeps saving. Reads outside Snapshot() each see the latest committed state.
    void Snapshot(const std::function<void()>& fn);

    // Results matching `filter`, ordered by their random id (never by insertion). The StoredResult passed
    // to `fn` is reused between calls. withAnswers=false skips decoding the answers (statistics).
    void ForEach(const ResultFilter& filter, const std::function<void(const StoredResult&)>& fn,
                 bool withAnswers = true);
    void ForEach(const ResultFilter& filter, const ScanOptions& options,
                 const std::function<void(const StoredResult&)>& fn);

    std::vector<GroupCount> CountGroups(const ResultFilter& filter);

    // Stored questionnaires, ordered by id then version; `results` counts only those matching `filter`
    // (questionnaires no matching result refers to are left out).
    std::vector<StoredQuestionnaire> Questionnaires(const ResultFilter& filter, bool withDocuments = true);

    std::int64_t CountResults(const ResultFilter& filter);

    // integrity_check (full=true) or quick_check, counts, and a decode of every row.
    HealthReport Check(bool full = true);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::storage
