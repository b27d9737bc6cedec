#include "report/text.h"

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

namespace ankylos::report {
namespace {

void configureContext(PangoContext* context) {
    pango_cairo_context_set_resolution(context, 72.0);
    // At 72 units per inch one unit is a whole point: Pango's default rounding of glyph positions
    // to whole units then moves every letter of small text by up to half a point, which swallows
    // word spaces ("notcomputable", "Veryhigh") and opens gaps inside words.
    pango_context_set_round_glyph_positions(context, FALSE);
    cairo_font_options_t* options = cairo_font_options_create();
    // Unhinted metrics: the same text has the same size in the PDF, in a PNG preview and on the
    // printer, so a layout measured once fits every output.
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
}

/// The process's one Pango context and its font descriptions: Pango's font set-up (fontconfig
/// matching, font loading) is done once per font and reused by every measurement and drawing.
/// Pango contexts are not thread-safe, hence the lock around every use.
class TextEngine {
public:
    static TextEngine& instance() {
        static TextEngine engine;
        return engine;
    }
    std::mutex& mutex() { return m_mutex; }
    PangoContext* context() { return m_context; }

    const PangoFontDescription* description(const Font& font) {
        auto key = std::make_tuple(font.family, font.size, font.bold, font.italic);
        auto found = m_descriptions.find(key);
        if (found != m_descriptions.end())
            return found->second.get();
        PangoFontDescription* d = pango_font_description_from_string(font.family.c_str());
        pango_font_description_set_absolute_size(d, font.size * PANGO_SCALE);
        pango_font_description_set_weight(d, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(d, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        m_descriptions.emplace(key, DescriptionPtr(d, pango_font_description_free));
        return d;
    }

private:
    TextEngine() : m_context(pango_font_map_create_context(pango_cairo_font_map_get_default())) {
        configureContext(m_context);
    }
    using DescriptionPtr = std::unique_ptr<PangoFontDescription, void (*)(PangoFontDescription*)>;
    std::mutex m_mutex;
    PangoContext* m_context;  // lives as long as the process
    std::map<std::tuple<std::string, double, bool, bool>, DescriptionPtr> m_descriptions;
};

void setUp(PangoLayout* layout, TextEngine& engine, const std::string& text, const Font& font, double width,
           Align align) {
    pango_layout_set_font_description(layout, engine.description(font));
    if (width > 0) {
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, align == Align::Left     ? PANGO_ALIGN_LEFT
                                       : align == Align::Centre ? PANGO_ALIGN_CENTER
                                                                : PANGO_ALIGN_RIGHT);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
}

PangoLayout* newLayout(TextEngine& engine, const std::string& text, const Font& font, double width,
                       Align align) {
    PangoLayout* layout = pango_layout_new(engine.context());
    setUp(layout, engine, text, font, width, align);
    return layout;
}

TextSize sizeOf(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE,
            static_cast<double>(logical.height) / PANGO_SCALE};
}

}  // namespace

PangoLayout* createLayout(cairo_t* cr, const std::string& text, const Font& font, double width, Align align) {
    // A layout of its own context: the caller keeps it beyond the lock (the chart code).
    PangoLayout* layout = pango_cairo_create_layout(cr);
    configureContext(pango_layout_get_context(layout));
    pango_layout_context_changed(layout);
    TextEngine& engine = TextEngine::instance();
    std::lock_guard<std::mutex> lock(engine.mutex());
    setUp(layout, engine, text, font, width, align);
    return layout;
}

TextSize measureText(const std::string& text, const Font& font, double width) {
    TextEngine& engine = TextEngine::instance();
    std::lock_guard<std::mutex> lock(engine.mutex());
    PangoLayout* layout = newLayout(engine, text, font, width, Align::Left);
    TextSize size = sizeOf(layout);
    g_object_unref(layout);
    return size;
}

TextSize drawText(cairo_t* cr, const std::string& text, const Font& font, double x, double y, double width,
                  Align align, const Colour& colour) {
    TextEngine& engine = TextEngine::instance();
    std::lock_guard<std::mutex> lock(engine.mutex());
    // The shared context is unhinted at 72 units per inch: glyph positions do not depend on the
    // target, so the same context draws on a PDF, an image or the printer without an update.
    PangoLayout* layout = newLayout(engine, text, font, width, align);
    TextSize size = sizeOf(layout);
    double left = x;
    if (width <= 0 && align == Align::Right)
        left = x - size.width;
    else if (width <= 0 && align == Align::Centre)
        left = x - size.width / 2;
    cairo_save(cr);
    setColour(cr, colour);
    cairo_move_to(cr, left, y);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
    return size;
}

}  // namespace ankylos::report
