// Configuration file and command line.
#include "station_test_support.h"

#include "kiosk/station/config.h"

#include <doctest/doctest.h>

#include <fstream>

using namespace kiosk::station;
using namespace kiosk::station::test;

TEST_CASE("config: the shipped default file loads without complaint and matches the built-in defaults") {
    KioskConfig c;
    std::vector<std::string> errors;
    LoadConfigFile(SourcePath("assets/kiosk.default.json"), c, errors);
    CHECK(errors.empty());
    KioskConfig d;
    CHECK(c.idleTimeoutS == d.idleTimeoutS);
    CHECK(c.warningTimeoutS == d.warningTimeoutS);
    CHECK(c.database == d.database);
    CHECK(c.learningPortalUrl == d.learningPortalUrl);
    CHECK(c.idleTimeoutS == 90);
    CHECK(c.warningTimeoutS == 30);
}

TEST_CASE("config: values are read, mistakes are reported and leave defaults") {
    TempDir dir;
    std::ofstream(dir.File("k.json")) << R"({
      "kiosk_id": "hc-03", "location_code": "20194", "location_name": "Phường Hải Châu",
      "idle_timeout_s": 120, "warning_timeout_s": 2, "databse": "x.db", "default_language": "fr",
      "learning_portal_url": ""
    })";
    KioskConfig c;
    std::vector<std::string> errors;
    LoadConfigFile(dir.File("k.json"), c, errors);
    CHECK(c.kioskId == "hc-03");
    CHECK(c.locationName == "Phường Hải Châu");
    CHECK(c.idleTimeoutS == 120);
    CHECK(c.warningTimeoutS == 30);  // 2 s is too short to read the warning: rejected
    CHECK(c.learningPortalUrl.empty());
    CHECK(c.defaultLanguage == "vi");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].find("/databse: unknown key") != std::string::npos);
    CHECK(errors[1].find("/warning_timeout_s") != std::string::npos);
    CHECK(errors[2].find("default_language") != std::string::npos);
}

TEST_CASE("config: printing — the CUPS destination and the switch; a wrong type is reported") {
    KioskConfig d;
    CHECK(d.printEnabled);
    CHECK(d.printer.empty());  // the CUPS default destination
    TempDir dir;
    std::ofstream(dir.File("k.json")) << R"({"printer": "Brother_HL_L2321D", "print_enabled": false})";
    KioskConfig c;
    std::vector<std::string> errors;
    LoadConfigFile(dir.File("k.json"), c, errors);
    CHECK(errors.empty());
    CHECK(c.printer == "Brother_HL_L2321D");
    CHECK_FALSE(c.printEnabled);
    std::ofstream(dir.File("bad.json")) << R"({"printer": 3, "print_enabled": "no"})";
    KioskConfig b;
    LoadConfigFile(dir.File("bad.json"), b, errors);
    REQUIRE(errors.size() == 2);
    CHECK(b.printEnabled);
    CHECK(b.printer.empty());
}

TEST_CASE("command line: flags, values and mistakes") {
    std::string error;
    auto cl = ParseCommandLine({"--config", "c.json", "--db", "/tmp/k.db", "--questionnaires", "q", "--windowed",
                                "--trace-startup"},
                               error);
    REQUIRE(cl);
    CHECK(*cl->configFile == "c.json");
    CHECK(*cl->database == "/tmp/k.db");
    CHECK(*cl->questionnairesDir == "q");
    CHECK(cl->windowed);
    CHECK(cl->traceStartup);
    CHECK_FALSE(cl->traceFrames);
    CHECK_FALSE(ParseCommandLine({"--db"}, error));
    CHECK(error == "--db needs a value");
    CHECK_FALSE(ParseCommandLine({"--fullscreen"}, error));
    CHECK(error.find("--fullscreen") != std::string::npos);

    // Flags win over the file.
    TempDir dir;
    std::ofstream(dir.File("c.json")) << R"({"database": "from-file.db", "questionnaires_dir": "qq"})";
    cl = ParseCommandLine({"--config", dir.File("c.json"), "--db", "flag.db"}, error);
    REQUIRE(cl);
    std::vector<std::string> errors;
    KioskConfig c = ResolveConfig(*cl, errors);
    CHECK(errors.empty());
    CHECK(c.database == "flag.db");
    CHECK(c.questionnairesDir == "qq");
}

