// XLSX/ODS reading with liborcus through its "custom document" interface: orcus parses the file and calls
// the sinks below once per cell, and they keep only the cell text. This avoids orcus's full spreadsheet
// model (ixion, formula engine, boost headers) that a questionnaire sheet does not need.
#include "kiosk/sheets/orcus_reader.h"

#include "kiosk/core/text.h"
#include "kiosk/sheets/zip_guard.h"

#include <orcus/exception.hpp>
#include <orcus/orcus_ods.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/factory.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/spreadsheet/styles.hpp>
#include <orcus/string_pool.hpp>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace kiosk::sheets {
namespace {

namespace iface = orcus::spreadsheet::iface;
using orcus::spreadsheet::col_t;
using orcus::spreadsheet::row_t;

// A questionnaire has a few hundred rows; these limits only stop a broken or hostile file (ODS can repeat
// a cell a million times) from exhausting memory.
constexpr row_t kMaxRows = 100000;
constexpr col_t kMaxCols = 1000;
// Memory and time, whatever the file holds: cell slots allocated (a slot is a std::string), text bytes
// kept, and a deadline. Together with CheckZipBounds they keep any file up to 10 MB within 256 MiB and
// 5 seconds (scripts/bench-sheets.sh measures the bombs).
constexpr std::size_t kMaxSlots = 2'000'000;
constexpr std::size_t kMaxTextBytes = 24u << 20;
constexpr auto kMaxReadTime = std::chrono::seconds(4);

// Thrown from inside orcus's callbacks to stop reading at once (orcus would otherwise keep calling for
// every repeated cell); caught in ReadSpreadsheetFile.
struct TooLarge : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What all sheets of one file have used so far.
struct Budget {
    std::size_t slots = 0, textBytes = 0, calls = 0;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + kMaxReadTime;
    void Charge(std::size_t newSlots, std::size_t bytes) {
        slots += newSlots;
        textBytes += bytes;
        if (slots > kMaxSlots)
            throw TooLarge("it has more cells than a questionnaire sheet could (over " + std::to_string(kMaxSlots) +
                           ")");
        if (textBytes > kMaxTextBytes)
            throw TooLarge("its cells hold more than " + std::to_string(kMaxTextBytes >> 20) + " MiB of text");
        if (++calls % 4096 == 0 && std::chrono::steady_clock::now() > deadline)
            throw TooLarge("reading it takes too long (over " + std::to_string(kMaxReadTime.count()) + " s)");
    }
};

class SharedStrings : public iface::import_shared_strings {
  public:
    // orcus 0.17's ODS reader commits each paragraph (<text:p>) of a cell as its own string and then
    // gives the cell only the last one, so "line 1 / line 2" typed with Enter in LibreOffice would lose
    // line 1. With `joinParagraphs` (ODS only) the strings committed since the previous cell are joined
    // with line breaks when the cell asks for the last of them. XLSX reads all strings before the cells,
    // so it must not do this.
    SharedStrings(bool joinParagraphs, Budget& budget) : m_joinParagraphs(joinParagraphs), m_budget(budget) {}

    std::size_t append(std::string_view s) override {
        // Kept twice (the list and the index), so charged twice.
        m_budget.Charge(2, 2 * s.size());
        m_strings.emplace_back(s);
        m_index.emplace(m_strings.back(), m_strings.size() - 1);
        if (m_joinParagraphs) m_pending.push_back(m_strings.size() - 1);
        return m_strings.size() - 1;
    }
    std::size_t add(std::string_view s) override {
        auto it = m_index.find(std::string(s));
        return it != m_index.end() ? it->second : append(s);
    }
    // Rich text: only the characters matter, the formatting of each run is dropped.
    void set_segment_font(std::size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t,
                                orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t) override {
    }
    void append_segment(std::string_view s) override { m_segments += s; }
    std::size_t commit_segments() override {
        std::size_t id = append(m_segments);
        m_segments.clear();
        return id;
    }

    // The text of a string cell.
    std::string CellText(std::size_t id) {
        if (m_pending.size() > 1 && m_pending.back() == id) {
            std::string joined;
            for (std::size_t i = 0; i < m_pending.size(); ++i)
                joined += (i ? "\n" : "") + m_strings[m_pending[i]];
            m_joined[id] = std::move(joined);
        }
        CellDone();
        auto it = m_joined.find(id);
        if (it != m_joined.end()) return it->second;  // also for the copies of a repeated cell
        return id < m_strings.size() ? m_strings[id] : std::string();
    }
    // Any cell value ends the paragraphs of the cell before.
    void CellDone() { m_pending.clear(); }

