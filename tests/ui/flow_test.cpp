// A citizen taps through the kiosk headlessly: real screens, real controller, real fonts; only the clock
// and the result store are stand-ins. Checks what is stored, idle handling, practice mode, language and
// text size, leaving, and that nothing of one citizen is left for the next.
#include "harness.h"

#include "kiosk/core/scoring.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::app;
using namespace kiosk::ui::test;

namespace {

// Taps an answer, dragging the question body up first if that answer is scrolled out of view.
void TapOption(Harness& h, int option) {
    const std::string id = "option." + std::to_string(option);
    for (int tries = 0; tries < 10; ++tries) {
        const HitTarget* t = FindTarget(h.ui, id);
        if (t && t->max.y - t->min.y >= MinTouchHeight(h.ui) * 0.9f) break;
        h.Drag(ImVec2(960, 800), ImVec2(960, 500));
    }
    h.Tap(id);
}

// Answers every question with `choose(questionIndex, optionCount)`; returns the answers as tapped.
template <typename Choose>
core::AnswerMap AnswerAll(Harness& h, Choose choose) {
    core::AnswerMap tapped;
    const core::Session& s = h.controller->GetSession();
    const std::size_t count = s.QuestionCount();
    for (std::size_t i = 0; i < count; ++i) {
        REQUIRE(h.CurrentScreen() == Screen::Question);
        REQUIRE(s.QuestionIndex() == i);
        const core::Item& item = *s.CurrentItem();
        int n = static_cast<int>(s.GetQuestionnaire()->OptionsOf(item).size());
        int option = choose(item, n);
        TapOption(h, option);
        CHECK(s.CurrentAnswer() == option);
        tapped[item.id] = option;
        h.Tap("question.next");
    }
    return tapped;
}

// The minimal fixture answered with option 2 everywhere except the knowledge check, answered correctly.
int FixtureChoice(const core::Item& item, int) { return item.IsKnowledgeCheck() ? 0 : 2; }

}  // namespace

