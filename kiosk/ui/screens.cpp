// Screen layouts. Sizes derive from the body text size so the three text-size steps stay in proportion;
// every screen is one borderless full-screen window with a fixed header and footer and, where content can
// outgrow the screen, a drag-to-scroll area in between.
#include "kiosk/ui/screens.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
namespace {

struct Layout {
    float w = 0, h = 0;        // display
    float pad = 0;             // outer margin
    float padY = 0;            // top and bottom margin of pages with a header and footer
    float x0 = 0, width = 0;   // the centred content column
    float fs = 0;              // body text size
    float gap = 0;             // vertical gap between blocks
    float touch = 0;           // minimum touch height
};

Layout MakeLayout(const UiState& ui) {
    Layout l;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    l.w = d.x;
    l.h = d.y;
    l.fs = ui.FontSize();
    l.pad = std::round(std::max(32.0f, l.fs * 1.4f));
    l.padY = std::round(std::max(24.0f, l.fs * 0.85f));
    l.width = std::min(l.w - 2 * l.pad, std::max(1200.0f, l.w * 0.8f));
    l.x0 = std::round((l.w - l.width) * 0.5f);
    l.gap = std::round(l.fs * 0.8f);
    l.touch = MinTouchHeight(ui);
    return l;
}


void EndScreen() { ImGui::End(); }

void At(float x, float y) { ImGui::SetCursorScreenPos(ImVec2(std::round(x), std::round(y))); }

void Gap(float h) { ImGui::Dummy(ImVec2(1, h)); }

float TextWidth(ImFont* font, std::string_view s) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

// A thin rule under headers so the fixed parts read as frames around the scrolling part.
void Rule(const UiState& ui, float x, float y, float width) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + 2), Colour(ui.palette->track));
}

// A row of equal-width buttons, wrapping into as many rows as needed for `perRow` columns.
int ChoiceGrid(UiState& ui, const char* idPrefix, const std::vector<ChoiceView>& choices, float width, int perRow,
               ButtonKind kind) {
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
            float hgt = TextBlockHeight(ui.fonts->body, choices[i].label, textWidth) +
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
            if (TapButton(ui, b)) tapped = static_cast<int>(i);
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowHeight + spacing));
        ImGui::Dummy(ImVec2(1, 0));
    }
    return tapped;
}

// Header height used by the pages with a title line.
float HeaderHeight(const Layout& l, const UiState& ui) { return l.padY + ui.fonts->heading->FontSize + l.gap; }

}  // namespace

