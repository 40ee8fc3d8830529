// Tests of the assessment session state machine (kiosk/core/session.h) with a hand-moved clock: every
// transition, every refusal (which must change nothing), and the idle warning/reset that wipes a citizen's
// answers when they walk away.
#include "kiosk/core/session.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using kiosk::core::AnswerMap;
using kiosk::core::ManualClock;
using kiosk::core::Millis;
using kiosk::core::Profile;
using kiosk::core::Questionnaire;
using kiosk::core::ScoreAnswers;
using kiosk::core::Session;
using kiosk::core::SessionOptions;
using kiosk::core::Stage;
using kiosk::core::TickOutcome;
using kiosk::core::TimePoint;

// minimal.json has 6 questions in this order: c1-k, c1-q, c1-s, c1-a, c2-s, c3-s; languages vi, en.
// Scale questions have 5 options (index 4 = "prefer not to answer"), the knowledge check c1-q has 2.

namespace {

std::shared_ptr<const Questionnaire> Mini() {
    static const auto q = std::make_shared<const Questionnaire>(kiosk::test::Load(kiosk::test::MinimalJson()));
    return q;
}

// Everything observable about a session, to check that a refused transition changed nothing.
struct Snapshot {
    Stage stage;
    std::string language;
    const Questionnaire* questionnaire;
    std::size_t index;
    AnswerMap answers;
    Profile profile;
    bool hasResult, consented, saved, warning;
    std::optional<TimePoint> deadline;

    explicit Snapshot(const Session& s)
        : stage(s.GetStage()), language(s.Language()), questionnaire(s.GetQuestionnaire()), index(s.QuestionIndex()),
          answers(s.Answers()), profile(s.GetProfile()), hasResult(s.GetResult() != nullptr),
          consented(s.Consented()), saved(s.Saved()), warning(s.IdleWarningActive()), deadline(s.NextDeadline()) {}
};

void CheckUnchanged(const Snapshot& before, const Session& s) {
    Snapshot after(s);
    CHECK(after.stage == before.stage);
    CHECK(after.language == before.language);
    CHECK(after.questionnaire == before.questionnaire);
    CHECK(after.index == before.index);
    CHECK(after.answers == before.answers);
    CHECK(after.profile.ageBand == before.profile.ageBand);
    CHECK(after.profile.gender == before.profile.gender);
    CHECK(after.profile.assisted == before.profile.assisted);
    CHECK(after.hasResult == before.hasResult);
    CHECK(after.consented == before.consented);
    CHECK(after.saved == before.saved);
    CHECK(after.warning == before.warning);
    CHECK(after.deadline == before.deadline);  // also proves a refusal does not count as activity
}

// A session at the first question, consent given (or not).
void ToQuestions(Session& s, bool agree = true) {
    REQUIRE(s.Start(Mini()));
    REQUIRE(s.GiveConsent(agree));
    REQUIRE(s.GetStage() == Stage::Questions);
}

// Answers every scale question with `index` (the knowledge check with 0, its correct option) and goes on
// to Profile.
void AnswerAll(Session& s, int index = 0) {
    while (s.GetStage() == Stage::Questions) {
        REQUIRE(s.Answer(s.CurrentItem()->IsKnowledgeCheck() ? 0 : index));
        REQUIRE(s.Next());
    }
    REQUIRE(s.GetStage() == Stage::Profile);
}

// Checks that nothing of the last person is left.
void CheckWiped(const Session& s) {
    CHECK(s.GetStage() == Stage::Welcome);
    CHECK(s.GetQuestionnaire() == nullptr);
    CHECK(s.Answers().empty());
    CHECK(s.AnsweredCount() == 0);
    CHECK(s.GetResult() == nullptr);
    CHECK(s.GetProfile().ageBand == kiosk::core::kNoAnswer);
    CHECK(s.GetProfile().gender == kiosk::core::kNoAnswer);
    CHECK(s.GetProfile().assisted == kiosk::core::kNoAnswer);
    CHECK_FALSE(s.Consented());
    CHECK_FALSE(s.Saved());
    CHECK_FALSE(s.NeedsSaving());
    CHECK_FALSE(s.IdleWarningActive());
    CHECK(s.QuestionIndex() == 0);
    CHECK(s.CurrentItem() == nullptr);
}

const Millis kIdle{90'000};
const Millis kWarning{30'000};

}  // namespace

TEST_CASE("session: a new session waits at Welcome in the default language") {
    ManualClock clock;
    Session s(clock);
    CHECK(s.GetStage() == Stage::Welcome);
    CHECK(s.Language() == "vi");
    CHECK(s.Options().idleTimeout == kIdle);
    CHECK(s.Options().warningTimeout == kWarning);
    CHECK_FALSE(s.Options().allowSkip);
    CheckWiped(s);
    CHECK_FALSE(s.NextDeadline());
}

TEST_CASE("session: Start goes from Welcome to Consent") {
    ManualClock clock;
    Session s(clock);
    REQUIRE(s.Start(Mini()));
    CHECK(s.GetStage() == Stage::Consent);
    CHECK(s.GetQuestionnaire() == Mini().get());
    CHECK(s.QuestionCount() == 6);
    CHECK(s.CurrentItem() == nullptr);  // no question shown at Consent

    Snapshot before(s);
    CHECK_FALSE(s.Start(Mini()));  // only from Welcome
    CheckUnchanged(before, s);
}

TEST_CASE("session: Start without a questionnaire is refused") {
    ManualClock clock;
    Session s(clock);
    Snapshot before(s);
    CHECK_FALSE(s.Start(nullptr));
    CheckUnchanged(before, s);
}

TEST_CASE("session: agreeing to consent leads to questions whose result must be saved") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s, true);
    CHECK(s.Consented());
    CHECK(s.QuestionIndex() == 0);
    CHECK(s.CurrentItem()->id == "c1-k");
    CHECK(s.CurrentCompetency()->id == "c1");
    CHECK(s.CurrentArea()->id == "a1");
    AnswerAll(s);
    REQUIRE(s.SkipProfile());
    CHECK(s.GetStage() == Stage::Result);
    CHECK(s.NeedsSaving());
}

