// Screen layouts. Sizes derive from the body text size so the three text-size steps stay in proportion;
// every screen is one borderless full-screen window with a fixed header and footer and, where content can
// outgrow the screen, a drag-to-scroll area in between.
#include "kiosk/ui/screens.h"

#include "kiosk/ui/layout.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
namespace {

void EndScreen() { ImGui::End(); }

void At(float x, float y) { ImGui::SetCursorScreenPos(ImVec2(std::round(x), std::round(y))); }

void Gap(float h) { ImGui::Dummy(ImVec2(1, h)); }

// Draws a footer planned by PlanFooter with its top-left at (x, y); returns the index of the tapped button.
int DrawFooter(UiState& ui, const FooterPlan& plan, float x, float y, const std::vector<ButtonSpec>& specs) {
    int tapped = -1;
    for (std::size_t i = 0; i < specs.size() && i < plan.buttons.size(); ++i) {
        const Rect& r = plan.buttons[i];
        At(x + r.x, y + r.y);
        ButtonSpec b = specs[i];
        b.width = r.w;
        b.height = r.h;
        if (TapButton(ui, b)) tapped = static_cast<int>(i);
    }
    return tapped;
}

std::vector<std::string_view> Labels(const std::vector<ButtonSpec>& specs) {
    std::vector<std::string_view> out;
    for (const auto& s : specs) out.push_back(s.label);
    return out;
}

// A page title at the top; returns where the body starts.
float DrawHeading(UiState& ui, const Frame& l, std::string_view title, float x, float width) {
    const float y = l.padY;
    const float h = DrawTextAt(ui, ui.fonts->heading, title, ui.palette->text, ImVec2(x, y), width);
    return y + h + l.gap;
}

// A thin rule under headers so the fixed parts read as frames around the scrolling part.
void Rule(const UiState& ui, float x, float y, float width) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + 2), Colour(ui.palette->track));
}

// A row of equal-width buttons, wrapping into as many rows as needed for `perRow` columns.
int ChoiceGrid(UiState& ui, const char* idPrefix, const std::vector<ChoiceView>& choices, float width, int perRow,
               ButtonKind kind, ImFont* font = nullptr) {
    if (!font) font = ui.fonts->body;
    const float spacing = std::round(ui.FontSize() * 0.6f);
    const float bw = std::floor((width - spacing * (perRow - 1)) / perRow);
    int tapped = -1;
    // Buttons of one row share the height of the tallest label so the grid stays even.
    for (std::size_t row = 0; row * perRow < choices.size(); ++row) {
        std::size_t first = row * perRow, last = std::min(choices.size(), first + perRow);
        float rowHeight = MinTouchHeight(ui);
        // The same text width TapButton wraps at (options also have their radio mark on the left).
        const float textWidth = bw - 2 * std::round(ui.FontSize() * 0.9f) -
                                (kind == ButtonKind::Option ? std::round(ui.FontSize() * 1.8f) : 0.0f);
        for (std::size_t i = first; i < last; ++i) {
            float hgt = TextBlockHeight(font, choices[i].label, textWidth) +
                        (choices[i].detail.empty() ? 0 : TextBlockHeight(ui.fonts->body, choices[i].detail, textWidth)) +
                        2 * std::round(ui.FontSize() * 0.45f);
            rowHeight = std::max(rowHeight, hgt);
        }
        ImVec2 start = ImGui::GetCursorScreenPos();
        for (std::size_t i = first; i < last; ++i) {
            ImGui::SetCursorScreenPos(ImVec2(start.x + (i - first) * (bw + spacing), start.y));
            std::string id = std::string(idPrefix) + "." + std::to_string(i);
            ButtonSpec b;
            b.id = id;
            b.label = choices[i].label;
            b.detail = choices[i].detail;
            b.width = bw;
            b.height = rowHeight;
            b.kind = kind;
            b.selected = choices[i].selected;
            b.font = font;
            if (TapButton(ui, b)) tapped = static_cast<int>(i);
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowHeight + spacing));
        ImGui::Dummy(ImVec2(1, 0));
    }
    return tapped;
}

