// The kiosk's fonts: Noto Sans (Debian fonts-noto-core) regular and bold at one text-size step, with the
// Vietnamese letters, general punctuation (– — “ ” …) and the đồng sign. Changing the step rebuilds the
// atlas between frames (the app then re-uploads the GPU texture).
#pragma once

#include "imgui.h"

#include <string>
#include <vector>

namespace kiosk::ui {

// The font files' bytes, read once by the app (the UI reads no files). Kept alive by the caller for as long
// as the atlas uses them: each rebuild for another text size uses the same bytes, no file is read again.
struct FontData {
    std::string name;     // the regular font's path, for messages
    std::string regular;  // TTF bytes; empty when the file could not be read
    std::string bold;     // empty: the regular font stands in
};

inline constexpr float kSmallTextRatio = 0.82f;  // the three text sizes are ~0.82 apart

// The fonts screens draw with. `body` is the text size the citizen chose; the others scale from it.
struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;  // screen titles, ~1.45 × body, bold
    ImFont* display = nullptr;  // the start button, big numbers, ~2.2 × body, bold
    // One text-size step smaller (~0.82 × body): the least an answer may shrink to when a question
    // would not fit otherwise, and for secondary lines.
    ImFont* small = nullptr;
    ImFont* smallBold = nullptr;
    float size = 0;             // body size in px
    bool fromFiles = false;     // false: ImGui's built-in font (files missing), no Vietnamese
    ImVector<ImWchar> ranges;   // must outlive the atlas' use of it
};

// Clears `atlas` and builds it at `bodySize`. A missing font is reported in `errors` and replaced by
// ImGui's built-in font so the kiosk still shows something.
void BuildFonts(ImFontAtlas& atlas, const FontData& files, float bodySize, FontSet& out,
                std::vector<std::string>& errors);

}  // namespace kiosk::ui