TEST_CASE("session: declining consent is practice - the result is shown but never needs saving") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s, false);
    CHECK_FALSE(s.Consented());
    AnswerAll(s);
    REQUIRE(s.SkipProfile());
    REQUIRE(s.GetResult() != nullptr);
    CHECK_FALSE(s.NeedsSaving());
    CHECK(s.Complete());
    CheckWiped(s);
}

TEST_CASE("session: GiveConsent outside Consent is refused") {
    ManualClock clock;
    Session s(clock);
    Snapshot atWelcome(s);
    CHECK_FALSE(s.GiveConsent(true));
    CheckUnchanged(atWelcome, s);
    ToQuestions(s);
    Snapshot atQuestions(s);
    CHECK_FALSE(s.GiveConsent(false));
    CheckUnchanged(atQuestions, s);
}

TEST_CASE("session: Answer chooses and changes the current answer") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    CHECK_FALSE(s.CurrentAnswer());
    REQUIRE(s.Answer(2));
    CHECK(s.CurrentAnswer() == 2);
    REQUIRE(s.Answer(4));  // the excluded option is a valid choice
    CHECK(s.CurrentAnswer() == 4);
    CHECK(s.Answers() == AnswerMap{{"c1-k", 4}});
    CHECK(s.AnsweredCount() == 1);
}

TEST_CASE("session: an answer outside the option list is refused") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    REQUIRE(s.Answer(1));
    Snapshot before(s);
    CHECK_FALSE(s.Answer(5));  // c1-k has options 0-4
    CHECK_FALSE(s.Answer(-1));
    CheckUnchanged(before, s);
    REQUIRE(s.Next());
    CHECK(s.CurrentItem()->id == "c1-q");
    CHECK_FALSE(s.Answer(2));  // the knowledge check has options 0-1
}

TEST_CASE("session: Next without an answer is refused unless skipping is allowed") {
    ManualClock clock;
    SUBCASE("allowSkip false (the default)") {
        Session s(clock);
        ToQuestions(s);
        CHECK_FALSE(s.CanGoNext());
        Snapshot before(s);
        CHECK_FALSE(s.Next());
        CheckUnchanged(before, s);
        REQUIRE(s.Answer(0));
        CHECK(s.CanGoNext());
        REQUIRE(s.Next());
        CHECK(s.QuestionIndex() == 1);
    }
    SUBCASE("allowSkip true") {
        SessionOptions options;
        options.allowSkip = true;
        Session s(clock, options);
        ToQuestions(s);
        CHECK(s.CanGoNext());
        REQUIRE(s.Next());
        CHECK(s.QuestionIndex() == 1);
        CHECK(s.Answers().empty());
        // Skipping every question still reaches Profile, and the result is "not assessed".
        while (s.GetStage() == Stage::Questions) REQUIRE(s.Next());
        REQUIRE(s.SkipProfile());
        CHECK_FALSE(s.GetResult()->overall.assessed);
    }
}