// The height ChoiceGrid will take.
float ChoiceGridHeight(const UiState& ui, const Frame& l, const std::vector<ChoiceView>& choices, float width, int perRow,
                       ButtonKind kind, ImFont* font = nullptr) {
    if (!font) font = ui.fonts->body;
    const float spacing = std::round(ui.FontSize() * 0.6f);
    const float bw = std::floor((width - spacing * (perRow - 1)) / perRow);
    float total = 0;
    for (std::size_t first = 0; first < choices.size(); first += perRow) {
        float rowH = 0;
        for (std::size_t i = first; i < std::min(choices.size(), first + perRow); ++i)
            rowH = std::max(rowH, ButtonHeightFor(l, font, choices[i].label, bw, ui.fonts->body, choices[i].detail,
                                                  kind == ButtonKind::Option));
        total += rowH + spacing;
    }
    return total;
}

std::vector<std::string> ChoiceLabels(const std::vector<ChoiceView>& choices) {
    std::vector<std::string> out;
    for (const auto& c : choices) {
        out.push_back(c.label);
        if (!c.detail.empty()) out.push_back(c.detail);
    }
    return out;
}


}  // namespace

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
    const float chipsW = v.languages.size() * chipW + (v.languages.size() > 0 ? (v.languages.size() - 1) * l.spacing : 0);
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
    const std::size_t nSizes = v.textSizes.size();
    const float sizesW = nSizes * sizeW + (nSizes > 0 ? (nSizes - 1) * l.spacing : 0);
    const bool oneRow = titleW + l.fs + sizesW + l.fs * 1.5f + contrastW <= W;
    const bool titleBeside = titleW + l.fs + sizesW <= W;
    if (!titleBeside) sizeW = std::floor((W - l.spacing * (nSizes - 1)) / std::max<std::size_t>(1, nSizes));
    float bottomH = l.touch;
    if (!oneRow) bottomH += l.spacing + l.touch;
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
        if (oneRow) {
            At(l.w - l.pad - contrastW, by);
        } else {
            At(l.pad, by + l.touch + l.spacing);
        }
        ButtonSpec b = Btn("welcome.contrast", v.contrast.label, std::min(W, contrastW), l.touch, ButtonKind::Chip,
                           v.contrast.selected);
        if (TapButton(ui, b)) intent = {IntentKind::ToggleContrast, -1};
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

    const float headerBottom = DrawHeading(ui, l, v.title, l.x0, l.width);
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

