// Draws the result page (see result_page.h). One Writer lays text and shapes down the page with a cursor;
// A4/A5 start a new page when a block does not fit, the receipt is laid out once on a recording surface to
// learn its length and then drawn on a page of exactly that length.
#include "kiosk/print/result_page.h"

#include "kiosk/core/json_reader.h"
#include "kiosk/core/text.h"
#include "kiosk/core/translations.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>

namespace kiosk::print {
namespace {

constexpr double kMm = 72.0 / 25.4;  // PDF user units are points

struct Style {
    double width = 0, height = 0;  // height 0: as long as the content (receipt roll)
    double margin = 0;
    double base = 10, small = 8.5, heading = 16, levelWord = 20;
    double qr = 30 * kMm;
    double barHeight = 6;
    bool qrBeside = true;  // QR code left of its caption (sheets) or above it (receipt)
};

Style StyleFor(Paper p) {
    Style s;
    switch (p) {
        case Paper::A4:
            s = {210 * kMm, 297 * kMm, 14 * kMm, 10, 8.5, 17, 21, 32 * kMm, 6.5, true};
            break;
        case Paper::A5:
            s = {148 * kMm, 210 * kMm, 10 * kMm, 8.5, 7.5, 13, 17, 28 * kMm, 5.5, true};
            break;
        case Paper::Receipt80:
            // 80 mm roll; thermal heads print about 72 mm of it.
            s = {80 * kMm, 0, 4 * kMm, 8.5, 7.5, 11, 15, 42 * kMm, 5, false};
            break;
    }
    return s;
}

std::string Replace(std::string pattern, const std::string& name, const std::string& value) {
    const std::string key = "{" + name + "}";
    for (auto at = pattern.find(key); at != std::string::npos; at = pattern.find(key, at + value.size()))
        pattern.replace(at, key.size(), value);
    return pattern;
}

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

enum class Weight { Regular, Bold };

class Writer {
  public:
    Writer(cairo_t* cr, const Style& s) : m_cr(cr), m_s(s), m_y(s.margin) {}

    double Y() const { return m_y; }
    double ContentWidth() const { return m_s.width - 2 * m_s.margin; }
    const Style& S() const { return m_s; }

