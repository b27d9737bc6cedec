#pragma once
/// One patient's audit trail: who changed what and when, for the patient row and every visit,
/// film, reading and pelvic film of the patient that still exists.

#include <cstdint>
#include <vector>

#include "storage/audit.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The audit rows about the patient and its current visits, films, readings and pelvic films,
/// oldest first. Rows of visits or films deleted since are kept in the trail but not listed here:
/// their audit rows do not name the patient.
std::vector<AuditRow> patientAuditRows(Database& db, std::int64_t patientId);

}  // namespace ankylos::storage
