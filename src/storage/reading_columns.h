#pragma once
/// How a reading was made (schema 13, docs/methods.md 11), read the same way wherever readings are:
/// the columns to select after a query's own, the join that names the session, and the decoding.

#include <string>

#include "core/msasss.h"
#include "storage/sql/connection.h"
#include "storage/sql/values.h"

namespace ankylos::storage {

/// Four columns of `reading r` joined with kReadingSessionJoin.
inline constexpr const char* kReadingHowColumns =
    "r.role, r.identity_seen, r.paired_by_patient, coalesce(ss.name, '')";
inline constexpr const char* kReadingSessionJoin = " LEFT JOIN reading_session ss ON ss.id = r.session_id";

/// Fills the reading's role, identity seen, pairing and session from kReadingHowColumns at `first`.
inline void readHowRead(sql::Statement& row, int first, core::Reading& reading) {
    reading.role =
        core::parseReadingRole(row.getColumn(first).getString());  // the schema's CHECK admits only these
    reading.identitySeen = row.getColumn(first + 1).getInt() != 0;
    reading.pairedByPatient = row.getColumn(first + 2).getInt() != 0;
    reading.session = row.getColumn(first + 3).getString();
}

/// A reading's row id, film row id, reader, reading date, chronology and kReadingHowColumns, as readingFrom
/// reads them; the caller adds its WHERE.
inline const std::string kSelectReading =
    std::string("SELECT r.id, r.film_id, rd.name, r.reading_date, r.chronology_known, ") +
    kReadingHowColumns + " FROM reading r JOIN reader rd ON rd.id = r.reader_id" + kReadingSessionJoin;

/// The reading of a kSelectReading row, without its site scores.
inline core::Reading readingFrom(sql::Statement& row) {
    core::Reading reading;
    reading.reader = row.getColumn(2).getString();
    reading.readingDate = optionalDate(row.getColumn(3));
    reading.chronologyKnown = row.getColumn(4).getInt() != 0;
    readHowRead(row, 5, reading);
    return reading;
}

/// Sets one site of the reading from site_score's site, grade and na_reason at `first`.
inline void readSiteScore(sql::Statement& row, int first, core::Reading& reading) {
    const auto site = core::siteFromId(row.getColumn(first).getString());
    if (!site)
        return;  // the schema's CHECK admits only the 24 spec IDs
    reading.at(*site) = row.getColumn(first + 1).isNull()
                            ? core::SiteScore::notAssessable(
                                  core::parseNotAssessableReason(row.getColumn(first + 2).getString()))
                            : core::SiteScore::graded(*site, row.getColumn(first + 1).getInt());
}

}  // namespace ankylos::storage
