// ResultSink backed by the SQLite result store.
#include "kiosk/app/store_sink.h"

namespace kiosk::app {

StoreSink::StoreSink(storage::StoreConfig config, ui::EventLog& log) : m_config(std::move(config)), m_log(log) {}

StoreSink::~StoreSink() = default;

std::string StoreSink::Today() const { return storage::TodayLocalDate(); }

std::vector<std::string> StoreSink::TakeStaffNotices() {
    std::vector<std::string> out;
    out.swap(m_notices);
    return out;
}

ui::SaveOutcome StoreSink::Ready() {
    if (m_store) return {true, ""};
    try {
        auto store = std::make_unique<storage::ResultStore>(m_config);
        const storage::OpenReport& report = store->Report();
        if (report.corruptMovedAside)
            m_notices.push_back("storage: the database " + m_config.path + " was damaged; it was moved aside to " +
                                report.movedAsidePath + " (nothing deleted) and a new one was created");
        if (!report.unexpectedState.empty())
            m_notices.push_back("storage: " + report.unexpectedState + "; the files were moved aside to " +
                                report.movedAsidePath + " (nothing deleted); " +
                                (report.recoveredFromLog
                                     ? std::to_string(report.recoveredResults) + " result(s) recovered from the log"
                                     : "a new database was started" +
                                           (report.recoveryDetail.empty() ? "" : " (" + report.recoveryDetail + ")")));
        m_log.Write(ui::LogLevel::Info, "storage: " + m_config.path + (report.created ? " created" : " opened") +
                                            ", schema " + std::to_string(report.schemaVersion));
        m_store = std::move(store);
        return {true, ""};
    } catch (const storage::StorageError& e) {
        return {false, std::string(storage::StorageErrorKindName(e.Kind())) + ": " + e.what()};
    } catch (const std::exception& e) {
        return {false, std::string("unexpected: ") + e.what()};
    }
}

ui::SaveOutcome StoreSink::Save(const ui::CompletedAssessment& r) {
    ui::SaveOutcome ready = Ready();
    if (!ready.ok) return ready;
    storage::ResultRecord record;
    record.questionnaire = r.questionnaire.get();
    record.result = &r.result;
    record.answers = &r.answers;
    record.profile = r.profile;
    record.language = r.language;
    record.date = r.date;
    try {
        m_store->Save(record);  // the id is not logged: a log line's time next to an id would undo day-only dates
        return {true, ""};
    } catch (const storage::StorageError& e) {
        // Reopen on the next attempt: a damaged file is then checked (and moved aside) at open.
        m_store.reset();
        return {false, std::string(storage::StorageErrorKindName(e.Kind())) + ": " + e.what()};
    } catch (const std::exception& e) {
        m_store.reset();
        return {false, std::string("unexpected: ") + e.what()};
    }
}

}  // namespace kiosk::app
