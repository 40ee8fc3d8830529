// PIN rules, Argon2id hashing through libsodium, the atomic hash file, and the lockout counter.
#include "kiosk/core/staff_access.h"

#include "kiosk/core/atomic_file.h"
#include "kiosk/core/text.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kiosk::core {

std::string CheckNewPin(std::string_view pin) {
    if (pin.size() < 6 || pin.size() > 10) return "a PIN has 6 to 10 digits";
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "a PIN has digits only";
    if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; }))
        return "a PIN must not repeat one digit";
    bool up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    if (up || down) return "a PIN must not be a run of digits such as 123456";
    return {};
}

std::string HashPin(std::string_view pin) {
    if (sodium_init() < 0) return {};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return out;
}

bool VerifyPin(const std::string& hash, std::string_view pin) {
    if (sodium_init() < 0 || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

PinFile ReadPinFile(const std::string& path) {
    PinFile out;
    if (path.empty()) return out;
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return out;  // the only state that means "no PIN yet"
        out.state = PinFileState::Unreadable;
        out.detail = std::string("cannot open it: ") + std::strerror(errno);
        return out;
    }
    struct stat st {};
    char buf[crypto_pwhash_STRBYTES + 8] = {};
    ssize_t n = -1;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) n = ::read(fd, buf, sizeof buf - 1);
    int err = errno;
    ::close(fd);
    out.state = PinFileState::Unreadable;
    if (!S_ISREG(st.st_mode)) {
        out.detail = "it is not a regular file";
        return out;
    }
    if (n < 0) {
        out.detail = std::string("cannot read it: ") + std::strerror(err);
        return out;
    }
    std::string s(buf, static_cast<std::size_t>(n));
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (s.rfind("$argon2id$", 0) != 0 || s.size() >= crypto_pwhash_STRBYTES ||
        s.find_first_of("\n\r", 0) != std::string::npos || static_cast<std::size_t>(n) >= sizeof buf - 1) {
        out.detail = "it does not hold a PIN hash (damaged?)";
        return out;
    }
    out.state = PinFileState::Ok;
    out.hash = std::move(s);
    return out;
}

std::optional<std::string> LoadPinHash(const std::string& path) {
    PinFile f = ReadPinFile(path);
    if (f.state != PinFileState::Ok) return std::nullopt;
    return f.hash;
}

bool SavePinHash(const std::string& path, const std::string& hash, std::string& error) {
    if (auto e = WriteFileAtomically(path, hash + "\n", 0600)) {
        error = e->detail;
        return false;
    }
    return true;
}

std::string PinAttemptsFileFor(const std::string& pinFile) {
    return pinFile.empty() ? std::string() : pinFile + ".attempts";
}

namespace {

// The lock that `failures` wrong PINs in a row earn: 30 s at the 5th, doubling, capped at 15 minutes.
Millis LockFor(int failures) {
    if (failures < PinLock::kFreeAttempts) return Millis(0);
    int extra = std::min(failures - PinLock::kFreeAttempts, 5);
    return std::min(Millis(30'000) * (1 << extra), Millis(15 * 60'000));
}

std::int64_t WallSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

PinAttempts ReadPinAttempts(const std::string& path) {
    PinAttempts out;
    if (path.empty()) return out;
    std::string bytes, error;
    if (!ReadFileBytes(path, bytes, error, 4096)) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) return out;  // no file: no failures
        out.failures = PinLock::kFreeAttempts;             // exists, unreadable
        out.lockRemaining = LockFor(out.failures);
        return out;
    }
    auto doc = nlohmann::json::parse(bytes, nullptr, false);
    if (!doc.is_object() || !doc.value("failures", nlohmann::json()).is_number_integer() ||
        !doc.value("locked_until", nlohmann::json()).is_number_integer()) {
        out.failures = PinLock::kFreeAttempts;
        out.lockRemaining = LockFor(out.failures);
        return out;
    }
    out.failures = static_cast<int>(std::clamp<std::int64_t>(doc["failures"].get<std::int64_t>(), 0, 1000));
    const std::int64_t left = doc["locked_until"].get<std::int64_t>() - WallSeconds();
    // A wall clock set back (no RTC battery) must not lock for longer than the lock itself.
    out.lockRemaining = std::clamp(Millis(std::clamp<std::int64_t>(left, 0, 86'400) * 1000), Millis(0), LockFor(out.failures));
    return out;
}

bool WritePinAttempts(const std::string& path, const PinAttempts& attempts, std::string& error) {
    const std::int64_t lockedUntil = WallSeconds() + (attempts.lockRemaining.count() + 999) / 1000;
    nlohmann::json doc = {{"failures", attempts.failures}, {"locked_until", lockedUntil}};
    if (auto e = WriteFileAtomically(path, doc.dump() + "\n", 0600)) {
        error = e->detail;
        return false;
    }
    return true;
}

PinLock::PinLock(const Clock& clock, std::string stateFile) : m_clock(clock), m_stateFile(std::move(stateFile)) {
    if (!m_stateFile.empty()) Restore(ReadPinAttempts(m_stateFile));
}

PinAttempts PinLock::State() const { return {m_failures, LockRemaining()}; }

void PinLock::Restore(const PinAttempts& attempts) {
    m_failures = std::clamp(attempts.failures, 0, 1000);
    const Millis remaining = std::clamp(attempts.lockRemaining, Millis(0), LockFor(m_failures));
    m_lockedUntil = remaining.count() > 0 ? m_clock.Now() + remaining : TimePoint{};
}

void PinLock::Persist() const {
    if (m_stateFile.empty()) return;
    std::string error;
    // Best effort: a full disk must not stop the PIN pad; the count in memory still applies.
    (void)WritePinAttempts(m_stateFile, State(), error);
}

Millis PinLock::LockRemaining() const {
    auto left = std::chrono::duration_cast<Millis>(m_lockedUntil - m_clock.Now());
    return std::max(left, Millis(0));
}

void PinLock::RecordFailure() {
    ++m_failures;
    if (m_failures >= kFreeAttempts) m_lockedUntil = m_clock.Now() + LockFor(m_failures);
    Persist();
}

void PinLock::RecordSuccess() {
    const bool changed = m_failures != 0;
    m_failures = 0;
    m_lockedUntil = TimePoint{};
    if (changed) Persist();
}

}  // namespace kiosk::core
