// Version and shipped-data location (see build_info.h). The three paths are compiled in by CMake.
#include "kiosk/core/build_info.h"

#include <filesystem>

namespace kiosk::core {
namespace fs = std::filesystem;

const char* KioskVersion() { return KIOSK_VERSION; }

std::string ShippedDataDir() {
    std::error_code ec;
    const auto hasData = [&](const fs::path& dir) { return fs::is_directory(dir / "assets", ec); };
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty()) {
        const fs::path installed = (exe.parent_path() / KIOSK_DATA_FROM_BINDIR).lexically_normal();
        if (hasData(installed)) return installed.string();
    }
    if (*KIOSK_SOURCE_DIR && hasData(KIOSK_SOURCE_DIR)) return KIOSK_SOURCE_DIR;
    return KIOSK_DATA_FULL_DIR;
}

}  // namespace kiosk::core
