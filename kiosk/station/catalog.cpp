// Questionnaire folder scanning with last-good fallback.
#include "kiosk/station/catalog.h"

#include "kiosk/core/atomic_file.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/recordings.h"
#include "kiosk/core/text.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace kiosk::station {
namespace fs = std::filesystem;

namespace {

// Enough to find the broken file in an editor without flooding the log with one slip repeated.
constexpr std::size_t kMaxErrorsLogged = 20;

// The "id" of a file that failed validation, when it can still be read.
std::string IdOfBrokenFile(const std::string& path) {
    std::string bytes, error;
    if (!core::ReadFileBytes(path, bytes, error)) return "";
    core::JsonReadResult doc = core::ReadJson(bytes);
    if (!doc.ok || !doc.value.is_object()) return "";
    auto it = doc.value.find("id");
    if (it == doc.value.end() || !it->is_string()) return "";
    return it->get<std::string>();
}

double EstimatedLength(const core::Questionnaire& q) {
    return q.estimatedMinutes ? *q.estimatedMinutes : static_cast<double>(q.ItemCount()) / 3.0;
}

}  // namespace

QuestionnaireCatalog::QuestionnaireCatalog(std::string dir, EventLog& log) : m_dir(std::move(dir)), m_log(log) {}

bool QuestionnaireCatalog::Scan(std::vector<Stamp>& out) {
    std::error_code ec;
    fs::directory_iterator it(m_dir, ec);
    if (ec) {
        m_log.Write(LogLevel::Error, "questionnaires: cannot read folder " + m_dir + ": " + ec.message());
        return false;
    }
    for (const auto& entry : it) {
        const fs::path& p = entry.path();
        if (p.extension() != ".json" || p.filename() == "schema.json") continue;
        std::error_code e1, e2;
        if (!entry.is_regular_file(e1)) continue;
        Stamp s{p.string(), entry.file_size(e1), entry.last_write_time(e2)};
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const Stamp& a, const Stamp& b) { return a.path < b.path; });
    return true;
}

bool QuestionnaireCatalog::Refresh() {
    std::vector<Stamp> stamps;
    if (!Scan(stamps)) {
        // An unreadable folder is not an edit: keep what is installed.
        return false;
    }
    if (m_scanned && stamps == m_stamps) return false;
    m_scanned = true;
    m_stamps = stamps;
    Load(stamps);
    return true;
}

void QuestionnaireCatalog::Load(const std::vector<Stamp>& files) {
    std::vector<QuestionnairePtr> installed;
    std::set<std::string> ids;
    std::vector<std::string> brokenIds;
    m_broken.clear();

    for (const auto& f : files) {
        core::LoadResult r = core::LoadQuestionnaireFile(f.path);
        if (r.Ok()) {
            auto q = std::make_shared<const core::Questionnaire>(std::move(*r.questionnaire));
            if (!ids.insert(q->id).second) {
                m_log.Write(LogLevel::Warning, "questionnaires: " + f.path + ": id \"" + q->id +
                                                   "\" is already installed from another file; skipped");
                continue;
            }
            m_idByPath[f.path] = q->id;
            m_lastGoodById[q->id] = q;
            installed.push_back(std::move(q));
            continue;
        }
        m_broken.push_back({f.path, r.errors});
        m_log.Write(LogLevel::Error, "questionnaires: " + f.path + " is not valid (" +
                                         std::to_string(r.errors.size()) + " problem(s)); skipped");
        for (std::size_t i = 0; i < r.errors.size() && i < kMaxErrorsLogged; ++i)
            m_log.Write(LogLevel::Error, "questionnaires: " + r.errors[i].ToString());
        std::string id = IdOfBrokenFile(f.path);
        if (id.empty()) {
            auto known = m_idByPath.find(f.path);
            if (known != m_idByPath.end()) id = known->second;
        }
        if (!id.empty()) brokenIds.push_back(id);
    }

    // A broken file whose questionnaire was good earlier in this run keeps its last good version.
    for (const auto& id : brokenIds) {
        auto good = m_lastGoodById.find(id);
        if (good == m_lastGoodById.end() || !ids.insert(id).second) continue;
        m_log.Write(LogLevel::Staff, "questionnaires: keeping the last good version " + good->second->version +
                                         " of \"" + id + "\" until its file is fixed");
        installed.push_back(good->second);
    }

    std::vector<core::Questionnaire> copies;
    for (const auto& q : installed) copies.push_back(*q);
    for (const auto& e : core::ValidateInstalledSet(copies))
        m_log.Write(LogLevel::Error, "questionnaires: " + e.ToString());

    std::stable_sort(installed.begin(), installed.end(), [](const QuestionnairePtr& a, const QuestionnairePtr& b) {
        double la = EstimatedLength(*a), lb = EstimatedLength(*b);
        if (la != lb) return la < lb;
        return a->id < b->id;
    });
    m_installed = std::move(installed);
    ApplyEnabled();
    std::string names;
    for (const auto& q : m_installed) names += (names.empty() ? "" : ", ") + q->id + " " + q->version;
    m_log.Write(m_installed.empty() ? LogLevel::Staff : LogLevel::Info,
                "questionnaires: " + std::to_string(m_installed.size()) + " installed from " + m_dir +
                    (names.empty() ? "" : " (" + names + ")"));
}

