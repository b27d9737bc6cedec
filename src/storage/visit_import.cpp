#include "storage/visit_import.h"

#include <algorithm>

#include "core/format.h"
#include "core/utf8.h"
#include "storage/audit.h"
#include "storage/ct_scan_repository.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/reader_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/sql/connection.h"
#include "storage/transaction.h"
#include "storage/treatment_repository.h"
#include "storage/visit_repository.h"

namespace ankylos::storage {

namespace {

/// "patient AS-1 visit 2021-03-04: visit date": the place of a refusal when no file names it.
std::string defaultPlaceName(const std::vector<core::PatientHistory>& histories, const ImportPlace& place) {
    const core::PatientHistory& history = histories[place.history];
    std::string text = "patient " + history.patient.clinicId;
    if (place.visit)
        text += " visit " + core::toIsoString(history.visits[*place.visit].date);
    if (place.film)
        text += " film " + core::toIsoString(history.films[*place.film].date);
    if (place.treatment) {
        const core::TreatmentEpisode& episode = history.treatments[*place.treatment];
        text += " treatment " + episode.drugId + " from " + core::toIsoString(episode.start);
    }
    if (place.ctScan)
        text += " CT scan " + core::toIsoString(history.ctScans[*place.ctScan].date);
    return text + ": " + place.field;
}

/// Every refusal of one import, each named at its place; the import goes on after a refusal so
/// that the user sees them all at once, and writes nothing when there is any.
class Refusals {
public:
    Refusals(const std::vector<core::PatientHistory>& histories, const ImportPlaceName& placeName)
        : m_histories(histories), m_placeName(placeName) {}

    /// Runs action; false (and the refusal recorded) when it throws ValidationError.
    template <typename Action>
    bool attempt(const ImportPlace& place, Action action) {
        try {
            action();
            return true;
        } catch (const core::ValidationError& e) {
            for (const core::Problem& problem : e.problems())
                add(place, problem);
            return false;
        }
    }

    void add(ImportPlace place, core::Problem problem) {
        place.field = problem.field;
        problem.field = m_placeName ? m_placeName(place) : defaultPlaceName(m_histories, place);
        m_problems.push_back(std::move(problem));
    }

