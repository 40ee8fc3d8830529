// The first screens a citizen sees: Welcome (language, text size, contrast, questionnaire) and consent.
#include "kiosk/ui/screens.h"

#include "kiosk/ui/layout.h"
#include "kiosk/ui/screen_parts.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
using namespace detail;

Intent DrawWelcomeScreen(const WelcomeView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###welcome");
    const float W = l.w - 2 * l.pad;

    // Top: city and place at the left, languages at the right — or under them when both do not fit.
    float chipW = 0;
    for (const auto& c : v.languages) chipW = std::max(chipW, ButtonWidthFor(l, f.body, c.label, std::round(l.fs * 5)));
    const float listenW = ListenWidth(ui, l, v.listen);  // the listen control leads the chips row
    const float chipsW = v.languages.size() * chipW + (v.languages.size() > 0 ? (v.languages.size() - 1) * l.spacing : 0) +
                         (listenW > 0 ? listenW + l.spacing : 0);
    const float cityW = std::max(TextWidth(f.bold, v.city), v.location.empty() ? 0.0f : TextWidth(f.body, v.location));
    const bool langBeside = cityW + l.fs + chipsW <= W;
    const float cityH = f.bold->FontSize + (v.location.empty() ? 0 : f.body->FontSize);
    float y = l.padY;
    const float topRowH = langBeside ? std::max(l.touch, cityH) : cityH;
    const float cityY = y + (langBeside ? std::round((topRowH - cityH) * 0.5f) : 0);
    DrawTextAt(ui, f.bold, v.city, p.accent, ImVec2(l.pad, cityY), W);
    if (!v.location.empty()) DrawTextAt(ui, f.body, v.location, p.mutedText, ImVec2(l.pad, cityY + f.bold->FontSize), W);
    float chipsY = langBeside ? y : y + cityH + l.spacing;
    float x = l.w - l.pad - std::min(W, chipsW);
    if (DrawListen(ui, l, v.listen, x, chipsY, listenW, l.touch)) intent = {IntentKind::Listen, -1};
    if (listenW > 0) x += listenW + l.spacing;
    for (std::size_t i = 0; i < v.languages.size(); ++i) {
        At(x + i * (chipW + l.spacing), chipsY);
        std::string id = "welcome.language." + std::to_string(i);
        ButtonSpec b = Btn(id, v.languages[i].label, chipW, l.touch, ButtonKind::Chip, v.languages[i].selected);
        if (TapButton(ui, b)) intent = {IntentKind::SetLanguage, static_cast<int>(i)};
    }
    const float topBottom = (langBeside ? y + topRowH : chipsY + l.touch) + l.gap;

    // Bottom: text size and contrast, in one row when they fit, else in two (contrast below).
    float sizeW = 0;
    for (const auto& c : v.textSizes) sizeW = std::max(sizeW, ButtonWidthFor(l, f.body, c.label, std::round(l.fs * 4.5f)));
    const float titleW = TextWidth(f.bold, v.textSizeTitle);
    const float contrastW = ButtonWidthFor(l, f.body, v.contrast.label);
    // "Read every screen aloud" sits beside contrast (below it when both do not fit on one row).
    const float autoW = v.listen.shown ? std::min(W, ButtonWidthFor(l, f.body, v.autoRead.label)) : 0;
    const float choicesW = contrastW + (autoW > 0 ? l.spacing + autoW : 0);
    const bool autoBeside = choicesW <= W;
    const std::size_t nSizes = v.textSizes.size();
    const float sizesW = nSizes * sizeW + (nSizes > 0 ? (nSizes - 1) * l.spacing : 0);
    const bool oneRow = titleW + l.fs + sizesW + l.fs * 1.5f + choicesW <= W;
    const bool titleBeside = titleW + l.fs + sizesW <= W;
    if (!titleBeside) sizeW = std::floor((W - l.spacing * (nSizes - 1)) / std::max<std::size_t>(1, nSizes));
    float bottomH = l.touch;
    if (!oneRow) bottomH += l.spacing + l.touch;
    if (!oneRow && !autoBeside && autoW > 0) bottomH += l.spacing + l.touch;
    if (!titleBeside) bottomH += f.bold->FontSize + l.spacing * 0.5f;
    const float bottomTop = l.h - l.padY - bottomH;
    {
        float by = bottomTop;
        float bx = l.pad;
        if (titleBeside) {
            PutText(ui, f.bold, ImVec2(bx, by + (l.touch - f.bold->FontSize) * 0.5f), p.text, v.textSizeTitle);
            bx += titleW + l.fs;
        } else {
            PutText(ui, f.bold, ImVec2(bx, by), p.text, v.textSizeTitle);
            by += f.bold->FontSize + l.spacing * 0.5f;
        }
        for (std::size_t i = 0; i < nSizes; ++i) {
            At(bx + i * (sizeW + l.spacing), by);
            std::string id = "welcome.text_size." + std::to_string(i);
            ButtonSpec b = Btn(id, v.textSizes[i].label, sizeW, l.touch, ButtonKind::Chip, v.textSizes[i].selected);
            if (TapButton(ui, b)) intent = {IntentKind::SetTextSize, static_cast<int>(i)};
        }
        const float cx = oneRow ? l.w - l.pad - choicesW : l.pad, cy = oneRow ? by : by + l.touch + l.spacing;
        At(cx, cy);
        ButtonSpec b = Btn("welcome.contrast", v.contrast.label, std::min(W, contrastW), l.touch, ButtonKind::Chip,
                           v.contrast.selected);
        if (TapButton(ui, b)) intent = {IntentKind::ToggleContrast, -1};
        if (autoW > 0) {
            if (autoBeside)
                At(cx + contrastW + l.spacing, cy);
            else
                At(l.pad, cy + l.touch + l.spacing);
            ButtonSpec a = Btn("welcome.auto_read", v.autoRead.label, autoW, l.touch, ButtonKind::Chip, v.autoRead.selected);
            if (TapButton(ui, a)) intent = {IntentKind::ToggleAutoRead, -1};
        }
    }

    // Middle, centred between: title, subtitle, questionnaire cards, Start, note. What does not fit goes, in
    // this order: the big title font, the note, the subtitle, the cards' second lines.
    const float areaTop = topBottom, areaBottom = bottomTop - l.gap;
    const float areaH = areaBottom - areaTop;
    const bool choose = v.questionnaires.size() > 1;
    const float textW = std::min(l.width, l.fs * 40);
    ImFont* titleFont = f.display;
    bool showNote = !v.note.empty(), showSubtitle = !v.subtitle.empty(), showDetails = true, showChooseTitle = true;
    ImFont* startFont = f.display;
    int perRow = 1;
    float cardW = l.width;
    std::vector<ChoiceView> cards = v.questionnaires;
    float blockH = 0, startH = 0, startW = 0;
    float startScale = 1.9f;
    bool showTitle = true;
    ImFont* cardFont = f.body;
    for (int attempt = 0; attempt < 11; ++attempt) {
        if (attempt == 1) titleFont = f.heading;
        if (attempt == 2) showNote = false;
        if (attempt == 3) startFont = f.heading;
        if (attempt == 4) showSubtitle = false;
        if (attempt == 5) showChooseTitle = false;
        if (attempt == 6) showDetails = false;
        if (attempt == 7) {
            titleFont = f.bold;
            startScale = 1.0f;
        }
        if (attempt == 8) startFont = f.bold;
        if (attempt == 9) showTitle = false;  // the city line above still says where this is
        if (attempt == 10) cardFont = f.small;
        if (!showDetails)
            for (auto& c : cards) c.detail.clear();
        startW = std::round(std::min(l.width, ButtonWidthFor(l, startFont, v.start, l.fs * 14) + l.fs * 2));
        startH = std::round(std::max(startScale > 1 ? l.touch * 1.2f : l.touch, startFont->FontSize * startScale + 2 * l.buttonPadY));
        blockH = showTitle ? TextBlockHeight(titleFont, v.title, l.width) + l.gap * 0.6f : 0;
        if (showSubtitle) blockH += TextBlockHeight(f.body, v.subtitle, textW) + l.gap;
        if (choose) {
            const std::size_t n = cards.size();
            perRow = ChoicesPerRow(l, cardFont, ChoiceLabels(cards), l.width, static_cast<int>(n), true);
            cardW = perRow == 1 ? std::min(l.width, l.fs * 30) : std::min(l.width, perRow * l.fs * 26 + (perRow - 1) * l.spacing);
            if (showChooseTitle) blockH += f.bold->FontSize * 1.3f;
            blockH += ChoiceGridHeight(ui, l, cards, cardW, perRow, ButtonKind::Option, cardFont);
        }
        blockH += startH;
        if (showNote) blockH += l.gap + TextBlockHeight(f.body, v.note, textW);
        if (blockH <= areaH) break;
    }
    y = std::max(areaTop, areaTop + std::round((areaH - blockH) * 0.5f));
    if (showTitle) y += DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(l.x0, y), l.width, true) + l.gap * 0.6f;
    if (showSubtitle)
        y += DrawTextAt(ui, f.body, v.subtitle, p.mutedText, ImVec2(l.x0 + (l.width - textW) * 0.5f, y), textW, true) + l.gap;
    // Even then too tall (long questionnaire names, a small screen, the largest text): Start keeps its
    // place above the bottom bar and the cards scroll, with the cue, in the space left.
    const bool cardsScroll = blockH > areaH && choose;
    if (choose) {
        if (showChooseTitle) {
            DrawTextAt(ui, f.bold, v.chooseTitle, p.text, ImVec2(l.x0, y), l.width, true);
            y += f.bold->FontSize * 1.3f;
        }
        const float gridH = ChoiceGridHeight(ui, l, cards, cardW, perRow, ButtonKind::Option, cardFont);
        At(l.x0 + (l.width - cardW) * 0.5f, y);
        if (cardsScroll) BeginScrollArea(ui, "welcome.cards", ImVec2(cardW, areaBottom - startH - l.spacing - y));
        int tapped = ChoiceGrid(ui, "welcome.questionnaire", cards, cardW, perRow, ButtonKind::Option, cardFont);
        if (tapped >= 0) intent = {IntentKind::ChooseQuestionnaire, tapped};
        if (cardsScroll) {
            EndScrollArea(ui);
            y = areaBottom - startH;
        } else {
            y += gridH;
        }
    }
    At(l.x0 + (l.width - startW) * 0.5f, y);
    ButtonSpec start = Btn("welcome.start", v.start, startW, startH, ButtonKind::Primary);
    start.font = startFont;
    if (TapButton(ui, start)) intent = {IntentKind::Start, -1};
    y += startH + l.gap;
    if (showNote) DrawTextAt(ui, f.body, v.note, p.mutedText, ImVec2(l.x0 + (l.width - textW) * 0.5f, y), textW, true);

    EndScreen();
    return intent;
}

