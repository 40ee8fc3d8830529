// Removable drives (USB sticks) as desktop Linux mounts them: found in the mounts table, for staff exports
// and questionnaire installs. Shared by the kiosk and kiosk-admin.
#pragma once

#include <string>
#include <vector>

namespace kiosk::station {

struct RemovableDrive {
    std::string path;  // its mount point
    std::string name;  // the last part of the mount point (usually the stick's label)
};

// Mount points from a mounts table (the text of /proc/self/mounts) that lie under one of `roots`
// (/media, /run/media). Octal escapes (\040) are decoded. Pure text parsing, so tests feed their own table.
std::vector<RemovableDrive> RemovableMounts(const std::string& mountsText, const std::vector<std::string>& roots);

// The questionnaire files (*.json, regular files) at the top of each of `dirs`, sorted.
std::vector<std::string> QuestionnaireFilesOn(const std::vector<std::string>& dirs);

}  // namespace kiosk::station
