#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/basdai.h"
#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/chart_kit.h"
#include "report/palette.h"
#include "report/text.h"

namespace ankylos::report {

namespace {
using namespace detail;

double dayOf(core::Date date) {
    return static_cast<double>(date.day_number());
}

std::string fixed(double value, int decimals) {
    return core::formatFixed(value, decimals);
}

/// The plot area of a time chart and its scales.
struct TimePlot {
    Box area;
    double dayMin = 0, dayMax = 1;
    double yMin = 0, yMax = 1;
    double x(core::Date d) const { return xDay(dayOf(d)); }
    double xDay(double day) const { return area.x + (day - dayMin) / (dayMax - dayMin) * area.width; }
    double y(double v) const { return area.y + area.height - (v - yMin) / (yMax - yMin) * area.height; }
};

/// Date ticks: years, or quarters for short courses.
struct DateTick {
    double day;
    std::string label;
};

std::vector<DateTick> dateTicks(double dayMin, double dayMax, double width, double labelWidth) {
    std::vector<DateTick> ticks;
    auto fromDay = [](double day) {
        return boost::gregorian::date(boost::gregorian::gregorian_calendar::from_day_number(
            static_cast<boost::gregorian::date::date_int_type>(day)));
    };
    core::Date start = fromDay(std::ceil(dayMin));
    core::Date end = fromDay(std::floor(dayMax));
    int maxTicks = std::max(2, static_cast<int>(width / labelWidth));
    double spanYears = (dayMax - dayMin) / 365.25;
    if (spanYears > 2.5) {
        int step = 1;
        while (spanYears / step > maxTicks)
            ++step;
        for (int year = start.year(); year <= end.year() + 1; ++year) {
            if (year % step != 0)
                continue;
            core::Date d(static_cast<unsigned short>(year), 1, 1);
            if (d < start || d > end)
                continue;
            ticks.push_back({dayOf(d), std::to_string(year)});
        }
    } else {
        int stepMonths = 1;
        while ((spanYears * 12) / stepMonths > maxTicks)
            stepMonths = stepMonths < 3 ? stepMonths + 1 : stepMonths * 2;
        if (stepMonths > 12)
            stepMonths = 12;
        int month = start.month();
        int year = start.year();
        while (true) {
            core::Date d(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
            if (d > end)
                break;
            if (d >= start && (month - 1) % stepMonths == 0) {
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02d", year, month);
                ticks.push_back({dayOf(d), text});
            }
            if (++month > 12) {
                month = 1;
                ++year;
            }
        }
    }
    return ticks;
}

/// Axes, grid and tick labels for a time chart; returns the plot with its scales.
TimePlot drawTimeAxes(cairo_t* cr, const Box& region, const Box& fontBox, double dayMin, double dayMax,
                      double yMin, double yMax, const std::string& yLabel, int yTicks = 5) {
    Font tickFont = chartFont(fontBox, 0.9);
    double step = niceStep(yMax - yMin, yTicks);
    yMin = std::floor(yMin / step + 1e-9) * step;
    yMax = std::ceil(yMax / step - 1e-9) * step;
    if (yMax <= yMin)
        yMax = yMin + step;
    int decimals = decimalsFor(step);
    double labelWidth = 0;
    for (double v = yMin; v <= yMax + step / 2; v += step)
        labelWidth = std::max(labelWidth, measureText(fixed(v, decimals), tickFont).width);
    double lineHeight = measureText("0", tickFont).height;
    double yLabelHeight = yLabel.empty() ? 0 : lineHeight;

    TimePlot plot;
    plot.area = {region.x + labelWidth + 6, region.y + yLabelHeight + lineHeight / 2, 0, 0};
    plot.area.width = std::max(10.0, region.x + region.width - plot.area.x - 4);
    plot.area.height = std::max(10.0, region.y + region.height - plot.area.y - lineHeight - 4);
    if (dayMax - dayMin < 1) {
        dayMin -= 180;
        dayMax += 180;
    } else {
        double pad = (dayMax - dayMin) * 0.05 + 15;
        dayMin -= pad;
        dayMax += pad;
    }
    plot.dayMin = dayMin;
    plot.dayMax = dayMax;
    plot.yMin = yMin;
    plot.yMax = yMax;

    if (!yLabel.empty())
        drawText(cr, yLabel, tickFont, region.x, region.y, -1, Align::Left, kMutedInk);

    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    for (double v = yMin; v <= yMax + step / 2; v += step) {
        double y = plot.y(v);
        setColour(cr, kGridLine);
        cairo_move_to(cr, plot.area.x, y);
        cairo_line_to(cr, plot.area.x + plot.area.width, y);
        cairo_stroke(cr);
        drawText(cr, fixed(v, decimals), tickFont, plot.area.x - 4, y - lineHeight / 2, -1, Align::Right,
                 kMutedInk);
    }
    double dateLabelWidth = measureText("2020-00", tickFont).width + 10;
    for (const DateTick& tick : dateTicks(dayMin, dayMax, plot.area.width, dateLabelWidth)) {
        double x = plot.xDay(tick.day);
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
    setColour(cr, kAxisLine);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, plot.area.x, plot.area.y);
    cairo_line_to(cr, plot.area.x, plot.area.y + plot.area.height);
    cairo_line_to(cr, plot.area.x + plot.area.width, plot.area.y + plot.area.height);
    cairo_stroke(cr);
    cairo_restore(cr);
    return plot;
}

void clipTo(cairo_t* cr, const Box& area) {
    cairo_rectangle(cr, area.x, area.y, area.width, area.height);
    cairo_clip(cr);
}

/// A line through the given points (gaps where a value is missing) with round markers.
struct SeriesPoint {
    core::Date date;
    std::optional<double> value;
    std::string hover;
};

void drawSeries(cairo_t* cr, const TimePlot& plot, const std::vector<SeriesPoint>& points,
                const Colour& colour, bool dashed, double lineWidth, double markerRadius,
                std::vector<ChartHit>& hits) {
    cairo_save(cr);
    clipTo(cr, {plot.area.x - markerRadius - 1, plot.area.y - markerRadius - 1,
                plot.area.width + 2 * markerRadius + 2, plot.area.height + 2 * markerRadius + 2});
    setColour(cr, colour);
    cairo_set_line_width(cr, lineWidth);
    if (dashed) {
        double dash[] = {4.0, 2.5};
        cairo_set_dash(cr, dash, 2, 0);
    }
    bool drawing = false;
    for (const SeriesPoint& p : points) {
        if (!p.value) {
            drawing = false;
            continue;
        }
        if (drawing)
            cairo_line_to(cr, plot.x(p.date), plot.y(*p.value));
        else
            cairo_move_to(cr, plot.x(p.date), plot.y(*p.value));
        drawing = true;
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    for (const SeriesPoint& p : points) {
        if (!p.value)
            continue;
        double x = plot.x(p.date), y = plot.y(*p.value);
        cairo_arc(cr, x, y, markerRadius, 0, 2 * M_PI);
        cairo_fill(cr);
        if (!p.hover.empty())
            hits.push_back(
                {{x - markerRadius - 2, y - markerRadius - 2, 2 * markerRadius + 4, 2 * markerRadius + 4},
                 p.hover});
    }
    cairo_restore(cr);
}

double dayMinOf(const std::vector<core::Date>& dates) {
    return dayOf(*std::min_element(dates.begin(), dates.end()));
}
double dayMaxOf(const std::vector<core::Date>& dates) {
    return dayOf(*std::max_element(dates.begin(), dates.end()));
}

std::string signedFixed(double value, int decimals) {
    return (value > 0 ? "+" : "") + core::formatFixed(value, decimals);
}

std::string stateName(core::AsdasState state) {
    switch (state) {
        case core::AsdasState::Inactive:
            return "inactive disease";
        case core::AsdasState::Low:
            return "low disease activity";
        case core::AsdasState::High:
            return "high disease activity";
        case core::AsdasState::VeryHigh:
            return "very high disease activity";
    }
    return "";
}

std::string bmdSiteName(core::BmdSite site) {
    switch (site) {
        case core::BmdSite::LumbarSpine:
            return "Lumbar spine";
        case core::BmdSite::FemoralNeck:
            return "Femoral neck";
        case core::BmdSite::TotalHip:
            return "Total hip";
        case core::BmdSite::Radius33:
            return "Radius 33%";
    }
    return "";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

std::vector<ChartHit> drawMsasssChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "mSASSS (0-72)";
    std::vector<core::Date> dates;
    double maxValue = 0;
    for (const MsasssPoint& p : data.msasss) {
        for (const auto& v : {p.total, p.cervical, p.lumbar})
            if (v) {
                maxValue = std::max(maxValue, *v);
                dates.push_back(p.date);
            }
    }
    if (dates.empty())
        return drawNoData(
            cr, box, title,
            data.msasss.empty() ? "No spine radiographs recorded." : "No film has a computable mSASSS.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    Box rest = drawTitleAndLegend(cr, box, title,
                                  {{"Total (film score)", kSeries[0]},
                                   {"Cervical", kSeries[1], true},
                                   {"Lumbar", kSeries[2], true},
                                   {"Progressing interval", {0.98, 0.82, 0.82}, false, true}});
    TimePlot plot = drawTimeAxes(cr, rest, box, dayMinOf(dates), dayMaxOf(dates), 0,
                                 std::max(10.0, maxValue * 1.15), "mSASSS units");

    // Progressing consecutive intervals as a band behind the lines.
    const std::size_t consecutive = data.msasss.size() >= 2 ? data.msasss.size() - 1 : 0;
    Font small = chartFont(box, 0.85, true);
    for (std::size_t i = 0; i < data.progression.size(); ++i) {
        const core::ProgressionResult& pair = data.progression[i];
        double x0 = plot.x(pair.from), x1 = plot.x(pair.to);
        std::string text = core::toIsoString(pair.from) + " -> " + core::toIsoString(pair.to) + ": ";
        text += pair.change ? signedFixed(*pair.change, 1) + " mSASSS" : "change not computable";
        if (pair.ratePerYear)
            text += " (" + fixed(*pair.ratePerYear, 1) + "/yr)";
        if (pair.events.newSyndesmophytes > 0)
            text += ", " + std::to_string(pair.events.newSyndesmophytes) + " new syndesmophyte(s)";
        std::vector<std::string> criteria;
        for (core::ProgressionCriterion c : pair.criteria)
            criteria.push_back(core::toString(c));
        text += pair.progression ? ", criterion: " + core::joinNames(criteria) + ", progression"
                                 : ", no progression";
        if (i >= consecutive)
            continue;  // first-to-last pair: in the table, not drawn over the consecutive ones
        if (pair.progression) {
            cairo_save(cr);
            cairo_set_source_rgba(cr, 0.98, 0.82, 0.82, 0.8);
            cairo_rectangle(cr, x0, plot.area.y, x1 - x0, plot.area.height);
            cairo_fill(cr);
            cairo_restore(cr);
        }
        hits.push_back({{x0, plot.area.y, x1 - x0, plot.area.height}, text});
    }
    // Re-draw grid lines lost under the bands is unnecessary: bands are translucent.
    std::vector<SeriesPoint> total, cervical, lumbar;
    for (const MsasssPoint& p : data.msasss) {
        std::string date = core::toIsoString(p.date);
        total.push_back({p.date, p.total, date + ": mSASSS " + (p.total ? fixed(*p.total, 1) : p.reason)});
        cervical.push_back(
            {p.date, p.cervical, p.cervical ? date + ": cervical " + fixed(*p.cervical, 1) : ""});
        lumbar.push_back({p.date, p.lumbar, p.lumbar ? date + ": lumbar " + fixed(*p.lumbar, 1) : ""});
    }
    // A film whose score is not computable is still shown: a grey cross on the axis, with the reason.
    Font crossFont = chartFont(box, 0.8);
    for (const MsasssPoint& p : data.msasss) {
        if (p.total)
            continue;
        double x = plot.x(p.date), y = plot.area.y + plot.area.height - 5;
        cairo_save(cr);
        setColour(cr, kMutedInk);
        cairo_set_line_width(cr, 1.3);
        cairo_move_to(cr, x - 3.5, y - 3.5);
        cairo_line_to(cr, x + 3.5, y + 3.5);
        cairo_move_to(cr, x + 3.5, y - 3.5);
        cairo_line_to(cr, x - 3.5, y + 3.5);
        cairo_stroke(cr);
        cairo_restore(cr);
        drawText(cr, "not computable", crossFont, x, y - 14, -1, Align::Centre, kMutedInk);
        hits.push_back({{x - 6, y - 14, 12, 20}, core::toIsoString(p.date) + ": mSASSS " + p.reason});
    }
    drawSeries(cr, plot, cervical, kSeries[1], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, lumbar, kSeries[2], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, total, kSeries[0], false, 2.0, 3.0, hits);
    // Each consecutive pair's change, written above the middle of its interval.
    for (std::size_t i = 0; i < consecutive && i < data.progression.size(); ++i) {
        const core::ProgressionResult& pair = data.progression[i];
        if (!pair.change || !pair.scoreFrom || !pair.scoreTo)
            continue;
        double xm = (plot.x(pair.from) + plot.x(pair.to)) / 2;
        double ym = plot.y(std::max(*pair.scoreFrom, *pair.scoreTo));
        double h = measureText("0", small).height;
        drawText(cr, signedFixed(*pair.change, 1), small, xm, std::max(plot.area.y, ym - h - 4), -1,
                 Align::Centre, pair.progression ? kAlert : kMutedInk);
    }
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawAsdasChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "ASDAS";
    std::vector<core::Date> dates;
    double maxValue = 0;
    for (const ActivityPoint& p : data.activity)
        for (const auto& v : {p.asdasCrp, p.asdasEsr})
            if (v) {
                dates.push_back(p.date);
                maxValue = std::max(maxValue, *v);
            }
    if (dates.empty())
        return drawNoData(cr, box, title, "No visit has a computable ASDAS.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    Box rest = drawTitleAndLegend(cr, box, title,
                                  {{"ASDAS-CRP", kSeries[0]},
                                   {"ASDAS-ESR", kSeries[1], true},
                                   {"Inactive <" + core::formatNumber(core::kAsdasLowFrom),
                                    asdasStateColour(core::AsdasState::Inactive), false, true},
                                   {"Low <" + core::formatNumber(core::kAsdasHighFrom),
                                    asdasStateColour(core::AsdasState::Low), false, true},
                                   {"High " + core::formatNumber(core::kAsdasHighFrom) + "-" +
                                        core::formatNumber(core::kAsdasVeryHighAbove),
                                    asdasStateColour(core::AsdasState::High), false, true},
                                   {"Very high >" + core::formatNumber(core::kAsdasVeryHighAbove),
                                    asdasStateColour(core::AsdasState::VeryHigh), false, true}});
    TimePlot plot = drawTimeAxes(cr, rest, box, dayMinOf(dates), dayMaxOf(dates), 0,
                                 std::max(core::kAsdasVeryHighAbove + 1.0, maxValue + 0.3), "ASDAS");
    struct Band {
        double from, to;
        core::AsdasState state;
    };
    const Band bands[] = {{0, core::kAsdasLowFrom, core::AsdasState::Inactive},
                          {core::kAsdasLowFrom, core::kAsdasHighFrom, core::AsdasState::Low},
                          {core::kAsdasHighFrom, core::kAsdasVeryHighAbove, core::AsdasState::High},
                          {core::kAsdasVeryHighAbove, plot.yMax, core::AsdasState::VeryHigh}};
    cairo_save(cr);
    for (const Band& band : bands) {
        setColour(cr, asdasStateColour(band.state), 0.75);
        double top = plot.y(band.to), bottom = plot.y(band.from);
        cairo_rectangle(cr, plot.area.x, top, plot.area.width, bottom - top);
        cairo_fill(cr);
    }
    cairo_restore(cr);
    std::vector<SeriesPoint> crp, esr;
    for (const ActivityPoint& p : data.activity) {
        std::string date = core::toIsoString(p.date);
        crp.push_back({p.date, p.asdasCrp,
                       p.asdasCrp ? date + ": ASDAS-CRP " + fixed(*p.asdasCrp, core::kAsdasDisplayDecimals) +
                                        " (" + stateName(*p.asdasCrpState) + ")"
                                  : ""});
        esr.push_back({p.date, p.asdasEsr,
                       p.asdasEsr ? date + ": ASDAS-ESR " + fixed(*p.asdasEsr, core::kAsdasDisplayDecimals) +
                                        " (" + stateName(*p.asdasEsrState) + ")"
                                  : ""});
    }
    drawSeries(cr, plot, esr, kSeries[1], true, 1.3, 2.2, hits);
    drawSeries(cr, plot, crp, kSeries[0], false, 2.0, 3.0, hits);
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawBasdaiChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "BASDAI (0-10)";
    std::vector<core::Date> dates;
    for (const ActivityPoint& p : data.activity)
        if (p.basdai)
            dates.push_back(p.date);
    if (dates.empty())
        return drawNoData(cr, box, title, "No visit has a computable BASDAI.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    Box rest =
        drawTitleAndLegend(cr, box, title, {{"BASDAI", kSeries[0]}, {"4.0: active disease", kAlert, true}});
    TimePlot plot = drawTimeAxes(cr, rest, box, dayMinOf(dates), dayMaxOf(dates), 0, 10, "BASDAI");
    cairo_save(cr);
    setColour(cr, kAlert);
    cairo_set_line_width(cr, 1.0);
    double dash[] = {4.0, 3.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, plot.area.x, plot.y(core::kBasdaiActiveThreshold));
    cairo_line_to(cr, plot.area.x + plot.area.width, plot.y(core::kBasdaiActiveThreshold));
    cairo_stroke(cr);
    cairo_restore(cr);
    std::vector<SeriesPoint> points;
    for (const ActivityPoint& p : data.activity)
        points.push_back({p.date, p.basdai,
                          p.basdai ? core::toIsoString(p.date) + ": BASDAI " +
                                         fixed(*p.basdai, core::kBasdaiDisplayDecimals)
                                   : ""});
    drawSeries(cr, plot, points, kSeries[0], false, 2.0, 3.0, hits);
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawBmdChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "Bone mineral density (DXA)";
    if (data.bmd.empty())
        return drawNoData(cr, box, title, "No DXA scans recorded.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    std::vector<core::Date> dates;
    double lo = 10, hi = 0;
    std::set<core::BmdSite> sites;
    bool anyCaveat = false;
    for (const BmdPoint& p : data.bmd) {
        dates.push_back(p.date);
        lo = std::min(lo, p.bmd);
        hi = std::max(hi, p.bmd);
        sites.insert(p.site);
        anyCaveat = anyCaveat || p.lumbarCaveat;
    }
    std::vector<LegendEntry> legend;
    for (core::BmdSite site : core::allBmdSites())
        if (sites.count(site))
            legend.push_back({bmdSiteName(site), kSeries[static_cast<int>(site) % kSeriesCount]});
    if (anyCaveat)
        legend.push_back(
            {"lumbar value possibly falsely elevated by syndesmophytes", kAlert, false, false, true});
    Box rest = drawTitleAndLegend(cr, box, title, legend);
    double margin = std::max(0.05, (hi - lo) * 0.15);
    TimePlot plot = drawTimeAxes(cr, rest, box, dayMinOf(dates), dayMaxOf(dates), std::max(0.0, lo - margin),
                                 hi + margin, "BMD g/cm\u00b2");
    for (core::BmdSite site : core::allBmdSites()) {
        if (!sites.count(site))
            continue;
        std::vector<SeriesPoint> points;
        for (const BmdPoint& p : data.bmd) {
            if (p.site != site)
                continue;
            std::string text =
                core::toIsoString(p.date) + ": " + bmdSiteName(site) + " " + fixed(p.bmd, 3) + " g/cm2";
            if (p.tScore)
                text += ", T " + fixed(*p.tScore, 1);
            if (p.zScore)
                text += ", Z " + fixed(*p.zScore, 1);
            if (p.lumbarCaveat)
                text += std::string(", ") + core::kLumbarSyndesmophyteFlag;
            points.push_back({p.date, p.bmd, text});
        }
        drawSeries(cr, plot, points, kSeries[static_cast<int>(site) % kSeriesCount], false, 1.6, 2.6, hits);
    }
    cairo_save(cr);
    setColour(cr, kAlert);
    cairo_set_line_width(cr, 1.3);
    for (const BmdPoint& p : data.bmd) {
        if (!p.lumbarCaveat)
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, plot.x(p.date), plot.y(p.bmd), 5.5, 0, 2 * M_PI);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawLabChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "Laboratory values and biomarkers";
    std::vector<core::Analyte> analytes;
    for (core::Analyte analyte : core::allAnalytes())
        if (std::any_of(data.labs.begin(), data.labs.end(),
                        [&](const LabPoint& p) { return p.analyte == analyte; }))
            analytes.push_back(analyte);
    if (analytes.empty())
        return drawNoData(cr, box, title, "No laboratory values recorded.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    bool anyAssayChange =
        std::any_of(data.labs.begin(), data.labs.end(), [](const LabPoint& p) { return p.assayChanged; });
    std::vector<LegendEntry> legend = {{"outside reference range", kAlert, false, false, true}};
    if (anyAssayChange)
        legend.push_back({"assay changed (values not comparable across the line)", kMutedInk, true});
    Box rest = drawTitleAndLegend(cr, box, title, legend);
    const int count = static_cast<int>(analytes.size());
    const int columns = count <= 2 ? count : (count <= 4 ? 2 : 3);
    const int rows = (count + columns - 1) / columns;
    const double gap = 10;
    double panelWidth = (rest.width - gap * (columns - 1)) / columns;
    double panelHeight = (rest.height - gap * (rows - 1)) / rows;
    Font panelTitle = chartFont(box, 0.95, true);
    for (int i = 0; i < count; ++i) {
        core::Analyte analyte = analytes[i];
        Box panel{rest.x + (i % columns) * (panelWidth + gap), rest.y + (i / columns) * (panelHeight + gap),
                  panelWidth, panelHeight};
        std::vector<const LabPoint*> points;
        for (const LabPoint& p : data.labs)
            if (p.analyte == analyte)
                points.push_back(&p);
        std::vector<core::Date> dates;
        double hi = 0;
        for (const LabPoint* p : points) {
            dates.push_back(p->date);
            hi = std::max(hi, p->value);
        }
        std::string unit = points.front()->unit;
        TextSize t = drawText(cr, core::toString(analyte) + " (" + unit + ")", panelTitle, panel.x, panel.y);
        Box area{panel.x, panel.y + t.height + 1, panel.width, panel.height - t.height - 1};
        TimePlot plot =
            drawTimeAxes(cr, area, box, dayMinOf(dates), dayMaxOf(dates), 0, std::max(hi * 1.15, 1.0), "", 4);
        std::vector<SeriesPoint> series;
        for (const LabPoint* p : points) {
            std::string text = core::toIsoString(p->date) + ": " + core::toString(analyte) + " " +
                               (p->belowDetectionLimit ? "< " : "") + core::formatNumber(p->value) + " " +
                               p->unit;
            if (!p->assay.empty())
                text += ", assay " + p->assay;
            text += ", " + core::toString(p->flag);
            series.push_back({p->date, p->value, text});
        }
        drawSeries(cr, plot, series, kSeries[i % kSeriesCount], false, 1.5, 2.4, hits);
        cairo_save(cr);
        for (const LabPoint* p : points) {
            double x = plot.x(p->date), y = plot.y(p->value);
            if (p->flag == core::ReferenceFlag::High || p->flag == core::ReferenceFlag::Low) {
                setColour(cr, kAlert);
                cairo_set_line_width(cr, 1.3);
                cairo_new_sub_path(cr);
                cairo_arc(cr, x, y, 5, 0, 2 * M_PI);
                cairo_stroke(cr);
            }
            if (p->assayChanged) {
                setColour(cr, kMutedInk);
                cairo_set_line_width(cr, 0.9);
                double dash[] = {2.0, 2.0};
                cairo_set_dash(cr, dash, 2, 0);
                double prevX = x;
                for (const LabPoint* q : points)
                    if (q->date < p->date)
                        prevX = plot.x(q->date);
                double lx = (prevX + x) / 2;
                cairo_move_to(cr, lx, plot.area.y);
                cairo_line_to(cr, lx, plot.area.y + plot.area.height);
                cairo_stroke(cr);
                cairo_set_dash(cr, nullptr, 0, 0);
                hits.push_back({{lx - 3, plot.area.y, 6, plot.area.height},
                                "assay changed before " + core::toIsoString(p->date) + ": " +
                                    (p->assay.empty() ? std::string("not recorded") : p->assay)});
            }
        }
        cairo_restore(cr);
    }
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawSpineHeatMap(cairo_t* cr, const CourseData& data, const Box& box) {
    const std::string title = "Spine heat map (mSASSS grade per site, first reader)";
    if (data.heatMap.empty())
        return drawNoData(cr, box, title, "No spine radiographs recorded.");
    cairo_save(cr);
    std::vector<ChartHit> hits;
    Box rest =
        drawTitleAndLegend(cr, box, title,
                           {{"0", gradeColour(0), false, true},
                            {"1", gradeColour(1), false, true},
                            {"2", gradeColour(2), false, true},
                            {"3", gradeColour(3), false, true},
                            {"not assessable (hatched)", {0.80, 0.80, 0.80}, false, true},
                            {"not scored (white)", {1, 1, 1}, false, true},
                            {"new syndesmophyte / bridging (outlined)", kInk, false, false, false, true}});
    Font labelFont = chartFont(box, 0.85);
    double labelWidth = measureText("T12_inf", labelFont).width + 6;
    double headerHeight = measureText("2020-00-00", labelFont).height + 4;
    const int columns = static_cast<int>(data.heatMap.size());
    const double segmentGap = 4;
    double gridX = rest.x + labelWidth;
    double gridY = rest.y + headerHeight;
    double cellWidth = std::min(60.0, (rest.width - labelWidth) / columns);
    double cellHeight = (rest.height - headerHeight - segmentGap) / core::kSiteCount;
    // Dates at the top: full dates when they fit, else year-month, else only every few columns.
    double fullWidth = measureText("2020-00-00", labelFont).width + 4;
    double shortWidth = measureText("2020-00", labelFont).width + 4;
    int every = 1;
    bool shortLabels = cellWidth < fullWidth;
    while (cellWidth * every < shortWidth)
        ++every;
    for (int c = 0; c < columns; ++c) {
        if (c % every != 0)
            continue;
        std::string label = core::toIsoString(data.heatMap[c].date);
        if (shortLabels)
            label = label.substr(0, 7);
        drawText(cr, label, labelFont, gridX + c * cellWidth + cellWidth / 2, rest.y, -1, Align::Centre,
                 kMutedInk);
    }
    double labelHeight = measureText("C2", labelFont).height;
    for (int s = 0; s < core::kSiteCount; ++s) {
        double y = gridY + s * cellHeight + (s >= core::kSitesPerSegment ? segmentGap : 0);
        core::Site site = core::allSites()[s];
        drawText(cr, core::siteId(site), labelFont, gridX - 4, y + (cellHeight - labelHeight) / 2, -1,
                 Align::Right, kMutedInk);
        for (int c = 0; c < columns; ++c) {
            const HeatMapFilm& film = data.heatMap[c];
            int grade = film.grades[s];
            double x = gridX + c * cellWidth;
            cairo_save(cr);
            cairo_rectangle(cr, x, y, cellWidth, cellHeight);
            if (grade >= 0) {
                setColour(cr, gradeColour(grade));
                cairo_fill_preserve(cr);
            } else if (grade == -1) {
                setColour(cr, {0.88, 0.88, 0.88});
                cairo_fill_preserve(cr);
                cairo_save(cr);
                cairo_clip_preserve(cr);
                setColour(cr, {0.55, 0.55, 0.55});
                cairo_set_line_width(cr, 0.6);
                cairo_new_path(cr);
                for (double d = -cellHeight; d < cellWidth; d += 4) {
                    cairo_move_to(cr, x + d, y + cellHeight);
                    cairo_line_to(cr, x + d + cellHeight, y);
                }
                cairo_stroke(cr);
                cairo_restore(cr);
                cairo_rectangle(cr, x, y, cellWidth, cellHeight);
            }
            setColour(cr, {1, 1, 1});
            cairo_set_line_width(cr, 0.6);
            cairo_stroke(cr);
            if (film.newSyndesmophyte[s]) {
                setColour(cr, kInk);
                cairo_set_line_width(cr, 1.6);
                cairo_rectangle(cr, x + 1, y + 1, cellWidth - 2, cellHeight - 2);
                cairo_stroke(cr);
            }
            cairo_restore(cr);
            std::string text = core::toIsoString(film.date) + " " + core::siteId(site) + ": " +
                               (grade >= 0    ? "grade " + std::to_string(grade)
                                : grade == -1 ? std::string("not assessable")
                                              : std::string("not scored"));
            if (film.newSyndesmophyte[s])
                text += ", new syndesmophyte/bridging since the previous film";
            hits.push_back({{x, y, cellWidth, cellHeight}, text});
        }
    }
    cairo_restore(cr);
    return hits;
}

}  // namespace ankylos::report
