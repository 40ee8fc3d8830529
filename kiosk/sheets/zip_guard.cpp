// Zip archive bounds check with zlib (see zip_guard.h): central directory, local headers, and a streaming
// inflate of each part that counts bytes and stops at the limit.
#include "kiosk/sheets/zip_guard.h"

#include <zlib.h>

#include <vector>

namespace kiosk::sheets {
namespace {

std::uint32_t U16(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t U32(std::string_view b, std::size_t at) {
    return U16(b, at) | U16(b, at + 2) << 16;
}

std::string Mib(std::uint64_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

// Inflates a raw deflate stream, counting output; stops past `budget`. Returns the count, or -1 when the
// stream is broken.
std::int64_t InflatedSize(std::string_view in, std::uint64_t budget) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return -1;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    std::vector<unsigned char> sink(1 << 16);
    std::uint64_t total = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = sink.data();
        z.avail_out = static_cast<uInt>(sink.size());
        rc = inflate(&z, Z_NO_FLUSH);
        total += sink.size() - z.avail_out;
        if (total > budget) break;
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated
    }
    inflateEnd(&z);
    if (total > budget) return static_cast<std::int64_t>(total);
    return rc == Z_STREAM_END ? static_cast<std::int64_t>(total) : -1;
}

}  // namespace

std::string CheckZipBounds(std::string_view b, const ZipLimits& limits) {
    // The end-of-central-directory record: 22 bytes plus a comment of at most 65 535.
    if (b.size() < 22) return "it is too short to be a spreadsheet";
    std::size_t eocd = std::string_view::npos;
    std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
    for (std::size_t i = b.size() - 22 + 1; i-- > lowest;) {
        if (U32(b, i) == 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd == std::string_view::npos) return "it is not a zip archive (no central directory)";
    std::uint64_t entries = U16(b, eocd + 10), cdSize = U32(b, eocd + 12), cdOffset = U32(b, eocd + 16);
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF)
        return "it is a zip64 archive, which a questionnaire sheet never needs";
    if (entries > limits.maxEntries) return "it has more than " + std::to_string(limits.maxEntries) + " parts";
    if (cdOffset + cdSize > eocd) return "its central directory is damaged";
    std::uint64_t total = 0;
    std::size_t at = static_cast<std::size_t>(cdOffset);
    for (std::uint64_t n = 0; n < entries; ++n) {
        if (at + 46 > eocd || U32(b, at) != 0x02014b50) return "its central directory is damaged";
        std::uint32_t method = U16(b, at + 10), compSize = U32(b, at + 20), size = U32(b, at + 24);
        std::size_t nameLen = U16(b, at + 28), extraLen = U16(b, at + 30), commentLen = U16(b, at + 32);
        std::size_t local = U32(b, at + 42);
        at += 46 + nameLen + extraLen + commentLen;
        if (size == 0xFFFFFFFF || compSize == 0xFFFFFFFF) return "it is a zip64 archive";
        if (size > limits.maxTotalBytes || total + size > limits.maxTotalBytes)
            return "it unpacks to more than " + Mib(limits.maxTotalBytes) + "; a questionnaire sheet is far smaller";
        if (local + 30 > b.size() || U32(b, local) != 0x04034b50) return "a part of it is damaged";
        std::uint32_t flags = U16(b, local + 6);
        // Without a data descriptor the local header repeats the sizes; a reader may trust either copy.
        if (!(flags & 8) && (U32(b, local + 18) != compSize || U32(b, local + 22) != size))
            return "a part's sizes disagree between its headers";
        std::size_t data = local + 30 + U16(b, local + 26) + U16(b, local + 28);
        if (data + compSize > b.size()) return "a part of it is cut off";
        std::string_view packed = b.substr(data, compSize);
        std::int64_t real;
        if (method == 0)
            real = compSize;
        else if (method == 8)
            real = InflatedSize(packed, limits.maxTotalBytes - total);
        else
            return "a part uses a compression method spreadsheets do not use";
        if (real < 0) return "a part of it is damaged (it does not inflate)";
        if (static_cast<std::uint64_t>(real) != size)
            return static_cast<std::uint64_t>(real) > limits.maxTotalBytes - total
                       ? "it unpacks to more than " + Mib(limits.maxTotalBytes) + "; a questionnaire sheet is far smaller"
                       : "a part's declared size is not its real size";
        total += size;
    }
    return {};
}

}  // namespace kiosk::sheets
