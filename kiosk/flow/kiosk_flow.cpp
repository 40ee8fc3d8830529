// The kiosk flow: routing between the citizen flow and staff mode, the corner gesture, preview.
#include "kiosk/flow/kiosk_flow.h"

namespace kiosk::flow {

const char* ScreenName(Screen s) {
    switch (s) {
        case Screen::Welcome: return "welcome";
        case Screen::Consent: return "consent";
        case Screen::Question: return "question";
        case Screen::ConfirmLeave: return "confirm_leave";
        case Screen::Profile: return "profile";
        case Screen::Result: return "result";
        case Screen::IdleWarning: return "idle";
        case Screen::ThankYou: return "thanks";
        case Screen::OutOfService: return "out_of_service";
        case Screen::StaffSetPin: return "staff_set_pin";
        case Screen::StaffPin: return "staff_pin";
        case Screen::StaffMenu: return "staff_menu";
        case Screen::StaffConfirmExit: return "staff_confirm_exit";
        case Screen::StaffDashboard: return "staff_dashboard";
        case Screen::StaffExport: return "staff_export";
        case Screen::StaffQuestionnaires: return "staff_questionnaires";
        case Screen::StaffInstall: return "staff_install";
        case Screen::StaffHealth: return "staff_health";
    }
    return "welcome";
}

KioskFlow::KioskFlow(const core::Clock& clock, FlowOptions options)
    : m_clock(clock), m_options(std::move(options)), m_citizen(clock, m_options.citizen, m_outbox),
      m_staff(clock, m_options.staff, m_outbox) {
    m_citizen.OnPreviewEnded([this] { m_staff.ShowQuestionnaires(); });
}

void KioskFlow::Begin(const CatalogState& catalog, bool pinStored) {
    m_staff.SetPinStored(pinStored);
    // First start: nobody (citizen or staff) uses the kiosk before staff have chosen a PIN.
    if (!pinStored) m_staff.Open();
    m_staff.CatalogLoaded(catalog);
    m_citizen.SetQuestionnaires(catalog.Offered(), catalog.dir);
    if (m_citizen.OutOfServiceReason() == OutOfService::None) m_citizen.CheckStorage();
    m_lastPage = PageKey();
}

void KioskFlow::BeginLoading(bool pinStored) {
    m_staff.SetPinStored(pinStored);
    if (!pinStored) m_staff.Open();
    // The result store is checked once the questionnaires are there (SetQuestionnaires asks for it).
    m_citizen.AwaitQuestionnaires();
    m_lastPage = PageKey();
}

std::vector<Event> KioskFlow::TakeEvents() {
    std::vector<Event> out;
    out.swap(m_outbox);
    return out;
}

void KioskFlow::CatalogLoaded(const CatalogState& catalog) {
    if (m_staff.Active() || m_citizen.BetweenCitizens()) {
        m_waitingCatalog.reset();
        TakeCatalog(catalog);
    } else {
        m_waitingCatalog = catalog;
    }
    AfterInput();
}

void KioskFlow::TakeCatalog(const CatalogState& catalog) {
    m_staff.CatalogLoaded(catalog);
    m_citizen.SetQuestionnaires(catalog.Offered(), catalog.dir);
}

void KioskFlow::RecoverFromError(const std::string& what) {
    m_staff.FlagForStaff("internal error: " + what);
    m_citizen.RecoverFromError();
    AfterInput();
}

// ---------------------------------------------------------------------------------------------------------
// Input and timers

void KioskFlow::Apply(const Intent& in) {
    switch (in.kind) {
        case IntentKind::None:
            return;
        case IntentKind::PinDigit:
        case IntentKind::PinErase:
        case IntentKind::PinOk:
        case IntentKind::PinCancel:
        case IntentKind::StaffMenu:
        case IntentKind::StaffBack:
        case IntentKind::StaffConfirm:
        case IntentKind::StaffPickDrive:
        case IntentKind::StaffPickFormat:
        case IntentKind::StaffPickDates:
        case IntentKind::StaffPickQuestionnaire:
        case IntentKind::StaffRescan:
        case IntentKind::StaffRun:
        case IntentKind::StaffToggle:
        case IntentKind::StaffOpenInstall:
        case IntentKind::StaffInstallFile:
        case IntentKind::StaffPreview:
        case IntentKind::StaffRemoveStick:
        case IntentKind::StaffInstallConfirm:
        case IntentKind::StaffInstallCancel:
        case IntentKind::StaffVolume:
        case IntentKind::StaffTestTone:
            m_staff.Apply(in);
            break;
        case IntentKind::Listen:
            if (!m_staff.Active()) m_citizen.Listen(PageKey());
            break;
        case IntentKind::ToggleAutoRead:
            if (!m_staff.Active()) m_citizen.ToggleAutoRead(PageKey());
            break;
        default:
            m_citizen.Apply(in);
            break;
    }
    AfterInput();
}

// Any touch is activity — except on the idle warning, where only its own tap may dismiss it (else the
// finger's release would land on the screen underneath). Held for gestureHold on the hidden corner,
// without leaving it, opens the PIN pad; nothing is drawn, so citizens never see a hint. Only on Welcome
// and out of service (staff must get in when the kiosk is down).
void KioskFlow::Pointer(const flow::Pointer& p) {
    const Screen screen = CurrentScreen();
    if (m_staff.Active()) {
        m_holding = false;
        if (p.down) m_staff.Touch();
        return;
    }
    if (p.down && screen != Screen::IdleWarning && screen != Screen::OutOfService) m_citizen.Touch();
    if (screen != Screen::Welcome && screen != Screen::OutOfService) {
        m_holding = false;
        return;
    }
    if (!p.down || !p.inCorner) {
        m_holding = false;  // released, or moved away: start again
        return;
    }
    if (p.pressed || !m_holding) {
        // Only a press that starts in the corner counts; a finger sliding into it does not.
        m_holding = p.pressed;
        m_holdStart = m_clock.Now();
        return;
    }
    if (m_clock.Now() - m_holdStart >= m_options.staff.gestureHold) {
        m_holding = false;
        OpenStaff();
        AfterInput();
    }
}

void KioskFlow::OpenStaff() {
    m_citizen.Abandon();
    m_staff.Open();
}

void KioskFlow::Tick() {
    if (m_staff.Active())
        m_staff.Tick();
    else
        m_citizen.Tick();
    AfterInput();
}

void KioskFlow::AfterInput() {
    if (m_staff.CloseRequested()) {
        m_staff.Close(m_staff.CloseReason());
        // Questionnaires switched off or installed meanwhile: citizens see the new list (or out of service).
        m_citizen.ReturnToWelcome();
    }
    if (auto index = m_staff.TakePreviewRequest()) {
        const auto& all = m_staff.Catalog().all;
        if (*index >= 0 && static_cast<std::size_t>(*index) < all.size() && m_citizen.StartPreview(all[*index]))
            m_staff.HandOverToPreview();
    }
    if (m_waitingCatalog && (m_staff.Active() || m_citizen.BetweenCitizens())) {
        CatalogState catalog = std::move(*m_waitingCatalog);
        m_waitingCatalog.reset();
        TakeCatalog(catalog);
    }
    std::string page = PageKey();
    if (page != m_lastPage) {
        m_lastPage = page;
        Event e;
        e.kind = EventKind::ScreenChanged;
        e.text = page;
        m_outbox.push_back(std::move(e));
        // Speech of the old page stops at once; automatic reading reads the new one (citizen pages only).
        const Screen screen = CurrentScreen();
        const bool readable = !m_staff.Active() && screen != Screen::OutOfService;
        m_citizen.PageChanged(page, readable);
    }
}

// ---------------------------------------------------------------------------------------------------------
// State

Screen KioskFlow::CurrentScreen() const {
    switch (m_staff.Page()) {
        case StaffPage::None: break;
        case StaffPage::SetPin: return Screen::StaffSetPin;
        case StaffPage::Pin: return Screen::StaffPin;
        case StaffPage::Menu: return Screen::StaffMenu;
        case StaffPage::ConfirmExit: return Screen::StaffConfirmExit;
        case StaffPage::Dashboard: return Screen::StaffDashboard;
        case StaffPage::Export: return Screen::StaffExport;
        case StaffPage::Questionnaires: return Screen::StaffQuestionnaires;
        case StaffPage::Install: return Screen::StaffInstall;
        case StaffPage::Health: return Screen::StaffHealth;
    }
    if (m_citizen.OutOfServiceReason() != OutOfService::None) return Screen::OutOfService;
    if (m_citizen.ThankYou()) return Screen::ThankYou;
    const core::Session& s = m_citizen.Session();
    if (s.IdleWarningActive()) return Screen::IdleWarning;
    switch (s.GetStage()) {
        case core::Stage::Welcome: return Screen::Welcome;
        case core::Stage::Consent: return Screen::Consent;
        case core::Stage::Questions: return m_citizen.ConfirmingLeave() ? Screen::ConfirmLeave : Screen::Question;
        case core::Stage::Profile: return Screen::Profile;
        case core::Stage::Result: return Screen::Result;
    }
    return Screen::Welcome;
}

std::string KioskFlow::PageKey() const {
    const Screen s = CurrentScreen();
    if (s == Screen::Question) return "question." + std::to_string(m_citizen.Session().QuestionIndex());
    if (s == Screen::StaffInstall && m_staff.PendingInstall()) return "staff_install.confirm";
    return ScreenName(s);
}

std::optional<core::TimePoint> KioskFlow::NextWakeup() const {
    std::optional<core::TimePoint> next;
    auto consider = [&](std::optional<core::TimePoint> t) {
        if (t && (!next || *t < *next)) next = t;
    };
    if (m_holding) consider(m_holdStart + m_options.staff.gestureHold);  // to open the PIN pad on time
    consider(m_staff.Active() ? m_staff.NextWakeup() : m_citizen.NextWakeup());
    return next;
}

}  // namespace kiosk::flow
