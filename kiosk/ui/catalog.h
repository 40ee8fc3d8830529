// The installed questionnaires: every *.json in the questionnaires folder except schema.json, loaded and
// validated by the core. A file that fails validation is logged (file, pointer, message) and skipped — but
// if the same questionnaire id loaded fine earlier in this run, that last good version stays installed, so
// a trainer's broken edit never takes a questionnaire away from citizens.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/ui/event_log.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::ui {

using QuestionnairePtr = std::shared_ptr<const core::Questionnaire>;

class QuestionnaireCatalog {
public:
    QuestionnaireCatalog(std::string dir, EventLog& log);

    // Rescans the folder when any file was added, removed or modified (name, size, mtime) since the last
    // scan; returns true when it reloaded. The first call always loads.
    bool Refresh();

    // Installed questionnaires, shortest first (estimated minutes, then item count, then id).
    const std::vector<QuestionnairePtr>& Installed() const { return m_installed; }
    const std::string& Dir() const { return m_dir; }

private:
    struct Stamp {
        std::string path;
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime;
        bool operator==(const Stamp& o) const { return path == o.path && size == o.size && mtime == o.mtime; }
    };
    bool Scan(std::vector<Stamp>& out);
    void Load(const std::vector<Stamp>& files);

    std::string m_dir;
    EventLog& m_log;
    bool m_scanned = false;
    std::vector<Stamp> m_stamps;
    std::map<std::string, QuestionnairePtr> m_lastGoodById;
    std::map<std::string, std::string> m_idByPath;  // the id a file had when it last loaded fine
    std::vector<QuestionnairePtr> m_installed;
};

}  // namespace kiosk::ui
