// The printed result page: the citizen's levels, what they mean, what to learn next and where, the QR code
// and the note that it is a self-assessment — drawn as PDF with Cairo and Pango (which shapes Vietnamese
// properly), for an A4 or A5 sheet or an 80 mm receipt roll. No name, no id, no time of day: only the day.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/take_home.h"
#include "kiosk/core/translations.h"

#include <string>

namespace kiosk::print {

enum class Paper { A4, A5, Receipt80 };
const char* PaperName(Paper p);                       // "a4", "a5", "receipt80"
bool ParsePaper(const std::string& name, Paper& out);  // the names above

// The page's fixed wording in one language: the interface strings print.* and qr.* of assets/i18n.
struct PageTexts {
    std::string heading, date, version, overall, areas, score, notAssessed, learnNext, noneToLearn, where,
        wherePortal, whereTeam, qrCaption, disclaimer;
    core::QrWords qr;
};

// Reads the page's strings for `lang` from I18N_DIR/<lang>.json (the kiosk's flat translation file). Every
// key must be there; a missing one is named in `error`.
[[nodiscard]] bool LoadPageTexts(const std::string& i18nDir, const std::string& lang, PageTexts& out,
                                 std::string& error);
// The same from the interface texts the kiosk has already loaded (no file read).
[[nodiscard]] bool PageTextsFrom(const core::Translations& texts, const std::string& lang, PageTexts& out,
                                 std::string& error);

struct ResultPage {
    const core::Questionnaire* questionnaire = nullptr;
    const core::Result* result = nullptr;
    std::string lang;       // of the questionnaire texts
    core::Day day;          // the day of the assessment, printed and put in the QR
    std::string portalUrl;  // the learning portal; empty = not configured
    PageTexts texts;
};

enum class RenderErrorKind { None, BadInput, CannotWrite, Cairo };
struct RenderError {
    RenderErrorKind kind = RenderErrorKind::None;
    std::string detail;
    explicit operator bool() const { return kind != RenderErrorKind::None; }
};

// Draws the page as a PDF document into `pdf` (A4/A5: as many pages as the content needs; the receipt is
// one page as long as its content).
[[nodiscard]] RenderError RenderResultPdf(const ResultPage& page, Paper paper, std::string& pdf);

// The QR text of the page (core::BuildQrPayload with the page's words), as drawn on it.
std::string PageQrText(const ResultPage& page);

}  // namespace kiosk::print
