// The kiosk's wiring: frames, and the I/O the flow asks for.
#include "kiosk/app/kiosk_controller.h"

#include "kiosk/app/speech_worker.h"
#include "kiosk/core/staff_access.h"
#include "kiosk/station/drives.h"
#include "kiosk/ui/citizen_views.h"

#include "imgui.h"

#include <cstdlib>
#include <filesystem>

namespace kiosk::app {

using core::LogLevel;
using flow::EventKind;

namespace {

flow::FlowOptions FlowOptionsOf(const ControllerOptions& o) {
    flow::FlowOptions f;
    f.citizen.session = o.session;
    f.citizen.languages = o.languages;
    f.citizen.learningPortalUrl = o.learningPortalUrl;
    f.citizen.locationName = o.locationName;
    f.citizen.storageRetry = o.storageRetry;
    f.citizen.thankYouTime = o.thankYouTime;
    f.citizen.textSizeSteps = ui::kTextSizeSteps;
    f.citizen.printing = o.print.enabled;
    f.staff.idleTimeout = o.staff.idleTimeout;
    f.staff.gestureHold = o.staff.gestureHold;
    f.staff.language = o.session.defaultLanguage;
    return f;
}

}  // namespace

KioskController::KioskController(const core::Clock& clock, ControllerOptions options, const ui::Translations& texts,
                                 station::QuestionnaireCatalog& catalog, ResultSink& sink, station::EventLog& log)
    : m_clock(clock), m_options(std::move(options)), m_texts(texts), m_sink(sink), m_log(log),
      m_flow(clock, FlowOptionsOf(m_options)),
      m_printer(PrintSettings{m_options.print.printer, m_options.learningPortalUrl}),
      m_loader(catalog, m_options.beforeCatalogJob, m_options.wake) {
    // Loading happens on the loader's thread: the first frame comes at once, with a calm "one moment" screen
    // until the questionnaires are in (see BeginLoading), and the service manager's watchdog hears from us.
    PostCatalogJob(CatalogJob::Kind::Refresh);
    const core::PinFile pin = core::ReadPinFile(m_options.staff.pinFile);
    if (pin.state == core::PinFileState::Missing)
        m_log.Write(LogLevel::Staff, "no staff PIN set (" + m_options.staff.pinFile + ")");
    else if (pin.state == core::PinFileState::Unreadable)
        m_log.Write(LogLevel::Staff, "staff PIN file " + m_options.staff.pinFile + " is unreadable (" + pin.detail +
                                         "): staff mode is locked; a technician runs kiosk-admin set-pin");
    m_flow.Staff().SetPinState(pin.state);
    if (!m_options.staff.pinFile.empty())
        m_flow.Staff().PinAttemptsLoaded(core::ReadPinAttempts(core::PinAttemptsFileFor(m_options.staff.pinFile)));
    m_flow.BeginLoading(pin.state != core::PinFileState::Missing);
    Pump();
}

KioskController::~KioskController() {
    if (m_exportThread.joinable()) m_exportThread.join();
}

core::PinFileState KioskController::PinState() const { return core::ReadPinFile(m_options.staff.pinFile).state; }

void KioskController::SetStaffData(flow::StaffData* data) {
    m_staffData = data;
    m_flow.Staff().SetStorePages(data != nullptr);
}

// ---------------------------------------------------------------------------------------------------------
// Frames

void KioskController::Update() {
    // The PIN file is read each frame, so a PIN set with kiosk-admin counts at once.
    m_flow.Staff().SetPinState(PinState());
    TakeCatalogResults();
    FollowExport();
    FollowStickRemoval();
    FollowSpeech();
    FollowPrint();
    m_flow.Tick();
    Pump();
}

void KioskController::Draw(ui::UiState& ui) {
    const ui::FrameLook look{&m_options.theme, m_options.staff.cornerSize};
    const ui::FrameOutput out = ui::DrawKioskFrame(m_flow, m_texts, look, m_qr, ui);
    m_flow.Pointer(out.pointer);
    Pump();
    Apply(out.intent);
}

void KioskController::Apply(const flow::Intent& intent) {
    m_flow.Apply(intent);
    Pump();
}

std::string KioskController::ResultQrText() const { return ui::ResultQrText(m_flow.Citizen(), m_texts); }

void KioskController::FlagForStaff(const std::string& message) { m_flow.Staff().FlagForStaff(message); Pump(); }

void KioskController::SetSetupFailure(const std::string& message) {
    m_flow.SetupFailed(message);
    Pump();
}

void KioskController::RecoverFromError(const std::string& what) {
    m_flow.RecoverFromError(what);
    Pump();
}

// ---------------------------------------------------------------------------------------------------------
// Events

void KioskController::Pump() {
    // Handling an event may raise more (a save that fails takes the kiosk out of service, …).
    for (int rounds = 0; rounds < 100; ++rounds) {
        std::vector<flow::Event> events = m_flow.TakeEvents();
        if (events.empty()) return;
        for (auto& e : events) Handle(e);
    }
}

void KioskController::CollectStaffNotices() {
    for (const auto& notice : m_sink.TakeStaffNotices()) m_flow.Staff().FlagForStaff(notice);
}

void KioskController::SaveResults() {
    flow::CitizenFlow& citizen = m_flow.Citizen();
    while (!citizen.ResultsToSave().empty()) {
        const SaveOutcome out = m_sink.Save(citizen.ResultsToSave().front());
        CollectStaffNotices();
        citizen.ResultSaved(out.ok, out.detail);
        if (!out.ok) return;
    }
}

void KioskController::Handle(flow::Event& e) {
    flow::StaffFlow& staff = m_flow.Staff();
    if (HandleSpeech(e)) return;
    switch (e.kind) {
        case EventKind::Log:
            m_log.Write(e.level, e.text);
            return;
        case EventKind::ScreenChanged:
            return;
        case EventKind::OpenStorage: {
            const SaveOutcome ready = m_sink.Ready();
            CollectStaffNotices();
            m_flow.Citizen().StorageChecked(ready.ok, ready.detail);
            return;
        }
        case EventKind::SaveResults:
            SaveResults();
            return;
        case EventKind::RefreshQuestionnaires:
            if (!m_refreshQueued) PostCatalogJob(CatalogJob::Kind::Refresh);
            return;
        case EventKind::CheckPin: {
            const auto hash = core::LoadPinHash(m_options.staff.pinFile);
            const bool right = hash && core::VerifyPin(*hash, e.text);  // Argon2id: once per OK, ~0.3 s
            e.text.assign(e.text.size(), '\0');
            staff.PinChecked(right);
            return;
        }
        case EventKind::SavePin:
            SavePin(e.text);
            e.text.assign(e.text.size(), '\0');
            return;
        case EventKind::LoadDashboard:
            if (m_staffData) staff.DashboardLoaded(m_staffData->Dashboard(e.text));
            return;
        case EventKind::LoadHealth:
            if (m_staffData) staff.HealthLoaded(m_staffData->Health());
            return;
        case EventKind::ScanDrives:
            if (m_staffData) staff.DrivesFound(m_staffData->UsbDrives());
            return;
        case EventKind::FindInstallFiles: {
            std::vector<std::string> dirs;
            if (m_staffData)
                for (const auto& d : m_staffData->UsbDrives()) dirs.push_back(d.path);
            staff.InstallFilesFound(station::QuestionnaireFilesOn(dirs));
            return;
        }
        case EventKind::SetQuestionnaireEnabled:
            PostCatalogJob(CatalogJob::Kind::SetEnabled, e.text, e.on);
            return;
        case EventKind::InstallQuestionnaire:
            PostCatalogJob(CatalogJob::Kind::Install, e.text);
            return;
        case EventKind::PreviewInstallFile:
            PostCatalogJob(CatalogJob::Kind::CheckInstall, e.text);
            return;
        case EventKind::SavePinAttempts:
            SavePinAttempts(e.pinAttempts);
            return;
        case EventKind::StartExport:
            StartExport(e.exportRequest);
            return;
        case EventKind::RemoveStick:
            StartStickRemoval(e.text);
            return;
        case EventKind::PrintResult:
            StartPrint(e.printRequest);
            return;
        default:
            return;  // read-aloud events: HandleSpeech
    }
}

// ---------------------------------------------------------------------------------------------------------
// Read-aloud

void KioskController::SetSpeech(SpeechWorker* speech) {
    m_speech = speech;
    const bool available = speech && speech->Available();
    m_flow.Citizen().SetSpeechAvailable(available);
    m_flow.Staff().SetSound(available, speech ? speech->VolumeStep() : flow::kVolumeSteps - 1);
    if (speech)
        for (const auto& p : speech->Problems()) m_log.Write(LogLevel::Staff, p);
}

std::optional<core::TimePoint> KioskController::NextWakeup() const {
    std::optional<core::TimePoint> next = m_flow.NextWakeup();
    auto atMost = [&](core::Millis ms) {
        const core::TimePoint soon = m_clock.Now() + ms;
        if (!next || soon < *next) next = soon;
    };
    // While speaking, look at the queue a few times a second so "Dừng" turns back into "Nghe" when it ends.
    if (m_flow.Citizen().Speaking()) atMost(core::Millis(150));
    // The loader wakes the loop when it is done (options.wake); this is the fallback when nobody does.
    if (m_loader.Busy()) atMost(core::Millis(250));
    // The print worker is polled each frame: draw frames while it works, so its outcome shows without a tap.
    if (m_printer.Busy()) atMost(core::Millis(250));
    return next;
}

void KioskController::FollowSpeech() {
    if (m_speech && m_flow.Citizen().Speaking() && !m_speech->Speaking()) m_flow.Citizen().SpeechFinished();
}

bool KioskController::HandleSpeech(const flow::Event& e) {
    switch (e.kind) {
        case EventKind::Speak: {
            // A Speak for a page no longer shown is stale (the StopSpeech or Speak of the new one follows).
            if (!m_speech || e.text != m_flow.PageKey()) return true;
            std::string lang;
            std::vector<core::SpeechPart> parts = PageSpeech(m_flow, m_texts, lang);
            if (parts.empty())
                m_flow.Citizen().SpeechFinished();
            else
                m_speech->Say(std::move(parts), lang);
            return true;
        }
        case EventKind::StopSpeech:
            if (m_speech) m_speech->Stop();
            return true;
        case EventKind::SetVolume:
            if (m_speech) {
                const std::string error = m_speech->SetVolumeStep(std::atoi(e.text.c_str()));
                m_flow.Staff().VolumeSaved(error.empty(), error);
            }
            return true;
        case EventKind::PlayTestTone:
            if (m_speech) m_speech->PlayTestTone();
            return true;
        default:
            return false;
    }
}

void KioskController::SavePin(const std::string& pin) {
    const std::string hash = core::HashPin(pin);
    std::string error;
    std::error_code ec;
    const auto parent = std::filesystem::path(m_options.staff.pinFile).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (hash.empty()) {
        m_flow.Staff().PinSaved(false, "hashing failed");
        return;
    }
    const bool ok = core::SavePinHash(m_options.staff.pinFile, hash, error);
    m_flow.Staff().PinSaved(ok, error);
}

void KioskController::SavePinAttempts(const core::PinAttempts& attempts) {
    if (m_options.staff.pinFile.empty()) return;  // no PIN file configured: the lockout lives in memory only
    std::string error;
    // Best effort: a full disk must not stop the PIN pad; the count in memory still applies.
    if (!core::WritePinAttempts(core::PinAttemptsFileFor(m_options.staff.pinFile), attempts, error))
        m_log.Write(LogLevel::Warning, "staff PIN: the lockout could not be saved: " + error);
}

// ---------------------------------------------------------------------------------------------------------
// The questionnaire loader

void KioskController::PostCatalogJob(CatalogJob::Kind kind, std::string text, bool on) {
    if (kind == CatalogJob::Kind::Refresh) m_refreshQueued = true;
    m_loader.Post(CatalogJob{kind, std::move(text), on});
}

void KioskController::TakeCatalogResults() {
    flow::StaffFlow& staff = m_flow.Staff();
    for (CatalogJobDone& done : m_loader.TakeDone()) {
        switch (done.job.kind) {
            case CatalogJob::Kind::Refresh:
                m_refreshQueued = false;
                // Told only when a file changed; the first load, a kiosk without questionnaires and the staff
                // pages are told either way.
                if (done.changed || !m_catalogSeen ||
                    m_flow.Citizen().OutOfServiceReason() == OutOfService::NoQuestionnaire || staff.Active())
                    m_flow.CatalogLoaded(done.catalog);
                m_catalogSeen = true;
                break;
            case CatalogJob::Kind::SetEnabled:
                staff.QuestionnaireSwitched(done.ok, done.error);
                if (done.ok) m_flow.CatalogLoaded(done.catalog);
                break;
            case CatalogJob::Kind::CheckInstall:
                staff.InstallPreviewed(std::move(done.preview));
                break;
            case CatalogJob::Kind::Install:
                staff.InstallFinished(done.install);
                m_flow.CatalogLoaded(done.catalog);
                break;
        }
        Pump();
    }
}

void KioskController::WaitForCatalog() {
    do {
        m_loader.WaitIdle();
        TakeCatalogResults();  // may ask for more (a rescan after an install)
    } while (m_loader.Busy());
}

// ---------------------------------------------------------------------------------------------------------
// The export worker

void KioskController::StartExport(const flow::ExportRequest& request) {
    if (m_exportJob || !m_staffData) {
        flow::ExportOutcome busy;
        busy.problem = flow::ExportProblem::Database;
        busy.detail = m_exportJob ? "an export is already running" : "no result store";
        m_flow.Staff().ExportFinished(busy);
        return;
    }
    auto job = std::make_shared<ExportJob>();
    m_exportJob = job;
    flow::StaffData* data = m_staffData;
    // The worker only touches the job and the StaffData (which reads its own connection to the database).
    m_exportThread = std::thread([job, data, request] {
        flow::ExportOutcome outcome;
        try {
            outcome = data->Export(request, [&job](std::int64_t done, std::int64_t total) {
                job->done = done;
                job->total = total;
            });
        } catch (const std::exception& e) {
            outcome.problem = flow::ExportProblem::Database;
            outcome.detail = e.what();
        }
        job->outcome = std::move(outcome);
        job->finished.store(true, std::memory_order_release);
    });
}

void KioskController::FollowExport() {
    if (!m_exportJob) return;
    m_flow.Staff().ExportProgress(m_exportJob->done, m_exportJob->total);
    if (!m_exportJob->finished.load(std::memory_order_acquire)) return;
    m_exportThread.join();
    flow::ExportOutcome outcome = std::move(m_exportJob->outcome);
    m_exportJob.reset();
    m_flow.Staff().ExportFinished(std::move(outcome));
    Pump();
}

// ---------------------------------------------------------------------------------------------------------
// Releasing a USB stick (on a worker: the frame loop keeps drawing and pinging the watchdog)

void KioskController::StartStickRemoval(const std::string& mountPoint) {
    flow::StaffData* data = m_staffData;
    const bool started = data && m_stickRemoval.Start([data, mountPoint] {
        try {
            return data->SafelyRemove(mountPoint);
        } catch (const std::exception& e) {
            return flow::RemoveOutcome{false, flow::RemoveProblem::StillMounted, e.what()};
        }
    });
    if (!started)
        m_flow.Staff().StickRemoved({false, flow::RemoveProblem::StillMounted,
                                     data ? "a USB stick is already being released" : "no result store"});
}

void KioskController::FollowStickRemoval() {
    if (auto outcome = m_stickRemoval.TakeIfDone()) {
        m_flow.Staff().StickRemoved(*outcome);
        Pump();
    }
}

// Printing the result (on the print worker)

void KioskController::StartPrint(const flow::PrintRequest& request) {
    print::PageTexts texts;
    std::string error;
    if (!print::PageTextsFrom(m_texts, request.lang, texts, error)) {
        m_log.Write(LogLevel::Staff, "print: " + error);
        m_flow.Citizen().PrintFinished(flow::PrintOutcome::Failed, request.job);
        return;
    }
    // An earlier citizen's page still being sent: this one follows it.
    if (!m_printer.Start(request, texts)) m_nextPrint = {request, std::move(texts)};
}

void KioskController::FollowPrint() {
    std::optional<PrintReport> report = m_printer.TakeFinished();
    if (!report) return;
    m_log.Write(report->outcome == flow::PrintOutcome::Printed ? LogLevel::Info : LogLevel::Staff,
                "print: " + report->detail);
    m_flow.Citizen().PrintFinished(report->outcome, report->job);
    if (m_nextPrint) {
        m_printer.Start(m_nextPrint->first, std::move(m_nextPrint->second));
        m_nextPrint.reset();
    }
    Pump();
}

}  // namespace kiosk::app
