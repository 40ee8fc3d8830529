// The in-memory world behind the flow tests.
#include "flow_driver.h"

namespace kiosk::flow::test {

std::string SourcePath(const std::string& relative) { return std::string(KIOSK_SOURCE_DIR) + "/" + relative; }

core::QuestionnairePtr LoadFixture(const std::string& relative, const std::string& id) {
    core::LoadResult r = core::LoadQuestionnaireFile(SourcePath(relative));
    REQUIRE_MESSAGE(r.Ok(), relative);
    if (!id.empty()) r.questionnaire->id = id;
    return std::make_shared<const core::Questionnaire>(std::move(*r.questionnaire));
}

World FlowDriver::DefaultWorld() {
    World w;
    w.catalog.dir = "questionnaires";
    w.catalog.all = {LoadFixture("tests/fixtures/minimal.json")};
    w.catalog.enabled = {true};
    return w;
}

FlowDriver::FlowDriver(World w, FlowOptions options) : world(std::move(w)), flow(clock, std::move(options)) {
    flow.Begin(world.catalog, world.pinStored);
    Pump();
}

void FlowDriver::Pump() {
    for (int rounds = 0; rounds < 50; ++rounds) {
        std::vector<Event> batch = flow.TakeEvents();
        if (batch.empty()) return;
        for (const Event& e : batch) {
            events.push_back(e);
            switch (e.kind) {
                case EventKind::Log: log.push_back(e.text); break;
                case EventKind::ScreenChanged: break;
                case EventKind::OpenStorage: flow.Citizen().StorageChecked(world.storeOpens, "the test store is closed"); break;
                case EventKind::SaveResults:
                    while (!flow.Citizen().ResultsToSave().empty()) {
                        if (world.storeFails) {
                            flow.Citizen().ResultSaved(false, "DiskFull: the test store is failing");
                            break;
                        }
                        world.saved.push_back(flow.Citizen().ResultsToSave().front());
                        flow.Citizen().ResultSaved(true, "");
                    }
                    break;
                case EventKind::RefreshQuestionnaires: flow.CatalogLoaded(world.catalog); break;
                case EventKind::CheckPin: flow.Staff().PinChecked(world.pinStored && e.text == world.pin); break;
                case EventKind::SavePin:
                    world.savedPin = e.text;
                    world.pinStored = true;
                    flow.Staff().PinSaved(true, "");
                    break;
                case EventKind::LoadDashboard: {
                    DashboardData d;
                    d.ok = true;
                    d.total = 7;
                    flow.Staff().DashboardLoaded(d);
                    break;
                }
                case EventKind::LoadHealth: flow.Staff().HealthLoaded(HealthData{}); break;
                case EventKind::ScanDrives: flow.Staff().DrivesFound(world.drives); break;
                case EventKind::FindInstallFiles: flow.Staff().InstallFilesFound(world.installFiles); break;
                case EventKind::SetQuestionnaireEnabled:
                    for (std::size_t i = 0; i < world.catalog.all.size(); ++i)
                        if (world.catalog.all[i]->id == e.text) world.catalog.enabled[i] = e.on;
                    flow.Staff().QuestionnaireSwitched(true, "");
                    flow.CatalogLoaded(world.catalog);
                    break;
                case EventKind::InstallQuestionnaire: {
                    InstallOutcome o;
                    o.path = e.text;
                    if (!world.installable) {
                        o.errors.push_back({e.text, "/areas", "the test says no", 3, 7, false});
                        flow.Staff().InstallFinished(o);
                        break;
                    }
                    o.id = world.installable->id;
                    o.version = world.installable->version;
                    bool replaced = false;
                    for (auto& q : world.catalog.all)
                        if (q->id == o.id) replaced = true, q = world.installable;
                    if (!replaced) {
                        world.catalog.all.push_back(world.installable);
                        world.catalog.enabled.push_back(true);
                    }
                    flow.Staff().InstallFinished(o);
                    flow.CatalogLoaded(world.catalog);
                    break;
                }
                case EventKind::PreviewInstallFile: {
                    InstallPreview p;
                    p.path = e.text;
                    if (!world.installable) {
                        p.errors.push_back({e.text, "/areas", "the test says no", 3, 7, false});
                    } else {
                        p.incoming = world.installable;
                        for (const auto& q : world.catalog.all)
                            if (q->id == world.installable->id) p.installed = q;
                    }
                    flow.Staff().InstallPreviewed(std::move(p));
                    break;
                }
                case EventKind::SavePinAttempts: world.savedAttempts.push_back(e.pinAttempts); break;
                case EventKind::StartExport: break;
                case EventKind::RemoveStick: break;  // tests answer with StickRemoved() themselves
                case EventKind::Speak:
                case EventKind::StopSpeech:
                case EventKind::PlayTestTone: break;  // kept in `events` for the tests to read
                case EventKind::SetVolume: flow.Staff().VolumeSaved(true, ""); break;
                case EventKind::PrintResult: break;  // tests report PrintFinished() themselves
            }
        }
    }
    FAIL("the flow kept raising events");
}

void FlowDriver::Do(IntentKind kind, int index) {
    flow.Apply(Intent{kind, index});
    Pump();
}

void FlowDriver::Tick() {
    flow.Staff().SetPinStored(world.pinStored);
    flow.Tick();
    Pump();
}

void FlowDriver::Advance(core::Millis d) {
    clock.Advance(d);
    Tick();
}

void FlowDriver::Hold(core::Millis hold, bool inCorner) {
    flow.Pointer({true, true, inCorner});
    Pump();
    clock.Advance(hold);
    flow.Pointer({true, false, inCorner});
    Pump();
    flow.Pointer({false, false, false});
    Pump();
}

void FlowDriver::EnterPin(const std::string& digits) {
    for (char c : digits) Do(IntentKind::PinDigit, c - '0');
    Do(IntentKind::PinOk);
}

void FlowDriver::EnterStaffMenu() {
    Hold(core::Millis(3'000));
    REQUIRE(CurrentScreen() == Screen::StaffPin);
    EnterPin(world.pin);
    REQUIRE(CurrentScreen() == Screen::StaffMenu);
}

void FlowDriver::AnswerAll(int option) {
    const core::Session& s = flow.Citizen().Session();
    const std::size_t count = s.QuestionCount();
    for (std::size_t i = 0; i < count; ++i) {
        REQUIRE(CurrentScreen() == Screen::Question);
        Do(IntentKind::Answer, option);
        Do(IntentKind::Next);
    }
}

void FlowDriver::TakeToResult(bool consent) {
    Do(IntentKind::Start);
    REQUIRE(CurrentScreen() == Screen::Consent);
    Do(IntentKind::Consent, consent ? 1 : 0);
    AnswerAll();
    REQUIRE(CurrentScreen() == Screen::Profile);
    Do(IntentKind::SkipProfile);  // Result, or out of service when the store fails
}

bool FlowDriver::Logged(const std::string& fragment) const {
    for (const auto& line : log)
        if (line.find(fragment) != std::string::npos) return true;
    return false;
}

bool FlowDriver::Asked(EventKind kind) const { return LastEvent(kind) != nullptr; }

const Event* FlowDriver::LastEvent(EventKind kind) const {
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        if (it->kind == kind) return &*it;
    return nullptr;
}

}  // namespace kiosk::flow::test
