// kiosk-admin speak end to end: the built program writes a WAV that decodes, prints the words it sent to the
// synthesizer, renders a question screen with its numbered answers and recordings, and refuses to replace
// an existing file without --force.
#include "kiosk/speech/audio_file.h"
#include "speech_test_support.h"

#include <doctest/doctest.h>

using namespace kiosk;
using test::Quote;
using test::RunAdmin;
using test::TempDir;

TEST_CASE("kiosk-admin speak --text writes a WAV and prints the spelled-out words") {
    TempDir dir;
    test::RunResult r = RunAdmin(dir.Path(), "speak --lang vi --text " + Quote("Có 51 câu, mã OTP, 15%.") + " --out a.wav");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out == "Có năm mươi mốt câu, mã ô tê pê, mười lăm phần trăm.\n");
    speech::Pcm pcm;
    REQUIRE(speech::DecodeAudioFile((dir.Path() / "a.wav").string(), 60, pcm).ok);
    CHECK(pcm.Seconds() > 2.0);
    CHECK(r.err.find("a.wav") != std::string::npos);

    // The existing file stays as it was without --force.
    std::string before = test::Slurp(dir.Path() / "a.wav");
    test::RunResult again = RunAdmin(dir.Path(), "speak --lang vi --text hai --out a.wav");
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("--force") != std::string::npos);
    CHECK(test::Slurp(dir.Path() / "a.wav") == before);
    test::RunResult forced = RunAdmin(dir.Path(), "speak --lang vi --text hai --out a.wav --force");
    CHECK(forced.exitCode == 0);
    CHECK(test::Slurp(dir.Path() / "a.wav") != before);
}

TEST_CASE("kiosk-admin speak --item renders the question screen with recordings") {
    TempDir dir;
    std::string fixture = test::SpeechFixture("recorded.json");
    test::RunResult r = RunAdmin(dir.Path(), "speak --lang vi --item c1-k --questionnaire " + Quote(fixture) + " --out q.wav");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("[recording " + test::SpeechFixture("audio/c1-k.vi.ogg") + "]\n") == 0);
    CHECK(r.out.find("Một: Không.\nHai:\n[recording ") != std::string::npos);
    CHECK(r.out.find("Năm: Tôi không muốn trả lời.\n") != std::string::npos);

    test::RunResult en = RunAdmin(dir.Path(), "speak --lang en --item c1-q --questionnaire " + Quote(fixture) + " --out e.wav");
    REQUIRE_MESSAGE(en.exitCode == 0, en.err);
    CHECK(en.out == "Item q\nOne: Right.\nTwo: Wrong.\n");
}

TEST_CASE("kiosk-admin speak refuses bad arguments") {
    TempDir dir;
    CHECK(RunAdmin(dir.Path(), "speak --lang fr --text x --out a.wav").exitCode == 2);
    CHECK(RunAdmin(dir.Path(), "speak --lang vi --text x").exitCode == 2);
    CHECK(RunAdmin(dir.Path(), "speak --lang vi --text x --voice ../evil --out a.wav").exitCode == 2);
    std::string fixture = test::SpeechFixture("recorded.json");
    test::RunResult missing =
        RunAdmin(dir.Path(), "speak --lang vi --item nope --questionnaire " + Quote(fixture) + " --out a.wav");
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("nope") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.Path() / "a.wav"));
}

TEST_CASE("kiosk-admin validate reports a recording that does not decode") {
    TempDir dir;
    std::filesystem::path q = test::CopyRecordedFixture(dir.Path() / "q");
    test::WriteFile(dir.Path() / "q/audio/it.vi.wav", "RIFF....WAVEfmt garbage");
    test::RunResult r = RunAdmin(dir.Path(), "validate " + Quote(q.string()));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.out.find("/scales/s4/options/1/label_audio/vi: recording \"audio/it.vi.wav\" does not decode") !=
                      std::string::npos,
                  r.out);
}
