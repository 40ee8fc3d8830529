// Built-in palettes, theme file overrides and the ImGui style derived from them.
#include "kiosk/ui/theme.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"

#include <cmath>

namespace kiosk::ui {
namespace {

ImVec4 Hex(unsigned rgb) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, 1.0f);
}

bool ParseHex(const std::string& s, ImVec4& out) {
    if (s.size() != 7 || s[0] != '#') return false;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return false;
        v = v * 16 + d;
    }
    out = Hex(v);
    return true;
}

void ReadPalette(const nlohmann::json& obj, const std::string& ptr, Palette& p, std::vector<std::string>& errors) {
    struct Field {
        const char* name;
        ImVec4* colour;
    };
    const Field fields[] = {{"background", &p.background}, {"surface", &p.surface},   {"text", &p.text},
                            {"muted_text", &p.mutedText},  {"accent", &p.accent},     {"on_accent", &p.onAccent},
                            {"border", &p.border},         {"selected", &p.selected}, {"on_selected", &p.onSelected},
                            {"pressed", &p.pressed},       {"track", &p.track},       {"disabled", &p.disabled}};
    if (!obj.is_object()) {
        errors.push_back(ptr + ": must be an object");
        return;
    }
    for (const auto& [key, value] : obj.items()) {
        if (key == "levels") {
            if (!value.is_array() || value.size() != kLevelColours) {
                errors.push_back(ptr + "/levels: must be a list of 5 colours");
                continue;
            }
            for (int i = 0; i < kLevelColours; ++i) {
                if (!value[i].is_string() || !ParseHex(value[i].get<std::string>(), p.levels[i]))
                    errors.push_back(ptr + "/levels/" + std::to_string(i) + ": must be \"#RRGGBB\"");
            }
            continue;
        }
        bool known = false;
        for (const auto& f : fields) {
            if (key != f.name) continue;
            known = true;
            if (!value.is_string() || !ParseHex(value.get<std::string>(), *f.colour))
                errors.push_back(ptr + "/" + key + ": must be \"#RRGGBB\"");
        }
        if (!known) errors.push_back(ptr + "/" + core::PointerToken(key) + ": unknown colour name");
    }
}

}  // namespace

Theme DefaultTheme() {
    Theme t;
    // Calm: warm off-white paper, near-black text, one blue accent.
    t.calm.background = Hex(0xF6F4EF);
    t.calm.surface = Hex(0xFFFFFF);
    t.calm.text = Hex(0x1B1B1B);
    t.calm.mutedText = Hex(0x4A4A4A);
    t.calm.accent = Hex(0x0B5CAD);
    t.calm.onAccent = Hex(0xFFFFFF);
    t.calm.border = Hex(0xB9B3A7);
    t.calm.selected = Hex(0xDCEBFA);
    t.calm.onSelected = Hex(0x0A3D73);
    t.calm.pressed = Hex(0xC4D6EA);
    t.calm.track = Hex(0xE4E0D7);
    t.calm.disabled = Hex(0x9A968E);
    // Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
    t.calm.levels = {Hex(0xD55E00), Hex(0xE69F00), Hex(0x56B4E9), Hex(0x009E73), Hex(0x0072B2)};

    t.highContrast.background = Hex(0x000000);
    t.highContrast.surface = Hex(0x000000);
    t.highContrast.text = Hex(0xFFFFFF);
    t.highContrast.mutedText = Hex(0xFFFFFF);
    t.highContrast.accent = Hex(0xFFD400);
    t.highContrast.onAccent = Hex(0x000000);
    t.highContrast.border = Hex(0xFFFFFF);
    t.highContrast.selected = Hex(0xFFD400);
    t.highContrast.onSelected = Hex(0x000000);
    t.highContrast.pressed = Hex(0x5A4B00);
    t.highContrast.track = Hex(0x3A3A3A);
    t.highContrast.disabled = Hex(0x9A9A9A);
    t.highContrast.levels = {Hex(0xFF7F3F), Hex(0xF0E442), Hex(0x56B4E9), Hex(0x2BD19F), Hex(0xE08BC0)};
    return t;
}

Theme LoadTheme(const std::string& path, std::vector<std::string>& errors) {
    Theme t = DefaultTheme();
    std::string bytes, error;
    if (!core::ReadFileBytes(path, bytes, error)) {
        errors.push_back(path + ": " + error);
        return t;
    }
    core::JsonReadResult doc = core::ReadJson(bytes);
    if (!doc.ok || !doc.value.is_object()) {
        errors.push_back(path + ": not a valid JSON object" +
                         (doc.errors.empty() ? "" : ": " + doc.errors.front().message));
        return t;
    }
    for (const auto& [key, value] : doc.value.items()) {
        if (key == "calm") {
            ReadPalette(value, path + ": /calm", t.calm, errors);
        } else if (key == "high_contrast") {
            ReadPalette(value, path + ": /high_contrast", t.highContrast, errors);
        } else if (key == "text_sizes_px") {
            bool ok = value.is_array() && value.size() == kTextSizeSteps;
            for (std::size_t i = 0; ok && i < kTextSizeSteps; ++i)
                ok = value[i].is_number() && value[i].get<double>() >= 16 && value[i].get<double>() <= 96;
            if (!ok) {
                errors.push_back(path + ": /text_sizes_px: must be 3 sizes between 16 and 96");
                continue;
            }
            for (std::size_t i = 0; i < kTextSizeSteps; ++i) t.textSizes[i] = value[i].get<float>();
        } else if (key.rfind("x-", 0) != 0 && key != "comment") {
            errors.push_back(path + ": /" + core::PointerToken(key) + ": unknown key");
        }
    }
    return t;
}

int LevelColourSlot(int levelIndex, int levelCount) {
    if (levelIndex < 0 || levelCount <= 0) return -1;
    if (levelCount == 1) return kLevelColours - 1;
    double spread = static_cast<double>(levelIndex) * (kLevelColours - 1) / (levelCount - 1);
    int slot = static_cast<int>(std::lround(spread));
    return slot < 0 ? 0 : (slot >= kLevelColours ? kLevelColours - 1 : slot);
}

void ApplyStyle(const Palette& p, float fontSize, ImGuiStyle& style) {
    style = ImGuiStyle();
    float u = fontSize / 28.0f;
    style.WindowPadding = ImVec2(48 * u, 32 * u);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FramePadding = ImVec2(24 * u, 16 * u);
    style.FrameRounding = 14 * u;
    style.ItemSpacing = ImVec2(20 * u, 14 * u);
    style.ItemInnerSpacing = ImVec2(12 * u, 12 * u);
    style.ScrollbarSize = 16 * u;
    style.ScrollbarRounding = 8 * u;
    style.GrabMinSize = 60 * u;
    style.TouchExtraPadding = ImVec2(0, 0);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.disabled;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_ScrollbarBg] = p.track;
    c[ImGuiCol_ScrollbarGrab] = p.border;
    // Hovered = normal: on a touchscreen the pointer stays where the finger lifted.
    c[ImGuiCol_ScrollbarGrabHovered] = p.border;
    c[ImGuiCol_ScrollbarGrabActive] = p.accent;
    c[ImGuiCol_Button] = p.surface;
    c[ImGuiCol_ButtonHovered] = p.surface;
    c[ImGuiCol_ButtonActive] = p.pressed;
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.surface;
    c[ImGuiCol_FrameBgActive] = p.pressed;
    c[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TextSelectedBg] = p.selected;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
}

}  // namespace kiosk::ui