Intent DrawWelcomeScreen(const WelcomeView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###welcome");

    // Top bar: city and place on the left, language on the right.
    PutText(ui, f.bold, ImVec2(l.pad, l.pad), p.accent, v.city);
    if (!v.location.empty()) PutText(ui, f.body, ImVec2(l.pad, l.pad + f.bold->FontSize * 1.2f), p.mutedText, v.location);
    {
        const float chipW = std::round(l.fs * 7.5f);
        const float spacing = std::round(l.fs * 0.5f);
        float x = l.w - l.pad - v.languages.size() * chipW - (v.languages.size() - 1) * spacing;
        for (std::size_t i = 0; i < v.languages.size(); ++i) {
            At(x + i * (chipW + spacing), l.pad);
            std::string id = "welcome.language." + std::to_string(i);
            ButtonSpec b;
            b.id = id;
            b.label = v.languages[i].label;
            b.width = chipW;
            b.kind = ButtonKind::Chip;
            b.selected = v.languages[i].selected;
            if (TapButton(ui, b)) intent = {IntentKind::SetLanguage, static_cast<int>(i)};
        }
    }

    // Bottom bar: text size and contrast.
    const float bottomTop = l.h - l.pad - l.touch;
    {
        PutText(ui, f.bold, ImVec2(l.pad, bottomTop + (l.touch - f.bold->FontSize) * 0.5f), p.text, v.textSizeTitle);
        float x = l.pad + TextWidth(f.bold, v.textSizeTitle) + l.fs;
        const float chipW = std::round(l.fs * 6.0f);
        const float spacing = std::round(l.fs * 0.5f);
        for (std::size_t i = 0; i < v.textSizes.size(); ++i) {
            At(x + i * (chipW + spacing), bottomTop);
            std::string id = "welcome.text_size." + std::to_string(i);
            ButtonSpec b;
            b.id = id;
            b.label = v.textSizes[i].label;
            b.width = chipW;
            b.height = l.touch;
            b.kind = ButtonKind::Chip;
            b.selected = v.textSizes[i].selected;
            if (TapButton(ui, b)) intent = {IntentKind::SetTextSize, static_cast<int>(i)};
        }
        const float contrastW = std::round(std::max(l.fs * 9.0f, TextWidth(f.body, v.contrast.label) + l.fs * 2.4f));
        At(l.w - l.pad - contrastW, bottomTop);
        ButtonSpec b;
        b.id = "welcome.contrast";
        b.label = v.contrast.label;
        b.width = contrastW;
        b.height = l.touch;
        b.kind = ButtonKind::Chip;
        b.selected = v.contrast.selected;
        if (TapButton(ui, b)) intent = {IntentKind::ToggleContrast, -1};
    }

    // Middle block, centred vertically between the bars.
    const float textW = std::min(l.width, l.fs * 48);
    const float titleH = TextBlockHeight(f.display, v.title, l.width);
    const float subtitleH = TextBlockHeight(f.body, v.subtitle, textW);
    const bool choose = v.questionnaires.size() > 1;
    const float startH = std::round(std::max(l.touch * 1.35f, f.display->FontSize * 2.0f));
    const float startW = std::round(std::min(l.width, std::max(l.fs * 20, TextWidth(f.display, v.start) + l.fs * 4)));
    float cardsH = 0;
    if (choose) cardsH = f.bold->FontSize * 1.4f + std::max(l.touch, f.bold->FontSize * 2 + l.fs * 2.2f) + l.gap;
    const float noteH = TextBlockHeight(f.body, v.note, textW);
    const float blockH = titleH + l.gap * 0.6f + subtitleH + l.gap * 1.6f + cardsH + startH + l.gap + noteH;
    const float areaTop = l.pad + l.touch + l.gap, areaBottom = bottomTop - l.gap;
    float y = std::max(areaTop, areaTop + (areaBottom - areaTop - blockH) * 0.5f);

    At(l.x0, y);
    TextBlock(ui, f.display, v.title, p.text, l.width, true);
    y += titleH + l.gap * 0.6f;
    At(l.x0 + (l.width - textW) * 0.5f, y);
    TextBlock(ui, f.body, v.subtitle, p.mutedText, textW, true);
    y += subtitleH + l.gap * 1.6f;

    if (choose) {
        At(l.x0, y);
        TextBlock(ui, f.bold, v.chooseTitle, p.text, l.width, true);
        y += f.bold->FontSize * 1.4f;
        const std::size_t n = v.questionnaires.size();
        const float spacing = l.fs;
        const float cardW = std::min(l.fs * 26, (l.width - spacing * (n - 1)) / n);
        const float rowW = cardW * n + spacing * (n - 1);
        At(l.x0 + (l.width - rowW) * 0.5f, y);
        int tapped = ChoiceGrid(ui, "welcome.questionnaire", v.questionnaires, rowW, static_cast<int>(n),
                                ButtonKind::Option);
        if (tapped >= 0) intent = {IntentKind::ChooseQuestionnaire, tapped};
        y = ImGui::GetCursorScreenPos().y + l.gap * 0.4f;
    }

    At(l.x0 + (l.width - startW) * 0.5f, y);
    ButtonSpec start;
    start.id = "welcome.start";
    start.label = v.start;
    start.width = startW;
    start.height = startH;
    start.kind = ButtonKind::Primary;
    start.font = f.display;
    if (TapButton(ui, start)) intent = {IntentKind::Start, -1};
    y += startH + l.gap;
    At(l.x0 + (l.width - textW) * 0.5f, y);
    TextBlock(ui, f.body, v.note, p.mutedText, textW, true);

    EndScreen();
    return intent;
}

