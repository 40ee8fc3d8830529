// Spreadsheet import is bounded: a zip bomb, a shared-string bomb or a sheet addressing millions of cells
// is refused quickly instead of taking gigabytes (the old main took 3 GB and minutes). Each file is read in
// a child process under a 256 MiB address-space limit and a 5 s alarm, so a regression fails the test
// instead of the machine. A property test feeds random (valid and mangled) archives through the same path.
#include "kiosk/sheets/workbook.h"
#include "kiosk/sheets/zip_guard.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace kiosk::sheets;

namespace {

void Put16(std::string& s, unsigned v) {
    s.push_back(static_cast<char>(v & 0xFF));
    s.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& s, unsigned long v) {
    Put16(s, static_cast<unsigned>(v & 0xFFFF));
    Put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

std::string Deflate(const std::string& in) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, in.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// A zip archive of deflated parts (what XLSX is).
std::string Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string out, central;
    for (const auto& [name, content] : parts) {
        std::string packed = Deflate(content);
        unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
        unsigned long offset = out.size();
        Put32(out, 0x04034b50); Put16(out, 20); Put16(out, 0); Put16(out, 8); Put16(out, 0); Put16(out, 0);
        Put32(out, crc); Put32(out, packed.size()); Put32(out, content.size());
        Put16(out, static_cast<unsigned>(name.size())); Put16(out, 0);
        out += name + packed;
        Put32(central, 0x02014b50); Put16(central, 20); Put16(central, 20); Put16(central, 0); Put16(central, 8);
        Put16(central, 0); Put16(central, 0); Put32(central, crc); Put32(central, packed.size());
        Put32(central, content.size()); Put16(central, static_cast<unsigned>(name.size())); Put16(central, 0);
        Put16(central, 0); Put16(central, 0); Put16(central, 0); Put32(central, 0); Put32(central, offset);
        central += name;
    }
    unsigned long cdOffset = out.size();
    out += central;
    Put32(out, 0x06054b50); Put16(out, 0); Put16(out, 0);
    Put16(out, static_cast<unsigned>(parts.size())); Put16(out, static_cast<unsigned>(parts.size()));
    Put32(out, central.size()); Put32(out, cdOffset); Put16(out, 0);
    return out;
}

// A minimal XLSX whose one sheet is `sheetXml` and whose shared strings are `strings`.
std::string Xlsx(const std::string& sheetXml, const std::string& strings) {
    return Zip({
        {"[Content_Types].xml",
         "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
         "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
         "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
         "</Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
         "</Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
         "<sheet name=\"items\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
         "</Relationships>"},
        {"xl/sharedStrings.xml",
         "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + strings +
             "</sst>"},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetData>" + sheetXml + "</sheetData></worksheet>"},
    });
}

std::string ColumnName(int c) {
    std::string s;
    for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

// Rows × cols cells all showing shared string 0.
std::string SharedStringSheet(int rows, int cols) {
    std::string xml;
    for (int r = 1; r <= rows; ++r) {
        xml += "<row r=\"" + std::to_string(r) + "\">";
        for (int c = 0; c < cols; ++c) xml += "<c r=\"" + ColumnName(c) + std::to_string(r) + "\" t=\"s\"><v>0</v></c>";
        xml += "</row>";
    }
    return xml;
}

struct Outcome {
    bool exited = false;  // normally (not killed by the alarm, not crashed)
    int code = -1;        // 0 read, 1 refused on purpose (a bound), 2 failed some other way (e.g. out of memory)
};

bool RefusedOnPurpose(const std::vector<std::string>& errors) {
    for (const auto& e : errors)
        if (e.find("refused") != std::string::npos || e.find("unpacks to more than") != std::string::npos ||
            e.find("beyond row") != std::string::npos)
            return true;
    return false;
}

// Reads `path` in a child limited to 256 MiB of address space and 5 seconds.
Outcome ReadBounded(const std::string& path) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
#ifndef __SANITIZE_ADDRESS__
        // AddressSanitizer reserves terabytes of shadow address space, so the memory bound is checked in the
        // normal build only; the sanitizer pass still checks the time bound and the refusal.
        rlimit mem{256ull << 20, 256ull << 20};
        ::setrlimit(RLIMIT_AS, &mem);
#endif
        ::alarm(5);
        try {
            WorkbookReadResult r = ReadWorkbook(path);
            ::_exit(r.errors.empty() ? 0 : RefusedOnPurpose(r.errors) ? 1 : 2);
        } catch (...) {
            ::_exit(3);
        }
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    Outcome o;
    o.exited = WIFEXITED(status) && WEXITSTATUS(status) != 3;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return o;
}

struct TempFile {
    std::string path;
    explicit TempFile(const std::string& bytes) {
        char tmpl[] = "/tmp/kiosk-bounds-XXXXXX";
        int fd = ::mkstemp(tmpl);
        REQUIRE(fd >= 0);
        ::close(fd);
        path = std::string(tmpl) + ".xlsx";
        std::ofstream(path, std::ios::binary) << bytes;
        ::unlink(tmpl);
    }
    ~TempFile() { ::unlink(path.c_str()); }
};

}  // namespace