TEST_CASE("config: the staff-mode keys are read and checked") {
    KioskConfig d;
    CHECK(d.staffPinFile == "var/staff-pin");
    CHECK(d.staffIdleTimeoutS == 120);
    CHECK(d.smallGroupK == 5);
    CHECK(d.usbRoots == std::vector<std::string>{"/media", "/run/media"});
    TempDir dir;
    std::ofstream(dir.File("k.json")) << R"({
      "staff_pin_file": "/etc/kiosk/pin", "staff_idle_timeout_s": 300, "small_group_k": 10,
      "usb_roots": ["/mnt/usb"], "questionnaires_state_file": "/var/lib/kiosk/q.json"
    })";
    KioskConfig c;
    std::vector<std::string> errors;
    LoadConfigFile(dir.File("k.json"), c, errors);
    CHECK(errors.empty());
    CHECK(c.staffPinFile == "/etc/kiosk/pin");
    CHECK(c.staffIdleTimeoutS == 300);
    CHECK(c.smallGroupK == 10);
    CHECK(c.usbRoots == std::vector<std::string>{"/mnt/usb"});
    CHECK(c.questionnairesStateFile == "/var/lib/kiosk/q.json");

    std::ofstream(dir.File("bad.json")) << R"({"staff_idle_timeout_s": 2, "small_group_k": 1, "usb_roots": "/media"})";
    KioskConfig b;
    errors.clear();
    LoadConfigFile(dir.File("bad.json"), b, errors);
    REQUIRE(errors.size() == 3);
    CHECK(b.staffIdleTimeoutS == 120);
    CHECK(b.smallGroupK == 5);
    CHECK(b.usbRoots == d.usbRoots);
    bool kMessage = false;
    for (const auto& e : errors) kMessage = kMessage || e.find("/small_group_k: must be a whole number from 2 to 100") != std::string::npos;
    CHECK(kMessage);
}

TEST_CASE("command line: every option as before, through CLI11, and a useful --help") {
    std::string error;
    auto cl = ParseCommandLine({"--screenshot-on-stage", "shots", "--screenshot-on-change", "changes", "--trace-frames",
                                "--trace-screens", "--db", "first.db", "--db", "second.db"},
                               error);
    REQUIRE_MESSAGE(cl, error);
    CHECK(*cl->screenshotDir == "shots");
    CHECK(*cl->screenshotChangesDir == "changes");
    CHECK(cl->traceFrames);
    CHECK(cl->traceScreens);
    CHECK_FALSE(cl->windowed);
    CHECK_FALSE(cl->help);
    CHECK_FALSE(cl->configFile.has_value());
    CHECK(*cl->database == "second.db");  // given twice: the last one counts, as before
    cl = ParseCommandLine({}, error);
    REQUIRE(cl);
    CHECK_FALSE(cl->database.has_value());
    cl = ParseCommandLine({"-h"}, error);
    REQUIRE(cl);
    CHECK(cl->help);
    cl = ParseCommandLine({"--help"}, error);
    REQUIRE(cl);
    CHECK(cl->help);
    // A value that is empty or missing before the next option is said plainly.
    CHECK_FALSE(ParseCommandLine({"--questionnaires", ""}, error));
    CHECK(error == "--questionnaires needs a value");
    CHECK_FALSE(ParseCommandLine({"--config", "--windowed"}, error));
    CHECK(error == "--config needs a value");
    CHECK_FALSE(ParseCommandLine({"stray"}, error));
    CHECK(error == "unknown argument \"stray\"");
    CHECK_FALSE(ParseCommandLine({"--windowed=yes"}, error));
    const std::string help = UsageText();
    for (const char* option : {"--config", "--db", "--questionnaires", "--windowed", "--trace-startup", "--trace-frames",
                               "--trace-screens", "--screenshot-on-stage", "--screenshot-on-change", "--help"})
        CHECK_MESSAGE(help.find(option) != std::string::npos, option);
    CHECK(help.find("result database") != std::string::npos);
}