TEST_CASE("a citizen takes the assessment by tapping and the result is stored once") {
    Harness h;
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.Shows("Bắt đầu"));
    h.Tap("welcome.start");
    REQUIRE(h.CurrentScreen() == Screen::Consent);
    h.Tap("consent.agree");
    REQUIRE(h.CurrentScreen() == Screen::Question);
    CHECK(h.Shows("Câu 1/6"));

    core::AnswerMap tapped = AnswerAll(h, FixtureChoice);
    REQUIRE(h.CurrentScreen() == Screen::Profile);
    CHECK(h.fakeSink.saved.empty());  // nothing is stored before the result exists
    h.Tap("profile.age.3");
    h.Tap("profile.gender.0");
    h.Tap("profile.assisted.1");
    CHECK(h.Target("profile.age.3").selected);
    h.Tap("profile.submit");
    REQUIRE(h.CurrentScreen() == Screen::Result);

    // Stored the moment the result was computed, exactly once, with what was tapped.
    REQUIRE(h.fakeSink.saved.size() == 1);
    const core::ResultRecord& rec = h.fakeSink.saved[0];
    CHECK(rec.answers == tapped);
    CHECK(rec.profile.ageBand == "60-74");
    CHECK(rec.profile.gender == "female");
    CHECK(rec.profile.assisted == "no");
    CHECK(rec.language == "vi");
    CHECK(rec.date == "2025-03-14");
    REQUIRE(rec.questionnaire);
    CHECK(rec.questionnaire->id == "mini");
    // Hand-computed: c1 = (66.7·1 + 100·1 + 66.7·2 + 66.7·1)/5 = 73.3, c2 = 66.7 -> area 1 = 70.0;
    // area 2 = 66.7; overall = 68.3, "high" (60–80).
    CHECK(rec.result.overall.score == doctest::Approx(68.3));
    CHECK(rec.questionnaire->scoring.levels[rec.result.overall.levelIndex].id == "high");
    CHECK(h.Shows("68/100 điểm"));  // whole numbers on screen (the stored result keeps 68.3)
    CHECK(h.Shows("Cao"));
    CHECK(h.Shows("Kết quả đã được lưu"));
    CHECK(h.controller->GetSession().Saved());

    // Details on demand.
    CHECK_FALSE(h.Shows("Năng lực 3"));
    h.Tap("result.details");
    CHECK(h.Shows("Năng lực 3"));

    h.Tap("result.done");
    CHECK(h.CurrentScreen() == Screen::ThankYou);
    CHECK(h.Shows("Cảm ơn bạn!"));
    h.Advance(core::Millis(9'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.fakeSink.saved.size() == 1);
    CHECK(h.texts.MissingKeys().empty());
}

TEST_CASE("the shipped quick questionnaire can be taken from start to stored result") {
    const std::string dir = SourcePath("questionnaires");
    if (!std::filesystem::exists(dir + "/danang-dcf-quick.json")) {
        MESSAGE("questionnaires/danang-dcf-quick.json is not in this checkout; covered by the fixture test");
        return;
    }
    HarnessOptions o;
    o.questionnairesDir = dir;
    Harness h(o);
    // Several questionnaires: the citizen chooses; the quick one is listed first and preselected.
    REQUIRE(h.catalog->Offered().size() >= 2);
    CHECK(h.catalog->Offered()[0]->id == "danang-dcf-quick");
    CHECK(h.Target("welcome.questionnaire.0").selected);
    CHECK(h.Shows("Khoảng 5 phút · 17 câu hỏi"));
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    REQUIRE(h.controller->GetSession().QuestionCount() == 17);
    core::AnswerMap tapped = AnswerAll(h, [](const core::Item& item, int n) {
        // Knowledge checks: the first option; scales: the second-highest valued one (never "prefer not").
        return item.IsKnowledgeCheck() ? 0 : std::max(0, n - 3);
    });
    h.Tap("profile.skip");
    REQUIRE(h.CurrentScreen() == Screen::Result);
    REQUIRE(h.fakeSink.saved.size() == 1);
    const auto& rec = h.fakeSink.saved[0];
    CHECK(rec.questionnaire->id == "danang-dcf-quick");
    CHECK(rec.answers == tapped);
    CHECK(rec.profile.ageBand == core::kNoAnswer);
    // The stored result is the core's scoring of exactly those answers.
    core::Result expected = core::ScoreAnswers(*rec.questionnaire, tapped);
    CHECK(rec.result.overall.score == doctest::Approx(expected.overall.score));
    CHECK(h.texts.MissingKeys().empty());
}

TEST_CASE("declining consent is a practice run: the result is shown but nothing is stored") {
    Harness h;
    h.Tap("welcome.start");
    h.Tap("consent.decline");
    AnswerAll(h, FixtureChoice);
    h.Tap("profile.skip");
    REQUIRE(h.CurrentScreen() == Screen::Result);
    CHECK(h.Shows("Bài làm thử: kết quả này không được lưu."));
    CHECK(h.Shows("68/100 điểm"));  // whole numbers on screen (the stored result keeps 68.3)
    CHECK(h.fakeSink.saved.empty());
    CHECK(h.fakeSink.attempts == 0);
    h.Tap("result.done");
    CHECK(h.CurrentScreen() == Screen::ThankYou);
    h.Tap("thanks.anywhere");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.fakeSink.saved.empty());
}

