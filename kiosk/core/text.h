// Text helpers for the core: UTF-8 checks, NFC normalization (utf8proc), SHA-256 (libsodium).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::core {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Replaces every ill-formed sequence with U+FFFD so the text can be printed or stored safely.
std::string ToValidUtf8(std::string_view s);

// Returns `s` in Unicode NFC. Input must be valid UTF-8; invalid input is returned unchanged.
std::string ToNfc(std::string_view s);

// Number of Unicode code points in valid UTF-8 (used for column numbers in error messages).
std::size_t CodePointCount(std::string_view s);

// Levenshtein distance ignoring ASCII case, for "did you mean …?" hints on misspelled keys and columns.
std::size_t EditDistance(std::string_view a, std::string_view b);

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// Reads a whole regular file into `out`; false (and a message in `error`) when it cannot be read, is not a
// regular file (a FIFO, device or folder is refused without blocking) or exceeds maxBytes.
bool ReadFileBytes(const std::string& path, std::string& out, std::string& error,
                   std::size_t maxBytes = static_cast<std::size_t>(16) << 20);

}  // namespace kiosk::core
