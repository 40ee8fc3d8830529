// CSV as spreadsheets write it (RFC 4180 plus what Excel and LibreOffice do): quoted cells with doubled
// quotes and line breaks inside, CRLF or LF line ends, a UTF-8 byte-order mark, and ',' or ';' (or tab)
// as delimiter, detected from the header line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sheets {

struct CsvParseResult {
    std::vector<std::vector<std::string>> rows;  // one per record; rows[0] is spreadsheet row 1
    char delimiter = ',';
    std::vector<std::string> errors;  // "row N: …"; the text could not be read reliably when not empty
};

// Parses CSV bytes. Record numbers count records, not lines, so a cell with a line break inside does not
// shift the numbering: row N is the row LibreOffice and Excel show as N. Blank lines are kept as empty
// rows for the same reason. Never throws.
CsvParseResult ParseCsv(std::string_view bytes);

// UTF-8 with byte-order mark (so Excel detects the encoding), ',' delimiter, CRLF record ends; cells through
// core::AppendCsvField (quoted when needed; a formula-like text gets a guarding apostrophe, which ParseCsv
// removes again).
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace kiosk::sheets
