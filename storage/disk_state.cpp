// Inspection of the database's files before SQLite opens them, moving unexpected sets aside, and recovery
// of a write-ahead log whose main file was lost (see disk_state.h).
#include "storage/disk_state.h"

#include "storage/record_codec.h"
#include "storage/result_store.h"
#include "storage/schema.h"
#include "storage/sqlite_db.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace kiosk::storage {
namespace {

namespace fs = std::filesystem;

// Size of a regular file, or -1 when there is none.
std::int64_t SizeOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return -1;
    return static_cast<std::int64_t>(st.st_size);
}

void SyncDirectory(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

std::uint32_t BigEndian32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

DiskInspection InspectDatabaseFiles(const std::string& path) {
    DiskInspection out;
    std::int64_t main = SizeOf(path), wal = SizeOf(path + "-wal"), journal = SizeOf(path + "-journal");
    if (main <= 0) {
        if (wal > 0) {
            out.state = DiskState::LogWithoutMain;
            out.detail = "the database file is " + std::string(main < 0 ? "missing" : "empty") +
                         " but its write-ahead log (" + std::to_string(wal) + " bytes) is there";
        } else if (journal > 0) {
            out.state = DiskState::LogWithoutMain;
            out.detail = "the database file is " + std::string(main < 0 ? "missing" : "empty") +
                         " but a rollback journal is there";
        }
        return out;
    }
    char header[16] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(header, sizeof header);
    if (in.gcount() == sizeof header && std::memcmp(header, "SQLite format 3", 16) == 0) {
        out.state = DiskState::Normal;
        return out;
    }
    out.state = DiskState::NotSqlite;
    out.detail = "the database file (" + std::to_string(main) + " bytes) is not an SQLite database";
    return out;
}

std::string MoveDatabaseAside(const std::string& path, const std::string& label) {
    std::string aside =
        path + "." + label + "-" + TodayLocalDate() + "-" + codec::HexId(codec::NewResultId()).substr(0, 8);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::string from = path + suffix, to = aside + suffix;
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(from, ec))) continue;
        fs::rename(from, to, ec);
        if (ec) {
            throw StorageError(StorageErrorKind::Corrupt, "the database " + path +
                                                              " could not be moved aside to " + to + ": " +
                                                              ec.message());
        }
    }
    SyncDirectory(fs::path(path).parent_path());
    return aside;
}

std::vector<std::string> MovedAsideSets(const std::string& path) {
    std::vector<std::string> out;
    fs::path p(path);
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::string base = p.filename().string();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        for (const char* label : {".corrupt-", ".unexpected-"}) {
            std::string prefix = base + label;
            if (name.rfind(prefix, 0) != 0) continue;
            // The main name only: companions end in -wal, -shm or -journal.
            bool companion = false;
            for (const char* s : {"-wal", "-shm", "-journal"}) {
                std::size_t n = std::strlen(s);
                companion = companion || (name.size() > n && name.compare(name.size() - n, n, s) == 0);
            }
            // A set whose main file was missing is known by its log.
            if (companion) {
                std::string main = name.substr(0, name.rfind('-'));
                if (fs::exists(dir / main, ec)) continue;
                name = main;
            }
            std::string full = (dir / name).string();
            if (std::find(out.begin(), out.end(), full) == out.end()) out.push_back(full);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::int64_t> RecoverFromWal(const std::string& wal, const std::string& target, std::string& detail) {
    // SQLite reads a database in WAL mode only when its main file's header says so; the header is page 1,
    // and a log that holds every page holds page 1. Copy that page into a new main file beside a copy of
    // the log, and let SQLite's own recovery (which checks the frames' checksums) do the rest.
    std::ifstream in(wal, std::ios::binary);
    unsigned char header[32];
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) {
        detail = "the write-ahead log is too short";
        return std::nullopt;
    }
    std::uint32_t magic = BigEndian32(header);
    std::uint32_t pageSize = BigEndian32(header + 8);
    if (pageSize == 1) pageSize = 65536;
    if ((magic != 0x377f0682 && magic != 0x377f0683) || pageSize < 512 || pageSize > 65536 ||
        (pageSize & (pageSize - 1)) != 0) {
        detail = "the write-ahead log has no valid header";
        return std::nullopt;
    }
    std::string page, frame(24, '\0');
    std::string candidate(pageSize, '\0');
    while (in.read(frame.data(), 24) && in.read(candidate.data(), pageSize)) {
        if (BigEndian32(reinterpret_cast<const unsigned char*>(frame.data())) == 1) page = candidate;
    }
    if (page.empty() || page.compare(0, 16, std::string("SQLite format 3\0", 16)) != 0) {
        detail = "the write-ahead log does not hold the database's first page";
        return std::nullopt;
    }
    const std::string work = target + ".recovering-" + codec::HexId(codec::NewResultId()).substr(0, 8);
    auto cleanup = [&] {
        // Only the working copies made here; the log that was moved aside stays as it is.
        for (const char* s : {"", "-wal", "-shm", "-journal", ".out"}) ::unlink((work + s).c_str());
    };
    {
        std::ofstream m(work, std::ios::binary | std::ios::trunc);
        m.write(page.data(), static_cast<std::streamsize>(page.size()));
        std::error_code ec;
        fs::copy_file(wal, work + "-wal", ec);
        if (!m || ec) {
            cleanup();
            detail = "cannot make a working copy beside the database";
            return std::nullopt;
        }
    }
    std::int64_t results = 0;
    try {
        {
            sql::Connection db(work, SQLITE_OPEN_READWRITE);
            std::string check = db.QueryText("PRAGMA quick_check");
            if (check != "ok") throw StorageError(StorageErrorKind::Corrupt, "the log is incomplete: " + check);
            schema::RequireCurrent(db);
            results = db.QueryInt("SELECT count(*) FROM results");
            sql::Statement vacuum(db, "VACUUM INTO ?1");
            vacuum.Bind(1, work + ".out");
            vacuum.Step();
        }
        // link() never replaces: if something appeared at `target` meanwhile, it is left alone.
        if (::link((work + ".out").c_str(), target.c_str()) != 0)
            throw StorageError(StorageErrorKind::CannotOpen,
                               "cannot put the recovered database at " + target + ": " + std::strerror(errno));
        SyncDirectory(fs::path(target).parent_path());
        cleanup();
    } catch (const StorageError& e) {
        cleanup();
        detail = e.what();
        return std::nullopt;
    }
    return results;
}

}  // namespace kiosk::storage