TEST_CASE("session: Next on the last question goes to Profile") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(s.Answer(0));
        REQUIRE(s.Next());
    }
    CHECK(s.QuestionIndex() == 5);
    CHECK(s.CurrentItem()->id == "c3-s");
    CHECK(s.CurrentArea()->id == "a2");
    REQUIRE(s.Answer(0));
    REQUIRE(s.Next());
    CHECK(s.GetStage() == Stage::Profile);
    CHECK(s.CurrentItem() == nullptr);
    Snapshot before(s);
    CHECK_FALSE(s.Next());
    CHECK_FALSE(s.Answer(0));
    CheckUnchanged(before, s);
}

TEST_CASE("session: Back moves to the previous question and keeps answers") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    REQUIRE(s.Answer(3));
    REQUIRE(s.Next());
    REQUIRE(s.Back());
    CHECK(s.QuestionIndex() == 0);
    CHECK(s.CurrentAnswer() == 3);
}

TEST_CASE("session: Back from the first question goes to Consent, keeping answers") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    REQUIRE(s.Answer(1));
    REQUIRE(s.Back());
    CHECK(s.GetStage() == Stage::Consent);
    CHECK(s.Answers() == AnswerMap{{"c1-k", 1}});
    // Consent can be given again (or changed) and the person is back at the first question.
    REQUIRE(s.GiveConsent(false));
    CHECK(s.QuestionIndex() == 0);
    CHECK(s.CurrentAnswer() == 1);
    CHECK_FALSE(s.Consented());
}

TEST_CASE("session: Back from Profile goes to the last question") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    AnswerAll(s, 2);
    REQUIRE(s.Back());
    CHECK(s.GetStage() == Stage::Questions);
    CHECK(s.QuestionIndex() == 5);
    CHECK(s.CurrentItem()->id == "c3-s");
    CHECK(s.CurrentAnswer() == 2);
}

TEST_CASE("session: Back at Consent returns to Welcome, wiping answers but keeping the language") {
    ManualClock clock;
    Session s(clock);
    REQUIRE(s.SetLanguage("en"));
    ToQuestions(s);
    REQUIRE(s.Answer(1));
    REQUIRE(s.Back());  // to Consent
    REQUIRE(s.Back());  // to Welcome
    CheckWiped(s);
    // The person only stepped back; the screen stays in their language until the idle reset.
    CHECK(s.Language() == "en");
    REQUIRE(s.NextDeadline());
    clock.Advance(kIdle);
    CHECK(s.Tick() == TickOutcome::Reset);
    CHECK(s.Language() == "vi");
}

TEST_CASE("session: Back at Welcome and at Result is refused") {
    ManualClock clock;
    Session s(clock);
    Snapshot atWelcome(s);
    CHECK_FALSE(s.Back());
    CheckUnchanged(atWelcome, s);
    ToQuestions(s);
    AnswerAll(s);
    REQUIRE(s.SkipProfile());
    Snapshot atResult(s);
    CHECK_FALSE(s.Back());
    CheckUnchanged(atResult, s);
}

TEST_CASE("session: SubmitProfile keeps a valid profile and refuses an invalid one") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    AnswerAll(s);
    Profile bad;
    bad.ageBand = "42";  // an exact age is never taken
    Snapshot before(s);
    CHECK_FALSE(s.SubmitProfile(bad));
    CheckUnchanged(before, s);
    bad = Profile{};
    bad.gender = "";
    CHECK_FALSE(s.SubmitProfile(bad));

    Profile good;
    good.ageBand = "60-74";
    good.gender = "female";
    good.assisted = "yes";
    REQUIRE(s.SubmitProfile(good));
    CHECK(s.GetStage() == Stage::Result);
    CHECK(s.GetProfile().ageBand == "60-74");
    CHECK(s.GetProfile().gender == "female");
    CHECK(s.GetProfile().assisted == "yes");
}

TEST_CASE("session: SubmitProfile outside Profile is refused") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    Snapshot before(s);
    CHECK_FALSE(s.SkipProfile());
    CheckUnchanged(before, s);
}

