// Drives the kiosk flow with no ImGui at all: intents and finger positions in, a hand-moved clock, and an
// in-memory "world" that answers the flow's events the way the app does (a result store that can be told
// to fail, a PIN, a questionnaire list, drives). Every event is kept so tests can check what was asked.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/session.h"
#include "kiosk/flow/kiosk_flow.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace kiosk::flow::test {

std::string SourcePath(const std::string& relative);
core::QuestionnairePtr LoadFixture(const std::string& relative, const std::string& id = "");

struct World {
    bool storeFails = false;
    bool storeOpens = true;
    std::vector<core::ResultRecord> saved;
    std::string pin = "246810";
    bool pinStored = true;
    std::string savedPin;
    CatalogState catalog;
    std::vector<UsbDrive> drives;
    std::vector<std::string> installFiles;
    core::QuestionnairePtr installable;  // what every install file holds; null: every file fails to validate
    std::vector<core::PinAttempts> savedAttempts;  // each SavePinAttempts, in order
    bool answerExports = false;  // otherwise StartExport is only recorded; tests report progress themselves
};

class FlowDriver {
public:
    explicit FlowDriver(World world = DefaultWorld(), FlowOptions options = {});

    static World DefaultWorld();  // one questionnaire (the minimal fixture), a working store, a PIN set

    void Do(IntentKind kind, int index = -1);
    void Tick();
    void Advance(core::Millis d);  // moves the clock and ticks
    // A finger held at the corner (or elsewhere) for `hold`, then lifted.
    void Hold(core::Millis hold, bool inCorner = true);
    void EnterPin(const std::string& digits);  // digits and OK
    void EnterStaffMenu();
    void AnswerAll(int option = 0);  // every question, then Next on the last one
    void TakeToResult(bool consent = true);  // Start … skip the profile

    Screen CurrentScreen() const { return flow.CurrentScreen(); }
    bool Logged(const std::string& fragment) const;
    bool Asked(EventKind kind) const;  // since the last ClearEvents()
    const Event* LastEvent(EventKind kind) const;
    void ClearEvents() { events.clear(); }
    void Pump();  // answers the flow's events from the world

    core::ManualClock clock;
    World world;
    KioskFlow flow;
    std::vector<Event> events;  // every event raised, in order
    std::vector<std::string> log;
};

}  // namespace kiosk::flow::test
