// A bound on what an XLSX/ODS file (a zip archive) may unpack to, checked before liborcus sees it: orcus
// inflates every part whole into memory, so a small file that inflates to gigabytes (a "zip bomb", or a
// sheet of millions of repeated shared strings) would exhaust memory. Every part is inflated here once,
// streaming into nothing, and the archive is refused when a part or the total is too large or when a part's
// declared size is not its real size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::sheets {

struct ZipLimits {
    std::uint64_t maxTotalBytes = 32ull << 20;  // all parts together, inflated
    std::uint64_t maxEntries = 4096;
};

// "" when the archive stays within `limits`; otherwise why not (for the trainer).
std::string CheckZipBounds(std::string_view bytes, const ZipLimits& limits = {});

}  // namespace kiosk::sheets
