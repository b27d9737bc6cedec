#include "report/text.h"

#include <mutex>

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

void setup(PangoLayout* layout, const std::string& text, const Font& font, double width, Align align) {
    PangoFontDescription* description = pango_font_description_from_string(font.family.c_str());
    pango_font_description_set_absolute_size(description, font.size * PANGO_SCALE);
    pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(description, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    if (width > 0) {
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, align == Align::Left     ? PANGO_ALIGN_LEFT
                                       : align == Align::Centre ? PANGO_ALIGN_CENTER
                                                                : PANGO_ALIGN_RIGHT);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
}

TextSize sizeOf(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE,
            static_cast<double>(logical.height) / PANGO_SCALE};
}

}  // namespace

PangoLayout* createLayout(cairo_t* cr, const std::string& text, const Font& font, double width, Align align) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    configureContext(pango_layout_get_context(layout));
    pango_layout_context_changed(layout);
    setup(layout, text, font, width, align);
    return layout;
}

TextSize measureText(const std::string& text, const Font& font, double width) {
    // One measuring context for the process; Pango contexts are not thread-safe, hence the lock.
    static std::mutex mutex;
    static PangoContext* context = nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    if (!context) {
        context = pango_font_map_create_context(pango_cairo_font_map_get_default());
        configureContext(context);
    }
    PangoLayout* layout = pango_layout_new(context);
    setup(layout, text, font, width, Align::Left);
    TextSize size = sizeOf(layout);
    g_object_unref(layout);
    return size;
}

TextSize drawText(cairo_t* cr, const std::string& text, const Font& font, double x, double y, double width,
                  Align align, const Colour& colour) {
    PangoLayout* layout = createLayout(cr, text, font, width, align);
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
