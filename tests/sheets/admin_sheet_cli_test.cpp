// kiosk-admin import-sheet / export-sheet end to end: exit codes, messages, files written or not.
#include "sheet_test_util.h"

#include <sys/wait.h>

#include <cstdlib>

using namespace sheets_test;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run Admin(const TempDir& dir, const std::string& args) {
    std::string cmd = std::string("'") + KIOSK_ADMIN_PATH + "' " + args + " >'" + (dir / "stdout") + "' 2>'" +
                      (dir / "stderr") + "'";
    int status = std::system(cmd.c_str());
    Run r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(dir / "stdout");
    r.err = ReadFile(dir / "stderr");
    std::filesystem::remove(dir / "stdout");
    std::filesystem::remove(dir / "stderr");
    return r;
}

std::vector<std::string> FilesIn(const TempDir& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.Path()))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::string kMinimal = SourcePath("tests/fixtures/minimal.json");

}  // namespace

TEST_CASE("cli: export-sheet to XLSX and import-sheet back") {
    TempDir dir;
    Run e = Admin(dir, "export-sheet '" + kMinimal + "' --out '" + (dir / "mini.xlsx") + "'");
    CHECK(e.code == 0);
    CHECK(e.err.find("wrote " + (dir / "mini.xlsx")) != std::string::npos);
    Run i = Admin(dir, "import-sheet '" + (dir / "mini.xlsx") + "' --out '" + (dir / "mini.json") + "'");
    INFO(i.err);
    CHECK(i.code == 0);
    CHECK(i.err.find("wrote " + (dir / "mini.json") + " (mini 1, 6 items)") != std::string::npos);
    CHECK(ParseJson(ReadFile(dir / "mini.json")) == ParseJson(ReadFile(kMinimal)));
    CHECK(FilesIn(dir) == std::vector<std::string>{"mini.json", "mini.xlsx"});
}

TEST_CASE("cli: export-sheet to CSV writes FILE.meta.json, which import-sheet finds next to the CSV") {
    TempDir dir;
    Run e = Admin(dir, "export-sheet '" + kMinimal + "' --out '" + (dir / "mini.csv") + "'");
    CHECK(e.code == 0);
    CHECK(FilesIn(dir) == std::vector<std::string>{"mini.csv", "mini.meta.json"});
    CHECK(ReadFile(dir / "mini.csv")
              .rfind("\xEF\xBB\xBF"
                     "area_id,",
                     0) == 0);
    Run i = Admin(dir, "import-sheet '" + (dir / "mini.csv") + "' --out '" + (dir / "mini.json") + "'");
    INFO(i.err);
    CHECK(i.code == 0);
    CHECK(i.err.find("note: using " + (dir / "mini.meta.json")) != std::string::npos);
    CHECK(ParseJson(ReadFile(dir / "mini.json")) == ParseJson(ReadFile(kMinimal)));
}

TEST_CASE("cli: import-sheet reports every problem by row, exits 1 and leaves the old file alone") {
    TempDir dir;
    WriteFile(
        dir / "items.csv",
        "area_id,area_title_vi,area_title_en,competency_id,competency_title_vi,competency_title_en,item_id,"
        "dimension,scale,text_vi,text_en\n"
        "a1,Lĩnh vực,Area,c1,Năng lực,Competency,c1-s,skil,skill-4,Câu,Item\n"
        ",,,,,,c1-s,skill,skill-4,Câu,\n");
    WriteFile(dir / "out.json", "previous content");
    Run r = Admin(dir, "import-sheet '" + (dir / "items.csv") + "' --out '" + (dir / "out.json") + "'");
    CHECK(r.code == 1);
    const std::string csv = dir / "items.csv";
    CHECK(r.err.find(csv +
                     ": row 2 (item c1-s): column \"dimension\": must be knowledge, skill or attitude, found "
                     "\"skil\"\n") != std::string::npos);
    CHECK(r.err.find(csv +
                     ": row 3 (item c1-s): column \"item_id\": item id \"c1-s\" is also used on row 2; every "
                     "item needs its own id\n") != std::string::npos);
    CHECK(r.err.find(csv + ": row 3 (item c1-s): column \"text_en\": must not be empty") !=
          std::string::npos);
    CHECK(r.err.find("3 problem(s); " + (dir / "out.json") + " was not written") != std::string::npos);
    CHECK(ReadFile(dir / "out.json") == "previous content");
    CHECK(FilesIn(dir) == std::vector<std::string>{"items.csv", "out.json"});  // no temporary file left
}

TEST_CASE("cli: without META.json a CSV gets the built-in defaults, and says so") {
    TempDir dir;
    WriteFile(
        dir / "items.csv",
        "area_id,area_title_vi,area_title_en,competency_id,competency_title_vi,competency_title_en,item_id,"
        "dimension,scale,text_vi,text_en\n"
        "a1,Lĩnh vực,Area,c1,Năng lực,Competency,c1-s,skill,skill-4,Câu,Item\n");
    Run r = Admin(dir, "import-sheet '" + (dir / "items.csv") + "' --out '" + (dir / "My Quiz.json") + "'");
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.find("built-in defaults (id \"my-quiz\"") != std::string::npos);
    auto q = LoadValid(dir / "My Quiz.json");
    CHECK(q.id == "my-quiz");
}

TEST_CASE("cli: usage errors exit 2, --help exits 0") {
    TempDir dir;
    CHECK(Admin(dir, "import-sheet").code == 2);
    CHECK(Admin(dir, "import-sheet items.csv").code == 2);
    CHECK(Admin(dir, "import-sheet items.csv --out items.txt").code == 2);
    CHECK(Admin(dir, "import-sheet items.txt --out q.json").code == 2);
    CHECK(Admin(dir, "import-sheet items.csv --out q.json --verbose").code == 2);
    CHECK(Admin(dir, "export-sheet '" + kMinimal + "'").code == 2);
    Run ods = Admin(dir, "export-sheet '" + kMinimal + "' --out '" + (dir / "q.ods") + "'");
    CHECK(ods.code == 2);
    CHECK(ods.err.find("ODS cannot be written") != std::string::npos);
    Run help = Admin(dir, "import-sheet --help");
    CHECK(help.code == 0);
    CHECK(help.out.find("usage: kiosk-admin import-sheet") != std::string::npos);
    CHECK(Admin(dir, "export-sheet --help").code == 0);
    CHECK(FilesIn(dir).empty());
}

TEST_CASE("cli: bad inputs exit 1 without writing") {
    TempDir dir;
    WriteFile(dir / "bad.json", "{\"format\": \"kiosk-questionnaire/1\"}");
    Run e = Admin(dir, "export-sheet '" + (dir / "bad.json") + "' --out '" + (dir / "q.xlsx") + "'");
    CHECK(e.code == 1);
    CHECK(e.err.find("missing required key \"id\"") != std::string::npos);
    Run i = Admin(dir, "import-sheet '" + (dir / "none.xlsx") + "' --out '" + (dir / "q.json") + "'");
    CHECK(i.code == 1);
    CHECK(i.err.find("none.xlsx: cannot open file") != std::string::npos);
    Run m = Admin(dir, "import-sheet '" + SourcePath("tests/fixtures/sheets/trainer-items.csv") +
                           "' --meta '" + (dir / "none.json") + "' --out '" + (dir / "q.json") + "'");
    CHECK(m.code == 1);
    CHECK(FilesIn(dir) == std::vector<std::string>{"bad.json"});
}
