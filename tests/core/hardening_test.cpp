// Issue 10's core classes, each as an attack that succeeded on the old main: files replaced through
// symlinks or device nodes, a FIFO that hangs a reader, a damaged PIN file that opened staff mode, a lockout
// reset by a restart, formula injection, control characters in messages, absurd numbers and texts in
// questionnaires, and error reporting that grew quadratically.
#include "kiosk/core/atomic_file.h"
#include "kiosk/core/csv_field.h"
#include "kiosk/core/escape.h"
#include "kiosk/core/staff_access.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace fs = std::filesystem;
using namespace kiosk::core;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/kiosk-hardening-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string File(const std::string& name) const { return (path / name).string(); }
};

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

mode_t ModeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    return st.st_mode;
}

}  // namespace

TEST_CASE("WriteFileAtomically never replaces a FIFO, a symlink or a folder, and forces the mode") {
    TempDir dir;
    std::string fifo = dir.File("out.csv");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    auto e = WriteFileAtomically(fifo, "x");
    REQUIRE(e.has_value());
    CHECK(e->kind == FileErrorKind::NotRegularFile);
    CHECK(S_ISFIFO(ModeOf(fifo)));

    std::string victim = dir.File("victim"), link = dir.File("link.json");
    std::ofstream(victim) << "keep";
    REQUIRE(::symlink(victim.c_str(), link.c_str()) == 0);
    e = WriteFileAtomically(link, "overwritten");
    REQUIRE(e.has_value());
    CHECK(e->kind == FileErrorKind::NotRegularFile);
    CHECK(Slurp(victim) == "keep");
    CHECK(S_ISLNK(ModeOf(link)));

    REQUIRE(fs::create_directory(dir.File("folder")));
    CHECK(WriteFileAtomically(dir.File("folder"), "x").has_value());

    // A regular file is replaced, with the mode asked for whatever the umask.
    mode_t old = ::umask(0);
    std::string plain = dir.File("plain");
    std::ofstream(plain) << "old";
    CHECK_FALSE(WriteFileAtomically(plain, "new", 0600).has_value());
    ::umask(old);
    CHECK(Slurp(plain) == "new");
    CHECK((ModeOf(plain) & 0777) == 0600);
    // Nothing is left beside it.
    int entries = 0;
    for (auto& p : fs::directory_iterator(dir.path)) entries += p.path().filename().string().find(".partial-") != std::string::npos;
    CHECK(entries == 0);
}

TEST_CASE("The PIN file cannot be redirected by a planted temp symlink or made world-writable") {
    TempDir dir;
    std::string pin = dir.File("staff-pin"), victim = dir.File("victim");
    std::ofstream(victim) << "keep";
    // The old writer used PIN.tmp with O_TRUNC and no O_NOFOLLOW: both plants worked.
    REQUIRE(::symlink(victim.c_str(), (pin + ".tmp").c_str()) == 0);
    std::string stale = dir.File("staff-pin.partial-00000000");
    std::ofstream(stale) << "stale";
    REQUIRE(::chmod(stale.c_str(), 0666) == 0);
    mode_t old = ::umask(0);
    std::string error;
    bool saved = SavePinHash(pin, HashPin("573920"), error);
    ::umask(old);
    REQUIRE_MESSAGE(saved, error);
    CHECK(Slurp(victim) == "keep");
    CHECK((ModeOf(pin) & 0777) == 0600);
    CHECK(S_ISREG(ModeOf(pin)));
}

TEST_CASE("A damaged or unreadable PIN file locks staff mode instead of asking for a new PIN") {
    TempDir dir;
    std::string pin = dir.File("staff-pin");
    CHECK(ReadPinFile(pin).state == PinFileState::Missing);
    std::ofstream(pin) << "garbage that is no hash\n";
    CHECK(ReadPinFile(pin).state == PinFileState::Unreadable);
    std::ofstream(pin, std::ios::trunc).flush();  // empty (an interrupted copy)
    CHECK(ReadPinFile(pin).state == PinFileState::Unreadable);
    fs::remove(pin);
    REQUIRE(fs::create_directory(pin));  // a folder where the file should be
    CHECK(ReadPinFile(pin).state == PinFileState::Unreadable);
    fs::remove(pin);
    std::string error;
    REQUIRE(SavePinHash(pin, HashPin("573920"), error));
    CHECK(ReadPinFile(pin).state == PinFileState::Ok);
    if (::geteuid() != 0) {  // root reads anything
        REQUIRE(::chmod(pin.c_str(), 0000) == 0);
        CHECK(ReadPinFile(pin).state == PinFileState::Unreadable);
    }
}

