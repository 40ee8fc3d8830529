// Staff mode: the PIN gate, the pages and the export job's state.
#include "kiosk/flow/staff_flow.h"

#include <algorithm>

namespace kiosk::flow {

using core::LogLevel;

namespace {
constexpr std::size_t kMaxPinDigits = 10;  // CheckNewPin's longest PIN

long long CeilSeconds(core::Millis ms) { return (ms.count() + 999) / 1000; }
}  // namespace

std::vector<core::QuestionnairePtr> CatalogState::Offered() const {
    std::vector<core::QuestionnairePtr> out;
    for (std::size_t i = 0; i < all.size() && i < enabled.size(); ++i)
        if (enabled[i]) out.push_back(all[i]);
    return out;
}

StaffFlow::StaffFlow(const core::Clock& clock, StaffOptions options, std::vector<Event>& outbox)
    : m_clock(clock), m_options(std::move(options)), m_outbox(outbox), m_pinLock(clock) {}

void StaffFlow::Log(LogLevel level, std::string text) {
    Event e;
    e.kind = EventKind::Log;
    e.level = level;
    e.text = std::move(text);
    m_outbox.push_back(std::move(e));
}

void StaffFlow::Emit(EventKind kind, std::string text, bool on) {
    Event e;
    e.kind = kind;
    e.text = std::move(text);
    e.on = on;
    m_outbox.push_back(std::move(e));
}

void StaffFlow::FlagForStaff(const std::string& message) {
    m_notices.push_back(message);
    Log(LogLevel::Staff, message);
}

void StaffFlow::Goto(StaffPage page) { m_page = page; }

void StaffFlow::ClearPageMessage() {
    m_pageMessage.clear();
    m_pageArgs.clear();
    m_pageErrors.clear();
}

void StaffFlow::SetPageMessage(const char* key, bool error, std::vector<std::pair<const char*, std::string>> args) {
    m_pageMessage = key;
    m_pageArgs = std::move(args);
    m_pageMessageIsError = error;
}

// ---------------------------------------------------------------------------------------------------------
// Opening, closing, timers

void StaffFlow::Open() {
    m_pinEntry.clear();
    m_firstPin.clear();
    m_pinMessage.clear();
    m_lastTouch = m_clock.Now();
    // The PIN file is read again by the app before this, so a PIN changed with kiosk-admin counts at once.
    Goto(m_pinStored ? StaffPage::Pin : StaffPage::SetPin);
    if (!m_pinStored) {
        Log(LogLevel::Staff, "no staff PIN set: asking staff to set one");
    } else {
        Log(LogLevel::Info, "staff: PIN pad opened");
    }
}

void StaffFlow::Close(const char* why) {
    m_page = StaffPage::None;
    m_closeRequested = false;
    m_pinEntry.clear();
    m_firstPin.clear();
    m_pinMessage.clear();
    Log(LogLevel::Info, std::string("staff mode closed (") + why + ")");
}

void StaffFlow::ShowQuestionnaires() {
    Goto(StaffPage::Questionnaires);
    m_lastTouch = m_clock.Now();
}

void StaffFlow::Touch() { m_lastTouch = m_clock.Now(); }

void StaffFlow::Tick() {
    // No timeout in the middle of writing to a drive or releasing it.
    if (m_page == StaffPage::None || m_exportRunning || m_removingStick) return;
    // Setting the first PIN never times out: citizens must not get in before it is set.
    if (m_page == StaffPage::SetPin && !m_pinStored) return;
    if (m_clock.Now() - m_lastTouch >= m_options.idleTimeout) {
        m_closeRequested = true;
        m_closeWhy = "nobody touched it for a while";
    }
}

std::optional<core::TimePoint> StaffFlow::NextWakeup() const {
    std::optional<core::TimePoint> next;
    auto consider = [&](core::TimePoint t) {
        if (!next || t < *next) next = t;
    };
    if (m_exportRunning || m_removingStick) consider(m_clock.Now() + core::Millis(100));  // progress, the worker
    if (m_page != StaffPage::SetPin) consider(m_lastTouch + m_options.idleTimeout);
    if (m_pinLock.Locked()) {
        // Redraw when the lock countdown's whole second changes.
        core::Millis step = m_pinLock.LockRemaining() % 1000;
        consider(m_clock.Now() + (step.count() > 0 ? step : core::Millis(1000)));
    }
    return next;
}

// ---------------------------------------------------------------------------------------------------------
// The PIN

void StaffFlow::SubmitPin() {
    if (m_pinLock.Locked() || m_pinEntry.empty() || m_pinUnreadable) return;
    Emit(EventKind::CheckPin, m_pinEntry);
    m_pinEntry.assign(m_pinEntry.size(), '\0');
    m_pinEntry.clear();
}

// The app keeps the lockout on disk, so switching the kiosk off and on gives no fresh guesses.
void StaffFlow::PinLockChanged(int failuresBefore) {
    if (failuresBefore == 0 && m_pinLock.FailuresInARow() == 0) return;
    Event e;
    e.kind = EventKind::SavePinAttempts;
    e.pinAttempts = m_pinLock.State();
    m_outbox.push_back(std::move(e));
}

void StaffFlow::PinChecked(bool right) {
    const int before = m_pinLock.FailuresInARow();
    if (right) {
        m_pinLock.RecordSuccess();
        PinLockChanged(before);
        Log(LogLevel::Info, "staff PIN: accepted");
        Goto(StaffPage::Menu);
        return;
    }
    m_pinLock.RecordFailure();
    PinLockChanged(before);
    Log(LogLevel::Staff, "staff PIN: wrong (" + std::to_string(m_pinLock.FailuresInARow()) + " in a row)");
    if (m_pinLock.Locked())
        Log(LogLevel::Staff, "staff PIN: locked for " + std::to_string(CeilSeconds(m_pinLock.LockRemaining())) + " s");
}

void StaffFlow::SubmitNewPin() {
    if (m_firstPin.empty()) {
        if (!core::CheckNewPin(m_pinEntry).empty()) {
            m_pinMessage = "staff.setpin.rule";
            m_pinMessageIsError = true;
        } else {
            m_firstPin = m_pinEntry;
            m_pinMessage.clear();
        }
        m_pinEntry.clear();
        return;
    }
    const bool same = m_pinEntry == m_firstPin;
    m_pinEntry.clear();
    if (!same) {
        m_firstPin.clear();
        m_pinMessage = "staff.setpin.mismatch";
        m_pinMessageIsError = true;
        return;
    }
    Emit(EventKind::SavePin, m_firstPin);
    m_firstPin.assign(m_firstPin.size(), '\0');
    m_firstPin.clear();
}

void StaffFlow::PinSaved(bool ok, const std::string& error) {
    if (!ok) {
        Log(LogLevel::Error, "staff PIN: could not be saved: " + error);
        m_pinMessage = "staff.setpin.failed";
        m_pinMessageIsError = true;
        return;
    }
    m_pinStored = true;
    Log(LogLevel::Staff, "staff PIN: set at the kiosk");
    const int before = m_pinLock.FailuresInARow();
    m_pinLock.RecordSuccess();
    PinLockChanged(before);
    m_pinMessage.clear();
    Goto(StaffPage::Menu);
}

// ---------------------------------------------------------------------------------------------------------
// Page data

void StaffFlow::DashboardLoaded(DashboardData data) {
    m_dashboard = std::move(data);
    if (!m_dashboard.ok) Log(LogLevel::Error, "staff dashboard: " + m_dashboard.error);
}

void StaffFlow::DrivesFound(std::vector<UsbDrive> drives) {
    m_drives = std::move(drives);
    m_exportDrive = m_drives.size() == 1 ? 0 : -1;
    m_exportResult.reset();
}

void StaffFlow::QuestionnaireSwitched(bool ok, const std::string& error) {
    m_catalogBusy = false;
    if (ok) {
        ClearPageMessage();
        return;
    }
    Log(LogLevel::Error, "questionnaires: " + error);
    SetPageMessage("staff.qs.write_failed", true);
}

void StaffFlow::InstallPreviewed(InstallPreview preview) {
    m_catalogBusy = false;
    ClearPageMessage();
    m_pendingInstall.reset();
    if (m_page != StaffPage::Install) return;  // staff left the page meanwhile
    if (!preview.errors.empty() || !preview.incoming) {
        Log(LogLevel::Staff, "questionnaires: " + preview.path + " not installed (" +
                                 std::to_string(preview.errors.size()) + " problem(s))");
        SetPageMessage("staff.install.invalid", true, {{"count", std::to_string(preview.errors.size())}});
        m_pageErrors = std::move(preview.errors);
        return;
    }
    m_pendingInstall = std::move(preview);
}

void StaffFlow::ApplyInstall(const Intent& in) {
    if (m_page != StaffPage::Install || m_catalogBusy) return;
    if (in.kind == IntentKind::StaffInstallFile) {
        if (m_pendingInstall || in.index < 0 || static_cast<std::size_t>(in.index) >= m_installFiles.size()) return;
        ClearPageMessage();
        SetPageMessage("staff.install.checking", false);
        m_catalogBusy = true;
        Emit(EventKind::PreviewInstallFile, m_installFiles[in.index]);
    } else if (in.kind == IntentKind::StaffInstallConfirm && m_pendingInstall) {
        m_catalogBusy = true;
        SetPageMessage("staff.install.working", false);
        Emit(EventKind::InstallQuestionnaire, m_pendingInstall->path);
        m_pendingInstall.reset();
    } else if (in.kind == IntentKind::StaffInstallCancel && m_pendingInstall) {
        Log(LogLevel::Info, "questionnaires: installing " + m_pendingInstall->path + " cancelled by staff");
        m_pendingInstall.reset();
        ClearPageMessage();
    }
}

void StaffFlow::InstallFinished(const InstallOutcome& r) {
    m_catalogBusy = false;
    ClearPageMessage();
    if (!r.errors.empty()) {
        Log(LogLevel::Staff, "questionnaires: " + r.path + " not installed (" + std::to_string(r.errors.size()) +
                                 " problem(s))");
        SetPageMessage("staff.install.invalid", true, {{"count", std::to_string(r.errors.size())}});
        m_pageErrors = r.errors;
    } else if (!r.writeError.empty()) {
        Log(LogLevel::Error, "questionnaires: installing " + r.path + " failed: " + r.writeError);
        SetPageMessage("staff.install.write_failed", true);
    } else {
        SetPageMessage("staff.install.done", false, {{"id", r.id}, {"version", r.version}});
    }
}

void StaffFlow::ToggleQuestionnaire(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= m_catalog.all.size()) return;
    const bool on = index < static_cast<int>(m_catalog.enabled.size()) && m_catalog.enabled[index];
    if (on && m_catalog.Offered().size() == 1) {
        // Switching off the last one would leave citizens with an out-of-service kiosk.
        SetPageMessage("staff.qs.last_one", true);
        return;
    }
    m_catalogBusy = true;
    Emit(EventKind::SetQuestionnaireEnabled, m_catalog.all[index]->id, !on);
}

