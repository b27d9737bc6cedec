#pragma once
/// Radiographs and their readings (one per reader), site scores, and pelvic-film sacroiliitis
/// grades; every change audited in the same transaction.

#include <cstdint>
#include <optional>
#include <string>

#include "core/msasss.h"
#include "core/sacroiliitis.h"
#include "storage/database.h"

namespace ankylos::storage {

class FilmRepository {
public:
    explicit FilmRepository(Database& db) : m_db(db) {}

    /// A film of the patient on that date, linked to the visit of the same date when there is one.
    /// Throws ValidationError when the patient has a film on that date already or the date is invalid.
    std::int64_t addFilm(std::int64_t patientId, core::Date date);
    /// Adds one reader's scores of the film (the reader is created on first use). A reader reads a
    /// film once: a second reading by the same reader is refused.
    std::int64_t addReading(std::int64_t filmId, const core::Reading& reading);
    void updateReading(std::int64_t readingId, const core::Reading& reading, const std::string& reason);
    /// Deletes the film with its readings.
    void removeFilm(std::int64_t filmId, const std::string& reason);
    std::optional<std::int64_t> filmId(std::int64_t patientId, core::Date date);

    std::int64_t addPelvicFilm(std::int64_t patientId, const std::string& reader, const core::PelvicFilm& film);

private:
    std::int64_t readerId(const std::string& name);
    void writeSiteScores(std::int64_t readingId, const core::Reading& reading);
    Database& m_db;
};

}  // namespace ankylos::storage
