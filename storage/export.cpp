// Row-level exports (see export.h). One pass over the stored questionnaires builds the columns, one
// GROUP BY pass counts the small groups, and one scan in id order writes the rows through a format writer.
// The CSV path avoids per-cell allocations: cells are views into the reused decoded row.
#include "storage/export.h"

#include "storage/export_internal.h"
#include "storage/questionnaire_snapshot.h"
#include "storage/record_codec.h"

#include <fcntl.h>

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

void AppendCsvField(std::string& out, std::string_view field) {
    bool quote = false;
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
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

OutputFile::OutputFile(const std::string& path) : m_path(path) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".partial-%s",
                  codec::HexId(codec::NewResultId()).substr(0, 8).c_str());
    m_tmp = path + suffix;
    m_file = std::fopen(m_tmp.c_str(), "wb");
    if (!m_file) ThrowErrno("cannot create " + m_tmp);
}

OutputFile::~OutputFile() {
    if (m_file) std::fclose(m_file);
    if (!m_committed) std::remove(m_tmp.c_str());
}

void OutputFile::Write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        ThrowErrno("cannot write " + m_tmp);
}

void OutputFile::CloseStream() {
    if (!m_file) return;
    bool ok = std::fflush(m_file) == 0 && ::fsync(::fileno(m_file)) == 0;
    int err = errno;
    ok = std::fclose(m_file) == 0 && ok;
    m_file = nullptr;
    if (!ok) {
        errno = err;
        ThrowErrno("cannot write " + m_tmp);
    }
}

void OutputFile::Commit() {
    if (m_file) {
        CloseStream();
    } else {
        // A library wrote the file after CloseStream(): make its bytes durable before the rename.
        int fd = ::open(m_tmp.c_str(), O_RDONLY);
        bool ok = fd >= 0 && ::fsync(fd) == 0;
        int err = errno;
        if (fd >= 0) ::close(fd);
        if (!ok) {
            errno = err;
            ThrowErrno("cannot write " + m_tmp);
        }
    }
    if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
        ThrowErrno("cannot rename " + m_tmp + " to " + m_path);
    m_committed = true;
}

void ThrowErrno(const std::string& what) {
    int err = errno;
    StorageErrorKind kind = err == ENOSPC || err == EDQUOT                  ? StorageErrorKind::DiskFull
                            : err == EROFS || err == EACCES || err == EPERM ? StorageErrorKind::ReadOnly
                                                                            : StorageErrorKind::CannotOpen;
    throw StorageError(kind, what + ": " + std::strerror(err));
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
            AppendCsvField(m_buf, Header(columns[i]));
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
                    AppendCsvField(m_buf, c.text);
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
    reader.Snapshot([&] {
        summary.questionnaires = reader.Questionnaires(options.filter, true);
        Layout layout(summary.questionnaires, options);

        SmallGroups groups(options.k, options.period);
        std::int64_t total = 0;
        for (const auto& g : reader.CountGroups(options.filter)) {
            groups.Add(g);
            total += g.count;
        }

        std::unique_ptr<RowWriter> writer;
        switch (options.format) {
            case ExportFormat::Csv:
                writer = MakeCsvWriter(outPath);
                break;
            case ExportFormat::Xlsx:
                writer = MakeXlsxWriter(outPath, layout, options);
                break;
            case ExportFormat::Json:
                writer = MakeJsonWriter(outPath, options, summary.questionnaires);
                break;
        }
        writer->Header(layout.columns);
        std::vector<Cell> cells;
        bool wantsCells = writer->WantsCells();
        reader.ForEach(options.filter, [&](const StoredResult& r) {
            std::string_view period = groups.PeriodOf(r.date);
            bool suppressed = groups.Suppressed(period, r);
            if (wantsCells) layout.Fill(r, period, suppressed, cells);
            writer->Row(r, period, suppressed, cells);
            ++summary.rows;
            if (suppressed) ++summary.suppressedRows;
            if (options.progress && summary.rows % 64 == 0) options.progress(summary.rows, total);
        });
        if (options.progress) options.progress(summary.rows, total);
        writer->Finish();
    });
    for (auto& q : summary.questionnaires) q.document.clear();
    return summary;
}

// ---- Small groups --------------------------------------------------------------------------------------

namespace xport {

SmallGroups::SmallGroups(int k, Period period) : m_k(k), m_period(period) {}

std::string_view SmallGroups::PeriodOf(const std::string& date) {
    auto it = m_periods.find(date);
    if (it == m_periods.end()) it = m_periods.emplace(date, storage::PeriodOf(date, m_period)).first;
    return it->second;
}

void SmallGroups::MakeKey(std::string_view period, std::string_view location, std::string_view age,
                          std::string_view gender) {
    m_key.assign(period);
    m_key.push_back('\x1f');
    m_key.append(location);
    m_key.push_back('\x1f');
    m_key.append(age);
    m_key.push_back('\x1f');
    m_key.append(gender);
}

void SmallGroups::Add(const GroupCount& g) {
    MakeKey(PeriodOf(g.date), g.locationCode, g.ageBand, g.gender);
    m_counts[m_key] += g.count;
}

bool SmallGroups::Suppressed(std::string_view period, const StoredResult& r) {
    MakeKey(period, r.locationCode, r.profile.ageBand, r.profile.gender);
    auto it = m_counts.find(m_key);
    return it == m_counts.end() || it->second < m_k;
}

}  // namespace xport
}  // namespace kiosk::storage