TEST_CASE("session: SkipProfile computes the same result as ScoreAnswers of the same answers") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    const int choices[] = {2, 0, 1, 4, 3, 0};  // includes an excluded answer (c1-a = 4)
    for (int c : choices) {
        REQUIRE(s.Answer(c));
        REQUIRE(s.Next());
    }
    REQUIRE(s.SkipProfile());
    CHECK(s.GetProfile().ageBand == kiosk::core::kNoAnswer);
    REQUIRE(s.GetResult() != nullptr);
    AnswerMap expected = {{"c1-k", 2}, {"c1-q", 0}, {"c1-s", 1}, {"c1-a", 4}, {"c2-s", 3}, {"c3-s", 0}};
    CHECK(s.Answers() == expected);
    const Questionnaire& q = *Mini();
    CHECK(kiosk::core::ResultToJson(q, *s.GetResult()).dump() ==
          kiosk::core::ResultToJson(q, ScoreAnswers(q, expected)).dump());
    // Hand check of one figure: c1 = (66.667 + 100 + 2 * 33.333) / 4 = 58.3 (c1-a excluded).
    CHECK(s.GetResult()->competencies[0].score.score == 58.3);
}

TEST_CASE("session: Complete is refused while a consented result is unsaved, allowed after MarkSaved") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    AnswerAll(s);
    REQUIRE(s.SkipProfile());
    REQUIRE(s.NeedsSaving());
    Snapshot before(s);
    CHECK_FALSE(s.Complete());
    CheckUnchanged(before, s);
    s.MarkSaved();
    CHECK(s.Saved());
    CHECK_FALSE(s.NeedsSaving());
    REQUIRE(s.Complete());
    CheckWiped(s);
}

TEST_CASE("session: Complete outside Result is refused") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    Snapshot before(s);
    CHECK_FALSE(s.Complete());
    CheckUnchanged(before, s);
}

TEST_CASE("session: Abandon wipes everything from any stage") {
    ManualClock clock;
    Session s(clock);
    SUBCASE("at Consent") { REQUIRE(s.Start(Mini())); }
    SUBCASE("at a question") {
        ToQuestions(s);
        REQUIRE(s.Answer(1));
    }
    SUBCASE("at Profile") {
        ToQuestions(s);
        AnswerAll(s);
    }
    SUBCASE("at an unsaved Result") {
        ToQuestions(s);
        AnswerAll(s);
        Profile p;
        p.ageBand = "75-plus";
        REQUIRE(s.SubmitProfile(p));
    }
    REQUIRE(s.SetLanguage("en"));
    s.Abandon();
    CheckWiped(s);
    CHECK(s.Language() == "vi");
}

TEST_CASE("session: SetLanguage switches to a language of the questionnaire, refuses others") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    REQUIRE(s.SetLanguage("en"));
    CHECK(s.Language() == "en");
    Snapshot before(s);
    CHECK_FALSE(s.SetLanguage("fr"));
    CHECK_FALSE(s.SetLanguage(""));
    CheckUnchanged(before, s);
    REQUIRE(s.SetLanguage("vi"));
    CHECK(s.Language() == "vi");
}

TEST_CASE("session: Start falls back to the questionnaire's first language") {
    ManualClock clock;
    Session s(clock);
    // At Welcome no questionnaire limits the choice (the interface may offer more languages).
    REQUIRE(s.SetLanguage("fr"));
    REQUIRE(s.Start(Mini()));
    CHECK(s.Language() == "vi");
}

