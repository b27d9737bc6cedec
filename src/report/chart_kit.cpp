#include "report/chart_kit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/basdai.h"
#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/palette.h"
#include "report/text.h"

namespace ankylos::report::detail {

double baseFontSize(const Box& box) {
    return std::clamp(std::min(box.width / 68.0, box.height / 22.0), 7.0, 11.0);
}

Font chartFont(const Box& box, double scale, bool bold) {
    Font f;
    f.size = baseFontSize(box) * scale;
    f.bold = bold;
    return f;
}

/// A round step giving about `target` intervals over span.
double niceStep(double span, int target) {
    if (span <= 0)
        return 1;
    double raw = span / target;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude)
            return m * magnitude;
    return 10 * magnitude;
}

int decimalsFor(double step) {
    if (step >= 1)
        return 0;
    return std::min(3, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

/// Title (and legend under it) at the top of box; returns the space left below.
Box drawTitleAndLegend(cairo_t* cr, const Box& box, const std::string& title,
                       const std::vector<LegendEntry>& legend) {
    Font titleFont = chartFont(box, 1.15, true);
    TextSize t = drawText(cr, title, titleFont, box.x, box.y);
    double y = box.y + t.height + 2;
    Font legendFont = chartFont(box, 0.95);
    double x = box.x;
    double lineHeight = measureText("Ag", legendFont).height;
    for (const LegendEntry& entry : legend) {
        TextSize size = measureText(entry.label, legendFont);
        double needed = 22 + size.width + 12;
        if (x + needed > box.x + box.width && x > box.x) {
            x = box.x;
            y += lineHeight + 1;
        }
        double mid = y + lineHeight / 2;
        cairo_save(cr);
        if (entry.band) {
            setColour(cr, entry.colour);
            cairo_rectangle(cr, x, mid - 4, 16, 8);
            cairo_fill_preserve(cr);
            setColour(cr, kMutedInk);
            cairo_set_line_width(cr, 0.4);
            cairo_stroke(cr);
        } else if (entry.outline) {
            setColour(cr, entry.colour);
            cairo_set_line_width(cr, 1.4);
            cairo_rectangle(cr, x + 3, mid - 5, 10, 10);
            cairo_stroke(cr);
        } else if (entry.ring) {
            setColour(cr, entry.colour);
            cairo_set_line_width(cr, 1.2);
            cairo_new_path(cr);
            cairo_arc(cr, x + 8, mid, 3.5, 0, 2 * M_PI);
            cairo_stroke(cr);
        } else {
            setColour(cr, entry.colour);
            cairo_set_line_width(cr, 1.6);
            if (entry.dashed) {
                double dash[] = {3.0, 2.0};
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_move_to(cr, x, mid);
            cairo_line_to(cr, x + 16, mid);
            cairo_stroke(cr);
        }
        cairo_restore(cr);
        drawText(cr, entry.label, legendFont, x + 20, y, -1, Align::Left, kInk);
        x += needed;
    }
    if (!legend.empty())
        y += lineHeight + 3;
    return {box.x, y, box.width, box.y + box.height - y};
}

std::vector<ChartHit> drawNoData(cairo_t* cr, const Box& box, const std::string& title,
                                 const std::string& message) {
    Box rest = drawTitleAndLegend(cr, box, title, {});
    cairo_save(cr);
    setColour(cr, kGridLine);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, rest.x + 0.5, rest.y + 0.5, std::max(0.0, rest.width - 1),
                    std::max(0.0, rest.height - 1));
    cairo_stroke(cr);
    cairo_restore(cr);
    Font f = chartFont(box, 1.0, false);
    f.italic = true;
    double h = measureText(message, f, rest.width - 20).height;
    drawText(cr, message, f, rest.x + 10, rest.y + std::max(0.0, (rest.height - h) / 2), rest.width - 20,
             Align::Centre, kMutedInk);
    return {};
}

}  // namespace ankylos::report::detail
