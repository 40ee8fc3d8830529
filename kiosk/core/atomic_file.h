// The one way this project replaces a file: write a new file beside it under a temporary name, fsync it,
// rename it over the target and fsync the folder, so a power cut or a pulled stick leaves the old file or
// the new one, never a mix. The temporary file is created exclusively (O_EXCL|O_NOFOLLOW) with a forced
// mode, so a stale temp file or a planted symlink cannot choose its mode or redirect the write, and a
// target that exists but is not a regular file (a device, FIFO, directory, symlink) is never replaced.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace kiosk::core {

enum class FileErrorKind {
    NotRegularFile,  // the path exists and is not a regular file: refused, nothing written
    DiskFull,        // ENOSPC / EDQUOT
    ReadOnly,        // EROFS / EACCES / EPERM
    NoFolder,        // the folder does not exist (a drive pulled out)
    Failed           // any other I/O error
};

// What went wrong: `kind` decides what the caller does, `detail` ("cannot write /x: …") is for people.
struct [[nodiscard]] FileError {
    FileErrorKind kind = FileErrorKind::Failed;
    std::string detail;
};

// Maps an errno value to a kind (for callers that do their own I/O around an AtomicFile).
FileErrorKind FileErrorKindOf(int err);

// A file that appears under `path` only when Commit() succeeds. Writes go to `path.partial-XXXXXXXX` beside
// it; the destructor removes that temporary file unless committed. While open the temporary file holds an
// exclusive flock, which is how RemoveStalePartials() tells an abandoned one from one being written.
class AtomicFile {
public:
    AtomicFile() = default;
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Creates the temporary file with exactly `mode` (umask does not apply).
    [[nodiscard]] std::optional<FileError> Open(const std::string& path, mode_t mode = 0644);
    [[nodiscard]] std::optional<FileError> Write(std::string_view bytes);
    // For libraries that write a file by name (libxlsxwriter): they write TempPath(), then Commit().
    const std::string& TempPath() const { return m_tmp; }
    // fsync, rename over the target (refused if the target became a non-regular file), fsync the folder.
    [[nodiscard]] std::optional<FileError> Commit();

private:
    std::string m_path, m_tmp;
    int m_fd = -1;
    bool m_committed = false;
};

// Writes `bytes` to `path` through an AtomicFile.
[[nodiscard]] std::optional<FileError> WriteFileAtomically(const std::string& path, std::string_view bytes,
                                                           mode_t mode = 0644);

// Removes `*.partial-XXXXXXXX` files in `dir` left by interrupted writes (a crash, a pulled stick); a file
// still being written by another process is locked and kept. Returns how many were removed.
int RemoveStalePartials(const std::string& dir);

// "" when `path` does not exist or is a regular file; otherwise why it must not be read or replaced.
std::string NotRegularFileProblem(const std::string& path);

}  // namespace kiosk::core
