// Pure view-model builders for the citizen screens: a flow state and the translations in, every text and
// flag a screen draws out. No drawing, no I/O, so tests check them directly.
#pragma once

#include "kiosk/flow/citizen_flow.h"
#include "kiosk/ui/qr.h"
#include "kiosk/ui/translations.h"
#include "kiosk/ui/views.h"

#include <string>

namespace kiosk::ui {

// One decimal with the language's decimal separator ("61,1" in Vietnamese): every score and number shown.
std::string FormatDecimal(double value, const Translations& texts, const std::string& lang);

// The listen control's state and labels, for every citizen screen.
ListenView BuildListenView(const flow::CitizenFlow& flow, const Translations& texts);
WelcomeView BuildWelcomeView(const flow::CitizenFlow& flow, const Translations& texts);
ConsentView BuildConsentView(const flow::CitizenFlow& flow, const Translations& texts);
QuestionView BuildQuestionView(const flow::CitizenFlow& flow, const Translations& texts);
ConfirmLeaveView BuildConfirmLeaveView(const flow::CitizenFlow& flow, const Translations& texts);
ProfileView BuildProfileView(const flow::CitizenFlow& flow, const Translations& texts);
// `qr` is the code drawn for ResultQrText(); the view points at it.
ResultView BuildResultView(const flow::CitizenFlow& flow, const Translations& texts, const QrMatrix* qr);
IdleView BuildIdleView(const flow::CitizenFlow& flow, const Translations& texts);
MessageView BuildThankYouView(const flow::CitizenFlow& flow, const Translations& texts);
MessageView BuildOutOfServiceView(const flow::CitizenFlow& flow, const Translations& texts);
// The text in the result screen's QR code, the same as on the printed page: the day, the questionnaire id and
// version, the levels and what to learn next; nothing about the citizen ("" when no result is shown).
std::string ResultQrText(const flow::CitizenFlow& flow, const Translations& texts);
// The "drag to see more" cue under a scroll area whose content overflows.
std::string ScrollCueText(const flow::CitizenFlow& flow, const Translations& texts);

// The preview banner's label and the language it switches to (-1: none).
struct PreviewBannerView {
    std::string label;
    int otherLanguage = -1;
};
PreviewBannerView BuildPreviewBanner(const flow::CitizenFlow& flow, const Translations& texts);

}  // namespace kiosk::ui
