// Aggregate statistics with small-cell suppression (see stats.h): one scan of the results (answers not
// decoded), labels from the stored questionnaires, then text or JSON for kiosk-admin.
#include "storage/stats.h"

#include "kiosk/core/profile.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/text.h"
#include "storage/dates.h"
#include "storage/questionnaire_snapshot.h"
#include "storage/record_codec.h"

#include <algorithm>
#include <map>
#include <memory>

namespace kiosk::storage {
namespace {

struct Acc {
    std::int64_t count = 0;   // results in the cell
    std::int64_t values = 0;  // of which with a score
    double sum = 0;
    void Add(const std::optional<double>& v) {
        ++count;
        if (v) {
            ++values;
            sum += *v;
        }
    }
};

StatsCell MakeCell(std::string questionnaireId, std::string id, std::string label, const Acc& a, int k) {
    StatsCell c;
    c.questionnaireId = std::move(questionnaireId);
    c.id = std::move(id);
    c.label = label.empty() ? c.id : std::move(label);
    if (a.count < k) {
        c.suppressed = true;
        return c;
    }
    c.count = a.count;
    // A mean of fewer than k scores would describe those few people: withhold it as well.
    if (a.values >= k) c.mean = core::RoundScore(a.sum / static_cast<double>(a.values));
    return c;
}

using Key = std::pair<std::string, std::string>;  // (questionnaire id, level/area/competency id)

// Complementary suppression over one breakdown whose cells partition a total that is shown (or can be
// worked out): total − visible cells = the hidden cells, so the hidden cells together must hold no result
// or at least k (and never one cell alone), else the smallest visible cell is hidden too. The same for
// means, over the scores behind them (overall mean × count − visible sums = the hidden sum).
void ProtectPartition(std::vector<StatsCell*> cells, const std::vector<Acc>& accs, int k) {
    auto weak = [&](auto hidden, auto size) {
        std::int64_t sum = 0;
        int nonEmpty = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (!hidden(i)) continue;
            sum += size(i);
            if (size(i) > 0) ++nonEmpty;
        }
        return sum > 0 && (sum < k || nonEmpty < 2);
    };
    auto hideSmallest = [&](auto hidden, auto size, auto hide) {
        std::size_t best = cells.size();
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (!hidden(i) && size(i) > 0 && (best == cells.size() || size(i) < size(best))) best = i;
        if (best == cells.size()) return false;
        hide(best);
        return true;
    };
    auto countHidden = [&](std::size_t i) { return cells[i]->suppressed; };
    auto count = [&](std::size_t i) { return accs[i].count; };
    while (weak(countHidden, count) && hideSmallest(countHidden, count, [&](std::size_t i) {
        cells[i]->suppressed = cells[i]->complementary = true;
        cells[i]->count = 0;
        cells[i]->mean.reset();
    })) {
    }
    auto meanHidden = [&](std::size_t i) { return !cells[i]->mean.has_value(); };
    auto values = [&](std::size_t i) { return accs[i].values; };
    while (weak(meanHidden, values) && hideSmallest(meanHidden, values, [&](std::size_t i) { cells[i]->mean.reset(); })) {
    }
}

}  // namespace

std::optional<StatsBreakdown> ParseStatsBreakdown(std::string_view name) {
    for (auto b : {StatsBreakdown::Area, StatsBreakdown::Competency, StatsBreakdown::Level,
                   StatsBreakdown::Location, StatsBreakdown::Age, StatsBreakdown::Gender})
        if (name == StatsBreakdownName(b)) return b;
    return std::nullopt;
}

const char* StatsBreakdownName(StatsBreakdown b) {
    switch (b) {
        case StatsBreakdown::Area:
            return "area";
        case StatsBreakdown::Competency:
            return "competency";
        case StatsBreakdown::Level:
            return "level";
        case StatsBreakdown::Location:
            return "location";
        case StatsBreakdown::Age:
            return "age";
        case StatsBreakdown::Gender:
            return "gender";
    }
    return "?";
}

