// Builds the spoken script of a question screen from the model and its recordings map.
#include "kiosk/core/speech_script.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/recordings.h"
#include "kiosk/core/speech_text.h"

#include <cctype>

namespace kiosk::core {

std::string AnswerNumber(std::size_t oneBased, std::string_view lang) {
    std::string n = SpokenNumber(oneBased, lang);
    // Every Vietnamese and English number word starts with an ASCII letter.
    if (!n.empty()) n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
    return n;
}

std::string ItemTextPointer(const Questionnaire& q, std::string_view itemId) {
    for (const auto& ref : q.ItemOrder()) {
        if (q.areas[ref.area].competencies[ref.competency].items[ref.item].id == itemId)
            return "/areas/" + std::to_string(ref.area) + "/competencies/" + std::to_string(ref.competency) +
                   "/items/" + std::to_string(ref.item) + "/text";
    }
    return "";
}

std::vector<SpeechPart> ItemSpeech(const Questionnaire& q, std::string_view itemId, std::string_view lang) {
    std::vector<SpeechPart> parts;
    const Item* item = q.FindItem(itemId);
    std::string textPtr = ItemTextPointer(q, itemId);
    if (!item || textPtr.empty()) return parts;
    parts.push_back({TextIn(item->text, lang), RecordingPath(q, textPtr, lang)});
    // Options live under the item (a knowledge check) or under its scale, shared by many items.
    std::string optionsPtr = item->IsKnowledgeCheck()
                                 ? textPtr.substr(0, textPtr.size() - 5) + "/options/"
                                 : "/scales/" + PointerToken(q.scales[static_cast<std::size_t>(item->scaleIndex)].id) +
                                       "/options/";
    const auto& options = q.OptionsOf(*item);
    for (std::size_t i = 0; i < options.size(); ++i) {
        std::string number = AnswerNumber(i + 1, lang) + ":";
        const std::string& label = TextIn(options[i].label, lang);
        std::string recording = RecordingPath(q, optionsPtr + std::to_string(i) + "/label", lang);
        if (recording.empty()) {
            parts.push_back({number + " " + label + ".", ""});
        } else {
            parts.push_back({number, ""});
            parts.push_back({label, recording});
        }
    }
    return parts;
}

}  // namespace kiosk::core
