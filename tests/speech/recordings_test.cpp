// Recorded audio in questionnaires (`…_audio` keys): shape and path rules, file checks against the
// questionnaire's folder, the libsndfile decode check, and the script preferring a recording.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/recordings.h"
#include "kiosk/core/speech_script.h"
#include "kiosk/speech/audio_file.h"
#include "speech_test_support.h"

#include <doctest/doctest.h>

#include <set>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace kiosk;
using test::CopyRecordedFixture;
using test::TempDir;

namespace {

const char* kItemTextAudio = "/areas/0/competencies/0/items/0/text_audio/vi";

// pointer -> message of every error
std::multimap<std::string, std::string> ErrorsOf(const core::LoadResult& r) {
    std::multimap<std::string, std::string> out;
    for (const auto& e : r.errors) out.emplace(e.pointer, e.message);
    return out;
}

bool HasError(const core::LoadResult& r, const std::string& pointer, const std::string& words) {
    for (const auto& e : r.errors)
        if (e.pointer == pointer && e.message.find(words) != std::string::npos) return true;
    return false;
}

std::string Listing(const core::LoadResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.ToString() + "\n";
    return s;
}

// The fixture copied to a temp folder with the item's recording path replaced.
core::LoadResult LoadWithItemRecording(const TempDir& dir, const json& path) {
    fs::path q = CopyRecordedFixture(dir.Path());
    json doc = test::ReadJsonFile(q);
    doc["areas"][0]["competencies"][0]["items"][0]["text_audio"]["vi"] = path;
    test::WriteFile(q, doc.dump(2));
    return core::LoadQuestionnaireFile(q.string());
}

}  // namespace

TEST_CASE("the recorded fixture loads and its recordings reach the screen's script") {
    test::EnsureDecodeCheck();
    core::LoadResult r = core::LoadQuestionnaireFile(test::SpeechFixture("recorded.json"));
    REQUIRE_MESSAGE(r.Ok(), Listing(r));
    const core::Questionnaire& q = *r.questionnaire;
    CHECK(q.recordings.size() == 2);

    auto vi = core::ItemSpeech(q, "c1-k", "vi");
    REQUIRE(vi.size() == 7);  // question, "Một: Không.", "Hai:", recording of "Ít", "Ba: …", "Bốn: …", "Năm: …"
    CHECK(fs::path(vi[0].recording) == fs::path(test::SpeechFixture("audio/c1-k.vi.ogg")));
    CHECK(vi[1].text == "Một: Không.");
    CHECK(vi[1].recording.empty());
    CHECK(vi[2].text == "Hai:");
    CHECK(fs::path(vi[3].recording) == fs::path(test::SpeechFixture("audio/it.vi.wav")));
    CHECK(vi[3].text == "Ít");
    CHECK(vi[6].text == "Năm: Tôi không muốn trả lời.");

    // English has no recordings: everything is synthesized, numbered in English.
    auto en = core::ItemSpeech(q, "c1-k", "en");
    REQUIRE(en.size() == 6);
    for (const auto& p : en) CHECK(p.recording.empty());
    CHECK(en[0].text == "Item k");
    CHECK(en[2].text == "Two: A little.");

    // A knowledge check's own options are numbered too.
    auto check = core::ItemSpeech(q, "c1-q", "vi");
    REQUIRE(check.size() == 3);
    CHECK(check[1].text == "Một: Đúng.");
    CHECK(check[2].text == "Hai: Sai.");
    CHECK(core::ItemSpeech(q, "no-such-item", "vi").empty());
}

TEST_CASE("a recording that does not decode is a validation error with its pointer") {
    test::EnsureDecodeCheck();
    TempDir dir;
    fs::path q = CopyRecordedFixture(dir.Path());
    test::WriteFile(dir.Path() / "audio/c1-k.vi.ogg", "OggS but not really an Ogg file at all");
    core::LoadResult r = core::LoadQuestionnaireFile(q.string());
    CHECK_FALSE(r.Ok());
    REQUIRE_MESSAGE(HasError(r, kItemTextAudio, "does not decode"), Listing(r));
    for (const auto& e : r.errors) CHECK(e.line > 0);  // the trainer can jump to it

    // Cut short: the first 5000 bytes of the Ogg file (libsndfile then finds no whole page of sound).
    TempDir dir2;
    fs::path q2 = CopyRecordedFixture(dir2.Path());
    std::string ogg = test::Slurp(dir2.Path() / "audio/c1-k.vi.ogg");
    test::WriteFile(dir2.Path() / "audio/c1-k.vi.ogg", ogg.substr(0, 5000));
    core::LoadResult r2 = core::LoadQuestionnaireFile(q2.string());
    CHECK_MESSAGE(HasError(r2, kItemTextAudio, "recording \"audio/c1-k.vi.ogg\""), Listing(r2));
    CHECK(r2.errors.size() == 1);
}

