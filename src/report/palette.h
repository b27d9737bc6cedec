#pragma once
/// The one colour palette of the course charts and reports, shared by paper and screen: ASDAS
/// states, mSASSS grades, data series. Colours were chosen to stay distinct when printed in grey.

#include <cairo.h>

#include "core/asdas.h"

namespace ankylos::report {

struct Colour {
    double r = 0, g = 0, b = 0;
};

void setColour(cairo_t* cr, const Colour& colour, double alpha = 1.0);

constexpr Colour kInk{0.13, 0.13, 0.13};
constexpr Colour kMutedInk{0.40, 0.40, 0.40};
constexpr Colour kGridLine{0.86, 0.86, 0.86};
constexpr Colour kAxisLine{0.35, 0.35, 0.35};
constexpr Colour kAlert{0.75, 0.10, 0.10};  ///< out of range, progression

/// Data series, in the order charts use them.
constexpr Colour kSeries[] = {
    {0.12, 0.35, 0.65},  // blue
    {0.85, 0.45, 0.05},  // orange
    {0.20, 0.55, 0.25},  // green
    {0.55, 0.25, 0.60},  // purple
    {0.55, 0.35, 0.20},  // brown
};
constexpr int kSeriesCount = 5;

/// Background band of each ASDAS state (inactive, low, high, very high).
Colour asdasStateColour(core::AsdasState state);
/// Heat-map cell of an mSASSS grade 0-3: darker with each grade, so the grades stay apart in grey
/// (greyLevel) on a black-and-white printer, and every grade apart from an unscored (white) cell.
Colour gradeColour(int grade);
/// The text colour on a grade's cell (kInk or white): the one with the higher contrast.
Colour gradeTextColour(int grade);
/// A cell of a summed score (a CTSS vertebral unit, 0-24) on the grade scale: 0 as grade 0, above it
/// the mean grade 3 x value / maximum between the colours of the grades either side (a pale amber
/// below grade 1).
Colour scoreColour(double value, double maximum);
/// kInk or white, whichever contrasts more with the fill.
Colour textColourOn(const Colour& fill);

/// The grey a black-and-white printer or a greyscale conversion makes of a colour, 0 (black) to 1
/// (paper): the ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B of the sRGB values, as poppler
/// (pdftoppm -gray) and Ghostscript convert RGB to grey.
double greyLevel(const Colour& colour);
/// The WCAG 2 contrast ratio of two colours, 1 (none) to 21 (black on white), from their relative
/// luminances (linearised sRGB). 4.5 is WCAG's minimum for body text.
double contrastRatio(const Colour& a, const Colour& b);

}  // namespace ankylos::report
