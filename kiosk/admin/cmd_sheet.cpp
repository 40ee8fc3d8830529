// kiosk-admin import-sheet / export-sheet: questionnaires as spreadsheets for trainers (kiosk_sheets).
#include "kiosk/admin/commands.h"
#include "kiosk/core/atomic_file.h"
#include "kiosk/core/escape.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"
#include "kiosk/sheets/csv.h"
#include "kiosk/sheets/questionnaire_sheets.h"
#include "kiosk/sheets/workbook.h"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace kiosk::admin {
namespace {

struct SheetArgs {
    std::string input, out, meta;
    std::string error;  // usage problem
};

SheetArgs ParseSheetArgs(const Args& args, bool allowMeta) {
    SheetArgs a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--out" || (allowMeta && arg == "--meta")) {
            if (i + 1 >= args.size()) {
                a.error = arg + " needs a file name";
                return a;
            }
            (arg == "--out" ? a.out : a.meta) = args[++i];
        } else if (!arg.empty() && arg[0] == '-') {
            a.error = "unknown option " + arg;
            return a;
        } else if (a.input.empty()) {
            a.input = arg;
        } else {
            a.error = "only one input file, found \"" + a.input + "\" and \"" + arg + "\"";
            return a;
        }
    }
    if (a.input.empty())
        a.error = "missing the input file";
    else if (a.out.empty())
        a.error = "missing --out FILE";
    return a;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

std::string BaseName(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "items.csv" -> "items.meta.json", next to it.
std::string MetaPathFor(const std::string& csvPath) {
    return csvPath.substr(0, csvPath.size() - 4) + ".meta.json";
}

// A questionnaire id from the --out file name ("My quiz.json" -> "my-quiz"), for the built-in defaults.
std::string IdFromFileName(const std::string& path) {
    std::string stem = BaseName(path);
    if (EndsWith(stem, ".json")) stem.resize(stem.size() - 5);
    std::string id;
    for (char c : stem) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok)
            id += c;
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id.empty() ? "questionnaire" : id;
}

bool FileExists(const std::string& path) {
    return std::ifstream(path).good();
}

}  // namespace

int CmdImportSheet(const Args& args) {
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin import-sheet FILE.csv|FILE.xlsx|FILE.ods --out FILE.json [--meta "
            "META.json]\n\n"
            "Converts a questionnaire spreadsheet (one row per item) into a kiosk-questionnaire/1 file and\n"
            "validates it. A workbook has the sheets items, scales, levels and meta; a CSV file is the "
            "items\n"
            "sheet alone, and takes scales, levels and metadata from META.json (or FILE.meta.json next to "
            "the\n"
            "CSV, as export-sheet writes it; otherwise built-in defaults). Every problem is reported by "
            "sheet\n"
            "row and column; nothing is written then. Exit 0 when written, 1 on problems, 2 on usage "
            "errors.\n");
        return 0;
    }
    SheetArgs a = ParseSheetArgs(args, true);
    if (a.error.empty() && !EndsWith(a.out, ".json")) a.error = "--out must name a .json file";
    if (a.error.empty() && !sheets::SheetFileTypeOf(a.input))
        a.error = "the input must be a .csv, .xlsx or .ods file";
    if (!a.error.empty()) {
        std::fprintf(stderr, "kiosk-admin import-sheet: %s\n(see kiosk-admin import-sheet --help)\n",
                     a.error.c_str());
        return 2;
    }

    sheets::WorkbookReadResult read = sheets::ReadWorkbook(a.input);
    if (!read.workbook) {
        for (const auto& e : read.errors) std::cerr << core::EscapeControl(e) << '\n';
        std::cerr << "kiosk-admin import-sheet: " << a.out << " was not written\n";
        return 1;
    }
    sheets::ImportOptions options;
    options.sheetFile = a.input;
    options.defaultId = IdFromFileName(a.out);
    std::string metaPath = a.meta;
    if (metaPath.empty() && read.workbook->fromCsv && FileExists(MetaPathFor(a.input))) {
        metaPath = MetaPathFor(a.input);
        std::cerr << "note: using " << metaPath << " (found next to " << a.input << ")\n";
    }
    if (!metaPath.empty()) {
        std::string bytes, error;
        if (!core::ReadFileBytes(metaPath, bytes, error)) {
            std::cerr << core::EscapeControl(metaPath) << ": " << core::EscapeControl(error) << '\n';
            return 1;
        }
        options.metaBytes = std::move(bytes);
        options.metaFile = metaPath;
    }

    sheets::ImportResult result = sheets::ImportWorkbook(*read.workbook, options);
    for (const auto& n : result.notes) std::cerr << "note: " << core::EscapeControl(n) << '\n';
    if (!result.Ok()) {
        for (const auto& e : result.errors) std::cerr << core::EscapeControl(e) << '\n';
        std::cerr << result.errors.size() << " problem(s); " << a.out << " was not written\n";
        return 1;
    }
    if (auto e = core::WriteFileAtomically(a.out, result.json)) {
        std::cerr << "kiosk-admin import-sheet: " << core::EscapeControl(e->detail) << '\n';
        return 1;
    }
    const core::Questionnaire& q = *result.questionnaire;
    std::fprintf(stderr, "wrote %s (%s %s, %zu items)\n", a.out.c_str(), q.id.c_str(), q.version.c_str(),
                 q.ItemCount());
    return 0;
}

