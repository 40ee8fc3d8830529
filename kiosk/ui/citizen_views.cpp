// The citizen screens' view models, built from the flow's state and the translations.
#include "kiosk/ui/citizen_views.h"

#include "kiosk/core/take_home.h"
#include "kiosk/core/text.h"
#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

// Texts in the citizen's language.
struct Texts {
    const Translations& texts;
    const std::string& lang;
    const std::string& operator()(std::string_view key) const { return texts.Get(lang, key); }
};

std::string LevelLabel(const Texts& T, const core::Questionnaire& q, const core::Score& s) {
    if (!s.assessed || s.levelIndex < 0 || static_cast<std::size_t>(s.levelIndex) >= q.scoring.levels.size())
        return T("result.not_assessed");
    return core::TextIn(q.scoring.levels[s.levelIndex].label, T.lang);
}

// Scores on screen are whole numbers: "52" reads at a glance, "52,0" makes people wonder about the ",0".
// Exports and the stored result keep the exact values.
std::string WholeNumber(double value) { return std::to_string(static_cast<int>(std::lround(value))); }

// The level's plain-language description (the area's own when `areaIndex` >= 0), or "".
std::string DescriptionOf(const core::Questionnaire& q, int areaIndex, const core::Score& s, const std::string& lang) {
    if (!s.assessed) return "";
    const core::LocalizedText* d = core::LevelDescription(q, areaIndex, s.levelIndex);
    return d ? core::TextIn(*d, lang) : "";
}

// The message about printing, by state; the failures say the result is kept (or, in a practice run, that
// the QR code still works).
std::string PrintMessage(const Texts& T, flow::PrintState state, bool stored) {
    switch (state) {
        case flow::PrintState::Printing: return T("result.printing");
        case flow::PrintState::Printed: return T("result.printed");
        case flow::PrintState::NoPrinter: return T(stored ? "result.print_no_printer" : "result.print_no_printer_practice");
        case flow::PrintState::Failed: return T(stored ? "result.print_failed" : "result.print_failed_practice");
        case flow::PrintState::Idle: break;
    }
    return "";
}

}  // namespace

ListenView BuildListenView(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    ListenView v;
    v.shown = flow.SpeechAvailable();
    v.speaking = flow.Speaking();  // a page change stops or replaces speech: it is always this page's
    v.listen = T("listen.start");
    v.stop = T("listen.stop");
    return v;
}

std::string FormatDecimal(double value, const Translations& texts, const std::string& lang) {
    std::string s = core::OneDecimal(value);
    auto dot = s.find('.');
    if (dot != std::string::npos) s.replace(dot, 1, texts.Get(lang, "format.decimal_separator"));
    return s;
}

WelcomeView BuildWelcomeView(const flow::CitizenFlow& flow, const Translations& texts) {
    const std::string& lang = flow.Language();
    const Texts T{texts, lang};
    WelcomeView v;
    v.city = T("welcome.city");
    v.title = T("welcome.title");
    v.subtitle = T("welcome.subtitle");
    v.note = T("welcome.note");
    v.location = flow.Options().locationName;
    v.start = T("welcome.start");
    v.chooseTitle = T("welcome.choose");
    const auto& offered = flow.Offered();
    for (std::size_t i = 0; i < offered.size(); ++i) {
        const core::Questionnaire& q = *offered[i];
        ChoiceView c;
        c.label = core::TextIn(q.title, lang);
        std::string count = std::to_string(q.ItemCount());
        c.detail = q.estimatedMinutes
                       ? Format(T("welcome.minutes"),
                                {{"minutes", std::to_string(static_cast<int>(std::lround(*q.estimatedMinutes)))},
                                 {"count", count}})
                       : Format(T("welcome.items"), {{"count", count}});
        c.selected = i == flow.Choice();
        v.questionnaires.push_back(std::move(c));
    }
    for (const auto& code : flow.Options().languages)
        v.languages.push_back({texts.Get(code, "language.name"), "", code == lang});
    v.textSizeTitle = T("welcome.text_size");
    for (int i = 0; i < flow.Options().textSizeSteps; ++i)
        v.textSizes.push_back({T("welcome.text_size." + std::to_string(i)), "", i == flow.TextSizeStep()});
    v.contrast = {T("welcome.contrast"), "", flow.HighContrast()};
    v.listen = BuildListenView(flow, texts);
    v.autoRead = {T("welcome.auto_read"), "", flow.AutoRead()};
    return v;
}

