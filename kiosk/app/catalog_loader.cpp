// The questionnaire catalog's worker thread.
#include "kiosk/app/catalog_loader.h"

namespace kiosk::app {

flow::CatalogState CatalogStateOf(const station::QuestionnaireCatalog& catalog) {
    flow::CatalogState s;
    s.dir = catalog.Dir();
    s.all = catalog.All();
    for (const auto& q : s.all) s.enabled.push_back(catalog.Enabled(q->id));
    for (const auto& b : catalog.Broken()) s.broken.push_back({b.path, b.errors});
    return s;
}

CatalogLoader::CatalogLoader(station::QuestionnaireCatalog& catalog, std::function<void()> beforeJob,
                             std::function<void()> wake)
    : m_catalog(catalog), m_beforeJob(std::move(beforeJob)), m_wake(std::move(wake)) {
    m_thread = std::thread([this] { Run(); });
}

CatalogLoader::~CatalogLoader() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    m_thread.join();
}

void CatalogLoader::Post(CatalogJob job) {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_changed.notify_all();
}

std::vector<CatalogJobDone> CatalogLoader::TakeDone() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<CatalogJobDone> out;
    out.swap(m_done);
    return out;
}

bool CatalogLoader::Busy() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_working || !m_queue.empty();
}

void CatalogLoader::WaitIdle() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_working && m_queue.empty(); });
}

void CatalogLoader::Run() {
    for (;;) {
        CatalogJob job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
            m_working = true;
        }
        if (m_beforeJob) m_beforeJob();
        CatalogJobDone done;
        try {
            done = Do(job);
        } catch (const std::exception& e) {
            // A bug while loading must not kill the kiosk: the job reports failure, the catalog stays as it was.
            done = CatalogJobDone{};
            done.job = job;
            done.ok = false;
            done.error = std::string("internal error: ") + e.what();
            done.catalog = CatalogStateOf(m_catalog);
            done.preview.path = done.install.path = job.text;
            done.install.writeError = done.error;
            done.preview.errors.push_back({job.text, "", done.error, 0, 0});
        }
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_done.push_back(std::move(done));
            m_working = false;
        }
        m_changed.notify_all();
        if (m_wake) m_wake();
    }
}

CatalogJobDone CatalogLoader::Do(const CatalogJob& job) {
    CatalogJobDone done;
    done.job = job;
    switch (job.kind) {
        case CatalogJob::Kind::Refresh:
            done.changed = m_catalog.Refresh();
            break;
        case CatalogJob::Kind::SetEnabled:
            done.ok = m_catalog.SetEnabled(job.text, job.on, done.error);
            break;
        case CatalogJob::Kind::CheckInstall: {
            m_candidate = m_catalog.CheckInstall(job.text);
            done.preview.path = job.text;
            done.preview.errors = m_candidate->result.errors;
            done.preview.installed = m_candidate->installed;
            if (m_candidate->result.Ok())
                done.preview.incoming =
                    std::make_shared<const core::Questionnaire>(*m_candidate->result.questionnaire);
            else
                m_candidate.reset();
            break;
        }
        case CatalogJob::Kind::Install: {
            flow::InstallOutcome& outcome = done.install;
            outcome.path = job.text;
            // Exactly the bytes staff saw on the confirmation page; a file never checked is checked now.
            core::LoadResult r = m_candidate && m_candidate->sourcePath == job.text
                                     ? m_catalog.Install(*m_candidate, outcome.writeError)
                                     : m_catalog.Install(job.text, outcome.writeError);
            m_candidate.reset();
            outcome.errors = r.errors;
            if (r.Ok()) {
                outcome.writeError.clear();
                outcome.id = r.questionnaire->id;
                outcome.version = r.questionnaire->version;
            } else if (r.errors.empty() && outcome.writeError.empty()) {
                outcome.writeError = "unknown";
            }
            break;
        }
    }
    done.catalog = CatalogStateOf(m_catalog);
    return done;
}

}  // namespace kiosk::app