StatsReport QueryStats(ResultReader& reader, const StatsQuery& query) {
    if (query.k < 1) throw StorageError(StorageErrorKind::Other, "k must be at least 1");
    StatsReport report;
    report.k = query.k;
    report.today = query.today.empty() ? TodayLocalDate() : query.today;
    report.weekStart = WeekStart(report.today);
    const std::string& lang = query.language;

    std::vector<std::unique_ptr<core::Questionnaire>> models;
    std::map<Key, Acc> levels, areas, competencies;
    std::map<std::string, Acc> notAssessed;  // questionnaire id -> results without an overall level
    std::map<std::string, Acc> locations, ages, genders;
    Acc overall;
    reader.Snapshot([&] {
        for (const auto& s : reader.Questionnaires(query.filter, true)) {
            if (auto m = ParseStoredDocument(s.document, s.id + " " + s.version))
                models.push_back(std::make_unique<core::Questionnaire>(std::move(*m)));
        }
        ScanOptions scan;
        scan.withAnswers = false;
        scan.onDamaged = [&](const StoredResult& r, const std::string& problem) {
            report.quarantined.push_back(r.id + ": " + problem);
        };
        reader.ForEach(
            query.filter, scan,
            [&](const StoredResult& r) {
                ++report.countTotal;
                if (r.date == report.today) ++report.countToday;
                if (r.date >= report.weekStart && r.date <= report.today) ++report.countThisWeek;
                overall.Add(r.overallScore);
                if (r.overallScore)
                    levels[{r.questionnaireId, r.overallLevel}].Add(r.overallScore);
                else
                    notAssessed[r.questionnaireId].Add(std::nullopt);
                for (const auto& a : r.areas)
                    if (a.score) areas[{r.questionnaireId, a.id}].Add(a.score);
                for (const auto& c : r.competencies)
                    if (c.score) competencies[{r.questionnaireId, c.id}].Add(c.score);
                locations[r.locationCode].Add(r.overallScore);
                ages[r.profile.ageBand].Add(r.overallScore);
                genders[r.profile.gender].Add(r.overallScore);
            });
    });
    if (overall.values >= query.k)
        report.meanOverall = core::RoundScore(overall.sum / static_cast<double>(overall.values));

    // Levels, areas and competencies in questionnaire order, labelled from the stored questionnaires;
    // anything no stored questionnaire names (should not happen) goes last under its id.
    std::map<Key, bool> placed;
    auto place = [&](std::vector<StatsCell>& out, std::map<Key, Acc>& accs, const Key& key,
                     const std::string& label) {
        if (placed[key]) return;
        placed[key] = true;
        auto it = accs.find(key);
        out.push_back(MakeCell(key.first, key.second, label, it == accs.end() ? Acc{} : it->second, query.k));
    };
    std::vector<std::string> questionnaireIds;
    for (const auto& m : models)
        if (std::find(questionnaireIds.begin(), questionnaireIds.end(), m->id) == questionnaireIds.end())
            questionnaireIds.push_back(m->id);
    for (const auto& qid : questionnaireIds) {
        for (const auto& m : models) {
            if (m->id != qid) continue;
            for (const auto& l : m->scoring.levels)
                place(report.levels, levels, {qid, l.id}, core::TextIn(l.label, lang));
        }
        if (notAssessed.count(qid))
            report.levels.push_back(MakeCell(qid, "not-assessed",
                                             lang == "en" ? "Not assessed" : "Chưa đánh giá",
                                             notAssessed[qid], query.k));
        for (const auto& m : models) {
            if (m->id != qid) continue;
            for (const auto& a : m->areas) {
                place(report.areas, areas, {qid, a.id}, core::TextIn(a.title, lang));
                for (const auto& c : a.competencies)
                    place(report.competencies, competencies, {qid, c.id}, core::TextIn(c.title, lang));
            }
        }
    }
    for (auto& [key, acc] : levels) place(report.levels, levels, key, key.second);
    for (auto& [key, acc] : areas) place(report.areas, areas, key, key.second);
    for (auto& [key, acc] : competencies) place(report.competencies, competencies, key, key.second);

    std::vector<Acc> locationAccs;
    for (const auto& [code, acc] : locations) {
        report.locations.push_back(MakeCell("", code, code, acc, query.k));
        locationAccs.push_back(acc);
    }
    bool vi = lang != "en";
    auto profileLabel = [&](const std::string& v) -> std::string {
        if (v == core::kNoAnswer) return vi ? "Không trả lời" : "No answer";
        if (v == "female") return vi ? "Nữ" : "Female";
        if (v == "male") return vi ? "Nam" : "Male";
        if (v == "other") return vi ? "Khác" : "Other";
        if (v == "under-30") return vi ? "Dưới 30" : "Under 30";
        if (v == "75-plus") return vi ? "Từ 75 trở lên" : "75 and over";
        return v;
    };
    for (const auto& band : core::AgeBands())
        report.ageBands.push_back(MakeCell("", band, profileLabel(band), ages[band], query.k));
    for (const auto& g : core::Genders())
        report.genders.push_back(MakeCell("", g, profileLabel(g), genders[g], query.k));

    // Each of these breakdowns splits the results shown in the totals: protect their hidden cells.
    auto protect = [&](std::vector<StatsCell>& cells, const std::vector<Acc>& accs) {
        std::vector<StatsCell*> ptrs;
        for (auto& c : cells) ptrs.push_back(&c);
        ProtectPartition(ptrs, accs, query.k);
    };
    protect(report.locations, locationAccs);
    std::vector<Acc> ageAccs, genderAccs;
    for (const auto& band : core::AgeBands()) ageAccs.push_back(ages[band]);
    for (const auto& g : core::Genders()) genderAccs.push_back(genders[g]);
    protect(report.ageBands, ageAccs);
    protect(report.genders, genderAccs);
    // Levels split each questionnaire's results (whose number the area counts show).
    for (const auto& qid : questionnaireIds) {
        std::vector<StatsCell*> ptrs;
        std::vector<Acc> accs;
        for (auto& c : report.levels) {
            if (c.questionnaireId != qid) continue;
            ptrs.push_back(&c);
            accs.push_back(c.id == "not-assessed" ? notAssessed[qid] : levels[{qid, c.id}]);
        }
        ProtectPartition(ptrs, accs, query.k);
    }
    return report;
}

