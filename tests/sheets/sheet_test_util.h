// Helpers shared by the sheets tests: files in a private temporary folder, fixtures and the shipped
// questionnaires (which fail the test with a clear message when missing).
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace sheets_test {

// A fresh folder under the system temp dir, removed with everything in it at the end of the test.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-sheets-XXXXXX").string();
        if (char* made = ::mkdtemp(pattern.data())) m_path = made;
        REQUIRE_MESSAGE(!m_path.empty(), "cannot create a temporary folder");
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }
    const std::string& Path() const { return m_path; }

  private:
    std::string m_path;
};

inline std::string SourcePath(const std::string& relative) {
    return std::string(KIOSK_SOURCE_DIR) + "/" + relative;
}

inline std::string ReadFile(const std::string& path) {
    std::string bytes, error;
    REQUIRE_MESSAGE(kiosk::core::ReadFileBytes(path, bytes, error), path << ": " << error);
    return bytes;
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE_MESSAGE(out.good(), "cannot write " << path);
}

inline bool FileExists(const std::string& path) {
    return std::filesystem::exists(path);
}

inline kiosk::core::Questionnaire LoadValid(const std::string& path) {
    kiosk::core::LoadResult r = kiosk::core::LoadQuestionnaireFile(path);
    for (const auto& e : r.errors) MESSAGE(e.ToString());
    REQUIRE(r.Ok());
    return *r.questionnaire;
}

// The shipped questionnaires are written by another part of the project; say so plainly when absent.
inline std::string ShippedPath(const std::string& name) {
    std::string path = SourcePath("questionnaires/" + name);
    REQUIRE_MESSAGE(FileExists(path), path << " is missing: the sheets round-trip test needs the shipped "
                                              "questionnaires (questionnaires/danang-dcf.json and "
                                              "danang-dcf-quick.json) in the source tree");
    return path;
}

// Plain JSON values compare objects without regard to key order, so two files are "the same document"
// exactly when every key, text and number is equal.
inline nlohmann::json ParseJson(const std::string& bytes) {
    return nlohmann::json::parse(bytes);
}

}  // namespace sheets_test