TEST_CASE("idle: a warning with a countdown, then everything is discarded") {
    HarnessOptions o;
    o.controller.session.idleTimeout = core::Millis(90'000);
    o.controller.session.warningTimeout = core::Millis(30'000);
    Harness h(o);
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    TapOption(h, 1);
    h.Tap("question.next");
    TapOption(h, 0);
    REQUIRE(h.controller->GetSession().AnsweredCount() == 2);

    h.Advance(core::Millis(89'000));
    CHECK(h.CurrentScreen() == Screen::Question);
    h.Advance(core::Millis(1'000));
    REQUIRE(h.CurrentScreen() == Screen::IdleWarning);
    CHECK(h.Shows("Bạn còn ở đó không?"));
    CHECK(h.Shows("30"));
    h.Advance(core::Millis(12'500));
    CHECK(h.Shows("18"));  // 17.5 s left, shown rounded up
    // The kiosk wakes for the next countdown second, not later.
    auto wake = h.controller->NextWakeup();
    REQUIRE(wake);
    CHECK(*wake - h.clock.Now() == core::Millis(500));

    h.Advance(core::Millis(17'500));
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.controller->GetSession().AnsweredCount() == 0);
    CHECK(h.fakeSink.attempts == 0);  // partial answers are never stored
    CHECK_FALSE(h.controller->NextWakeup().has_value());  // an untouched welcome screen sleeps
}

TEST_CASE("idle: touching the warning keeps the citizen's answers and does not tap what lies beneath") {
    Harness h;
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    TapOption(h, 1);
    const HitTarget option3 = h.Target("option.3");
    h.Advance(core::Millis(95'000));
    REQUIRE(h.CurrentScreen() == Screen::IdleWarning);
    // Tap exactly where answer 3 was: the warning takes the touch.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = option3.Centre();
    io.MouseDown[0] = true;
    h.Frame();
    CHECK(h.CurrentScreen() == Screen::IdleWarning);  // a press alone does not dismiss it
    io.MouseDown[0] = false;
    h.Frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    h.Frames(2);
    REQUIRE(h.CurrentScreen() == Screen::Question);
    CHECK(h.controller->GetSession().CurrentAnswer() == 1);
    h.Advance(core::Millis(60'000));
    CHECK(h.CurrentScreen() == Screen::Question);  // the idle time started again
}

TEST_CASE("leaving asks first, and leaving wipes the answers") {
    Harness h;
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    TapOption(h, 2);
    h.Tap("question.leave");
    REQUIRE(h.CurrentScreen() == Screen::ConfirmLeave);
    h.Tap("leave.cancel");
    REQUIRE(h.CurrentScreen() == Screen::Question);
    CHECK(h.controller->GetSession().CurrentAnswer() == 2);
    h.Tap("question.leave");
    h.Tap("leave.confirm");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.controller->GetSession().AnsweredCount() == 0);
    CHECK(h.fakeSink.attempts == 0);
}

TEST_CASE("back buttons walk back through the questions and to the welcome screen") {
    Harness h;
    h.Tap("welcome.language.1");
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    TapOption(h, 1);
    h.Tap("question.next");
    CHECK(h.Shows("Question 2 of 6"));
    CHECK(h.Target("question.next").enabled == false);  // unanswered: Next waits for an answer
    CHECK(h.Shows("Please tap one answer"));
    h.Tap("question.back");
    CHECK(h.Shows("Question 1 of 6"));
    CHECK(h.Target("option.1").selected);  // the chosen answer is marked
    TapOption(h, 3);                         // changing it is one tap
    CHECK(h.controller->GetSession().CurrentAnswer() == 3);
    CHECK(h.Target("option.3").selected);
    CHECK_FALSE(h.Target("option.1").selected);
    h.Tap("question.back");
    CHECK(h.CurrentScreen() == Screen::Consent);
    h.Tap("consent.back");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.Shows("Start"));  // the same person: still in English
}

TEST_CASE("language switch: the interface and the questions follow, widgets keep working") {
    Harness h;
    CHECK(h.Shows("Tự đánh giá năng lực số"));
    h.Tap("welcome.language.1");
    CHECK(h.controller->GetSession().Language() == "en");
    CHECK(h.Shows("Start"));
    CHECK_FALSE(h.Shows("Bắt đầu"));
    h.Tap("welcome.start");
    CHECK(h.Shows("Before you begin"));
    h.Tap("consent.agree");
    CHECK(h.Shows("Item k"));
    CHECK(h.Shows("Competency 1"));
    TapOption(h, 0);
    CHECK(h.controller->GetSession().CurrentAnswer() == 0);
    CHECK(h.texts.MissingKeys().empty());
}

TEST_CASE("text size steps rebuild the fonts and grow the buttons") {
    Harness h;
    CHECK(h.fonts.size == doctest::Approx(28));
    const float startHeight = h.Target("welcome.start").max.y - h.Target("welcome.start").min.y;
    CHECK(startHeight >= 96);
    h.Tap("welcome.text_size.2");
    CHECK(h.controller->TextSizeStep() == 2);
    CHECK(h.fonts.size == doctest::Approx(42));
    CHECK(h.Target("welcome.text_size.2").selected);
    CHECK(h.Target("welcome.start").max.y - h.Target("welcome.start").min.y > startHeight);
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    const HitTarget& option = h.Target("option.0");
    CHECK(option.max.y - option.min.y >= 96);
    CHECK(option.max.x - option.min.x > 1000);  // full-width answers
    // At the largest size the answers no longer fit: they scroll, and every one is still reachable.
    TapOption(h, 4);
    CHECK(h.controller->GetSession().CurrentAnswer() == 4);
}

TEST_CASE("on a small screen every answer is on screen at once and a drag never picks an answer") {
    HarnessOptions o;
    o.height = 700;  // a small screen: the answers used to overflow into a scroll area here
    Harness h(o);
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    for (int i = 0; i < 5; ++i) {
        REQUIRE(h.HasTarget("option." + std::to_string(i)));
        const HitTarget& t = h.Target("option." + std::to_string(i));
        CHECK(t.max.y <= 700);
        CHECK(t.min.x == t.fullMin.x);
        CHECK(t.max.y == t.fullMax.y);
    }
    const HitTarget first = h.Target("option.0");
    h.Drag(first.Centre(), ImVec2(first.Centre().x, first.Centre().y - 350));
    CHECK_FALSE(h.controller->GetSession().CurrentAnswer().has_value());
    // Nothing moved: the page does not scroll.
    CHECK(h.Target("option.0").Centre().y == first.Centre().y);
    // A small wobble during a tap is still a tap.
    const HitTarget two = h.Target("option.2");
    h.Drag(two.Centre(), ImVec2(two.Centre().x + 4, two.Centre().y + 5), 2);
    CHECK(h.controller->GetSession().CurrentAnswer() == 2);
}

TEST_CASE("after a reset nothing of the previous citizen is visible") {
    Harness fresh;
    const std::vector<std::string> welcomeText = fresh.Text();

    Harness h;
    h.Tap("welcome.language.1");
    h.Tap("welcome.text_size.1");
    h.Tap("welcome.contrast");
    CHECK(h.controller->HighContrast());
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    AnswerAll(h, FixtureChoice);
    h.Tap("profile.age.0");
    h.Tap("profile.submit");
    h.Tap("result.details");
    REQUIRE(h.CurrentScreen() == Screen::Result);
    h.Tap("result.done");
    CHECK(h.Shows("Thank you!"));  // thanked in their language
    h.Advance(core::Millis(9'000));
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.Text() == welcomeText);
    CHECK(h.controller->TextSizeStep() == 0);
    CHECK_FALSE(h.controller->HighContrast());
    CHECK(h.controller->GetSession().Language() == "vi");

    // The next citizen starts from a clean profile and no answers.
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    CHECK_FALSE(h.controller->GetSession().CurrentAnswer().has_value());
    AnswerAll(h, FixtureChoice);
    CHECK(h.Target("profile.age.5").selected);  // "no answer" again
}

TEST_CASE("an idle reset also clears the text size and contrast someone left on the welcome screen") {
    Harness h;
    h.Tap("welcome.text_size.2");
    h.Tap("welcome.contrast");
    REQUIRE(h.controller->NextWakeup().has_value());
    h.Advance(core::Millis(89'000));
    CHECK(h.controller->TextSizeStep() == 2);
    h.Advance(core::Millis(1'000));
    CHECK(h.controller->TextSizeStep() == 0);
    CHECK_FALSE(h.controller->HighContrast());
    CHECK_FALSE(h.controller->NextWakeup().has_value());
}

TEST_CASE("a storage failure shows the out-of-service screen, keeps the result and saves it on retry") {
    Harness h;
    h.fakeSink.failing = true;
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    core::AnswerMap tapped = AnswerAll(h, FixtureChoice);
    h.Tap("profile.skip");
    REQUIRE(h.CurrentScreen() == Screen::OutOfService);
    CHECK(h.Shows("Tạm ngừng phục vụ"));
    CHECK(h.Shows("Temporarily out of service"));
    CHECK(h.controller->PendingResults() == 1);
    CHECK(h.log.Contains("saving a result failed: DiskFull"));
    CHECK(h.controller->GetSession().AnsweredCount() == 0);  // not on screen any more
    CHECK(h.ui.targets.empty());                             // nothing for a citizen to tap

    h.Advance(core::Millis(30'000));  // retry: still failing
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    h.fakeSink.failing = false;
    h.clock.today = "2025-03-15";  // the retry happens after midnight
    h.Advance(core::Millis(29'000));
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    h.Advance(core::Millis(1'000));
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    REQUIRE(h.fakeSink.saved.size() == 1);
    CHECK(h.fakeSink.saved[0].answers == tapped);
    CHECK(h.fakeSink.saved[0].date == "2025-03-14");  // the day it was completed
    CHECK(h.controller->PendingResults() == 0);
}

TEST_CASE("a store that cannot be opened at start keeps the kiosk out of service until it can") {
    FakeSink sink;
    sink.failing = true;
    HarnessOptions o;
    o.sink = &sink;
    Harness h(o);
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    sink.failing = false;
    h.Advance(core::Millis(30'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("staff notices from the store are logged for staff") {
    FakeSink sink;
    sink.notices.push_back("storage: the database was damaged; moved aside");
    HarnessOptions o;
    o.sink = &sink;
    Harness h(o);
    REQUIRE(h.controller->StaffNotices().size() == 1);
    bool flagged = false;
    for (const auto& l : h.log.lines) flagged = flagged || (l.level == LogLevel::Staff && l.message.find("damaged") != std::string::npos);
    CHECK(flagged);
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("no valid questionnaire: out of service, back in service when one appears") {
    TempDir dir;
    HarnessOptions o;
    o.questionnairesDir = dir.Path();
    Harness h(o);
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    CHECK(h.log.Contains("no valid questionnaire"));
    std::filesystem::copy_file(SourcePath("tests/fixtures/minimal.json"), dir.File("minimal.json"));
    h.Advance(core::Millis(30'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("the result QR code holds the printed page's short summary: day, questionnaire, levels, what to learn") {
    HarnessOptions o;
    o.controller.learningPortalUrl = "https://binhdanhocvuso.gov.vn";
    Harness h(o);
    h.clock.today = "2026-12-01";
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    AnswerAll(h, FixtureChoice);
    h.Tap("profile.skip");
    const std::string text = h.controller->ResultQrText();
    CHECK(text.rfind("01/12/2026 mini 1\n", 0) == 0);  // the day only, the questionnaire and its version
    CHECK(text.find("Tổng: Cao (mức 4/5)") != std::string::npos);
    CHECK(text.find("Lĩnh vực 1-2: 4 4") != std::string::npos);
    CHECK(text.find("https://binhdanhocvuso.gov.vn") != std::string::npos);
    CHECK(text.find("kiosk") == std::string::npos);  // no kiosk or result id
    CHECK(h.Shows("Học thêm miễn phí tại: https://binhdanhocvuso.gov.vn"));
}

TEST_CASE("an unexpected error abandons the session calmly; repeated errors stop the kiosk for staff") {
    Harness h;
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    TapOption(h, 1);
    h.controller->RecoverFromError("test failure 1");
    h.Frame();
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK(h.controller->GetSession().AnsweredCount() == 0);
    CHECK(h.controller->StaffNotices().size() == 1);
    h.controller->RecoverFromError("test failure 2");
    h.controller->RecoverFromError("test failure 3");
    h.Frame();
    CHECK(h.CurrentScreen() == Screen::OutOfService);
    CHECK(h.log.Contains("internal error: test failure 3"));
}