Intent DrawConsentScreen(const ConsentView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###consent");

    At(l.x0, l.padY);
    TextBlock(ui, f.heading, v.title, p.text, l.width);
    const float headerBottom = HeaderHeight(l, ui);
    Rule(ui, l.x0, headerBottom - l.gap * 0.5f, l.width);

    const float hintH = TextBlockHeight(f.body, v.declineHint, l.width);
    const float footerTop = l.h - l.padY - l.touch - l.gap * 0.6f - hintH;
    At(l.x0, headerBottom);
    BeginScrollArea(ui, "consent.body", ImVec2(l.width, footerTop - headerBottom - l.gap));
    {
        const float w = ImGui::GetContentRegionAvail().x;
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
    EndScrollArea();

    At(l.x0, footerTop);
    TextBlock(ui, f.body, v.declineHint, p.mutedText, l.width);
    const float by = l.h - l.padY - l.touch;
    const float backW = std::round(l.fs * 9), mainW = std::round(l.fs * 13);
    At(l.x0, by);
    if (TapButton(ui, Btn("consent.back", v.back, backW, l.touch))) intent = {IntentKind::Back, -1};
    At(l.x0 + l.width - mainW * 2 - l.fs, by);
    if (TapButton(ui, Btn("consent.decline", v.decline, mainW, l.touch))) intent = {IntentKind::Consent, 0};
    At(l.x0 + l.width - mainW, by);
    if (TapButton(ui, Btn("consent.agree", v.agree, mainW, l.touch, ButtonKind::Primary))) intent = {IntentKind::Consent, 1};

    EndScreen();
    return intent;
}

Intent DrawQuestionScreen(const QuestionView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###question");

    // Header, one row: where the citizen is ("Câu 5/17" and a bar) and the way out.
    const float leaveW = std::round(std::max(l.fs * 7, TextWidth(f.body, v.leave) + l.fs * 2.4f));
    const float progressW = TextWidth(f.heading, v.progress);
    PutText(ui, f.heading, ImVec2(l.x0, l.padY + (l.touch - f.heading->FontSize) * 0.5f), p.text, v.progress);
    At(l.x0 + l.width - leaveW, l.padY);
    if (TapButton(ui, Btn("question.leave", v.leave, leaveW, l.touch))) intent = {IntentKind::AskLeave, -1};
    {
        const float barH = std::round(l.fs * 0.5f);
        const float bx = l.x0 + progressW + l.fs * 1.2f, bw = l.width - leaveW - progressW - l.fs * 2.4f;
        const float by = l.padY + (l.touch - barH) * 0.5f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw, by + barH), Colour(p.track), barH * 0.5f);
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw * std::clamp(v.fraction, 0.0f, 1.0f), by + barH),
                          Colour(p.accent), barH * 0.5f);
    }
    const float bodyTop = l.padY + l.touch + l.gap;

    // Footer: back and next.
    const float footerTop = l.h - l.padY - l.touch;
    const float backW = std::round(l.fs * 9), nextW = std::round(l.fs * 13);
    At(l.x0, footerTop);
    if (TapButton(ui, Btn("question.back", v.back, backW, l.touch))) intent = {IntentKind::Back, -1};
    At(l.x0 + l.width - nextW, footerTop);
    ButtonSpec next = Btn("question.next", v.next, nextW, l.touch, ButtonKind::Primary);
    next.enabled = v.nextEnabled;
    if (TapButton(ui, next)) intent = {IntentKind::Next, -1};
    if (!v.nextEnabled && !v.hint.empty()) {
        float hw = l.width - backW - nextW - 2 * l.fs;
        At(l.x0 + backW + l.fs, footerTop + (l.touch - TextBlockHeight(f.body, v.hint, hw)) * 0.5f);
        TextBlock(ui, f.body, v.hint, p.mutedText, hw, true);
    }

    // Body: where the question belongs, the question, the answers.
    At(l.x0, bodyTop);
    BeginScrollArea(ui, "question.body", ImVec2(l.width, footerTop - l.gap - bodyTop));
    {
        const float w = ImGui::GetContentRegionAvail().x;
        TextBlock(ui, f.bold, v.area, p.accent, w);
        TextBlock(ui, f.body, v.competency, p.mutedText, w);
        Gap(l.gap * 0.3f);
        TextBlock(ui, f.heading, v.text, p.text, w);
        Gap(l.gap * 0.6f);
        for (std::size_t i = 0; i < v.options.size(); ++i) {
            std::string id = "option." + std::to_string(i);
            ButtonSpec b = Btn(id, v.options[i].label, w, 0, ButtonKind::Option, v.options[i].selected);
            if (TapButton(ui, b)) intent = {IntentKind::Answer, static_cast<int>(i)};
        }
        Gap(l.gap);
    }
    EndScrollArea();

    EndScreen();
    return intent;
}

