// Row-level exports (see export.h). One pass over the stored questionnaires builds the columns, one
// GROUP BY pass counts the small groups, and one scan in id order writes the rows through a format writer.
// The CSV path avoids per-cell allocations: cells are views into the reused decoded row.
#include "storage/export.h"

#include "kiosk/core/csv_field.h"
#include "storage/export_internal.h"
#include "storage/questionnaire_snapshot.h"
#include "storage/record_codec.h"

#include <fcntl.h>
#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <unordered_map>

namespace kiosk::storage {

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
    if (name == "csv") return ExportFormat::Csv;
    if (name == "xlsx") return ExportFormat::Xlsx;
    if (name == "json") return ExportFormat::Json;
    return std::nullopt;
}

namespace xport {

// ---- Labels --------------------------------------------------------------------------------------------

const char* FixedLabel(const std::string& id, const std::string& lang, Period period) {
    bool vi = lang != "en";
    if (id == "result_id") return vi ? "Mã kết quả" : "Result id";
    if (id == "period") {
        switch (period) {
            case Period::Day:
                return vi ? "Ngày" : "Day";
            case Period::Week:
                return vi ? "Tuần" : "Week";
            case Period::Month:
                return vi ? "Tháng" : "Month";
        }
    }
    if (id == "kiosk_id") return vi ? "Mã kiosk" : "Kiosk";
    if (id == "location_code") return vi ? "Mã địa điểm" : "Location";
    if (id == "questionnaire_id") return vi ? "Bộ câu hỏi" : "Questionnaire";
    if (id == "questionnaire_version") return vi ? "Phiên bản bộ câu hỏi" : "Questionnaire version";
    if (id == "questionnaire_sha256") return vi ? "Mã băm SHA-256 của bộ câu hỏi" : "Questionnaire SHA-256";
    if (id == "language") return vi ? "Ngôn ngữ" : "Language";
    if (id == "assisted") return vi ? "Có người hỗ trợ" : "Assisted by staff";
    if (id == "age_band") return vi ? "Nhóm tuổi" : "Age band";
    if (id == "gender") return vi ? "Giới tính" : "Gender";
    if (id == "simulated") return vi ? "Dữ liệu mô phỏng" : "Simulated";
    if (id == "score.overall") return vi ? "Điểm chung" : "Overall score";
    if (id == "level.overall") return vi ? "Mức chung" : "Overall level";
    if (id == "score.knowledge") return vi ? "Điểm kiến thức" : "Knowledge score";
    if (id == "score.skill") return vi ? "Điểm kỹ năng" : "Skill score";
    if (id == "score.attitude") return vi ? "Điểm thái độ" : "Attitude score";
    return "";
}

std::string Header(const Column& c) {
    return c.label + " [" + c.id + "]";
}

// ---- Layout --------------------------------------------------------------------------------------------

Layout::Layout(const std::vector<StoredQuestionnaire>& stored, const ExportOptions& options) {
    auto fixed = [&](Source s, const char* id) {
        m_pos[static_cast<std::size_t>(s)] = columns.size();
        columns.push_back({s, id, FixedLabel(id, options.language, options.period), nullptr});
    };
    fixed(Source::ResultId, "result_id");
    fixed(Source::Period, "period");
    fixed(Source::Kiosk, "kiosk_id");
    fixed(Source::Location, "location_code");
    fixed(Source::QuestionnaireId, "questionnaire_id");
    fixed(Source::QuestionnaireVersion, "questionnaire_version");
    fixed(Source::QuestionnaireSha, "questionnaire_sha256");
    fixed(Source::Language, "language");
    fixed(Source::Assisted, "assisted");
    fixed(Source::AgeBand, "age_band");
    fixed(Source::Gender, "gender");
    if (options.filter.includeSimulated) fixed(Source::Simulated, "simulated");
    fixed(Source::OverallScore, "score.overall");
    fixed(Source::OverallLevel, "level.overall");
    fixed(Source::Knowledge, "score.knowledge");
    fixed(Source::Skill, "score.skill");
    fixed(Source::Attitude, "score.attitude");

    for (const auto& s : stored) {
        auto model = ParseStoredDocument(s.document, "stored questionnaire " + s.id + " " + s.version);
        if (!model) {
            throw StorageError(StorageErrorKind::Other,
                               "the stored questionnaire " + s.id + " " + s.version +
                                   " cannot be read by this program (newer format?)");
        }
        models.push_back(std::make_unique<core::Questionnaire>(std::move(*model)));
    }
    // Union of the versions' areas, competencies and items, in order of first appearance: results of
    // several versions share a column when they share an id.
    std::map<std::string, std::size_t> areaCol, compCol, itemCol;
    const std::string& lang = options.language;
    bool vi = lang != "en";
    for (const auto& q : models) {
        for (const auto& a : q->areas) {
            if (areaCol.count(a.id)) continue;
            areaCol[a.id] = m_areaColumns.size();
            m_areaColumns.push_back(
                {{Source::AreaScore, "score.area." + a.id,
                  (vi ? "Điểm lĩnh vực: " : "Area score: ") + core::TextIn(a.title, lang), q.get()},
                 {Source::AreaLevel, "level.area." + a.id,
                  (vi ? "Mức lĩnh vực: " : "Area level: ") + core::TextIn(a.title, lang), q.get()}});
        }
        for (const auto& a : q->areas) {
            for (const auto& c : a.competencies) {
                if (compCol.count(c.id)) continue;
                compCol[c.id] = m_compColumns.size();
                m_compColumns.push_back(
                    {{Source::CompetencyScore, "score.competency." + c.id,
                      (vi ? "Điểm năng lực: " : "Competency score: ") + core::TextIn(c.title, lang), q.get()},
                     {Source::CompetencyLevel, "level.competency." + c.id,
                      (vi ? "Mức năng lực: " : "Competency level: ") + core::TextIn(c.title, lang),
                      q.get()}});
            }
        }
        for (const auto& ref : q->ItemOrder()) {
            const auto& item = q->areas[ref.area].competencies[ref.competency].items[ref.item];
            if (itemCol.count(item.id)) continue;
            itemCol[item.id] = m_itemColumns.size();
            m_itemColumns.push_back(
                {Source::Item, "item." + item.id, core::TextIn(item.text, lang), q.get()});
        }
    }
    std::size_t firstArea = columns.size();
    for (auto& [score, level] : m_areaColumns) {
        columns.push_back(score);
        columns.push_back(level);
    }
    std::size_t firstComp = columns.size();
    for (auto& [score, level] : m_compColumns) {
        columns.push_back(score);
        columns.push_back(level);
    }
    std::size_t firstItem = columns.size();
    for (auto& c : m_itemColumns) columns.push_back(c);

    for (std::size_t i = 0; i < stored.size(); ++i) {
        const core::Questionnaire& q = *models[i];
        Mapper m;
        m.questionnaire = &q;
        for (const auto& a : q.areas) {
            m.areaCol.push_back(firstArea + 2 * areaCol[a.id]);
            for (const auto& c : a.competencies) m.compCol.push_back(firstComp + 2 * compCol[c.id]);
        }
        for (const auto& ref : q.ItemOrder()) {
            const auto& item = q.areas[ref.area].competencies[ref.competency].items[ref.item];
            m.itemIds.push_back(item.id);
            m.itemCol.push_back(firstItem + itemCol[item.id]);
            m.itemIndex[item.id] = m.itemIds.size() - 1;
        }
        m_mappers[Key(stored[i].id, stored[i].version, stored[i].sha256)] = std::move(m);
    }
}

std::string Layout::Key(const std::string& id, const std::string& version, const std::string& sha) {
    return id + '\n' + version + '\n' + sha;
}

const Mapper& Layout::MapperFor(const StoredResult& r) {
    // Consecutive rows mostly share a version: remember the last one instead of building a key each time.
    if (m_last && m_lastId == r.questionnaireId && m_lastVersion == r.questionnaireVersion &&
        m_lastSha == r.questionnaireSha256)
        return *m_last;
    auto it = m_mappers.find(Key(r.questionnaireId, r.questionnaireVersion, r.questionnaireSha256));
    if (it == m_mappers.end())
        throw StorageError(StorageErrorKind::Corrupt,
                           "result " + r.id + " refers to a questionnaire that is not stored");
    m_last = &it->second;
    m_lastId = r.questionnaireId;
    m_lastVersion = r.questionnaireVersion;
    m_lastSha = r.questionnaireSha256;
    return *m_last;
}

std::size_t Layout::Pos(Source s) const {
    return m_pos[static_cast<std::size_t>(s)];
}

void Layout::Fill(const StoredResult& r, std::string_view period, bool suppressed, std::vector<Cell>& cells) {
    cells.assign(columns.size(), Cell{});
    auto text = [&](Source s, std::string_view v) {
        std::size_t p = Pos(s);
        if (p != kAbsent) cells[p] = Cell{Cell::Type::Text, v, 0};
    };
    auto score = [&](std::size_t p, const std::optional<double>& v) {
        if (v) cells[p] = Cell{Cell::Type::Score, {}, *v};
    };
    text(Source::ResultId, r.id);
    text(Source::Period, period);
    text(Source::Kiosk, r.kioskId);
    text(Source::Location, r.locationCode);
    text(Source::QuestionnaireId, r.questionnaireId);
    text(Source::QuestionnaireVersion, r.questionnaireVersion);
    text(Source::QuestionnaireSha, r.questionnaireSha256);
    text(Source::Language, r.language);
    text(Source::Assisted, suppressed ? kSuppressed : std::string_view(r.profile.assisted));
    text(Source::AgeBand, suppressed ? kSuppressed : std::string_view(r.profile.ageBand));
    text(Source::Gender, suppressed ? kSuppressed : std::string_view(r.profile.gender));
    text(Source::Simulated, r.simulated ? "yes" : "no");
    score(Pos(Source::OverallScore), r.overallScore);
    if (!r.overallLevel.empty()) text(Source::OverallLevel, r.overallLevel);
    score(Pos(Source::Knowledge), r.dimensions[0]);
    score(Pos(Source::Skill), r.dimensions[1]);
    score(Pos(Source::Attitude), r.dimensions[2]);

    const Mapper& m = MapperFor(r);
    auto scores = [&](const std::vector<StoredScore>& stored, const std::vector<std::size_t>& cols) {
        if (stored.size() != cols.size())
            throw StorageError(StorageErrorKind::Corrupt,
                               "result " + r.id + ": its scores do not match its questionnaire");
        for (std::size_t i = 0; i < cols.size(); ++i) {
            score(cols[i], stored[i].score);
            if (stored[i].score) cells[cols[i] + 1] = Cell{Cell::Type::Text, stored[i].level, 0};
        }
    };
    scores(r.areas, m.areaCol);
    scores(r.competencies, m.compCol);
    // Answers are stored in questionnaire order, so the next expected item usually matches.
    std::size_t next = 0;
    for (const auto& [itemId, index] : r.answers) {
        std::size_t at;
        if (next < m.itemIds.size() && m.itemIds[next] == itemId) {
            at = next;
        } else {
            auto it = m.itemIndex.find(itemId);
            if (it == m.itemIndex.end())
                throw StorageError(StorageErrorKind::Corrupt,
                                   "result " + r.id + " answers unknown item " + itemId);
            at = it->second;
        }
        cells[m.itemCol[at]] = Cell{Cell::Type::Int, {}, static_cast<double>(index)};
        next = at + 1;
    }
}

// ---- Output file ---------------------------------------------------------------------------------------

OutputFile::OutputFile(const std::string& path) {
    if (auto e = m_file.Open(path)) ThrowFileError(*e);
}

void OutputFile::Write(std::string_view bytes) {
    if (auto e = m_file.Write(bytes)) ThrowFileError(*e);
}

void OutputFile::Commit() {
    if (auto e = m_file.Commit()) ThrowFileError(*e);
}

void ThrowFileError(const core::FileError& e) {
    StorageErrorKind kind = e.kind == core::FileErrorKind::DiskFull   ? StorageErrorKind::DiskFull
                            : e.kind == core::FileErrorKind::ReadOnly ? StorageErrorKind::ReadOnly
                                                                      : StorageErrorKind::CannotOpen;
    throw StorageError(kind, e.detail, StoragePlace::OutputFile);
}

void ThrowErrno(const std::string& what) {
    int err = errno;
    StorageErrorKind kind = err == ENOSPC || err == EDQUOT                  ? StorageErrorKind::DiskFull
                            : err == EROFS || err == EACCES || err == EPERM ? StorageErrorKind::ReadOnly
                                                                            : StorageErrorKind::CannotOpen;
    throw StorageError(kind, what + ": " + std::strerror(err), StoragePlace::OutputFile);
}

// ---- CSV -----------------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

void AppendNumber(std::string& out, double v, bool isScore) {
    char buf[32];
    auto r = isScore ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1)
                     : std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    out.append(buf, r.ptr);
}

