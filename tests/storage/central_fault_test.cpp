// Faults against a real PostgreSQL 15: the server restarts mid-batch, connections are cut mid-transaction by
// a loopback proxy, `kiosk-admin sync` is killed with SIGKILL at random moments, two kiosks (and two workers
// on one file) sync at once, the central disk fills up. After each: every local result is centrally present
// exactly once with the same values, and nothing is marked acknowledged that the server did not commit.
#include "central_util.h"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include <random>
#include <thread>

using namespace kiosk::storage;
using namespace kiosk::storage::test;

namespace {

struct Central {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
};

SyncOptions Options(const CentralConfig& c, const std::string& db, std::size_t batch) {
    SyncOptions o;
    o.central = c;
    o.dbPath = db;
    o.batchSize = batch;
    return o;
}

// Retries RunOnce until a pass ends with nothing waiting (as the worker's backoff loop would), counting the
// failures seen on the way; -1 when it never finished. (No doctest assertion: it runs on worker threads.)
int SyncUntilDone(CentralSync& sync, int maxAttempts = 400) {
    int failures = 0;
    for (int i = 0; i < maxAttempts; ++i) {
        try {
            if (sync.RunOnce().waiting == 0) return failures;
        } catch (const CentralError&) {
            ++failures;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return -1;
}

}  // namespace

TEST_CASE("the central server restarting mid-batch loses nothing and duplicates nothing") {
    Central c;
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-r", "hai-chau", 3000, 41, 9);
    CentralSync sync(Options(AddKiosk(c.server, c.db, "kiosk-r", dir.File("k.pgpass")), local, 50));
    int failures = 0;
    std::thread worker([&] { failures = SyncUntilDone(sync); });
    for (int restart = 0; restart < 2; ++restart) {
        std::int64_t before = sync.Status().sentThisRun;
        for (int i = 0; i < 400 && sync.Status().sentThisRun < before + 300; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        c.server.Restart("immediate");  // like a crash: the open transaction is lost
    }
    worker.join();
    CHECK(failures >= 1);
    CheckExactlyOnce(c.server, c.db, local, "kiosk-r");
}

TEST_CASE("connections cut mid-transaction by a proxy lose nothing and duplicate nothing") {
    Central c;
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-p", "son-tra", 2000, 42);
    CuttingProxy proxy(c.server.Port(), 120000);  // each connection dies after ~120 KB sent: inside a batch
    CentralSync sync(
        Options(AddKiosk(c.server, c.db, "kiosk-p", dir.File("k.pgpass"), proxy.Port()), local, 100));
    std::atomic<bool> done{false};
    std::thread cutter([&] {  // and every connection, whatever it is doing, a few times
        for (int i = 0; i < 6 && !done; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            proxy.CutAll();
        }
    });
    int failures = SyncUntilDone(sync, 400);
    done = true;
    cutter.join();
    CHECK(failures >= 1);
    CHECK(proxy.Cuts() >= 1);
    CheckExactlyOnce(c.server, c.db, local, "kiosk-p");
}

TEST_CASE(
    "kiosk-admin sync killed with SIGKILL at random moments, then run again, leaves every result once") {
    Central c;
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-s", "lien-chieu", 3000, 43, 4);
    CentralConfig conf = AddKiosk(c.server, c.db, "kiosk-s", dir.File("k.pgpass"));
    auto spawn = [&] {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
            execl(KIOSK_ADMIN_PATH, KIOSK_ADMIN_PATH, "sync", "--db", local.c_str(), "--central",
                  conf.url.c_str(), "--passfile", conf.passfile.c_str(), "--batch", "40",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        return pid;
    };
    std::mt19937 rng(std::random_device{}());
    int killed = 0;
    for (int round = 0; round < 8; ++round) {
        pid_t pid = spawn();
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 150));
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == 0) {
            kill(pid, SIGKILL);
            ++killed;
        }
        waitpid(pid, &status, 0);
        // Between kills: whatever is acknowledged is centrally present.
        CheckExactlyOnce(c.server, c.db, local, "kiosk-s", false);
    }
    CHECK(killed >= 1);
    int status = 0;
    pid_t pid = spawn();
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CheckExactlyOnce(c.server, c.db, local, "kiosk-s");
}

TEST_CASE("two kiosks at once, and two workers on one kiosk's file at once, each result lands once") {
    Central c;
    TempDir dir;
    std::string a = dir.File("a.db"), b = dir.File("b.db");
    FillLocal(a, "kiosk-a", "hai-chau", 1500, 44);
    FillLocal(b, "kiosk-b", "thanh-khe", 1500, 45);
    CentralConfig ca = AddKiosk(c.server, c.db, "kiosk-a", dir.File("a.pgpass"));
    CentralConfig cb = AddKiosk(c.server, c.db, "kiosk-b", dir.File("b.pgpass"));
    CentralSync s1(Options(ca, a, 60)), s2(Options(ca, a, 45)), s3(Options(cb, b, 80));
    int f1 = 0, f2 = 0, f3 = 0;
    std::thread t1([&] { f1 = SyncUntilDone(s1); }), t2([&] { f2 = SyncUntilDone(s2); }),
        t3([&] { f3 = SyncUntilDone(s3); });
    t1.join();
    t2.join();
    t3.join();
    CHECK(f1 >= 0);
    CHECK(f2 >= 0);
    CHECK(f3 >= 0);
    CheckExactlyOnce(c.server, c.db, a, "kiosk-a");
    CheckExactlyOnce(c.server, c.db, b, "kiosk-b");
}

TEST_CASE("a full central disk is a typed error and acknowledges only what was committed") {
    if (geteuid() != 0) {
        MESSAGE("skipped: filling a small tmpfs needs root to mount it");
        return;
    }
    Central c;
    TempDir dir;
    std::string ts = c.server.Dir() + "/ts-" + c.db;  // inside the server's folder: postgres can reach it
    std::filesystem::create_directories(ts);
    if (mount("tmpfs", ts.c_str(), "tmpfs", 0, "size=1m,mode=0700") != 0) {
        MESSAGE("skipped: cannot mount a tmpfs here");
        return;
    }
    struct Unmount {
        std::string path;
        ~Unmount() { umount2(path.c_str(), MNT_DETACH); }
    } unmount{ts};
    c.server.Own(ts);
    std::string tablespace = "full_" + c.db;
    {
        pg::Connection admin(c.server.Admin(c.db));
        admin.Exec("CREATE TABLESPACE " + tablespace + " LOCATION '" + ts + "'");
        admin.Exec("ALTER TABLE kiosk_central.results SET TABLESPACE " + tablespace);
        admin.Exec("ALTER INDEX kiosk_central.results_pkey SET TABLESPACE " + tablespace);
    }
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-f", "hai-chau", 3000, 46);
    CentralSync sync(Options(AddKiosk(c.server, c.db, "kiosk-f", dir.File("k.pgpass")), local, 100));
    CentralErrorKind kind = CentralErrorKind::Other;
    try {
        sync.RunOnce();
        FAIL("3000 results fitted into 1 MB");
    } catch (const CentralError& e) {
        kind = e.Kind();
    }
    CHECK(kind == CentralErrorKind::DiskFull);
    CHECK(sync.Status().lastError == CentralErrorKind::DiskFull);
    CheckExactlyOnce(c.server, c.db, local, "kiosk-f", false);
    CHECK(Outbox(local).CountWaiting() > 0);
    // Local saving is unaffected.
    StoreConfig conf = ConfigAt(local);
    conf.kioskId = "kiosk-f";
    ResultStore(conf).Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    {
        pg::Connection admin(c.server.Admin("postgres"));
        admin.Exec("DROP DATABASE " + c.db + " WITH (FORCE)");
        admin.Exec("DROP TABLESPACE " + tablespace);
    }
}
