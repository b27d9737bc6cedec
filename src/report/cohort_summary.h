#pragma once
/// The cohort summary: counts, baseline characteristics, the proportion of progressors, the
/// cumulative probability plot of 2-year mSASSS change and the ASDAS states at the latest visit,
/// for all patients or a filter. The cohort is streamed (storage::HistorySource), one patient in
/// memory at a time; every clinical number comes from core.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"
#include "core/settings.h"
#include "report/document.h"
#include "report/report_common.h"
#include "storage/history_source.h"

namespace ankylos::report {

/// Which patients are summarised. Unset members do not filter.
struct CohortFilter {
    std::optional<core::Date> from;  ///< baseline (first visit) on or after
    std::optional<core::Date> to;    ///< baseline on or before
    std::optional<core::Sex> sex;
    std::optional<core::HlaB27> hlaB27;
    /// true: progressors; false: patients with at least two films who are not progressors.
    /// Patients with fewer than two films have no verdict and match neither.
    std::optional<bool> progressor;

    /// "all patients" or "baseline 2015-01-01 to 2019-12-31, women, HLA-B27 positive".
    std::string describe(const Language& language = {}) const;
};

/// Descriptive statistics of one variable. Quartiles by linear interpolation between order
/// statistics (Hyndman & Fan type 7, the default of R and of most spreadsheets).
struct Distribution {
    int n = 0;
    double mean = 0;
    double sd = 0;  ///< sample standard deviation (n - 1); 0 when n < 2
    double median = 0;
    double q1 = 0;
    double q3 = 0;
    double min = 0;
    double max = 0;
};
Distribution describeValues(std::vector<double> values);

/// The consecutive film intervals of one group of the exposure comparison (docs/methods.md 10).
struct IntervalGroup {
    int intervals = 0;    ///< consecutive film pairs
    Distribution years;   ///< interval lengths, years
    Distribution change;  ///< mSASSS change, of the intervals whose change is computable
    int progressing = 0;  ///< intervals meeting the progression definition (core::reviewProgression)
};

struct CohortSummary {
    CohortFilter filter;
    core::Settings settings;
    int patientsInDatabase = 0;
    int patients = 0;  ///< matching the filter
    int male = 0;
    int female = 0;
    int hlaB27Positive = 0;
    int hlaB27Negative = 0;
    int hlaB27Unknown = 0;
    int withoutVisits = 0;

    // Baseline = the patient's first visit (in date order); values from core::scoreVisit.
    Distribution ageAtBaseline;              ///< completed years (core::ageInYears)
    Distribution symptomDurationAtBaseline;  ///< completed years since symptom onset
    Distribution basdaiBaseline;
    Distribution asdasCrpBaseline;
    Distribution basfiBaseline;
    Distribution basmiBaseline;
    Distribution msasssFirstFilm;  ///< core::scoreFilm of the first film

    int progressionEvaluable = 0;  ///< patients with at least two films and a review
    int progressors = 0;           ///< core::reviewProgression(...).progressor

    /// Per patient with one: the change of the first consecutive film pair whose interval is
    /// between progression.recommended_min_interval_years and standard_interval_max_years
    /// (core::reviewProgression), sorted ascending: the cumulative probability plot.
    std::vector<double> twoYearChanges;

    /// Patients with two or more films and two or more low-dose CT scans whose first-to-last changes
    /// are both computable (core::reviewProgression, core::reviewCtssProgression): each score's change
    /// per year over its own first-to-last interval, side by side and never combined (docs/methods.md 12).
    Distribution msasssYearlyChangeWithCt;
    Distribution ctssYearlyChange;

    /// ASDAS-CRP state at each patient's latest visit, index = core::AsdasState order.
    std::array<int, 4> latestAsdasStates{};
    int latestAsdasNotComputable = 0;  ///< a latest visit whose ASDAS-CRP is not computable or invalid

    /// Consecutive film intervals by TNF or IL-17 inhibitor exposure (core::computeExposure): exposed
    /// when either class covers at least treatment.exposed_fraction of the interval. Intervals of
    /// patients without a recorded treatment course are counted apart: their exposure is unknown.
    IntervalGroup biologicExposed;
    IntervalGroup biologicNotExposed;
    int intervalsWithoutTreatmentRecord = 0;
    core::Date today;  ///< where ongoing episodes end
};

/// Streams the histories once (patientsInDatabase counts every history streamed). Throws what
/// the source throws. today ends ongoing treatment episodes (default: the computer's date).
CohortSummary summarizeCohort(storage::HistorySource& histories, const CohortFilter& filter,
                              const core::Settings& settings, std::optional<core::Date> today = std::nullopt);

/// The cumulative probability plot of summary.twoYearChanges (x: cumulative percentage of
/// patients, y: change in mSASSS units), with the progression threshold marked.
std::vector<ChartHit> drawCumulativeProbabilityPlot(cairo_t* cr, const CohortSummary& summary,
                                                    const Language& language, const Box& box);
/// Bars of the ASDAS states at the latest visit.
std::vector<ChartHit> drawAsdasStateBars(cairo_t* cr, const CohortSummary& summary, const Language& language,
                                         const Box& box);

Document buildCohortReport(const CohortSummary& summary, const ReportContext& context);

}  // namespace ankylos::report
