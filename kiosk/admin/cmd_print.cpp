// kiosk-admin print-result: renders the printed result page for an answers file, so staff can check the
// page and tests can read it; with --print it also sends the page through CUPS, as the kiosk does.
#include "kiosk/core/atomic_file.h"
#include "kiosk/admin/commands.h"
#include "kiosk/core/build_info.h"
#include "kiosk/core/text.h"
#include "kiosk/print/printer.h"
#include "kiosk/print/result_page.h"
#include "kiosk/sheets/workbook.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <sys/stat.h>

namespace kiosk::admin {
namespace {

const char* kUsage =
    "usage: kiosk-admin print-result QUESTIONNAIRE ANSWERS --out PAGE.pdf [--paper a4|a5|receipt80]\n"
    "                                [--lang vi|en] [--day YYYY-MM-DD] [--portal URL] [--assets DIR]\n"
    "                                [--print [--printer NAME]]\n\n"
    "Scores ANSWERS (as `kiosk-admin score`) and draws the page a citizen takes home: the day, the\n"
    "questionnaire and its version, the levels and what they mean, what to learn next and where, the QR\n"
    "code and the self-assessment note. Nothing identifying is printed.\n"
    "  --paper    page layout (default a4; with --print, chosen from the printer's media)\n"
    "  --lang     language of the page (default vi)\n"
    "  --day      the day printed and put in the QR code (default today)\n"
    "  --portal   the learning portal link (default https://binhdanhocvuso.gov.vn; \"\" for none)\n"
    "  --assets   the folder holding i18n/<lang>.json (default assets/, else the installed data's)\n"
    "  --print    also print the page through CUPS: on --printer NAME, else the default destination\n"
    "An existing --out file is replaced only when it is a PDF. Exit 0 on success, 1 on an error,\n"
    "3 when no printer is available, 4 when the printer fails.\n";

core::Day Today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

bool IsDirectory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Refuses to replace anything but an earlier page: a mistyped --out must not destroy a result file.
bool SafeToWrite(const std::string& path, std::string& error) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return true;
    std::string head, readError;
    if (!S_ISREG(st.st_mode) || !core::ReadFileBytes(path, head, readError) || head.rfind("%PDF-", 0) != 0) {
        error = path + " exists and is not a PDF page; choose another --out file";
        return false;
    }
    return true;
}

}  // namespace

int CmdPrintResult(const Args& args) {
    if (WantsHelp(args)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    std::vector<std::string> positional;
    std::string out, paperName, lang = "vi", dayText, portal = "https://binhdanhocvuso.gov.vn", assets,
                                printer;
    bool print = false, paperGiven = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& to) {
            if (i + 1 >= args.size()) return false;
            to = args[++i];
            return true;
        };
        bool ok = true;
        if (a == "--out")
            ok = value(out);
        else if (a == "--paper")
            ok = paperGiven = value(paperName);
        else if (a == "--lang")
            ok = value(lang);
        else if (a == "--day")
            ok = value(dayText);
        else if (a == "--portal")
            ok = value(portal);
        else if (a == "--assets")
            ok = value(assets);
        else if (a == "--printer")
            ok = value(printer);
        else if (a == "--print")
            print = true;
        else if (a.rfind("--", 0) == 0)
            ok = false;
        else
            positional.push_back(a);
        if (!ok) {
            std::fprintf(stderr, "kiosk-admin print-result: bad or incomplete option %s\n\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    if (positional.size() != 2 || out.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    print::Paper paper = print::Paper::A4;
    if (paperGiven && !print::ParsePaper(paperName, paper)) {
        std::fprintf(stderr, "kiosk-admin print-result: --paper must be a4, a5 or receipt80\n");
        return 2;
    }
    core::Day day = Today();
    if (!dayText.empty() && !core::ParseDay(dayText, day)) {
        std::fprintf(stderr, "kiosk-admin print-result: --day must be YYYY-MM-DD\n");
        return 2;
    }
    if (assets.empty()) assets = IsDirectory("assets/i18n") ? "assets" : core::ShippedDataDir() + "/assets";

    core::Questionnaire q;
    core::Result r;
    if (!LoadAndScore(positional[0], positional[1], "print-result", q, r)) return 1;
    if (std::find(q.languages.begin(), q.languages.end(), lang) == q.languages.end()) {
        std::fprintf(stderr, "kiosk-admin print-result: the questionnaire has no \"%s\" texts\n", lang.c_str());
        return 1;
    }
    print::ResultPage page;
    page.questionnaire = &q;
    page.result = &r;
    page.lang = lang;
    page.day = day;
    page.portalUrl = portal;
    std::string error;
    if (!print::LoadPageTexts(assets + "/i18n", lang, page.texts, error)) {
        std::fprintf(stderr, "kiosk-admin print-result: %s\n", error.c_str());
        return 1;
    }

    print::PrinterInfo target;
    if (print) {
        if (print::PrintError e = print::FindPrinter(printer, target)) {
            std::fprintf(stderr, "kiosk-admin print-result: no printer: %s\n", e.detail.c_str());
            return 3;
        }
        if (!paperGiven) paper = target.paper;
    }
    std::string pdf;
    if (print::RenderError e = print::RenderResultPdf(page, paper, pdf)) {
        std::fprintf(stderr, "kiosk-admin print-result: cannot draw the page: %s\n", e.detail.c_str());
        return 1;
    }
    if (!SafeToWrite(out, error)) {
        std::fprintf(stderr, "kiosk-admin print-result: %s\n", error.c_str());
        return 1;
    }
    if (auto e = core::WriteFileAtomically(out, pdf)) {
        std::fprintf(stderr, "kiosk-admin print-result: %s\n", e->detail.c_str());
        return 1;
    }
    std::fprintf(stderr, "%s: %s page, %zu bytes\n", out.c_str(), print::PaperName(paper), pdf.size());
    if (print) {
        int job = 0;
        if (print::PrintError e = print::PrintPdf(target.name, pdf, page.texts.heading, job)) {
            std::fprintf(stderr, "kiosk-admin print-result: %s\n", e.detail.c_str());
            return e.kind == print::PrintErrorKind::NoPrinter ? 3 : 4;
        }
        std::fprintf(stderr, "printed on %s (media %s), job %d\n", target.name.c_str(),
                     target.media.empty() ? "unknown" : target.media.c_str(), job);
    }
    return 0;
}

}  // namespace kiosk::admin
