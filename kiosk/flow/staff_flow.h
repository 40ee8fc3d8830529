// Staff mode: the PIN gate with its lockout (and setting the first PIN), the staff menu and its pages, the
// idle timeout, and the state of an export to USB (the app runs the export on a worker thread and reports
// its progress here). Driven by intents, the clock and the results of I/O; does no I/O itself. The typed
// PIN lives only here, only until OK, and is never logged.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/session.h"
#include "kiosk/core/staff_access.h"
#include "kiosk/flow/events.h"
#include "kiosk/flow/intent.h"
#include "kiosk/flow/staff_data.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::flow {

enum class StaffPage { None, SetPin, Pin, Menu, ConfirmExit, Dashboard, Export, Questionnaires, Install, Health };

// What the staff menu offers; sent as the index of a StaffMenu intent.
enum class StaffAction { ExitApp = 0, Dashboard = 1, Export = 2, Questionnaires = 3, Health = 4 };

// The health page's volume steps for read-aloud and the test tone: step i plays at VolumeOfStep(i).
inline constexpr int kVolumeSteps = 5;
inline double VolumeOfStep(int step) { return step <= 0 ? 0.2 : step >= kVolumeSteps - 1 ? 1.0 : 0.2 * (step + 1); }

struct StaffOptions {
    core::Millis idleTimeout{120'000};  // staff pages untouched this long go back to the citizen Welcome
    core::Millis gestureHold{3'000};    // how long the hidden corner is held to open the PIN pad
    std::string language = "vi";        // staff pages follow the kiosk's default language
};

// The questionnaire folder as the catalog last loaded it.
struct CatalogState {
    struct Broken {
        std::string path;
        std::vector<core::ValidationError> errors;
    };
    std::string dir;
    std::vector<core::QuestionnairePtr> all;  // every valid one, switched off or not, in display order
    std::vector<bool> enabled;                // parallel to `all`: offered to citizens
    std::vector<Broken> broken;               // files that do not validate
    std::vector<core::QuestionnairePtr> Offered() const;
};

// A questionnaire install's outcome as the page shows it.
struct InstallOutcome {
    std::string path;
    std::vector<core::ValidationError> errors;  // the file does not validate: nothing copied
    std::string writeError;                     // valid, but could not be copied in
    std::string id, version;                    // installed
};

// What installing a file would change, for staff to confirm before it replaces the live questionnaire.
struct InstallPreview {
    std::string path;
    std::vector<core::ValidationError> errors;  // the file cannot be installed (nothing is shown to confirm)
    core::QuestionnairePtr incoming;            // when it can: the questionnaire in the file
    core::QuestionnairePtr installed;           // the version it replaces; null when its id is new
};

class StaffFlow {
public:
    StaffFlow(const core::Clock& clock, StaffOptions options, std::vector<Event>& outbox);

    void Apply(const Intent& intent);
    void Tick();   // the idle timeout
    void Touch();  // a finger on a staff page

    // Opened by the hidden gesture (or at first start without a PIN).
    void Open();
    void Close(const char* why);
    bool Active() const { return m_page != StaffPage::None; }
    bool CloseRequested() const { return m_closeRequested; }  // the kiosk flow closes staff mode then
    const char* CloseReason() const { return m_closeWhy; }
    void ShowQuestionnaires();  // after a preview ended
    void HandOverToPreview() { m_page = StaffPage::None; }

    // Results of I/O.
    void SetPinStored(bool stored) { m_pinStored = stored; }
    // A PIN file that exists but cannot be read or parsed locks the pad (never "first start": a walk-up user
    // must not be able to set a new PIN); kiosk-admin set-pin is the way out.
    void SetPinState(core::PinFileState state) {
        m_pinStored = state != core::PinFileState::Missing;
        m_pinUnreadable = state == core::PinFileState::Unreadable;
    }
    bool PinUnreadable() const { return m_pinUnreadable; }
    void PinChecked(bool right);
    void PinSaved(bool ok, const std::string& error);
    // The lockout as it was when the kiosk last stopped (the app reads it at start; SavePinAttempts keeps it).
    void PinAttemptsLoaded(const core::PinAttempts& attempts) { m_pinLock.Restore(attempts); }
    void SetStorePages(bool available) { m_storePages = available; }
    void CatalogLoaded(const CatalogState& catalog) { m_catalog = catalog; }
    void DashboardLoaded(DashboardData data);
    void HealthLoaded(HealthData data) { m_health = std::move(data); }
    void DrivesFound(std::vector<UsbDrive> drives);
    void InstallFilesFound(std::vector<std::string> files) { m_installFiles = std::move(files); }
    void QuestionnaireSwitched(bool ok, const std::string& error);
    void InstallPreviewed(InstallPreview preview);
    void InstallFinished(const InstallOutcome& outcome);
    void ExportProgress(std::int64_t done, std::int64_t total);
    void ExportFinished(ExportOutcome outcome);
    void StickRemoved(const RemoveOutcome& outcome);
    void FlagForStaff(const std::string& message);
    // Read-aloud on the health page: whether there is a sound device, and the volume step in use.
    void SetSound(bool available, int volumeStep) {
        m_sound = available;
        m_volumeStep = volumeStep;
    }
    void VolumeSaved(bool ok, const std::string& error);

    // The preview a trainer asked for (index into the catalog's `all`), taken by the kiosk flow.
    std::optional<int> TakePreviewRequest();

    // Read-only state for the views.
    StaffPage Page() const { return m_page; }
    const StaffOptions& Options() const { return m_options; }
    bool PinStored() const { return m_pinStored; }
    int PinDigits() const { return static_cast<int>(m_pinEntry.size()); }
    bool SettingSecondPin() const { return !m_firstPin.empty(); }
    const std::string& PinMessage() const { return m_pinMessage; }  // a translation key, or ""
    bool PinMessageIsError() const { return m_pinMessageIsError; }
    const core::PinLock& Lock() const { return m_pinLock; }
    bool StorePages() const { return m_storePages; }
    bool ExitRequested() const { return m_exitRequested; }
    bool Sound() const { return m_sound; }
    int VolumeStep() const { return m_volumeStep; }
    const std::vector<std::string>& Notices() const { return m_notices; }
    const CatalogState& Catalog() const { return m_catalog; }
    const DashboardData& Dashboard() const { return m_dashboard; }
    const HealthData& Health() const { return m_health; }
    const std::vector<UsbDrive>& Drives() const { return m_drives; }
    int ExportDrive() const { return m_exportDrive; }
    int ExportFormat() const { return m_exportFormat; }
    int ExportDatesChoice() const { return m_exportDates; }
    int ExportQuestionnaire() const { return m_exportQuestionnaire; }
    bool ExportRunning() const { return m_exportRunning; }
    std::int64_t ExportDone() const { return m_exportDone; }
    std::int64_t ExportTotal() const { return m_exportTotal; }
    const std::optional<ExportOutcome>& ExportResult() const { return m_exportResult; }
    const std::string& LastExport() const { return m_lastExport; }
    // "Tháo USB an toàn" is offered once an export to a stick has finished, until the drives change.
    bool CanRemoveStick() const;
    bool RemovingStick() const { return m_removingStick; }
    const std::vector<std::string>& InstallFiles() const { return m_installFiles; }
    // The file staff picked, waiting for "Cài đặt" or "Huỷ".
    const std::optional<InstallPreview>& PendingInstall() const { return m_pendingInstall; }
    // A check, install or switch is being carried out (the app does it off the frame thread).
    bool CatalogBusy() const { return m_catalogBusy; }
    // The page's message: a translation key (or "" for none) and its parameters.
    const std::string& PageMessage() const { return m_pageMessage; }
    const std::vector<std::pair<const char*, std::string>>& PageMessageArgs() const { return m_pageArgs; }
    bool PageMessageIsError() const { return m_pageMessageIsError; }
    const std::vector<core::ValidationError>& PageErrors() const { return m_pageErrors; }
    std::optional<core::TimePoint> NextWakeup() const;

private:
    void Log(core::LogLevel level, std::string text);
    void Emit(EventKind kind, std::string text = {}, bool on = false);
    void SubmitPin();
    void SubmitNewPin();
    void ClearPageMessage();
    void SetPageMessage(const char* key, bool error, std::vector<std::pair<const char*, std::string>> args = {});
    void ToggleQuestionnaire(int index);
    void ApplyInstall(const Intent& intent);
    void PinLockChanged(int failuresBefore);
    void StartExport();
    void RemoveStick();
    void Goto(StaffPage page);

    const core::Clock& m_clock;
    StaffOptions m_options;
    std::vector<Event>& m_outbox;

    StaffPage m_page = StaffPage::None;
    bool m_closeRequested = false;
    const char* m_closeWhy = "";
    bool m_pinStored = false;
    bool m_pinUnreadable = false;
    std::string m_pinEntry, m_firstPin;  // m_firstPin: the first of the two entries when setting a PIN
    std::string m_pinMessage;
    bool m_pinMessageIsError = false;
    core::PinLock m_pinLock;
    core::TimePoint m_lastTouch{};
    bool m_exitRequested = false;
    bool m_sound = false;
    int m_volumeStep = kVolumeSteps - 1;
    bool m_storePages = false;  // a result store behind the dashboard, export and health pages
    std::vector<std::string> m_notices;
    CatalogState m_catalog;
    DashboardData m_dashboard;
    HealthData m_health;

    std::vector<UsbDrive> m_drives;
    int m_exportDrive = -1, m_exportFormat = 0, m_exportDates = static_cast<int>(ExportDates::Week);
    int m_exportQuestionnaire = 0;  // 0 = all
    bool m_exportRunning = false;
    std::int64_t m_exportDone = 0, m_exportTotal = 0;
    std::optional<ExportOutcome> m_exportResult;
    std::string m_lastExport;
    std::string m_exportedDir;  // the stick the last export went to: the one "Tháo USB an toàn" releases
    bool m_removingStick = false;

    std::string m_pageMessage;
    std::vector<std::pair<const char*, std::string>> m_pageArgs;
    bool m_pageMessageIsError = false;
    std::vector<core::ValidationError> m_pageErrors;
    std::vector<std::string> m_installFiles;
    std::optional<InstallPreview> m_pendingInstall;
    bool m_catalogBusy = false;
    std::optional<int> m_previewRequest;
};

}  // namespace kiosk::flow
