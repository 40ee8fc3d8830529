// The kiosk controller: view-model building, intent handling, saving and timers.
#include "kiosk/ui/controller.h"

#include "kiosk/ui/screens.h"
#include "kiosk/ui/staff_screens.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::ui {

const char* ScreenName(Screen s) {
    switch (s) {
        case Screen::Welcome: return "welcome";
        case Screen::Consent: return "consent";
        case Screen::Question: return "question";
        case Screen::ConfirmLeave: return "confirm_leave";
        case Screen::Profile: return "profile";
        case Screen::Result: return "result";
        case Screen::IdleWarning: return "idle";
        case Screen::ThankYou: return "thanks";
        case Screen::OutOfService: return "out_of_service";
        case Screen::StaffSetPin: return "staff_set_pin";
        case Screen::StaffPin: return "staff_pin";
        case Screen::StaffMenu: return "staff_menu";
        case Screen::StaffConfirmExit: return "staff_confirm_exit";
        case Screen::StaffDashboard: return "staff_dashboard";
        case Screen::StaffExport: return "staff_export";
        case Screen::StaffQuestionnaires: return "staff_questionnaires";
        case Screen::StaffInstall: return "staff_install";
        case Screen::StaffHealth: return "staff_health";
    }
    return "welcome";
}

KioskController::KioskController(const core::Clock& clock, ControllerOptions options, const Translations& texts,
                                 QuestionnaireCatalog& catalog, ResultSink& sink, EventLog& log)
    : m_clock(clock), m_options(std::move(options)), m_texts(texts), m_catalog(catalog), m_sink(sink), m_log(log),
      m_session(clock, m_options.session), m_pinLock(clock, core::PinAttemptsFileFor(m_options.staff.pinFile)) {
    // First start: nobody (citizen or staff) uses the kiosk before staff have chosen a PIN.
    const core::PinFile pin = core::ReadPinFile(m_options.staff.pinFile);
    if (pin.state == core::PinFileState::Missing) {
        m_staffPage = StaffPage::SetPin;
        m_log.Write(LogLevel::Staff, "no staff PIN set (" + m_options.staff.pinFile + "): asking staff to set one");
    } else if (pin.state == core::PinFileState::Unreadable) {
        m_log.Write(LogLevel::Staff, "staff PIN file " + m_options.staff.pinFile + " is unreadable (" + pin.detail +
                                         "): staff mode is locked; a technician runs kiosk-admin set-pin");
    }
    m_catalog.Refresh();
    CheckQuestionnaires();
    if (m_outOfService == OutOfService::None) CheckStorage();
}

void KioskController::CheckStorage() {
    SaveOutcome ready = m_sink.Ready();
    CollectStaffNotices();
    if (!ready.ok) {
        m_log.Write(LogLevel::Error, "storage: cannot open the result store: " + ready.detail);
        EnterOutOfService(OutOfService::Storage);
    }
}

// ---------------------------------------------------------------------------------------------------------
// State and timers

Screen KioskController::CurrentScreen() const {
    switch (m_staffPage) {
        case StaffPage::None: break;
        case StaffPage::SetPin: return Screen::StaffSetPin;
        case StaffPage::Pin: return Screen::StaffPin;
        case StaffPage::Menu: return Screen::StaffMenu;
        case StaffPage::ConfirmExit: return Screen::StaffConfirmExit;
        case StaffPage::Dashboard: return Screen::StaffDashboard;
        case StaffPage::Export: return Screen::StaffExport;
        case StaffPage::Questionnaires: return Screen::StaffQuestionnaires;
        case StaffPage::Install: return Screen::StaffInstall;
        case StaffPage::Health: return Screen::StaffHealth;
    }
    if (m_outOfService != OutOfService::None) return Screen::OutOfService;
    if (m_thanks) return Screen::ThankYou;
    if (m_session.IdleWarningActive()) return Screen::IdleWarning;
    switch (m_session.GetStage()) {
        case core::Stage::Welcome: return Screen::Welcome;
        case core::Stage::Consent: return Screen::Consent;
        case core::Stage::Questions: return m_confirmLeave ? Screen::ConfirmLeave : Screen::Question;
        case core::Stage::Profile: return Screen::Profile;
        case core::Stage::Result: return Screen::Result;
    }
    return Screen::Welcome;
}

