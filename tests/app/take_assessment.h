// Shared by the app tests: a citizen taps through the minimal fixture questionnaire up to the result.
#pragma once

#include "harness.h"

#include <doctest/doctest.h>

#include <string>

namespace kiosk::ui::test {

// Takes the minimal fixture (6 questions): answer 1 everywhere, the given age band, then the result.
inline core::AnswerMap TakeAssessment(Harness& h, int ageBand) {
    core::AnswerMap tapped;
    h.Tap("welcome.start");
    h.Tap("consent.agree");
    const core::Session& s = h.controller->GetSession();
    while (h.CurrentScreen() == Screen::Question) {
        tapped[s.CurrentItem()->id] = 1;
        h.Tap("option.1");
        h.Tap("question.next");
    }
    REQUIRE(h.CurrentScreen() == Screen::Profile);
    h.Tap("profile.age." + std::to_string(ageBand));
    h.Tap("profile.submit");
    return tapped;
}

}  // namespace kiosk::ui::test
