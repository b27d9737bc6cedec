#include "storage/film_repository.h"

#include <nlohmann/json.hpp>
#include "storage/sql/connection.h"

#include "storage/audit.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/reader_repository.h"
#include "storage/reading_columns.h"
#include "storage/reading_session_repository.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

core::Reading loadReading(sql::Connection& db, std::int64_t readingId) {
    sql::Statement query(db, kSelectReading + " WHERE r.id = ?");
    query.bind(1, readingId);
    if (!query.executeStep())
        throw StorageError("reading " + std::to_string(readingId) + " does not exist");
    core::Reading reading = readingFrom(query);
    sql::Statement sites(db, "SELECT site, grade, na_reason FROM site_score WHERE reading_id = ?");
    sites.bind(1, readingId);
    while (sites.executeStep())
        readSiteScore(sites, 0, reading);
    return reading;
}

/// Whether the reader has a reading of the film in the session (none: outside sessions), other than `self`.
bool hasRead(sql::Connection& db, std::int64_t filmId, std::int64_t reader,
             std::optional<std::int64_t> session, std::int64_t self) {
    sql::Statement query(db, session ? "SELECT count(*) FROM reading WHERE film_id = ? AND reader_id = ? "
                                       "AND id <> ? AND session_id = ?"
                                     : "SELECT count(*) FROM reading WHERE film_id = ? AND reader_id = ? "
                                       "AND id <> ? AND session_id IS NULL");
    query.bind(1, filmId);
    query.bind(2, reader);
    query.bind(3, self);
    if (session)
        query.bind(4, *session);
    query.executeStep();
    return query.getColumn(0).getInt() > 0;
}

std::string notReadYet(const core::Reading& reading) {
    return reading.session.empty()
               ? "a reader who has not read this film yet"
               : "a reader who has not read this film in session " + reading.session + " yet";
}

}  // namespace

core::Reading FilmRepository::reading(std::int64_t readingId) {
    return loadReading(sql::connectionOf(m_db), readingId);
}

Reader FilmRepository::reader(const std::string& name) {
    return ReaderRepository(m_db).require(name);
}

