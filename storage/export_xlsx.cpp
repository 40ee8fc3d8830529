// The XLSX export through libxlsxwriter (constant-memory mode: rows stream to disk as written): a data
// sheet with one row per result, and a sheet of labels for every column, option and level.
#include "storage/dates.h"
#include "storage/export_internal.h"

#include <xlsxwriter.h>

#include <fcntl.h>

#include <ctime>
#include <filesystem>

namespace kiosk::storage::xport {
namespace {

constexpr lxw_row_t kMaxRows = 1048576;  // Excel's limit, header included
constexpr lxw_col_t kMaxColumns = 16384;

[[noreturn]] void ThrowXlsx(lxw_error e, const std::string& what) {
    StorageErrorKind kind = errno == ENOSPC ? StorageErrorKind::DiskFull : StorageErrorKind::Other;
    throw StorageError(kind, what + ": " + lxw_strerror(e), StoragePlace::OutputFile);
}

void Check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) ThrowXlsx(e, what);
}

std::string OptionList(const core::Questionnaire& q, const core::Item& item, const std::string& lang) {
    bool vi = lang != "en";
    std::string out;
    const auto& options = q.OptionsOf(item);
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i) out += "; ";
        out += std::to_string(i) + " = " + core::TextIn(options[i].label, lang);
        if (options[i].excluded) out += vi ? " (không tính điểm)" : " (not scored)";
        if (item.IsKnowledgeCheck() && options[i].correct) out += vi ? " (đúng)" : " (correct)";
    }
    return out;
}

std::string LevelList(const core::Questionnaire& q, const std::string& lang) {
    std::string out;
    for (std::size_t i = 0; i < q.scoring.levels.size(); ++i) {
        const auto& l = q.scoring.levels[i];
        if (i) out += "; ";
        char min[32];
        std::snprintf(min, sizeof min, "%g", l.min);
        out += l.id + " = " + core::TextIn(l.label, lang) + " (≥ " + min + ")";
    }
    return out;
}

std::string ValuesOf(const Column& c, const std::string& lang) {
    bool vi = lang != "en";
    std::string suppressed =
        vi ? "; suppressed = ẩn vì nhóm có ít hơn k người" : "; suppressed = hidden: group smaller than k";
    switch (c.source) {
        case Source::Assisted:
            return (vi ? "yes = có; no = không; no-answer = không trả lời" : "yes; no; no-answer") +
                   suppressed;
        case Source::AgeBand:
            return std::string("under-30; 30-44; 45-59; 60-74; 75-plus; no-answer") + suppressed;
        case Source::Gender:
            return (vi ? "female = nữ; male = nam; other = khác; no-answer = không trả lời"
                       : "female; male; other; no-answer") +
                   suppressed;
        case Source::Simulated:
            return vi ? "yes = kết quả mô phỏng (không phải của người dân)"
                      : "yes = simulated, not a citizen's result";
        case Source::OverallScore:
        case Source::Knowledge:
        case Source::Skill:
        case Source::Attitude:
        case Source::AreaScore:
        case Source::CompetencyScore:
            return vi ? "0–100; trống = chưa đánh giá" : "0–100; empty = not assessed";
        case Source::OverallLevel:
        case Source::AreaLevel:
        case Source::CompetencyLevel:
            return c.labelFrom ? LevelList(*c.labelFrom, lang) : std::string();
        case Source::Item:
            if (c.labelFrom) {
                const core::Item* item = c.labelFrom->FindItem(c.id.substr(5));  // after "item."
                if (item)
                    return OptionList(*c.labelFrom, *item, lang) +
                           (vi ? "; trống = không trả lời" : "; empty = unanswered");
            }
            return {};
        default:
            return {};
    }
}

class XlsxWriter final : public RowWriter {
public:
    XlsxWriter(const std::string& path, const Layout& layout, const ExportOptions& options)
        : m_out(path), m_layout(layout), m_lang(options.language) {
        if (layout.columns.size() > kMaxColumns)
            throw StorageError(StorageErrorKind::Other, "too many columns for XLSX; use --format csv");
        std::string dir = std::filesystem::path(path).parent_path().string();
        m_tmpdir = dir.empty() ? "." : dir;  // spill files beside the output, not in a small /tmp
        lxw_workbook_options o{};
        o.constant_memory = LXW_TRUE;
        o.tmpdir = m_tmpdir.data();
        o.use_zip64 = LXW_TRUE;
        m_book = workbook_new_opt(m_out.TempPath().c_str(), &o);  // writes the temporary file by name
        if (!m_book) ThrowErrno("cannot create " + m_out.TempPath());
        // The document's creation time would otherwise be the exact export time; the day is enough.
        std::time_t day = std::time(nullptr);
        lxw_doc_properties props{};
        props.created = day - day % 86400;
        workbook_set_properties(m_book, &props);
        bool vi = m_lang != "en";
        m_data = workbook_add_worksheet(m_book, vi ? "Dữ liệu" : "Data");
        m_labels = workbook_add_worksheet(m_book, vi ? "Nhãn" : "Labels");
        m_bold = workbook_add_format(m_book);
        format_set_bold(m_bold);
        m_wrap = workbook_add_format(m_book);
        format_set_text_wrap(m_wrap);
        if (!m_data || !m_labels || !m_bold || !m_wrap)
            throw StorageError(StorageErrorKind::Other, "cannot create the XLSX workbook");
    }