TEST_CASE("A small well-formed XLSX made here reads (the builder makes real files)") {
    TempFile f(Xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", "<si><t>id</t></si>"));
    WorkbookReadResult r = ReadWorkbook(f.path);
    INFO((r.errors.empty() ? "" : r.errors[0]));
    REQUIRE(r.errors.empty());
    CHECK(r.workbook->sheets.at(0).Cell(0, 0) == "id");
    CHECK(CheckZipBounds(Xlsx("", "")).empty());
}

TEST_CASE("A shared-string bomb is refused within 5 s and 256 MiB") {
    // One 64 KiB string shown in 200 000 cells: 13 GB as copied text; under 1 MB as a file.
    TempFile f(Xlsx(SharedStringSheet(2000, 100), "<si><t>" + std::string(64 << 10, 'x') + "</t></si>"));
    CHECK(fs::file_size(f.path) < (1u << 20));
    Outcome o = ReadBounded(f.path);
    CHECK(o.exited);
    CHECK(o.code == 1);
}

TEST_CASE("A zip bomb part is refused before it is inflated into memory") {
    const std::string bytes = Xlsx("", "<si><t>" + std::string(100u << 20, 'x') + "</t></si>");  // 100 MiB
    TempFile f(bytes);
    CHECK(fs::file_size(f.path) < (1u << 20));
    CHECK(CheckZipBounds(bytes).find("unpacks to more than") != std::string::npos);
    Outcome o = ReadBounded(f.path);
    CHECK(o.exited);
    CHECK(o.code == 1);
}

TEST_CASE("A sheet that addresses the far corner of every row is refused, not allocated") {
    std::string xml;
    for (int r = 1; r <= 60000; ++r)
        xml += "<row r=\"" + std::to_string(r) + "\"><c r=\"ALL" + std::to_string(r) + "\"><v>1</v></c></row>";
    TempFile f(Xlsx(xml, ""));
    Outcome o = ReadBounded(f.path);
    CHECK(o.exited);
    CHECK(o.code == 1);
}

TEST_CASE("Property: random and mangled archives are read or refused, never crash or hang") {
    std::mt19937 rng(16);
    for (int i = 0; i < 30; ++i) {
        CAPTURE(i);
        int rows = 1 + static_cast<int>(rng() % 300), cols = 1 + static_cast<int>(rng() % 40);
        std::string bytes = Xlsx(SharedStringSheet(rows, cols),
                                 "<si><t>" + std::string(1 + rng() % 5000, 'y') + "</t></si>");
        // Flip a few bytes in half of them.
        if (i % 2)
            for (int k = 0; k < 1 + static_cast<int>(rng() % 8); ++k) bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
        TempFile f(bytes);
        Outcome o = ReadBounded(f.path);
        CHECK(o.exited);
        CHECK((o.code == 0 || o.code == 1 || o.code == 2));  // 2: damaged, said so
    }
}
