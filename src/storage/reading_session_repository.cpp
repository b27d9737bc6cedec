#include "storage/reading_session_repository.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "core/format.h"
#include "core/utf8.h"
#include "core/validation.h"
#include "storage/audit.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/reading_columns.h"
#include "storage/sql/connection.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

nlohmann::json sessionJson(const ReadingSession& session) {
    nlohmann::json readers = nlohmann::json::array();
    for (const SessionReader& reader : session.readers)
        readers.push_back({{"reader", reader.reader}, {"role", core::toString(reader.role)}});
    return {{"name", session.name},
            {"identity_hidden", session.blinding.identityHidden},
            {"chronology", core::toString(session.blinding.chronology)},
            {"seed", std::to_string(session.seed)},  // text: JSON numbers lose 64-bit seeds
            {"readers", readers},
            {"films", session.films}};
}

/// "S1-007": a film's place in the session's order, padded to the width of the last place.
std::string codeOf(const std::string& session, std::size_t place, std::size_t count) {
    const int width = static_cast<int>(std::max<std::size_t>(3, std::to_string(count).size()));
    char number[32];
    std::snprintf(number, sizeof number, "%0*zu", width, place);
    return session + "-" + number;
}

void insertReader(sql::Connection& db, std::int64_t session, std::int64_t reader, core::ReadingRole role) {
    sql::Statement insert(
        db, "INSERT INTO reading_session_reader (session_id, reader_id, role) VALUES (?, ?, ?)");
    insert.bind(1, session);
    insert.bind(2, reader);
    insert.bind(3, core::toString(role));
    insert.exec();
}

}  // namespace

std::vector<std::string> ReadingSession::readersWithRole(core::ReadingRole role) const {
    std::vector<std::string> names;
    for (const SessionReader& reader : readers)
        if (reader.role == role)
            names.push_back(reader.reader);
    return names;
}

