// The kiosk controller: owns the core Session, turns its state into view models (translated texts), draws
// the matching screen, applies what was tapped, saves consented results through a ResultSink the moment
// they are computed, and handles the timers (idle warning and reset, thank-you, storage retry). It holds
// no window and no database, so headless tests drive exactly what the kiosk runs.
#pragma once

#include "kiosk/core/session.h"
#include "kiosk/core/staff_access.h"
#include "kiosk/ui/catalog.h"
#include "kiosk/ui/event_log.h"
#include "kiosk/ui/intent.h"
#include "kiosk/ui/qr.h"
#include "kiosk/ui/staff_data.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/translations.h"
#include "kiosk/ui/widgets.h"

#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// A consented result on its way to the store. It owns copies, so it survives the session being wiped.
struct CompletedAssessment {
    QuestionnairePtr questionnaire;
    core::Result result;
    core::AnswerMap answers;
    core::Profile profile;
    std::string language;
    std::string date;  // "YYYY-MM-DD" of completion (kept across retries)
};

struct SaveOutcome {
    bool ok = false;
    std::string detail;  // for the staff log when !ok
};

// Where results go; the app implements it with storage::ResultStore. Implementations never throw.
class ResultSink {
public:
    virtual ~ResultSink() = default;
    // Opens the store if it is not open yet; ok when results can be saved.
    virtual SaveOutcome Ready() = 0;
    virtual SaveOutcome Save(const CompletedAssessment& record) = 0;
    virtual std::string Today() const = 0;
    // Things staff must hear about (e.g. a damaged database moved aside), collected since the last call.
    virtual std::vector<std::string> TakeStaffNotices() { return {}; }
};

enum class Screen {
    Welcome, Consent, Question, ConfirmLeave, Profile, Result, IdleWarning, ThankYou, OutOfService,
    // Staff mode (staff_mode.cpp).
    StaffSetPin, StaffPin, StaffMenu, StaffConfirmExit, StaffDashboard, StaffExport, StaffQuestionnaires, StaffInstall, StaffHealth,
};
const char* ScreenName(Screen s);

enum class OutOfService { None, NoQuestionnaire, Storage, Setup };

