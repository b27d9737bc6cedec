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
/// Heat-map cell of an mSASSS grade 0-3.
Colour gradeColour(int grade);

}  // namespace ankylos::report