Intent DrawConfirmLeaveScreen(const ConfirmLeaveView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###confirm_leave");
    const float w = std::min(l.width, l.fs * 40);
    const float x = (l.w - w) * 0.5f;
    const float titleH = TextBlockHeight(f.heading, v.title, w), bodyH = TextBlockHeight(f.body, v.body, w);
    const float blockH = titleH + l.gap + bodyH + l.gap * 2 + l.touch;
    float y = (l.h - blockH) * 0.5f;
    At(x, y);
    TextBlock(ui, f.heading, v.title, p.text, w, true);
    At(x, y + titleH + l.gap);
    TextBlock(ui, f.body, v.body, p.mutedText, w, true);
    const float by = y + titleH + l.gap + bodyH + l.gap * 2;
    const float bw = std::floor((w - l.fs) * 0.5f);
    At(x, by);
    if (TapButton(ui, Btn("leave.confirm", v.confirm, bw, l.touch))) intent = {IntentKind::ConfirmLeave, -1};
    At(x + bw + l.fs, by);
    if (TapButton(ui, Btn("leave.cancel", v.cancel, bw, l.touch, ButtonKind::Primary))) intent = {IntentKind::CancelLeave, -1};
    EndScreen();
    return intent;
}

Intent DrawProfileScreen(const ProfileView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###profile");

    At(l.x0, l.padY);
    TextBlock(ui, f.heading, v.title, p.text, l.width);
    const float headerBottom = HeaderHeight(l, ui);
    Rule(ui, l.x0, headerBottom - l.gap * 0.5f, l.width);

    const float footerTop = l.h - l.padY - l.touch;
    At(l.x0, headerBottom);
    BeginScrollArea(ui, "profile.body", ImVec2(l.width, footerTop - l.gap - headerBottom));
    {
        const float w = ImGui::GetContentRegionAvail().x;
        TextBlock(ui, f.body, v.intro, p.mutedText, w);
        Gap(l.gap * 0.5f);
        struct Group {
            const ProfileView::Field& field;
            const char* id;
            int perRow;
            IntentKind kind;
        };
        const Group groups[] = {{v.age, "profile.age", 3, IntentKind::SetAgeBand},
                                {v.gender, "profile.gender", 4, IntentKind::SetGender},
                                {v.assisted, "profile.assisted", 3, IntentKind::SetAssisted}};
        for (const auto& g : groups) {
            TextBlock(ui, f.bold, g.field.title, p.text, w);
            int perRow = l.fs > 36 ? std::max(2, g.perRow - 1) : g.perRow;
            int tapped = ChoiceGrid(ui, g.id, g.field.choices, w, perRow, ButtonKind::Chip);
            if (tapped >= 0) intent = {g.kind, tapped};
            Gap(l.gap * 0.3f);
        }
    }
    EndScrollArea();

    const float backW = std::round(l.fs * 9), skipW = std::round(l.fs * 9), submitW = std::round(l.fs * 13);
    At(l.x0, footerTop);
    if (TapButton(ui, Btn("profile.back", v.back, backW, l.touch))) intent = {IntentKind::Back, -1};
    At(l.x0 + l.width - submitW - l.fs - skipW, footerTop);
    if (TapButton(ui, Btn("profile.skip", v.skip, skipW, l.touch))) intent = {IntentKind::SkipProfile, -1};
    At(l.x0 + l.width - submitW, footerTop);
    if (TapButton(ui, Btn("profile.submit", v.submit, submitW, l.touch, ButtonKind::Primary)))
        intent = {IntentKind::SubmitProfile, -1};

    EndScreen();
    return intent;
}