Intent DrawQuestionScreen(const QuestionView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###question");

    // Header: where the citizen is ("Câu 5/17" and a bar) and the way out.
    const float leaveW = ButtonWidthFor(l, f.body, v.leave, std::round(l.fs * 6));
    ImFont* progressFont = TextWidth(f.heading, v.progress) + leaveW + l.fs * 6 <= l.width ? f.heading : f.bold;
    const float progressW = TextWidth(progressFont, v.progress);
    PutText(ui, progressFont, ImVec2(l.x0, l.padY + std::round((l.touch - progressFont->FontSize) * 0.5f)), p.text,
            v.progress);
    At(l.x0 + l.width - leaveW, l.padY);
    if (TapButton(ui, Btn("question.leave", v.leave, leaveW, l.touch))) intent = {IntentKind::AskLeave, -1};
    {
        const float barH = std::round(l.fs * 0.4f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float bx = l.x0 + progressW + l.fs, bw = l.width - leaveW - progressW - l.fs * 2;
        float by = l.padY + std::round((l.touch - barH) * 0.5f);
        if (bw < l.fs * 3) {  // no room beside: a thin bar under the whole header
            bx = l.x0;
            bw = l.width;
            by = l.padY + l.touch + std::round(l.gap * 0.25f);
        }
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw, by + barH), Colour(p.track), barH * 0.5f);
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw * std::clamp(v.fraction, 0.0f, 1.0f), by + barH),
                          Colour(p.accent), barH * 0.5f);
    }
    const float bodyTop = l.padY + l.touch + l.gap;

    // Footer: back and next, the hint between them when there is room, else above them.
    std::vector<ButtonSpec> specs = {Btn("question.back", v.back, 0, 0),
                                     Btn("question.next", v.next, 0, 0, ButtonKind::Primary)};
    const FooterPlan footer = PlanFooter(l, f.body, Labels(specs), l.width);
    const float footerTop = l.h - l.padY - footer.height;

    // The body: the question and every answer, fitted (see FitQuestion).
    QuestionTexts qt;
    qt.area = v.area;
    qt.competency = v.competency;
    qt.text = v.text;
    for (const auto& o : v.options) qt.options.push_back(o.label);
    // The hint needs a line above the footer unless it fits between the buttons.
    const bool oneRowFooter = footer.buttons.size() == 2 && footer.buttons[0].y == footer.buttons[1].y;
    const float hintBesideW = oneRowFooter ? footer.buttons[1].x - footer.buttons[0].w - 2 * l.fs : 0;
    const std::string& hintText = v.hint;
    const bool hintBeside = hintBesideW >= l.fs * 6 &&
                            TextBlockHeight(f.body, hintText, hintBesideW) <= footer.height &&
                            TextBlockHeight(f.body, v.moreAnswersHint, hintBesideW) <= footer.height &&
                            WidestWord(f.body, v.moreAnswersHint) <= hintBesideW;
    float hintAboveH = hintBeside ? 0 : std::max(TextBlockHeight(f.body, hintText, l.width),
                                                  TextBlockHeight(f.body, v.moreAnswersHint, l.width)) + l.gap * 0.5f;
    float bodyBottom = footerTop - l.gap * 0.5f - hintAboveH;
    QuestionFit fit = FitQuestion(l, f, qt, l.width, bodyBottom - bodyTop, v.moreAnswers);
    bool showHint = true;
    if (hintAboveH > 0 && fit.step >= 5) {
        // On a small screen the answers matter more than the hint (the disabled "next" still says it).
        const QuestionFit without = FitQuestion(l, f, qt, l.width, footerTop - l.gap * 0.5f - bodyTop, v.moreAnswers);
        if (without.step < fit.step || fit.step == 6) {
            fit = without;
            showHint = false;
            hintAboveH = 0;
            bodyBottom = footerTop - l.gap * 0.5f;
        }
    }

    // Answer groups: which one is shown and which have been seen (reset on every new question).
    const int groups = static_cast<int>(fit.groups.size());
    if (ui.answersPageKey != ui.pageKey) {
        ui.answersPageKey = ui.pageKey;
        ui.answersGroup = 0;
        ui.answersSeen = 1;
    }
    ui.answersGroup = std::clamp(ui.answersGroup, 0, groups - 1);
    ui.answersSeen |= 1u << std::min(ui.answersGroup, 31);
    const bool allSeen = groups <= 1 || ui.answersSeen + 1 >= (1u << std::min(groups, 31));

    float y = bodyTop;
    if (fit.compactHeadings) {
        const std::string line = v.area + (v.competency.empty() ? "" : " · ") + v.competency;
        y += DrawTextAt(ui, f.small, line, p.accent, ImVec2(l.x0, y), l.width);
    } else {
        y += DrawTextAt(ui, f.bold, v.area, p.accent, ImVec2(l.x0, y), l.width);
        y += DrawTextAt(ui, f.body, v.competency, p.mutedText, ImVec2(l.x0, y), l.width);
    }
    y += fit.gap * 0.5f;
    y += DrawTextAt(ui, fit.questionFont, v.text, p.text, ImVec2(l.x0, y), l.width) + fit.gap;
    {
        const auto [first, last] = fit.groups[ui.answersGroup];
        const float colW = std::floor((l.width - fit.answerSpacing * (fit.columns - 1)) / fit.columns);
        for (int i = first; i < last; i += fit.columns) {
            const float rowH = fit.rowHeights[i / fit.columns];
            for (int j = i; j < std::min(last, i + fit.columns); ++j) {
                At(l.x0 + (j - i) * (colW + fit.answerSpacing), y);
                const std::string id = "option." + std::to_string(j);
                ButtonSpec b = Btn(id, v.options[j].label, colW, rowH, ButtonKind::Option, v.options[j].selected);
                b.font = fit.answerFont;
                if (TapButton(ui, b)) intent = {IntentKind::Answer, j};
            }
            y += rowH + fit.answerSpacing;
        }
        if (groups > 1) {
            const bool lastGroup = ui.answersGroup + 1 == groups;
            const std::string label = (lastGroup ? v.moreAnswersBack : v.moreAnswers) + " (" +
                                      std::to_string(ui.answersGroup + 1) + "/" + std::to_string(groups) + ")";
            const float mh = ButtonHeightFor(l, f.bold, label, l.width);
            ButtonSpec more = Btn("question.more_answers", label, l.width, mh, ButtonKind::Secondary);
            more.font = f.bold;
            At(l.x0, y);
            if (TapButton(ui, more)) ui.answersGroup = (ui.answersGroup + 1) % groups;
        }
    }

    specs[1].enabled = v.nextEnabled && allSeen;
    switch (DrawFooter(ui, footer, l.x0, footerTop, specs)) {
        case 0: intent = {IntentKind::Back, -1}; break;
        case 1: intent = {IntentKind::Next, -1}; break;
        default: break;
    }
    const std::string& hint = allSeen ? hintText : v.moreAnswersHint;
    if (!specs[1].enabled && !hint.empty() && showHint) {
        if (hintBeside) {
            const float hx = l.x0 + footer.buttons[0].w + l.fs;
            DrawTextAt(ui, f.body, hint, p.mutedText,
                       ImVec2(hx, footerTop + std::round((footer.height - TextBlockHeight(f.body, hint, hintBesideW)) * 0.5f)),
                       hintBesideW, true);
        } else {
            DrawTextAt(ui, f.body, hint, p.mutedText, ImVec2(l.x0, bodyBottom + l.gap * 0.25f), l.width, true);
        }
    }
    EndScreen();
    return intent;
}

