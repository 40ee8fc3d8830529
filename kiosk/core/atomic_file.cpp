// Atomic file replacement (see atomic_file.h): exclusive temporary file, fsync, rename, fsync the folder.
#include "kiosk/core/atomic_file.h"

#include <sodium.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace kiosk::core {
namespace {

std::string FolderOf(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

FileError ErrnoError(const std::string& what, int err) {
    return FileError{FileErrorKindOf(err), what + ": " + std::strerror(err)};
}

std::string RandomSuffix() {
    unsigned char bytes[4];
    if (sodium_init() >= 0) {
        randombytes_buf(bytes, sizeof bytes);
    } else {
        auto v = static_cast<unsigned>(::getpid()) ^ static_cast<unsigned>(std::time(nullptr));
        std::memcpy(bytes, &v, sizeof bytes);
    }
    static const char* hex = "0123456789abcdef";
    std::string out = ".partial-";
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 15]);
    }
    return out;
}

bool IsPartialName(const char* name) {
    const char* p = std::strstr(name, ".partial-");
    if (!p || p == name) return false;
    p += std::strlen(".partial-");
    if (std::strlen(p) != 8) return false;
    for (; *p; ++p)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
    return true;
}

void SyncFolder(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

FileErrorKind FileErrorKindOf(int err) {
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return FileErrorKind::DiskFull;
        case EROFS:
        case EACCES:
        case EPERM:
            return FileErrorKind::ReadOnly;
        case ENOENT:
        case ENOTDIR:
            return FileErrorKind::NoFolder;
        default:
            return FileErrorKind::Failed;
    }
}

std::string NotRegularFileProblem(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {};
    if (S_ISREG(st.st_mode)) return {};
    const char* what = S_ISDIR(st.st_mode)    ? "a folder"
                       : S_ISLNK(st.st_mode)  ? "a symbolic link"
                       : S_ISFIFO(st.st_mode) ? "a pipe (FIFO)"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                       : S_ISSOCK(st.st_mode)                       ? "a socket"
                                                                    : "not a regular file";
    return path + " is " + what + ", not a regular file";
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_tmp.empty() && !m_committed) ::unlink(m_tmp.c_str());
}

std::optional<FileError> AtomicFile::Open(const std::string& path, mode_t mode) {
    if (std::string problem = NotRegularFileProblem(path); !problem.empty())
        return FileError{FileErrorKind::NotRegularFile, "refusing to replace " + problem};
    m_path = path;
    for (int attempt = 0; attempt < 8; ++attempt) {
        m_tmp = path + RandomSuffix();
        m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (m_fd >= 0 || errno != EEXIST) break;
    }
    if (m_fd < 0) {
        FileError e = ErrnoError("cannot create " + m_tmp, errno);
        m_tmp.clear();
        return e;
    }
    // open() applied the umask; the mode is forced so a PIN file is 0600 and an export 0644 whatever it is.
    if (::fchmod(m_fd, mode) != 0) return ErrnoError("cannot set the mode of " + m_tmp, errno);
    ::flock(m_fd, LOCK_EX | LOCK_NB);
    return std::nullopt;
}

std::optional<FileError> AtomicFile::Write(std::string_view bytes) {
    if (m_fd < 0) return FileError{FileErrorKind::Failed, "cannot write " + m_path + ": not open"};
    while (!bytes.empty()) {
        ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return ErrnoError("cannot write " + m_tmp, errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return std::nullopt;
}

std::optional<FileError> AtomicFile::Commit() {
    if (m_fd < 0) return FileError{FileErrorKind::Failed, "cannot write " + m_path + ": not open"};
    // A library may have written TempPath() by name; fsync covers its bytes too (same inode).
    if (::fsync(m_fd) != 0) return ErrnoError("cannot write " + m_tmp, errno);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        return ErrnoError("cannot write " + m_tmp, errno);
    }
    m_fd = -1;
    // Checked again here: the target may have been replaced while the file was written.
    if (std::string problem = NotRegularFileProblem(m_path); !problem.empty())
        return FileError{FileErrorKind::NotRegularFile, "refusing to replace " + problem};
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0)
        return ErrnoError("cannot rename " + m_tmp + " to " + m_path, errno);
    m_committed = true;
    SyncFolder(FolderOf(m_path));
    return std::nullopt;
}

std::optional<FileError> WriteFileAtomically(const std::string& path, std::string_view bytes, mode_t mode) {
    AtomicFile file;
    if (auto e = file.Open(path, mode)) return e;
    if (auto e = file.Write(bytes)) return e;
    return file.Commit();
}

int RemoveStalePartials(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return 0;
    int removed = 0;
    const std::time_t now = std::time(nullptr);
    while (dirent* e = ::readdir(d)) {
        if (!IsPartialName(e->d_name)) continue;
        std::string path = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + e->d_name;
        int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat st {};
        // Only regular files nobody holds locked, and not brand new ones (a writer may be between its
        // open() and its flock()).
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime >= 10 &&
            ::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(path.c_str()) == 0)
            ++removed;
        ::close(fd);
    }
    ::closedir(d);
    return removed;
}

}  // namespace kiosk::core
