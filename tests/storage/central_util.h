// Helpers of the central-sync tests: local databases filled with varied results, kiosk roles on the test
// server, and the "exactly once, same bytes, nothing falsely acknowledged" check run after every fault.
#pragma once

#include "pg_server.h"
#include "storage/central_sync.h"
#include "storage/outbox.h"
#include "storage/result_store.h"

#include <random>

namespace kiosk::storage::test {

// Stores `n` results for kiosk `kioskId` at `location` (every `simulatedEvery`-th simulated, 0 = none).
inline void FillLocal(const std::string& path, const std::string& kioskId, const std::string& location, int n,
                      unsigned seed, int simulatedEvery = 0) {
    StoreConfig c;
    c.path = path;
    c.kioskId = kioskId;
    c.locationCode = location;
    ResultStore store(c);
    std::mt19937 rng(seed);
    const char* ages[] = {"under-30", "30-44", "45-59", "60-74", "75-plus"};
    const char* genders[] = {"female", "male"};
    for (int done = 0; done < n;) {
        std::vector<std::unique_ptr<OwnedRecord>> owned;
        std::vector<ResultRecord> records;
        for (int i = 0; i < 200 && done < n; ++i, ++done) {
            auto answers = FullAnswers(static_cast<int>(rng() % 4), static_cast<int>(rng() % 2));
            char day[16];
            std::snprintf(day, sizeof day, "2026-%02d-%02d", 1 + static_cast<int>(rng() % 11),
                          1 + static_cast<int>(rng() % 28));
            owned.push_back(MakeRecord(MiniQuestionnaire(), answers, day, ages[rng() % 5], genders[rng() % 2],
                                       rng() % 3 ? "no" : "yes",
                                       simulatedEvery > 0 && done % simulatedEvery == 0));
            records.push_back(owned.back()->record);
        }
        store.SaveBatch(records);
    }
}

// A fresh database on the shared test server with the central schema; returns its name.
inline std::string NewCentral() {
    PgServer& server = PgServer::Shared();
    std::string db = server.NewDatabase();
    pg::Connection admin(server.Admin(db));
    InitCentral(admin);
    return db;
}

// Registers `kioskId` with a new login role on database `db`; returns the kiosk's central config.
inline CentralConfig AddKiosk(PgServer& server, const std::string& db, const std::string& kioskId,
                              const std::string& passfile, int port = 0) {
    pg::Connection admin(server.Admin(db));
    std::string role = "k_" + db + "_" + kioskId;
    std::string password = AddCentralRole(admin, "kiosk", role, kioskId);
    WritePassfile(passfile, "*", "*", "*", role, password);
    CentralConfig c;
    c.url = server.Url(db, role, port);
    c.passfile = passfile;
    c.connectTimeoutSeconds = 5;
    return c;
}

// After any fault: every local result is in the central table exactly once with the same values, and
// every result marked acknowledged locally is really there.
inline void CheckExactlyOnce(PgServer& server, const std::string& db, const std::string& localPath,
                             const std::string& kioskId, bool requireAll = true) {
    auto local = LocalRows(localPath);
    pg::Connection admin(server.Admin(db));
    long long centralCount = 0;
    auto central = CentralRows(admin, kioskId, &centralCount);
    CHECK(centralCount == static_cast<long long>(central.size()));  // no id twice
    // Acknowledged locally => committed centrally.
    {
        sql::Connection l(localPath, SQLITE_OPEN_READONLY);
        sql::Statement st(l, "SELECT lower(hex(id)) FROM central_acks");
        long long acked = 0, missing = 0;
        while (st.Step()) {
            ++acked;
            if (!central.count(std::string(st.Text(0)))) ++missing;
        }
        CHECK(missing == 0);
        if (requireAll) CHECK(acked == static_cast<long long>(local.size()));
    }
    for (const auto& [id, row] : central) {
        auto it = local.find(id);
        REQUIRE_MESSAGE(it != local.end(), "central row " << id << " is not a local result");
        CHECK(it->second == row);
    }
    if (requireAll) CHECK(central.size() == local.size());
}

}  // namespace kiosk::storage::test
