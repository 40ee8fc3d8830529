// The UI's names for the flow's intents: a screen returns what was tapped as a flow::Intent.
#pragma once

#include "kiosk/flow/intent.h"

namespace kiosk::ui {
using flow::Intent;
using flow::IntentKind;
}  // namespace kiosk::ui
