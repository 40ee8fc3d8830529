// QR codes for the result screen: the core's encoder (one for the screen and the printed page), so the
// symbol on screen is the one whose size and UTF-8 marking the core tests check.
#pragma once

#include "kiosk/core/take_home.h"

#include <string>

namespace kiosk::ui {

using QrMatrix = core::QrMatrix;

// core::EncodeQr: UTF-8 marked by ECI, the strongest error correction that fits 45×45 modules.
QrMatrix MakeQr(const std::string& text);

// The result's code, encoded again only when its text changes (screens are redrawn on every touch).
struct QrCache {
    std::string text;
    QrMatrix matrix;
    const QrMatrix& For(const std::string& newText) {
        if (newText != text || (matrix.size == 0 && !newText.empty())) {
            text = newText;
            matrix = newText.empty() ? QrMatrix{} : MakeQr(newText);
        }
        return matrix;
    }
};

}  // namespace kiosk::ui
