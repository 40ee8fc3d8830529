// Read-only view models the screens draw from. Every text is already translated and formatted; screens
// decide layout only.
#pragma once

#include "kiosk/ui/qr.h"

#include <string>
#include <vector>

namespace kiosk::ui {

struct ChoiceView {
    std::string label;
    std::string detail;  // a second, smaller line (may be empty)
    bool selected = false;
};

// The listen control every citizen screen places (screen_parts: DrawListen): a speaker and "Nghe", or a
// stop mark and "Dừng" while the kiosk reads the screen aloud. Hidden when the kiosk has no sound device.
struct ListenView {
    bool shown = false;
    bool speaking = false;
    std::string listen = "Nghe", stop = "Dừng";
};

struct WelcomeView {
    std::string city, title, subtitle, note, location;
    std::string start;
    std::string chooseTitle;
    std::vector<ChoiceView> questionnaires;  // shown when there is more than one
    std::vector<ChoiceView> languages;
    std::string textSizeTitle;
    std::vector<ChoiceView> textSizes;
    ChoiceView contrast;
    ListenView listen;
    ChoiceView autoRead;  // "read every screen aloud" (shown with the listen control)
};

struct ConsentView {
    std::string title, storedTitle, stored, notStoredTitle, notStored, purpose, question;
    std::string agree, decline, declineHint, back;
    ListenView listen;
};

struct QuestionView {
    std::string progress;  // "Câu 5/17"
    float fraction = 0;    // progress bar, 0..1
    std::string area, competency, text;
    std::vector<ChoiceView> options;
    std::string back, next, leave, hint;
    bool nextEnabled = false;
    // Only used when the answers do not fit on the screen at once: the button that shows the others, and
    // the hint while some answers have not been seen yet ("Tiếp theo" stays disabled until they have).
    std::string moreAnswers = "Xem thêm câu trả lời";
    std::string moreAnswersBack = "Xem lại các câu trả lời đầu";
    std::string moreAnswersHint = "Hãy xem hết các câu trả lời trước khi chọn";
    ListenView listen;
};

struct ConfirmLeaveView {
    std::string title, body, confirm, cancel;
    ListenView listen;
};

struct ProfileView {
    struct Field {
        std::string title;
        std::vector<ChoiceView> choices;
    };
    std::string title, intro;
    Field age, gender, assisted;
    std::string back, skip, submit;
    ListenView listen;
};

struct BarView {
    std::string label;
    std::string value;  // "61 · Cao" (whole numbers on screen) or "Chưa đánh giá"
    float fraction = 0;  // 0..1
    int colourSlot = -1;  // level colour slot; -1 = not assessed
};

struct ResultView {
    std::string title, overallTitle, overallLevel, overallScore;
    std::string overallDescription;  // what the level means in daily life ("Ở mức Khá, bạn có thể…"); may be empty
    float overallFraction = 0;
    int overallColourSlot = -1;
    std::string areasTitle;
    std::vector<BarView> areas;
    std::string dimensionsTitle;
    std::vector<BarView> dimensions;
    std::string detailsToggle;
    std::string detailsToggleShort;  // the same, shorter, for a footer that would not fit on one row
    bool showDetails = false;
    struct DetailGroup {
        std::string title;
        std::string level;        // "Khá": the area's level word
        std::string description;  // the area's level in plain words; may be empty
        std::vector<BarView> competencies;
    };
    std::vector<DetailGroup> details;
    std::string recommendationsTitle;
    struct Recommendation {
        std::string title, text;
    };
    std::vector<Recommendation> recommendations;
    std::string noRecommendations;
    std::string qrCaption, portal;
    const QrMatrix* qr = nullptr;
    std::string note;  // stored / practice
    std::string done;
    ListenView listen;
    // "In kết quả": hidden when printing is switched off; disabled while the page is being sent and gone
    // once it is printed. The message says how printing went (calm, and that the result is kept).
    std::string print;
    bool printShown = false;
    bool printEnabled = false;
    std::string printMessage;
};

struct IdleView {
    std::string title, body, seconds, countdown, stillHere;
    float fraction = 0;  // of the warning time left, 1 -> 0
};

struct MessageView {  // thank-you and out-of-service
    std::string title, body, secondaryTitle, secondaryBody;
};

}  // namespace kiosk::ui