class CsvWriter final : public RowWriter {
public:
    explicit CsvWriter(const std::string& path) : m_out(path) {
        m_buf.reserve(kFlushBytes + (64 << 10));
        m_buf = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads Vietnamese correctly
    }
    void Header(const std::vector<Column>& columns) override {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) m_buf.push_back(',');
            core::AppendCsvField(m_buf, Header(columns[i]));
        }
        m_buf += "\r\n";
    }
    void Row(const StoredResult&, std::string_view, bool, const std::vector<Cell>& cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) m_buf.push_back(',');
            const Cell& c = cells[i];
            switch (c.type) {
                case Cell::Type::Empty:
                    break;
                case Cell::Type::Text:
                    core::AppendCsvField(m_buf, c.text);
                    break;
                case Cell::Type::Int:
                case Cell::Type::Score:
                    AppendNumber(m_buf, c.number, c.type == Cell::Type::Score);
                    break;
            }
        }
        m_buf += "\r\n";
        if (m_buf.size() >= kFlushBytes) Flush();
    }
    void Finish() override {
        Flush();
        m_out.Commit();
    }

private:
    static std::string Header(const Column& c) { return xport::Header(c); }
    void Flush() {
        m_out.Write(m_buf);
        m_buf.clear();
    }
    OutputFile m_out;
    std::string m_buf;
};

}  // namespace

