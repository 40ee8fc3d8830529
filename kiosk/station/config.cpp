// Configuration file and command-line parsing.
#include "kiosk/station/config.h"

#include "kiosk/core/build_info.h"
#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

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
                          {"printer", &c.printer, true}};
    struct Seconds {
        const char* key;
        int* value;
        int min, max;
    };
    const Seconds seconds[] = {{"idle_timeout_s", &c.idleTimeoutS, 5, 3600},
                               {"warning_timeout_s", &c.warningTimeoutS, 5, 600},
                               {"staff_idle_timeout_s", &c.staffIdleTimeoutS, 10, 3600},
                               {"small_group_k", &c.smallGroupK, 2, 100}};
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

const char* UsageText() {
    return "usage: kiosk [--config FILE] [--db PATH] [--questionnaires DIR] [--windowed]\n"
           "             [--trace-startup] [--trace-frames] [--trace-screens]\n"
           "             [--screenshot-on-stage DIR] [--screenshot-on-change DIR]\n"
           "\n"
           "  --config FILE          configuration file (default: config/kiosk.json if it exists)\n"
           "  --db PATH              result database (default: var/kiosk.db)\n"
           "  --questionnaires DIR   questionnaire folder (default: questionnaires)\n"
           "  --windowed             a normal window that can be closed (development)\n"
           "  --trace-startup        print KIOSK_FIRST_FRAME epoch_ms=… on stderr after the first frame\n"
           "  --trace-frames         print KIOSK_FRAME ms=… on stderr for every frame drawn\n"
           "  --trace-screens        print KIOSK_SCREEN lines (screen and tap targets) for test drivers\n"
           "  --screenshot-on-stage DIR  save DIR/<screen>.png the first time each screen is shown\n"
           "  --screenshot-on-change DIR save DIR/NNN-<screen>.png at half size whenever the picture changes\n";
}

std::optional<CommandLine> ParseCommandLine(const std::vector<std::string>& args, std::string& error) {
    CommandLine cl;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::optional<std::string>& into) {
            if (i + 1 >= args.size() || args[i + 1].empty()) {
                error = a + " needs a value";
                return false;
            }
            into = args[++i];
            return true;
        };
        if (a == "--config") {
            if (!value(cl.configFile)) return std::nullopt;
        } else if (a == "--db") {
            if (!value(cl.database)) return std::nullopt;
        } else if (a == "--questionnaires") {
            if (!value(cl.questionnairesDir)) return std::nullopt;
        } else if (a == "--screenshot-on-stage") {
            if (!value(cl.screenshotDir)) return std::nullopt;
        } else if (a == "--screenshot-on-change") {
            if (!value(cl.screenshotChangesDir)) return std::nullopt;
        } else if (a == "--windowed") {
            cl.windowed = true;
        } else if (a == "--trace-startup") {
            cl.traceStartup = true;
        } else if (a == "--trace-frames") {
            cl.traceFrames = true;
        } else if (a == "--trace-screens") {
            cl.traceScreens = true;
        } else if (a == "-h" || a == "--help") {
            cl.help = true;
        } else {
            error = "unknown argument \"" + a + "\"";
            return std::nullopt;
        }
    }
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
