// CSV reading and writing (see csv.h for the dialect).
#include "kiosk/sheets/csv.h"

#include "kiosk/core/csv_field.h"
#include "kiosk/core/text.h"

namespace kiosk::sheets {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The delimiter is the most frequent of ',' ';' '\t' outside quotes on the first record: LibreOffice with
// a Vietnamese or European locale writes ';' because ',' is its decimal separator.
char DetectDelimiter(std::string_view s) {
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : s) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ',') ++comma;
        if (c == ';') ++semicolon;
        if (c == '\t') ++tab;
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

}  // namespace

CsvParseResult ParseCsv(std::string_view s) {
    CsvParseResult result;
    if (s.size() >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
        result.errors.push_back(
            "row 1: the file is in UTF-16; save it as \"CSV UTF-8\" (Excel: Save As > CSV UTF-8; "
            "LibreOffice: "
            "character set Unicode (UTF-8))");
        return result;
    }
    if (s.substr(0, kBom.size()) == kBom) s.remove_prefix(kBom.size());
    const char delim = DetectDelimiter(s);
    result.delimiter = delim;

    std::vector<std::string> row;
    std::string field;
    bool inQuotes = false;
    bool fieldQuoted = false;  // the current field started with a quote
    std::size_t quoteOpenedAtRow = 0;
    auto endField = [&] {
        // A formula-like text written by core::AppendCsvField comes back without its guarding apostrophe.
        if (field.size() >= 2 && field.front() == '\'') field = std::string(core::CsvCellText(field));
        row.push_back(std::move(field));
        field.clear();
        fieldQuoted = false;
    };
    auto endRecord = [&] {
        result.rows.push_back(std::move(row));
        row.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty() && !fieldQuoted) {
            inQuotes = true;
            fieldQuoted = true;
            quoteOpenedAtRow = result.rows.size() + 1;
        } else if (c == delim) {
            endField();
        } else if (c == '\r' || c == '\n') {
            endField();
            endRecord();
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            // A quote inside an unquoted cell, or text after a closing quote: kept as typed, as Excel and
            // LibreOffice do, rather than rejecting the whole file.
            field += c;
        }
    }
    if (inQuotes) {
        result.errors.push_back("row " + std::to_string(quoteOpenedAtRow) +
                                ": a quoted cell is never closed (a \" is missing), so the rest of the file "
                                "would be read as one cell");
    }
    if (!field.empty() || !row.empty() || fieldQuoted) {
        endField();
        endRecord();
    }

    for (std::size_t r = 0; r < result.rows.size(); ++r) {
        for (const auto& cell : result.rows[r]) {
            if (!core::IsValidUtf8(cell)) {
                // One message is enough: a file in a legacy code page is wrong everywhere.
                result.errors.push_back(
                    "row " + std::to_string(r + 1) +
                    ": the text is not UTF-8; save the file as \"CSV UTF-8\" (Excel: Save As "
                    "> CSV UTF-8; LibreOffice: character set Unicode (UTF-8))");
                return result;
            }
        }
    }
    return result;
}

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
    std::size_t width = 0;
    for (const auto& r : rows) width = std::max(width, r.size());
    std::string out(kBom);
    for (const auto& r : rows) {
        for (std::size_t c = 0; c < width; ++c) {
            if (c > 0) out += ',';
            if (c >= r.size()) continue;
            core::AppendCsvField(out, r[c]);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace kiosk::sheets
