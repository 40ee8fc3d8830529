// Questionnaire folder scanning with last-good fallback.
#include "kiosk/ui/catalog.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

#include <algorithm>
#include <set>

namespace kiosk::ui {
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
    std::string names;
    for (const auto& q : m_installed) names += (names.empty() ? "" : ", ") + q->id + " " + q->version;
    m_log.Write(m_installed.empty() ? LogLevel::Staff : LogLevel::Info,
                "questionnaires: " + std::to_string(m_installed.size()) + " installed from " + m_dir +
                    (names.empty() ? "" : " (" + names + ")"));
}

}  // namespace kiosk::ui
