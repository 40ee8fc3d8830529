// The copy of a questionnaire kept in the result database next to the results taken with it. Normally the
// file's exact bytes; when the file can no longer be read (or changed since the kiosk loaded it) the loaded
// model is written back out as an equivalent kiosk-questionnaire/1 document, so labels are never lost.
#pragma once

#include "kiosk/core/questionnaire.h"

#include <optional>
#include <string>

namespace kiosk::storage {

// A kiosk-questionnaire/1 document equivalent to `q`: same ids, texts, options, scales and scoring rules,
// so ParseQuestionnaire() of it yields the same questionnaire (except sha256 and path).
std::string RebuildQuestionnaireDocument(const core::Questionnaire& q);

// The stored document for `q`: the bytes at q.path when their SHA-256 is q.sha256 (exact = true),
// otherwise the rebuilt document (exact = false).
struct QuestionnaireDocument {
    std::string bytes;
    bool exact = false;
};
QuestionnaireDocument DocumentFor(const core::Questionnaire& q);

// Parses a stored document for labels; empty when it does not validate (e.g. written by a newer format).
std::optional<core::Questionnaire> ParseStoredDocument(const std::string& document, const std::string& name);

}  // namespace kiosk::storage