    LayoutPtr Layout(const std::string& text, double size, Weight weight, double width) const {
        LayoutPtr layout(pango_cairo_create_layout(m_cr));
        // Points in, points out: Pango's default 96 dpi would scale every font by 4/3 on a PDF surface.
        pango_cairo_context_set_resolution(pango_layout_get_context(layout.get()), 72);
        pango_layout_context_changed(layout.get());
        PangoFontDescription* font = pango_font_description_from_string("Noto Sans");
        pango_font_description_set_size(font, static_cast<gint>(size * PANGO_SCALE));
        pango_font_description_set_weight(font, weight == Weight::Bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
        pango_layout_set_text(layout.get(), text.c_str(), -1);
        return layout;
    }

    static double Height(PangoLayout* layout) {
        int w = 0, h = 0;
        pango_layout_get_size(layout, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    // Starts a new sheet when `height` more does not fit (never on the roll).
    void Need(double height) {
        if (m_s.height <= 0 || m_y + height <= m_s.height - m_s.margin || m_y <= m_s.margin) return;
        cairo_show_page(m_cr);
        m_y = m_s.margin;
    }

    void Draw(PangoLayout* layout, double x, double y, double gray = 0) {
        cairo_set_source_rgb(m_cr, gray, gray, gray);
        cairo_move_to(m_cr, x, y);
        pango_cairo_show_layout(m_cr, layout);
    }

    // A paragraph across the content width; returns its height.
    double Text(const std::string& text, double size, Weight weight = Weight::Regular, double gray = 0,
                double indent = 0) {
        LayoutPtr l = Layout(text, size, weight, ContentWidth() - indent);
        double h = Height(l.get());
        Need(h);
        Draw(l.get(), m_s.margin + indent, m_y, gray);
        m_y += h;
        return h;
    }

    void Space(double points) { m_y += points; }

    void Rule() {
        Need(4);
        m_y += 3;
        cairo_set_source_rgb(m_cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(m_cr, 0.6);
        cairo_move_to(m_cr, m_s.margin, m_y);
        cairo_line_to(m_cr, m_s.width - m_s.margin, m_y);
        cairo_stroke(m_cr);
        m_y += 5;
    }

    // A horizontal bar for a 0–100 score with a tick at each level's lower bound, in greys that survive a
    // black-and-white receipt printer.
    void Bar(double score, const std::vector<core::Level>& levels, double indent = 0) {
        const double h = m_s.barHeight, x = m_s.margin + indent, w = ContentWidth() - indent;
        Need(h + 4);
        m_y += 1.5;
        cairo_set_source_rgb(m_cr, 0.88, 0.88, 0.88);
        cairo_rectangle(m_cr, x, m_y, w, h);
        cairo_fill(m_cr);
        cairo_set_source_rgb(m_cr, 0.2, 0.2, 0.2);
        cairo_rectangle(m_cr, x, m_y, w * std::clamp(score, 0.0, 100.0) / 100.0, h);
        cairo_fill(m_cr);
        cairo_set_line_width(m_cr, 0.8);
        for (const auto& l : levels) {
            if (l.min <= 0) continue;
            const double tx = x + w * l.min / 100.0;
            cairo_set_source_rgb(m_cr, 1, 1, 1);
            cairo_move_to(m_cr, tx, m_y);
            cairo_line_to(m_cr, tx, m_y + h);
            cairo_stroke(m_cr);
        }
        cairo_set_source_rgb(m_cr, 0.2, 0.2, 0.2);
        cairo_set_line_width(m_cr, 0.5);
        cairo_rectangle(m_cr, x, m_y, w, h);
        cairo_stroke(m_cr);
        m_y += h + 2.5;
    }

    void QrSymbol(const core::QrMatrix& qr, double x, double y, double side) {
        if (qr.size <= 0) return;
        const double module = side / (qr.size + 8);  // 4-module quiet zone on each side
        cairo_set_source_rgb(m_cr, 1, 1, 1);
        cairo_rectangle(m_cr, x, y, side, side);
        cairo_fill(m_cr);
        cairo_set_source_rgb(m_cr, 0, 0, 0);
        for (int r = 0; r < qr.size; ++r)
            for (int c = 0; c < qr.size; ++c)
                if (qr.Dark(c, r)) cairo_rectangle(m_cr, x + (c + 4) * module, y + (r + 4) * module, module, module);
        cairo_fill(m_cr);
    }

    // The QR code with its caption and the closing note: beside it on a sheet, under it on the roll.
    void Qr(const core::QrMatrix& qr, const std::string& caption, const std::string& note) {
        const double side = m_s.qr;
        if (m_s.qrBeside) {
            const double textX = side + 4 * kMm, gap = m_s.base * 0.8;
            LayoutPtr c = Layout(caption, m_s.base, Weight::Bold, ContentWidth() - textX);
            LayoutPtr n = Layout(note, m_s.small, Weight::Bold, ContentWidth() - textX);
            const double textH = Height(c.get()) + gap + Height(n.get());
            const double h = std::max(side, textH);
            Need(h);
            QrSymbol(qr, m_s.margin, m_y, side);
            const double top = m_y + std::max(0.0, (side - textH) / 2);
            Draw(c.get(), m_s.margin + textX, top);
            Draw(n.get(), m_s.margin + textX, top + Height(c.get()) + gap, 0.1);
            m_y += h;
        } else {
            LayoutPtr l = Layout(caption, m_s.base, Weight::Bold, ContentWidth());
            pango_layout_set_alignment(l.get(), PANGO_ALIGN_CENTER);
            Need(side + Height(l.get()));
            QrSymbol(qr, (m_s.width - side) / 2, m_y, side);
            m_y += side;
            Draw(l.get(), m_s.margin, m_y);
            m_y += Height(l.get());
            Space(6);
            Text(note, m_s.small, Weight::Bold, 0.1);
        }
    }

    // "label ........ value" on one line (value right-aligned), e.g. an area and its level.
    void Row(const std::string& left, const std::string& right, double size, double indent = 0) {
        LayoutPtr r = Layout(right, size, Weight::Bold, ContentWidth() / 2);
        int rw = 0, rh = 0;
        pango_layout_get_pixel_size(r.get(), &rw, &rh);
        (void)rh;
        const double rightWidth = static_cast<double>(rw);
        LayoutPtr l = Layout(left, size, Weight::Bold, ContentWidth() - indent - rightWidth - 3 * kMm);
        const double h = std::max(Height(l.get()), Height(r.get()));
        Need(h + m_s.barHeight + 6);
        Draw(l.get(), m_s.margin + indent, m_y);
        Draw(r.get(), m_s.width - m_s.margin - rightWidth, m_y);
        m_y += h;
    }

  private:
    cairo_t* m_cr;
    Style m_s;
    double m_y;
};

std::string WholeScore(const PageTexts& t, const core::Score& s) {
    return Replace(t.score, "score", std::to_string(std::lround(s.score)));
}

const std::string& LevelWord(const ResultPage& p, const core::Score& s) {
    const auto& levels = p.questionnaire->scoring.levels;
    if (!s.assessed || s.levelIndex < 0 || static_cast<std::size_t>(s.levelIndex) >= levels.size())
        return p.texts.notAssessed;
    return core::TextIn(levels[static_cast<std::size_t>(s.levelIndex)].label, p.lang);
}

void DrawPage(Writer& w, const ResultPage& p) {
    const core::Questionnaire& q = *p.questionnaire;
    const core::Result& r = *p.result;
    const Style& s = w.S();
    const PageTexts& t = p.texts;

    w.Text(t.heading, s.heading, Weight::Bold);
    w.Space(2);
    w.Text(core::TextIn(q.title, p.lang), s.base, Weight::Bold);
    w.Text(Replace(t.version, "version", q.version) + "  ·  " + Replace(t.date, "date", core::FormatDay(p.day)),
           s.small, Weight::Regular, 0.3);
    w.Rule();

    // Overall: the level word large, then the bar and what the level means.
    w.Text(t.overall, s.base, Weight::Regular, 0.3);
    std::string overall = LevelWord(p, r.overall);
    w.Text(r.overall.assessed ? overall + "  ·  " + WholeScore(t, r.overall) : overall, s.levelWord, Weight::Bold);
    if (r.overall.assessed) {
        w.Bar(r.overall.score, q.scoring.levels);
        if (const auto* d = core::LevelDescription(q, -1, r.overall.levelIndex))
            w.Text(core::TextIn(*d, p.lang), s.base);
    }
    w.Space(s.base * 0.6);

    w.Text(t.areas, s.base + 2, Weight::Bold);
    w.Space(2);
    for (std::size_t i = 0; i < r.areas.size() && i < q.areas.size(); ++i) {
        const core::Score& a = r.areas[i].score;
        std::string right = LevelWord(p, a);
        if (a.assessed) right += " · " + std::to_string(std::lround(a.score));
        w.Row(std::to_string(i + 1) + ". " + core::TextIn(q.areas[i].title, p.lang), right, s.base);
        if (a.assessed) {
            w.Bar(a.score, q.scoring.levels);
            if (const auto* d = core::LevelDescription(q, static_cast<int>(i), a.levelIndex))
                w.Text(core::TextIn(*d, p.lang), s.small, Weight::Regular, 0.15);
        }
        w.Space(s.base * 0.5);
    }

    w.Rule();
    w.Text(t.learnNext, s.base + 2, Weight::Bold);
    w.Space(2);
    auto top = core::TopRecommendations(q, r, 3);
    if (top.empty()) w.Text(t.noneToLearn, s.base);
    for (const core::Competency* c : top) {
        w.Text("• " + c->id + "  " + core::TextIn(c->title, p.lang), s.base, Weight::Bold);
        if (!c->recommendation.empty())
            w.Text(core::TextIn(c->recommendation, p.lang), s.small, Weight::Regular, 0.15, 3 * kMm);
        w.Space(3);
    }
    w.Space(2);
    w.Text(t.where, s.base + 1, Weight::Bold);
    // The link on a line of its own: wrapped after "https://" it would be hard to type.
    w.Text("• " + t.wherePortal + (p.portalUrl.empty() ? "." : ":"), s.base);
    if (!p.portalUrl.empty()) w.Text(p.portalUrl, s.base, Weight::Bold, 0, 3 * kMm);
    w.Text("• " + t.whereTeam, s.base);

    w.Rule();
    w.Qr(core::EncodeQr(PageQrText(p)), t.qrCaption, t.disclaimer);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The PDF's own metadata carries the day only: Cairo would otherwise stamp the time of rendering.
void SetMetadata(cairo_surface_t* surface, const ResultPage& p) {
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", p.day.year, p.day.month, p.day.day);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, day);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, day);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, p.texts.heading.c_str());
}

}  // namespace

const char* PaperName(Paper p) {
    switch (p) {
        case Paper::A4:
            return "a4";
        case Paper::A5:
            return "a5";
        case Paper::Receipt80:
            return "receipt80";
    }
    return "a4";
}

bool ParsePaper(const std::string& name, Paper& out) {
    for (Paper p : {Paper::A4, Paper::A5, Paper::Receipt80})
        if (name == PaperName(p)) {
            out = p;
            return true;
        }
    return false;
}

namespace {

// Fills `out` from a lookup that gives the text of a key or nullptr; names every missing key in `missing`.
template <typename Lookup>
void FillPageTexts(const Lookup& find, PageTexts& out, std::string& missing) {
    auto get = [&](const char* key, std::string& to) {
        const std::string* text = find(key);
        if (!text || text->empty())
            missing += std::string(missing.empty() ? "" : ", ") + key;
        else
            to = *text;
    };
    get("print.heading", out.heading);
    get("print.date", out.date);
    get("print.version", out.version);
    get("print.overall", out.overall);
    get("print.areas", out.areas);
    get("print.score", out.score);
    get("print.not_assessed", out.notAssessed);
    get("print.learn_next", out.learnNext);
    get("print.none_to_learn", out.noneToLearn);
    get("print.where", out.where);
    get("print.where_portal", out.wherePortal);
    get("print.where_team", out.whereTeam);
    get("print.qr_caption", out.qrCaption);
    get("print.disclaimer", out.disclaimer);
    get("qr.overall", out.qr.overall);
    get("qr.level", out.qr.level);
    get("qr.areas", out.qr.areas);
    get("qr.learn_next", out.qr.learn);
    get("qr.not_assessed", out.qr.notAssessed);
}

}  // namespace

bool LoadPageTexts(const std::string& i18nDir, const std::string& lang, PageTexts& out, std::string& error) {
    const std::string path = i18nDir + "/" + lang + ".json";
    std::string bytes;
    if (!core::ReadFileBytes(path, bytes, error)) {
        error = path + ": " + error;
        return false;
    }
    core::JsonReadResult doc = core::ReadJson(bytes);
    if (!doc.ok || !doc.value.is_object()) {
        error = path + ": not a JSON object of strings";
        return false;
    }
    std::string missing;
    FillPageTexts(
        [&](const char* key) -> const std::string* {
            auto it = doc.value.find(key);
            return it == doc.value.end() || !it->is_string() ? nullptr : &it->get_ref<const std::string&>();
        },
        out, missing);
    if (!missing.empty()) {
        error = path + ": missing " + missing;
        return false;
    }
    return true;
}

bool PageTextsFrom(const core::Translations& texts, const std::string& lang, PageTexts& out, std::string& error) {
    const auto* table = texts.Table(lang);
    if (!table) {
        error = "no interface texts in \"" + lang + "\"";
        return false;
    }
    std::string missing;
    FillPageTexts(
        [&](const char* key) -> const std::string* {
            auto it = table->find(key);
            return it == table->end() ? nullptr : &it->second;
        },
        out, missing);
    if (!missing.empty()) {
        error = lang + ": missing " + missing;
        return false;
    }
    return true;
}

std::string PageQrText(const ResultPage& page) {
    core::QrPayloadOptions o;
    o.lang = page.lang;
    o.day = page.day;
    o.words = page.texts.qr;
    o.portalUrl = page.portalUrl;
    return core::BuildQrPayload(*page.questionnaire, *page.result, o);
}

RenderError RenderResultPdf(const ResultPage& page, Paper paper, std::string& pdf) {
    if (!page.questionnaire || !page.result) return {RenderErrorKind::BadInput, "no questionnaire or result"};
    const Style style = StyleFor(paper);
    double pageHeight = style.height;
    if (pageHeight <= 0) {
        // Lay the roll out once off-page to learn its length.
        cairo_surface_t* rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
        cairo_t* cr = cairo_create(rec);
        Writer measure(cr, style);
        DrawPage(measure, page);
        pageHeight = measure.Y() + style.margin + 6 * kMm;  // room to tear off below the last line
        cairo_destroy(cr);
        cairo_surface_destroy(rec);
    }
    pdf.clear();
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendToString, &pdf, style.width, pageHeight);
    SetMetadata(surface, page);
    cairo_t* cr = cairo_create(surface);
    Writer w(cr, style);  // a roll's style has height 0: it never breaks pages
    DrawPage(w, page);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        pdf.clear();
        return {RenderErrorKind::Cairo, cairo_status_to_string(status)};
    }
    return {};
}

}  // namespace kiosk::print
