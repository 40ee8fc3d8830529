// The optional, coarse profile a citizen may give after the questions. Every field has "no-answer";
// nothing here can identify a person. Ids are stable (stored and exported); labels live in assets/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

inline constexpr const char* kNoAnswer = "no-answer";

struct Profile {
    std::string ageBand = kNoAnswer;   // one of AgeBands()
    std::string gender = kNoAnswer;    // one of Genders()
    std::string assisted = kNoAnswer;  // "yes", "no" or "no-answer"
};

const std::vector<std::string>& AgeBands();  // "under-30", "30-44", "45-59", "60-74", "75-plus", "no-answer"
const std::vector<std::string>& Genders();   // "female", "male", "other", "no-answer"
const std::vector<std::string>& AssistedValues();  // "yes", "no", "no-answer"

bool IsValidProfile(const Profile& p);

}  // namespace kiosk::core
