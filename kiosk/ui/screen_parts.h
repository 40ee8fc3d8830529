// Pieces the citizen screens share (internal to kiosk_ui): placement, footers, headings, rules and grids of
// equal-width choice buttons. Sizes come from the layout's Frame so every screen scales the same way.
#pragma once

#include "kiosk/ui/intent.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/views.h"
#include "kiosk/ui/widgets.h"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui::detail {

void EndScreen();
// Moves the cursor to a whole-pixel screen position.
void At(float x, float y);
void Gap(float h);

// Draws a footer planned by PlanFooter with its top-left at (x, y); returns the index of the tapped button.
int DrawFooter(UiState& ui, const FooterPlan& plan, float x, float y, const std::vector<ButtonSpec>& specs);
std::vector<std::string_view> Labels(const std::vector<ButtonSpec>& specs);
// A page title at the top; returns where the body starts.
float DrawHeading(UiState& ui, const Frame& l, std::string_view title, float x, float width);
// The listen control (ListenView): the width it takes (the wider of its two labels, so it does not jump
// when it switches; 0 when hidden) and drawing it at (x, y); true when tapped. Every citizen screen places
// it with these, so it looks and behaves the same everywhere.
float ListenWidth(const UiState& ui, const Frame& l, const ListenView& v);
bool DrawListen(UiState& ui, const Frame& l, const ListenView& v, float x, float y, float w, float h);
// DrawHeading with the listen control at the right of the title; sets `intent` when it is tapped.
float DrawHeadingWithListen(UiState& ui, const Frame& l, std::string_view title, float x, float width,
                            const ListenView& listen, Intent& intent);

// A thin rule under headers so the fixed parts read as frames around the scrolling part.
void Rule(const UiState& ui, float x, float y, float width);

// A row of equal-width buttons, wrapping into as many rows as needed for `perRow` columns; returns the
// index of the tapped one or -1.
int ChoiceGrid(UiState& ui, const char* idPrefix, const std::vector<ChoiceView>& choices, float width, int perRow,
               ButtonKind kind, ImFont* font = nullptr);
// The height ChoiceGrid will take.
float ChoiceGridHeight(const UiState& ui, const Frame& l, const std::vector<ChoiceView>& choices, float width,
                       int perRow, ButtonKind kind, ImFont* font = nullptr);
// Each choice's label and detail, for measuring.
std::vector<std::string> ChoiceLabels(const std::vector<ChoiceView>& choices);

}  // namespace kiosk::ui::detail
