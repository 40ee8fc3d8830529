// How much a line of the staff log matters. Shared by the flow (which reports what happened as events) and
// the station's event log (which writes them), so both speak one vocabulary.
#pragma once

namespace kiosk::core {

enum class LogLevel { Info, Warning, Error, Staff };  // Staff: needs a person to look at it
const char* LogLevelName(LogLevel level);

}  // namespace kiosk::core
