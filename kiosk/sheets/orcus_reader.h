// XLSX and ODS reading through liborcus (internal to kiosk_sheets; use ReadWorkbook in workbook.h).
#pragma once

#include "kiosk/sheets/workbook.h"

#include <string>

namespace kiosk::sheets {

// Fills `book` with every sheet of the file, cells as text (formula cells as their saved result).
// False + `error` when the file cannot be read. Never throws.
bool ReadSpreadsheetFile(const std::string& path, SheetFileType type, Workbook& book, std::string& error);

}  // namespace kiosk::sheets
