// Prints the citizen's result on a worker thread: draws the page (kiosk/print, Cairo + Pango) and sends it
// through CUPS, which can take seconds (or hang on a dead network printer) — never on the frame thread.
// The frame thread starts a job and polls for its outcome once per frame; nothing else is shared.
#pragma once

#include "kiosk/flow/citizen_flow.h"
#include "kiosk/flow/events.h"
#include "kiosk/print/result_page.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::app {

struct PrintSettings {
    std::string printer;    // CUPS destination; empty = the default destination
    std::string portalUrl;  // the learning portal printed on the page and put in its QR code
};

struct PrintReport {
    flow::PrintOutcome outcome = flow::PrintOutcome::Failed;
    std::string detail;  // for the staff log: printer, paper, job id or the error
    int job = 0;         // the request's job number
};

// One job at a time, as the flow asks for one page per result.
class PrintWorker {
public:
    explicit PrintWorker(PrintSettings settings) : m_settings(std::move(settings)) {}
    ~PrintWorker();  // waits for a job still being sent (CUPS calls time out on their own)
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    // Starts printing; false (nothing started) while another job runs.
    bool Start(const flow::PrintRequest& request, print::PageTexts texts);
    // The finished job's report, once; nothing while a job runs or none was started.
    std::optional<PrintReport> TakeFinished();
    bool Busy() const { return m_job != nullptr; }

private:
    struct Job {
        std::atomic<bool> finished{false};
        PrintReport report;
    };
    PrintSettings m_settings;
    std::shared_ptr<Job> m_job;
    std::thread m_thread;
};

// What the worker does, on the calling thread: find the printer, draw the page for its paper, send it.
PrintReport PrintResultNow(const flow::PrintRequest& request, const print::PageTexts& texts,
                           const PrintSettings& settings);

}  // namespace kiosk::app
