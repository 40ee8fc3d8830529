// The controller's staff part: the hidden corner gesture, the PIN pad with its lock, setting a PIN on first
// start, the staff menu and its idle timeout. Kept apart from controller.cpp so the citizen flow reads on
// its own; both are members of KioskController because staff mode takes over the same screen and timers.
#include "kiosk/ui/controller.h"

#include "kiosk/ui/staff_screens.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace kiosk::ui {

namespace {
constexpr std::size_t kMaxPinDigits = 10;  // CheckNewPin's longest PIN

long long CeilSeconds(core::Millis ms) { return (ms.count() + 999) / 1000; }
}  // namespace

// Staff texts follow the kiosk's default language, not the last citizen's choice.
const std::string& KioskController::ST(std::string_view key) const {
    return m_texts.Get(m_options.session.defaultLanguage, key);
}

// Held for gestureHold on the top-left corner, without leaving it, opens the PIN pad. Nothing is drawn:
// citizens never see a hint. Only on Welcome and out-of-service (staff must get in when the kiosk is down).
void KioskController::CheckStaffGesture(Screen screen) {
    const ImGuiIO& io = ImGui::GetIO();
    if (screen != Screen::Welcome && screen != Screen::OutOfService) {
        m_holding = false;
        return;
    }
    const float corner = m_options.staff.cornerSize;
    const bool inCorner = io.MousePos.x >= 0 && io.MousePos.y >= 0 && io.MousePos.x < corner && io.MousePos.y < corner;
    if (!io.MouseDown[0] || !inCorner) {
        m_holding = false;  // released, or moved away: start again
        return;
    }
    if (io.MouseClicked[0] || !m_holding) {
        // Only a press that starts in the corner counts; a finger sliding into it does not.
        m_holding = io.MouseClicked[0];
        m_holdStart = m_clock.Now();
        return;
    }
    if (m_clock.Now() - m_holdStart >= m_options.staff.gestureHold) {
        m_holding = false;
        OpenPinPad();
    }
}

// Only a missing PIN file means "set the first PIN"; a damaged one locks the pad (see staff_access.h).
bool KioskController::PinMissing() const {
    return core::ReadPinFile(m_options.staff.pinFile).state == core::PinFileState::Missing;
}

bool KioskController::PinUnreadable() const {
    return core::ReadPinFile(m_options.staff.pinFile).state == core::PinFileState::Unreadable;
}

void KioskController::OpenPinPad() {
    m_pinEntry.clear();
    m_firstPin.clear();
    m_pinMessage.clear();
    m_staffLastTouch = m_clock.Now();
    m_session.Abandon();
    WipeCitizen();
    // The hash is read at each opening, so a PIN changed with kiosk-admin set-pin counts at once.
    m_staffPage = PinMissing() ? StaffPage::SetPin : StaffPage::Pin;
    m_log.Write(LogLevel::Info, "staff: PIN pad opened");
}

void KioskController::CloseStaffMode(const char* why) {
    m_staffPage = StaffPage::None;
    m_pinEntry.clear();
    m_firstPin.clear();
    m_pinMessage.clear();
    m_log.Write(LogLevel::Info, std::string("staff mode closed (") + why + ")");
    m_session.Abandon();
    ReturnedToWelcome();
    // Questionnaires switched off or installed meanwhile: citizens see the new list (or out of service).
    CheckQuestionnaires();
}

KioskController::~KioskController() {
    if (m_exportThread.joinable()) m_exportThread.join();
}

void KioskController::UpdateStaff() {
    FinishExportIfDone();
    if (m_exportJob) return;  // no timeout in the middle of writing to a USB drive
    // Setting the first PIN never times out: citizens must not get in before it is set.
    if (m_staffPage == StaffPage::SetPin && PinMissing()) return;
    if (m_clock.Now() - m_staffLastTouch >= m_options.staff.idleTimeout) CloseStaffMode("nobody touched it for a while");
}

