#pragma once
/// What the course charts show, gathered once per patient from core results (core::scoreVisit,
/// core::reviewProgression, core::scoreFilm, core::compareReadings, core::assessReference,
/// core::scoreCtScan, core::tallyVertebralUnits, core::compareCtssReadings). The
/// drawing code (charts.h) computes nothing clinical: every value, unit and flag comes from here.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/asdas.h"
#include "core/bmd.h"
#include "core/ctss.h"
#include "core/drug_catalogue.h"
#include "core/lab.h"
#include "core/msasss.h"
#include "core/patient_history.h"
#include "core/progression.h"
#include "core/settings.h"
#include "core/treatment.h"
#include "report/language.h"

namespace ankylos::report {

/// One film on the mSASSS chart: the film score (core::scoreFilm) and the segment scores of its
/// first reading whose total is computable (core::scoreReading), for the segment lines.
struct MsasssPoint {
    core::Date date;
    std::optional<double> total;     ///< film score; nullopt when not computable
    std::optional<double> cervical;  ///< of the first computable reading
    std::optional<double> lumbar;
    std::string reason;  ///< why the film score is not computable
};

/// One low-dose CT on the CTSS chart (docs/methods.md 12): the scan score (core::scoreCtScan) and the
/// segment scores of its first reading whose total is computable. Never on the mSASSS chart.
struct CtssPoint {
    core::Date date;
    std::optional<double> total;  ///< scan score, 0-552; nullopt when not computable
    std::optional<double> cervical;
    std::optional<double> thoracic;
    std::optional<double> lumbar;
    std::string reason;  ///< why the scan score is not computable
};

/// One visit's scores (core::scoreVisit).
struct ActivityPoint {
    core::Date date;
    std::optional<double> basdai;
    std::optional<double> asdasCrp;
    std::optional<core::AsdasState> asdasCrpState;
    std::optional<double> asdasEsr;
    std::optional<core::AsdasState> asdasEsrState;
    std::optional<double> basfi;
    std::optional<double> basmi;
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

/// One laboratory value in its analyte's canonical unit (core::canonicalUnit, docs/methods.md 6:
/// sclerostin in pmol/L, CRP in mg/L, ...), converted by core, with its reference flag.
struct LabPoint {
    core::Date date;
    core::Analyte analyte = core::Analyte::Crp;
    /// Canonical unit. Below the detection limit: the limit (the value is known only to be below it).
    double value = 0;
    std::string unit;     ///< canonical unit
    std::string entered;  ///< the value as entered, with its unit, when that unit is not the canonical one
    std::string assay;
    bool belowDetectionLimit = false;
    core::ReferenceFlag flag = core::ReferenceFlag::NoReferenceRange;
    std::optional<double> upperLimit;  ///< of the reference range applied, canonical unit
    bool assayChanged =
        false;  ///< core::assaysDiffer with the last value of that analyte whose assay was recorded
};

/// A heat-map grade: 0-3, or one of these.
constexpr int kGradeNotAssessable = -1;
constexpr int kGradeNotScored = -2;

/// One column of the spine heat map: one reader's reading of one film. Columns come film by film
/// in date order, and within a film in the order of its readings.
struct HeatMapColumn {
    core::Date date;
    std::string reader;
    bool firstOfFilm = true;  ///< the film's first reading (a film's columns are drawn together)
    /// Per site in spec order: 0-3, kGradeNotAssessable or kGradeNotScored.
    std::vector<int> grades;
    /// Per site, against this reader's previous film (core::compareReadings, docs/methods.md 1.4):
    /// a new syndesmophyte or new bridging, and a regression (a lower grade: a quality flag).
    std::vector<bool> newSyndesmophyte;
    std::vector<bool> regression;
    std::string previousFilm;  ///< the date of this reader's previous film, empty for a first reading
};

/// One column of the CTSS heat map by vertebral unit: one reader's reading of one low-dose CT.
/// Columns come scan by scan in date order, and within a scan in the order of its readings.
struct CtssHeatMapColumn {
    core::Date date;
    std::string reader;
    bool firstOfScan = true;  ///< the scan's first reading (a scan's columns are drawn together)
    /// Per vertebral unit, cranial to caudal: what was graded (core::tallyVertebralUnits).
    std::array<core::VertebralUnitTally, core::kVertebralUnitCount> units{};
    /// Per vertebral unit, against this reader's previous scan (core::compareCtssReadings,
    /// docs/methods.md 12): quadrants with a new or growing syndesmophyte, and regressions.
    std::array<int, core::kVertebralUnitCount> newOrGrowing{};
    std::array<int, core::kVertebralUnitCount> regressions{};
    std::string previousScan;  ///< the date of this reader's previous scan, empty for a first reading
};

/// One treatment episode on the treatment lanes under the course charts (docs/methods.md 10).
struct TreatmentBar {
    core::DrugClass drugClass = core::DrugClass::Other;
    std::string drug;   ///< the catalogue's label in the course's language, "Adalimumab"
    std::string brand;  ///< empty = not recorded
    core::Date start;
    core::Date lastDay;  ///< the stop date, or today for an ongoing episode
    bool ongoing = false;
    std::optional<core::StopReason> stopReason;
};

/// Everything the course charts show, computed once per patient.
struct CourseData {
    std::string patientId;
    std::vector<MsasssPoint> msasss;
    std::vector<CtssPoint> ctss;                       ///< the low-dose CT scans, in date order
    std::vector<core::ProgressionResult> progression;  ///< consecutive pairs, then first-to-last
    bool progressor = false;
    std::vector<ActivityPoint> activity;
    std::vector<BmdPoint> bmd;
    std::vector<LabPoint> labs;  ///< in sample date order
    std::vector<HeatMapColumn> heatMap;
    std::vector<CtssHeatMapColumn> ctssHeatMap;  ///< one column per CTSS reading
    std::vector<TreatmentBar> treatments;        ///< the treatment course, by start date
    core::Date today;                            ///< where ongoing treatment bars end
    std::vector<std::string> problems;           ///< visits or films that could not be scored, and why
    Language language;                           ///< the words of the charts and of the problems
};

/// Gathers the chart data from core results. Visits that fail validation are skipped and named in
/// problems (a report never refuses a whole patient for one bad visit); so are treatment episodes of
/// a drug not in the catalogue. today ends ongoing treatment (default: the computer's date).
CourseData buildCourseData(const core::PatientHistory& history, const core::Settings& settings,
                           std::optional<core::Date> today = std::nullopt, const Language& language = {});

}  // namespace ankylos::report
