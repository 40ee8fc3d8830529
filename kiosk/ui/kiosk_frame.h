// One frame of the kiosk's interface: build the view model of the screen the flow is on, draw it, and
// return what was tapped and where the finger is. Nothing here changes the flow; the app applies it.
#pragma once

#include "kiosk/flow/kiosk_flow.h"
#include "kiosk/ui/qr.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/translations.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

struct FrameOutput {
    flow::Screen drawn = flow::Screen::Welcome;
    flow::Intent intent;
    flow::Pointer pointer;
};

struct FrameLook {
    const Theme* theme = nullptr;
    float cornerSize = 120;  // px, the invisible square at the top-left corner that opens staff mode
};

const Palette& PaletteFor(const Theme& theme, const flow::KioskFlow& flow);
float TextSizePxFor(const Theme& theme, const flow::KioskFlow& flow);

// Between ImGui::NewFrame() and ImGui::Render().
FrameOutput DrawKioskFrame(const flow::KioskFlow& flow, const Translations& texts, const FrameLook& look, QrCache& qr,
                           UiState& ui);

}  // namespace kiosk::ui
