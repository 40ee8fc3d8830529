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

bool WordByte(char c) { return c != ' ' && c != '\n'; }

void DrawLines(const UiState& ui, ImDrawList* dl, ImFont* font, const std::vector<WrappedLine>& lines, ImVec2 pos,
               float width, bool centred, ImU32 colour) {
    const ImVec2 boxMin = pos;
    const ImVec2 boxMax(pos.x + width, pos.y + lines.size() * font->FontSize);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i].text;
        if (ui.textLog) ui.textLog->emplace_back(line);
        const float w = TextWidth(font, line);
        float x = pos.x;
        if (centred) x += std::max(0.0f, (width - w) * 0.5f);
        const ImVec2 at(std::floor(x), std::floor(pos.y));
        dl->AddText(font, font->FontSize, at, colour, line.data(), line.data() + line.size());
        if (ui.layoutLog && !line.empty()) {
            TextRecord r;
            r.text = std::string(line);
            r.min = at;
            r.max = ImVec2(at.x + w, at.y + font->FontSize);
            r.boxMin = boxMin;
            r.boxMax = boxMax;
            r.clipMin = dl->GetClipRectMin();
            r.clipMax = dl->GetClipRectMax();
            r.inScrollArea = ui.scrollDepth > 0;
            r.brokenWord = lines[i].brokenWord;
            r.owner = ui.drawingOwner;
            // A lone last word: only a fault when moving the word before it down would have fitted.
            if (i + 1 == lines.size() && i > 0 && line.find(' ') == std::string_view::npos) {
                std::string_view prev = lines[i - 1].text;
                std::size_t sp = prev.rfind(' ');
                if (sp != std::string_view::npos && prev.find(' ') != sp) {
                    std::string joined = std::string(prev.substr(sp + 1)) + " " + std::string(line);
                    r.loneLastWord = TextWidth(font, joined) <= width;
                }
            }
            ui.layoutLog->texts.push_back(std::move(r));
        }
        pos.y += font->FontSize;
    }
}

}  // namespace

float TextWidth(ImFont* font, std::string_view s) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

float WidestWord(ImFont* font, std::string_view text) {
    float widest = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !WordByte(text[i])) ++i;
        std::size_t j = i;
        while (j < text.size() && WordByte(text[j])) ++j;
        if (j > i) widest = std::max(widest, TextWidth(font, text.substr(i, j - i)));
        i = j;
    }
    return widest;
}