namespace {

// A centred block: a title, a body and two buttons side by side (stacked when they do not fit).
Intent CentredChoice(UiState& ui, const char* window, const std::string& title, const std::string& body,
                     ButtonSpec no, ButtonSpec yes, Intent onNo, Intent onYes) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen(window);
    const float w = std::min(l.width, l.fs * 40);
    const float x = std::round((l.w - w) * 0.5f);
    const float half = std::floor((w - l.fs) * 0.5f);
    const bool beside = WidestWord(f.body, no.label) + 2 * l.buttonPadX <= half &&
                        WidestWord(f.body, yes.label) + 2 * l.buttonPadX <= half;
    const float bw = beside ? half : w;
    const float bh = std::max(ButtonHeightFor(l, f.body, no.label, bw), ButtonHeightFor(l, f.body, yes.label, bw));
    ImFont* titleFont = f.heading;
    const float buttonsH = beside ? bh : 2 * bh + l.spacing;
    float titleH = TextBlockHeight(titleFont, title, w), bodyH = TextBlockHeight(f.body, body, w);
    if (titleH + bodyH + l.gap * 3 + buttonsH > l.h - 2 * l.padY) {
        titleFont = f.bold;
        titleH = TextBlockHeight(titleFont, title, w);
    }
    const float blockH = titleH + l.gap + bodyH + l.gap * 2 + buttonsH;
    float y = std::max(l.padY, std::round((l.h - blockH) * 0.5f));
    y += DrawTextAt(ui, titleFont, title, p.text, ImVec2(x, y), w, true) + l.gap;
    y += DrawTextAt(ui, f.body, body, p.mutedText, ImVec2(x, y), w, true) + l.gap * 2;
    no.width = yes.width = bw;
    no.height = yes.height = bh;
    if (beside) {
        At(x, y);
        if (TapButton(ui, no)) intent = onNo;
        At(x + bw + l.fs, y);
        if (TapButton(ui, yes)) intent = onYes;
    } else {  // the main (safe) choice on top
        At(x, y);
        if (TapButton(ui, yes)) intent = onYes;
        At(x, y + bh + l.spacing);
        if (TapButton(ui, no)) intent = onNo;
    }
    EndScreen();
    return intent;
}

}  // namespace

Intent DrawConfirmLeaveScreen(const ConfirmLeaveView& v, UiState& ui) {
    return CentredChoice(ui, "###confirm_leave", v.title, v.body, Btn("leave.confirm", v.confirm, 0, 0),
                         Btn("leave.cancel", v.cancel, 0, 0, ButtonKind::Primary), {IntentKind::ConfirmLeave, -1},
                         {IntentKind::CancelLeave, -1});
}

