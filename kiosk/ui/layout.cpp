// The layout engine's computations (see layout.h): frames, footers, choice grids and the question fit.
#include "kiosk/ui/layout.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Frame ComputeFrame(const UiState& ui) {
    Frame f;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    f.w = d.x;
    f.h = d.y;
    f.fs = ui.FontSize();
    f.portrait = d.y > d.x;
    f.pad = std::round(std::clamp(std::min(d.x, d.y) * 0.035f, 16.0f, f.fs * 1.4f));
    f.padY = std::round(std::clamp(d.y * 0.022f, 10.0f, f.fs * 0.85f));
    f.gap = std::round(f.fs * 0.6f);
    f.spacing = std::round(f.fs * 0.5f);
    f.touch = MinTouchHeight(ui);
    f.buttonPadX = std::round(f.fs * 0.9f);
    f.buttonPadY = std::round(f.fs * 0.45f);
    // A wide screen keeps a centred column (lines stay readable); small and portrait screens use all of it.
    f.width = d.x < 1500 ? d.x - 2 * f.pad : std::min(d.x - 2 * f.pad, std::max(1400.0f, d.x * 0.8f));
    f.x0 = std::round((d.x - f.width) * 0.5f);
    return f;
}

float ButtonWidthFor(const Frame& f, ImFont* font, std::string_view label, float minWidth) {
    return std::ceil(std::max(minWidth, TextWidth(font, label) + 2 * f.buttonPadX + 2));
}

float ButtonHeightFor(const Frame& f, ImFont* font, std::string_view label, float width, ImFont* detailFont,
                      std::string_view detail, bool option) {
    const float indicator = option ? std::round(f.fs * 1.8f) : 0.0f;
    const float textW = std::max(f.fs, width - 2 * f.buttonPadX - indicator);
    float h = TextBlockHeight(font, label, textW);
    if (detailFont && !detail.empty()) h += TextBlockHeight(detailFont, detail, textW);
    return std::max(f.touch, h + 2 * f.buttonPadY);
}

FooterPlan PlanFooter(const Frame& f, ImFont* font, const std::vector<std::string_view>& labels, float width) {
    FooterPlan plan;
    if (labels.empty()) return plan;
    std::vector<float> widths;
    float total = 0;
    for (auto l : labels) {
        widths.push_back(ButtonWidthFor(f, font, l, std::round(f.fs * 6)));
        total += widths.back();
    }
    total += f.fs * (labels.size() - 1);
    if (total <= width) {
        // One row: the first at the left, the rest right-aligned; the spare width goes to the main action.
        // Portrait: the buttons fill the whole row (thumb-sized, nothing floating in the middle).
        const float spare = labels.size() > 1 ? (f.portrait ? width - total : std::min(width - total, f.fs * 4)) : 0;
        if (f.portrait && labels.size() > 1) {
            for (auto& w : widths) w += std::floor(spare / labels.size());
        } else {
            widths.back() += spare;
        }
        float h = 0;
        for (std::size_t i = 0; i < labels.size(); ++i) h = std::max(h, ButtonHeightFor(f, font, labels[i], widths[i]));
        plan.buttons.resize(labels.size());
        plan.buttons[0] = {0, 0, widths[0], h};
        float x = width;
        for (std::size_t i = labels.size(); i-- > 1;) {
            x -= widths[i];
            plan.buttons[i] = {x, 0, widths[i], h};
            x -= f.fs;
        }
        plan.height = h;
        return plan;
    }
    // Two rows: the forward actions share the first row (stacked if even that is too narrow), the way back
    // gets the second row at the left.
    plan.buttons.resize(labels.size());
    float y = 0;
    const std::size_t n = labels.size() - 1;
    if (n > 0) {
        const float bw = std::floor((width - f.spacing * (n - 1)) / n);
        bool sideBySide = true;
        for (std::size_t i = 1; i < labels.size(); ++i) sideBySide = sideBySide && WidestWord(font, labels[i]) + 2 * f.buttonPadX <= bw;
        if (sideBySide) {
            float h = 0;
            for (std::size_t i = 1; i < labels.size(); ++i) h = std::max(h, ButtonHeightFor(f, font, labels[i], bw));
            for (std::size_t i = 1; i < labels.size(); ++i) plan.buttons[i] = {(i - 1) * (bw + f.spacing), 0, bw, h};
            y = h + f.spacing;
        } else {
            for (std::size_t i = labels.size(); i-- > 1;) {
                const float h = ButtonHeightFor(f, font, labels[i], width);
                plan.buttons[i] = {0, y, width, h};
                y += h + f.spacing;
            }
        }
    }
    const float backW = std::min(width, std::max(widths[0], std::round(width * 0.4f)));
    const float backH = ButtonHeightFor(f, font, labels[0], backW);
    plan.buttons[0] = {0, y, backW, backH};
    plan.height = y + backH;
    return plan;
}

