// Reading XLSX exports back in tests. liborcus opens the workbook as a spreadsheet application would and
// reports its sheets and numeric cells; liborcus 0.17 skips inline strings (which libxlsxwriter writes in
// constant-memory mode, and Excel and LibreOffice read), so text cells are read straight from the sheet
// XML inside the zip container with zlib.
#pragma once

#include <zlib.h>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/document.hpp>
#include <orcus/spreadsheet/factory.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::storage::test {

struct Workbook {
    std::vector<std::string> sheetNames;
    // (sheet index, row, column), 0-based -> value
    std::map<std::tuple<int, int, int>, double> numbers;
    std::map<std::tuple<int, int, int>, std::string> strings;
};

namespace xlsx_detail {

inline std::uint32_t Le(const std::string& s, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(s.at(at + static_cast<std::size_t>(i)));
    return v;
}

// name -> uncompressed bytes, from the zip's central directory (sizes there are always right, even when
// the local headers defer them to data descriptors).
inline std::map<std::string, std::string> ReadZip(const std::string& zip) {
    std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
    if (eocd == std::string::npos) throw std::runtime_error("not a zip file");
    std::size_t entries = Le(zip, eocd + 10, 2), at = Le(zip, eocd + 16, 4);
    std::map<std::string, std::string> out;
    for (std::size_t e = 0; e < entries; ++e) {
        if (Le(zip, at, 4) != 0x02014b50) throw std::runtime_error("bad central directory");
        std::uint32_t method = Le(zip, at + 10, 2), csize = Le(zip, at + 20, 4), usize = Le(zip, at + 24, 4);
        std::size_t nameLen = Le(zip, at + 28, 2), extraLen = Le(zip, at + 30, 2),
                    commentLen = Le(zip, at + 32, 2);
        std::size_t local = Le(zip, at + 42, 4);
        std::string name = zip.substr(at + 46, nameLen);
        at += 46 + nameLen + extraLen + commentLen;
        std::size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
        std::string bytes;
        if (method == 0) {
            bytes = zip.substr(data, csize);
        } else {
            bytes.resize(usize);
            z_stream z{};
            if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
            z.avail_in = csize;
            z.next_out = reinterpret_cast<Bytef*>(bytes.data());
            z.avail_out = usize;
            int rc = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            if (rc != Z_STREAM_END) throw std::runtime_error("inflate " + name);
        }
        out[name] = std::move(bytes);
    }
    return out;
}

inline std::string Unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        std::string f = from;
        for (std::size_t p = s.find(f); p != std::string::npos; p = s.find(f, p + 1))
            s.replace(p, f.size(), to);
    }
    return s;
}

// "AB12" -> (row 11, column 27)
inline std::pair<int, int> CellRef(const std::string& ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
    return {std::stoi(ref.substr(i)) - 1, col - 1};
}

}  // namespace xlsx_detail

inline Workbook ReadWorkbook(const std::string& path) {
    namespace ss = orcus::spreadsheet;
    Workbook wb;
    ss::document doc{ss::range_size_t{1048576, 16384}};
    ss::import_factory factory{doc};
    orcus::orcus_xlsx reader{&factory};
    reader.read_file(path);
    std::map<std::string, int> sheetIndex;
    for (std::size_t i = 0; i < doc.get_sheet_count(); ++i) {
        wb.sheetNames.emplace_back(doc.get_sheet_name(static_cast<ss::sheet_t>(i)));
        sheetIndex[wb.sheetNames.back()] = static_cast<int>(i);
    }
    // dump_check lines: "SHEET/ROW/COL:numeric:VALUE".
    std::ostringstream dump;
    doc.dump_check(dump);
    std::istringstream lines(dump.str());
    for (std::string line; std::getline(lines, line);) {
        auto numeric = line.find(":numeric:");
        if (numeric == std::string::npos) continue;
        std::string where = line.substr(0, numeric);
        auto slash2 = where.rfind('/'), slash1 = where.rfind('/', slash2 - 1);
        int sheet = sheetIndex.at(where.substr(0, slash1));
        int row = std::stoi(where.substr(slash1 + 1, slash2 - slash1 - 1));
        int col = std::stoi(where.substr(slash2 + 1));
        wb.numbers[{sheet, row, col}] = std::stod(line.substr(numeric + 9));
    }

    std::ifstream in(path, std::ios::binary);
    std::string zip{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto files = xlsx_detail::ReadZip(zip);
    for (std::size_t s = 0; s < wb.sheetNames.size(); ++s) {
        const std::string& xml = files.at("xl/worksheets/sheet" + std::to_string(s + 1) + ".xml");
        for (std::size_t c = xml.find("<c r=\""); c != std::string::npos; c = xml.find("<c r=\"", c + 1)) {
            std::size_t end = xml.find("</c>", c);
            std::string cell = xml.substr(c, end - c);
            if (cell.find("t=\"inlineStr\"") == std::string::npos) continue;
            std::string ref = cell.substr(6, cell.find('"', 6) - 6);
            std::size_t t = cell.find("<t");
            t = cell.find('>', t) + 1;
            auto [row, col] = xlsx_detail::CellRef(ref);
            wb.strings[{static_cast<int>(s), row, col}] =
                xlsx_detail::Unescape(cell.substr(t, cell.find("</t>", t) - t));
        }
    }
    return wb;
}

}  // namespace kiosk::storage::test
