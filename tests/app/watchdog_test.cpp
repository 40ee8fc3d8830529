// The systemd watchdog as systemd sees it: a real AF_UNIX datagram socket stands in the place of systemd's
// NOTIFY_SOCKET and receives what Watchdog sends (READY=1, WATCHDOG=1 at the promised rate, STOPPING=1).
#include "harness.h"

#include "kiosk/app/watchdog.h"

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

using kiosk::app::Watchdog;

namespace {

// Listens where NOTIFY_SOCKET points; sets and clears the environment the way systemd would.
class NotifyListener {
public:
    NotifyListener(const std::string& path, const char* watchdogUsec, const char* watchdogPid) {
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof addr.sun_path);
        path.copy(addr.sun_path, path.size());
        REQUIRE(bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        setenv("NOTIFY_SOCKET", path.c_str(), 1);
        if (watchdogUsec) setenv("WATCHDOG_USEC", watchdogUsec, 1);
        else unsetenv("WATCHDOG_USEC");
        if (watchdogPid) setenv("WATCHDOG_PID", watchdogPid, 1);
        else unsetenv("WATCHDOG_PID");
    }
    ~NotifyListener() {
        close(m_fd);
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
    }
    // The next datagram, or "" when none is waiting.
    std::string Next() {
        char buf[512];
        const ssize_t n = recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    }

private:
    int m_fd = -1;
};

}  // namespace

TEST_CASE("watchdog: ready once, then pings no more often than a quarter of the interval") {
    kiosk::ui::test::TempDir dir;
    NotifyListener systemd(dir.File("notify"), "400000", nullptr);  // WatchdogSec=0.4
    Watchdog w;
    REQUIRE(w.Enabled());
    REQUIRE(w.MaxSleepSeconds());
    CHECK(*w.MaxSleepSeconds() == doctest::Approx(0.4 / 3));
    w.Ready();
    CHECK(systemd.Next().rfind("READY=1", 0) == 0);
    CHECK(systemd.Next() == "WATCHDOG=1");
    w.Ready();  // a second frame: no second READY
    w.Ping();   // at once: too soon for another ping
    CHECK(systemd.Next() == "");
    std::this_thread::sleep_for(std::chrono::milliseconds(120));  // > 0.4 s / 4
    w.Ping();
    CHECK(systemd.Next() == "WATCHDOG=1");
    w.Stopping();
    CHECK(systemd.Next() == "STOPPING=1");
}

TEST_CASE("watchdog: under cage, systemd's WATCHDOG_PID names our parent and still counts") {
    kiosk::ui::test::TempDir dir;
    const std::string parent = std::to_string(getppid());
    NotifyListener systemd(dir.File("notify"), "2000000", parent.c_str());
    Watchdog w;
    CHECK(w.Enabled());
    w.Ready();
    CHECK(systemd.Next().rfind("READY=1", 0) == 0);
    CHECK(systemd.Next() == "WATCHDOG=1");
}

TEST_CASE("watchdog: a WATCHDOG_PID of another process, or no WATCHDOG_USEC, leaves pinging off") {
    kiosk::ui::test::TempDir dir;
    {
        NotifyListener systemd(dir.File("other"), "2000000", "1");
        Watchdog w;
        CHECK_FALSE(w.Enabled());
        CHECK_FALSE(w.MaxSleepSeconds());
        w.Ready();  // readiness is still reported: Type=notify needs it
        CHECK(systemd.Next().rfind("READY=1", 0) == 0);
        CHECK(systemd.Next() == "");
    }
    {
        NotifyListener systemd(dir.File("nousec"), nullptr, nullptr);
        Watchdog w;
        CHECK_FALSE(w.Enabled());
        w.Ping();
        CHECK(systemd.Next() == "");
    }
}

TEST_CASE("watchdog: outside systemd every call is a no-op") {
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "1000000", 1);  // without a socket there is no one to ping
    Watchdog w;
    CHECK_FALSE(w.Enabled());
    w.Ready();
    w.Ping();
    w.Stopping();
    unsetenv("WATCHDOG_USEC");
}
