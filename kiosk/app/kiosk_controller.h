// The kiosk's wiring, without a window: the flow (what the kiosk does), the interface (what it shows) and
// the I/O the flow asks for — the result store, the questionnaire catalog, the staff PIN file, the staff
// log, the staff pages' data and the export worker thread. Each frame: timers, then build-draw-tap, then the
// flow's events are carried out and their results reported back. Headless tests drive exactly this.
#pragma once

#include "kiosk/app/background_job.h"
#include "kiosk/app/catalog_loader.h"
#include "kiosk/app/print_worker.h"
#include "kiosk/core/result_record.h"
#include "kiosk/core/session.h"
#include "kiosk/flow/kiosk_flow.h"
#include "kiosk/flow/staff_data.h"
#include "kiosk/station/catalog.h"
#include "kiosk/station/event_log.h"
#include "kiosk/ui/kiosk_frame.h"
#include "kiosk/ui/qr.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/translations.h"
#include "kiosk/ui/widgets.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::app {

class SpeechWorker;

using flow::OutOfService;
using flow::Screen;
using flow::ScreenName;
using flow::StaffAction;

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
    virtual SaveOutcome Save(const core::ResultRecord& record) = 0;
    // Things staff must hear about (e.g. a damaged database moved aside), collected since the last call.
    virtual std::vector<std::string> TakeStaffNotices() { return {}; }
};

