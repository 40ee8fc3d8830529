// The result: the overall level in words and what it means, one bar per area, what to learn next, the
// take-home QR code and "In kết quả". What a citizen must see at first sight — the level word, every area's
// bar and the first three things to learn — is planned to fit without scrolling (ResultPlan); the rest
// (the description when room is short, knowledge/skills/attitude, the explanations, the QR code) follows
// in the same scroll areas. The details are a page of their own behind a button.
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

// How the first-sight part is drawn. The steps, in this order, until it fits: the description moves below
// the bars, the level word gets smaller, the area rows and the recommendations go one text-size step down
// (never further: the citizen chose the size).
struct ResultPlan {
    bool descriptionFirst = true;  // the overall description right under the level word
    bool cardTitle = true;         // "Mức năng lực số chung của bạn" above the level word
    bool noteInBody = false;       // the "saved" note below the scrolling part instead of above the footer
    ImFont* levelFont = nullptr;   // the level word
    ImFont* sectionFont = nullptr; // "Theo từng lĩnh vực", "Nên học thêm"
    ImFont* rowFont = nullptr;     // area names
    ImFont* valueFont = nullptr;   // "61 · Khá"
    ImFont* recFont = nullptr;     // the numbered recommendation titles
    float rowGap = 0;
};

ResultPlan PlanStep(const UiState& ui, int step) {
    const FontSet& f = *ui.fonts;
    ResultPlan p;
    p.descriptionFirst = step < 1;
    p.levelFont = step < 2 ? f.display : f.heading;
    p.sectionFont = step < 2 ? f.heading : f.bold;
    p.cardTitle = step < 3;
    const bool small = step >= 4;
    p.rowFont = small ? f.small : f.body;
    p.valueFont = small ? f.smallBold : f.bold;
    p.recFont = small ? f.smallBold : f.bold;
    p.noteInBody = step >= 5;
    p.rowGap = std::round(ui.FontSize() * (step < 2 ? 0.25f : 0.12f));
    return p;
}
constexpr int kPlanSteps = 6;

float ValueWidth(ImFont* font, const std::vector<BarView>& bars) {
    float w = 0;
    for (const auto& b : bars) w = std::max(w, TextWidth(font, b.value));
    return w;
}

// One score row: the label, a bar coloured by level, the value at the right. When the row is narrow the
// label goes on its own line above the bar, so no name is squeezed into a thin column.
struct RowShape {
    bool stacked = false;
    float labelW = 0, labelH = 0, rowH = 0, total = 0;
};

RowShape ShapeRow(const UiState& ui, ImFont* font, ImFont* valueFont, const BarView& b, float width, float valueW,
                  float rowGap) {
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    RowShape s;
    s.labelW = std::round(width * 0.42f);
    s.stacked = s.labelW < WidestWord(font, b.label) * 1.6f || width - s.labelW - valueW - 2 * gap < fs * 4;
    if (s.stacked) {
        s.labelH = TextBlockHeight(font, b.label, width);
        s.rowH = valueFont->FontSize * 1.2f;
        s.total = s.labelH + s.rowH;
    } else {
        s.labelH = TextBlockHeight(font, b.label, s.labelW);
        s.rowH = std::max(s.labelH, valueFont->FontSize * 1.2f);
        s.total = s.rowH;
    }
    s.total += rowGap;
    return s;
}

