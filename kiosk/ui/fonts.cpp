// Font atlas construction.
#include "kiosk/ui/fonts.h"

#include <cmath>

namespace kiosk::ui {
namespace {

ImFont* Add(ImFontAtlas& atlas, const std::string& bytes, float size, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes belong to the caller's FontData
    // At 28 px and more, horizontal oversampling buys nothing visible and triples the atlas.
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return atlas.AddFontFromMemoryTTF(const_cast<char*>(bytes.data()), static_cast<int>(bytes.size()),
                                      std::round(size), &cfg, ranges);
}

}  // namespace

void BuildFonts(ImFontAtlas& atlas, const FontData& files, float bodySize, FontSet& out,
                std::vector<std::string>& errors) {
    atlas.Clear();
    out.size = bodySize;
    if (out.ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(atlas.GetGlyphRangesVietnamese());
        // General punctuation, the đồng sign and the arrows of the scroll cue (↑ ↓ → ←).
        const ImWchar punctuation[] = {0x2000, 0x206F, 0x20AB, 0x20AB, 0x2190, 0x2193, 0};
        builder.AddRanges(punctuation);
        builder.BuildRanges(&out.ranges);
    }
    const ImWchar* ranges = out.ranges.Data;
    const std::string& boldPath = files.bold.empty() ? files.regular : files.bold;
    if (!files.regular.empty()) {
        out.body = Add(atlas, files.regular, bodySize, ranges);
        out.bold = Add(atlas, boldPath, bodySize, ranges);
        out.heading = Add(atlas, boldPath, bodySize * 1.45f, ranges);
        out.display = Add(atlas, boldPath, bodySize * 2.2f, ranges);
        out.small = Add(atlas, files.regular, bodySize * kSmallTextRatio, ranges);
        out.smallBold = Add(atlas, boldPath, bodySize * kSmallTextRatio, ranges);
    }
    out.fromFiles = out.body && out.bold && out.heading && out.display && out.small && out.smallBold;
    if (!out.fromFiles) {
        errors.push_back("font " + files.name + " cannot be read; using the built-in font (no Vietnamese)");
        atlas.Clear();
        ImFontConfig cfg;
        cfg.SizePixels = std::round(bodySize);
        out.body = out.bold = out.heading = out.display = out.small = out.smallBold = atlas.AddFontDefault(&cfg);
    }
    atlas.Build();
}

}  // namespace kiosk::ui
