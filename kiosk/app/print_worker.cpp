// The print worker (see print_worker.h).
#include "kiosk/app/print_worker.h"

#include "kiosk/print/printer.h"

namespace kiosk::app {

PrintReport PrintResultNow(const flow::PrintRequest& request, const print::PageTexts& texts,
                           const PrintSettings& settings) {
    PrintReport report;
    report.job = request.job;
    if (!request.questionnaire) {
        report.detail = "no result to print";
        return report;
    }
    print::ResultPage page;
    page.questionnaire = request.questionnaire.get();
    page.result = &request.result;
    page.lang = request.lang;
    page.portalUrl = settings.portalUrl;
    page.texts = texts;
    if (!core::ParseDay(request.day, page.day)) {
        report.detail = "bad day \"" + request.day + "\"";
        return report;
    }
    print::PrinterInfo printer;
    if (print::PrintError e = print::FindPrinter(settings.printer, printer)) {
        report.outcome = e.kind == print::PrintErrorKind::NoPrinter ? flow::PrintOutcome::NoPrinter
                                                                    : flow::PrintOutcome::Failed;
        report.detail = e.detail;
        return report;
    }
    std::string pdf;
    if (print::RenderError e = print::RenderResultPdf(page, printer.paper, pdf)) {
        report.detail = "cannot draw the page: " + e.detail;
        return report;
    }
    int job = 0;
    if (print::PrintError e = print::PrintPdf(printer.name, pdf, texts.heading, job)) {
        report.outcome = e.kind == print::PrintErrorKind::NoPrinter ? flow::PrintOutcome::NoPrinter
                                                                    : flow::PrintOutcome::Failed;
        report.detail = printer.name + ": " + e.detail;
        return report;
    }
    report.outcome = flow::PrintOutcome::Printed;
    report.detail = printer.name + ", " + print::PaperName(printer.paper) + " page, job " + std::to_string(job);
    return report;
}

PrintWorker::~PrintWorker() {
    if (m_thread.joinable()) m_thread.join();
}

bool PrintWorker::Start(const flow::PrintRequest& request, print::PageTexts texts) {
    if (m_job) return false;
    auto job = std::make_shared<Job>();
    m_job = job;
    // The worker owns copies of everything it reads (the questionnaire is shared and immutable).
    m_thread = std::thread([job, request, texts = std::move(texts), settings = m_settings] {
        try {
            job->report = PrintResultNow(request, texts, settings);
        } catch (const std::exception& e) {
            job->report = {flow::PrintOutcome::Failed, std::string("internal error: ") + e.what(), request.job};
        }
        job->finished.store(true, std::memory_order_release);
    });
    return true;
}

std::optional<PrintReport> PrintWorker::TakeFinished() {
    if (!m_job || !m_job->finished.load(std::memory_order_acquire)) return std::nullopt;
    m_thread.join();
    PrintReport report = std::move(m_job->report);
    m_job.reset();
    return report;
}

}  // namespace kiosk::app