void KioskController::SubmitPin() {
    if (m_pinLock.Locked() || m_pinEntry.empty() || PinUnreadable()) return;
    const auto hash = core::LoadPinHash(m_options.staff.pinFile);
    const bool right = hash && core::VerifyPin(*hash, m_pinEntry);  // Argon2id: once per OK, ~0.3 s
    m_pinEntry.assign(m_pinEntry.size(), '\0');
    m_pinEntry.clear();
    if (right) {
        m_pinLock.RecordSuccess();
        m_log.Write(LogLevel::Info, "staff PIN: accepted");
        m_staffPage = StaffPage::Menu;
        return;
    }
    m_pinLock.RecordFailure();
    m_log.Write(LogLevel::Staff, "staff PIN: wrong (" + std::to_string(m_pinLock.FailuresInARow()) + " in a row)");
    if (m_pinLock.Locked())
        m_log.Write(LogLevel::Staff, "staff PIN: locked for " + std::to_string(CeilSeconds(m_pinLock.LockRemaining())) + " s");
}

void KioskController::SubmitNewPin() {
    if (m_firstPin.empty()) {
        if (!core::CheckNewPin(m_pinEntry).empty()) {
            m_pinMessage = ST("staff.setpin.rule");
            m_pinMessageIsError = true;
        } else {
            m_firstPin = m_pinEntry;
            m_pinMessage.clear();
        }
        m_pinEntry.clear();
        return;
    }
    const bool same = m_pinEntry == m_firstPin;
    m_pinEntry.clear();
    if (!same) {
        m_firstPin.clear();
        m_pinMessage = ST("staff.setpin.mismatch");
        m_pinMessageIsError = true;
        return;
    }
    const std::string hash = core::HashPin(m_firstPin);
    m_firstPin.clear();
    std::string error;
    std::error_code ec;
    const auto parent = std::filesystem::path(m_options.staff.pinFile).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (hash.empty() || !core::SavePinHash(m_options.staff.pinFile, hash, error)) {
        m_log.Write(LogLevel::Error, "staff PIN: could not be saved: " + (hash.empty() ? "hashing failed" : error));
        m_pinMessage = ST("staff.setpin.failed");
        m_pinMessageIsError = true;
        return;
    }
    m_log.Write(LogLevel::Staff, "staff PIN: set at the kiosk");
    m_pinLock.RecordSuccess();
    m_pinMessage.clear();
    m_staffPage = StaffPage::Menu;
}

