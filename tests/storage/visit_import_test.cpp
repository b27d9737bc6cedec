// importHistories with reading sessions (issue 15, docs/methods.md 11, db/visit_csv.md), on both engines:
// the sessions the readings name are created from them in the import's transaction (blinding, readers
// with roles in order of first appearance, the films read, audited), the readings stored in their order
// with their session; a reader twice in one session and a session the database has already are refused,
// and then nothing is stored.
#include "storage/visit_import.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/format.h"
#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reading_session_repository.h"

namespace ankylos::storage {
namespace {

using core::Date;
using core::ReadingRole;
using core::SessionChronology;

/// A reading made in a session, as the visit CSV reader gives it: the session's name, the reader's role
/// and the session's blinding.
core::Reading sessionReading(const std::string& reader, const std::string& session, ReadingRole role,
                             core::SessionBlinding blinding, int shift) {
    core::Reading reading = test::fullReading(reader, shift);
    reading.readingDate = std::nullopt;
    reading.session = session;
    reading.role = role;
    reading.identitySeen = !blinding.identityHidden;
    reading.chronologyKnown = blinding.chronologyKnown();
    reading.pairedByPatient = blinding.pairedByPatient();
    return reading;
}

const core::SessionBlinding kS1{true, SessionChronology::PairedHidden};
const core::SessionBlinding kS2{false, SessionChronology::Known};
const core::SessionBlinding kS3{true, SessionChronology::Unknown};

/// Two patients with two films each. Dr. Li reads every film in the clinic and in S1; Dr. Wu in S1;
/// Dr. Ma adjudicates AS-2's later film in S1; "dr. li" reads AS-2's films in S2 and "Dr. Wu" AS-1's
/// first film in S3.
std::vector<core::PatientHistory> histories() {
    std::vector<core::PatientHistory> result;
    for (const char* id : {"AS-1", "AS-2"}) {
        core::PatientHistory history;
        history.patient = test::fullPatient(id);  // born 1985-03-14
        for (int year : {2020, 2022}) {
            core::Film film{Date(year, 4, 1), {}};
            film.readings.push_back(test::fullReading("Dr. Li", year));
            film.readings.push_back(sessionReading("Dr. Li", "S1", ReadingRole::Primary, kS1, year));
            film.readings.push_back(sessionReading("Dr. Wu", "S1", ReadingRole::Primary, kS1, year + 1));
            history.films.push_back(film);
        }
        result.push_back(history);
    }
    result[1].films[1].readings.push_back(sessionReading("Dr. Ma", "S1", ReadingRole::Adjudicator, kS1, 3));
    for (core::Film& film : result[1].films)
        film.readings.push_back(sessionReading("dr. li", "S2", ReadingRole::Primary, kS2, 2));
    result[0].films[0].readings.push_back(sessionReading("Dr. Wu", "S3", ReadingRole::Primary, kS3, 1));
    return result;
}

class VisitImport : public ::testing::TestWithParam<sql::Engine> {
protected:
    int rows(const std::string& table) {
        return test::rawInt(sql::connectionOf(m_db),
                            "SELECT count(*) FROM " + table);  // constants of this file
    }
    std::vector<std::int64_t> filmsOf(const std::string& clinicId) {
        const std::int64_t patient = *PatientRepository(m_db).idOf(clinicId);
        return {*m_films.filmId(patient, Date(2020, 4, 1)), *m_films.filmId(patient, Date(2022, 4, 1))};
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    FilmRepository m_films{m_db};
    ReadingSessionRepository m_sessions{m_db};
};

TEST_P(VisitImport, TheSessionsOfTheReadingsAreCreatedFromThem) {
    const ImportSummary summary = importHistories(m_db, histories(), true, "visits.csv");
    EXPECT_EQ(summary.sessions, 3);
    EXPECT_EQ(summary.films, 4);
    EXPECT_EQ(summary.readings, 4 * 3 + 1 + 2 + 1);
    EXPECT_EQ(summary.newReaders, (std::vector<std::string>{"Dr. Li", "Dr. Wu", "Dr. Ma"}));

    const std::vector<std::int64_t> as1 = filmsOf("AS-1");
    const std::vector<std::int64_t> as2 = filmsOf("AS-2");
    const ReadingSession s1 = m_sessions.require("S1");
    EXPECT_TRUE(s1.blinding.identityHidden);
    EXPECT_EQ(s1.blinding.chronology, SessionChronology::PairedHidden);
    EXPECT_EQ(s1.createdOn, localToday());
    EXPECT_EQ(s1.films, (std::vector<std::int64_t>{as1[0], as1[1], as2[0], as2[1]}));
    ASSERT_EQ(s1.readers.size(), 3u);
    EXPECT_EQ(s1.readersWithRole(ReadingRole::Primary), (std::vector<std::string>{"Dr. Li", "Dr. Wu"}));
    EXPECT_EQ(s1.readersWithRole(ReadingRole::Adjudicator), (std::vector<std::string>{"Dr. Ma"}));
    const ReadingSession s2 = m_sessions.require("S2");
    EXPECT_FALSE(s2.blinding.identityHidden);
    EXPECT_EQ(s2.blinding.chronology, SessionChronology::Known);
    EXPECT_EQ(s2.films, as2) << "only the films read in the session";
    EXPECT_EQ(s2.readersWithRole(ReadingRole::Primary), (std::vector<std::string>{"Dr. Li"}))
        << "the registered name";
    const ReadingSession s3 = m_sessions.require("S3");
    EXPECT_TRUE(s3.blinding.identityHidden);
    EXPECT_EQ(s3.blinding.chronology, SessionChronology::Unknown);
    EXPECT_EQ(s3.films, (std::vector<std::int64_t>{as1[0]}));
    EXPECT_NE(s1.seed, s2.seed) << "each session gets a seed of its own";

    // Each session's creation is audited, as the application's are.
    int audited = 0;
    for (const AuditRow& row : auditRowsFor(m_db, AuditAction::Insert))
        audited += row.table == "reading_session";
    EXPECT_EQ(audited, 3);

    // The readings come back in their order, each with its session, role and blinding.
    const std::vector<core::PatientHistory> imported = histories();
    for (std::size_t h = 0; h < imported.size(); ++h) {
        const auto stored =
            HistoryReader(m_db).load(*PatientRepository(m_db).idOf(imported[h].patient.clinicId));
        ASSERT_TRUE(stored);
        ASSERT_EQ(stored->films.size(), 2u);
        for (std::size_t f = 0; f < 2; ++f) {
            const std::vector<core::Reading>& expected = imported[h].films[f].readings;
            const std::vector<core::Reading>& actual = stored->films[f].readings;
            ASSERT_EQ(actual.size(), expected.size());
            for (std::size_t r = 0; r < expected.size(); ++r) {
                SCOPED_TRACE(imported[h].patient.clinicId + " film " + std::to_string(f) + " reading " +
                             std::to_string(r));
                EXPECT_EQ(core::foldCase(actual[r].reader), core::foldCase(expected[r].reader));
                EXPECT_EQ(actual[r].session, expected[r].session);
                EXPECT_EQ(actual[r].role, expected[r].role);
                EXPECT_EQ(actual[r].identitySeen, expected[r].identitySeen);
                EXPECT_EQ(actual[r].pairedByPatient, expected[r].pairedByPatient);
                EXPECT_EQ(actual[r].chronologyKnown, expected[r].chronologyKnown);
                EXPECT_TRUE(actual[r].sites == expected[r].sites);
            }
        }
    }
    // The session's readings are the ones its agreement reads.
    const std::vector<core::SessionPatient> patients = m_sessions.patients(s1);
    ASSERT_EQ(patients.size(), 2u);
    int readings = 0;
    for (const core::SessionPatient& patient : patients)
        for (const core::Film& film : patient.films)
            readings += static_cast<int>(film.readings.size());
    EXPECT_EQ(readings, 4 * 2 + 1);
}

TEST_P(VisitImport, AReaderTwiceInOneSessionIsRefusedAndNothingIsStored) {
    std::vector<core::PatientHistory> twice = histories();
    core::Film& film = twice[0].films[1];
    film.readings.push_back(sessionReading("DR. WU", "S1", ReadingRole::Primary, kS1, 0));
    try {
        importHistories(m_db, twice, true, "visits.csv");
        ADD_FAILURE() << "accepted";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << e.what();
        EXPECT_EQ(e.problems()[0].field, "patient AS-1 film 2022-04-01: reader");
        EXPECT_NE(std::string(e.what()).find("a reader who has not read this film in session S1 yet"),
                  std::string::npos)
            << e.what();
    }
    for (const char* table : {"patient", "film", "reading", "reading_session", "reader"})
        EXPECT_EQ(rows(table), 0) << table;
}

TEST_P(VisitImport, ASessionTheDatabaseHasIsAClashAndNothingIsStored) {
    // S2 exists: a session of the clinic's own, on a film of another patient.
    test::registerReaders(m_db, {"Dr. Zhou"});
    const std::int64_t other = PatientRepository(m_db).add(test::fullPatient("AS-9"));
    ReadingSession existing;
    existing.name = "S2";
    existing.seed = 7;
    existing.readers = {{"Dr. Zhou", ReadingRole::Primary}};
    existing.films = {m_films.addFilm(other, Date(2021, 1, 1))};
    m_sessions.create(existing);
    const int audit = rows("audit_log");

    std::vector<std::string> places;
    try {
        importHistories(m_db, histories(), true, "visits.csv", [&](const ImportPlace& place) {
            places.push_back(std::to_string(place.history) + ":" + std::to_string(place.film.value_or(99)) +
                             ":" + std::to_string(place.reading.value_or(99)) + ":" + place.field);
            return "visits.csv:" + place.field;
        });
        ADD_FAILURE() << "accepted";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << e.what();
        EXPECT_EQ(
            e.problems()[0].message(),
            "visits.csv:film session: S2 is not allowed (allowed: a session this database does not have "
            "yet; the import creates it from the file's readings)");
    }
    EXPECT_EQ(places, (std::vector<std::string>{"1:0:3:film session"})) << "S2's first reading";
    EXPECT_EQ(rows("patient"), 1);
    EXPECT_EQ(rows("film"), 1);
    EXPECT_EQ(rows("reading"), 0);
    EXPECT_EQ(rows("reading_session"), 1);
    EXPECT_EQ(rows("reader"), 1);
    EXPECT_EQ(rows("audit_log"), audit);
    EXPECT_EQ(m_sessions.require("S2").films, existing.films);
}

ANKYLOS_ON_BOTH_ENGINES(VisitImport);

}  // namespace
}  // namespace ankylos::storage
