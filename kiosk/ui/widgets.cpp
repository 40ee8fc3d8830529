// Touch widgets. Buttons are drawn by hand (InvisibleButton + draw list) because ImGui's buttons neither
// wrap their labels nor know about a "selected" answer.
#include "kiosk/ui/widgets.h"

#include "imgui_internal.h"  // SetNextWindowScroll: scroll a child in the same frame as the drag

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace kiosk::ui {
namespace {

// A finger wobbles a few pixels during a tap; beyond this it is a drag.
float DragThreshold(const UiState& ui) { return std::max(14.0f, ui.FontSize() * 0.5f); }

ImVec4 Mix(const ImVec4& a, const ImVec4& b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

// Splits text into the lines ImGui would draw when wrapping at `width` (explicit newlines respected).
std::vector<std::string_view> WrapLines(ImFont* font, std::string_view text, float width) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        const char* s = para.data();
        const char* end = para.data() + para.size();
        if (s == end) lines.emplace_back(s, 0);
        while (s < end) {
            const char* wrap = font->CalcWordWrapPositionA(1.0f, s, end, width);
            if (wrap == s) {  // a single word wider than the line: break it after one character
                unsigned char lead = static_cast<unsigned char>(*s);
                int len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                wrap = std::min(end, s + len);
            }
            const char* lineEnd = wrap;
            while (lineEnd > s && (lineEnd[-1] == ' ')) --lineEnd;
            lines.emplace_back(s, static_cast<std::size_t>(lineEnd - s));
            s = wrap;
            while (s < end && *s == ' ') ++s;
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

void DrawLines(const UiState& ui, ImDrawList* dl, ImFont* font, const std::vector<std::string_view>& lines,
               ImVec2 pos, float width, bool centred, ImU32 colour) {
    for (auto line : lines) {
        if (ui.textLog) ui.textLog->emplace_back(line);
        float x = pos.x;
        if (centred) {
            float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
            x += std::max(0.0f, (width - w) * 0.5f);
        }
        dl->AddText(font, font->FontSize, ImVec2(std::floor(x), std::floor(pos.y)), colour, line.data(),
                    line.data() + line.size());
        pos.y += font->FontSize;
    }
}

}  // namespace

ImU32 Colour(const ImVec4& c, float alpha) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, c.w * alpha)); }

void BeginUiFrame(UiState& ui, const std::string& pageKey) {
    ImGuiIO& io = ImGui::GetIO();
    TouchState& t = ui.touch;
    if (io.MouseClicked[0]) {
        t = TouchState{};
        t.down = true;
        t.pressPos = io.MousePos;
    }
    if (t.down && io.MouseDown[0] && !t.dragging) {
        float dx = io.MousePos.x - t.pressPos.x, dy = io.MousePos.y - t.pressPos.y;
        if (dx * dx + dy * dy > DragThreshold(ui) * DragThreshold(ui)) t.dragging = t.suppressClick = true;
    }
    // The release frame still needs suppressClick; the frame after forgets the touch.
    if (!io.MouseDown[0] && !io.MouseReleased[0]) t = TouchState{};
    ui.targets.clear();
    ui.pageChanged = pageKey != ui.pageKey;
    ui.pageKey = pageKey;
}

const HitTarget* FindTarget(const UiState& ui, std::string_view id) {
    for (const auto& t : ui.targets)
        if (t.id == id) return &t;
    return nullptr;
}

void ApplyTouchPointerRules(ImGuiIO& io, bool& wasDown) {
    bool down = false;
    for (bool b : io.MouseDown) down = down || b;
    // Keep the position on the release frame (the tap fires there), hide it afterwards.
    if (!down && !wasDown) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    wasDown = down;
}

float MinTouchHeight(const UiState& ui) { return std::max(96.0f, std::round(ui.FontSize() * 3.2f)); }

