// The systemd side of the kiosk's life: "ready" after the first frame, and watchdog pings from the frame
// loop so systemd restarts a kiosk whose loop has hung (WatchdogSec= in danang-kiosk.service). Outside
// systemd (a checkout, a test without NOTIFY_SOCKET) every call is a cheap no-op.
#pragma once

#include <chrono>
#include <optional>

namespace kiosk::app {

class Watchdog {
public:
    // Reads NOTIFY_SOCKET / WATCHDOG_USEC / WATCHDOG_PID from the environment. The kiosk runs as cage's child,
    // so systemd's WATCHDOG_PID names cage (our parent): pinging is on when it names us or our parent.
    Watchdog();

    bool Enabled() const { return m_interval.has_value(); }
    // Tell systemd the kiosk is up (Type=notify); sent once.
    void Ready();
    // Call every loop turn: sends WATCHDOG=1 at most every interval/4, so an idle loop costs nothing extra.
    void Ping();
    // Longest the loop may sleep and still ping in time (interval/3); nothing when the watchdog is off.
    std::optional<double> MaxSleepSeconds() const;
    // Tell systemd a deliberate exit is under way (STOPPING=1).
    void Stopping();

private:
    std::optional<std::chrono::microseconds> m_interval;
    std::chrono::steady_clock::time_point m_lastPing{};
    bool m_notify = false;  // NOTIFY_SOCKET is set
    bool m_ready = false;
};

}  // namespace kiosk::app
