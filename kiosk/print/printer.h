// Printing through CUPS (libcups): find the configured printer or the default destination, pick the page
// layout from the media it has loaded, and send a PDF. Failures are typed so the kiosk can show a calm
// message (the result is saved before anything is printed).
#pragma once

#include "kiosk/print/result_page.h"

#include <string>

namespace kiosk::print {

enum class PrintErrorKind {
    None,
    NoPrinter,     // nothing configured and no default destination, or the named one does not exist
    PrinterError,  // the destination exists but refused or failed the job
};

struct PrintError {
    PrintErrorKind kind = PrintErrorKind::None;
    std::string detail;  // for the staff log, never shown to citizens
    explicit operator bool() const { return kind != PrintErrorKind::None; }
};

// The interface strings (assets/i18n) the kiosk shows around printing: the result screen's button, the
// message while the job is sent, and the calm outcome messages (the result is already saved in each case).
inline constexpr const char* kPrintButtonKey = "result.print";
inline constexpr const char* kPrintingKey = "result.printing";
inline constexpr const char* kPrintedKey = "result.printed";
const char* PrintOutcomeKey(PrintErrorKind kind);  // result.printed / result.print_no_printer / result.print_failed

struct PrinterInfo {
    std::string name;
    std::string media;  // the destination's default media name, e.g. "iso_a4_210x297mm"; may be empty
    Paper paper = Paper::A4;
};

// The layout for a media: rolls and anything at most 100 mm wide print as a receipt, up to 160 mm wide as
// A5, the rest as A4. `widthMm` <= 0 means unknown (then the name decides, A4 when it says nothing).
Paper PaperForMedia(const std::string& mediaName, double widthMm);

// Looks up `configured` (empty = the default destination) on the CUPS server the environment names
// (CUPS_SERVER, client.conf), with its default media.
[[nodiscard]] PrintError FindPrinter(const std::string& configured, PrinterInfo& out);

// Sends PDF bytes as one job titled `title` to printer `name`; `jobId` receives the CUPS job id.
[[nodiscard]] PrintError PrintPdf(const std::string& name, const std::string& pdf, const std::string& title,
                                  int& jobId);

}  // namespace kiosk::print
