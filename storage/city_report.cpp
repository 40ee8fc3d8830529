// The city report: queries the suppressed city views, then writes XLSX (libxlsxwriter's native charts) and
// HTML (Chart.js from Debian inlined, data as JSON). Chart.js was chosen over matplotlib-rendered SVG
// because it is one packaged file that makes the page interactive (hover shows exact values) while still
// working offline, and keeps Python out of the kiosk tools.
#include "storage/city_report.h"

#include "kiosk/core/questionnaire.h"
#include "storage/export_internal.h"
#include "storage/result_store.h"

#include <xlsxwriter.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace kiosk::storage {
namespace {

using Mean = std::optional<double>;
using Count = std::optional<long long>;

struct Labelled {
    std::string id, vi, en;
};

struct QuestionnaireData {
    std::string id, titleVi, titleEn;
    std::vector<Labelled> areas, levels;
    std::vector<std::string> locations, months;
    std::map<std::string, std::map<std::string, Mean>> areaByLocation;  // location -> area -> mean
    std::map<std::string, std::map<std::string, Count>>
        levelByLocation;                                             // location -> level ("*" = all) -> n
    std::map<std::string, std::map<std::string, Mean>> areaByMonth;  // month -> area -> mean
    std::map<std::string, Count> countByMonth;
    std::vector<std::pair<std::string, std::string>> bands;  // (kind, band)
    std::map<std::pair<std::string, std::string>, std::map<std::string, Mean>> areaByBand;
};

std::optional<std::string> Cell(const pg::Rows& rows, std::size_t r, std::size_t c) {
    if (rows.nulls[r][c]) return std::nullopt;
    return rows.cells[r][c];
}

Mean ToMean(const std::optional<std::string>& s) {
    return s ? Mean(std::stod(*s)) : std::nullopt;
}
Count ToCount(const std::optional<std::string>& s) {
    return s ? Count(std::stoll(*s)) : std::nullopt;
}

void AddUnique(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// Fixed labels of the profile bands and of results without a level.
const std::map<std::string, std::pair<const char*, const char*>>& BandLabels() {
    static const std::map<std::string, std::pair<const char*, const char*>> labels = {
        {"under-30", {"Dưới 30 tuổi", "Under 30"}},
        {"30-44", {"30–44 tuổi", "30–44"}},
        {"45-59", {"45–59 tuổi", "45–59"}},
        {"60-74", {"60–74 tuổi", "60–74"}},
        {"75-plus", {"Từ 75 tuổi", "75 and over"}},
        {"no-answer", {"Không trả lời", "No answer"}},
        {"female", {"Nữ", "Female"}},
        {"male", {"Nam", "Male"}},
        {"other", {"Khác", "Other"}},
        {"yes", {"Có người hỗ trợ", "Assisted"}},
        {"no", {"Tự làm", "Unassisted"}},
        {"not-assessed", {"Chưa đánh giá", "Not assessed"}},
    };
    return labels;
}

std::string BandLabel(const std::string& kind, const std::string& band) {
    std::string prefix = kind == "age"      ? "Tuổi / Age: "
                         : kind == "gender" ? "Giới / Gender: "
                                            : "Hỗ trợ / Help: ";
    auto it = BandLabels().find(band);
    return prefix +
           (it == BandLabels().end() ? band : std::string(it->second.first) + " / " + it->second.second);
}

class Timer {
  public:
    explicit Timer(CityReportSummary& s, std::string name)
        : m_s(s), m_name(std::move(name)), m_start(std::chrono::steady_clock::now()) {}
    ~Timer() {
        m_s.queryMs[m_name] =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }

  private:
    CityReportSummary& m_s;
    std::string m_name;
    std::chrono::steady_clock::time_point m_start;
};

std::vector<QuestionnaireData> Load(pg::Connection& db, const CityReportOptions& options,
                                    CityReportSummary& summary) {
    {
        Timer t(summary, "refresh_city");
        auto r = db.Exec(
            "SELECT kiosk_central.refresh_city(NULLIF($1, '')::integer, $2::boolean)",
            {options.k > 0 ? std::to_string(options.k) : std::string(), options.includeSimulated ? "t" : "f"},
            {});
        summary.passes = std::stoi(r.cells.at(0).at(0));
    }
    {
        auto settings = db.Exec("SELECT k, include_simulated FROM kiosk_central.city_settings");
        summary.k = std::stoi(settings.cells.at(0).at(0));
        summary.includeSimulated = settings.cells.at(0).at(1) == "t";
    }
    {
        Timer t(summary, "count_cells");
        auto r = db.Exec(
            "SELECT count(*), count(*) FILTER (WHERE suppressed) FROM "
            "kiosk_central.city_level_distribution");
        summary.cells = std::stoll(r.cells[0][0]);
        summary.suppressedCells = std::stoll(r.cells[0][1]);
    }

    std::map<std::string, QuestionnaireData> byId;
    {
        Timer t(summary, "questionnaires");
        auto r = db.Exec(
            "SELECT DISTINCT ON (id) id, document FROM kiosk_central.questionnaires "
            "ORDER BY id, version DESC");
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            QuestionnaireData& q = byId[r.cells[i][0]];
            q.id = r.cells[i][0];
            q.titleVi = q.titleEn = q.id;
            // bytea arrives as \x… hex text.
            const std::string& hex = r.cells[i][1];
            std::string bytes;
            for (std::size_t p = 2; p + 1 < hex.size(); p += 2)
                bytes.push_back(static_cast<char>(std::stoi(hex.substr(p, 2), nullptr, 16)));
            auto loaded = core::ParseQuestionnaire(bytes, q.id);
            if (!loaded.Ok()) continue;  // labels fall back to ids
            const core::Questionnaire& doc = *loaded.questionnaire;
            q.titleVi = core::TextIn(doc.title, "vi");
            q.titleEn = core::TextIn(doc.title, "en");
            for (const auto& a : doc.areas)
                q.areas.push_back({a.id, core::TextIn(a.title, "vi"), core::TextIn(a.title, "en")});
            for (const auto& l : doc.scoring.levels)
                q.levels.push_back({l.id, core::TextIn(l.label, "vi"), core::TextIn(l.label, "en")});
        }
    }
    auto q = [&](const std::string& id) -> QuestionnaireData& {
        QuestionnaireData& d = byId[id];
        if (d.id.empty()) d.id = d.titleVi = d.titleEn = id;
        return d;
    };
    auto area = [](QuestionnaireData& d, const std::string& id) {
        for (const auto& a : d.areas)
            if (a.id == id) return;
        d.areas.push_back({id, id, id});
    };
    {
        Timer t(summary, "area_means_by_location");
        auto r = db.Exec(
            "SELECT questionnaire_id, location, area_id, mean_score FROM kiosk_central.city_area_means"
            " WHERE month = '*' AND band_kind = 'age' AND band = '*' AND location <> '*'"
            " ORDER BY 1, 2, 3");
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            QuestionnaireData& d = q(r.cells[i][0]);
            AddUnique(d.locations, r.cells[i][1]);
            area(d, r.cells[i][2]);
            d.areaByLocation[r.cells[i][1]][r.cells[i][2]] = ToMean(Cell(r, i, 3));
        }
    }
    {
        Timer t(summary, "level_distribution_by_location");
        auto r = db.Exec(
            "SELECT questionnaire_id, location, level, n FROM kiosk_central.city_level_distribution"
            " WHERE month = '*' AND band_kind = 'age' AND band = '*' AND location <> '*'"
            " ORDER BY 1, 2, 3");
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            QuestionnaireData& d = q(r.cells[i][0]);
            AddUnique(d.locations, r.cells[i][1]);
            const std::string& level = r.cells[i][2];
            if (level != "*") {
                bool known = false;
                for (const auto& l : d.levels) known = known || l.id == level;
                if (!known) {
                    auto it = BandLabels().find(level);
                    d.levels.push_back({level, it == BandLabels().end() ? level : it->second.first,
                                        it == BandLabels().end() ? level : it->second.second});
                }
            }
            d.levelByLocation[r.cells[i][1]][level] = ToCount(Cell(r, i, 3));
        }
    }
    {
        Timer t(summary, "trend_by_month");
        auto r = db.Exec(
            "SELECT questionnaire_id, month, area_id, mean_score FROM kiosk_central.city_area_means"
            " WHERE location = '*' AND band_kind = 'age' AND band = '*' AND month <> '*'"
            " ORDER BY 1, 2, 3");
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            QuestionnaireData& d = q(r.cells[i][0]);
            AddUnique(d.months, r.cells[i][1]);
            area(d, r.cells[i][2]);
            d.areaByMonth[r.cells[i][1]][r.cells[i][2]] = ToMean(Cell(r, i, 3));
        }
        auto c = db.Exec(
            "SELECT questionnaire_id, month, n FROM kiosk_central.city_level_distribution"
            " WHERE location = '*' AND band_kind = 'age' AND band = '*' AND level = '*'"
            " AND month <> '*' ORDER BY 1, 2");
        for (std::size_t i = 0; i < c.cells.size(); ++i) {
            QuestionnaireData& d = q(c.cells[i][0]);
            AddUnique(d.months, c.cells[i][1]);
            d.countByMonth[c.cells[i][1]] = ToCount(Cell(c, i, 2));
        }
    }
    {
        Timer t(summary, "area_means_by_band");
        auto r = db.Exec(
            "SELECT questionnaire_id, band_kind, band, area_id, mean_score FROM "
            "kiosk_central.city_area_means WHERE location = '*' AND month = '*' AND band <> '*'"
            " ORDER BY 1, 2, 3, 4");
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            QuestionnaireData& d = q(r.cells[i][0]);
            auto key = std::make_pair(r.cells[i][1], r.cells[i][2]);
            if (std::find(d.bands.begin(), d.bands.end(), key) == d.bands.end()) d.bands.push_back(key);
            area(d, r.cells[i][3]);
            d.areaByBand[key][r.cells[i][3]] = ToMean(Cell(r, i, 4));
        }
    }
    std::vector<QuestionnaireData> out;
    for (auto& [id, d] : byId)
        if (!d.locations.empty() || !d.months.empty()) {
            std::sort(d.months.begin(), d.months.end());
            out.push_back(std::move(d));
        }
    return out;
}

