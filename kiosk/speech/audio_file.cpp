// libsndfile wrappers. Debian 12's libsndfile 1.2 reads WAV, FLAC, Ogg/Vorbis, Opus and MP3.
#include "kiosk/speech/audio_file.h"

#include "kiosk/core/recordings.h"

#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <memory>

namespace kiosk::speech {

double Rms(const std::int16_t* samples, std::size_t count) {
    if (count == 0) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(count));
}

std::vector<std::int16_t> Resample(const std::vector<std::int16_t>& in, int fromRate, int toRate) {
    if (fromRate == toRate || in.empty() || fromRate <= 0 || toRate <= 0) return in;
    std::size_t n = static_cast<std::size_t>(double(in.size()) * toRate / fromRate);
    std::vector<std::int16_t> out(n);
    double step = double(fromRate) / toRate;
    for (std::size_t i = 0; i < n; ++i) {
        double x = i * step;
        std::size_t k = static_cast<std::size_t>(x);
        double f = x - double(k);
        double a = in[std::min(k, in.size() - 1)], b = in[std::min(k + 1, in.size() - 1)];
        out[i] = static_cast<std::int16_t>(std::lround(a + (b - a) * f));
    }
    return out;
}

AudioStatus DecodeAudioFile(const std::string& path, double maxSeconds, Pcm& out) {
    SF_INFO info{};
    std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> f(sf_open(path.c_str(), SFM_READ, &info), sf_close);
    if (!f) return AudioStatus::Fail(std::string("does not decode as audio (") + sf_strerror(nullptr) + ")");
    if (info.channels < 1 || info.channels > 8 || info.samplerate < 8000 || info.samplerate > 192000)
        return AudioStatus::Fail("has an unusable format (" + std::to_string(info.channels) + " channels, " +
                                 std::to_string(info.samplerate) + " Hz)");
    // Some formats (MP3, Opus) report no length up front; the cap is then enforced while decoding.
    // A damaged Ogg can claim SF_COUNT_MAX frames: treat anything beyond a day as "not known".
    bool known = info.frames > 0 && info.frames < sf_count_t(86400) * info.samplerate;
    double declared = known ? double(info.frames) / info.samplerate : 0;
    if (declared > maxSeconds)
        return AudioStatus::Fail("lasts " + std::to_string(int(declared)) + " s, more than the " +
                                 std::to_string(int(maxSeconds)) + " s a recording may last");
    std::size_t cap = static_cast<std::size_t>(maxSeconds * info.samplerate);
    std::vector<short> buf(4096 * static_cast<std::size_t>(info.channels));
    out.sampleRate = info.samplerate;
    out.samples.clear();
    while (true) {
        sf_count_t got = sf_readf_short(f.get(), buf.data(), 4096);
        if (got <= 0) break;
        for (sf_count_t i = 0; i < got; ++i) {
            int sum = 0;
            for (int c = 0; c < info.channels; ++c) sum += buf[std::size_t(i) * info.channels + c];
            out.samples.push_back(static_cast<std::int16_t>(sum / info.channels));
        }
        if (out.samples.size() > cap)
            return AudioStatus::Fail("lasts more than the " + std::to_string(int(maxSeconds)) +
                                     " s a recording may last");
    }
    if (sf_error(f.get()) != SF_ERR_NO_ERROR)
        return AudioStatus::Fail(std::string("is damaged (") + sf_strerror(f.get()) + ")");
    if (out.samples.empty()) return AudioStatus::Fail("contains no sound");
    if (known && sf_count_t(out.samples.size()) < info.frames)
        return AudioStatus::Fail("ends early (the file is cut short)");
    return AudioStatus::Ok();
}

AudioStatus WriteWavFile(const std::string& path, const Pcm& pcm) {
    std::string tmp = path + ".partial";
    SF_INFO info{};
    info.samplerate = pcm.sampleRate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* f = sf_open(tmp.c_str(), SFM_WRITE, &info);
    if (!f) return AudioStatus::Fail("cannot write " + tmp + ": " + sf_strerror(nullptr));
    sf_count_t n = sf_write_short(f, pcm.samples.data(), sf_count_t(pcm.samples.size()));
    int closed = sf_close(f);
    if (n != sf_count_t(pcm.samples.size()) || closed != 0) {
        std::remove(tmp.c_str());  // our own partial file, never the target
        return AudioStatus::Fail("cannot write " + tmp + " (disk full?)");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        return AudioStatus::Fail("cannot rename " + tmp + " to " + path);
    }
    return AudioStatus::Ok();
}

namespace {
std::string CheckRecording(const std::string& path) {
    Pcm pcm;
    AudioStatus s = DecodeAudioFile(path, core::kMaxRecordingSeconds, pcm);
    return s.ok ? "" : s.error;
}
}  // namespace

void InstallRecordingDecodeCheck() {
    core::SetRecordingDecodeCheck(&CheckRecording);
}

}  // namespace kiosk::speech
