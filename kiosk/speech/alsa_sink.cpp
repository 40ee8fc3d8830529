// ALSA playback sink: blocking writes from the speech worker thread, never from the frame thread.
#include "kiosk/speech/audio_sink.h"

#include <alsa/asoundlib.h>

namespace kiosk::speech {
namespace {

class AlsaSink : public AudioSink {
  public:
    explicit AlsaSink(snd_pcm_t* pcm) : m_pcm(pcm) {}
    ~AlsaSink() override { snd_pcm_close(m_pcm); }

    AudioStatus Begin(int sampleRate) override {
        if (sampleRate != m_rate) {
            // 100 ms of device buffer: short enough that a stop is heard at once.
            int err = snd_pcm_set_params(m_pcm, SND_PCM_FORMAT_S16, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                                         static_cast<unsigned>(sampleRate), 1, 100000);
            if (err < 0) return AudioStatus::Fail(std::string("ALSA: ") + snd_strerror(err));
            m_rate = sampleRate;
        }
        int err = snd_pcm_prepare(m_pcm);
        return err < 0 ? AudioStatus::Fail(std::string("ALSA: ") + snd_strerror(err)) : AudioStatus::Ok();
    }

    AudioStatus Write(const std::int16_t* samples, std::size_t count) override {
        while (count > 0) {
            snd_pcm_sframes_t n = snd_pcm_writei(m_pcm, samples, count);
            if (n < 0) {
                n = snd_pcm_recover(m_pcm, static_cast<int>(n), 1);  // underrun: start again quietly
                if (n < 0) return AudioStatus::Fail(std::string("ALSA: ") + snd_strerror(static_cast<int>(n)));
                continue;
            }
            samples += n;
            count -= static_cast<std::size_t>(n);
        }
        return AudioStatus::Ok();
    }

    void End(bool cancelled) override {
        if (cancelled)
            snd_pcm_drop(m_pcm);
        else
            snd_pcm_drain(m_pcm);
    }

  private:
    snd_pcm_t* m_pcm;
    int m_rate = 0;
};

// alsa-lib prints its own errors to stderr; the reason is returned to the caller and logged there instead.
void QuietAlsaErrors(const char*, int, const char*, int, const char*, ...) {}

}  // namespace

std::unique_ptr<AudioSink> OpenAlsaSink(const std::string& device, std::string& unavailableReason) {
    snd_lib_error_set_handler(&QuietAlsaErrors);
    snd_pcm_t* pcm = nullptr;
    int err = snd_pcm_open(&pcm, device.c_str(), SND_PCM_STREAM_PLAYBACK, 0);
    if (err < 0) {
        unavailableReason = "no sound device \"" + device + "\": " + snd_strerror(err);
        return nullptr;
    }
    // Probe the format now, so a device that cannot play speech is reported at start-up.
    err = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16, SND_PCM_ACCESS_RW_INTERLEAVED, 1, 22050, 1, 100000);
    if (err < 0) {
        unavailableReason = "sound device \"" + device + "\" cannot play 16-bit mono: " + snd_strerror(err);
        snd_pcm_close(pcm);
        return nullptr;
    }
    return std::make_unique<AlsaSink>(pcm);
}

}  // namespace kiosk::speech