Intent DrawProfileScreen(const ProfileView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###profile");

    const float headerBottom = DrawHeading(ui, l, v.title, l.x0, l.width);
    Rule(ui, l.x0, headerBottom - l.gap * 0.5f, l.width);
    std::vector<ButtonSpec> specs = {Btn("profile.back", v.back, 0, 0), Btn("profile.skip", v.skip, 0, 0),
                                     Btn("profile.submit", v.submit, 0, 0, ButtonKind::Primary)};
    const FooterPlan footer = PlanFooter(l, f.body, Labels(specs), l.width);
    const float footerTop = l.h - l.padY - footer.height;
    At(l.x0, headerBottom);
    BeginScrollArea(ui, "profile.body", ImVec2(l.width, footerTop - l.gap * 0.5f - headerBottom));
    {
        const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.5f;
        TextBlock(ui, f.body, v.intro, p.mutedText, w);
        Gap(l.gap * 0.5f);
        struct Group {
            const ProfileView::Field& field;
            const char* id;
            int perRow;
            IntentKind kind;
        };
        const Group groups[] = {{v.age, "profile.age", 6, IntentKind::SetAgeBand},
                                {v.gender, "profile.gender", 4, IntentKind::SetGender},
                                {v.assisted, "profile.assisted", 3, IntentKind::SetAssisted}};
        for (const auto& g : groups) {
            TextBlock(ui, f.bold, g.field.title, p.text, w);
            const int perRow = ChoicesPerRow(l, f.body, ChoiceLabels(g.field.choices), w, std::min(g.perRow, l.w > l.h ? 6 : 3), false);
            int tapped = ChoiceGrid(ui, g.id, g.field.choices, w, perRow, ButtonKind::Chip);
            if (tapped >= 0) intent = {g.kind, tapped};
            Gap(l.gap * 0.3f);
        }
    }
    EndScrollArea(ui);

    switch (DrawFooter(ui, footer, l.x0, footerTop, specs)) {
        case 0: intent = {IntentKind::Back, -1}; break;
        case 1: intent = {IntentKind::SkipProfile, -1}; break;
        case 2: intent = {IntentKind::SubmitProfile, -1}; break;
        default: break;
    }
    EndScreen();
    return intent;
}

namespace {

// One score row: the label, a bar coloured by level, the value at the right. When the row is narrow the
// label goes on its own line above the bar, so no name is squeezed into a thin column.
void ScoreRow(const UiState& ui, const BarView& b, float width, float valueW) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    const float barH = std::round(fs * 0.7f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float labelW = std::round(width * 0.42f);
    const bool stacked = labelW < WidestWord(f.body, b.label) * 1.6f || width - labelW - valueW - 2 * gap < fs * 4;
    float y = top.y;
    float barX = top.x + labelW + gap;
    float barW = width - labelW - valueW - 2 * gap;
    float rowH = 0;
    if (stacked) {
        y += DrawTextAt(ui, f.body, b.label, p.text, top, width);
        barX = top.x;
        barW = width - valueW - gap;
        rowH = f.bold->FontSize * 1.2f;
    } else {
        const float labelH = TextBlockHeight(f.body, b.label, labelW);
        rowH = std::max(labelH, f.bold->FontSize * 1.2f);
        DrawTextAt(ui, f.body, b.label, p.text, ImVec2(top.x, y + std::round((rowH - labelH) * 0.5f)), labelW);
    }
    DrawLevelBar(ui, ImVec2(barX, y + std::round((rowH - barH) * 0.5f)), barW, barH, b.fraction, b.colourSlot);
    const float vw = TextWidth(f.bold, b.value);
    PutText(ui, f.bold, ImVec2(top.x + width - vw, y + std::round((rowH - f.bold->FontSize) * 0.5f)),
            b.colourSlot < 0 ? p.mutedText : p.text, b.value);
    ImGui::Dummy(ImVec2(width, y - top.y + rowH + fs * 0.2f));
}

float ValueWidth(ImFont* font, const std::vector<BarView>& bars) {
    float w = 0;
    for (const auto& b : bars) w = std::max(w, TextWidth(font, b.value));
    return w;
}

void DrawQr(const QrMatrix& qr, float side) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Always dark on white with a 4-module quiet zone: phone cameras need both, whatever the theme.
    const int modules = qr.size + 8;
    const float m = std::floor(side / modules);
    const float real = m * modules;
    dl->AddRectFilled(pos, ImVec2(pos.x + real, pos.y + real), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            if (qr.Dark(x, y)) {
                ImVec2 a(pos.x + (x + 4) * m, pos.y + (y + 4) * m);
                dl->AddRectFilled(a, ImVec2(a.x + m, a.y + m), IM_COL32(0, 0, 0, 255));
            }
    ImGui::Dummy(ImVec2(real, real));
}

// The overall level in words, its score and a bar, on a card.
void OverallCard(UiState& ui, const ResultView& v, float w) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float fs = ui.FontSize();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float padC = std::round(fs * 0.6f);
    const float barH = std::round(fs * 0.8f);
    const float inner = w - 2 * padC;
    ImFont* levelFont = TextWidth(f.display, v.overallLevel) + TextWidth(f.heading, v.overallScore) + fs <= inner ? f.display : f.heading;
    const bool scoreBeside = TextWidth(levelFont, v.overallLevel) + TextWidth(f.heading, v.overallScore) + fs <= inner;
    const float titleH = TextBlockHeight(f.body, v.overallTitle, inner);
    const float levelH = TextBlockHeight(levelFont, v.overallLevel, inner) + (scoreBeside ? 0 : f.heading->FontSize);
    const float cardH = padC + titleH + levelH + fs * 0.4f + barH + padC;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(top, ImVec2(top.x + w, top.y + cardH), Colour(p.surface), fs * 0.45f);
    dl->AddRect(top, ImVec2(top.x + w, top.y + cardH), Colour(p.border), fs * 0.45f, 0, 2.0f);
    float y = top.y + padC;
    y += DrawTextAt(ui, f.body, v.overallTitle, p.mutedText, ImVec2(top.x + padC, y), inner);
    const float lh = DrawTextAt(ui, levelFont, v.overallLevel, p.text, ImVec2(top.x + padC, y), inner);
    if (scoreBeside) {
        PutText(ui, f.heading,
                ImVec2(top.x + padC + TextWidth(levelFont, v.overallLevel) + fs,
                       y + levelFont->FontSize * 0.78f - f.heading->FontSize * 0.78f),
                p.mutedText, v.overallScore);
        y += lh;
    } else {
        y += lh;
        PutText(ui, f.heading, ImVec2(top.x + padC, y), p.mutedText, v.overallScore);
        y += f.heading->FontSize;
    }
    y += fs * 0.4f;
    DrawLevelBar(ui, ImVec2(top.x + padC, y), inner, barH, v.overallFraction, v.overallColourSlot);
    ImGui::Dummy(ImVec2(w, cardH + fs * 0.3f));
}

