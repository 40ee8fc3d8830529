// Kiosk configuration: a JSON file (see assets/kiosk.default.json) with sensible defaults for running from
// the repository, overridden by command-line flags. Relative paths are taken from the current directory.
// Shared by the kiosk and kiosk-admin (which finds the questionnaire folder and state file the same way).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk::station {

struct KioskConfig {
    std::string kioskId = "kiosk-1";
    std::string locationCode = "unknown";
    std::string locationName;  // shown small on the welcome screen; empty = not shown
    int idleTimeoutS = 90;
    int warningTimeoutS = 30;
    std::string questionnairesDir = "questionnaires";
    std::string database = "var/kiosk.db";
    std::string logFile = "var/kiosk.log";
    std::string staffPinFile = "var/staff-pin";  // Argon2id hash of the staff PIN (kiosk-admin set-pin)
    std::string questionnairesStateFile = "var/questionnaires-state.json";  // questionnaires switched off
    int staffIdleTimeoutS = 120;
    int smallGroupK = 5;  // staff statistics: groups of fewer results are shown as "<k"
    std::vector<std::string> usbRoots{"/media", "/run/media"};  // where USB sticks are mounted (export, install)
    std::string assetsDir = "assets";
    std::string learningPortalUrl = "https://binhdanhocvuso.gov.vn";
    std::string defaultLanguage = "vi";
    // The monitor's diagonal in inches, for monitors whose reported physical size is wrong or missing
    // (0 = trust the monitor): tap targets are sized to 15 mm from it.
    double screenDiagonalInch = 0;
    // Printing the result ("In kết quả"): the CUPS destination (empty = the CUPS default destination), and
    // a switch for offices without a printer, which hides the button.
    std::string printer;
    bool printEnabled = true;
    std::string fontRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string fontBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    // Sending results to the city's central PostgreSQL in the background. Empty URL = no sync. The URL never
    // holds a password: that comes from a pgpass-format file readable only by the kiosk's user (empty =
    // /etc/kiosk/central.pgpass when it exists).
    std::string centralUrl;
    std::string centralPassfile;
    int centralBatchSize = 500;     // results per central transaction
    int centralPollIntervalS = 60;  // how often the worker looks for results not yet sent (a save wakes it sooner)
    // Read-aloud: where speech goes ("default" ALSA device, "null", "wav:PATH" for end-to-end runs), the
    // espeak-ng voice for Vietnamese, the volume step (1..5) until staff choose one, kept in volumeFile.
    std::string audioDevice = "default";
    std::string voice = "vi-VN-x-central";
    int volume = 5;
    std::string volumeFile = "var/volume";
};

// Reads `path` over `config`; unknown keys (usually typos), wrong types and out-of-range values are
// reported in `errors` and leave that value unchanged.
void LoadConfigFile(const std::string& path, KioskConfig& config, std::vector<std::string>& errors);

struct CommandLine {
    std::optional<std::string> configFile, database, questionnairesDir, screenshotDir, screenshotChangesDir;
    bool windowed = false;
    bool traceStartup = false;  // print KIOSK_FIRST_FRAME epoch_ms=… after the first swap
    bool traceFrames = false;   // print KIOSK_FRAME ms=… for every frame drawn
    bool traceScreens = false;  // print KIOSK_SCREEN lines (screen name + tappable targets) for test drivers
    bool help = false;
};

// Parses argv; on a bad argument returns nothing and sets `error`.
std::optional<CommandLine> ParseCommandLine(const std::vector<std::string>& args, std::string& error);
const char* UsageText();

// The configuration the kiosk runs with: defaults, then the config file (the one given, or
// config/kiosk.json when it exists), then flags. When the default assets/ or questionnaires/ folder is not
// in the current directory, the repository's copy is used, so the kiosk also runs from the build tree.
KioskConfig ResolveConfig(const CommandLine& cl, std::vector<std::string>& errors);

}  // namespace kiosk::station
