#pragma once
/// The cohort tables of a research export as columns (name, label, type, unit, value labels, how
/// computed) and rows of cells, built per patient from core results. The writers (CSV, REDCap,
/// SPSS/Stata) only lay these out; no writer computes anything clinical.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/ctss_progression.h"
#include "core/patient_history.h"
#include "core/progression.h"
#include "core/reading_session.h"
#include "core/session_agreement.h"
#include "core/settings.h"
#include "core/visit.h"
#include "export/deidentify.h"
#include "export/exporter.h"
#include "i18n/text.h"

namespace ankylos::exports {

enum class ValueType {
    Integer,   ///< whole number
    Number,    ///< real number at full precision
    Text,      ///< UTF-8 text
    Date,      ///< a calendar date (cells hold days since 1970-01-01)
    Category,  ///< integer code with value labels
};
std::string toString(ValueType type);  ///< "integer", "number", "text", "date", "category"

/// Why a cell is empty. Writers keep the kinds apart: CSV writes "NA" for NotAssessable and a
/// status column beside each computed score; SPSS user-missing -9/-8/-7; Stata .a/.b/.c.
enum class Missing : std::uint8_t { None, NotRecorded, NotComputable, NotAssessable };

struct Cell {
    Missing missing = Missing::NotRecorded;
    double number = 0;  ///< Integer, Number, Category; Date: days since 1970-01-01
    std::string text;   ///< Text
};

/// A category's code and its label: label.english() is what SPSS, Stata, REDCap and the codebook's
/// value_labels show (an ID such as "very_high" for some); the codebook's value_labels_zh_CN writes
/// the label in Chinese.
struct ValueLabel {
    int code = 0;
    i18n::Text label;
};

struct Column {
    std::string name;  ///< [a-z][a-z0-9_]*, at most 32 characters: valid in CSV, REDCap, SPSS and Stata
    i18n::Text label;  ///< label.english() in every file; the codebook adds it in Chinese (label_zh_CN)
    ValueType type = ValueType::Number;
    std::string unit;
    std::string allowed;  ///< allowed values, as text for the codebook
    std::vector<ValueLabel> valueLabels;
    std::string computed;  ///< how it was computed (words, docs/methods.md section), or "recorded"
    std::string missing;   ///< what an empty cell means
    std::optional<double> min;
    std::optional<double> max;
    bool key = false;          ///< always exported, whatever the column selection
    bool identifying = false;  ///< exported only by identified exports
    bool gradeWithNa = false;  ///< a grade whose cells may be NA (not assessable): not a REDCap field
    std::string follows;       ///< selected together with this column (a score's status column)
    std::string form;          ///< REDCap instrument: "patient" (first event only) or "visit"
};

/// A reading session as the agreement table reads it (docs/methods.md 11): its blinding, its primary
/// readers and its films with the readings made in it, patients named by clinic ID.
struct ExportSession {
    std::string name;
    core::SessionBlinding blinding;
    std::vector<std::string> primaryReaders;  ///< in the session's order
    std::vector<core::SessionPatient> patients;
};

/// What an export needs to build rows: options, key, the database's clinical settings.
struct ExportContext {
    const ExportOptions* options = nullptr;
    const ProjectKey* key = nullptr;  ///< null for identified exports
    core::Settings settings;
    core::Date today;  ///< the last day of ongoing treatment episodes (ExportOptions::today)
    std::vector<ExportSession> sessions;  ///< every reading session (read only when the agreement table is)
};

/// One exported patient: the filtered visits and films and what core computed from them.
struct PatientData {
    const ExportContext* context = nullptr;
    const core::PatientHistory* history = nullptr;
    std::string id;     ///< study ID (de-identified) or clinic patient ID
    int shiftDays = 0;  ///< 0 for identified and relative exports
    std::optional<core::Date> baseline;
    std::vector<const core::Visit*> visits;   ///< in the date range, date order
    std::vector<core::Film> films;            ///< in the date range, date order
    std::vector<core::FilmScore> filmScores;  ///< per film
    /// The episodes of the treatment course that touch the date range (all without a range), in the
    /// course's order; exposure always uses the whole course.
    std::vector<const core::TreatmentEpisode*> treatments;
    core::ProgressionReview review;
    std::vector<core::CtScan> ctScans;            ///< low-dose CT scans in the date range, date order
    std::vector<core::CtScanScore> ctScanScores;  ///< per CT scan
    core::CtssProgressionReview ctReview;         ///< pairs of the exported CT scans
    struct VisitScore {
        std::optional<core::VisitScores> scores;  ///< nullopt: the visit has a hard validation error
    };
    std::vector<VisitScore> visitScores;  ///< per visit
};

using EmitRow = std::function<void(const std::vector<Cell>&)>;

/// A table ready to write: its columns (after selection and de-identification) and a function
/// that produces the rows of one patient, cell by cell in column order.
struct Table {
    ExportTable kind = ExportTable::Visits;
    std::vector<Column> columns;
    std::function<void(const PatientData&, const EmitRow&)> rows;
    /// A table of the whole cohort (agreement) has its rows only once every patient was seen: rows then
    /// notes the exported patients and emits nothing, and finish emits every row and forgets them, ready
    /// for another pass. Empty for the tables of patients.
    std::function<void(const EmitRow&)> finish;
};

/// Builds the table with the columns that ExportOptions::columns selects (unknown names are left
/// for the caller to refuse: csv-long selects from two tables at once). wideVisits: the number of
/// visit column groups of the wide table. Throws InternalError when a column name is not a valid
/// SPSS/Stata/REDCap name (checkVariableName).
Table makeTable(ExportTable kind, const ExportContext& context, int wideVisits = 0);

/// Every column name of the table, before selection (identifying ones only when identified).
std::vector<std::string> columnNames(ExportTable kind, const ExportContext& context, int wideVisits = 1);

/// Throws InternalError unless name is a valid SPSS / Stata / REDCap name of ours: a lowercase
/// letter, then lowercase letters, digits or '_', at most 32 characters, not a word SPSS or Stata
/// reserves.
void checkVariableName(const std::string& name);

/// "YYYY-MM-DD" of a Date cell's number (days since 1970-01-01).
std::string isoDate(double daysSince1970);

}  // namespace ankylos::exports