std::optional<int> StaffFlow::TakePreviewRequest() {
    auto r = m_previewRequest;
    m_previewRequest.reset();
    return r;
}

// ---------------------------------------------------------------------------------------------------------
// Export

void StaffFlow::StartExport() {
    if (m_exportRunning || m_removingStick || !m_storePages || m_exportDrive < 0 ||
        static_cast<std::size_t>(m_exportDrive) >= m_drives.size())
        return;
    Event e;
    e.kind = EventKind::StartExport;
    ExportRequest& request = e.exportRequest;
    request.dir = m_drives[m_exportDrive].path;
    request.format = static_cast<ExportFileFormat>(m_exportFormat);
    request.dates = static_cast<ExportDates>(m_exportDates);
    const auto offered = m_catalog.Offered();
    if (m_exportQuestionnaire > 0 && static_cast<std::size_t>(m_exportQuestionnaire) <= offered.size())
        request.questionnaireId = offered[m_exportQuestionnaire - 1]->id;
    request.language = m_options.language;
    m_exportedDir = request.dir;
    ClearPageMessage();
    m_exportResult.reset();
    m_exportRunning = true;
    m_exportDone = m_exportTotal = 0;
    Log(LogLevel::Info, "staff: export to " + request.dir + " started");
    m_outbox.push_back(std::move(e));
}

