// The kiosk's screens as plain functions: each draws one full-screen page from its view model and returns
// what was tapped. No session logic here, no state beyond the UiState bookkeeping.
#pragma once

#include "kiosk/ui/intent.h"
#include "kiosk/ui/views.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

Intent DrawWelcomeScreen(const WelcomeView& view, UiState& ui);
Intent DrawConsentScreen(const ConsentView& view, UiState& ui);
Intent DrawQuestionScreen(const QuestionView& view, UiState& ui);
Intent DrawConfirmLeaveScreen(const ConfirmLeaveView& view, UiState& ui);
Intent DrawProfileScreen(const ProfileView& view, UiState& ui);
Intent DrawResultScreen(const ResultView& view, UiState& ui);
Intent DrawIdleScreen(const IdleView& view, UiState& ui);
Intent DrawThankYouScreen(const MessageView& view, UiState& ui);
Intent DrawOutOfServiceScreen(const MessageView& view, UiState& ui);

}  // namespace kiosk::ui