std::int64_t ReadingSessionRepository::create(const ReadingSession& wanted) {
    Transaction transaction(m_db);
    sql::Connection& db = sql::connectionOf(m_db);
    ReadingSession session = wanted;
    session.name = core::trimmed(session.name);
    core::Validation validation;
    validation.requireText("session name", session.name);
    if (session.name.empty())
        validation.addError("session name", wanted.name, "a name, e.g. \"OASIS 2026 reading 1\"");
    else if (find(session.name))
        validation.addError("session name", session.name, "a name no other session has");
    if (session.readersWithRole(core::ReadingRole::Primary).empty())
        validation.addError("readers", "none", "at least one primary reader");
    if (session.films.empty())
        validation.addError("films", "none", "at least one film");
    validation.throwIfErrors();
    std::vector<std::int64_t> readerIds;
    for (SessionReader& reader : session.readers) {
        const Reader registered = ReaderRepository(m_db).require(reader.reader);
        if (std::find(readerIds.begin(), readerIds.end(), registered.id) != readerIds.end())
            throw core::ValidationError("reader", reader.reader, "each reader once in a session");
        readerIds.push_back(registered.id);
        reader.reader = registered.name;
    }
    std::sort(session.films.begin(), session.films.end());
    session.films.erase(std::unique(session.films.begin(), session.films.end()), session.films.end());
    session.createdOn = localToday();

    sql::Statement insert(db,
                          "INSERT INTO reading_session (name, created_on, identity_hidden, chronology, seed) "
                          "VALUES (?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, session.name);
    insert.bind(2, core::toIsoString(session.createdOn));
    insert.bind(3, session.blinding.identityHidden ? 1 : 0);
    insert.bind(4, core::toString(session.blinding.chronology));
    // Stored as the signed integer both engines hold; read back as the same 64 bits.
    insert.bind(5, static_cast<std::int64_t>(session.seed));
    session.id = insert.execReturningId();
    for (std::size_t i = 0; i < session.readers.size(); ++i)
        insertReader(db, session.id, readerIds[i], session.readers[i].role);
    sql::Statement film(db,
                        "INSERT INTO reading_session_film (session_id, film_id) "
                        "SELECT ?, id FROM film WHERE id = ?");
    for (std::int64_t filmId : session.films) {
        film.bind(1, session.id);
        film.bind(2, filmId);
        if (film.exec() == 0)
            throw core::ValidationError("film", std::to_string(filmId), "the row id of a stored film");
        film.reset();
    }
    appendAudit(m_db, m_db.user(),
                {"reading_session", session.id, AuditAction::Insert, nullptr, sessionJson(session), ""});
    transaction.commit();
    return session.id;
}

std::vector<std::int64_t> ReadingSessionRepository::filmsOf(const SessionCohort& cohort) {
    std::vector<std::int64_t> patients;
    for (const std::string& clinicId : cohort.clinicIds) {
        const std::optional<std::int64_t> id = PatientRepository(m_db).idOf(clinicId);
        if (!id)
            throw core::ValidationError("patient", clinicId, "the clinic ID of a stored patient");
        patients.push_back(*id);
    }
    std::vector<std::int64_t> films;
    HistoryReader(m_db, HistoryParts::FilmsOnly)
        .forEachWithRowIds([&](std::int64_t patient, core::PatientHistory& history,
                               const HistoryRowIds& rows) {
            if (!patients.empty() && std::find(patients.begin(), patients.end(), patient) == patients.end())
                return;
            std::vector<std::int64_t> own;
            for (std::size_t i = 0; i < history.films.size(); ++i)
                if ((!cohort.from || history.films[i].date >= *cohort.from) &&
                    (!cohort.to || history.films[i].date <= *cohort.to))
                    own.push_back(rows.films[i]);
            if (static_cast<int>(own.size()) >= cohort.minFilms)
                films.insert(films.end(), own.begin(), own.end());
        });
    std::sort(films.begin(), films.end());
    return films;
}

std::optional<ReadingSession> ReadingSessionRepository::find(const std::string& name) {
    sql::Connection& db = sql::connectionOf(m_db);
    sql::Statement query(
        db,
        "SELECT id, name, created_on, identity_hidden, chronology, seed FROM reading_session "
        "WHERE name = ?");
    query.bind(1, name);
    if (!query.executeStep())
        return std::nullopt;
    ReadingSession session;
    session.id = query.getColumn(0).getInt64();
    session.name = query.getColumn(1).getString();
    session.createdOn = dateOf(query.getColumn(2));
    session.blinding.identityHidden = query.getColumn(3).getInt() != 0;
    session.blinding.chronology = core::parseSessionChronology(query.getColumn(4).getString());
    session.seed = static_cast<std::uint64_t>(query.getColumn(5).getInt64());
    sql::Statement readers(
        db,
        "SELECT rd.name, sr.role FROM reading_session_reader sr JOIN reader rd ON rd.id = "
        "sr.reader_id WHERE sr.session_id = ? ORDER BY sr.role <> 'primary', sr.role, rd.name");
    readers.bind(1, session.id);
    while (readers.executeStep())
        session.readers.push_back(
            {readers.getColumn(0).getString(), core::parseReadingRole(readers.getColumn(1).getString())});
    sql::Statement films(db,
                         "SELECT film_id FROM reading_session_film WHERE session_id = ? ORDER BY film_id");
    films.bind(1, session.id);
    while (films.executeStep())
        session.films.push_back(films.getColumn(0).getInt64());
    return session;
}

ReadingSession ReadingSessionRepository::require(const std::string& name) {
    if (std::optional<ReadingSession> session = find(name))
        return *session;
    std::vector<std::string> names;
    for (const ReadingSession& session : list())
        names.push_back(session.name);
    throw core::ValidationError("session", name,
                                names.empty() ? "the name of a reading session (there are none yet)"
                                              : "the name of a reading session: " + core::joinNames(names));
}

std::vector<ReadingSession> ReadingSessionRepository::list() {
    std::vector<std::string> names;
    sql::Statement query(sql::connectionOf(m_db), "SELECT name FROM reading_session ORDER BY name");
    while (query.executeStep())
        names.push_back(query.getColumn(0).getString());
    std::vector<ReadingSession> sessions;
    for (const std::string& name : names)
        sessions.push_back(*find(name));
    return sessions;
}

void ReadingSessionRepository::addReader(const std::string& name, const std::string& reader,
                                         core::ReadingRole role) {
    Transaction transaction(m_db);
    const ReadingSession before = require(name);
    const Reader registered = ReaderRepository(m_db).require(reader);
    for (const SessionReader& present : before.readers)
        if (present.reader == registered.name)
            throw core::ValidationError("reader", reader,
                                        "a reader not in session " + name + " yet (" + registered.name +
                                            " reads in it as " + core::label(present.role) + ")");
    insertReader(sql::connectionOf(m_db), before.id, registered.id, role);
    appendAudit(m_db, m_db.user(),
                {"reading_session", before.id, AuditAction::Update, sessionJson(before),
                 sessionJson(*find(name)), "reader added as " + core::label(role)});
    transaction.commit();
}

std::vector<WorklistItem> ReadingSessionRepository::ordered(const ReadingSession& session,
                                                            const std::string& reader) {
    sql::Connection& db = sql::connectionOf(m_db);
    sql::Statement query(
        db,
        "SELECT f.id, f.patient_id, p.clinic_id, p.name, f.film_date, "
        "(SELECT r.id FROM reading r JOIN reader rd ON rd.id = r.reader_id WHERE r.film_id = f.id "
        "AND r.session_id = sf.session_id AND rd.name = ?) "
        "FROM reading_session_film sf JOIN film f ON f.id = sf.film_id JOIN patient p ON p.id = f.patient_id "
        "WHERE sf.session_id = ? ORDER BY f.id");
    query.bind(1, reader);
    query.bind(2, session.id);
    std::vector<WorklistItem> films;
    std::vector<core::WorklistFilm> places;
    while (query.executeStep()) {
        WorklistItem item;
        item.filmId = query.getColumn(0).getInt64();
        item.patientId = query.getColumn(1).getInt64();
        item.clinicId = query.getColumn(2).getString();
        item.patientName = query.getColumn(3).getString();
        item.filmDate = dateOf(query.getColumn(4));
        if (!query.getColumn(5).isNull())
            item.readingId = query.getColumn(5).getInt64();
        places.push_back({item.patientId, item.filmDate});
        films.push_back(std::move(item));
    }
    std::vector<WorklistItem> result;
    const std::vector<std::size_t> order =
        core::worklistOrder(places, session.blinding.chronology, session.seed);
    for (std::size_t place = 0; place < order.size(); ++place) {
        result.push_back(films[order[place]]);
        result.back().code = codeOf(session.name, place + 1, order.size());
    }
    return result;
}

std::vector<WorklistItem> ReadingSessionRepository::worklist(const ReadingSession& session,
                                                             const std::string& reader,
                                                             const core::Settings& settings) {
    const auto seated = std::find_if(
        session.readers.begin(), session.readers.end(),
        [&](const SessionReader& r) { return core::foldCase(r.reader) == core::foldCase(reader); });
    if (seated == session.readers.end())
        throw core::ValidationError("reader", reader, "one of the readers of session " + session.name);
    std::vector<WorklistItem> films = ordered(session, seated->reader);
    if (seated->role == core::ReadingRole::Primary)
        return films;
    // An adjudicator reads the films of the discordant intervals only: those awaiting adjudication, and
    // those already adjudicated (so the worklist keeps showing what was done).
    const core::SessionAgreement agreement = core::assessSessionAgreement(
        patients(session), session.readersWithRole(core::ReadingRole::Primary), settings);
    std::vector<std::pair<std::string, core::Date>> wanted;  // clinic ID, film date
    for (const core::SessionInterval& interval : agreement.intervals)
        if (interval.discordant()) {
            wanted.emplace_back(interval.patient, interval.from);
            wanted.emplace_back(interval.patient, interval.to);
        }
    std::vector<WorklistItem> kept;
    for (WorklistItem& item : films)
        if (std::find(wanted.begin(), wanted.end(), std::make_pair(item.clinicId, item.filmDate)) !=
            wanted.end())
            kept.push_back(std::move(item));
    return kept;
}

std::vector<core::SessionPatient> ReadingSessionRepository::patients(const ReadingSession& session) {
    std::vector<core::SessionPatient> result;
    std::map<std::int64_t, std::size_t> indexOf;                         // patient row id -> place in result
    std::map<std::int64_t, std::pair<std::size_t, std::size_t>> filmAt;  // film row id -> patient, film
    for (const WorklistItem& item : ordered(session, "")) {
        const auto [at, added] = indexOf.emplace(item.patientId, result.size());
        if (added)
            result.push_back({item.clinicId, {}});
        core::SessionPatient& patient = result[at->second];
        filmAt[item.filmId] = {at->second, patient.films.size()};
        patient.films.push_back({item.filmDate, {}});
    }
    // Two queries for the whole session, whatever its size: its readings, then all their site scores.
    sql::Connection& db = sql::connectionOf(m_db);
    struct Place {
        std::size_t patient, film, reading;
    };
    std::map<std::int64_t, Place> placeOf;  // reading row id -> where it is in result
    sql::Statement readings(db, kSelectReading + " WHERE r.session_id = ? ORDER BY r.id");
    readings.bind(1, session.id);
    while (readings.executeStep()) {
        const auto [patient, film] =
            filmAt.at(readings.getColumn(1).getInt64());  // a session reads its films
        std::vector<core::Reading>& read = result[patient].films[film].readings;
        placeOf[readings.getColumn(0).getInt64()] = {patient, film, read.size()};
        read.push_back(readingFrom(readings));
    }
    sql::Statement sites(db,
                         "SELECT s.reading_id, s.site, s.grade, s.na_reason FROM site_score s "
                         "JOIN reading r ON r.id = s.reading_id WHERE r.session_id = ?");
    sites.bind(1, session.id);
    while (sites.executeStep()) {
        const Place& at = placeOf.at(sites.getColumn(0).getInt64());
        readSiteScore(sites, 1, result[at.patient].films[at.film].readings[at.reading]);
    }
    return result;
}

SessionSeat ReadingSessionRepository::seat(const std::string& name, const std::string& reader,
                                           std::int64_t filmId) {
    SessionSeat seat{require(name), core::ReadingRole::Primary};
    const auto seated = std::find_if(seat.session.readers.begin(), seat.session.readers.end(),
                                     [&](const SessionReader& r) { return r.reader == reader; });
    if (seated == seat.session.readers.end())
        throw core::ValidationError("reader", reader, "one of the readers of session " + name);
    if (!std::binary_search(seat.session.films.begin(), seat.session.films.end(), filmId))
        throw core::ValidationError("film", std::to_string(filmId), "a film of session " + name);
    seat.role = seated->role;
    return seat;
}

}  // namespace ankylos::storage
