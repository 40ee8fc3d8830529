// Spelling text into words for the synthesizer. One left-to-right scan: at the start of each word it tries,
// in order, a URL, a lexicon entry, a date, a number; anything else is copied. Vietnamese number reading
// follows the spoken rules (mười/mươi, mốt, tư, lăm, lẻ, "không trăm" inside a larger number).
#include "kiosk/core/speech_text.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace kiosk::core {
namespace {

bool IsVi(std::string_view lang) {
    return lang == "vi" || lang.rfind("vi-", 0) == 0;
}

// Letters, marks and digits of any script: what a word is made of.
bool IsWordCodePoint(utf8proc_int32_t cp) {
    if (cp < 0x80) return std::isalnum(static_cast<unsigned char>(cp)) != 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND;
}

// The code point starting at byte `i` and its length in bytes (invalid bytes count as one non-word byte).
utf8proc_int32_t CodePointAt(std::string_view s, std::size_t i, std::size_t& len) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                         static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    len = n > 0 ? static_cast<std::size_t>(n) : 1;
    return n > 0 ? cp : -1;
}

bool IsWordAt(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    std::size_t len = 0;
    return IsWordCodePoint(CodePointAt(s, i, len));
}

// True when the code point ending right before byte `i` is a word character.
bool IsWordBefore(std::string_view s, std::size_t i) {
    if (i == 0) return false;
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t len = 0;
    return IsWordCodePoint(CodePointAt(s, start, len));
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t DigitRun(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && IsDigit(s[j])) ++j;
    return j - i;
}

// A space that may group digits: ASCII space, no-break space, thin space, narrow no-break space.
std::size_t GroupSpaceAt(std::string_view s, std::size_t i) {
    if (i < s.size() && s[i] == ' ') return 1;
    for (std::string_view sp : {"\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\xAF"})
        if (s.substr(i, sp.size()) == sp) return sp.size();
    return 0;
}

const std::array<const char*, 10> kViDigits = {"không", "một", "hai", "ba", "bốn",
                                                "năm",   "sáu", "bảy", "tám", "chín"};
