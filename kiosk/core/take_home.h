// What a citizen takes home from a result: the plain-language level descriptions, the top things to learn
// next, and the compact text of the result's QR code (with its encoding, so every caller measures the
// same symbol). Pure functions: no clock, no files; the caller passes the day and the words.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"

#include <string>
#include <vector>

namespace kiosk::core {

// The description of level `levelIndex` for area `areaIndex` (the area's own, else the level's own), or for
// the overall result when `areaIndex` < 0. Null when there is none or an index is out of range.
const LocalizedText* LevelDescription(const Questionnaire& q, int areaIndex, int levelIndex);

// The recommended competencies (weakest first, as Result::recommendations), at most `count`, skipping ids
// the questionnaire does not know.
std::vector<const Competency*> TopRecommendations(const Questionnaire& q, const Result& r, std::size_t count);

// A calendar day, local time: the only time a take-home result carries (never the time of day).
struct Day {
    int year = 1970, month = 1, day = 1;
};
std::string FormatDay(const Day& d);  // "01/12/2026", as Vietnamese forms write dates
// "YYYY-MM-DD" (as Clock::Today() and --day give it); false, `out` unchanged, for anything else.
bool ParseDay(const std::string& text, Day& out);

// The short words of the QR text in the citizen's language (interface strings qr.*).
struct QrWords {
    std::string overall;       // "Chung"
    std::string level;         // "mức" (as in "mức 3/5")
    std::string areas;         // "Lĩnh vực"
    std::string learn;         // "Nên học"
    std::string notAssessed;   // "chưa đánh giá"
};

struct QrPayloadOptions {
    std::string lang;       // language of the level labels
    Day day;
    QrWords words;
    std::string portalUrl;  // the learning portal, written as its own line (a link for phone readers); may be empty
    std::size_t recommendations = 3;
};

// The QR text, one fact per line, nothing identifying:
//   01/12/2026 danang-dcf-quick 2024.2
//   Chung: Khá (mức 3/5)
//   Lĩnh vực 1-5: 4 3 2 - 5            (level numbers; "-" = not assessed; areas numbered in file order)
//   Nên học: 4.2 2.5 5.3               (competency ids, weakest first; left out when none)
//   https://…                          (when a portal is configured)
// Levels of areas are numbers so that the longest shipped result, with the default portal link, stays
// within a 45×45 code.
std::string BuildQrPayload(const Questionnaire& q, const Result& r, const QrPayloadOptions& o);

// A QR symbol: size×size modules, row-major, 1 = dark. size 0 when the text does not fit any QR version.
struct QrMatrix {
    int size = 0;
    std::vector<unsigned char> dark;
    bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                                                static_cast<std::size_t>(x)] != 0; }
};

// Encodes UTF-8 text (libqrencode, byte mode marked UTF-8 by ECI 26) in the smallest symbol, using the strongest
// error correction (H, Q, M, then L) that still fits within `maxModules` per side; when none does, level L
// in whatever size it needs.
QrMatrix EncodeQr(const std::string& text, int maxModules = 45);

}  // namespace kiosk::core
