// Staff mode headlessly: the hidden corner gesture, the PIN pad (right, wrong, lockout countdown), setting
// a PIN on first start, the staff idle timeout and closing the app (only from the staff menu).
#include "harness.h"

#include "kiosk/station/drives.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::flow;
using namespace kiosk::station;
using namespace kiosk::app;
using namespace kiosk::ui::test;

namespace {

void EnterStaff(Harness& h) {
    h.HoldCorner();
    REQUIRE(h.CurrentScreen() == Screen::StaffPin);
    h.TypePin(kTestPin);
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == Screen::StaffMenu);
}

bool LogMentionsPin(const MemoryEventLog& log, const std::string& pin) {
    for (const auto& line : log.lines)
        if (line.message.find(pin) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("staff: holding the top-left corner for 3 seconds opens the PIN pad") {
    Harness h;
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    h.Press(ImVec2(30, 40));
    h.Advance(core::Millis(2'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    // The app sleeps until then: the controller asks to be woken when the hold completes.
    REQUIRE(h.controller->NextWakeup().has_value());
    CHECK(*h.controller->NextWakeup() <= h.clock.Now() + core::Millis(1'000));
    h.Advance(core::Millis(1'000));
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    h.Release();
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    CHECK(h.HasTarget("pin.5"));
    CHECK(h.Shows("Vui lòng nhập mã PIN của cán bộ."));
}

TEST_CASE("staff: a shorter hold, a hold elsewhere or a finger that moves does not open the pad") {
    Harness h;
    SUBCASE("shorter") {
        h.Press(ImVec2(30, 40));
        h.Advance(core::Millis(2'900));
        h.Release();
        h.Advance(core::Millis(5'000));
    }
    SUBCASE("elsewhere") {
        h.Press(ImVec2(300, 40));
        h.Advance(core::Millis(5'000));
        h.Release();
    }
    SUBCASE("moved out of the corner") {
        h.Press(ImVec2(30, 40));
        h.Advance(core::Millis(1'500));
        ImGui::GetIO().MousePos = ImVec2(400, 400);
        h.Advance(core::Millis(1'000));
        ImGui::GetIO().MousePos = ImVec2(30, 40);  // back in: the hold does not resume
        h.Advance(core::Millis(2'000));
        h.Release();
    }
    SUBCASE("slid into the corner") {
        h.Press(ImVec2(400, 400));
        ImGui::GetIO().MousePos = ImVec2(30, 40);
        h.Advance(core::Millis(5'000));
        h.Release();
    }
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("staff: the right PIN opens the staff menu and nothing logs the digits") {
    Harness h;
    EnterStaff(h);
    CHECK(h.log.Contains("staff PIN: accepted"));
    CHECK(h.HasTarget("staff.exit"));
    CHECK_FALSE(LogMentionsPin(h.log, kTestPin));
    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("staff: wrong PINs count down, then the pad locks with a countdown, and Cancel returns to Welcome") {
    Harness h;
    h.HoldCorner();
    for (int i = 1; i <= 4; ++i) {
        h.TypePin("135790");
        h.Tap("pin.ok");
        CHECK(h.CurrentScreen() == Screen::StaffPin);
        CHECK(h.Shows("Sai mã PIN (còn " + std::to_string(5 - i) + " lần)"));
    }
    CHECK(h.log.Contains("staff PIN: wrong (4 in a row)"));
    h.TypePin("135790");
    h.Tap("pin.ok");
    CHECK(h.log.Contains("staff PIN: locked for 30 s"));
    CHECK(h.Shows("thử lại sau 30 giây"));
    CHECK_FALSE(h.Target("pin.1").enabled);
    h.Advance(core::Millis(10'000));
    CHECK(h.Shows("thử lại sau 20 giây"));
    // Cancelling and coming back does not lift the lock.
    h.Tap("pin.cancel");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    CHECK(h.Shows("thử lại sau 17 giây"));
    h.Advance(core::Millis(17'000));
    CHECK(h.Target("pin.1").enabled);
    // The next wrong PIN locks for twice as long; the right one then still works and resets the count.
    h.TypePin("135790");
    h.Tap("pin.ok");
    CHECK(h.log.Contains("staff PIN: locked for 60 s"));
    h.Advance(core::Millis(60'000));
    h.TypePin(kTestPin);
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    CHECK_FALSE(LogMentionsPin(h.log, "135790"));
}

TEST_CASE("staff: the erase key removes the last digit") {
    Harness h;
    h.HoldCorner();
    h.TypePin(kTestPin);
    h.TypePin("7");
    h.Tap("pin.erase");
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("staff: the staff menu goes back to the citizen Welcome after 2 minutes without a touch") {
    Harness h;
    EnterStaff(h);
    h.Advance(core::Millis(119'000));
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    h.Tap("staff.exit");  // a touch restarts the 2 minutes
    h.Advance(core::Millis(119'000));
    CHECK(h.CurrentScreen() == Screen::StaffConfirmExit);
    h.Advance(core::Millis(1'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    CHECK_FALSE(h.controller->ExitRequested());
}

TEST_CASE("staff: the PIN pad itself also times out") {
    Harness h;
    h.HoldCorner();
    h.TypePin("12");
    h.Advance(core::Millis(120'000));
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    CHECK(h.CurrentScreen() == Screen::StaffPin);
    CHECK_FALSE(h.Target("pin.ok").enabled);  // nothing typed: the earlier digits are gone
}

TEST_CASE("staff: closing the app needs the staff menu and a confirmation") {
    Harness h;
    // No citizen screen offers it.
    for (const auto& t : h.ui.targets) CHECK(t.id.rfind("staff.", 0) != 0);
    EnterStaff(h);
    h.Tap("staff.exit");
    REQUIRE(h.CurrentScreen() == Screen::StaffConfirmExit);
    h.Tap("staff.confirm.no");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
    CHECK_FALSE(h.controller->ExitRequested());
    h.Tap("staff.exit");
    h.Tap("staff.confirm.yes");
    CHECK(h.controller->ExitRequested());
    CHECK(h.log.Contains("the app was closed from the staff menu"));
}

TEST_CASE("staff: staff can get in while the kiosk is out of service") {
    TempDir empty;
    HarnessOptions o;
    o.questionnairesDir = empty.Path();
    Harness h(o);
    REQUIRE(h.CurrentScreen() == Screen::OutOfService);
    EnterStaff(h);
    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::OutOfService);
}

TEST_CASE("staff: on first start without a PIN the kiosk asks staff to set one before anyone can use it") {
    TempDir dir;
    HarnessOptions o;
    o.controller.staff.pinFile = dir.File("var/staff-pin");  // the folder does not exist yet either
    Harness h(o);
    REQUIRE(h.CurrentScreen() == Screen::StaffSetPin);
    CHECK_FALSE(h.HasTarget("pin.cancel"));
    // Nobody gets past it by waiting.
    h.Advance(core::Millis(600'000));
    CHECK(h.CurrentScreen() == Screen::StaffSetPin);

    h.TypePin("123456");  // a straight run
    h.Tap("pin.ok");
    CHECK(h.Shows("Mã này chưa dùng được"));
    const HitTarget keyBefore = h.Target("pin.5");
    h.TypePin("975310");
    h.Tap("pin.ok");
    CHECK(h.Shows("Vui lòng nhập lại mã PIN vừa chọn để xác nhận."));
    // The second step's shorter prompt does not move the keys under the finger.
    CHECK(h.Target("pin.5").min.y == keyBefore.min.y);
    CHECK(h.Target("pin.5").min.x == keyBefore.min.x);
    h.TypePin("975311");
    h.Tap("pin.ok");
    CHECK(h.Shows("Hai lần nhập không giống nhau."));
    CHECK_FALSE(std::filesystem::exists(dir.File("var/staff-pin")));

    h.TypePin("975310");
    h.Tap("pin.ok");
    h.TypePin("975310");
    h.Tap("pin.ok");
    REQUIRE(h.CurrentScreen() == Screen::StaffMenu);
    auto hash = core::LoadPinHash(dir.File("var/staff-pin"));
    REQUIRE(hash.has_value());
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(core::VerifyPin(*hash, "975310"));
    CHECK_FALSE(LogMentionsPin(h.log, "975310"));

    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::Welcome);
    h.HoldCorner();
    h.TypePin("975310");
    h.Tap("pin.ok");
    CHECK(h.CurrentScreen() == Screen::StaffMenu);
}

TEST_CASE("staff: USB sticks are the mount points below /media and /run/media") {
    const std::string mounts = "proc /proc proc rw 0 0\n"
                               "/dev/sda1 / ext4 rw 0 0\n"
                               "/dev/sdb1 /media/staff/KINGSTON\\0408GB vfat rw 0 0\n"
                               "/dev/sdc1 /run/media/an/USB vfat rw 0 0\n"
                               "tmpfs /media tmpfs rw 0 0\n"
                               "/dev/sdd1 /mediafiles ext4 rw 0 0\n";
    const auto drives = RemovableMounts(mounts, {"/media", "/run/media/"});
    REQUIRE(drives.size() == 2);
    CHECK(drives[0].path == "/media/staff/KINGSTON 8GB");
    CHECK(drives[0].name == "KINGSTON 8GB");
    CHECK(drives[1].path == "/run/media/an/USB");
    CHECK(RemovableMounts("", {"/media"}).empty());
}

// ---------------------------------------------------------------------------------------------------------
// Trainer pages: questionnaires on/off and installing from a (fake) USB stick.

namespace {

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void WriteText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// minimal.json with another id, version or title.
std::string Variant(const std::string& id, const std::string& version, const std::string& titleVi = "Thử") {
    nlohmann::json doc = nlohmann::json::parse(ReadText(SourcePath("tests/fixtures/minimal.json")));
    doc["id"] = id;
    doc["version"] = version;
    doc["title"]["vi"] = titleVi;
    return doc.dump(2);
}

// The export is not what these tests look at; the stick is a temporary folder.
class FakeStaffData final : public StaffData {
public:
    explicit FakeStaffData(std::string stick) : m_stick(std::move(stick)) {}
    DashboardData Dashboard(const std::string&) override { return {}; }
    std::vector<UsbDrive> UsbDrives() override { return {{m_stick, "USB"}}; }
    HealthData Health() override { return {}; }
    ExportOutcome Export(const ExportRequest&, const std::function<void(std::int64_t, std::int64_t)>&) override {
        return {};
    }

private:
    std::string m_stick;
};

struct TrainerSetup {
    TempDir dir;
    std::string qdir = dir.File("questionnaires"), stick = dir.File("stick"), state = dir.File("var/state.json");
    TrainerSetup() {
        std::filesystem::create_directories(qdir);
        std::filesystem::create_directories(stick);
        WriteText(qdir + "/mini.json", Variant("mini", "1"));
    }
};

void OpenQuestionnaires(Harness& h, StaffData& data, const std::string& stateFile) {
    h.catalog->SetStateFile(stateFile);
    h.controller->SetStaffData(&data);
    h.HoldCorner();
    h.TypePin(kTestPin);
    h.Tap("pin.ok");
    h.Tap("staff.questionnaires");
    REQUIRE(h.CurrentScreen() == Screen::StaffQuestionnaires);
}

}  // namespace

TEST_CASE("trainer: questionnaires are switched off for citizens and the choice is kept, but never the last one") {
    TrainerSetup s;
    WriteText(s.qdir + "/other.json", Variant("other", "3", "Bộ khác"));
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    REQUIRE(h.catalog->Offered().size() == 2);
    OpenQuestionnaires(h, data, s.state);
    CHECK(h.Shows("Mã mini · phiên bản 1 · 6 câu · Đang bật"));
    const std::string first = h.catalog->All()[0]->id;
    h.Tap("qs.toggle.0");
    CHECK(h.Shows("Đang tắt"));
    h.Tap("qs.toggle.1");  // the only one left on
    CHECK(h.Shows("Cần giữ ít nhất một bộ câu hỏi đang bật"));
    CHECK(h.catalog->Offered().size() == 1);
    CHECK(ReadText(s.state).find("\"" + first + "\"") != std::string::npos);
    h.Tap("staff.back");
    h.Tap("staff.close");
    REQUIRE(h.CurrentScreen() == Screen::Welcome);
    CHECK_FALSE(h.HasTarget("welcome.questionnaire.0"));  // one questionnaire: no choice shown
    for (const auto& q : h.catalog->Offered()) CHECK(q->id != first);

    // A restart reads the choice back.
    MemoryEventLog log;
    QuestionnaireCatalog again(s.qdir, log);
    again.Refresh();
    again.SetStateFile(s.state);
    CHECK(again.All().size() == 2);
    REQUIRE(again.Offered().size() == 1);
    CHECK(again.Offered()[0]->id != first);
}

TEST_CASE("trainer: a valid file on USB is installed in place of the old version") {
    TrainerSetup s;
    WriteText(s.stick + "/mini-v2.json", Variant("mini", "2", "Thử lần hai"));
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    OpenQuestionnaires(h, data, s.state);
    h.Tap("qs.install");
    REQUIRE(h.CurrentScreen() == Screen::StaffInstall);
    CHECK(h.Shows("mini-v2.json"));
    h.Tap("install.file.0");
    // First what would change, and a way out that installs nothing.
    CHECK(h.Shows("Cài đặt tệp này?"));
    CHECK(h.Shows("Bộ câu hỏi mini: Thử lần hai"));
    CHECK(h.Shows("Phiên bản đang dùng 1 → phiên bản mới 2"));
    CHECK(h.Shows("Số câu hỏi: 6"));
    h.Tap("staff.confirm.no");
    CHECK(h.Shows("mini-v2.json"));
    CHECK(ReadText(s.qdir + "/mini.json") != ReadText(s.stick + "/mini-v2.json"));
    CHECK(h.catalog->Offered()[0]->version == "1");
    h.Tap("install.file.0");
    h.Tap("staff.confirm.yes");
    CHECK(h.Shows("Đã cài bộ câu hỏi mini, phiên bản 2."));
    // The file the id was installed from is replaced (the folder never holds the id twice).
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(s.qdir)) files.push_back(e.path().filename().string());
    CHECK(files == std::vector<std::string>{"mini.json"});
    CHECK(ReadText(s.qdir + "/mini.json") == ReadText(s.stick + "/mini-v2.json"));
    REQUIRE(h.catalog->Offered().size() == 1);
    CHECK(h.catalog->Offered()[0]->version == "2");
    CHECK(h.log.Contains("installed \"mini\" version 2"));
}

TEST_CASE("trainer: a broken file is never installed: every error is shown with its place and the old version stays") {
    TrainerSetup s;
    const std::string before = ReadText(s.qdir + "/mini.json");
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    OpenQuestionnaires(h, data, s.state);

    SUBCASE("not even JSON: the line and column are shown") {
        WriteText(s.stick + "/broken.json", "{\n  \"format\": \"kiosk-questionnaire/1\",\n  \"id\": \"mini\"\n  \"version\": \"2\"\n}\n");
        h.Tap("qs.install");
        h.Tap("install.file.0");
        CHECK_FALSE(h.HasTarget("staff.confirm.yes"));  // nothing to confirm: the errors instead
        CHECK(h.Shows("Tệp này có 1 lỗi nên chưa được cài."));
        CHECK(h.Shows("• Dòng 4, cột"));
    }
    SUBCASE("valid JSON that breaks the questionnaire rules: the place in the file is shown") {
        nlohmann::json doc = nlohmann::json::parse(Variant("mini", "2"));
        doc["areas"][0]["competencies"][0]["items"][0]["scale"] = "no-such-scale";
        doc.erase("title");
        WriteText(s.stick + "/broken.json", doc.dump(2));
        h.Tap("qs.install");
        h.Tap("install.file.0");
        CHECK(h.Shows("chưa được cài"));
        // Each error names its line and its place in the structure.
        CHECK(h.Shows("(tại /areas/0/competencies/0/items/0/scale)"));
        CHECK(h.Shows("(tại /title)"));
        CHECK(h.Shows("• Dòng 1, cột 1 (tại /title)"));  // a missing key points at its parent: the root
        // The validator's words in Vietnamese on the kiosk (the command line keeps its English).
        CHECK(h.Shows("• Dòng 1, cột 1 (tại /title): thiếu khóa bắt buộc “title”"));
        CHECK(h.Shows("thang đo “no-such-scale” chưa được định nghĩa trong /scales"));
        CHECK_FALSE(h.Shows("missing required key"));
    }
    SUBCASE("the same id and version with different content") {
        WriteText(s.stick + "/same-version.json", Variant("mini", "1", "Đã sửa mà không đổi phiên bản"));
        h.Tap("qs.install");
        h.Tap("install.file.0");
        CHECK(h.Shows("chưa được cài"));
    }
    CHECK(ReadText(s.qdir + "/mini.json") == before);
    REQUIRE(h.catalog->Offered().size() == 1);
    CHECK(h.catalog->Offered()[0]->version == "1");
    h.Tap("staff.back");
    h.Tap("staff.back");
    h.Tap("staff.close");
    CHECK(h.CurrentScreen() == Screen::Welcome);
}

TEST_CASE("trainer: broken files already in the folder are listed with their problems, not offered") {
    TrainerSetup s;
    WriteText(s.qdir + "/typo.json", "{ \"id\": \"typo\", ");
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    OpenQuestionnaires(h, data, s.state);
    CHECK(h.Shows("Tệp typo.json có lỗi nên không được dùng:"));
    CHECK_FALSE(h.HasTarget("qs.toggle.1"));
}

TEST_CASE("trainer: a preview of a switched-off questionnaire stores nothing, shows its banner, switches language and returns to the list") {
    TrainerSetup s;
    WriteText(s.qdir + "/other.json", Variant("other", "3", "Bộ khác"));
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    OpenQuestionnaires(h, data, s.state);
    h.Tap("qs.toggle.1");  // switched off for citizens, still previewable
    REQUIRE(h.catalog->Offered().size() == 1);
    const std::string id = h.catalog->All()[1]->id;
    h.Tap("qs.preview.1");
    REQUIRE(h.CurrentScreen() == Screen::Question);
    CHECK(h.controller->PreviewActive());
    CHECK(h.controller->GetSession().GetQuestionnaire()->id == id);
    CHECK(h.Shows("XEM TRƯỚC · không lưu · English"));
    h.Tap("preview.language");
    CHECK(h.controller->GetSession().Language() == "en");
    CHECK(h.Shows("PREVIEW · not stored · Tiếng Việt"));
    // Back to the consent page and "agree": a preview still never consents.
    h.Tap("question.back");
    if (h.CurrentScreen() == Screen::Consent) h.Tap("consent.agree");
    while (h.CurrentScreen() == Screen::Question) {
        h.Tap("option.1");
        h.Tap("question.next");
    }
    REQUIRE(h.CurrentScreen() == Screen::Profile);
    h.Tap("profile.age.1");
    h.Tap("profile.submit");
    REQUIRE(h.CurrentScreen() == Screen::Result);
    CHECK(h.fakeSink.saved.empty());
    CHECK(h.fakeSink.attempts == 0);
    h.Tap("result.done");
    CHECK(h.CurrentScreen() == Screen::StaffQuestionnaires);
    CHECK_FALSE(h.controller->PreviewActive());
    CHECK(h.fakeSink.saved.empty());
}

TEST_CASE("trainer: a preview left half-way also returns to the trainer's list") {
    TrainerSetup s;
    FakeStaffData data(s.stick);
    HarnessOptions o;
    o.questionnairesDir = s.qdir;
    Harness h(o);
    OpenQuestionnaires(h, data, s.state);
    h.Tap("qs.preview.0");
    REQUIRE(h.CurrentScreen() == Screen::Question);
    h.Tap("question.leave");
    h.Tap("leave.confirm");
    CHECK(h.CurrentScreen() == Screen::StaffQuestionnaires);
    CHECK(h.fakeSink.saved.empty());
}
