// The staff pages' view models, built from the staff flow's state and the translations.
#include "kiosk/ui/staff_views.h"

#include "kiosk/ui/citizen_views.h"

#include <algorithm>

namespace kiosk::ui {

namespace {

long long CeilSeconds(core::Millis ms) { return (ms.count() + 999) / 1000; }

// Texts in the staff language.
struct Texts {
    const Translations& texts;
    const std::string& lang;
    const std::string& operator()(std::string_view key) const { return texts.Get(lang, key); }
    std::string Number(double value) const { return FormatDecimal(value, texts, lang); }
};

Texts StaffTexts(const flow::StaffFlow& flow, const Translations& texts) { return Texts{texts, flow.Options().language}; }

// The last part of a path, and the folder it is in (paths are only shown here, never opened).
std::string FileName(const std::string& path) { return path.substr(path.rfind('/') + 1); }
std::string FolderName(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : FileName(path.substr(0, slash));
}

std::string ErrorInWords(const Texts& T, const core::ValidationError& e) {
    // The core's message is English; the place is given in the trainer's terms (line/column, JSON pointer).
    // Both when known: the line for a text editor, the pointer for someone reading the structure.
    std::string where;
    const std::string pointer = e.pointer.empty() ? "/" : e.pointer;
    if (e.line > 0 && !e.syntax)
        where = Format(T("staff.qs.at_both"),
                       {{"line", std::to_string(e.line)}, {"column", std::to_string(e.column)}, {"pointer", pointer}});
    else if (e.line > 0)
        where = Format(T("staff.qs.at_line"), {{"line", std::to_string(e.line)}, {"column", std::to_string(e.column)}});
    else
        where = Format(T("staff.qs.at_pointer"), {{"pointer", pointer}});
    // In the staff language when the validator gave the message an id; the English text otherwise.
    std::string message = e.message;
    if (!e.messageId.empty() && T.texts.Has(T.lang, e.messageId)) {
        message = T(e.messageId);
        for (const auto& [name, value] : e.messageArgs) message = Format(message, {{name.c_str(), value}});
    }
    return "• " + where + ": " + message;
}

std::string PageMessage(const Texts& T, const flow::StaffFlow& flow) {
    if (flow.PageMessage().empty()) return "";
    std::string text = T(flow.PageMessage());
    for (const auto& [name, value] : flow.PageMessageArgs()) text = Format(text, {{name, value}});
    return text;
}

std::string Bytes(const Texts& T, std::int64_t bytes) {
    if (bytes < 0) return T("staff.health.unknown");
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    if (mb >= 1024) return T.Number(mb / 1024.0) + " GB";
    return T.Number(mb) + " MB";
}

// "Tháo USB an toàn" on the export page: the button once an export finished, and what became of the stick
// (the page message) in place of the export's outcome.
void AddStickRemoval(ExportView& v, const flow::StaffFlow& flow, const Texts& T) {
    v.removeStick = T("staff.export.remove");
    v.canRemoveStick = flow.CanRemoveStick();
    v.removingStick = flow.RemovingStick();
    if (v.removingStick) {
        v.result = T("staff.export.removing");
        v.resultIsError = false;
    } else if (!flow.PageMessage().empty()) {
        v.result = PageMessage(T, flow);
        v.resultIsError = flow.PageMessageIsError();
    }
}

// The central-sync status line(s) of the health page: when it last worked, how much waits, and what is
// wrong in words staff can act on (the error kind's translation, never the server's raw message).
void AddCentralSyncLines(const Texts& T, const flow::CentralSyncHealth& c, std::vector<std::string>& lines) {
    if (!c.configured) {
        lines.push_back(T("staff.health.central_off"));
        return;
    }
    const std::string waiting = c.waiting < 0 ? T("staff.health.unknown") : std::to_string(c.waiting);
    lines.push_back(Format(T("staff.health.central_status"),
                           {{"time", c.lastSuccess.empty() ? T("staff.health.central_none") : c.lastSuccess},
                            {"waiting", waiting}}));
    if (c.error.empty()) return;
    static const std::pair<const char*, const char*> reasons[] = {
        {"unreachable", "staff.health.central_error.unreachable"},
        {"auth-failed", "staff.health.central_error.auth_failed"},
        {"tls", "staff.health.central_error.tls"},
        {"permission-denied", "staff.health.central_error.permission_denied"},
        {"central-disk-full", "staff.health.central_error.disk_full"},
        {"schema-behind", "staff.health.central_error.schema_behind"},
        {"schema-ahead", "staff.health.central_error.schema_ahead"},
        {"connection-lost", "staff.health.central_error.connection_lost"},
        {"local-storage", "staff.health.central_error.local_storage"},
        {"bad-config", "staff.health.central_error.bad_config"},
    };
    const char* reason = "staff.health.central_error.other";
    for (const auto& [kind, key] : reasons)
        if (c.error == kind) reason = key;
    lines.push_back("⚠ " + Format(T("staff.health.central_error"),
                                  {{"reason", T(reason)}, {"seconds", std::to_string(c.nextAttemptSeconds)}}));
}

}  // namespace

PinPadView BuildPinPadView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    PinPadView v;
    v.digits = flow.PinDigits();
    v.erase = T("staff.pin.erase");
    v.ok = T("staff.pin.ok");
    v.cancel = T("staff.pin.cancel");
    if (flow.Page() == flow::StaffPage::SetPin) {
        v.title = T("staff.setpin.title");
        v.prompt = T(flow.SettingSecondPin() ? "staff.setpin.again" : "staff.setpin.prompt");
        if (!flow.PinMessage().empty()) v.message = T(flow.PinMessage());
        v.messageIsError = flow.PinMessageIsError();
        v.canCancel = flow.PinStored();
        return v;
    }
    v.title = T("staff.pin.title");
    v.prompt = T("staff.pin.prompt");
    const core::PinLock& lock = flow.Lock();
    v.locked = lock.Locked() || flow.PinUnreadable();
    const int failures = lock.FailuresInARow();
    if (flow.PinUnreadable())
        v.message = T("staff.pin.file_broken");
    else if (lock.Locked())
        v.message = Format(T("staff.pin.locked"), {{"seconds", std::to_string(CeilSeconds(lock.LockRemaining()))}});
    else if (failures >= core::PinLock::kFreeAttempts)
        v.message = T("staff.pin.wrong_last");
    else if (failures > 0)
        v.message = Format(T("staff.pin.wrong"), {{"left", std::to_string(core::PinLock::kFreeAttempts - failures)}});
    v.messageIsError = true;
    return v;
}