void KioskController::ApplyStaff(const Intent& in) {
    switch (in.kind) {
        case IntentKind::PinDigit:
            if ((m_staffPage == StaffPage::SetPin || (m_staffPage == StaffPage::Pin && !m_pinLock.Locked())) &&
                in.index >= 0 && in.index <= 9 && m_pinEntry.size() < kMaxPinDigits)
                m_pinEntry.push_back(static_cast<char>('0' + in.index));
            return;
        case IntentKind::PinErase:
            if (!m_pinEntry.empty()) m_pinEntry.pop_back();
            return;
        case IntentKind::PinOk:
            if (m_staffPage == StaffPage::Pin) SubmitPin();
            else if (m_staffPage == StaffPage::SetPin) SubmitNewPin();
            return;
        case IntentKind::PinCancel:
            // Not offered while the first PIN is being set.
            if (m_staffPage == StaffPage::SetPin && PinMissing()) return;
            if (m_staffPage != StaffPage::None) CloseStaffMode("closed by staff");
            return;
        case IntentKind::StaffMenu:
            if (m_staffPage != StaffPage::Menu) return;
            if (in.index == static_cast<int>(StaffAction::ExitApp)) {
                m_staffPage = StaffPage::ConfirmExit;
            } else if (in.index == static_cast<int>(StaffAction::Export) && m_staffData) {
                m_drives = m_staffData->UsbDrives();
                m_exportDrive = m_drives.size() == 1 ? 0 : -1;
                m_exportResult.reset();
                m_staffPage = StaffPage::Export;
            } else if (in.index == static_cast<int>(StaffAction::Health) && m_staffData) {
                m_health = m_staffData->Health();
                m_staffPage = StaffPage::Health;
            } else if (in.index == static_cast<int>(StaffAction::Questionnaires)) {
                m_catalog.Refresh();
                m_pageMessage.clear();
                m_pageLines.clear();
                m_staffPage = StaffPage::Questionnaires;
            } else if (in.index == static_cast<int>(StaffAction::Dashboard) && m_staffData) {
                m_dashboard = m_staffData->Dashboard(m_options.session.defaultLanguage);
                if (!m_dashboard.ok) m_log.Write(LogLevel::Error, "staff dashboard: " + m_dashboard.error);
                m_staffPage = StaffPage::Dashboard;
            }
            return;
        case IntentKind::StaffBack:
            m_pageMessage.clear();
            m_pageLines.clear();
            if (m_staffPage == StaffPage::ConfirmExit || m_staffPage == StaffPage::Dashboard ||
                m_staffPage == StaffPage::Questionnaires || m_staffPage == StaffPage::Health || (m_staffPage == StaffPage::Export && !m_exportJob))
                m_staffPage = StaffPage::Menu;
            else if (m_staffPage == StaffPage::Install)
                m_staffPage = StaffPage::Questionnaires;
            return;
        case IntentKind::StaffToggle:
            if (m_staffPage == StaffPage::Questionnaires) ToggleQuestionnaire(in.index);
            return;
        case IntentKind::StaffOpenInstall:
            if (m_staffPage == StaffPage::Questionnaires && m_staffData) {
                m_pageMessage.clear();
                m_pageLines.clear();
                FindInstallFiles();
                m_staffPage = StaffPage::Install;
            }
            return;
        case IntentKind::StaffInstallFile:
            if (m_staffPage == StaffPage::Install) InstallFile(in.index);
            return;
        case IntentKind::StaffPreview:
            if (m_staffPage == StaffPage::Questionnaires) StartPreview(in.index);
            return;
        case IntentKind::StaffPickDrive:
            if (m_staffPage == StaffPage::Export && !m_exportJob && in.index >= 0 &&
                static_cast<std::size_t>(in.index) < m_drives.size())
                m_exportDrive = in.index;
            return;
        case IntentKind::StaffPickFormat:
            if (!m_exportJob && in.index >= 0 && in.index <= 2) m_exportFormat = in.index;
            return;
        case IntentKind::StaffPickDates:
            if (!m_exportJob && in.index >= 0 && in.index <= 2) m_exportDates = in.index;
            return;
        case IntentKind::StaffPickQuestionnaire:
            if (!m_exportJob && in.index >= 0 && static_cast<std::size_t>(in.index) <= m_catalog.Installed().size())
                m_exportQuestionnaire = in.index;
            return;
        case IntentKind::StaffRescan:
            if (m_staffPage == StaffPage::Install) {
                m_pageMessage.clear();
                m_pageLines.clear();
                FindInstallFiles();
            } else if (m_staffPage == StaffPage::Export && !m_exportJob && m_staffData) {
                m_drives = m_staffData->UsbDrives();
                m_exportDrive = m_drives.size() == 1 ? 0 : -1;
                m_exportResult.reset();
            }
            return;
        case IntentKind::StaffRun:
            if (m_staffPage == StaffPage::Export) StartExport();
            return;
        case IntentKind::StaffConfirm:
            if (m_staffPage == StaffPage::ConfirmExit) {
                m_log.Write(LogLevel::Staff, "staff: the app was closed from the staff menu");
                m_exitRequested = true;
            }
            return;
        default:
            return;
    }
}

