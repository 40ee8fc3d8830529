// Staff-mode screen layouts: the PIN pad, the staff menu, a confirmation page, the dashboard, the export
// page, the list pages (questionnaires, install, health) and the preview banner. Same building blocks as
// the citizen screens (TapButton, TextBlock), sized from the body text size.
#include "kiosk/ui/staff_screens.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <iterator>

namespace kiosk::ui {
namespace {


void At(float x, float y) { ImGui::SetCursorScreenPos(ImVec2(std::round(x), std::round(y))); }

// Error messages use the lowest level's colour: the palette's "needs attention" colour in both themes.
ImVec4 ErrorColour(const Palette& p) { return p.levels[0]; }

}  // namespace

std::string StaffActionId(int action) {
    // Indexed by StaffAction (controller.h).
    static const char* const ids[] = {"staff.exit", "staff.dashboard", "staff.export", "staff.questionnaires", "staff.health"};
    if (action < 0 || action >= static_cast<int>(std::size(ids))) return "staff.action." + std::to_string(action);
    return ids[action];
}

Intent DrawPinPadScreen(const PinPadView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    const float key = std::max(MinTouchHeight(ui), std::round(d.y * 0.095f));  // one pad key's height
    const float w = std::min(d.x - 2 * fs, std::round(key * 3.4f * 1.6f));
    const float x = std::round((d.x - w) * 0.5f);
    BeginScreen("###staff_pin");

    float y = std::round(fs * 0.8f);
    y += DrawTextAt(ui, f.heading, v.title, p.text, ImVec2(x, y), w, true) + gap * 0.5f;
    y += DrawTextAt(ui, f.body, v.prompt, p.mutedText, ImVec2(x, y), w, true) + gap;

    // One dot per typed digit, never the digits themselves; empty rings show where the next one goes.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = std::round(fs * 0.4f), step = r * 3;
    const int shown = std::max(v.digits, 6);
    float cx = d.x * 0.5f - step * (shown - 1) * 0.5f;
    for (int i = 0; i < shown; ++i, cx += step) {
        if (i < v.digits) dl->AddCircleFilled(ImVec2(cx, y + r), r, Colour(p.text), 24);
        else dl->AddCircle(ImVec2(cx, y + r), r, Colour(p.track), 24, 2.0f);
    }
    y += 2 * r + gap;
    const float messageH = TextBlockHeight(f.bold, "Ag", w) * 2;
    if (!v.message.empty())
        DrawTextAt(ui, f.bold, v.message, v.messageIsError ? ErrorColour(p) : p.text, ImVec2(x, y), w, true);
    y += messageH + gap * 0.5f;

    // 1 2 3 / 4 5 6 / 7 8 9 / erase 0 OK: the telephone layout people know.
    const float kw = std::floor((w - 2 * gap) / 3);
    const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"erase", "0", "ok"}};
    for (int row = 0; row < 4; ++row) {
        for (int col = 0; col < 3; ++col) {
            const std::string k = rows[row][col];
            At(x + col * (kw + gap), y);
            if (k == "erase") {
                ButtonSpec b = Btn("pin.erase", v.erase, kw, key);
                b.enabled = v.digits > 0;
                if (TapButton(ui, b)) intent = {IntentKind::PinErase, -1};
            } else if (k == "ok") {
                ButtonSpec b = Btn("pin.ok", v.ok, kw, key, ButtonKind::Primary);
                b.enabled = !v.locked && v.digits > 0;
                if (TapButton(ui, b)) intent = {IntentKind::PinOk, -1};
            } else {
                const std::string id = "pin." + k;
                ButtonSpec b = Btn(id, k, kw, key);
                b.font = f.heading;
                b.enabled = !v.locked;
                if (TapButton(ui, b)) intent = {IntentKind::PinDigit, k[0] - '0'};
            }
        }
        y += key + gap;
    }
    if (v.canCancel) {
        At(x, y);
        if (TapButton(ui, Btn("pin.cancel", v.cancel, w, MinTouchHeight(ui)))) intent = {IntentKind::PinCancel, -1};
    }
    ImGui::End();
    return intent;
}