std::unique_ptr<RowWriter> MakeCsvWriter(const std::string& path) {
    return std::make_unique<CsvWriter>(path);
}

}  // namespace xport

// ---- The export ----------------------------------------------------------------------------------------

ExportSummary ExportResults(ResultReader& reader, const ExportOptions& options, const std::string& outPath) {
    using namespace xport;
    if (options.k < 1) throw StorageError(StorageErrorKind::Other, "k must be at least 1");
    // The export is renamed into place at the end: aimed at the database, it would replace it.
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path out = fs::weakly_canonical(outPath, ec), db = fs::weakly_canonical(reader.Path(), ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (out == fs::path(db.string() + suffix))
            throw StorageError(StorageErrorKind::Other,
                               "refusing to write the export over the database " + outPath);
    }
    ExportSummary summary;
    // Exports interrupted earlier (a crash, a pulled stick) left their temporary files here: clean them up.
    // Files another export is still writing are locked and stay.
    std::string dir = fs::path(outPath).parent_path().string();
    summary.stalePartialsRemoved = core::RemoveStalePartials(dir.empty() ? "." : dir);
    // A fresh key for this export only, never stored: ids and row order cannot be matched with another
    // export's (see the README's privacy section).
    ScanOptions scan;
    scan.idKey = options.idKey;
    if (scan.idKey.empty()) {
        scan.idKey.resize(32);
        if (sodium_init() < 0) throw StorageError(StorageErrorKind::Other, "libsodium cannot start");
        randombytes_buf(scan.idKey.data(), scan.idKey.size());
    }
    reader.Snapshot([&] {
        summary.questionnaires = reader.Questionnaires(options.filter, true);
        Layout layout(summary.questionnaires, options);
        const std::vector<GroupCount> counts = reader.CountGroups(options.filter);

        // Damaged rows are found while writing; they are quarantined (reported, left out) and the export is
        // written once more without counting them in anyone's group.
        std::vector<StoredResult> damaged;
        for (int attempt = 0; attempt < 2; ++attempt) {
            SmallGroups groups(options.k, options.period, layout.columns);
            std::int64_t total = 0;
            for (const auto& g : counts) {
                groups.Add(g);
                total += g.count;
            }
            for (const auto& d : damaged) {
                groups.Exclude(groups.PeriodOf(d.date), d);
                --total;
            }
            groups.Decide();

            std::unique_ptr<RowWriter> writer;
            switch (options.format) {
                case ExportFormat::Csv:
                    writer = MakeCsvWriter(outPath);
                    break;
                case ExportFormat::Xlsx:
                    writer = MakeXlsxWriter(outPath, layout, options);
                    break;
                case ExportFormat::Json: {
                    std::vector<StoredQuestionnaire> written = summary.questionnaires;
                    for (auto& q : written) q.results = groups.Written(q.id, q.version);
                    writer = MakeJsonWriter(outPath, options, written);
                    break;
                }
            }
            writer->Header(layout.columns);
            std::vector<Cell> cells;
            std::vector<StoredResult> found;
            summary.rows = summary.suppressedRows = summary.withheldRows = 0;
            StoredResult out;
            scan.onDamaged = [&](const StoredResult& r, const std::string& problem) {
                found.push_back(r);
                summary.quarantined.push_back((r.storedId.empty() ? r.id : r.storedId) + ": " + problem);
            };
            summary.quarantined.clear();
            reader.ForEach(options.filter, scan, [&](const StoredResult& r) {
                std::string_view period = groups.PeriodOf(r.date);
                int level = groups.LevelOf(period, r);
                out = r;
                SmallGroups::Apply(level, out);
                try {
                    // Also checks that the row fits its stored questionnaire (every format).
                    layout.Fill(out, period, level > 0, cells);
                } catch (const StorageError& e) {
                    if (e.Kind() != StorageErrorKind::Corrupt) throw;
                    found.push_back(r);
                    summary.quarantined.push_back(r.storedId + ": " + e.what());
                    return;
                }
                if (level == SmallGroups::kWithheld) {
                    ++summary.withheldRows;
                    return;
                }
                writer->Row(out, period, level > 0, cells);
                ++summary.rows;
                if (level > 0) ++summary.suppressedRows;
                std::int64_t done = summary.rows + summary.withheldRows;
                if (options.progress && done % 64 == 0) options.progress(done, total);
            });
            if (!found.empty() && damaged.empty()) {
                damaged = std::move(found);
                continue;  // the writer's temporary file is removed with it
            }
            if (options.progress) options.progress(summary.rows + summary.withheldRows, total);
            writer->Finish();
            break;
        }
    });
    for (auto& q : summary.questionnaires) q.document.clear();
    return summary;
}