Intent KioskController::DrawStaff(UiState& ui) {
    if (ImGui::GetIO().MouseDown[0]) m_staffLastTouch = m_clock.Now();
    switch (m_staffPage) {
        case StaffPage::None:
            return {};
        case StaffPage::SetPin: {
            PinPadView v;
            v.title = ST("staff.setpin.title");
            v.prompt = ST(m_firstPin.empty() ? "staff.setpin.prompt" : "staff.setpin.again");
            v.digits = static_cast<int>(m_pinEntry.size());
            v.message = m_pinMessage;
            v.messageIsError = m_pinMessageIsError;
            v.erase = ST("staff.pin.erase");
            v.ok = ST("staff.pin.ok");
            v.cancel = ST("staff.pin.cancel");
            v.canCancel = !PinMissing();
            return DrawPinPadScreen(v, ui);
        }
        case StaffPage::Pin: {
            PinPadView v;
            v.title = ST("staff.pin.title");
            v.prompt = ST("staff.pin.prompt");
            v.digits = static_cast<int>(m_pinEntry.size());
            v.locked = m_pinLock.Locked() || PinUnreadable();
            const int failures = m_pinLock.FailuresInARow();
            if (PinUnreadable()) {
                v.message = ST("staff.pin.file_broken");
            } else if (v.locked) {
                v.message = Format(ST("staff.pin.locked"),
                                   {{"seconds", std::to_string(CeilSeconds(m_pinLock.LockRemaining()))}});
            } else if (failures >= core::PinLock::kFreeAttempts) {
                v.message = ST("staff.pin.wrong_last");
            } else if (failures > 0) {
                v.message = Format(ST("staff.pin.wrong"),
                                   {{"left", std::to_string(core::PinLock::kFreeAttempts - failures)}});
            }
            v.messageIsError = true;
            v.erase = ST("staff.pin.erase");
            v.ok = ST("staff.pin.ok");
            v.cancel = ST("staff.pin.cancel");
            return DrawPinPadScreen(v, ui);
        }
        case StaffPage::Menu: {
            StaffMenuView v;
            v.title = ST("staff.menu.title");
            v.intro = Format(ST("staff.menu.intro"),
                             {{"seconds", std::to_string(CeilSeconds(m_options.staff.idleTimeout))}});
            v.notices = m_staffNotices;
            if (m_staffData)
                v.entries.push_back({static_cast<int>(StaffAction::Dashboard), ST("staff.menu.dashboard"),
                                     ST("staff.menu.dashboard_detail")});
            v.entries.push_back({static_cast<int>(StaffAction::Questionnaires), ST("staff.menu.questionnaires"),
                                 ST("staff.menu.questionnaires_detail")});
            if (m_staffData)
                v.entries.push_back({static_cast<int>(StaffAction::Export), ST("staff.menu.export"),
                                     ST("staff.menu.export_detail")});
            if (m_staffData)
                v.entries.push_back({static_cast<int>(StaffAction::Health), ST("staff.menu.health"),
                                     ST("staff.menu.health_detail")});
            v.entries.push_back({static_cast<int>(StaffAction::ExitApp), ST("staff.menu.exit"), ST("staff.menu.exit_detail")});
            v.close = ST("staff.menu.close");
            return DrawStaffMenuScreen(v, ui);
        }
        case StaffPage::ConfirmExit: {
            StaffConfirmView v{ST("staff.exit.title"), ST("staff.exit.body"), ST("staff.exit.confirm"),
                               ST("staff.exit.cancel")};
            return DrawStaffConfirmScreen(v, ui);
        }
        case StaffPage::Dashboard:
            return DrawDashboard(ui);
        case StaffPage::Export:
            return DrawExport(ui);
        case StaffPage::Questionnaires:
            return DrawQuestionnaires(ui);
        case StaffPage::Install:
            return DrawInstall(ui);
        case StaffPage::Health:
            return DrawHealth(ui);
    }
    return {};
}

std::string KioskController::StaffNumber(double value) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    std::string s = buf;
    auto dot = s.find('.');
    if (dot != std::string::npos) s.replace(dot, 1, ST("format.decimal_separator"));
    return s;
}

