#pragma once
/// Drawing helpers shared by the course charts (charts.cpp, spine_heat_map.cpp) and the cohort
/// charts, so that every chart has the same title, legend, fonts, axes and "no data" look.
/// Internal to src/report.

#include <cairo.h>

#include <optional>
#include <string>
#include <vector>

#include "report/chart_axes.h"
#include "report/charts.h"
#include "report/palette.h"
#include "report/text.h"

namespace ankylos::report::detail {

/// Chart text: 9 pt times scale, never below 8 pt (points on paper; the Course tab scales the
/// whole drawing to pixels). The box is not used: charts of every size share one type size.
Font chartFont(const Box& box, double scale = 1.0, bool bold = false);

/// How a legend entry (and the point it explains) is drawn.
enum class Marker {
    Line,              ///< the series line (dashed when LegendEntry::dashed)
    Band,              ///< a filled swatch
    Ring,              ///< a ring around a point
    Outline,           ///< an outlined square
    OpenTriangleDown,  ///< below the detection limit, at the limit
    TriangleUp,        ///< above a clipped axis, at its edge
    TriangleDown,      ///< a regression on the spine heat map
    Hatched,           ///< not assessable
    None,              ///< text only (a key to an abbreviation)
};

struct LegendEntry {
    std::string label;
    Colour colour;
    bool dashed = false;
    Marker marker = Marker::Line;
};

/// Title (and legend under it) at the top of box; returns the space left below.
Box drawTitleAndLegend(cairo_t* cr, const Box& box, const std::string& title,
                       const std::vector<LegendEntry>& legend);
/// A framed, centred message instead of a chart.
std::vector<ChartHit> drawNoData(cairo_t* cr, const Box& box, const std::string& title,
                                 const std::string& message);

/// A marker of the given kind centred at (x, y).
void drawMarker(cairo_t* cr, Marker marker, double x, double y, double radius, const Colour& colour);
/// Diagonal hatching over a rectangle (not assessable).
void hatch(cairo_t* cr, const Box& area, const Colour& colour);

/// The plot area of a time chart and its scales.
struct TimePlot {
    Box area;
    TimeRange range;
    ValueAxis axis;
    double x(core::Date d) const;
    double y(double v) const;  ///< clipped values: at the top edge
};

/// The value axis gutter of every time chart: the same for all, so stacked charts of one width
/// put a date at the same x (chart_axes.h: courseTimeRange).
double valueGutter();

/// Axes, grid, right-aligned value labels and date ticks of a time chart in region; a clipped axis
/// is drawn broken at its top.
TimePlot drawTimeAxes(cairo_t* cr, const Box& region, const TimeRange& range, const ValueAxis& axis,
                      const std::string& yLabel);

/// The date axis alone (grid and date labels, no value axis) over region, with the x scale of
/// drawTimeAxes: charts without values (the treatment lanes) line up with the time charts.
TimePlot drawDateAxis(cairo_t* cr, const Box& region, const TimeRange& range);

/// The plot area of an x-y chart with value axes both ways (Bland-Altman, cumulative probability).
struct ValuePlot {
    Box area;
    ValueAxis x;
    ValueAxis y;
    double px(double v) const { return area.x + (v - x.min) / (x.max - x.min) * area.width; }
    double py(double v) const { return area.y + area.height - (v - y.min) / (y.max - y.min) * area.height; }
};

/// Axes of an x-y chart in region: horizontal grid lines with right-aligned value labels, x tick
/// labels (and vertical grid lines with xGrid), the x title below and the y title rotated at the left.
ValuePlot drawValueAxes(cairo_t* cr, const Box& region, const ValueAxis& x, const ValueAxis& y,
                        const std::string& xTitle, const std::string& yTitle, bool xGrid = false);

/// A point of a series: a gap where the value is missing.
struct SeriesPoint {
    core::Date date;
    std::optional<double> value;
    std::string hover;
    Marker marker = Marker::Line;  ///< Line: a filled dot
};

/// A line through the points (gaps where a value is missing) with markers; adds hover regions.
void drawSeries(cairo_t* cr, const TimePlot& plot, const std::vector<SeriesPoint>& points,
                const Colour& colour, bool dashed, double lineWidth, double markerRadius,
                std::vector<ChartHit>& hits);

/// A horizontal dashed line at value v across the plot (a threshold or reference limit).
void drawThreshold(cairo_t* cr, const TimePlot& plot, double v, const Colour& colour);

}  // namespace ankylos::report::detail