void ScoreRow(const UiState& ui, ImFont* font, ImFont* valueFont, const BarView& b, float width, float valueW,
              float rowGap) {
    const Palette& p = *ui.palette;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    const float barH = std::round(valueFont->FontSize * 0.6f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const RowShape s = ShapeRow(ui, font, valueFont, b, width, valueW, rowGap);
    float y = top.y;
    float barX = top.x + s.labelW + gap;
    float barW = width - s.labelW - valueW - 2 * gap;
    if (s.stacked) {
        y += DrawTextAt(ui, font, b.label, p.text, top, width);
        barX = top.x;
        barW = width - valueW - gap;
    } else {
        DrawTextAt(ui, font, b.label, p.text, ImVec2(top.x, y + std::round((s.rowH - s.labelH) * 0.5f)), s.labelW);
    }
    DrawLevelBar(ui, ImVec2(barX, y + std::round((s.rowH - barH) * 0.5f)), barW, barH, b.fraction, b.colourSlot);
    const float vw = TextWidth(valueFont, b.value);
    PutText(ui, valueFont, ImVec2(top.x + width - vw, y + std::round((s.rowH - valueFont->FontSize) * 0.5f)),
            b.colourSlot < 0 ? p.mutedText : p.text, b.value);
    ImGui::Dummy(ImVec2(width, s.total));
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

// The overall card: its title (when the plan has room for it), the level word with the score beside (or under) it, the bar and, when the
// plan says so, the description. Measures when `draw` is false.
float OverallCard(UiState& ui, const ResultView& v, float w, const ResultPlan& plan, bool draw) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float fs = ui.FontSize();
    const float padC = std::round(fs * 0.5f);
    const float barH = std::round(fs * 0.6f);
    const float inner = w - 2 * padC;
    ImFont* levelFont = plan.levelFont;
    if (TextWidth(levelFont, v.overallLevel) > inner) levelFont = f.heading;
    ImFont* scoreFont = levelFont == f.display ? f.heading : f.bold;
    const bool scoreBeside = TextWidth(levelFont, v.overallLevel) + TextWidth(scoreFont, v.overallScore) + fs <= inner;
    const float titleH = plan.cardTitle ? TextBlockHeight(f.body, v.overallTitle, inner) : 0;
    const float levelH = TextBlockHeight(levelFont, v.overallLevel, inner) + (scoreBeside ? 0 : scoreFont->FontSize * 1.2f);
    const bool description = plan.descriptionFirst && !v.overallDescription.empty();
    const float descH = description ? fs * 0.3f + TextBlockHeight(f.body, v.overallDescription, inner) : 0;
    const float cardH = padC + titleH + levelH + fs * 0.3f + barH + descH + padC;
    const float total = cardH + fs * 0.3f;
    if (!draw) return total;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(top, ImVec2(top.x + w, top.y + cardH), Colour(p.surface), fs * 0.45f);
    dl->AddRect(top, ImVec2(top.x + w, top.y + cardH), Colour(p.border), fs * 0.45f, 0, 2.0f);
    float y = top.y + padC;
    const float x = top.x + padC;
    if (plan.cardTitle) y += DrawTextAt(ui, f.body, v.overallTitle, p.mutedText, ImVec2(x, y), inner);
    const float lh = DrawTextAt(ui, levelFont, v.overallLevel, p.text, ImVec2(x, y), inner);
    if (scoreBeside) {
        PutText(ui, scoreFont,
                ImVec2(x + TextWidth(levelFont, v.overallLevel) + fs,
                       y + std::round(levelFont->FontSize * 0.78f - scoreFont->FontSize * 0.78f)),
                p.mutedText, v.overallScore);
        y += lh;
    } else {
        y += lh;
        PutText(ui, scoreFont, ImVec2(x, y), p.mutedText, v.overallScore);
        y += scoreFont->FontSize * 1.2f;
    }
    y += fs * 0.3f;
    DrawLevelBar(ui, ImVec2(x, y), inner, barH, v.overallFraction, v.overallColourSlot);
    y += barH;
    if (description) DrawTextAt(ui, f.body, v.overallDescription, p.text, ImVec2(x, y + fs * 0.3f), inner);
    ImGui::Dummy(ImVec2(w, total));
    return total;
}

// The areas' heading and bars.
float AreaBars(UiState& ui, const ResultView& v, float w, float valueW, const ResultPlan& plan, bool draw) {
    const float titleGap = std::round(ui.FontSize() * 0.15f);
    float h = TextBlockHeight(plan.sectionFont, v.areasTitle, w) + titleGap;
    for (const auto& b : v.areas) h += ShapeRow(ui, plan.rowFont, plan.valueFont, b, w, valueW, plan.rowGap).total;
    if (!draw) return h;
    TextBlock(ui, plan.sectionFont, v.areasTitle, ui.palette->text, w);
    Gap(titleGap);
    for (const auto& b : v.areas) ScoreRow(ui, plan.rowFont, plan.valueFont, b, w, valueW, plan.rowGap);
    return h;
}

std::string RecommendationTitle(const ResultView& v, std::size_t i) {
    return std::to_string(i + 1) + ". " + v.recommendations[i].title;
}

// "Nên học thêm" and the numbered titles, so the top three are on screen at first sight.
float RecommendationTitles(UiState& ui, const ResultView& v, float w, const ResultPlan& plan, bool draw) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float gap = std::round(ui.FontSize() * 0.2f);
    float h = TextBlockHeight(plan.sectionFont, v.recommendationsTitle, w) + gap;
    if (v.recommendations.empty()) h += TextBlockHeight(f.body, v.noRecommendations, w);
    for (std::size_t i = 0; i < v.recommendations.size(); ++i)
        h += TextBlockHeight(plan.recFont, RecommendationTitle(v, i), w) + gap;
    if (!draw) return h;
    TextBlock(ui, plan.sectionFont, v.recommendationsTitle, p.text, w);
    Gap(gap);
    if (v.recommendations.empty()) TextBlock(ui, f.body, v.noRecommendations, p.text, w);
    for (std::size_t i = 0; i < v.recommendations.size(); ++i) {
        TextBlock(ui, plan.recFont, RecommendationTitle(v, i), p.text, w);
        Gap(gap);
    }
    return h;
}