ConsentView BuildConsentView(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    return ConsentView{T("consent.title"),        T("consent.stored_title"), T("consent.stored"),
                       T("consent.not_stored_title"), T("consent.not_stored"), T("consent.purpose"),
                       T("consent.question"),     T("consent.agree"),        T("consent.decline"),
                       T("consent.decline_hint"), T("common.back"),          BuildListenView(flow, texts)};
}

QuestionView BuildQuestionView(const flow::CitizenFlow& flow, const Translations& texts) {
    const std::string& lang = flow.Language();
    const Texts T{texts, lang};
    const core::Session& s = flow.Session();
    const core::Questionnaire& q = *s.GetQuestionnaire();
    const core::Item& item = *s.CurrentItem();
    QuestionView v;
    const std::size_t index = s.QuestionIndex(), count = s.QuestionCount();
    v.progress = Format(T("question.progress"), {{"current", std::to_string(index + 1)}, {"total", std::to_string(count)}});
    v.fraction = static_cast<float>(index + 1) / static_cast<float>(std::max<std::size_t>(count, 1));
    v.area = core::TextIn(s.CurrentArea()->title, lang);
    v.competency = core::TextIn(s.CurrentCompetency()->title, lang);
    v.text = core::TextIn(item.text, lang);
    const auto answer = s.CurrentAnswer();
    const auto& options = q.OptionsOf(item);
    for (std::size_t i = 0; i < options.size(); ++i)
        v.options.push_back({core::TextIn(options[i].label, lang), "", answer && *answer == static_cast<int>(i)});
    v.back = T("common.back");
    v.next = T(index + 1 == count ? "question.next_last" : "question.next");
    v.leave = T("question.leave");
    v.hint = T("question.hint");
    v.moreAnswers = T("question.more_answers");
    v.moreAnswersBack = T("question.more_answers_back");
    v.moreAnswersHint = T("question.hint_more");
    v.nextEnabled = s.CanGoNext();
    v.listen = BuildListenView(flow, texts);
    return v;
}

ConfirmLeaveView BuildConfirmLeaveView(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    return ConfirmLeaveView{T("leave.title"), T("leave.body"), T("leave.confirm"), T("leave.cancel"),
                            BuildListenView(flow, texts)};
}

ProfileView BuildProfileView(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    const core::Profile& draft = flow.ProfileDraft();
    ProfileView v;
    v.title = T("profile.title");
    v.intro = T("profile.intro");
    auto field = [&](ProfileView::Field& f, const char* key, const std::vector<std::string>& values,
                     const std::string& chosen) {
        f.title = T(key);
        for (const auto& id : values) f.choices.push_back({T(std::string(key) + "." + id), "", id == chosen});
    };
    field(v.age, "profile.age", core::AgeBands(), draft.ageBand);
    field(v.gender, "profile.gender", core::Genders(), draft.gender);
    field(v.assisted, "profile.assisted", core::AssistedValues(), draft.assisted);
    v.back = T("common.back");
    v.skip = T("profile.skip");
    v.submit = T("profile.submit");
    v.listen = BuildListenView(flow, texts);
    return v;
}

std::string ScrollCueText(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    return T("common.scroll_cue");
}

