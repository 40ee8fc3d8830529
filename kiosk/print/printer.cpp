// CUPS printing (see printer.h). Uses the destination API of libcups 2.x: the server is whatever the
// environment names, so a test can point CUPS_SERVER at its own cupsd.
#include "kiosk/print/printer.h"

#include <cups/cups.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace kiosk::print {
namespace {

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// `iso_a4_210x297mm`, `roll_max_80x3276.8mm`, `om_small_80x200mm`: the width in the self-describing
// PWG name, in millimetres; 0 when the name does not say.
double PwgWidthMm(const std::string& name) {
    auto x = name.rfind('x');
    auto underscore = name.rfind('_', x);
    if (x == std::string::npos || underscore == std::string::npos) return 0;
    std::string w = name.substr(underscore + 1, x - underscore - 1);
    char* end = nullptr;
    double v = std::strtod(w.c_str(), &end);
    if (end == w.c_str()) return 0;
    if (name.size() >= 2 && name.compare(name.size() - 2, 2, "in") == 0) v *= 25.4;
    return v;
}

}  // namespace

const char* PrintOutcomeKey(PrintErrorKind kind) {
    switch (kind) {
        case PrintErrorKind::None:
            return kPrintedKey;
        case PrintErrorKind::NoPrinter:
            return "result.print_no_printer";
        case PrintErrorKind::PrinterError:
            return "result.print_failed";
    }
    return "result.print_failed";
}

Paper PaperForMedia(const std::string& mediaName, double widthMm) {
    const std::string m = Lower(mediaName);
    if (widthMm <= 0) widthMm = PwgWidthMm(m);
    if (m.rfind("roll", 0) == 0 || m.find("receipt") != std::string::npos) return Paper::Receipt80;
    if (widthMm <= 0) {
        if (m == "a5" || m.find("_a5_") != std::string::npos) return Paper::A5;
        return Paper::A4;
    }
    if (widthMm <= 100) return Paper::Receipt80;
    if (widthMm <= 160) return Paper::A5;
    return Paper::A4;
}

PrintError FindPrinter(const std::string& configured, PrinterInfo& out) {
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, configured.empty() ? nullptr : configured.c_str(),
                                         nullptr);
    if (!dest) {
        return {PrintErrorKind::NoPrinter, configured.empty() ? "no default printer (" +
                                                                    std::string(cupsLastErrorString()) + ")"
                                                              : "printer \"" + configured + "\" not found (" +
                                                                    cupsLastErrorString() + ")"};
    }
    out.name = dest->name;
    out.media.clear();
    double widthMm = 0;
    // The queue's own default ("lpadmin -o media-default=…") first; else what the driver reports.
    if (const char* m = cupsGetOption("media", dest->num_options, dest->options)) out.media = m;
    if (out.media.empty()) {
        if (cups_dinfo_t* info = cupsCopyDestInfo(CUPS_HTTP_DEFAULT, dest)) {
            cups_size_t size;
            if (cupsGetDestMediaDefault(CUPS_HTTP_DEFAULT, dest, info, 0, &size)) {
                out.media = size.media;
                widthMm = size.width / 100.0;  // hundredths of a millimetre
            }
            cupsFreeDestInfo(info);
        }
    }
    out.paper = PaperForMedia(out.media, widthMm);
    cupsFreeDests(1, dest);
    return {};
}

PrintError PrintPdf(const std::string& name, const std::string& pdf, const std::string& title, int& jobId) {
    jobId = 0;
    if (name.empty()) return {PrintErrorKind::NoPrinter, "no printer name"};
    // cupsPrintFile2 wants a file: a private temporary one, removed right after the job is queued.
    char path[] = "/tmp/kiosk-print-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return {PrintErrorKind::PrinterError, "cannot create a temporary file"};
    std::size_t done = 0;
    while (done < pdf.size()) {
        ssize_t n = write(fd, pdf.data() + done, pdf.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    close(fd);
    if (done != pdf.size()) {
        unlink(path);
        return {PrintErrorKind::PrinterError, "cannot write the temporary file"};
    }
    cups_option_t* options = nullptr;
    int count = cupsAddOption("document-format", "application/pdf", 0, &options);
    jobId = cupsPrintFile2(CUPS_HTTP_DEFAULT, name.c_str(), path, title.c_str(), count, options);
    cupsFreeOptions(count, options);
    unlink(path);
    if (jobId <= 0) {
        ipp_status_t status = cupsLastError();
        PrintErrorKind kind = status == IPP_STATUS_ERROR_NOT_FOUND ? PrintErrorKind::NoPrinter
                                                                   : PrintErrorKind::PrinterError;
        return {kind, std::string("printing to \"") + name + "\" failed: " + cupsLastErrorString()};
    }
    return {};
}

}  // namespace kiosk::print
