// kiosk-admin validate / score: questionnaire files and answers, using kiosk_core only.
#include "kiosk/admin/commands.h"
#include "kiosk/core/escape.h"
#include "kiosk/core/json_reader.h"
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "kiosk/core/text.h"

#include <cstdio>
#include <iostream>

namespace kiosk::admin {

int CmdValidate(const Args& args) {
    if (WantsHelp(args) || args.empty()) {
        std::fprintf(
            args.empty() ? stderr : stdout,
            "usage: kiosk-admin validate FILE…\n\n"
            "Checks each questionnaire file against kiosk-questionnaire/1 and the files against each\n"
            "other (same id and version with different content). Prints every error, one per line, as\n"
            "FILE: POINTER: message. Exit 0 when all files are valid, 1 otherwise.\n");
        return args.empty() ? 2 : 0;
    }
    std::vector<core::Questionnaire> valid;
    std::size_t errors = 0;
    for (const auto& file : args) {
        core::LoadResult r = core::LoadQuestionnaireFile(file);
        for (const auto& e : r.errors) std::cout << e.ToString() << '\n';
        errors += r.errors.size();
        if (r.questionnaire) valid.push_back(std::move(*r.questionnaire));
    }
    for (const auto& e : core::ValidateInstalledSet(valid)) {
        std::cout << e.ToString() << '\n';
        ++errors;
    }
    std::cout.flush();
    if (errors == 0) {
        for (const auto& q : valid)
            std::fprintf(stderr, "%s: valid (%s %s, %zu items)\n", q.path.c_str(), q.id.c_str(),
                         q.version.c_str(), q.ItemCount());
        return 0;
    }
    std::fprintf(stderr, "%zu error(s)\n", errors);
    return 1;
}

int CmdScore(const Args& args) {
    if (WantsHelp(args) || args.size() != 2) {
        std::fprintf(
            WantsHelp(args) ? stdout : stderr,
            "usage: kiosk-admin score QUESTIONNAIRE ANSWERS\n\n"
            "Scores ANSWERS, a JSON file {\"questionnaire\": ID, \"answers\": {ITEM: OPTION_INDEX}},\n"
            "against the QUESTIONNAIRE file and prints the result JSON. Option indexes are 0-based\n"
            "positions in the item's option list. Exit 1 for an invalid questionnaire or answers.\n");
        return WantsHelp(args) ? 0 : 2;
    }
    core::LoadResult q = core::LoadQuestionnaireFile(args[0]);
    if (!q.Ok()) {
        for (const auto& e : q.errors) std::cerr << e.ToString() << '\n';
        std::cerr << "kiosk-admin score: the questionnaire is not valid\n";
        return 1;
    }
    std::string bytes, error;
    if (!core::ReadFileBytes(args[1], bytes, error)) {
        std::cerr << core::EscapeControl(args[1]) << ": " << core::EscapeControl(error) << '\n';
        return 1;
    }
    core::JsonReadResult doc = core::ReadJson(bytes);
    if (!doc.ok) {
        for (const auto& d : doc.errors) {
            std::cerr << core::ValidationError{args[1], d.pointer, d.message, d.line, d.column, d.line > 0}
                             .ToString()
                      << '\n';
        }
        return 1;
    }
    core::AnswerMap answers;
    auto problems = core::ParseAnswers(*q.questionnaire, doc.value, answers);
    if (!problems.empty()) {
        for (const auto& p : problems)
            std::cerr << core::EscapeControl(args[1] + ": " + p.pointer + ": " + p.message) << '\n';
        return 1;
    }
    core::Result r = core::ScoreAnswers(*q.questionnaire, answers);
    std::cout << core::ResultToJson(*q.questionnaire, r).dump(2) << '\n';
    return 0;
}

}  // namespace kiosk::admin
