#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/basdai.h"
#include "core/format.h"
#include "report/chart_kit.h"
#include "report/report_common.h"

namespace ankylos::report {

namespace {
using namespace detail;

std::string fixed(double value, int decimals) {
    return core::formatFixed(value, decimals);
}

std::string signedFixed(double value, int decimals) {
    return (value > 0 ? "+" : "") + core::formatFixed(value, decimals);
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string pairText(const core::ProgressionResult& pair, const Language& language) {
    std::string text = core::toIsoString(pair.from) + " -> " + core::toIsoString(pair.to) + ": ";
    text += pair.change ? signedFixed(*pair.change, 1) + " mSASSS" : language.tr("change not computable");
    if (pair.ratePerYear)
        text += " " + language.trf("({1}/yr)", {fixed(*pair.ratePerYear, 1)});
    const core::FilmComparison& e = pair.events;
    text += ", " + siteEventsText(e, language);
    return text + ", " +
           (pair.progression ? language.trf("progression ({1})", {criteriaText(pair.criteria, language)})
                             : language.tr("no progression"));
}

/// Progressing consecutive intervals as bands behind the lines, each pair with its hover text.
void drawProgressionBands(cairo_t* cr, const CourseData& data, const TimePlot& plot,
                          std::vector<ChartHit>& hits) {
    const std::size_t consecutive = data.msasss.size() >= 2 ? data.msasss.size() - 1 : 0;
    for (std::size_t i = 0; i < consecutive && i < data.progression.size(); ++i) {
        const core::ProgressionResult& pair = data.progression[i];
        const double x0 = plot.x(pair.from), x1 = plot.x(pair.to);
        if (pair.progression) {
            cairo_save(cr);
            cairo_set_source_rgba(cr, 0.98, 0.82, 0.82, 0.8);
            cairo_rectangle(cr, x0, plot.area.y, x1 - x0, plot.area.height);
            cairo_fill(cr);
            cairo_restore(cr);
        }
        hits.push_back({{x0, plot.area.y, x1 - x0, plot.area.height}, pairText(pair, data.language)});
    }
}

/// A film whose score is not computable is still shown: a grey cross on the axis, with the reason.
void drawNotComputableFilms(cairo_t* cr, const CourseData& data, const TimePlot& plot,
                            std::vector<ChartHit>& hits) {
    const Font font = chartFont({}, 0.9);
    for (const MsasssPoint& p : data.msasss) {
        if (p.total)
            continue;
        const double x = plot.x(p.date), y = plot.area.y + plot.area.height - 5;
        cairo_save(cr);
        setColour(cr, kMutedInk);
        cairo_set_line_width(cr, 1.3);
        cairo_move_to(cr, x - 3.5, y - 3.5);
        cairo_line_to(cr, x + 3.5, y + 3.5);
        cairo_move_to(cr, x + 3.5, y - 3.5);
        cairo_line_to(cr, x - 3.5, y + 3.5);
        cairo_stroke(cr);
        cairo_restore(cr);
        drawText(cr, data.language.tr("not computable"), font, x, y - 18, -1, Align::Centre, kMutedInk);
        hits.push_back({{x - 6, y - 18, 12, 24}, core::toIsoString(p.date) + ": mSASSS " + p.reason});
    }
}

/// Each consecutive pair's change, written above the middle of its interval.
void drawPairChanges(cairo_t* cr, const CourseData& data, const TimePlot& plot) {
    const Font font = chartFont({}, 0.9, true);
    const double h = measureText("0", font).height;
    const std::size_t consecutive = data.msasss.size() >= 2 ? data.msasss.size() - 1 : 0;
    for (std::size_t i = 0; i < consecutive && i < data.progression.size(); ++i) {
        const core::ProgressionResult& pair = data.progression[i];
        if (!pair.change || !pair.scoreFrom || !pair.scoreTo)
            continue;
        const double xm = (plot.x(pair.from) + plot.x(pair.to)) / 2;
        const double ym = plot.y(std::max(*pair.scoreFrom, *pair.scoreTo));
        drawText(cr, signedFixed(*pair.change, 1), font, xm, std::max(plot.area.y, ym - h - 4), -1,
                 Align::Centre, pair.progression ? kAlert : kMutedInk);
    }
}

/// A 0-10 score over the visits, with an optional threshold line.
std::vector<ChartHit> drawScoreChart(cairo_t* cr, const CourseData& data, const Box& box,
                                     const std::string& name, std::optional<double> ActivityPoint::*member,
                                     int decimals, const std::vector<LegendEntry>& extraLegend,
                                     std::optional<double> threshold) {
    const std::string title = name + " (0-10)";
    const bool any = std::any_of(data.activity.begin(), data.activity.end(),
                                 [&](const ActivityPoint& p) { return (p.*member).has_value(); });
    if (!any)
        return drawNoData(cr, box, title, data.language.trf("No visit has a computable {1}.", {name}));
    std::vector<ChartHit> hits;
    std::vector<LegendEntry> legend{{name, kSeries[0]}};
    legend.insert(legend.end(), extraLegend.begin(), extraLegend.end());
    const Box rest = drawTitleAndLegend(cr, box, title, legend);
    const TimePlot plot = drawTimeAxes(cr, rest, courseTimeRange(data), niceAxis(0, 10, 5), name);
    if (threshold)
        drawThreshold(cr, plot, *threshold, kAlert);
    std::vector<SeriesPoint> points;
    for (const ActivityPoint& p : data.activity) {
        const std::optional<double>& v = p.*member;
        points.push_back(
            {p.date, v, v ? core::toIsoString(p.date) + ": " + name + " " + fixed(*v, decimals) : ""});
    }
    drawSeries(cr, plot, points, kSeries[0], false, 2.0, 3.0, hits);
    return hits;
}

std::string asdasHover(core::Date date, const char* name, const std::optional<double>& value,
                       const std::optional<core::AsdasState>& state, const Language& language) {
    if (!value)
        return "";
    return core::toIsoString(date) + ": " + name + " " + core::formatAsdas(*value) + " (" +
           language.tr(core::label(*state)) + ")";
}

std::string bmdHover(const BmdPoint& p, const Language& language) {
    std::string text = core::toIsoString(p.date) + ": " + language.tr(core::label(p.site)) + " " +
                       fixed(p.bmd, 3) + " g/cm\u00b2";
    if (p.tScore)
        text += ", T " + fixed(*p.tScore, 1);
    if (p.zScore)
        text += ", Z " + fixed(*p.zScore, 1);
    if (p.lumbarCaveat)
        text += ", " + language.tr(core::kLumbarSyndesmophyteFlag);
    return text;
}

std::string labHover(const LabPoint& p, const Language& language) {
    std::string text = core::toIsoString(p.date) + ": " + core::toString(p.analyte) + " " +
                       (p.belowDetectionLimit ? "< " : "") + core::formatNumber(p.value) + " " + p.unit;
    if (p.belowDetectionLimit)
        text += " " + language.tr("(below the detection limit)");
    if (!p.entered.empty())
        text += ", " + language.trf("entered as {1}", {p.entered});
    if (!p.assay.empty())
        text += ", " + language.trf("assay {1}", {p.assay});
    return text + ", " + language.tr(core::label(p.flag));
}

/// A dashed vertical line between the value before an assay change and the first value after it.
void drawAssayChange(cairo_t* cr, const TimePlot& plot, const std::vector<const LabPoint*>& points,
                     const LabPoint& p, const Language& language, std::vector<ChartHit>& hits) {
    double previousX = plot.x(p.date);
    for (const LabPoint* q : points)
        if (q->date < p.date)
            previousX = plot.x(q->date);
    const double x = (previousX + plot.x(p.date)) / 2;
    cairo_save(cr);
    setColour(cr, kInk);
    cairo_set_line_width(cr, 1.0);
    double dash[] = {2.0, 2.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, x, plot.area.y);
    cairo_line_to(cr, x, plot.area.y + plot.area.height);
    cairo_stroke(cr);
    cairo_restore(cr);
    drawText(cr, language.tr("assay changed"), chartFont({}, 0.9), x + 3, plot.area.y + 1, -1, Align::Left,
             kInk);
    hits.push_back({{x - 3, plot.area.y, 6, plot.area.height},
                    language.trf("assay changed before {1}: {2} (values before and after are not comparable)",
                                 {core::toIsoString(p.date), p.assay})});
}

/// Values above a clipped axis: a triangle at the top edge with the value written beside it.
void drawClippedValues(cairo_t* cr, const TimePlot& plot, const std::vector<const LabPoint*>& points) {
    const Font font = chartFont({}, 0.9, true);
    for (const LabPoint* p : points) {
        if (!plot.axis.clipAbove || p->value <= *plot.axis.clipAbove)
            continue;
        const double x = plot.x(p->date), y = plot.area.y;
        drawMarker(cr, Marker::TriangleUp, x, y, 4, kAlert);
        drawText(cr, core::formatNumber(p->value), font, x + 8, y - 2, -1, Align::Left, kAlert);
    }
}

std::vector<LegendEntry> labLegend(const std::vector<const LabPoint*>& points, const ValueAxis& axis,
                                   const Colour& colour, const Language& language) {
    std::vector<LegendEntry> legend;  // the title names the analyte: only the markers are explained
    auto any = [&](auto test) { return std::any_of(points.begin(), points.end(), test); };
    if (any([](const LabPoint* p) {
            return p->flag == core::ReferenceFlag::High || p->flag == core::ReferenceFlag::Low;
        }))
        legend.push_back({language.tr("outside reference range"), kAlert, false, Marker::Ring});
    if (any([](const LabPoint* p) { return p->upperLimit.has_value(); }))
        legend.push_back({language.tr("upper reference limit"), kMutedInk, true});
    if (any([](const LabPoint* p) { return p->belowDetectionLimit; }))
        legend.push_back(
            {language.tr("below detection limit (at the limit)"), colour, false, Marker::OpenTriangleDown});
    if (axis.clipAbove)
        legend.push_back(
            {language.trf("above {1}: at the top, value written", {core::formatNumber(*axis.clipAbove)}),
             kAlert, false, Marker::TriangleUp});
    if (any([](const LabPoint* p) { return p->assayChanged; }))
        legend.push_back({language.tr("assay changed (not comparable across)"), kInk, true});
    return legend;
}

}  // namespace

std::vector<ChartHit> drawMsasssChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = "mSASSS (0-72)";
    double maxValue = 0;
    bool any = false;
    for (const MsasssPoint& p : data.msasss)
        for (const auto& v : {p.total, p.cervical, p.lumbar})
            if (v) {
                maxValue = std::max(maxValue, *v);
                any = true;
            }
    if (!any)
        return drawNoData(cr, box, title,
                          data.msasss.empty() ? language.tr("No spine radiographs recorded.")
                                              : language.tr("No film has a computable mSASSS."));
    std::vector<ChartHit> hits;
    const Box rest =
        drawTitleAndLegend(cr, box, title,
                           {{language.tr("Total (film score)"), kSeries[0]},
                            {language.tr("Cervical"), kSeries[1], true},
                            {language.tr("Lumbar"), kSeries[2], true},
                            {language.tr("Progressing interval"), {0.98, 0.82, 0.82}, false, Marker::Band}});
    const TimePlot plot =
        drawTimeAxes(cr, rest, courseTimeRange(data), niceAxis(0, std::max(10.0, maxValue * 1.15), 5),
                     language.tr("mSASSS units"));
    drawProgressionBands(cr, data, plot, hits);
    std::vector<SeriesPoint> total, cervical, lumbar;
    for (const MsasssPoint& p : data.msasss) {
        const std::string date = core::toIsoString(p.date);
        total.push_back({p.date, p.total, date + ": mSASSS " + (p.total ? fixed(*p.total, 1) : p.reason)});
        cervical.push_back(
            {p.date, p.cervical,
             p.cervical ? date + ": " + language.tr("cervical") + " " + fixed(*p.cervical, 1) : ""});
        lumbar.push_back({p.date, p.lumbar,
                          p.lumbar ? date + ": " + language.tr("lumbar") + " " + fixed(*p.lumbar, 1) : ""});
    }
    drawNotComputableFilms(cr, data, plot, hits);
    drawSeries(cr, plot, cervical, kSeries[1], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, lumbar, kSeries[2], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, total, kSeries[0], false, 2.0, 3.0, hits);
    drawPairChanges(cr, data, plot);
    return hits;
}

std::vector<ChartHit> drawCtssChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = language.tr("CTSS, low-dose CT (0-552)");
    double maxValue = 0;
    for (const CtssPoint& p : data.ctss)
        for (const auto& v : {p.total, p.cervical, p.thoracic, p.lumbar})
            maxValue = std::max(maxValue, v.value_or(0));
    const bool any =
        std::any_of(data.ctss.begin(), data.ctss.end(), [](const CtssPoint& p) { return p.total; });
    if (!any)
        return drawNoData(cr, box, title, language.tr("No low-dose CT has a computable CTSS."));
    std::vector<ChartHit> hits;
    const Box rest = drawTitleAndLegend(cr, box, title,
                                        {{language.tr("Total (scan score)"), kSeries[0]},
                                         {language.tr("Cervical"), kSeries[1], true},
                                         {language.tr("Thoracic"), kSeries[3], true},
                                         {language.tr("Lumbar"), kSeries[2], true}});
    const TimePlot plot =
        drawTimeAxes(cr, rest, courseTimeRange(data), niceAxis(0, std::max(10.0, maxValue * 1.15), 5),
                     language.tr("CTSS units"));
    std::vector<SeriesPoint> total, cervical, thoracic, lumbar;
    auto hover = [&](core::Date date, const std::string& segment, const std::optional<double>& value) {
        return value ? core::toIsoString(date) + ": " + segment + " " + fixed(*value, 1) : std::string();
    };
    for (const CtssPoint& p : data.ctss) {
        total.push_back({p.date, p.total,
                         core::toIsoString(p.date) + ": CTSS " + (p.total ? fixed(*p.total, 1) : p.reason)});
        cervical.push_back({p.date, p.cervical, hover(p.date, language.tr("cervical"), p.cervical)});
        thoracic.push_back({p.date, p.thoracic, hover(p.date, language.tr("thoracic"), p.thoracic)});
        lumbar.push_back({p.date, p.lumbar, hover(p.date, language.tr("lumbar"), p.lumbar)});
    }
    drawSeries(cr, plot, cervical, kSeries[1], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, thoracic, kSeries[3], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, lumbar, kSeries[2], true, 1.2, 2.0, hits);
    drawSeries(cr, plot, total, kSeries[0], false, 2.0, 3.0, hits);
    return hits;
}

