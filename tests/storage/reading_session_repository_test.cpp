// ReadingSessionRepository (issue 15, docs/methods.md 11): sessions stored on both engines with their
// readers, roles, blinding and films; each reader's worklist in the session's order; readings made in a
// session record its blinding and the reader's role, once per reader and session; adjudicators get the
// discordant intervals' films; refused input names the field and writes nothing.
#include "storage/reading_session_repository.h"

#include <gtest/gtest.h>

#include <functional>

#include "core/progression.h"
#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"

namespace ankylos::storage {
namespace {

using core::Date;
using core::ReadingRole;

/// mSASSS `total` (0-24) as grade-1 sites.
core::Reading onesReading(const std::string& reader, int total, const std::string& session) {
    core::Reading reading;
    reading.reader = reader;
    reading.session = session;
    for (core::Site site : core::allSites())
        reading.at(site) = core::SiteScore::graded(site, core::siteIndex(site) < total ? 1 : 0);
    return reading;
}

class ReadingSessions : public ::testing::TestWithParam<sql::Engine> {
protected:
    ReadingSessions() {
        test::registerReaders(m_db, {"Dr. Chen", "Dr. Rossi", "Dr. Adjudicator"});
        for (const char* id : {"AS-1", "AS-2"}) {
            core::Patient patient = test::fullPatient();  // born 1985-03-14
            patient.clinicId = id;
            const std::int64_t row = PatientRepository(m_db).add(patient);
            for (int year : {2020, 2022})
                m_films.push_back(m_filmRepository.addFilm(row, Date(year, 4, 1)));
        }
    }
    ReadingSession definition(core::SessionChronology chronology = core::SessionChronology::PairedHidden) {
        ReadingSession session;
        session.name = "S1";
        session.blinding = {true, chronology};
        session.seed = 42;
        session.readers = {{"dr. chen", ReadingRole::Primary}, {"Dr. Rossi", ReadingRole::Primary}};
        session.films = m_films;
        return session;
    }
    int rows(const std::string& table) {
        return test::rawInt(sql::connectionOf(m_db),
                            "SELECT count(*) FROM " + table);  // a constant of this file
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    FilmRepository m_filmRepository{m_db};
    ReadingSessionRepository m_sessions{m_db};
    std::vector<std::int64_t> m_films;  // AS-1 2020, AS-1 2022, AS-2 2020, AS-2 2022
};

TEST_P(ReadingSessions, ASessionComesBackAsCreatedAndIsAudited) {
    const std::int64_t id = m_sessions.create(definition());
    const ReadingSession stored = m_sessions.require("S1");
    EXPECT_EQ(stored.id, id);
    EXPECT_TRUE(stored.blinding.identityHidden);
    EXPECT_EQ(stored.blinding.chronology, core::SessionChronology::PairedHidden);
    EXPECT_EQ(stored.seed, 42u);
    ASSERT_EQ(stored.readers.size(), 2u);
    EXPECT_EQ(stored.readers[0].reader, "Dr. Chen") << "stored under the registered name";
    EXPECT_EQ(stored.films, m_films);
    EXPECT_EQ(stored.createdOn, localToday());
    const auto audit = auditRowsFor(m_db, AuditAction::Insert);
    EXPECT_EQ(audit.back().table, "reading_session");
    // A seed above 2^63 survives the signed column of both engines.
    ReadingSession big = definition();
    big.name = "S2";
    big.seed = 18446744073709551557ull;
    m_sessions.create(big);
    EXPECT_EQ(m_sessions.require("S2").seed, 18446744073709551557ull);
    EXPECT_EQ(m_sessions.list().size(), 2u);
}

TEST_P(ReadingSessions, BadDefinitionsAreRefusedNamingTheFieldAndWriteNothing) {
    m_sessions.create(definition());
    struct Case {
        const char* what;
        std::function<void(ReadingSession&)> spoil;
        const char* named;
    };
    const std::vector<Case> cases = {
        {"a taken name", [](ReadingSession&) {}, "a name no other session has"},
        {"an empty name", [](ReadingSession& s) { s.name = " "; }, "session name"},
        {"no primary reader",
         [](ReadingSession& s) {
             s.readers = {{"Dr. Chen", ReadingRole::Adjudicator}};
         },
         "at least one primary reader"},
        {"an unregistered reader",
         [](ReadingSession& s) {
             s.readers.push_back({"Dr. Nobody", ReadingRole::Primary});
         },
         "Dr. Nobody"},
        {"a reader twice",
         [](ReadingSession& s) {
             s.readers.push_back({"DR. CHEN", ReadingRole::Adjudicator});
         },
         "each reader once"},
        {"no film", [](ReadingSession& s) { s.films.clear(); }, "at least one film"},
        {"a film that does not exist", [](ReadingSession& s) { s.films.push_back(987654); }, "987654"},
    };
    const int sessions = rows("reading_session");
    const int audit = rows("audit_log");
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        ReadingSession session = definition();
        c.spoil(session);
        if (std::string(c.what) != "a taken name")
            session.name = session.name == " " ? " " : "S9";
        try {
            m_sessions.create(session);
            ADD_FAILURE() << "accepted";
        } catch (const core::ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find(c.named), std::string::npos) << e.what();
        }
        EXPECT_EQ(rows("reading_session"), sessions);
        EXPECT_EQ(rows("reading_session_reader"), 2);
        EXPECT_EQ(rows("reading_session_film"), 4);
        EXPECT_EQ(rows("audit_log"), audit);
    }
    try {
        m_sessions.require("S7");
        ADD_FAILURE() << "an unknown session was found";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("S1"), std::string::npos)
            << "names the sessions there are: " << e.what();
    }
}

