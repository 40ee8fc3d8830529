// Helpers for the speech tests: a temporary folder, a copy of the recorded-questionnaire fixture to break,
// and running kiosk-admin.
#pragma once

#include "kiosk/speech/audio_file.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk::test {

namespace fs = std::filesystem;

inline std::string SpeechFixture(const std::string& name) {
    return std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/speech/" + name;
}

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "kiosk-speech-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& Path() const { return m_path; }

  private:
    fs::path m_path;
};

// Copies tests/fixtures/speech (questionnaire + audio/) into `dir`; returns the questionnaire's path.
inline fs::path CopyRecordedFixture(const fs::path& dir) {
    fs::copy(SpeechFixture(""), dir, fs::copy_options::recursive);
    return dir / "recorded.json";
}

inline nlohmann::json ReadJsonFile(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

inline void WriteFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
    REQUIRE(out.good());
}

// Installs the libsndfile decode check once for every test of this executable.
inline void EnsureDecodeCheck() {
    static bool done = (speech::InstallRecordingDecodeCheck(), true);
    (void)done;
}

struct RunResult {
    int exitCode = -1;
    std::string out, err;
};

inline std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string Slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs kiosk-admin with `args` (already quoted) in `dir`, capturing exit code, stdout and stderr.
inline RunResult RunAdmin(const fs::path& dir, const std::string& args) {
    fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
    std::string cmd = "cd " + Quote(dir.string()) + " && " + Quote(KIOSK_ADMIN_PATH) + " " + args + " >" +
                      Quote(out.string()) + " 2>" + Quote(err.string());
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
}

}  // namespace kiosk::test
