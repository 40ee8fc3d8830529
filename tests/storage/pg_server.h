// A real PostgreSQL 15 for the central-sync tests: initdb into a temporary folder, pg_ctl on a free loopback
// port (and a private Unix socket directory), stopped and removed when the test process ends. As root the
// server runs as the unprivileged `postgres` user (PostgreSQL refuses to run as root). Also: a loopback TCP
// proxy that can cut every connection it carries, and helpers that compare local and central rows.
#pragma once

#include "storage/central_db.h"
#include "storage/sqlite_db.h"
#include "test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::storage::test {

inline constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin/";

inline int FreePort() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

inline void WriteFile(const std::string& path, const std::string& text, int mode = 0600) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    ::chmod(path.c_str(), static_cast<mode_t>(mode));
}

class PgServer {
  public:
    PgServer() : m_port(FreePort()) {
        m_asPostgres = ::geteuid() == 0;
        if (m_asPostgres) {
            passwd* pw = ::getpwnam("postgres");
            REQUIRE_MESSAGE(pw,
                            "running as root needs the postgres user (Debian's postgresql-15 creates it)");
            m_uid = pw->pw_uid;
            m_gid = pw->pw_gid;
        }
        std::string data = m_dir.File("data"), sock = m_dir.File("sock");
        std::filesystem::create_directories(sock);
        Own(m_dir.Path().string());
        Own(sock);
        m_password = "pw-" + std::to_string(m_port) + "-admin";
        WriteFile(m_dir.File("pwfile"), m_password + "\n", 0600);
        Own(m_dir.File("pwfile"));
        REQUIRE(Run(std::string(kPgBin) + "initdb -D " + data +
                    " -U kadmin --pwfile=" + m_dir.File("pwfile") +
                    " --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >" +
                    m_dir.File("initdb.log") + " 2>&1") == 0);
        std::ofstream(data + "/postgresql.conf", std::ios::app)
            << "listen_addresses = '127.0.0.1'\nport = " << m_port << "\nunix_socket_directories = '" << sock
            << "'\nfsync = off\nmax_connections = 40\nshared_buffers = 16MB\nlog_min_messages = warning\n";
        Start();
        m_adminPassfile = m_dir.File("admin.pgpass");  // owned by this process's user, mode 600
        WriteFile(m_adminPassfile, "*:*:*:kadmin:" + m_password + "\n");
    }
    ~PgServer() { Stop(); }
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    // The server shared by all tests of this process (databases keep them apart).
    static PgServer& Shared() {
        static PgServer server;
        return server;
    }

    int Port() const { return m_port; }
    const std::string& AdminPassfile() const { return m_adminPassfile; }
    std::string Dir() const { return m_dir.Path().string(); }

    void Start() {
        REQUIRE(Ctl("start -w -t 60 -l " + m_dir.File("server.log")) == 0);
        m_running = true;
    }
    // mode: fast (clean) or immediate (like a crash: open transactions are lost).
    void Stop(const std::string& mode = "fast") {
        if (!m_running) return;
        Ctl("stop -w -t 60 -m " + mode);
        m_running = false;
    }
    void Restart(const std::string& mode) {
        Stop(mode);
        Start();
    }

    std::string Url(const std::string& db, const std::string& user = "kadmin", int port = 0) const {
        return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port ? port : m_port) + "/" + db;
    }
    CentralConfig Admin(const std::string& db) const {
        CentralConfig c;
        c.url = Url(db);
        c.passfile = m_adminPassfile;
        return c;
    }

    // A fresh database with the central schema.
    std::string NewDatabase() {
        std::string name = "t" + std::to_string(++m_databases);
        pg::Connection admin(Admin("postgres"));
        admin.Exec("DROP DATABASE IF EXISTS " + name);
        admin.Exec("CREATE DATABASE " + name);
        return name;
    }

    // Runs a command (as postgres when root). Returns its exit status.
    int Run(const std::string& command) const {
        std::string full = m_asPostgres ? "runuser -u postgres -- sh -c '" + command + "'" : command;
        return std::system(full.c_str());
    }
    void Own(const std::string& path) const {
        if (m_asPostgres) REQUIRE(::chown(path.c_str(), m_uid, m_gid) == 0);
    }
    bool AsPostgres() const { return m_asPostgres; }

  private:
    int Ctl(const std::string& args) const {
        return Run(std::string(kPgBin) + "pg_ctl -D " + m_dir.File("data") + " " + args + " >>" +
                   m_dir.File("pg_ctl.log") + " 2>&1");
    }

    TempDir m_dir;
    int m_port;
    bool m_asPostgres = false, m_running = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    std::string m_password, m_adminPassfile;
    int m_databases = 0;
};

// A loopback TCP proxy to the server; CutAll() closes every connection it carries (both directions), as a
// network failure would mid-transaction. With cutAfterBytes > 0 it also cuts each connection by itself after
// that many bytes went to the server.
class CuttingProxy {
  public:
    CuttingProxy(int targetPort, std::size_t cutAfterBytes = 0)
        : m_target(targetPort), m_cutAfter(cutAfterBytes) {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        REQUIRE(::listen(m_listen, 16) == 0);
        m_thread = std::thread([this] { Loop(); });
    }
    ~CuttingProxy() {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
        for (auto& c : m_conns) CloseConn(c);
    }
    int Port() const { return m_port; }
    void CutAll() { m_cut = true; }
    int Cuts() const { return m_cuts; }
    void SetCutAfter(std::size_t bytes) { m_cutAfter = bytes; }

