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
    ImVec2 fullMin, fullMax;  // the whole target, also where it is scrolled or pushed out of view
    bool inScrollArea = false;
    bool wholeScreen = false;  // "touch anywhere" targets lie under everything on purpose
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

// One line of text as drawn: where it is, the box it was laid out in and the clip rectangle it was drawn
// under. The layout audit checks these (no clipped text, nothing outside its box, no word broken).
struct TextRecord {
    std::string text;
    ImVec2 min, max;          // the line's ink box
    ImVec2 boxMin, boxMax;    // the box the layout gave the text
    ImVec2 clipMin, clipMax;  // what the window shows there
    bool inScrollArea = false;
    bool brokenWord = false;  // the line ends inside a word (a word wider than the box)
    bool loneLastWord = false;  // the paragraph's last line holds one word although a better break exists
    std::string owner;        // the tap target whose label this is (empty: free text)
};

// A drag-to-scroll area as drawn: its rectangle, the height of its content and whether it told the citizen
// that there is more (a scroll bar and the "drag to see more" cue).
struct ScrollRecord {
    std::string id;
    ImVec2 min, max;
    float contentHeight = 0;
    bool showsScrollHint = false;
};

struct LayoutLog {
    std::vector<TextRecord> texts;
    std::vector<ScrollRecord> scrolls;
    void Clear() {
        texts.clear();
        scrolls.clear();
    }
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
    // Tests: when set, every line of text and every scroll area is recorded with its geometry.
    LayoutLog* layoutLog = nullptr;
    // The smallest side of a tap target in pixels (15 mm on this monitor), computed by the app from the
    // monitor's physical size; 0 = unknown, a pixel floor is used.
    float minTargetPx = 0;
    // Texts every screen may need that are not part of one view (translated by the controller).
    std::string scrollCue = "Kéo lên để xem thêm";
    // Bookkeeping of the question screen when its answers do not fit at once: which group is shown and
    // which groups have been seen, for the page `answersPageKey`.
    std::string answersPageKey;
    int answersGroup = 0;
    unsigned answersSeen = 1;
    // Set while drawing (who owns the text being drawn; are we inside a scroll area).
    std::string drawingOwner;
    int scrollDepth = 0;
    std::vector<ScrollRecord> openScrolls;
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

// The smallest side of anything tappable: 15 mm on this monitor (UiState::minTargetPx) or the pixel floor,
// and never less than a line of the chosen text with its padding.
float MinTouchHeight(const UiState& ui);
// 15 mm in pixels for a monitor of this many pixels and this diagonal in inches; the floor when unknown.
inline constexpr float kTargetFloorPx = 96.0f;
float TargetPixelsFor(float widthPx, float heightPx, float diagonalInch);

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

// Splits text into the lines drawn when wrapping at `width`: breaks only between words (a word wider than
// the line is the one exception, and is flagged), and never leaves one word alone on the last line when
// the word before it fits there too.
struct WrappedLine {
    std::string_view text;
    bool brokenWord = false;
};
std::vector<WrappedLine> WrapText(ImFont* font, std::string_view text, float width);
// The width of the widest word (what a box needs at least to keep every word whole).
float WidestWord(ImFont* font, std::string_view text);
float TextWidth(ImFont* font, std::string_view text);

// Text wrapped at `width` (from the cursor), optionally centred line by line.
void TextBlock(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, float width,
               bool centred = false);
// One line at an absolute position, without moving the layout cursor.
void PutText(const UiState& ui, ImFont* font, ImVec2 pos, const ImVec4& colour, std::string_view text);
float TextBlockHeight(ImFont* font, std::string_view text, float width);
// Draws wrapped text at `pos` without touching the layout; returns its height.
float DrawTextAt(const UiState& ui, ImFont* font, std::string_view text, const ImVec4& colour, ImVec2 pos,
                 float width, bool centred = false);

// A vertical scroll area that scrolls by dragging a finger. Always pair with EndScrollArea(). When (and
// only when) its content is taller than the area, EndScrollArea draws a slim bar and the "drag to see
// more" cue in the area's last `cueHeight` pixels, which the caller keeps free (ScrollCueHeight()).
void BeginScrollArea(UiState& ui, const char* id, ImVec2 size);
void EndScrollArea(UiState& ui);
float ScrollCueHeight(const UiState& ui);

// A horizontal bar: track + filled part in the level colour (slot -1 = empty track).
void LevelBar(const UiState& ui, float width, float height, float fraction, int colourSlot);
void DrawLevelBar(const UiState& ui, ImVec2 pos, float width, float height, float fraction, int colourSlot);

ImU32 Colour(const ImVec4& c, float alpha = 1.0f);

}  // namespace kiosk::ui
