// Staff-mode screens as plain functions over view models, like the citizen screens: the PIN pad (also used
// to set a PIN), the staff menu and a yes/no confirmation. Texts arrive translated; no logic here.
#pragma once

#include "kiosk/ui/intent.h"
#include "kiosk/ui/widgets.h"

#include <string>
#include <vector>

namespace kiosk::ui {

struct PinPadView {
    std::string title, prompt;
    int digits = 0;            // how many digits are typed so far (shown as dots, never the digits)
    std::string message;       // "Sai mã PIN (còn 3 lần)", a lock countdown, a rule; may be empty
    bool messageIsError = false;
    bool locked = false;       // digits and OK disabled while the pad is locked
    std::string erase, ok, cancel;
    bool canCancel = true;     // false on first start: citizens must not get in before a PIN is set
};

struct StaffMenuView {
    struct Entry {
        int action = -1;    // StaffAction, sent back as the intent's index; its tap target id is StaffActionId()
        std::string label, detail;
    };
    std::string title, intro;
    std::vector<std::string> notices;  // things staff must look at (e.g. a damaged database moved aside)
    std::vector<Entry> entries;
    std::string close;  // back to the citizen Welcome screen
};

struct StaffConfirmView {
    std::string title, body, confirm, cancel;
    // Leaving the app by default; the install confirmation sends its own.
    IntentKind confirmIntent = IntentKind::StaffConfirm, cancelIntent = IntentKind::StaffBack;
};

// The dashboard: three counts, then bar charts (drawn with ImGui's draw list).
struct DashboardView {
    struct Tile {
        std::string label, value;
    };
    struct Bar {
        std::string label, value;  // value: "12 · 58,4", or "<5" for a suppressed cell
        float fraction = 0;        // 0..1; 0 for suppressed cells (no bar)
    };
    struct Chart {
        std::string title;
        std::vector<Bar> bars;
    };
    std::string title, error, note, back;
    std::vector<Tile> tiles;
    std::vector<Chart> charts;
};

// The stable tap-target id of a staff menu entry ("staff.exit", "staff.dashboard", …).
std::string StaffActionId(int action);

// Export to USB: pick a drive, a format, how dates are grouped and the questionnaire, then run it with a
// progress bar; the outcome (file name and rows, or a calm error) stays on the page.
struct ExportView {
    struct Choice {
        std::string label;
        bool selected = false;
    };
    std::string title, driveTitle, noDrive, rescan, formatTitle, datesTitle, questionnaireTitle, start, back;
    std::vector<Choice> drives, formats, dates, questionnaires;
    bool canStart = false, running = false;
    float progress = 0;  // 0..1 while running
    std::string progressText;
    std::string result;
    bool resultIsError = false;
    std::string removeStick;      // "Tháo USB an toàn"
    bool canRemoveStick = false;  // offered after an export, beside the back button
    bool removingStick = false;   // the back button waits for it
};
inline constexpr const char* kRemoveStickId = "export.remove";

// Tap-target ids of the trainer pages (rows get their index appended).
inline constexpr const char* kQuestionnaireRowId = "qs.toggle.";
inline constexpr const char* kInstallButtonId = "qs.install";
inline constexpr const char* kInstallFileRowId = "install.file.";
inline constexpr const char* kInstallRescanId = "install.rescan";
inline constexpr const char* kPreviewRowId = "qs.preview.";
inline constexpr const char* kPreviewLanguageId = "preview.language";

// The "XEM TRƯỚC / PREVIEW" banner drawn over the citizen screens in preview mode; tapping it switches
// the language. Returns the tap.
Intent DrawPreviewBanner(const std::string& label, int otherLanguage, UiState& ui);

// A staff page that is a list of tappable rows (questionnaires to switch on/off, files to install), a
// message, free text lines (validation errors) and an optional main button.
struct StaffListView {
    struct Row {
        std::string id, label, detail;
        bool selected = false;
        bool tappable = true;
        std::string secondId, second;  // an optional smaller button beside the row (e.g. "Preview")
    };
    std::string title, intro, message;
    bool messageIsError = false;
    std::vector<Row> rows;
    std::vector<std::string> lines;  // shown under the rows
    std::string actionId, action;    // optional main button (empty label = none)
    IntentKind actionIntent = IntentKind::None;
    IntentKind rowIntent = IntentKind::None;  // sent with the row's index
    IntentKind secondIntent = IntentKind::None;  // the rows' second button, with the row's index
    std::string back;
};

Intent DrawPinPadScreen(const PinPadView& view, UiState& ui);
Intent DrawStaffMenuScreen(const StaffMenuView& view, UiState& ui);
Intent DrawStaffConfirmScreen(const StaffConfirmView& view, UiState& ui);
Intent DrawDashboardScreen(const DashboardView& view, UiState& ui);
Intent DrawExportScreen(const ExportView& view, UiState& ui);
Intent DrawStaffListScreen(const StaffListView& view, UiState& ui);

}  // namespace kiosk::ui