// ---- Small groups --------------------------------------------------------------------------------------

namespace xport {

std::optional<Qi> QuasiIdentifierOf(Source s) {
    switch (s) {
        case Source::Period: return Qi::Period;
        case Source::Kiosk: return Qi::Kiosk;
        case Source::Location: return Qi::Location;
        case Source::QuestionnaireId: return Qi::QuestionnaireId;
        case Source::QuestionnaireVersion: return Qi::QuestionnaireVersion;
        case Source::QuestionnaireSha: return Qi::QuestionnaireSha;
        case Source::Language: return Qi::Language;
        case Source::Assisted: return Qi::Assisted;
        case Source::AgeBand: return Qi::AgeBand;
        case Source::Gender: return Qi::Gender;
        case Source::Simulated: return Qi::Simulated;
        // The id is keyed afresh for each export (unlinkable); scores and answers are what is studied.
        case Source::ResultId:
        case Source::OverallScore:
        case Source::OverallLevel:
        case Source::Knowledge:
        case Source::Skill:
        case Source::Attitude:
        case Source::AreaScore:
        case Source::AreaLevel:
        case Source::CompetencyScore:
        case Source::CompetencyLevel:
        case Source::Item:
        case Source::Count:
            return std::nullopt;
    }
    return std::nullopt;
}

namespace {

// Which quasi-identifiers each generalisation level hides (cumulative).
bool HiddenAt(Qi q, int level) {
    switch (q) {
        case Qi::Assisted:
        case Qi::AgeBand:
        case Qi::Gender:
            return level >= 1;
        case Qi::Language:
            return level >= 2;
        case Qi::Kiosk:
        case Qi::Location:
            return level >= 3;
        default:
            return false;
    }
}

}  // namespace

SmallGroups::SmallGroups(int k, Period period, const std::vector<Column>& columns) : m_k(k), m_period(period) {
    for (const auto& c : columns)
        if (auto q = QuasiIdentifierOf(c.source)) m_inKey[static_cast<std::size_t>(*q)] = true;
}

std::string_view SmallGroups::PeriodOf(const std::string& date) {
    auto it = m_periods.find(date);
    if (it == m_periods.end()) it = m_periods.emplace(date, storage::PeriodOf(date, m_period)).first;
    return it->second;
}

void SmallGroups::ValuesOf(std::string_view period, const StoredResult& r, Values& v) {
    auto at = [&](Qi q) -> std::string& { return v[static_cast<std::size_t>(q)]; };
    at(Qi::Period).assign(period);
    at(Qi::Kiosk) = r.kioskId;
    at(Qi::Location) = r.locationCode;
    at(Qi::QuestionnaireId) = r.questionnaireId;
    at(Qi::QuestionnaireVersion) = r.questionnaireVersion;
    at(Qi::QuestionnaireSha) = r.questionnaireSha256;
    at(Qi::Language) = r.language;
    at(Qi::Assisted) = r.profile.assisted;
    at(Qi::AgeBand) = r.profile.ageBand;
    at(Qi::Gender) = r.profile.gender;
    at(Qi::Simulated) = r.simulated ? "1" : "0";
}

std::string SmallGroups::KeyOf(const Values& v, int level) const {
    std::string key;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!m_inKey[i]) continue;
        if (HiddenAt(static_cast<Qi>(i), level))
            key.push_back('\x1e');
        else
            key.append(v[i]);
        key.push_back('\x1f');
    }
    return key;
}

