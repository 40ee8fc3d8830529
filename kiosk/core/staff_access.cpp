// PIN rules, Argon2id hashing through libsodium, the atomic hash file, and the lockout counter.
#include "kiosk/core/staff_access.h"

#include <sodium.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>

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

std::optional<std::string> LoadPinHash(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return std::nullopt;
    char buf[crypto_pwhash_STRBYTES + 2] = {};
    std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    std::string s(buf, n);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (s.rfind("$argon2id$", 0) != 0) return std::nullopt;
    return s;
}

bool SavePinHash(const std::string& path, const std::string& hash, std::string& error) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = "cannot create " + tmp;
        return false;
    }
    std::string line = hash + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        error = "cannot write " + path;
        return false;
    }
    // Make the rename itself durable.
    std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
    int dfd = ::open(dir.empty() ? "/" : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return true;
}

Millis PinLock::LockRemaining() const {
    auto left = std::chrono::duration_cast<Millis>(m_lockedUntil - m_clock.Now());
    return std::max(left, Millis(0));
}

void PinLock::RecordFailure() {
    ++m_failures;
    if (m_failures < kFreeAttempts) return;
    // 30 s at the 5th failure, doubling with each one after, capped at 15 minutes.
    int extra = std::min(m_failures - kFreeAttempts, 5);
    Millis lock = std::min(Millis(30'000) * (1 << extra), Millis(15 * 60'000));
    m_lockedUntil = m_clock.Now() + lock;
}

void PinLock::RecordSuccess() {
    m_failures = 0;
    m_lockedUntil = TimePoint{};
}

}  // namespace kiosk::core
