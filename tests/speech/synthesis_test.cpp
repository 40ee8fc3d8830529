// espeak-ng synthesis of every text of every shipped questionnaire, in Vietnamese and English: each renders
// to sound (not silence) whose length fits its number of syllables/words. The band was measured over the
// shipped texts (see BandFor) rather than guessed.
#include "kiosk/core/speech_text.h"
#include "kiosk/speech/audio_file.h"
#include "kiosk/speech/renderer.h"
#include "kiosk/speech/synthesizer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const char* const kTextKeys[] = {"title", "description", "source", "recommendation", "text", "label"};

void CollectTexts(const nlohmann::json& v, const std::string& lang, std::set<std::string>& out) {
    if (v.is_array()) {
        for (const auto& x : v) CollectTexts(x, lang, out);
    } else if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            bool textKey = std::any_of(std::begin(kTextKeys), std::end(kTextKeys),
                                       [&](const char* k) { return it.key() == k; });
            if (textKey && it->is_object() && it->contains(lang) && (*it)[lang].is_string())
                out.insert((*it)[lang].get<std::string>());
            else
                CollectTexts(*it, lang, out);
        }
    }
}

std::set<std::string> ShippedTexts(const std::string& lang) {
    std::set<std::string> texts;
    for (const auto& e : fs::directory_iterator(std::string(KIOSK_SOURCE_DIR) + "/questionnaires")) {
        if (e.path().extension() != ".json" || e.path().filename() == "schema.json") continue;
        std::ifstream in(e.path());
        CollectTexts(nlohmann::json::parse(in), lang, texts);
    }
    return texts;
}

// Share of 20 ms windows that carry sound: speech has pauses, but is mostly sound.
double VoicedShare(const speech::Pcm& pcm) {
    std::size_t win = std::size_t(pcm.sampleRate) / 50, voiced = 0, total = 0;
    for (std::size_t i = 0; i + win <= pcm.samples.size(); i += win, ++total)
        if (speech::Rms(pcm.samples.data() + i, win) > 300) ++voiced;
    return total ? double(voiced) / double(total) : 0;
}

// Expected seconds = leadIn + perWord * words, measured over the 162 shipped texts per language (espeak-ng
// 1.51, default rate, a least-squares fit of seconds against words): Vietnamese 0.35 s + 0.245 s per syllable, every
// text within 0.73-1.19 of it; English 0.4 s + 0.32 s per word, within 0.56-2.0 of it (English words run from
// one to five syllables). The accepted band keeps a margin around what was measured.
struct Band {
    double leadIn, perWord, low, high;
};

Band BandFor(const std::string& lang) {
    return lang == "vi" ? Band{0.35, 0.245, 0.6, 1.5} : Band{0.4, 0.32, 0.45, 2.5};
}

void CheckAllTexts(const std::string& lang) {
    speech::Lexicons lexicons = speech::LoadLexicons(std::string(KIOSK_SOURCE_DIR) + "/assets", {lang});
    REQUIRE(lexicons.errors.empty());
    speech::SpeechRenderer renderer(std::move(lexicons), speech::SpeechVoices{});
    std::set<std::string> texts = ShippedTexts(lang);
    REQUIRE(texts.size() > 100);
    Band band = BandFor(lang);
    double lowest = 1e9, highest = 0;
    for (const auto& text : texts) {
        std::string spoken = renderer.Normalize(text, lang);
        std::size_t words = core::SpokenWordCount(spoken);
        REQUIRE_MESSAGE(words > 0, text);
        speech::MemorySink sink;
        speech::AudioStatus st = renderer.Render({{text, ""}}, lang, sink);
        REQUIRE_MESSAGE(st.ok, st.error);
        const speech::Pcm pcm = sink.Utterances().at(0).pcm;
        double ratio = pcm.Seconds() / (band.leadIn + band.perWord * double(words));
        lowest = std::min(lowest, ratio);
        highest = std::max(highest, ratio);
        CHECK_MESSAGE(speech::Rms(pcm.samples.data(), pcm.samples.size()) > 800, text);
        CHECK_MESSAGE(VoicedShare(pcm) > 0.25, text);
        CHECK_MESSAGE(ratio >= band.low, text << " (" << pcm.Seconds() << " s, " << words << " words)");
        CHECK_MESSAGE(ratio <= band.high, text << " (" << pcm.Seconds() << " s, " << words << " words)");
    }
    MESSAGE(lang << ": " << texts.size() << " texts, length against the model between " << lowest << " and " << highest);
}

}  // namespace

TEST_CASE("every shipped Vietnamese text renders to speech of plausible length") {
    CheckAllTexts("vi");
}

TEST_CASE("every shipped English text renders to speech of plausible length") {
    CheckAllTexts("en");
}

TEST_CASE("the configured voice is used and unknown voices are an error") {
    speech::Pcm central, south;
    REQUIRE(speech::SynthesizeToPcm("năm mươi mốt", "vi-VN-x-central", central).ok);
    REQUIRE(speech::SynthesizeToPcm("năm mươi mốt", "vi-VN-x-south", south).ok);
    CHECK(central.sampleRate == 22050);
    CHECK(central.samples != south.samples);
    speech::Pcm none;
    speech::AudioStatus bad = speech::SynthesizeToPcm("xin chào", "no-such-voice", none);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("no-such-voice") != std::string::npos);
    CHECK(speech::IsKnownVoice("vi-VN-x-south"));
    CHECK_FALSE(speech::IsKnownVoice("../../etc"));
}

TEST_CASE("normalization changes what espeak-ng says for numbers") {
    // espeak-ng's own reading of "51" differs from the spelled-out words the kiosk sends.
    speech::Pcm digits, words;
    REQUIRE(speech::SynthesizeToPcm("51", "vi-VN-x-central", digits).ok);
    REQUIRE(speech::SynthesizeToPcm(core::SpokenNumber(51, "vi"), "vi-VN-x-central", words).ok);
    CHECK(digits.samples != words.samples);
}
