// What the flow asks of the world, and tells it: the flow does no I/O itself. After each intent, tick or
// I/O result the app takes the events (KioskFlow::TakeEvents), does what they ask and reports back through
// the flow's result methods (named in each kind's comment). Tests read the same events.
#pragma once

#include "kiosk/core/log_level.h"
#include "kiosk/core/staff_access.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "kiosk/flow/staff_data.h"

#include <string>

namespace kiosk::flow {

enum class EventKind {
    Log,                    // text at level: a line for the staff log
    ScreenChanged,          // text = the new page key (e.g. "question.4")
    OpenStorage,            // check that results can be stored -> StorageChecked()
    SaveResults,            // results wait in ResultsToSave() -> ResultSaved() for each, in order
    RefreshQuestionnaires,  // rescan the questionnaire folder (between citizens) -> CatalogLoaded()
    CheckPin,               // text = the typed PIN (wipe it after use) -> PinChecked()
    SavePin,                // text = the new PIN (wipe it after use) -> PinSaved()
    LoadDashboard,          // text = the staff language -> DashboardLoaded()
    LoadHealth,             // -> HealthLoaded()
    ScanDrives,             // -> DrivesFound()
    FindInstallFiles,       // questionnaire files on the drives -> InstallFilesFound()
    SetQuestionnaireEnabled,  // text = questionnaire id, on -> QuestionnaireSwitched()
    InstallQuestionnaire,   // text = the file's path -> InstallFinished()
    StartExport,            // exportRequest, on a worker -> ExportProgress(), ExportFinished()
    RemoveStick,            // text = the stick's mount point; flush + unmount, on a worker -> StickRemoved()
    SavePinAttempts,        // pinAttempts: keep the PIN lockout across a restart (StaffFlow::PinAttemptsLoaded at start)
    PreviewInstallFile,     // text = the file's path: validate it against the catalog, install nothing -> InstallPreviewed()
    // Read-aloud (appended). The app's speech queue never blocks the frame; when it goes quiet by itself
    // the app reports CitizenFlow::SpeechFinished().
    Speak,                  // text = the page key to read (the app builds its script from the flow's state)
    StopSpeech,             // silence now
    SetVolume,              // text = volume step, staff chose it -> StaffFlow::VolumeSaved()
    PlayTestTone,           // the health page's test tone at the current volume
    PrintResult,            // printRequest, on a worker -> CitizenFlow::PrintFinished()
};

// The result on screen, to be printed: what the page shows and nothing more (no answers, no profile).
struct PrintRequest {
    core::QuestionnairePtr questionnaire;
    core::Result result;
    std::string lang;
    std::string day;      // YYYY-MM-DD, the day of the assessment (never the time)
    bool stored = false;  // the citizen agreed to storing: the result is saved whatever the printer does
    int job = 0;          // given back to PrintFinished(), so a late answer for an earlier citizen is ignored
};

struct Event {
    EventKind kind = EventKind::Log;
    core::LogLevel level = core::LogLevel::Info;
    std::string text;
    bool on = false;
    ExportRequest exportRequest;
    core::PinAttempts pinAttempts;
    PrintRequest printRequest;
};

}  // namespace kiosk::flow
