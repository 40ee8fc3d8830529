// End-to-end tests of kiosk-admin validate/score: the built program (KIOSK_ADMIN_PATH) is run through the
// shell on files in a fresh temporary folder, and its exit code, stdout and stderr are checked as a trainer
// or a script would see them.
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using json = nlohmann::json;
using kiosk::test::MinimalJson;

namespace {

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}


struct RunResult {
    int exitCode = -1;
    std::string out, err;
};

std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string Slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A fresh folder per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "kiosk-admin-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string Write(const std::string& name, const std::string& bytes) const {
        fs::path p = m_path / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }
    std::string WriteJson(const std::string& name, const json& doc) const { return Write(name, doc.dump(2)); }

    // Runs kiosk-admin with already quoted arguments.
    RunResult Run(const std::string& args) const {
        const fs::path out = m_path / "stdout.txt", err = m_path / "stderr.txt";
        std::string cmd = Quote(KIOSK_ADMIN_PATH) + " " + args + " >" + Quote(out.string()) + " 2>" + Quote(err.string());
        int status = std::system(cmd.c_str());
        RunResult r;
        REQUIRE(status != -1);
        REQUIRE(WIFEXITED(status));
        r.exitCode = WEXITSTATUS(status);
        r.out = Slurp(out);
        r.err = Slurp(err);
        return r;
    }

private:
    fs::path m_path;
};

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("kiosk-admin validate: a valid file exits 0 and prints no errors") {
    TempDir dir;
    std::string file = dir.WriteJson("mini.json", MinimalJson());
    RunResult r = dir.Run("validate " + Quote(file));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, file + ": valid (mini 1, 6 items)"));
}

TEST_CASE("kiosk-admin validate: an invalid file exits 1 with one FILE: POINTER: message line per error") {
    TempDir dir;
    json doc = MinimalJson();
    doc["format"] = "kiosk-questionnaire/9";
    doc["scales"]["s4"]["options"][0]["value"] = -1;
    std::string file = dir.WriteJson("bad.json", doc);
    RunResult r = dir.Run("validate " + Quote(file));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == 1);
    // Each line is FILE: POINTER: message, then where the value starts (exact positions: json_reader_test).
    auto lines = SplitLines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind(file + ": /format: must be \"kiosk-questionnaire/1\", found \"kiosk-questionnaire/9\" (line ", 0) == 0);
    CHECK(lines[1].rfind(file + ": /scales/s4/options/0/value: must not be negative (line ", 0) == 0);
    CHECK(Contains(r.err, "2 error(s)"));
}

TEST_CASE("kiosk-admin validate: a syntax error line carries line and column") {
    TempDir dir;
    std::string file = dir.Write("syntax.json", "{\n  \"format\": ,\n}");
    RunResult r = dir.Run("validate " + Quote(file));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == 1);
    // Line 2 is `  "format": ,`; the comma is its 13th character.
    CHECK(r.out.rfind(file + ": /format: line 2, column 13: syntax error", 0) == 0);
}

TEST_CASE("kiosk-admin validate: several files at once") {
    TempDir dir;
    std::string good = dir.WriteJson("good.json", MinimalJson());
    json other = MinimalJson();
    other["id"] = "other";
    std::string good2 = dir.WriteJson("other.json", other);
    json broken = MinimalJson();
    broken["version"] = "";
    std::string bad = dir.WriteJson("bad.json", broken);
    std::string missing = (fs::path(good).parent_path() / "missing.json").string();

    RunResult r = dir.Run("validate " + Quote(good) + " " + Quote(good2));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == 0);
    CHECK(Contains(r.err, good + ": valid"));
    CHECK(Contains(r.err, good2 + ": valid"));

    // One bad file makes the run fail; only its errors are printed, the good one is checked all the same.
    r = dir.Run("validate " + Quote(good) + " " + Quote(bad) + " " + Quote(missing));
    CHECK(r.exitCode == 1);
    auto lines = SplitLines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind(bad + ": /version: must not be empty (line ", 0) == 0);
    CHECK(lines[1] == missing + ": : cannot open file");
}

TEST_CASE("kiosk-admin validate: a file over the 16 MiB limit is one clear error, not a crash") {
    TempDir dir;
    // Valid JSON padded with 20 MB of spaces: the size, not the content, is the problem.
    std::string file = dir.Write("huge.json", MinimalJson().dump() + std::string(20u << 20, ' '));
    RunResult r = dir.Run("validate " + Quote(file));
    CHECK(r.exitCode == 1);
    CHECK(r.out == file + ": : file is larger than 16 MiB\n");
}

TEST_CASE("kiosk-admin validate: the same id and version with different bytes is an error") {
    TempDir dir;
    std::string a = dir.WriteJson("a.json", MinimalJson());
    json edited = MinimalJson();
    edited["title"]["en"] = "Edited";
    std::string b = dir.WriteJson("b.json", edited);
    RunResult r = dir.Run("validate " + Quote(a) + " " + Quote(b));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == 1);
    CHECK(r.out.rfind(b + ": /version: \"mini\" version \"1\" is also installed from " + a, 0) == 0);
    // The same file twice is not a clash.
    CHECK(dir.Run("validate " + Quote(a) + " " + Quote(a)).exitCode == 0);
}

TEST_CASE("kiosk-admin validate: --help exits 0, no file exits 2 with usage") {
    TempDir dir;
    RunResult r = dir.Run("validate --help");
    CHECK(r.exitCode == 0);
    CHECK(Contains(r.out, "usage: kiosk-admin validate FILE"));
    r = dir.Run("validate");
    CHECK(r.exitCode == 2);
    CHECK(Contains(r.err, "usage: kiosk-admin validate FILE"));
}

