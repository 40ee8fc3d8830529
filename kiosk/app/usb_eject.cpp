// Safe removal of a USB stick (see usb_eject.h): checks the path, syncfs(2), then the unmount command through
// posix_spawn (no shell, so a stick label can never become a command).
#include "kiosk/app/usb_eject.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace kiosk::app {
namespace fs = std::filesystem;
namespace {

// A mount point lives on another device than its parent folder.
bool IsMountPoint(const fs::path& dir) {
    struct stat self {}, parent {};
    if (stat(dir.c_str(), &self) != 0 || !S_ISDIR(self.st_mode)) return false;
    if (stat(dir.parent_path().c_str(), &parent) != 0) return false;
    return self.st_dev != parent.st_dev;
}

bool StrictlyBelow(const fs::path& path, const fs::path& root) {
    auto p = path.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++p) {
        if (r->empty()) continue;  // a trailing slash in the root
        if (p == path.end() || *p != *r) return false;
    }
    return p != path.end();
}

EjectResult Fail(EjectError error, std::string detail) { return {error, std::move(detail)}; }

}  // namespace

std::vector<std::string> DefaultUnmountCommand() { return {"systemd-umount", "--no-ask-password"}; }

EjectResult SafelyRemoveStick(const std::string& mountPoint, const std::vector<std::string>& usbRoots,
                              const std::vector<std::string>& unmountCommand) {
    std::error_code ec;
    const fs::path stick = fs::canonical(mountPoint, ec);
    if (ec) return Fail(EjectError::NotAStick, mountPoint + ": " + ec.message());
    bool below = false;
    for (const auto& root : usbRoots) {
        const fs::path r = fs::canonical(root, ec);
        if (!ec && StrictlyBelow(stick, r)) below = true;
    }
    if (!below || !IsMountPoint(stick))
        return Fail(EjectError::NotAStick, stick.string() + " is not a USB stick mounted below the USB folders");

    const int fd = open(stick.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Fail(EjectError::SyncFailed, stick.string() + ": " + std::strerror(errno));
    const int synced = syncfs(fd);
    const int syncErrno = errno;
    close(fd);
    if (synced != 0) return Fail(EjectError::SyncFailed, stick.string() + ": flush failed: " + std::strerror(syncErrno));

    if (unmountCommand.empty()) return Fail(EjectError::UnmountFailed, "no unmount command");
    std::vector<std::string> args = unmountCommand;
    args.push_back(stick.string());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (spawned != 0)
        return Fail(EjectError::UnmountFailed, args[0] + ": cannot start: " + std::strerror(spawned));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return Fail(EjectError::UnmountFailed, args[0] + " failed (status " + std::to_string(status) + ") for " +
                                                   stick.string());
    if (IsMountPoint(stick)) return Fail(EjectError::UnmountFailed, stick.string() + " is still mounted");
    return {};
}

}  // namespace kiosk::app