int ChoicesPerRow(const Frame& f, ImFont* font, const std::vector<std::string>& labels, float width, int maxPerRow,
                  bool option) {
    const float indicator = option ? std::round(f.fs * 1.8f) : 0.0f;
    float widest = 0;
    for (const auto& l : labels) widest = std::max(widest, WidestWord(font, l));
    for (int n = std::max(1, maxPerRow); n > 1; --n) {
        const float bw = (width - f.spacing * (n - 1)) / n;
        if (widest + 2 * f.buttonPadX + indicator <= bw && bw >= f.fs * 4.5f) return n;
    }
    return 1;
}

namespace {

struct Candidate {
    bool tight, compact, twoColumns, smallQuestion, smallAnswers;
};

}  // namespace

QuestionFit FitQuestion(const Frame& f, const FontSet& fonts, const QuestionTexts& q, float width, float height,
                        std::string_view moreLabel) {
    const Candidate candidates[] = {{false, false, false, false, false}, {true, false, false, false, false},
                                    {true, true, false, false, false},   {true, true, true, false, false},
                                    {true, true, true, true, false},     {true, true, true, true, true}};
    const int n = static_cast<int>(q.options.size());
    QuestionFit fit;
    int step = 0;
    for (const Candidate& c : candidates) {
        QuestionFit t;
        t.step = step++;
        t.gap = std::round(f.fs * (c.tight ? 0.35f : 0.6f));
        t.answerSpacing = std::round(f.fs * (c.tight ? 0.25f : 0.4f));
        t.compactHeadings = c.compact;
        t.questionFont = c.smallQuestion ? fonts.bold : fonts.heading;
        t.answerFont = c.smallAnswers ? fonts.small : fonts.body;
        t.columns = 1;
        if (c.twoColumns && n > 1) {
            std::vector<std::string> labels(q.options.begin(), q.options.end());
            const float colW = (width - t.answerSpacing) / 2;
            if (colW >= f.fs * 12 && ChoicesPerRow(f, t.answerFont, labels, width, 2, true) == 2) t.columns = 2;
        }
        if (c.compact) {
            std::string line = std::string(q.area) + (q.competency.empty() ? "" : " · ") + std::string(q.competency);
            t.headingsHeight = TextBlockHeight(fonts.small, line, width) + t.gap * 0.5f;
        } else {
            t.headingsHeight = TextBlockHeight(fonts.bold, q.area, width) + TextBlockHeight(fonts.body, q.competency, width) +
                               t.gap * 0.5f;
        }
        t.questionHeight = TextBlockHeight(t.questionFont, q.text, width) + t.gap;
        const float colW = std::floor((width - t.answerSpacing * (t.columns - 1)) / t.columns);
        float answers = 0;
        for (int first = 0; first < n; first += t.columns) {
            float rowH = 0;
            for (int i = first; i < std::min(n, first + t.columns); ++i)
                rowH = std::max(rowH, ButtonHeightFor(f, t.answerFont, q.options[i], colW, nullptr, {}, true));
            t.rowHeights.push_back(rowH);
            answers += rowH + (first > 0 ? t.answerSpacing : 0);
        }
        t.height = t.headingsHeight + t.questionHeight + answers;
        t.groups = {{0, n}};
        fit = t;
        if (t.height <= height) return fit;
    }
    // Still too tall: groups of whole rows, each with the more-answers button under it.
    fit.step = 6;
    // The question one step smaller too (the answers keep the citizen's size minus one step).
    fit.questionFont = fonts.smallBold;
    fit.questionHeight = TextBlockHeight(fit.questionFont, q.text, width) + fit.gap;
    const float moreH = ButtonHeightFor(f, fonts.bold, std::string(moreLabel) + " (1/2)", width);
    const float room = height - fit.headingsHeight - fit.questionHeight - moreH - fit.answerSpacing;
    fit.groups.clear();
    float used = 0, tallest = 0;
    int groupFirst = 0;
    for (std::size_t r = 0; r < fit.rowHeights.size(); ++r) {
        const float add = fit.rowHeights[r] + (used > 0 ? fit.answerSpacing : 0);
        if (used > 0 && used + add > room) {
            fit.groups.push_back({groupFirst, static_cast<int>(r) * fit.columns});
            tallest = std::max(tallest, used);
            groupFirst = static_cast<int>(r) * fit.columns;
            used = fit.rowHeights[r];
        } else {
            used += add;
        }
    }
    fit.groups.push_back({groupFirst, n});
    tallest = std::max(tallest, used);
    fit.height = fit.headingsHeight + fit.questionHeight + tallest + fit.answerSpacing + moreH;
    return fit;
}

}  // namespace kiosk::ui
