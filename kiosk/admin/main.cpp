// kiosk-admin: the command line for staff and trainers. Dispatches to one subcommand.
#include "kiosk/admin/commands.h"

#include <cstdio>
#include <cstring>
#include <exception>

namespace kiosk::admin {

bool WantsHelp(const Args& args) {
    for (const auto& a : args)
        if (a == "-h" || a == "--help") return true;
    return false;
}

}  // namespace kiosk::admin

namespace {

using kiosk::admin::Command;

const Command kCommands[] = {
    {"validate", "check questionnaire files against the format (exit 0 when all are valid)",
     kiosk::admin::CmdValidate},
    {"score", "score an answers file against a questionnaire and print the result JSON",
     kiosk::admin::CmdScore},
    {"questionnaires", "list the kiosk's questionnaires: offered, switched off, broken files",
     kiosk::admin::CmdQuestionnaires},
    {"install", "validate questionnaire files and install them into the kiosk's folder", kiosk::admin::CmdInstall},
    {"enable", "offer a questionnaire to citizens again", kiosk::admin::CmdEnable},
    {"disable", "stop offering a questionnaire to citizens", kiosk::admin::CmdDisable},
    {"export", "export stored results as CSV, XLSX or JSON (anonymized, small groups suppressed)",
     kiosk::admin::CmdExport},
    {"stats", "counts and mean scores of stored results (cells under k shown as <k)", kiosk::admin::CmdStats},
    {"check-db", "check a result database's integrity (exit 0 when healthy)", kiosk::admin::CmdCheckDb},
    {"simulate", "store N simulated results with random answers (demos, load tests)",
     kiosk::admin::CmdSimulate},
    {"set-pin", "set the staff PIN (stored only as an Argon2id hash)", kiosk::admin::CmdSetPin},
    {"import-sheet", "convert a questionnaire spreadsheet (CSV, XLSX, ODS) into a questionnaire file",
     kiosk::admin::CmdImportSheet},
    {"export-sheet", "write a questionnaire as a spreadsheet (XLSX, or CSV + META.json) for trainers",
     kiosk::admin::CmdExportSheet},
};

void Usage(FILE* out) {
    std::fprintf(out, "usage: kiosk-admin COMMAND [ARGS…]\n\ncommands:\n");
    for (const auto& c : kCommands) std::fprintf(out, "  %-14s %s\n", c.name, c.summary);
    std::fprintf(out, "\n'kiosk-admin COMMAND --help' describes one command.\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        Usage(stderr);
        return 2;
    }
    if (!std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
        Usage(stdout);
        return 0;
    }
    kiosk::admin::Args args(argv + 2, argv + argc);
    for (const auto& c : kCommands) {
        if (std::strcmp(c.name, argv[1]) != 0) continue;
        try {
            return c.run(args);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "kiosk-admin %s: error: %s\n", c.name, e.what());
            return 1;
        }
    }
    std::fprintf(stderr, "kiosk-admin: unknown command \"%s\"\n\n", argv[1]);
    Usage(stderr);
    return 2;
}
