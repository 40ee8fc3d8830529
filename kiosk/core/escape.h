// Text from files (questionnaire keys, paths, cell contents, SQLite messages) made safe for one log line or
// a terminal: control characters cannot start a new, forged log line or move the cursor.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::core {

// Returns `s` with every C0 control character, DEL and C1 control (U+0080–U+009F) written as \n, \r, \t,
// \e, \xHH or \u{HH}, and the line separators and bidirectional overrides (U+2028–202E, U+2066–2069) as
// \u{UTF-8 bytes}. Printable UTF-8 (Vietnamese included) is kept; bytes that are not valid UTF-8 become
// \xHH. Text that needs no escaping is returned unchanged.
std::string EscapeControl(std::string_view s);

}  // namespace kiosk::core