  private:
    struct Conn {
        int client = -1, server = -1;
        std::size_t toServer = 0;
    };
    static void CloseConn(Conn& c) {
        if (c.client >= 0) ::close(c.client);
        if (c.server >= 0) ::close(c.server);
        c.client = c.server = -1;
    }
    void Loop() {
        while (!m_stop) {
            if (m_cut.exchange(false)) {
                for (auto& c : m_conns) {
                    if (c.client >= 0) ++m_cuts;
                    CloseConn(c);
                }
            }
            std::vector<pollfd> fds{{m_listen, POLLIN, 0}};
            for (auto& c : m_conns) {
                fds.push_back({c.client, POLLIN, 0});
                fds.push_back({c.server, POLLIN, 0});
            }
            if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
            if (fds[0].revents & POLLIN) {
                int client = ::accept(m_listen, nullptr, nullptr);
                int server = ::socket(AF_INET, SOCK_STREAM, 0);
                sockaddr_in a{};
                a.sin_family = AF_INET;
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                a.sin_port = htons(static_cast<std::uint16_t>(m_target));
                if (client >= 0 && ::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
                    m_conns.push_back({client, server, 0});
                } else {
                    if (client >= 0) ::close(client);
                    ::close(server);
                }
                continue;  // the fd list changed
            }
            for (std::size_t i = 0; i < m_conns.size(); ++i) {
                Conn& c = m_conns[i];
                for (int side = 0; side < 2 && c.client >= 0; ++side) {
                    const pollfd& p = fds[1 + 2 * i + static_cast<std::size_t>(side)];
                    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
                    char buf[16384];
                    ssize_t n = ::read(p.fd, buf, sizeof buf);
                    int to = side == 0 ? c.server : c.client;
                    if (n <= 0 || ::write(to, buf, static_cast<std::size_t>(n)) != n) {
                        CloseConn(c);
                        break;
                    }
                    if (side == 0) {
                        c.toServer += static_cast<std::size_t>(n);
                        if (m_cutAfter && c.toServer > m_cutAfter) {
                            ++m_cuts;
                            CloseConn(c);
                        }
                    }
                }
            }
            m_conns.erase(
                std::remove_if(m_conns.begin(), m_conns.end(), [](const Conn& c) { return c.client < 0; }),
                m_conns.end());
        }
    }

    int m_target, m_port = 0, m_listen = -1;
    std::atomic<std::size_t> m_cutAfter;
    std::atomic<bool> m_stop{false}, m_cut{false};
    std::atomic<int> m_cuts{0};
    std::vector<Conn> m_conns;
    std::thread m_thread;
};

// A canonical text of every result row: "id|kiosk|…|score…" with doubles as %.17g, so local and central
// rows compare byte for byte.
inline std::string Canon(const std::vector<std::optional<std::string>>& fields) {
    std::string out;
    for (const auto& f : fields) {
        out += f ? *f : std::string("\\N");
        out.push_back('|');
    }
    return out;
}

inline std::string G17(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

// id (hex) -> canonical row, from the local SQLite file.
inline std::map<std::string, std::string> LocalRows(const std::string& path) {
    sql::Connection db(path, SQLITE_OPEN_READONLY);
    sql::Statement st(
        db,
        "SELECT hex(id), kiosk_id, location_code, questionnaire_id, questionnaire_version,"
        " questionnaire_sha256, day, language, assisted, age_band, gender, simulated, overall_score,"
        " overall_level, knowledge, skill, attitude, answers, area_scores, competency_scores"
        " FROM results");
    std::map<std::string, std::string> rows;
    while (st.Step()) {
        std::vector<std::optional<std::string>> f;
        std::string id(st.Text(0));
        for (auto& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        f.emplace_back(id);
        for (int c = 1; c <= 10; ++c) f.emplace_back(std::string(st.Text(c)));
        f.emplace_back(st.Int(11) ? "t" : "f");
        for (int c : {12, 13, 14, 15, 16}) {
            if (st.IsNull(c))
                f.emplace_back(std::nullopt);
            else
                f.emplace_back(c == 13 ? std::string(st.Text(c)) : G17(st.Double(c)));
        }
        for (int c = 17; c <= 19; ++c) f.emplace_back(std::string(st.Text(c)));
        rows[id] = Canon(f);
    }
    return rows;
}

// id (hex) -> canonical row, from the central table; `count` gets the number of rows (duplicates would show).
inline std::map<std::string, std::string> CentralRows(pg::Connection& db, const std::string& kioskId,
                                                      long long* count = nullptr) {
    auto r = db.Exec(
        "SELECT encode(id, 'hex'), kiosk_id, location_code, questionnaire_id, questionnaire_version,"
        " questionnaire_sha256, day::text, language, assisted, age_band, gender,"
        " CASE WHEN simulated THEN 't' ELSE 'f' END, overall_score::text, overall_level,"
        " knowledge::text, skill::text, attitude::text, answers, area_scores, competency_scores"
        " FROM kiosk_central.results WHERE kiosk_id = $1",
        {kioskId});
    std::map<std::string, std::string> rows;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
        std::vector<std::optional<std::string>> f;
        for (std::size_t c = 0; c < r.cells[i].size(); ++c) {
            if (r.nulls[i][c])
                f.emplace_back(std::nullopt);
            else if (c == 12 || c == 14 || c == 15 || c == 16)
                f.emplace_back(G17(std::stod(r.cells[i][c])));
            else
                f.emplace_back(r.cells[i][c]);
        }
        rows[r.cells[i][0]] = Canon(f);
    }
    if (count) *count = static_cast<long long>(r.cells.size());
    return rows;
}

}  // namespace kiosk::storage::test