void StaffFlow::ExportProgress(std::int64_t done, std::int64_t total) {
    m_exportDone = done;
    m_exportTotal = total;
}

void StaffFlow::ExportFinished(ExportOutcome outcome) {
    m_exportRunning = false;
    m_exportResult = std::move(outcome);
    m_lastTouch = m_clock.Now();  // the idle time starts again once the export is over
    if (m_exportResult->ok) {
        m_lastExport = m_clock.Today() + ": " + m_exportResult->fileName + " (" +
                       std::to_string(m_exportResult->rows) + " rows)";
        Log(LogLevel::Info, "staff: exported " + std::to_string(m_exportResult->rows) + " rows to " +
                                m_exportResult->fileName);
    } else {
        Log(LogLevel::Error, "staff: export failed: " + m_exportResult->detail);
    }
}

bool StaffFlow::CanRemoveStick() const {
    return m_page == StaffPage::Export && !m_exportRunning && !m_removingStick && m_exportResult.has_value() &&
           !m_exportedDir.empty();
}

void StaffFlow::RemoveStick() {
    if (!CanRemoveStick()) return;
    ClearPageMessage();
    m_removingStick = true;
    Log(LogLevel::Info, "staff: releasing the USB stick at " + m_exportedDir);
    Emit(EventKind::RemoveStick, m_exportedDir);
}