std::string KioskController::PageKey() const {
    Screen s = CurrentScreen();
    if (s == Screen::Question) return "question." + std::to_string(m_session.QuestionIndex());
    return ScreenName(s);
}

std::optional<core::TimePoint> KioskController::NextWakeup() const {
    std::optional<core::TimePoint> next;
    auto consider = [&](core::TimePoint t) {
        if (!next || t < *next) next = t;
    };
    if (m_holding) consider(m_holdStart + m_options.staff.gestureHold);  // to open the PIN pad on time
    if (m_staffPage != StaffPage::None) {
        if (m_exportJob) consider(m_clock.Now() + core::Millis(100));  // the progress bar
        if (m_staffPage != StaffPage::SetPin) consider(m_staffLastTouch + m_options.staff.idleTimeout);
        if (m_pinLock.Locked()) {
            // Redraw when the lock countdown's whole second changes.
            core::Millis step = m_pinLock.LockRemaining() % 1000;
            consider(m_clock.Now() + (step.count() > 0 ? step : core::Millis(1000)));
        }
        return next;
    }
    if (m_outOfService == OutOfService::Storage || m_outOfService == OutOfService::NoQuestionnaire) {
        consider(m_nextRetry);
        return next;
    }
    if (m_outOfService != OutOfService::None) return next;
    if (m_thanks) consider(m_thanksUntil);
    if (auto d = m_session.NextDeadline()) consider(*d);
    if (m_session.IdleWarningActive()) {
        // Redraw when the countdown's whole second changes.
        core::Millis left = m_session.WarningRemaining();
        core::Millis step = left % 1000;
        consider(m_clock.Now() + (step.count() > 0 ? step : core::Millis(1000)));
    }
    return next;
}

void KioskController::Update() {
    const core::TimePoint now = m_clock.Now();
    if (m_staffPage != StaffPage::None) {
        UpdateStaff();
        return;
    }
    if (m_outOfService == OutOfService::Storage || m_outOfService == OutOfService::NoQuestionnaire) {
        if (now < m_nextRetry) return;
        m_nextRetry = now + m_options.storageRetry;
        if (m_outOfService == OutOfService::NoQuestionnaire) {
            m_catalog.Refresh();
            CheckQuestionnaires();
            if (m_outOfService == OutOfService::None) {
                m_log.Write(LogLevel::Info, "questionnaires available again");
                CheckStorage();
            }
            return;
        }
        if (FlushPending()) {
            m_outOfService = OutOfService::None;
            m_log.Write(LogLevel::Info, "storage: working again; back in service");
            ReturnedToWelcome();
        }
        return;
    }
    if (m_outOfService != OutOfService::None) return;
    if (m_thanks && now >= m_thanksUntil) {
        m_thanks = false;
        ReturnedToWelcome();
    }
    if (m_session.Tick() == core::TickOutcome::Reset) {
        // Results were saved when computed; what is wiped here is only unfinished or already stored.
        ReturnedToWelcome();
    }
}

void KioskController::CheckQuestionnaires() {
    if (m_catalog.Installed().empty()) {
        if (m_outOfService != OutOfService::NoQuestionnaire)
            m_log.Write(LogLevel::Staff, "no valid questionnaire in " + m_catalog.Dir() + ": out of service");
        EnterOutOfService(OutOfService::NoQuestionnaire);
    } else if (m_outOfService == OutOfService::NoQuestionnaire) {
        m_outOfService = OutOfService::None;
    }
    if (m_choice >= m_catalog.Installed().size()) m_choice = 0;
}

void KioskController::EnterOutOfService(OutOfService reason) {
    m_outOfService = reason;
    m_nextRetry = m_clock.Now() + m_options.storageRetry;
    m_thanks = false;
    m_session.Abandon();
    WipeCitizen();
}

void KioskController::WipeCitizen() {
    m_textSize = 0;
    m_highContrast = false;
    m_choice = 0;
    m_confirmLeave = false;
    m_showDetails = false;
    m_profileDraft = core::Profile{};
    m_current.reset();
    m_qr = QrMatrix{};
    m_qrLanguage.clear();
}