StaffMenuView BuildStaffMenuView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    using flow::StaffAction;
    StaffMenuView v;
    v.title = T("staff.menu.title");
    v.intro = Format(T("staff.menu.intro"), {{"seconds", std::to_string(CeilSeconds(flow.Options().idleTimeout))}});
    v.notices = flow.Notices();
    const bool store = flow.StorePages();
    if (store)
        v.entries.push_back({static_cast<int>(StaffAction::Dashboard), T("staff.menu.dashboard"), T("staff.menu.dashboard_detail")});
    v.entries.push_back({static_cast<int>(StaffAction::Questionnaires), T("staff.menu.questionnaires"),
                         T("staff.menu.questionnaires_detail")});
    if (store) {
        v.entries.push_back({static_cast<int>(StaffAction::Export), T("staff.menu.export"), T("staff.menu.export_detail")});
        v.entries.push_back({static_cast<int>(StaffAction::Health), T("staff.menu.health"), T("staff.menu.health_detail")});
    }
    v.entries.push_back({static_cast<int>(StaffAction::ExitApp), T("staff.menu.exit"), T("staff.menu.exit_detail")});
    v.close = T("staff.menu.close");
    return v;
}

StaffConfirmView BuildStaffConfirmView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    return StaffConfirmView{T("staff.exit.title"), T("staff.exit.body"), T("staff.exit.confirm"), T("staff.exit.cancel")};
}

DashboardView BuildDashboardView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    const flow::DashboardData& data = flow.Dashboard();
    DashboardView v;
    v.title = T("staff.dash.title");
    v.back = T("staff.back");
    if (!data.ok) {
        v.error = T("staff.dash.error");
        return v;
    }
    const std::string small = "<" + std::to_string(data.k);
    v.tiles = {{T("staff.dash.today"), std::to_string(data.today)},
               {T("staff.dash.week"), std::to_string(data.thisWeek)},
               {T("staff.dash.total"), std::to_string(data.total)}};
    // Counts are drawn against the largest count shown; means against the 100-point scale.
    auto countChart = [&](const char* title, const std::vector<flow::StatCell>& cells, bool withMean) {
        DashboardView::Chart chart;
        chart.title = T(title);
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
                if (withMean && c.mean) bar.value += " · " + T.Number(*c.mean);
                bar.fraction = static_cast<float>(c.count) / static_cast<float>(most);
            }
            chart.bars.push_back(std::move(bar));
        }
        v.charts.push_back(std::move(chart));
    };
    countChart("staff.dash.levels", data.levels, false);
    DashboardView::Chart areas;
    areas.title = T("staff.dash.areas");
    for (const auto& c : data.areas) {
        DashboardView::Bar bar;
        bar.label = c.label;
        if (c.suppressed) {
            bar.value = small;
        } else if (c.mean) {
            bar.value = T.Number(*c.mean);
            bar.fraction = static_cast<float>(*c.mean / 100.0);
        } else {
            bar.value = "–";
        }
        areas.bars.push_back(std::move(bar));
    }
    v.charts.push_back(std::move(areas));
    countChart("staff.dash.age", data.ageBands, true);
    countChart("staff.dash.gender", data.genders, true);
    v.note = Format(T("staff.dash.note"), {{"k", std::to_string(data.k)}});
    return v;
}

