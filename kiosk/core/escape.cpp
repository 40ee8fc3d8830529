// Control-character escaping for log lines and CLI messages (see escape.h).
#include "kiosk/core/escape.h"

namespace kiosk::core {
namespace {

void Hex(std::string& out, const char* prefix, unsigned v, const char* suffix) {
    static const char* hex = "0123456789abcdef";
    out += prefix;
    out.push_back(hex[(v >> 4) & 15]);
    out.push_back(hex[v & 15]);
    out += suffix;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t SequenceLength(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(k) & 0xC0) != 0x80) return 0;
    if (n == 3 && ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) >= 0xA0))) return 0;
    if (n == 4 && ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) >= 0x90))) return 0;
    return n;
}

bool IsLineOrBidiControl(std::string_view seq) {
    if (static_cast<unsigned char>(seq[0]) != 0xE2) return false;
    auto b1 = static_cast<unsigned char>(seq[1]), b2 = static_cast<unsigned char>(seq[2]);
    if (b1 == 0x80) return b2 >= 0xA8 && b2 <= 0xAE;  // U+2028–U+202E
    if (b1 == 0x81) return b2 >= 0xA6 && b2 <= 0xA9;  // U+2066–U+2069
    return false;
}

}  // namespace

std::string EscapeControl(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case 0x1B: out += "\\e"; break;
                default:
                    if (c < 0x20 || c == 0x7F)
                        Hex(out, "\\x", c, "");
                    else
                        out.push_back(static_cast<char>(c));
            }
            ++i;
            continue;
        }
        std::size_t n = SequenceLength(s, i);
        if (n == 0) {
            Hex(out, "\\x", c, "");
            ++i;
            continue;
        }
        // C1 controls (U+0080–U+009F, encoded C2 80–C2 9F) act as escape sequences on some terminals.
        if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            Hex(out, "\\u{", static_cast<unsigned char>(s[i + 1]), "}");
        } else if (n == 3 && IsLineOrBidiControl(s.substr(i, 3))) {
            // U+2028/2029 end lines in some viewers; U+202A–202E and U+2066–2069 reorder what is shown.
            out += "\\u{";
            for (std::size_t k = 0; k < 3; ++k) Hex(out, "", static_cast<unsigned char>(s[i + k]), "");
            out += "}";
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

}  // namespace kiosk::core
