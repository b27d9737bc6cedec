#pragma once
/// How a reading was made (schema 13, docs/methods.md 11), read the same way wherever readings are:
/// the columns to select after a query's own, the join that names the session, and the decoding.

#include "core/msasss.h"
#include "storage/sql/connection.h"

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

}  // namespace ankylos::storage
