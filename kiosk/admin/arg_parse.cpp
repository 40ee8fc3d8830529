// Command-line parsing shared by the kiosk-admin subcommands.
#include "kiosk/admin/arg_parse.h"

#include <cstdio>
#include <exception>

namespace kiosk::admin {

bool ParseArgs(const char* command, const Args& args, const std::set<std::string>& withValue,
               const std::set<std::string>& switches, Parsed& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i], value;
        bool inlineValue = false;
        if (a.rfind("--", 0) == 0) {
            auto eq = a.find('=');
            if (eq != std::string::npos) {
                value = a.substr(eq + 1);
                a = a.substr(0, eq);
                inlineValue = true;
            }
        }
        if (switches.count(a) && !inlineValue) {
            out.flags.insert(a);
        } else if (withValue.count(a)) {
            if (!inlineValue) {
                if (i + 1 >= args.size()) {
                    std::fprintf(stderr, "kiosk-admin %s: %s needs a value\n", command, a.c_str());
                    return false;
                }
                value = args[++i];
            }
            if (out.values.count(a)) {
                std::fprintf(stderr, "kiosk-admin %s: %s is given twice\n", command, a.c_str());
                return false;
            }
            out.values[a] = value;
        } else {
            std::fprintf(stderr, "kiosk-admin %s: unknown argument \"%s\" (see --help)\n", command,
                         args[i].c_str());
            return false;
        }
    }
    return true;
}

bool Require(const char* command, const Parsed& p, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        if (!p.Has(n)) {
            std::fprintf(stderr, "kiosk-admin %s: %s is required (see --help)\n", command, n);
            return false;
        }
    }
    return true;
}

bool ParseCount(const char* command, const std::string& name, const std::string& text, long long min,
                long long max, long long& out) {
    try {
        std::size_t used = 0;
        out = std::stoll(text, &used);
        if (used == text.size() && out >= min && out <= max) return true;
    } catch (const std::exception&) {
    }
    std::fprintf(stderr, "kiosk-admin %s: %s must be a whole number from %lld to %lld, not \"%s\"\n", command,
                 name.c_str(), min, max, text.c_str());
    return false;
}

}  // namespace kiosk::admin
