// The subcommands of kiosk-admin. Each takes its own arguments (after the subcommand name) and returns
// the process exit code; output goes to stdout, diagnostics to stderr.
#pragma once

#include <string>
#include <vector>

namespace kiosk::admin {

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Args& args);
};

// Commands working on questionnaire files only (kiosk_core).
int CmdValidate(const Args& args);
int CmdScore(const Args& args);

// The kiosk's questionnaire folder, through the kiosk's own catalog (kiosk_station).
int CmdQuestionnaires(const Args& args);
int CmdInstall(const Args& args);
int CmdEnable(const Args& args);
int CmdDisable(const Args& args);

// Staff access.
int CmdSetPin(const Args& args);

// Questionnaires as spreadsheets for trainers (kiosk_sheets).
int CmdImportSheet(const Args& args);
int CmdExportSheet(const Args& args);

// Commands working on the result database (kiosk_storage).
int CmdExport(const Args& args);
int CmdStats(const Args& args);
int CmdCheckDb(const Args& args);
int CmdSimulate(const Args& args);

// True when `args` asks for help ("-h" or "--help").
bool WantsHelp(const Args& args);

}  // namespace kiosk::admin
