// One frame: the flow's screen, built and drawn; the tap and the finger reported back.
#include "kiosk/ui/kiosk_frame.h"

#include "kiosk/ui/citizen_views.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/staff_screens.h"
#include "kiosk/ui/staff_views.h"

namespace kiosk::ui {

using flow::Screen;

const Palette& PaletteFor(const Theme& theme, const flow::KioskFlow& flow) {
    return theme.For(flow.Citizen().HighContrast());
}

float TextSizePxFor(const Theme& theme, const flow::KioskFlow& flow) {
    return theme.textSizes[flow.Citizen().TextSizeStep()];
}

namespace {

Intent DrawScreen(Screen screen, const flow::KioskFlow& flow, const Translations& texts, QrCache& qr, UiState& ui) {
    const flow::CitizenFlow& citizen = flow.Citizen();
    const flow::StaffFlow& staff = flow.Staff();
    switch (screen) {
        case Screen::Welcome: return DrawWelcomeScreen(BuildWelcomeView(citizen, texts), ui);
        case Screen::Consent: return DrawConsentScreen(BuildConsentView(citizen, texts), ui);
        case Screen::Question: return DrawQuestionScreen(BuildQuestionView(citizen, texts), ui);
        case Screen::ConfirmLeave: return DrawConfirmLeaveScreen(BuildConfirmLeaveView(citizen, texts), ui);
        case Screen::Profile: return DrawProfileScreen(BuildProfileView(citizen, texts), ui);
        case Screen::Result: {
            const QrMatrix& code = qr.For(ResultQrText(citizen, texts));
            return DrawResultScreen(BuildResultView(citizen, texts, &code), ui);
        }
        case Screen::IdleWarning: return DrawIdleScreen(BuildIdleView(citizen, texts), ui);
        case Screen::ThankYou: return DrawThankYouScreen(BuildThankYouView(citizen, texts), ui);
        case Screen::OutOfService: return DrawOutOfServiceScreen(BuildOutOfServiceView(citizen, texts), ui);
        case Screen::StaffSetPin:
        case Screen::StaffPin: return DrawPinPadScreen(BuildPinPadView(staff, texts), ui);
        case Screen::StaffMenu: return DrawStaffMenuScreen(BuildStaffMenuView(staff, texts), ui);
        case Screen::StaffConfirmExit: return DrawStaffConfirmScreen(BuildStaffConfirmView(staff, texts), ui);
        case Screen::StaffDashboard: return DrawDashboardScreen(BuildDashboardView(staff, texts), ui);
        case Screen::StaffExport: return DrawExportScreen(BuildExportView(staff, texts), ui);
        case Screen::StaffQuestionnaires: return DrawStaffListScreen(BuildQuestionnairesView(staff, texts), ui);
        case Screen::StaffInstall:
            if (staff.PendingInstall()) return DrawStaffConfirmScreen(BuildInstallConfirmView(staff, texts), ui);
            return DrawStaffListScreen(BuildInstallView(staff, texts), ui);
        case Screen::StaffHealth: return DrawStaffListScreen(BuildHealthView(staff, texts), ui);
    }
    return {};
}

}  // namespace

FrameOutput DrawKioskFrame(const flow::KioskFlow& flow, const Translations& texts, const FrameLook& look, QrCache& qr,
                           UiState& ui) {
    FrameOutput out;
    out.drawn = flow.CurrentScreen();
    ui.palette = &PaletteFor(*look.theme, flow);
    ApplyStyle(*ui.palette, ui.FontSize(), ImGui::GetStyle());
    BeginUiFrame(ui, flow.PageKey());
    ui.scrollCue = ScrollCueText(flow.Citizen(), texts);

    const ImGuiIO& io = ImGui::GetIO();
    out.pointer.down = io.MouseDown[0];
    out.pointer.pressed = io.MouseClicked[0];
    out.pointer.inCorner = io.MousePos.x >= 0 && io.MousePos.y >= 0 && io.MousePos.x < look.cornerSize &&
                           io.MousePos.y < look.cornerSize;

    out.intent = DrawScreen(out.drawn, flow, texts, qr, ui);
    const flow::CitizenFlow& citizen = flow.Citizen();
    if (!flow.Staff().Active() && citizen.Preview() && citizen.Session().GetStage() != core::Stage::Welcome) {
        const PreviewBannerView banner = BuildPreviewBanner(citizen, texts);
        Intent tap = DrawPreviewBanner(banner.label, banner.otherLanguage, ui);
        if (tap.kind != IntentKind::None) out.intent = tap;
    }
    return out;
}

}  // namespace kiosk::ui
