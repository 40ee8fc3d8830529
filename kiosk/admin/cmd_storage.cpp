// kiosk-admin export / stats / check-db / simulate: the staff's commands on the result database
// (kiosk_storage). Exit codes: 0 ok, 1 failure (the message says what and why), 2 wrong usage.
#include "kiosk/admin/arg_parse.h"
#include "kiosk/admin/commands.h"
#include "kiosk/core/profile.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/escape.h"
#include "storage/dates.h"
#include "storage/disk_state.h"
#include "storage/export.h"
#include "storage/result_reader.h"
#include "storage/result_store.h"
#include "storage/stats.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

namespace kiosk::admin {
namespace {

using storage::StorageError;

// The --from/--to/--questionnaire/--include-simulated filter shared by export and stats.
bool ParseFilter(const char* command, const Parsed& p, storage::ResultFilter& f) {
    f.from = p.Get("--from");
    f.to = p.Get("--to");
    f.questionnaireId = p.Get("--questionnaire");
    f.includeSimulated = p.flags.count("--include-simulated") > 0;
    for (const auto* d : {&f.from, &f.to}) {
        if (!d->empty() && !storage::IsValidDate(*d)) {
            std::fprintf(stderr,
                         "kiosk-admin %s: \"%s\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-18\n",
                         command, d->c_str());
            return false;
        }
    }
    if (!f.from.empty() && !f.to.empty() && f.from > f.to) {
        std::fprintf(stderr, "kiosk-admin %s: --from %s is after --to %s\n", command, f.from.c_str(),
                     f.to.c_str());
        return false;
    }
    return true;
}

bool ParseK(const char* command, const Parsed& p, int& k) {
    long long v = 5;
    if (p.Has("--k") && !ParseCount(command, "--k", p.Get("--k"), 1, 1000, v)) return false;
    k = static_cast<int>(v);
    return true;
}

bool ParseLang(const char* command, const Parsed& p, std::string& lang) {
    lang = p.Get("--lang", "vi");
    if (lang == "vi" || lang == "en") return true;
    std::fprintf(stderr, "kiosk-admin %s: --lang must be vi or en, not \"%s\"\n", command, lang.c_str());
    return false;
}

int Fail(const char* command, const StorageError& e) {
    std::fprintf(stderr, "kiosk-admin %s: %s (%s)\n", command, core::EscapeControl(e.what()).c_str(),
                 storage::StorageErrorKindName(e.Kind()));
    return 1;
}

const std::set<std::string> kFilterOptions = {"--db", "--from", "--to", "--questionnaire", "--k", "--lang"};

}  // namespace

int CmdExport(const Args& args) {
    const char* cmd = "export";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin export --db DB --format csv|xlsx|json --out FILE [options]\n\n"
            "Writes one row per stored result, ordered by the random result id: the period, kiosk, "
            "location,\n"
            "questionnaire id/version/sha256, language, profile, every score and level, and the chosen "
            "option\n"
            "index (0-based) of every item. Headers are in the staff's language with the column id in "
            "brackets.\n"
            "Results of several questionnaire versions export together; each row names its version.\n\n"
            "  --format csv    RFC 4180, UTF-8 with BOM (Excel shows Vietnamese correctly)\n"
            "  --format xlsx   a data sheet and a sheet of labels (items, options, levels)\n"
            "  --format json   for machines\n"
            "  --from DAY, --to DAY   only results of these days (inclusive, YYYY-MM-DD)\n"
            "  --questionnaire ID     only results of this questionnaire\n"
            "  --period day|week|month   how dates are coarsened (default week: 2026-W47)\n"
            "  --k N            small-group rule (default 5): every combination of the written\n"
            "                   quasi-identifiers (period, kiosk, location, questionnaire, language,\n"
            "                   assisted, age band, gender) is shared by at least N rows; rarer rows get\n"
            "                   \"suppressed\" fields, or are withheld (see the README's privacy model)\n"
            "  --lang vi|en     language of headers and labels (default vi)\n"
            "  --include-simulated   also export results written by 'simulate' (a column marks them)\n\n"
            "The file appears only when complete. Safe while the kiosk is running.\n");
        return 0;
    }
    Parsed p;
    auto opts = kFilterOptions;
    opts.insert({"--format", "--out", "--period"});
    if (!ParseArgs(cmd, args, opts, {"--include-simulated"}, p) ||
        !Require(cmd, p, {"--db", "--format", "--out"}))
        return 2;
    storage::ExportOptions o;
    auto format = storage::ParseExportFormat(p.Get("--format"));
    if (!format) {
        std::fprintf(stderr, "kiosk-admin export: --format must be csv, xlsx or json, not \"%s\"\n",
                     p.Get("--format").c_str());
        return 2;
    }
    o.format = *format;
    auto period = storage::ParsePeriod(p.Get("--period", "week"));
    if (!period) {
        std::fprintf(stderr, "kiosk-admin export: --period must be day, week or month, not \"%s\"\n",
                     p.Get("--period").c_str());
        return 2;
    }
    o.period = *period;
    if (!ParseFilter(cmd, p, o.filter) || !ParseK(cmd, p, o.k) || !ParseLang(cmd, p, o.language)) return 2;
    try {
        storage::ResultReader reader(p.Get("--db"));
        storage::ExportSummary s = storage::ExportResults(reader, o, p.Get("--out"));
        std::fprintf(stderr, "exported %lld result(s) to %s; %lld with fields suppressed (k = %d)\n",
                     static_cast<long long>(s.rows), core::EscapeControl(p.Get("--out")).c_str(),
                     static_cast<long long>(s.suppressedRows), o.k);
        if (s.withheldRows > 0)
            std::fprintf(stderr, "%lld result(s) withheld: no group of %d could hide them (try a longer --period)\n",
                         static_cast<long long>(s.withheldRows), o.k);
        if (!s.quarantined.empty()) {
            std::fprintf(stderr, "%zu damaged result(s) left out (run kiosk-admin check-db):\n", s.quarantined.size());
            for (const auto& q : s.quarantined) std::fprintf(stderr, "  %s\n", core::EscapeControl(q).c_str());
        }
        if (s.stalePartialsRemoved > 0)
            std::fprintf(stderr, "removed %d unfinished file(s) of interrupted exports\n", s.stalePartialsRemoved);
        for (const auto& q : s.questionnaires)
            std::fprintf(stderr, "  %s %s (%lld)\n", core::EscapeControl(q.id).c_str(),
                         core::EscapeControl(q.version).c_str(), static_cast<long long>(q.results));
        return 0;
    } catch (const StorageError& e) {
        return Fail(cmd, e);
    }
}

