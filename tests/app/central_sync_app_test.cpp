// The kiosk app's background central sync against a real PostgreSQL 15 (started by the test in a temporary
// folder on loopback): results tapped through the headless kiosk reach the central table exactly once,
// woken by each save (the poll interval is far longer than the test waits); the staff health page shows
// rows waiting, the last success and, with the server stopped, the typed error while local saving goes on.
#include "harness.h"
#include "take_assessment.h"

#include "central_util.h"
#include "kiosk/app/staff_store.h"
#include "kiosk/app/store_sink.h"
#include "kiosk/app/sync_worker.h"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace kiosk;
using kiosk::ui::test::Harness;
using kiosk::ui::test::HarnessOptions;
using kiosk::ui::test::TakeAssessment;
namespace pgt = kiosk::storage::test;

namespace {

constexpr const char* kKiosk = "kiosk-app-7";

void EnterHealthPage(Harness& h) {
    h.HoldCorner();
    h.TypePin(ui::test::kTestPin);
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == flow::Screen::StaffMenu);
    h.Tap("staff.health");
    REQUIRE(h.CurrentScreen() == flow::Screen::StaffHealth);
}

void LeaveStaff(Harness& h) {
    h.Tap("staff.back");
    h.Tap("staff.close");
    REQUIRE(h.CurrentScreen() == flow::Screen::Welcome);
}

