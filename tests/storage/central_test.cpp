// Central sync against a real PostgreSQL 15 started by the test: the outbox, the schema and its migrations,
// roles (kiosks insert only their own rows, analysts read only suppressed views), idempotent delivery,
// typed errors, the city views' suppression and the city report files.
#include "central_util.h"
#include "storage/city_report.h"
#include "storage/schema.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>
#include <iterator>
#include <set>
#include <tuple>

using namespace kiosk::storage;
using namespace kiosk::storage::test;

namespace {

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

SyncOptions Options(const CentralConfig& c, const std::string& db, std::size_t batch = 100) {
    SyncOptions o;
    o.central = c;
    o.dbPath = db;
    o.batchSize = batch;
    return o;
}

CentralErrorKind KindOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const CentralError& e) {
        return e.Kind();
    }
    FAIL("no CentralError was thrown");
    return CentralErrorKind::Other;
}

}  // namespace

TEST_CASE("the outbox lists unacknowledged results in id order and never creates a database") {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    CHECK_THROWS_AS(Outbox(dir.File("missing.db")), StorageError);
    CHECK_FALSE(std::filesystem::exists(dir.File("missing.db")));
    FillLocal(path, "kiosk-a", "hai-chau", 250, 1, 5);
    Outbox outbox(path);
    CHECK(outbox.CountWaiting() == 250);
    auto first = outbox.NextBatch(100);
    REQUIRE(first.size() == 100);
    for (std::size_t i = 1; i < first.size(); ++i) CHECK(first[i - 1].id < first[i].id);
    auto second = outbox.NextBatch(100, first.back().id);
    REQUIRE(second.size() == 100);
    CHECK(first.back().id < second.front().id);
    std::vector<std::string> ids;
    for (const auto& r : first) ids.push_back(r.id);
    outbox.MarkAcknowledged(ids);
    outbox.MarkAcknowledged(ids);  // twice is harmless
    CHECK(outbox.CountWaiting() == 150);
    CHECK(outbox.CountAcknowledged() == 100);
    CHECK(outbox.NextBatch(1000).size() == 150);
    CHECK(outbox.Questionnaire(first[0].questionnaireId, first[0].questionnaireVersion,
                               first[0].questionnaireSha256));
    // A kiosk reopening the file keeps the acknowledgements (schema version 2 and up).
    ResultStore store(ConfigAt(path));
    CHECK(store.Report().schemaVersion == schema::kVersion);
    CHECK(Outbox(path).CountAcknowledged() == 100);
}

TEST_CASE(
    "central init creates the schema, is idempotent, migrates an older schema and refuses a newer one") {
    PgServer& server = PgServer::Shared();
    std::string db = server.NewDatabase();
    pg::Connection admin(server.Admin(db));
    auto first = InitCentral(admin);
    CHECK(first.fromVersion == 0);
    CHECK(first.toVersion == kCentralVersion);
    auto again = InitCentral(admin);
    CHECK(again.fromVersion == kCentralVersion);
    // An older schema (version 1 without the city views) is brought up to date.
    admin.Exec(
        "DROP VIEW kiosk_central.city_area_means; UPDATE kiosk_central.meta SET value = '1' WHERE key = "
        "'schema_version'");
    auto migrated = InitCentral(admin);
    CHECK(migrated.fromVersion == 1);
    CHECK(admin.Exec("SELECT to_regclass('kiosk_central.city_area_means') IS NOT NULL").cells[0][0] == "t");
    admin.Exec("UPDATE kiosk_central.meta SET value = '99' WHERE key = 'schema_version'");
    CHECK(KindOf([&] { InitCentral(admin); }) == CentralErrorKind::SchemaAhead);
    CHECK(admin.Exec("SELECT value FROM kiosk_central.meta WHERE key = 'schema_version'").cells[0][0] ==
          "99");
}