namespace {

// One score row: the label (wrapped in its own column), a bar coloured by level, the value at the right.
void ScoreRow(const UiState& ui, const BarView& b, float width) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    const float labelW = std::round(width * 0.38f);
    const float valueW = std::round(fs * 8.5f);
    const float barW = std::max(fs * 3, width - labelW - valueW - 2 * gap);
    const float barH = std::round(fs * 0.75f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float labelH = TextBlockHeight(f.body, b.label, labelW);
    const float rowH = std::max(labelH, fs * 1.4f);
    DrawTextAt(ui, f.body, b.label, p.text, ImVec2(top.x, top.y + std::round((rowH - labelH) * 0.5f)), labelW);
    DrawLevelBar(ui, ImVec2(top.x + labelW + gap, top.y + std::round((rowH - barH) * 0.5f)), barW, barH, b.fraction,
                 b.colourSlot);
    const float vw = TextWidth(f.bold, b.value);
    PutText(ui, f.bold, ImVec2(top.x + width - vw, top.y + (rowH - f.bold->FontSize) * 0.5f),
            b.colourSlot < 0 ? p.mutedText : p.text, b.value);
    ImGui::Dummy(ImVec2(width, rowH));
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

}  // namespace

Intent DrawResultScreen(const ResultView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###result");

    const float x0 = l.pad, width = l.w - 2 * l.pad;
    At(x0, l.padY);
    TextBlock(ui, f.heading, v.title, p.text, width);
    const float headerBottom = HeaderHeight(l, ui);
    Rule(ui, x0, headerBottom - l.gap * 0.5f, width);

    const float footerTop = l.h - l.padY - l.touch;
    const float doneW = std::round(l.fs * 13);
    At(x0 + width - doneW, footerTop);
    if (TapButton(ui, Btn("result.done", v.done, doneW, l.touch, ButtonKind::Primary))) intent = {IntentKind::Finish, -1};
    const float detailsW = std::round(std::max(l.fs * 12, TextWidth(f.body, v.detailsToggle) + l.fs * 2.4f));
    At(x0 + width - doneW - l.fs - detailsW, footerTop);
    ButtonSpec toggle = Btn("result.details", v.detailsToggle, detailsW, l.touch, ButtonKind::Chip, v.showDetails);
    if (TapButton(ui, toggle)) intent = {IntentKind::ToggleDetails, -1};
    const float noteW = width - doneW - detailsW - 3 * l.fs;
    At(x0, footerTop + (l.touch - TextBlockHeight(f.body, v.note, noteW)) * 0.5f);
    TextBlock(ui, f.body, v.note, p.mutedText, noteW);

    const float bodyH = footerTop - l.gap - headerBottom;
    const float colGap = std::round(l.fs * 1.5f);
    const float rightW = std::round(std::max(l.fs * 14, width * 0.36f));
    const float leftW = width - rightW - colGap;

    // Left: the overall level, the five areas, knowledge/skill/attitude, details on demand.
    At(x0, headerBottom);
    BeginScrollArea(ui, "result.left", ImVec2(leftW, bodyH));
    {
        const float w = ImGui::GetContentRegionAvail().x - l.fs;
        // The overall level on a card.
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float padC = std::round(l.fs * 0.8f);
        const float barH = std::round(l.fs * 0.9f);
        const float cardH = padC + f.body->FontSize * 1.2f + f.display->FontSize + l.fs * 0.5f + barH + padC;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(top, ImVec2(top.x + w, top.y + cardH), Colour(p.surface), l.fs * 0.45f);
        dl->AddRect(top, ImVec2(top.x + w, top.y + cardH), Colour(p.border), l.fs * 0.45f, 0, 2.0f);
        float y = top.y + padC;
        PutText(ui, f.body, ImVec2(top.x + padC, y), p.mutedText, v.overallTitle);
        y += f.body->FontSize * 1.2f;
        PutText(ui, f.display, ImVec2(top.x + padC, y), p.text, v.overallLevel);
        PutText(ui, f.heading,
                ImVec2(top.x + padC + TextWidth(f.display, v.overallLevel) + l.fs,
                       y + f.display->FontSize * 0.78f - f.heading->FontSize * 0.78f),
                p.mutedText, v.overallScore);
        y += f.display->FontSize + l.fs * 0.5f;
        DrawLevelBar(ui, ImVec2(top.x + padC, y), w - 2 * padC, barH, v.overallFraction, v.overallColourSlot);
        ImGui::Dummy(ImVec2(w, cardH));
        Gap(l.fs * 0.2f);

        TextBlock(ui, f.heading, v.areasTitle, p.text, w);
        for (const auto& b : v.areas) ScoreRow(ui, b, w);
        Gap(l.fs * 0.2f);
        TextBlock(ui, f.heading, v.dimensionsTitle, p.text, w);
        for (const auto& b : v.dimensions) ScoreRow(ui, b, w);
        if (v.showDetails) {
            for (const auto& g : v.details) {
                Gap(l.fs * 0.2f);
                TextBlock(ui, f.bold, g.title, p.accent, w);
                for (const auto& b : g.competencies) ScoreRow(ui, b, w);
            }
        }
        Gap(l.gap);
    }
    EndScrollArea();

    // Right: the QR code to take home, then what to learn next.
    At(x0 + leftW + colGap, headerBottom);
    BeginScrollArea(ui, "result.right", ImVec2(rightW, bodyH));
    {
        const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.5f;
        if (v.qr && v.qr->size > 0) {
            const float side = std::min(w * 0.8f, l.h * 0.42f);
            ImVec2 c = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(c.x + (w - side) * 0.5f, c.y));
            DrawQr(*v.qr, side);
            ImGui::SetCursorScreenPos(ImVec2(c.x, ImGui::GetCursorScreenPos().y));
            TextBlock(ui, f.bold, v.qrCaption, p.text, w, true);
        }
        if (!v.portal.empty()) TextBlock(ui, f.body, v.portal, p.mutedText, w, true);
        Gap(l.gap);
        TextBlock(ui, f.heading, v.recommendationsTitle, p.text, w);
        Gap(l.fs * 0.2f);
        if (v.recommendations.empty()) TextBlock(ui, f.body, v.noRecommendations, p.text, w);
        for (const auto& r : v.recommendations) {
            TextBlock(ui, f.bold, r.title, p.text, w);
            TextBlock(ui, f.body, r.text, p.mutedText, w);
            Gap(l.fs * 0.5f);
        }
        Gap(l.gap);
    }
    EndScrollArea();