  private:
    bool m_joinParagraphs;
    Budget& m_budget;
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::size_t> m_index;
    std::string m_segments;
    std::vector<std::size_t> m_pending;           // ids committed since the last cell (ODS)
    std::map<std::size_t, std::string> m_joined;  // last paragraph id -> the cell's whole text
};

class SheetSink;

// A formula cell contributes the result saved in the file (Excel and LibreOffice both save it).
class FormulaSink : public iface::import_formula {
  public:
    explicit FormulaSink(SheetSink& sheet) : m_sheet(sheet) {}
    void set_position(row_t row, col_t col) override {
        m_row = row;
        m_col = col;
        m_result.clear();
    }
    void set_formula(orcus::spreadsheet::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view value) override { m_result = std::string(value); }
    void set_result_value(double value) override { m_result = FormatCellNumber(value); }
    void set_result_bool(bool value) override { m_result = value ? "TRUE" : "FALSE"; }
    void set_result_empty() override { m_result.clear(); }
    void commit() override;

  private:
    SheetSink& m_sheet;
    row_t m_row = 0;
    col_t m_col = 0;
    std::string m_result;
};

class SheetSink : public iface::import_sheet {
  public:
    SheetSink(Sheet& sheet, SharedStrings& strings, Budget& budget)
        : m_sheet(sheet), m_strings(strings), m_budget(budget), m_formula(*this) {}

    bool tooLarge = false;

    void Put(row_t row, col_t col, std::string text) {
        m_strings.CellDone();
        if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols) {
            if (!text.empty()) tooLarge = true;
            return;
        }
        auto r = static_cast<std::size_t>(row), c = static_cast<std::size_t>(col);
        if (text.empty() && (r >= m_sheet.rows.size() || c >= m_sheet.rows[r].size())) return;
        std::size_t newSlots = (r >= m_sheet.rows.size() ? r + 1 - m_sheet.rows.size() : 0) +
                               (r >= m_sheet.rows.size() || c >= m_sheet.rows[r].size()
                                    ? c + 1 - (r < m_sheet.rows.size() ? m_sheet.rows[r].size() : 0)
                                    : 0);
        m_budget.Charge(newSlots, text.size());
        if (r >= m_sheet.rows.size()) m_sheet.rows.resize(r + 1);
        if (c >= m_sheet.rows[r].size()) m_sheet.rows[r].resize(c + 1);
        m_sheet.rows[r][c] = std::move(text);
    }

    iface::import_formula* get_formula() override { return &m_formula; }
    void set_auto(row_t row, col_t col, std::string_view s) override { Put(row, col, std::string(s)); }
    void set_string(row_t row, col_t col, orcus::spreadsheet::string_id_t id) override {
        Put(row, col, m_strings.CellText(id));
    }
    void set_value(row_t row, col_t col, double value) override { Put(row, col, FormatCellNumber(value)); }
    void set_bool(row_t row, col_t col, bool value) override { Put(row, col, value ? "TRUE" : "FALSE"); }
    void set_date_time(row_t row, col_t col, int year, int month, int day, int hour, int minute,
                       double second) override {
        char buf[64];
        if (hour == 0 && minute == 0 && second == 0)
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
        else
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02.0f", year, month, day, hour, minute,
                          second);
        Put(row, col, buf);
    }
    void set_format(row_t, col_t, std::size_t) override {}
    void set_format(row_t, col_t, row_t, col_t, std::size_t) override {}
    void fill_down_cells(row_t row, col_t col, row_t count) override {
        if (row < 0 || col < 0 || static_cast<std::size_t>(row) >= m_sheet.rows.size()) return;
        std::string value = m_sheet.Cell(static_cast<std::size_t>(row), static_cast<std::size_t>(col));
        if (value.empty()) return;
        for (row_t i = 1; i <= count && !tooLarge; ++i) Put(row + i, col, value);
    }
    orcus::spreadsheet::range_size_t get_sheet_size() const override {
        // What Excel allows; orcus uses it to parse references, we never allocate it.
        return {1048576, 16384};
    }

  private:
    Sheet& m_sheet;
    SharedStrings& m_strings;
    Budget& m_budget;
    FormulaSink m_formula;
};

void FormulaSink::commit() {
    m_sheet.Put(m_row, m_col, m_result);
}

// Cell references in A1 notation as the files use them for cell positions, merged cells and selections:
// "B7", "$B$7", "A1:C9", whole columns "A:A" or rows "3:3", optionally after "Sheet!".
class ReferenceResolver : public iface::import_reference_resolver {
  public:
    orcus::spreadsheet::src_address_t resolve_address(std::string_view s) override {
        Ref r = Parse(s);
        if (r.row < 0 || r.col < 0) throw orcus::invalid_arg_error("not a cell address: " + std::string(s));
        return {0, r.row, r.col};
    }
    orcus::spreadsheet::src_range_t resolve_range(std::string_view s) override {
        std::size_t colon = s.find(':');
        Ref first = Parse(s.substr(0, colon));
        Ref last = colon == std::string_view::npos ? first : Parse(s.substr(colon + 1));
        if ((first.row < 0 && first.col < 0) || (last.row < 0 && last.col < 0))
            throw orcus::invalid_arg_error("not a range: " + std::string(s));
        return {{0, std::max(first.row, 0), std::max(first.col, 0)},
                {0, last.row < 0 ? 1048575 : last.row, last.col < 0 ? 16383 : last.col}};
    }

