#pragma once
/// Course charts, drawn once with cairo (+ Pango for text) and used both on paper (the report
/// renderer) and on screen (the desktop app's Course tab). Every number drawn comes from core
/// results gathered by buildCourseData (course_data.h); the drawing code computes nothing clinical.
/// Every time chart of a patient shares one date range (chart_axes.h: courseTimeRange) and one
/// value-axis gutter, so charts of one width stacked on a page or in the Course tab put each date
/// at the same x.

#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "report/course_data.h"

namespace ankylos::report {

/// A rectangle in cairo user units (points on paper, pixels on screen).
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

/// A region of a drawn chart with the text to show on hover (the UI); e.g. a progression pair:
/// "2019-03-01 -> 2021-02-20: +2.5 mSASSS (1.3/yr), criterion: mSASSS units, progression".
struct ChartHit {
    Box area;
    std::string text;
};

/// Each returns the hover regions it drew. Empty data draws a clear "no data" message, never throws.
/// mSASSS total + cervical + lumbar, progression pairs marked, progressing intervals highlighted.
std::vector<ChartHit> drawMsasssChart(cairo_t* cr, const CourseData& data, const Box& box);
/// CTSS total + cervical, thoracic and lumbar segments of the low-dose CT scans (docs/methods.md 12), on
/// its own axis (0-552 scale): never drawn with the mSASSS.
std::vector<ChartHit> drawCtssChart(cairo_t* cr, const CourseData& data, const Box& box);
/// ASDAS-CRP (and ESR) with the four state bands.
std::vector<ChartHit> drawAsdasChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BASDAI with the 4.0 line.
std::vector<ChartHit> drawBasdaiChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BASFI (0-10).
std::vector<ChartHit> drawBasfiChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BASMIlin (0-10).
std::vector<ChartHit> drawBasmiChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BMD per site, lumbar-caveat points marked.
std::vector<ChartHit> drawBmdChart(cairo_t* cr, const CourseData& data, const Box& box);
/// The analytes that have values, in spec order.
std::vector<core::Analyte> labAnalytes(const CourseData& data);
/// One analyte in its canonical unit: values below the detection limit as open triangles at the
/// limit, the reference limit dashed, assay changes marked, an outlier that would flatten the other
/// values drawn at the top of a broken axis with its value written beside it (chart_axes.h: labAxis).
std::vector<ChartHit> drawLabChart(cairo_t* cr, const CourseData& data, core::Analyte analyte,
                                   const Box& box);
/// One column per reading (every reader), films in date order; grade printed in every cell and
/// shaded from light (0) to dark (3) so it reads on a black-and-white printer; not assessable
/// hatched; new syndesmophytes / bridgings outlined and regressions marked against the reader's
/// previous film.
std::vector<ChartHit> drawSpineHeatMap(cairo_t* cr, const CourseData& data, const Box& box);
/// The CTSS by vertebral unit (docs/methods.md 12): one column per reading, scans in date order, a row
/// per unit C2/C3..L5/S1; each cell the sum of the unit's graded quadrants (0-24, nothing imputed),
/// shaded on the grade scale, with a hatched corner when some of its quadrants were not graded; units
/// with new or growing syndesmophytes outlined and regressions marked against the reader's previous scan.
std::vector<ChartHit> drawCtssHeatMap(cairo_t* cr, const CourseData& data, const Box& box);

/// The treatment episodes as lanes on the course's time axis (docs/methods.md 10).
struct TreatmentLane {
    core::DrugClass drugClass = core::DrugClass::Other;
    /// Rows of bars that do not share a day: a switch (the next drug the day after) stays in one row,
    /// two drugs of the class taken together take two.
    std::vector<std::vector<const TreatmentBar*>> rows;
};
/// One lane per class with episodes, in the spec's class order.
std::vector<TreatmentLane> treatmentLanes(const CourseData& data);
/// The height the treatment lanes need, in points (a short "no treatment recorded" box when none).
double treatmentLanesHeight(const CourseData& data);
/// The lanes under the course charts, sharing their time axis: one lane per class, each episode a
/// bar from its start to its last day (ongoing: to today, open at the end) labelled with its drug.
std::vector<ChartHit> drawTreatmentLanes(cairo_t* cr, const CourseData& data, const Box& box);

/// One chart of a patient's course, in the order both the report and the Course tab show them.
struct CourseChart {
    std::string name;  ///< "mSASSS", "ASDAS", ..., an analyte ("CRP"), "Spine heat map"
    double height;     ///< points: enough for a readable chart
    std::function<std::vector<ChartHit>(cairo_t*, const Box&)> draw;
};

/// mSASSS, CTSS (only for a patient with low-dose CT scans), ASDAS, BASDAI, BASFI, BASMI, BMD, one
/// chart per analyte with values (or one "no laboratory values" chart), the treatment lanes, then the
/// spine heat map and (only for a patient with CTSS readings) the CTSS heat map. The charts keep data
/// alive.
std::vector<CourseChart> courseCharts(std::shared_ptr<const CourseData> data);

}  // namespace ankylos::report
