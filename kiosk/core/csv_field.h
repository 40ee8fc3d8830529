// The one CSV field writer of the project (exports and questionnaire sheets): RFC 4180 quoting plus
// formula-injection neutralisation, and its inverse for readers.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::core {

// True when a spreadsheet would take `field` as a formula (or DDE command): it starts with = + - @, a tab
// or a carriage return and is not simply a number such as -1 or +2.5.
bool IsFormulaLike(std::string_view field);

// Appends `field` as one CSV cell. A formula-like text is written with a leading apostrophe (the
// spreadsheets' own "this is text" mark), so opening the file never runs it. The cell is quoted when it
// holds ',' ';' a quote, a line break, or starts or ends with a space or tab.
void AppendCsvField(std::string& out, std::string_view field);

// A cell as read from CSV: the apostrophe that AppendCsvField put before a formula-like text is removed, so
// "'=x" reads back as "=x". Other cells are returned unchanged.
std::string_view CsvCellText(std::string_view cell);

}  // namespace kiosk::core