void SmallGroups::Add(const GroupCount& g) {
    StoredResult r;
    r.kioskId = g.kioskId;
    r.locationCode = g.locationCode;
    r.questionnaireId = g.questionnaireId;
    r.questionnaireVersion = g.questionnaireVersion;
    r.questionnaireSha256 = g.questionnaireSha256;
    r.language = g.language;
    r.profile.assisted = g.assisted;
    r.profile.ageBand = g.ageBand;
    r.profile.gender = g.gender;
    r.simulated = g.simulated;
    ValuesOf(PeriodOf(g.date), r, m_scratch);
    std::string key = KeyOf(m_scratch, 0);
    auto [it, fresh] = m_index.emplace(key, m_groups.size());
    if (fresh) m_groups.push_back({m_scratch, 0, -1});
    m_groups[it->second].count += g.count;
}

void SmallGroups::Exclude(std::string_view period, const StoredResult& r) {
    ValuesOf(period, r, m_scratch);
    auto it = m_index.find(KeyOf(m_scratch, 0));
    if (it != m_index.end() && m_groups[it->second].count > 0) --m_groups[it->second].count;
}

std::int64_t SmallGroups::Written(const std::string& questionnaireId, const std::string& version) const {
    std::int64_t n = 0;
    for (const auto& g : m_groups)
        if (g.level != kWithheld && g.values[static_cast<std::size_t>(Qi::QuestionnaireId)] == questionnaireId &&
            g.values[static_cast<std::size_t>(Qi::QuestionnaireVersion)] == version)
            n += g.count;
    return n;
}

void SmallGroups::Decide() {
    for (int level = 0; level < kWithheld; ++level) {
        std::unordered_map<std::string, std::int64_t> counts;
        for (const auto& g : m_groups)
            if (g.level < 0) counts[KeyOf(g.values, level)] += g.count;
        for (auto& g : m_groups)
            if (g.level < 0 && counts[KeyOf(g.values, level)] >= m_k) g.level = level;
    }
    for (auto& g : m_groups)
        if (g.level < 0) g.level = kWithheld;
}

int SmallGroups::LevelOf(std::string_view period, const StoredResult& r) {
    ValuesOf(period, r, m_scratch);
    auto it = m_index.find(KeyOf(m_scratch, 0));
    return it == m_index.end() ? kWithheld : m_groups[it->second].level;
}

void SmallGroups::Apply(int level, StoredResult& r) {
    if (level >= 1) r.profile.assisted = r.profile.ageBand = r.profile.gender = kSuppressed;
    if (level >= 2) r.language = kSuppressed;
    if (level >= 3) r.kioskId = r.locationCode = kSuppressed;
}

}  // namespace xport
}  // namespace kiosk::storage
