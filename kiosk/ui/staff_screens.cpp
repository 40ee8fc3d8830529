// Staff-mode screen layouts: the PIN pad, the staff menu, a confirmation page, the dashboard, the export
// page, the list pages (questionnaires, install, health) and the preview banner. Same building blocks as
// the citizen screens (TapButton, TextBlock), sized from the body text size.
#include "kiosk/ui/staff_screens.h"

#include "kiosk/ui/layout.h"

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
    const Frame l = ComputeFrame(ui);
    const float gap = std::round(l.fs * 0.5f);
    BeginScreen("###staff_pin");

    // The texts get a fixed room (a title line, three prompt lines, two message lines), so the pad stays in
    // the same place whatever they say: it never jumps between the two steps of setting a PIN.
    const float cancelH = v.canCancel ? l.touch : 0;
    auto textRoom = [&](float w) {
        return f.heading->FontSize + gap * 0.5f + std::max(3 * f.body->FontSize, TextBlockHeight(f.body, v.prompt, w)) + gap +
               std::round(l.fs * 0.8f) + gap + std::max(2 * f.bold->FontSize, TextBlockHeight(f.bold, v.message, w)) + gap;
    };
    // Stacked (text above the pad) when the height allows, else side by side.
    // A key is wide enough for its label ("Đồng ý", "Xóa") on one line.
    const float keyW = std::max({std::round(l.touch * 1.6f), ButtonWidthFor(l, f.bold, v.ok), ButtonWidthFor(l, f.body, v.erase)});
    float padW = std::min(l.w - 2 * l.pad, 3 * keyW + 2 * gap);
    float textW = padW;
    float keyH = std::max(l.touch, std::min(std::round(l.h * 0.09f), std::round(l.touch * 1.4f)));
    const float stackedH = textRoom(textW) + 4 * keyH + 3 * gap + (v.canCancel ? gap + cancelH : 0);
    const bool stacked = stackedH <= l.h - 2 * l.padY;
    float textX, textY, padX, padY;
    if (stacked) {
        // The texts may be wider than the pad (a message on one line reads better than in a thin column).
        textW = std::min(l.w - 2 * l.pad, std::max(padW, std::round(l.fs * 30)));
        textX = std::round((l.w - textW) * 0.5f);
        padX = std::round((l.w - padW) * 0.5f);
        // The pad sits at a place fixed by the screen alone (its bottom), the texts above it: whatever the
        // prompt says, the keys stay put between the two set-PIN steps.
        padY = l.h - l.padY - (v.canCancel ? cancelH + gap : 0) - 4 * keyH - 3 * gap;
        textY = std::max(l.padY, std::round((padY - textRoom(textW)) * 0.5f));
        textY = std::min(textY, std::max(l.padY, padY - textRoom(textW)));
    } else {
        keyH = std::max(l.touch, std::floor((l.h - 2 * l.padY - 3 * gap) / 4));
        padW = std::min(std::round((l.w - 2 * l.pad) * 0.5f), std::max(3 * keyW + 2 * gap, std::round(keyH * 3 * 1.6f + 2 * gap)));
        textW = l.w - 2 * l.pad - padW - l.fs * 1.5f;
        textX = l.pad;
        padX = l.w - l.pad - padW;
        textY = l.padY;
        padY = std::max(l.padY, std::round((l.h - (4 * keyH + 3 * gap)) * 0.5f));
    }
    float y = textY;
    ImFont* titleFont = TextWidth(f.heading, v.title) <= textW ? f.heading : f.bold;
    DrawTextAt(ui, titleFont, v.title, p.text, ImVec2(textX, y), textW, stacked);
    y += f.heading->FontSize + gap * 0.5f;
    const float promptH = TextBlockHeight(f.body, v.prompt, textW);
    DrawTextAt(ui, f.body, v.prompt, p.mutedText, ImVec2(textX, y), textW, stacked);
    y += std::max(3 * f.body->FontSize, promptH) + gap;

    // One dot per typed digit, never the digits — and no empty places, which would tell the PIN's length.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = std::round(l.fs * 0.3f), step = r * 3;
    float cx = stacked ? std::round(l.w * 0.5f - step * (v.digits - 1) * 0.5f) : textX + r;
    for (int i = 0; i < v.digits; ++i, cx += step) dl->AddCircleFilled(ImVec2(cx, y + r), r, Colour(p.text), 24);
    y += std::round(l.fs * 0.8f) + gap;
    if (!v.message.empty())
        DrawTextAt(ui, f.bold, v.message, v.messageIsError ? ErrorColour(p) : p.text, ImVec2(textX, y), textW, stacked);
    y += std::max(2 * f.bold->FontSize, TextBlockHeight(f.bold, v.message, textW)) + gap;

    // 1 2 3 / 4 5 6 / 7 8 9 / erase 0 OK: the telephone layout people know.
    const float kw = std::floor((padW - 2 * gap) / 3);
    const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"erase", "0", "ok"}};
    float ky = padY;
    for (int row = 0; row < 4; ++row) {
        for (int col = 0; col < 3; ++col) {
            const std::string k = rows[row][col];
            At(padX + col * (kw + gap), ky);
            if (k == "erase") {
                ButtonSpec b = Btn("pin.erase", v.erase, kw, keyH);
                b.enabled = v.digits > 0;
                if (TapButton(ui, b)) intent = {IntentKind::PinErase, -1};
            } else if (k == "ok") {
                ButtonSpec b = Btn("pin.ok", v.ok, kw, keyH, ButtonKind::Primary);
                b.enabled = !v.locked && v.digits > 0;
                if (TapButton(ui, b)) intent = {IntentKind::PinOk, -1};
            } else {
                const std::string id = "pin." + k;
                ButtonSpec b = Btn(id, k, kw, keyH);
                b.font = f.heading;
                b.enabled = !v.locked;
                if (TapButton(ui, b)) intent = {IntentKind::PinDigit, k[0] - '0'};
            }
        }
        ky += keyH + gap;
    }
    if (v.canCancel) {
        const float cy = stacked ? ky : std::max(y, l.h - l.padY - cancelH);
        const float cw = stacked ? padW : std::min(textW, ButtonWidthFor(l, f.body, v.cancel, l.fs * 8));
        At(stacked ? padX : textX, cy);
        if (TapButton(ui, Btn("pin.cancel", v.cancel, cw, cancelH))) intent = {IntentKind::PinCancel, -1};
    }
    ImGui::End();
    return intent;
}