    EndScreen();
    return intent;
}

Intent DrawIdleScreen(const IdleView& v, UiState& ui) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###idle");

    // The whole screen answers "I'm still here": any touch will do.
    At(0, 0);
    bool anywhere = ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h));
    if (anywhere && !ui.touch.suppressClick) intent = {IntentKind::StillHere, -1};

    const float w = std::min(l.width, l.fs * 40);
    const float x = (l.w - w) * 0.5f;
    const float radius = std::round(f.display->FontSize * 1.6f);
    const float titleH = TextBlockHeight(f.display, v.title, w);
    const float countdownH = TextBlockHeight(f.heading, v.countdown, w);
    const float bodyH = TextBlockHeight(f.body, v.body, w);
    const float blockH = titleH + l.gap + radius * 2 + l.gap + countdownH + l.fs * 0.3f + bodyH + l.gap * 1.5f + l.touch;
    float y = std::max(l.pad, (l.h - blockH) * 0.5f);
    At(x, y);
    TextBlock(ui, f.display, v.title, p.text, w, true);
    y += titleH + l.gap;

    // Seconds left inside a ring that empties as they run out.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(l.w * 0.5f, y + radius);
    dl->AddCircle(c, radius, Colour(p.track), 64, l.fs * 0.6f);
    const float a0 = -3.14159265f * 0.5f;
    if (v.fraction > 0) {
        dl->PathArcTo(c, radius, a0, a0 + 2 * 3.14159265f * std::clamp(v.fraction, 0.0f, 1.0f), 64);
        dl->PathStroke(Colour(p.accent), 0, l.fs * 0.6f);
    }
    const float sw = TextWidth(f.display, v.seconds);
    PutText(ui, f.display, ImVec2(c.x - sw * 0.5f, c.y - f.display->FontSize * 0.5f), p.text, v.seconds);
    y += radius * 2 + l.gap;
    y += DrawTextAt(ui, f.heading, v.countdown, p.text, ImVec2(x, y), w, true) + l.fs * 0.3f;
    y += DrawTextAt(ui, f.body, v.body, p.mutedText, ImVec2(x, y), w, true) + l.gap * 1.5f;
    const float bw = std::min(w, std::round(l.fs * 16));
    At((l.w - bw) * 0.5f, y);
    // Drawn as a button for the eye; the tap itself is caught by the whole-screen target above.
    ButtonSpec still = Btn("idle.still_here", v.stillHere, bw, l.touch, ButtonKind::Primary);
    if (TapButton(ui, still)) intent = {IntentKind::StillHere, -1};

    EndScreen();
    return intent;
}