Intent KioskController::DrawDashboard(UiState& ui) {
    const DashboardData& data = m_dashboard;
    DashboardView v;
    v.title = ST("staff.dash.title");
    v.back = ST("staff.back");
    if (!data.ok) {
        v.error = ST("staff.dash.error");
        return DrawDashboardScreen(v, ui);
    }
    const std::string small = "<" + std::to_string(data.k);
    v.tiles = {{ST("staff.dash.today"), std::to_string(data.today)},
               {ST("staff.dash.week"), std::to_string(data.thisWeek)},
               {ST("staff.dash.total"), std::to_string(data.total)}};
    // Counts are drawn against the largest count shown; means against the 100-point scale.
    auto countChart = [&](const char* title, const std::vector<StatCell>& cells, bool withMean) {
        DashboardView::Chart chart;
        chart.title = ST(title);
        std::int64_t most = 1;
        for (const auto& c : cells)
            if (!c.suppressed) most = std::max(most, c.count);
        for (const auto& c : cells) {
            DashboardView::Bar bar;
            bar.label = c.label;
            if (c.suppressed) {
                bar.value = small;
            } else {
                bar.value = std::to_string(c.count);
                if (withMean && c.mean) bar.value += " · " + StaffNumber(*c.mean);
                bar.fraction = static_cast<float>(c.count) / static_cast<float>(most);
            }
            chart.bars.push_back(std::move(bar));
        }
        v.charts.push_back(std::move(chart));
    };
    countChart("staff.dash.levels", data.levels, false);
    DashboardView::Chart areas;
    areas.title = ST("staff.dash.areas");
    for (const auto& c : data.areas) {
        DashboardView::Bar bar;
        bar.label = c.label;
        if (c.suppressed) bar.value = small;
        else if (c.mean) {
            bar.value = StaffNumber(*c.mean);
            bar.fraction = static_cast<float>(*c.mean / 100.0);
        } else bar.value = "–";
        areas.bars.push_back(std::move(bar));
    }
    v.charts.push_back(std::move(areas));
    countChart("staff.dash.age", data.ageBands, true);
    countChart("staff.dash.gender", data.genders, true);
    v.note = Format(ST("staff.dash.note"), {{"k", std::to_string(data.k)}});
    return DrawDashboardScreen(v, ui);
}

void KioskController::StartExport() {
    if (m_exportJob || !m_staffData || m_exportDrive < 0 || static_cast<std::size_t>(m_exportDrive) >= m_drives.size())
        return;
    ExportRequest request;
    request.dir = m_drives[m_exportDrive].path;
    request.format = static_cast<ExportFileFormat>(m_exportFormat);
    request.dates = static_cast<ExportDates>(m_exportDates);
    const auto& installed = m_catalog.Installed();
    if (m_exportQuestionnaire > 0 && static_cast<std::size_t>(m_exportQuestionnaire) <= installed.size())
        request.questionnaireId = installed[m_exportQuestionnaire - 1]->id;
    request.language = m_options.session.defaultLanguage;
    m_exportResult.reset();
    m_log.Write(LogLevel::Info, "staff: export to " + request.dir + " started");
    auto job = std::make_shared<ExportJob>();
    m_exportJob = job;
    StaffData* data = m_staffData;
    // The worker only touches the job and the StaffData (which reads its own connection to the database).
    m_exportThread = std::thread([job, data, request] {
        ExportOutcome outcome;
        try {
            outcome = data->Export(request, [&job](std::int64_t done, std::int64_t total) {
                job->done = done;
                job->total = total;
            });
        } catch (const std::exception& e) {
            outcome.problem = ExportProblem::Database;
            outcome.detail = e.what();
        }
        job->outcome = std::move(outcome);
        job->finished.store(true, std::memory_order_release);
    });
}

