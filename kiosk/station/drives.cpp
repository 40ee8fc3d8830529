// Finding USB drives in the mounts table (pure text parsing, so tests can feed their own table).
#include "kiosk/station/drives.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace kiosk::station {

namespace {

// The mounts table writes space, tab, newline and backslash as \040, \011, \012 and \134.
std::string Unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' &&
            s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
            out.push_back(static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

}  // namespace

std::vector<RemovableDrive> RemovableMounts(const std::string& mountsText, const std::vector<std::string>& roots) {
    std::vector<RemovableDrive> out;
    std::istringstream in(mountsText);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string device, mountPoint;
        if (!(fields >> device >> mountPoint)) continue;
        mountPoint = Unescape(mountPoint);
        for (std::string root : roots) {
            while (root.size() > 1 && root.back() == '/') root.pop_back();
            // Strictly below the root: /media itself is not a drive.
            if (mountPoint.size() > root.size() + 1 && mountPoint.compare(0, root.size(), root) == 0 &&
                mountPoint[root.size()] == '/') {
                out.push_back({mountPoint, mountPoint.substr(mountPoint.rfind('/') + 1)});
                break;
            }
        }
    }
    return out;
}

std::vector<std::string> QuestionnaireFilesOn(const std::vector<std::string>& dirs) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code e2;
            if (it->path().extension() == ".json" && it->is_regular_file(e2)) files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace kiosk::station
