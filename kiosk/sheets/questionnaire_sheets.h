// Questionnaire <-> spreadsheet conversion, for trainers who edit questionnaires in LibreOffice or Excel.
//
// Sheets (names and column names are case-insensitive; columns may be in any order; a column or sheet whose
// name starts with "x-" or "note" is ignored, so trainers can keep notes):
//   items   one row per item: area_id, area_title_<lang>, competency_id, competency_title_<lang>, item_id,
//           dimension, scale, text_<lang>, option<N>_<lang>, correct, excluded_options,
//           competency_description_<lang>, recommendation_<lang>. Area and competency cells may be left
//           empty after the first row of the area/competency (they carry over from the row above).
//           A scale item names its scale; a knowledge check leaves `scale` empty, gives option1_<lang>,
//           option2_<lang>, … and `correct` = the number of the correct option (1 = the first).
//   scales  one row per scale option: scale_id (carries over when empty), value, excluded, label_<lang>.
//   levels  one row per level: level_id, min, label_<lang>, description_<lang> (optional). A row with an
//           area_id gives that area's own description of level_id (description_<lang>; min and label empty).
//   meta    key/value rows: id, version, languages, title_<lang>, description_<lang>, source_<lang>,
//           estimated_minutes, weight_knowledge, weight_skill, weight_attitude, recommend_below.
// A CSV file is the items sheet alone; scales, levels and metadata then come from a META.json file (a
// questionnaire file whose "areas", if any, carry only id and level_descriptions), or from built-in
// defaults (the Da Nang levels and 4-point scales).
// In a workbook, a missing scales/levels/meta sheet is likewise taken from META.json or the defaults.
#pragma once

#include "kiosk/core/questionnaire.h"
#include "kiosk/sheets/workbook.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::sheets {

struct ImportOptions {
    std::string sheetFile;                 // the spreadsheet's name as shown in messages
    std::optional<std::string> metaBytes;  // contents of META.json, when given
    std::string metaFile;                  // its name for messages
    std::string defaultId;                 // questionnaire id used with the built-in defaults
};

struct ImportResult {
    std::optional<core::Questionnaire> questionnaire;  // set only when there is no error
    std::string json;                                  // the questionnaire file's bytes, validated
    // Every problem, one line each, e.g.
    //   items.csv: row 7 (item 2.3-s1): column "dimension": must be knowledge, skill or attitude
    std::vector<std::string> errors;
    std::vector<std::string> notes;  // informational (defaults used, META.json parts overridden, …)
    bool Ok() const { return questionnaire.has_value(); }
};

// Converts a workbook into a validated questionnaire. Reports every problem it finds by sheet row and
// column, including the validator's findings mapped back to the cells they came from. Never throws.
ImportResult ImportWorkbook(const Workbook& book, const ImportOptions& options);

// The questionnaire as a workbook: the items sheet, plus scales, levels and meta unless `itemsOnly`
// (for CSV, whose metadata goes to ExportMetaJson instead).
Workbook ExportWorkbook(const core::Questionnaire& q, bool itemsOnly);

// The questionnaire file without the areas' contents (each area keeps only its id and level_descriptions,
// when it has any): the META.json that goes with an exported CSV.
std::string ExportMetaJson(const core::Questionnaire& q);

// "" when `a` and `b` are the same questionnaire in every part the file format has (ids, texts, scales,
// options, weights, levels, recommendations, …); otherwise the JSON Pointer of the first difference.
std::string FirstDifference(const core::Questionnaire& a, const core::Questionnaire& b);

// The built-in META.json used when a CSV comes without one: languages vi and en, the standard
// knowledge-4/skill-4/attitude-4 scales, the five Da Nang levels, equal weights, recommend_below 60.
std::string DefaultMetaJson(const std::string& id);

}  // namespace kiosk::sheets
