// Shared helpers for the storage tests: a temporary directory removed afterwards, the test questionnaire,
// and result records built the way the kiosk builds them (answers -> core scoring -> record).
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "storage/result_store.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::storage::test {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-storage-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& Path() const { return m_path; }
    std::string File(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

inline std::string FixturePath(const std::string& name) {
    return std::string(KIOSK_SOURCE_DIR) + "/tests/storage/" + name;
}

// tests/storage/fixtures/mini.json: tests/fixtures/minimal.json with a comma and quotes in one item text.
// 2 areas, 3 competencies, 6 items (c1-k, c1-q, c1-s, c1-a, c2-s, c3-s); weights knowledge 1, skill 2,
// attitude 1; scale s4 = values 0..3 plus an excluded option (index 4); c1-q is a check, option 0 right.
inline std::shared_ptr<const core::Questionnaire> MiniQuestionnaire() {
    static std::shared_ptr<const core::Questionnaire> q = [] {
        auto r = core::LoadQuestionnaireFile(FixturePath("fixtures/mini.json"));
        REQUIRE(r.Ok());
        return std::make_shared<const core::Questionnaire>(std::move(*r.questionnaire));
    }();
    return q;
}

// A record and the data it points to, kept alive together.
struct OwnedRecord {
    std::shared_ptr<const core::Questionnaire> q;
    core::AnswerMap answers;
    core::Result result;
    ResultRecord record;
};

inline std::unique_ptr<OwnedRecord> MakeRecord(std::shared_ptr<const core::Questionnaire> q,
                                               core::AnswerMap answers,
                                               const std::string& date = "2026-11-18",
                                               const std::string& ageBand = "60-74",
                                               const std::string& gender = "female",
                                               const std::string& assisted = "no", bool simulated = false) {
    auto o = std::make_unique<OwnedRecord>();
    o->q = std::move(q);
    o->answers = std::move(answers);
    o->result = core::ScoreAnswers(*o->q, o->answers);
    o->record.questionnaire = o->q.get();
    o->record.result = &o->result;
    o->record.answers = &o->answers;
    o->record.profile.ageBand = ageBand;
    o->record.profile.gender = gender;
    o->record.profile.assisted = assisted;
    o->record.language = "vi";
    o->record.date = date;
    o->record.simulated = simulated;
    return o;
}

// Every item of the mini questionnaire answered.
inline core::AnswerMap FullAnswers(int scaleIndex = 2, int checkIndex = 0) {
    return {{"c1-k", scaleIndex}, {"c1-q", checkIndex}, {"c1-s", scaleIndex},
            {"c1-a", scaleIndex}, {"c2-s", scaleIndex}, {"c3-s", scaleIndex}};
}

inline StoreConfig ConfigAt(const std::string& path) {
    StoreConfig c;
    c.path = path;
    c.kioskId = "kiosk-7";
    c.locationCode = "hai-chau";
    return c;
}

// Rows of an RFC 4180 CSV file as the exports write it (UTF-8 BOM, CRLF, quoted fields), written
// independently of the exporter so the tests check its output rather than trust it.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field.push_back(c);
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

}  // namespace kiosk::storage::test