void KioskController::ReturnedToWelcome() {
    WipeCitizen();
    if (m_preview) {
        // The end of a preview (finished, left or timed out): back to the trainer's list.
        m_preview = false;
        m_staffPage = StaffPage::Questionnaires;
        m_staffLastTouch = m_clock.Now();
        m_log.Write(LogLevel::Info, "staff: preview ended");
    }
    // Pick up trainers' edits between citizens, never in the middle of someone's assessment.
    if (m_catalog.Refresh()) CheckQuestionnaires();
}

void KioskController::FlagForStaff(const std::string& message) {
    m_staffNotices.push_back(message);
    m_log.Write(LogLevel::Staff, message);
}

void KioskController::SetSetupFailure(const std::string& message) {
    m_log.Write(LogLevel::Staff, "set-up: " + message + ": out of service");
    EnterOutOfService(OutOfService::Setup);
}

void KioskController::RecoverFromError(const std::string& what) {
    ++m_errors;
    FlagForStaff("internal error: " + what);
    constexpr int kErrorsBeforeStopping = 3;
    if (m_errors >= kErrorsBeforeStopping) {
        EnterOutOfService(OutOfService::Setup);
        return;
    }
    m_thanks = false;
    m_session.Abandon();
    ReturnedToWelcome();
}

void KioskController::CollectStaffNotices() {
    for (const auto& notice : m_sink.TakeStaffNotices()) FlagForStaff(notice);
}

void KioskController::NotePreferenceChange() {
    if (m_session.GetStage() == core::Stage::Welcome &&
        (m_textSize != 0 || m_highContrast || Lang() != m_options.session.defaultLanguage))
        m_session.NoteWelcomeChange();
    else
        m_session.Touch();
}

// ---------------------------------------------------------------------------------------------------------
// Saving

void KioskController::SaveResultIfNeeded() {
    if (!m_session.NeedsSaving()) return;
    CompletedAssessment record{m_current, *m_session.GetResult(), m_session.Answers(), m_session.GetProfile(),
                               Lang(), m_sink.Today()};
    SaveOutcome out = m_sink.Save(record);
    CollectStaffNotices();
    if (out.ok) {
        m_session.MarkSaved();
        return;
    }
    // Keep the citizen's result in memory and retry; meanwhile nobody else starts an assessment that
    // could not be stored either.
    m_log.Write(LogLevel::Error, "storage: saving a result failed: " + out.detail + " (kept in memory, retrying)");
    m_pending.push_back(std::move(record));
    EnterOutOfService(OutOfService::Storage);
}

