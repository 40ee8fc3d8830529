// The built-in META.json for a CSV imported without one. The scales and levels are those of the shipped
// questionnaires/danang-dcf.json (a test checks that they stay equal), so a trainer who writes only an
// items sheet gets the same answer options and levels as the shipped questionnaire.
#include "kiosk/sheets/questionnaire_sheets.h"

#include <nlohmann/json.hpp>

namespace kiosk::sheets {

std::string DefaultMetaJson(const std::string& id) {
    static const char* const kDefaults = R"json({
  "format": "kiosk-questionnaire/1",
  "id": "",
  "version": "1",
  "languages": ["vi", "en"],
  "title": {"vi": "Tự đánh giá năng lực số", "en": "Digital competency self-assessment"},
  "scales": {
    "knowledge-4": {"options": [
      {"value": 0, "label": {"vi": "Tôi chưa từng nghe đến điều này", "en": "I have never heard of it"}},
      {"value": 1, "label": {"vi": "Tôi hiểu một chút", "en": "I have a limited understanding of it"}},
      {"value": 2, "label": {"vi": "Tôi hiểu khá rõ", "en": "I have a good understanding of it"}},
      {"value": 3, "label": {"vi": "Tôi hiểu rõ và có thể giải thích cho người khác",
                             "en": "I understand it well and could explain it to others"}},
      {"excluded": true, "label": {"vi": "Tôi không muốn trả lời", "en": "I prefer not to answer"}}
    ]},
    "skill-4": {"options": [
      {"value": 0, "label": {"vi": "Tôi không biết cách làm", "en": "I don't know how to do it"}},
      {"value": 1, "label": {"vi": "Tôi làm được nếu có người hướng dẫn", "en": "I can do it with help"}},
      {"value": 2, "label": {"vi": "Tôi tự làm được", "en": "I can do it on my own"}},
      {"value": 3, "label": {"vi": "Tôi làm thành thạo và có thể hướng dẫn người khác",
                             "en": "I can do it with confidence and help others"}},
      {"excluded": true, "label": {"vi": "Tôi không muốn trả lời", "en": "I prefer not to answer"}}
    ]},
    "attitude-4": {"options": [
      {"value": 0, "label": {"vi": "Hoàn toàn không đúng với tôi", "en": "Not at all true of me"}},
      {"value": 1, "label": {"vi": "Ít đúng với tôi", "en": "Slightly true of me"}},
      {"value": 2, "label": {"vi": "Đúng với tôi", "en": "True of me"}},
      {"value": 3, "label": {"vi": "Rất đúng với tôi", "en": "Very true of me"}},
      {"excluded": true, "label": {"vi": "Tôi không muốn trả lời", "en": "I prefer not to answer"}}
    ]}
  },
  "scoring": {
    "dimension_weights": {"knowledge": 1, "skill": 1, "attitude": 1},
    "levels": [
      {"id": "beginner", "min": 0, "label": {"vi": "Bắt đầu", "en": "Beginner"},
       "description": {
         "vi": "Ở mức Bắt đầu, bạn mới làm quen với công nghệ số. Bạn có thể cần người giúp để gọi điện, nhắn tin hay tìm thông tin trên điện thoại. Hãy bắt đầu từ những việc đơn giản, từng bước một.",
         "en": "At the Beginner level, you are just getting to know digital technology. You may need help to call, send messages or look things up on a phone. Start with simple tasks, one step at a time."
       }},
      {"id": "basic", "min": 20, "label": {"vi": "Cơ bản", "en": "Basic"},
       "description": {
         "vi": "Ở mức Cơ bản, bạn có thể tự làm một số việc quen thuộc trên điện thoại như gọi điện, nhắn tin Zalo và tìm thông tin đơn giản. Với việc mới hoặc khó hơn, bạn vẫn cần người hướng dẫn.",
         "en": "At the Basic level, you can do some familiar things on your phone on your own, such as calling, messaging on Zalo and simple searches. For new or harder tasks you still need someone to show you."
       }},
      {"id": "good", "min": 40, "label": {"vi": "Khá", "en": "Good"},
       "description": {
         "vi": "Ở mức Khá, bạn có thể tự dùng điện thoại và máy tính cho nhiều việc hằng ngày: tìm thông tin, liên lạc, chuyển tiền và làm một số thủ tục trực tuyến. Khi gặp việc lạ hoặc lỗi kỹ thuật, đôi khi bạn cần trợ giúp.",
         "en": "At the Good level, you can use a phone and a computer on your own for many everyday tasks: finding information, keeping in touch, transferring money and some online procedures. With unfamiliar tasks or technical problems you sometimes need help."
       }},
      {"id": "high", "min": 60, "label": {"vi": "Cao", "en": "High"},
       "description": {
         "vi": "Ở mức Cao, bạn sử dụng công nghệ số thành thạo và an toàn trong hầu hết các việc hằng ngày, tự xử lý được các lỗi thường gặp và có thể hướng dẫn người thân.",
         "en": "At the High level, you use digital technology confidently and safely for most everyday tasks, solve common problems yourself and can help your family."
       }},
      {"id": "advanced", "min": 80, "label": {"vi": "Nâng cao", "en": "Advanced"},
       "description": {
         "vi": "Ở mức Nâng cao, bạn sử dụng công nghệ số rất thành thạo, tự tìm cách làm những việc mới và có thể hỗ trợ người khác trong cộng đồng, ví dụ cùng tổ công nghệ số cộng đồng.",
         "en": "At the Advanced level, you use digital technology with ease, work out new tasks on your own and can support others in your community, for example alongside the community digital technology team."
       }}
    ],
    "recommend_below": 60
  }
})json";
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(kDefaults);
    doc["id"] = id;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kiosk::sheets
