// A spreadsheet as plain text cells, read from CSV (own RFC 4180 reader), XLSX or ODS (liborcus) and
// written as CSV or XLSX (libxlsxwriter). The questionnaire conversion (sheet_import.h, sheet_export.h)
// works on this model only, so it never sees a file format.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::sheets {

struct Sheet {
    std::string name;
    // rows[r][c] is the text of the cell at spreadsheet row r+1, column c+1 (rows may be ragged; a
    // missing cell is empty). Numbers read from XLSX/ODS are written without exponent or trailing zeros.
    std::vector<std::vector<std::string>> rows;

    // Export hints, used by the XLSX writer only: cells to write as numbers, and drop-down choices per
    // column index.
    std::set<std::pair<std::size_t, std::size_t>> numberCells;
    std::map<std::size_t, std::vector<std::string>> choices;

    const std::string& Cell(std::size_t row, std::size_t col) const;
};

struct Workbook {
    std::vector<Sheet> sheets;
    bool fromCsv = false;  // one anonymous sheet: messages then name no sheet

    // Case-insensitive lookup by name; nullptr when absent.
    const Sheet* Find(const std::string& name) const;
};

enum class SheetFileType { Csv, Xlsx, Ods };

// By file extension (case-insensitive): .csv, .xlsx, .ods.
std::optional<SheetFileType> SheetFileTypeOf(const std::string& path);

struct WorkbookReadResult {
    std::optional<Workbook> workbook;
    std::vector<std::string> errors;  // "FILE: message" lines; set when the file could not be read
};

// Reads a CSV (as one sheet named "items"), XLSX or ODS file. Never throws.
WorkbookReadResult ReadWorkbook(const std::string& path);

// Writes every sheet as an XLSX workbook (header row bold and frozen, text columns formatted as text so
// Excel keeps ids like "1.10" as typed). Writes to a temporary name and renames. False + `error` on failure.
bool WriteXlsxFile(const std::string& path, const Workbook& book, std::string& error);

// A number as a person would type it: 3, 1.5, 0.25 (up to 15 significant digits), so "1.1" typed into a
// cell that the spreadsheet stored as a number reads back as "1.1".
std::string FormatCellNumber(double value);

}  // namespace kiosk::sheets
