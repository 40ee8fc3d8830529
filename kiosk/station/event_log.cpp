// Staff log implementations.
#include "kiosk/station/event_log.h"

#include "kiosk/core/escape.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace kiosk::station {

FileEventLog::FileEventLog(std::string path, bool echoToStderr) : m_path(std::move(path)), m_echo(echoToStderr) {}

void FileEventLog::Write(LogLevel level, std::string_view message) {
    char stamp[32] = "";
    std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local)) std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
    std::string line = std::string(stamp) + " " + LogLevelName(level) + " " + core::EscapeControl(message) + "\n";
    const std::lock_guard<std::mutex> lock(m_mutex);
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

void MemoryEventLog::Write(LogLevel level, std::string_view message) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    lines.push_back({level, std::string(message)});
}

bool MemoryEventLog::Contains(std::string_view fragment) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& l : lines)
        if (l.message.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace kiosk::station
