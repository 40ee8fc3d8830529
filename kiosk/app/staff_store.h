// The staff pages' data over the real result store: the dashboard from storage::QueryStats and exports to
// USB drives with storage::ExportResults (simulated results left out, the same small-group rules as
// `kiosk-admin export`). Every StorageError becomes a calm outcome with its message for the log.
#pragma once

#include "kiosk/app/usb_eject.h"
#include "kiosk/flow/staff_data.h"

#include <string>
#include <vector>

namespace kiosk::app {

// The staff data types are the flow's (kiosk/flow/staff_data.h); this file still names them ui::.
namespace ui = kiosk::flow;

struct StaffStoreOptions {
    std::string database;
    int k = 5;
    std::string locationCode = "unknown";                      // in export file names
    std::vector<std::string> usbRoots{"/media", "/run/media"};  // where removable drives are mounted
    std::string mountsFile = "/proc/self/mounts";
    std::vector<std::string> unmountCommand = DefaultUnmountCommand();  // "Tháo USB an toàn" (usb_eject.h)
    std::string logFile;  // its last lines are shown on the health page
    std::string today;  // "YYYY-MM-DD" counted as today; empty = the local date (tests pin it)
};

class StoreStaffData final : public ui::StaffData {
public:
    explicit StoreStaffData(StaffStoreOptions options) : m_options(std::move(options)) {}
    ui::DashboardData Dashboard(const std::string& language) override;
    std::vector<ui::UsbDrive> UsbDrives() override;
    ui::HealthData Health() override;
    ui::ExportOutcome Export(const ui::ExportRequest& request,
                             const std::function<void(std::int64_t, std::int64_t)>& progress) override;
    ui::RemoveOutcome SafelyRemove(const std::string& mountPoint) override;

private:
    StaffStoreOptions m_options;
};

}  // namespace kiosk::app
