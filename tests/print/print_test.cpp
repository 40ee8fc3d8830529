// The printed result page: what pdftotext finds on it (levels, areas, recommendations, where to learn, the
// disclaimer) and what it must not carry (time of day, ids); the QR read back off the rendered page; the
// layouts; page images for review under build/print-review/; the paper chosen from a printer's media.
#include "kiosk/core/scoring.h"
#include "kiosk/core/text.h"
#include "kiosk/print/printer.h"
#include "kiosk/print/result_page.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sys/wait.h>
#include <unistd.h>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const std::string kSource = KIOSK_SOURCE_DIR;

std::string Run(const std::string& command) { return kiosk::test::RunCommand(command); }

// Whitespace runs as one space, so text that the page wrapped still matches.
std::string Flat(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct Fixture {
    core::Questionnaire q;
    core::Result r;
    print::ResultPage page;

    explicit Fixture(const std::string& lang) {
        core::LoadResult loaded = core::LoadQuestionnaireFile(kSource + "/questionnaires/danang-dcf-quick.json");
        REQUIRE(loaded.Ok());
        q = *loaded.questionnaire;
        std::string bytes, error;
        REQUIRE(core::ReadFileBytes(kSource + "/tests/fixtures/print/quick-answers.json", bytes, error));
        core::AnswerMap answers;
        REQUIRE(core::ParseAnswers(q, nlohmann::json::parse(bytes), answers).empty());
        r = core::ScoreAnswers(q, answers);
        page.questionnaire = &q;
        page.result = &r;
        page.lang = lang;
        page.day = {2026, 12, 1};
        page.portalUrl = "https://binhdanhocvuso.gov.vn";
        REQUIRE_MESSAGE(print::LoadPageTexts(kSource + "/assets/i18n", lang, page.texts, error), error);
    }
    Fixture(const Fixture&) = delete;
};

// Renders into build/print-review/NAME.pdf and returns the path.
std::string Render(const print::ResultPage& page, print::Paper paper, const std::string& name) {
    std::string pdf;
    print::RenderError e = print::RenderResultPdf(page, paper, pdf);
    REQUIRE_MESSAGE(!e, e.detail);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    fs::create_directories(PRINT_REVIEW_DIR);
    std::string path = std::string(PRINT_REVIEW_DIR) + "/" + name + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    return path;
}

std::string Info(const std::string& pdf, const std::string& key) {
    std::string info = Run("pdfinfo '" + pdf + "'");
    auto at = info.find(key + ":");
    if (at == std::string::npos) return "";
    auto end = info.find('\n', at);
    return Flat(info.substr(at + key.size() + 1, end - at - key.size() - 1));
}

}  // namespace

TEST_CASE("print: the A4 page says, in Vietnamese, where the citizen stands and what to learn next") {
    Fixture f("vi");
    std::string pdf = Render(f.page, print::Paper::A4, "a4-vi");
    std::string text = Flat(Run("pdftotext -enc UTF-8 '" + pdf + "' -"));
    INFO(text);
    // The day, the questionnaire and its version.
    CHECK(text.find("Ngày 01/12/2026") != std::string::npos);
    CHECK(text.find(core::TextIn(f.q.title, "vi")) != std::string::npos);
    CHECK(text.find("phiên bản " + f.q.version) != std::string::npos);
    // Overall level word, whole-number score and its description.
    CHECK(text.find("Khá · 49/100 điểm") != std::string::npos);
    CHECK(text.find(Flat(f.q.scoring.levels[2].description.at("vi"))) != std::string::npos);
    // Every area with its level and that level's description for the area.
    const char* levels[] = {"Nâng cao", "Khá", "Cơ bản", "Bắt đầu", "Cao"};
    for (std::size_t a = 0; a < f.q.areas.size(); ++a) {
        std::string title = std::to_string(a + 1) + ". " + f.q.areas[a].title.at("vi");
        CHECK_MESSAGE(text.find(title) != std::string::npos, title);
        CHECK(text.find(levels[a]) != std::string::npos);
        int level = f.r.areas[a].score.levelIndex;
        CHECK(text.find(Flat(f.q.areas[a].levelDescriptions.at(f.q.scoring.levels[level].id).at("vi"))) !=
              std::string::npos);
    }
    // The three weakest competencies with their recommendations, and where to learn.
    for (const char* id : {"2.5", "3.2", "4.2"}) {
        for (const auto& area : f.q.areas)
            for (const auto& c : area.competencies)
                if (c.id == id) {
                    CHECK(text.find(std::string(id) + " " + Flat(c.title.at("vi"))) != std::string::npos);
                    CHECK(text.find(Flat(c.recommendation.at("vi")).substr(0, 60)) != std::string::npos);
                }
    }
    CHECK(text.find("4.3 ") == std::string::npos);  // only the top three
    CHECK(text.find("Bình dân học vụ số") != std::string::npos);
    CHECK(text.find("binhdanhocvuso.gov.vn") != std::string::npos);
    CHECK(text.find("Tổ công nghệ số cộng đồng") != std::string::npos);
    CHECK(text.find("Quét bằng Zalo hoặc camera điện thoại để lưu kết quả") != std::string::npos);
    CHECK(text.find("không phải chứng chỉ") != std::string::npos);
    // Nothing identifying: no time of day anywhere, no questionnaire hash, no score with decimals.
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{1,2}:[0-9]{2}")));
    CHECK(text.find(f.q.sha256.substr(0, 12)) == std::string::npos);
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9],[0-9]")));
    // The document's own dates carry the day only (Cairo would stamp the rendering time).
    std::string bytes, error;
    REQUIRE(core::ReadFileBytes(pdf, bytes, error));
    for (const char* key : {"/CreationDate (", "/ModDate ("}) {
        auto at = bytes.find(key);
        REQUIRE_MESSAGE(at != std::string::npos, key);
        at += std::string(key).size();
        std::string date = bytes.substr(at, bytes.find(')', at) - at);
        INFO(key << date);
        auto day = date.find("20261201");
        CHECK(day <= 2);  // "20261201" or "D:20261201"
        CHECK(date.find_first_of("123456789", day + 8) == std::string::npos);  // no hour, minute or second
    }
    CHECK(Info(pdf, "Pages") == "1");
    CHECK(Info(pdf, "Page size").rfind("595.276 x 841.89", 0) == 0);
}

