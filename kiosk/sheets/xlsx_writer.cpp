// XLSX writing with libxlsxwriter, laid out for a trainer: bold frozen header row, columns as wide as their
// text (long texts wrap), text columns formatted as text ("@") so ids such as 1.10 stay as typed, and
// drop-down lists where the sheet gives choices.
#include "kiosk/core/atomic_file.h"
#include "kiosk/core/text.h"
#include "kiosk/sheets/workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace kiosk::sheets {
namespace {

constexpr double kMinWidth = 8, kMaxWidth = 60;

// Width in characters of the longest line of the column's cells.
double ColumnWidth(const Sheet& sheet, std::size_t col) {
    std::size_t widest = 0;
    for (const auto& row : sheet.rows) {
        if (col >= row.size()) continue;
        const std::string& cell = row[col];
        std::size_t start = 0;
        while (start <= cell.size()) {
            std::size_t end = cell.find('\n', start);
            if (end == std::string::npos) end = cell.size();
            widest = std::max(widest, core::CodePointCount(cell.substr(start, end - start)));
            start = end + 1;
        }
    }
    return std::clamp(static_cast<double>(widest) + 2, kMinWidth, kMaxWidth);
}

}  // namespace

bool WriteXlsxFile(const std::string& path, const Workbook& book, std::string& error) {
    core::AtomicFile file;
    if (auto e = file.Open(path)) {
        error = e->detail;
        return false;
    }
    const std::string& temp = file.TempPath();
    lxw_workbook* wb = workbook_new(temp.c_str());
    if (!wb) {
        error = "cannot create " + temp;
        return false;
    }
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* wrapped = workbook_add_format(wb);
    format_set_num_format(wrapped, "@");
    format_set_text_wrap(wrapped);
    format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* number = workbook_add_format(wb);
    format_set_align(number, LXW_ALIGN_VERTICAL_TOP);

    std::string failure;
    auto check = [&](lxw_error e, const std::string& what) {
        if (e != LXW_NO_ERROR && failure.empty()) failure = what + ": " + lxw_strerror(e);
    };
    for (const auto& sheet : book.sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
        if (!ws) {
            failure = "cannot add sheet \"" + sheet.name + "\"";
            break;
        }
        std::size_t width = 0;
        for (const auto& row : sheet.rows) width = std::max(width, row.size());
        for (std::size_t c = 0; c < width; ++c) {
            bool numeric = false;
            for (std::size_t r = 1; r < sheet.rows.size(); ++r)
                numeric = numeric || sheet.numberCells.count({r, c}) > 0;
            double w = ColumnWidth(sheet, c);
            lxw_format* columnFormat = numeric ? number : (w >= kMaxWidth ? wrapped : text);
            check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w,
                                       columnFormat),
                  "column width");
            for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
                const std::string& cell = sheet.Cell(r, c);
                auto row = static_cast<lxw_row_t>(r);
                auto col = static_cast<lxw_col_t>(c);
                if (r == 0) {
                    check(worksheet_write_string(ws, row, col, cell.c_str(), header), "header");
                } else if (sheet.numberCells.count({r, c})) {
                    check(worksheet_write_number(ws, row, col, std::strtod(cell.c_str(), nullptr), number),
                          "row " + std::to_string(r + 1));
                } else if (!cell.empty()) {
                    check(worksheet_write_string(ws, row, col, cell.c_str(),
                                                 columnFormat == number ? text : columnFormat),
                          "row " + std::to_string(r + 1));
                }
            }
        }
        for (const auto& [col, values] : sheet.choices) {
            std::vector<char*> list;
            for (const auto& v : values) list.push_back(const_cast<char*>(v.c_str()));
            list.push_back(nullptr);
            lxw_data_validation dv{};
            dv.validate = LXW_VALIDATION_TYPE_LIST;
            dv.value_list = list.data();
            check(worksheet_data_validation_range(ws, 1, static_cast<lxw_col_t>(col), LXW_ROW_MAX - 1,
                                                  static_cast<lxw_col_t>(col), &dv),
                  "drop-down list");
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    lxw_error closed = workbook_close(wb);
    if (failure.empty() && closed != LXW_NO_ERROR)
        failure = std::string("cannot write: ") + lxw_strerror(closed);
    if (!failure.empty()) {
        error = path + ": " + failure;
        return false;
    }
    if (auto e = file.Commit()) {
        error = e->detail;
        return false;
    }
    return true;
}

}  // namespace kiosk::sheets