void Recommendations(UiState& ui, const ResultView& v, float w) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    TextBlock(ui, f.heading, v.recommendationsTitle, p.text, w);
    if (v.recommendations.empty()) TextBlock(ui, f.body, v.noRecommendations, p.text, w);
    // The titles first, numbered, so the top three are on screen at first sight; the explanations follow
    // under the same numbers.
    for (std::size_t i = 0; i < v.recommendations.size(); ++i)
        TextBlock(ui, f.bold, std::to_string(i + 1) + ". " + v.recommendations[i].title, p.text, w);
    Gap(ui.FontSize() * 0.4f);
    for (std::size_t i = 0; i < v.recommendations.size(); ++i) {
        TextBlock(ui, f.body, std::to_string(i + 1) + ". " + v.recommendations[i].text, p.mutedText, w);
        Gap(ui.FontSize() * 0.3f);
    }
}

// A heading and one score row per bar.
void BarGroup(UiState& ui, const std::string& title, const std::vector<BarView>& bars, float w, float valueW) {
    TextBlock(ui, ui.fonts->heading, title, ui.palette->text, w);
    for (const auto& b : bars) ScoreRow(ui, b, w, valueW);
}

void QrBlock(UiState& ui, const ResultView& v, float w, float maxSide) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    if (v.qr && v.qr->size > 0) {
        const float side = std::min(w * 0.8f, maxSide);
        ImVec2 c = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(c.x + (w - side) * 0.5f, c.y));
        DrawQr(*v.qr, side);
        ImGui::SetCursorScreenPos(ImVec2(c.x, ImGui::GetCursorScreenPos().y));
        TextBlock(ui, f.bold, v.qrCaption, p.text, w, true);
    }
    if (!v.portal.empty()) TextBlock(ui, f.body, v.portal, p.mutedText, w, true);
}

}  // namespace

