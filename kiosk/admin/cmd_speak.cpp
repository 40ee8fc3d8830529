// kiosk-admin speak: renders what the kiosk would say (a text, or a question screen with its numbered
// answers and any recordings) into a WAV file, for trainers checking pronunciation and for tests.
#include "kiosk/admin/commands.h"
#include "kiosk/core/build_info.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/speech_script.h"
#include "kiosk/speech/audio_file.h"
#include "kiosk/speech/audio_sink.h"
#include "kiosk/speech/renderer.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace kiosk::admin {
namespace {

int SpeakUsage(bool help) {
    std::fprintf(help ? stdout : stderr,
                 "usage: kiosk-admin speak --lang vi|en --text TEXT --out FILE.wav [options]\n"
                 "       kiosk-admin speak --lang vi|en --item ID --questionnaire FILE --out FILE.wav [options]\n\n"
                 "Renders exactly what the kiosk would say into a 16-bit mono WAV file: a text, or a question\n"
                 "screen (the question, then each answer with its number: \"Một: …, Hai: …\"), played from the\n"
                 "questionnaire's recordings where it has them. Prints the text as handed to the synthesizer\n"
                 "(numbers, dates and abbreviations spelled out) and the duration.\n\n"
                 "options:\n"
                 "  --voice NAME    espeak-ng voice (default: vi-VN-x-central for vi, en for en;\n"
                 "                  also vi, vi-VN-x-south)\n"
                 "  --assets DIR    folder with speech/lexicon.<lang>.json (default: the shipped assets)\n"
                 "  --force         replace FILE.wav when it exists\n");
    return help ? 0 : 2;
}

}  // namespace

int CmdSpeak(const Args& args) {
    if (WantsHelp(args)) return SpeakUsage(true);
    std::string lang, text, item, questionnaire, out, voice, assets = core::ShippedDataDir() + "/assets";
    bool force = false, haveText = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        bool hasValue = i + 1 < args.size();
        if (a == "--force") {
            force = true;
        } else if (!hasValue) {
            return SpeakUsage(false);
        } else if (a == "--lang") {
            lang = args[++i];
        } else if (a == "--text") {
            text = args[++i];
            haveText = true;
        } else if (a == "--item") {
            item = args[++i];
        } else if (a == "--questionnaire") {
            questionnaire = args[++i];
        } else if (a == "--out") {
            out = args[++i];
        } else if (a == "--voice") {
            voice = args[++i];
        } else if (a == "--assets") {
            assets = args[++i];
        } else {
            return SpeakUsage(false);
        }
    }
    if (lang != "vi" && lang != "en") {
        std::fprintf(stderr, "kiosk-admin speak: --lang must be vi or en\n");
        return 2;
    }
    if (out.empty() || haveText == !item.empty() || item.empty() != questionnaire.empty()) return SpeakUsage(false);
    if (!force && std::filesystem::exists(out)) {
        std::fprintf(stderr, "kiosk-admin speak: %s exists; add --force to replace it\n", out.c_str());
        return 1;
    }
    speech::SpeechVoices voices;
    if (!voice.empty()) {
        if (!speech::IsKnownVoice(voice)) {
            std::fprintf(stderr, "kiosk-admin speak: unknown voice \"%s\" (vi, vi-VN-x-central, vi-VN-x-south, en)\n",
                         voice.c_str());
            return 2;
        }
        (lang == "vi" ? voices.vi : voices.en) = voice;
    }

    std::vector<core::SpeechPart> parts;
    if (haveText) {
        parts.push_back({text, ""});
    } else {
        core::LoadResult q = core::LoadQuestionnaireFile(questionnaire);
        if (!q.Ok()) {
            for (const auto& e : q.errors) std::cerr << e.ToString() << '\n';
            std::fprintf(stderr, "kiosk-admin speak: the questionnaire is not valid\n");
            return 1;
        }
        parts = core::ItemSpeech(*q.questionnaire, item, lang);
        if (parts.empty()) {
            std::fprintf(stderr, "kiosk-admin speak: no item \"%s\" in %s\n", item.c_str(), questionnaire.c_str());
            return 1;
        }
    }

    speech::Lexicons lexicons = speech::LoadLexicons(assets, {lang});
    for (const auto& e : lexicons.errors) std::fprintf(stderr, "warning: %s\n", e.c_str());
    speech::SpeechRenderer renderer(std::move(lexicons), voices);
    for (const auto& p : parts) {
        if (!p.recording.empty())
            std::cout << "[recording " << p.recording << "]\n";
        else
            std::cout << renderer.Normalize(p.text, lang) << '\n';
    }
    speech::MemorySink memory;
    if (speech::AudioStatus st = renderer.Render(parts, lang, memory); !st.ok) {
        std::fprintf(stderr, "kiosk-admin speak: %s\n", st.error.c_str());
        return 1;
    }
    speech::Pcm pcm = memory.Utterances().back().pcm;
    if (speech::AudioStatus st = speech::WriteWavFile(out, pcm); !st.ok) {
        std::fprintf(stderr, "kiosk-admin speak: %s\n", st.error.c_str());
        return 1;
    }
    std::fprintf(stderr, "%s: %.2f s, %d Hz\n", out.c_str(), pcm.Seconds(), pcm.sampleRate);
    return 0;
}

}  // namespace kiosk::admin