std::string ResultQrText(const flow::CitizenFlow& flow, const Translations& texts) {
    // The printed page's code, exactly: the day, the questionnaire and its version, the levels, what to learn
    // next and the portal link (core::BuildQrPayload) — small enough for a 45×45 symbol.
    const core::Session& s = flow.Session();
    if (!s.GetResult() || !s.GetQuestionnaire()) return "";
    const Texts T{texts, flow.Language()};
    core::QrPayloadOptions o;
    o.lang = flow.Language();
    if (!core::ParseDay(flow.Today(), o.day)) return "";
    o.words = {T("qr.overall"), T("qr.level"), T("qr.areas"), T("qr.learn_next"), T("qr.not_assessed")};
    o.portalUrl = flow.Options().learningPortalUrl;
    return core::BuildQrPayload(*s.GetQuestionnaire(), *s.GetResult(), o);
}

ResultView BuildResultView(const flow::CitizenFlow& flow, const Translations& texts, const QrMatrix* qr) {
    const std::string& lang = flow.Language();
    const Texts T{texts, lang};
    const core::Session& s = flow.Session();
    const core::Questionnaire& q = *s.GetQuestionnaire();
    const core::Result& r = *s.GetResult();
    const int levels = static_cast<int>(q.scoring.levels.size());
    auto bar = [&](const std::string& label, const core::Score& score) {
        BarView b;
        b.label = label;
        if (score.assessed) {
            b.value = WholeNumber(score.score) + " · " + LevelLabel(T, q, score);
            b.fraction = static_cast<float>(score.score / 100.0);
            b.colourSlot = LevelColourSlot(score.levelIndex, levels);
        } else {
            b.value = T("result.not_assessed");
        }
        return b;
    };
    ResultView v;
    v.title = T("result.title");
    v.overallTitle = T("result.overall");
    v.overallLevel = LevelLabel(T, q, r.overall);
    v.overallScore =
        r.overall.assessed ? Format(T("result.score"), {{"score", WholeNumber(r.overall.score)}}) : "";
    v.overallDescription = DescriptionOf(q, -1, r.overall, lang);
    v.overallFraction = r.overall.assessed ? static_cast<float>(r.overall.score / 100.0) : 0.0f;
    v.overallColourSlot = r.overall.assessed ? LevelColourSlot(r.overall.levelIndex, levels) : -1;
    v.areasTitle = T("result.areas");
    for (std::size_t i = 0; i < r.areas.size() && i < q.areas.size(); ++i)
        v.areas.push_back(bar(core::TextIn(q.areas[i].title, lang), r.areas[i].score));
    v.dimensionsTitle = T("result.dimensions");
    for (core::Dimension d : core::kDimensions) {
        const auto& value = r.dimensions[static_cast<int>(d)];
        core::Score score;
        if (value) {
            score.assessed = true;
            score.score = *value;
            score.levelIndex = core::LevelFor(q.scoring, *value);
        }
        v.dimensions.push_back(bar(T(std::string("dimension.") + core::DimensionId(d)), score));
    }
    v.showDetails = flow.ShowDetails();
    v.detailsToggle = T(v.showDetails ? "result.details_hide" : "result.details_show");
    v.detailsToggleShort = T(v.showDetails ? "result.details_hide" : "result.details_show_short");
    if (v.showDetails) {
        std::size_t ci = 0;
        for (std::size_t ai = 0; ai < q.areas.size(); ++ai) {
            const core::Area& area = q.areas[ai];
            ResultView::DetailGroup g;
            g.title = core::TextIn(area.title, lang);
            if (ai < r.areas.size()) {
                g.level = r.areas[ai].score.assessed ? LevelLabel(T, q, r.areas[ai].score) : "";
                g.description = DescriptionOf(q, static_cast<int>(ai), r.areas[ai].score, lang);
            }
            for (const auto& comp : area.competencies) {
                if (ci < r.competencies.size())
                    g.competencies.push_back(bar(core::TextIn(comp.title, lang), r.competencies[ci].score));
                ++ci;
            }
            v.details.push_back(std::move(g));
        }
    }
    v.recommendationsTitle = T("result.recommendations");
    v.noRecommendations = T("result.no_recommendations");
    constexpr std::size_t kShown = 3;  // the weakest few: a list to act on, not a report
    for (const auto& id : r.recommendations) {
        if (v.recommendations.size() == kShown) break;
        for (const auto& area : q.areas)
            for (const auto& comp : area.competencies)
                if (comp.id == id && !comp.recommendation.empty())
                    v.recommendations.push_back({core::TextIn(comp.title, lang), core::TextIn(comp.recommendation, lang)});
    }
    v.qr = qr;
    v.qrCaption = T("result.qr_caption");
    const std::string& portal = flow.Options().learningPortalUrl;
    if (!portal.empty()) v.portal = Format(T("result.portal"), {{"url", portal}});
    v.note = T(s.Consented() ? "result.saved_note" : "result.practice_note");
    v.done = T("result.done");
    v.listen = BuildListenView(flow, texts);
    v.printShown = flow.Options().printing && !flow.Preview() && flow.Printing() != flow::PrintState::Printed;
    v.printEnabled = flow.CanPrint();
    v.print = T("result.print");
    v.printMessage = PrintMessage(T, flow.Printing(), s.Consented());
    return v;
}