// ---- XLSX ----------------------------------------------------------------------------------------------

class Book {
  public:
    explicit Book(const std::string& path) : m_out(path) {
        m_book = workbook_new(m_out.TempPath().c_str());
        if (!m_book) xport::ThrowErrno("cannot create " + m_out.TempPath());
        std::time_t day = std::time(nullptr);
        lxw_doc_properties props{};
        props.created = day - day % 86400;  // the day, not the exact time
        workbook_set_properties(m_book, &props);
        m_bold = workbook_add_format(m_book);
        format_set_bold(m_bold);
        format_set_text_wrap(m_bold);
        m_num = workbook_add_format(m_book);
        format_set_num_format(m_num, "0.0");
    }
    ~Book() {
        if (m_book) workbook_close(m_book);
    }
    lxw_workbook* Get() { return m_book; }
    lxw_format* Bold() { return m_bold; }
    lxw_format* Num() { return m_num; }
    void Close() {
        lxw_error e = workbook_close(m_book);
        m_book = nullptr;
        if (e != LXW_NO_ERROR)
            throw StorageError(StorageErrorKind::Other,
                               std::string("cannot write the XLSX report: ") + lxw_strerror(e));
        m_out.Commit();
    }

  private:
    xport::OutputFile m_out;
    lxw_workbook* m_book = nullptr;
    lxw_format *m_bold = nullptr, *m_num = nullptr;
};

