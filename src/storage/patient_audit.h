#pragma once
/// One patient's audit trail: who changed what and when, for the patient row and every visit,
/// film, reading, pelvic film, treatment episode, CT scan and CT reading of the patient that still exists.

#include <cstdint>
#include <vector>

#include "storage/audit.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The audit rows about the patient and its current visits, films, readings, pelvic films, treatment
/// episodes, CT scans and CT readings, and about its deleted ones (their deletion rows name the
/// patient), oldest first. The readings of a deleted film or CT scan are in its deletion row's old
/// values, not listed one by one.
std::vector<AuditRow> patientAuditRows(Database& db, std::int64_t patientId);

}  // namespace ankylos::storage
