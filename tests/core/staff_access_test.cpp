// Staff PIN rules, Argon2id hashing, the hash file and the lockout counter.
#include "kiosk/core/staff_access.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace kiosk::core;

TEST_CASE("CheckNewPin accepts 6 to 10 digits that are not trivial") {
    CHECK(CheckNewPin("482913").empty());
    CHECK(CheckNewPin("4829130571").empty());
    CHECK(CheckNewPin("48291").find("6 to 10") != std::string::npos);
    CHECK(CheckNewPin("48291305712").find("6 to 10") != std::string::npos);
    CHECK(CheckNewPin("48a913").find("digits only") != std::string::npos);
    CHECK(CheckNewPin("777777").find("repeat") != std::string::npos);
    CHECK(CheckNewPin("123456").find("run") != std::string::npos);
    CHECK(CheckNewPin("987654").find("run") != std::string::npos);
}

TEST_CASE("HashPin produces an Argon2id hash that verifies only the same PIN") {
    std::string hash = HashPin("482913");
    REQUIRE(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("482913") == std::string::npos);
    CHECK(VerifyPin(hash, "482913"));
    CHECK_FALSE(VerifyPin(hash, "482914"));
    CHECK_FALSE(VerifyPin(hash, ""));
    CHECK_FALSE(VerifyPin("", "482913"));
    CHECK_FALSE(VerifyPin("not a hash", "482913"));
    // Salted: the same PIN hashes differently each time.
    CHECK(HashPin("482913") != hash);
}

TEST_CASE("The PIN hash file round-trips and is private to its owner") {
    std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/kiosk-pin-test-" +
                       std::to_string(::getpid());
    std::remove(path.c_str());
    CHECK_FALSE(LoadPinHash(path).has_value());
    std::string hash = HashPin("573920"), error;
    REQUIRE(SavePinHash(path, hash, error));
    auto loaded = LoadPinHash(path);
    REQUIRE(loaded.has_value());
    CHECK(*loaded == hash);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // A file that does not hold a hash is "no PIN set", not a crash.
    std::ofstream(path) << "1234\n";
    CHECK_FALSE(LoadPinHash(path).has_value());
    std::remove(path.c_str());
    CHECK_FALSE(SavePinHash("/nonexistent-dir/pin", hash, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("PinLock allows five wrong PINs, then locks with growing delays") {
    ManualClock clock;
    PinLock lock(clock);
    for (int i = 0; i < 4; ++i) {
        lock.RecordFailure();
        CHECK_FALSE(lock.Locked());
    }
    lock.RecordFailure();  // 5th
    CHECK(lock.Locked());
    CHECK(lock.LockRemaining() == Millis(30'000));
    clock.Advance(Millis(29'999));
    CHECK(lock.Locked());
    clock.Advance(Millis(1));
    CHECK_FALSE(lock.Locked());
    lock.RecordFailure();  // 6th: doubled
    CHECK(lock.LockRemaining() == Millis(60'000));
    clock.Advance(Millis(60'000));
    lock.RecordFailure();  // 7th
    CHECK(lock.LockRemaining() == Millis(120'000));
    for (int i = 0; i < 10; ++i) {
        clock.Advance(Millis(20 * 60'000));
        lock.RecordFailure();
    }
    CHECK(lock.LockRemaining() == Millis(15 * 60'000));  // capped
    lock.RecordSuccess();
    CHECK_FALSE(lock.Locked());
    CHECK(lock.FailuresInARow() == 0);
}
