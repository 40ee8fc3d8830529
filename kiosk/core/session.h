// The assessment session: the state machine the kiosk drives (welcome -> consent -> questions -> profile ->
// result -> welcome), with an idle deadline that wipes everything. Time comes from an injected Clock;
// every transition is a method that returns false (and changes nothing) when it is not allowed.
#pragma once

#include "kiosk/core/profile.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

using TimePoint = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;
    // The local calendar day, "YYYY-MM-DD": results keep the day only, never the time.
    virtual std::string Today() const = 0;
};

class SteadyClock final : public Clock {
  public:
    TimePoint Now() const override { return std::chrono::steady_clock::now(); }
    std::string Today() const override;
};

// A clock tests move by hand; its day is set by hand too.
class ManualClock final : public Clock {
  public:
    TimePoint Now() const override { return m_now; }
    std::string Today() const override { return today; }
    void Advance(Millis d) { m_now += d; }
    std::string today = "2025-03-14";

  private:
    TimePoint m_now{};
};

enum class Stage { Welcome, Consent, Questions, Profile, Result };
const char* StageName(Stage s);

struct SessionOptions {
    Millis idleTimeout{90'000};     // no touch for this long -> "are you still there?"
    Millis warningTimeout{30'000};  // then this long -> everything wiped, back to Welcome
    std::string defaultLanguage = "vi";
    bool allowSkip = false;  // may Next() leave a question unanswered?
};

enum class TickOutcome { None, WarningStarted, Reset };

class Session {
  public:
    Session(const Clock& clock, SessionOptions options = {});

    Stage GetStage() const { return m_stage; }
    const std::string& Language() const { return m_language; }
    const SessionOptions& Options() const { return m_options; }
    // The questionnaire being taken (null at Welcome).
    const Questionnaire* GetQuestionnaire() const { return m_questionnaire.get(); }

    // Any stage: switch the language of the interface and texts. False for a language the current
    // questionnaire does not have.
    bool SetLanguage(const std::string& lang);

    // Welcome: the citizen changed a display preference the interface keeps (text size, contrast). Counts
    // as activity, and an idle reset at Welcome will undo it as it undoes a language switch.
    void NoteWelcomeChange();

    // Welcome -> Consent.
    bool Start(std::shared_ptr<const Questionnaire> questionnaire);
    // Consent -> Questions. agree=false is practice: the result is shown but never stored.
    bool GiveConsent(bool agree);
    bool Consented() const { return m_consented; }

    // Questions.
    std::size_t QuestionIndex() const { return m_index; }
    std::size_t QuestionCount() const { return m_order.size(); }
    const Item* CurrentItem() const;
    const Area* CurrentArea() const;
    const Competency* CurrentCompetency() const;
    std::optional<int> CurrentAnswer() const;
    std::size_t AnsweredCount() const { return m_answers.size(); }
    bool Answer(int optionIndex);  // choose or change the current question's answer
    bool CanGoNext() const;
    bool Next();  // last question -> Profile
    // First question -> Consent; Profile -> last question; Consent -> Welcome (answers wiped, language kept).
    bool Back();

    // Profile -> Result (computes the result). Skipping keeps every field "no-answer".
    bool SubmitProfile(const Profile& profile);
    bool SkipProfile() { return SubmitProfile(Profile{}); }
    const Profile& GetProfile() const { return m_profile; }

    // Result.
    const Result* GetResult() const { return m_result ? &*m_result : nullptr; }
    const AnswerMap& Answers() const { return m_answers; }
    // True when a consented result exists that has not been stored yet.
    bool NeedsSaving() const { return m_result && m_consented && !m_saved; }
    void MarkSaved() { m_saved = true; }
    bool Saved() const { return m_saved; }
    // Result -> Welcome ("Hoàn thành"); refused while a consented result is unsaved.
    bool Complete();

    // Any stage -> Welcome, wiping answers, profile, result and language ("Kết thúc", or staff).
    void Abandon();

    // Idle handling. Touch() records activity (and dismisses the warning).
    void Touch();
    TickOutcome Tick();
    bool IdleWarningActive() const { return m_warning; }
    Millis WarningRemaining() const;
    // When Tick() next has something to do (for sleeping render loops); empty when nothing is pending.
    std::optional<TimePoint> NextDeadline() const;

  private:
    void Reset();

    const Clock& m_clock;
    SessionOptions m_options;
    Stage m_stage = Stage::Welcome;
    std::string m_language;
    std::shared_ptr<const Questionnaire> m_questionnaire;
    std::vector<Questionnaire::ItemRef> m_order;
    std::size_t m_index = 0;
    AnswerMap m_answers;
    Profile m_profile;
    std::optional<Result> m_result;
    bool m_consented = false;
    bool m_saved = false;
    TimePoint m_lastActivity;
    bool m_warning = false;
    bool m_dirtyWelcome = false;  // a language switch at Welcome that an idle reset should undo
};

}  // namespace kiosk::core