namespace {

Intent DrawMessage(const MessageView& v, UiState& ui, const char* window, const char* targetId, IntentKind onTap) {
    Intent intent;
    const Layout l = MakeLayout(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen(window);
    if (onTap != IntentKind::None) {
        At(0, 0);
        if (ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h)) && !ui.touch.suppressClick) intent = {onTap, -1};
        RecordTarget(ui, targetId, ImVec2(0, 0), ImVec2(l.w, l.h));
    }
    const float w = std::min(l.width, l.fs * 40);
    const float x = (l.w - w) * 0.5f;
    const float titleH = TextBlockHeight(f.display, v.title, w);
    const float bodyH = TextBlockHeight(f.heading, v.body, w);
    float secondH = 0;
    if (!v.secondaryTitle.empty())
        secondH = l.gap * 3 + TextBlockHeight(f.bold, v.secondaryTitle, w) + TextBlockHeight(f.body, v.secondaryBody, w);
    float y = std::max(l.pad, (l.h - (titleH + l.gap + bodyH + secondH)) * 0.5f);
    y += DrawTextAt(ui, f.display, v.title, p.text, ImVec2(x, y), w, true) + l.gap;
    y += DrawTextAt(ui, f.heading, v.body, p.mutedText, ImVec2(x, y), w, true);
    if (!v.secondaryTitle.empty()) {
        y += l.gap * 3;
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
    // No way forward for a citizen here; staff mode (a later issue) will add its hidden gesture.
    return DrawMessage(v, ui, "###out_of_service", "", IntentKind::None);
}

}  // namespace kiosk::ui
