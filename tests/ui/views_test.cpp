// The view-model builders on their own: a flow state (driven without ImGui) and the real translations in,
// the texts and flags a screen draws out. Nothing is drawn here.
#include "flow_driver.h"

#include "kiosk/core/take_home.h"
#include "kiosk/core/text.h"
#include "kiosk/ui/citizen_views.h"
#include "kiosk/ui/staff_views.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace kiosk;
using namespace kiosk::flow;
using namespace kiosk::flow::test;
using kiosk::ui::Translations;

namespace {

Translations RealTexts() {
    std::vector<std::string> errors;
    Translations t = Translations::Load(SourcePath("assets/i18n"), {"vi", "en"}, errors);
    REQUIRE(errors.empty());
    return t;
}

}  // namespace

TEST_CASE("views: welcome lists the offered questionnaires, languages, text sizes and marks the choices") {
    const Translations texts = RealTexts();
    World w = FlowDriver::DefaultWorld();
    w.catalog.all.push_back(LoadFixture("tests/fixtures/minimal.json", "second"));
    w.catalog.enabled.push_back(true);
    FlowDriver d(w);
    d.Do(IntentKind::ChooseQuestionnaire, 1);
    d.Do(IntentKind::SetTextSize, 2);
    ui::WelcomeView v = ui::BuildWelcomeView(d.flow.Citizen(), texts);
    REQUIRE(v.questionnaires.size() == 2);
    CHECK_FALSE(v.questionnaires[0].selected);
    CHECK(v.questionnaires[1].selected);
    CHECK(v.questionnaires[0].detail.find("câu hỏi") != std::string::npos);
    REQUIRE(v.languages.size() == 2);
    CHECK(v.languages[0].selected);
    CHECK(v.start == texts.Get("vi", "welcome.start"));
    REQUIRE(v.textSizes.size() == 3);
    CHECK(v.textSizes[2].selected);
    d.Do(IntentKind::SetLanguage, 1);
    v = ui::BuildWelcomeView(d.flow.Citizen(), texts);
    CHECK(v.start == texts.Get("en", "welcome.start"));
    CHECK(v.languages[1].selected);
}

TEST_CASE("views: the question view numbers the question, marks the answer and enables Next only then") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.Do(IntentKind::Consent, 1);
    ui::QuestionView v = ui::BuildQuestionView(d.flow.Citizen(), texts);
    CHECK(v.progress == "Câu 1/6");
    CHECK_FALSE(v.nextEnabled);
    for (const auto& o : v.options) CHECK_FALSE(o.selected);
    d.Do(IntentKind::Answer, 1);
    v = ui::BuildQuestionView(d.flow.Citizen(), texts);
    CHECK(v.nextEnabled);
    REQUIRE(v.options.size() > 1);
    CHECK(v.options[1].selected);
    CHECK(v.fraction == doctest::Approx(1.0 / 6));
}

TEST_CASE("views: the result view writes scores with the language's decimal separator and says it was stored") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.TakeToResult(true);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    const ui::QrMatrix qr;
    ui::ResultView v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    CHECK(v.note == texts.Get("vi", "result.saved_note"));
    CHECK(v.qr == &qr);
    CHECK_FALSE(v.areas.empty());
    CHECK(ui::FormatDecimal(61.06, texts, "vi") == "61,1");
    CHECK(ui::FormatDecimal(61.06, texts, "en") == "61.1");
    const std::string qrText = ui::ResultQrText(d.flow.Citizen(), texts);
    CHECK(qrText.find(v.overallLevel) != std::string::npos);
    CHECK(qrText.find("mini 1") != std::string::npos);  // the questionnaire and its version, as on the page
    FlowDriver practice;
    practice.TakeToResult(false);
    CHECK(ui::BuildResultView(practice.flow.Citizen(), texts, &qr).note == texts.Get("vi", "result.practice_note"));
}