TEST_CASE(
    "three kiosks sync exactly once with the same bytes, simulated results stay marked, resending is "
    "harmless") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    const char* kiosks[] = {"kiosk-a", "kiosk-b", "kiosk-c"};
    for (int i = 0; i < 3; ++i) {
        std::string local = dir.File(std::string(kiosks[i]) + ".db");
        FillLocal(local, kiosks[i], i == 2 ? "son-tra" : "hai-chau", 300 + 50 * i,
                  10 + static_cast<unsigned>(i), 7);
        CentralConfig c = AddKiosk(server, db, kiosks[i], dir.File(std::string(kiosks[i]) + ".pgpass"));
        CentralSync sync(Options(c, local, 64));
        int batches = 0;
        auto pass = sync.RunOnce([&](const SyncPass&) { ++batches; });
        CHECK(pass.sent == 300 + 50 * i);
        CHECK(pass.waiting == 0);
        CHECK(batches == (300 + 50 * i + 63) / 64);
        CHECK(sync.Status().lastSuccess.has_value());
        CheckExactlyOnce(server, db, local, kiosks[i]);

        // The same batches again (as after a lost COMMIT answer): forget the acknowledgements and resend.
        {
            sql::Connection l(local, SQLITE_OPEN_READWRITE);
            l.Exec("DELETE FROM central_acks");
        }
        CHECK(sync.RunOnce().sent == 300 + 50 * i);
        CheckExactlyOnce(server, db, local, kiosks[i]);
        CHECK(sync.RunOnce().sent == 0);  // nothing waiting: nothing sent
    }
    pg::Connection admin(server.Admin(db));
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.results").cells[0][0] == "1050");
    // Every 7th result was simulated, and is marked so centrally.
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.results WHERE simulated").cells[0][0] ==
          std::to_string((300 + 6) / 7 + (350 + 6) / 7 + (400 + 6) / 7));
    CHECK(
        admin.Exec("SELECT rows_received FROM kiosk_central.kiosks WHERE kiosk_id = 'kiosk-a'").cells[0][0] ==
        "600");
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.questionnaires").cells[0][0] == "1");
}

TEST_CASE("a kiosk role inserts only its own rows and reads nothing; an analyst reads only the views") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    std::string localA = dir.File("a.db");
    FillLocal(localA, "kiosk-a", "hai-chau", 40, 3);
    CentralConfig a = AddKiosk(server, db, "kiosk-a", dir.File("a.pgpass"));
    CentralConfig b = AddKiosk(server, db, "kiosk-b", dir.File("b.pgpass"));
    CentralSync(Options(a, localA)).RunOnce();

    // Kiosk B's role pushing kiosk A's rows is refused by row-level security; nothing is acknowledged.
    std::string copyForB = dir.File("copy.db");
    std::filesystem::copy_file(localA, copyForB);
    {
        sql::Connection l(copyForB, SQLITE_OPEN_READWRITE);
        l.Exec("DELETE FROM central_acks");
    }
    CHECK(KindOf([&] { CentralSync(Options(b, copyForB)).RunOnce(); }) == CentralErrorKind::PermissionDenied);
    CHECK(Outbox(copyForB).CountAcknowledged() == 0);

    pg::Connection kioskB(b);
    CHECK(KindOf([&] { kioskB.Exec("SELECT count(*) FROM kiosk_central.results"); }) ==
          CentralErrorKind::PermissionDenied);
    CHECK(KindOf([&] { kioskB.Exec("SELECT * FROM kiosk_central.city_level_distribution"); }) ==
          CentralErrorKind::PermissionDenied);
    CHECK(KindOf([&] { kioskB.Exec("DELETE FROM kiosk_central.results"); }) ==
          CentralErrorKind::PermissionDenied);

    pg::Connection admin(server.Admin(db));
    std::string password = AddCentralRole(admin, "analyst", "an_" + db, "");
    WritePassfile(dir.File("an.pgpass"), "*", "*", "*", "an_" + db, password);
    CentralConfig an;
    an.url = server.Url(db, "an_" + db);
    an.passfile = dir.File("an.pgpass");
    pg::Connection analyst(an);
    CHECK(KindOf([&] { analyst.Exec("SELECT count(*) FROM kiosk_central.results"); }) ==
          CentralErrorKind::PermissionDenied);
    CHECK(KindOf([&] { analyst.Exec("SELECT count(*) FROM kiosk_central.city_cells"); }) ==
          CentralErrorKind::PermissionDenied);
    analyst.Exec("SELECT kiosk_central.refresh_city(NULL, false)");
    CHECK(analyst.Exec("SELECT count(*) FROM kiosk_central.city_level_distribution").cells[0][0] != "0");
}