struct ControllerOptions {
    core::SessionOptions session;
    std::vector<std::string> languages{"vi", "en"};  // offered at Welcome, in this order
    std::string learningPortalUrl;
    std::string locationName;
    core::Millis storageRetry{30'000};
    core::Millis thankYouTime{8'000};
    ui::Theme theme = ui::DefaultTheme();
    struct Staff {
        std::string pinFile;                // Argon2id hash file (config staff_pin_file; kiosk-admin set-pin writes it)
        core::Millis idleTimeout{120'000};  // staff pages untouched this long go back to the citizen Welcome
        core::Millis gestureHold{3'000};
        float cornerSize = 120;             // px, the invisible square at the top-left corner
    } staff;
    // The questionnaire loader's worker calls `wake` after each job (the app wakes its sleeping frame loop);
    // `beforeCatalogJob` runs there before each job (tests hold a load there to see frames go on).
    std::function<void()> wake;
    std::function<void()> beforeCatalogJob;
    struct Print {
        bool enabled = true;  // config print_enabled: "In kết quả" on the result screen
        std::string printer;  // config printer: a CUPS destination; empty = the default destination
    } print;
};

class KioskController {
public:
    KioskController(const core::Clock& clock, ControllerOptions options, const ui::Translations& texts,
                    station::QuestionnaireCatalog& catalog, ResultSink& sink, station::EventLog& log);
    ~KioskController();  // waits for an export still running
    KioskController(const KioskController&) = delete;
    KioskController& operator=(const KioskController&) = delete;

    // Once per frame before drawing: timers, the export's progress.
    void Update();
    // Between ImGui::NewFrame() and ImGui::Render(): draws the current screen and applies the tap.
    void Draw(ui::UiState& ui);
    void Apply(const flow::Intent& intent);

    const flow::KioskFlow& Flow() const { return m_flow; }
    Screen CurrentScreen() const { return m_flow.CurrentScreen(); }
    std::string PageKey() const { return m_flow.PageKey(); }
    std::optional<core::TimePoint> NextWakeup() const;

    int TextSizeStep() const { return m_flow.Citizen().TextSizeStep(); }
    bool HighContrast() const { return m_flow.Citizen().HighContrast(); }
    float TextSizePx() const { return ui::TextSizePxFor(m_options.theme, m_flow); }
    const ui::Palette& CurrentPalette() const { return ui::PaletteFor(m_options.theme, m_flow); }

    const core::Session& GetSession() const { return m_flow.Citizen().Session(); }
    OutOfService OutOfServiceReason() const { return m_flow.Citizen().OutOfServiceReason(); }
    std::size_t PendingResults() const { return m_flow.Citizen().PendingResults(); }
    std::string ResultQrText() const;

    // Something staff must look at (e.g. a corrupt database moved aside). Logged; kept for staff mode.
    void FlagForStaff(const std::string& message);
    const std::vector<std::string>& StaffNotices() const { return m_flow.Staff().Notices(); }
    // Set-up problems the kiosk cannot run with (broken translations): out of service until restarted.
    void SetSetupFailure(const std::string& message);
    bool ExitRequested() const { return m_flow.ExitRequested(); }
    bool StaffModeActive() const { return m_flow.Staff().Active(); }
    bool PreviewActive() const { return m_flow.Citizen().Preview(); }
    const std::string& LastExport() const { return m_flow.Staff().LastExport(); }
    // The store behind the staff pages (dashboard, export, health); without one those pages are not offered.
    void SetStaffData(flow::StaffData* data);
    // The read-aloud worker (speech_worker.h); without one, or without a sound device, the listen control
    // is hidden. Not owned; must outlive the controller's use of it.
    void SetSpeech(SpeechWorker* speech);

    // The questionnaire loader has work queued or under way (a load, a check, an install, a switch).
    bool CatalogBusy() const { return m_loader.Busy(); }
    // Waits for the loader to finish and takes in what it did. Blocks: tests only, never in a frame.
    void WaitForCatalog();

    // An unexpected error (a bug) while updating or drawing: the session is abandoned and the kiosk goes
    // back to Welcome; from the third one on it stays out of service for staff to look at.
    void RecoverFromError(const std::string& what);

private:
    void Pump();  // carries out the flow's events until there are none
    void Handle(flow::Event& e);
    void SaveResults();
    void CollectStaffNotices();
    core::PinFileState PinState() const;
    void SavePin(const std::string& pin);
    void SavePinAttempts(const core::PinAttempts& attempts);
    void PostCatalogJob(CatalogJob::Kind kind, std::string text = {}, bool on = false);
    void TakeCatalogResults();  // what the loader finished, into the flow
    void StartExport(const flow::ExportRequest& request);
    void FollowExport();
    void StartStickRemoval(const std::string& mountPoint);
    void FollowStickRemoval();
    bool HandleSpeech(const flow::Event& e);  // read-aloud events; false when `e` is not one
    void FollowSpeech();                      // tells the flow when the queue went quiet by itself
    void StartPrint(const flow::PrintRequest& request);
    void FollowPrint();

    const core::Clock& m_clock;
    ControllerOptions m_options;
    const ui::Translations& m_texts;
    ResultSink& m_sink;
    station::EventLog& m_log;
    flow::KioskFlow m_flow;
    flow::StaffData* m_staffData = nullptr;
    SpeechWorker* m_speech = nullptr;
    ui::QrCache m_qr;

    // The export job on a worker thread: it writes only these atomics and, before `finished`, the outcome.
    struct ExportJob {
        std::atomic<std::int64_t> done{0}, total{0};
        std::atomic<bool> finished{false};
        flow::ExportOutcome outcome;
    };
    std::shared_ptr<ExportJob> m_exportJob;
    std::thread m_exportThread;
    // "Tháo USB an toàn": syncfs + the system's unmount can take seconds on a slow stick.
    BackgroundJob<flow::RemoveOutcome> m_stickRemoval;

    bool m_catalogSeen = false;     // the first load has come back (the kiosk leaves "preparing" then)
    bool m_refreshQueued = false;   // a rescan is posted and not back yet: another one would find the same
    PrintWorker m_printer;
    std::optional<std::pair<flow::PrintRequest, print::PageTexts>> m_nextPrint;
    CatalogLoader m_loader;         // last: its thread may only start once everything above exists
};

}  // namespace kiosk::app
