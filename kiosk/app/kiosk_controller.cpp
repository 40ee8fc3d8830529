// The kiosk's wiring: frames, and the I/O the flow asks for.
#include "kiosk/app/kiosk_controller.h"

#include "kiosk/core/staff_access.h"
#include "kiosk/station/drives.h"
#include "kiosk/ui/citizen_views.h"

#include "imgui.h"

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
    if (!o.staff.pinFile.empty()) f.staff.pinAttemptsFile = core::PinAttemptsFileFor(o.staff.pinFile);
    return f;
}

}  // namespace

flow::CatalogState CatalogStateOf(const station::QuestionnaireCatalog& catalog) {
    flow::CatalogState s;
    s.dir = catalog.Dir();
    s.all = catalog.All();
    for (const auto& q : s.all) s.enabled.push_back(catalog.Enabled(q->id));
    for (const auto& b : catalog.Broken()) s.broken.push_back({b.path, b.errors});
    return s;
}

KioskController::KioskController(const core::Clock& clock, ControllerOptions options, const ui::Translations& texts,
                                 station::QuestionnaireCatalog& catalog, ResultSink& sink, station::EventLog& log)
    : m_clock(clock), m_options(std::move(options)), m_texts(texts), m_catalog(catalog), m_sink(sink), m_log(log),
      m_flow(clock, FlowOptionsOf(m_options)),
      m_printer(PrintSettings{m_options.print.printer, m_options.learningPortalUrl}) {
    m_catalog.Refresh();
    const core::PinFile pin = core::ReadPinFile(m_options.staff.pinFile);
    if (pin.state == core::PinFileState::Missing)
        m_log.Write(LogLevel::Staff, "no staff PIN set (" + m_options.staff.pinFile + ")");
    else if (pin.state == core::PinFileState::Unreadable)
        m_log.Write(LogLevel::Staff, "staff PIN file " + m_options.staff.pinFile + " is unreadable (" + pin.detail +
                                         "): staff mode is locked; a technician runs kiosk-admin set-pin");
    m_flow.Staff().SetPinState(pin.state);
    m_flow.Begin(CatalogStateOf(m_catalog), pin.state != core::PinFileState::Missing);
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
    FollowExport();
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
            // Reloads only when a file changed; a kiosk without questionnaires is told again either way.
            if (m_catalog.Refresh() || m_flow.Citizen().OutOfServiceReason() == OutOfService::NoQuestionnaire ||
                staff.Active())
                m_flow.CatalogLoaded(CatalogStateOf(m_catalog));
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
        case EventKind::SetQuestionnaireEnabled: {
            std::string error;
            const bool ok = m_catalog.SetEnabled(e.text, e.on, error);
            staff.QuestionnaireSwitched(ok, error);
            if (ok) m_flow.CatalogLoaded(CatalogStateOf(m_catalog));
            return;
        }
        case EventKind::InstallQuestionnaire: {
            flow::InstallOutcome outcome;
            outcome.path = e.text;
            core::LoadResult r = m_catalog.Install(e.text, outcome.writeError);
            outcome.errors = r.errors;
            if (r.Ok()) {
                outcome.writeError.clear();
                outcome.id = r.questionnaire->id;
                outcome.version = r.questionnaire->version;
            } else if (r.errors.empty() && outcome.writeError.empty()) {
                outcome.writeError = "unknown";
            }
            staff.InstallFinished(outcome);
            m_flow.CatalogLoaded(CatalogStateOf(m_catalog));
            return;
        }
        case EventKind::StartExport:
            StartExport(e.exportRequest);
            return;
        case EventKind::PrintResult:
            StartPrint(e.printRequest);
            return;
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
