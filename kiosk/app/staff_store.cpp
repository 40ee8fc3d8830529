// The staff pages' data over the real result store.
#include "kiosk/app/staff_store.h"

#include "storage/stats.h"

#include <exception>
#include <set>

namespace kiosk::app {

namespace {

std::vector<ui::StatCell> Cells(const std::vector<storage::StatsCell>& in, bool prefixQuestionnaire) {
    std::vector<ui::StatCell> out;
    for (const auto& c : in) {
        ui::StatCell cell;
        cell.label = prefixQuestionnaire && !c.questionnaireId.empty() ? c.questionnaireId + ": " + c.label : c.label;
        cell.suppressed = c.suppressed;
        cell.count = c.count;
        cell.mean = c.mean;
        out.push_back(std::move(cell));
    }
    return out;
}

}  // namespace

ui::DashboardData StoreStaffData::Dashboard(const std::string& language) {
    ui::DashboardData d;
    d.k = m_k;
    try {
        storage::StatsQuery q;
        q.k = m_k;
        q.today = today;
        q.language = language;
        q.filter.includeSimulated = false;
        const storage::StatsReport r = storage::QueryStats(m_db, q);
        d.today = r.countToday;
        d.thisWeek = r.countThisWeek;
        d.total = r.countTotal;
        d.meanOverall = r.meanOverall;
        // With several questionnaires, level and area names are only clear with the questionnaire's id.
        std::set<std::string> ids;
        for (const auto& c : r.levels) ids.insert(c.questionnaireId);
        const bool several = ids.size() > 1;
        d.levels = Cells(r.levels, several);
        d.areas = Cells(r.areas, several);
        d.ageBands = Cells(r.ageBands, false);
        d.genders = Cells(r.genders, false);
        d.ok = true;
    } catch (const std::exception& e) {
        d.ok = false;
        d.error = e.what();
    }
    return d;
}

}  // namespace kiosk::app
