// CSV field quoting with formula-injection neutralisation (see csv_field.h).
#include "kiosk/core/csv_field.h"

namespace kiosk::core {
namespace {

bool IsPlainNumber(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if ((c == '.' || c == ',') && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits;
}

}  // namespace

bool IsFormulaLike(std::string_view field) {
    if (field.empty()) return false;
    char c = field.front();
    if (c == '=' || c == '@' || c == '\t' || c == '\r') return true;
    if (c == '+' || c == '-') return !IsPlainNumber(field);
    return false;
}

void AppendCsvField(std::string& out, std::string_view field) {
    const bool guard = IsFormulaLike(field);
    const bool quote = field.find_first_of(",;\"\r\n") != std::string_view::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' ' ||
                                           field.front() == '\t' || field.back() == '\t'));
    if (quote) out.push_back('"');
    if (guard) out.push_back('\'');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    if (quote) out.push_back('"');
}

std::string_view CsvCellText(std::string_view cell) {
    if (cell.size() >= 2 && cell.front() == '\'' && IsFormulaLike(cell.substr(1))) cell.remove_prefix(1);
    return cell;
}

}  // namespace kiosk::core