std::vector<ChartHit> drawAsdasChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = "ASDAS";
    double maxValue = 0;
    bool any = false;
    for (const ActivityPoint& p : data.activity)
        for (const auto& v : {p.asdasCrp, p.asdasEsr})
            if (v) {
                maxValue = std::max(maxValue, *v);
                any = true;
            }
    if (!any)
        return drawNoData(cr, box, title, language.trf("No visit has a computable {1}.", {"ASDAS"}));
    std::vector<ChartHit> hits;
    const std::string low = fixed(core::kAsdasLowFrom, 1), high = fixed(core::kAsdasHighFrom, 1),
                      veryHigh = fixed(core::kAsdasVeryHighAbove, 1);
    const Box rest = drawTitleAndLegend(
        cr, box, title,
        {{"ASDAS-CRP", kSeries[0]},
         {"ASDAS-ESR", kSeries[1], true},
         {capitalised(language.tr(core::label(core::AsdasState::Inactive))) + " < " + low,
          asdasStateColour(core::AsdasState::Inactive), false, Marker::Band},
         {capitalised(language.tr(core::label(core::AsdasState::Low))) + " < " + high,
          asdasStateColour(core::AsdasState::Low), false, Marker::Band},
         {capitalised(language.tr(core::label(core::AsdasState::High))) + " " + high + "\u2013" + veryHigh,
          asdasStateColour(core::AsdasState::High), false, Marker::Band},
         {capitalised(language.tr(core::label(core::AsdasState::VeryHigh))) + " > " + veryHigh,
          asdasStateColour(core::AsdasState::VeryHigh), false, Marker::Band}});
    const TimePlot plot =
        drawTimeAxes(cr, rest, courseTimeRange(data),
                     niceAxis(0, std::max(core::kAsdasVeryHighAbove + 1.0, maxValue + 0.3), 5), "ASDAS");
    const std::pair<double, core::AsdasState> bands[] = {
        {0, core::AsdasState::Inactive},
        {core::kAsdasLowFrom, core::AsdasState::Low},
        {core::kAsdasHighFrom, core::AsdasState::High},
        {core::kAsdasVeryHighAbove, core::AsdasState::VeryHigh}};
    for (std::size_t i = 0; i < 4; ++i) {
        const double top = plot.y(i + 1 < 4 ? bands[i + 1].first : plot.axis.max),
                     bottom = plot.y(bands[i].first);
        setColour(cr, asdasStateColour(bands[i].second), 0.75);
        cairo_rectangle(cr, plot.area.x, top, plot.area.width, bottom - top);
        cairo_fill(cr);
    }
    std::vector<SeriesPoint> crp, esr;
    for (const ActivityPoint& p : data.activity) {
        crp.push_back(
            {p.date, p.asdasCrp, asdasHover(p.date, "ASDAS-CRP", p.asdasCrp, p.asdasCrpState, language)});
        esr.push_back(
            {p.date, p.asdasEsr, asdasHover(p.date, "ASDAS-ESR", p.asdasEsr, p.asdasEsrState, language)});
    }
    drawSeries(cr, plot, esr, kSeries[1], true, 1.3, 2.2, hits);
    drawSeries(cr, plot, crp, kSeries[0], false, 2.0, 3.0, hits);
    return hits;
}

