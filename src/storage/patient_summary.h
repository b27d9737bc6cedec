#pragma once
/// The patient list's per-patient figures (table patient_summary, db/migrations/0002): last visit,
/// latest mSASSS, latest ASDAS with its state, progressor. Derived data, computed by the clinical
/// core from the stored inputs and rewritten in the same transaction as every write to a patient's
/// data, so the list never shows a figure the record would not.

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/asdas.h"
#include "core/patient_history.h"
#include "core/settings.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The schema version that added patient_summary's newest column (the pinyin initials, after the
/// table itself in version 2 and the search key in version 8): a database migrated from below it has
/// every row rewritten on open.
constexpr int kPatientSearchSchemaVersion = 10;

/// One patient's row of patient_summary.
struct PatientFigures {
    int visitCount = 0;
    int filmCount = 0;
    std::optional<core::Date> lastVisit;
    std::optional<double> latestMsasss;  ///< score of the latest film whose score is computable
    std::optional<core::Date> latestMsasssDate;
    std::optional<double> latestAsdas;  ///< the latest visit with a computable ASDAS: CRP, else ESR
    std::optional<core::AsdasMarker> latestAsdasMarker;
    std::optional<core::AsdasState> latestAsdasState;
    std::optional<core::Date> latestAsdasDate;
    std::optional<bool> progressor;  ///< nullopt with fewer than two films
    std::string searchKey;           ///< clinic ID and name folded for the list's search (search_key.h)
    std::string searchInitials;      ///< the pinyin initials of a name in Han characters (search_key.h)
};

/// The figures of one history, from core results (scoreVisit, scoreFilm, reviewProgression).
PatientFigures computeFigures(const core::PatientHistory& history, const core::Settings& settings);

/// Rewrites the patient's row (inside the caller's transaction). During a SummaryBatch on the same
/// database the patient is only noted, and the batch rewrites each noted patient once at its end.
void patientDataChanged(Database& db, std::int64_t patientId);

/// The patient a visit, film or reading belongs to (for the hooks in the repositories).
std::int64_t patientOfFilm(Database& db, std::int64_t filmId);
std::int64_t patientOfReading(Database& db, std::int64_t readingId);
/// The id of that reader's reading of the film, if there is one.
std::optional<std::int64_t> readingIdOf(Database& db, std::int64_t filmId, const std::string& reader);

/// Rewrites every patient's row in one pass over the database (the migration to version 2).
void rebuildPatientSummaries(Database& db);

/// A bulk write (an import): while alive, patientDataChanged only notes patients; flush() rewrites
/// each once. Call flush() before committing the bulk write's transaction.
class SummaryBatch {
public:
    explicit SummaryBatch(Database& db);
    ~SummaryBatch();
    SummaryBatch(const SummaryBatch&) = delete;
    SummaryBatch& operator=(const SummaryBatch&) = delete;

    void note(std::int64_t patientId) { m_patients.insert(patientId); }
    void flush();

private:
    Database& m_db;
    SummaryBatch* m_outer;  ///< a batch already open on the same database (nested imports)
    std::set<std::int64_t> m_patients;
};

/// The stored text of patient_summary's ASDAS marker and state columns back to core's values
/// (the patient list reads them too). An unknown state throws StorageError.
core::AsdasMarker storedAsdasMarker(const std::string& text);
core::AsdasState storedAsdasState(const std::string& text);

/// Reads one patient's figures back (tests, the patient record).
std::optional<PatientFigures> readFigures(Database& db, std::int64_t patientId);

}  // namespace ankylos::storage
