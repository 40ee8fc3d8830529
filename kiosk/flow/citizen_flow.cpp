// The citizen flow: intents, timers, the save queue and the out-of-service retry.
#include "kiosk/flow/citizen_flow.h"

#include <algorithm>

namespace kiosk::flow {

using core::LogLevel;
using core::Stage;

CitizenFlow::CitizenFlow(const core::Clock& clock, CitizenOptions options, std::vector<Event>& outbox)
    : m_clock(clock), m_options(std::move(options)), m_outbox(outbox), m_session(clock, m_options.session) {}

void CitizenFlow::Log(LogLevel level, std::string text) {
    Event e;
    e.kind = EventKind::Log;
    e.level = level;
    e.text = std::move(text);
    m_outbox.push_back(std::move(e));
}

void CitizenFlow::Emit(EventKind kind) {
    Event e;
    e.kind = kind;
    m_outbox.push_back(std::move(e));
}

// ---------------------------------------------------------------------------------------------------------
// Timers

std::optional<core::TimePoint> CitizenFlow::NextWakeup() const {
    std::optional<core::TimePoint> next;
    auto consider = [&](core::TimePoint t) {
        if (!next || t < *next) next = t;
    };
    if (m_outOfService == OutOfService::Storage || m_outOfService == OutOfService::NoQuestionnaire) {
        consider(m_nextRetry);
        return next;
    }
    if (m_outOfService != OutOfService::None) return next;
    if (m_thanks) consider(m_thanksUntil);
    if (auto d = m_session.NextDeadline()) consider(*d);
    if (m_session.IdleWarningActive()) {
        // Redraw when the countdown's whole second changes.
        core::Millis step = m_session.WarningRemaining() % 1000;
        consider(m_clock.Now() + (step.count() > 0 ? step : core::Millis(1000)));
    }
    return next;
}

void CitizenFlow::Tick() {
    const core::TimePoint now = m_clock.Now();
    if (m_outOfService == OutOfService::Storage || m_outOfService == OutOfService::NoQuestionnaire) {
        if (now < m_nextRetry) return;
        m_nextRetry = now + m_options.storageRetry;
        Emit(m_outOfService == OutOfService::NoQuestionnaire ? EventKind::RefreshQuestionnaires
                                                             : EventKind::OpenStorage);
        return;
    }
    if (m_outOfService != OutOfService::None) return;
    if (m_thanks && now >= m_thanksUntil) {
        m_thanks = false;
        ReturnedToWelcome();
    }
    if (m_session.Tick() == core::TickOutcome::Reset) {
        // Results were queued when computed; what is wiped here is only unfinished or already stored.
        ReturnedToWelcome();
    }
}

void CitizenFlow::Touch() { m_session.Touch(); }

// ---------------------------------------------------------------------------------------------------------
// Questionnaires, storage and out of service

bool CitizenFlow::BetweenCitizens() const {
    if (m_outOfService != OutOfService::None) return true;
    return !m_preview && !m_thanks && m_session.GetStage() == Stage::Welcome && !m_session.IdleWarningActive();
}

void CitizenFlow::SetQuestionnaires(std::vector<QuestionnairePtr> offered, const std::string& dir) {
    m_offered = std::move(offered);
    const bool starting = m_outOfService == OutOfService::Preparing;
    if (m_outOfService == OutOfService::Setup) {
        // Out of service until restarted whatever the folder holds.
    } else if (m_offered.empty()) {
        if (m_outOfService != OutOfService::NoQuestionnaire)
            Log(LogLevel::Staff, "no valid questionnaire in " + dir + ": out of service");
        EnterOutOfService(OutOfService::NoQuestionnaire);
    } else if (m_outOfService == OutOfService::NoQuestionnaire || starting) {
        m_outOfService = OutOfService::None;
        if (!starting) Log(LogLevel::Info, "questionnaires available again");
        Emit(EventKind::OpenStorage);
    }
    if (m_choice >= m_offered.size()) m_choice = 0;
}

void CitizenFlow::StorageChecked(bool ok, const std::string& detail) {
    if (m_outOfService != OutOfService::Storage) {
        if (!ok) {
            Log(LogLevel::Error, "storage: cannot open the result store: " + detail);
            EnterOutOfService(OutOfService::Storage);
        }
        return;
    }
    if (!ok) {
        Log(LogLevel::Error, "storage: still failing: " + detail);
        return;
    }
    if (m_pending.empty()) {
        BackInService();
        return;
    }
    m_retrying = true;
    Emit(EventKind::SaveResults);
}

void CitizenFlow::ResultSaved(bool ok, const std::string& detail) {
    if (m_pending.empty()) return;
    if (!ok) {
        if (m_retrying) {
            Log(LogLevel::Error, "storage: retry failed: " + detail + " (" + std::to_string(m_pending.size()) +
                                     " result(s) waiting)");
            m_retrying = false;
        } else {
            // Keep the citizen's result in memory and retry; meanwhile nobody else starts an assessment
            // that could not be stored either.
            Log(LogLevel::Error, "storage: saving a result failed: " + detail + " (kept in memory, retrying)");
        }
        if (m_outOfService != OutOfService::Storage) EnterOutOfService(OutOfService::Storage);
        return;
    }
    m_pending.pop_front();
    if (!m_retrying) {
        m_session.MarkSaved();
        return;
    }
    Log(LogLevel::Info, "storage: a result kept in memory has been saved");
    if (m_pending.empty()) BackInService();
}

void CitizenFlow::BackInService() {
    m_retrying = false;
    m_outOfService = OutOfService::None;
    Log(LogLevel::Info, "storage: working again; back in service");
    ReturnedToWelcome();
}

void CitizenFlow::EnterOutOfService(OutOfService reason) {
    m_outOfService = reason;
    m_nextRetry = m_clock.Now() + m_options.storageRetry;
    m_thanks = false;
    m_session.Abandon();
    WipeCitizen();
}

void CitizenFlow::SetupFailed(const std::string& message) {
    Log(LogLevel::Staff, "set-up: " + message + ": out of service");
    EnterOutOfService(OutOfService::Setup);
}

void CitizenFlow::RecoverFromError() {
    ++m_errors;
    constexpr int kErrorsBeforeStopping = 3;
    if (m_errors >= kErrorsBeforeStopping) {
        EnterOutOfService(OutOfService::Setup);
        return;
    }
    m_thanks = false;
    m_session.Abandon();
    ReturnedToWelcome();
}

// ---------------------------------------------------------------------------------------------------------
// Resets

void CitizenFlow::WipeCitizen() {
    // Whatever the last citizen started must not go on for the next one; automatic reading is theirs too.
    CarryOut(m_readAloud.NewCitizen());
    m_textSize = 0;
    m_highContrast = false;
    m_choice = 0;
    m_confirmLeave = false;
    m_showDetails = false;
    m_print = PrintState::Idle;
    m_profileDraft = core::Profile{};
    m_current.reset();
}

void CitizenFlow::ReturnedToWelcome() {
    WipeCitizen();
    if (m_preview) {
        // The end of a preview (finished, left or timed out): back to the trainer's list.
        m_preview = false;
        Log(LogLevel::Info, "staff: preview ended");
        if (m_previewEnded) m_previewEnded();
    }
    // Pick up trainers' edits between citizens, never in the middle of someone's assessment.
    Emit(EventKind::RefreshQuestionnaires);
}

void CitizenFlow::Abandon() {
    m_thanks = false;
    m_session.Abandon();
    WipeCitizen();
}

void CitizenFlow::ReturnToWelcome() {
    m_session.Abandon();
    ReturnedToWelcome();
}

// Starts the flow on any installed questionnaire (switched off ones too) as a practice run: the consent
// step is skipped as "not stored", and consent can never be given while in preview.
bool CitizenFlow::StartPreview(QuestionnairePtr q) {
    Abandon();
    m_session.SetLanguage(m_options.session.defaultLanguage);
    if (!q || !m_session.Start(q)) return false;
    m_current = q;
    m_session.GiveConsent(false);
    m_preview = true;
    Log(LogLevel::Info, "staff: preview of \"" + q->id + "\" version " + q->version + " (nothing stored)");
    return true;
}

void CitizenFlow::NotePreferenceChange() {
    if (m_session.GetStage() == Stage::Welcome &&
        (m_textSize != 0 || m_highContrast || m_readAloud.Automatic() ||
         Language() != m_options.session.defaultLanguage))
        m_session.NoteWelcomeChange();
    else
        m_session.Touch();
}

// ---------------------------------------------------------------------------------------------------------
// Read-aloud

void CitizenFlow::CarryOut(const core::SpeechCommand& command) {
    // Without a sound device nothing is asked of the app (the commands only keep the state consistent).
    if (command.kind == core::SpeechCommand::Kind::None || !m_speechAvailable) return;
    Event e;
    e.kind = command.kind == core::SpeechCommand::Kind::Say ? EventKind::Speak : EventKind::StopSpeech;
    e.text = command.screen;
    m_outbox.push_back(std::move(e));
}

void CitizenFlow::Listen(const std::string& page) {
    if (!m_speechAvailable || m_outOfService != OutOfService::None) return;
    m_session.Touch();
    CarryOut(m_readAloud.Tap(page));
}

void CitizenFlow::ToggleAutoRead(const std::string& page) {
    if (!m_speechAvailable || m_session.GetStage() != Stage::Welcome || m_thanks) return;
    CarryOut(m_readAloud.SetAutomatic(!m_readAloud.Automatic(), page));
    NotePreferenceChange();
}

void CitizenFlow::PageChanged(const std::string& page, bool readable) {
    CarryOut(m_readAloud.ScreenChanged(page, readable && m_speechAvailable));
}

// ---------------------------------------------------------------------------------------------------------
// Saving

void CitizenFlow::SaveResultIfNeeded() {
    if (!m_session.NeedsSaving()) return;
    core::ResultRecord record{m_current,  *m_session.GetResult(), m_session.Answers(), m_session.GetProfile(),
                              Language(), m_clock.Today(),        false};
    m_pending.push_back(std::move(record));
    m_retrying = false;
    Emit(EventKind::SaveResults);
}

// ---------------------------------------------------------------------------------------------------------
// Printing

bool CitizenFlow::CanPrint() const {
    // Preview is a trainer checking texts: nothing of it leaves the kiosk, on paper either.
    return m_options.printing && !m_preview && m_session.GetStage() == Stage::Result && m_session.GetResult() &&
           m_current && (m_print == PrintState::Idle || m_print == PrintState::NoPrinter ||
                         m_print == PrintState::Failed);
}

void CitizenFlow::RequestPrint() {
    if (!CanPrint()) return;
    m_session.Touch();
    m_print = PrintState::Printing;
    Event e;
    e.kind = EventKind::PrintResult;
    e.printRequest.questionnaire = m_current;
    e.printRequest.result = *m_session.GetResult();
    e.printRequest.lang = Language();
    e.printRequest.day = m_clock.Today();
    e.printRequest.stored = m_session.Consented();
    e.printRequest.job = ++m_printJob;
    m_outbox.push_back(std::move(e));
}

void CitizenFlow::PrintFinished(PrintOutcome outcome, int job) {
    // The citizen may have gone (finished, timed out) while the page was sent: nothing to tell anyone.
    if (m_print != PrintState::Printing || job != m_printJob) return;
    m_print = outcome == PrintOutcome::Printed     ? PrintState::Printed
              : outcome == PrintOutcome::NoPrinter ? PrintState::NoPrinter
                                                   : PrintState::Failed;
    Log(outcome == PrintOutcome::Printed ? LogLevel::Info : LogLevel::Staff,
        outcome == PrintOutcome::Printed     ? "print: result page printed"
        : outcome == PrintOutcome::NoPrinter ? "print: no printer available; the citizen was told calmly"
                                             : "print: the printer failed the job; the citizen was told calmly");
}

// ---------------------------------------------------------------------------------------------------------
// Intents

void CitizenFlow::Apply(const Intent& in) {
    const Stage stage = m_session.GetStage();
    switch (in.kind) {
        case IntentKind::SetLanguage:
            if (in.index >= 0 && static_cast<std::size_t>(in.index) < m_options.languages.size()) {
                if (m_session.SetLanguage(m_options.languages[in.index])) NotePreferenceChange();
            }
            return;
        case IntentKind::SetTextSize:
            if (in.index >= 0 && in.index < m_options.textSizeSteps) {
                m_textSize = in.index;
                NotePreferenceChange();
            }
            return;
        case IntentKind::ToggleContrast:
            m_highContrast = !m_highContrast;
            NotePreferenceChange();
            return;
        case IntentKind::ChooseQuestionnaire:
            if (in.index >= 0 && static_cast<std::size_t>(in.index) < m_offered.size()) {
                m_choice = static_cast<std::size_t>(in.index);
                m_session.Touch();
            }
            return;
        case IntentKind::Start: {
            // A result still waiting to be stored means the store fails: nobody starts until it is saved.
            if (stage != Stage::Welcome || m_offered.empty() || !m_pending.empty()) return;
            QuestionnairePtr q = m_offered[std::min(m_choice, m_offered.size() - 1)];
            if (m_session.Start(q)) m_current = q;
            return;
        }
        case IntentKind::Consent:
            // A preview never consents: nothing of it can be stored.
            m_session.GiveConsent(in.index == 1 && !m_preview);
            return;
        case IntentKind::Answer:
            m_session.Answer(in.index);
            return;
        case IntentKind::Next:
            m_session.Next();
            return;
        case IntentKind::Back:
            if (stage == Stage::Consent) {
                // Back to Welcome is the same person: keep their language and text size.
                const std::string lang = Language();
                const int size = m_textSize;
                const bool contrast = m_highContrast;
                const std::size_t choice = m_choice;
                const bool autoRead = m_readAloud.Automatic();
                m_session.Back();
                ReturnedToWelcome();
                m_readAloud.RestoreAutomatic(autoRead);
                m_textSize = size;
                m_highContrast = contrast;
                if (choice < m_offered.size()) m_choice = choice;
                m_session.SetLanguage(lang);
                NotePreferenceChange();
            } else {
                m_session.Back();
            }
            return;
        case IntentKind::AskLeave:
            if (stage == Stage::Questions) m_confirmLeave = true;
            m_session.Touch();
            return;
        case IntentKind::CancelLeave:
            m_confirmLeave = false;
            m_session.Touch();
            return;
        case IntentKind::ConfirmLeave:
            m_session.Abandon();
            ReturnedToWelcome();
            return;
        case IntentKind::SetAgeBand:
        case IntentKind::SetGender:
        case IntentKind::SetAssisted: {
            if (stage != Stage::Profile) return;
            const auto& values = in.kind == IntentKind::SetAgeBand ? core::AgeBands()
                                 : in.kind == IntentKind::SetGender ? core::Genders()
                                                                     : core::AssistedValues();
            if (in.index < 0 || static_cast<std::size_t>(in.index) >= values.size()) return;
            std::string& field = in.kind == IntentKind::SetAgeBand  ? m_profileDraft.ageBand
                                 : in.kind == IntentKind::SetGender ? m_profileDraft.gender
                                                                    : m_profileDraft.assisted;
            field = values[in.index];
            m_session.Touch();
            return;
        }
        case IntentKind::SubmitProfile:
            if (m_session.SubmitProfile(m_profileDraft)) SaveResultIfNeeded();
            return;
        case IntentKind::SkipProfile:
            if (m_session.SkipProfile()) SaveResultIfNeeded();
            return;
        case IntentKind::ToggleDetails:
            m_showDetails = !m_showDetails;
            m_session.Touch();
            return;
        case IntentKind::Finish: {
            if (m_preview) {
                m_session.Abandon();
                ReturnedToWelcome();
                return;
            }
            const std::string lang = Language();
            if (m_session.Complete()) {
                m_thanks = true;
                m_thanksLanguage = lang;
                m_thanksUntil = m_clock.Now() + m_options.thankYouTime;
                WipeCitizen();
            }
            return;
        }
        case IntentKind::PrintResult:
            RequestPrint();
            return;
        case IntentKind::StillHere:
            m_session.Touch();
            return;
        case IntentKind::DismissThanks:
            if (m_thanks) {
                m_thanks = false;
                ReturnedToWelcome();
            }
            return;
        default:
            return;  // staff intents are the staff flow's
    }
}

}  // namespace kiosk::flow