TEST_CASE("recording paths must stay inside the questionnaire's folder") {
    test::EnsureDecodeCheck();
    struct Bad {
        json path;
        const char* words;
    };
    const Bad cases[] = {
        {"../recorded.json", "no \"..\""},
        {"audio/../../x.ogg", "no \"..\""},
        {"/etc/passwd", "not an absolute path"},
        {"C:/audio/x.ogg", "not an absolute path"},
        {"audio\\c1-k.vi.ogg", "not \\"},
        {"audio//c1-k.vi.ogg", "empty folder names"},
        {"", "must be a file path"},
        {"audio/x\n.ogg", "control characters"},
        {std::string(300, 'a'), "longer than"},
        {42, "must be a file path"},
        {"audio/missing.ogg", "is missing"},
        {"audio", "not a regular file"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        core::LoadResult r = LoadWithItemRecording(dir, c.path);
        CHECK_FALSE(r.Ok());
        CHECK_MESSAGE(HasError(r, kItemTextAudio, c.words), c.path.dump() << "\n" << Listing(r));
    }
}

TEST_CASE("a link that leads out of the folder is refused even when its target decodes") {
    test::EnsureDecodeCheck();
    TempDir outside, dir;
    fs::copy_file(test::SpeechFixture("audio/it.vi.wav"), outside.Path() / "elsewhere.wav");
    fs::path q = CopyRecordedFixture(dir.Path());
    fs::create_symlink(outside.Path() / "elsewhere.wav", dir.Path() / "audio/link.wav");
    json doc = test::ReadJsonFile(q);
    doc["areas"][0]["competencies"][0]["items"][0]["text_audio"]["vi"] = "audio/link.wav";
    test::WriteFile(q, doc.dump(2));
    core::LoadResult r = core::LoadQuestionnaireFile(q.string());
    CHECK_MESSAGE(HasError(r, kItemTextAudio, "outside the questionnaire's folder"), Listing(r));

    // A link that stays inside is fine.
    fs::create_symlink(dir.Path() / "audio/it.vi.wav", dir.Path() / "audio/inside.wav");
    doc["areas"][0]["competencies"][0]["items"][0]["text_audio"]["vi"] = "audio/inside.wav";
    test::WriteFile(q, doc.dump(2));
    core::LoadResult ok = core::LoadQuestionnaireFile(q.string());
    CHECK_MESSAGE(ok.Ok(), Listing(ok));
}

TEST_CASE("an absurdly long recording is refused") {
    test::EnsureDecodeCheck();
    TempDir dir;
    fs::path q = CopyRecordedFixture(dir.Path());
    speech::Pcm silence;
    silence.sampleRate = 8000;
    silence.samples.assign(std::size_t(8000 * (core::kMaxRecordingSeconds + 5)), 0);
    REQUIRE(speech::WriteWavFile((dir.Path() / "audio/long.wav").string(), silence).ok);
    json doc = test::ReadJsonFile(q);
    doc["areas"][0]["competencies"][0]["items"][0]["text_audio"]["vi"] = "audio/long.wav";
    test::WriteFile(q, doc.dump(2));
    core::LoadResult r = core::LoadQuestionnaireFile(q.string());
    CHECK_MESSAGE(HasError(r, kItemTextAudio, "lasts"), Listing(r));
}

TEST_CASE("recording keys follow the same rules as every other key") {
    TempDir dir;
    fs::path q = CopyRecordedFixture(dir.Path());
    json doc = test::ReadJsonFile(q);
    json& item = doc["areas"][0]["competencies"][0]["items"][0];
    item["id_audio"] = {{"vi", "audio/it.vi.wav"}};                         // ids are not read aloud
    item["text_audio"] = {{"vi", "audio/it.vi.wav"}, {"fr", "audio/it.vi.wav"}};  // fr is not a language here
    doc["areas"][0]["competencies"][1]["description_audio"] = {{"vi", "audio/it.vi.wav"}};  // no description
    doc["title_audio"] = "audio/it.vi.wav";                                    // not per language
    doc["areas"][0]["competencies"][0]["x-notes_audio"] = 5;                   // notes are free
    core::LoadResult r = core::ParseQuestionnaire(doc.dump(2), "q.json");
    CHECK_FALSE(r.Ok());
    auto errors = ErrorsOf(r);
    CHECK_MESSAGE(HasError(r, "/areas/0/competencies/0/items/0/id_audio", "unknown key"), Listing(r));
    CHECK_MESSAGE(HasError(r, "/areas/0/competencies/0/items/0/text_audio/fr", "not listed in /languages"), Listing(r));
    CHECK_MESSAGE(HasError(r, "/areas/0/competencies/1/description_audio", "no \"description\" text here"), Listing(r));
    CHECK_MESSAGE(HasError(r, "/title_audio", "per language"), Listing(r));
    CHECK(errors.size() == 4);
}

TEST_CASE("a questionnaire without recordings is untouched by the recording checks") {
    test::EnsureDecodeCheck();
    core::LoadResult r = core::LoadQuestionnaireFile(std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/minimal.json");
    REQUIRE(r.Ok());
    CHECK(r.questionnaire->recordings.empty());
    for (const auto& p : core::ItemSpeech(*r.questionnaire, "c1-k", "vi")) CHECK(p.recording.empty());
}

TEST_CASE("recordings are carried along to another folder and still validate there") {
    test::EnsureDecodeCheck();
    core::LoadResult r = core::LoadQuestionnaireFile(test::SpeechFixture("recorded.json"));
    REQUIRE(r.Ok());
    TempDir target;
    std::string error;
    REQUIRE_MESSAGE(core::CopyRecordings(*r.questionnaire, target.Path().string(), error), error);
    fs::copy_file(test::SpeechFixture("recorded.json"), target.Path() / "recorded.json");
    core::LoadResult there = core::LoadQuestionnaireFile((target.Path() / "recorded.json").string());
    CHECK_MESSAGE(there.Ok(), Listing(there));
    CHECK(test::Slurp(target.Path() / "audio/it.vi.wav") == test::Slurp(test::SpeechFixture("audio/it.vi.wav")));
    CHECK_FALSE(fs::exists(target.Path() / "audio/it.vi.wav.partial"));

    // A target that cannot be written is an error, not a half install.
    TempDir blocked;
    test::WriteFile(blocked.Path() / "audio", "a file where the folder should be");
    CHECK_FALSE(core::CopyRecordings(*r.questionnaire, blocked.Path().string(), error));
    CHECK(error.find("audio") != std::string::npos);
}
