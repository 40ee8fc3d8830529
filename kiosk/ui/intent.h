// What a person tapped, as a screen reports it. Screens never change the session themselves; the
// controller applies intents (one place to read what every tap does).
#pragma once

#include <string>

namespace kiosk::ui {

enum class IntentKind {
    None,
    SetLanguage,          // index into the view's language list
    SetTextSize,          // index = text-size step
    ToggleContrast,
    ChooseQuestionnaire,  // index into the welcome view's list
    Start,
    Consent,              // index 1 = agree, 0 = decline (practice, nothing stored)
    Answer,               // index = option index of the current question
    Next,
    Back,
    AskLeave,             // "Kết thúc": asks for confirmation
    ConfirmLeave,
    CancelLeave,
    SetAgeBand,           // index into core::AgeBands()
    SetGender,            // index into core::Genders()
    SetAssisted,          // index into core::AssistedValues()
    SubmitProfile,
    SkipProfile,
    ToggleDetails,        // per-competency detail on the result screen
    Finish,               // "Hoàn thành"
    StillHere,            // dismisses the idle warning
    DismissThanks,
    // Staff mode (the PIN pad is reached by a hidden gesture, see KioskController::Draw).
    PinDigit,             // index = digit 0..9
    PinErase,
    PinOk,
    PinCancel,
    StaffMenu,            // index = a StaffAction (staff_mode.h)
    StaffBack,            // back to the staff menu from a staff page
    StaffConfirm,         // "yes" on a staff confirmation page
    StaffPickDrive,       // export: index into the drives found
    StaffPickFormat,      // export: index = ExportFileFormat
    StaffPickDates,       // export: index = ExportDates
    StaffPickQuestionnaire,  // export: 0 = all, i = the i-th installed questionnaire
    StaffRescan,          // export: look for USB drives again
    StaffRun,             // export: start
    StaffToggle,          // questionnaires: index into the catalog's All() list; switches it on or off
    StaffOpenInstall,     // questionnaires: look for files to install on USB sticks
    StaffInstallFile,     // install: index into the files found
    StaffPreview,         // questionnaires: index into the catalog's All() list; take it without storing
};

struct Intent {
    IntentKind kind = IntentKind::None;
    int index = -1;
};

}  // namespace kiosk::ui
