// Allowed values of the optional citizen profile.
#include "kiosk/core/profile.h"

#include <algorithm>

namespace kiosk::core {

const std::vector<std::string>& AgeBands() {
    static const std::vector<std::string> v = {"under-30", "30-44", "45-59", "60-74", "75-plus", kNoAnswer};
    return v;
}

const std::vector<std::string>& Genders() {
    static const std::vector<std::string> v = {"female", "male", "other", kNoAnswer};
    return v;
}

const std::vector<std::string>& AssistedValues() {
    static const std::vector<std::string> v = {"yes", "no", kNoAnswer};
    return v;
}

bool IsValidProfile(const Profile& p) {
    auto in = [](const std::vector<std::string>& v, const std::string& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    return in(AgeBands(), p.ageBand) && in(Genders(), p.gender) && in(AssistedValues(), p.assisted);
}

}  // namespace kiosk::core