TEST_CASE("views: out of service is in both languages and says when a result is kept") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.world.storeFails = true;
    d.TakeToResult(true);
    ui::MessageView v = ui::BuildOutOfServiceView(d.flow.Citizen(), texts);
    CHECK(v.title == texts.Get("vi", "oos.title"));
    CHECK(v.body == texts.Get("vi", "oos.body_kept"));
    CHECK(v.secondaryBody == texts.Get("en", "oos.body_kept"));
    // Broken translations still give a calm screen.
    const Translations none;
    CHECK(ui::BuildOutOfServiceView(d.flow.Citizen(), none).title == "Tạm ngừng phục vụ");
}

TEST_CASE("views: the idle view counts whole seconds down") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.Do(IntentKind::Start);
    d.Advance(core::Millis(90'000));
    d.Advance(core::Millis(12'500));
    ui::IdleView v = ui::BuildIdleView(d.flow.Citizen(), texts);
    CHECK(v.seconds == "18");
    CHECK(v.fraction == doctest::Approx(17.5 / 30));
}

TEST_CASE("views: the PIN pad shows dots only, the attempts left and the lock countdown") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.Hold(core::Millis(3'000));
    d.Do(IntentKind::PinDigit, 4);
    d.Do(IntentKind::PinDigit, 2);
    ui::PinPadView v = ui::BuildPinPadView(d.flow.Staff(), texts);
    CHECK(v.digits == 2);
    CHECK(v.message.empty());
    for (int i = 0; i < 6; ++i) d.EnterPin("111111");
    v = ui::BuildPinPadView(d.flow.Staff(), texts);
    CHECK(v.locked);
    CHECK(v.message == ui::Format(texts.Get("vi", "staff.pin.locked"), {{"seconds", "30"}}));
}

TEST_CASE("views: the export page shows progress while running and a calm message when the drive is full") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.world.drives = {{"/media/stick", "stick"}};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Export));
    d.Do(IntentKind::StaffRun);
    d.flow.Staff().ExportProgress(25, 100);
    ui::ExportView v = ui::BuildExportView(d.flow.Staff(), texts);
    CHECK(v.running);
    CHECK(v.progress == doctest::Approx(0.25));
    CHECK(v.progressText.find("25/100") != std::string::npos);
    REQUIRE(v.drives.size() == 1);
    CHECK(v.drives[0].selected);
    d.flow.Staff().ExportFinished(ExportOutcome{false, "", 0, ExportProblem::DriveFull, "ENOSPC"});
    v = ui::BuildExportView(d.flow.Staff(), texts);
    CHECK_FALSE(v.running);
    CHECK(v.resultIsError);
    CHECK(v.result == texts.Get("vi", "staff.export.full"));
}

TEST_CASE("views: the questionnaire page marks switched-on rows and shows install errors with their place") {
    const Translations texts = RealTexts();
    FlowDriver d;
    d.world.installFiles = {"/media/stick/new.json"};
    d.flow.Staff().SetStorePages(true);
    d.EnterStaffMenu();
    d.Do(IntentKind::StaffMenu, static_cast<int>(StaffAction::Questionnaires));
    ui::StaffListView list = ui::BuildQuestionnairesView(d.flow.Staff(), texts);
    REQUIRE(list.rows.size() == 1);
    CHECK(list.rows[0].selected);
    CHECK(list.rows[0].id == "qs.toggle.0");
    d.Do(IntentKind::StaffToggle, 0);  // the last one
    list = ui::BuildQuestionnairesView(d.flow.Staff(), texts);
    CHECK(list.message == texts.Get("vi", "staff.qs.last_one"));
    CHECK(list.messageIsError);
    d.Do(IntentKind::StaffOpenInstall);
    d.Do(IntentKind::StaffInstallFile, 0);
    ui::StaffListView install = ui::BuildInstallView(d.flow.Staff(), texts);
    CHECK(install.message == ui::Format(texts.Get("vi", "staff.install.invalid"), {{"count", "1"}}));
    REQUIRE(install.lines.size() == 1);
    CHECK(install.lines[0].find("/areas") != std::string::npos);
    CHECK(install.lines[0].find("3") != std::string::npos);
}

TEST_CASE("views: the result says the level in words with its description, whole-number scores, and how printing went") {
    const Translations texts = RealTexts();
    World w;
    w.catalog.dir = "questionnaires";
    w.catalog.all = {LoadFixture("questionnaires/danang-dcf-quick.json")};
    w.catalog.enabled = {true};
    FlowDriver d(w);
    d.TakeToResult(true);
    REQUIRE(d.CurrentScreen() == Screen::Result);
    const ui::QrMatrix qr;
    ui::ResultView v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    const core::Result& r = *d.flow.Citizen().Session().GetResult();
    const core::Questionnaire& q = *d.flow.Citizen().Session().GetQuestionnaire();
    REQUIRE(r.overall.assessed);
    CHECK(v.overallLevel == core::TextIn(q.scoring.levels[r.overall.levelIndex].label, "vi"));
    CHECK_FALSE(v.overallDescription.empty());
    CHECK(v.overallDescription == core::TextIn(*core::LevelDescription(q, -1, r.overall.levelIndex), "vi"));
    CHECK(v.overallScore.find(',') == std::string::npos);  // "52/100 điểm", never "52,0"
    REQUIRE(v.areas.size() == q.areas.size());
    for (std::size_t i = 0; i < v.areas.size(); ++i) {
        if (!r.areas[i].score.assessed) continue;
        CHECK(v.areas[i].value == std::to_string(static_cast<int>(std::lround(r.areas[i].score.score))) + " · " +
                                      core::TextIn(q.scoring.levels[r.areas[i].score.levelIndex].label, "vi"));
    }
    CHECK(v.printShown);
    CHECK(v.printEnabled);
    CHECK(v.printMessage.empty());

    d.Do(IntentKind::PrintResult);
    v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    CHECK(v.printShown);
    CHECK_FALSE(v.printEnabled);
    CHECK(v.printMessage == texts.Get("vi", "result.printing"));
    const int job = d.LastEvent(EventKind::PrintResult)->printRequest.job;
    d.flow.Citizen().PrintFinished(PrintOutcome::NoPrinter, job);
    v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    CHECK(v.printMessage == texts.Get("vi", "result.print_no_printer"));
    CHECK(v.printEnabled);
    d.Do(IntentKind::PrintResult);
    d.flow.Citizen().PrintFinished(PrintOutcome::Printed, d.LastEvent(EventKind::PrintResult)->printRequest.job);
    v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    CHECK(v.printMessage == texts.Get("vi", "result.printed"));
    CHECK_FALSE(v.printShown);

    // The details page: each area with its level word and its own description.
    d.Do(IntentKind::ToggleDetails);
    v = ui::BuildResultView(d.flow.Citizen(), texts, &qr);
    REQUIRE(v.details.size() == q.areas.size());
    CHECK_FALSE(v.details.front().level.empty());
    CHECK_FALSE(v.details.front().description.empty());

    // Practice: a failure does not claim the result is saved.
    FlowDriver practice(w);
    practice.TakeToResult(false);
    practice.Do(IntentKind::PrintResult);
    practice.flow.Citizen().PrintFinished(PrintOutcome::Failed, practice.LastEvent(EventKind::PrintResult)->printRequest.job);
    CHECK(ui::BuildResultView(practice.flow.Citizen(), texts, &qr).printMessage ==
          texts.Get("vi", "result.print_failed_practice"));

    // Switched off: no button at all.
    FlowOptions off;
    off.citizen.printing = false;
    FlowDriver quiet(w, off);
    quiet.TakeToResult(true);
    CHECK_FALSE(ui::BuildResultView(quiet.flow.Citizen(), texts, &qr).printShown);
}