TEST_CASE("connection and schema problems are typed errors and mark nothing acknowledged") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-a", "hai-chau", 30, 4);
    CentralConfig good = AddKiosk(server, db, "kiosk-a", dir.File("k.pgpass"));
    auto attempt = [&](const CentralConfig& c) {
        return KindOf([&] { CentralSync(Options(c, local)).RunOnce(); });
    };

    CentralConfig wrong = good;
    wrong.passfile = dir.File("wrong.pgpass");
    WriteFile(wrong.passfile, "*:*:*:k_" + db + "_kiosk-a:not-the-password\n");
    CHECK(attempt(wrong) == CentralErrorKind::AuthFailed);

    CentralConfig nobody = good;
    nobody.url = server.Url(db, "k_" + db + "_kiosk-a", FreePort());
    CHECK(attempt(nobody) == CentralErrorKind::Unreachable);

    CentralConfig inUrl = good;
    inUrl.url = "postgresql://someone:secret@127.0.0.1:" + std::to_string(server.Port()) + "/" + db;
    try {
        CentralSync(Options(inUrl, local)).RunOnce();
        FAIL("a password in the URL was accepted");
    } catch (const CentralError& e) {
        CHECK(e.Kind() == CentralErrorKind::BadConfig);
        CHECK(std::string(e.what()).find("secret") == std::string::npos);
    }

    CentralConfig open = good;
    open.passfile = dir.File("open.pgpass");
    WriteFile(open.passfile, ReadText(good.passfile), 0644);
    CHECK(attempt(open) == CentralErrorKind::BadConfig);

    // A non-local host defaults to verify-full: with no root certificate configured, it fails as TLS or
    // unreachable — never silently in the clear. (No such host here: only the setting is checked.)
    CHECK_FALSE(IsLocalHost("db.danang.gov.vn"));
    CHECK(IsLocalHost("127.0.0.1"));

    pg::Connection admin(server.Admin(db));
    admin.Exec("UPDATE kiosk_central.meta SET value = '1' WHERE key = 'schema_version'");
    CHECK(attempt(good) == CentralErrorKind::SchemaBehind);
    const std::string ahead = std::to_string(kCentralVersion + 1);
    admin.Exec("UPDATE kiosk_central.meta SET value = $1 WHERE key = 'schema_version'", {ahead});
    admin.Exec("UPDATE kiosk_central.meta SET value = $1 WHERE key = 'min_kiosk_version'", {ahead});
    CHECK(attempt(good) == CentralErrorKind::SchemaAhead);
    CHECK(Outbox(local).CountAcknowledged() == 0);
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.results").cells[0][0] == "0");
    // A newer central schema that still accepts this kiosk: sync works.
    admin.Exec("UPDATE kiosk_central.meta SET value = '1' WHERE key = 'min_kiosk_version'");
    CHECK(CentralSync(Options(good, local)).RunOnce().sent == 30);
    CheckExactlyOnce(server, db, local, "kiosk-a");

    // The local file is untouched by all of this: the kiosk can still save.
    ResultStore store(ConfigAt(local));
    store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    CHECK(Outbox(local).CountWaiting() == 1);
}

TEST_CASE("backoff doubles from the first wait up to the maximum") {
    SyncOptions o;
    o.firstBackoff = std::chrono::milliseconds(1000);
    o.maxBackoff = std::chrono::milliseconds(10000);
    CentralSync s(o);
    CHECK(s.BackoffFor(1).count() == 1000);
    CHECK(s.BackoffFor(2).count() == 2000);
    CHECK(s.BackoffFor(4).count() == 8000);
    CHECK(s.BackoffFor(5).count() == 10000);
    CHECK(s.BackoffFor(50).count() == 10000);
}

