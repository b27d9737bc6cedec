#pragma once
/// Drawing helpers shared by the course charts (charts.cpp) and the cohort charts, so that every
/// chart has the same title, legend, fonts and "no data" look. Internal to src/report.

#include <cairo.h>

#include <string>
#include <vector>

#include "report/charts.h"
#include "report/text.h"

namespace ankylos::report::detail {

/// The chart font: sizes follow the box (points on paper, a little larger in pixels on screen).
Font chartFont(const Box& box, double scale = 1.0, bool bold = false);
/// A round step (1, 2, 5 x 10^k; no 2.5, so labels need no extra decimal) giving about `target` intervals
/// over span.
double niceStep(double span, int target);
/// Decimals needed to show multiples of step.
int decimalsFor(double step);

struct LegendEntry {
    std::string label;
    Colour colour;
    bool dashed = false;
    bool band = false;     ///< a filled swatch instead of a line
    bool ring = false;     ///< a ring marker only
    bool outline = false;  ///< an outlined square
};

/// Title (and legend under it) at the top of box; returns the space left below.
Box drawTitleAndLegend(cairo_t* cr, const Box& box, const std::string& title,
                       const std::vector<LegendEntry>& legend);
/// A framed, centred message instead of a chart.
std::vector<ChartHit> drawNoData(cairo_t* cr, const Box& box, const std::string& title,
                                 const std::string& message);

}  // namespace ankylos::report::detail
