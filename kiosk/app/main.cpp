// kiosk: the citizen kiosk. Opens one full-screen window (GLFW + OpenGL 3), wires the flow, the result
// store and the screens (through KioskController), and runs an event-driven loop that sleeps until a
// touch, a countdown second or a timer: an idle kiosk uses next to no CPU.
#include "kiosk/app/kiosk_controller.h"
#include "kiosk/app/screenshot.h"
#include "kiosk/app/speech_worker.h"
#include "kiosk/app/staff_store.h"
#include "kiosk/app/store_sink.h"
#include "kiosk/app/sync_worker.h"
#include "kiosk/app/watchdog.h"
#include "kiosk/core/build_info.h"
#include "kiosk/core/text.h"
#include "kiosk/station/catalog.h"
#include "kiosk/station/config.h"
#include "kiosk/station/event_log.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/translations.h"

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "imgui_internal.h"  // ErrorCheckEndFrameRecover

#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace kiosk;

// What the GLFW callbacks need; reached through the window's user pointer.
struct WindowState {
    bool kioskMode = true;
    bool input = false;  // any input since the last frame: keep drawing a few frames
};

WindowState& StateOf(GLFWwindow* w) { return *static_cast<WindowState*>(glfwGetWindowUserPointer(w)); }

void OnClose(GLFWwindow* w) {
    // Alt+F4 or a window manager's close: ignored in kiosk mode.
    if (StateOf(w).kioskMode) glfwSetWindowShouldClose(w, GLFW_FALSE);
}
void OnMouseButton(GLFWwindow* w, int, int, int) { StateOf(w).input = true; }
void OnCursor(GLFWwindow* w, double, double) { StateOf(w).input = true; }
void OnScroll(GLFWwindow* w, double, double) { StateOf(w).input = true; }
void OnKey(GLFWwindow* w, int, int, int, int) { StateOf(w).input = true; }
void OnGlfwError(int code, const char* message) { std::fprintf(stderr, "kiosk: GLFW error %d: %s\n", code, message); }

double EpochMillis() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

