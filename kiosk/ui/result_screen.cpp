// The result: overall level, one bar per area, what to learn next and the take-home QR code.
#include "kiosk/ui/screens.h"

#include "kiosk/ui/layout.h"
#include "kiosk/ui/screen_parts.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
using namespace detail;

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
    const float headerBottom = DrawHeadingWithListen(ui, l, v.title, x0, width, v.listen, intent);
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

}  // namespace kiosk::ui
