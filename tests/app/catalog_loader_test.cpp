// The questionnaire loader and the PIN lockout file, through the real controller: loading happens on the
// loader's thread while frames go on (a load is held in the test hook, no timing involved), and the lockout
// written by the app survives a restart of the kiosk.
#include "harness.h"

#include "kiosk/app/catalog_loader.h"
#include "kiosk/core/staff_access.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <future>

using namespace kiosk;
using namespace kiosk::app;
using namespace kiosk::ui::test;

namespace {

// A kiosk wired like the app, without a window: the controller over a real catalog, a hand-moved clock.
struct Kiosk {
    TempDir dir;
    core::ManualClock clock;
    station::MemoryEventLog log;
    FakeSink sink;
    ui::Translations texts;
    std::unique_ptr<station::QuestionnaireCatalog> catalog;
    std::unique_ptr<KioskController> controller;

    explicit Kiosk(ControllerOptions options) {
        std::vector<std::string> errors;
        texts = ui::Translations::Load(SourcePath("assets/i18n"), {"vi", "en"}, errors);
        REQUIRE(errors.empty());
        std::filesystem::copy_file(SourcePath("tests/fixtures/minimal.json"), dir.File("minimal.json"));
        options.staff.pinFile = dir.File("staff-pin");
        std::string error;
        REQUIRE(core::SavePinHash(options.staff.pinFile, TestPinHash(), error));
        catalog = std::make_unique<station::QuestionnaireCatalog>(dir.Path(), log);
        controller = std::make_unique<KioskController>(clock, options, texts, *catalog, sink, log);
    }
};

}  // namespace

TEST_CASE("questionnaires load off the frame thread: frames go on while a load is under way") {
    std::promise<void> inside, release;
    std::shared_future<void> released = release.get_future().share();
    int jobs = 0;
    ControllerOptions options;
    // Runs on the loader's thread: the first load stops here until the test lets it go.
    options.beforeCatalogJob = [&] {
        if (jobs++ == 0) {
            inside.set_value();
            released.wait();
        }
    };
    Kiosk k(options);
    inside.get_future().wait();  // the load has begun and is held

    for (int frame = 0; frame < 5; ++frame) {
        k.controller->Update();  // returns although the load is not done
        CHECK(k.controller->CatalogBusy());
        CHECK(k.controller->CurrentScreen() == flow::Screen::OutOfService);
        CHECK(k.controller->OutOfServiceReason() == flow::OutOfService::Preparing);
    }
    k.controller->Apply({flow::IntentKind::Start});  // nobody starts before the questionnaires are in
    CHECK(k.controller->GetSession().GetStage() == core::Stage::Welcome);
    REQUIRE(k.controller->NextWakeup().has_value());  // the frame loop looks again soon
    CHECK(*k.controller->NextWakeup() <= k.clock.Now() + core::Millis(250));
    CHECK(k.sink.attempts == 0);

    release.set_value();
    k.controller->WaitForCatalog();
    k.controller->Update();
    CHECK_FALSE(k.controller->CatalogBusy());
    CHECK(k.controller->CurrentScreen() == flow::Screen::Welcome);
    REQUIRE(k.controller->Flow().Citizen().Offered().size() == 1);
    CHECK(k.controller->Flow().Citizen().Offered()[0]->id == "mini");
    CHECK_FALSE(k.log.Contains("out of service"));
}

TEST_CASE("a load that finishes while a citizen has started waits until the citizen is done") {
    std::promise<void> inside, release;
    std::shared_future<void> released = release.get_future().share();
    int jobs = 0;
    ControllerOptions options;
    options.beforeCatalogJob = [&] {
        if (jobs++ == 1) {  // the second load: the one asked for when the first citizen leaves
            inside.set_value();
            released.wait();
        }
    };
    Kiosk k(options);
    k.controller->WaitForCatalog();
    k.controller->Update();
    REQUIRE(k.controller->CurrentScreen() == flow::Screen::Welcome);
    k.controller->Apply({flow::IntentKind::Start});
    k.controller->Apply({flow::IntentKind::Consent, 1});
    k.controller->Apply({flow::IntentKind::AskLeave});
    // A trainer removes the only questionnaire; the citizen leaves and the folder is looked at again.
    std::filesystem::remove(k.dir.File("minimal.json"));
    k.controller->Apply({flow::IntentKind::ConfirmLeave});
    inside.get_future().wait();
    k.controller->Update();
    REQUIRE(k.controller->CurrentScreen() == flow::Screen::Welcome);
    // The next citizen starts before the load is back.
    k.controller->Apply({flow::IntentKind::Start});
    k.controller->Apply({flow::IntentKind::Consent, 1});
    release.set_value();
    k.controller->WaitForCatalog();
    k.controller->Update();
    CHECK(k.controller->CurrentScreen() == flow::Screen::Question);  // not taken away mid-assessment
    CHECK(k.controller->Flow().CatalogWaiting());
    k.controller->Apply({flow::IntentKind::AskLeave});
    k.controller->Apply({flow::IntentKind::ConfirmLeave});
    CHECK(k.controller->CurrentScreen() == flow::Screen::OutOfService);
    CHECK(k.controller->OutOfServiceReason() == flow::OutOfService::NoQuestionnaire);
}