TEST_CASE("the worker thread syncs in the background, reports its status and stops promptly") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-w", "hai-chau", 120, 8);
    SyncOptions o = Options(AddKiosk(server, db, "kiosk-w", dir.File("k.pgpass")), local, 50);
    o.pollInterval = std::chrono::milliseconds(100);
    CentralSync sync(o);
    std::thread worker([&] { sync.RunUntilStopped(); });
    for (int i = 0; i < 200 && sync.Status().waiting != 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(sync.Status().waiting == 0);
    // A result saved meanwhile is picked up by a later pass.
    {
        StoreConfig c = ConfigAt(local);
        c.kioskId = "kiosk-w";
        ResultStore store(c);
        store.Save(MakeRecord(MiniQuestionnaire(), FullAnswers())->record);
    }
    sync.Wake();
    for (int i = 0; i < 200 && Outbox(local).CountWaiting() != 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    sync.Stop();
    worker.join();
    CHECK(sync.Status().sentThisRun == 121);
    CHECK_FALSE(sync.Status().lastError.has_value());
    CheckExactlyOnce(server, db, local, "kiosk-w");
}

TEST_CASE("city views hide every cell under k and leave no family with a single hidden cell") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    // A big location, a small one (fewer than k results in total), and simulated results that must not count.
    std::string big = dir.File("big.db"), small = dir.File("small.db"), sim = dir.File("sim.db");
    FillLocal(big, "kiosk-big", "hai-chau", 400, 21);
    FillLocal(small, "kiosk-small", "hoa-vang", 3, 22);
    FillLocal(sim, "kiosk-sim", "son-tra", 60, 23, 1);
    for (auto [path, id] : {std::pair{big, "kiosk-big"}, {small, "kiosk-small"}, {sim, "kiosk-sim"}})
        CentralSync(Options(AddKiosk(server, db, id, dir.File(std::string(id) + ".pgpass")), path)).RunOnce();

    pg::Connection admin(server.Admin(db));
    admin.Exec("SELECT kiosk_central.refresh_city(5, false)");
    // Published counts are all >= k.
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.city_level_distribution WHERE n < 5").cells[0][0] ==
          "0");
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.city_level_distribution WHERE NOT suppressed")
              .cells[0][0] != "0");
    // Simulated results are left out; the small location is entirely hidden.
    CHECK(
        admin.Exec("SELECT count(*) FROM kiosk_central.city_cells WHERE location = 'son-tra'").cells[0][0] ==
        "0");
    CHECK(
        admin
            .Exec(
                "SELECT count(*) FROM kiosk_central.city_level_distribution WHERE location = 'hoa-vang' AND "
                "n IS NOT NULL")
            .cells[0][0] == "0");
    // The city total minus hai-chau would reveal hoa-vang: so the city totals that pair with a hidden cell
    // must be hidden too — no family (cells sharing all but one dimension, with its margin) has exactly one
    // hidden cell.
    const char* families[] = {
        "month, questionnaire_id, band_kind, band, level",
        "location, month, questionnaire_id, band_kind, level",
        "location, month, questionnaire_id, band_kind, band",
        "location, questionnaire_id, band_kind, band, level",
    };
    for (const char* f : families) {
        INFO(f);
        auto r = admin.Exec(
            std::string("SELECT count(*) FROM (SELECT count(*) FILTER (WHERE suppressed) AS h FROM "
                        "kiosk_central.city_cells GROUP BY ") +
            f + ") x WHERE h = 1");
        CHECK(r.cells[0][0] == "0");
    }
    // Every "*" margin is the sum of what it spans (the grouping sets of migration 3), and the grand total is
    // the number of real results: 400 + 3.
    CHECK(admin.Exec("SELECT n FROM kiosk_central.city_cells WHERE location = '*' AND month = '*' AND "
                     "band_kind = 'age' AND band = '*' AND level = '*'")
              .cells[0][0] == "403");
    for (const char* dim : {"location", "month", "band", "level"}) {
        INFO(dim);
        std::string group;
        for (const char* d : {"location", "month", "questionnaire_id", "band_kind", "band", "level"})
            if (std::string(d) != dim) group += std::string(group.empty() ? "" : ", ") + d;
        auto r = admin.Exec("SELECT count(*) FROM (SELECT " + group + ", sum(n) FILTER (WHERE " + dim +
                            " <> '*') AS parts, sum(n) FILTER (WHERE " + dim + " = '*') AS total FROM " +
                            "kiosk_central.city_cells GROUP BY " + group + ") x WHERE parts IS DISTINCT FROM total");
        CHECK(r.cells[0][0] == "0");
    }
    // Area sums: the city-wide count of people scored in an area is the number of real results with that area.
    CHECK(admin.Exec("SELECT count(*) FROM kiosk_central.city_area_sums a WHERE location = '*' AND month = '*' "
                     "AND band = '*' AND n_scored <> (SELECT count(*) FROM kiosk_central.results r CROSS JOIN "
                     "LATERAL jsonb_each(r.area_scores::jsonb) e WHERE NOT r.simulated AND e.key = a.area_id "
                     "AND jsonb_typeof(e.value) = 'array')")
              .cells[0][0] == "0");
    // With simulated results included, son-tra appears.
    admin.Exec("SELECT kiosk_central.refresh_city(5, true)");
    CHECK(
        admin.Exec("SELECT count(*) FROM kiosk_central.city_cells WHERE location = 'son-tra'").cells[0][0] !=
        "0");
    CHECK(KindOf([&] { admin.Exec("SELECT kiosk_central.refresh_city(0, false)"); }) ==
          CentralErrorKind::Other);
}

