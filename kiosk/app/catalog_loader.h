// The questionnaire catalog's worker thread: loading, checking and installing questionnaire files (parsing
// and validating a big file can take long) happen here, never on the frame thread. The frame thread posts
// jobs in the order the flow asked for them and takes finished ones each frame, each with a snapshot of the
// catalog as it stands after the job (immutable questionnaires, shared safely between threads). From the
// moment a loader exists, only its thread touches the QuestionnaireCatalog.
#pragma once

#include "kiosk/flow/staff_flow.h"
#include "kiosk/station/catalog.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::app {

// The questionnaire folder as the flow sees it.
flow::CatalogState CatalogStateOf(const station::QuestionnaireCatalog& catalog);

struct CatalogJob {
    enum class Kind { Refresh, SetEnabled, CheckInstall, Install };
    Kind kind = Kind::Refresh;
    std::string text{};  // SetEnabled: the questionnaire id; CheckInstall, Install: the file's path
    bool on = false;   // SetEnabled
};

struct CatalogJobDone {
    CatalogJob job;
    bool changed = false;         // Refresh: the folder had changed and was loaded again
    flow::CatalogState catalog;   // after the job
    bool ok = true;               // SetEnabled
    std::string error;            // SetEnabled: why not
    flow::InstallPreview preview;  // CheckInstall
    flow::InstallOutcome install;  // Install
};

class CatalogLoader {
public:
    // `beforeJob` runs on the worker before each job (tests hold a job there); `wake` runs on the worker after
    // each job (the app wakes its sleeping frame loop with it).
    CatalogLoader(station::QuestionnaireCatalog& catalog, std::function<void()> beforeJob = {},
                  std::function<void()> wake = {});
    ~CatalogLoader();  // finishes the job under way; jobs not started yet are dropped
    CatalogLoader(const CatalogLoader&) = delete;
    CatalogLoader& operator=(const CatalogLoader&) = delete;

    void Post(CatalogJob job);
    // Finished jobs, in the order they were posted.
    std::vector<CatalogJobDone> TakeDone();
    // A job is queued or under way.
    bool Busy() const;
    // Blocks until no job is queued or under way (start-up of tests, never a frame).
    void WaitIdle();

private:
    void Run();
    CatalogJobDone Do(const CatalogJob& job);

    station::QuestionnaireCatalog& m_catalog;
    std::function<void()> m_beforeJob, m_wake;
    // A checked file waiting for staff's "Cài đặt": installing it writes exactly what was shown.
    std::optional<station::QuestionnaireCatalog::InstallCandidate> m_candidate;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<CatalogJob> m_queue;
    std::vector<CatalogJobDone> m_done;
    bool m_working = false, m_stop = false;
    std::thread m_thread;  // last: started once everything above exists
};

}  // namespace kiosk::app
