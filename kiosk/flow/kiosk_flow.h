// The whole kiosk's behaviour, without drawing or I/O: the citizen flow and staff mode over one screen,
// which of them has it, the hidden corner gesture that opens staff mode, and preview (a trainer's practice
// run, started from staff mode and back to it when it ends). Everything a person can do on the kiosk goes
// through Apply/Pointer/Tick; what it needs from the world leaves as events (events.h).
#pragma once

#include "kiosk/flow/citizen_flow.h"
#include "kiosk/flow/staff_flow.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::flow {

enum class Screen {
    Welcome, Consent, Question, ConfirmLeave, Profile, Result, IdleWarning, ThankYou, OutOfService,
    StaffSetPin, StaffPin, StaffMenu, StaffConfirmExit, StaffDashboard, StaffExport, StaffQuestionnaires, StaffInstall, StaffHealth,
};
const char* ScreenName(Screen s);

struct FlowOptions {
    CitizenOptions citizen;
    StaffOptions staff;
};

class KioskFlow {
public:
    KioskFlow(const core::Clock& clock, FlowOptions options);
    KioskFlow(const KioskFlow&) = delete;
    KioskFlow& operator=(const KioskFlow&) = delete;

    // Starts the kiosk with the catalog as loaded and whether a staff PIN is set (first start: staff set one
    // before anybody uses the kiosk).
    void Begin(const CatalogState& catalog, bool pinStored);
    // The same while the app is still loading the questionnaires (off the frame thread): a calm "one moment"
    // screen until the first CatalogLoaded().
    void BeginLoading(bool pinStored);

    void Apply(const Intent& intent);
    void Pointer(const Pointer& pointer);  // every drawn frame, before Apply
    void Tick();

    // Results of I/O that concern both flows. A catalog that arrives while a citizen's assessment (or a
    // preview) is under way is kept until they are done: the list never changes under someone.
    void CatalogLoaded(const CatalogState& catalog);
    bool CatalogWaiting() const { return m_waitingCatalog.has_value(); }
    void SetupFailed(const std::string& message) { m_citizen.SetupFailed(message); }
    void RecoverFromError(const std::string& what);

    // The events raised since the last call, in order.
    std::vector<Event> TakeEvents();

    CitizenFlow& Citizen() { return m_citizen; }
    StaffFlow& Staff() { return m_staff; }
    const CitizenFlow& Citizen() const { return m_citizen; }
    const StaffFlow& Staff() const { return m_staff; }

    Screen CurrentScreen() const;
    // Identifies the page on screen (e.g. "question.4"); a change resets scroll positions.
    std::string PageKey() const;
    // When Tick() next has something to do; empty when the kiosk can sleep until a touch.
    std::optional<core::TimePoint> NextWakeup() const;
    bool ExitRequested() const { return m_staff.ExitRequested(); }

private:
    void AfterInput();  // closes staff mode when asked, starts a preview, notes a page change
    void OpenStaff();
    void TakeCatalog(const CatalogState& catalog);

    const core::Clock& m_clock;
    FlowOptions m_options;
    std::vector<Event> m_outbox;
    CitizenFlow m_citizen;
    StaffFlow m_staff;
    bool m_holding = false;  // a finger is held on the hidden corner since m_holdStart
    core::TimePoint m_holdStart{};
    std::string m_lastPage;
    std::optional<CatalogState> m_waitingCatalog;
};

}  // namespace kiosk::flow