ExportView BuildExportView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    ExportView v;
    v.title = T("staff.export.title");
    v.driveTitle = T("staff.export.drive");
    v.noDrive = T("staff.export.no_drive");
    v.rescan = T("staff.export.rescan");
    v.formatTitle = T("staff.export.format");
    v.datesTitle = T("staff.export.dates");
    v.questionnaireTitle = T("staff.export.questionnaire");
    v.start = T("staff.export.start");
    v.back = T("staff.back");
    const auto& drives = flow.Drives();
    for (std::size_t i = 0; i < drives.size(); ++i)
        v.drives.push_back({drives[i].name, static_cast<int>(i) == flow.ExportDrive()});
    const char* formats[] = {"CSV (Excel)", "XLSX (Excel)", "JSON"};
    for (int i = 0; i < 3; ++i) v.formats.push_back({formats[i], i == flow.ExportFormat()});
    const char* dates[] = {"staff.export.dates.day", "staff.export.dates.week", "staff.export.dates.month"};
    for (int i = 0; i < 3; ++i) v.dates.push_back({T(dates[i]), i == flow.ExportDatesChoice()});
    v.questionnaires.push_back({T("staff.export.all"), flow.ExportQuestionnaire() == 0});
    const auto offered = flow.Catalog().Offered();
    for (std::size_t i = 0; i < offered.size(); ++i)
        v.questionnaires.push_back(
            {offered[i]->id + " " + offered[i]->version, static_cast<int>(i) + 1 == flow.ExportQuestionnaire()});
    v.canStart = flow.ExportDrive() >= 0;
    v.running = flow.ExportRunning();
    if (v.running) {
        const std::int64_t done = flow.ExportDone(), total = flow.ExportTotal();
        v.progress = total > 0 ? static_cast<float>(static_cast<double>(done) / static_cast<double>(total)) : 0.0f;
        v.progressText = Format(T("staff.export.running"), {{"done", std::to_string(done)}, {"total", std::to_string(total)}});
    }
    if (const auto& r = flow.ExportResult()) {
        v.resultIsError = !r->ok;
        if (r->ok) {
            v.result = Format(T("staff.export.done"), {{"file", r->fileName}, {"rows", std::to_string(r->rows)}});
        } else {
            using flow::ExportProblem;
            const char* key = r->problem == ExportProblem::DriveFull       ? "staff.export.full"
                              : r->problem == ExportProblem::DriveReadOnly ? "staff.export.read_only"
                              : r->problem == ExportProblem::DriveGone     ? "staff.export.gone"
                                                                           : "staff.export.database";
            v.result = T(key);
        }
    }
    AddStickRemoval(v, flow, T);
    return v;
}

StaffListView BuildQuestionnairesView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    StaffListView v;
    v.title = T("staff.qs.title");
    v.intro = T("staff.qs.intro");
    v.message = PageMessage(T, flow);
    v.messageIsError = flow.PageMessageIsError();
    const flow::CatalogState& catalog = flow.Catalog();
    for (std::size_t i = 0; i < catalog.all.size(); ++i) {
        const core::Questionnaire& q = *catalog.all[i];
        const bool on = i < catalog.enabled.size() && catalog.enabled[i];
        StaffListView::Row row;
        row.id = kQuestionnaireRowId + std::to_string(i);
        row.label = core::TextIn(q.title, T.lang);
        row.detail = Format(T("staff.qs.detail"), {{"id", q.id}, {"version", q.version}, {"count", std::to_string(q.ItemCount())}}) +
                     " · " + T(on ? "staff.qs.on" : "staff.qs.off");
        row.selected = on;
        row.secondId = kPreviewRowId + std::to_string(i);
        row.second = T("staff.qs.preview");
        v.rows.push_back(std::move(row));
    }
    // Files that do not validate: listed with their problems, never offered.
    for (const auto& b : catalog.broken) {
        v.lines.push_back(Format(T("staff.qs.broken"), {{"file", FileName(b.path)}}));
        for (std::size_t i = 0; i < b.errors.size() && i < 5; ++i) v.lines.push_back(ErrorInWords(T, b.errors[i]));
    }
    v.rowIntent = IntentKind::StaffToggle;
    v.secondIntent = IntentKind::StaffPreview;
    if (flow.StorePages()) {
        v.actionId = kInstallButtonId;
        v.action = T("staff.qs.install");
        v.actionIntent = IntentKind::StaffOpenInstall;
    }
    v.back = T("staff.back");
    return v;
}

