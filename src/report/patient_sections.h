#pragma once
/// The sections of the patient report (report/patient_report.h assembles them): page 1's summary of
/// today, and the tables of visits, films, progression, DXA, laboratory values and sign-off. Every
/// number comes from core results; this code only words and places them.

#include <optional>
#include <string>
#include <vector>

#include "core/patient_history.h"
#include "core/settings.h"
#include "core/visit.h"
#include "report/charts.h"
#include "report/document.h"
#include "report/report_common.h"

namespace ankylos::report {

/// One visit with its scores (core::scoreVisit), or why it could not be scored.
struct ScoredVisit {
    const core::Visit* visit = nullptr;
    std::optional<core::VisitScores> scores;
    std::string problem;
};
std::vector<ScoredVisit> scoreVisits(const core::PatientHistory& history, const core::Settings& settings);

/// Who the patient is: ID, name, sex, birth, diagnosis, HLA-B27, disease duration, counts.
KeyValues patientSummary(const core::PatientHistory& history, const ReportContext& context);
/// Page 1's story of today: the latest visit against the one before (ASDAS change categories,
/// BASDAI50 and the ASAS-EULAR response), and the radiographic verdict of the latest interval.
std::vector<Block> todaySection(const core::PatientHistory& history, const std::vector<ScoredVisit>& visits,
                                const CourseData& course);
/// The patient's overall radiographic verdict in one sentence, saying what is not known.
std::string progressionVerdict(const core::PatientHistory& history, const CourseData& course);

/// Page 1's current treatment (treatment_sections.cpp): each episode ongoing on `today` as "Adalimumab
/// (Amgevita) since 2021-03-04, 40 mg every 2 weeks", joined by "; "; "no treatment recorded" for an
/// empty course, which is not the same as "none ongoing" (then the last episode that stopped).
std::string currentTreatmentText(const std::vector<core::TreatmentEpisode>& episodes, core::Date today,
                                 const Language& language);
/// The treatment history: drug (brand), class, dose, start, stop or "ongoing", reason for stopping.
Table treatmentTable(const std::vector<core::TreatmentEpisode>& episodes, const Language& language);
/// An interval's TNF and IL-17 inhibitor exposure for the progression review (core::computeExposure):
/// "exposed" or "not exposed", then a line per class with days in the interval ("TNF inhibitor 82 %");
/// "none" without either class, or why not computable. Exposed when either class reaches
/// treatment.exposed_fraction; shares are rounded down, so 50 % never shows for 49.9 %.
TableCell biologicExposureCell(const std::vector<core::TreatmentEpisode>& episodes, core::Date from,
                               core::Date to, core::Date today, const core::TreatmentSettings& settings,
                               const Language& language);

/// The tables of the report, worded in language (the progression review in its course's).
Table visitTable(const std::vector<ScoredVisit>& visits, const Language& language);
Table filmTable(const core::PatientHistory& history, const core::Settings& settings,
                const Language& language);
Table progressionTable(const core::PatientHistory& history, const core::Settings& settings,
                       const CourseData& course);
Table bmdTable(const std::vector<ScoredVisit>& visits, const Language& language);
Table bmdChangeTable(const core::PatientHistory& history, const std::vector<core::LscSetting>& deviceLsc,
                     const Language& language);
Table labTable(const core::PatientHistory& history, const Language& language);
Table signOffTable(const core::PatientHistory& history, const Language& language);
/// Each low-dose CT's CTSS per reader and segment (ctss_sections.cpp, docs/methods.md 12).
Table ctScanTable(const core::PatientHistory& history, const core::Settings& settings, const Language& language);
/// The CTSS progression review of the patient's scans: change, quadrant events and verdict per pair.
Table ctssProgressionTable(const core::PatientHistory& history, const core::Settings& settings,
                           const Language& language);

/// "5.1 mg/L" in the analyte's canonical unit (docs/methods.md 6), "< 0.3 mg/L" below the
/// detection limit; the value as entered when it cannot be converted.
std::string labValueText(const core::LabValue& lab);
/// A number with fixed decimals, "–" when absent; "-0.0" shows as "0.0".
std::string orDash(const std::optional<double>& value, int decimals);
/// A change with its sign: "+2.5", "-1.10", "0.0".
std::string signedText(double value, int decimals);

}  // namespace ankylos::report
