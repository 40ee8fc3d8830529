// kiosk-admin set-pin: sets the staff PIN from a terminal (the kiosk asks for one on first start too).
#include "kiosk/admin/commands.h"
#include "kiosk/core/escape.h"
#include "kiosk/core/staff_access.h"

#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <iostream>
#include <string>

namespace kiosk::admin {
namespace {

// Reads one line; with a terminal on stdin the digits are not echoed.
bool ReadSecretLine(const char* prompt, std::string& out) {
    bool tty = ::isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        std::fflush(stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = static_cast<bool>(std::getline(std::cin, out));
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return ok;
}

}  // namespace

int CmdSetPin(const Args& args) {
    std::string file = "var/staff-pin";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--pin-file" && i + 1 < args.size()) {
            file = args[++i];
        } else {
            bool help = WantsHelp(args);
            std::fprintf(
                help ? stdout : stderr,
                "usage: kiosk-admin set-pin [--pin-file FILE]\n\n"
                "Sets the staff PIN (6 to 10 digits; not one repeated digit, not a run like 123456).\n"
                "Reads the PIN and its confirmation from standard input, one per line (not echoed on a\n"
                "terminal), and stores only its Argon2id hash in FILE (default var/staff-pin, the\n"
                "kiosk's default). The kiosk asks for a PIN on first start when none is set.\n");
            return help ? 0 : 2;
        }
    }
    std::string pin, again;
    if (!ReadSecretLine("New staff PIN: ", pin) || !ReadSecretLine("Repeat the PIN: ", again)) {
        std::fprintf(stderr, "kiosk-admin set-pin: expected the PIN twice on standard input\n");
        return 1;
    }
    if (pin != again) {
        std::fprintf(stderr, "kiosk-admin set-pin: the two PINs differ; nothing changed\n");
        return 1;
    }
    if (std::string why = core::CheckNewPin(pin); !why.empty()) {
        std::fprintf(stderr, "kiosk-admin set-pin: %s; nothing changed\n", why.c_str());
        return 1;
    }
    std::string hash = core::HashPin(pin), error;
    if (hash.empty() || !core::SavePinHash(file, hash, error)) {
        std::fprintf(stderr, "kiosk-admin set-pin: %s\n",
                     hash.empty() ? "hashing failed (out of memory?)" : error.c_str());
        return 1;
    }
    // The technician's way out of a lockout or a damaged PIN file: the new PIN starts with no failures.
    core::SteadyClock clock;
    core::PinLock(clock, core::PinAttemptsFileFor(file)).RecordSuccess();
    std::fprintf(stderr, "staff PIN set (stored as an Argon2id hash in %s)\n", core::EscapeControl(file).c_str());
    return 0;
}

}  // namespace kiosk::admin
