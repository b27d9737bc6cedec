#pragma once
/// Writing the visit CSV format (db/visit_csv.md): every visit of a clinic in the format the import
/// reads. One row per visit and film reading: a visit without a film is one row; a visit whose film
/// was read by N readers is N rows that repeat the same patient and visit columns. A patient without
/// any visit is one row with an empty visit_date and nothing else but the patient columns, unless it
/// has treatment episodes: each episode is a row with the patient and treatment columns only.
///
/// Text: UTF-8 with a byte order mark (by default), comma separated, RFC 4180 quoting, records ended
/// by CRLF (core/csv_text.h). Pure C++: no database, no wx.

#include <iosfwd>

#include "core/patient_history.h"

namespace ankylos::interchange {

/// Writes the header record. The UTF-8 byte order mark (default) lets Excel open Chinese names
/// correctly; the importer accepts files with or without it.
void writeVisitCsvHeader(std::ostream& out, bool byteOrderMark = true);

/// Appends the rows of one patient (streaming: call once per patient after the header): the visit
/// rows, then one row per treatment episode in the course's order, then one row per reading of each
/// low-dose CT scan in date order (one row with the scan's columns only for a scan not read). Records
/// end with CRLF; numbers are written in the shortest form that reads back to the same double.
/// Visits and films must be in date order. Throws core::ValidationError, before writing anything,
/// when the history holds something the format cannot: a film on a date without a visit, two films
/// on one date, a reading without a reader's name, a reader twice on one film outside sessions or twice
/// in one session, a role other than primary outside sessions, two values of one
/// analyte in a visit, two measurements of one BMD site, BMD sites of one visit measured on
/// different devices, vertebrae on a site other than the lumbar spine, CT scans not in date order or
/// two on one date, a CT reading without a reader's name or a reader twice on one scan. Sacroiliitis readings
/// (pelvicFilms) are not part of this format and are not written.
void writeVisitCsvRows(std::ostream& out, const core::PatientHistory& history);

}  // namespace ankylos::interchange