std::vector<WrappedLine> WrapText(ImFont* font, std::string_view text, float width) {
    std::vector<WrappedLine> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::string_view para =
            text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        const char* s = para.data();
        const char* end = para.data() + para.size();
        const std::size_t first = lines.size();
        if (s == end) lines.push_back({std::string_view(s, 0), false});
        while (s < end) {
            // Greedy: as many whole words as fit. ImGui's own wrapper would also split after punctuation
            // inside a word ("Truyề/n"), so words are measured here.
            const char* lineEnd = s;
            const char* next = s;
            while (next < end) {
                const char* w = next;
                while (w < end && *w == ' ') ++w;
                const char* e = w;
                while (e < end && *e != ' ') ++e;
                if (e == w) break;
                if (TextWidth(font, std::string_view(s, static_cast<std::size_t>(e - s))) > width && lineEnd > s) break;
                lineEnd = e;
                next = e;
                if (TextWidth(font, std::string_view(s, static_cast<std::size_t>(e - s))) > width) break;
            }
            bool broken = false;
            if (TextWidth(font, std::string_view(s, static_cast<std::size_t>(lineEnd - s))) > width) {
                // One word wider than the line: cut it where it overflows (flagged: the layout must avoid it).
                const char* cut = font->CalcWordWrapPositionA(1.0f, s, lineEnd, width);
                if (cut <= s) {
                    const unsigned char lead = static_cast<unsigned char>(*s);
                    cut = s + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
                }
                lineEnd = std::min(cut, lineEnd);
                broken = lineEnd < end && WordByte(*lineEnd);
            }
            lines.push_back({std::string_view(s, static_cast<std::size_t>(lineEnd - s)), broken});
            s = lineEnd;
            while (s < end && *s == ' ') ++s;
        }
        // Never one word alone on the paragraph's last line when the word before it fits there too.
        if (lines.size() - first >= 2) {
            WrappedLine& last = lines.back();
            WrappedLine& prev = lines[lines.size() - 2];
            const std::size_t sp = prev.text.rfind(' ');
            if (!last.brokenWord && !prev.brokenWord && last.text.find(' ') == std::string_view::npos &&
                sp != std::string_view::npos && prev.text.find(' ') != sp) {
                const char* newStart = prev.text.data() + sp + 1;
                std::string_view joined(newStart, static_cast<std::size_t>(last.text.data() + last.text.size() - newStart));
                if (TextWidth(font, joined) <= width) {
                    std::string_view shorter = prev.text.substr(0, sp);
                    while (!shorter.empty() && shorter.back() == ' ') shorter.remove_suffix(1);
                    prev.text = shorter;
                    last.text = joined;
                }
            }
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

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
    if (ui.layoutLog) ui.layoutLog->Clear();
    ui.openScrolls.clear();
    ui.scrollDepth = 0;
    ui.drawingOwner.clear();
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

float MinTouchHeight(const UiState& ui) {
    const float target = ui.minTargetPx > 0 ? ui.minTargetPx : kTargetFloorPx;
    return std::round(std::max(target, ui.FontSize() * 2.0f));
}

float TargetPixelsFor(float widthPx, float heightPx, float diagonalInch) {
    if (!(diagonalInch > 1.0f) || widthPx <= 0 || heightPx <= 0) return kTargetFloorPx;
    const float pixelsPerMm = std::sqrt(widthPx * widthPx + heightPx * heightPx) / (diagonalInch * 25.4f);
    // Never below 40 px whatever a monitor claims: that is no finger's size on any screen.
    return std::max(40.0f, std::round(15.0f * pixelsPerMm));
}

void RecordTarget(UiState& ui, std::string_view id, ImVec2 min, ImVec2 max, bool enabled) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    ImVec2 vmin(std::max(min.x, cmin.x), std::max(min.y, cmin.y));
    ImVec2 vmax(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
    if (vmax.x - vmin.x < 1 || vmax.y - vmin.y < 1) return;  // scrolled out of view
    HitTarget t;
    t.id = std::string(id);
    t.min = vmin;
    t.max = vmax;
    t.enabled = enabled;
    t.fullMin = min;
    t.fullMax = max;
    t.inScrollArea = ui.scrollDepth > 0;
    ui.targets.push_back(std::move(t));
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
    auto lines = WrapText(font, spec.label, textWidth);
    std::vector<WrappedLine> detailLines;
    if (!spec.detail.empty()) detailLines = WrapText(detailFont, spec.detail, textWidth);
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
    ui.drawingOwner = std::string(spec.id);
    DrawLines(ui, dl, font, lines, ImVec2(textLeft, textTop), textWidth, centred, Colour(text));
    if (!detailLines.empty()) {
        ImVec4 muted = spec.selected ? p.onSelected : (spec.kind == ButtonKind::Primary ? p.onAccent : p.mutedText);
        if (!spec.enabled) muted = p.disabled;
        DrawLines(ui, dl, detailFont, detailLines, ImVec2(textLeft, textTop + lines.size() * font->FontSize), textWidth,
                  centred, Colour(muted));
    }
    ui.drawingOwner.clear();
    return clicked && spec.enabled && !ui.touch.suppressClick;
}

void TextBlock(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, float width,
               bool centred) {
    auto lines = WrapText(font, text, width);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    DrawLines(ui, ImGui::GetWindowDrawList(), font, lines, pos, width, centred, Colour(colour));
    ImGui::Dummy(ImVec2(width, lines.size() * font->FontSize));
}

void PutText(const UiState& ui, ImFont* font, ImVec2 pos, const ImVec4& colour, std::string_view s) {
    // One line, its box is its own width.
    DrawLines(ui, ImGui::GetWindowDrawList(), font, {WrappedLine{s, false}}, ImVec2(std::round(pos.x), std::round(pos.y)),
              TextWidth(font, s), false, Colour(colour));
}

float DrawTextAt(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, ImVec2 pos,
                 float width, bool centred) {
    auto lines = WrapText(font, text, width);
    DrawLines(ui, ImGui::GetWindowDrawList(), font, lines, pos, width, centred, Colour(colour));
    return lines.size() * font->FontSize;
}

float TextBlockHeight(ImFont* font, std::string_view text, float width) {
    return WrapText(font, text, width).size() * font->FontSize;
}

float ScrollCueHeight(const UiState& ui) { return std::round(ui.FontSize() * 1.6f); }

void BeginScrollArea(UiState& ui, const char* id, ImVec2 size) {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiID key = ImGui::GetID(id);
    TouchState& t = ui.touch;
    if (ui.pageChanged) {
        ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
    } else if (t.dragging && t.scrollOwner == key && io.MouseDown[0]) {
        ImGui::SetNextWindowScroll(ImVec2(-1.0f, std::max(0.0f, t.scrollStart - (io.MousePos.y - t.pressPos.y))));
    }
    // No ImGui scroll bar: the area draws its own, only when its content really overflows.
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar);
    if (io.MouseClicked[0] &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        t.scrollOwner = key;
        t.scrollStart = ImGui::GetScrollY();
    }
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    // Whether last frame's content overflowed decides whether the bottom strip holds the cue this frame;
    // content drawn under the strip is clipped, so nothing is tapped or read through it.
    // Last frame's content included the room kept free under the cue (when it showed): leave that out, or
    // the cue would keep itself on screen after the content shrank (a new screen size, a smaller text).
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID padKey = ImGui::GetID("##cue_pad");
    const float lastPad = storage->GetFloat(padKey, 0.0f);
    const bool overflow = w->ContentSize.y - lastPad > w->Size.y + 0.5f;

    ui.scrollDepth++;
    ScrollRecord r;
    r.id = id;
    r.min = w->Pos;
    r.max = ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y);
    r.showsScrollHint = overflow;
    ui.openScrolls.push_back(r);
    if (overflow) {
        ImGui::PushClipRect(r.min, ImVec2(r.max.x, r.max.y - ScrollCueHeight(ui)), true);
    } else {
        ImGui::PushClipRect(r.min, r.max, true);
    }
}