TEST_CASE("the loader checks a file without installing it, then installs exactly the bytes it checked") {
    TempDir dir;
    station::MemoryEventLog log;
    const std::string qdir = dir.File("q"), stick = dir.File("stick");
    std::filesystem::create_directories(qdir);
    std::filesystem::create_directories(stick);
    std::filesystem::copy_file(SourcePath("tests/fixtures/minimal.json"), qdir + "/minimal.json");
    std::string v2;
    {
        std::ifstream in(SourcePath("tests/fixtures/minimal.json"));
        v2.assign(std::istreambuf_iterator<char>(in), {});
        const std::size_t at = v2.find("\"version\"");
        REQUIRE(at != std::string::npos);
        const std::size_t open = v2.find('"', v2.find(':', at)), close = v2.find('"', open + 1);
        v2.replace(open + 1, close - open - 1, "v2-test");
    }
    std::ofstream(stick + "/new.json") << v2;
    station::QuestionnaireCatalog catalog(qdir, log);
    CatalogLoader loader(catalog);
    loader.Post({CatalogJob::Kind::Refresh});
    loader.Post({CatalogJob::Kind::CheckInstall, stick + "/new.json"});
    loader.WaitIdle();
    std::vector<CatalogJobDone> done = loader.TakeDone();
    REQUIRE(done.size() == 2);
    CHECK(done[0].changed);
    const flow::InstallPreview& p = done[1].preview;
    REQUIRE(p.incoming != nullptr);
    REQUIRE(p.installed != nullptr);
    CHECK(p.installed->version != "v2-test");
    CHECK(p.incoming->version == "v2-test");
    CHECK(done[1].catalog.all.at(0)->version == p.installed->version);  // nothing installed yet

    // The stick's file changes after the check (another file, same name): what was shown is installed.
    std::ofstream(stick + "/new.json", std::ios::trunc) << "{ not a questionnaire";
    loader.Post({CatalogJob::Kind::Install, stick + "/new.json"});
    loader.WaitIdle();
    done = loader.TakeDone();
    REQUIRE(done.size() == 1);
    CHECK(done[0].install.errors.empty());
    CHECK(done[0].install.writeError.empty());
    CHECK(done[0].install.version == "v2-test");
    CHECK(done[0].catalog.all.at(0)->version == "v2-test");
}

TEST_CASE("the PIN lockout written by the app survives a restart of the kiosk") {
    TempDir dir;
    const std::string pinFile = dir.File("staff-pin");
    std::string error;
    REQUIRE(core::SavePinHash(pinFile, TestPinHash(), error));
    HarnessOptions options;
    options.controller.staff.pinFile = pinFile;
    {
        Harness h(options);
        h.HoldCorner();
        for (int i = 0; i < core::PinLock::kFreeAttempts; ++i) {
            h.TypePin("135792");
            h.Tap("pin.ok");
        }
        REQUIRE(h.controller->Flow().Staff().Lock().Locked());
    }
    const std::string attempts = core::PinAttemptsFileFor(pinFile);
    struct stat st {};
    REQUIRE(::stat(attempts.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    Harness again(options);  // a new process: a fresh clock, the same files
    again.HoldCorner();
    REQUIRE(again.CurrentScreen() == flow::Screen::StaffPin);
    CHECK(again.controller->Flow().Staff().Lock().Locked());
    CHECK(again.controller->Flow().Staff().Lock().FailuresInARow() == core::PinLock::kFreeAttempts);
    CHECK(again.Shows("giây"));  // the countdown is on the pad
    again.Advance(core::Millis(31'000));
    again.TypePin(kTestPin);
    again.Tap("pin.ok");
    CHECK(again.CurrentScreen() == flow::Screen::StaffMenu);
    // A right PIN clears the kept count too.
    CHECK(core::ReadPinAttempts(attempts).failures == 0);
}
