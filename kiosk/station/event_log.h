// The staff log: one line per event (start-up, questionnaire problems, storage failures). It is for staff,
// not citizen data: never answers, scores or result ids. Both implementations may be written from several
// threads (the questionnaire loader logs from its worker).
#pragma once

#include "kiosk/core/log_level.h"

#include <mutex>
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
    std::mutex m_mutex;  // one whole line at a time
};

// Keeps lines in memory (tests, and start-up before the log file is known).
class MemoryEventLog final : public EventLog {
public:
    struct Line {
        LogLevel level;
        std::string message;
    };
    void Write(LogLevel level, std::string_view message) override;
    bool Contains(std::string_view fragment) const;
    std::vector<Line> lines;  // read it directly only while no other thread writes

private:
    mutable std::mutex m_mutex;
};

}  // namespace kiosk::station