    void throwIfAny() const {
        if (!m_problems.empty())
            throw core::ValidationError(m_problems);
    }

private:
    const std::vector<core::PatientHistory>& m_histories;
    const ImportPlaceName& m_placeName;
    std::vector<core::Problem> m_problems;
};

std::string optionalDate(const std::optional<core::Date>& date) {
    return date ? core::toIsoString(*date) : std::string();
}

/// The patient fields an import must find unchanged, by the core's field names.
std::vector<std::pair<std::string, std::string>> patientFields(const core::Patient& p) {
    return {{"name", p.name},
            {"sex", core::toString(p.sex)},
            {"date of birth", core::toIsoString(p.birth)},
            {"HLA-B27", core::toString(p.hlaB27)},
            {"symptom onset", optionalDate(p.symptomOnset)},
            {"diagnosis date", optionalDate(p.diagnosis)},
            {"smoking status", core::toString(p.smoking)},
            {"patient notes", p.notes}};
}

/// Every patient field that differs from the stored patient's, refused at the patient's place.
void compareWithStored(const core::Patient& stored, const core::Patient& imported, std::size_t history,
                       Refusals& refusals) {
    const auto before = patientFields(stored);
    const auto after = patientFields(imported);
    for (std::size_t i = 0; i < before.size(); ++i)
        if (before[i].second != after[i].second)
            refusals.add({history, {}, {}, {}, {}, ""},
                         {core::Severity::Error, before[i].first, after[i].second,
                          "the " + before[i].first + " stored for patient " + stored.clinicId + " (" +
                              (before[i].second.empty() ? "empty" : before[i].second) +
                              "); an import adds visits, it does not change a patient's details"});
}

/// While alive, lets the page cache hold a large import's whole transaction (up to 1 GiB, only
/// as much as it needs): past the usual 32 MiB, SQLite spills dirty pages to the WAL and a
/// 6,000-patient import took four times as long. Reads keep the small cache. (A server manages
/// its own memory.)
class LargeWriteCache {
public:
    explicit LargeWriteCache(sql::Connection& db) : m_db(db.engine() == sql::Engine::Sqlite ? &db : nullptr) {
        if (m_db)
            m_db->exec("PRAGMA cache_size = -1048576");
    }
    ~LargeWriteCache() {
        try {
            if (m_db)
                m_db->exec("PRAGMA cache_size = -32768");
        } catch (const sql::Error&) {
            // Only the cache's size is left larger; no data is affected.
        }
    }

private:
    sql::Connection* m_db;
};

/// While alive, the import is a bulk write (sql::Connection::setBulkWrite): statements whose results
/// nobody reads (a visit's labs, a reading's sites, audit rows) travel to a server with the next
/// statement that returns something, and the repositories' own transactions take no savepoints. On a
/// server each statement would otherwise be a round trip, and thousands of savepoints in one
/// transaction slow each later one down. An import is all or nothing: a refusal (ValidationError) is
/// thrown before its part writes anything, and any other error fails the whole import, as before.
class BulkWrite {
public:
    explicit BulkWrite(sql::Connection& db) : m_db(db) { m_db.setBulkWrite(true); }
    ~BulkWrite() { m_db.setBulkWrite(false); }
    BulkWrite(const BulkWrite&) = delete;
    BulkWrite& operator=(const BulkWrite&) = delete;

private:
    sql::Connection& m_db;
};

/// The import's readers are matched to the registered ones without regard to case ("reader a" reads
/// as "Reader A"); a name no registered reader matches is registered (an import is deliberate) and
/// listed in the summary.
void registerReader(ReaderRepository& readers, const std::string& name, ImportSummary& summary) {
    if (!readers.find(name))
        summary.newReaders.push_back(readers.add(name).name);
}

/// The repositories an import writes a history's parts through.
struct Writers {
    VisitRepository visits;
    FilmRepository films;
    ReaderRepository readers;
    TreatmentRepository treatments;
    CtScanRepository ctScans;
    ReadingSessionRepository sessions;
};

/// The film row ids of an import, per history and film; 0 for a film refused.
using FilmIds = std::vector<std::vector<std::int64_t>>;

/// Adds a history's visits, films (without their readings: addReadings), pelvic films, treatment episodes
/// and CT scans to the patient's record; the films' row ids go into filmIds.
void addParts(const core::PatientHistory& history, std::size_t h, std::int64_t patientId,
              bool warningsConfirmed, Writers& to, Refusals& refusals, ImportSummary& summary,
              std::vector<std::int64_t>& filmIds) {
    for (std::size_t v = 0; v < history.visits.size(); ++v)
        summary.visits += refusals.attempt(
            {h, v, {}, {}, {}, ""}, [&] { to.visits.add(patientId, history.visits[v], warningsConfirmed); });
    filmIds.assign(history.films.size(), 0);
    for (std::size_t f = 0; f < history.films.size(); ++f)
        summary.films += refusals.attempt(
            {h, {}, f, {}, {}, ""}, [&] { filmIds[f] = to.films.addFilm(patientId, history.films[f].date); });
    for (const core::PelvicFilmReading& pelvic : history.pelvicFilms)
        refusals.attempt({h, {}, {}, {}, {}, ""}, [&] {
            registerReader(to.readers, pelvic.reader, summary);
            to.films.addPelvicFilm(patientId, pelvic.reader, pelvic.film);
        });
    for (std::size_t t = 0; t < history.treatments.size(); ++t) {
        ImportPlace place{h, {}, {}, {}, t, ""};
        summary.treatments +=
            refusals.attempt(place, [&] { to.treatments.add(patientId, history.treatments[t]); });
    }
    for (std::size_t s = 0; s < history.ctScans.size(); ++s) {
        const core::CtScan& scan = history.ctScans[s];
        ImportPlace place{h, {}, {}, {}, {}, ""};
        place.ctScan = s;
        // A scan is written with its readings or not at all (CtScanRepository::addScan).
        const bool added = refusals.attempt(place, [&] {
            for (const core::CtssReading& reading : scan.readings)
                registerReader(to.readers, reading.reader, summary);
            to.ctScans.addScan(patientId, scan);
        });
        summary.ctScans += added;
        summary.ctReadings += added ? static_cast<int>(scan.readings.size()) : 0;
    }
}

/// Where a reading of the import is: its history, film and place in the film.
struct ReadingPlace {
    std::size_t history = 0;
    std::size_t film = 0;
    std::size_t reading = 0;