IdleView BuildIdleView(const flow::CitizenFlow& flow, const Translations& texts) {
    const Texts T{texts, flow.Language()};
    const long long ms = flow.Session().WarningRemaining().count();
    IdleView v;
    v.title = T("idle.title");
    v.seconds = std::to_string((ms + 999) / 1000);
    v.countdown = Format(T("idle.countdown"), {{"seconds", v.seconds}});
    v.body = T("idle.body");
    v.stillHere = T("idle.still_here");
    const double total = static_cast<double>(flow.Options().session.warningTimeout.count());
    v.fraction = total > 0 ? static_cast<float>(ms / total) : 0.0f;
    return v;
}

MessageView BuildThankYouView(const flow::CitizenFlow& flow, const Translations& texts) {
    const std::string& lang = flow.ThanksLanguage();
    return MessageView{texts.Get(lang, "thanks.title"), texts.Get(lang, "thanks.body"), "", ""};
}

MessageView BuildOutOfServiceView(const flow::CitizenFlow& flow, const Translations& texts) {
    // Both languages: nobody has chosen one, and the screen must be understood by everyone.
    const std::string& first = flow.Options().session.defaultLanguage;
    std::string second;
    for (const auto& code : flow.Options().languages)
        if (code != first) second = code;
    auto text = [&](const std::string& code, const char* key) -> std::string {
        if (texts.Has(code, key)) return texts.Get(code, key);
        // Broken translation files must still leave a calm, readable screen.
        return std::string(key) == "oos.title" ? "Tạm ngừng phục vụ" : "Out of service";
    };
    const bool preparing = flow.OutOfServiceReason() == flow::OutOfService::Preparing;
    const char* title = preparing ? "oos.preparing_title" : "oos.title";
    const char* body = preparing ? "oos.preparing_body" : flow.PendingResults() == 0 ? "oos.body" : "oos.body_kept";
    MessageView v;
    v.title = text(first, title);
    v.body = text(first, body);
    if (!second.empty()) {
        v.secondaryTitle = text(second, title);
        v.secondaryBody = text(second, body);
    }
    return v;
}

PreviewBannerView BuildPreviewBanner(const flow::CitizenFlow& flow, const Translations& texts) {
    // The other language of the questionnaire, for checking both texts.
    PreviewBannerView v;
    const auto& languages = flow.Options().languages;
    for (std::size_t i = 0; i < languages.size(); ++i)
        if (languages[i] != flow.Language()) v.otherLanguage = static_cast<int>(i);
    const std::string name = v.otherLanguage >= 0 ? texts.Get(languages[v.otherLanguage], "language.name") : "";
    v.label = texts.Get(flow.Language(), "preview.banner") + (name.empty() ? "" : " · " + name);
    return v;
}

}  // namespace kiosk::ui
