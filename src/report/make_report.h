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

/// What a report is about: one patient, the agreement of a reading session, or the cohort (all
/// patients or those a filter selects).
struct ReportSubject {
    std::optional<std::int64_t> patientId;  ///< database id; empty: a session or the cohort summary
    std::string session;                    ///< a reading session's name: its agreement page
    CohortFilter filter;                    ///< the cohort's filter (ignored for a patient or a session)
};

/// What a front end may set instead of the report style's values and today's date.
struct ReportOptions {
    std::string clinicName;             ///< the page header's clinic; empty: the style's
    std::optional<Paper> paper;         ///< empty: the style's
    std::optional<core::Date> printed;  ///< the date printed, also "today" for ages; empty: today
    std::string language = "en";        ///< the report's words: "en" or a catalog's language (language.h)
    std::string languageField = "language";  ///< what a refused language is called in the message
};

/// The laid-out report of subject. Throws core::ValidationError naming "patient" when the database
/// has no such patient, "session" when it has no such reading session or "language" for a language without a catalog, ReportError for a bad report
/// style, and what storage throws.
LaidOutDocument makeReport(storage::Database& db, const ReportSubject& subject,
                           const ReportOptions& options = {});

/// How a report left the program.
enum class ReportOutput { Print, Pdf };

/// Records in the audit trail that a patient's report left the program (printed, or saved as a PDF):
/// one 'export' row about the patient (who and when as every audit row has them; the clinic ID,
/// the output, the file and the page count in its values), in a transaction that writes only that
/// row, as a research export's does. A cohort summary shows no patient's data and records nothing.
/// Throws what storage throws (storage::ReadOnlyDatabase for a database that may not be written).
void recordReportOutput(storage::Database& db, const ReportSubject& subject, ReportOutput output, int pages,
                        const std::string& file = "");

/// Writes document to path (writePdf) and, for a patient's report, its audit row (as
/// recordReportOutput) in one transaction: a database that may not be written refuses before any
/// file is made, the row is committed only once the PDF is written, and a PDF whose row cannot be
/// committed is removed, so no patient's report leaves the program unrecorded.
void writeReportPdf(storage::Database& db, const ReportSubject& subject, const LaidOutDocument& document,
                    const std::string& path, const files::OutputPolicy& policy);

/// A file name to offer: "AS-0001-report.pdf" (characters a file name cannot hold replaced by
/// '_'), "patient-report.pdf" for a patient no longer there, "S1-agreement.pdf" for a session, or
/// "cohort-summary.pdf".
std::filesystem::path suggestedPdfName(storage::Database& db, const ReportSubject& subject);

}  // namespace ankylos::report