void KioskController::FinishExportIfDone() {
    if (!m_exportJob || !m_exportJob->finished.load(std::memory_order_acquire)) return;
    m_exportThread.join();
    m_exportResult = std::move(m_exportJob->outcome);
    m_exportJob.reset();
    m_staffLastTouch = m_clock.Now();  // the 2 minutes start again once the export is over
    if (m_exportResult->ok) {
        m_lastExport = m_sink.Today() + ": " + m_exportResult->fileName + " (" + std::to_string(m_exportResult->rows) + " rows)";
        m_log.Write(LogLevel::Info, "staff: exported " + std::to_string(m_exportResult->rows) + " rows to " +
                                        m_exportResult->fileName);
    } else {
        m_log.Write(LogLevel::Error, "staff: export failed: " + m_exportResult->detail);
    }
}

Intent KioskController::DrawExport(UiState& ui) {
    FinishExportIfDone();
    ExportView v;
    v.title = ST("staff.export.title");
    v.driveTitle = ST("staff.export.drive");
    v.noDrive = ST("staff.export.no_drive");
    v.rescan = ST("staff.export.rescan");
    v.formatTitle = ST("staff.export.format");
    v.datesTitle = ST("staff.export.dates");
    v.questionnaireTitle = ST("staff.export.questionnaire");
    v.start = ST("staff.export.start");
    v.back = ST("staff.back");
    for (std::size_t i = 0; i < m_drives.size(); ++i)
        v.drives.push_back({m_drives[i].name, static_cast<int>(i) == m_exportDrive});
    const char* formats[] = {"CSV (Excel)", "XLSX (Excel)", "JSON"};
    for (int i = 0; i < 3; ++i) v.formats.push_back({formats[i], i == m_exportFormat});
    const char* dates[] = {"staff.export.dates.day", "staff.export.dates.week", "staff.export.dates.month"};
    for (int i = 0; i < 3; ++i) v.dates.push_back({ST(dates[i]), i == m_exportDates});
    v.questionnaires.push_back({ST("staff.export.all"), m_exportQuestionnaire == 0});
    const auto& installed = m_catalog.Installed();
    for (std::size_t i = 0; i < installed.size(); ++i)
        v.questionnaires.push_back({installed[i]->id + " " + installed[i]->version,
                                    static_cast<int>(i) + 1 == m_exportQuestionnaire});
    v.canStart = m_exportDrive >= 0;
    v.running = m_exportJob != nullptr;
    if (m_exportJob) {
        const std::int64_t done = m_exportJob->done, total = m_exportJob->total;
        v.progress = total > 0 ? static_cast<float>(static_cast<double>(done) / static_cast<double>(total)) : 0.0f;
        v.progressText = Format(ST("staff.export.running"), {{"done", std::to_string(done)}, {"total", std::to_string(total)}});
    }
    if (m_exportResult) {
        const ExportOutcome& r = *m_exportResult;
        v.resultIsError = !r.ok;
        if (r.ok) {
            v.result = Format(ST("staff.export.done"), {{"file", r.fileName}, {"rows", std::to_string(r.rows)}});
        } else {
            const char* key = r.problem == ExportProblem::DriveFull       ? "staff.export.full"
                              : r.problem == ExportProblem::DriveReadOnly ? "staff.export.read_only"
                              : r.problem == ExportProblem::DriveGone     ? "staff.export.gone"
                                                                          : "staff.export.database";
            v.result = ST(key);
        }
    }
    return DrawExportScreen(v, ui);
}

// ---------------------------------------------------------------------------------------------------------
// Trainer pages: questionnaires on/off, install from USB

std::string KioskController::ErrorInWords(const core::ValidationError& e) const {
    // The core's message is English; the place is given in the trainer's terms (line/column, JSON pointer).
    // Both when known: the line for a text editor, the pointer for someone reading the structure.
    std::string where;
    const std::string pointer = e.pointer.empty() ? "/" : e.pointer;
    if (e.line > 0 && !e.syntax)
        where = Format(ST("staff.qs.at_both"),
                       {{"line", std::to_string(e.line)}, {"column", std::to_string(e.column)}, {"pointer", pointer}});
    else if (e.line > 0)
        where = Format(ST("staff.qs.at_line"), {{"line", std::to_string(e.line)}, {"column", std::to_string(e.column)}});
    else
        where = Format(ST("staff.qs.at_pointer"), {{"pointer", pointer}});
    return "• " + where + ": " + e.message;
}

