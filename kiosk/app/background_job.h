// One piece of blocking work (e.g. releasing a USB stick) on its own thread, so the frame loop keeps drawing
// and pinging the watchdog meanwhile; the frame loop polls for the result. The worker writes only the
// result, then a release flag; the frame thread reads the result only after seeing that flag.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

namespace kiosk::app {

template <typename Result>
class BackgroundJob {
public:
    BackgroundJob() = default;
    ~BackgroundJob() {
        if (m_thread.joinable()) m_thread.join();  // never leave a worker writing into a destroyed job
    }
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    bool Running() const { return m_thread.joinable(); }

    // False (and nothing started) while an earlier job has not been taken yet.
    bool Start(std::function<Result()> work) {
        if (m_thread.joinable()) return false;
        m_finished.store(false, std::memory_order_relaxed);
        m_thread = std::thread([this, work = std::move(work)] {
            m_result = work();
            m_finished.store(true, std::memory_order_release);
        });
        return true;
    }

    // The result once the work is done (the thread is joined then), else nothing.
    std::optional<Result> TakeIfDone() {
        if (!m_thread.joinable() || !m_finished.load(std::memory_order_acquire)) return std::nullopt;
        m_thread.join();
        return std::move(m_result);
    }

private:
    std::thread m_thread;
    std::atomic<bool> m_finished{false};
    Result m_result{};
};

}  // namespace kiosk::app
