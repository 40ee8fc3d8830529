// Workbook lookup helpers, file-type dispatch for reading, and the atomic file write shared by the
// commands.
#include "kiosk/sheets/workbook.h"

#include "kiosk/core/text.h"
#include "kiosk/sheets/csv.h"
#include "kiosk/sheets/orcus_reader.h"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace kiosk::sheets {
namespace {

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string FormatCellNumber(double value) {
    char buf[64];
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", value == 0 ? 0.0 : value);  // no "-0"
    else
        std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

const std::string& Sheet::Cell(std::size_t row, std::size_t col) const {
    static const std::string empty;
    if (row >= rows.size() || col >= rows[row].size()) return empty;
    return rows[row][col];
}

const Sheet* Workbook::Find(const std::string& name) const {
    for (const auto& s : sheets)
        if (Lower(s.name) == Lower(name)) return &s;
    return nullptr;
}

std::optional<SheetFileType> SheetFileTypeOf(const std::string& path) {
    std::string p = Lower(path);
    if (EndsWith(p, ".csv")) return SheetFileType::Csv;
    if (EndsWith(p, ".xlsx")) return SheetFileType::Xlsx;
    if (EndsWith(p, ".ods")) return SheetFileType::Ods;
    return std::nullopt;
}

WorkbookReadResult ReadWorkbook(const std::string& path) {
    WorkbookReadResult result;
    auto type = SheetFileTypeOf(path);
    if (!type) {
        result.errors.push_back(path + ": not a .csv, .xlsx or .ods file");
        return result;
    }
    Workbook book;
    if (*type == SheetFileType::Csv) {
        std::string bytes, error;
        if (!core::ReadFileBytes(path, bytes, error)) {
            result.errors.push_back(path + ": " + error);
            return result;
        }
        CsvParseResult csv = ParseCsv(bytes);
        for (const auto& e : csv.errors) result.errors.push_back(path + ": " + e);
        if (!csv.errors.empty()) return result;
        book.fromCsv = true;
        book.sheets.push_back(Sheet{"items", std::move(csv.rows), {}, {}});
    } else {
        std::string error;
        if (!ReadSpreadsheetFile(path, *type, book, error)) {
            result.errors.push_back(path + ": " + error);
            return result;
        }
        // Spreadsheet cells may hold anything; the rest of the program expects valid UTF-8.
        for (auto& sheet : book.sheets)
            for (auto& row : sheet.rows)
                for (auto& cell : row)
                    if (!core::IsValidUtf8(cell)) cell = core::ToValidUtf8(cell);
    }
    result.workbook = std::move(book);
    return result;
}

}  // namespace kiosk::sheets
