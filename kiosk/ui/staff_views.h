// Pure view-model builders for the staff pages: the staff flow's state and the translations in, the texts
// and flags a staff screen draws out. Staff texts follow the kiosk's default language.
#pragma once

#include "kiosk/flow/staff_flow.h"
#include "kiosk/ui/staff_screens.h"
#include "kiosk/ui/translations.h"

#include <string>

namespace kiosk::ui {

PinPadView BuildPinPadView(const flow::StaffFlow& flow, const Translations& texts);  // Pin and SetPin
StaffMenuView BuildStaffMenuView(const flow::StaffFlow& flow, const Translations& texts);
StaffConfirmView BuildStaffConfirmView(const flow::StaffFlow& flow, const Translations& texts);
DashboardView BuildDashboardView(const flow::StaffFlow& flow, const Translations& texts);
ExportView BuildExportView(const flow::StaffFlow& flow, const Translations& texts);
StaffListView BuildQuestionnairesView(const flow::StaffFlow& flow, const Translations& texts);
StaffListView BuildInstallView(const flow::StaffFlow& flow, const Translations& texts);
// The install page once a file is picked and checked: what would change, "Cài đặt" or "Hủy".
StaffConfirmView BuildInstallConfirmView(const flow::StaffFlow& flow, const Translations& texts);
StaffListView BuildHealthView(const flow::StaffFlow& flow, const Translations& texts);

}  // namespace kiosk::ui
