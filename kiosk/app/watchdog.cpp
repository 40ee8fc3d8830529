// sd_notify(3) from libsystemd; the watchdog interval is read here rather than with sd_watchdog_enabled(),
// which rejects it whenever WATCHDOG_PID is not our own pid — and under cage it is cage's.
#include "kiosk/app/watchdog.h"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace kiosk::app {
namespace {

std::optional<unsigned long long> EnvNumber(const char* name) {
    const char* text = std::getenv(name);
    if (!text || !*text) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (errno || *end || value == 0) return std::nullopt;
    return value;
}

}  // namespace

Watchdog::Watchdog() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    m_notify = socket && *socket;
    const auto usec = EnvNumber("WATCHDOG_USEC");
    const auto pid = EnvNumber("WATCHDOG_PID");
    const bool forUs = !pid || *pid == static_cast<unsigned long long>(getpid()) ||
                       *pid == static_cast<unsigned long long>(getppid());
    if (m_notify && usec && forUs) m_interval = std::chrono::microseconds(*usec);
}

void Watchdog::Ready() {
    if (!m_notify || m_ready) return;
    m_ready = true;
    sd_notify(0, "READY=1\nSTATUS=Showing the kiosk");
    m_lastPing = std::chrono::steady_clock::now();
    if (m_interval) sd_notify(0, "WATCHDOG=1");
}

void Watchdog::Ping() {
    if (!m_interval) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastPing < *m_interval / 4) return;
    m_lastPing = now;
    sd_notify(0, "WATCHDOG=1");
}

std::optional<double> Watchdog::MaxSleepSeconds() const {
    if (!m_interval) return std::nullopt;
    return std::chrono::duration<double>(*m_interval).count() / 3;
}

void Watchdog::Stopping() {
    if (m_notify) sd_notify(0, "STOPPING=1");
}

}  // namespace kiosk::app