TEST_CASE("The PIN lockout survives a restart: no fresh guesses after power-cycling") {
    TempDir dir;
    std::string state = PinAttemptsFileFor(dir.File("staff-pin"));
    ManualClock clock;
    {
        PinLock lock(clock, state);
        for (int i = 0; i < PinLock::kFreeAttempts; ++i) lock.RecordFailure();
        REQUIRE(lock.Locked());
    }
    ManualClock afterReboot;  // a new process: its steady clock starts anywhere
    PinLock again(afterReboot, state);
    CHECK(again.Locked());
    CHECK(again.FailuresInARow() == PinLock::kFreeAttempts);
    CHECK(again.LockRemaining() <= Millis(30'000));
    afterReboot.Advance(Millis(31'000));
    CHECK_FALSE(again.Locked());
    again.RecordFailure();  // the very next wrong PIN locks again (longer)
    CHECK(again.LockRemaining() == Millis(60'000));
    CHECK((ModeOf(state) & 0777) == 0600);
    again.RecordSuccess();
    PinLock fresh(afterReboot, state);
    CHECK(fresh.FailuresInARow() == 0);
    CHECK_FALSE(fresh.Locked());
    // A damaged state file counts as five failures, never as none.
    std::ofstream(state, std::ios::trunc) << "{not json";
    PinLock damaged(afterReboot, state);
    CHECK(damaged.Locked());
}

TEST_CASE("ReadFileBytes refuses a FIFO at once instead of hanging") {
    TempDir dir;
    std::string fifo = dir.File("q.json");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    auto start = std::chrono::steady_clock::now();
    std::string bytes, error;
    CHECK_FALSE(ReadFileBytes(fifo, bytes, error));
    CHECK(error.find("not a regular file") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK_FALSE(LoadQuestionnaireFile(fifo).Ok());
}

TEST_CASE("RemoveStalePartials removes abandoned temp files only") {
    TempDir dir;
    std::string old1 = dir.File("export.csv.partial-0123abcd"), locked = dir.File("export.csv.partial-99999999"),
                other = dir.File("notes.partial-txt"), fresh = dir.File("x.csv.partial-aaaaaaaa");
    for (const auto& p : {old1, locked, other, fresh}) std::ofstream(p) << "x";
    auto past = fs::file_time_type::clock::now() - std::chrono::minutes(5);
    for (const auto& p : {old1, locked, other}) fs::last_write_time(p, past);
    int fd = ::open(locked.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);  // an export still being written by someone
    // flock locks are per open file description: the cleaner's own open() cannot take this one.
    CHECK(RemoveStalePartials(dir.path.string()) == 1);
    ::close(fd);
    CHECK_FALSE(fs::exists(old1));
    CHECK(fs::exists(locked));
    CHECK(fs::exists(other));
    CHECK(fs::exists(fresh));
}

TEST_CASE("CSV cells that a spreadsheet would run as formulas are neutralised and read back as typed") {
    for (std::string cell : {"=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                             "\tx", "\rx", "=1,2"}) {
        std::string out;
        AppendCsvField(out, cell);
        std::string_view body = out;
        if (body.front() == '"') body = body.substr(1, body.size() - 2);
        CHECK_MESSAGE(body.front() == '\'', out);
        CHECK(IsFormulaLike(cell));
    }
    for (std::string cell : {"-1", "+2.5", "3", "Tiếng Việt", "", "a=b"}) {
        std::string out;
        AppendCsvField(out, cell);
        CHECK_MESSAGE(out == cell, out);
    }
    CHECK(CsvCellText("'=x") == "=x");
    CHECK(CsvCellText("'abc") == "'abc");
}

TEST_CASE("EscapeControl keeps Vietnamese and makes control characters visible") {
    CHECK(EscapeControl("Tiếng Việt — “ok”") == "Tiếng Việt — “ok”");
    CHECK(EscapeControl("a\nSTAFF-ATTENTION forged") == "a\\nSTAFF-ATTENTION forged");
    CHECK(EscapeControl("\x1b[2J") == "\\e[2J");
    CHECK(EscapeControl("\r\t\x7f") == "\\r\\t\\x7f");
    CHECK(EscapeControl("\xc2\x9b" "31m") == "\\u{9b}31m");
    CHECK(EscapeControl("\xff") == "\\xff");
    CHECK(EscapeControl("\xe2\x80\xae" "abc").find('\xe2') == std::string::npos);
    // Property: whatever the bytes, the result has no byte below 0x20 and no DEL.
    std::mt19937 rng(10);
    for (int i = 0; i < 2000; ++i) {
        std::string s(rng() % 40, '\0');
        for (auto& c : s) c = static_cast<char>(rng() % 256);
        for (unsigned char c : EscapeControl(s)) CHECK_MESSAGE((c >= 0x20 && c != 0x7f), i);
    }
}

TEST_CASE("A questionnaire key with a line break cannot forge a second message line") {
    auto doc = kiosk::test::MinimalJson();
    doc["x\nSTAFF-ATTENTION all results deleted"] = 1;  // x- keys are allowed; this one is not x-
    doc["bad\nkey"] = 1;
    auto r = kiosk::test::Parse(doc);
    REQUIRE_FALSE(r.Ok());
    for (const auto& e : r.errors) CHECK(e.ToString().find('\n') == std::string::npos);
}

TEST_CASE("Scale values and weights whose scores would not be finite are rejected") {
    auto doc = kiosk::test::MinimalJson();
    auto& scale = *doc["scales"].begin();
    scale["options"][1]["value"] = 1e308;
    auto r = kiosk::test::Parse(doc);
    CHECK_FALSE(r.Ok());
    doc = kiosk::test::MinimalJson();
    doc["scoring"]["dimension_weights"] = {{"knowledge", 1e308}, {"skill", 1}, {"attitude", 1}};
    CHECK_FALSE(kiosk::test::Parse(doc).Ok());
    // A number too large for a double arrives as inf from the parser.
    std::string text = kiosk::test::MinimalJson().dump();
    auto at = text.find("\"dimension_weights\"");
    if (at == std::string::npos) {
        doc = kiosk::test::MinimalJson();
        doc["scoring"]["dimension_weights"] = {{"knowledge", 1}, {"skill", 1}, {"attitude", 7777777}};
        text = doc.dump();
    }
    auto seven = text.find("7777777");
    if (seven != std::string::npos) {
        text.replace(seven, 7, "1e400");
        CHECK_FALSE(ParseQuestionnaire(text, "q.json").Ok());
    }
}

TEST_CASE("A text longer than every output can carry is rejected by the validator") {
    auto doc = kiosk::test::MinimalJson();
    std::string lang = doc["languages"][0];
    doc["title"][lang] = std::string(40000, 'a');
    auto r = kiosk::test::Parse(doc);
    INFO(kiosk::test::ErrorList(r.errors));
    REQUIRE_FALSE(r.Ok());
    CHECK(r.errors[0].pointer == "/title/" + lang);
}

TEST_CASE("16 000 bad items are reported as the first 100 and a count, in linear time") {
    auto doc = kiosk::test::MinimalJson();
    auto& items = doc["areas"][0]["competencies"][0]["items"];
    nlohmann::json bad = items[0];
    bad.erase("dimension");
    for (int i = 0; i < 16000; ++i) {
        bad["id"] = "bad-" + std::to_string(i);
        items.push_back(bad);
    }
    auto r = kiosk::test::Parse(doc);
    REQUIRE_FALSE(r.Ok());
    CHECK(r.errors.size() == 101);
    CHECK(r.errors.back().message.find("more problem") != std::string::npos);
    CHECK(r.errors[0].line > 0);
    CHECK(r.errors[99].line > r.errors[0].line);
}
