// Small pieces: level colours, theme file, QR matrices, the touch pointer rule.
#include "harness.h"

#include "kiosk/ui/qr.h"
#include "kiosk/ui/theme.h"

#include <doctest/doctest.h>

#include <cfloat>
#include <fstream>

using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::app;
using namespace kiosk::ui::test;

TEST_CASE("level colours spread over the five slots whatever the number of levels") {
    CHECK(LevelColourSlot(-1, 5) == -1);
    for (int i = 0; i < 5; ++i) CHECK(LevelColourSlot(i, 5) == i);
    // DigCompSAT-like 4 bands still run from the lowest colour to the highest.
    CHECK(LevelColourSlot(0, 4) == 0);
    CHECK(LevelColourSlot(3, 4) == 4);
    CHECK(LevelColourSlot(1, 2) == 4);
}

TEST_CASE("the level colours are five distinct colours in both palettes") {
    Theme t = DefaultTheme();
    for (const Palette* p : {&t.calm, &t.highContrast}) {
        for (int i = 0; i < kLevelColours; ++i)
            for (int j = i + 1; j < kLevelColours; ++j) {
                const ImVec4 &a = p->levels[i], &b = p->levels[j];
                float d = std::abs(a.x - b.x) + std::abs(a.y - b.y) + std::abs(a.z - b.z);
                CHECK(d > 0.3f);
            }
    }
}

TEST_CASE("the shipped theme file loads cleanly; a bad one is reported and defaults stay") {
    std::vector<std::string> errors;
    Theme t = LoadTheme(SourcePath("assets/theme.json"), errors);
    CHECK(errors.empty());
    CHECK(t.textSizes[0] >= 28);
    TempDir dir;
    std::ofstream(dir.File("t.json")) << R"({"calm": {"text": "black", "accnt": "#000000"}, "text_sizes_px": [10, 20]})";
    errors.clear();
    t = LoadTheme(dir.File("t.json"), errors);
    CHECK(errors.size() == 3);
    CHECK(t.calm.text.x == DefaultTheme().calm.text.x);
    CHECK(t.textSizes[0] == 28);
}

TEST_CASE("QR: a summary encodes to a square matrix with finder patterns") {
    QrMatrix m = MakeQr("Đà Nẵng – Năng lực số\nTổng: Khá (52,4/100)\nHọc thêm: https://binhdanhocvuso.gov.vn");
    REQUIRE(m.size >= 21);
    CHECK((m.size - 17) % 4 == 0);  // QR sizes are 17 + 4·version
    // Top-left finder pattern: a dark 7×7 ring around a light ring around a dark 3×3 centre.
    for (int i = 0; i < 7; ++i) {
        CHECK(m.Dark(i, 0));
        CHECK(m.Dark(0, i));
        CHECK(m.Dark(i, 6));
    }
    CHECK_FALSE(m.Dark(1, 1));
    CHECK(m.Dark(3, 3));
    CHECK(MakeQr(std::string(5000, 'x')).size == 0);  // too long: no code rather than a crash
}

TEST_CASE("touch pointer rule: the release frame keeps the position, later frames hide it") {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    bool wasDown = false;
    io.MousePos = ImVec2(100, 100);
    io.MouseDown[0] = true;
    ApplyTouchPointerRules(io, wasDown);
    CHECK(io.MousePos.x == 100);
    io.MouseDown[0] = false;
    ApplyTouchPointerRules(io, wasDown);  // release frame: the tap fires here
    CHECK(io.MousePos.x == 100);
    io.MousePos = ImVec2(100, 100);  // the backend reports the pointer again
    ApplyTouchPointerRules(io, wasDown);
    CHECK(io.MousePos.x == -FLT_MAX);
    ImGui::DestroyContext(ctx);
}
