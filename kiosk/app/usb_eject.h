// "Tháo USB an toàn" (safe removal of a USB stick) without the UI: flush everything written to the stick,
// then have it unmounted, so staff can pull it out with nothing half-written. The export page calls
// SafelyRemoveStick from its worker thread (it waits for the unmount, usually well under a second).
#pragma once

#include <string>
#include <vector>

namespace kiosk::app {

enum class EjectError {
    None,
    NotAStick,      // not a mount point strictly below one of the USB roots (or not there at all)
    SyncFailed,     // the stick refused the flush: it may already be gone; data written may be lost
    UnmountFailed,  // flushed, but still mounted (busy, or not allowed): pulling it out now is still safe-ish
};

struct EjectResult {
    EjectError error = EjectError::None;
    std::string detail;  // for the log, in English
    bool Ok() const { return error == EjectError::None; }
};

// The command that unmounts, given the mount point as its last argument. On an installed kiosk sticks are
// mounted by systemd (debian/danang-kiosk.udev) and polkit lets the kiosk user stop those mounts only
// (debian/polkit/danang-kiosk.rules), so no helper runs as root.
std::vector<std::string> DefaultUnmountCommand();

// `mountPoint` must be a mount point strictly below one of `usbRoots` (symlinks resolved). Syncs the stick's
// file system (syncfs), runs `unmountCommand mountPoint` and checks that the mount is gone.
[[nodiscard]] EjectResult SafelyRemoveStick(const std::string& mountPoint, const std::vector<std::string>& usbRoots,
                                            const std::vector<std::string>& unmountCommand = DefaultUnmountCommand());

}  // namespace kiosk::app