std::vector<ChartHit> drawBasdaiChart(cairo_t* cr, const CourseData& data, const Box& box) {
    return drawScoreChart(
        cr, data, box, "BASDAI", &ActivityPoint::basdai, core::kBasdaiDisplayDecimals,
        {{data.language.trf("{1}: active disease", {fixed(core::kBasdaiActiveThreshold, 1)}), kAlert, true}},
        core::kBasdaiActiveThreshold);
}

std::vector<ChartHit> drawBasfiChart(cairo_t* cr, const CourseData& data, const Box& box) {
    return drawScoreChart(cr, data, box, "BASFI", &ActivityPoint::basfi, 1, {}, std::nullopt);
}

std::vector<ChartHit> drawBasmiChart(cairo_t* cr, const CourseData& data, const Box& box) {
    return drawScoreChart(cr, data, box, "BASMI", &ActivityPoint::basmi, 1, {}, std::nullopt);
}

std::vector<ChartHit> drawBmdChart(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = language.tr("Bone mineral density (DXA)");
    if (data.bmd.empty())
        return drawNoData(cr, box, title, language.tr("No DXA scans recorded."));
    std::vector<ChartHit> hits;
    double lo = 10, hi = 0;
    std::set<core::BmdSite> sites;
    bool anyCaveat = false;
    for (const BmdPoint& p : data.bmd) {
        lo = std::min(lo, p.bmd);
        hi = std::max(hi, p.bmd);
        sites.insert(p.site);
        anyCaveat = anyCaveat || p.lumbarCaveat;
    }
    auto colourOf = [](core::BmdSite site) { return kSeries[static_cast<int>(site) % kSeriesCount]; };
    std::vector<LegendEntry> legend;
    for (core::BmdSite site : core::allBmdSites())
        if (sites.count(site))
            legend.push_back({capitalised(language.tr(core::label(site))), colourOf(site)});
    if (anyCaveat)
        legend.push_back(
            {language.trf("lumbar spine value {1}", {language.tr(core::kLumbarSyndesmophyteFlag)}), kAlert,
             false, Marker::Ring});
    const Box rest = drawTitleAndLegend(cr, box, title, legend);
    const double margin = std::max(0.05, (hi - lo) * 0.15);
    const TimePlot plot =
        drawTimeAxes(cr, rest, courseTimeRange(data), niceAxis(std::max(0.0, lo - margin), hi + margin, 4),
                     "BMD g/cm\u00b2");
    for (core::BmdSite site : sites) {
        std::vector<SeriesPoint> points;
        for (const BmdPoint& p : data.bmd)
            if (p.site == site)
                points.push_back({p.date, p.bmd, bmdHover(p, language)});
        drawSeries(cr, plot, points, colourOf(site), false, 1.6, 2.6, hits);
    }
    for (const BmdPoint& p : data.bmd)
        if (p.lumbarCaveat)
            drawMarker(cr, Marker::Ring, plot.x(p.date), plot.y(p.bmd), 5.5, kAlert);
    return hits;
}

