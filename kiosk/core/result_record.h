// A consented result on its way from the flow to the result store: the one record type between them. It
// owns its data (the questionnaire is shared), so it survives the session being wiped and a retry later.
#pragma once

#include "kiosk/core/profile.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"

#include <string>

namespace kiosk::core {

struct ResultRecord {
    QuestionnairePtr questionnaire;
    Result result;
    AnswerMap answers;
    Profile profile;
    std::string language;  // "vi", "en"
    std::string date;      // "YYYY-MM-DD" of completion, the local day only (kept across retries)
    bool simulated = false;
};

}  // namespace kiosk::core
