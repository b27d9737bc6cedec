#include "storage/visit_import.h"

#include "storage/audit.h"
#include "storage/film_repository.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/reader_repository.h"
#include "storage/transaction.h"
#include "storage/visit_repository.h"

namespace ankylos::storage {

namespace {

/// Re-throws a refusal with the patient (and date) it concerns, so a long import says where.
template <typename Action>
auto about(const std::string& where, Action action) {
    try {
        return action();
    } catch (const core::ValidationError& e) {
        std::vector<core::Problem> problems = e.problems();
        for (core::Problem& problem : problems)
            problem.field = where + ": " + problem.field;
        throw core::ValidationError(problems);
    }
}

/// While alive, lets the page cache hold a large import's whole transaction (up to 1 GiB, only
/// as much as it needs): past the usual 32 MiB, SQLite spills dirty pages to the WAL and a
/// 6,000-patient import took four times as long. Reads keep the small cache.
class LargeWriteCache {
public:
    explicit LargeWriteCache(SQLite::Database& db) : m_db(db) { m_db.exec("PRAGMA cache_size = -1048576"); }
    ~LargeWriteCache() {
        try {
            m_db.exec("PRAGMA cache_size = -32768");
        } catch (const SQLite::Exception&) {
            // Only the cache's size is left larger; no data is affected.
        }
    }

private:
    SQLite::Database& m_db;
};

/// The import's readers are matched to the registered ones without regard to case ("reader a" reads
/// as "Reader A"); a name no registered reader matches is registered (an import is deliberate) and
/// listed in the summary.
void registerReader(ReaderRepository& readers, const std::string& name, ImportSummary& summary) {
    if (!readers.find(name))
        summary.newReaders.push_back(readers.add(name).name);
}

}  // namespace

ImportSummary importHistories(Database& db, const std::vector<core::PatientHistory>& histories,
                              bool warningsConfirmed, const std::string& source) {
    ImportSummary summary;
    PatientRepository patients(db);
    VisitRepository visits(db);
    FilmRepository films(db);
    ReaderRepository readers(db);
    LargeWriteCache cache(db.sql());
    Transaction transaction(db);
    SummaryBatch figures(db);  // each patient's list figures computed once, not after every visit
    for (const core::PatientHistory& history : histories) {
        const std::string who = "patient " + history.patient.clinicId;
        std::int64_t patientId = 0;
        if (const auto existing = patients.idOf(history.patient.clinicId)) {
            if (toJson(patients.find(*existing)->patient) != toJson(history.patient))
                throw core::ValidationError(
                    who, "different patient details",
                    "the same name, sex, dates and notes as the patient already stored");
            patientId = *existing;
            ++summary.existingPatients;
        } else {
            patientId = about(who, [&] { return patients.add(history.patient); });
            ++summary.newPatients;
        }
        for (const core::Visit& visit : history.visits) {
            about(who + " visit " + core::toIsoString(visit.date),
                  [&] { return visits.add(patientId, visit, warningsConfirmed); });
            ++summary.visits;
        }
        for (const core::Film& film : history.films) {
            const std::string where = who + " film " + core::toIsoString(film.date);
            const std::int64_t filmId = about(where, [&] { return films.addFilm(patientId, film.date); });
            ++summary.films;
            for (const core::Reading& reading : film.readings) {
                about(where, [&] {
                    registerReader(readers, reading.reader, summary);
                    return films.addReading(filmId, reading);
                });
                ++summary.readings;
            }
        }
        for (const core::PelvicFilmReading& pelvic : history.pelvicFilms)
            about(who, [&] {
                registerReader(readers, pelvic.reader, summary);
                return films.addPelvicFilm(patientId, pelvic.reader, pelvic.film);
            });
    }
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
                  {"new_readers", summary.newReaders}},
                 ""});
    figures.flush();
    transaction.commit();
    return summary;
}

}  // namespace ankylos::storage