namespace {

// The one atomic writer (kiosk/core/atomic_file.h), with its failure as this class's error text.
bool WriteAtomically(const std::string& path, const std::string& bytes, std::string& error) {
    if (auto e = core::WriteFileAtomically(path, bytes)) {
        error = e->detail;
        return false;
    }
    return true;
}

}  // namespace

void QuestionnaireCatalog::ApplyEnabled() {
    m_enabled.clear();
    for (const auto& q : m_installed)
        if (!m_disabled.count(q->id)) m_enabled.push_back(q);
}

void QuestionnaireCatalog::SetStateFile(std::string path) {
    m_stateFile = std::move(path);
    m_disabled.clear();
    std::string bytes, error;
    if (core::ReadFileBytes(m_stateFile, bytes, error)) {
        core::JsonReadResult doc = core::ReadJson(bytes);
        auto list = doc.ok && doc.value.is_object() ? doc.value.find("disabled") : doc.value.end();
        if (doc.ok && doc.value.is_object() && list != doc.value.end() && list->is_array()) {
            for (const auto& id : *list)
                if (id.is_string()) m_disabled.insert(id.get<std::string>());
        } else {
            m_log.Write(LogLevel::Staff, "questionnaires: " + m_stateFile + " is not readable; every questionnaire is on");
        }
    }
    ApplyEnabled();
}

bool QuestionnaireCatalog::SetEnabled(const std::string& id, bool enabled, std::string& error) {
    std::set<std::string> next = m_disabled;
    if (enabled) next.erase(id);
    else next.insert(id);
    if (!m_stateFile.empty()) {
        nlohmann::json doc = {{"disabled", nlohmann::json::array()}};
        for (const auto& d : next) doc["disabled"].push_back(d);
        std::error_code ec;
        const auto parent = fs::path(m_stateFile).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
        if (!WriteAtomically(m_stateFile, doc.dump(2) + "\n", error)) return false;
    }
    m_disabled = std::move(next);
    ApplyEnabled();
    m_log.Write(LogLevel::Staff, "questionnaires: \"" + id + "\" switched " + (enabled ? "on" : "off") + " for citizens");
    return true;
}

QuestionnaireCatalog::InstallCandidate QuestionnaireCatalog::CheckInstall(const std::string& sourcePath) const {
    std::string bytes, error;
    if (!core::ReadFileBytes(sourcePath, bytes, error)) bytes.clear();
    else error.clear();
    return Check(sourcePath, std::move(bytes), std::move(error));
}

QuestionnaireCatalog::InstallCandidate QuestionnaireCatalog::Check(std::string sourcePath, std::string bytes,
                                                                   std::string readError) const {
    InstallCandidate c;
    c.sourcePath = std::move(sourcePath);
    c.bytes = std::move(bytes);
    c.readError = std::move(readError);
    if (!c.readError.empty()) {
        // As the loader reports an unreadable file: one problem, nothing installed.
        c.result.errors.push_back({c.sourcePath, "", c.readError, 0, 0});
        c.result.errors.back().messageId = "qerr.unreadable";
        return c;
    }
    c.result = core::LoadQuestionnaireBytes(c.bytes, c.sourcePath);
    if (!c.result.Ok()) return c;
    const core::Questionnaire& fresh = *c.result.questionnaire;
    // Checked against what stays installed: every other id, plus the new file in place of its old version.
    std::vector<core::Questionnaire> set;
    for (const auto& q : m_installed) {
        if (q->id == fresh.id) c.installed = q;
        else set.push_back(*q);
    }
    set.push_back(fresh);
    // Same id and version as the installed one but different content: old results could not be told apart.
    if (c.installed && c.installed->version == fresh.version) set.push_back(*c.installed);
    std::vector<core::ValidationError> errors = core::ValidateInstalledSet(set);
    if (!errors.empty()) {
        c.result.errors = std::move(errors);
        c.result.questionnaire.reset();
    }
    return c;
}

core::LoadResult QuestionnaireCatalog::Install(const std::string& sourcePath, std::string& writeError) {
    return Install(CheckInstall(sourcePath), writeError);
}

core::LoadResult QuestionnaireCatalog::Install(const InstallCandidate& candidate, std::string& writeError) {
    // Checked again: the installed set may have changed since the candidate was shown.
    core::LoadResult r = Check(candidate.sourcePath, candidate.bytes, candidate.readError).result;
    if (!r.Ok()) return r;
    const core::Questionnaire& fresh = *r.questionnaire;
    // Replace the file this id was installed from, so the folder never holds the id twice.
    std::string target = (fs::path(m_dir) / (fresh.id + ".json")).string();
    for (const auto& [path, id] : m_idByPath)
        if (id == fresh.id && fs::exists(path)) target = path;
    // Its recordings first, so an installed questionnaire never points at audio that is not there.
    if (!core::CopyRecordings(fresh, fs::path(target).parent_path().string(), writeError) ||
        !WriteAtomically(target, candidate.bytes, writeError)) {
        r.questionnaire.reset();
        return r;
    }
    m_log.Write(LogLevel::Staff, "questionnaires: installed \"" + fresh.id + "\" version " + fresh.version + " from " +
                                     candidate.sourcePath + " as " + target);
    Refresh();
    return r;
}

}  // namespace kiosk::station