TEST_CASE("kiosk-admin score: prints the result JSON") {
    TempDir dir;
    std::string q = dir.WriteJson("mini.json", MinimalJson());
    std::string answers = dir.WriteJson(
        "answers.json",
        json::parse(R"({"questionnaire": "mini", "answers": {"c1-k": 2, "c1-q": 0, "c1-s": 1, "c1-a": 3, "c2-s": 3}})"));
    RunResult r = dir.Run("score " + Quote(q) + " " + Quote(answers));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    json result = json::parse(r.out);
    // c1 = (66.667 + 100 + 2*33.333 + 100) / 5 = 66.7 high; c2 = 100; a1 = (66.667 + 100) / 2 = 83.3;
    // a2 (c3) not answered; overall = a1.
    CHECK(result["questionnaire"]["id"] == "mini");
    CHECK(result["questionnaire"]["version"] == "1");
    CHECK(result["questionnaire"]["sha256"] ==
          kiosk::core::Sha256Hex(Slurp(q)));  // the file's exact bytes
    CHECK(result["overall"] == json::parse(R"({"score": 83.3, "level": "advanced"})"));
    CHECK(result["areas"] == json::parse(R"([{"id": "a1", "score": 83.3, "level": "advanced"},
                                             {"id": "a2", "assessed": false}])"));
    CHECK(result["competencies"] == json::parse(R"([{"id": "c1", "score": 66.7, "level": "high"},
                                                    {"id": "c2", "score": 100.0, "level": "advanced"},
                                                    {"id": "c3", "assessed": false}])"));
    // knowledge = (66.667 + 100) / 2 = 83.3; skill = (33.333 + 100) / 2 = 66.7; attitude = 100
    CHECK(result["dimensions"] == json::parse(R"({"knowledge": 83.3, "skill": 66.7, "attitude": 100.0})"));
    CHECK(result["recommendations"] == json::array());
}

TEST_CASE("kiosk-admin score: an unknown item exits 1 with a clear message") {
    TempDir dir;
    std::string q = dir.WriteJson("mini.json", MinimalJson());
    std::string answers = dir.WriteJson("answers.json", json::parse(R"({"questionnaire": "mini", "answers": {"c9": 1}})"));
    RunResult r = dir.Run("score " + Quote(q) + " " + Quote(answers));
    CHECK(r.exitCode == 1);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, answers + ": /answers/c9: unknown item \"c9\" in questionnaire \"mini\""));
}

TEST_CASE("kiosk-admin score: an out-of-range option index exits 1 with a clear message") {
    TempDir dir;
    std::string q = dir.WriteJson("mini.json", MinimalJson());
    std::string answers = dir.WriteJson("answers.json", json::parse(R"({"questionnaire": "mini", "answers": {"c1-q": 2}})"));
    RunResult r = dir.Run("score " + Quote(q) + " " + Quote(answers));
    CHECK(r.exitCode == 1);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, answers + ": /answers/c1-q: option index 2 is out of range"));
}

TEST_CASE("kiosk-admin score: unreadable answers and an invalid questionnaire exit 1") {
    TempDir dir;
    std::string q = dir.WriteJson("mini.json", MinimalJson());
    std::string broken = dir.Write("broken.json", "{\"questionnaire\": \"mini\",\n \"answers\": {\"c1-k\": }}");
    RunResult r = dir.Run("score " + Quote(q) + " " + Quote(broken));
    CHECK(r.exitCode == 1);
    CHECK(Contains(r.err, broken + ": /answers/c1-k: line 2, column 22: syntax error"));

    json invalid = MinimalJson();
    invalid.erase("areas");
    std::string badQ = dir.WriteJson("bad.json", invalid);
    std::string answers = dir.WriteJson("answers.json", json::parse(R"({"questionnaire": "mini", "answers": {}})"));
    r = dir.Run("score " + Quote(badQ) + " " + Quote(answers));
    CHECK(r.exitCode == 1);
    CHECK(Contains(r.err, badQ + ": /areas: missing required key \"areas\""));
    CHECK(Contains(r.err, "the questionnaire is not valid"));
}

TEST_CASE("kiosk-admin score: a wrong number of arguments exits 2 with usage") {
    TempDir dir;
    for (const char* args : {"score", "score a.json", "score a.json b.json c.json"}) {
        CAPTURE(args);
        RunResult r = dir.Run(args);
        CHECK(r.exitCode == 2);
        CHECK(r.out.empty());
        CHECK(Contains(r.err, "usage: kiosk-admin score QUESTIONNAIRE ANSWERS"));
    }
    RunResult r = dir.Run("score --help");
    CHECK(r.exitCode == 0);
    CHECK(Contains(r.out, "usage: kiosk-admin score"));
}

TEST_CASE("kiosk-admin: no command or an unknown one exits 2 with usage, --help exits 0") {
    TempDir dir;
    RunResult r = dir.Run("");
    CHECK(r.exitCode == 2);
    CHECK(Contains(r.err, "usage: kiosk-admin COMMAND"));
    r = dir.Run("frobnicate");
    CHECK(r.exitCode == 2);
    CHECK(Contains(r.err, "unknown command \"frobnicate\""));
    r = dir.Run("--help");
    CHECK(r.exitCode == 0);
    CHECK(Contains(r.out, "validate"));
    CHECK(Contains(r.out, "score"));
}