TEST_CASE("print: the QR code read off the rendered page is the page's QR text") {
    Fixture f("vi");
    std::string pdf = Render(f.page, print::Paper::A4, "a4-vi-qr");
    std::string png = std::string(PRINT_REVIEW_DIR) + "/a4-vi-qr";
    Run("pdftoppm -r 150 -png -singlefile '" + pdf + "' '" + png + "'");
    std::string decoded = Run("zbarimg --raw -q '" + png + ".png' 2>/dev/null");
    if (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
    CHECK(decoded == print::PageQrText(f.page));
    CHECK(decoded.find("01/12/2026 danang-dcf-quick") == 0);
}

TEST_CASE("print: A4 and the 80 mm receipt render to images for review, English too") {
    for (const char* lang : {"vi", "en"}) {
        Fixture f(lang);
        std::string a4 = Render(f.page, print::Paper::A4, std::string("a4-") + lang);
        std::string a5 = Render(f.page, print::Paper::A5, std::string("a5-") + lang);
        std::string roll = Render(f.page, print::Paper::Receipt80, std::string("receipt80-") + lang);
        // The roll is one page 80 mm wide, as long as its content; A5 may need a second sheet.
        CHECK(Info(roll, "Pages") == "1");
        CHECK(Info(roll, "Page size").rfind("226.772 x ", 0) == 0);
        CHECK(std::atoi(Info(a5, "Pages").c_str()) >= 1);
        CHECK(Info(a5, "Page size").rfind("419.528 x 595.276", 0) == 0);
        std::string rollText = Flat(Run("pdftotext -enc UTF-8 '" + roll + "' -"));
        CHECK(rollText.find(std::string(lang) == "vi" ? "không phải chứng chỉ" : "not a certificate") !=
              std::string::npos);
        CHECK(rollText.find(std::string(lang) == "vi" ? "Bắt đầu" : "Beginner") != std::string::npos);
        for (const std::string& pdf : {a4, roll}) {
            std::string base = pdf.substr(0, pdf.size() - 4);
            Run("pdftoppm -r 100 -png -singlefile '" + pdf + "' '" + base + "'");
            CHECK_MESSAGE(fs::exists(base + ".png"), base);
            CHECK(fs::file_size(base + ".png") > 20000);
        }
    }
}

TEST_CASE("print: a translation file without the page's strings is a clear error") {
    fs::path dir = fs::temp_directory_path() / ("kiosk-i18n-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "vi.json") << R"({"print.heading": "Kết quả", "qr.overall": "Tổng"})";
    print::PageTexts texts;
    std::string error;
    CHECK_FALSE(print::LoadPageTexts(dir.string(), "vi", texts, error));
    CHECK(error.find("print.disclaimer") != std::string::npos);
    CHECK(error.find("print.heading") == std::string::npos);
    CHECK_FALSE(print::LoadPageTexts(dir.string(), "xx", texts, error));
    fs::remove_all(dir);
}

TEST_CASE("print: the layout follows the printer's media") {
    using print::Paper;
    using print::PaperForMedia;
    CHECK(PaperForMedia("iso_a4_210x297mm", 0) == Paper::A4);
    CHECK(PaperForMedia("iso_a5_148x210mm", 0) == Paper::A5);
    CHECK(PaperForMedia("A5", 0) == Paper::A5);
    CHECK(PaperForMedia("na_letter_8.5x11in", 0) == Paper::A4);
    CHECK(PaperForMedia("roll_max_80x3276.8mm", 0) == Paper::Receipt80);
    CHECK(PaperForMedia("om_small_80x200mm", 0) == Paper::Receipt80);
    CHECK(PaperForMedia("oe_w288h0_72x0mm", 0) == Paper::Receipt80);
    CHECK(PaperForMedia("", 80) == Paper::Receipt80);
    CHECK(PaperForMedia("custom", 148) == Paper::A5);
    CHECK(PaperForMedia("", 0) == Paper::A4);
}

TEST_CASE("print: with no CUPS server reachable there is no printer, as a typed error") {
    const char* old = std::getenv("CUPS_SERVER");
    std::string saved = old ? old : "";
    fs::path sock = fs::temp_directory_path() / ("kiosk-no-cups-" + std::to_string(::getpid()) + ".sock");
    setenv("CUPS_SERVER", sock.c_str(), 1);
    print::PrinterInfo info;
    print::PrintError e = print::FindPrinter("", info);
    CHECK(e.kind == print::PrintErrorKind::NoPrinter);
    e = print::FindPrinter("kiosk-printer", info);
    CHECK(e.kind == print::PrintErrorKind::NoPrinter);
    CHECK(e.detail.find("kiosk-printer") != std::string::npos);
    int job = 0;
    CHECK(print::PrintPdf("", "%PDF-1.5", "t", job).kind == print::PrintErrorKind::NoPrinter);
    // Each outcome has a calm message in both languages, and the two failures are told apart.
    CHECK(std::string(print::PrintOutcomeKey(e.kind)) == "result.print_no_printer");
    CHECK(std::string(print::PrintOutcomeKey(print::PrintErrorKind::PrinterError)) == "result.print_failed");
    for (const char* lang : {"vi", "en"}) {
        auto table = nlohmann::json::parse(std::ifstream(kSource + "/assets/i18n/" + lang + ".json"));
        for (auto kind : {print::PrintErrorKind::None, print::PrintErrorKind::NoPrinter, print::PrintErrorKind::PrinterError})
            CHECK(table.value(print::PrintOutcomeKey(kind), "").size() > 5);
        for (const char* key : {print::kPrintButtonKey, print::kPrintingKey}) CHECK(table.value(key, "").size() > 3);
    }
    if (old)
        setenv("CUPS_SERVER", saved.c_str(), 1);
    else
        unsetenv("CUPS_SERVER");
}

TEST_CASE("kiosk-admin print-result: writes the page, replaces only an earlier PDF, refuses bad options") {
    fs::path dir = fs::temp_directory_path() / ("kiosk-print-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string admin = KIOSK_ADMIN_PATH;
    const std::string args = " '" + kSource + "/questionnaires/danang-dcf-quick.json' '" + kSource +
                             "/tests/fixtures/print/quick-answers.json' --day 2026-12-01 --assets '" + kSource +
                             "/assets'";
    auto run = [&](const std::string& more) {
        return std::system((admin + " print-result" + args + more + " >/dev/null 2>&1").c_str());
    };
    const std::string page = (dir / "page.pdf").string();
    CHECK(WEXITSTATUS(run(" --out '" + page + "' --paper receipt80 --lang en")) == 0);
    std::string text = Flat(Run("pdftotext -enc UTF-8 '" + page + "' -"));
    CHECK(text.find("Your overall level") != std::string::npos);
    CHECK(text.find("not a certificate") != std::string::npos);
    CHECK(WEXITSTATUS(run(" --out '" + page + "'")) == 0);  // an earlier page may be replaced

    // Anything that is not a PDF page is kept as it is: a mistyped --out must not destroy a result file.
    const std::string precious = (dir / "results.db").string();
    std::ofstream(precious) << "SQLite format 3";
    CHECK(WEXITSTATUS(run(" --out '" + precious + "'")) == 1);
    std::string bytes, error;
    REQUIRE(core::ReadFileBytes(precious, bytes, error));
    CHECK(bytes == "SQLite format 3");

    CHECK(WEXITSTATUS(run(" --out '" + page + "' --paper a3")) == 2);
    CHECK(WEXITSTATUS(run(" --out '" + page + "' --day 2026-13-01")) == 2);
    CHECK(WEXITSTATUS(run(" --out '" + page + "' --lang fr")) == 1);
    CHECK(WEXITSTATUS(run("")) == 2);  // no --out
    fs::remove_all(dir);
}
