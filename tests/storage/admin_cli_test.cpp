// kiosk-admin export / stats / check-db / simulate end to end: help, argument validation with exit code
// 2, failures with exit code 1, and the simulate -> check-db -> export -> stats path.
#include "test_util.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

using namespace kiosk::storage;
using namespace kiosk::storage::test;

namespace {

struct RunResult {
    int code = -1;
    std::string out, err;
};

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs kiosk-admin with `args` (paths here never contain spaces or quotes).
RunResult Admin(const TempDir& dir, const std::string& args) {
    std::string out = dir.File("stdout.txt"), err = dir.File("stderr.txt");
    std::string cmd = std::string(KIOSK_ADMIN_PATH) + " " + args + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    RunResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadAll(out);
    r.err = ReadAll(err);
    return r;
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

const std::string kMini = FixturePath("fixtures/mini.json");

}  // namespace

TEST_CASE("kiosk-admin storage commands print help and list themselves") {
    TempDir dir;
    for (const char* cmd : {"export", "stats", "check-db", "simulate"}) {
        INFO(cmd);
        RunResult r = Admin(dir, std::string(cmd) + " --help");
        CHECK(r.code == 0);
        CHECK(r.out.find("usage: kiosk-admin " + std::string(cmd)) != std::string::npos);
    }
    RunResult r = Admin(dir, "--help");
    CHECK(r.out.find("check-db") != std::string::npos);
    CHECK(r.out.find("simulate") != std::string::npos);
}

TEST_CASE("kiosk-admin rejects wrong usage with exit code 2 and says why") {
    TempDir dir;
    std::string db = dir.File("x.db");
    struct Case {
        std::string args, message;
    };
    std::vector<Case> cases = {
        {"export --format csv --out a.csv", "--db is required"},
        {"export --db " + db + " --format pdf --out a.csv", "--format must be csv, xlsx or json"},
        {"export --db " + db + " --format csv --out a.csv --from 18/11/2026", "YYYY-MM-DD"},
        {"export --db " + db + " --format csv --out a.csv --from 2026-12-01 --to 2026-11-01", "is after"},
        {"export --db " + db + " --format csv --out a.csv --period year", "--period must be"},
        {"export --db " + db + " --format csv --out a.csv --k 0", "--k must be a whole number"},
        {"export --db " + db + " --format csv --out a.csv --lang fr", "--lang must be vi or en"},
        {"export --db " + db + " --format csv --out a.csv --name x", "unknown argument"},
        {"export --db " + db + " --db " + db + " --format csv --out a.csv", "given twice"},
        {"stats --db " + db + " --by name", "--by must be"},
        {"stats --db " + db + " --format xml", "--format must be text or json"},
        {"check-db", "--db is required"},
        {"simulate --db " + db + " --questionnaire " + kMini, "--count is required"},
        {"simulate --db " + db + " --questionnaire " + kMini + " --count many",
         "--count must be a whole number"},
        {"simulate --db " + db + " --questionnaire " + kMini + " --count", "needs a value"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        RunResult r = Admin(dir, c.args);
        CHECK(r.code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("simulate, check-db, export and stats work together") {
    TempDir dir;
    std::string db = dir.File("sim.db");
    RunResult sim =
        Admin(dir, "simulate --db " + db + " --questionnaire " + kMini + " --count 7 --seed 3 --batch 3");
    REQUIRE(sim.code == 0);
    auto ids = Lines(sim.out);
    REQUIRE(ids.size() == 7);
    for (const auto& id : ids) CHECK(std::regex_match(id, std::regex("[0-9a-f]{32}")));

    RunResult check = Admin(dir, "check-db --db " + db);
    CHECK(check.code == 0);
    CHECK(check.out.find("results:        7 (0 real, 7 simulated)") != std::string::npos);
    CHECK(check.out.find("healthy") != std::string::npos);

    std::string csv = dir.File("out.csv");
    RunResult ex = Admin(dir, "export --db " + db + " --format csv --out " + csv);
    CHECK(ex.code == 0);
    CHECK(Lines(ReadAll(csv)).size() == 1);  // simulated results are left out by default
    ex = Admin(dir, "export --db " + db + " --format csv --out " + csv + " --include-simulated --k 1");
    CHECK(ex.code == 0);
    auto rows = Lines(ReadAll(csv));
    REQUIRE(rows.size() == 8);
    CHECK(rows[0].rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(rows[0].find("[simulated]") != std::string::npos);
    // Rows come in the order of their exported ids, which are keyed per export: none is a stored id (as
    // simulate printed them), so this export cannot be joined with another one or with the database.
    std::vector<std::string> exported;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        exported.push_back(rows[i].substr(0, rows[i].find(',')));
        CHECK(std::regex_match(exported.back(), std::regex("[0-9a-f]{32}")));
        CHECK(std::find(ids.begin(), ids.end(), exported.back()) == ids.end());
    }
    CHECK(std::is_sorted(exported.begin(), exported.end()));
    CHECK(std::set<std::string>(exported.begin(), exported.end()).size() == 7);

    for (const char* format : {"xlsx", "json"}) {
        std::string out = dir.File(std::string("out.") + format);
        CHECK(
            Admin(dir, "export --db " + db + " --format " + format + " --out " + out + " --include-simulated")
                .code == 0);
        CHECK(std::filesystem::file_size(out) > 0);
    }
    auto json = nlohmann::json::parse(ReadAll(dir.File("out.json")));
    CHECK(json["results"].size() == 7);

    RunResult st = Admin(dir, "stats --db " + db + " --format json --include-simulated --by gender");
    CHECK(st.code == 0);
    auto stats = nlohmann::json::parse(st.out);
    CHECK(stats["counts"]["total"] == 7);
    CHECK(stats["by"]["gender"].size() == 4);
    st = Admin(dir, "stats --db " + db + " --lang en");
    CHECK(st.code == 0);
    CHECK(st.out.find("All time") != std::string::npos);
}

TEST_CASE("simulate refuses a database holding real results") {
    TempDir dir;
    std::string db = dir.File("real.db");
    ResultStore(ConfigAt(db)).Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    RunResult r = Admin(dir, "simulate --db " + db + " --questionnaire " + kMini + " --count 3");
    CHECK(r.code == 1);
    CHECK(r.err.find("refusing") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(ResultStore(ConfigAt(db)).CountResults(true) == 0);
}

TEST_CASE("check-db and export report a broken or missing database with exit code 1 and change nothing") {
    TempDir dir;
    std::string bad = dir.File("bad.db");
    {
        std::ofstream out(bad, std::ios::binary);
        out << std::string(20000, 'z');
    }
    RunResult r = Admin(dir, "check-db --db " + bad);
    CHECK(r.code == 1);
    CHECK(r.out.find("NOT HEALTHY") != std::string::npos);
    CHECK(ReadAll(bad) == std::string(20000, 'z'));  // a reader never moves anything aside

    r = Admin(dir, "export --db " + dir.File("missing.db") + " --format csv --out " + dir.File("o.csv"));
    CHECK(r.code == 1);
    CHECK(r.err.find("no such database") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.File("o.csv")));

    std::string db = dir.File("ok.db");
    ResultStore(ConfigAt(db)).Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    r = Admin(dir, "export --db " + db + " --format csv --out " + dir.File("nodir/o.csv"));
    CHECK(r.code == 1);
    CHECK(r.err.find("cannot-open") != std::string::npos);
}
