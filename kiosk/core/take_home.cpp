// Level descriptions, top recommendations and the result's QR text and symbol (see take_home.h).
#include "kiosk/core/take_home.h"

#include <qrencode.h>

#include <cstdio>

namespace kiosk::core {

const LocalizedText* LevelDescription(const Questionnaire& q, int areaIndex, int levelIndex) {
    if (levelIndex < 0 || static_cast<std::size_t>(levelIndex) >= q.scoring.levels.size()) return nullptr;
    const Level& level = q.scoring.levels[static_cast<std::size_t>(levelIndex)];
    if (areaIndex >= 0 && static_cast<std::size_t>(areaIndex) < q.areas.size()) {
        const auto& own = q.areas[static_cast<std::size_t>(areaIndex)].levelDescriptions;
        auto it = own.find(level.id);
        if (it != own.end() && !it->second.empty()) return &it->second;
    }
    return level.description.empty() ? nullptr : &level.description;
}

std::vector<const Competency*> TopRecommendations(const Questionnaire& q, const Result& r, std::size_t count) {
    std::vector<const Competency*> out;
    for (const auto& id : r.recommendations) {
        if (out.size() >= count) break;
        for (const auto& a : q.areas)
            for (const auto& c : a.competencies)
                if (c.id == id) out.push_back(&c);
    }
    if (out.size() > count) out.resize(count);
    return out;
}

std::string FormatDay(const Day& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

bool ParseDay(const std::string& text, Day& out) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    out = {y, m, d};
    return true;
}

std::string BuildQrPayload(const Questionnaire& q, const Result& r, const QrPayloadOptions& o) {
    const std::string levelCount = std::to_string(q.scoring.levels.size());
    auto levelNumber = [&](const Score& s) -> std::string {
        if (!s.assessed || s.levelIndex < 0) return "-";
        return std::to_string(s.levelIndex + 1);
    };
    std::string text = FormatDay(o.day) + " " + q.id + " " + q.version + "\n";
    text += o.words.overall + ": ";
    if (r.overall.assessed && r.overall.levelIndex >= 0 &&
        static_cast<std::size_t>(r.overall.levelIndex) < q.scoring.levels.size()) {
        text += TextIn(q.scoring.levels[static_cast<std::size_t>(r.overall.levelIndex)].label, o.lang) + " (" +
                o.words.level + " " + levelNumber(r.overall) + "/" + levelCount + ")";
    } else {
        text += o.words.notAssessed;
    }
    text += "\n" + o.words.areas + " 1-" + std::to_string(r.areas.size()) + ":";
    for (const auto& a : r.areas) text += " " + levelNumber(a.score);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < r.recommendations.size() && i < o.recommendations; ++i)
        ids.push_back(r.recommendations[i]);
    if (!ids.empty()) {
        text += "\n" + o.words.learn + ":";
        for (const auto& id : ids) text += " " + id;
    }
    if (!o.portalUrl.empty()) text += "\n" + o.portalUrl;
    return text;
}

QrMatrix EncodeQr(const std::string& text, int maxModules) {
    QrMatrix m;
    const QRecLevel levels[] = {QR_ECLEVEL_H, QR_ECLEVEL_Q, QR_ECLEVEL_M, QR_ECLEVEL_L};
    QRcode* code = nullptr;
    for (QRecLevel level : levels) {
        // ECI 26 says "UTF-8": without it readers guess the bytes' charset and zbar, for one, shows
        // Vietnamese as Shift-JIS garbage. Version 0 = the smallest symbol that holds the text.
        QRinput* input = QRinput_new2(0, level);
        if (!input) return m;
        if (QRinput_appendECIheader(input, 26) == 0 &&
            QRinput_append(input, QR_MODE_8, static_cast<int>(text.size()),
                           reinterpret_cast<const unsigned char*>(text.data())) == 0)
            code = QRcode_encodeInput(input);
        QRinput_free(input);
        if (code && (code->width <= maxModules || level == QR_ECLEVEL_L)) break;
        if (code) QRcode_free(code);
        code = nullptr;
    }
    if (!code) return m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return m;
}

}  // namespace kiosk::core
