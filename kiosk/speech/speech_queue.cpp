// Speech queue: one pending request slot (only the latest screen matters) and a cancel flag the renderer
// polls between chunks.
#include "kiosk/speech/speech_queue.h"

namespace kiosk::speech {

void SpeechQueue::Say(std::vector<core::SpeechPart> parts, std::string lang) {
    Replace(Request{std::move(parts), std::move(lang), std::nullopt});
}

void SpeechQueue::Play(Pcm pcm) { Replace(Request{{}, "", std::move(pcm)}); }

void SpeechQueue::Replace(Request request) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending = std::move(request);
    ++m_generation;
    m_speaking = true;
    m_cancel.store(true);
    m_changed.notify_all();
}

void SpeechQueue::Stop() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.reset();
    ++m_generation;
    m_speaking = false;
    m_cancel.store(true);
    m_changed.notify_all();
}

bool SpeechQueue::Speaking() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_speaking;
}

void SpeechQueue::Run() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [&] { return m_shutdown || m_pending.has_value(); });
        if (m_shutdown) return;
        Request request = std::move(*m_pending);
        m_pending.reset();
        std::uint64_t generation = m_generation;
        m_cancel.store(false);
        lock.unlock();
        AudioStatus status = request.samples
                                 ? m_renderer.Play(*request.samples, m_sink, &m_cancel, m_volume.load())
                                 : m_renderer.Render(request.parts, request.lang, m_sink, &m_cancel, m_volume.load());
        lock.lock();
        ++m_completed;
        if (!status.ok) m_lastError = status.error;
        if (generation == m_generation) m_speaking = false;
        m_changed.notify_all();
    }
}

void SpeechQueue::Shutdown() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_shutdown = true;
    m_pending.reset();
    m_cancel.store(true);
    m_changed.notify_all();
}

bool SpeechQueue::WaitUntilQuiet(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return !m_speaking; });
}

std::uint64_t SpeechQueue::Completed() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_completed;
}

std::string SpeechQueue::LastError() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_lastError;
}

}  // namespace kiosk::speech
