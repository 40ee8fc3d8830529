// Saves the current OpenGL back buffer as a PNG (for the end-to-end test's artifacts and the README).
#pragma once

#include <string>

namespace kiosk::app {

// Reads width×height pixels of the back buffer (call after rendering, before swapping). False on failure.
// halfSize averages 2×2 pixels (small pictures for the documentation).
bool SaveScreenshot(const std::string& path, int width, int height, bool halfSize = false);

}  // namespace kiosk::app
