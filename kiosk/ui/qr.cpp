// QR encoding through libqrencode.
#include "kiosk/ui/qr.h"

#include <qrencode.h>

namespace kiosk::ui {

QrMatrix MakeQr(const std::string& text) {
    QrMatrix m;
    // 8-bit mode keeps UTF-8 bytes as they are; version 0 lets the library pick the smallest symbol.
    QRcode* code = QRcode_encodeData(static_cast<int>(text.size()),
                                     reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    if (!code) return m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return m;
}

}  // namespace kiosk::ui
