// Pieces the citizen screens share: placement, footers, headings, rules and grids of choice buttons.
#include "kiosk/ui/screen_parts.h"

#include "kiosk/ui/layout.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk::ui::detail {

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

float ListenWidth(const UiState& ui, const Frame& l, const ListenView& v) {
    if (!v.shown) return 0;
    const float icon = std::round(l.fs * 1.1f), gap = std::round(l.fs * 0.4f);
    const float text = std::max(TextWidth(ui.fonts->body, v.listen), TextWidth(ui.fonts->body, v.stop));
    return std::ceil(std::max(l.touch, 2 * l.buttonPadX + icon + gap + text + 2));
}

bool DrawListen(UiState& ui, const Frame& l, const ListenView& v, float x, float y, float w, float h) {
    if (!v.shown) return false;
    const Palette& p = *ui.palette;
    ImFont* font = ui.fonts->body;
    At(x, y);
    // Drawn as a chip, selected while reading; the icon and label are drawn over it as the target's own text.
    const bool tapped = TapButton(ui, Btn("listen", "", w, h, ButtonKind::Chip, v.speaking));
    const std::string& label = v.speaking ? v.stop : v.listen;
    const float icon = std::round(l.fs * 1.1f), gap = std::round(l.fs * 0.4f);
    const float contentW = icon + gap + TextWidth(font, label);
    const float left = std::round(x + (w - contentW) * 0.5f), cy = std::round(y + h * 0.5f);
    const ImU32 ink = Colour(v.speaking ? p.onSelected : p.text);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (v.speaking) {
        // A stop mark: shape, not only colour, says what a tap does now.
        const float s = std::round(icon * 0.7f);
        dl->AddRectFilled(ImVec2(left + (icon - s) * 0.5f, cy - s * 0.5f), ImVec2(left + (icon + s) * 0.5f, cy + s * 0.5f),
                          ink, std::round(s * 0.15f));
    } else {
        // A speaker: the box, its cone, two sound waves.
        const float u = icon / 10;
        dl->AddRectFilled(ImVec2(left, cy - 2 * u), ImVec2(left + 2.5f * u, cy + 2 * u), ink);
        dl->AddQuadFilled(ImVec2(left + 2.5f * u, cy - 2 * u), ImVec2(left + 5.5f * u, cy - 4.5f * u),
                          ImVec2(left + 5.5f * u, cy + 4.5f * u), ImVec2(left + 2.5f * u, cy + 2 * u), ink);
        const float stroke = std::max(2.0f, std::round(u * 0.8f));
        dl->PathArcTo(ImVec2(left + 5.5f * u, cy), 2.3f * u, -0.9f, 0.9f, 12);
        dl->PathStroke(ink, 0, stroke);
        dl->PathArcTo(ImVec2(left + 5.5f * u, cy), 4.3f * u, -0.9f, 0.9f, 16);
        dl->PathStroke(ink, 0, stroke);
    }
    ui.drawingOwner = "listen";  // the label is the target's own text (layout audit rule 3)
    PutText(ui, font, ImVec2(left + icon + gap, cy - font->FontSize * 0.5f), v.speaking ? p.onSelected : p.text, label);
    ui.drawingOwner.clear();
    return tapped;
}

float DrawHeadingWithListen(UiState& ui, const Frame& l, std::string_view title, float x, float width,
                            const ListenView& listen, Intent& intent) {
    const float lw = ListenWidth(ui, l, listen);
    if (lw <= 0) return DrawHeading(ui, l, title, x, width);
    const float titleW = width - lw - l.fs;
    const float h = TextBlockHeight(ui.fonts->heading, title, titleW);
    const float rowH = std::max(h, l.touch);
    DrawTextAt(ui, ui.fonts->heading, title, ui.palette->text, ImVec2(x, l.padY + std::round((rowH - h) * 0.5f)), titleW);
    if (DrawListen(ui, l, listen, x + width - lw, l.padY + std::round((rowH - l.touch) * 0.5f), lw, l.touch))
        intent = {IntentKind::Listen, -1};
    return l.padY + rowH + l.gap;
}

// A thin rule under headers so the fixed parts read as frames around the scrolling part.
void Rule(const UiState& ui, float x, float y, float width) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + 2), Colour(ui.palette->track));
}

// A row of equal-width buttons, wrapping into as many rows as needed for `perRow` columns.
int ChoiceGrid(UiState& ui, const char* idPrefix, const std::vector<ChoiceView>& choices, float width, int perRow,
               ButtonKind kind, ImFont* font) {
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
                       ButtonKind kind, ImFont* font) {
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

}  // namespace kiosk::ui::detail
