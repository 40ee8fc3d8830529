// A headless kiosk for tests: a real ImGui context without any backend, the real fonts (when installed),
// the real flow, controller and screens, a hand-moved clock and a fake or real result sink. Taps are mouse-down
// and mouse-up frames at a target's centre, found by the stable id the screen recorded for it.
#pragma once

#include "kiosk/core/session.h"
#include "kiosk/station/catalog.h"
#include "kiosk/app/kiosk_controller.h"
#include "kiosk/app/speech_worker.h"
#include "kiosk/station/event_log.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/translations.h"
#include "kiosk/ui/widgets.h"

#include <memory>
#include <string>
#include <vector>

namespace kiosk::ui::test {

using app::ControllerOptions;
using app::KioskController;
using app::ResultSink;
using app::SaveOutcome;
using flow::Screen;
using flow::ScreenName;
using station::MemoryEventLog;
using station::QuestionnaireCatalog;

std::string SourcePath(const std::string& relative);  // under the repository (KIOSK_SOURCE_DIR)

// Remembers saved results; can be told to fail like a broken disk.
class FakeSink final : public ResultSink {
public:
    SaveOutcome Ready() override;
    SaveOutcome Save(const core::ResultRecord& record) override;
    std::vector<std::string> TakeStaffNotices() override;

    bool failing = false;
    std::vector<core::ResultRecord> saved;
    std::vector<std::string> notices;
    int attempts = 0;
};

// A temporary folder removed afterwards.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string Path() const { return m_path; }
    std::string File(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// The staff PIN every harness starts with (written to a temporary PIN file unless the test sets its own).
inline constexpr const char* kTestPin = "246810";
// The Argon2id hash of kTestPin, computed once per test program (hashing costs ~0.3 s).
const std::string& TestPinHash();

struct HarnessOptions {
    std::string questionnairesDir = SourcePath("tests/fixtures");
    ResultSink* sink = nullptr;  // null: the harness' own FakeSink
    ControllerOptions controller;  // controller.staff.pinFile empty: a temporary file holding TestPinHash()
    float width = 1920, height = 1080;
    // Read-aloud through the real speech worker into a MemorySink (Harness::spoken); false: no sound device.
    bool speech = true;
};

class Harness {
public:
    // Default options. Out of line on purpose: a `HarnessOptions options = {}` default argument made GCC 12 at
    // -O3 report -Wmaybe-uninitialized (a false positive on the temporary's strings) at every `Harness h;`.
    Harness();
    explicit Harness(HarnessOptions options);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // One frame: timers, font rebuild when the text size changed, draw. Records the text drawn.
    void Frame();
    void Frames(int n);
    // Taps the target with this id (press frame, release frame, two settle frames). Fails the test when
    // the target is not on screen.
    void Tap(const std::string& id);
    bool HasTarget(const std::string& id) const { return FindTarget(ui, id) != nullptr; }
    const HitTarget& Target(const std::string& id) const;
    // Presses at `from`, moves in steps to `to`, releases.
    void Drag(ImVec2 from, ImVec2 to, int steps = 6);
    // Moves the clock (and draws a frame so timers run).
    void Advance(core::Millis d);
    // Puts a finger down at `at` (one frame) and keeps it there; Release() lifts it (and settles).
    void Press(ImVec2 at);
    void Release();
    // Holds the hidden corner for `hold`, then types `pin` on the pad (no OK).
    void HoldCorner(core::Millis hold = core::Millis(3'000));
    void TypePin(const std::string& digits);

    Screen CurrentScreen() const { return controller->CurrentScreen(); }
    // All text drawn in the last frame, one string per line.
    const std::vector<std::string>& Text() const { return m_text; }
    bool Shows(const std::string& fragment) const;

    core::ManualClock clock;
    MemoryEventLog log;
    FakeSink fakeSink;
    Translations texts;
    std::unique_ptr<QuestionnaireCatalog> catalog;
    ::kiosk::speech::MemorySink* spoken = nullptr;  // what the kiosk said (owned by `speech`); null without speech
    std::unique_ptr<app::SpeechWorker> speech;
    std::unique_ptr<KioskController> controller;
    UiState ui;
    FontSet fonts;

private:
    ImGuiContext* m_context = nullptr;
    FontData m_fontData;  // Noto's bytes, read once per harness (empty when not installed)
    TempDir m_pinDir;
    std::vector<std::string> m_text, m_textThisFrame;
};

}  // namespace kiosk::ui::test
