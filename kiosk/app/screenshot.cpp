// glReadPixels + stb_image_write (its implementation is in Debian's libstb).
#include "kiosk/app/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kiosk::app {

bool SaveScreenshot(const std::string& path, int width, int height, bool halfSize) {
    if (width <= 0 || height <= 0) return false;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y)
        std::copy_n(&pixels[(height - 1 - y) * row], row, &flipped[y * row]);
    if (halfSize) {
        const int hw = width / 2, hh = height / 2;
        std::vector<unsigned char> small(static_cast<std::size_t>(hw) * hh * 3);
        for (int y = 0; y < hh; ++y)
            for (int x = 0; x < hw; ++x)
                for (int c = 0; c < 3; ++c) {
                    auto at = [&](int yy, int xx) { return flipped[(static_cast<std::size_t>(yy) * width + xx) * 3 + c]; };
                    int sum = at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1);
                    small[(static_cast<std::size_t>(y) * hw + x) * 3 + c] = static_cast<unsigned char>((sum + 2) / 4);
                }
        flipped.swap(small);
        width = hw;
        height = hh;
    }
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    return stbi_write_png(path.c_str(), width, height, 3, flipped.data(), width * 3) != 0;
}

}  // namespace kiosk::app
