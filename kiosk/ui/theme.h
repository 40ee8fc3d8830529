// Colours and sizes of the kiosk: a calm palette (light background, dark text, one accent colour) and a
// high-contrast one (black, white, yellow), five colour-blind-safe level colours each, and the three text
// size steps. Defaults are built in; assets/theme.json may override any of them.
#pragma once

#include "imgui.h"

#include <array>
#include <string>
#include <vector>

namespace kiosk::ui {

inline constexpr int kLevelColours = 5;
inline constexpr int kTextSizeSteps = 3;

struct Palette {
    ImVec4 background, surface, text, mutedText, accent, onAccent, border, selected, onSelected, pressed,
        track, disabled;
    std::array<ImVec4, kLevelColours> levels;  // lowest level first
};

struct Theme {
    Palette calm, highContrast;
    std::array<float, kTextSizeSteps> textSizes{28, 34, 42};  // body text in px at 1080p
    const Palette& For(bool highContrastOn) const { return highContrastOn ? highContrast : calm; }
};

Theme DefaultTheme();

// Reads overrides from a theme file: {"calm": {"background": "#RRGGBB", …, "levels": [5 colours]},
// "high_contrast": {…}, "text_sizes_px": [28, 34, 42]}. Problems are appended to `errors` and leave the
// affected values at their defaults.
Theme LoadTheme(const std::string& path, std::vector<std::string>& errors);

// Palette slot for level `levelIndex` of `levelCount` levels (spread over the five colours so a 4-level
// questionnaire still runs from the lowest to the highest colour). -1 stays -1 (not assessed).
int LevelColourSlot(int levelIndex, int levelCount);

// Sets ImGui's style for the palette: no hover highlight (a lifted finger leaves nothing lit), large
// scrollbars for fingers, spacing proportional to the text size.
void ApplyStyle(const Palette& palette, float fontSize, ImGuiStyle& style);

}  // namespace kiosk::ui