std::string Hidden(int k) {
    return "<" + std::to_string(k) + " (ẩn / hidden)";
}

// One table: a header row, row labels in column A, one column per series; then a chart of `type` over it.
template <typename Value>
void TableSheet(Book& book, const std::string& name, const std::string& title, const std::string& corner,
                const std::vector<std::pair<std::string, std::string>>& rows,    // (key, label)
                const std::vector<std::pair<std::string, std::string>>& series,  // (key, label)
                const std::function<std::optional<Value>(const std::string&, const std::string&)>& value,
                std::uint8_t chartType, int k) {
    lxw_worksheet* ws = workbook_add_worksheet(book.Get(), name.c_str());
    if (!ws) throw StorageError(StorageErrorKind::Other, "cannot add the sheet " + name);
    worksheet_write_string(ws, 0, 0, title.c_str(), book.Bold());
    worksheet_write_string(ws, 2, 0, corner.c_str(), book.Bold());
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(series.size()), 16, nullptr);
    for (std::size_t s = 0; s < series.size(); ++s)
        worksheet_write_string(ws, 2, static_cast<lxw_col_t>(s + 1), series[s].second.c_str(), book.Bold());
    std::string hidden = Hidden(k);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto row = static_cast<lxw_row_t>(r + 3);
        worksheet_write_string(ws, row, 0, rows[r].second.c_str(), nullptr);
        for (std::size_t s = 0; s < series.size(); ++s) {
            auto v = value(rows[r].first, series[s].first);
            if (v)
                worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1), static_cast<double>(*v),
                                       std::is_floating_point<Value>::value ? book.Num() : nullptr);
            else
                worksheet_write_string(ws, row, static_cast<lxw_col_t>(s + 1), hidden.c_str(), nullptr);
        }
    }
    if (rows.empty() || series.empty()) return;
    lxw_chart* chart = workbook_add_chart(book.Get(), chartType);
    for (std::size_t s = 0; s < series.size(); ++s) {
        lxw_chart_series* cs = chart_add_series(chart, nullptr, nullptr);
        auto col = static_cast<lxw_col_t>(s + 1);
        chart_series_set_categories(cs, name.c_str(), 3, 0, static_cast<lxw_row_t>(rows.size() + 2), 0);
        chart_series_set_values(cs, name.c_str(), 3, col, static_cast<lxw_row_t>(rows.size() + 2), col);
        chart_series_set_name_range(cs, name.c_str(), 2, col);
    }
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt{};
    opt.x_scale = 2.0;
    opt.y_scale = 1.6;
    worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(rows.size() + 5), 0, chart, &opt);
}