std::int64_t FilmRepository::addFilm(std::int64_t patientId, core::Date date) {
    Transaction transaction(m_db);
    const auto patient = PatientRepository(m_db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    core::Validation validation;
    core::checkClinicalDate(validation, "film date", date, patient->patient.birth, localToday());
    if (filmId(patientId, date))
        validation.addError("film date", core::toIsoString(date), "one film per date for a patient");
    validation.throwIfErrors();
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO film (patient_id, film_date, visit_id) VALUES (?1, ?2, "
        "(SELECT id FROM visit WHERE patient_id = ?1 AND visit_date = ?2)) RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, patientId);
    insert.bind(2, core::toIsoString(date));
    const std::int64_t id = insert.execReturningId();
    nlohmann::json newValues = filmJson(date);
    newValues["patient_id"] = patientId;  // `check` compares the row's patient with the trail's
    appendAudit(m_db, m_db.user(), {"film", id, AuditAction::Insert, nullptr, newValues, ""});
    patientDataChanged(m_db, patientId);
    transaction.commit();
    return id;
}

void FilmRepository::writeSiteScores(std::int64_t readingId, const core::Reading& reading) {
    std::vector<std::pair<core::Site, core::SiteScore>> scored;
    for (core::Site site : core::allSites())
        if (const auto& score = reading.at(site))
            scored.emplace_back(site, *score);  // sites not scored have no row
    if (scored.empty())
        return;
    // One statement for the whole reading, not one per site: on a server each statement is a round
    // trip, and the sites were most of an import's statements. Cached per count of scored sites.
    std::string sql = "INSERT INTO site_score (reading_id, site, grade, na_reason) VALUES ";
    for (std::size_t i = 0; i < scored.size(); ++i)
        sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
    auto insertLease = sql::connectionOf(m_db).cached(sql);
    sql::Statement& insert = *insertLease;
    int index = 1;
    for (const auto& [site, score] : scored) {
        insert.bind(index++, readingId);
        insert.bind(index++, core::siteId(site));
        if (score.assessable())
            insert.bind(index++, score.grade());
        else
            insert.bind(index++);
        if (score.assessable())
            insert.bind(index++);
        else
            insert.bind(index++, core::toString(*score.reason()));
    }
    insert.execDeferred();
}

std::int64_t FilmRepository::addReading(std::int64_t filmId, const core::Reading& entered) {
    Transaction transaction(m_db);
    const Reader registered = this->reader(entered.reader);
    core::Reading reading = entered;
    reading.reader = registered.name;
    const std::int64_t reader = registered.id;
    std::optional<std::int64_t> session;
    if (!reading.session.empty()) {
        // A session's reading records the session's blinding and the reader's role in it, whatever
        // the caller says (docs/methods.md 11).
        const SessionSeat seat = ReadingSessionRepository(m_db).seat(reading.session, reading.reader, filmId);
        session = seat.session.id;
        reading.role = seat.role;
        reading.identitySeen = !seat.session.blinding.identityHidden;
        reading.chronologyKnown = seat.session.blinding.chronologyKnown();
        reading.pairedByPatient = seat.session.blinding.pairedByPatient();
    }
    if (hasRead(sql::connectionOf(m_db), filmId, reader, session, 0))
        throw core::ValidationError("reader", reading.reader, notReadYet(reading));
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO reading (film_id, reader_id, reading_date, chronology_known, session_id, role, "
        "identity_seen, paired_by_patient) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, filmId);
    insert.bind(2, reader);
    bindOptional(insert, 3, reading.readingDate);
    insert.bind(4, reading.chronologyKnown ? 1 : 0);
    if (session)
        insert.bind(5, *session);
    else
        insert.bind(5);
    insert.bind(6, core::toString(reading.role));
    insert.bind(7, reading.identitySeen ? 1 : 0);
    insert.bind(8, reading.pairedByPatient ? 1 : 0);
    std::int64_t id = 0;
    try {
        id = insert.execReturningId();
    } catch (const sql::Error& e) {
        throw StorageError("adding a reading to film " + std::to_string(filmId), "reading", e.what());
    }
    writeSiteScores(id, reading);
    nlohmann::json newValues = toJson(reading);
    newValues["film_id"] = filmId;  // `check` compares the row's film with the trail's
    appendAudit(m_db, m_db.user(), {"reading", id, AuditAction::Insert, nullptr, newValues, ""});
    patientDataChanged(m_db, patientOfFilm(m_db, filmId));
    transaction.commit();
    return id;
}

void FilmRepository::updateReading(std::int64_t readingId, const core::Reading& entered,
                                   const std::string& reason, std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    const core::Reading old = loadReading(sql::connectionOf(m_db), readingId);
    requireUnchangedSince(m_db, "reading", readingId, openedAt, [&] {
        sql::Statement film(
            sql::connectionOf(m_db),
            "SELECT film_date FROM film WHERE id = (SELECT film_id FROM reading WHERE id = ?)");
        film.bind(1, readingId);
        return "the reading by " + old.reader + " of the film " +
               (film.executeStep() ? film.getColumn(0).getString() : std::string("?"));
    });
    const Reader registered = this->reader(entered.reader);
    core::Reading reading = entered;
    reading.reader = registered.name;
    // A correction changes scores, reader and date; how the reading was made stays as recorded.
    reading.session = old.session;
    reading.role = old.role;
    reading.identitySeen = old.identitySeen;
    reading.pairedByPatient = old.pairedByPatient;
    if (!old.session.empty())
        reading.chronologyKnown = old.chronologyKnown;
    if (toJson(old) == toJson(reading))
        return;  // nothing changed: no write, no audit row
    const std::int64_t reader = registered.id;
    sql::Statement where(sql::connectionOf(m_db), "SELECT film_id, session_id FROM reading WHERE id = ?");
    where.bind(1, readingId);
    where.executeStep();
    const std::int64_t filmId = where.getColumn(0).getInt64();
    std::optional<std::int64_t> session;
    if (!reading.session.empty())  // a new reader must be one of the session's
        session = ReadingSessionRepository(m_db).seat(reading.session, reading.reader, filmId).session.id;
    if (hasRead(sql::connectionOf(m_db), filmId, reader, session, readingId))
        throw core::ValidationError("reader", reading.reader, notReadYet(reading));
    appendAudit(m_db, m_db.user(),
                {"reading", readingId, AuditAction::Update, toJson(old), toJson(reading), reason});
    sql::Statement update(
        sql::connectionOf(m_db),
        "UPDATE reading SET reader_id = ?, reading_date = ?, chronology_known = ? WHERE id = ?");
    update.bind(1, reader);
    bindOptional(update, 2, reading.readingDate);
    update.bind(3, reading.chronologyKnown ? 1 : 0);
    update.bind(4, readingId);
    update.exec();
    auto clearLease = sql::connectionOf(m_db).cached("DELETE FROM site_score WHERE reading_id = ?");
    sql::Statement& clear = *clearLease;
    clear.bind(1, readingId);
    clear.exec();
    writeSiteScores(readingId, reading);
    patientDataChanged(m_db, patientOfReading(m_db, readingId));
    transaction.commit();
}

void FilmRepository::removeFilm(std::int64_t filmId, const std::string& reason) {
    Transaction transaction(m_db);
    auto queryLease = sql::connectionOf(m_db).cached("SELECT film_date FROM film WHERE id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, filmId);
    if (!query.executeStep())
        throw StorageError("film " + std::to_string(filmId) + " does not exist");
    nlohmann::json old = {{"film_date", query.getColumn(0).getString()},
                          {"readings", nlohmann::json::array()}};
    auto readingsLease =
        sql::connectionOf(m_db).cached("SELECT id FROM reading WHERE film_id = ? ORDER BY id");
    sql::Statement& readings = *readingsLease;
    readings.bind(1, filmId);
    while (readings.executeStep())
        old["readings"].push_back(
            toJson(loadReading(sql::connectionOf(m_db), readings.getColumn(0).getInt64())));
    // The film's images go with it: the deletion row names them (their bytes are in no audit row).
    old["images"] = nlohmann::json::array();
    sql::Statement images(sql::connectionOf(m_db),
                          "SELECT id, file_name FROM film_image WHERE film_id = ? ORDER BY id");
    images.bind(1, filmId);
    while (images.executeStep())
        old["images"].push_back(
            {{"id", images.getColumn(0).getInt64()}, {"file_name", images.getColumn(1).getString()}});
    // The deletion row names the patient: the film row it was about no longer does.
    const std::int64_t patientId = patientOfFilm(m_db, filmId);
    old["patient_id"] = patientId;
    appendAudit(m_db, m_db.user(), {"film", filmId, AuditAction::Delete, old, nullptr, reason});
    auto removeLease = sql::connectionOf(m_db).cached("DELETE FROM film WHERE id = ?");
    sql::Statement& remove = *removeLease;
    remove.bind(1, filmId);
    remove.exec();
    patientDataChanged(m_db, patientId);
    transaction.commit();
}

std::optional<std::int64_t> FilmRepository::filmId(std::int64_t patientId, core::Date date) {
    auto queryLease =
        sql::connectionOf(m_db).cached("SELECT id FROM film WHERE patient_id = ? AND film_date = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, patientId);
    query.bind(2, core::toIsoString(date));
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

Reader FilmRepository::checkPelvicFilm(std::int64_t patientId, const std::string& entered,
                                       const core::PelvicFilm& film, std::optional<std::int64_t> self) {
    const auto patient = PatientRepository(m_db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    // docs/methods.md 8 as for every clinical date: not in the future, not before birth.
    core::Validation validation = core::validatePelvicFilm(film, patient->patient.birth, localToday());
    if (!film.left || !film.right)
        validation.addError("sacroiliitis grade", "not graded", "both sides graded 0-4");
    validation.throwIfErrors();
    Reader registered = this->reader(entered);
    auto existsLease = sql::connectionOf(m_db).cached(
        "SELECT count(*) FROM sacroiliitis WHERE patient_id = ? AND film_date = ? AND reader_id = ? "
        "AND id <> ?");
    sql::Statement& exists = *existsLease;
    exists.bind(1, patientId);
    exists.bind(2, core::toIsoString(film.date));
    exists.bind(3, registered.id);
    exists.bind(4, self.value_or(0));  // row ids start at 1
    exists.executeStep();
    if (exists.getColumn(0).getInt() > 0)
        throw core::ValidationError("reader", registered.name,
                                    "a reader who has not graded this pelvic film yet");
    return registered;
}

std::int64_t FilmRepository::addPelvicFilm(std::int64_t patientId, const std::string& entered,
                                           const core::PelvicFilm& film) {
    Transaction transaction(m_db);
    const Reader registered = checkPelvicFilm(patientId, entered, film, std::nullopt);
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO sacroiliitis (patient_id, film_date, reader_id, left_grade, right_grade) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, patientId);
    insert.bind(2, core::toIsoString(film.date));
    insert.bind(3, registered.id);
    insert.bind(4, *film.left);
    insert.bind(5, *film.right);
    const std::int64_t id = insert.execReturningId();
    nlohmann::json newValues = toJson(core::PelvicFilmReading{registered.name, film});
    newValues["patient_id"] = patientId;  // `check` compares the row's patient with the trail's
    appendAudit(m_db, m_db.user(), {"sacroiliitis", id, AuditAction::Insert, nullptr, newValues, ""});
    transaction.commit();
    return id;
}

namespace {

struct StoredPelvicFilm {
    std::int64_t patientId = 0;
    core::PelvicFilmReading grading;
};

StoredPelvicFilm loadPelvicFilm(sql::Connection& db, std::int64_t id) {
    sql::Statement query(db,
                         "SELECT s.patient_id, s.film_date, rd.name, s.left_grade, s.right_grade "
                         "FROM sacroiliitis s JOIN reader rd ON rd.id = s.reader_id WHERE s.id = ?");
    query.bind(1, id);
    if (!query.executeStep())
        throw StorageError("pelvic film grading " + std::to_string(id) + " does not exist");
    StoredPelvicFilm stored;
    stored.patientId = query.getColumn(0).getInt64();
    stored.grading.film.date = core::parseIsoDate(query.getColumn(1).getString(), "pelvic film date");
    stored.grading.reader = query.getColumn(2).getString();
    stored.grading.film.left = query.getColumn(3).getInt();
    stored.grading.film.right = query.getColumn(4).getInt();
    return stored;
}

/// "the pelvic film 2021-03-04 graded by Dr. Chen", for a refusal.
std::string pelvicFilmName(const core::PelvicFilmReading& grading) {
    return "the pelvic film " + core::toIsoString(grading.film.date) + " graded by " + grading.reader;
}

}  // namespace

void FilmRepository::updatePelvicFilm(std::int64_t id, const core::PelvicFilmReading& entered,
                                      const std::string& reason, std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    const StoredPelvicFilm old = loadPelvicFilm(sql::connectionOf(m_db), id);
    requireUnchangedSince(m_db, "sacroiliitis", id, openedAt, [&] { return pelvicFilmName(old.grading); });
    const Reader registered = checkPelvicFilm(old.patientId, entered.reader, entered.film, id);
    const core::PelvicFilmReading grading{registered.name, entered.film};
    if (toJson(grading) == toJson(old.grading))
        return;  // nothing changed: no write, no audit row
    appendAudit(m_db, m_db.user(),
                {"sacroiliitis", id, AuditAction::Update, toJson(old.grading), toJson(grading), reason});
    sql::Statement update(sql::connectionOf(m_db),
                          "UPDATE sacroiliitis SET film_date = ?, reader_id = ?, left_grade = ?, "
                          "right_grade = ? WHERE id = ?");
    update.bind(1, core::toIsoString(grading.film.date));
    update.bind(2, registered.id);
    update.bind(3, *grading.film.left);
    update.bind(4, *grading.film.right);
    update.bind(5, id);
    update.exec();
    transaction.commit();
}

void FilmRepository::removePelvicFilm(std::int64_t id, const std::string& reason,
                                      std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    const StoredPelvicFilm old = loadPelvicFilm(sql::connectionOf(m_db), id);
    requireUnchangedSince(m_db, "sacroiliitis", id, openedAt, [&] { return pelvicFilmName(old.grading); });
    // The deletion row names the patient: the row it was about no longer does.
    nlohmann::json oldValues = toJson(old.grading);
    oldValues["patient_id"] = old.patientId;
    appendAudit(m_db, m_db.user(), {"sacroiliitis", id, AuditAction::Delete, oldValues, nullptr, reason});
    sql::Statement remove(sql::connectionOf(m_db), "DELETE FROM sacroiliitis WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    transaction.commit();
}

std::optional<std::int64_t> FilmRepository::pelvicFilmId(std::int64_t patientId, core::Date date,
                                                         const std::string& reader) {
    sql::Statement query(sql::connectionOf(m_db),
                         "SELECT s.id FROM sacroiliitis s JOIN reader rd ON rd.id = s.reader_id "
                         "WHERE s.patient_id = ? AND s.film_date = ? AND rd.name = ?");
    query.bind(1, patientId);
    query.bind(2, core::toIsoString(date));
    query.bind(3, reader);
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

}  // namespace ankylos::storage
