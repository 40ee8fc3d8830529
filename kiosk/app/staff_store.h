// The staff pages' data over the real result store: the dashboard from storage::QueryStats (simulated
// results left out, cells under k suppressed). Every StorageError becomes ok = false with its message.
#pragma once

#include "kiosk/ui/staff_data.h"

#include <string>

namespace kiosk::app {

class StoreStaffData final : public ui::StaffData {
public:
    StoreStaffData(std::string databasePath, int k) : m_db(std::move(databasePath)), m_k(k) {}
    ui::DashboardData Dashboard(const std::string& language) override;
    // "YYYY-MM-DD" counted as today; empty = the local date (tests pin it).
    std::string today;

private:
    std::string m_db;
    int m_k;
};

}  // namespace kiosk::app
