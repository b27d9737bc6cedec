#pragma once
/// The one entry point that makes a printable report for every front end (`ankylos-cli report`,
/// the app's File > Print, Print preview and Export PDF): it reads the database's settings and the
/// report style (reports/style.conf), loads the patient's history or streams the cohort, builds
/// the document and lays it out. It reads the database only through storage's repositories and
/// readers.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/patient.h"
#include "report/cohort_summary.h"
#include "report/layout.h"
#include "storage/database.h"

namespace ankylos::report {

/// What a report is about: one patient, or the cohort (all patients or those a filter selects).
struct ReportSubject {
    std::optional<std::int64_t> patientId;  ///< database id; empty: the cohort summary
    CohortFilter filter;                    ///< the cohort's filter (ignored for a patient)
};

/// What a front end may set instead of the report style's values and today's date.
struct ReportOptions {
    std::string clinicName;             ///< the page header's clinic; empty: the style's
    std::optional<Paper> paper;         ///< empty: the style's
    std::optional<core::Date> printed;  ///< the date printed, also "today" for ages; empty: today
};

/// The laid-out report of subject. Throws core::ValidationError naming "patient" when the database
/// has no such patient, ReportError for a bad report style, and what storage throws.
LaidOutDocument makeReport(storage::Database& db, const ReportSubject& subject,
                           const ReportOptions& options = {});

/// A file name to offer: "AS-0001-report.pdf" (characters a file name cannot hold replaced by
/// '_'), "patient-report.pdf" for a patient no longer there, or "cohort-summary.pdf".
std::filesystem::path suggestedPdfName(storage::Database& db, const ReportSubject& subject);

}  // namespace ankylos::report
