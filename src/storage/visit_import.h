#pragma once
/// Adding whole patient histories (from a CSV file or the demo generator) to a database: one
/// transaction, so an import is either fully present or absent, even if the process is killed.

#include <string>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"

namespace ankylos::storage {

struct ImportSummary {
    int newPatients = 0;
    int existingPatients = 0;  ///< patients already in the database who received visits
    int visits = 0;
    int films = 0;
    int readings = 0;
    /// Readers the import registered: names no registered reader matched, ignoring case.
    std::vector<std::string> newReaders;
};

/// Adds every history. A patient whose clinic ID exists already must have identical patient
/// fields; their visits and films are added to the record. Throws ValidationError (naming the
/// patient and the date) and writes nothing when anything is refused, including soft warnings
/// unless warningsConfirmed. Readers are matched to the registered readers without regard to case;
/// a new name is registered and listed in newReaders. source ("visits.csv") goes into the audit trail's
/// import row.
ImportSummary importHistories(Database& db, const std::vector<core::PatientHistory>& histories,
                              bool warningsConfirmed, const std::string& source);

}  // namespace ankylos::storage
