#pragma once
/// The scales of the course charts, as pure functions (no drawing), so that the rules of the
/// layout are tested on numbers: one time range shared by every time chart of a patient, round
/// value axes, and the clipping of an outlier that would flatten every other value.

#include <optional>
#include <string>
#include <vector>

#include "report/course_data.h"

namespace ankylos::report {

/// A date range in day numbers (boost::gregorian day_number), padded so end points are not on the frame.
struct TimeRange {
    double dayMin = 0;
    double dayMax = 1;
};

/// The range every time chart of the patient shares (mSASSS, ASDAS, BASDAI, BASFI, BASMI, BMD and
/// each laboratory value), so charts stacked on a page or in the Course tab have the same date at
/// the same x: from the first to the last date any of them shows, padded by 5 % and 15 days (180
/// days either side of a single date). Empty data: one year around 2000-01-01.
TimeRange courseTimeRange(const CourseData& data);

/// Date ticks: years (every few years on long courses), or months for courses up to 2.5 years.
struct DateTick {
    double day;
    std::string label;  ///< "2021" or "2021-03"
};
std::vector<DateTick> dateTicks(const TimeRange& range, int maxTicks);

/// A value axis with round ticks.
struct ValueAxis {
    double min = 0;
    double max = 1;
    double step = 1;
    int decimals = 0;                 ///< to show multiples of step
    std::optional<double> clipAbove;  ///< values above it are drawn at the top edge with their value
};

/// A round step (1, 2 or 5 x 10^k) giving about `target` intervals over span.
double niceStep(double span, int target);
/// Decimals needed to show multiples of step.
int decimalsFor(double step);
/// From lo to hi, both rounded out to the step, about `ticks` intervals.
ValueAxis niceAxis(double lo, double hi, int ticks);

/// The multiple of the 75th percentile (nearest rank) above which a value is an outlier.
inline constexpr double kOutlierFactor = 4.0;

/// The value above which values are clipped, or nullopt: with 3 or more values, those above both
/// kOutlierFactor x the 75th percentile and `minimumCut` (e.g. twice the reference limit) are
/// outliers. One CRP of 250 mg/L among values of 3-12 is clipped; a steady rise 5, 10, 20, 40, 80 is not.
std::optional<double> outlierCut(std::vector<double> values, double minimumCut);

/// An axis from 0 for a laboratory series: up to the largest value that is not an outlier (and
/// at least to `mustShow`, e.g. the reference limit), with clipAbove set when outliers were cut.
ValueAxis labAxis(const std::vector<double>& values, double mustShow);

}  // namespace ankylos::report
