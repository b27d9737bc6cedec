#pragma once
/// Course charts, drawn once with cairo (+ Pango for text) and used both on paper (the report
/// renderer) and on screen (the desktop app's Course tab). Every number drawn comes from core
/// results gathered by buildCourseData; the drawing code computes nothing clinical.

#include <cairo.h>

#include <optional>
#include <string>
#include <vector>

#include "core/asdas.h"
#include "core/bmd.h"
#include "core/lab.h"
#include "core/msasss.h"
#include "core/patient_history.h"
#include "core/progression.h"
#include "core/settings.h"

namespace ankylos::report {

/// A rectangle in cairo user units (points on paper, pixels on screen).
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

/// A region of a drawn chart with the text to show on hover (the UI); e.g. a progression pair:
/// "2019-03-01 -> 2021-02-20: +2.5 mSASSS (1.3/yr), criterion: units, progressor".
struct ChartHit {
    Box area;
    std::string text;
};

/// One film on the mSASSS chart: the film score (core::scoreFilm) and the segment scores of its
/// first reading whose total is computable (core::scoreReading), for the segment lines.
struct MsasssPoint {
    core::Date date;
    std::optional<double> total;     ///< film score; nullopt when not computable
    std::optional<double> cervical;  ///< of the first computable reading
    std::optional<double> lumbar;
    std::string reason;  ///< why the film score is not computable
};

/// One visit's activity scores (core::scoreVisit).
struct ActivityPoint {
    core::Date date;
    std::optional<double> basdai;
    std::optional<double> asdasCrp;
    std::optional<core::AsdasState> asdasCrpState;
    std::optional<double> asdasEsr;
    std::optional<core::AsdasState> asdasEsrState;
};

/// One DXA site of one visit, with the visit's classification (core::scoreVisit).
struct BmdPoint {
    core::Date date;
    core::BmdSite site = core::BmdSite::LumbarSpine;
    double bmd = 0;  ///< g/cm2
    std::optional<double> tScore;
    std::optional<double> zScore;
    bool lumbarCaveat = false;  ///< lumbar value flagged "possibly falsely elevated by syndesmophytes"
};

/// One laboratory value in its canonical unit with its reference flag (core::assessReference).
struct LabPoint {
    core::Date date;
    core::Analyte analyte = core::Analyte::Crp;
    double value = 0;  ///< canonical unit
    std::string unit;  ///< canonical unit
    std::string assay;
    bool belowDetectionLimit = false;
    core::ReferenceFlag flag = core::ReferenceFlag::NoReferenceRange;
    bool assayChanged =
        false;  ///< core::assaysDiffer with the last value of that analyte whose assay was recorded
};

/// One film column of the spine heat map. Grades are those of the film's first reading.
struct HeatMapFilm {
    core::Date date;
    std::string reader;
    /// Per site in spec order: 0-3, -1 not assessable, -2 not scored.
    std::vector<int> grades;
    /// Per site: a new syndesmophyte (or new bridging) since the previous film (core::compareFilms
    /// through the consecutive pair of core::reviewProgression).
    std::vector<bool> newSyndesmophyte;
};

/// Everything the course charts show, computed once per patient from core results
/// (core::scoreVisit, core::reviewProgression, core::scoreFilm, core::compareFilms, lab/bmd classify).
struct CourseData {
    std::string patientId;
    std::vector<MsasssPoint> msasss;
    std::vector<core::ProgressionResult> progression;  ///< consecutive pairs, then first-to-last
    bool progressor = false;
    std::vector<ActivityPoint> activity;
    std::vector<BmdPoint> bmd;
    std::vector<LabPoint> labs;
    std::vector<HeatMapFilm> heatMap;
    std::vector<std::string> problems;  ///< visits or films that could not be scored, and why
};

/// Gathers the chart data from core results. Visits that fail validation are skipped and named in
/// problems (a report never refuses a whole patient for one bad visit).
CourseData buildCourseData(const core::PatientHistory& history, const core::Settings& settings);

/// Each returns the hover regions it drew. Empty data draws a clear "no data" message, never throws.
/// mSASSS total + cervical + lumbar, progression pairs marked, progressing intervals highlighted.
std::vector<ChartHit> drawMsasssChart(cairo_t* cr, const CourseData& data, const Box& box);
/// ASDAS-CRP (and ESR) with the four state bands.
std::vector<ChartHit> drawAsdasChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BASDAI with the 4.0 line.
std::vector<ChartHit> drawBasdaiChart(cairo_t* cr, const CourseData& data, const Box& box);
/// BMD per site, lumbar-caveat points marked.
std::vector<ChartHit> drawBmdChart(cairo_t* cr, const CourseData& data, const Box& box);
/// CRP/ESR and biomarkers, assay changes marked.
std::vector<ChartHit> drawLabChart(cairo_t* cr, const CourseData& data, const Box& box);
/// 24 site rows C2..S1 by films; colour by grade; new syndesmophytes outlined; not-assessable hatched.
std::vector<ChartHit> drawSpineHeatMap(cairo_t* cr, const CourseData& data, const Box& box);

}  // namespace ankylos::report
