// The headless kiosk used by the UI and app tests.
#include "harness.h"

#include "kiosk/core/text.h"
#include "kiosk/station/config.h"

#include <doctest/doctest.h>

#include <cfloat>
#include <cstdlib>
#include <filesystem>

namespace kiosk::ui::test {

std::string SourcePath(const std::string& relative) { return std::string(KIOSK_SOURCE_DIR) + "/" + relative; }

SaveOutcome FakeSink::Ready() {
    if (failing) return {false, "Other: the fake store is failing"};
    return {true, ""};
}

SaveOutcome FakeSink::Save(const core::ResultRecord& record) {
    ++attempts;
    if (failing) return {false, "DiskFull: the fake store is failing"};
    saved.push_back(record);
    return {true, ""};
}

std::vector<std::string> FakeSink::TakeStaffNotices() {
    std::vector<std::string> out;
    out.swap(notices);
    return out;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-ui-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

const std::string& TestPinHash() {
    static const std::string hash = core::HashPin(kTestPin);
    return hash;
}

Harness::Harness() : Harness(HarnessOptions{}) {}

Harness::Harness(HarnessOptions options) {
    if (options.controller.staff.pinFile.empty()) {
        options.controller.staff.pinFile = m_pinDir.File("staff-pin");
        std::string error;
        REQUIRE_MESSAGE(core::SavePinHash(options.controller.staff.pinFile, TestPinHash(), error), error);
    }
    const station::KioskConfig defaults;
    m_fontData.name = defaults.fontRegular;
    std::string fontError;
    if (!core::ReadFileBytes(defaults.fontRegular, m_fontData.regular, fontError)) m_fontData.regular.clear();
    if (!core::ReadFileBytes(defaults.fontBold, m_fontData.bold, fontError)) m_fontData.bold.clear();
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(options.width, options.height);
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);

    std::vector<std::string> errors;
    texts = Translations::Load(SourcePath("assets/i18n"), {"vi", "en"}, errors);
    REQUIRE_MESSAGE(errors.empty(), (errors.empty() ? "" : errors.front()));
    catalog = std::make_unique<QuestionnaireCatalog>(options.questionnairesDir, log);
    controller = std::make_unique<KioskController>(clock, options.controller, texts, *catalog,
                                                   options.sink ? *options.sink : fakeSink, log);
    if (options.speech) {
        app::SpeechSettings settings;
        settings.assetsDir = SourcePath("assets");
        auto sink = std::make_unique<::kiosk::speech::MemorySink>();
        spoken = sink.get();
        this->speech = std::make_unique<app::SpeechWorker>(settings, std::move(sink));
        controller->SetSpeech(this->speech.get());
    }
    ui.fonts = &fonts;
    ui.textLog = &m_textThisFrame;
    Frames(2);
}

Harness::~Harness() {
    ImGui::SetCurrentContext(m_context);
    ImGui::DestroyContext(m_context);
}

void Harness::Frame() {
    ImGui::SetCurrentContext(m_context);
    // Questionnaire loads and installs run on the controller's worker; the harness waits for them so every
    // test sees their outcome on the next frame (tests/app/catalog_loader_test.cpp covers the waiting).
    controller->WaitForCatalog();  // what the last frame's taps asked for
    controller->Update();
    controller->WaitForCatalog();  // what this frame's timers asked for (a rescan while out of service)
    ImGuiIO& io = ImGui::GetIO();
    if (fonts.size != controller->TextSizePx()) {
        std::vector<std::string> errors;
        BuildFonts(*io.Fonts, m_fontData, controller->TextSizePx(), fonts, errors);
        // Without Noto (not installed) text still wraps, only less realistically: worth a note, not a failure.
        if (!errors.empty()) MESSAGE(errors.front());
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    m_textThisFrame.clear();
    ImGui::NewFrame();
    controller->Draw(ui);
    ImGui::Render();
    m_text = m_textThisFrame;
}

void Harness::Frames(int n) {
    for (int i = 0; i < n; ++i) Frame();
}

const HitTarget& Harness::Target(const std::string& id) const {
    const HitTarget* t = FindTarget(ui, id);
    if (!t) {
        std::string all;
        for (const auto& x : ui.targets) all += x.id + " ";
        FAIL("no tap target \"" << id << "\" on screen " << std::string(ScreenName(CurrentScreen())) << " (targets: " << all << ")");
    }
    return *t;
}

void Harness::Tap(const std::string& id) {
    const HitTarget& t = Target(id);
    REQUIRE_MESSAGE(t.enabled, "target " << id << " is disabled");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = t.Centre();
    io.MouseDown[0] = true;
    Frame();
    io.MouseDown[0] = false;
    Frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // as the app does after a release: nothing stays hovered
    Frames(2);
}

void Harness::Drag(ImVec2 from, ImVec2 to, int steps) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    io.MouseDown[0] = true;
    Frame();
    for (int i = 1; i <= steps; ++i) {
        float t = static_cast<float>(i) / steps;
        io.MousePos = ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        Frame();
    }
    io.MouseDown[0] = false;
    Frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    Frames(2);
}

void Harness::Advance(core::Millis d) {
    clock.Advance(d);
    Frame();
}

void Harness::Press(ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    io.MouseDown[0] = true;
    Frame();
}

void Harness::Release() {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = false;
    Frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    Frames(2);
}

void Harness::HoldCorner(core::Millis hold) {
    Press(ImVec2(20, 20));
    Advance(hold);
    Release();
}

void Harness::TypePin(const std::string& digits) {
    for (char c : digits) Tap(std::string("pin.") + c);
}

bool Harness::Shows(const std::string& fragment) const {
    for (const auto& line : m_text)
        if (line.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace kiosk::ui::test