std::vector<std::pair<std::string, std::string>> Pairs(const std::vector<Labelled>& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& l : v) out.emplace_back(l.id, l.vi == l.en ? l.vi : l.vi + " / " + l.en);
    return out;
}
std::vector<std::pair<std::string, std::string>> Same(const std::vector<std::string>& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : v) out.emplace_back(s, s);
    return out;
}

// Whether simulated (test) results are in the numbers: a report for the city must say so when they are.
std::string SimulatedNote(const CityReportSummary& s, const std::string& language) {
    if (language == "vi")
        return s.includeSimulated ? "Có tính cả kết quả mô phỏng (dữ liệu thử, không phải người dân thật)."
                                  : "Kết quả mô phỏng không được tính.";
    return s.includeSimulated ? "Simulated results are included (test data, not real citizens)."
                              : "Simulated results are left out.";
}

void WriteXlsx(const std::string& path, const std::vector<QuestionnaireData>& data,
               const CityReportSummary& s) {
    Book book(path);
    lxw_worksheet* notes = workbook_add_worksheet(book.Get(), "Ghi chú - Notes");
    worksheet_set_column(notes, 0, 0, 100, nullptr);
    const std::string lines[] = {
        "Báo cáo kỹ năng số toàn thành phố / City digital-skills report",
        "Nhóm dưới " + std::to_string(s.k) +
            " người bị ẩn, cùng với các ô khác đủ để không thể suy ra ô bị ẩn bằng phép trừ.",
        "Groups of fewer than " + std::to_string(s.k) +
            " people are hidden, together with enough other cells that no hidden cell can be worked out by "
            "subtraction.",
        SimulatedNote(s, "vi") + " / " + SimulatedNote(s, "en"),
    };
    for (std::size_t i = 0; i < std::size(lines); ++i)
        worksheet_write_string(notes, static_cast<lxw_row_t>(i), 0, lines[i].c_str(),
                               i == 0 ? book.Bold() : nullptr);
    int n = 0;
    for (const auto& d : data) {
        std::string prefix = std::to_string(++n) + " ";
        worksheet_write_string(notes, static_cast<lxw_row_t>(5 + n), 0,
                               (prefix + d.titleVi + " / " + d.titleEn + " (" + d.id + ")").c_str(), nullptr);
        TableSheet<double>(
            book, prefix + "Lĩnh vực - Areas",
            d.titleVi + ": điểm trung bình theo lĩnh vực / mean score by area", "Địa bàn / Location",
            Same(d.locations), Pairs(d.areas),
            [&](const std::string& loc, const std::string& a) -> Mean {
                auto it = d.areaByLocation.find(loc);
                if (it == d.areaByLocation.end()) return std::nullopt;
                auto jt = it->second.find(a);
                return jt == it->second.end() ? std::nullopt : jt->second;
            },
            LXW_CHART_COLUMN, s.k);
        TableSheet<long long>(
            book, prefix + "Mức độ - Levels", d.titleVi + ": số người theo mức độ / people by level",
            "Địa bàn / Location", Same(d.locations), Pairs(d.levels),
            [&](const std::string& loc, const std::string& l) -> Count {
                auto it = d.levelByLocation.find(loc);
                if (it == d.levelByLocation.end()) return std::nullopt;
                auto jt = it->second.find(l);
                return jt == it->second.end() ? Count(0) : jt->second;
            },
            LXW_CHART_BAR_STACKED, s.k);
        TableSheet<double>(
            book, prefix + "Theo tháng - Monthly",
            d.titleVi + ": điểm trung bình theo tháng / mean score by month", "Tháng / Month", Same(d.months),
            Pairs(d.areas),
            [&](const std::string& m, const std::string& a) -> Mean {
                auto it = d.areaByMonth.find(m);
                if (it == d.areaByMonth.end()) return std::nullopt;
                auto jt = it->second.find(a);
                return jt == it->second.end() ? std::nullopt : jt->second;
            },
            LXW_CHART_LINE, s.k);
        std::vector<std::pair<std::string, std::string>> bands;
        for (const auto& [kind, band] : d.bands)
            bands.emplace_back(kind + "\x1f" + band, BandLabel(kind, band));
        TableSheet<double>(
            book, prefix + "Nhóm - Groups", d.titleVi + ": điểm trung bình theo nhóm / mean score by group",
            "Nhóm / Group", bands, Pairs(d.areas),
            [&](const std::string& key, const std::string& a) -> Mean {
                auto sep = key.find('\x1f');
                auto it = d.areaByBand.find({key.substr(0, sep), key.substr(sep + 1)});
                if (it == d.areaByBand.end()) return std::nullopt;
                auto jt = it->second.find(a);
                return jt == it->second.end() ? std::nullopt : jt->second;
            },
            LXW_CHART_BAR, s.k);
    }
    book.Close();
}