StaffListView BuildInstallView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    StaffListView v;
    const auto& files = flow.InstallFiles();
    v.title = T("staff.install.title");
    v.intro = T(files.empty() ? "staff.install.none" : "staff.install.intro");
    v.message = PageMessage(T, flow);
    v.messageIsError = flow.PageMessageIsError();
    for (std::size_t i = 0; i < files.size(); ++i) {
        v.rows.push_back({kInstallFileRowId + std::to_string(i), FileName(files[i]), FolderName(files[i]), false, true, "", ""});
    }
    for (const auto& e : flow.PageErrors()) v.lines.push_back(ErrorInWords(T, e));
    v.rowIntent = IntentKind::StaffInstallFile;
    v.actionId = kInstallRescanId;
    v.action = T("staff.export.rescan");
    v.actionIntent = IntentKind::StaffRescan;
    v.back = T("staff.back");
    return v;
}

StaffConfirmView BuildInstallConfirmView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    StaffConfirmView v;
    v.title = T("staff.install.confirm_title");
    v.confirm = T("staff.install.confirm");
    v.cancel = T("staff.install.cancel");
    v.confirmIntent = IntentKind::StaffInstallConfirm;
    v.cancelIntent = IntentKind::StaffInstallCancel;
    const auto& pending = flow.PendingInstall();
    if (!pending || !pending->incoming) return v;
    const core::Questionnaire& q = *pending->incoming;
    std::vector<std::string> lines;
    lines.push_back(Format(T("staff.install.confirm_file"), {{"file", FileName(pending->path)}}));
    lines.push_back(Format(T("staff.install.confirm_what"), {{"id", q.id}, {"title", core::TextIn(q.title, T.lang)}}));
    lines.push_back(pending->installed
                        ? Format(T("staff.install.confirm_update"), {{"old", pending->installed->version}, {"new", q.version}})
                        : Format(T("staff.install.confirm_new"), {{"new", q.version}}));
    lines.push_back(Format(T("staff.install.confirm_items"), {{"count", std::to_string(q.ItemCount())}}));
    if (pending->installed) lines.push_back(T("staff.install.confirm_note"));
    for (const auto& line : lines) v.body += (v.body.empty() ? "" : "\n") + line;
    return v;
}

namespace {

// Read-aloud on the health page: the volume steps as rows (the one in use selected) and the test tone.
void AddSoundControls(const flow::StaffFlow& flow, const Texts& T, StaffListView& v) {
    if (!flow.Sound()) {
        v.lines.push_back(T("staff.health.no_sound"));
        return;
    }
    v.intro = T("staff.health.volume");
    for (int i = 0; i < flow::kVolumeSteps; ++i) {
        StaffListView::Row r;
        r.id = "staff.volume." + std::to_string(i);
        r.label = Format(T("staff.health.volume_step"),
                         {{"step", std::to_string(i + 1)}, {"count", std::to_string(flow::kVolumeSteps)}});
        r.selected = i == flow.VolumeStep();
        v.rows.push_back(std::move(r));
    }
    v.rowIntent = IntentKind::StaffVolume;
    v.actionId = "staff.health.test_tone";
    v.action = T("staff.health.test_tone");
    v.actionIntent = IntentKind::StaffTestTone;
}

}  // namespace

StaffListView BuildHealthView(const flow::StaffFlow& flow, const Translations& texts) {
    const Texts T = StaffTexts(flow, texts);
    const flow::HealthData& h = flow.Health();
    StaffListView v;
    v.title = T("staff.health.title");
    if (!h.healthy) {
        v.message = T("staff.health.problem");
        v.messageIsError = true;
    }
    v.lines.push_back(Format(T("staff.health.version"), {{"version", KIOSK_VERSION}}));
    v.lines.push_back(Format(T("staff.health.database"), {{"path", h.database}, {"size", Bytes(T, h.databaseBytes)}}));
    v.lines.push_back(h.healthy ? Format(T("staff.health.integrity_ok"), {{"count", std::to_string(h.results)}})
                                : Format(T("staff.health.integrity_bad"), {{"detail", h.integrity}}));
    v.lines.push_back(Format(T("staff.health.free"), {{"size", Bytes(T, h.freeBytes)}}));
    v.lines.push_back(flow.LastExport().empty() ? T("staff.health.no_export")
                                                : Format(T("staff.health.last_export"), {{"export", flow.LastExport()}}));
    AddCentralSyncLines(T, h.central, v.lines);
    for (const auto& n : flow.Notices()) v.lines.push_back("⚠ " + n);
    AddSoundControls(flow, T, v);
    v.lines.push_back(T("staff.health.log"));
    for (const auto& line : h.logTail) v.lines.push_back(line);
    v.back = T("staff.back");
    return v;
}

}  // namespace kiosk::ui
