// espeak-ng behind one mutex. The synth callback is a plain C function, so the handler of the call in
// progress is reached through a pointer that only the lock holder sets.
#include "kiosk/speech/synthesizer.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <array>
#include <mutex>

namespace kiosk::speech {
namespace {

std::mutex g_lock;  // guards every espeak-ng call and the two globals below
const ChunkHandler* g_handler = nullptr;
bool g_stopped = false;

// Chunk length espeak-ng hands to the callback: short, so the first sound reaches the device early.
constexpr int kChunkMs = 20;

int OnSynth(short* wav, int count, espeak_EVENT*) {
    if (g_stopped) return 1;
    if (wav && count > 0 && g_handler && !(*g_handler)(reinterpret_cast<const std::int16_t*>(wav), std::size_t(count))) {
        g_stopped = true;
        return 1;
    }
    return 0;
}

AudioStatus StatusFrom(espeak_ng_STATUS s, const char* what) {
    if (s == ENS_OK) return AudioStatus::Ok();
    char message[512] = {0};
    espeak_ng_GetStatusCodeMessage(s, message, sizeof message);
    return AudioStatus::Fail(std::string(what) + ": " + message);
}

struct InitState {
    bool done = false;
    AudioStatus status;
    int sampleRate = 0;
};
InitState g_init;

}  // namespace

bool IsKnownVoice(std::string_view voice) {
    static const std::array<std::string_view, 6> kVoices = {"vi", "vi-VN-x-central", "vi-VN-x-south",
                                                            "en", "en-gb", "en-us"};
    for (auto v : kVoices)
        if (v == voice) return true;
    return false;
}

AudioStatus InitializeSynthesizer(const std::string& dataPath) {
    std::lock_guard<std::mutex> lock(g_lock);
    if (g_init.done) return g_init.status;
    g_init.done = true;
    espeak_ng_InitializePath(dataPath.empty() ? nullptr : dataPath.c_str());
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS s = espeak_ng_Initialize(&context);
    if (s != ENS_OK) {
        espeak_ng_ClearErrorContext(&context);
        g_init.status = StatusFrom(s, "espeak-ng cannot start (is espeak-ng-data installed?)");
        return g_init.status;
    }
    s = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, kChunkMs, nullptr);
    if (s != ENS_OK) {
        g_init.status = StatusFrom(s, "espeak-ng output");
        return g_init.status;
    }
    espeak_SetSynthCallback(&OnSynth);
    g_init.sampleRate = espeak_ng_GetSampleRate();
    g_init.status = AudioStatus::Ok();
    return g_init.status;
}

int SynthesizerSampleRate() {
    std::lock_guard<std::mutex> lock(g_lock);
    return g_init.status.ok ? g_init.sampleRate : 0;
}

AudioStatus Synthesize(std::string_view text, const std::string& voice, const ChunkHandler& onChunk) {
    if (AudioStatus init = InitializeSynthesizer(); !init.ok) return init;
    std::lock_guard<std::mutex> lock(g_lock);
    if (AudioStatus v = StatusFrom(espeak_ng_SetVoiceByName(voice.c_str()), ("voice \"" + voice + "\"").c_str()); !v.ok)
        return v;
    std::string z(text);  // espeak-ng wants a terminated string
    g_handler = &onChunk;
    g_stopped = false;
    espeak_ng_STATUS s = espeak_ng_Synthesize(z.c_str(), z.size() + 1, 0, POS_CHARACTER, 0,
                                              espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    g_handler = nullptr;
    // A stop asked for by the handler ends synthesis early; that is not a failure.
    if (s == ENS_SPEECH_STOPPED) s = ENS_OK;
    return StatusFrom(s, "espeak-ng synthesis");
}

AudioStatus SynthesizeToPcm(std::string_view text, const std::string& voice, Pcm& out) {
    out.samples.clear();
    ChunkHandler collect = [&](const std::int16_t* s, std::size_t n) {
        out.samples.insert(out.samples.end(), s, s + n);
        return true;
    };
    AudioStatus st = Synthesize(text, voice, collect);
    out.sampleRate = SynthesizerSampleRate();
    return st;
}

}  // namespace kiosk::speech
