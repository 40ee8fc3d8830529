// Listen-control state machine (see read_aloud.h).
#include "kiosk/core/read_aloud.h"

namespace kiosk::core {

SpeechCommand ReadAloud::Say(const std::string& screen) {
    m_speaking = true;
    m_screen = screen;
    return {SpeechCommand::Kind::Say, screen};
}

SpeechCommand ReadAloud::Stop() {
    bool was = m_speaking;
    m_speaking = false;
    return was ? SpeechCommand{SpeechCommand::Kind::Stop, ""} : SpeechCommand{};
}

SpeechCommand ReadAloud::Tap(const std::string& screen) {
    if (m_speaking && m_screen == screen) {
        m_speaking = false;
        return {SpeechCommand::Kind::Stop, ""};
    }
    return Say(screen);
}

SpeechCommand ReadAloud::ScreenChanged(const std::string& screen, bool readable) {
    if (screen == m_screen) return {};
    m_screen = screen;
    if (m_automatic && readable) return Say(screen);  // Say replaces the old screen's speech
    return Stop();
}

SpeechCommand ReadAloud::SetAutomatic(bool on, const std::string& currentScreen) {
    m_automatic = on;
    m_screen = currentScreen;
    return on ? Say(currentScreen) : Stop();
}

SpeechCommand ReadAloud::NewCitizen() {
    m_automatic = false;
    m_screen.clear();
    m_speaking = false;
    // Always stop: whatever the last citizen started must not go on for the next one.
    return {SpeechCommand::Kind::Stop, ""};
}

void ReadAloud::Finished() {
    m_speaking = false;
}

}  // namespace kiosk::core
