// What a person tapped, as a screen reports it. Screens never change anything themselves; the flow applies
// intents (KioskFlow::Apply is the one place to read what every tap does).
#pragma once

#include <string>

namespace kiosk::flow {

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
    // Staff mode (the PIN pad is reached by a hidden gesture, see KioskFlow::Pointer).
    PinDigit,             // index = digit 0..9
    PinErase,
    PinOk,
    PinCancel,
    StaffMenu,            // index = a StaffAction (staff_flow.h)
    StaffBack,            // back to the staff menu from a staff page
    StaffConfirm,         // "yes" on a staff confirmation page
    StaffPickDrive,       // export: index into the drives found
    StaffPickFormat,      // export: index = ExportFileFormat
    StaffPickDates,       // export: index = ExportDates
    StaffPickQuestionnaire,  // export: 0 = all, i = the i-th offered questionnaire
    StaffRescan,          // export: look for USB drives again
    StaffRun,             // export: start
    StaffToggle,          // questionnaires: index into the catalog's All() list; switches it on or off
    StaffOpenInstall,     // questionnaires: look for files to install on USB sticks
    StaffInstallFile,     // install: index into the files found
    StaffPreview,         // questionnaires: index into the catalog's All() list; take it without storing
    StaffRemoveStick,     // export: "Tháo USB an toàn" — flush and unmount the stick just exported to
    StaffInstallConfirm,  // install: "Cài đặt" on the shown changes (after StaffInstallFile)
    StaffInstallCancel,   // install: "Huỷ": back to the file list, nothing installed
    // Read-aloud (appended: the values above keep their numbers).
    Listen,               // the listen control ("Nghe"/"Dừng"): read the screen aloud, or stop
    ToggleAutoRead,       // Welcome: "read every screen aloud" for this citizen
    StaffVolume,          // health page: index = volume step (0 .. kVolumeSteps - 1)
    StaffTestTone,        // health page: play the test tone at the current volume
    PrintResult,          // "In kết quả" on the result screen
};

struct Intent {
    IntentKind kind = IntentKind::None;
    int index = -1;
};

// Where the finger is this frame, as the screen saw it: any touch is activity, and holding the hidden
// corner opens staff mode. The flow times the hold; the UI only says where the finger is.
struct Pointer {
    bool down = false;      // a finger is on the screen
    bool pressed = false;   // it came down this frame
    bool inCorner = false;  // inside the hidden top-left corner
};

}  // namespace kiosk::flow