void RecordTarget(UiState& ui, std::string_view id, ImVec2 min, ImVec2 max, bool enabled) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    ImVec2 vmin(std::max(min.x, cmin.x), std::max(min.y, cmin.y));
    ImVec2 vmax(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
    if (vmax.x - vmin.x < 1 || vmax.y - vmin.y < 1) return;  // scrolled out of view
    ui.targets.push_back({std::string(id), vmin, vmax, enabled, false});
}

bool TapButton(UiState& ui, const ButtonSpec& spec) {
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    ImFont* font = spec.font ? spec.font : (spec.kind == ButtonKind::Primary ? f.bold : f.body);
    ImFont* detailFont = f.body;
    const float fs = ui.FontSize();
    const float padX = std::round(fs * 0.9f), padY = std::round(fs * 0.45f);
    const bool option = spec.kind == ButtonKind::Option;
    const float indicator = option ? std::round(fs * 1.8f) : 0.0f;

    float width = spec.width > 0 ? spec.width : ImGui::GetContentRegionAvail().x;
    float textWidth = std::max(fs, width - 2 * padX - indicator);
    auto lines = WrapLines(font, spec.label, textWidth);
    std::vector<std::string_view> detailLines;
    if (!spec.detail.empty()) detailLines = WrapLines(detailFont, spec.detail, textWidth);
    float textHeight = lines.size() * font->FontSize + detailLines.size() * detailFont->FontSize;
    float height = spec.height > 0 ? spec.height : std::max(MinTouchHeight(ui), textHeight + 2 * padY);

    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(spec.id.data(), spec.id.data() + spec.id.size());
    ImGui::BeginDisabled(!spec.enabled);
    bool clicked = ImGui::InvisibleButton("##tap", ImVec2(width, height));
    bool held = ImGui::IsItemActive() && !ui.touch.dragging;
    ImGui::EndDisabled();
    ImGui::PopID();
    ImVec2 max(pos.x + width, pos.y + height);
    RecordTarget(ui, spec.id, pos, max, spec.enabled);
    if (!ui.targets.empty() && ui.targets.back().id == spec.id) ui.targets.back().selected = spec.selected;

    // Colours by kind and state. Hovered looks like normal on purpose (touch).
    ImVec4 bg = p.surface, border = p.border, text = p.text;
    float borderWidth = std::max(2.0f, std::round(fs / 14));
    switch (spec.kind) {
        case ButtonKind::Primary:
            bg = p.accent;
            border = p.accent;
            text = p.onAccent;
            if (held) bg = Mix(p.accent, ImVec4(0, 0, 0, 1), 0.25f);
            break;
        case ButtonKind::Secondary:
            if (held) bg = p.pressed;
            break;
        case ButtonKind::Option:
        case ButtonKind::Chip:
            if (spec.selected) {
                bg = p.selected;
                border = p.accent;
                text = p.onSelected;
                borderWidth = std::max(4.0f, std::round(fs / 7));
            } else if (held) {
                bg = p.pressed;
            }
            break;
    }
    if (!spec.enabled) {
        text = p.disabled;
        border = p.disabled;
        if (spec.kind == ButtonKind::Primary) bg = p.track;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    float rounding = std::round(fs * 0.45f);
    dl->AddRectFilled(pos, max, Colour(bg), rounding);
    dl->AddRect(ImVec2(pos.x + borderWidth * 0.5f, pos.y + borderWidth * 0.5f),
                ImVec2(max.x - borderWidth * 0.5f, max.y - borderWidth * 0.5f), Colour(border), rounding, 0,
                borderWidth);

    float textTop = pos.y + std::round((height - textHeight) * 0.5f);
    float textLeft = pos.x + padX + indicator;
    bool centred = !option;
    if (option) {
        // A radio mark: an empty ring, filled with a check when chosen — shape, not only colour.
        ImVec2 c(pos.x + padX + fs * 0.55f, pos.y + height * 0.5f);
        float r = fs * 0.55f;
        if (spec.selected) {
            dl->AddCircleFilled(c, r, Colour(p.onSelected), 32);
            ImU32 tick = Colour(p.selected);
            float w = std::max(3.0f, fs / 9);
            dl->AddLine(ImVec2(c.x - r * 0.5f, c.y + r * 0.02f), ImVec2(c.x - r * 0.12f, c.y + r * 0.4f), tick, w);
            dl->AddLine(ImVec2(c.x - r * 0.12f, c.y + r * 0.4f), ImVec2(c.x + r * 0.52f, c.y - r * 0.38f), tick, w);
        } else {
            dl->AddCircle(c, r, Colour(p.border), 32, std::max(2.0f, fs / 12));
        }
    }
    DrawLines(ui, dl, font, lines, ImVec2(textLeft, textTop), textWidth, centred, Colour(text));
    if (!detailLines.empty()) {
        ImVec4 muted = spec.selected ? p.onSelected : (spec.kind == ButtonKind::Primary ? p.onAccent : p.mutedText);
        if (!spec.enabled) muted = p.disabled;
        DrawLines(ui, dl, detailFont, detailLines, ImVec2(textLeft, textTop + lines.size() * font->FontSize), textWidth,
                  centred, Colour(muted));
    }
    return clicked && spec.enabled && !ui.touch.suppressClick;
}

void TextBlock(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, float width,
               bool centred) {
    auto lines = WrapLines(font, text, width);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    DrawLines(ui, ImGui::GetWindowDrawList(), font, lines, pos, width, centred, Colour(colour));
    ImGui::Dummy(ImVec2(width, lines.size() * font->FontSize));
}

void PutText(const UiState& ui, ImFont* font, ImVec2 pos, const ImVec4& colour, std::string_view s) {
    if (ui.textLog) ui.textLog->emplace_back(s);
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(std::round(pos.x), std::round(pos.y)),
                                        Colour(colour), s.data(), s.data() + s.size());
}