StatsReport QueryStats(const std::string& dbPath, const StatsQuery& query) {
    ResultReader reader(dbPath);
    return QueryStats(reader, query);
}

namespace {

const std::vector<StatsCell>& CellsOf(const StatsReport& r, StatsBreakdown b) {
    switch (b) {
        case StatsBreakdown::Area:
            return r.areas;
        case StatsBreakdown::Competency:
            return r.competencies;
        case StatsBreakdown::Level:
            return r.levels;
        case StatsBreakdown::Location:
            return r.locations;
        case StatsBreakdown::Age:
            return r.ageBands;
        case StatsBreakdown::Gender:
            return r.genders;
    }
    return r.levels;
}

std::string Mean(const std::optional<double>& m) {
    if (!m) return "—";
    std::string s;
    codec::AppendScore(s, *m);
    return s;
}

std::string Pad(const std::string& s, std::size_t width, bool right = false) {
    std::size_t n = core::CodePointCount(s);
    std::string pad(n < width ? width - n : 0, ' ');
    return right ? pad + s : s + pad;
}

const char* Title(StatsBreakdown b, bool vi) {
    switch (b) {
        case StatsBreakdown::Area:
            return vi ? "Theo lĩnh vực (số kết quả có đánh giá, điểm trung bình của lĩnh vực)"
                      : "By area (results with the area assessed, mean area score)";
        case StatsBreakdown::Competency:
            return vi ? "Theo năng lực (số kết quả có đánh giá, điểm trung bình của năng lực)"
                      : "By competency (results with the competency assessed, mean competency score)";
        case StatsBreakdown::Level:
            return vi ? "Theo mức chung" : "By overall level";
        case StatsBreakdown::Location:
            return vi ? "Theo địa điểm (điểm chung trung bình)" : "By location (mean overall score)";
        case StatsBreakdown::Age:
            return vi ? "Theo nhóm tuổi (điểm chung trung bình)" : "By age band (mean overall score)";
        case StatsBreakdown::Gender:
            return vi ? "Theo giới tính (điểm chung trung bình)" : "By gender (mean overall score)";
    }
    return "";
}

void AppendJsonCell(std::string& out, const StatsCell& c) {
    out += "{";
    if (!c.questionnaireId.empty()) {
        out += "\"questionnaire\":";
        codec::AppendJsonString(out, c.questionnaireId);
        out += ",";
    }
    out += "\"id\":";
    codec::AppendJsonString(out, c.id);
    out += ",\"label\":";
    codec::AppendJsonString(out, c.label);
    if (c.suppressed) {
        out += ",\"count\":null,\"mean\":null,\"suppressed\":true}";
        return;
    }
    out += ",\"count\":" + std::to_string(c.count) + ",\"mean\":";
    if (c.mean)
        codec::AppendScore(out, *c.mean);
    else
        out += "null";
    out += ",\"suppressed\":false}";
}

std::vector<StatsBreakdown> Selected(std::optional<StatsBreakdown> by) {
    if (by) return {*by};
    return {StatsBreakdown::Level,    StatsBreakdown::Area, StatsBreakdown::Competency,
            StatsBreakdown::Location, StatsBreakdown::Age,  StatsBreakdown::Gender};
}

}  // namespace