// The explanations, under the same numbers.
void RecommendationTexts(UiState& ui, const ResultView& v, float w) {
    for (std::size_t i = 0; i < v.recommendations.size(); ++i) {
        TextBlock(ui, ui.fonts->body, std::to_string(i + 1) + ". " + v.recommendations[i].text, ui.palette->mutedText, w);
        Gap(ui.FontSize() * 0.4f);
    }
}

// The result's scroll areas space their blocks themselves (so what is measured is what is drawn).
void BeginResultArea(UiState& ui, const char* id, ImVec2 size) {
    BeginScrollArea(ui, id, size);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
}

void EndResultArea(UiState& ui) {
    ImGui::PopStyleVar();
    EndScrollArea(ui);
}

void Description(UiState& ui, const ResultView& v, float w, const ResultPlan& plan) {
    if (plan.descriptionFirst || v.overallDescription.empty()) return;
    TextBlock(ui, ui.fonts->body, v.overallDescription, ui.palette->text, w);
    Gap(ui.FontSize() * 0.4f);
}

void Dimensions(UiState& ui, const ResultView& v, float w, float valueW) {
    const FontSet& f = *ui.fonts;
    Gap(ui.FontSize() * 0.4f);
    TextBlock(ui, f.heading, v.dimensionsTitle, ui.palette->text, w);
    Gap(std::round(ui.FontSize() * 0.15f));
    for (const auto& b : v.dimensions) ScoreRow(ui, f.body, f.bold, b, w, valueW, std::round(ui.FontSize() * 0.2f));
}

void QrBlock(UiState& ui, const ResultView& v, float w, float maxSide) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    if (v.qr && v.qr->size > 0) {
        const float side = std::min(w * 0.8f, maxSide);
        ImVec2 c = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(c.x + (w - side) * 0.5f, c.y));
        DrawQr(*v.qr, side);
        ImGui::SetCursorScreenPos(ImVec2(c.x, ImGui::GetCursorScreenPos().y + std::round(ui.FontSize() * 0.3f)));
        TextBlock(ui, f.bold, v.qrCaption, p.text, w, true);
    }
    if (!v.portal.empty()) TextBlock(ui, f.body, v.portal, p.mutedText, w, true);
}