std::vector<core::Analyte> labAnalytes(const CourseData& data) {
    std::vector<core::Analyte> analytes;
    for (core::Analyte analyte : core::allAnalytes())
        if (std::any_of(data.labs.begin(), data.labs.end(),
                        [&](const LabPoint& p) { return p.analyte == analyte; }))
            analytes.push_back(analyte);
    return analytes;
}

std::vector<ChartHit> drawLabChart(cairo_t* cr, const CourseData& data, core::Analyte analyte,
                                   const Box& box) {
    std::vector<const LabPoint*> points;
    for (const LabPoint& p : data.labs)
        if (p.analyte == analyte)
            points.push_back(&p);
    const std::string unit = core::canonicalUnit(analyte);
    const std::string title = data.language.tr(core::toString(analyte)) + " (" + unit + ")";
    if (points.empty())
        return drawNoData(
            cr, box, title,
            data.language.trf("No {1} values recorded.", {data.language.tr(core::toString(analyte))}));
    std::vector<ChartHit> hits;
    std::vector<double> values;
    double limit = 0;
    for (const LabPoint* p : points) {
        values.push_back(p->value);
        limit = std::max(limit, p->upperLimit.value_or(0));
    }
    const ValueAxis axis = labAxis(values, limit);
    const Colour colour = kSeries[static_cast<int>(analyte) % kSeriesCount];
    const Box rest = drawTitleAndLegend(cr, box, title, labLegend(points, axis, colour, data.language));
    const TimePlot plot = drawTimeAxes(cr, rest, courseTimeRange(data), axis, unit);
    if (limit > 0)
        drawThreshold(cr, plot, limit, kMutedInk);
    std::vector<SeriesPoint> series;
    for (const LabPoint* p : points)
        series.push_back({p->date, p->value, labHover(*p, data.language),
                          p->belowDetectionLimit ? Marker::OpenTriangleDown : Marker::Line});
    drawSeries(cr, plot, series, colour, false, 1.5, 2.6, hits);
    for (const LabPoint* p : points) {
        if (p->flag == core::ReferenceFlag::High || p->flag == core::ReferenceFlag::Low)
            drawMarker(cr, Marker::Ring, plot.x(p->date), plot.y(p->value), 5.5, kAlert);
        if (p->assayChanged)
            drawAssayChange(cr, plot, points, *p, data.language, hits);
    }
    drawClippedValues(cr, plot, points);
    return hits;
}