TEST_P(ReadingSessions, WorklistsFollowTheSessionsOrderAndShowProgress) {
    m_sessions.create(definition(core::SessionChronology::Known));
    const ReadingSession session = m_sessions.require("S1");
    auto list = m_sessions.worklist(session, "Dr. Rossi", {});
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(list[0].code, "S1-001");
    EXPECT_EQ(list[3].code, "S1-004");
    // Known order: patient by patient, oldest film first.
    EXPECT_EQ(list[0].clinicId, "AS-1");
    EXPECT_EQ(list[0].filmDate, Date(2020, 4, 1));
    EXPECT_EQ(list[1].filmDate, Date(2022, 4, 1));
    EXPECT_FALSE(list[0].readingId);

    const std::int64_t reading =
        m_filmRepository.addReading(list[0].filmId, onesReading("Dr. Rossi", 3, "S1"));
    list = m_sessions.worklist(session, "dr. rossi", {});
    EXPECT_EQ(list[0].readingId, reading);
    EXPECT_FALSE(m_sessions.worklist(session, "Dr. Chen", {})[0].readingId) << "another reader's progress";
    EXPECT_THROW(m_sessions.worklist(session, "Dr. Adjudicator", {}), core::ValidationError);

    // Paired with the order hidden, the same seed gives the same order, patients kept together.
    ReadingSession paired = definition(core::SessionChronology::PairedHidden);
    paired.name = "S2";
    m_sessions.create(paired);
    const auto first = m_sessions.worklist(m_sessions.require("S2"), "Dr. Chen", {});
    const auto again = m_sessions.worklist(m_sessions.require("S2"), "Dr. Rossi", {});
    for (std::size_t i = 0; i < first.size(); ++i)
        EXPECT_EQ(first[i].filmId, again[i].filmId);
    EXPECT_EQ(first[0].clinicId, first[1].clinicId);
    EXPECT_EQ(first[2].clinicId, first[3].clinicId);
}

