// The kiosk app prints the result on screen (run by app_print_test.sh, which starts a private cupsd and sets
// CUPS_SERVER and KIOSK_TEST_PRINT_OUT; alone, these cases fail). The headless kiosk is the real one: the
// controller, flow, screens and the print worker thread; only the window is missing.
#include "harness.h"

#include "kiosk/core/take_home.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace kiosk::ui::test {
namespace {

std::string PrintOut() {
    const char* out = std::getenv("KIOSK_TEST_PRINT_OUT");
    REQUIRE_MESSAGE(out != nullptr, "run through tests/print/app_print_test.sh (it starts cupsd)");
    REQUIRE_MESSAGE(std::getenv("CUPS_SERVER") != nullptr, "CUPS_SERVER must name the test's cupsd");
    return out;
}

HarnessOptions Options() {
    HarnessOptions o;
    o.questionnairesDir = SourcePath("questionnaires");  // the shipped forms: they carry level descriptions
    o.width = 1366;
    o.height = 768;
    o.controller.learningPortalUrl = "https://binhdanhocvuso.gov.vn";
    return o;
}

// Start, consent, answer every question (cycling through the answers), skip the profile.
void TakeToResult(Harness& h) {
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    for (int n = 0; h.CurrentScreen() == Screen::Question && n < 200; ++n) {
        const std::string pick = "option." + std::to_string(n % 3);
        for (int step = 0; step < 8 && !h.HasTarget(pick); ++step) h.Tap("question.more_answers");
        h.Tap(pick);
        for (int step = 0; step < 8 && !h.Target("question.next").enabled; ++step) h.Tap("question.more_answers");
        h.Tap("question.next");
    }
    REQUIRE(h.CurrentScreen() == Screen::Profile);
    h.Tap("profile.skip");
    REQUIRE(h.CurrentScreen() == Screen::Result);
}

// Frames until `done` holds (the worker runs on its own thread), at most 30 s.
template <typename Done>
bool FramesUntil(Harness& h, Done done) {
    for (int i = 0; i < 600; ++i) {
        h.Frame();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string Run(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

// Every run of white space as one space, so a line break in the PDF does not split a phrase.
std::string OneLine(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

bool WholePdfAt(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string bytes = s.str();
    return bytes.rfind("%PDF-", 0) == 0 && bytes.find("%%EOF", bytes.size() > 64 ? bytes.size() - 64 : 0) != std::string::npos;
}

}  // namespace

TEST_CASE("app print: no printer at all gives the calm message; the result is saved and a retry is offered") {
    PrintOut();
    Harness h(Options());
    TakeToResult(h);
    REQUIRE(h.fakeSink.saved.size() == 1);
    REQUIRE(h.HasTarget("result.print"));
    h.Tap("result.print");
    const std::string message = h.texts.Get("vi", "result.print_no_printer");
    const std::string start = message.substr(0, message.find(' ', 20));
    REQUIRE(FramesUntil(h, [&] { return h.Shows(start); }));
    CHECK(h.CurrentScreen() == Screen::Result);
    CHECK(h.fakeSink.saved.size() == 1);
    REQUIRE(h.HasTarget("result.print"));
    CHECK(h.Target("result.print").enabled);
    CHECK(h.log.Contains("print: "));
}

TEST_CASE("app print: the page arrives on the CUPS queue once, with the levels, areas, what to learn and the note") {
    const std::string out = PrintOut();
    Harness h(Options());
    h.clock.today = "2026-12-01";
    TakeToResult(h);
    h.Tap("result.print");
    CHECK(h.Shows(h.texts.Get("vi", "result.printing")));
    CHECK_FALSE(h.Target("result.print").enabled);
    // A second tap while printing (the button is disabled; the intent is sent anyway) does nothing.
    h.controller->Apply(flow::Intent{flow::IntentKind::PrintResult, -1});
    h.Frame();
    const std::string printed = h.texts.Get("vi", "result.printed");
    REQUIRE(FramesUntil(h, [&] { return h.Shows(printed.substr(0, printed.find(' ', 12))); }));
    CHECK_FALSE(h.HasTarget("result.print"));  // one page per result
    REQUIRE(FramesUntil(h, [&] { return WholePdfAt(out); }));
    // Exactly one job reached the queue.
    const std::string jobs = Run("lpstat -W completed -o desk 2>/dev/null; lpstat -o desk 2>/dev/null");
    CHECK(std::count(jobs.begin(), jobs.end(), '\n') == 1);

    const std::string text = OneLine(Run("pdftotext -enc UTF-8 '" + out + "' -"));
    INFO(text);
    const core::Session& s = h.controller->GetSession();
    const core::Questionnaire& q = *s.GetQuestionnaire();
    const core::Result& r = *s.GetResult();
    REQUIRE(r.overall.assessed);
    CHECK(text.find(OneLine(core::TextIn(q.scoring.levels[r.overall.levelIndex].label, "vi"))) != std::string::npos);
    const core::LocalizedText* description = core::LevelDescription(q, -1, r.overall.levelIndex);
    REQUIRE(description != nullptr);
    CHECK(text.find(OneLine(core::TextIn(*description, "vi")).substr(0, 30)) != std::string::npos);
    for (const auto& area : q.areas) CHECK(text.find(OneLine(core::TextIn(area.title, "vi"))) != std::string::npos);
    const auto learn = core::TopRecommendations(q, r, 3);
    REQUIRE_FALSE(learn.empty());
    for (const core::Competency* c : learn) CHECK(text.find(OneLine(core::TextIn(c->title, "vi"))) != std::string::npos);
    CHECK(text.find("không phải chứng chỉ") != std::string::npos);
    CHECK(text.find("01/12/2026") != std::string::npos);  // the day, and nothing finer
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{1,2}:[0-9]{2}")));
    CHECK(text.find("kiosk-1") == std::string::npos);  // no kiosk or result id
    CHECK(h.fakeSink.saved.size() == 1);
}

}  // namespace kiosk::ui::test
