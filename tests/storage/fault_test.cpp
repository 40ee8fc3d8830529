// Faults: a full disk (always injected with a size cap; also a real tmpfs when this process may mount one),
// a read-only database, and a busy writer. Each must give a typed StorageError, keep every committed result,
// store nothing partial, and let the same record be saved again once the problem is gone.
#include "storage/result_reader.h"
#include "storage/result_store.h"
#include "storage/sqlite_db.h"
#include "test_util.h"

#include <doctest/doctest.h>

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

using namespace kiosk::storage;
using namespace kiosk::storage::test;

namespace {

// Saves `record` until the store refuses; returns how many were saved and the kind of the refusal.
std::pair<int, StorageErrorKind> SaveUntilFailure(ResultStore& store, const ResultRecord& record, int limit) {
    for (int saved = 0; saved < limit; ++saved) {
        try {
            store.Save(record);
        } catch (const StorageError& e) {
            return {saved, e.Kind()};
        }
    }
    return {limit, StorageErrorKind::Other};
}

// Runs `body` in a forked child and returns its exit status (the child never returns into doctest).
int InChild(const std::function<int()>& body) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int code = 99;
        try {
            code = body();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "child: %s\n", e.what());
            code = 98;
        } catch (...) {
            code = 97;
        }
        _exit(code);
    }
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a full disk (size cap) gives DiskFull, keeps what was committed and allows a retry") {
    TempDir dir;
    StoreConfig config = ConfigAt(dir.File("kiosk.db"));
    config.maxSizeBytes = 8 * 16384;  // 8 pages: room for the schema, the questionnaire and a few results
    auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
    int saved = 0;
    {
        ResultStore store(config);
        auto [n, kind] = SaveUntilFailure(store, rec->record, 10000);
        saved = n;
        CHECK(kind == StorageErrorKind::DiskFull);
        CHECK(saved > 0);
        CHECK(store.CountResults(false) == saved);
        // A batch that does not fit is refused whole.
        std::vector<ResultRecord> batch(500, rec->record);
        try {
            store.SaveBatch(batch);
            FAIL("the batch cannot fit");
        } catch (const StorageError& e) {
            CHECK(e.Kind() == StorageErrorKind::DiskFull);
        }
        CHECK(store.CountResults(false) == saved);
    }
    {
        ResultReader reader(config.path);
        HealthReport h = reader.Check();
        CHECK(h.healthy);
        CHECK(h.results == saved);
    }
    // Space freed (here: the cap lifted): the very same record, kept by the caller, saves.
    config.maxSizeBytes = 0;
    ResultStore store(config);
    store.Save(rec->record);
    CHECK(store.CountResults(false) == saved + 1);
}

TEST_CASE("a read-only database gives ReadOnly and can still be exported from") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    {
        ResultStore store(ConfigAt(path));
        store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    }
    auto check = [&]() -> int {
        try {
            ResultStore store(ConfigAt(path));
            return 10;  // opened for writing: wrong
        } catch (const StorageError& e) {
            if (e.Kind() != StorageErrorKind::ReadOnly) return 11;
        }
        ResultReader reader(path);  // staff without write access may still export
        return reader.CountResults(ResultFilter{}) == 1 ? 0 : 12;
    };
    // Permissions do not bind root: as root, drop to "nobody" in a child process.
    bool root = geteuid() == 0;
    REQUIRE(chmod(dir.Path().c_str(), root ? 0755 : 0555) == 0);
    REQUIRE(chmod(path.c_str(), 0444) == 0);
    int code = InChild([&] {
        if (root && (setgid(65534) != 0 || setuid(65534) != 0)) return 20;
        return check();
    });
    chmod(dir.Path().c_str(), 0700);
    chmod(path.c_str(), 0644);
    CHECK(code == 0);
}

TEST_CASE("a real full file system (tmpfs) gives DiskFull and a healthy file, when mounting is allowed") {
    TempDir dir;
    std::string mountPoint = dir.File("small");
    std::filesystem::create_directory(mountPoint);
    auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
    int code = InChild([&] {
        // A private mount namespace: the tmpfs disappears with the child.
        if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=512k") != 0)
            return 77;
        StoreConfig config = ConfigAt(mountPoint + "/kiosk.db");
        int saved = 0;
        {
            ResultStore store(config);
            auto [n, kind] = SaveUntilFailure(store, rec->record, 100000);
            if (kind != StorageErrorKind::DiskFull) return 30;
            saved = n;
            if (store.CountResults(false) != saved) return 31;
            // Still full: the same typed error again, no crash.
            if (SaveUntilFailure(store, rec->record, 1).second != StorageErrorKind::DiskFull) return 32;
        }
        ResultReader reader(config.path);
        HealthReport h = reader.Check();
        if (!h.healthy || h.results != saved) return 33;
        return saved > 0 ? 0 : 34;
    });
    if (code == 77) {
        MESSAGE("mounting a tmpfs is not permitted here; the size-cap test covers DiskFull");
        return;
    }
    CHECK(code == 0);
}

TEST_CASE("another writer holding the database gives Busy after the configured wait") {
    TempDir dir;
    StoreConfig config = ConfigAt(dir.File("kiosk.db"));
    config.busyTimeoutMs = 100;
    ResultStore store(config);
    auto rec = MakeRecord(MiniQuestionnaire(), FullAnswers());
    {
        sql::Connection other(config.path, SQLITE_OPEN_READWRITE);
        sql::Transaction hold(other, sql::Transaction::Mode::Write);
        try {
            store.Save(rec->record);
            FAIL("the write lock is held");
        } catch (const StorageError& e) {
            CHECK(e.Kind() == StorageErrorKind::Busy);
        }
    }
    CHECK(store.CountResults(false) == 0);
    store.Save(rec->record);  // the other writer is gone
    CHECK(store.CountResults(false) == 1);
}