int CmdStats(const Args& args) {
    const char* cmd = "stats";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin stats --db DB [--by area|competency|level|location|age|gender]\n"
            "                         [--format text|json] [options]\n\n"
            "Counts (today, this ISO week, all time) and mean scores. Without --by, every breakdown is "
            "shown.\n"
            "A cell covering fewer than k results shows \"<k\" and no mean (JSON: \"suppressed\": true);\n"
            "a cell that would give a hidden one away by subtraction from the total shows \"*\".\n\n"
            "  --from DAY, --to DAY, --questionnaire ID, --include-simulated   as for export\n"
            "  --k N           small-cell threshold (default 5)\n"
            "  --lang vi|en    language of labels (default vi)\n"
            "  --today DAY     the day counted as today (default: the local date)\n");
        return 0;
    }
    Parsed p;
    auto opts = kFilterOptions;
    opts.insert({"--by", "--format", "--today"});
    if (!ParseArgs(cmd, args, opts, {"--include-simulated"}, p) || !Require(cmd, p, {"--db"})) return 2;
    storage::StatsQuery q;
    std::optional<storage::StatsBreakdown> by;
    if (p.Has("--by")) {
        by = storage::ParseStatsBreakdown(p.Get("--by"));
        if (!by) {
            std::fprintf(
                stderr, "kiosk-admin stats: --by must be area, competency, level, location, age or gender\n");
            return 2;
        }
    }
    std::string format = p.Get("--format", "text");
    if (format != "text" && format != "json") {
        std::fprintf(stderr, "kiosk-admin stats: --format must be text or json\n");
        return 2;
    }
    q.today = p.Get("--today");
    if (!q.today.empty() && !storage::IsValidDate(q.today)) {
        std::fprintf(stderr, "kiosk-admin stats: --today must be a date YYYY-MM-DD\n");
        return 2;
    }
    if (!ParseFilter(cmd, p, q.filter) || !ParseK(cmd, p, q.k) || !ParseLang(cmd, p, q.language)) return 2;
    try {
        storage::StatsReport r = storage::QueryStats(p.Get("--db"), q);
        std::cout << (format == "json" ? storage::StatsToJson(r, by)
                                       : storage::StatsToText(r, by, q.language));
        return 0;
    } catch (const StorageError& e) {
        return Fail(cmd, e);
    }
}

