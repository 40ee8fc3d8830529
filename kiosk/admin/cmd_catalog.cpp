// kiosk-admin questionnaires / install / enable / disable: the kiosk's questionnaire folder, through the
// same station catalog the kiosk uses (same validation, same last-good rule, same switched-off state file,
// same atomic install), with the kiosk's configuration file for where things are.
#include "kiosk/admin/commands.h"
#include "kiosk/core/text.h"
#include "kiosk/station/catalog.h"
#include "kiosk/station/config.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace kiosk::admin {

namespace {

// The catalog's warnings (skipped files, last good versions kept) go to stderr here; routine lines do not.
class StderrLog final : public station::EventLog {
public:
    void Write(core::LogLevel level, std::string_view message) override {
        if (level == core::LogLevel::Info) return;
        std::fprintf(stderr, "%s %.*s\n", core::LogLevelName(level), static_cast<int>(message.size()), message.data());
    }
};

struct CatalogArgs {
    std::string configFile, questionnairesDir;
};

void AddCatalogOptions(CLI::App& app, CatalogArgs& a) {
    app.add_option("--config", a.configFile, "the kiosk's configuration file (default: config/kiosk.json if it exists)");
    app.add_option("--questionnaires", a.questionnairesDir, "the questionnaire folder (default: from the configuration)");
}

// The folder and state file the kiosk would use with the same configuration.
station::KioskConfig ConfigFor(const CatalogArgs& a) {
    station::CommandLine cl;
    if (!a.configFile.empty()) cl.configFile = a.configFile;
    if (!a.questionnairesDir.empty()) cl.questionnairesDir = a.questionnairesDir;
    std::vector<std::string> errors;
    station::KioskConfig c = station::ResolveConfig(cl, errors);
    for (const auto& e : errors) std::fprintf(stderr, "config: %s\n", e.c_str());
    return c;
}

// Parses `args` for a subcommand; returns an exit code when the command should stop (help, bad usage).
std::optional<int> Parse(CLI::App& app, const Args& args) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return std::nullopt;
}

}  // namespace

int CmdQuestionnaires(const Args& args) {
    CLI::App app("Lists the questionnaires the kiosk offers, those switched off, and files that do not validate.",
                 "kiosk-admin questionnaires");
    CatalogArgs a;
    AddCatalogOptions(app, a);
    if (auto code = Parse(app, args)) return *code;
    const station::KioskConfig config = ConfigFor(a);
    StderrLog log;
    station::QuestionnaireCatalog catalog(config.questionnairesDir, log);
    catalog.SetStateFile(config.questionnairesStateFile);
    catalog.Refresh();
    for (const auto& q : catalog.All())
        std::cout << q->id << '\t' << q->version << '\t' << (catalog.Enabled(q->id) ? "on" : "off") << '\t'
                  << q->ItemCount() << " items\t" << core::TextIn(q->title, config.defaultLanguage) << '\n';
    for (const auto& b : catalog.Broken()) {
        std::cout << b.path << "\tbroken\n";
        for (const auto& e : b.errors) std::cout << "  " << e.ToString() << '\n';
    }
    if (catalog.Offered().empty()) {
        std::fprintf(stderr, "no questionnaire is offered in %s: the kiosk would be out of service\n",
                     catalog.Dir().c_str());
        return 1;
    }
    return 0;
}

int CmdInstall(const Args& args) {
    CLI::App app("Validates questionnaire files on their own and with what is installed, then copies each valid one\n"
                 "into the kiosk's folder (replacing the same id). Nothing is copied for a file with any error.",
                 "kiosk-admin install");
    CatalogArgs a;
    std::vector<std::string> files;
    AddCatalogOptions(app, a);
    app.add_option("FILE", files, "questionnaire files (JSON)")->required();
    if (auto code = Parse(app, args)) return *code;
    const station::KioskConfig config = ConfigFor(a);
    StderrLog log;
    station::QuestionnaireCatalog catalog(config.questionnairesDir, log);
    catalog.SetStateFile(config.questionnairesStateFile);
    catalog.Refresh();
    int failed = 0;
    for (const auto& file : files) {
        std::string writeError;
        core::LoadResult r = catalog.Install(file, writeError);
        for (const auto& e : r.errors) std::cout << e.ToString() << '\n';
        if (r.Ok()) {
            std::fprintf(stderr, "%s: installed \"%s\" version %s\n", file.c_str(), r.questionnaire->id.c_str(),
                         r.questionnaire->version.c_str());
        } else {
            ++failed;
            std::fprintf(stderr, "%s: not installed%s%s\n", file.c_str(), writeError.empty() ? "" : ": ",
                         writeError.c_str());
        }
    }
    return failed ? 1 : 0;
}

namespace {

int Switch(const Args& args, bool on) {
    CLI::App app(on ? "Offers a questionnaire to citizens again." : "Stops offering a questionnaire to citizens (the "
                                                                     "last one offered cannot be switched off).",
                 on ? "kiosk-admin enable" : "kiosk-admin disable");
    CatalogArgs a;
    std::string id;
    AddCatalogOptions(app, a);
    app.add_option("ID", id, "the questionnaire's id")->required();
    if (auto code = Parse(app, args)) return *code;
    const station::KioskConfig config = ConfigFor(a);
    StderrLog log;
    station::QuestionnaireCatalog catalog(config.questionnairesDir, log);
    catalog.SetStateFile(config.questionnairesStateFile);
    catalog.Refresh();
    bool known = false;
    for (const auto& q : catalog.All()) known = known || q->id == id;
    if (!known) {
        std::fprintf(stderr, "no installed questionnaire has the id \"%s\"\n", id.c_str());
        return 1;
    }
    if (!on && catalog.Enabled(id) && catalog.Offered().size() == 1) {
        std::fprintf(stderr, "\"%s\" is the only questionnaire offered; switching it off would stop the kiosk\n",
                     id.c_str());
        return 1;
    }
    std::string error;
    if (!catalog.SetEnabled(id, on, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::fprintf(stderr, "\"%s\" is %s\n", id.c_str(), on ? "offered to citizens" : "switched off");
    return 0;
}

}  // namespace

int CmdEnable(const Args& args) { return Switch(args, true); }
int CmdDisable(const Args& args) { return Switch(args, false); }

}  // namespace kiosk::admin
