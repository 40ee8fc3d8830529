// The staff log: one line per event (start-up, questionnaire problems, storage failures). It is for staff,
// not citizen data: never answers, scores or result ids.
#pragma once

#include "kiosk/core/log_level.h"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::station {

using core::LogLevel;
using core::LogLevelName;

class EventLog {
public:
    virtual ~EventLog() = default;
    virtual void Write(LogLevel level, std::string_view message) = 0;
};

// Appends "YYYY-MM-DD HH:MM:SS LEVEL message" lines to a file (creating its folder), and echoes them to
// stderr. A log that cannot be written never stops the kiosk.
class FileEventLog final : public EventLog {
public:
    explicit FileEventLog(std::string path, bool echoToStderr = true);
    void Write(LogLevel level, std::string_view message) override;
    const std::string& Path() const { return m_path; }

private:
    std::string m_path;
    bool m_echo;
    bool m_reportedFailure = false;
};

// Keeps lines in memory (tests, and start-up before the log file is known).
class MemoryEventLog final : public EventLog {
public:
    struct Line {
        LogLevel level;
        std::string message;
    };
    void Write(LogLevel level, std::string_view message) override { lines.push_back({level, std::string(message)}); }
    bool Contains(std::string_view fragment) const;
    std::vector<Line> lines;
};

}  // namespace kiosk::station
