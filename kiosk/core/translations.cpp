// Loading and lookup of the interface translation files.
#include "kiosk/core/translations.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

namespace kiosk::core {

Translations Translations::Load(const std::string& i18nDir, const std::vector<std::string>& languages,
                                std::vector<std::string>& errors) {
    Translations t;
    for (const auto& lang : languages) {
        const std::string path = i18nDir + "/" + lang + ".json";
        std::string bytes, error;
        if (!core::ReadFileBytes(path, bytes, error)) {
            errors.push_back(path + ": " + error);
            continue;
        }
        core::JsonReadResult doc = core::ReadJson(bytes);
        if (!doc.ok) {
            for (const auto& d : doc.errors)
                errors.push_back(path + ": " + (d.pointer.empty() ? "" : d.pointer + ": ") + d.message +
                                 (d.line ? " (line " + std::to_string(d.line) + ")" : ""));
            continue;
        }
        if (!doc.value.is_object()) {
            errors.push_back(path + ": must be an object of \"key\": \"text\" pairs");
            continue;
        }
        // Bad entries are reported; the good ones stay usable.
        std::map<std::string, std::string> table;
        for (const auto& [key, value] : doc.value.items()) {
            if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
                errors.push_back(path + ": /" + core::PointerToken(key) + ": must be a non-empty text");
                continue;
            }
            // ImGui does no shaping: decomposed Vietnamese would render as loose accents.
            table[key] = core::ToNfc(value.get_ref<const std::string&>());
        }
        t.m_tables[lang] = std::move(table);
    }
    return t;
}

void Translations::Set(const std::string& lang, std::map<std::string, std::string> table) {
    m_tables[lang] = std::move(table);
}

bool Translations::HasLanguage(std::string_view lang) const { return m_tables.find(lang) != m_tables.end(); }

bool Translations::Has(std::string_view lang, std::string_view key) const {
    auto t = m_tables.find(lang);
    return t != m_tables.end() && t->second.find(std::string(key)) != t->second.end();
}

const std::map<std::string, std::string>* Translations::Table(std::string_view lang) const {
    auto t = m_tables.find(lang);
    return t == m_tables.end() ? nullptr : &t->second;
}

const std::string& Translations::Get(std::string_view lang, std::string_view key) const {
    auto t = m_tables.find(lang);
    if (t != m_tables.end()) {
        auto it = t->second.find(std::string(key));
        if (it != t->second.end()) return it->second;
    }
    m_missing.insert(std::string(lang) + ":" + std::string(key));
    return *m_fallbacks.insert(std::string(key)).first;
}

std::string Format(std::string_view pattern, std::initializer_list<std::pair<const char*, std::string>> values) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            std::size_t close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                std::string_view name = pattern.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [n, v] : values) {
                    if (name == n) {
                        out += v;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

}  // namespace kiosk::core
