// Strict JSON reader: a SAX handler over nlohmann's iterative parser that builds the DOM while tracking the
// JSON Pointer of every value, so duplicate keys, nesting depth and non-finite numbers can be reported
// precisely. nlohmann's parser does not recurse, and the depth cap keeps the DOM shallow, so hostile
// input (100 000-deep nesting) costs neither stack nor time.
#include "kiosk/core/json_reader.h"

#include "kiosk/core/text.h"

#include <cmath>
#include <algorithm>
#include <map>

namespace kiosk::core {
namespace {

using json = nlohmann::json;

struct Frame {
    json* container;
    std::size_t nextIndex = 0;  // arrays: index of the next element
    std::string key;            // objects: the key whose value comes next
    bool hasKey = false;        // objects: `key` is read and its value not yet put
    std::string pathToken;      // "/name" or "/3": this container's place in its parent
};

class StrictSax {
  public:
    StrictSax(std::size_t maxDepth, std::vector<Diagnostic>& errors)
        : m_maxDepth(maxDepth), m_errors(errors) {}

    json root;
    bool syntaxError = false;
    std::size_t errorByte = 0;
    std::string errorMessage;
    std::string errorPointer;

    bool null() { return Put(json(nullptr)); }
    bool boolean(bool v) { return Put(json(v)); }
    bool number_integer(json::number_integer_t v) { return Put(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return Put(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) {
        if (!std::isfinite(v)) {
            m_errors.push_back({PointerOfNext(), "number is out of range", 0, 0});
            return Put(json(nullptr));
        }
        return Put(json(v));
    }
    bool string(std::string& v) { return Put(json(std::move(v))); }
    bool binary(json::binary_t&) { return Put(json(nullptr)); }

    bool start_object(std::size_t) { return Open(json::object()); }
    bool start_array(std::size_t) { return Open(json::array()); }
    bool end_object() { return Close(); }
    bool end_array() { return Close(); }

    bool key(std::string& k) {
        Frame& f = m_stack.back();
        if (f.container->contains(k)) {
            m_errors.push_back({Pointer() + "/" + PointerToken(k),
                                "duplicate key \"" + k + "\" (a key may appear only once in an object)", 0,
                                0});
        }
        f.key = std::move(k);
        f.hasKey = true;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        syntaxError = true;
        errorByte = position;
        errorPointer = PointerOfNext();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: <detail>";
        // keep the detail only: we compute line and column ourselves (BOM stripped, columns in characters).
        std::string what = ex.what();
        if (ex.id == 406) {
            errorMessage = "number is out of range";
        } else {
            auto start = what.find("] ");
            if (start != std::string::npos) what.erase(0, start + 2);
            auto colon = what.rfind("parse error", 0) == 0 ? what.find(": ") : std::string::npos;
            errorMessage = colon == std::string::npos ? what : what.substr(colon + 2);
            // Windows editors may save in a legacy code page (e.g. Windows-1258 for Vietnamese); say what to
            // do.
            if (errorMessage.find("ill-formed UTF-8") != std::string::npos)
                errorMessage = "the text here is not UTF-8; save the file as UTF-8 (" + errorMessage + ")";
        }
        return false;
    }

  private:
    std::string Pointer() const {
        std::string p;
        for (std::size_t i = 1; i < m_stack.size(); ++i) p += m_stack[i].pathToken;
        return p;
    }
    // Pointer of the value about to be put into the innermost container.
    std::string PointerOfNext() const {
        if (m_stack.empty()) return "";
        const Frame& f = m_stack.back();
        std::string p = Pointer();
        if (f.container->is_array()) return p + "/" + std::to_string(f.nextIndex);
        // Between members (e.g. a missing key after a comma) the object itself is the best pointer; the
        // previous key would blame a value that is fine.
        if (!f.hasKey) return p;
        return p + "/" + PointerToken(f.key);
    }

    json* Slot(json&& v) {
        if (m_stack.empty()) {
            root = std::move(v);
            return &root;
        }
        Frame& f = m_stack.back();
        if (f.container->is_array()) {
            f.container->push_back(std::move(v));
            ++f.nextIndex;
            return &f.container->back();
        }
        json& slot = (*f.container)[f.key];
        slot = std::move(v);
        f.hasKey = false;
        return &slot;
    }
    bool Put(json&& v) {
        Slot(std::move(v));
        return true;
    }
    bool Open(json&& v) {
        if (m_stack.size() >= m_maxDepth) {
            m_errors.push_back(
                {PointerOfNext(), "nesting is deeper than " + std::to_string(m_maxDepth) + " levels", 0, 0});
            return false;
        }
        std::string token;
        if (!m_stack.empty()) {
            const Frame& f = m_stack.back();
            token = "/" + (f.container->is_array() ? std::to_string(f.nextIndex) : PointerToken(f.key));
        }
        json* slot = Slot(std::move(v));
        m_stack.push_back({slot, 0, {}, false, std::move(token)});
        return true;
    }
    bool Close() {
        m_stack.pop_back();
        return true;
    }

    std::size_t m_maxDepth;
    std::vector<Diagnostic>& m_errors;
    std::vector<Frame> m_stack;
};

void LineColumn(std::string_view text, std::size_t byteOffset, int& line, int& column) {
    if (byteOffset > text.size()) byteOffset = text.size();
    line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < byteOffset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count characters, as editors show them, not bytes.
    column = static_cast<int>(CodePointCount(text.substr(lineStart, byteOffset - lineStart))) + 1;
}

// Line and column of many offsets in one pass over the text (offsets visited in increasing order), so a
// file with thousands of errors costs one scan instead of one scan per error.
std::vector<std::pair<int, int>> LineColumns(std::string_view text, const std::vector<std::size_t>& offsets) {
    std::vector<std::size_t> order(offsets.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
    std::vector<std::pair<int, int>> out(offsets.size());
    int line = 1, column = 1;
    std::size_t pos = 0;
    for (std::size_t i : order) {
        std::size_t target = std::min(offsets[i], text.size());
        for (; pos < target; ++pos) {
            auto c = static_cast<unsigned char>(text[pos]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++column;  // characters, as editors count them, not bytes
            }
        }
        out[i] = {line, column};
    }
    return out;
}

// A minimal scanner over a document already known to be valid JSON (depth <= the reader's cap), recording
// the byte offset where each wanted pointer's value starts.
class PointerLocator {
  public:
    PointerLocator(std::string_view text, std::map<std::string, std::size_t>& wanted)
        : m_s(text), m_wanted(wanted) {}
    void Run() {
        Ws();
        Value("");
    }

  private:
    void Ws() {
        while (m_i < m_s.size() &&
               (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\r' || m_s[m_i] == '\n'))
            ++m_i;
    }
    void Value(const std::string& ptr) {
        auto it = m_wanted.find(ptr);
        if (it != m_wanted.end()) it->second = m_i;
        if (m_i >= m_s.size()) return;
        char c = m_s[m_i];
        if (c == '{') {
            ++m_i;
            Ws();
            while (m_i < m_s.size() && m_s[m_i] != '}') {
                std::string key = String();
                Ws();
                if (m_i < m_s.size() && m_s[m_i] == ':') ++m_i;
                Ws();
                Value(ptr + "/" + PointerToken(key));
                Ws();
                if (m_i < m_s.size() && m_s[m_i] == ',') ++m_i;
                Ws();
            }
            ++m_i;
        } else if (c == '[') {
            ++m_i;
            Ws();
            for (std::size_t index = 0; m_i < m_s.size() && m_s[m_i] != ']'; ++index) {
                Value(ptr + "/" + std::to_string(index));
                Ws();
                if (m_i < m_s.size() && m_s[m_i] == ',') ++m_i;
                Ws();
            }
            ++m_i;
        } else if (c == '"') {
            String();
        } else {
            while (m_i < m_s.size() &&
                   std::string_view(",]} \t\r\n").find(m_s[m_i]) == std::string_view::npos)
                ++m_i;
        }
    }
    // Reads a string token and returns its decoded value (keys must match the parser's decoding).
    std::string String() {
        std::string out;
        if (m_i >= m_s.size() || m_s[m_i] != '"') return out;
        std::size_t start = m_i;
        ++m_i;
        bool escaped = false;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            if (m_s[m_i] == '\\') {
                escaped = true;
                ++m_i;
            }
            ++m_i;
        }
        ++m_i;
        std::string_view token = m_s.substr(start, m_i - start);
        if (!escaped) return std::string(token.substr(1, token.size() - 2));
        try {
            return json::parse(token).get<std::string>();
        } catch (const std::exception&) {
            return std::string(token);
        }
    }

    std::string_view m_s;
    std::map<std::string, std::size_t>& m_wanted;
    std::size_t m_i = 0;
};

}  // namespace

std::vector<std::pair<int, int>> LocatePointers(std::string_view bytes,
                                                const std::vector<std::string>& pointers) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    // Want every pointer and all its ancestors, so a missing key falls back to its parent object.
    std::map<std::string, std::size_t> wanted;
    for (const auto& p : pointers) {
        std::string prefix = p;
        for (;;) {
            wanted.emplace(prefix, std::string::npos);
            if (prefix.empty()) break;
            prefix.erase(prefix.rfind('/'));
        }
    }
    PointerLocator(bytes, wanted).Run();
    std::vector<std::size_t> offsets;
    std::vector<bool> found;
    for (const auto& p : pointers) {
        std::string prefix = p;
        std::size_t at = std::string::npos;
        for (;;) {
            auto it = wanted.find(prefix);
            if (it != wanted.end() && it->second != std::string::npos) {
                at = it->second;
                break;
            }
            if (prefix.empty()) break;
            prefix.erase(prefix.rfind('/'));
        }
        found.push_back(at != std::string::npos);
        offsets.push_back(at == std::string::npos ? 0 : at);
    }
    std::vector<std::pair<int, int>> out = LineColumns(bytes, offsets);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!found[i]) out[i] = {0, 0};
    return out;
}

std::string PointerToken(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

JsonReadResult ReadJson(std::string_view bytes, const JsonReadOptions& options) {
    JsonReadResult result;
    if (bytes.size() >= 2 &&
        ((static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) ||
         (static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF))) {
        result.errors.push_back({"", "the file is saved as UTF-16; save it as UTF-8 instead", 1, 1});
        return result;
    }
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    bool blank = true;
    for (char c : bytes) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            blank = false;
            break;
        }
    }
    if (blank) {
        result.errors.push_back({"", "the file is empty", 1, 1});
        return result;
    }

    StrictSax sax(options.maxDepth, result.errors);
    bool parsed = false;
    try {
        parsed = json::sax_parse(bytes.begin(), bytes.end(), &sax, json::input_format_t::json, true, false);
    } catch (const std::exception& e) {
        // sax_parse reports through parse_error(); anything else (e.g. bad_alloc) still must not escape.
        result.errors.push_back({"", std::string("cannot read JSON: ") + e.what(), 0, 0});
        return result;
    }
    if (sax.syntaxError) {
        // The parser quotes the bytes it choked on, which may be invalid UTF-8 themselves.
        Diagnostic d{sax.errorPointer, ToValidUtf8(sax.errorMessage), 0, 0};
        // nlohmann's position counts the byte it failed on; point at that byte.
        LineColumn(bytes, sax.errorByte > 0 ? sax.errorByte - 1 : 0, d.line, d.column);
        result.errors.push_back(std::move(d));
        return result;
    }
    if (!parsed) return result;  // depth exceeded (already reported)
    result.value = std::move(sax.root);
    result.ok = result.errors.empty();
    return result;
}

}  // namespace kiosk::core