// ---- HTML ----------------------------------------------------------------------------------------------

std::string Escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

// JSON safe inside <script>: no "<" (so no "</script>") and no U+2028/2029 surprises in older engines.
std::string ScriptJson(const nlohmann::json& j) {
    std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out;
    for (char c : dumped) {
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else
            out.push_back(c);
    }
    return out;
}

nlohmann::json Num(const Mean& m) {
    return m ? nlohmann::json(*m) : nlohmann::json(nullptr);
}
nlohmann::json Num(const Count& c) {
    return c ? nlohmann::json(*c) : nlohmann::json(nullptr);
}

template <typename Map, typename V>
V Lookup(const Map& m, const std::string& a, const std::string& b, V missing) {
    auto it = m.find(a);
    if (it == m.end()) return missing;
    auto jt = it->second.find(b);
    return jt == it->second.end() ? missing : jt->second;
}

std::string Table(const std::string& corner, const std::vector<std::pair<std::string, std::string>>& rows,
                  const std::vector<std::pair<std::string, std::string>>& cols,
                  const std::function<std::string(const std::string&, const std::string&)>& cell) {
    std::string t = "<div class=scroll><table><tr><th>" + Escape(corner) + "</th>";
    for (const auto& c : cols) t += "<th>" + Escape(c.second) + "</th>";
    t += "</tr>";
    for (const auto& r : rows) {
        t += "<tr><th>" + Escape(r.second) + "</th>";
        for (const auto& c : cols) t += "<td>" + cell(r.first, c.first) + "</td>";
        t += "</tr>";
    }
    return t + "</table></div>";
}

