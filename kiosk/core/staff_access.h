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

// The hash file: one line holding the hash, written through WriteFileAtomically with mode 0600, so a power
// cut leaves either the old or the new PIN, never none.
//
// Only a file that does not exist means "no PIN yet" (first start: staff set one at the kiosk). A file that
// exists but cannot be read or does not hold a hash means the PIN pad is locked until a technician runs
// `kiosk-admin set-pin`: a damaged file must never let a walk-up user choose a new PIN.
enum class PinFileState { Missing, Ok, Unreadable };
struct PinFile {
    PinFileState state = PinFileState::Missing;
    std::string hash;    // when Ok
    std::string detail;  // when Unreadable: why (for the log)
};
PinFile ReadPinFile(const std::string& path);
// The hash when the file is Ok.
std::optional<std::string> LoadPinHash(const std::string& path);
[[nodiscard]] bool SavePinHash(const std::string& path, const std::string& hash, std::string& error);

// Where PinLock keeps its failure count beside the hash file ("" when pinFile is "").
std::string PinAttemptsFileFor(const std::string& pinFile);

// A lockout's state as it is kept between runs: the wrong PINs in a row and what is left of the lock.
struct PinAttempts {
    int failures = 0;
    Millis lockRemaining{0};
};

// The attempts file (JSON {"failures", "locked_until": wall-clock seconds}, 0600, written atomically). A file
// that does not exist is no failures; one that exists but cannot be read or parsed counts as five failures
// (a fresh lock), never as none. After a restart the lock runs on for what was left of it, but never for
// longer than its full length, whatever the wall clock says (no RTC battery).
PinAttempts ReadPinAttempts(const std::string& path);
[[nodiscard]] bool WritePinAttempts(const std::string& path, const PinAttempts& attempts, std::string& error);

// Counts wrong PINs: after 5 in a row the pad locks for 30 s, each further wrong PIN doubles the lock (up to
// 15 minutes). A right PIN resets everything. Without a state file it does no I/O (the staff flow keeps it
// so, and hands State() to the app to store); with one (kiosk-admin, tests) it reads the file when made and
// writes it after every change.
class PinLock {
  public:
    explicit PinLock(const Clock& clock, std::string stateFile = {});
    bool Locked() const { return LockRemaining().count() > 0; }
    Millis LockRemaining() const;
    int FailuresInARow() const { return m_failures; }
    // Record an attempt's outcome; a wrong attempt may start a lock.
    void RecordFailure();
    void RecordSuccess();

    // The state to keep across a restart, and putting it back (the lock is capped at its full length).
    PinAttempts State() const;
    void Restore(const PinAttempts& attempts);

    static constexpr int kFreeAttempts = 5;

    // Writes the count and lock to `stateFile` (kiosk-admin set-pin resets it with a fresh PinLock).
    void Persist() const;

  private:
    const Clock& m_clock;
    std::string m_stateFile;
    int m_failures = 0;
    TimePoint m_lockedUntil{};
};

}  // namespace kiosk::core