std::string StatsToText(const StatsReport& r, std::optional<StatsBreakdown> by, const std::string& language) {
    bool vi = language != "en";
    std::string lt = "<" + std::to_string(r.k);
    std::string out;
    out += vi ? "Kết quả đã lưu" : "Stored results";
    out += vi ? " (ô có ít hơn " + std::to_string(r.k) + " kết quả hiện là " + lt + ")\n"
              : " (cells with fewer than " + std::to_string(r.k) + " results show as " + lt + ")\n";
    out += vi ? "  (* và — : ẩn thêm để không thể suy ra ô bị ẩn từ tổng)\n"
              : "  (* and —: also hidden, so that a hidden cell cannot be worked out from the total)\n";
    auto line = [&](const std::string& label, const std::string& value) {
        out += "  " + Pad(label, 34) + Pad(value, 8, true) + "\n";
    };
    line(vi ? "Hôm nay (" + r.today + ")" : "Today (" + r.today + ")", std::to_string(r.countToday));
    line(vi ? "Tuần này (từ " + r.weekStart + ")" : "This week (from " + r.weekStart + ")",
         std::to_string(r.countThisWeek));
    line(vi ? "Tất cả" : "All time", std::to_string(r.countTotal));
    if (!r.quarantined.empty())
        line(vi ? "Bị hỏng, không tính (xem check-db)" : "Damaged, left out (see check-db)",
             std::to_string(r.quarantined.size()));
    line(vi ? "Điểm chung trung bình" : "Mean overall score", Mean(r.meanOverall));
    for (auto b : Selected(by)) {
        const auto& cells = CellsOf(r, b);
        out += "\n";
        out += Title(b, vi);
        out += "\n";
        if (cells.empty()) {
            out += vi ? "  (không có dữ liệu)\n" : "  (no data)\n";
            continue;
        }
        std::size_t width = 10;
        for (const auto& c : cells)
            width = std::max(width, core::CodePointCount(c.label + " [" + c.id + "]") + 2);
        width = std::min<std::size_t>(width, 72);
        out += "  " + Pad("", width) + Pad(vi ? "Số KQ" : "Count", 8, true) +
               Pad(vi ? "Điểm TB" : "Mean", 9, true) + "\n";
        std::string lastQuestionnaire;
        for (const auto& c : cells) {
            if (!c.questionnaireId.empty() && c.questionnaireId != lastQuestionnaire) {
                out += "  (" + c.questionnaireId + ")\n";
                lastQuestionnaire = c.questionnaireId;
            }
            std::string name = c.label == c.id ? c.id : c.label + " [" + c.id + "]";
            out += "  " + Pad(name, width) +
                   Pad(c.complementary ? "*" : c.suppressed ? lt : std::to_string(c.count), 8, true) +
                   Pad(c.suppressed ? "" : Mean(c.mean), 9, true) + "\n";
        }
    }
    return out;
}

std::string StatsToJson(const StatsReport& r, std::optional<StatsBreakdown> by) {
    std::string out = "{\"k\":" + std::to_string(r.k) + ",\"today\":";
    codec::AppendJsonString(out, r.today);
    out += ",\"week_start\":";
    codec::AppendJsonString(out, r.weekStart);
    out += ",\"counts\":{\"today\":" + std::to_string(r.countToday) +
           ",\"this_week\":" + std::to_string(r.countThisWeek) +
           ",\"total\":" + std::to_string(r.countTotal) +
           ",\"quarantined\":" + std::to_string(r.quarantined.size()) + "},\"mean_overall\":";
    if (r.meanOverall)
        codec::AppendScore(out, *r.meanOverall);
    else
        out += "null";
    out += ",\"by\":{";
    bool firstGroup = true;
    for (auto b : Selected(by)) {
        if (!firstGroup) out += ",";
        firstGroup = false;
        out += "\n\"";
        out += StatsBreakdownName(b);
        out += "\":[";
        const auto& cells = CellsOf(r, b);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += i ? ",\n  " : "\n  ";
            AppendJsonCell(out, cells[i]);
        }
        out += "]";
    }
    out += "}}\n";
    return out;
}

}  // namespace kiosk::storage