float DrawTextAt(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, ImVec2 pos,
                 float width, bool centred) {
    auto lines = WrapLines(font, text, width);
    DrawLines(ui, ImGui::GetWindowDrawList(), font, lines, pos, width, centred, Colour(colour));
    return lines.size() * font->FontSize;
}

float TextBlockHeight(ImFont* font, std::string_view text, float width) {
    return WrapLines(font, text, width).size() * font->FontSize;
}

void BeginScrollArea(UiState& ui, const char* id, ImVec2 size) {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiID key = ImGui::GetID(id);
    TouchState& t = ui.touch;
    if (ui.pageChanged) {
        ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
    } else if (t.dragging && t.scrollOwner == key && io.MouseDown[0]) {
        ImGui::SetNextWindowScroll(ImVec2(-1.0f, std::max(0.0f, t.scrollStart - (io.MousePos.y - t.pressPos.y))));
    }
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoNav);
    if (io.MouseClicked[0] &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        t.scrollOwner = key;
        t.scrollStart = ImGui::GetScrollY();
    }
}

void EndScrollArea() { ImGui::EndChild(); }

void DrawLevelBar(const UiState& ui, ImVec2 pos, float width, float height, float fraction, int colourSlot) {
    const Palette& p = *ui.palette;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float rounding = height * 0.5f;
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), Colour(p.track), rounding);
    if (colourSlot >= 0 && fraction > 0) {
        float w = std::max(height, width * std::min(1.0f, fraction));
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), Colour(p.levels[colourSlot]), rounding);
    }
}

void LevelBar(const UiState& ui, float width, float height, float fraction, int colourSlot) {
    DrawLevelBar(ui, ImGui::GetCursorScreenPos(), width, height, fraction, colourSlot);
    ImGui::Dummy(ImVec2(width, height));
}

void BeginScreen(const char* id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
}

}  // namespace kiosk::ui