// The screen and its tap targets, for test drivers (--trace-screens): printed when they change.
std::string DescribeScreen(flow::Screen drawn, const ui::UiState& ui) {
    std::string line = "KIOSK_SCREEN name=" + std::string(flow::ScreenName(drawn)) + " page=" + ui.pageKey;
    line += " targets=";
    // Each enabled target as id@x,y,w,h (its visible rectangle), so a driver can tap inside it and check it.
    for (const auto& t : ui.targets) {
        if (!t.enabled) continue;
        auto i = [](float v) { return std::to_string(static_cast<int>(std::lround(v))); };
        line += t.id + "@" + i(t.min.x) + "," + i(t.min.y) + "," + i(t.max.x - t.min.x) + "," + i(t.max.y - t.min.y) +
                (t.selected ? "*" : "") + ";";
    }
    return line;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "--version") {
        std::printf("kiosk %s\n", core::KioskVersion());
        return 0;
    }
    std::string argError;
    auto cl = station::ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc), argError);
    if (!cl) {
        std::fprintf(stderr, "kiosk: %s\n\n%s", argError.c_str(), station::UsageText());
        return 2;
    }
    if (cl->help) {
        std::fputs(station::UsageText(), stdout);
        return 0;
    }

    std::vector<std::string> configErrors;
    const station::KioskConfig config = station::ResolveConfig(*cl, configErrors);
    station::FileEventLog log(config.logFile);
    log.Write(core::LogLevel::Info, "kiosk " + config.kioskId + " starting at " + config.locationCode +
                                      "; questionnaires " + config.questionnairesDir + ", database " + config.database);
    for (const auto& e : configErrors) log.Write(core::LogLevel::Staff, "config: " + e);

    std::vector<std::string> setupErrors;
    const ui::Translations texts = ui::Translations::Load(config.assetsDir + "/i18n", {"vi", "en"}, setupErrors);
    std::vector<std::string> themeErrors;
    app::ControllerOptions options;
    options.theme = ui::LoadTheme(config.assetsDir + "/theme.json", themeErrors);
    for (const auto& e : themeErrors) log.Write(core::LogLevel::Warning, "theme: " + e + " (default used)");
    options.session.idleTimeout = core::Millis(config.idleTimeoutS * 1000LL);
    options.session.warningTimeout = core::Millis(config.warningTimeoutS * 1000LL);
    options.session.defaultLanguage = config.defaultLanguage;
    options.learningPortalUrl = config.learningPortalUrl;
    options.locationName = config.locationName;
    options.staff.pinFile = config.staffPinFile;
    options.staff.idleTimeout = core::Millis(config.staffIdleTimeoutS * 1000LL);
    options.wake = [] { glfwPostEmptyEvent(); };  // the questionnaire loader is done: draw the news
    options.print.enabled = config.printEnabled;
    options.print.printer = config.printer;

    // --- Window -------------------------------------------------------------------------------------------
    glfwSetErrorCallback(OnGlfwError);
    if (!glfwInit()) {
        log.Write(core::LogLevel::Error, "no display: GLFW could not start (is DISPLAY set?)");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    WindowState state;
    state.kioskMode = !cl->windowed;
    GLFWwindow* window = nullptr;
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (state.kioskMode && mode) {
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);  // losing focus must not minimise the kiosk
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        window = glfwCreateWindow(mode->width, mode->height, "Kiosk", monitor, nullptr);
    } else {
        int w = mode ? std::min(1600, mode->width) : 1600, h = mode ? std::min(900, mode->height) : 900;
        window = glfwCreateWindow(w, h, "Kiosk (windowed)", nullptr, nullptr);
    }
    if (!window) {
        log.Write(core::LogLevel::Error, "cannot open a window with OpenGL 3");
        glfwTerminate();
        return 1;
    }
    glfwSetWindowUserPointer(window, &state);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (state.kioskMode) glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    // Installed before ImGui's, which chains to them.
    glfwSetWindowCloseCallback(window, OnClose);
    glfwSetMouseButtonCallback(window, OnMouseButton);
    glfwSetCursorPosCallback(window, OnCursor);
    glfwSetScrollCallback(window, OnScroll);
    glfwSetKeyCallback(window, OnKey);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing written to disk, no layout memory between citizens
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    ui::FontSet fonts;
    // Read once here: the UI reads no files, and a text-size change rebuilds the atlas from these bytes.
    ui::FontData fontFiles;
    fontFiles.name = config.fontRegular;
    std::string fontError;
    if (!core::ReadFileBytes(config.fontRegular, fontFiles.regular, fontError)) fontFiles.regular.clear();
    if (!core::ReadFileBytes(config.fontBold, fontFiles.bold, fontError)) fontFiles.bold.clear();

    // --- Kiosk --------------------------------------------------------------------------------------------
    storage::StoreConfig storeConfig;
    storeConfig.path = config.database;
    storeConfig.kioskId = config.kioskId;
    storeConfig.locationCode = config.locationCode;
    app::StoreSink storeSink(storeConfig, log);
    // Central sync (when central_url is set): a worker thread, woken after each save, joined at exit. The store
    // is opened (a new kiosk's database created) first, so the worker never opens a file being created.
    storeSink.Ready();
    std::unique_ptr<app::SyncWorker> syncWorker = app::StartCentralSync(config, log);
    app::SyncingSink sink(storeSink, syncWorker.get());
    station::QuestionnaireCatalog catalog(config.questionnairesDir, log);
    catalog.SetStateFile(config.questionnairesStateFile);
    core::SteadyClock clock;
    app::KioskController controller(clock, options, texts, catalog, sink, log);
    app::StaffStoreOptions staffStore;
    staffStore.database = config.database;
    staffStore.k = config.smallGroupK;
    staffStore.locationCode = config.locationCode;
    staffStore.usbRoots = config.usbRoots;
    staffStore.logFile = config.logFile;
    app::StoreStaffData storeStaffData(staffStore);
    app::SyncingStaffData staffData(storeStaffData, syncWorker.get());
    controller.SetStaffData(&staffData);
    // Read-aloud: its worker thread starts here and is joined when `speech` goes out of scope.
    app::SpeechWorker speech(
        {config.audioDevice, config.voice, config.assetsDir, config.volumeFile, config.volume - 1, cl->traceFrames});
    controller.SetSpeech(&speech);
    for (const auto& e : setupErrors) controller.SetSetupFailure("translations: " + e);
    ui::UiState uiState;
    uiState.fonts = &fonts;
    // Tap targets of 15 mm on this monitor: from the configured diagonal, else from the size the monitor
    // reports (EDID; 0 when unknown, e.g. under Xvfb), else the UI's pixel floor. The UI only gets the number.
    {
        int fbw = 0, fbh = 0;
        glfwGetFramebufferSize(window, &fbw, &fbh);
        double diagonal = config.screenDiagonalInch;
        int mmW = 0, mmH = 0;
        if (diagonal <= 0 && monitor) glfwGetMonitorPhysicalSize(monitor, &mmW, &mmH);
        // Monitors without EDID often report nonsense such as 1 mm or an aspect ratio in cm; ignore it.
        if (diagonal <= 0 && mmW >= 100 && mmH >= 60 && mmW < 3000 && mmH < 3000)
            diagonal = std::sqrt(double(mmW) * mmW + double(mmH) * mmH) / 25.4;
        uiState.minTargetPx = ui::TargetPixelsFor(static_cast<float>(fbw), static_cast<float>(fbh), static_cast<float>(diagonal));
        log.Write(core::LogLevel::Info, "tap targets: " + std::to_string(static_cast<int>(uiState.minTargetPx)) + " px (" +
                                          (diagonal > 0 ? std::to_string(diagonal).substr(0, 4) + "\" monitor" : "monitor size unknown") + ")");
    }

    std::set<std::string> screenshotsTaken;
    int changeShots = 0;
    std::string lastScreenDescription, lastPictureDescription, previousPage;
    bool firstFrame = true, wasDown = false;
    app::Watchdog watchdog;  // under systemd: ready after the first frame, then pings while frames are drawn
    int extraFrames = 2;
    while (!(glfwWindowShouldClose(window) && !state.kioskMode) && !controller.ExitRequested()) {
        if (extraFrames > 0) {
            glfwPollEvents();
        } else if (auto wake = controller.NextWakeup()) {
            double seconds = std::chrono::duration<double>(*wake - clock.Now()).count();
            glfwWaitEventsTimeout(std::clamp(seconds, 0.001, std::max(0.001, watchdog.MaxSleepSeconds().value_or(3600.0))));
        } else if (auto most = watchdog.MaxSleepSeconds()) {
            glfwWaitEventsTimeout(*most);  // wake in time to ping even when nothing happens
        } else {
            glfwWaitEvents();
        }
        const auto frameStart = std::chrono::steady_clock::now();
        if (state.input) {
            // A tap fires on its release frame, and the page it opens needs a frame to settle.
            extraFrames = std::max(extraFrames, 3);
            state.input = false;
        }

        if (syncWorker) syncWorker->LogChanges(log);
        try {
            controller.Update();
        } catch (const std::exception& e) {
            controller.RecoverFromError(e.what());
        }
        if (fonts.size != controller.TextSizePx()) {
            std::vector<std::string> fontErrors;
            ui::BuildFonts(*io.Fonts, fontFiles, controller.TextSizePx(), fonts, fontErrors);
            for (const auto& e : fontErrors) log.Write(core::LogLevel::Staff, e);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            io.Fonts->ClearTexData();  // the GPU has it; keep no second copy in RAM
            extraFrames = std::max(extraFrames, 2);
        }

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ui::ApplyTouchPointerRules(io, wasDown);
        ImGui::NewFrame();
        const flow::Screen drawn = controller.CurrentScreen();
        try {
            controller.Draw(uiState);
        } catch (const std::exception& e) {
            // Close whatever the interrupted frame left open, then show a calm screen instead of dying.
            ImGui::ErrorCheckEndFrameRecover(nullptr);
            controller.RecoverFromError(e.what());
            extraFrames = std::max(extraFrames, 2);
        }
        ImGui::Render();

        int fbw = 0, fbh = 0;
        glfwGetFramebufferSize(window, &fbw, &fbh);
        glViewport(0, 0, fbw, fbh);
        const ImVec4 bg = controller.CurrentPalette().background;
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        // Screenshots once a page has been drawn twice (settled), the first time each screen appears.
        const std::string page = uiState.pageKey;
        const std::string screen = flow::ScreenName(drawn);
        if (cl->screenshotDir && page == previousPage && !screenshotsTaken.count(screen)) {
            screenshotsTaken.insert(screen);
            std::string path = *cl->screenshotDir + "/" + screen + ".png";
            if (!app::SaveScreenshot(path, fbw, fbh)) log.Write(core::LogLevel::Warning, "cannot write " + path);
        }
        if (cl->screenshotChangesDir && page == previousPage) {
            std::string d = DescribeScreen(drawn, uiState);
            if (d != lastPictureDescription) {
                lastPictureDescription = d;
                char name[32];
                std::snprintf(name, sizeof name, "%03d-", ++changeShots);
                app::SaveScreenshot(*cl->screenshotChangesDir + "/" + name + screen + ".png", fbw, fbh, true);
            }
        }
        glfwSwapBuffers(window);
        watchdog.Ready();
        watchdog.Ping();

        if (firstFrame) {
            firstFrame = false;
            if (cl->traceStartup) std::fprintf(stderr, "KIOSK_FIRST_FRAME epoch_ms=%.3f\n", EpochMillis());
        }
        if (cl->traceFrames) {
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count();
            std::fprintf(stderr, "KIOSK_FRAME ms=%.3f page=%s\n", ms, page.c_str());
        }
        if (cl->traceScreens) {
            std::string d = DescribeScreen(drawn, uiState);
            if (d != lastScreenDescription && page == previousPage) {
                std::fprintf(stderr, "%s\n", d.c_str());
                lastScreenDescription = d;
            }
        }
        if (page != previousPage || controller.PageKey() != page) extraFrames = std::max(extraFrames, 2);
        previousPage = page;
        if (extraFrames > 0) --extraFrames;
    }

    watchdog.Stopping();
    log.Write(core::LogLevel::Info, controller.ExitRequested() ? "kiosk closed by staff" : "kiosk closed (windowed mode)");
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