void WriteHtml(const std::string& path, const std::string& chartJsPath,
               const std::vector<QuestionnaireData>& data, const CityReportSummary& s) {
    std::ifstream in(chartJsPath, std::ios::binary);
    if (!in)
        throw StorageError(StorageErrorKind::CannotOpen,
                           "cannot read Chart.js at " + chartJsPath + " (install Debian's libjs-chart.js)");
    std::string chartJs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t p; (p = chartJs.find("</script")) != std::string::npos;) chartJs.replace(p, 2, "<\\/");

    std::string hiddenCell =
        "<span class=hidden title=\"nhóm quá nhỏ / group too small\">&lt;" + std::to_string(s.k) + "</span>";
    auto fmtMean = [&](const Mean& m) {
        if (!m) return hiddenCell;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", *m);
        return std::string(buf);
    };
    auto fmtCount = [&](const Count& c) { return c ? std::to_string(*c) : hiddenCell; };

    nlohmann::json charts = nlohmann::json::array();
    std::string body;
    int n = 0;
    for (const auto& d : data) {
        ++n;
        std::string id = std::to_string(n);
        body +=
            "<section><h2>" + Escape(d.titleVi) + "<br><span class=en>" + Escape(d.titleEn) + "</span></h2>";
        auto areaLabels = nlohmann::json::array();
        for (const auto& a : d.areas) areaLabels.push_back(a.vi == a.en ? a.vi : a.vi + " / " + a.en);

        // 1. Mean by area per location.
        nlohmann::json sets = nlohmann::json::array();
        for (std::size_t i = 0; i < d.areas.size(); ++i) {
            nlohmann::json values = nlohmann::json::array();
            for (const auto& loc : d.locations)
                values.push_back(Num(Lookup(d.areaByLocation, loc, d.areas[i].id, Mean())));
            sets.push_back({{"label", areaLabels[i]}, {"data", values}});
        }
        charts.push_back({{"id", "area" + id},
                          {"type", "bar"},
                          {"labels", d.locations},
                          {"datasets", sets},
                          {"stacked", false},
                          {"y", "Điểm trung bình / Mean score (0–100)"}});
        body +=
            "<h3>Điểm trung bình theo lĩnh vực và địa bàn<br><span class=en>Mean score by area and "
            "location</span></h3>"
            "<div class=chart><canvas id=area" +
            id + "></canvas></div>";
        body += Table("Địa bàn / Location", Same(d.locations), Pairs(d.areas),
                      [&](const std::string& r, const std::string& c) {
                          return fmtMean(Lookup(d.areaByLocation, r, c, Mean()));
                      });

        // 2. Level distribution per location.
        sets = nlohmann::json::array();
        for (const auto& l : d.levels) {
            nlohmann::json values = nlohmann::json::array();
            for (const auto& loc : d.locations)
                values.push_back(Num(Lookup(d.levelByLocation, loc, l.id, Count(0))));
            sets.push_back({{"label", l.vi == l.en ? l.vi : l.vi + " / " + l.en}, {"data", values}});
        }
        charts.push_back({{"id", "level" + id},
                          {"type", "bar"},
                          {"labels", d.locations},
                          {"datasets", sets},
                          {"stacked", true},
                          {"y", "Số người / People"}});
        body +=
            "<h3>Phân bố mức độ theo địa bàn<br><span class=en>Level distribution by location</span></h3>"
            "<div class=chart><canvas id=level" +
            id + "></canvas></div>";
        auto levelCols = Pairs(d.levels);
        levelCols.emplace_back("*", "Tổng / Total");
        body += Table("Địa bàn / Location", Same(d.locations), levelCols,
                      [&](const std::string& r, const std::string& c) {
                          return fmtCount(Lookup(d.levelByLocation, r, c, Count(0)));
                      });

        // 3. Trend by month (the whole city).
        sets = nlohmann::json::array();
        for (std::size_t i = 0; i < d.areas.size(); ++i) {
            nlohmann::json values = nlohmann::json::array();
            for (const auto& m : d.months)
                values.push_back(Num(Lookup(d.areaByMonth, m, d.areas[i].id, Mean())));
            sets.push_back({{"label", areaLabels[i]}, {"data", values}});
        }
        charts.push_back({{"id", "trend" + id},
                          {"type", "line"},
                          {"labels", d.months},
                          {"datasets", sets},
                          {"stacked", false},
                          {"y", "Điểm trung bình / Mean score (0–100)"}});
        body +=
            "<h3>Xu hướng theo tháng (toàn thành phố)<br><span class=en>Trend by month (whole "
            "city)</span></h3>"
            "<div class=chart><canvas id=trend" +
            id + "></canvas></div>";
        auto monthCols = Pairs(d.areas);
        monthCols.emplace_back("#", "Số người / People");
        body += Table("Tháng / Month", Same(d.months), monthCols,
                      [&](const std::string& r, const std::string& c) {
                          if (c == "#") {
                              auto it = d.countByMonth.find(r);
                              return fmtCount(it == d.countByMonth.end() ? Count(0) : it->second);
                          }
                          return fmtMean(Lookup(d.areaByMonth, r, c, Mean()));
                      });

        // 4. Means by profile band (table only).
        std::vector<std::pair<std::string, std::string>> bands;
        for (const auto& [kind, band] : d.bands)
            bands.emplace_back(kind + "\x1f" + band, BandLabel(kind, band));
        body += "<h3>Điểm trung bình theo nhóm người<br><span class=en>Mean score by group</span></h3>";
        body +=
            Table("Nhóm / Group", bands, Pairs(d.areas), [&](const std::string& key, const std::string& a) {
                auto sep = key.find('\x1f');
                auto it = d.areaByBand.find({key.substr(0, sep), key.substr(sep + 1)});
                if (it == d.areaByBand.end()) return fmtMean(Mean());
                auto jt = it->second.find(a);
                return fmtMean(jt == it->second.end() ? Mean() : jt->second);
            });
        body += "</section>";
    }
    if (data.empty()) body = "<p>Chưa có kết quả nào.<br><span class=en>No results yet.</span></p>";

    std::string html =
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Báo cáo kỹ năng số toàn thành phố — City digital-skills report</title><style>"
        "body{font-family:'Noto Sans',system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 "
        "1rem;color:#1d2433}"
        "h1,h2,h3{line-height:1.3}.en{color:#5b6475;font-weight:normal;font-size:.85em}"
        ".chart{position:relative;height:26rem;margin:1rem 0}.scroll{overflow-x:auto}"
        "table{border-collapse:collapse;margin:.5rem 0 2rem;font-size:.9rem}"
        "th,td{border:1px solid #c9cfda;padding:.3rem .6rem;text-align:right}th{background:#eef1f6}"
        "tr th:first-child{text-align:left}.hidden{color:#8a93a3}.note{background:#f6f7fa;padding:.8rem 1rem}"
        "</style>\n<script>/* Chart.js (Debian libjs-chart.js), MIT licence */\n" +
        chartJs +
        "\n</script></head><body>\n<h1>Báo cáo kỹ năng số toàn thành phố<br><span class=en>City "
        "digital-skills report</span></h1>"
        "<p class=note>Mỗi ô có dưới " +
        std::to_string(s.k) + " người được ẩn (&lt;" + std::to_string(s.k) +
        "), cùng với một số ô khác để không ai có thể suy ra ô bị ẩn bằng phép trừ. " + SimulatedNote(s, "vi") +
        "<br><span class=en>Cells with fewer than " +
        std::to_string(s.k) +
        " people are hidden, together with enough other cells that no hidden cell can be worked out by "
        "subtraction. " + SimulatedNote(s, "en") + "</span></p>\n" +
        body + "\n<script>const CHARTS = " + ScriptJson(charts) + R"js(;