int CmdCheckDb(const Args& args) {
    const char* cmd = "check-db";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin check-db --db DB [--quick]\n\n"
            "Checks the result database without changing it: SQLite integrity_check (quick_check with "
            "--quick),\n"
            "foreign keys, schema version, and that every stored result decodes and fits its questionnaire.\n"
            "Prints counts. Exit 0 when healthy, 1 when not (or when it cannot be opened).\n");
        return 0;
    }
    Parsed p;
    if (!ParseArgs(cmd, args, {"--db"}, {"--quick"}, p) || !Require(cmd, p, {"--db"})) return 2;
    // Sets moved aside earlier (damaged or unexpected files) hold results nobody sees: staff must know.
    const auto aside = storage::MovedAsideSets(p.Get("--db"));
    for (const auto& a : aside)
        std::printf("moved aside:    %s (kept for recovery; not part of this database)\n", core::EscapeControl(a).c_str());
    try {
        storage::ResultReader reader(p.Get("--db"));
        storage::HealthReport h = reader.Check(!p.flags.count("--quick"));
        std::printf("database:       %s\n", p.Get("--db").c_str());
        std::printf("schema version: %d\n", h.schemaVersion);
        std::printf("integrity:      %s\n", core::EscapeControl(h.integrity).c_str());
        std::printf("results:        %lld (%lld real, %lld simulated)\n", static_cast<long long>(h.results),
                    static_cast<long long>(h.results - h.simulated), static_cast<long long>(h.simulated));
        if (h.results > 0) std::printf("days:           %s to %s\n", h.firstDate.c_str(), h.lastDate.c_str());
        for (const auto& q : h.questionnaires)
            std::printf("questionnaire:  %s %s sha256 %.12s… %lld result(s)%s\n", core::EscapeControl(q.id).c_str(),
                        core::EscapeControl(q.version).c_str(), core::EscapeControl(q.sha256).c_str(), static_cast<long long>(q.results),
                        q.exact ? "" : " (copy rebuilt from the model)");
        std::printf("damaged rows:   %lld\n", static_cast<long long>(h.damaged));
        for (const auto& problem : h.problems)
            std::printf("problem:        %s\n", core::EscapeControl(problem).c_str());
        if (h.healthy && !aside.empty())
            std::printf("healthy (but %zu moved-aside set(s) beside it need a technician)\n", aside.size());
        else
            std::printf("%s\n", h.healthy ? "healthy" : "NOT HEALTHY");
        return h.healthy ? 0 : 1;
    } catch (const StorageError& e) {
        std::printf("NOT HEALTHY\n");
        return Fail(cmd, e);
    }
}