Intent DrawStaffMenuScreen(const StaffMenuView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const Frame l = ComputeFrame(ui);
    const float gap = std::round(l.fs * 0.5f);
    const float w = std::min(l.w - 2 * l.pad, std::round(l.fs * 40));
    const float x = std::round((l.w - w) * 0.5f);
    BeginScreen("###staff_menu");

    float y = l.padY;
    y += DrawTextAt(ui, f.heading, v.title, p.text, ImVec2(x, y), w) + gap * 0.5f;
    y += DrawTextAt(ui, f.body, v.intro, p.mutedText, ImVec2(x, y), w) + gap;
    for (const auto& n : v.notices) y += DrawTextAt(ui, f.bold, n, ErrorColour(p), ImVec2(x, y), w) + gap * 0.5f;
    // "Back to citizens" always on screen at the bottom; the entries scroll above it when they must.
    const float closeH = ButtonHeightFor(l, f.bold, v.close, w);
    const float closeY = l.h - l.padY - closeH;
    At(x, y);
    BeginScrollArea(ui, "staff_menu.entries", ImVec2(w, closeY - gap - y));
    {
        const float cw = ImGui::GetContentRegionAvail().x - l.fs * 0.5f;
        for (const auto& e : v.entries) {
            const std::string id = StaffActionId(e.action);
            ButtonSpec b = Btn(id, e.label, cw, 0);
            b.detail = e.detail;
            if (TapButton(ui, b)) intent = {IntentKind::StaffMenu, e.action};
            ImGui::Dummy(ImVec2(cw, gap * 0.3f));
        }
    }
    EndScrollArea(ui);
    At(x, closeY);
    if (TapButton(ui, Btn("staff.close", v.close, w, closeH, ButtonKind::Primary))) intent = {IntentKind::PinCancel, -1};
    ImGui::End();
    return intent;
}

Intent DrawStaffConfirmScreen(const StaffConfirmView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const Frame l = ComputeFrame(ui);
    const float gap = std::round(l.fs * 0.8f);
    const float w = std::min(l.w - 2 * l.pad, std::round(l.fs * 36));
    const float x = std::round((l.w - w) * 0.5f);
    BeginScreen("###staff_confirm");
    const float half = std::floor((w - l.fs) * 0.5f);
    const bool beside = WidestWord(f.body, v.confirm) + 2 * l.buttonPadX <= half &&
                        WidestWord(f.body, v.cancel) + 2 * l.buttonPadX <= half;
    const float bw = beside ? half : w;
    const float bh = std::max(ButtonHeightFor(l, f.body, v.confirm, bw), ButtonHeightFor(l, f.body, v.cancel, bw));
    const float buttonsH = beside ? bh : 2 * bh + l.spacing;
    const float blockH = TextBlockHeight(f.heading, v.title, w) + gap + TextBlockHeight(f.body, v.body, w) + 2 * gap + buttonsH;
    float y = std::max(l.padY, std::round((l.h - blockH) * 0.5f));
    y += DrawTextAt(ui, f.heading, v.title, p.text, ImVec2(x, y), w, true) + gap;
    y += DrawTextAt(ui, f.body, v.body, p.mutedText, ImVec2(x, y), w, true) + 2 * gap;
    At(x, y);
    if (TapButton(ui, Btn("staff.confirm.yes", v.confirm, bw, bh))) intent = {v.confirmIntent, -1};
    At(beside ? x + bw + l.fs : x, beside ? y : y + bh + l.spacing);
    if (TapButton(ui, Btn("staff.confirm.no", v.cancel, bw, bh, ButtonKind::Primary))) intent = {v.cancelIntent, -1};
    ImGui::End();
    return intent;
}