const palette = ['#1f77b4','#ff7f0e','#2ca02c','#d62728','#9467bd','#8c564b','#e377c2','#7f7f7f','#bcbd22','#17becf'];
for (const c of CHARTS) {
  const el = document.getElementById(c.id);
  if (!el || typeof Chart === 'undefined') continue;
  c.datasets.forEach((d, i) => { d.backgroundColor = palette[i % palette.length]; d.borderColor = palette[i % palette.length]; d.spanGaps = false; });
  new Chart(el, {type: c.type, data: {labels: c.labels, datasets: c.datasets},
    options: {responsive: true, maintainAspectRatio: false, animation: false,
      plugins: {legend: {position: 'bottom'}},
      scales: {x: {stacked: c.stacked}, y: {stacked: c.stacked, beginAtZero: true, title: {display: true, text: c.y}}}}});
}
</script></body></html>
)js";
    xport::OutputFile out(path);
    out.Write(html);
    out.Commit();
}

}  // namespace

CityReportSummary WriteCityReport(pg::Connection& db, const CityReportOptions& options) {
    CityReportSummary summary;
    // One transaction: refresh_city() holds its lock until COMMIT, so a concurrent report with another k
    // cannot change the cells between this report's queries.
    db.Exec("BEGIN");
    std::vector<QuestionnaireData> data;
    try {
        data = Load(db, options, summary);
        db.Commit();
    } catch (...) {
        try {
            db.Exec("ROLLBACK");
        } catch (const CentralError&) {
        }
        throw;
    }
    if (!options.xlsxPath.empty()) WriteXlsx(options.xlsxPath, data, summary);
    if (!options.htmlPath.empty()) WriteHtml(options.htmlPath, options.chartJsPath, data, summary);
    return summary;
}

}  // namespace kiosk::storage