const std::array<const char*, 20> kEnSmall = {
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
const std::array<const char*, 10> kEnTens = {"",      "",      "twenty",  "thirty", "forty",
                                              "fifty", "sixty", "seventy", "eighty", "ninety"};

void Append(std::string& out, std::string_view words) {
    if (words.empty()) return;
    if (!out.empty() && out.back() != ' ') out += ' ';
    out += words;
}

// 0..999 in Vietnamese. `inside` = a larger group precedes, so "không trăm" and "lẻ" are spoken
// (1 005 -> "một nghìn không trăm lẻ năm").
std::string ViUnder1000(unsigned n, bool inside) {
    unsigned h = n / 100, t = (n / 10) % 10, u = n % 10;
    std::string out;
    bool hundreds = h > 0 || inside;
    if (hundreds) Append(out, std::string(kViDigits[h]) + " trăm");
    if (t == 0) {
        if (u != 0) {
            if (hundreds) Append(out, "lẻ");
            Append(out, kViDigits[u]);
        }
    } else if (t == 1) {
        Append(out, "mười");
        if (u == 5)
            Append(out, "lăm");
        else if (u != 0)
            Append(out, kViDigits[u]);
    } else {
        Append(out, std::string(kViDigits[t]) + " mươi");
        if (u == 1)
            Append(out, "mốt");
        else if (u == 4)
            Append(out, "tư");
        else if (u == 5)
            Append(out, "lăm");
        else if (u != 0)
            Append(out, kViDigits[u]);
    }
    return out;
}

std::string EnUnder1000(unsigned n) {
    std::string out;
    if (n >= 100) Append(out, std::string(kEnSmall[n / 100]) + " hundred");
    n %= 100;
    if (n == 0) return out;
    if (n < 20)
        Append(out, kEnSmall[n]);
    else
        Append(out, std::string(kEnTens[n / 10]) + (n % 10 ? std::string("-") + kEnSmall[n % 10] : ""));
    return out;
}

const std::array<const char*, 12> kEnMonths = {"January", "February", "March",     "April",
                                               "May",     "June",     "July",      "August",
                                               "September", "October", "November", "December"};

// Separators inside URLs and e-mail addresses, spoken.
struct UrlMark {
    char mark;
    const char* vi;
    const char* en;
};
const UrlMark kUrlMarks[] = {{'.', "chấm", "dot"},         {'/', "gạch chéo", "slash"}, {'-', "gạch ngang", "dash"},
                             {'_', "gạch dưới", "underscore"}, {':', "hai chấm", "colon"},  {'@', "a còng", "at"}};

const char* UrlSeparator(char c, bool vi) {
    for (const auto& m : kUrlMarks)
        if (m.mark == c) return vi ? m.vi : m.en;
    return nullptr;
}

bool IsUrlChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || UrlSeparator(c, true) || c == '?' || c == '=' ||
           c == '&' || c == '%' || c == '~' || c == '#' || c == '+';
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

class Normalizer {
  public:
    Normalizer(std::string_view text, std::string_view lang, const Lexicon& lexicon)
        : m_s(text), m_vi(IsVi(lang)), m_en(!m_vi && (lang == "en" || lang.rfind("en-", 0) == 0)),
          m_lang(lang), m_lexicon(lexicon) {}

    std::string Run() {
        std::size_t i = 0;
        while (i < m_s.size()) {
            bool wordStart = !IsWordBefore(m_s, i);
            std::size_t next = i;
            if (wordStart && (TryUrl(i, next) || TryLexicon(i, next) ||
                              ((m_vi || m_en) && (TryDate(i, next) || TryNumber(i, next))))) {
                i = next;
                continue;
            }
            std::size_t len = 0;
            CodePointAt(m_s, i, len);
            if (IsWordAt(m_s, i)) {
                // Copy the rest of this word as written.
                std::size_t j = i;
                while (j < m_s.size() && IsWordAt(m_s, j)) {
                    CodePointAt(m_s, j, len);
                    j += len;
                }
                m_out.append(m_s.substr(i, j - i));
                i = j;
                continue;
            }
            CopySymbol(i, len);
            i += len;
        }
        return m_out;
    }

  private:
    // Puts spoken words in place of written ones, keeping them apart from neighbouring words.
    void Emit(std::string_view words, std::size_t endInInput) {
        if (!m_out.empty() && m_out.back() != ' ' && m_out.back() != '\n' && m_out.back() != '(' &&
            m_out.back() != '"')
            m_out += ' ';
        m_out += words;
        if (IsWordAt(m_s, endInInput)) m_out += ' ';
    }

    void CopySymbol(std::size_t i, std::size_t len) {
        char c = m_s[i];
        if (c == '%' && (m_vi || m_en)) {
            Emit(m_vi ? "phần trăm" : "percent", i + 1);
        } else if ((c == '/' || c == '-') && IsWordBefore(m_s, i) && IsWordAt(m_s, i + 1)) {
            // "4G/5G", "QĐ-UBND": the mark is not spoken; a space keeps the words apart.
            m_out += ' ';
        } else if (c == '&' && (m_vi || m_en)) {
            Emit(m_vi ? "và" : "and", i + 1);
        } else {
            m_out.append(m_s.substr(i, len));
        }
    }

    bool Boundary(std::size_t end) const { return !IsWordAt(m_s, end); }

    bool TryLexicon(std::size_t i, std::size_t& next) {
        for (const auto& [written, spoken] : m_lexicon.entries) {
            if (written.empty() || m_s.size() - i < written.size()) continue;
            std::string_view here = m_s.substr(i, written.size());
            bool match = here == written;
            if (!match && std::islower(static_cast<unsigned char>(written[0]))) {
                std::string capital = written;
                capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
                match = here == capital;
            }
            if (!match || !Boundary(i + written.size())) continue;
            Emit(spoken, i + written.size());
            next = i + written.size();
            return true;
        }
        return false;
    }

    // http(s)://…, www.…, or name.name… ending in a well-known top-level domain; also e-mail addresses.
    bool TryUrl(std::size_t i, std::size_t& next) {
        std::size_t start = i;
        std::string_view rest = m_s.substr(i);
        bool scheme = false;
        for (std::string_view p : {"https://", "http://"}) {
            if (rest.substr(0, p.size()) == p) {
                start = i + p.size();
                scheme = true;
            }
        }
        std::size_t end = start;
        while (end < m_s.size() && IsUrlChar(m_s[end])) ++end;
        // A sentence's full stop or comma is not part of the address.
        while (end > start && UrlSeparator(m_s[end - 1], true) && m_s[end - 1] != '/') --end;
        if (end <= start || !Boundary(end)) return false;
        std::string_view url = m_s.substr(start, end - start);
        if (url.back() == '/') url.remove_suffix(1);  // consumed, not spoken
        if (url.empty()) return false;
        if (!scheme) {
            std::size_t dot = url.rfind('.');
            if (dot == std::string_view::npos || url.substr(0, 4) == "www.") {
                if (url.substr(0, 4) != "www.") return false;
            } else {
                static const std::array<std::string_view, 9> kTld = {"vn",  "com", "org", "net", "gov",
                                                                     "edu", "info", "io", "int"};
                std::string tld = Lower(url.substr(dot + 1));
                std::size_t slash = tld.find('/');
                if (slash != std::string::npos) tld.resize(slash);
                if (std::find(kTld.begin(), kTld.end(), tld) == kTld.end()) return false;
                if (!std::isalpha(static_cast<unsigned char>(url[0]))) return false;
            }
        }
        std::string words;
        std::size_t k = 0;
        while (k < url.size()) {
            if (const char* sep = UrlSeparator(url[k], m_vi)) {
                Append(words, sep);
                ++k;
                continue;
            }
            std::size_t j = k;
            while (j < url.size() && std::isalnum(static_cast<unsigned char>(url[j]))) ++j;
            if (j == k) {  // ?, =, & and friends: rare in what citizens are told to type; keep as written
                Append(words, std::string(1, url[k]));
                ++k;
                continue;
            }
            std::string part = Lower(url.substr(k, j - k));
            if (const std::string* spoken = m_lexicon.Find(part))
                Append(words, *spoken);
            else if (DigitRun(part, 0) == part.size())
                Append(words, part.size() > 4 ? SpokenDigits(part, m_lang) : SpokenNumber(std::stoull(part), m_lang));
            else
                Append(words, part);
            k = j;
        }
        Emit(words, end);
        next = end;
        return true;
    }

    // dd/mm/yyyy or dd/mm with a real day and month.
    bool TryDate(std::size_t i, std::size_t& next) {
        std::size_t d = DigitRun(m_s, i);
        if (d < 1 || d > 2 || i + d >= m_s.size() || m_s[i + d] != '/') return false;
        std::size_t mPos = i + d + 1, m = DigitRun(m_s, mPos);
        if (m < 1 || m > 2) return false;
        unsigned day = std::stoul(std::string(m_s.substr(i, d)));
        unsigned month = std::stoul(std::string(m_s.substr(mPos, m)));
        if (day < 1 || day > 31 || month < 1 || month > 12) return false;
        std::size_t end = mPos + m;
        std::optional<unsigned> year;
        if (end < m_s.size() && m_s[end] == '/') {
            std::size_t y = DigitRun(m_s, end + 1);
            if (y != 4) return false;
            year = std::stoul(std::string(m_s.substr(end + 1, 4)));
            end += 5;
        }
        if (end < m_s.size() && (IsDigit(m_s[end]) || m_s[end] == '/')) return false;
        if (!Boundary(end)) return false;
        std::string words;
        if (m_vi) {
            // "ngày 18/10/2024" already says "ngày".
            std::string tail = m_out.size() >= 6 ? Lower(m_out.substr(m_out.size() - 6)) : Lower(m_out);
            bool saidDay = tail.find("ngày") != std::string::npos;
            if (!saidDay) Append(words, "ngày");
            Append(words, SpokenNumber(day, "vi"));
            Append(words, "tháng");
            Append(words, month == 4 ? "tư" : SpokenNumber(month, "vi"));
            if (year) {
                Append(words, "năm");
                Append(words, SpokenNumber(*year, "vi"));
            }
        } else {
            Append(words, SpokenNumber(day, "en"));
            Append(words, kEnMonths[month - 1]);
            if (year) Append(words, SpokenNumber(*year, "en"));
        }
        Emit(words, end);
        next = end;
        return true;
    }

    bool TryNumber(std::size_t i, std::size_t& next) {
        std::size_t first = DigitRun(m_s, i);
        if (first == 0) return false;
        char groupMark = m_vi ? '.' : ',';
        char decimalMark = m_vi ? ',' : '.';
        std::string digits(m_s.substr(i, first));
        std::size_t end = i + first;
        bool leadingZero = first > 1 && m_s[i] == '0';

        // Thousands grouping: "1.000.000" (vi) / "1,000,000" (en), or "1 000 000" with spaces.
        if (first <= 3 && !leadingZero) {
            std::size_t e = end;
            std::string grouped = digits;
            while (true) {
                std::size_t sep = 0;
                if (e < m_s.size() && m_s[e] == groupMark)
                    sep = 1;
                else
                    sep = GroupSpaceAt(m_s, e);
                if (sep == 0 || DigitRun(m_s, e + sep) != 3) break;
                std::size_t after = e + sep + 3;
                if (after < m_s.size() && IsDigit(m_s[after])) break;
                // "1.234,5" and "1 000" both continue; "2.2" (one digit) never gets here.
                grouped += m_s.substr(e + sep, 3);
                e = after;
            }
            if (grouped.size() > digits.size()) {
                digits = grouped;
                end = e;
            }
        }

        std::string words;
        bool oneByOne = leadingZero || digits.size() > 12;
        if (oneByOne) {
            words = SpokenDigits(digits, m_lang);
            // A phone number written in groups: "0905 123 456".
            while (true) {
                std::size_t sep = GroupSpaceAt(m_s, end);
                std::size_t run = sep ? DigitRun(m_s, end + sep) : 0;
                if (run == 0) break;
                Append(words, SpokenDigits(m_s.substr(end + sep, run), m_lang));
                end += sep + run;
            }
        } else {
            words = SpokenNumber(std::stoull(digits), m_lang);
        }

        // Decimal part: "52,0" -> "năm mươi hai phẩy không"; "0,05" -> "không phẩy không năm".
        if (!oneByOne && end + 1 < m_s.size() && m_s[end] == decimalMark && IsDigit(m_s[end + 1])) {
            std::size_t frac = DigitRun(m_s, end + 1);
            std::string_view f = m_s.substr(end + 1, frac);
            Append(words, m_vi ? "phẩy" : "point");
            if (m_vi && f.size() <= 2 && f[0] != '0')
                Append(words, SpokenNumber(std::stoull(std::string(f)), m_lang));
            else
                Append(words, SpokenDigits(f, m_lang));
            end += 1 + frac;
        } else if (m_vi && !oneByOne && end + 1 < m_s.size() && m_s[end] == '.' && IsDigit(m_s[end + 1])) {
            // "DigComp 2.2": a dot that is not a thousands mark is spoken.
            std::size_t frac = DigitRun(m_s, end + 1);
            Append(words, "chấm");
            Append(words, SpokenNumber(std::stoull(std::string(m_s.substr(end + 1, std::min<std::size_t>(frac, 12)))), m_lang));
            end += 1 + frac;
        }

        // Percentages, with or without a space before the sign.
        std::size_t sp = GroupSpaceAt(m_s, end);
        if (end + sp < m_s.size() && m_s[end + sp] == '%') {
            Append(words, m_vi ? "phần trăm" : "percent");
            end += sp + 1;
        }
        Emit(words, end);
        next = end;
        return true;
    }

    std::string_view m_s;
    bool m_vi, m_en;
    std::string_view m_lang;
    const Lexicon& m_lexicon;
    std::string m_out;
};

}  // namespace

