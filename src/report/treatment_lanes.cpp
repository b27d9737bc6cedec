#include <algorithm>

#include "core/format.h"
#include "report/chart_kit.h"
#include "report/charts.h"

namespace ankylos::report {

namespace {
using namespace detail;

constexpr double kBarHeight = 13;
constexpr double kRowGap = 2;
constexpr double kLaneGap = 4;

Font laneFont() {
    return chartFont({}, 0.9, true);
}

double laneLabelHeight() {
    return measureText("Ag", laneFont()).height;
}

double laneHeight(const TreatmentLane& lane) {
    return laneLabelHeight() + static_cast<double>(lane.rows.size()) * (kBarHeight + kRowGap) + kLaneGap;
}

Colour classColour(core::DrugClass drugClass) {
    return kSeries[static_cast<int>(drugClass) % kSeriesCount];
}

std::string barName(const TreatmentBar& bar) {
    return bar.drug + (bar.brand.empty() ? "" : " (" + bar.brand + ")");
}

std::string barHover(const TreatmentBar& bar, const Language& language) {
    const std::string text = barName(bar) + ", " + language.tr(core::drugClassLabel(bar.drugClass)) + ": ";
    if (bar.ongoing)
        return text + language.trf("{1} to {2}", {core::toIsoString(bar.start), language.tr("ongoing")});
    return text + language.trf("{1} to {2}", {core::toIsoString(bar.start), core::toIsoString(bar.lastDay)}) +
           (bar.stopReason
                ? ", " + language.trf("stopped: {1}", {language.tr(core::stopReasonLabel(*bar.stopReason))})
                : "");
}

/// The bar's label inside it when it fits, else after it when there is room before the next bar of
/// its row (or the plot's end); else none (the table and the hover text still name it).
void drawBarLabel(cairo_t* cr, const TreatmentBar& bar, double x0, double x1, double limit, double y) {
    const Font font = chartFont({}, 0.85);
    const std::string name = barName(bar);
    const std::string shortName = bar.drug;
    for (const std::string& text : {name, shortName}) {
        const double width = measureText(text, font).width;
        if (width + 6 <= x1 - x0) {
            drawText(cr, text, font, x0 + 3, y, -1, Align::Left, kInk);
            return;
        }
        if (x1 + 3 + width <= limit) {
            drawText(cr, text, font, x1 + 3, y, -1, Align::Left, kInk);
            return;
        }
    }
}

void drawBar(cairo_t* cr, const TimePlot& plot, const TreatmentBar& bar, double y, double limit,
             const Language& language, std::vector<ChartHit>& hits) {
    const double left = plot.area.x, right = plot.area.x + plot.area.width;
    const double x0 = std::clamp(plot.x(bar.start), left, right);
    const double x1 = std::clamp(plot.x(bar.lastDay + boost::gregorian::days(1)), left, right);
    if (x1 <= left || x0 >= right)
        return;
    const double width = std::max(1.5, x1 - x0);
    const Colour colour = classColour(bar.drugClass);
    cairo_save(cr);
    setColour(cr, colour, 0.28);
    cairo_rectangle(cr, x0, y, width, kBarHeight);
    cairo_fill(cr);
    setColour(cr, colour);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, x0, y, width, kBarHeight);
    cairo_stroke(cr);
    if (bar.ongoing) {
        // An arrowhead past the end: the episode goes on.
        cairo_move_to(cr, x0 + width, y - 1);
        cairo_line_to(cr, x0 + width + 5, y + kBarHeight / 2);
        cairo_line_to(cr, x0 + width, y + kBarHeight + 1);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_restore(cr);
    drawBarLabel(cr, bar, x0, x0 + width + (bar.ongoing ? 5 : 0), limit, y + 1);
    hits.push_back({{x0, y, width, kBarHeight}, barHover(bar, language)});
}

/// The lane's label, and after it, muted, the drugs whose bars lie wholly before or after the charts'
/// dates (they have no bar to carry their name).
void drawLaneLabel(cairo_t* cr, const TreatmentLane& lane, const TimePlot& plot, double x, double y,
                   const Language& language) {
    const TextSize label = drawText(cr, language.tr(core::drugClassLabel(lane.drugClass)), laneFont(), x, y,
                                    -1, Align::Left, classColour(lane.drugClass));
    std::vector<std::string> earlier, later;
    for (const auto& row : lane.rows)
        for (const TreatmentBar* bar : row) {
            if (plot.x(bar->lastDay + boost::gregorian::days(1)) <= plot.area.x)
                earlier.push_back(language.trf("{1} to {2}", {bar->drug, core::toIsoString(bar->lastDay)}));
            else if (plot.x(bar->start) >= plot.area.x + plot.area.width)
                later.push_back(language.trf("{1} from {2}", {bar->drug, core::toIsoString(bar->start)}));
        }
    std::string note;
    if (!earlier.empty())
        note += language.trf("before the charts' dates: {1}", {core::joinNames(earlier)});
    if (!later.empty())
        note += (note.empty() ? "" : "; ") + language.trf("after them: {1}", {core::joinNames(later)});
    if (!note.empty())
        drawText(cr, note, chartFont({}, 0.85), x + label.width + 8, y, -1, Align::Left, kMutedInk);
}

}  // namespace

std::vector<TreatmentLane> treatmentLanes(const CourseData& data) {
    std::vector<TreatmentLane> lanes;
    for (core::DrugClass drugClass : core::allDrugClasses()) {
        TreatmentLane lane;
        lane.drugClass = drugClass;
        for (const TreatmentBar& bar : data.treatments) {
            if (bar.drugClass != drugClass)
                continue;
            auto row = std::find_if(lane.rows.begin(), lane.rows.end(), [&](const auto& bars) {
                return bars.back()->lastDay < bar.start;  // bars come by start date
            });
            if (row == lane.rows.end())
                lane.rows.push_back({&bar});
            else
                row->push_back(&bar);
        }
        if (!lane.rows.empty())
            lanes.push_back(std::move(lane));
    }
    return lanes;
}

double treatmentLanesHeight(const CourseData& data) {
    const std::vector<TreatmentLane> lanes = treatmentLanes(data);
    if (lanes.empty())
        return 70;
    double height = 2 * measureText("Ag", chartFont({}, 1.15, true)).height + 30;  // title, legend, dates
    for (const TreatmentLane& lane : lanes)
        height += laneHeight(lane);
    return height;
}

std::vector<ChartHit> drawTreatmentLanes(cairo_t* cr, const CourseData& data, const Box& box) {
    const Language& language = data.language;
    const std::string title = language.tr("Treatment course");
    const std::vector<TreatmentLane> lanes = treatmentLanes(data);
    if (lanes.empty())
        return drawNoData(cr, box, title, language.tr("No treatment recorded."));
    std::vector<ChartHit> hits;
    const Box rest = drawTitleAndLegend(
        cr, box, title, {{"\u25b8 " + language.tr("ongoing (to today)"), kInk, false, Marker::None}});
    const TimePlot plot = drawDateAxis(cr, rest, courseTimeRange(data));
    double y = plot.area.y + 2;
    for (const TreatmentLane& lane : lanes) {
        drawLaneLabel(cr, lane, plot, rest.x, y, language);
        y += laneLabelHeight();
        for (const auto& row : lane.rows) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                const double limit =
                    i + 1 < row.size() ? plot.x(row[i + 1]->start) - 2 : plot.area.x + plot.area.width;
                drawBar(cr, plot, *row[i], y, limit, language, hits);
            }
            y += kBarHeight + kRowGap;
        }
        y += kLaneGap;
    }
    return hits;
}

}  // namespace ankylos::report
