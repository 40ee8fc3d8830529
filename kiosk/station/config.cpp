// Configuration file and command-line parsing (the command line through CLI11, like kiosk-admin).
#include "kiosk/station/config.h"

#include "kiosk/core/build_info.h"
#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif

namespace kiosk::station {
namespace fs = std::filesystem;

void LoadConfigFile(const std::string& path, KioskConfig& c, std::vector<std::string>& errors) {
    std::string bytes, error;
    if (!core::ReadFileBytes(path, bytes, error, 1 << 20)) {
        errors.push_back(path + ": " + error);
        return;
    }
    core::JsonReadResult doc = core::ReadJson(bytes);
    if (!doc.ok) {
        for (const auto& d : doc.errors)
            errors.push_back(path + ": " + (d.line ? "line " + std::to_string(d.line) + ": " : "") + d.message);
        return;
    }
    if (!doc.value.is_object()) {
        errors.push_back(path + ": must be a JSON object {…}");
        return;
    }
    struct Text {
        const char* key;
        std::string* value;
        bool mayBeEmpty;
    };
    const Text texts[] = {{"kiosk_id", &c.kioskId, false},
                          {"location_code", &c.locationCode, false},
                          {"location_name", &c.locationName, true},
                          {"questionnaires_dir", &c.questionnairesDir, false},
                          {"database", &c.database, false},
                          {"log_file", &c.logFile, false},
                          {"staff_pin_file", &c.staffPinFile, false},
                          {"questionnaires_state_file", &c.questionnairesStateFile, false},
                          {"assets_dir", &c.assetsDir, false},
                          {"learning_portal_url", &c.learningPortalUrl, true},
                          {"default_language", &c.defaultLanguage, false},
                          {"font_regular", &c.fontRegular, false},
                          {"font_bold", &c.fontBold, false},
                          {"central_url", &c.centralUrl, true},
                          {"central_passfile", &c.centralPassfile, true},
                          {"audio_device", &c.audioDevice, false},
                          {"voice", &c.voice, false},
                          {"volume_file", &c.volumeFile, false},
                          {"printer", &c.printer, true}};
    struct Seconds {
        const char* key;
        int* value;
        int min, max;
    };
    const Seconds seconds[] = {{"idle_timeout_s", &c.idleTimeoutS, 5, 3600},
                               {"warning_timeout_s", &c.warningTimeoutS, 5, 600},
                               {"staff_idle_timeout_s", &c.staffIdleTimeoutS, 10, 3600},
                               {"small_group_k", &c.smallGroupK, 2, 100},
                               {"central_batch_size", &c.centralBatchSize, 1, 10000},
                               {"central_poll_interval_s", &c.centralPollIntervalS, 5, 86400},
                               {"volume", &c.volume, 1, 5}};
    for (const auto& [key, value] : doc.value.items()) {
        const std::string where = path + ": /" + core::PointerToken(key);
        bool known = false;
        if (key == "screen_diagonal_inch") {
            known = true;
            if (!value.is_number() || value.get<double>() < 5 || value.get<double>() > 120)
                errors.push_back(where + ": must be the screen's diagonal in inches, from 5 to 120");
            else
                c.screenDiagonalInch = value.get<double>();
        }
        if (key == "print_enabled") {
            known = true;
            if (!value.is_boolean()) errors.push_back(where + ": must be true or false");
            else c.printEnabled = value.get<bool>();
        }
        if (key == "usb_roots") {
            known = true;
            bool ok = value.is_array() && !value.empty();
            for (const auto& v : value) ok = ok && v.is_string() && !v.get_ref<const std::string&>().empty();
            if (!ok) errors.push_back(where + ": must be a list of folders, e.g. [\"/media\", \"/run/media\"]");
            else c.usbRoots = value.get<std::vector<std::string>>();
        }
        for (const auto& t : texts) {
            if (key != t.key) continue;
            known = true;
            if (!value.is_string() || (!t.mayBeEmpty && value.get_ref<const std::string&>().empty()))
                errors.push_back(where + ": must be a " + (t.mayBeEmpty ? "" : "non-empty ") + "text");
            else
                *t.value = core::ToNfc(value.get<std::string>());
        }
        for (const auto& s : seconds) {
            if (key != s.key) continue;
            known = true;
            if (!value.is_number_integer() || value.get<long long>() < s.min || value.get<long long>() > s.max)
                errors.push_back(where + ": must be a whole number " +
                                 (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0 ? "of seconds " : "") +
                                 "from " + std::to_string(s.min) + " to " + std::to_string(s.max));
            else
                *s.value = value.get<int>();
        }
        if (!known && key.rfind("x-", 0) != 0 && key != "comment") errors.push_back(where + ": unknown key");
    }
    if (c.defaultLanguage != "vi" && c.defaultLanguage != "en") {
        errors.push_back(path + ": /default_language: must be \"vi\" or \"en\"");
        c.defaultLanguage = "vi";
    }
}

namespace {

// The kiosk's options, described once for both parsing and --help (CLI11, as kiosk-admin uses).
struct Options {
    struct Value {
        const char* name;
        std::optional<std::string> CommandLine::*into;
        const char* help;
        CLI::Option* option = nullptr;
    };
    struct Flag {
        const char* name;
        bool CommandLine::*into;
        const char* help;
        CLI::Option* option = nullptr;
    };
    std::vector<Value> values{
        {"--config", &CommandLine::configFile, "configuration file (default: config/kiosk.json if it exists)"},
        {"--db", &CommandLine::database, "result database (default: var/kiosk.db)"},
        {"--questionnaires", &CommandLine::questionnairesDir, "questionnaire folder (default: questionnaires)"},
        {"--screenshot-on-stage", &CommandLine::screenshotDir, "save DIR/<screen>.png the first time each screen is shown"},
        {"--screenshot-on-change", &CommandLine::screenshotChangesDir,
         "save DIR/NNN-<screen>.png at half size whenever the picture changes"},
    };
    std::vector<Flag> flags{
        {"--windowed", &CommandLine::windowed, "a normal window that can be closed (development)"},
        {"--trace-startup", &CommandLine::traceStartup, "print KIOSK_FIRST_FRAME epoch_ms=… on stderr after the first frame"},
        {"--trace-frames", &CommandLine::traceFrames, "print KIOSK_FRAME ms=… on stderr for every frame drawn"},
        {"--trace-screens", &CommandLine::traceScreens,
         "print KIOSK_SCREEN lines (screen and tap targets as id@x,y,w,h) for test drivers"},
        {"-h,--help", &CommandLine::help, "print this help and exit"},
    };
    CLI::App app{"The citizen self-assessment kiosk (full screen). `kiosk --version` prints the version.", "kiosk"};