void StaffFlow::StickRemoved(const RemoveOutcome& outcome) {
    m_removingStick = false;
    m_lastTouch = m_clock.Now();
    if (outcome.ok) {
        Log(LogLevel::Info, "staff: USB stick at " + m_exportedDir + " flushed and unmounted: it can be pulled out");
        SetPageMessage("staff.export.removed", false);
    } else {
        Log(LogLevel::Staff, "staff: USB stick at " + m_exportedDir + " not released: " + outcome.detail);
        SetPageMessage(outcome.problem == RemoveProblem::FlushFailed    ? "staff.export.remove_flush_failed"
                       : outcome.problem == RemoveProblem::StillMounted ? "staff.export.remove_busy"
                                                                        : "staff.export.remove_gone",
                       true);
    }
    // A stick that is gone (released, or pulled out) leaves the list; one still mounted can be tried again.
    if (outcome.ok || outcome.problem == RemoveProblem::NotThere) {
        m_exportedDir.clear();
        Emit(EventKind::ScanDrives);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Intents

void StaffFlow::Apply(const Intent& in) {
    switch (in.kind) {
        case IntentKind::PinDigit:
            if ((m_page == StaffPage::SetPin || (m_page == StaffPage::Pin && !m_pinLock.Locked())) && in.index >= 0 &&
                in.index <= 9 && m_pinEntry.size() < kMaxPinDigits)
                m_pinEntry.push_back(static_cast<char>('0' + in.index));
            return;
        case IntentKind::PinErase:
            if (!m_pinEntry.empty()) m_pinEntry.pop_back();
            return;
        case IntentKind::PinOk:
            if (m_page == StaffPage::Pin) SubmitPin();
            else if (m_page == StaffPage::SetPin) SubmitNewPin();
            return;
        case IntentKind::PinCancel:
            // Not offered while the first PIN is being set.
            if (m_page == StaffPage::SetPin && !m_pinStored) return;
            if (m_page != StaffPage::None) {
                m_closeRequested = true;
                m_closeWhy = "closed by staff";
            }
            return;
        case IntentKind::StaffMenu:
            if (m_page != StaffPage::Menu) return;
            if (in.index == static_cast<int>(StaffAction::ExitApp)) {
                Goto(StaffPage::ConfirmExit);
            } else if (in.index == static_cast<int>(StaffAction::Export) && m_storePages) {
                m_exportResult.reset();
                ClearPageMessage();
                Emit(EventKind::ScanDrives);
                Goto(StaffPage::Export);
            } else if (in.index == static_cast<int>(StaffAction::Health) && m_storePages) {
                Emit(EventKind::LoadHealth);
                Goto(StaffPage::Health);
            } else if (in.index == static_cast<int>(StaffAction::Questionnaires)) {
                ClearPageMessage();
                Emit(EventKind::RefreshQuestionnaires);
                Goto(StaffPage::Questionnaires);
            } else if (in.index == static_cast<int>(StaffAction::Dashboard) && m_storePages) {
                Emit(EventKind::LoadDashboard, m_options.language);
                Goto(StaffPage::Dashboard);
            }
            return;
        case IntentKind::StaffBack:
            ClearPageMessage();
            if (m_page == StaffPage::ConfirmExit || m_page == StaffPage::Dashboard || m_page == StaffPage::Questionnaires ||
                m_page == StaffPage::Health || (m_page == StaffPage::Export && !m_exportRunning && !m_removingStick))
                Goto(StaffPage::Menu);
            else if (m_page == StaffPage::Install) {
                m_pendingInstall.reset();
                Goto(StaffPage::Questionnaires);
            }
            return;
        case IntentKind::StaffToggle:
            if (m_page == StaffPage::Questionnaires && !m_catalogBusy) ToggleQuestionnaire(in.index);
            return;
        case IntentKind::StaffOpenInstall:
            if (m_page == StaffPage::Questionnaires && m_storePages) {
                ClearPageMessage();
                m_installFiles.clear();
                m_pendingInstall.reset();
                Emit(EventKind::FindInstallFiles);
                Goto(StaffPage::Install);
            }
            return;
        case IntentKind::StaffInstallFile:
        case IntentKind::StaffInstallConfirm:
        case IntentKind::StaffInstallCancel:
            ApplyInstall(in);
            return;
        case IntentKind::StaffPreview:
            if (m_page == StaffPage::Questionnaires && in.index >= 0 &&
                static_cast<std::size_t>(in.index) < m_catalog.all.size())
                m_previewRequest = in.index;
            return;
        case IntentKind::StaffPickDrive:
            if (m_page == StaffPage::Export && !m_exportRunning && in.index >= 0 &&
                static_cast<std::size_t>(in.index) < m_drives.size())
                m_exportDrive = in.index;
            return;
        case IntentKind::StaffPickFormat:
            if (!m_exportRunning && in.index >= 0 && in.index <= 2) m_exportFormat = in.index;
            return;
        case IntentKind::StaffPickDates:
            if (!m_exportRunning && in.index >= 0 && in.index <= 2) m_exportDates = in.index;
            return;
        case IntentKind::StaffPickQuestionnaire:
            if (!m_exportRunning && in.index >= 0 && static_cast<std::size_t>(in.index) <= m_catalog.Offered().size())
                m_exportQuestionnaire = in.index;
            return;
        case IntentKind::StaffRescan:
            if (m_page == StaffPage::Install && !m_catalogBusy) {
                ClearPageMessage();
                m_pendingInstall.reset();
                Emit(EventKind::FindInstallFiles);
            } else if (m_page == StaffPage::Export && !m_exportRunning && !m_removingStick && m_storePages) {
                ClearPageMessage();
                Emit(EventKind::ScanDrives);
            }
            return;
        case IntentKind::StaffRun:
            if (m_page == StaffPage::Export) StartExport();
            return;
        case IntentKind::StaffRemoveStick:
            RemoveStick();
            return;
        case IntentKind::StaffVolume:
            if (m_page == StaffPage::Health && m_sound && in.index >= 0 && in.index < kVolumeSteps &&
                in.index != m_volumeStep) {
                m_volumeStep = in.index;
                Emit(EventKind::SetVolume, std::to_string(in.index));
            }
            return;
        case IntentKind::StaffTestTone:
            if (m_page == StaffPage::Health && m_sound) Emit(EventKind::PlayTestTone);
            return;
        case IntentKind::StaffConfirm:
            if (m_page == StaffPage::ConfirmExit) {
                Log(LogLevel::Staff, "staff: the app was closed from the staff menu");
                m_exitRequested = true;
            }
            return;
        default:
            return;  // citizen intents are the citizen flow's
    }
}

void StaffFlow::VolumeSaved(bool ok, const std::string& error) {
    if (ok)
        Log(LogLevel::Info, "staff: read-aloud volume set to step " + std::to_string(m_volumeStep + 1) + " of " +
                                std::to_string(kVolumeSteps));
    else
        Log(LogLevel::Error, "staff: the volume could not be saved (it applies until restart): " + error);
}

}  // namespace kiosk::flow