TEST_CASE(
    "city-report writes a self-contained Vietnamese-first HTML with charts and an XLSX, small groups "
    "hidden") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    std::string big = dir.File("big.db"), small = dir.File("small.db");
    FillLocal(big, "kiosk-big", "hai-chau", 300, 31);
    FillLocal(small, "kiosk-small", "hoa-vang", 2, 32);
    for (auto [path, id] : {std::pair{big, "kiosk-big"}, {small, "kiosk-small"}})
        CentralSync(Options(AddKiosk(server, db, id, dir.File(std::string(id) + ".pgpass")), path)).RunOnce();

    pg::Connection admin(server.Admin(db));
    CityReportOptions o;
    o.htmlPath = dir.File("city.html");
    o.xlsxPath = dir.File("city.xlsx");
    auto summary = WriteCityReport(admin, o);
    CHECK(summary.k == 5);
    CHECK(summary.suppressedCells > 0);
    std::string html = ReadText(o.htmlPath);
    CHECK(html.find("<html lang=\"vi\">") != std::string::npos);
    CHECK(html.find("Báo cáo kỹ năng số toàn thành phố") < html.find("City digital-skills report"));
    CHECK(html.find("new Chart(") != std::string::npos);
    CHECK(html.find("Chart.js v3") != std::string::npos);  // the library itself is inside the page
    CHECK(html.find("<script src") == std::string::npos);
    // Nothing is fetched from elsewhere.
    for (const char* ref : {"src=\"http", "href=\"http", "src='http", "@import", "<link"})
        CHECK(html.find(ref) == std::string::npos);
    CHECK(html.find("hoa-vang") != std::string::npos);
    CHECK(html.find("&lt;5") != std::string::npos);
    CHECK(html.find("Kết quả mô phỏng không được tính.") != std::string::npos);
    // A report that counts simulated results says so.
    CityReportOptions withSimulated = o;
    withSimulated.includeSimulated = true;
    withSimulated.xlsxPath.clear();
    withSimulated.htmlPath = dir.File("city-sim.html");
    CHECK(WriteCityReport(admin, withSimulated).includeSimulated);
    const std::string simHtml = ReadText(withSimulated.htmlPath);
    CHECK(simHtml.find("Có tính cả kết quả mô phỏng") != std::string::npos);
    CHECK(simHtml.find("Simulated results are included") != std::string::npos);
    // The XLSX is a zip with one chart per table.
    std::string xlsx = ReadText(o.xlsxPath);
    REQUIRE(xlsx.size() > 4);
    CHECK(xlsx.substr(0, 2) == "PK");
    CHECK(xlsx.find("xl/charts/chart1.xml") != std::string::npos);
}