// The details page: every competency, by area, each area with its level word and what it means.
void DetailsPage(UiState& ui, const ResultView& v, float x0, float top, float width, float height) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const float fs = ui.FontSize();
    At(x0, top);
    BeginScrollArea(ui, "result.details", ImVec2(width, height));
    const float w = ImGui::GetContentRegionAvail().x - fs;
    float valueW = 0;
    for (const auto& g : v.details) valueW = std::max(valueW, ValueWidth(f.bold, g.competencies));
    for (const auto& g : v.details) {
        TextBlock(ui, f.heading, g.level.empty() ? g.title : g.title + ": " + g.level, p.accent, w);
        if (!g.description.empty()) {
            TextBlock(ui, f.body, g.description, p.text, w);
            Gap(fs * 0.3f);
        }
        for (const auto& b : g.competencies) ScoreRow(ui, f.body, f.bold, b, w, valueW, std::round(fs * 0.2f));
        Gap(fs * 0.6f);
    }
    EndScrollArea(ui);
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

    // The footer: the details page, printing (when offered) and Done.
    std::vector<ButtonSpec> specs = {Btn("result.details", v.detailsToggle, 0, 0, ButtonKind::Chip, v.showDetails)};
    if (v.printShown) {
        ButtonSpec print = Btn("result.print", v.print, 0, 0);
        print.enabled = v.printEnabled;
        specs.push_back(print);
    }
    specs.push_back(Btn("result.done", v.done, 0, 0, ButtonKind::Primary));
    FooterPlan footer = PlanFooter(l, f.body, Labels(specs), width);
    if (footer.buttons.front().y != footer.buttons.back().y && !v.detailsToggleShort.empty()) {
        // Two rows cost the result a line of room: try the short label first.
        specs.front().label = v.detailsToggleShort;
        FooterPlan shorter = PlanFooter(l, f.body, Labels(specs), width);
        if (shorter.height < footer.height) footer = shorter;
        else specs.front().label = v.detailsToggle;
    }
    // One row: every button at the right, so the note (or the printing message) reads at the left.
    const bool oneRow = footer.buttons.front().y == footer.buttons.back().y;
    float noteW = 0;
    if (oneRow) {
        footer.buttons[0].x = footer.buttons[1].x - l.fs - footer.buttons[0].w;
        noteW = footer.buttons[0].x - l.fs;
    }
    // What the printer did replaces the storage note: each message says the result is kept.
    const std::string& note = v.printMessage.empty() ? v.note : v.printMessage;
    ImFont* noteFont = v.printMessage.empty() ? f.body : f.bold;
    const bool noteBeside = noteW >= l.fs * 8 && TextBlockHeight(noteFont, note, noteW) <= footer.height &&
                            WidestWord(noteFont, note) <= noteW;
    const float footerTop = l.h - l.padY - footer.height;
    const float noteAboveH = noteBeside ? 0 : TextBlockHeight(noteFont, note, width) + l.gap * 0.5f;
    // The storage note may move into the scrolling part when room is short; a printing message never does
    // (it answers the citizen's tap).
    const bool noteMayMove = !noteBeside && v.printMessage.empty();
    auto bodyHeight = [&](bool noteInBody) {
        return footerTop - l.gap * 0.5f - (noteInBody && noteMayMove ? 0 : noteAboveH) - headerBottom;
    };
    const int tapped = DrawFooter(ui, footer, x0, footerTop, specs);
    if (tapped >= 0) {
        const std::string_view id = specs[static_cast<std::size_t>(tapped)].id;
        if (id == "result.details") intent = {IntentKind::ToggleDetails, -1};
        if (id == "result.print") intent = {IntentKind::PrintResult, -1};
        if (id == "result.done") intent = {IntentKind::Finish, -1};
    }
    const ImVec4& noteColour = v.printMessage.empty() ? p.mutedText : p.text;
    auto drawNoteOutside = [&](float bodyBottom) {
        if (noteBeside)
            DrawTextAt(ui, noteFont, note, noteColour,
                       ImVec2(x0, footerTop + std::round((footer.height - TextBlockHeight(noteFont, note, noteW)) * 0.5f)),
                       noteW);
        else
            DrawTextAt(ui, noteFont, note, noteColour, ImVec2(x0, bodyBottom + l.gap * 0.25f), width);
    };

    if (v.showDetails) {
        const float bodyH = bodyHeight(false);
        drawNoteOutside(headerBottom + bodyH);
        DetailsPage(ui, v, x0, headerBottom, width, bodyH);
        EndScreen();
        return intent;
    }

    // Plan the first sight: the scroll areas' inner widths, and the height the first-sight part may take —
    // the area's height less the "drag to see more" cue, as more always follows.
    const bool twoColumns = !l.portrait && width >= l.fs * 24;
    const float colGap = std::round(l.fs * 1.2f);
    const float innerPad = l.fs * 0.6f;  // scroll areas have no window padding; the cue's bar keeps this
    // The right column (what to learn, the QR code) gives up width when the bars need it to stay one line.
    const float rightShares[] = {0.36f, 0.31f, 0.26f, 0.21f};
    float rightW = 0, leftW = width;
    ResultPlan plan;
    bool fits = false;
    for (int step = 0; step < kPlanSteps && !fits; ++step) {
        plan = PlanStep(ui, step);
        if (plan.noteInBody && !noteMayMove) break;
        const float avail = bodyHeight(plan.noteInBody) - ScrollCueHeight(ui) - 2;
        const float valueW = std::max(ValueWidth(plan.valueFont, v.areas), ValueWidth(plan.valueFont, v.dimensions));
        for (float share : rightShares) {
            rightW = twoColumns ? std::round(std::max(l.fs * 7, width * share)) : 0;
            leftW = twoColumns ? width - rightW - colGap : width;
            const float left = OverallCard(ui, v, leftW - innerPad, plan, false) +
                               AreaBars(ui, v, leftW - innerPad, valueW, plan, false);
            const float right = RecommendationTitles(ui, v, (twoColumns ? rightW : leftW) - innerPad, plan, false);
            fits = twoColumns ? left <= avail && right <= avail : left + l.gap * 0.5f + right <= avail;
            if (fits || !twoColumns) break;
        }
    }
    if (!fits && twoColumns) {  // nothing fits: the designed proportions
        rightW = std::round(std::max(l.fs * 12, width * rightShares[0]));
        leftW = width - rightW - colGap;
    }
    plan.noteInBody = plan.noteInBody && noteMayMove;
    const float bodyH = bodyHeight(plan.noteInBody);
    if (!plan.noteInBody) drawNoteOutside(headerBottom + bodyH);
    auto noteInBody = [&](float w) {
        if (!plan.noteInBody) return;
        Gap(l.gap * 0.5f);
        TextBlock(ui, noteFont, note, noteColour, w);
    };
    const float valueW = std::max(ValueWidth(plan.valueFont, v.areas), ValueWidth(plan.valueFont, v.dimensions));
    const float dimValueW = ValueWidth(f.bold, v.dimensions);

    if (twoColumns) {
        At(x0, headerBottom);
        BeginResultArea(ui, "result.left", ImVec2(leftW, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            OverallCard(ui, v, w, plan, true);
            AreaBars(ui, v, w, valueW, plan, true);
            Gap(l.gap * 0.5f);
            Description(ui, v, w, plan);
            Dimensions(ui, v, w, dimValueW);
            noteInBody(w);
        }
        EndResultArea(ui);
        At(x0 + leftW + colGap, headerBottom);
        BeginResultArea(ui, "result.right", ImVec2(rightW, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            RecommendationTitles(ui, v, w, plan, true);
            Gap(l.gap);
            QrBlock(ui, v, w, l.h * 0.4f);
            Gap(l.gap * 0.5f);
            RecommendationTexts(ui, v, w);
        }
        EndResultArea(ui);
    } else {
        // Portrait: stacked, in the order a citizen reads it; the bars and what to learn first.
        At(x0, headerBottom);
        BeginResultArea(ui, "result.body", ImVec2(width, bodyH));
        {
            const float w = ImGui::GetContentRegionAvail().x - l.fs * 0.6f;
            OverallCard(ui, v, w, plan, true);
            AreaBars(ui, v, w, valueW, plan, true);
            Gap(l.gap * 0.5f);
            RecommendationTitles(ui, v, w, plan, true);
            Gap(l.gap * 0.5f);
            Description(ui, v, w, plan);
            QrBlock(ui, v, w, std::min(w, l.h * 0.3f));
            Gap(l.gap * 0.5f);
            RecommendationTexts(ui, v, w);
            Dimensions(ui, v, w, dimValueW);
            noteInBody(w);
        }
        EndResultArea(ui);
    }
    EndScreen();
    return intent;
}

}  // namespace kiosk::ui
