// Full-screen messages: the idle warning, thank you, and out of service.
#include "kiosk/ui/screens.h"

#include "kiosk/ui/layout.h"
#include "kiosk/ui/screen_parts.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace kiosk::ui {
using namespace detail;

Intent DrawIdleScreen(const IdleView& v, UiState& ui) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen("###idle");

    // The whole screen answers "I'm still here": any touch will do.
    At(0, 0);
    bool anywhere = ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h));
    if (anywhere && !ui.touch.suppressClick) intent = {IntentKind::StillHere, -1};

    const float w = std::min(l.width, l.fs * 40);
    const float x = std::round((l.w - w) * 0.5f);
    ImFont* titleFont = f.display;
    float radius = std::round(f.display->FontSize * 1.6f);
    const float bw = std::min(w, ButtonWidthFor(l, f.bold, v.stillHere, l.fs * 14));
    const float bh = ButtonHeightFor(l, f.bold, v.stillHere, bw);
    auto blockHeight = [&] {
        return TextBlockHeight(titleFont, v.title, w) + l.gap + radius * 2 + l.gap + TextBlockHeight(f.heading, v.countdown, w) +
               l.fs * 0.3f + TextBlockHeight(f.body, v.body, w) + l.gap + bh;
    };
    if (blockHeight() > l.h - 2 * l.padY) {
        titleFont = f.heading;
        radius = std::round(f.heading->FontSize * 1.2f);
    }
    float y = std::max(l.padY, std::round((l.h - blockHeight()) * 0.5f));
    y += DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(x, y), w, true) + l.gap;

    // Seconds left inside a ring that empties as they run out.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(l.w * 0.5f, y + radius);
    dl->AddCircle(c, radius, Colour(p.track), 64, l.fs * 0.5f);
    const float a0 = -3.14159265f * 0.5f;
    if (v.fraction > 0) {
        dl->PathArcTo(c, radius, a0, a0 + 2 * 3.14159265f * std::clamp(v.fraction, 0.0f, 1.0f), 64);
        dl->PathStroke(Colour(p.accent), 0, l.fs * 0.5f);
    }
    ImFont* secondsFont = radius >= f.display->FontSize * 1.2f ? f.display : f.heading;
    const float sw = TextWidth(secondsFont, v.seconds);
    PutText(ui, secondsFont, ImVec2(c.x - sw * 0.5f, c.y - secondsFont->FontSize * 0.5f), p.text, v.seconds);
    y += radius * 2 + l.gap;
    y += DrawTextAt(ui, f.heading, v.countdown, p.text, ImVec2(x, y), w, true) + l.fs * 0.3f;
    y += DrawTextAt(ui, f.body, v.body, p.mutedText, ImVec2(x, y), w, true) + l.gap;
    At((l.w - bw) * 0.5f, y);
    // Drawn as a button for the eye; the tap itself is caught by the whole-screen target above.
    ButtonSpec still = Btn("idle.still_here", v.stillHere, bw, bh, ButtonKind::Primary);
    if (TapButton(ui, still)) intent = {IntentKind::StillHere, -1};

    EndScreen();
    return intent;
}

namespace {

Intent DrawMessage(const MessageView& v, UiState& ui, const char* window, const char* targetId, IntentKind onTap) {
    Intent intent;
    const Frame l = ComputeFrame(ui);
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    BeginScreen(window);
    if (onTap != IntentKind::None) {
        At(0, 0);
        if (ImGui::InvisibleButton("##anywhere", ImVec2(l.w, l.h)) && !ui.touch.suppressClick) intent = {onTap, -1};
        RecordTarget(ui, targetId, ImVec2(0, 0), ImVec2(l.w, l.h));
        if (!ui.targets.empty()) ui.targets.back().wholeScreen = true;
    }
    const float w = std::min(l.width, l.fs * 40);
    const float x = std::round((l.w - w) * 0.5f);
    ImFont* titleFont = f.display;
    ImFont* bodyFont = f.heading;
    auto height = [&] {
        float h = TextBlockHeight(titleFont, v.title, w) + l.gap + TextBlockHeight(bodyFont, v.body, w);
        if (!v.secondaryTitle.empty())
            h += l.gap * 2 + TextBlockHeight(f.bold, v.secondaryTitle, w) + TextBlockHeight(f.body, v.secondaryBody, w);
        return h;
    };
    if (height() > l.h - 2 * l.padY) titleFont = f.heading;
    if (height() > l.h - 2 * l.padY) bodyFont = f.body;
    float y = std::max(l.padY, std::round((l.h - height()) * 0.5f));
    y += DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(x, y), w, true) + l.gap;
    y += DrawTextAt(ui, bodyFont, v.body, p.mutedText, ImVec2(x, y), w, true);
    if (!v.secondaryTitle.empty()) {
        y += l.gap * 2;
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
    // No way forward for a citizen here; staff reach staff mode by the hidden gesture.
    return DrawMessage(v, ui, "###out_of_service", "", IntentKind::None);
}

}  // namespace kiosk::ui
