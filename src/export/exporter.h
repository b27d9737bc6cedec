#pragma once
/// Research export of a clinic database: the one entry point the command line (`ankylos-cli
/// export`) and the desktop app's Export dialog call.
///
/// Formats (ExportFormat):
/// - Visits: every visit, treatment episode and CT scan in the import format (db/visit_csv.md),
///   identified by default.
/// - CsvLong: one row per patient-visit (OUT), one row per film reading (STEM.readings.csv), one
///   row per treatment episode (STEM.treatments.csv), one row per CTSS reading of a low-dose CT
///   scan (STEM.ct_readings.csv) and one row per reading session and pair of its primary readers with
///   the session's agreement over the exported films (core::assessSessionAgreement,
///   STEM.agreement.csv).
/// - CsvWide: one row per patient, visits as numbered column groups v1_ (baseline), v2_, ...,
///   plus the first-to-last progression results of films and of CT scans.
/// - Progression: one row per film pair (core::reviewProgression), with the exposure to each drug
///   class over the pair (core::computeExposure), and one row per pair of CT scans
///   (core::reviewCtssProgression, STEM.ct_progression.csv).
/// - Redcap: longitudinal data CSV (OUT, record_id + redcap_event_name per visit, and one row per
///   treatment episode and per CT reading as the repeating instruments "treatment" and
///   "ct_reading" of the first event) with its data
///   dictionary (STEM.dictionary.csv), events (STEM.events.csv), instrument-event mapping
///   (STEM.event_mapping.csv) and repeating instruments (STEM.repeating_instruments.csv).
/// - Sav, Dta: SPSS / Stata files of one table (ExportOptions::table, visits by default), written
///   with ReadStat.
/// Every format but Visits also writes STEM.codebook.csv; every export writes STEM.manifest.json
/// and adds one "export" row to the audit trail. Every file goes through files::OutputFileSet: the
/// open database, its companion files and any SQLite database are refused, an existing file only
/// replaced with ExportOptions::overwrite (`--force`), all of them checked before the work starts;
/// files are written beside their final names (mode 0600) and renamed together at the end, so a
/// failed or cancelled export leaves nothing behind and older files untouched.
///
/// De-identification is on by default for the research formats (everything but Visits) and needs
/// a key file; ExportOptions::identified (`--identified`) turns it off explicitly, and the manifest
/// and audit row record it. Every value comes from core: scores (scoreVisit, scoreFilm,
/// reviewProgression), lab values in the canonical unit (canonicalValue), BMD categories.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/patient.h"
#include "storage/database.h"

namespace ankylos::exports {

enum class ExportFormat { Visits, CsvLong, CsvWide, Progression, Redcap, Sav, Dta };
/// "visits", "csv-long", "csv-wide", "progression", "redcap", "sav", "dta"
std::string toString(ExportFormat format);
/// Parses the names above; throws core::ValidationError naming "--format" and the allowed names.
ExportFormat parseExportFormat(const std::string& text);

/// The tables a cohort export is made of.
enum class ExportTable {
    Visits,
    Readings,
    Wide,
    Progression,
    Treatments,
    CtReadings,
    CtProgression,
    Agreement
};
/// "visits", "readings", "wide", "progression", "treatments", "ct_readings", "ct_progression",
/// "agreement"
std::string toString(ExportTable table);
ExportTable parseExportTable(const std::string& text);

/// How dates appear in a de-identified export (identified exports keep the recorded dates).
enum class DateMode {
    Shifted,   ///< every date of a patient moved by the same keyed offset (-180..+180 days, never 0)
    Relative,  ///< no dates: days since the patient's baseline (first exported visit) instead
};

/// Which patients and rows are exported. Every filter is optional.
struct ExportFilters {
    std::optional<core::Date> from;  ///< visits and films on or after this date
    std::optional<core::Date> to;    ///< visits and films on or before this date
    std::optional<core::Sex> sex;
    std::optional<core::HlaB27> hlaB27;
    std::optional<bool> progressor;  ///< core::reviewProgression of the films in the date range
    int minFilms = 0;                ///< patients with at least this many films in the date range
};

struct ExportOptions {
    ExportFormat format = ExportFormat::CsvLong;
    std::filesystem::path out;  ///< the main file; the others are named after its stem
    /// Existing files may be replaced (`--force`, or the user answered the dialog's overwrite
    /// question); the database and any SQLite file never are.
    bool overwrite = false;
    /// Sav / Dta: which table; the CSV formats fix theirs (csv-long writes visits and readings).
    ExportTable table = ExportTable::Visits;
    /// true: names, clinic IDs, notes and real dates are exported (`--identified`). false (the
    /// default for research formats): allow-listed fields only, study IDs, shifted or relative dates.
    bool identified = false;
    std::filesystem::path keyFile;  ///< required when not identified
    DateMode dateMode = DateMode::Shifted;
    ExportFilters filters;
    /// Column names to keep (empty: every column, the full dump). Key columns (study ID, visit
    /// number, ...) are always kept; a score's status column follows its score.
    std::vector<std::string> columns;
    /// The last day of ongoing treatment episodes for exposure (docs/methods.md 10); empty = the
    /// export date (the local calendar date when the export runs).
    std::optional<core::Date> today;
    std::string software = "Ankylos";  ///< recorded in the manifest, e.g. "ankylos-cli 0.1.0"
};

/// The Export dialog's progress bar. Called from the exporting thread after each patient.
struct ExportProgress {
    virtual ~ExportProgress() = default;
    /// done of total patients processed (two-pass formats count each patient twice in total).
    virtual void patientsDone(std::size_t done, std::size_t total) = 0;
    /// true stops the export at the next patient: ExportCancelled is thrown, no file is left.
    virtual bool cancelled() const = 0;
};

/// The user cancelled through ExportProgress::cancelled().
class ExportCancelled : public Error {
public:
    ExportCancelled() : Error("export cancelled; no file was written") {}
};

struct ExportSummary {
    std::size_t patients = 0;  ///< patients exported (after the filters)
    std::size_t patientsExcluded = 0;
    std::vector<std::pair<std::string, std::size_t>> rows;  ///< rows per table written
    std::vector<std::filesystem::path> files;               ///< every file written, manifest last
    std::size_t visitsNotScored = 0;  ///< visits with a hard validation error: exported without scores
};

/// Runs one export. Throws core::ValidationError for bad options (naming the option, the value and
/// what is allowed), ExportCancelled, or storage errors; leaves no partial file in any case.
/// The desktop app runs it on a worker thread with its own storage::Database (a connection is not
/// shared between threads); progress is called on that thread, so the dialog marshals it to the
/// UI thread (wxEvtHandler::CallAfter) and answers cancelled() from an atomic flag.
ExportSummary exportCohort(storage::Database& db, const ExportOptions& options,
                           ExportProgress* progress = nullptr);

/// The tables an export with these options writes, the first in options.out (none for Visits).
std::vector<ExportTable> exportTables(const ExportOptions& options);

/// Every file an export with these options writes: options.out first, the manifest last.
std::vector<std::filesystem::path> exportFiles(const ExportOptions& options);

/// The column names a table offers with these options (for `--columns` and the dialog's list).
std::vector<std::string> availableColumns(ExportTable table, const ExportOptions& options);

}  // namespace ankylos::exports