bool KioskController::FlushPending() {
    SaveOutcome ready = m_sink.Ready();
    CollectStaffNotices();
    if (!ready.ok) {
        m_log.Write(LogLevel::Error, "storage: still failing: " + ready.detail);
        return false;
    }
    while (!m_pending.empty()) {
        SaveOutcome out = m_sink.Save(m_pending.front());
        CollectStaffNotices();
        if (!out.ok) {
            m_log.Write(LogLevel::Error, "storage: retry failed: " + out.detail + " (" +
                                             std::to_string(m_pending.size()) + " result(s) waiting)");
            return false;
        }
        m_pending.pop_front();
        m_log.Write(LogLevel::Info, "storage: a result kept in memory has been saved");
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Intents

void KioskController::Apply(const Intent& in) {
    using core::Stage;
    const Stage stage = m_session.GetStage();
    switch (in.kind) {
        case IntentKind::None:
            return;
        case IntentKind::PinDigit:
        case IntentKind::PinErase:
        case IntentKind::PinOk:
        case IntentKind::PinCancel:
        case IntentKind::StaffMenu:
        case IntentKind::StaffBack:
        case IntentKind::StaffConfirm:
        case IntentKind::StaffPickDrive:
        case IntentKind::StaffPickFormat:
        case IntentKind::StaffPickDates:
        case IntentKind::StaffPickQuestionnaire:
        case IntentKind::StaffRescan:
        case IntentKind::StaffRun:
        case IntentKind::StaffToggle:
        case IntentKind::StaffOpenInstall:
        case IntentKind::StaffInstallFile:
        case IntentKind::StaffPreview:
            ApplyStaff(in);
            return;
        case IntentKind::SetLanguage:
            if (in.index >= 0 && static_cast<std::size_t>(in.index) < m_options.languages.size()) {
                if (m_session.SetLanguage(m_options.languages[in.index])) NotePreferenceChange();
            }
            return;
        case IntentKind::SetTextSize:
            if (in.index >= 0 && in.index < kTextSizeSteps) {
                m_textSize = in.index;
                NotePreferenceChange();
            }
            return;
        case IntentKind::ToggleContrast:
            m_highContrast = !m_highContrast;
            NotePreferenceChange();
            return;
        case IntentKind::ChooseQuestionnaire:
            if (in.index >= 0 && static_cast<std::size_t>(in.index) < m_catalog.Installed().size()) {
                m_choice = static_cast<std::size_t>(in.index);
                m_session.Touch();
            }
            return;
        case IntentKind::Start: {
            if (stage != Stage::Welcome || m_catalog.Installed().empty()) return;
            // A result still waiting in memory goes first; if the store still fails, nobody starts.
            if (!m_pending.empty() && !FlushPending()) {
                EnterOutOfService(OutOfService::Storage);
                return;
            }
            QuestionnairePtr q = m_catalog.Installed()[std::min(m_choice, m_catalog.Installed().size() - 1)];
            if (m_session.Start(q)) m_current = q;
            return;
        }
        case IntentKind::Consent:
            // A preview never consents: nothing of it can be stored.
            m_session.GiveConsent(in.index == 1 && !m_preview);
            return;
        case IntentKind::Answer:
            m_session.Answer(in.index);
            return;
        case IntentKind::Next:
            m_session.Next();
            return;
        case IntentKind::Back:
            if (stage == Stage::Consent) {
                // Back to Welcome is the same person: keep their language and text size.
                std::string lang = Lang();
                int size = m_textSize;
                bool contrast = m_highContrast;
                std::size_t choice = m_choice;
                m_session.Back();
                ReturnedToWelcome();
                m_textSize = size;
                m_highContrast = contrast;
                if (choice < m_catalog.Installed().size()) m_choice = choice;
                m_session.SetLanguage(lang);
                NotePreferenceChange();
            } else {
                m_session.Back();
            }
            return;
        case IntentKind::AskLeave:
            if (stage == Stage::Questions) m_confirmLeave = true;
            m_session.Touch();
            return;
        case IntentKind::CancelLeave:
            m_confirmLeave = false;
            m_session.Touch();
            return;
        case IntentKind::ConfirmLeave:
            m_session.Abandon();
            ReturnedToWelcome();
            return;
        case IntentKind::SetAgeBand:
        case IntentKind::SetGender:
        case IntentKind::SetAssisted: {
            if (stage != Stage::Profile) return;
            const auto& values = in.kind == IntentKind::SetAgeBand ? core::AgeBands()
                                 : in.kind == IntentKind::SetGender ? core::Genders()
                                                                     : core::AssistedValues();
            if (in.index < 0 || static_cast<std::size_t>(in.index) >= values.size()) return;
            std::string& field = in.kind == IntentKind::SetAgeBand  ? m_profileDraft.ageBand
                                 : in.kind == IntentKind::SetGender ? m_profileDraft.gender
                                                                    : m_profileDraft.assisted;
            field = values[in.index];
            m_session.Touch();
            return;
        }
        case IntentKind::SubmitProfile:
            if (m_session.SubmitProfile(m_profileDraft)) SaveResultIfNeeded();
            return;
        case IntentKind::SkipProfile:
            if (m_session.SkipProfile()) SaveResultIfNeeded();
            return;
        case IntentKind::ToggleDetails:
            m_showDetails = !m_showDetails;
            m_session.Touch();
            return;
        case IntentKind::Finish: {
            if (m_preview) {
                m_session.Abandon();
                ReturnedToWelcome();
                return;
            }
            std::string lang = Lang();
            if (m_session.Complete()) {
                m_thanks = true;
                m_thanksLanguage = lang;
                m_thanksUntil = m_clock.Now() + m_options.thankYouTime;
                WipeCitizen();
            }
            return;
        }
        case IntentKind::StillHere:
            m_session.Touch();
            return;
        case IntentKind::DismissThanks:
            if (m_thanks) {
                m_thanks = false;
                ReturnedToWelcome();
            }
            return;
    }
}

// ---------------------------------------------------------------------------------------------------------
// View models

const std::string& KioskController::T(std::string_view key) const { return m_texts.Get(Lang(), key); }

std::string KioskController::Score(double value) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    std::string s = buf;
    const std::string& sep = T("format.decimal_separator");
    auto dot = s.find('.');
    if (dot != std::string::npos) s.replace(dot, 1, sep);
    return s;
}

std::string KioskController::LevelLabel(const core::Questionnaire& q, const core::Score& s) const {
    if (!s.assessed || s.levelIndex < 0 || static_cast<std::size_t>(s.levelIndex) >= q.scoring.levels.size())
        return T("result.not_assessed");
    return core::TextIn(q.scoring.levels[s.levelIndex].label, Lang());
}

std::string KioskController::ResultQrText() const {
    // Compact and anonymous: levels only, no id, no date.
    if (!m_session.GetResult()) return "";
    const core::Questionnaire& q = *m_session.GetQuestionnaire();
    const core::Result& r = *m_session.GetResult();
    std::string text = T("qr.title") + "\n" + T("qr.overall") + ": " + LevelLabel(q, r.overall);
    if (r.overall.assessed) text += " (" + Score(r.overall.score) + "/100)";
    for (std::size_t i = 0; i < r.areas.size() && i < q.areas.size(); ++i) {
        text += "\n" + std::to_string(i + 1) + ". " + core::TextIn(q.areas[i].title, Lang()) + ": " +
                LevelLabel(q, r.areas[i].score);
        if (r.areas[i].score.assessed) text += " (" + Score(r.areas[i].score.score) + ")";
    }
    if (!m_options.learningPortalUrl.empty()) text += "\n" + T("qr.learn") + ": " + m_options.learningPortalUrl;
    return text;
}

const QrMatrix& KioskController::ResultQr() {
    if (m_qrLanguage != Lang()) {
        m_qr = MakeQr(ResultQrText());
        m_qrLanguage = Lang();
        if (m_qr.size == 0) m_log.Write(LogLevel::Warning, "result QR code could not be encoded");
    }
    return m_qr;
}

void KioskController::Draw(UiState& ui) {
    const Screen screen = CurrentScreen();
    ui.palette = &CurrentPalette();
    ApplyStyle(*ui.palette, ui.FontSize(), ImGui::GetStyle());
    BeginUiFrame(ui, PageKey());

    // Any touch is activity — except on the idle warning, where only its own tap may dismiss it (else the
    // finger's release would land on the screen underneath).
    const ImGuiIO& io = ImGui::GetIO();
    if (m_staffPage != StaffPage::None) {
        Apply(DrawStaff(ui));
        return;
    }
    if (io.MouseDown[0] && screen != Screen::IdleWarning && screen != Screen::OutOfService) m_session.Touch();
    CheckStaffGesture(screen);

    const std::string& lang = Lang();
    Intent intent;
    switch (screen) {
        case Screen::Welcome: {
            WelcomeView v;
            v.city = T("welcome.city");
            v.title = T("welcome.title");
            v.subtitle = T("welcome.subtitle");
            v.note = T("welcome.note");
            v.location = m_options.locationName;
            v.start = T("welcome.start");
            v.chooseTitle = T("welcome.choose");
            const auto& installed = m_catalog.Installed();
            for (std::size_t i = 0; i < installed.size(); ++i) {
                const core::Questionnaire& q = *installed[i];
                ChoiceView c;
                c.label = core::TextIn(q.title, lang);
                std::string count = std::to_string(q.ItemCount());
                c.detail = q.estimatedMinutes
                               ? Format(T("welcome.minutes"),
                                        {{"minutes", std::to_string(static_cast<int>(std::lround(*q.estimatedMinutes)))},
                                         {"count", count}})
                               : Format(T("welcome.items"), {{"count", count}});
                c.selected = i == m_choice;
                v.questionnaires.push_back(std::move(c));
            }
            for (const auto& code : m_options.languages)
                v.languages.push_back({m_texts.Get(code, "language.name"), "", code == lang});
            v.textSizeTitle = T("welcome.text_size");
            for (int i = 0; i < kTextSizeSteps; ++i)
                v.textSizes.push_back({T("welcome.text_size." + std::to_string(i)), "", i == m_textSize});
            v.contrast = {T("welcome.contrast"), "", m_highContrast};
            intent = DrawWelcomeScreen(v, ui);
            break;
        }
        case Screen::Consent: {
            ConsentView v{T("consent.title"),   T("consent.stored_title"), T("consent.stored"),
                          T("consent.not_stored_title"), T("consent.not_stored"), T("consent.purpose"),
                          T("consent.question"), T("consent.agree"),    T("consent.decline"),
                          T("consent.decline_hint"), T("common.back")};
            intent = DrawConsentScreen(v, ui);
            break;
        }
        case Screen::Question: {
            const core::Questionnaire& q = *m_session.GetQuestionnaire();
            const core::Item& item = *m_session.CurrentItem();
            QuestionView v;
            const std::size_t index = m_session.QuestionIndex(), count = m_session.QuestionCount();
            v.progress = Format(T("question.progress"),
                                {{"current", std::to_string(index + 1)}, {"total", std::to_string(count)}});
            v.fraction = static_cast<float>(index + 1) / static_cast<float>(std::max<std::size_t>(count, 1));
            v.area = core::TextIn(m_session.CurrentArea()->title, lang);
            v.competency = core::TextIn(m_session.CurrentCompetency()->title, lang);
            v.text = core::TextIn(item.text, lang);
            const auto answer = m_session.CurrentAnswer();
            const auto& options = q.OptionsOf(item);
            for (std::size_t i = 0; i < options.size(); ++i)
                v.options.push_back({core::TextIn(options[i].label, lang), "", answer && *answer == static_cast<int>(i)});
            v.back = T("common.back");
            v.next = T(index + 1 == count ? "question.next_last" : "question.next");
            v.leave = T("question.leave");
            v.hint = T("question.hint");
            v.nextEnabled = m_session.CanGoNext();
            intent = DrawQuestionScreen(v, ui);
            break;
        }
        case Screen::ConfirmLeave: {
            ConfirmLeaveView v{T("leave.title"), T("leave.body"), T("leave.confirm"), T("leave.cancel")};
            intent = DrawConfirmLeaveScreen(v, ui);
            break;
        }
        case Screen::Profile: {
            ProfileView v;
            v.title = T("profile.title");
            v.intro = T("profile.intro");
            auto field = [&](ProfileView::Field& f, const char* key, const std::vector<std::string>& values,
                             const std::string& chosen) {
                f.title = T(key);
                for (const auto& id : values)
                    f.choices.push_back({T(std::string(key) + "." + id), "", id == chosen});
            };
            field(v.age, "profile.age", core::AgeBands(), m_profileDraft.ageBand);
            field(v.gender, "profile.gender", core::Genders(), m_profileDraft.gender);
            field(v.assisted, "profile.assisted", core::AssistedValues(), m_profileDraft.assisted);
            v.back = T("common.back");
            v.skip = T("profile.skip");
            v.submit = T("profile.submit");
            intent = DrawProfileScreen(v, ui);
            break;
        }
        case Screen::Result: {
            const core::Questionnaire& q = *m_session.GetQuestionnaire();
            const core::Result& r = *m_session.GetResult();
            const int levels = static_cast<int>(q.scoring.levels.size());
            auto bar = [&](const std::string& label, const core::Score& s) {
                BarView b;
                b.label = label;
                if (s.assessed) {
                    b.value = Score(s.score) + " · " + LevelLabel(q, s);
                    b.fraction = static_cast<float>(s.score / 100.0);
                    b.colourSlot = LevelColourSlot(s.levelIndex, levels);
                } else {
                    b.value = T("result.not_assessed");
                }
                return b;
            };
            ResultView v;
            v.title = T("result.title");
            v.overallTitle = T("result.overall");
            v.overallLevel = LevelLabel(q, r.overall);
            v.overallScore = r.overall.assessed ? Format(T("result.score"), {{"score", Score(r.overall.score)}}) : "";
            v.overallFraction = r.overall.assessed ? static_cast<float>(r.overall.score / 100.0) : 0.0f;
            v.overallColourSlot = r.overall.assessed ? LevelColourSlot(r.overall.levelIndex, levels) : -1;
            v.areasTitle = T("result.areas");
            for (std::size_t i = 0; i < r.areas.size() && i < q.areas.size(); ++i)
                v.areas.push_back(bar(core::TextIn(q.areas[i].title, lang), r.areas[i].score));
            v.dimensionsTitle = T("result.dimensions");
            for (core::Dimension d : core::kDimensions) {
                const auto& value = r.dimensions[static_cast<int>(d)];
                core::Score s;
                if (value) {
                    s.assessed = true;
                    s.score = *value;
                    s.levelIndex = core::LevelFor(q.scoring, *value);
                }
                v.dimensions.push_back(bar(T(std::string("dimension.") + core::DimensionId(d)), s));
            }
            v.showDetails = m_showDetails;
            v.detailsToggle = T(m_showDetails ? "result.details_hide" : "result.details_show");
            if (m_showDetails) {
                std::size_t ci = 0;
                for (const auto& area : q.areas) {
                    ResultView::DetailGroup g;
                    g.title = core::TextIn(area.title, lang);
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
                            v.recommendations.push_back(
                                {core::TextIn(comp.title, lang), core::TextIn(comp.recommendation, lang)});
            }
            v.qr = &ResultQr();
            v.qrCaption = T("result.qr_caption");
            if (!m_options.learningPortalUrl.empty())
                v.portal = Format(T("result.portal"), {{"url", m_options.learningPortalUrl}});
            v.note = T(m_session.Consented() ? "result.saved_note" : "result.practice_note");
            v.done = T("result.done");
            intent = DrawResultScreen(v, ui);
            break;
        }
        case Screen::IdleWarning: {
            const long long ms = m_session.WarningRemaining().count();
            const long long seconds = (ms + 999) / 1000;
            IdleView v;
            v.title = T("idle.title");
            v.seconds = std::to_string(seconds);
            v.countdown = Format(T("idle.countdown"), {{"seconds", v.seconds}});
            v.body = T("idle.body");
            v.stillHere = T("idle.still_here");
            const double total = static_cast<double>(m_options.session.warningTimeout.count());
            v.fraction = total > 0 ? static_cast<float>(ms / total) : 0.0f;
            intent = DrawIdleScreen(v, ui);
            break;
        }
        case Screen::ThankYou: {
            MessageView v{m_texts.Get(m_thanksLanguage, "thanks.title"), m_texts.Get(m_thanksLanguage, "thanks.body"),
                          "", ""};
            intent = DrawThankYouScreen(v, ui);
            break;
        }
        case Screen::StaffSetPin:
        case Screen::StaffPin:
        case Screen::StaffMenu:
        case Screen::StaffConfirmExit:
        case Screen::StaffDashboard:
        case Screen::StaffExport:
        case Screen::StaffQuestionnaires:
        case Screen::StaffInstall:
        case Screen::StaffHealth:
            break;  // drawn by DrawStaff above
        case Screen::OutOfService: {
            // Both languages: nobody has chosen one, and the screen must be understood by everyone.
            const std::string& first = m_options.session.defaultLanguage;
            std::string second;
            for (const auto& code : m_options.languages)
                if (code != first) second = code;
            auto text = [&](const std::string& code, const char* key) -> std::string {
                if (m_texts.Has(code, key)) return m_texts.Get(code, key);
                // Broken translation files must still leave a calm, readable screen.
                return std::string(key) == "oos.title" ? "Tạm ngừng phục vụ" : "Out of service";
            };
            MessageView v;
            v.title = text(first, "oos.title");
            v.body = text(first, m_pending.empty() ? "oos.body" : "oos.body_kept");
            if (!second.empty()) {
                v.secondaryTitle = text(second, "oos.title");
                v.secondaryBody = text(second, m_pending.empty() ? "oos.body" : "oos.body_kept");
            }
            intent = DrawOutOfServiceScreen(v, ui);
            break;
        }
    }
    if (m_preview && m_session.GetStage() != core::Stage::Welcome) {
        // The other language of the questionnaire, for checking both texts.
        int other = -1;
        for (std::size_t i = 0; i < m_options.languages.size(); ++i)
            if (m_options.languages[i] != Lang()) other = static_cast<int>(i);
        const std::string name = other >= 0 ? m_texts.Get(m_options.languages[other], "language.name") : "";
        Intent banner = DrawPreviewBanner(T("preview.banner") + (name.empty() ? "" : " · " + name), other, ui);
        if (banner.kind != IntentKind::None) intent = banner;
    }
    Apply(intent);
}

}  // namespace kiosk::ui