    Options() {
        app.set_help_flag();  // --help is an ordinary flag here: main() prints the text and exits 0
        app.allow_extras();   // reported as "unknown argument" below
        app.get_formatter()->column_width(30);
        for (auto& v : values) {
            const char* kind = std::string(v.name) == "--db" ? "PATH" : std::string(v.name) == "--config" ? "FILE" : "DIR";
            // 0..1 values, so a missing value is found here and said plainly ("--db needs a value").
            v.option = app.add_option(v.name)->description(v.help)->expected(0, 1)->type_name(kind)
                           ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        }
        for (auto& f : flags) f.option = app.add_flag(f.name)->description(f.help)->disable_flag_override();
    }
};

}  // namespace

const char* UsageText() {
    static const std::string text = Options().app.help();
    return text.c_str();
}

std::optional<CommandLine> ParseCommandLine(const std::vector<std::string>& args, std::string& error) {
    Options o;
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    try {
        o.app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        error = e.what();
        return std::nullopt;
    }
    if (!o.app.remaining().empty()) {
        error = "unknown argument \"" + o.app.remaining().front() + "\"";
        return std::nullopt;
    }
    CommandLine cl;
    for (const auto& v : o.values) {
        if (v.option->count() == 0) continue;
        const auto& given = v.option->results();
        if (given.empty() || given.back().empty()) {
            error = std::string(v.name) + " needs a value";
            return std::nullopt;
        }
        cl.*v.into = given.back();  // given twice: the last one counts
    }
    for (const auto& f : o.flags) cl.*f.into = f.option->count() > 0;
    return cl;
}

KioskConfig ResolveConfig(const CommandLine& cl, std::vector<std::string>& errors) {
    KioskConfig c;
    if (cl.configFile) {
        LoadConfigFile(*cl.configFile, c, errors);
    } else {
        std::error_code ec;
        if (fs::exists("config/kiosk.json", ec)) LoadConfigFile("config/kiosk.json", c, errors);
    }
    if (cl.database) c.database = *cl.database;
    if (cl.questionnairesDir) c.questionnairesDir = *cl.questionnairesDir;

    // Embedded defaults: the installed data, or the checkout's (the build tree, a test's temp folder).
    std::error_code ec;
    const std::string source = core::ShippedDataDir();
    if (c.assetsDir == "assets" && !fs::is_directory("assets", ec)) c.assetsDir = source + "/assets";
    if (c.questionnairesDir == "questionnaires" && !cl.questionnairesDir && !fs::is_directory("questionnaires", ec))
        c.questionnairesDir = source + "/questionnaires";
    return c;
}

}  // namespace kiosk::station