TEST_CASE("kiosk-admin central, sync and city-report from the terminal: exit codes and typed errors") {
    PgServer& server = PgServer::Shared();
    std::string db = server.NewDatabase();
    TempDir dir;
    auto admin = [&](const std::string& args) {
        std::string out = dir.File("out.txt"), err = dir.File("err.txt");
        int status =
            std::system((std::string(KIOSK_ADMIN_PATH) + " " + args + " >" + out + " 2>" + err).c_str());
        return std::make_tuple(WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadText(out), ReadText(err));
    };
    std::string url = server.Url(db), pass = " --passfile " + server.AdminPassfile();
    auto [initCode, initOut, initErr] = admin("central init --url " + url + pass);
    CHECK(initCode == 0);
    CHECK(initOut.find("-> " + std::to_string(kCentralVersion)) != std::string::npos);
    CHECK(std::get<0>(admin("central init --url " + url + pass)) == 0);
    CHECK(std::get<1>(admin("central init --url " + url + pass)).find("up to date") != std::string::npos);

    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-cli", "cam-le", 120, 51, 3);
    auto [addCode, addOut, addErr] =
        admin("central add-kiosk --url " + url + pass + " --kiosk kiosk-cli --role cli_" + db +
              " --write-passfile " + dir.File("k.pgpass"));
    CHECK(addCode == 0);
    struct stat st {};
    REQUIRE(stat(dir.File("k.pgpass").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
    // The credentials file is never replaced.
    CHECK(std::get<0>(admin("central add-kiosk --url " + url + pass + " --kiosk kiosk-cli --role cli_" + db +
                            " --write-passfile " + dir.File("k.pgpass"))) == 1);

    std::string kioskUrl = server.Url(db, "cli_" + db);
    WriteFile(dir.File("bad.pgpass"), "*:*:*:cli_" + db + ":wrong\n");
    auto [badCode, badOut, badErr] =
        admin("sync --db " + local + " --central " + kioskUrl + " --passfile " + dir.File("bad.pgpass"));
    CHECK(badCode == 1);
    CHECK(badErr.find("[auth-failed]") != std::string::npos);
    CHECK(badErr.find("wrong") == std::string::npos);  // the password is never printed
    auto [offCode, offOut, offErr] =
        admin("sync --db " + local + " --central " + server.Url(db, "x", FreePort()) + " --passfile " +
              dir.File("k.pgpass"));
    CHECK(offCode == 1);
    CHECK(offErr.find("[unreachable]") != std::string::npos);
    CHECK(Outbox(local).CountAcknowledged() == 0);

    auto [okCode, okOut, okErr] = admin("sync --db " + local + " --central " + kioskUrl + " --passfile " +
                                        dir.File("k.pgpass") + " --batch 50");
    CHECK(okCode == 0);
    CHECK(okOut.find("done: 120 result(s) sent and acknowledged, 0 waiting") != std::string::npos);
    CheckExactlyOnce(server, db, local, "kiosk-cli");

    auto [repCode, repOut, repErr] =
        admin("city-report --central " + url + pass + " --include-simulated --k 3 --html " +
              dir.File("c.html") + " --xlsx " + dir.File("c.xlsx"));
    CHECK(repCode == 0);
    CHECK(repOut.find("k = 3") != std::string::npos);
    CHECK(std::filesystem::file_size(dir.File("c.html")) > 100000);
    CHECK(std::filesystem::file_size(dir.File("c.xlsx")) > 1000);
    CHECK(std::get<0>(admin("city-report --central " + url + pass)) == 2);  // no output named
}

TEST_CASE("a server certificate that does not verify is a typed TLS error, never a fallback to plain text") {
    PgServer& server = PgServer::Shared();
    std::string db = NewCentral();
    TempDir dir;
    std::string local = dir.File("k.db");
    FillLocal(local, "kiosk-t", "hai-chau", 10, 61);
    CentralConfig c = AddKiosk(server, db, "kiosk-t", dir.File("k.pgpass"));
    // A self-signed certificate for another host name: verify-full must refuse it.
    std::string crt = server.Dir() + "/server.crt", key = server.Dir() + "/server.key";
    REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " + crt +
                         " -days 2 -subj /CN=wrong-host.invalid >/dev/null 2>&1")
                            .c_str()) == 0);
    server.Own(crt);
    server.Own(key);
    ::chmod(key.c_str(), 0600);
    std::filesystem::copy_file(crt, dir.File("root.crt"));
    {
        pg::Connection admin(server.Admin("postgres"));
        admin.Exec("ALTER SYSTEM SET ssl_cert_file = '" + crt + "'");
        admin.Exec("ALTER SYSTEM SET ssl_key_file = '" + key + "'");
        admin.Exec("ALTER SYSTEM SET ssl = on");
        admin.Exec("SELECT pg_reload_conf()");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CentralConfig tls = c;
    tls.url = c.url + "?sslmode=verify-full&sslrootcert=" + dir.File("root.crt");
    CHECK(KindOf([&] { CentralSync(Options(tls, local)).RunOnce(); }) == CentralErrorKind::Tls);
    CHECK(Outbox(local).CountAcknowledged() == 0);
    // verify-ca accepts the same certificate (it names no host), and the data then goes over TLS.
    tls.url = c.url + "?sslmode=verify-ca&sslrootcert=" + dir.File("root.crt");
    CHECK(CentralSync(Options(tls, local)).RunOnce().sent == 10);
    pg::Connection admin(server.Admin("postgres"));
    admin.Exec("ALTER SYSTEM RESET ssl");
    admin.Exec("SELECT pg_reload_conf()");
}
