// Command-line parsing shared by the kiosk-admin subcommands: --name VALUE / --name=VALUE options and
// --flag switches; anything else is a usage error reported on stderr.
#pragma once

#include "kiosk/admin/commands.h"

#include <initializer_list>
#include <map>
#include <set>
#include <string>

namespace kiosk::admin {

struct Parsed {
    std::map<std::string, std::string> values;
    std::set<std::string> flags;

    bool Has(const std::string& name) const { return values.count(name) > 0; }
    std::string Get(const std::string& name, const std::string& fallback = "") const {
        auto it = values.find(name);
        return it == values.end() ? fallback : it->second;
    }
};

bool ParseArgs(const char* command, const Args& args, const std::set<std::string>& withValue,
               const std::set<std::string>& switches, Parsed& out);
bool Require(const char* command, const Parsed& p, std::initializer_list<const char*> names);
bool ParseCount(const char* command, const std::string& name, const std::string& text, long long min,
                long long max, long long& out);

}  // namespace kiosk::admin
