// The listen control's behaviour, pure: what to say or stop when the citizen taps "Nghe", changes screen,
// turns automatic reading on at Welcome, or leaves (a new citizen starts with it off). It returns commands
// the app carries out on its speech queue; the flow layer owns one of these per kiosk. No I/O, no threads.
#pragma once

#include <string>

namespace kiosk::core {

struct SpeechCommand {
    enum class Kind { None, Say, Stop };
    Kind kind = Kind::None;
    std::string screen;  // for Say: the screen whose text to read (the app builds the script from it)
    bool operator==(const SpeechCommand& o) const { return kind == o.kind && screen == o.screen; }
};

class ReadAloud {
  public:
    // The listen control on `screen` was tapped: start reading it, or stop when it is already reading.
    SpeechCommand Tap(const std::string& screen);
    // Another screen is shown. Speech of the old screen stops at once; with automatic reading on, the new
    // screen is read (when `readable`: screens without text to read, like a pause, stay quiet).
    SpeechCommand ScreenChanged(const std::string& screen, bool readable = true);
    // The "read every screen aloud" choice on Welcome. Turning it on reads the current screen.
    SpeechCommand SetAutomatic(bool on, const std::string& currentScreen);
    // The citizen is done (result closed, idle timeout): automatic reading off, silence.
    SpeechCommand NewCitizen();
    // Keeps the automatic choice without saying anything (the same citizen went back to Welcome).
    void RestoreAutomatic(bool on) { m_automatic = on; }
    // The app saw the queue go quiet by itself (the end of the text): the control shows "Nghe" again.
    void Finished();

    bool Speaking() const { return m_speaking; }
    bool Automatic() const { return m_automatic; }
    const std::string& Screen() const { return m_screen; }

  private:
    SpeechCommand Say(const std::string& screen);
    SpeechCommand Stop();

    bool m_speaking = false;
    bool m_automatic = false;
    std::string m_screen;
};

}  // namespace kiosk::core
