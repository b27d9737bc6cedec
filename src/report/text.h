#pragma once
/// Text on a cairo context with Pango: one font description and one way of measuring and drawing,
/// so the layout engine measures exactly what the renderer draws. Patient text is always set as
/// plain text (pango_layout_set_text), never as markup, so names such as "<b>" stay literal.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>

#include "report/palette.h"

namespace ankylos::report {

/// Fallback list: Latin text from Noto Sans (fonts-noto-core) or else DejaVu Sans (fonts-dejavu-core,
/// on every Debian desktop), Chinese from Noto Sans CJK SC (fonts-noto-cjk). Latin text is kept out of
/// the CJK font on purpose: embedding a subset of that 16 MB font costs cairo about 0.25 s per PDF, so
/// a report pays it only when it holds Chinese text.
inline constexpr const char* kDefaultFontFamily = "Noto Sans, DejaVu Sans, Noto Sans CJK SC, sans-serif";

struct Font {
    double size = 9;  ///< points (cairo user units)
    bool bold = false;
    bool italic = false;
    std::string family = kDefaultFontFamily;
};

enum class Align { Left, Centre, Right };

/// A Pango layout for cairo at 72 units per inch (1 pt = 1 user unit), metrics unhinted so that
/// sizes do not change with the output scale. width <= 0: no wrapping. Free with g_object_unref.
PangoLayout* createLayout(cairo_t* cr, const std::string& text, const Font& font, double width = -1,
                          Align align = Align::Left);

struct TextSize {
    double width = 0;
    double height = 0;
};

/// The size of text wrapped to width (no wrapping when width <= 0), measured without any surface.
TextSize measureText(const std::string& text, const Font& font, double width = -1);

/// Draws text with its top-left (or top-right / top-centre when aligned) at (x, y), wrapped to
/// width when width > 0. Returns its size.
TextSize drawText(cairo_t* cr, const std::string& text, const Font& font, double x, double y,
                  double width = -1, Align align = Align::Left, const Colour& colour = kInk);

}  // namespace ankylos::report