void EndScrollArea(UiState& ui) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ScrollRecord r = ui.openScrolls.back();
    ui.openScrolls.pop_back();
    ImGui::PopClipRect();
    const float cue = ScrollCueHeight(ui);
    // Content height without the room kept free under it for the cue.
    const float contentH = w->DC.CursorMaxPos.y - w->DC.CursorStartPos.y;
    r.contentHeight = contentH;
    float pad = 0;
    if (r.showsScrollHint) {
        ImGui::Dummy(ImVec2(1, cue));  // the last lines can scroll above the cue strip
        pad = w->DC.CursorMaxPos.y - w->DC.CursorStartPos.y - contentH;
        const Palette& p = *ui.palette;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a(r.min.x, r.max.y - cue);
        dl->AddRectFilled(a, r.max, Colour(p.background));
        dl->AddRectFilled(a, ImVec2(r.max.x, a.y + 2), Colour(p.track));
        // The bar: where the view is within the content.
        const float viewH = r.max.y - r.min.y - cue;
        const float total = std::max(viewH, contentH);
        const float barW = std::max(6.0f, std::round(ui.FontSize() * 0.22f));
        const float trackH = viewH;
        const float thumbH = std::max(barW * 3, trackH * viewH / total);
        const float scrollMax = std::max(1.0f, total - viewH);
        const float thumbY = r.min.y + (trackH - thumbH) * std::min(1.0f, w->Scroll.y / scrollMax);
        dl->AddRectFilled(ImVec2(r.max.x - barW, r.min.y), ImVec2(r.max.x, r.min.y + trackH), Colour(p.track), barW * 0.5f);
        dl->AddRectFilled(ImVec2(r.max.x - barW, thumbY), ImVec2(r.max.x, thumbY + thumbH), Colour(p.mutedText), barW * 0.5f);
        // The cue: an arrow and the words, centred in the strip.
        ImFont* font = ui.fonts->body;
        const std::string& text = ui.scrollCue;
        const float tw = TextWidth(font, text);
        const float x = std::round(r.min.x + std::max(0.0f, (r.max.x - r.min.x - tw) * 0.5f));
        // An upward chevron before the words (Noto Sans has no arrow glyphs).
        const float s = std::round(font->FontSize * 0.3f), cy = a.y + cue * 0.5f, ax = x - s * 2.2f;
        dl->AddTriangleFilled(ImVec2(ax - s, cy + s * 0.5f), ImVec2(ax + s, cy + s * 0.5f), ImVec2(ax, cy - s * 0.6f),
                              Colour(p.mutedText));
        const int depth = ui.scrollDepth;
        ui.scrollDepth = 0;  // the cue itself is never scrolled away
        DrawLines(ui, dl, font, {WrappedLine{text, false}}, ImVec2(x, std::round(a.y + (cue - font->FontSize) * 0.5f)),
                  tw, false, Colour(p.mutedText));
        ui.scrollDepth = depth;
    }
    ImGui::GetStateStorage()->SetFloat(ImGui::GetID("##cue_pad"), pad);
    ui.scrollDepth--;
    if (ui.layoutLog) ui.layoutLog->scrolls.push_back(r);
    ImGui::EndChild();
}

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