// Staff mode: reached by holding the top-left corner of the Welcome (or out-of-service) screen, then a PIN.
struct StaffOptions {
    std::string pinFile;  // Argon2id hash file (config staff_pin_file; kiosk-admin set-pin writes it)
    core::Millis idleTimeout{120'000};      // staff pages untouched this long go back to the citizen Welcome
    core::Millis gestureHold{3'000};
    float cornerSize = 120;                 // px, the invisible square at the top-left corner
};

// What the staff menu offers; sent as the index of a StaffMenu intent.
enum class StaffAction { ExitApp = 0, Dashboard = 1, Export = 2, Questionnaires = 3, Health = 4 };

struct ControllerOptions {
    core::SessionOptions session;
    std::vector<std::string> languages{"vi", "en"};  // offered at Welcome, in this order
    std::string learningPortalUrl;
    std::string locationName;
    core::Millis storageRetry{30'000};
    core::Millis thankYouTime{8'000};
    Theme theme = DefaultTheme();
    StaffOptions staff;
};

class KioskController {
public:
    KioskController(const core::Clock& clock, ControllerOptions options, const Translations& texts,
                    QuestionnaireCatalog& catalog, ResultSink& sink, EventLog& log);
    ~KioskController();  // waits for an export still running
    KioskController(const KioskController&) = delete;
    KioskController& operator=(const KioskController&) = delete;

    // Once per frame before drawing: timers (idle warning/reset, thank-you, storage retry).
    void Update();
    // Between ImGui::NewFrame() and ImGui::Render(): draws the current screen and applies the tap.
    void Draw(UiState& ui);
    void Apply(const Intent& intent);

    Screen CurrentScreen() const;
    // Identifies the page on screen (e.g. "question.4"); a change resets scroll positions.
    std::string PageKey() const;
    // When Update() next has something to do; empty when the kiosk can sleep until a touch.
    std::optional<core::TimePoint> NextWakeup() const;

    int TextSizeStep() const { return m_textSize; }
    bool HighContrast() const { return m_highContrast; }
    float TextSizePx() const { return m_options.theme.textSizes[m_textSize]; }
    const Palette& CurrentPalette() const { return m_options.theme.For(m_highContrast); }

    const core::Session& GetSession() const { return m_session; }
    OutOfService OutOfServiceReason() const { return m_outOfService; }
    std::size_t PendingResults() const { return m_pending.size(); }
    // The text in the result screen's QR code ("" when no result is shown).
    std::string ResultQrText() const;

    // Something staff must look at (e.g. a corrupt database moved aside). Logged; kept for staff mode.
    void FlagForStaff(const std::string& message);
    const std::vector<std::string>& StaffNotices() const { return m_staffNotices; }
    // Set-up problems the kiosk cannot run with (broken translations): out of service until restarted.
    void SetSetupFailure(const std::string& message);
    // Staff asked to close the app (staff menu, confirmed); the app's loop ends with exit code 0.
    bool ExitRequested() const { return m_exitRequested; }
    bool StaffModeActive() const { return m_staffPage != StaffPage::None; }
    // A trainer is taking a questionnaire in preview mode: nothing is stored, a banner says so.
    bool PreviewActive() const { return m_preview; }
    // When the last export to USB finished ("" = none since the app started), for the health page.
    const std::string& LastExport() const { return m_lastExport; }
    // The store behind the staff pages (dashboard, export); without one those pages are not offered.
    void SetStaffData(StaffData* data) { m_staffData = data; }

    // An unexpected error (a bug) while updating or drawing: the session is abandoned and the kiosk goes
    // back to Welcome; from the third one on it stays out of service for staff to look at.
    void RecoverFromError(const std::string& what);

private:
    const std::string& T(std::string_view key) const;
    const std::string& Lang() const { return m_session.Language(); }
    std::string Score(double value) const;
    std::string LevelLabel(const core::Questionnaire& q, const core::Score& s) const;

    void CheckQuestionnaires();
    void CheckStorage();  // out of service (storage) when the store cannot be opened
    void ReturnedToWelcome();  // after any reset: wipe the citizen's traces, pick up questionnaire edits
    void WipeCitizen();
    void SaveResultIfNeeded();
    bool FlushPending();
    void EnterOutOfService(OutOfService reason);
    void NotePreferenceChange();
    void CollectStaffNotices();

    const QrMatrix& ResultQr();

    // Staff mode (staff_mode.cpp).
    enum class StaffPage { None, SetPin, Pin, Menu, ConfirmExit, Dashboard, Export, Questionnaires, Install, Health };
    void CheckStaffGesture(Screen screen);
    void OpenPinPad();
    bool PinMissing() const;
    bool PinUnreadable() const;
    void CloseStaffMode(const char* why);
    void UpdateStaff();
    Intent DrawStaff(UiState& ui);
    void ApplyStaff(const Intent& intent);
    void SubmitPin();
    void SubmitNewPin();
    const std::string& ST(std::string_view key) const;  // staff texts, in the staff language
    std::string StaffNumber(double value) const;         // one decimal, the staff language's separator
    Intent DrawDashboard(UiState& ui);
    Intent DrawExport(UiState& ui);
    void StartExport();
    Intent DrawQuestionnaires(UiState& ui);
    Intent DrawInstall(UiState& ui);
    void FindInstallFiles();
    void ToggleQuestionnaire(int index);
    void InstallFile(int index);
    void StartPreview(int index);
    Intent DrawHealth(UiState& ui);
    std::string Bytes(std::int64_t bytes) const;
    std::string ErrorInWords(const core::ValidationError& e) const;
    void FinishExportIfDone();

    const core::Clock& m_clock;
    ControllerOptions m_options;
    const Translations& m_texts;
    QuestionnaireCatalog& m_catalog;
    ResultSink& m_sink;
    EventLog& m_log;
    core::Session m_session;

    // Display preferences and what is on screen around the session; wiped with the session.
    int m_textSize = 0;
    bool m_highContrast = false;
    std::size_t m_choice = 0;
    bool m_confirmLeave = false;
    bool m_showDetails = false;
    core::Profile m_profileDraft;
    QuestionnairePtr m_current;
    std::string m_qrLanguage;
    QrMatrix m_qr;

    bool m_thanks = false;
    core::TimePoint m_thanksUntil{};
    std::string m_thanksLanguage;

    OutOfService m_outOfService = OutOfService::None;
    core::TimePoint m_nextRetry{};
    std::deque<CompletedAssessment> m_pending;
    std::vector<std::string> m_staffNotices;
    int m_errors = 0;

    // Staff mode. The typed PIN lives only here, only until OK, and is never logged.
    StaffPage m_staffPage = StaffPage::None;
    std::string m_pinEntry, m_firstPin;  // m_firstPin: the first of the two entries when setting a PIN
    std::string m_pinMessage;
    bool m_pinMessageIsError = false;
    core::PinLock m_pinLock;
    core::TimePoint m_staffLastTouch{};
    bool m_holding = false;  // a finger is held on the hidden corner since m_holdStart
    core::TimePoint m_holdStart{};
    bool m_exitRequested = false;
    StaffData* m_staffData = nullptr;
    DashboardData m_dashboard;  // read when the dashboard is opened

    // Export to USB: the choices on the page, and the job running on a worker thread.
    struct ExportJob {
        std::atomic<std::int64_t> done{0}, total{0};
        std::atomic<bool> finished{false};
        ExportOutcome outcome;  // written by the worker before `finished`
    };
    std::vector<UsbDrive> m_drives;
    int m_exportDrive = -1, m_exportFormat = 0, m_exportDates = static_cast<int>(ExportDates::Week);
    int m_exportQuestionnaire = 0;  // 0 = all
    std::shared_ptr<ExportJob> m_exportJob;
    std::thread m_exportThread;
    std::optional<ExportOutcome> m_exportResult;
    std::string m_lastExport;

    // Trainer pages: a message for the page shown, the files found on USB sticks, validation errors.
    std::string m_pageMessage;
    bool m_pageMessageIsError = false;
    std::vector<std::string> m_installFiles;
    std::vector<std::string> m_pageLines;
    bool m_preview = false;
    HealthData m_health;  // read when the health page is opened
};

}  // namespace kiosk::ui
