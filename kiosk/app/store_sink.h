// The kiosk's ResultSink over storage::ResultStore: opens the database lazily (and again after a failure),
// turns StorageError into a SaveOutcome for the controller, and reports a corrupt database that was moved
// aside so staff hear of it.
#pragma once

#include "kiosk/app/kiosk_controller.h"
#include "kiosk/station/event_log.h"
#include "storage/result_store.h"

#include <memory>
#include <string>
#include <vector>

namespace kiosk::app {

class StoreSink final : public ResultSink {
public:
    StoreSink(storage::StoreConfig config, station::EventLog& log);
    ~StoreSink() override;

    SaveOutcome Ready() override;
    SaveOutcome Save(const core::ResultRecord& record) override;
    std::vector<std::string> TakeStaffNotices() override;

private:
    storage::StoreConfig m_config;
    station::EventLog& m_log;
    std::unique_ptr<storage::ResultStore> m_store;
    std::vector<std::string> m_notices;
};

}  // namespace kiosk::app
