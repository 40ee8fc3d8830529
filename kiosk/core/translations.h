// Interface strings: one flat JSON file per language under assets/i18n/ ({"welcome.start": "Bắt đầu", …}),
// looked up by dotted key. A missing key never shows a blank button: the key itself is shown and recorded
// so tests (and the staff log) can catch it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::core {

class Translations {
public:
    // Loads assets/i18n/<lang>.json for every language; errors (unreadable file, bad JSON, non-string
    // values, empty values) are appended to `errors`. Languages that failed are absent.
    static Translations Load(const std::string& i18nDir, const std::vector<std::string>& languages,
                             std::vector<std::string>& errors);
    // For tests: build from memory.
    void Set(const std::string& lang, std::map<std::string, std::string> table);

    bool HasLanguage(std::string_view lang) const;
    bool Has(std::string_view lang, std::string_view key) const;
    // The text for `key` in `lang`; the key itself when missing (and remembered in MissingKeys()).
    const std::string& Get(std::string_view lang, std::string_view key) const;
    const std::map<std::string, std::string>* Table(std::string_view lang) const;

    // "lang:key" for every lookup that failed since construction.
    const std::set<std::string>& MissingKeys() const { return m_missing; }

private:
    std::map<std::string, std::map<std::string, std::string>, std::less<>> m_tables;
    mutable std::set<std::string> m_missing;
    mutable std::set<std::string, std::less<>> m_fallbacks;  // storage for returned missing keys
};

// Replaces every "{name}" in `pattern` with its value; unknown placeholders are left as they are.
std::string Format(std::string_view pattern, std::initializer_list<std::pair<const char*, std::string>> values);

}  // namespace kiosk::core
