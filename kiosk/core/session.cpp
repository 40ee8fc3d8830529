// The assessment session state machine. Each transition checks that it is allowed in the current stage,
// records activity for the idle deadline, and changes nothing when refused.
#include "kiosk/core/session.h"

#include <algorithm>
#include <ctime>

namespace kiosk::core {

std::string SteadyClock::Today() const {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

const char* StageName(Stage s) {
    switch (s) {
        case Stage::Welcome:
            return "welcome";
        case Stage::Consent:
            return "consent";
        case Stage::Questions:
            return "questions";
        case Stage::Profile:
            return "profile";
        case Stage::Result:
            return "result";
    }
    return "welcome";
}

Session::Session(const Clock& clock, SessionOptions options)
    : m_clock(clock),
      m_options(std::move(options)),
      m_language(m_options.defaultLanguage),
      m_lastActivity(clock.Now()) {}

void Session::Reset() {
    m_stage = Stage::Welcome;
    m_language = m_options.defaultLanguage;
    m_questionnaire.reset();
    m_order.clear();
    m_index = 0;
    m_answers.clear();
    m_profile = Profile{};
    m_result.reset();
    m_consented = false;
    m_saved = false;
    m_warning = false;
    m_dirtyWelcome = false;
    m_lastActivity = m_clock.Now();
}

bool Session::SetLanguage(const std::string& lang) {
    if (m_questionnaire) {
        const auto& langs = m_questionnaire->languages;
        if (std::find(langs.begin(), langs.end(), lang) == langs.end()) return false;
    }
    Touch();
    m_language = lang;
    if (m_stage == Stage::Welcome) m_dirtyWelcome = lang != m_options.defaultLanguage;
    return true;
}

void Session::NoteWelcomeChange() {
    Touch();
    if (m_stage == Stage::Welcome) m_dirtyWelcome = true;
}

bool Session::Start(std::shared_ptr<const Questionnaire> questionnaire) {
    if (m_stage != Stage::Welcome || !questionnaire || questionnaire->ItemCount() == 0) return false;
    const auto& langs = questionnaire->languages;
    if (std::find(langs.begin(), langs.end(), m_language) == langs.end()) m_language = langs.front();
    Touch();
    m_questionnaire = std::move(questionnaire);
    m_order = m_questionnaire->ItemOrder();
    m_index = 0;
    m_stage = Stage::Consent;
    return true;
}

bool Session::GiveConsent(bool agree) {
    if (m_stage != Stage::Consent) return false;
    Touch();
    m_consented = agree;
    m_stage = Stage::Questions;
    return true;
}

const Item* Session::CurrentItem() const {
    if (m_stage != Stage::Questions || m_index >= m_order.size()) return nullptr;
    const auto& ref = m_order[m_index];
    return &m_questionnaire->areas[ref.area].competencies[ref.competency].items[ref.item];
}

const Area* Session::CurrentArea() const {
    if (!CurrentItem()) return nullptr;
    return &m_questionnaire->areas[m_order[m_index].area];
}

const Competency* Session::CurrentCompetency() const {
    if (!CurrentItem()) return nullptr;
    const auto& ref = m_order[m_index];
    return &m_questionnaire->areas[ref.area].competencies[ref.competency];
}

std::optional<int> Session::CurrentAnswer() const {
    const Item* item = CurrentItem();
    if (!item) return std::nullopt;
    auto it = m_answers.find(item->id);
    if (it == m_answers.end()) return std::nullopt;
    return it->second;
}

bool Session::Answer(int optionIndex) {
    const Item* item = CurrentItem();
    if (!item || optionIndex < 0 ||
        static_cast<std::size_t>(optionIndex) >= m_questionnaire->OptionsOf(*item).size())
        return false;
    Touch();
    m_answers[item->id] = optionIndex;
    return true;
}

bool Session::CanGoNext() const {
    return CurrentItem() && (m_options.allowSkip || CurrentAnswer().has_value());
}

bool Session::Next() {
    if (!CanGoNext()) return false;
    Touch();
    if (m_index + 1 < m_order.size())
        ++m_index;
    else
        m_stage = Stage::Profile;
    return true;
}

bool Session::Back() {
    if (m_stage == Stage::Questions) {
        Touch();
        if (m_index == 0)
            m_stage = Stage::Consent;
        else
            --m_index;
        return true;
    }
    if (m_stage == Stage::Profile) {
        Touch();
        m_stage = Stage::Questions;
        m_index = m_order.size() - 1;
        return true;
    }
    if (m_stage == Stage::Consent) {
        // One step back is navigation, not "Kết thúc": wipe the questionnaire and any answers, but keep the
        // language the person just chose at Welcome (the idle reset restores the default, as for a switch
        // made at Welcome).
        std::string language = m_language;
        Reset();
        m_language = language;
        m_dirtyWelcome = language != m_options.defaultLanguage;
        return true;
    }
    return false;
}

bool Session::SubmitProfile(const Profile& profile) {
    if (m_stage != Stage::Profile || !IsValidProfile(profile)) return false;
    Touch();
    m_profile = profile;
    m_result = ScoreAnswers(*m_questionnaire, m_answers);
    m_stage = Stage::Result;
    return true;
}

bool Session::Complete() {
    if (m_stage != Stage::Result || NeedsSaving()) return false;
    Reset();
    return true;
}

void Session::Abandon() {
    Reset();
}

void Session::Touch() {
    m_lastActivity = m_clock.Now();
    m_warning = false;
}

TickOutcome Session::Tick() {
    TimePoint now = m_clock.Now();
    if (m_stage == Stage::Welcome) {
        // Nothing personal to protect at Welcome; only undo a language switch the last person left behind.
        if (m_dirtyWelcome && now - m_lastActivity >= m_options.idleTimeout) {
            Reset();
            return TickOutcome::Reset;
        }
        return TickOutcome::None;
    }
    if (now - m_lastActivity >= m_options.idleTimeout + m_options.warningTimeout) {
        // A consented, unsaved result must be saved by the caller before this can wipe it; the kiosk saves
        // the moment the result is computed, so by now it either is saved or has been reported as failed.
        Reset();
        return TickOutcome::Reset;
    }
    if (!m_warning && now - m_lastActivity >= m_options.idleTimeout) {
        m_warning = true;
        return TickOutcome::WarningStarted;
    }
    return TickOutcome::None;
}

Millis Session::WarningRemaining() const {
    if (!m_warning) return Millis(0);
    auto end = m_lastActivity + m_options.idleTimeout + m_options.warningTimeout;
    auto left = std::chrono::duration_cast<Millis>(end - m_clock.Now());
    return std::max(left, Millis(0));
}

std::optional<TimePoint> Session::NextDeadline() const {
    if (m_stage == Stage::Welcome) {
        if (!m_dirtyWelcome) return std::nullopt;
        return m_lastActivity + m_options.idleTimeout;
    }
    if (!m_warning) return m_lastActivity + m_options.idleTimeout;
    return m_lastActivity + m_options.idleTimeout + m_options.warningTimeout;
}

}  // namespace kiosk::core
