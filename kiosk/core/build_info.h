// What the binaries know about their own build: the version, and where the shipped read-only data
// (assets/, questionnaires/) is — beside an installed binary, or in the checkout a developer built from.
#pragma once

#include <string>

namespace kiosk::core {

// The project version (CMake's project(VERSION)), e.g. "0.1.0"; the Debian package's upstream version.
const char* KioskVersion();

// The folder holding assets/ and questionnaires/ for this binary, tried in order:
//  1. <folder of the running executable>/<bin-to-data path>, e.g. /usr/bin/../share/danang-kiosk — an installed
//     tree, also when it was moved (an extracted .deb, a staged install);
//  2. the source tree the binary was built from (runs from build/ in a checkout);
//  3. the configured install folder (/usr/share/danang-kiosk), even if missing, so errors name a real place.
std::string ShippedDataDir();

}  // namespace kiosk::core