Intent DrawStaffMenuScreen(const StaffMenuView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.6f);
    const float w = std::min(d.x - 2 * fs, std::round(fs * 36));
    const float x = std::round((d.x - w) * 0.5f);
    BeginScreen("###staff_menu");

    float y = std::round(fs * 1.2f);
    y += DrawTextAt(ui, f.heading, v.title, p.text, ImVec2(x, y), w) + gap * 0.5f;
    y += DrawTextAt(ui, f.body, v.intro, p.mutedText, ImVec2(x, y), w) + gap;
    for (const auto& n : v.notices) y += DrawTextAt(ui, f.bold, n, ErrorColour(p), ImVec2(x, y), w) + gap * 0.5f;
    for (const auto& e : v.entries) {
        At(x, y);
        const std::string id = StaffActionId(e.action);
        ButtonSpec b = Btn(id, e.label, w, 0);
        b.detail = e.detail;
        if (TapButton(ui, b)) intent = {IntentKind::StaffMenu, e.action};
        y = ImGui::GetCursorScreenPos().y + gap * 0.5f;
    }
    y += gap;
    At(x, y);
    if (TapButton(ui, Btn("staff.close", v.close, w, 0, ButtonKind::Primary))) intent = {IntentKind::PinCancel, -1};
    ImGui::End();
    return intent;
}

Intent DrawStaffConfirmScreen(const StaffConfirmView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.8f);
    const float w = std::min(d.x - 2 * fs, std::round(fs * 36));
    const float x = std::round((d.x - w) * 0.5f);
    const float touch = MinTouchHeight(ui);
    BeginScreen("###staff_confirm");
    const float blockH = TextBlockHeight(f.heading, v.title, w) + gap + TextBlockHeight(f.body, v.body, w) + 2 * gap + touch;
    float y = std::max(fs, (d.y - blockH) * 0.5f);
    y += DrawTextAt(ui, f.heading, v.title, p.text, ImVec2(x, y), w, true) + gap;
    y += DrawTextAt(ui, f.body, v.body, p.mutedText, ImVec2(x, y), w, true) + 2 * gap;
    const float bw = std::floor((w - fs) * 0.5f);
    At(x, y);
    if (TapButton(ui, Btn("staff.confirm.yes", v.confirm, bw, touch))) intent = {IntentKind::StaffConfirm, -1};
    At(x + bw + fs, y);
    if (TapButton(ui, Btn("staff.confirm.no", v.cancel, bw, touch, ButtonKind::Primary)))
        intent = {IntentKind::StaffBack, -1};
    ImGui::End();
    return intent;
}

// The layout shared by the scrolling staff pages: a heading, a scroll area, and a footer row of buttons.
struct ScrollPage {
    ImVec2 display;
    float fontSize, gap, touch, width, x, footerTop;
};

// Opens the screen, draws the heading and begins the scroll area (end it with EndScrollArea()).
ScrollPage BeginScrollPage(UiState& ui, const char* windowId, const char* scrollId, const std::string& title) {
    ScrollPage page;
    page.display = ImGui::GetIO().DisplaySize;
    page.fontSize = ui.FontSize();
    page.gap = std::round(page.fontSize * 0.6f);
    page.touch = MinTouchHeight(ui);
    page.width = std::min(page.display.x - 2 * page.fontSize, std::round(page.fontSize * 50));
    page.x = std::round((page.display.x - page.width) * 0.5f);
    BeginScreen(windowId);
    float y = std::round(page.fontSize * 0.8f);
    y += DrawTextAt(ui, ui.fonts->heading, title, ui.palette->text, ImVec2(page.x, y), page.width) + page.gap * 0.5f;
    page.footerTop = page.display.y - std::round(page.fontSize * 0.8f) - page.touch;
    At(page.x, y);
    BeginScrollArea(ui, scrollId, ImVec2(page.width, page.footerTop - page.gap - y));
    return page;
}

