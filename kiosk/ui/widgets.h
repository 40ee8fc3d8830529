// Touch widgets for the kiosk: large tap buttons that draw their own (wrapped) labels, drag-to-scroll
// areas whose drags never count as taps, wrapped and centred text, level bars. Every tappable item is
// recorded with its on-screen rectangle, so tests and the end-to-end driver can find it by a stable id.
#pragma once

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/theme.h"

#include "imgui.h"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

struct HitTarget {
    std::string id;
    ImVec2 min, max;  // the visible part (clipped by its scroll area)
    bool enabled = true;
    bool selected = false;
    ImVec2 Centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

struct TouchState {
    bool down = false;           // a finger is on the screen since pressPos
    bool dragging = false;       // it moved further than a tap wobbles
    bool suppressClick = false;  // this touch was a drag: its release must not tap anything
    ImVec2 pressPos;
    ImGuiID scrollOwner = 0;     // the scroll area the drag started in
    float scrollStart = 0;
};

// Per-frame UI state the app (or a test) owns and the screens read and update: look, touch tracking,
// the tap targets drawn this frame. Nothing of a citizen is kept here.
struct UiState {
    const Palette* palette = nullptr;
    const FontSet* fonts = nullptr;
    TouchState touch;
    std::vector<HitTarget> targets;
    std::string pageKey;       // identifies the page shown; a new page starts its scroll areas at the top
    bool pageChanged = true;
    // Tests: when set, every text drawn this frame is appended (to check what a citizen can see).
    std::vector<std::string>* textLog = nullptr;
    float FontSize() const { return fonts ? fonts->size : 28.0f; }
};

// Call after ImGui::NewFrame(), before drawing: updates the touch state, clears the targets.
// Opens the full-screen, undecorated window every screen draws into (end it with ImGui::End()).
void BeginScreen(const char* id);

void BeginUiFrame(UiState& ui, const std::string& pageKey);
const HitTarget* FindTarget(const UiState& ui, std::string_view id);

// For the app, between the backend's NewFrame and ImGui::NewFrame: once a release has been seen, move the
// pointer off-screen so nothing stays hovered where a finger lifted. `wasDown` carries the last frame's state.
void ApplyTouchPointerRules(ImGuiIO& io, bool& wasDown);

// The smallest height of anything tappable: ≥ 96 px (15 mm on a 24" 1080p screen), more for larger text.
float MinTouchHeight(const UiState& ui);

enum class ButtonKind { Primary, Secondary, Option, Chip };

struct ButtonSpec {
    std::string_view id;  // stable and language-independent ("welcome.start", "option.2")
    std::string_view label;
    float width = 0;   // 0 = the available width
    float height = 0;  // 0 = fits the label, at least MinTouchHeight()
    ButtonKind kind = ButtonKind::Secondary;
    bool selected = false;
    bool enabled = true;
    ImFont* font = nullptr;      // default: body (bold for primary buttons)
    std::string_view detail;     // optional second line in a smaller, muted style
};

inline ButtonSpec Btn(std::string_view id, std::string_view label, float width, float height,
                      ButtonKind kind = ButtonKind::Secondary, bool selected = false) {
    ButtonSpec b;
    b.id = id;
    b.label = label;
    b.width = width;
    b.height = height;
    b.kind = kind;
    b.selected = selected;
    return b;
}

// Draws a button and returns true on the release frame of a tap on it (never for a drag).
bool TapButton(UiState& ui, const ButtonSpec& spec);
// Records a rectangle as a tap target drawn by hand (e.g. a whole-screen "touch to continue").
void RecordTarget(UiState& ui, std::string_view id, ImVec2 min, ImVec2 max, bool enabled = true);

// Text wrapped at `width` (from the cursor), optionally centred line by line.
void TextBlock(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, float width,
               bool centred = false);
// One line at an absolute position, without moving the layout cursor.
void PutText(const UiState& ui, ImFont* font, ImVec2 pos, const ImVec4& colour, std::string_view text);
float TextBlockHeight(ImFont* font, std::string_view text, float width);
// Draws wrapped text at `pos` without touching the layout; returns its height.
float DrawTextAt(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, ImVec2 pos,
                 float width, bool centred = false);

// A vertical scroll area that scrolls by dragging a finger. Always pair with EndScrollArea().
void BeginScrollArea(UiState& ui, const char* id, ImVec2 size);
void EndScrollArea();

// A horizontal bar: track + filled part in the level colour (slot -1 = empty track).
void LevelBar(const UiState& ui, float width, float height, float fraction, int colourSlot);
void DrawLevelBar(const UiState& ui, ImVec2 pos, float width, float height, float fraction, int colourSlot);

ImU32 Colour(const ImVec4& c, float alpha = 1.0f);

}  // namespace kiosk::ui