void KioskController::ToggleQuestionnaire(int index) {
    const auto& all = m_catalog.All();
    if (index < 0 || static_cast<std::size_t>(index) >= all.size()) return;
    const std::string id = all[index]->id;
    const bool on = m_catalog.Enabled(id);
    if (on && m_catalog.Installed().size() == 1) {
        // Switching off the last one would leave citizens with an out-of-service kiosk.
        m_pageMessage = ST("staff.qs.last_one");
        m_pageMessageIsError = true;
        return;
    }
    std::string error;
    if (!m_catalog.SetEnabled(id, !on, error)) {
        m_log.Write(LogLevel::Error, "questionnaires: " + error);
        m_pageMessage = ST("staff.qs.write_failed");
        m_pageMessageIsError = true;
        return;
    }
    m_pageMessage.clear();
}

void KioskController::FindInstallFiles() {
    m_installFiles.clear();
    if (!m_staffData) return;
    namespace fs = std::filesystem;
    for (const auto& drive : m_staffData->UsbDrives()) {
        std::error_code ec;
        for (fs::directory_iterator it(drive.path, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code e2;
            if (it->path().extension() == ".json" && it->is_regular_file(e2)) m_installFiles.push_back(it->path().string());
        }
    }
    std::sort(m_installFiles.begin(), m_installFiles.end());
}

void KioskController::InstallFile(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= m_installFiles.size()) return;
    const std::string path = m_installFiles[index];
    std::string writeError;
    core::LoadResult r = m_catalog.Install(path, writeError);
    m_pageLines.clear();
    m_pageMessageIsError = true;
    if (!r.errors.empty()) {
        m_log.Write(LogLevel::Staff, "questionnaires: " + path + " not installed (" + std::to_string(r.errors.size()) +
                                         " problem(s))");
        m_pageMessage = Format(ST("staff.install.invalid"), {{"count", std::to_string(r.errors.size())}});
        for (const auto& e : r.errors) m_pageLines.push_back(ErrorInWords(e));
    } else if (!r.Ok()) {
        m_log.Write(LogLevel::Error, "questionnaires: installing " + path + " failed: " + writeError);
        m_pageMessage = ST("staff.install.write_failed");
    } else {
        m_pageMessageIsError = false;
        m_pageMessage = Format(ST("staff.install.done"), {{"id", r.questionnaire->id}, {"version", r.questionnaire->version}});
    }
}

Intent KioskController::DrawQuestionnaires(UiState& ui) {
    StaffListView v;
    v.title = ST("staff.qs.title");
    v.intro = ST("staff.qs.intro");
    v.message = m_pageMessage;
    v.messageIsError = m_pageMessageIsError;
    const std::string& lang = m_options.session.defaultLanguage;
    const auto& all = m_catalog.All();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const core::Questionnaire& q = *all[i];
        const bool on = m_catalog.Enabled(q.id);
        StaffListView::Row row;
        row.id = kQuestionnaireRowId + std::to_string(i);
        row.label = core::TextIn(q.title, lang);
        row.detail = Format(ST("staff.qs.detail"), {{"id", q.id}, {"version", q.version},
                                                    {"count", std::to_string(q.ItemCount())}}) +
                     " · " + ST(on ? "staff.qs.on" : "staff.qs.off");
        row.selected = on;
        row.secondId = kPreviewRowId + std::to_string(i);
        row.second = ST("staff.qs.preview");
        v.rows.push_back(std::move(row));
    }
    // Files that do not validate: listed with their problems, never offered.
    for (const auto& b : m_catalog.Broken()) {
        v.lines.push_back(Format(ST("staff.qs.broken"), {{"file", std::filesystem::path(b.path).filename().string()}}));
        for (std::size_t i = 0; i < b.errors.size() && i < 5; ++i) v.lines.push_back(ErrorInWords(b.errors[i]));
    }
    v.rowIntent = IntentKind::StaffToggle;
    v.secondIntent = IntentKind::StaffPreview;
    if (m_staffData) {
        v.actionId = kInstallButtonId;
        v.action = ST("staff.qs.install");
        v.actionIntent = IntentKind::StaffOpenInstall;
    }
    v.back = ST("staff.back");
    return DrawStaffListScreen(v, ui);
}