// The layout shared by the scrolling staff pages: a heading, a scroll area, and a footer with the page's
// status message (an export's outcome, an install's result) above the back button — both always on screen,
// so staff never tap twice because the page looked unchanged.
struct ScrollPage {
    ImVec2 display;
    float fontSize, gap, touch, width, x, footerTop;
};

// Opens the screen, draws the heading, the footer message, and begins the scroll area (end it with
// EndScrollArea()). The back button goes at footerTop.
ScrollPage BeginScrollPage(UiState& ui, const char* windowId, const char* scrollId, const std::string& title,
                           const std::string& message = {}, bool messageIsError = false, float progress = -1) {
    ScrollPage page;
    const Frame l = ComputeFrame(ui);
    page.display = ImVec2(l.w, l.h);
    page.fontSize = l.fs;
    page.gap = std::round(l.fs * 0.5f);
    page.touch = l.touch;
    page.width = std::min(l.w - 2 * l.pad, std::round(l.fs * 50));
    page.x = std::round((l.w - page.width) * 0.5f);
    BeginScreen(windowId);
    float y = l.padY;
    y += DrawTextAt(ui, ui.fonts->heading, title, ui.palette->text, ImVec2(page.x, y), page.width) + page.gap * 0.5f;
    page.footerTop = l.h - l.padY - page.touch;
    float messageTop = page.footerTop;
    if (!message.empty()) {
        const float mh = TextBlockHeight(ui.fonts->bold, message, page.width);
        messageTop -= mh + page.gap * 0.5f;
        DrawTextAt(ui, ui.fonts->bold, message, messageIsError ? ErrorColour(*ui.palette) : ui.palette->text,
                   ImVec2(page.x, messageTop), page.width);
    }
    if (progress >= 0) {
        messageTop -= std::round(l.fs * 0.8f) + page.gap * 0.5f;
        DrawLevelBar(ui, ImVec2(page.x, messageTop), page.width, std::round(l.fs * 0.8f), progress, 2);
    }
    At(page.x, y);
    BeginScrollArea(ui, scrollId, ImVec2(page.width, messageTop - page.gap * 0.5f - y));
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
    EndScrollArea(ui);
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
    const ScrollPage page = BeginScrollPage(ui, "###staff_export", "export.body", v.title,
                                            v.running ? v.progressText : v.result, !v.running && v.resultIsError,
                                            v.running ? v.progress : -1.0f);
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
    }
    EndScrollArea(ui);
    At(x, footerTop);
    // With "Tháo USB an toàn" offered, the two footer buttons share the row (the removal on the right, where
    // the eye lands after reading the export's outcome).
    const float bw = v.canRemoveStick ? std::min((w - gap) * 0.5f, fs * 16) : std::min(w, fs * 14);
    ButtonSpec back = Btn("staff.back", v.back, bw, touch);
    back.enabled = !v.running && !v.removingStick;
    if (TapButton(ui, back)) intent = {IntentKind::StaffBack, -1};
    if (v.canRemoveStick) {
        At(x + w - bw, footerTop);
        if (TapButton(ui, Btn(kRemoveStickId, v.removeStick, bw, touch, ButtonKind::Primary)))
            intent = {IntentKind::StaffRemoveStick, -1};
    }
    ImGui::End();
    return intent;
}

Intent DrawStaffListScreen(const StaffListView& v, UiState& ui) {
    Intent intent;
    const Palette& p = *ui.palette;
    const FontSet& f = *ui.fonts;
    const ScrollPage page = BeginScrollPage(ui, "###staff_list", "list.body", v.title, v.message, v.messageIsError);
    const float fs = page.fontSize, gap = page.gap, touch = page.touch, w = page.width, x = page.x;
    const float footerTop = page.footerTop;
    {
        const float cw = ImGui::GetContentRegionAvail().x;
        if (!v.intro.empty()) TextBlock(ui, f.body, v.intro, p.mutedText, cw);
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
    EndScrollArea(ui);
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