int CmdSimulate(const Args& args) {
    const char* cmd = "simulate";
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin simulate --db DB --questionnaire FILE --count N [--seed S] [options]\n\n"
            "Stores N complete results with random answers and profiles, for demos, load tests and "
            "benchmarks.\n"
            "Prints each result id on its own line as soon as its transaction has committed. The results "
            "are\n"
            "marked as simulated: exports and statistics leave them out unless --include-simulated is "
            "given.\n"
            "Refuses a database that already holds real results.\n\n"
            "  --seed S         answers, profiles and days repeat for the same seed (ids are always random)\n"
            "  --batch B        results per transaction (default 1: one durable commit each)\n"
            "  --days D         spread the results over the last D days (default 1: today only)\n"
            "  --kiosk-id ID, --location CODE   (default sim-kiosk, sim-location)\n");
        return 0;
    }
    Parsed p;
    if (!ParseArgs(
            cmd, args,
            {"--db", "--questionnaire", "--count", "--seed", "--batch", "--days", "--kiosk-id", "--location"},
            {}, p) ||
        !Require(cmd, p, {"--db", "--questionnaire", "--count"}))
        return 2;
    long long count = 0, batch = 1, days = 1, seed = 0;
    if (!ParseCount(cmd, "--count", p.Get("--count"), 1, 100'000'000, count) ||
        !ParseCount(cmd, "--batch", p.Get("--batch", "1"), 1, 100'000, batch) ||
        !ParseCount(cmd, "--days", p.Get("--days", "1"), 1, 3660, days))
        return 2;
    if (p.Has("--seed") && !ParseCount(cmd, "--seed", p.Get("--seed"), 0, 0x7FFFFFFFFFFFFFFF, seed)) return 2;

    core::LoadResult loaded = core::LoadQuestionnaireFile(p.Get("--questionnaire"));
    if (!loaded.Ok()) {
        for (const auto& e : loaded.errors) std::cerr << e.ToString() << '\n';
        std::fprintf(stderr, "kiosk-admin simulate: the questionnaire is not valid\n");
        return 1;
    }
    const core::Questionnaire& q = *loaded.questionnaire;
    try {
        storage::StoreConfig config;
        config.path = p.Get("--db");
        config.kioskId = p.Get("--kiosk-id", "sim-kiosk");
        config.locationCode = p.Get("--location", "sim-location");
        storage::ResultStore store(config);
        if (store.Report().corruptMovedAside)
            std::fprintf(stderr, "kiosk-admin simulate: the database was damaged and was moved aside to %s\n",
                         store.Report().movedAsidePath.c_str());
        if (!store.Report().unexpectedState.empty())
            std::fprintf(stderr, "kiosk-admin simulate: %s; moved aside to %s; %s\n",
                         core::EscapeControl(store.Report().unexpectedState).c_str(),
                         core::EscapeControl(store.Report().movedAsidePath).c_str(),
                         store.Report().recoveredFromLog
                             ? (std::to_string(store.Report().recoveredResults) + " result(s) recovered").c_str()
                             : "nothing could be recovered from it");
        if (std::int64_t real = store.CountResults(false); real > 0) {
            std::fprintf(stderr,
                         "kiosk-admin simulate: refusing: %s holds %lld real result(s); simulate into a "
                         "separate database\n",
                         config.path.c_str(), static_cast<long long>(real));
            return 1;
        }
        std::mt19937_64 rng(p.Has("--seed") ? static_cast<std::uint64_t>(seed) : std::random_device{}());
        auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
        const std::string today = storage::TodayLocalDate();
        const auto order = q.ItemOrder();

        struct Owned {
            core::AnswerMap answers;
            core::Result result;
        };
        std::vector<Owned> owned(static_cast<std::size_t>(batch));
        std::vector<storage::ResultRecord> records;
        for (long long done = 0; done < count;) {
            std::size_t n = static_cast<std::size_t>(std::min(batch, count - done));
            records.assign(n, storage::ResultRecord{});
            for (std::size_t i = 0; i < n; ++i) {
                Owned& o = owned[i];
                o.answers.clear();
                for (const auto& ref : order) {
                    const core::Item& item = q.areas[ref.area].competencies[ref.competency].items[ref.item];
                    o.answers[item.id] = static_cast<int>(pick(q.OptionsOf(item).size()));
                }
                o.result = core::ScoreAnswers(q, o.answers);
                storage::ResultRecord& r = records[i];
                r.questionnaire = &q;
                r.result = &o.result;
                r.answers = &o.answers;
                r.profile.ageBand = core::AgeBands()[pick(core::AgeBands().size())];
                r.profile.gender = core::Genders()[pick(core::Genders().size())];
                r.profile.assisted = core::AssistedValues()[pick(core::AssistedValues().size())];
                r.language = q.languages[pick(4) == 0 ? pick(q.languages.size()) : 0];
                r.date = storage::AddDays(today, -static_cast<int>(pick(static_cast<std::size_t>(days))));
                r.simulated = true;
            }
            std::vector<std::string> ids = store.SaveBatch(records);
            // Committed: report the ids at once (the crash test trusts exactly these lines).
            std::string lines;
            for (const auto& id : ids) lines += id + '\n';
            std::fwrite(lines.data(), 1, lines.size(), stdout);
            std::fflush(stdout);
            done += static_cast<long long>(n);
        }
        return 0;
    } catch (const StorageError& e) {
        return Fail(cmd, e);
    }
}

}  // namespace kiosk::admin
