// Names of log levels as written in the staff log.
#include "kiosk/core/log_level.h"

namespace kiosk::core {

const char* LogLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::Info: return "INFO";
        case LogLevel::Warning: return "WARNING";
        case LogLevel::Error: return "ERROR";
        case LogLevel::Staff: return "STAFF-ATTENTION";
    }
    return "INFO";
}

}  // namespace kiosk::core