Intent DrawResultScreen(const ResultView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###result");

    const float x0 = l.pad, width = l.w - 2 * l.pad;
    const float headerBottom = DrawHeading(ui, l, v.title, x0, width);
    Rule(ui, x0, headerBottom - l.gap * 0.5f, width);

    std::vector<ButtonSpec> specs = {Btn("result.details", v.detailsToggle, 0, 0, ButtonKind::Chip, v.showDetails),
                                     Btn("result.done", v.done, 0, 0, ButtonKind::Primary)};
    FooterPlan footer = PlanFooter(l, f.body, Labels(specs), width);
    // The note goes beside the buttons when there is room, else above them.
    const bool oneRow = footer.buttons[0].y == footer.buttons[1].y;
    float noteW = oneRow ? footer.buttons[1].x - 2 * l.fs : 0;
    if (oneRow) {  // details at the right, next to Done
        const float dw = footer.buttons[0].w;
        footer.buttons[0].x = footer.buttons[1].x - l.fs - dw;
        noteW = footer.buttons[0].x - l.fs;
    }
    const bool noteBeside = noteW >= l.fs * 8 && TextBlockHeight(f.body, v.note, noteW) <= footer.height &&
                            WidestWord(f.body, v.note) <= noteW;
    const float footerTop = l.h - l.padY - footer.height;
    const float noteAboveH = noteBeside ? 0 : TextBlockHeight(f.body, v.note, width) + l.gap * 0.5f;
    const float bodyBottom = footerTop - l.gap * 0.5f - noteAboveH;
    const float bodyH = bodyBottom - headerBottom;
    switch (DrawFooter(ui, footer, x0, footerTop, specs)) {
        case 0: intent = {IntentKind::ToggleDetails, -1}; break;
        case 1: intent = {IntentKind::Finish, -1}; break;
        default: break;
    }
    if (noteBeside) {
        DrawTextAt(ui, f.body, v.note, p.mutedText,
                   ImVec2(x0, footerTop + std::round((footer.height - TextBlockHeight(f.body, v.note, noteW)) * 0.5f)), noteW);
    } else {
        DrawTextAt(ui, f.body, v.note, p.mutedText, ImVec2(x0, bodyBottom + l.gap * 0.25f), width);
    }

    if (v.showDetails) {
        // The details are their own page: every competency, by area.
        At(x0, headerBottom);
        BeginScrollArea(ui, "result.details", ImVec2(width, bodyH));
        const float w = ImGui::GetContentRegionAvail().x - l.fs;
        float valueW = 0;
        for (const auto& g : v.details) valueW = std::max(valueW, ValueWidth(f.bold, g.competencies));
        for (const auto& g : v.details) {
            TextBlock(ui, f.bold, g.title, p.accent, w);
            for (const auto& b : g.competencies) ScoreRow(ui, b, w, valueW);
            Gap(l.fs * 0.3f);
        }
        EndScrollArea(ui);
        EndScreen();
        return intent;
    }

    const float valueW = std::max(ValueWidth(f.bold, v.areas), ValueWidth(f.bold, v.dimensions));
    const bool twoColumns = !l.portrait && width >= l.fs * 30;
    if (twoColumns) {
        const float colGap = std::round(l.fs * 1.2f);
        const float rightW = std::round(std::max(l.fs * 12, width * 0.36f));
        const float leftW = width - rightW - colGap;
        At(x0, headerBottom);
        BeginScrollArea(ui, "result.left", ImVec2(leftW, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            OverallCard(ui, v, w);
            BarGroup(ui, v.areasTitle, v.areas, w, valueW);
            Gap(l.fs * 0.2f);
            BarGroup(ui, v.dimensionsTitle, v.dimensions, w, valueW);
        }
        EndScrollArea(ui);
        At(x0 + leftW + colGap, headerBottom);
        BeginScrollArea(ui, "result.right", ImVec2(rightW, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            Recommendations(ui, v, w);
            Gap(l.gap);
            QrBlock(ui, v, w, l.h * 0.4f);
        }
        EndScrollArea(ui);
    } else {
        // Portrait: one column, in the order a citizen reads it.
        At(x0, headerBottom);
        BeginScrollArea(ui, "result.body", ImVec2(width, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            OverallCard(ui, v, w);
            BarGroup(ui, v.areasTitle, v.areas, w, valueW);
            Gap(l.gap * 0.5f);
            Recommendations(ui, v, w);
            Gap(l.gap * 0.5f);
            BarGroup(ui, v.dimensionsTitle, v.dimensions, w, valueW);
            Gap(l.gap);
            QrBlock(ui, v, w, std::min(w, l.h * 0.3f));
        }
        EndScrollArea(ui);
    }
    EndScreen();
    return intent;
}

Intent DrawIdleScreen(const IdleView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###idle");

    // The whole screen answers "I'm still here": any touch will do.
    At(0, 0);
    bool anywhere = ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h));
    if (anywhere && !ui.touch.suppressClick) intent = {IntentKind::StillHere, -1};

    const float w = std::min(l.width, l.fs * 40);
    const float x = std::round((l.w - w) * 0.5f);
    ImFont* titleFont = f.display;
    float radius = std::round(f.display->FontSize * 1.6f);
    const float bw = std::min(w, ButtonWidthFor(l, f.bold, v.stillHere, l.fs * 14));
    const float bh = ButtonHeightFor(l, f.bold, v.stillHere, bw);
    auto blockHeight = [&] {
        return TextBlockHeight(titleFont, v.title, w) + l.gap + radius * 2 + l.gap + TextBlockHeight(f.heading, v.countdown, w) +
               l.fs * 0.3f + TextBlockHeight(f.body, v.body, w) + l.gap + bh;
    };
    if (blockHeight() > l.h - 2 * l.padY) {
        titleFont = f.heading;
        radius = std::round(f.heading->FontSize * 1.2f);
    }
    float y = std::max(l.padY, std::round((l.h - blockHeight()) * 0.5f));
    y += DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(x, y), w, true) + l.gap;

    // Seconds left inside a ring that empties as they run out.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(l.w * 0.5f, y + radius);
    dl->AddCircle(c, radius, Colour(p.track), 64, l.fs * 0.5f);
    const float a0 = -3.14159265f * 0.5f;
    if (v.fraction > 0) {
        dl->PathArcTo(c, radius, a0, a0 + 2 * 3.14159265f * std::clamp(v.fraction, 0.0f, 1.0f), 64);
        dl->PathStroke(Colour(p.accent), 0, l.fs * 0.5f);
    }
    ImFont* secondsFont = radius >= f.display->FontSize * 1.2f ? f.display : f.heading;
    const float sw = TextWidth(secondsFont, v.seconds);
    PutText(ui, secondsFont, ImVec2(c.x - sw * 0.5f, c.y - secondsFont->FontSize * 0.5f), p.text, v.seconds);
    y += radius * 2 + l.gap;
    y += DrawTextAt(ui, f.heading, v.countdown, p.text, ImVec2(x, y), w, true) + l.fs * 0.3f;
    y += DrawTextAt(ui, f.body, v.body, p.mutedText, ImVec2(x, y), w, true) + l.gap;
    At((l.w - bw) * 0.5f, y);
    // Drawn as a button for the eye; the tap itself is caught by the whole-screen target above.
    ButtonSpec still = Btn("idle.still_here", v.stillHere, bw, bh, ButtonKind::Primary);
    if (TapButton(ui, still)) intent = {IntentKind::StillHere, -1};

    EndScreen();
    return intent;
}