    ~XlsxWriter() override {
        // Not finished: close anyway to release libxlsxwriter's temporary files; OutputFile removes the rest.
        if (m_book) workbook_close(m_book);
    }

    void Header(const std::vector<Column>& columns) override {
        for (std::size_t i = 0; i < columns.size(); ++i)
            Check(worksheet_write_string(m_data, 0, static_cast<lxw_col_t>(i),
                                         xport::Header(columns[i]).c_str(), m_bold),
                  "XLSX header");
        worksheet_freeze_panes(m_data, 1, 1);
        worksheet_set_column(m_data, 0, 0, 34, nullptr);
        WriteLabels(columns);
    }

    void Row(const StoredResult&, std::string_view, bool, const std::vector<Cell>& cells) override {
        if (++m_row >= kMaxRows)
            throw StorageError(
                StorageErrorKind::Other,
                "more results than an XLSX sheet can hold; narrow --from/--to or use --format csv");
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const Cell& c = cells[i];
            auto col = static_cast<lxw_col_t>(i);
            lxw_error e = LXW_NO_ERROR;
            switch (c.type) {
                case Cell::Type::Empty:
                    continue;
                case Cell::Type::Text:
                    m_text.assign(c.text);
                    e = worksheet_write_string(m_data, m_row, col, m_text.c_str(), nullptr);
                    break;
                case Cell::Type::Int:
                case Cell::Type::Score:
                    e = worksheet_write_number(m_data, m_row, col, c.number, nullptr);
                    break;
            }
            Check(e, "XLSX row");
        }
    }

    void Finish() override {
        lxw_error e = workbook_close(m_book);
        m_book = nullptr;
        Check(e, ("cannot write " + m_out.TempPath()).c_str());
        m_out.Commit();
    }

private:
    void WriteLabels(const std::vector<Column>& columns) {
        bool vi = m_lang != "en";
        const char* heads[] = {vi ? "Mã cột" : "Column id", vi ? "Nhãn" : "Label", vi ? "Giá trị" : "Values",
                               vi ? "Nhãn lấy từ bộ câu hỏi" : "Label from questionnaire"};
        for (lxw_col_t c = 0; c < 4; ++c)
            Check(worksheet_write_string(m_labels, 0, c, heads[c], m_bold), "XLSX labels");
        worksheet_set_column(m_labels, 0, 0, 30, nullptr);
        worksheet_set_column(m_labels, 1, 2, 70, m_wrap);
        worksheet_set_column(m_labels, 3, 3, 24, nullptr);
        lxw_row_t row = 1;
        for (const auto& c : columns) {
            Check(worksheet_write_string(m_labels, row, 0, c.id.c_str(), nullptr), "XLSX labels");
            Check(worksheet_write_string(m_labels, row, 1, c.label.c_str(), nullptr), "XLSX labels");
            std::string values = ValuesOf(c, m_lang);
            if (!values.empty())
                Check(worksheet_write_string(m_labels, row, 2, values.c_str(), nullptr), "XLSX labels");
            if (c.labelFrom) {
                std::string from = c.labelFrom->id + " " + c.labelFrom->version;
                Check(worksheet_write_string(m_labels, row, 3, from.c_str(), nullptr), "XLSX labels");
            }
            ++row;
        }
        ++row;
        const char* qheads[] = {vi ? "Bộ câu hỏi" : "Questionnaire", vi ? "Tên" : "Title",
                                vi ? "Phiên bản" : "Version", "SHA-256"};
        for (lxw_col_t c = 0; c < 4; ++c)
            Check(worksheet_write_string(m_labels, row, c, qheads[c], m_bold), "XLSX labels");
        ++row;
        for (const auto& q : m_layout.models) {
            Check(worksheet_write_string(m_labels, row, 0, q->id.c_str(), nullptr), "XLSX labels");
            Check(worksheet_write_string(m_labels, row, 1, core::TextIn(q->title, m_lang).c_str(), nullptr),
                  "XLSX labels");
            Check(worksheet_write_string(m_labels, row, 2, q->version.c_str(), nullptr), "XLSX labels");
            Check(worksheet_write_string(m_labels, row, 3, q->sha256.c_str(), nullptr), "XLSX labels");
            ++row;
        }
    }

    OutputFile m_out;
    const Layout& m_layout;
    std::string m_lang;
    std::string m_tmpdir;
    std::string m_text;
    lxw_workbook* m_book = nullptr;
    lxw_worksheet* m_data = nullptr;
    lxw_worksheet* m_labels = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_wrap = nullptr;
    lxw_row_t m_row = 0;
};

}  // namespace

std::unique_ptr<RowWriter> MakeXlsxWriter(const std::string& path, const Layout& layout,
                                          const ExportOptions& options) {
    return std::make_unique<XlsxWriter>(path, layout, options);
}

}  // namespace kiosk::storage::xport
