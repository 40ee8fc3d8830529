// Staff log implementations.
#include "kiosk/ui/event_log.h"

#include "kiosk/core/escape.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace kiosk::ui {

const char* LogLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::Info: return "INFO";
        case LogLevel::Warning: return "WARNING";
        case LogLevel::Error: return "ERROR";
        case LogLevel::Staff: return "STAFF-ATTENTION";
    }
    return "INFO";
}

FileEventLog::FileEventLog(std::string path, bool echoToStderr) : m_path(std::move(path)), m_echo(echoToStderr) {}

void FileEventLog::Write(LogLevel level, std::string_view message) {
    char stamp[32] = "";
    std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local)) std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
    std::string line = std::string(stamp) + " " + LogLevelName(level) + " " + core::EscapeControl(message) + "\n";
    if (m_echo) std::fputs(("kiosk: " + line).c_str(), stderr);

    std::error_code ec;
    auto parent = std::filesystem::path(m_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    std::ofstream out(m_path, std::ios::app);
    out << line;
    out.flush();
    if (!out && !m_reportedFailure) {
        m_reportedFailure = true;
        std::fprintf(stderr, "kiosk: cannot write the log file %s\n", m_path.c_str());
    }
}

bool MemoryEventLog::Contains(std::string_view fragment) const {
    for (const auto& l : lines)
        if (l.message.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace kiosk::ui
