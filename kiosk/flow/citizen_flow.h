// The citizen's side of the kiosk: the core Session plus what sits around it — display preferences, the
// questionnaire choice, the leave confirmation, the thank-you pause, preview as a mode (a trainer takes a
// questionnaire and nothing is stored), the queue of results waiting to be stored and the out-of-service
// state with its retry timer. Driven by intents, the clock and the results of I/O; does no I/O itself.
#pragma once

#include "kiosk/core/read_aloud.h"
#include "kiosk/core/result_record.h"
#include "kiosk/core/session.h"
#include "kiosk/flow/events.h"
#include "kiosk/flow/intent.h"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::flow {

using core::QuestionnairePtr;

// Preparing: the questionnaires are still being loaded at start-up (a calm "one moment" screen, no retry).
enum class OutOfService { None, NoQuestionnaire, Storage, Setup, Preparing };

// Printing the result on screen. One page per result: a tap while the page is being sent does nothing, and
// after a printed page the button goes (a second copy is one more tap away for every impatient finger on a
// shared kiosk; the QR code is still there). After a failure the button stays, so a retry works once staff
// have fixed the printer.
enum class PrintState { Idle, Printing, Printed, NoPrinter, Failed };
enum class PrintOutcome { Printed, NoPrinter, Failed };

struct CitizenOptions {
    core::SessionOptions session;
    std::vector<std::string> languages{"vi", "en"};  // offered at Welcome, in this order
    std::string learningPortalUrl;                    // shown with the result
    std::string locationName;                         // shown small on Welcome
    core::Millis storageRetry{30'000};                // out of service: how often storage/questionnaires are retried
    core::Millis thankYouTime{8'000};
    int textSizeSteps = 3;
    bool printing = true;  // "In kết quả" is offered (config print_enabled)
};

class CitizenFlow {
public:
    CitizenFlow(const core::Clock& clock, CitizenOptions options, std::vector<Event>& outbox);

    void Apply(const Intent& intent);
    void Tick();   // timers: idle warning and reset, thank-you, retries while out of service
    void Touch();  // a finger on the screen: activity (not on the idle warning or out of service)

    // Results of I/O.
    // The questionnaires offered to citizens now (`dir` names the folder in log lines).
    void SetQuestionnaires(std::vector<QuestionnairePtr> offered, const std::string& dir);
    // At start-up, before the first SetQuestionnaires: nobody starts until the questionnaires are loaded.
    void AwaitQuestionnaires() { m_outOfService = OutOfService::Preparing; }
    // No citizen's assessment (or preview) is under way: the questionnaire list may change now.
    bool BetweenCitizens() const;
    void CheckStorage() { Emit(EventKind::OpenStorage); }  // at start: out of service if it cannot be opened
    void StorageChecked(bool ok, const std::string& detail);
    // Results waiting to be stored, oldest first; the app saves them in order and reports each.
    const std::deque<core::ResultRecord>& ResultsToSave() const { return m_pending; }
    void ResultSaved(bool ok, const std::string& detail);

    // From the rest of the kiosk.
    void SetupFailed(const std::string& message);
    // An unexpected error (a bug): back to Welcome; from the third one on, out of service for staff.
    void RecoverFromError();
    void Abandon();           // staff mode opens: the citizen's traces go
    void ReturnToWelcome();   // after staff mode closes
    bool StartPreview(QuestionnairePtr q);
    // The page asked for by PrintResult (its printRequest.job) has been sent, or could not be.
    void PrintFinished(PrintOutcome outcome, int job);
    void OnPreviewEnded(std::function<void()> f) { m_previewEnded = std::move(f); }

    // Read-aloud (core::ReadAloud decides; this turns its commands into Speak/StopSpeech events).
    // Without a sound device the control is hidden and these do nothing.
    void SetSpeechAvailable(bool available) { m_speechAvailable = available; }
    void Listen(const std::string& page);          // the listen control on `page` was tapped
    void ToggleAutoRead(const std::string& page);  // Welcome's "read every screen aloud"
    // Another page is shown (`readable`: a citizen page with text to read).
    void PageChanged(const std::string& page, bool readable);
    void SpeechFinished() { m_readAloud.Finished(); }  // the app's queue went quiet by itself

    // Read-only state for the views.
    const core::Session& Session() const { return m_session; }
    const CitizenOptions& Options() const { return m_options; }
    const std::vector<QuestionnairePtr>& Offered() const { return m_offered; }
    const std::string& Language() const { return m_session.Language(); }
    int TextSizeStep() const { return m_textSize; }
    bool HighContrast() const { return m_highContrast; }
    std::size_t Choice() const { return m_choice; }
    bool ConfirmingLeave() const { return m_confirmLeave; }
    bool ShowDetails() const { return m_showDetails; }
    const core::Profile& ProfileDraft() const { return m_profileDraft; }
    bool ThankYou() const { return m_thanks; }
    const std::string& ThanksLanguage() const { return m_thanksLanguage; }
    OutOfService OutOfServiceReason() const { return m_outOfService; }
    std::size_t PendingResults() const { return m_pending.size(); }
    bool Preview() const { return m_preview; }
    PrintState Printing() const { return m_print; }
    std::string Today() const { return m_clock.Today(); }  // the day a result carries (never the time)
    bool CanPrint() const;  // the print button is shown and reacts
    std::optional<core::TimePoint> NextWakeup() const;
    bool SpeechAvailable() const { return m_speechAvailable; }
    bool AutoRead() const { return m_readAloud.Automatic(); }
    // The listen control shows "Dừng" (stop) on `page` while it reads that page.
    bool SpeakingOn(const std::string& page) const {
        return m_readAloud.Speaking() && m_readAloud.Screen() == page;
    }
    bool Speaking() const { return m_readAloud.Speaking(); }

private:
    void CarryOut(const core::SpeechCommand& command);
    void Log(core::LogLevel level, std::string text);
    void Emit(EventKind kind);
    void SaveResultIfNeeded();
    void EnterOutOfService(OutOfService reason);
    void BackInService();
    void ReturnedToWelcome();  // after any reset: wipe the citizen's traces, pick up questionnaire edits
    void WipeCitizen();
    void NotePreferenceChange();
    void RequestPrint();

    const core::Clock& m_clock;
    CitizenOptions m_options;
    std::vector<Event>& m_outbox;
    core::Session m_session;
    std::vector<QuestionnairePtr> m_offered;
    std::function<void()> m_previewEnded;

    // Display preferences and what is on screen around the session; wiped with the session.
    int m_textSize = 0;
    bool m_highContrast = false;
    std::size_t m_choice = 0;
    bool m_confirmLeave = false;
    bool m_showDetails = false;
    PrintState m_print = PrintState::Idle;
    int m_printJob = 0;  // the last job asked for (not stored anywhere)
    core::Profile m_profileDraft;
    QuestionnairePtr m_current;

    bool m_thanks = false;
    core::TimePoint m_thanksUntil{};
    std::string m_thanksLanguage;

    OutOfService m_outOfService = OutOfService::None;
    core::TimePoint m_nextRetry{};
    bool m_retrying = false;  // out of service (storage): results are being saved again
    std::deque<core::ResultRecord> m_pending;
    int m_errors = 0;
    bool m_preview = false;
    core::ReadAloud m_readAloud;
    bool m_speechAvailable = false;
};

}  // namespace kiosk::flow
