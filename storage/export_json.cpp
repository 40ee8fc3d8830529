// The JSON export, for machines: one document, one result object per line, shaped like the contract's
// result JSON (areas and competencies as lists, "assessed": false for what was not assessed).
#include "storage/export_internal.h"
#include "storage/record_codec.h"

namespace kiosk::storage::xport {
namespace {

using codec::AppendJsonString;
using codec::AppendScore;

void AppendOptionalString(std::string& out, const std::string& s) {
    if (s.empty())
        out += "null";
    else
        AppendJsonString(out, s);
}

void AppendScores(std::string& out, const std::vector<StoredScore>& scores) {
    out.push_back('[');
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (i) out.push_back(',');
        out += "{\"id\":";
        AppendJsonString(out, scores[i].id);
        if (scores[i].score) {
            out += ",\"score\":";
            AppendScore(out, *scores[i].score);
            out += ",\"level\":";
            AppendJsonString(out, scores[i].level);
        } else {
            out += ",\"assessed\":false";
        }
        out.push_back('}');
    }
    out.push_back(']');
}

class JsonWriter final : public RowWriter {
public:
    JsonWriter(const std::string& path, const ExportOptions& options,
               const std::vector<StoredQuestionnaire>& questionnaires)
        : m_out(path), m_includeSimulated(options.filter.includeSimulated) {
        m_buf.reserve(1 << 20);
        m_buf += "{\"format\":\"kiosk-results-export/1\",\n\"period\":";
        AppendJsonString(m_buf, PeriodName(options.period));
        m_buf += ",\"k\":" + std::to_string(options.k);
        m_buf += std::string(",\"include_simulated\":") + (m_includeSimulated ? "true" : "false");
        m_buf += ",\n\"filter\":{\"from\":";
        AppendOptionalString(m_buf, options.filter.from);
        m_buf += ",\"to\":";
        AppendOptionalString(m_buf, options.filter.to);
        m_buf += ",\"questionnaire\":";
        AppendOptionalString(m_buf, options.filter.questionnaireId);
        m_buf += "},\n\"questionnaires\":[";
        for (std::size_t i = 0; i < questionnaires.size(); ++i) {
            const auto& q = questionnaires[i];
            m_buf += i ? ",\n" : "\n";
            m_buf += "{\"id\":";
            AppendJsonString(m_buf, q.id);
            m_buf += ",\"version\":";
            AppendJsonString(m_buf, q.version);
            m_buf += ",\"sha256\":";
            AppendJsonString(m_buf, q.sha256);
            m_buf += ",\"results\":" + std::to_string(q.results) + "}";
        }
        m_buf += "],\n\"results\":[";
    }

    bool WantsCells() const override { return false; }
    void Header(const std::vector<Column>&) override {}

    void Row(const StoredResult& r, std::string_view period, bool suppressed,
             const std::vector<Cell>&) override {
        std::string& b = m_buf;
        b += m_first ? "\n" : ",\n";
        m_first = false;
        b += "{\"id\":";
        AppendJsonString(b, r.id);
        b += ",\"period\":";
        AppendJsonString(b, period);
        b += ",\"kiosk_id\":";
        AppendJsonString(b, r.kioskId);
        b += ",\"location_code\":";
        AppendJsonString(b, r.locationCode);
        b += ",\"questionnaire\":{\"id\":";
        AppendJsonString(b, r.questionnaireId);
        b += ",\"version\":";
        AppendJsonString(b, r.questionnaireVersion);
        b += ",\"sha256\":";
        AppendJsonString(b, r.questionnaireSha256);
        b += "},\"language\":";
        AppendJsonString(b, r.language);
        b += ",\"assisted\":";
        AppendJsonString(b, suppressed ? kSuppressed : std::string_view(r.profile.assisted));
        b += ",\"age_band\":";
        AppendJsonString(b, suppressed ? kSuppressed : std::string_view(r.profile.ageBand));
        b += ",\"gender\":";
        AppendJsonString(b, suppressed ? kSuppressed : std::string_view(r.profile.gender));
        if (m_includeSimulated) b += r.simulated ? ",\"simulated\":true" : ",\"simulated\":false";
        b += ",\"overall\":";
        if (r.overallScore) {
            b += "{\"score\":";
            AppendScore(b, *r.overallScore);
            b += ",\"level\":";
            AppendJsonString(b, r.overallLevel);
            b += "}";
        } else {
            b += "{\"assessed\":false}";
        }
        b += ",\"dimensions\":{";
        for (auto d : core::kDimensions) {
            const auto& v = r.dimensions[static_cast<std::size_t>(d)];
            if (d != core::Dimension::Knowledge) b.push_back(',');
            AppendJsonString(b, core::DimensionId(d));
            b.push_back(':');
            if (v)
                AppendScore(b, *v);
            else
                b += "null";
        }
        b += "},\"areas\":";
        AppendScores(b, r.areas);
        b += ",\"competencies\":";
        AppendScores(b, r.competencies);
        b += ",\"answers\":{";
        for (std::size_t i = 0; i < r.answers.size(); ++i) {
            if (i) b.push_back(',');
            AppendJsonString(b, r.answers[i].first);
            b.push_back(':');
            b += std::to_string(r.answers[i].second);
        }
        b += "}}";
        if (b.size() >= (1 << 20)) Flush();
    }

    void Finish() override {
        m_buf += m_first ? "]}\n" : "\n]}\n";
        Flush();
        m_out.Commit();
    }

private:
    void Flush() {
        m_out.Write(m_buf);
        m_buf.clear();
    }
    OutputFile m_out;
    bool m_includeSimulated;
    bool m_first = true;
    std::string m_buf;
};

}  // namespace

std::unique_ptr<RowWriter> MakeJsonWriter(const std::string& path, const ExportOptions& options,
                                          const std::vector<StoredQuestionnaire>& questionnaires) {
    return std::make_unique<JsonWriter>(path, options, questionnaires);
}

}  // namespace kiosk::storage::xport
