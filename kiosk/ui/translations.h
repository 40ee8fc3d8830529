// The interface texts, as the UI names them. The table and its loading live in kiosk_core
// (kiosk/core/translations.h), so the UI only looks texts up and never reads the files.
#pragma once

#include "kiosk/core/translations.h"

namespace kiosk::ui {
using core::Format;
using core::Translations;
}  // namespace kiosk::ui