TEST_P(ReadingSessions, ASessionsReadingRecordsItsBlindingOncePerReaderAndSession) {
    m_sessions.create(definition());
    m_filmRepository.addReading(m_films[0], onesReading("Dr. Chen", 2, ""));  // the clinic's reading
    core::Reading claimed = onesReading("Dr. Chen", 4, "S1");
    claimed.role = ReadingRole::Consensus;  // the session decides, not the caller
    claimed.chronologyKnown = true;
    const std::int64_t id = m_filmRepository.addReading(m_films[0], claimed);
    const core::Reading stored = m_filmRepository.reading(id);
    EXPECT_EQ(stored.session, "S1");
    EXPECT_EQ(stored.role, ReadingRole::Primary);
    EXPECT_FALSE(stored.identitySeen);
    EXPECT_FALSE(stored.chronologyKnown);
    EXPECT_TRUE(stored.pairedByPatient);
    // The history carries both readings of the film, each with how it was made.
    const auto films = HistoryReader(m_db).load(PatientRepository(m_db).idOf("AS-1").value())->films;
    ASSERT_EQ(films[0].readings.size(), 2u);
    EXPECT_TRUE(films[0].readings[0].session.empty());
    EXPECT_EQ(films[0].readings[1].session, "S1");

    const int readings = rows("reading");
    try {
        m_filmRepository.addReading(m_films[0], onesReading("Dr. Chen", 5, "S1"));
        ADD_FAILURE() << "a second reading in the session was accepted";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("in session S1"), std::string::npos) << e.what();
    }
    EXPECT_THROW(m_filmRepository.addReading(m_films[0], onesReading("Dr. Adjudicator", 5, "S1")),
                 core::ValidationError)
        << "not one of the session's readers";
    EXPECT_THROW(m_filmRepository.addReading(m_films[0], onesReading("Dr. Chen", 5, "S7")),
                 core::ValidationError);
    EXPECT_EQ(rows("reading"), readings);
    // A correction keeps how the reading was made.
    m_filmRepository.updateReading(id, onesReading("Dr. Chen", 6, ""), "typo");
    EXPECT_EQ(m_filmRepository.reading(id).session, "S1");
    EXPECT_FALSE(m_filmRepository.reading(id).identitySeen);
    EXPECT_TRUE(verifyRecords(m_db).empty());
}

TEST_P(ReadingSessions, AnAdjudicatorGetsTheDiscordantIntervalsFilms) {
    m_sessions.create(definition());
    // AS-1: Chen sees 4 -> 8 (progression), Rossi 4 -> 5: discordant. AS-2: both 2 -> 2.
    const int totals[2][4] = {{4, 8, 2, 2}, {4, 5, 2, 2}};
    const char* readers[2] = {"Dr. Chen", "Dr. Rossi"};
    for (int r = 0; r < 2; ++r)
        for (int f = 0; f < 4; ++f)
            m_filmRepository.addReading(m_films[f], onesReading(readers[r], totals[r][f], "S1"));
    m_sessions.addReader("S1", "dr. adjudicator", ReadingRole::Adjudicator);
    EXPECT_THROW(m_sessions.addReader("S1", "Dr. Chen", ReadingRole::Adjudicator), core::ValidationError);
    const ReadingSession session = m_sessions.require("S1");
    const auto list = m_sessions.worklist(session, "Dr. Adjudicator", {});
    ASSERT_EQ(list.size(), 2u);
    for (const WorklistItem& item : list)
        EXPECT_EQ(item.clinicId, "AS-1");

    const auto patients = m_sessions.patients(session);
    ASSERT_EQ(patients.size(), 2u);
    const core::SessionAgreement before =
        core::assessSessionAgreement(patients, session.readersWithRole(ReadingRole::Primary), {});
    EXPECT_EQ(before.status.subjects, 4);
    ASSERT_EQ(before.intervals.size(), 2u);
    int awaiting = 0;
    for (const auto& interval : before.intervals)
        awaiting += interval.awaitingAdjudication();
    EXPECT_EQ(awaiting, 1);

    for (const WorklistItem& item : list)
        m_filmRepository.addReading(item.filmId, onesReading("Dr. Adjudicator", 5, "S1"));
    const auto after = core::assessSessionAgreement(m_sessions.patients(session),
                                                    session.readersWithRole(ReadingRole::Primary), {});
    for (const auto& interval : after.intervals)
        EXPECT_FALSE(interval.awaitingAdjudication());
    // The adjudicator's readings carry the role; the patient's interval is now scored from them alone.
    const auto history = HistoryReader(m_db).load(PatientRepository(m_db).idOf("AS-1").value());
    const core::ProgressionResult pair = core::assessProgression(history->films[0], history->films[1], {});
    EXPECT_TRUE(pair.adjudicated);
    EXPECT_DOUBLE_EQ(*pair.change, 0.0);
    EXPECT_EQ(m_sessions.worklist(session, "Dr. Adjudicator", {}).size(), 2u) << "done work stays listed";
}

ANKYLOS_ON_BOTH_ENGINES(ReadingSessions);

}  // namespace
}  // namespace ankylos::storage
