// Encoding and strict, allocation-light decoding of a result row's JSON columns (see record_codec.h).
#include "storage/record_codec.h"

#include <sodium.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace kiosk::storage::codec {
namespace {

// A cursor over one flat JSON object of the two shapes we write. Whitespace is tolerated so that a row
// edited or re-encoded by another JSON tool still reads.
class Cursor {
public:
    explicit Cursor(std::string_view s) : m_s(s) {}

    void SkipSpace() {
        while (m_i < m_s.size() &&
               (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t'))
            ++m_i;
    }
    bool Eat(char c) {
        SkipSpace();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool AtEnd() {
        SkipSpace();
        return m_i == m_s.size();
    }
    bool Literal(std::string_view word) {
        SkipSpace();
        if (m_s.substr(m_i, word.size()) != word) return false;
        m_i += word.size();
        return true;
    }

    bool String(std::string& out) {
        if (!Eat('"')) return false;
        out.clear();
        std::size_t start = m_i;
        while (m_i < m_s.size()) {
            char c = m_s[m_i];
            if (c == '"') {
                out.append(m_s.data() + start, m_i - start);
                ++m_i;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                ++m_i;
                continue;
            }
            out.append(m_s.data() + start, m_i - start);
            if (++m_i >= m_s.size()) return false;
            char e = m_s[m_i++];
            switch (e) {
                case '"':
                    out.push_back('"');
                    break;
                case '\\':
                    out.push_back('\\');
                    break;
                case '/':
                    out.push_back('/');
                    break;
                case 'b':
                    out.push_back('\b');
                    break;
                case 'f':
                    out.push_back('\f');
                    break;
                case 'n':
                    out.push_back('\n');
                    break;
                case 'r':
                    out.push_back('\r');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                case 'u': {
                    unsigned cp = 0;
                    if (!Hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        unsigned low = 0;
                        if (!Literal("\\u") || !Hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;
                    }
                    AppendUtf8(out, cp);
                    break;
                }
                default:
                    return false;
            }
            start = m_i;
        }
        return false;
    }

    bool Number(double& out) {
        SkipSpace();
        const char* first = m_s.data() + m_i;
        const char* last = m_s.data() + m_s.size();
        auto [ptr, ec] = std::from_chars(first, last, out);
        if (ec != std::errc() || ptr == first) return false;
        m_i += static_cast<std::size_t>(ptr - first);
        return true;
    }

    bool Int(int& out) {
        SkipSpace();
        const char* first = m_s.data() + m_i;
        const char* last = m_s.data() + m_s.size();
        auto [ptr, ec] = std::from_chars(first, last, out);
        if (ec != std::errc() || ptr == first) return false;
        m_i += static_cast<std::size_t>(ptr - first);
        return true;
    }

private:
    bool Hex4(unsigned& out) {
        if (m_i + 4 > m_s.size()) return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            char c = m_s[m_i++];
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    static void AppendUtf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

// Runs `member` for each "key": value pair of a flat object; `member` reads the value.
template <typename Member>
bool ForEachMember(std::string_view json, Member&& member) {
    Cursor c(json);
    if (!c.Eat('{')) return false;
    if (c.Eat('}')) return c.AtEnd();
    do {
        if (!member(c)) return false;
    } while (c.Eat(','));
    return c.Eat('}') && c.AtEnd();
}

// Returns the element to fill next, reusing entries (and their string capacity) left from earlier rows.
template <typename T>
T& Slot(std::vector<T>& v, std::size_t n) {
    if (n == v.size()) v.emplace_back();
    return v[n];
}

}  // namespace

std::string NewResultId() {
    std::string id(kIdBytes, '\0');
    randombytes_buf(id.data(), id.size());
    return id;
}

void AppendHex(std::string& out, std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 15]);
    }
}

std::string HexId(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    AppendHex(out, bytes);
    return out;
}

void AppendJsonString(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(ch);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out.push_back(ch);
        }
    }
    out.push_back('"');
}

void AppendScore(std::string& out, double score) {
    // JSON has no inf or NaN; the store refuses them, but a damaged or foreign file may still hold one.
    if (!std::isfinite(score)) {
        out += "null";
        return;
    }
    char buf[32];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, score, std::chars_format::fixed, 1);
    if (ec == std::errc()) out.append(buf, ptr);
}

std::string EncodeAnswers(const core::Questionnaire& q, const core::AnswerMap& answers) {
    std::string out = "{";
    for (const auto& ref : q.ItemOrder()) {
        const auto& item = q.areas[ref.area].competencies[ref.competency].items[ref.item];
        auto it = answers.find(item.id);
        if (it == answers.end()) continue;
        if (out.size() > 1) out.push_back(',');
        AppendJsonString(out, item.id);
        out.push_back(':');
        out += std::to_string(it->second);
    }
    out.push_back('}');
    return out;
}

std::string EncodeScores(const std::vector<core::ScoredEntry>& entries, const core::ScoringRules& rules) {
    std::string out = "{";
    for (const auto& e : entries) {
        if (out.size() > 1) out.push_back(',');
        AppendJsonString(out, e.id);
        out.push_back(':');
        if (!e.score.assessed) {
            out += "null";
            continue;
        }
        out.push_back('[');
        AppendScore(out, e.score.score);
        out.push_back(',');
        const auto level = static_cast<std::size_t>(e.score.levelIndex);
        AppendJsonString(out, level < rules.levels.size() ? rules.levels[level].id : std::string());
        out.push_back(']');
    }
    out.push_back('}');
    return out;
}

bool DecodeAnswers(std::string_view json, std::vector<std::pair<std::string, int>>& out) {
    std::size_t n = 0;
    bool ok = ForEachMember(json, [&](Cursor& c) {
        auto& slot = Slot(out, n);
        if (!c.String(slot.first) || !c.Eat(':') || !c.Int(slot.second) || slot.second < 0) return false;
        ++n;
        return true;
    });
    out.resize(ok ? n : 0);
    return ok;
}

bool DecodeScores(std::string_view json, std::vector<StoredScore>& out) {
    std::size_t n = 0;
    bool ok = ForEachMember(json, [&](Cursor& c) {
        auto& slot = Slot(out, n);
        if (!c.String(slot.id) || !c.Eat(':')) return false;
        if (c.Literal("null")) {
            slot.score.reset();
            slot.level.clear();
        } else {
            double score = 0;
            if (!c.Eat('[') || !c.Number(score) || !c.Eat(',') || !c.String(slot.level) || !c.Eat(']'))
                return false;
            slot.score = score;
        }
        ++n;
        return true;
    });
    out.resize(ok ? n : 0);
    return ok;
}

}  // namespace kiosk::storage::codec
