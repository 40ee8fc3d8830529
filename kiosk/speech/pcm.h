// Mono 16-bit PCM in memory: what the synthesizer renders, recordings decode to, and sinks receive.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::speech {

struct Pcm {
    int sampleRate = 22050;
    std::vector<std::int16_t> samples;
    double Seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0; }
};

// Expected failures (no device, a file that does not decode) in one shape, never thrown.
struct [[nodiscard]] AudioStatus {
    bool ok = true;
    std::string error;
    static AudioStatus Ok() { return {}; }
    static AudioStatus Fail(std::string why) { return {false, std::move(why)}; }
};

// Root mean square of the samples, 0..32768: how loud, to tell speech from silence.
double Rms(const std::int16_t* samples, std::size_t count);

// Linear-interpolation resampling of mono speech (recordings at 44.1/48 kHz into the synthesizer's rate).
std::vector<std::int16_t> Resample(const std::vector<std::int16_t>& in, int fromRate, int toRate);

}  // namespace kiosk::speech