std::vector<CourseChart> courseCharts(std::shared_ptr<const CourseData> data) {
    using Draw = std::vector<ChartHit> (*)(cairo_t*, const CourseData&, const Box&);
    std::vector<CourseChart> charts;
    auto add = [&](const std::string& name, double height, Draw draw) {
        charts.push_back(
            {name, height, [data, draw](cairo_t* cr, const Box& b) { return draw(cr, *data, b); }});
    };
    add("mSASSS", 185, drawMsasssChart);
    if (!data->ctss.empty())
        add("CTSS", 185, drawCtssChart);
    add("ASDAS", 165, drawAsdasChart);
    add("BASDAI", 135, drawBasdaiChart);
    add("BASFI", 125, drawBasfiChart);
    add("BASMI", 125, drawBasmiChart);
    add("BMD", 150, drawBmdChart);
    for (core::Analyte analyte : labAnalytes(*data))
        charts.push_back({core::toString(analyte), 140, [data, analyte](cairo_t* cr, const Box& b) {
                              return drawLabChart(cr, *data, analyte, b);
                          }});
    if (data->labs.empty())
        charts.push_back({"Laboratory values", 70, [data](cairo_t* cr, const Box& b) {
                              return drawNoData(cr, b, data->language.tr("Laboratory values and biomarkers"),
                                                data->language.tr("No laboratory values recorded."));
                          }});
    add("Treatment", treatmentLanesHeight(*data), drawTreatmentLanes);
    add("Spine heat map", 360, drawSpineHeatMap);
    if (!data->ctssHeatMap.empty())
        add("CTSS heat map", 380, drawCtssHeatMap);
    return charts;
}

}  // namespace ankylos::report
