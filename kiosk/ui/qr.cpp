// QR encoding for the screen: delegates to the core encoder.
#include "kiosk/ui/qr.h"

namespace kiosk::ui {

QrMatrix MakeQr(const std::string& text) {
    return core::EncodeQr(text);
}

}  // namespace kiosk::ui
