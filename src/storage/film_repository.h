#pragma once
/// Radiographs and their readings (one per reader), site scores, and pelvic-film sacroiliitis
/// grades; every change audited in the same transaction.

#include <cstdint>
#include <optional>
#include <string>

#include "core/msasss.h"
#include "core/patient_history.h"
#include "core/sacroiliitis.h"
#include "storage/database.h"
#include "storage/reader_repository.h"

namespace ankylos::storage {

class FilmRepository {
public:
    explicit FilmRepository(Database& db) : m_db(db) {}

    /// A film of the patient on that date, linked to the visit of the same date when there is one.
    /// Throws ValidationError when the patient has a film on that date already or the date is invalid.
    std::int64_t addFilm(std::int64_t patientId, core::Date date);
    /// Adds one reader's scores of the film. The reader must be registered (ReaderRepository; matched
    /// without regard to case, and stored under the registered name): an unregistered name is refused,
    /// naming the registered readers. A reader reads a film once outside sessions and once in each
    /// session: a second reading is refused. A reading naming a session (reading.session) must be by one
    /// of its readers, of one of its films; it records the reader's role and the session's blinding,
    /// whatever reading says of them.
    std::int64_t addReading(std::int64_t filmId, const core::Reading& reading);
    /// As addReading for the reader; a reading saved unchanged writes nothing (no audit row). Its session,
    /// role and blinding stay as recorded.
    /// openedAt: the version the user opened the reading at (storage/audit.h auditVersion); throws
    /// ChangedSinceOpened, writing nothing, when someone changed the reading since.
    void updateReading(std::int64_t readingId, const core::Reading& reading, const std::string& reason,
                       std::optional<std::int64_t> openedAt = std::nullopt);
    /// Deletes the film with its readings.
    void removeFilm(std::int64_t filmId, const std::string& reason);
    std::optional<std::int64_t> filmId(std::int64_t patientId, core::Date date);
    /// The reading as stored; throws StorageError when there is no such row.
    core::Reading reading(std::int64_t readingId);

    /// A registered reader's sacroiliitis grades of a pelvic film (reader matched as for addReading).
    /// Throws ValidationError naming field, value and allowed range for a grade outside 0-4 or not
    /// given, a date in the future or before birth, or a reader who graded that film already.
    std::int64_t addPelvicFilm(std::int64_t patientId, const std::string& reader,
                               const core::PelvicFilm& film);
    /// Corrects one reader's grading of a pelvic film (date, reader, grades), checked as addPelvicFilm;
    /// saved unchanged it writes nothing (no audit row). openedAt as for updateReading.
    void updatePelvicFilm(std::int64_t id, const core::PelvicFilmReading& grading, const std::string& reason,
                          std::optional<std::int64_t> openedAt = std::nullopt);
    /// Deletes one reader's grading of a pelvic film; openedAt as for updateReading.
    void removePelvicFilm(std::int64_t id, const std::string& reason,
                          std::optional<std::int64_t> openedAt = std::nullopt);
    /// The row of the reader's grading of the patient's pelvic film of that date (reader as stored).
    std::optional<std::int64_t> pelvicFilmId(std::int64_t patientId, core::Date date,
                                             const std::string& reader);

private:
    Reader reader(const std::string& name);
    /// Checks a pelvic film grading as addPelvicFilm does (excluding row `self` from the one grading
    /// per reader and date) and returns its registered reader.
    Reader checkPelvicFilm(std::int64_t patientId, const std::string& reader, const core::PelvicFilm& film,
                           std::optional<std::int64_t> self);
    void writeSiteScores(std::int64_t readingId, const core::Reading& reading);
    Database& m_db;
};

}  // namespace ankylos::storage
