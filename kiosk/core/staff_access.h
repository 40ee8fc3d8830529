// Staff access: the PIN is kept only as an Argon2id hash (libsodium crypto_pwhash_str) in a small file
// beside the configuration, and a PinLock slows guessing down with growing lockouts. No PIN digits are ever
// stored or logged.
#pragma once

#include "kiosk/core/session.h"

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::core {

// A PIN is 6 to 10 digits, not all the same digit and not a straight run such as 123456 or 987654.
// Returns an empty string when acceptable, otherwise the reason (English; the UI shows its own words).
std::string CheckNewPin(std::string_view pin);

// Argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=…"). Empty on failure
// (out of memory).
std::string HashPin(std::string_view pin);
bool VerifyPin(const std::string& hash, std::string_view pin);

// The hash file: one line holding the hash. Writes go to a temporary file that is fsync'd and renamed, with
// mode 0600, so a power cut leaves either the old or the new PIN, never none.
std::optional<std::string> LoadPinHash(const std::string& path);
bool SavePinHash(const std::string& path, const std::string& hash, std::string& error);

// Counts wrong PINs: after 5 in a row the pad locks for 30 s, each further wrong PIN doubles the lock (up to
// 15 minutes). A right PIN resets everything.
class PinLock {
  public:
    explicit PinLock(const Clock& clock) : m_clock(clock) {}
    bool Locked() const { return LockRemaining().count() > 0; }
    Millis LockRemaining() const;
    int FailuresInARow() const { return m_failures; }
    // Record an attempt's outcome; a wrong attempt may start a lock.
    void RecordFailure();
    void RecordSuccess();

    static constexpr int kFreeAttempts = 5;

  private:
    const Clock& m_clock;
    int m_failures = 0;
    TimePoint m_lockedUntil{};
};

}  // namespace kiosk::core
