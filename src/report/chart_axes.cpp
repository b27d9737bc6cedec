#include "report/chart_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ankylos::report {

namespace {

double dayOf(core::Date date) {
    return static_cast<double>(date.day_number());
}

core::Date dateOf(double day) {
    return core::Date(boost::gregorian::gregorian_calendar::from_day_number(
        static_cast<boost::gregorian::date::date_int_type>(day)));
}

std::vector<core::Date> courseDates(const CourseData& data) {
    std::vector<core::Date> dates;
    for (const MsasssPoint& p : data.msasss)
        dates.push_back(p.date);
    for (const CtssPoint& p : data.ctss)
        dates.push_back(p.date);
    for (const ActivityPoint& p : data.activity)
        if (p.basdai || p.asdasCrp || p.asdasEsr || p.basfi || p.basmi)
            dates.push_back(p.date);
    for (const BmdPoint& p : data.bmd)
        dates.push_back(p.date);
    for (const LabPoint& p : data.labs)
        dates.push_back(p.date);
    return dates;
}

void addYearTicks(std::vector<DateTick>& ticks, core::Date start, core::Date end, double spanYears,
                  int maxTicks) {
    int step = 1;
    while (spanYears / step > maxTicks)
        ++step;
    for (int year = start.year(); year <= end.year(); ++year) {
        core::Date d(static_cast<unsigned short>(year), 1, 1);
        if (year % step == 0 && d >= start && d <= end)
            ticks.push_back({dayOf(d), std::to_string(year)});
    }
}

void addMonthTicks(std::vector<DateTick>& ticks, core::Date start, core::Date end, double spanYears,
                   int maxTicks) {
    int stepMonths = 1;
    while ((spanYears * 12) / stepMonths > maxTicks && stepMonths < 12)
        stepMonths = stepMonths < 3 ? stepMonths + 1 : stepMonths * 2;
    stepMonths = std::min(stepMonths, 12);
    for (int year = start.year(), month = start.month();; ++month) {
        if (month > 12) {
            month = 1;
            ++year;
        }
        core::Date d(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
        if (d > end)
            break;
        if (d >= start && (month - 1) % stepMonths == 0) {
            char text[16];
            std::snprintf(text, sizeof text, "%04d-%02d", year, month);
            ticks.push_back({dayOf(d), text});
        }
    }
}

}  // namespace

TimeRange courseTimeRange(const CourseData& data) {
    const std::vector<core::Date> dates = courseDates(data);
    if (dates.empty()) {
        const double day = dayOf(core::Date(2000, 1, 1));
        return {day - 183, day + 183};
    }
    const double first = dayOf(*std::min_element(dates.begin(), dates.end()));
    const double last = dayOf(*std::max_element(dates.begin(), dates.end()));
    if (last - first < 1)
        return {first - 180, last + 180};
    const double pad = (last - first) * 0.05 + 15;
    return {first - pad, last + pad};
}

std::vector<DateTick> dateTicks(const TimeRange& range, int maxTicks) {
    std::vector<DateTick> ticks;
    const core::Date start = dateOf(std::ceil(range.dayMin));
    const core::Date end = dateOf(std::floor(range.dayMax));
    const double spanYears = (range.dayMax - range.dayMin) / 365.25;
    maxTicks = std::max(2, maxTicks);
    if (spanYears > 2.5)
        addYearTicks(ticks, start, end, spanYears, maxTicks);
    else
        addMonthTicks(ticks, start, end, spanYears, maxTicks);
    return ticks;
}

double niceStep(double span, int target) {
    if (span <= 0)
        return 1;
    const double raw = span / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * magnitude * (1 + 1e-9))
            return m * magnitude;
    return 10 * magnitude;
}

int decimalsFor(double step) {
    if (step >= 1)
        return 0;
    return std::min(3, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

ValueAxis niceAxis(double lo, double hi, int ticks) {
    ValueAxis axis;
    axis.step = niceStep(hi - lo, ticks);
    axis.min = std::floor(lo / axis.step + 1e-9) * axis.step;
    axis.max = std::ceil(hi / axis.step - 1e-9) * axis.step;
    if (axis.max <= axis.min)
        axis.max = axis.min + axis.step;
    axis.decimals = decimalsFor(axis.step);
    return axis;
}

std::optional<double> outlierCut(std::vector<double> values, double minimumCut) {
    if (values.size() < 3)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t rank = (3 * values.size() + 3) / 4;  // nearest rank: ceil(0.75 n)
    const double cut = std::max(kOutlierFactor * values[rank - 1], minimumCut);
    if (values.back() <= cut)
        return std::nullopt;
    return cut;
}

ValueAxis labAxis(const std::vector<double>& values, double mustShow) {
    const std::optional<double> cut = outlierCut(values, 2 * mustShow);
    double top = mustShow;
    for (double v : values)
        if (!cut || v <= *cut)
            top = std::max(top, v);
    ValueAxis axis = niceAxis(0, std::max(top * 1.1, 1.0), 4);
    if (cut)
        axis.clipAbove = axis.max;
    return axis;
}

}  // namespace ankylos::report