Intent DrawDashboardScreen(const DashboardView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ScrollPage page = BeginScrollPage(ui, "###staff_dashboard", "dashboard.body", v.title);
    const float fs = page.fontSize, gap = page.gap, touch = page.touch, w = page.width, x = page.x;
    const float footerTop = page.footerTop;
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float cw = ImGui::GetContentRegionAvail().x;
        if (!v.error.empty()) TextBlock(ui, f.bold, v.error, ErrorColour(p), cw);
        // The counts as tiles side by side.
        if (!v.tiles.empty()) {
            const float tw = std::floor((cw - gap * (v.tiles.size() - 1)) / v.tiles.size());
            const float th = f.display->FontSize + f.body->FontSize + gap * 1.5f;
            const ImVec2 top = ImGui::GetCursorScreenPos();
            for (std::size_t i = 0; i < v.tiles.size(); ++i) {
                const ImVec2 a(top.x + i * (tw + gap), top.y);
                dl->AddRectFilled(a, ImVec2(a.x + tw, a.y + th), Colour(p.surface), fs * 0.3f);
                PutText(ui, f.display, ImVec2(a.x + gap, a.y + gap * 0.5f), p.text, v.tiles[i].value);
                PutText(ui, f.body, ImVec2(a.x + gap, a.y + gap * 0.5f + f.display->FontSize), p.mutedText,
                        v.tiles[i].label);
            }
            ImGui::Dummy(ImVec2(cw, th + gap));
        }
        // Each chart: label column, bar, value; suppressed cells show "<k" and no bar.
        const float labelW = std::round(cw * 0.32f), valueW = std::round(cw * 0.2f);
        const float barW = cw - labelW - valueW - 2 * gap;
        for (const auto& chart : v.charts) {
            TextBlock(ui, f.bold, chart.title, p.text, cw);
            for (const auto& bar : chart.bars) {
                const ImVec2 a = ImGui::GetCursorScreenPos();
                const float rowH = std::max(TextBlockHeight(f.body, bar.label, labelW), fs * 1.4f);
                DrawTextAt(ui, f.body, bar.label, p.text, a, labelW);
                DrawLevelBar(ui, ImVec2(a.x + labelW + gap, a.y + fs * 0.25f), barW, fs * 0.8f, bar.fraction, 2);
                PutText(ui, f.body, ImVec2(a.x + labelW + barW + 2 * gap, a.y), p.text, bar.value);
                ImGui::Dummy(ImVec2(cw, rowH + gap * 0.3f));
            }
            ImGui::Dummy(ImVec2(cw, gap));
        }
        if (!v.note.empty()) TextBlock(ui, f.body, v.note, p.mutedText, cw);
    }
    EndScrollArea();
    At(x, footerTop);
    if (TapButton(ui, Btn("staff.back", v.back, std::min(w, fs * 14), touch, ButtonKind::Primary)))
        intent = {IntentKind::StaffBack, -1};
    ImGui::End();
    return intent;
}

namespace {

// A row of chips that wraps; returns the index tapped or -1.
int ChipRow(UiState& ui, const std::string& idPrefix, const std::vector<ExportView::Choice>& choices, float width,
            bool enabled) {
    const float fs = ui.FontSize();
    const float gap = std::round(fs * 0.5f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float x = start.x, y = start.y;
    const float h = MinTouchHeight(ui);
    int tapped = -1;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const float w = std::min(width, ui.fonts->body->CalcTextSizeA(ui.fonts->body->FontSize, FLT_MAX, 0,
                                                                      choices[i].label.c_str()).x + fs * 2.4f);
        if (x > start.x && x + w > start.x + width) {
            x = start.x;
            y += h + gap;
        }
        At(x, y);
        const std::string id = idPrefix + std::to_string(i);
        ButtonSpec b = Btn(id, choices[i].label, w, h, ButtonKind::Chip, choices[i].selected);
        b.enabled = enabled;
        if (TapButton(ui, b)) tapped = static_cast<int>(i);
        x += w + gap;
    }
    At(start.x, y + (choices.empty() ? 0 : h + gap));
    return tapped;
}

}  // namespace

Intent DrawExportScreen(const ExportView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ScrollPage page = BeginScrollPage(ui, "###staff_export", "export.body", v.title);
    const float fs = page.fontSize, gap = page.gap, touch = page.touch, w = page.width, x = page.x;
    const float footerTop = page.footerTop;
    {
        const float cw = ImGui::GetContentRegionAvail().x;
        const bool idle = !v.running;
        TextBlock(ui, f.bold, v.driveTitle, p.text, cw);
        if (v.drives.empty()) TextBlock(ui, f.body, v.noDrive, p.mutedText, cw);
        int t = ChipRow(ui, "export.drive.", v.drives, cw, idle);
        if (t >= 0) intent = {IntentKind::StaffPickDrive, t};
        ButtonSpec rescan = Btn("export.rescan", v.rescan, std::min(cw, fs * 12), touch);
        rescan.enabled = idle;
        if (TapButton(ui, rescan)) intent = {IntentKind::StaffRescan, -1};
        ImGui::Dummy(ImVec2(cw, gap * 0.5f));
        TextBlock(ui, f.bold, v.formatTitle, p.text, cw);
        if ((t = ChipRow(ui, "export.format.", v.formats, cw, idle)) >= 0) intent = {IntentKind::StaffPickFormat, t};
        TextBlock(ui, f.bold, v.datesTitle, p.text, cw);
        if ((t = ChipRow(ui, "export.dates.", v.dates, cw, idle)) >= 0) intent = {IntentKind::StaffPickDates, t};
        TextBlock(ui, f.bold, v.questionnaireTitle, p.text, cw);
        if ((t = ChipRow(ui, "export.q.", v.questionnaires, cw, idle)) >= 0)
            intent = {IntentKind::StaffPickQuestionnaire, t};
        ImGui::Dummy(ImVec2(cw, gap * 0.5f));
        ButtonSpec start = Btn("export.start", v.start, std::min(cw, fs * 16), touch, ButtonKind::Primary);
        start.enabled = v.canStart && idle;
        if (TapButton(ui, start)) intent = {IntentKind::StaffRun, -1};
        if (v.running) {
            ImGui::Dummy(ImVec2(cw, gap * 0.5f));
            LevelBar(ui, cw, fs * 0.9f, v.progress, 2);
            TextBlock(ui, f.body, v.progressText, p.text, cw);
        }
        if (!v.result.empty()) {
            ImGui::Dummy(ImVec2(cw, gap * 0.5f));
            TextBlock(ui, f.bold, v.result, v.resultIsError ? ErrorColour(p) : p.text, cw);
        }
    }
    EndScrollArea();
    At(x, footerTop);
    ButtonSpec back = Btn("staff.back", v.back, std::min(w, fs * 14), touch);
    back.enabled = !v.running;
    if (TapButton(ui, back)) intent = {IntentKind::StaffBack, -1};
    ImGui::End();
    return intent;
}

