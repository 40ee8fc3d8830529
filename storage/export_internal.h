// Pieces shared by the export formats (private to kiosk_storage): the column layout, the cells of one row,
// the small-group counter, the all-or-nothing output file and the writer interface.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/atomic_file.h"
#include "storage/export.h"

#include <unistd.h>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kiosk::storage::xport {

// Where a column's value comes from.
enum class Source {
    ResultId,
    Period,
    Kiosk,
    Location,
    QuestionnaireId,
    QuestionnaireVersion,
    QuestionnaireSha,
    Language,
    Assisted,
    AgeBand,
    Gender,
    Simulated,
    OverallScore,
    OverallLevel,
    Knowledge,
    Skill,
    Attitude,
    AreaScore,
    AreaLevel,
    CompetencyScore,
    CompetencyLevel,
    Item,
    Count
};

struct Column {
    Source source;
    std::string id;                        // stable, e.g. "score.competency.1.1", "item.1.1-k1"
    std::string label;                     // in the staff's language
    const core::Questionnaire* labelFrom;  // the version the label was taken from (null for fixed columns)
};

// "label [id]": the header of CSV and XLSX columns.
std::string Header(const Column& c);

// One cell of a row. Text views point into the decoded row and live until the next row.
struct Cell {
    enum class Type : unsigned char { Empty, Text, Int, Score };
    Type type = Type::Empty;
    std::string_view text;
    double number = 0;
};

// How one questionnaire version's scores and answers land in the columns.
struct Mapper {
    const core::Questionnaire* questionnaire = nullptr;
    std::vector<std::size_t> areaCol, compCol;  // score column; the level is the next one
    std::vector<std::string> itemIds;           // questionnaire order
    std::vector<std::size_t> itemCol;
    std::unordered_map<std::string, std::size_t> itemIndex;  // item id -> index in itemIds
};

class Layout {
public:
    // Parses the stored documents; throws StorageError when one cannot be read.
    Layout(const std::vector<StoredQuestionnaire>& stored, const ExportOptions& options);

    // Fills `cells` (one per column) for a row.
    void Fill(const StoredResult& r, std::string_view period, bool suppressed, std::vector<Cell>& cells);

    std::vector<Column> columns;
    std::vector<std::unique_ptr<core::Questionnaire>> models;  // same order as the stored questionnaires

private:
    static constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();
    static std::string Key(const std::string& id, const std::string& version, const std::string& sha);
    const Mapper& MapperFor(const StoredResult& r);
    std::size_t Pos(Source s) const;

    std::array<std::size_t, static_cast<std::size_t>(Source::Count)> m_pos = [] {
        std::array<std::size_t, static_cast<std::size_t>(Source::Count)> a{};
        a.fill(kAbsent);
        return a;
    }();
    std::vector<std::pair<Column, Column>> m_areaColumns, m_compColumns;
    std::vector<Column> m_itemColumns;
    std::map<std::string, Mapper> m_mappers;
    const Mapper* m_last = nullptr;
    std::string m_lastId, m_lastVersion, m_lastSha;
};

// The quasi-identifiers: what a column says about where, when, in which language and by whom a
// questionnaire was taken (as opposed to what was answered). QuasiIdentifierOf classifies every Source with
// no default case, so a new column cannot be added without deciding whether it identifies (-Wswitch).
enum class Qi {
    Period,
    Kiosk,
    Location,
    QuestionnaireId,
    QuestionnaireVersion,
    QuestionnaireSha,
    Language,
    Assisted,
    AgeBand,
    Gender,
    Simulated,
    Count
};
std::optional<Qi> QuasiIdentifierOf(Source s);

// The small-group rule as k-anonymity over the quasi-identifiers the export writes: every combination of
// their written values is shared by at least k rows. The key is derived from the columns. A row whose full
// combination is rarer than k is generalised step by step — its profile (assisted, age band, gender) written
// as "suppressed", then also its language, then also its kiosk and location — until its group among the
// rows generalised as far reaches k; a row that reaches no such group is withheld (left out, and counted).
class SmallGroups {
public:
    static constexpr int kWithheld = 4;

    SmallGroups(int k, Period period, const std::vector<Column>& columns);
    void Add(const GroupCount& g);
    // A row that will not be written (quarantined): it must not count towards anyone's group.
    void Exclude(std::string_view period, const StoredResult& r);
    // Assigns every group its level; call after the last Add/Exclude.
    void Decide();
    // The period of a day, cached (few distinct days, many rows). The view lives as long as this object.
    std::string_view PeriodOf(const std::string& date);
    // 0 (as stored) … 3 (profile, language, kiosk and location hidden), or kWithheld.
    int LevelOf(std::string_view period, const StoredResult& r);
    // Writes "suppressed" into the fields that `level` hides.
    static void Apply(int level, StoredResult& r);
    // Rows of this questionnaire version that are written (not withheld); after Decide. A file that
    // states the stored count would give away how many rows were withheld, a group under k.
    std::int64_t Written(const std::string& questionnaireId, const std::string& version) const;

private:
    using Values = std::array<std::string, static_cast<std::size_t>(Qi::Count)>;
    struct Group {
        Values values;
        std::int64_t count = 0;
        int level = -1;
    };
    static void ValuesOf(std::string_view period, const StoredResult& r, Values& out);
    std::string KeyOf(const Values& v, int level) const;

    int m_k;
    Period m_period;
    std::array<bool, static_cast<std::size_t>(Qi::Count)> m_inKey{};
    std::unordered_map<std::string, std::string> m_periods;
    std::vector<Group> m_groups;
    std::unordered_map<std::string, std::size_t> m_index;  // full key -> group
    Values m_scratch;
};

// Throws StorageError for the current errno (ENOSPC -> DiskFull, EROFS/EACCES -> ReadOnly…).
[[noreturn]] void ThrowErrno(const std::string& what);

// The export file: a core::AtomicFile (temporary name beside `path`, renamed into place by Commit(),
// removed if the export fails, never replacing anything but a regular file) whose failures are thrown as
// StorageError with place OutputFile.
class OutputFile {
public:
    explicit OutputFile(const std::string& path);

    const std::string& TempPath() const { return m_file.TempPath(); }
    void Write(std::string_view bytes);
    void Commit();

private:
    core::AtomicFile m_file;
};

// Throws the StorageError (place OutputFile) for a failed write of the export.
[[noreturn]] void ThrowFileError(const core::FileError& e);

class RowWriter {
public:
    virtual ~RowWriter() = default;
    // False for writers that work from the decoded row only (JSON): cells are then not filled.
    virtual bool WantsCells() const { return true; }
    virtual void Header(const std::vector<Column>& columns) = 0;
    virtual void Row(const StoredResult& r, std::string_view period, bool suppressed,
                     const std::vector<Cell>& cells) = 0;
    virtual void Finish() = 0;
};

std::unique_ptr<RowWriter> MakeCsvWriter(const std::string& path);
std::unique_ptr<RowWriter> MakeXlsxWriter(const std::string& path, const Layout& layout,
                                          const ExportOptions& options);
std::unique_ptr<RowWriter> MakeJsonWriter(const std::string& path, const ExportOptions& options,
                                          const std::vector<StoredQuestionnaire>& questionnaires);

const char* FixedLabel(const std::string& id, const std::string& lang, Period period);

}  // namespace kiosk::storage::xport
