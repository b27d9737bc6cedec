#pragma once
/// Reading the visit CSV format: a clinic imports visits from a CSV file (the format the export
/// writes, visit_csv_writer.h). The columns, their units, allowed values and what an empty cell
/// means are documented in db/visit_csv.md; the rules applied are those of docs/methods.md,
/// through the core's parse and validate functions.
///
/// Text: UTF-8 with or without a byte order mark, comma separated, RFC 4180 quoting (quotes, commas
/// and line breaks inside quoted fields), records ended by CRLF or LF.
///
/// Pure C++: no database, no wx. The import into a database is storage::importHistories.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"
#include "core/patient_history.h"

namespace ankylos::interchange {

/// One problem found in a CSV file.
struct CsvProblem {
    int line = 0;        ///< 1-based physical line where the record starts (the header is line 1)
    std::string column;  ///< the column's name; empty when the problem concerns the whole record
    std::string value;   ///< the cell's text as in the file (or the header name for header problems)
    std::string rule;    ///< the rule broken, e.g. "BASDAI Q2: 11 is not allowed (allowed: 0 to 10)"

    /// "line 4, column basdai_q2 = \"11\": BASDAI Q2: 11 is not allowed (allowed: 0 to 10)";
    /// "line 4: ..." when there is no column.
    std::string message() const;
};

/// The result of reading a file: either the data or every problem (all-or-nothing).
struct VisitCsvImport {
    /// In order of each patient's first row; visits, films and CT scans in date order, readings in row
    /// order.
    /// Empty whenever errors is not.
    std::vector<core::PatientHistory> patients;
    std::vector<CsvProblem> errors;    ///< every hard error, in line order
    std::vector<CsvProblem> warnings;  ///< soft limits the user confirms (e.g. CRP > 200 mg/L)
    int rows = 0;                      ///< data records read (blank records are skipped, not counted)

    /// The lines a patient's parts come from, so that a later refusal (data already stored) can
    /// name its line: the patient's first row, each visit's first row, each reading's row.
    struct Lines {
        int patient = 0;
        std::vector<int> visits;                 ///< per visit of the history
        std::vector<std::vector<int>> readings;  ///< per film, per reading
        std::vector<int> treatments;             ///< per treatment episode of the history
        std::vector<std::vector<int>> ctScans;   ///< per CT scan: its rows (the first one first)
    };
    std::vector<Lines> lines;  ///< per patient, beside patients

    bool ok() const { return errors.empty(); }

    /// "visits.csv:17:visit_date": the line and column of a refusal about field (the core's name,
    /// e.g. "visit date", "film date", "reader", "name") of patient p, in the visit, film or
    /// reading given (indices into its history, as ImportPlace gives them).
    std::string place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                      std::optional<std::size_t> film, std::optional<std::size_t> reading,
                      const std::string& field) const;
    /// The same for a refusal that may concern a treatment episode (index into the history's
    /// treatments, as ImportPlace gives it).
    std::string place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                      std::optional<std::size_t> film, std::optional<std::size_t> reading,
                      std::optional<std::size_t> treatment, const std::string& field) const;
    /// The same for a refusal that may concern a low-dose CT scan (index into the history's ctScans,
    /// as ImportPlace gives it): the scan's first row, the column of the core's field ("CT scan date").
    std::string place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                      std::optional<std::size_t> film, std::optional<std::size_t> reading,
                      std::optional<std::size_t> treatment, std::optional<std::size_t> ctScan,
                      const std::string& field) const;
};

/// Reads a whole visit CSV file. today decides "not in the future" (docs/methods.md 8).
/// Never throws for bad content: every problem is returned with its line, column and value.
VisitCsvImport parseVisitCsv(std::istream& in, core::Date today);

}  // namespace ankylos::interchange