Intent DrawStaffListScreen(const StaffListView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ScrollPage page = BeginScrollPage(ui, "###staff_list", "list.body", v.title);
    const float fs = page.fontSize, gap = page.gap, touch = page.touch, w = page.width, x = page.x;
    const float footerTop = page.footerTop;
    {
        const float cw = ImGui::GetContentRegionAvail().x;
        if (!v.intro.empty()) TextBlock(ui, f.body, v.intro, p.mutedText, cw);
        if (!v.message.empty()) TextBlock(ui, f.bold, v.message, v.messageIsError ? ErrorColour(p) : p.text, cw);
        ImGui::Dummy(ImVec2(cw, gap * 0.5f));
        for (std::size_t i = 0; i < v.rows.size(); ++i) {
            const auto& r = v.rows[i];
            const float secondW = r.second.empty() ? 0 : std::round(fs * 8);
            const ImVec2 top = ImGui::GetCursorScreenPos();
            ButtonSpec b = Btn(r.id, r.label, cw - (secondW > 0 ? secondW + gap : 0), 0, ButtonKind::Option, r.selected);
            b.detail = r.detail;
            b.enabled = r.tappable;
            if (TapButton(ui, b)) intent = {v.rowIntent, static_cast<int>(i)};
            const ImVec2 after = ImGui::GetCursorScreenPos();
            if (secondW > 0) {
                At(top.x + cw - secondW, top.y);
                if (TapButton(ui, Btn(r.secondId, r.second, secondW, after.y - top.y - ImGui::GetStyle().ItemSpacing.y)))
                    intent = {v.secondIntent, static_cast<int>(i)};
                At(after.x, after.y);
            }
            ImGui::Dummy(ImVec2(cw, gap * 0.3f));
        }
        for (const auto& line : v.lines) TextBlock(ui, f.body, line, p.text, cw);
        if (!v.action.empty()) {
            ImGui::Dummy(ImVec2(cw, gap * 0.5f));
            if (TapButton(ui, Btn(v.actionId, v.action, std::min(cw, fs * 18), touch, ButtonKind::Primary)))
                intent = {v.actionIntent, -1};
        }
    }
    EndScrollArea();
    At(x, footerTop);
    if (TapButton(ui, Btn("staff.back", v.back, std::min(w, fs * 14), touch))) intent = {IntentKind::StaffBack, -1};
    ImGui::End();
    return intent;
}

Intent DrawPreviewBanner(const std::string& label, int otherLanguage, UiState& ui) {
    Intent intent;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    const float fs = ui.FontSize();
    const float w = std::min(d.x * 0.5f, fs * 22), h = MinTouchHeight(ui);
    // Begun after the screen's window, so it is drawn over it; top centre, clear of the corner gesture.
    ImGui::SetNextWindowPos(ImVec2(std::round((d.x - w) * 0.5f), 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("###preview_banner", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    At(std::round((d.x - w) * 0.5f), 0);
    if (TapButton(ui, Btn(kPreviewLanguageId, label, w, h, ButtonKind::Primary))) intent = {IntentKind::SetLanguage, otherLanguage};
    ImGui::End();
    return intent;
}

}  // namespace kiosk::ui
