// QR codes for the result screen (libqrencode): text in, a square matrix of dark/light modules out.
#pragma once

#include <string>
#include <vector>

namespace kiosk::ui {

struct QrMatrix {
    int size = 0;                  // modules per side; 0 when encoding failed (text too long)
    std::vector<unsigned char> dark;  // size*size, row-major, 1 = dark module
    bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

// Encodes UTF-8 text in byte mode with error correction level M (robust when photographed off a screen).
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
