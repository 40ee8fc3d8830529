// The layout engine: screen frames and placements computed from the display size, the chosen text size and
// the smallest tap target (15 mm on this monitor), never hand-placed pixels. Pure functions over fonts and
// texts; nothing here keeps ImGui state between frames.
#pragma once

#include "kiosk/ui/widgets.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float Right() const { return x + w; }
    float Bottom() const { return y + h; }
};

// The frame every screen starts from.
struct Frame {
    float w = 0, h = 0;       // display
    float fs = 0;             // body text size
    float pad = 0;            // left/right margin
    float padY = 0;           // top/bottom margin
    float gap = 0;            // vertical gap between blocks
    float spacing = 0;        // between buttons in a row
    float touch = 0;          // smallest side of a tap target
    float buttonPadX = 0;     // a button's inner left/right padding (as TapButton draws it)
    float buttonPadY = 0;
    float x0 = 0, width = 0;  // the content column
    bool portrait = false;
};

Frame ComputeFrame(const UiState& ui);

// The width a button needs to show `label` on one line in `font` (at least `minWidth`).
float ButtonWidthFor(const Frame& f, ImFont* font, std::string_view label, float minWidth = 0);
// The height a button of width `width` needs for `label` (wrapped) and an optional detail line.
float ButtonHeightFor(const Frame& f, ImFont* font, std::string_view label, float width, ImFont* detailFont = nullptr,
                      std::string_view detail = {}, bool option = false);

// A row of buttons at the foot of a page: the first one (the way back) at the left, the others at the
// right. When they do not fit side by side they are stacked full width (main action on top), so nothing is
// squeezed or overlaps. Returns one rectangle per button, relative to (0, 0) = top-left of the footer.
struct FooterPlan {
    std::vector<Rect> buttons;
    float height = 0;
};
FooterPlan PlanFooter(const Frame& f, ImFont* font, const std::vector<std::string_view>& labels, float width);

// Equal-width buttons in rows of `perRow`: how many fit per row so that no label breaks inside a word.
int ChoicesPerRow(const Frame& f, ImFont* font, const std::vector<std::string>& labels, float width, int maxPerRow,
                  bool option);

// How a question and its answers fit the space between header and footer. The steps, in this order, until
// it fits: tighter spacing, smaller headings, answers in two columns (when wide), a smaller question font,
// answers one text-size step smaller. If even that does not fit, the answers are split into groups shown
// one at a time behind a "more answers" button.
struct QuestionTexts {
    std::string_view area, competency, text;
    std::vector<std::string_view> options;
};
struct QuestionFit {
    int step = 0;              // 0 = as designed … 5 = answers one step smaller; 6 = grouped
    float gap = 0;             // between blocks
    float answerSpacing = 0;   // between answers
    bool compactHeadings = false;  // area and competency on one small line
    int columns = 1;
    ImFont* questionFont = nullptr;
    ImFont* answerFont = nullptr;
    std::vector<std::pair<int, int>> groups;  // [first, last) answers shown together; one group when all fit
    float headingsHeight = 0, questionHeight = 0;
    std::vector<float> rowHeights;  // per row of answers (rows of `columns`)
    float height = 0;          // of the tallest group, including the more-answers button
};
QuestionFit FitQuestion(const Frame& f, const FontSet& fonts, const QuestionTexts& q, float width, float height,
                        std::string_view moreLabel);

}  // namespace kiosk::ui
