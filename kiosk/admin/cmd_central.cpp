// kiosk-admin central / sync / city-report: the city's central PostgreSQL database. Exit codes: 0 ok, 1
// failure (stderr names the error kind in brackets, e.g. "[auth-failed]", then what to do), 2 wrong usage.
#include "kiosk/admin/arg_parse.h"
#include "kiosk/admin/commands.h"
#include "storage/central_db.h"
#include "storage/central_sync.h"
#include "storage/city_report.h"
#include "storage/result_store.h"

#include <cstdio>
#include <filesystem>
#include <string>

namespace kiosk::admin {
namespace {

int Fail(const char* command, const storage::CentralError& e) {
    std::fprintf(stderr, "kiosk-admin %s: error [%s]: %s\n", command, storage::CentralErrorKindName(e.Kind()),
                 e.what());
    return 1;
}

storage::CentralConfig ConfigFrom(const Parsed& p, const char* urlOption) {
    storage::CentralConfig c;
    c.url = p.Get(urlOption);
    c.passfile = p.Get("--passfile");
    return c;
}

const char* const kCentralHelp =
    "usage: kiosk-admin central init --url URL [--passfile FILE]\n"
    "       kiosk-admin central add-kiosk --url URL --kiosk ID --role NAME --write-passfile OUT [--passfile "
    "FILE]\n"
    "       kiosk-admin central add-analyst --url URL --role NAME --write-passfile OUT [--passfile FILE]\n\n"
    "  init          create the central schema in the database at URL, or migrate an older one (safe to\n"
    "                run again); creates the group roles kiosk_writer and kiosk_analyst\n"
    "  add-kiosk     create the login role NAME for kiosk ID (it may only insert that kiosk's results) and\n"
    "                write its new random password to OUT (pgpass format, mode 600) for that kiosk\n"
    "  add-analyst   create the login role NAME that may only read the suppressed city views\n\n"
    "URL is a PostgreSQL URL without a password, e.g. postgresql://admin@db.example.vn/kiosk. The password\n"
    "comes from the credentials file (--passfile, default /etc/kiosk/central.pgpass), which must be "
    "readable\n"
    "only by its owner. Hosts other than this machine are reached with TLS and a verified certificate\n"
    "(sslmode=verify-full) unless the URL says otherwise.\n";

}  // namespace

int CmdCentral(const Args& args) {
    const char* cmd = "central";
    if (args.empty() || WantsHelp(args)) {
        std::fputs(kCentralHelp, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    const std::string sub = args[0];
    Args rest(args.begin() + 1, args.end());
    Parsed p;
    try {
        if (sub == "init") {
            if (!ParseArgs(cmd, rest, {"--url", "--passfile"}, {}, p) || !Require(cmd, p, {"--url"}))
                return 2;
            storage::pg::Connection db(ConfigFrom(p, "--url"));
            auto r = storage::InitCentral(db);
            if (r.fromVersion == r.toVersion)
                std::printf("central schema of %s is up to date (version %d)\n", db.Describe().c_str(),
                            r.toVersion);
            else
                std::printf("central schema of %s: version %d -> %d\n", db.Describe().c_str(), r.fromVersion,
                            r.toVersion);
            return 0;
        }
        if (sub == "add-kiosk" || sub == "add-analyst") {
            bool kiosk = sub == "add-kiosk";
            std::set<std::string> opts = {"--url", "--passfile", "--role", "--write-passfile"};
            if (kiosk) opts.insert("--kiosk");
            if (!ParseArgs(cmd, rest, opts, {}, p) ||
                !Require(cmd, p, {"--url", "--role", "--write-passfile"}) ||
                (kiosk && !Require(cmd, p, {"--kiosk"})))
                return 2;
            // Checked before the role changes: a reset password that cannot be written down locks the kiosk
            // out.
            std::error_code ec;
            if (std::filesystem::exists(p.Get("--write-passfile"), ec) || ec)
                throw storage::CentralError(
                    storage::CentralErrorKind::BadConfig,
                    "the credentials file " + p.Get("--write-passfile") +
                        " already exists; it is never replaced (choose another name)");
            storage::pg::Connection db(ConfigFrom(p, "--url"));
            std::string password =
                storage::AddCentralRole(db, kiosk ? "kiosk" : "analyst", p.Get("--role"), p.Get("--kiosk"));
            // Any host, port and database: the file belongs to one kiosk and holds one role.
            storage::WritePassfile(p.Get("--write-passfile"), "*", "*", "*", p.Get("--role"), password);
            std::printf("role %s ready%s; its password is in %s (copy it to the %s as %s, mode 600)\n",
                        p.Get("--role").c_str(), kiosk ? (" for kiosk " + p.Get("--kiosk")).c_str() : "",
                        p.Get("--write-passfile").c_str(), kiosk ? "kiosk" : "analyst's machine",
                        storage::kDefaultPassfile);
            return 0;
        }
    } catch (const storage::CentralError& e) {
        return Fail(cmd, e);
    }
    std::fprintf(stderr, "kiosk-admin central: unknown subcommand \"%s\"\n\n%s", sub.c_str(), kCentralHelp);
    return 2;
}

int CmdSync(const Args& args) {
    const char* cmd = "sync";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin sync --db FILE --central URL [--passfile FILE] [--batch N]\n\n"
            "Sends every result in FILE that the central database has not yet acknowledged, in batches of N\n"
            "(default 500), each batch one central transaction. Exits 0 only when every local result is\n"
            "acknowledged. Safe to interrupt at any moment and to run again: a result is marked "
            "acknowledged\n"
            "only after the central database committed it, and the central table holds it once.\n"
            "Errors name their kind: [unreachable] [auth-failed] [tls] [permission-denied]\n"
            "[central-disk-full] [schema-behind] [schema-ahead] [connection-lost] [local-storage] "
            "[bad-config].\n");
        return 0;
    }
    Parsed p;
    long long batch = 500;
    if (!ParseArgs(cmd, args, {"--db", "--central", "--passfile", "--batch"}, {}, p) ||
        !Require(cmd, p, {"--db", "--central"}) ||
        (p.Has("--batch") && !ParseCount(cmd, "--batch", p.Get("--batch"), 1, 100000, batch)))
        return 2;
    storage::SyncOptions o;
    o.central = ConfigFrom(p, "--central");
    o.dbPath = p.Get("--db");
    o.batchSize = static_cast<std::size_t>(batch);
    storage::CentralSync sync(o);
    try {
        auto pass = sync.RunOnce([](const storage::SyncPass& s) {
            std::printf("sent %lld result(s) in %lld batch(es)\n", static_cast<long long>(s.sent),
                        static_cast<long long>(s.batches));
            std::fflush(stdout);
        });
        std::printf("done: %lld result(s) sent and acknowledged, %lld waiting\n",
                    static_cast<long long>(pass.sent), static_cast<long long>(pass.waiting));
        if (pass.waiting > 0) {
            std::fprintf(stderr,
                         "kiosk-admin sync: %lld result(s) were saved during the sync; run it again\n",
                         static_cast<long long>(pass.waiting));
            return 1;
        }
        return 0;
    } catch (const storage::CentralError& e) {
        auto s = sync.Status();
        if (s.sentThisRun > 0)
            std::printf("sent %lld result(s) before the error\n", static_cast<long long>(s.sentThisRun));
        return Fail(cmd, e);
    }
}

int CmdCityReport(const Args& args) {
    const char* cmd = "city-report";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin city-report --central URL [--passfile FILE] [--html OUT.html] [--xlsx "
            "OUT.xlsx]\n"
            "                               [--k N] [--include-simulated] [--chartjs FILE]\n\n"
            "Refreshes the city views in the central database and writes the report: per-area mean scores "
            "by\n"
            "location, the level distribution, the trend by month and means by group, Vietnamese first.\n"
            "Every cell of fewer than k people (default: the central setting, 5) is hidden, and enough "
            "other\n"
            "cells with it that no hidden number can be worked out by subtraction. Simulated results are\n"
            "left out unless --include-simulated. The HTML carries its charts (Chart.js from Debian's\n"
            "libjs-chart.js, or --chartjs FILE) inside it and opens without a network.\n");
        return 0;
    }
    Parsed p;
    long long k = 0;
    if (!ParseArgs(cmd, args, {"--central", "--passfile", "--html", "--xlsx", "--k", "--chartjs"},
                   {"--include-simulated"}, p) ||
        !Require(cmd, p, {"--central"}) ||
        (p.Has("--k") && !ParseCount(cmd, "--k", p.Get("--k"), 1, 1000, k)))
        return 2;
    if (!p.Has("--html") && !p.Has("--xlsx")) {
        std::fprintf(stderr, "kiosk-admin city-report: give --html and/or --xlsx\n");
        return 2;
    }
    storage::CityReportOptions o;
    o.k = static_cast<int>(k);
    o.includeSimulated = p.flags.count("--include-simulated") > 0;
    o.htmlPath = p.Get("--html");
    o.xlsxPath = p.Get("--xlsx");
    if (p.Has("--chartjs")) o.chartJsPath = p.Get("--chartjs");
    try {
        storage::pg::Connection db(ConfigFrom(p, "--central"));
        auto s = storage::WriteCityReport(db, o);
        std::printf("k = %d: %lld cells, %lld hidden (%d suppression passes)\n", s.k, s.cells,
                    s.suppressedCells, s.passes);
        for (const auto& [name, ms] : s.queryMs) std::printf("query %-32s %10.1f ms\n", name.c_str(), ms);
        if (!o.htmlPath.empty()) std::printf("wrote %s\n", o.htmlPath.c_str());
        if (!o.xlsxPath.empty()) std::printf("wrote %s\n", o.xlsxPath.c_str());
        return 0;
    } catch (const storage::CentralError& e) {
        return Fail(cmd, e);
    } catch (const storage::StorageError& e) {
        std::fprintf(stderr, "kiosk-admin %s: error [%s]: %s\n", cmd, storage::StorageErrorKindName(e.Kind()),
                     e.what());
        return 1;
    }
}

}  // namespace kiosk::admin