Intent DrawConsentScreen(const ConsentView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###consent");

    const float headerBottom = DrawHeadingWithListen(ui, l, v.title, l.x0, l.width, v.listen, intent);
    Rule(ui, l.x0, headerBottom - l.gap * 0.5f, l.width);

    std::vector<ButtonSpec> specs = {Btn("consent.back", v.back, 0, 0), Btn("consent.decline", v.decline, 0, 0),
                                     Btn("consent.agree", v.agree, 0, 0, ButtonKind::Primary)};
    const FooterPlan footer = PlanFooter(l, f.body, Labels(specs), l.width);
    const float footerTop = l.h - l.padY - footer.height;
    const float hintH = TextBlockHeight(f.body, v.declineHint, l.width);
    const float hintTop = footerTop - l.gap * 0.5f - hintH;
    At(l.x0, headerBottom);
    BeginScrollArea(ui, "consent.body", ImVec2(l.width, hintTop - l.gap * 0.5f - headerBottom));
    {
        const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.5f;
        TextBlock(ui, f.bold, v.storedTitle, p.text, w);
        TextBlock(ui, f.body, v.stored, p.text, w);
        Gap(l.gap * 0.5f);
        TextBlock(ui, f.bold, v.notStoredTitle, p.text, w);
        TextBlock(ui, f.body, v.notStored, p.text, w);
        Gap(l.gap * 0.5f);
        TextBlock(ui, f.body, v.purpose, p.mutedText, w);
        Gap(l.gap * 0.5f);
        TextBlock(ui, f.heading, v.question, p.text, w);
    }
    EndScrollArea(ui);

    DrawTextAt(ui, f.body, v.declineHint, p.mutedText, ImVec2(l.x0, hintTop), l.width);
    switch (DrawFooter(ui, footer, l.x0, footerTop, specs)) {
        case 0: intent = {IntentKind::Back, -1}; break;
        case 1: intent = {IntentKind::Consent, 0}; break;
        case 2: intent = {IntentKind::Consent, 1}; break;
        default: break;
    }
    EndScreen();
    return intent;
}

}  // namespace kiosk::ui