TEST_CASE("session: idle - warning at the idle timeout, reset after the warning, answers wiped") {
    ManualClock clock;
    Session s(clock);
    const TimePoint t0 = clock.Now();
    REQUIRE(s.SetLanguage("en"));
    ToQuestions(s);
    REQUIRE(s.Answer(2));
    REQUIRE(s.Next());
    REQUIRE(s.Answer(1));  // last activity at t0

    CHECK(s.NextDeadline() == t0 + kIdle);
    clock.Advance(kIdle - Millis(1));
    CHECK(s.Tick() == TickOutcome::None);
    CHECK_FALSE(s.IdleWarningActive());
    CHECK(s.WarningRemaining() == Millis(0));

    clock.Advance(Millis(1));  // exactly the idle timeout
    CHECK(s.Tick() == TickOutcome::WarningStarted);
    CHECK(s.IdleWarningActive());
    CHECK(s.WarningRemaining() == kWarning);
    CHECK(s.NextDeadline() == t0 + kIdle + kWarning);
    CHECK(s.Tick() == TickOutcome::None);  // reported once
    CHECK(s.Answers().size() == 2);        // nothing wiped yet

    clock.Advance(Millis(10'000));
    CHECK(s.WarningRemaining() == Millis(20'000));
    clock.Advance(kWarning - Millis(10'001));
    CHECK(s.WarningRemaining() == Millis(1));
    CHECK(s.Tick() == TickOutcome::None);

    clock.Advance(Millis(1));  // idle + warning
    CHECK(s.Tick() == TickOutcome::Reset);
    CheckWiped(s);
    CHECK(s.Language() == "vi");
    CHECK_FALSE(s.NextDeadline());
    CHECK(s.Tick() == TickOutcome::None);
}

TEST_CASE("session: a touch dismisses the warning and restarts the idle time") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    clock.Advance(kIdle);
    REQUIRE(s.Tick() == TickOutcome::WarningStarted);
    clock.Advance(Millis(5'000));
    const TimePoint touched = clock.Now();
    s.Touch();
    CHECK_FALSE(s.IdleWarningActive());
    CHECK(s.WarningRemaining() == Millis(0));
    CHECK(s.NextDeadline() == touched + kIdle);
    // The old reset time passes harmlessly.
    clock.Advance(kWarning);
    CHECK(s.Tick() == TickOutcome::None);
    CHECK(s.GetStage() == Stage::Questions);
    clock.Advance(kIdle - kWarning);
    CHECK(s.Tick() == TickOutcome::WarningStarted);
}

TEST_CASE("session: every accepted transition counts as activity") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    clock.Advance(kIdle - Millis(1));
    REQUIRE(s.Answer(0));
    clock.Advance(kIdle - Millis(1));
    REQUIRE(s.Next());
    clock.Advance(kIdle - Millis(1));
    REQUIRE(s.Back());
    clock.Advance(kIdle - Millis(1));
    CHECK(s.Tick() == TickOutcome::None);
    CHECK(s.GetStage() == Stage::Questions);
}

TEST_CASE("session: an idle reset wipes a saved result and the profile") {
    ManualClock clock;
    Session s(clock);
    ToQuestions(s);
    AnswerAll(s, 3);
    Profile p;
    p.gender = "male";
    REQUIRE(s.SubmitProfile(p));
    s.MarkSaved();
    CHECK(s.NextDeadline() == clock.Now() + kIdle);
    // Ticks that never saw the warning still reset once idle + warning has passed.
    clock.Advance(kIdle + kWarning);
    CHECK(s.Tick() == TickOutcome::Reset);
    CheckWiped(s);
}

TEST_CASE("session: the idle time comes from the options") {
    ManualClock clock;
    SessionOptions options;
    options.idleTimeout = Millis(1'000);
    options.warningTimeout = Millis(500);
    options.defaultLanguage = "en";
    Session s(clock, options);
    CHECK(s.Language() == "en");
    ToQuestions(s);
    clock.Advance(Millis(1'000));
    CHECK(s.Tick() == TickOutcome::WarningStarted);
    CHECK(s.WarningRemaining() == Millis(500));
    clock.Advance(Millis(500));
    CHECK(s.Tick() == TickOutcome::Reset);
}

TEST_CASE("session: Welcome with a switched language goes back to the default after the idle time") {
    ManualClock clock;
    Session s(clock);
    const TimePoint t0 = clock.Now();
    REQUIRE(s.SetLanguage("en"));
    CHECK(s.NextDeadline() == t0 + kIdle);
    clock.Advance(kIdle - Millis(1));
    CHECK(s.Tick() == TickOutcome::None);
    CHECK(s.Language() == "en");
    clock.Advance(Millis(1));
    // No warning at Welcome: nothing personal is on screen.
    CHECK(s.Tick() == TickOutcome::Reset);
    CHECK(s.Language() == "vi");
    CHECK_FALSE(s.NextDeadline());
}

TEST_CASE("session: Welcome with nothing changed never fires") {
    ManualClock clock;
    Session s(clock);
    CHECK_FALSE(s.NextDeadline());
    clock.Advance(std::chrono::hours(24));
    CHECK(s.Tick() == TickOutcome::None);
    // Switching to another language and back to the default leaves nothing to undo either.
    REQUIRE(s.SetLanguage("en"));
    REQUIRE(s.SetLanguage("vi"));
    CHECK_FALSE(s.NextDeadline());
    clock.Advance(std::chrono::hours(24));
    CHECK(s.Tick() == TickOutcome::None);
    CHECK(s.GetStage() == Stage::Welcome);
}
