// The assessment itself: one question with all its answers, the leave confirmation, and the optional profile.
#include "kiosk/ui/screens.h"

#include "kiosk/ui/layout.h"
#include "kiosk/ui/screen_parts.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
using namespace detail;

Intent DrawQuestionScreen(const QuestionView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###question");

    // Header: where the citizen is ("Câu 5/17" and a bar) and the way out.
    const float leaveW = ButtonWidthFor(l, f.body, v.leave, std::round(l.fs * 6));
    const float listenW = ListenWidth(ui, l, v.listen);
    const float rightW = leaveW + (listenW > 0 ? listenW + l.spacing : 0);  // listen, then leave, at the right
    ImFont* progressFont = TextWidth(f.heading, v.progress) + rightW + l.fs * 6 <= l.width ? f.heading : f.bold;
    const float progressW = TextWidth(progressFont, v.progress);
    // A narrow screen with large text: "Câu 5/17" and its bar get their own row under the buttons.
    const bool progressBeside = progressW + rightW + l.fs <= l.width;
    const float rowY = progressBeside ? l.padY : l.padY + l.touch + std::round(l.spacing * 0.5f);
    const float rowH = progressBeside ? l.touch : progressFont->FontSize;
    PutText(ui, progressFont, ImVec2(l.x0, rowY + std::round((rowH - progressFont->FontSize) * 0.5f)), p.text,
            v.progress);
    At(l.x0 + l.width - leaveW, l.padY);
    if (TapButton(ui, Btn("question.leave", v.leave, leaveW, l.touch))) intent = {IntentKind::AskLeave, -1};
    if (DrawListen(ui, l, v.listen, l.x0 + l.width - rightW, l.padY, listenW, l.touch)) intent = {IntentKind::Listen, -1};
    {
        const float barH = std::round(l.fs * 0.4f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float besideW = progressBeside ? rightW + l.fs : 0;
        float bx = l.x0 + progressW + l.fs, bw = l.width - besideW - progressW - l.fs;
        float by = rowY + std::round((rowH - barH) * 0.5f);
        if (bw < l.fs * 3) {  // no room beside: a thin bar under the whole header
            bx = l.x0;
            bw = l.width;
            by = rowY + rowH + std::round(l.gap * 0.25f);
        }
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw, by + barH), Colour(p.track), barH * 0.5f);
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw * std::clamp(v.fraction, 0.0f, 1.0f), by + barH),
                          Colour(p.accent), barH * 0.5f);
    }
    const float bodyTop = rowY + rowH + l.gap;

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
                     ButtonSpec no, ButtonSpec yes, Intent onNo, Intent onYes, const ListenView& listen) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen(window);
    // The listen control in the top-right corner; the block is centred in what is left below it.
    const float listenW = ListenWidth(ui, l, listen);
    if (DrawListen(ui, l, listen, l.x0 + l.width - listenW, l.padY, listenW, l.touch)) intent = {IntentKind::Listen, -1};
    const float top = listenW > 0 ? l.padY + l.touch + l.gap : l.padY;
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
    if (titleH + bodyH + l.gap * 3 + buttonsH > l.h - top - l.padY) {
        titleFont = f.bold;
        titleH = TextBlockHeight(titleFont, title, w);
    }
    const float blockH = titleH + l.gap + bodyH + l.gap * 2 + buttonsH;
    float y = std::max(top, std::round((l.h - blockH) * 0.5f));
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
                         {IntentKind::CancelLeave, -1}, v.listen);
}

Intent DrawProfileScreen(const ProfileView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###profile");

    const float headerBottom = DrawHeadingWithListen(ui, l, v.title, l.x0, l.width, v.listen, intent);
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

}  // namespace kiosk::ui