// Starts the citizen flow on any installed questionnaire (switched off ones too) as a practice run: the
// consent step is skipped as "not stored", and Consent can never be given while m_preview is set.
void KioskController::StartPreview(int index) {
    const auto& all = m_catalog.All();
    if (index < 0 || static_cast<std::size_t>(index) >= all.size()) return;
    QuestionnairePtr q = all[index];
    m_session.Abandon();
    WipeCitizen();
    m_session.SetLanguage(m_options.session.defaultLanguage);
    if (!m_session.Start(q)) return;
    m_current = q;
    m_session.GiveConsent(false);
    m_preview = true;
    m_staffPage = StaffPage::None;
    m_log.Write(LogLevel::Info, "staff: preview of \"" + q->id + "\" version " + q->version + " (nothing stored)");
}

Intent KioskController::DrawInstall(UiState& ui) {
    StaffListView v;
    v.title = ST("staff.install.title");
    v.intro = ST(m_installFiles.empty() ? "staff.install.none" : "staff.install.intro");
    v.message = m_pageMessage;
    v.messageIsError = m_pageMessageIsError;
    for (std::size_t i = 0; i < m_installFiles.size(); ++i) {
        const std::filesystem::path p(m_installFiles[i]);
        v.rows.push_back({kInstallFileRowId + std::to_string(i), p.filename().string(), p.parent_path().filename().string(),
                          false, true, "", ""});
    }
    v.lines = m_pageLines;
    v.rowIntent = IntentKind::StaffInstallFile;
    v.actionId = kInstallRescanId;
    v.action = ST("staff.export.rescan");
    v.actionIntent = IntentKind::StaffRescan;
    v.back = ST("staff.back");
    return DrawStaffListScreen(v, ui);
}

// ---------------------------------------------------------------------------------------------------------
// Health

std::string KioskController::Bytes(std::int64_t bytes) const {
    if (bytes < 0) return ST("staff.health.unknown");
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    if (mb >= 1024) return StaffNumber(mb / 1024.0) + " GB";
    return StaffNumber(mb) + " MB";
}

Intent KioskController::DrawHealth(UiState& ui) {
    const HealthData& h = m_health;
    StaffListView v;
    v.title = ST("staff.health.title");
    if (!h.healthy) {
        v.message = ST("staff.health.problem");
        v.messageIsError = true;
    }
    v.lines.push_back(Format(ST("staff.health.version"), {{"version", KIOSK_VERSION}}));
    v.lines.push_back(Format(ST("staff.health.database"), {{"path", h.database}, {"size", Bytes(h.databaseBytes)}}));
    v.lines.push_back(h.healthy ? Format(ST("staff.health.integrity_ok"), {{"count", std::to_string(h.results)}})
                                : Format(ST("staff.health.integrity_bad"), {{"detail", h.integrity}}));
    v.lines.push_back(Format(ST("staff.health.free"), {{"size", Bytes(h.freeBytes)}}));
    v.lines.push_back(m_lastExport.empty() ? ST("staff.health.no_export")
                                           : Format(ST("staff.health.last_export"), {{"export", m_lastExport}}));
    for (const auto& n : m_staffNotices) v.lines.push_back("⚠ " + n);
    v.lines.push_back(ST("staff.health.log"));
    for (const auto& line : h.logTail) v.lines.push_back(line);
    v.back = ST("staff.back");
    return DrawStaffListScreen(v, ui);
}

}  // namespace kiosk::ui