// Result screen -> Welcome, ready for the next citizen.
void NextCitizen(Harness& h) {
    h.Tap("result.done");
    h.Advance(core::Millis(9'000));
    REQUIRE(h.CurrentScreen() == flow::Screen::Welcome);
}

// Waits (real time: the worker is a real thread) until `done(status)`, at most 30 s.
template <typename Done>
flow::CentralSyncHealth WaitFor(const app::SyncWorker& worker, Done done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    flow::CentralSyncHealth s = worker.Health();
    while (!done(s) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        s = worker.Health();
    }
    return s;
}

// Results the local file records as acknowledged by the central database.
long long Acked(const std::string& db) {
    storage::sql::Connection c(db, SQLITE_OPEN_READONLY);
    storage::sql::Statement st(c, "SELECT count(*) FROM central_acks");
    return st.Step() ? st.Int(0) : -1;
}

std::string ReadText(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("app: saved results sync to the central database in the background, through a server outage") {
    pgt::PgServer server;  // its own server: this test stops and restarts it
    const std::string central = server.NewDatabase();
    {
        storage::pg::Connection admin(server.Admin(central));
        storage::InitCentral(admin);
    }
    pgt::TempDir dir;
    const std::string db = dir.File("kiosk.db"), passfile = dir.File("kiosk.pgpass");
    storage::CentralConfig cc = pgt::AddKiosk(server, central, kKiosk, passfile);

    // The configuration the app reads (config keys central_url / central_passfile / central_batch_size /
    // central_poll_interval_s), turned into the worker's options as main.cpp does.
    station::KioskConfig config;
    config.database = db;
    config.centralUrl = cc.url;
    config.centralPassfile = passfile;
    config.centralBatchSize = 2;          // several central transactions for three results
    config.centralPollIntervalS = 3600;   // only a save's Wake() can make it sync within this test
    std::optional<storage::SyncOptions> options = app::CentralSyncOptionsFrom(config);
    REQUIRE(options);
    options->firstBackoff = std::chrono::milliseconds(200);
    options->maxBackoff = std::chrono::milliseconds(400);
    options->central.connectTimeoutSeconds = 3;

    storage::StoreConfig store;
    store.path = db;
    store.kioskId = kKiosk;
    store.locationCode = "20194";
    station::MemoryEventLog sinkLog;
    app::StoreSink storeSink(store, sinkLog);
    REQUIRE(storeSink.Ready().ok);  // as main.cpp: the database exists before the worker starts
    app::SyncWorker worker(std::move(*options));
    app::SyncingSink sink(storeSink, &worker);
    app::StaffStoreOptions so;
    so.database = db;
    so.logFile = dir.File("kiosk.log");
    app::StoreStaffData storeData(so);
    app::SyncingStaffData staffData(storeData, &worker);

    HarnessOptions ho;
    ho.sink = &sink;
    Harness h(ho);
    h.controller->SetStaffData(&staffData);

    // Nothing stored yet: the first pass finds nothing to send, and that is no error.
    flow::CentralSyncHealth s = WaitFor(worker, [](const auto& x) { return !x.lastSuccess.empty(); });
    CHECK(s.error.empty());
    CHECK(s.waiting == 0);

    for (int i = 0; i < 3; ++i) {
        TakeAssessment(h, i);
        REQUIRE(h.CurrentScreen() == flow::Screen::Result);
        CHECK(h.Shows("Kết quả đã được lưu"));
        NextCitizen(h);
    }
    // (The status alone could still show the count from before the last save: wait for the acknowledgements.)
    s = WaitFor(worker, [&](const auto& x) { return Acked(db) == 3 && x.waiting == 0 && x.error.empty(); });
    REQUIRE(s.waiting == 0);
    pgt::CheckExactlyOnce(server, central, db, kKiosk);
    {
        storage::pg::Connection admin(server.Admin(central));
        CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.results").cells[0][0] == "3");
    }

    // The health page: what waits, when it last worked; no error.
    EnterHealthPage(h);
    const flow::CentralSyncHealth& shown = h.controller->Flow().Staff().Health().central;
    CHECK(shown.configured);
    CHECK(shown.waiting == 0);
    CHECK(shown.lastSuccess.size() == 16);  // YYYY-MM-DD HH:MM, local
    CHECK(h.Shows("Số kết quả đang chờ gửi: 0"));
    CHECK(h.Shows(shown.lastSuccess));
    CHECK_FALSE(h.Shows("Chưa gửi được"));
    LeaveStaff(h);

    // The server goes away: saving at the kiosk is unaffected, the status names the problem.
    server.Stop("fast");
    TakeAssessment(h, 2);
    REQUIRE(h.CurrentScreen() == flow::Screen::Result);
    CHECK(h.Shows("Kết quả đã được lưu"));
    CHECK(pgt::LocalRows(db).size() == 4);
    s = WaitFor(worker, [](const auto& x) { return x.error == "unreachable"; });
    CHECK(s.error == "unreachable");
    CHECK(s.waiting == 1);
    worker.LogChanges(h.log);
    CHECK(h.log.Contains("central sync [unreachable]"));
    NextCitizen(h);
    EnterHealthPage(h);
    CHECK(h.controller->Flow().Staff().Health().central.error == "unreachable");
    CHECK(h.Shows("Số kết quả đang chờ gửi: 1"));
    CHECK(h.Shows("Không kết nối được tới máy chủ thành phố"));
    LeaveStaff(h);
    // Another save while it is down: still saved locally.
    TakeAssessment(h, 3);
    CHECK(h.Shows("Kết quả đã được lưu"));
    NextCitizen(h);

    // Back up: the next pass (backoff, or the next save's wake) sends both, once.
    server.Start();
    worker.Wake();
    s = WaitFor(worker, [&](const auto& x) { return Acked(db) == 5 && x.waiting == 0 && x.error.empty(); });
    CHECK(s.error.empty());
    CHECK(s.waiting == 0);
    pgt::CheckExactlyOnce(server, central, db, kKiosk);
    {
        storage::pg::Connection admin(server.Admin(central));
        CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.results").cells[0][0] == "5");
    }
    worker.LogChanges(h.log);
    CHECK(h.log.Contains("works again"));

    // No log line carries the kiosk's password (the pgpass file's last field).
    std::string line = ReadText(passfile);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    const std::string password = line.substr(line.rfind(':') + 1);
    REQUIRE(password.size() >= 16);
    for (const auto& l : h.log.lines) CHECK(l.message.find(password) == std::string::npos);
    for (const auto& l : sinkLog.lines) CHECK(l.message.find(password) == std::string::npos);
}

TEST_CASE("app: without a central URL no worker runs and the health page says sync is not set up") {
    station::KioskConfig config;
    CHECK_FALSE(app::CentralSyncOptionsFrom(config));
    station::MemoryEventLog log;
    CHECK(app::StartCentralSync(config, log) == nullptr);
    CHECK(log.Contains("central sync: not configured"));

    pgt::TempDir dir;
    app::StaffStoreOptions so;
    so.database = dir.File("kiosk.db");
    so.logFile = dir.File("kiosk.log");
    app::StoreStaffData storeData(so);
    app::SyncingStaffData staffData(storeData, nullptr);
    Harness h;
    h.controller->SetStaffData(&staffData);
    EnterHealthPage(h);
    CHECK_FALSE(h.controller->Flow().Staff().Health().central.configured);
    CHECK(h.Shows("chưa được thiết lập trên máy này"));
    CHECK_FALSE(h.Shows("Số kết quả đang chờ gửi"));
}

TEST_CASE("app: the log names the central server without the password of a URL that wrongly holds one") {
    station::KioskConfig config;
    pgt::TempDir dir;
    config.database = dir.File("kiosk.db");
    config.centralUrl = "postgresql://kiosk_9:s3cretPW@127.0.0.1:1/city";
    station::MemoryEventLog log;
    auto worker = app::StartCentralSync(config, log);
    REQUIRE(worker);
    CHECK(worker->Where() == "kiosk_9@127.0.0.1:1/city");
    // The database does not exist yet: the first pass has nothing to send and is no error. Then one result
    // (stored while the worker waits, as a save would be) and a wake make it connect.
    flow::CentralSyncHealth first = WaitFor(*worker, [](const auto& x) { return !x.lastSuccess.empty(); });
    CHECK(first.error.empty());
    CHECK(first.waiting == 0);
    pgt::FillLocal(config.database, "kiosk-9", "20194", 1, 9);
    worker->Wake();
    flow::CentralSyncHealth s = WaitFor(*worker, [](const auto& x) { return !x.error.empty(); });
    CHECK(s.error == "bad-config");  // refused before connecting: a password belongs in the pgpass file
    worker->LogChanges(log);
    CHECK(log.Contains("central sync [bad-config]"));
    for (const auto& l : log.lines) CHECK(l.message.find("s3cretPW") == std::string::npos);
}

TEST_CASE("config: the central_* keys are read, checked, and a wrong value leaves sync off") {
    pgt::TempDir dir;
    const std::string path = dir.File("kiosk.json");
    pgt::WriteFile(path,
                   R"({"central_url": "postgresql://kiosk_1@db.danang.example/kiosk", "central_passfile": "/etc/kiosk/k1.pgpass",
                       "central_batch_size": 200, "central_poll_interval_s": 300})");
    station::KioskConfig c;
    std::vector<std::string> errors;
    station::LoadConfigFile(path, c, errors);
    CHECK(errors.empty());
    CHECK(c.centralUrl == "postgresql://kiosk_1@db.danang.example/kiosk");
    CHECK(c.centralPassfile == "/etc/kiosk/k1.pgpass");
    std::optional<storage::SyncOptions> o = app::CentralSyncOptionsFrom(c);
    REQUIRE(o);
    CHECK(o->batchSize == 200);
    CHECK(o->pollInterval == std::chrono::seconds(300));
    CHECK(o->dbPath == c.database);

    pgt::WriteFile(path, R"({"central_url": 5, "central_batch_size": 0, "central_poll_interval_s": 1})");
    station::KioskConfig bad;
    errors.clear();
    station::LoadConfigFile(path, bad, errors);
    CHECK(errors.size() == 3);
    CHECK_FALSE(app::CentralSyncOptionsFrom(bad));  // the defaults: no URL, no sync
    CHECK(bad.centralBatchSize == 500);
    CHECK(bad.centralPollIntervalS == 60);
}