namespace {

Intent DrawMessage(const MessageView& v, UiState& ui, const char* window, const char* targetId, IntentKind onTap) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen(window);
    if (onTap != IntentKind::None) {
        At(0, 0);
        if (ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h)) && !ui.touch.suppressClick) intent = {onTap, -1};
        RecordTarget(ui, targetId, ImVec2(0, 0), ImVec2(l.w, l.h));
        if (!ui.targets.empty()) ui.targets.back().wholeScreen = true;
    }
    const float w = std::min(l.width, l.fs * 40);
    const float x = std::round((l.w - w) * 0.5f);
    ImFont* titleFont = f.display;
    ImFont* bodyFont = f.heading;
    auto height = [&] {
        float h = TextBlockHeight(titleFont, v.title, w) + l.gap + TextBlockHeight(bodyFont, v.body, w);
        if (!v.secondaryTitle.empty())
            h += l.gap * 2 + TextBlockHeight(f.bold, v.secondaryTitle, w) + TextBlockHeight(f.body, v.secondaryBody, w);
        return h;
    };
    if (height() > l.h - 2 * l.padY) titleFont = f.heading;
    if (height() > l.h - 2 * l.padY) bodyFont = f.body;
    float y = std::max(l.padY, std::round((l.h - height()) * 0.5f));
    y += DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(x, y), w, true) + l.gap;
    y += DrawTextAt(ui, bodyFont, v.body, p.mutedText, ImVec2(x, y), w, true);
    if (!v.secondaryTitle.empty()) {
        y += l.gap * 2;
        y += DrawTextAt(ui, f.bold, v.secondaryTitle, p.mutedText, ImVec2(x, y), w, true);
        DrawTextAt(ui, f.body, v.secondaryBody, p.mutedText, ImVec2(x, y), w, true);
    }
    EndScreen();
    return intent;
}

}  // namespace

Intent DrawThankYouScreen(const MessageView& v, UiState& ui) {
    return DrawMessage(v, ui, "###thanks", "thanks.anywhere", IntentKind::DismissThanks);
}

Intent DrawOutOfServiceScreen(const MessageView& v, UiState& ui) {
    // No way forward for a citizen here; staff reach staff mode by the hidden gesture.
    return DrawMessage(v, ui, "###out_of_service", "", IntentKind::None);
}

}  // namespace kiosk::ui