const std::string* Lexicon::Find(std::string_view written) const {
    for (const auto& [w, spoken] : entries)
        if (w == written) return &spoken;
    return nullptr;
}

LexiconLoad ParseLexicon(std::string_view bytes) {
    LexiconLoad result;
    JsonReadResult parsed = ReadJson(bytes);
    result.errors = parsed.errors;
    if (!parsed.ok) return result;
    const nlohmann::json& doc = parsed.value;
    auto error = [&](const std::string& pointer, const std::string& message) {
        result.errors.push_back({pointer, message, 0, 0});
    };
    if (!doc.is_object()) {
        error("", "a lexicon must be an object {\"format\", \"language\", \"entries\"}");
        return result;
    }
    Lexicon lex;
    for (const auto& [key, value] : doc.items()) {
        if (key.rfind("x-", 0) == 0) continue;
        if (key == "format") {
            if (!value.is_string() || value.get<std::string>() != kLexiconFormat)
                error("/format", std::string("must be \"") + kLexiconFormat + "\"");
        } else if (key == "language") {
            if (value.is_string())
                lex.language = value.get<std::string>();
            else
                error("/language", "must be a language code such as \"vi\"");
        } else if (key == "entries") {
            if (!value.is_object()) {
                error("/entries", "must be an object {\"written\": \"spoken words\"}");
                continue;
            }
            for (const auto& [written, spoken] : value.items()) {
                std::string p = "/entries/" + PointerToken(written);
                if (written.empty() || written.size() > 64)
                    error(p, "a written form must have 1 to 64 characters");
                else if (!spoken.is_string() || spoken.get<std::string>().empty() ||
                         spoken.get<std::string>().size() > 256)
                    error(p, "must be the spoken words (1 to 256 characters)");
                else
                    lex.entries.emplace_back(written, spoken.get<std::string>());
            }
        } else {
            error("/" + PointerToken(key), "unknown key \"" + key + "\" (keys starting with x- are free for notes)");
        }
    }
    if (!doc.contains("format")) error("/format", "missing required key \"format\"");
    if (!doc.contains("entries")) error("/entries", "missing required key \"entries\"");
    if (!result.errors.empty()) return result;
    // Longest first, so "VietQR" wins over "QR" and "Wi-Fi" over "Wi".
    std::stable_sort(lex.entries.begin(), lex.entries.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    result.lexicon = std::move(lex);
    return result;
}

std::string SpokenNumber(std::uint64_t n, std::string_view lang) {
    bool vi = IsVi(lang);
    if (n == 0) return vi ? "không" : "zero";
    static const std::array<const char*, 4> kViGroups = {"", "nghìn", "triệu", "tỷ"};
    static const std::array<const char*, 5> kEnGroups = {"", "thousand", "million", "billion", "trillion"};
    std::vector<unsigned> groups;
    for (std::uint64_t m = n; m > 0; m /= 1000) groups.push_back(static_cast<unsigned>(m % 1000));
    if (vi && groups.size() > kViGroups.size()) return SpokenDigits(std::to_string(n), lang);
    if (!vi && groups.size() > kEnGroups.size()) return SpokenDigits(std::to_string(n), lang);
    std::string out;
    for (std::size_t g = groups.size(); g-- > 0;) {
        if (groups[g] == 0) continue;
        bool inside = g + 1 < groups.size();
        Append(out, vi ? ViUnder1000(groups[g], inside) : EnUnder1000(groups[g]));
        Append(out, vi ? kViGroups[g] : kEnGroups[g]);
    }
    return out;
}

std::string SpokenDigits(std::string_view digits, std::string_view lang) {
    bool vi = IsVi(lang);
    std::string out;
    for (char c : digits)
        if (IsDigit(c)) Append(out, vi ? kViDigits[c - '0'] : kEnSmall[c - '0']);
    return out;
}

std::string NormalizeForSpeech(std::string_view text, std::string_view lang, const Lexicon& lexicon) {
    return Normalizer(text, lang, lexicon).Run();
}

std::size_t SpokenWordCount(std::string_view normalized) {
    std::size_t count = 0, i = 0;
    bool inWord = false;
    while (i < normalized.size()) {
        std::size_t len = 0;
        bool word = IsWordCodePoint(CodePointAt(normalized, i, len));
        if (word && !inWord) ++count;
        inWord = word;
        i += len;
    }
    return count;
}

}  // namespace kiosk::core