    ImportPlace place() const { return {history, {}, film, reading, {}, ""}; }
};

/// A reading session the import creates from its readings (docs/methods.md 11): the readings in the
/// order of the histories.
struct ImportedSession {
    std::string name;
    std::vector<ReadingPlace> readings;
    bool clash = false;  ///< the database has a session of that name: refused, nothing of it is written
};

/// The sessions the histories' readings name, in order of their first reading.
std::vector<ImportedSession> sessionsOf(const std::vector<core::PatientHistory>& histories) {
    std::vector<ImportedSession> sessions;
    for (std::size_t h = 0; h < histories.size(); ++h)
        for (std::size_t f = 0; f < histories[h].films.size(); ++f)
            for (std::size_t r = 0; r < histories[h].films[f].readings.size(); ++r) {
                const std::string& name = histories[h].films[f].readings[r].session;
                if (name.empty())
                    continue;
                auto found = std::find_if(sessions.begin(), sessions.end(),
                                          [&](const ImportedSession& s) { return s.name == name; });
                if (found == sessions.end())
                    found = sessions.insert(sessions.end(), ImportedSession{name, {}, false});
                found->readings.push_back({h, f, r});
            }
    return sessions;
}

/// A session name the database has already is a clash, refused at the session's first reading before
/// anything is written: the import creates each session of the file, it does not add to one.
void refuseStoredSessions(std::vector<ImportedSession>& sessions, ReadingSessionRepository& stored,
                          Refusals& refusals) {
    for (ImportedSession& session : sessions) {
        if (!stored.find(session.name))
            continue;
        session.clash = true;
        refusals.add(session.readings.front().place(),
                     {core::Severity::Error, "film session", session.name,
                      "a session this database does not have yet; the import creates it from the file's "
                      "readings"});
    }
}

/// The session as its readings describe it: the blinding of its first reading (the file's readings of
/// one session share it), its readers with their roles in order of first appearance (as registered),
/// the imported films that carry one of its readings, a new seed; nullopt when none of its films was
/// stored (a refusal, reported already).
std::optional<ReadingSession> definitionOf(const ImportedSession& imported,
                                           const std::vector<core::PatientHistory>& histories,
                                           const FilmIds& filmIds, Writers& to, ImportSummary& summary) {
    const auto readingAt = [&](const ReadingPlace& at) -> const core::Reading& {
        return histories[at.history].films[at.film].readings[at.reading];
    };
    const core::Reading& first = readingAt(imported.readings.front());
    ReadingSession session;
    session.name = imported.name;
    session.blinding.identityHidden = !first.identitySeen;
    session.blinding.chronology = !first.pairedByPatient  ? core::SessionChronology::Unknown
                                  : first.chronologyKnown ? core::SessionChronology::Known
                                                          : core::SessionChronology::PairedHidden;
    session.seed = core::newSessionSeed();
    for (const ReadingPlace& at : imported.readings) {
        const core::Reading& reading = readingAt(at);
        // Registered names match without regard to case: each reader is looked up once, not per reading.
        const bool seated =
            std::any_of(session.readers.begin(), session.readers.end(), [&](const SessionReader& r) {
                return core::foldCase(r.reader) == core::foldCase(core::trimmed(reading.reader));
            });
        if (!seated) {
            registerReader(to.readers, reading.reader, summary);
            session.readers.push_back({to.readers.require(reading.reader).name, reading.role});
        }
        if (const std::int64_t film = filmIds[at.history][at.film])
            session.films.push_back(film);
    }
    if (session.films.empty())
        return std::nullopt;
    return session;
}

/// Creates the sessions of the import (docs/methods.md 11) once its films are stored, through
/// ReadingSessionRepository::create (audited), each refusal at the session's first reading.
void createSessions(const std::vector<ImportedSession>& sessions,
                    const std::vector<core::PatientHistory>& histories, const FilmIds& filmIds, Writers& to,
                    Refusals& refusals, ImportSummary& summary) {
    for (const ImportedSession& imported : sessions) {
        if (imported.clash)
            continue;
        refusals.attempt(imported.readings.front().place(), [&] {
            if (const std::optional<ReadingSession> session =
                    definitionOf(imported, histories, filmIds, to, summary)) {
                to.sessions.create(*session);
                ++summary.sessions;
            }
        });
    }
}

/// Adds every reading of the histories' stored films, in the histories' order (a film's readings keep
/// the order they came in), each with its session when it names one.
void addReadings(const std::vector<core::PatientHistory>& histories, const FilmIds& filmIds,
                 const std::vector<ImportedSession>& sessions, Writers& to, Refusals& refusals,
                 ImportSummary& summary) {
    for (std::size_t h = 0; h < histories.size(); ++h)
        for (std::size_t f = 0; f < histories[h].films.size(); ++f) {
            if (filmIds[h][f] == 0)
                continue;  // refused, or the patient was
            const std::vector<core::Reading>& readings = histories[h].films[f].readings;
            for (std::size_t r = 0; r < readings.size(); ++r) {
                const bool clash = std::any_of(
                    sessions.begin(), sessions.end(),
                    [&](const ImportedSession& s) { return s.clash && s.name == readings[r].session; });
                if (clash)
                    continue;  // refused at the session
                summary.readings += refusals.attempt({h, {}, f, r, {}, ""}, [&] {
                    registerReader(to.readers, readings[r].reader, summary);
                    to.films.addReading(filmIds[h][f], readings[r]);
                });
            }
        }
}

}  // namespace

ImportSummary importHistories(Database& db, const std::vector<core::PatientHistory>& histories,
                              bool warningsConfirmed, const std::string& source,
                              const ImportPlaceName& placeName) {
    ImportSummary summary;
    PatientRepository patients(db);
    Writers writers{VisitRepository(db),     FilmRepository(db),   ReaderRepository(db),
                    TreatmentRepository(db), CtScanRepository(db), ReadingSessionRepository(db)};
    LargeWriteCache cache(sql::connectionOf(db));
    Transaction transaction(db);
    BulkWrite bulk(sql::connectionOf(db));  // after the transaction began: its own savepoint is kept
    SummaryBatch figures(db);  // each patient's list figures computed once, not after every visit
    Refusals refusals(histories, placeName);
    std::vector<ImportedSession> sessions = sessionsOf(histories);
    refuseStoredSessions(sessions, writers.sessions, refusals);
    FilmIds filmIds(histories.size());
    for (std::size_t h = 0; h < histories.size(); ++h) {
        const core::PatientHistory& history = histories[h];
        std::int64_t patientId = 0;
        if (const auto existing = patients.idOf(history.patient.clinicId)) {
            compareWithStored(patients.find(*existing)->patient, history.patient, h, refusals);
            patientId = *existing;
            ++summary.existingPatients;
        } else if (refusals.attempt({h, {}, {}, {}, {}, ""},
                                    [&] { patientId = patients.add(history.patient); })) {
            ++summary.newPatients;
        } else {
            continue;  // nothing of this patient can be checked further without the record
        }
        addParts(history, h, patientId, warningsConfirmed, writers, refusals, summary, filmIds[h]);
    }
    // A session's films must be stored before it is created, and the session before its readings.
    createSessions(sessions, histories, filmIds, writers, refusals, summary);
    addReadings(histories, filmIds, sessions, writers, refusals, summary);
    refusals.throwIfAny();
    appendAudit(db, db.user(),
                {"visit",
                 std::nullopt,
                 AuditAction::Import,
                 nullptr,
                 {{"source", source},
                  {"new_patients", summary.newPatients},
                  {"existing_patients", summary.existingPatients},
                  {"visits", summary.visits},
                  {"films", summary.films},
                  {"readings", summary.readings},
                  {"treatments", summary.treatments},
                  {"ct_scans", summary.ctScans},
                  {"ct_readings", summary.ctReadings},
                  {"reading_sessions", summary.sessions},
                  {"new_readers", summary.newReaders}},
                 ""});
    figures.flush();
    transaction.commit();
    return summary;
}

}  // namespace ankylos::storage
