#pragma once
/// Adding whole patient histories (from a CSV file or the demo generator) to a database: one
/// transaction, so an import is either fully present or absent, even if the process is killed.

#include <functional>
#include <optional>
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
    int treatments = 0;  ///< treatment episodes added to the patients' courses
    int ctScans = 0;     ///< low-dose CT scans, each with its CTSS readings
    int ctReadings = 0;
    int sessions = 0;  ///< reading sessions created from the readings (docs/methods.md 11)
    /// Readers the import registered: names no registered reader matched, ignoring case.
    std::vector<std::string> newReaders;
};

/// Where a refusal lies: the history (its index), the visit, film and reading in it (indices into
/// its vectors, when the refusal concerns one), and the core's name of the field refused.
struct ImportPlace {
    std::size_t history = 0;
    std::optional<std::size_t> visit;
    std::optional<std::size_t> film;
    std::optional<std::size_t> reading;
    std::optional<std::size_t> treatment;  ///< index into the history's treatments
    std::string field;
    std::optional<std::size_t> ctScan = std::nullopt;  ///< index into the history's ctScans
};

/// Names a place for a message; a CSV import names the line and column ("visits.csv:17:visit_date").
using ImportPlaceName = std::function<std::string(const ImportPlace&)>;

/// Adds every history. A patient whose clinic ID exists already must have identical patient
/// fields; their visits, films, CT scans and treatment episodes are added to the record, each episode through
/// TreatmentRepository::add (checked against the patient's whole course, the stored episodes and
/// those of the import before it). Each reading session the readings name (core::Reading::session) is
/// created from them through ReadingSessionRepository::create once the films are stored: the blinding of
/// its readings, its readers with their roles in order of first appearance, the imported films it read,
/// a new seed (docs/methods.md 11); a session name the database has already is refused at its first
/// reading (field "film session"). Readings are then stored in the histories' order, each with its
/// session (FilmRepository::addReading). Readers are matched to the registered
/// readers without regard to case; a new name is registered and listed in newReaders. Writes nothing
/// when anything is refused (including soft warnings unless warningsConfirmed) and throws
/// ValidationError listing every refusal, each field named by placeName (default: "patient AS-1
/// visit 2021-03-04: visit date"). source ("visits.csv") goes into the audit trail's import row.
ImportSummary importHistories(Database& db, const std::vector<core::PatientHistory>& histories,
                              bool warningsConfirmed, const std::string& source,
                              const ImportPlaceName& placeName = {});

}  // namespace ankylos::storage
