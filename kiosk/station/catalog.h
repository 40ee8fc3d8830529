// The installed questionnaires: every *.json in the questionnaires folder except schema.json, loaded and
// validated by the core. A file that fails validation is logged (file, pointer, message) and skipped — but
// if the same questionnaire id loaded fine earlier in this run, that last good version stays installed, so
// a trainer's broken edit never takes a questionnaire away from citizens. Trainers can switch questionnaires
// off for citizens (kept in a small state file) and install new files after validating them (Install()).
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/station/event_log.h"

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kiosk::station {

using core::QuestionnairePtr;

class QuestionnaireCatalog {
public:
    QuestionnaireCatalog(std::string dir, EventLog& log);

    // Rescans the folder when any file was added, removed or modified (name, size, mtime) since the last
    // scan; returns true when it reloaded. The first call always loads.
    bool Refresh();

    // Questionnaires offered to citizens (installed and not switched off), shortest first (estimated
    // minutes, then item count, then id).
    const std::vector<QuestionnairePtr>& Offered() const { return m_enabled; }
    // Every valid installed questionnaire, switched off or not, in the same order.
    const std::vector<QuestionnairePtr>& All() const { return m_installed; }
    // Files in the folder that do not validate, with their problems (for the trainer's list).
    struct BrokenFile {
        std::string path;
        std::vector<core::ValidationError> errors;
    };
    const std::vector<BrokenFile>& Broken() const { return m_broken; }
    const std::string& Dir() const { return m_dir; }

    // Switched-off ids are kept in `path` ({"disabled": [ids]}, written atomically). Reads it now.
    void SetStateFile(std::string path);
    bool Enabled(const std::string& id) const { return !m_disabled.count(id); }
    // Switches a questionnaire on or off for citizens; false (and `error`) when the state file cannot be
    // written. The caller keeps at least one switched on.
    bool SetEnabled(const std::string& id, bool enabled, std::string& error);

    // A file staff may install, read once and validated on its own and together with what is installed,
    // without changing anything: what the confirmation page shows, and exactly the bytes Install() writes
    // (a stick swapped between the two cannot slip in another file).
    struct InstallCandidate {
        std::string sourcePath;
        std::string bytes;
        core::LoadResult result;    // the questionnaire, or every problem found
        std::string readError;      // the file could not be read (result is then empty)
        QuestionnairePtr installed;  // the version it replaces; null when the id is new
    };
    InstallCandidate CheckInstall(const std::string& sourcePath) const;

    // Validates `sourcePath` on its own and together with what is installed; when valid, copies it into the
    // folder atomically (replacing the file of the same id, if any) and reloads. Nothing is copied when
    // there is any error. Returns the loaded questionnaire, or the errors.
    core::LoadResult Install(const std::string& sourcePath, std::string& writeError);
    // The same for a checked candidate: checked again against what is installed now, then its bytes written.
    core::LoadResult Install(const InstallCandidate& candidate, std::string& writeError);

private:
    struct Stamp {
        std::string path;
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime;
        bool operator==(const Stamp& o) const { return path == o.path && size == o.size && mtime == o.mtime; }
    };
    bool Scan(std::vector<Stamp>& out);
    InstallCandidate Check(std::string sourcePath, std::string bytes, std::string readError) const;
    void Load(const std::vector<Stamp>& files);
    void ApplyEnabled();

    std::string m_dir;
    EventLog& m_log;
    bool m_scanned = false;
    std::vector<Stamp> m_stamps;
    std::map<std::string, QuestionnairePtr> m_lastGoodById;
    std::map<std::string, std::string> m_idByPath;  // the id a file had when it last loaded fine
    std::vector<QuestionnairePtr> m_installed, m_enabled;
    std::vector<BrokenFile> m_broken;
    std::string m_stateFile;
    std::set<std::string> m_disabled;
};

}  // namespace kiosk::station