  private:
    struct Ref {
        row_t row = -1;  // -1: not given (a whole column)
        col_t col = -1;  // -1: not given (a whole row)
    };
    static Ref Parse(std::string_view s) {
        if (auto bang = s.rfind('!'); bang != std::string_view::npos) s.remove_prefix(bang + 1);
        Ref r;
        std::size_t i = 0;
        if (i < s.size() && s[i] == '$') ++i;
        long col = 0, row = 0;
        std::size_t letters = 0, digits = 0;
        for (; i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && letters < 4; ++i, ++letters)
            col = col * 26 + (std::toupper(static_cast<unsigned char>(s[i])) - 'A' + 1);
        if (i < s.size() && s[i] == '$') ++i;
        for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 8; ++i, ++digits)
            row = row * 10 + (s[i] - '0');
        if (i != s.size() || (letters == 0 && digits == 0)) return {};
        if (letters > 0) r.col = static_cast<col_t>(col - 1);
        if (digits > 0 && row > 0) r.row = static_cast<row_t>(row - 1);
        return r;
    }
};

class Factory : public iface::import_factory {
  public:
    explicit Factory(bool ods) : strings(ods, budget) {}

    Budget budget;             // before the sinks and strings that charge it
    std::deque<Sheet> sheets;  // deque: sinks keep references while sheets are appended
    std::deque<SheetSink> sinks;
    SharedStrings strings;

    iface::import_shared_strings* get_shared_strings() override { return &strings; }
    // The ODS reader of orcus 0.17 requires a styles sink (it crashes on none); orcus's own one stores
    // the styles, which are then dropped with the factory.
    iface::import_styles* get_styles() override { return &m_stylesSink; }
    iface::import_reference_resolver* get_reference_resolver(
        orcus::spreadsheet::formula_ref_context_t) override {
        return &m_resolver;
    }
    iface::import_sheet* append_sheet(orcus::spreadsheet::sheet_t, std::string_view name) override {
        sheets.push_back(Sheet{std::string(name), {}, {}, {}});
        sinks.emplace_back(sheets.back(), strings, budget);
        return &sinks.back();
    }
    iface::import_sheet* get_sheet(std::string_view name) override {
        for (std::size_t i = 0; i < sheets.size(); ++i)
            if (sheets[i].name == name) return &sinks[i];
        return nullptr;
    }
    iface::import_sheet* get_sheet(orcus::spreadsheet::sheet_t index) override {
        if (index < 0 || static_cast<std::size_t>(index) >= sinks.size()) return nullptr;
        return &sinks[static_cast<std::size_t>(index)];
    }
    void finalize() override {}

  private:
    ReferenceResolver m_resolver;
    orcus::string_pool m_stylePool;
    orcus::spreadsheet::styles m_styles;
    orcus::spreadsheet::import_styles m_stylesSink{m_styles, m_stylePool};
};

}  // namespace

bool ReadSpreadsheetFile(const std::string& path, SheetFileType type, Workbook& book, std::string& error) {
    std::string bytes;
    if (!core::ReadFileBytes(path, bytes, error)) return false;
    const auto* blob = reinterpret_cast<const unsigned char*>(bytes.data());
    const char* typeName = type == SheetFileType::Xlsx ? "XLSX" : "ODS";
    try {
        // By content, not by name: a file saved as ODS but named .xlsx (or the reverse) still reads.
        if (orcus::orcus_xlsx::detect(blob, bytes.size()))
            type = SheetFileType::Xlsx;
        else if (orcus::orcus_ods::detect(blob, bytes.size()))
            type = SheetFileType::Ods;
        else
            throw std::runtime_error("neither an XLSX nor an ODS file");
    } catch (const std::exception& e) {
        error = std::string("cannot be read as ") + typeName + " (" + e.what() +
                "); open it in LibreOffice or Excel and save it again";
        return false;
    }
    if (std::string why = CheckZipBounds(bytes); !why.empty()) {
        error = std::string("cannot be read as ") + typeName + ": " + why;
        return false;
    }
    Factory factory(type == SheetFileType::Ods);
    try {
        if (type == SheetFileType::Xlsx) {
            orcus::orcus_xlsx filter(&factory);
            filter.read_stream(bytes);
        } else {
            orcus::orcus_ods filter(&factory);
            filter.read_stream(bytes);
        }
    } catch (const TooLarge& e) {
        error = std::string("refused: ") + e.what() + "; a questionnaire sheet is much smaller";
        return false;
    } catch (const std::exception& e) {
        error = std::string("cannot be read as ") + typeName + " (" + e.what() +
                "); open it in LibreOffice or Excel and save it again";
        return false;
    }
    for (const auto& sink : factory.sinks) {
        if (sink.tooLarge) {
            error = "a sheet has cells beyond row " + std::to_string(kMaxRows) + " or column " +
                    std::to_string(kMaxCols) + "; a questionnaire sheet is much smaller";
            return false;
        }
    }
    book.sheets.assign(std::make_move_iterator(factory.sheets.begin()),
                       std::make_move_iterator(factory.sheets.end()));
    return true;
}

}  // namespace kiosk::sheets
