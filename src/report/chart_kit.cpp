#include "report/chart_kit.h"

#include <algorithm>
#include <cmath>

#include "core/format.h"

namespace ankylos::report::detail {

namespace {

constexpr double kChartText = 9.0;     ///< points
constexpr double kMinChartText = 8.0;  ///< points: nothing in a chart is printed smaller
constexpr double kTickScale = 0.9;

double dayOf(core::Date date) {
    return static_cast<double>(date.day_number());
}

void clipTo(cairo_t* cr, const Box& area) {
    cairo_rectangle(cr, area.x, area.y, area.width, area.height);
    cairo_clip(cr);
}

void drawLegendSwatch(cairo_t* cr, const LegendEntry& entry, double x, double mid) {
    cairo_save(cr);
    switch (entry.marker) {
        case Marker::Band:
            setColour(cr, entry.colour);
            cairo_rectangle(cr, x, mid - 4, 16, 8);
            cairo_fill_preserve(cr);
            setColour(cr, kMutedInk);
            cairo_set_line_width(cr, 0.4);
            cairo_stroke(cr);
            break;
        case Marker::Hatched:
            setColour(cr, entry.colour);
            cairo_rectangle(cr, x, mid - 4, 16, 8);
            cairo_fill(cr);
            hatch(cr, {x, mid - 4, 16, 8}, kAxisLine);
            break;
        case Marker::Line:
            setColour(cr, entry.colour);
            cairo_set_line_width(cr, 1.6);
            if (entry.dashed) {
                double dash[] = {3.0, 2.0};
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_move_to(cr, x, mid);
            cairo_line_to(cr, x + 16, mid);
            cairo_stroke(cr);
            break;
        default:
            drawMarker(cr, entry.marker, x + 8, mid, 4, entry.colour);
    }
    cairo_restore(cr);
}

/// Two short slanted strokes across the value axis below its top: the axis is broken there.
void drawAxisBreak(cairo_t* cr, const TimePlot& plot) {
    const double x = plot.area.x, y = plot.area.y + 6;
    cairo_save(cr);
    setColour(cr, {1, 1, 1});
    cairo_rectangle(cr, x - 4, y - 2, 8, 4);
    cairo_fill(cr);
    setColour(cr, kAxisLine);
    cairo_set_line_width(cr, 0.9);
    for (double dy : {-2.0, 2.0}) {
        cairo_move_to(cr, x - 5, y + dy + 2);
        cairo_line_to(cr, x + 5, y + dy - 2);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

void drawValueGrid(cairo_t* cr, const TimePlot& plot, const Font& tickFont, double lineHeight) {
    const ValueAxis& axis = plot.axis;
    for (double v = axis.min; v <= axis.max + axis.step / 2; v += axis.step) {
        const double y = plot.y(v);
        setColour(cr, kGridLine);
        cairo_move_to(cr, plot.area.x, y);
        cairo_line_to(cr, plot.area.x + plot.area.width, y);
        cairo_stroke(cr);
        drawText(cr, core::formatFixed(v, axis.decimals), tickFont, plot.area.x - 4, y - lineHeight / 2, -1,
                 Align::Right, kMutedInk);
    }
}

void drawDateGrid(cairo_t* cr, const TimePlot& plot, const Font& tickFont) {
    const double labelWidth = measureText("2020-00", tickFont).width + 10;
    for (const DateTick& tick : dateTicks(plot.range, static_cast<int>(plot.area.width / labelWidth))) {
        const double x = plot.area.x + (tick.day - plot.range.dayMin) /
                                           (plot.range.dayMax - plot.range.dayMin) * plot.area.width;
        setColour(cr, kGridLine);
        cairo_move_to(cr, x, plot.area.y);
        cairo_line_to(cr, x, plot.area.y + plot.area.height);
        cairo_stroke(cr);
        setColour(cr, kAxisLine);
        cairo_move_to(cr, x, plot.area.y + plot.area.height);
        cairo_line_to(cr, x, plot.area.y + plot.area.height + 3);
        cairo_stroke(cr);
        drawText(cr, tick.label, tickFont, x, plot.area.y + plot.area.height + 3, -1, Align::Centre,
                 kMutedInk);
    }
}

}  // namespace

Font chartFont(const Box&, double scale, bool bold) {
    Font f;
    f.size = std::max(kMinChartText, kChartText * scale);
    f.bold = bold;
    return f;
}

Box drawTitleAndLegend(cairo_t* cr, const Box& box, const std::string& title,
                       const std::vector<LegendEntry>& legend) {
    const TextSize t = drawText(cr, title, chartFont(box, 1.15, true), box.x, box.y);
    double y = box.y + t.height + 2;
    const Font legendFont = chartFont(box, 0.95);
    const double lineHeight = measureText("Ag", legendFont).height;
    double x = box.x;
    for (const LegendEntry& entry : legend) {
        const TextSize size = measureText(entry.label, legendFont);
        const double swatch = entry.marker == Marker::None ? 0 : 20;
        const double needed = swatch + 2 + size.width + 12;
        if (x + needed > box.x + box.width && x > box.x) {
            x = box.x;
            y += lineHeight + 1;
        }
        if (entry.marker != Marker::None)
            drawLegendSwatch(cr, entry, x, y + lineHeight / 2);
        drawText(cr, entry.label, legendFont, x + swatch, y, -1, Align::Left, kInk);
        x += needed;
    }
    if (!legend.empty())
        y += lineHeight + 3;
    return {box.x, y, box.width, box.y + box.height - y};
}

std::vector<ChartHit> drawNoData(cairo_t* cr, const Box& box, const std::string& title,
                                 const std::string& message) {
    const Box rest = drawTitleAndLegend(cr, box, title, {});
    cairo_save(cr);
    setColour(cr, kGridLine);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, rest.x + 0.5, rest.y + 0.5, std::max(0.0, rest.width - 1),
                    std::max(0.0, rest.height - 1));
    cairo_stroke(cr);
    cairo_restore(cr);
    Font f = chartFont(box);
    f.italic = true;
    const double h = measureText(message, f, rest.width - 20).height;
    drawText(cr, message, f, rest.x + 10, rest.y + std::max(0.0, (rest.height - h) / 2), rest.width - 20,
             Align::Centre, kMutedInk);
    return {};
}

void drawMarker(cairo_t* cr, Marker marker, double x, double y, double r, const Colour& colour) {
    cairo_save(cr);
    cairo_new_path(cr);
    setColour(cr, colour);
    cairo_set_line_width(cr, 1.3);
    switch (marker) {
        case Marker::Ring:
            cairo_arc(cr, x, y, r, 0, 2 * M_PI);
            cairo_stroke(cr);
            break;
        case Marker::Outline:
            cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
            cairo_stroke(cr);
            break;
        case Marker::OpenTriangleDown:  // white inside: the value is somewhere below this point
            cairo_move_to(cr, x - r * 1.2, y - r);
            cairo_line_to(cr, x + r * 1.2, y - r);
            cairo_line_to(cr, x, y + r);
            cairo_close_path(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill_preserve(cr);
            setColour(cr, colour);
            cairo_stroke(cr);
            break;
        case Marker::TriangleUp:
        case Marker::TriangleDown: {
            const double tip = marker == Marker::TriangleUp ? -r : r;
            cairo_move_to(cr, x - r * 1.2, y - tip);
            cairo_line_to(cr, x + r * 1.2, y - tip);
            cairo_line_to(cr, x, y + tip);
            cairo_close_path(cr);
            cairo_fill(cr);
            break;
        }
        default:
            cairo_arc(cr, x, y, r, 0, 2 * M_PI);
            cairo_fill(cr);
    }
    cairo_restore(cr);
}

void hatch(cairo_t* cr, const Box& area, const Colour& colour) {
    cairo_save(cr);
    clipTo(cr, area);
    setColour(cr, colour);
    cairo_set_line_width(cr, 0.6);
    cairo_new_path(cr);
    for (double d = -area.height; d < area.width; d += 4) {
        cairo_move_to(cr, area.x + d, area.y + area.height);
        cairo_line_to(cr, area.x + d + area.height, area.y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

double TimePlot::x(core::Date d) const {
    return area.x + (dayOf(d) - range.dayMin) / (range.dayMax - range.dayMin) * area.width;
}

double TimePlot::y(double v) const {
    if (axis.clipAbove)
        v = std::min(v, *axis.clipAbove);
    return area.y + area.height - (v - axis.min) / (axis.max - axis.min) * area.height;
}

ValuePlot drawValueAxes(cairo_t* cr, const Box& region, const ValueAxis& x, const ValueAxis& y,
                        const std::string& xTitle, const std::string& yTitle, bool xGrid) {
    const Font tick = chartFont(region, 0.9);
    const double lineHeight = measureText("0", tick).height;
    double labelWidth = 0;
    for (double v = y.min; v <= y.max + y.step / 2; v += y.step)
        labelWidth = std::max(labelWidth, measureText(core::formatFixed(v, y.decimals), tick).width);
    ValuePlot plot{{region.x + labelWidth + 6 + lineHeight, region.y + lineHeight / 2, 0, 0}, x, y};
    Box& area = plot.area;
    area.width = region.x + region.width - area.x - 6;
    area.height = region.y + region.height - area.y - 2 * lineHeight - 6;
    cairo_set_line_width(cr, 0.5);
    for (double v = y.min; v <= y.max + y.step / 2; v += y.step) {
        setColour(cr, kGridLine);
        cairo_move_to(cr, area.x, plot.py(v));
        cairo_line_to(cr, area.x + area.width, plot.py(v));
        cairo_stroke(cr);
        drawText(cr, core::formatFixed(v, y.decimals), tick, area.x - 4, plot.py(v) - lineHeight / 2, -1,
                 Align::Right, kMutedInk);
    }
    for (double v = x.min; v <= x.max + x.step / 2; v += x.step) {
        if (xGrid) {
            setColour(cr, kGridLine);
            cairo_move_to(cr, plot.px(v), area.y);
            cairo_line_to(cr, plot.px(v), area.y + area.height);
            cairo_stroke(cr);
        }
        drawText(cr, core::formatFixed(v, x.decimals), tick, plot.px(v), area.y + area.height + 3, -1,
                 Align::Centre, kMutedInk);
    }
    drawText(cr, xTitle, tick, area.x + area.width / 2, area.y + area.height + lineHeight + 5, -1,
             Align::Centre, kInk);
    cairo_save(cr);
    cairo_translate(cr, region.x, area.y + area.height / 2);
    cairo_rotate(cr, -M_PI / 2);
    drawText(cr, yTitle, tick, 0, 0, -1, Align::Centre, kInk);
    cairo_restore(cr);
    setColour(cr, kAxisLine);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, area.x, area.y);
    cairo_line_to(cr, area.x, area.y + area.height);
    cairo_line_to(cr, area.x + area.width, area.y + area.height);
    cairo_stroke(cr);
    return plot;
}

double valueGutter() {
    return measureText("00000", chartFont({}, kTickScale)).width + 8;
}

TimePlot drawTimeAxes(cairo_t* cr, const Box& region, const TimeRange& range, const ValueAxis& axis,
                      const std::string& yLabel) {
    const Font tickFont = chartFont(region, kTickScale);
    const double lineHeight = measureText("0", tickFont).height;
    const double yLabelHeight = yLabel.empty() ? 0 : lineHeight;
    TimePlot plot;
    plot.range = range;
    plot.axis = axis;
    plot.area.x = region.x + valueGutter();
    plot.area.y = region.y + yLabelHeight + lineHeight / 2;
    plot.area.width = std::max(10.0, region.x + region.width - plot.area.x - 6);
    plot.area.height = std::max(10.0, region.y + region.height - plot.area.y - lineHeight - 4);
    if (!yLabel.empty())
        drawText(cr, yLabel, tickFont, region.x, region.y, -1, Align::Left, kMutedInk);
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    drawValueGrid(cr, plot, tickFont, lineHeight);
    drawDateGrid(cr, plot, tickFont);
    setColour(cr, kAxisLine);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, plot.area.x, plot.area.y);
    cairo_line_to(cr, plot.area.x, plot.area.y + plot.area.height);
    cairo_line_to(cr, plot.area.x + plot.area.width, plot.area.y + plot.area.height);
    cairo_stroke(cr);
    cairo_restore(cr);
    if (axis.clipAbove)
        drawAxisBreak(cr, plot);
    return plot;
}

TimePlot drawDateAxis(cairo_t* cr, const Box& region, const TimeRange& range) {
    const Font tickFont = chartFont(region, kTickScale);
    const double lineHeight = measureText("0", tickFont).height;
    TimePlot plot;
    plot.range = range;
    plot.area.x = region.x + valueGutter();
    plot.area.y = region.y;
    plot.area.width = std::max(10.0, region.x + region.width - plot.area.x - 6);
    plot.area.height = std::max(10.0, region.height - lineHeight - 4);
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    drawDateGrid(cr, plot, tickFont);
    setColour(cr, kAxisLine);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, plot.area.x, plot.area.y + plot.area.height);
    cairo_line_to(cr, plot.area.x + plot.area.width, plot.area.y + plot.area.height);
    cairo_stroke(cr);
    cairo_restore(cr);
    return plot;
}

void drawSeries(cairo_t* cr, const TimePlot& plot, const std::vector<SeriesPoint>& points,
                const Colour& colour, bool dashed, double lineWidth, double markerRadius,
                std::vector<ChartHit>& hits) {
    cairo_save(cr);
    const double m = markerRadius * 1.3 + 1;
    clipTo(cr, {plot.area.x - m, plot.area.y - m, plot.area.width + 2 * m, plot.area.height + 2 * m});
    setColour(cr, colour);
    cairo_set_line_width(cr, lineWidth);
    if (dashed) {
        double dash[] = {4.0, 2.5};
        cairo_set_dash(cr, dash, 2, 0);
    }
    bool drawing = false;
    for (const SeriesPoint& p : points) {
        if (p.value) {
            (drawing ? cairo_line_to : cairo_move_to)(cr, plot.x(p.date), plot.y(*p.value));
        }
        drawing = p.value.has_value();
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    for (const SeriesPoint& p : points) {
        if (!p.value)
            continue;
        const double x = plot.x(p.date), y = plot.y(*p.value);
        drawMarker(cr, p.marker, x, y, p.marker == Marker::Line ? markerRadius : markerRadius + 1, colour);
        if (!p.hover.empty())
            hits.push_back(
                {{x - markerRadius - 2, y - markerRadius - 2, 2 * markerRadius + 4, 2 * markerRadius + 4},
                 p.hover});
    }
    cairo_restore(cr);
}

void drawThreshold(cairo_t* cr, const TimePlot& plot, double v, const Colour& colour) {
    cairo_save(cr);
    setColour(cr, colour);
    cairo_set_line_width(cr, 1.0);
    double dash[] = {4.0, 3.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, plot.area.x, plot.y(v));
    cairo_line_to(cr, plot.area.x + plot.area.width, plot.y(v));
    cairo_stroke(cr);
    cairo_restore(cr);
}

}  // namespace ankylos::report::detail