int CmdExportSheet(const Args& args) {
    if (WantsHelp(args)) {
        std::printf(
            "usage: kiosk-admin export-sheet QUESTIONNAIRE.json --out FILE.csv|FILE.xlsx\n\n"
            "Writes a questionnaire as a spreadsheet to edit in LibreOffice or Excel and read back with\n"
            "import-sheet. FILE.xlsx gets the sheets items, scales, levels and meta; FILE.csv gets the "
            "items,\n"
            "and FILE.meta.json next to it the rest. Exit 0 when written, 1 on problems, 2 on usage "
            "errors.\n");
        return 0;
    }
    SheetArgs a = ParseSheetArgs(args, false);
    auto type = a.error.empty() ? sheets::SheetFileTypeOf(a.out) : std::nullopt;
    if (a.error.empty() && type == sheets::SheetFileType::Ods)
        a.error = "ODS cannot be written; write FILE.xlsx and save it as .ods in LibreOffice if needed";
    else if (a.error.empty() && !type)
        a.error = "--out must name a .csv or .xlsx file";
    if (!a.error.empty()) {
        std::fprintf(stderr, "kiosk-admin export-sheet: %s\n(see kiosk-admin export-sheet --help)\n",
                     a.error.c_str());
        return 2;
    }
    core::LoadResult loaded = core::LoadQuestionnaireFile(a.input);
    if (!loaded.Ok()) {
        for (const auto& e : loaded.errors) std::cerr << e.ToString() << '\n';
        std::cerr << "kiosk-admin export-sheet: the questionnaire is not valid; nothing was written\n";
        return 1;
    }
    const core::Questionnaire& q = *loaded.questionnaire;
    const bool csv = type == sheets::SheetFileType::Csv;
    sheets::Workbook book = sheets::ExportWorkbook(q, csv);
    const std::string metaJson = sheets::ExportMetaJson(q);

    // Refuse to hand out a sheet that would not read back as the same questionnaire.
    sheets::ImportOptions check;
    check.sheetFile = a.out;
    if (csv) {
        check.metaBytes = metaJson;
        check.metaFile = MetaPathFor(a.out);
    }
    sheets::ImportResult back = sheets::ImportWorkbook(book, check);
    std::string difference = back.Ok() ? sheets::FirstDifference(q, *back.questionnaire) : "";
    if (!back.Ok() || !difference.empty()) {
        for (const auto& e : back.errors) std::cerr << core::EscapeControl(e) << '\n';
        if (!difference.empty()) std::cerr << "differs at " << difference << '\n';
        std::cerr << "kiosk-admin export-sheet: internal error: the sheet would not read back as the same "
                     "questionnaire; nothing was written\n";
        return 1;
    }

    std::string error;
    auto writeCsv = [&](const std::string& path, const std::string& bytes) {
        auto e = core::WriteFileAtomically(path, bytes);
        if (e) error = e->detail;
        return !e;
    };
    bool ok = csv ? writeCsv(a.out, sheets::WriteCsv(book.sheets[0].rows)) && writeCsv(MetaPathFor(a.out), metaJson)
                  : sheets::WriteXlsxFile(a.out, book, error);
    if (!ok) {
        std::cerr << "kiosk-admin export-sheet: " << core::EscapeControl(error) << '\n';
        return 1;
    }
    if (csv)
        std::fprintf(stderr, "wrote %s (%zu items) and %s\n", a.out.c_str(), q.ItemCount(),
                     MetaPathFor(a.out).c_str());
    else
        std::fprintf(stderr, "wrote %s (%zu items; sheets items, scales, levels, meta)\n", a.out.c_str(),
                     q.ItemCount());
    return 0;
}

}  // namespace kiosk::admin
