// Repositories and the history reader (issue 3, sections 1 and 4): every entity saved and loaded
// back field by field, changes and deletions, validation, transactions, CHECK constraints, search.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/ct_scan_repository.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using core::Site;

const std::vector<std::string> kTables = {"patient", "visit",        "bmd",        "lab_result",
                                          "film",    "reading",      "site_score", "sacroiliitis",
                                          "reader",  "confirmation", "dxa_device", "audit_log"};

class Repositories : public ::testing::TestWithParam<sql::Engine> {
protected:
    // Readings are saved for registered readers only.
    Repositories() { test::registerReaders(m_db, {"Dr. Chen", "Dr. Rossi", "陈医生 Dr. Chen", "R"}); }
    int rows(const std::string& table, const std::string& where = "") {
        // Test code: table and condition are constants of this file.
        return test::rawInt(sql::connectionOf(m_db),
                            "SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
    }
    /// Row counts of every table: what "nothing was written" compares.
    std::map<std::string, int> snapshot() {
        std::map<std::string, int> counts;
        for (const std::string& table : kTables)
            counts[table] = rows(table);
        return counts;
    }
    core::PatientHistory history(std::int64_t patientId) {
        auto loaded = m_reader.load(patientId);
        if (!loaded)
            throw std::runtime_error("no patient " + std::to_string(patientId));
        return *loaded;
    }

    test::TempDir m_dir;
    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    PatientRepository m_patients{m_db};
    VisitRepository m_visits{m_db};
    FilmRepository m_films{m_db};
    HistoryReader m_reader{m_db};
};

/// A second, sparser visit: some items missing, no DXA, one lab.
core::Visit sparseVisit(Date date) {
    core::Visit v;
    v.date = date;
    v.basdai.q1 = 2;
    v.basdai.q6 = 0;
    v.basfi.items[9] = 10;
    v.basmi.modifiedSchoberCm = 4.4;
    v.labs = {test::lab(core::Analyte::Esr, 12, "mm/h", date)};
    return v;
}

// --- Round trip -------------------------------------------------------------------------------

TEST_P(Repositories, EveryEntityRoundTrips) {
    const auto man = m_patients.add(test::fullPatient());
    const auto woman = m_patients.add(test::minimalWoman());

    // Added out of date order: the history comes back in date order.
    m_visits.add(man, sparseVisit(Date(2022, 6, 1)));
    const auto firstVisit = m_visits.add(man, test::fullVisit(Date(2020, 5, 4)));
    core::Visit womansVisit = sparseVisit(Date(2021, 1, 15));
    womansVisit.postmenopausal = false;
    m_visits.add(woman, womansVisit);

    const core::Reading chen = test::fullReading("陈医生 Dr. Chen", 0);
    core::Reading rossi = test::fullReading("Dr. Rossi", 1);
    rossi.readingDate = std::nullopt;
    const auto laterFilm = m_films.addFilm(man, Date(2022, 7, 15));
    const auto firstFilm = m_films.addFilm(man, Date(2020, 5, 4));
    m_films.addFilm(man, Date(2023, 1, 10));  // not read yet
    m_films.addReading(firstFilm, chen);
    m_films.addReading(firstFilm, rossi);
    m_films.addReading(laterFilm, test::fullReading("Dr. Rossi", 2));

    m_films.addPelvicFilm(man, "陈医生 Dr. Chen", {Date(2019, 1, 1), 2, 3});
    m_films.addPelvicFilm(man, "Dr. Rossi", {Date(2019, 1, 1), 1, 3});
    m_films.addPelvicFilm(woman, "Dr. Rossi", {Date(2021, 1, 15), 0, 4});

    const core::PatientHistory h = history(man);
    test::expectSame(test::fullPatient(), h.patient);
    ASSERT_EQ(h.visits.size(), 2u);
    test::expectSame(test::fullVisit(Date(2020, 5, 4)), h.visits[0]);
    test::expectSame(sparseVisit(Date(2022, 6, 1)), h.visits[1]);

    ASSERT_EQ(h.films.size(), 3u);
    EXPECT_EQ(h.films[0].date, Date(2020, 5, 4));
    ASSERT_EQ(h.films[0].readings.size(), 2u);
    test::expectSame(chen, h.films[0].readings[0]);
    test::expectSame(rossi, h.films[0].readings[1]);
    EXPECT_EQ(h.films[1].date, Date(2022, 7, 15));
    ASSERT_EQ(h.films[1].readings.size(), 1u);
    test::expectSame(test::fullReading("Dr. Rossi", 2), h.films[1].readings[0]);
    EXPECT_EQ(h.films[2].date, Date(2023, 1, 10));
    EXPECT_TRUE(h.films[2].readings.empty());

    ASSERT_EQ(h.pelvicFilms.size(), 2u);
    EXPECT_EQ(h.pelvicFilms[0].reader, "陈医生 Dr. Chen");
    EXPECT_EQ(h.pelvicFilms[0].film.date, Date(2019, 1, 1));
    EXPECT_EQ(h.pelvicFilms[0].film.left, 2);
    EXPECT_EQ(h.pelvicFilms[0].film.right, 3);
    EXPECT_EQ(h.pelvicFilms[1].reader, "Dr. Rossi");
    EXPECT_EQ(h.pelvicFilms[1].film.left, 1);
    EXPECT_EQ(h.pelvicFilms[1].film.right, 3);

    // A film is linked to the visit of its date, and only then.
    EXPECT_EQ(rows("film", "visit_id = " + std::to_string(firstVisit) + " AND film_date = '2020-05-04'"), 1);
    EXPECT_EQ(rows("film", "visit_id IS NULL"), 2);
    EXPECT_EQ(rows("reader"), 4);  // the registered readers: a reading never adds one

    const core::PatientHistory w = history(woman);
    test::expectSame(test::minimalWoman(), w.patient);
    ASSERT_EQ(w.visits.size(), 1u);
    test::expectSame(womansVisit, w.visits[0]);
    EXPECT_TRUE(w.films.empty());
    ASSERT_EQ(w.pelvicFilms.size(), 1u);
    EXPECT_EQ(w.pelvicFilms[0].film.right, 4);

    EXPECT_FALSE(m_reader.load(woman + 100));
    const auto stored = m_patients.find(man);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->createdAt.size(), 20u) << stored->createdAt;  // 2026-11-22T21:59:58Z
    EXPECT_EQ(stored->createdAt, stored->updatedAt);
}

TEST_P(Repositories, GreekMuIsAcceptedLikeTheMicroSign) {
    // docs/methods.md 6: µ may be typed as the micro sign or the Greek small mu.
    const auto id = m_patients.add(test::fullPatient());
    core::Visit visit = sparseVisit(Date(2021, 3, 3));
    visit.labs.push_back(test::lab(core::Analyte::Mmp3, 77, "\u03bcg/L", Date(2021, 3, 3)));
    ASSERT_TRUE(core::validateVisit(test::fullPatient(), visit, localToday()).ok());
    m_visits.add(id, visit);
    const auto loaded = history(id).visits.at(0).labs;
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[1].value, 77);
    // Stored in the one spelling the schema's CHECK knows; the same unit to every reader.
    EXPECT_EQ(loaded[1].unit, "\u00b5g/L");
    EXPECT_EQ(core::canonicalValue(loaded[1]), 77);
}

TEST_P(Repositories, ForEachVisitsEveryPatientInInsertionOrder) {
    std::vector<std::int64_t> ids;
    for (const char* clinicId : {"Z9", "A1", "M5", "B2"}) {
        ids.push_back(m_patients.add(test::fullPatient(clinicId, std::string("Name ") + clinicId)));
        m_visits.add(ids.back(), sparseVisit(Date(2020, 1, 1)));
    }
    m_patients.remove(ids[2], "registered twice");
    std::vector<std::int64_t> seen;
    std::vector<std::string> clinicIds;
    m_reader.forEach([&](std::int64_t id, const core::PatientHistory& h) {
        seen.push_back(id);
        clinicIds.push_back(h.patient.clinicId);
        EXPECT_EQ(h.visits.size(), 1u);
    });
    EXPECT_EQ(seen, (std::vector<std::int64_t>{ids[0], ids[1], ids[3]}));
    EXPECT_EQ(clinicIds, (std::vector<std::string>{"Z9", "A1", "B2"}));
    const auto added = m_patients.add(test::fullPatient("A0", "Added last"));
    seen.clear();
    m_reader.forEach([&](std::int64_t id, const core::PatientHistory&) { seen.push_back(id); });
    EXPECT_EQ(seen.back(), added);
}

TEST_P(Repositories, FirstAndLastVisitsReadsTheEndsOfEveryRecordWithTheirLabsAndEveryFilm) {
    const auto three = m_patients.add(test::fullPatient("P3", "Three visits"));
    for (int year : {2021, 2019, 2020})  // added out of date order
        m_visits.add(three, test::fullVisit(Date(year, 3, 1)));
    for (int year : {2019, 2020, 2021})
        m_films.addReading(m_films.addFilm(three, Date(year, 3, 1)), test::fullReading("R", year));
    const auto one = m_patients.add(test::fullPatient("P1", "One visit"));
    m_visits.add(one, sparseVisit(Date(2022, 6, 1)));
    const auto none = m_patients.add(test::fullPatient("P0", "No visit"));

    std::map<std::int64_t, core::PatientHistory> read;
    HistoryReader(m_db, HistoryParts::FirstAndLastVisits)
        .forEach([&](std::int64_t id, const core::PatientHistory& h) { read[id] = h; });
    ASSERT_EQ(read.size(), 3u);
    const core::PatientHistory full = history(three);
    ASSERT_EQ(full.visits.size(), 3u);
    ASSERT_EQ(read[three].visits.size(), 2u);
    test::expectSame(full.visits.front(), read[three].visits.front());  // with its BMD and labs
    test::expectSame(full.visits.back(), read[three].visits.back());
    EXPECT_EQ(read[three].visits.back().date, Date(2021, 3, 1));
    ASSERT_EQ(read[three].films.size(), 3u);
    for (std::size_t i = 0; i < full.films.size(); ++i) {
        EXPECT_EQ(read[three].films[i].date, full.films[i].date);
        EXPECT_EQ(read[three].films[i].readings.size(), full.films[i].readings.size());
    }
    ASSERT_EQ(read[one].visits.size(), 1u);  // first and last at once: read once
    test::expectSame(sparseVisit(Date(2022, 6, 1)), read[one].visits.front());
    EXPECT_TRUE(read[none].visits.empty());
}

int countStatements(Database& db, const std::function<void()>& work) {
    const std::uint64_t before = sql::connectionOf(db).statementsRun();
    work();
    return static_cast<int>(sql::connectionOf(db).statementsRun() - before);
}

TEST_P(Repositories, HistoryQueriesDoNotGrowWithTheData) {
    const auto first = m_patients.add(test::fullPatient("P1", "One"));
    m_visits.add(first, sparseVisit(Date(2020, 1, 1)));
    const int small =
        countStatements(m_db, [&] { m_reader.forEach([](std::int64_t, const core::PatientHistory&) {}); });
    const int smallLoad = countStatements(m_db, [&] { m_reader.load(first); });

    for (int i = 0; i < 20; ++i) {
        const auto id = m_patients.add(test::fullPatient("Q" + std::to_string(i), "Many"));
        for (int year = 2015; year < 2019; ++year) {
            m_visits.add(id, test::fullVisit(Date(year, 3, 1)));
            m_films.addReading(m_films.addFilm(id, Date(year, 3, 1)), test::fullReading("R", year));
            if (year % 2 == 0)  // low-dose CT every two years, read once
                CtScanRepository(m_db).addScan(
                    id, test::ctScan(Date(year, 3, 2), {test::fullCtssReading("R", year)}));
        }
    }
    int patients = 0;
    const int large = countStatements(m_db, [&] {
        m_reader.forEach([&](std::int64_t, const core::PatientHistory& h) {
            ++patients;
            EXPECT_EQ(h.films.size(), h.patient.clinicId == "P1" ? 0u : 4u);
            EXPECT_EQ(h.ctScans.size(), h.patient.clinicId == "P1" ? 0u : 2u);
        });
    });
    EXPECT_EQ(patients, 21);
    EXPECT_EQ(large, small);
    EXPECT_EQ(countStatements(m_db, [&] { m_reader.load(*m_patients.idOf("Q7")); }),
              smallLoad + 1);  // + idOf
    EXPECT_LE(smallLoad, 10);
}

// --- Changes and deletions ----------------------------------------------------------------------

TEST_P(Repositories, PatientUpdate) {
    const auto id = m_patients.add(test::fullPatient());
    const auto before = *m_patients.find(id);
    core::Patient changed = test::fullPatient("AS-0001-B", "王伟伟");
    changed.sex = core::Sex::Female;
    changed.hlaB27 = core::HlaB27::Negative;
    changed.symptomOnset = std::nullopt;
    changed.diagnosis = Date(2011, 1, 1);
    changed.smoking = core::SmokingStatus::Current;
    changed.notes = "";
    m_patients.update(id, changed, "corrected from the paper chart");
    const auto after = m_patients.find(id);
    ASSERT_TRUE(after);
    test::expectSame(changed, after->patient);
    EXPECT_EQ(after->createdAt, before.createdAt);
    EXPECT_EQ(m_patients.count(), 1);
    EXPECT_FALSE(m_patients.idOf("AS-0001"));
    EXPECT_EQ(m_patients.idOf("AS-0001-B"), id);
    // Keeping one's own clinic ID is not a duplicate.
    m_patients.update(id, changed, "no change");
    EXPECT_THROW(m_patients.update(id + 1, changed, "no such patient"), StorageError);
}

TEST_P(Repositories, VisitUpdateReplacesItsDetails) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visitId = m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    const auto otherVisit = m_visits.add(id, test::fullVisit(Date(2021, 5, 4)));
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));

    core::Visit changed = sparseVisit(Date(2020, 5, 5));
    changed.basdai = {1, 2, 3, 4, 5, 6};
    changed.patientGlobal = 0;
    changed.notes = "date corrected";
    m_visits.update(visitId, changed, "wrong date and scores typed");

    const auto h = history(id);
    ASSERT_EQ(h.visits.size(), 2u);
    test::expectSame(changed, h.visits[0]);
    test::expectSame(test::fullVisit(Date(2021, 5, 4)), h.visits[1]);  // the other visit untouched
    EXPECT_EQ(m_visits.idOf(id, Date(2020, 5, 5)), visitId);           // changed in place
    EXPECT_FALSE(m_visits.idOf(id, Date(2020, 5, 4)));
    EXPECT_EQ(rows("bmd", "visit_id = " + std::to_string(visitId)), 0);
    EXPECT_EQ(rows("lab_result", "visit_id = " + std::to_string(visitId)), 1);
    EXPECT_EQ(rows("bmd", "visit_id = " + std::to_string(otherVisit)), 4);
    EXPECT_EQ(rows("film", "id = " + std::to_string(film) + " AND visit_id = " + std::to_string(visitId)), 1);
}

TEST_P(Repositories, ReadingUpdate) {
    const auto id = m_patients.add(test::fullPatient());
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto chen = m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    m_films.addReading(film, test::fullReading("Dr. Rossi", 1));

    core::Reading changed = test::fullReading("Dr. Chen", 3);
    changed.readingDate = Date(2024, 5, 5);
    changed.at(Site::C2_inf) = core::SiteScore::graded(Site::C2_inf, 3);
    changed.at(Site::T1_sup) = core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
    changed.at(Site::L5_inf) = std::nullopt;
    m_films.updateReading(chen, changed, "re-read with better contrast");

    const auto h = history(id);
    ASSERT_EQ(h.films.size(), 1u);
    ASSERT_EQ(h.films[0].readings.size(), 2u);
    test::expectSame(changed, h.films[0].readings[0]);
    test::expectSame(test::fullReading("Dr. Rossi", 1), h.films[0].readings[1]);
    EXPECT_EQ(rows("site_score", "reading_id = " + std::to_string(chen)), 22);
}

TEST_P(Repositories, FilmAndVisitRemoval) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visitId = m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto kept = m_films.addFilm(id, Date(2021, 5, 4));
    m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    m_films.addReading(film, test::fullReading("Dr. Rossi", 1));
    m_films.addReading(kept, test::fullReading("Dr. Rossi", 1));

    m_films.removeFilm(film, "wrong patient's radiograph");
    auto h = history(id);
    ASSERT_EQ(h.films.size(), 1u);
    EXPECT_EQ(h.films[0].date, Date(2021, 5, 4));
    EXPECT_EQ(rows("reading"), 1);
    EXPECT_EQ(rows("site_score"), 22);
    EXPECT_FALSE(m_films.filmId(id, Date(2020, 5, 4)));
    EXPECT_THROW(m_films.removeFilm(film, "again"), StorageError);

    m_visits.remove(visitId, "entered for the wrong patient");
    h = history(id);
    EXPECT_TRUE(h.visits.empty());
    EXPECT_EQ(rows("bmd"), 0);
    EXPECT_EQ(rows("lab_result"), 0);
    EXPECT_EQ(rows("dxa_device"), 2);  // devices are reference data, kept
}

TEST_P(Repositories, PatientRemovalCascades) {
    const auto gone = m_patients.add(test::fullPatient());
    const auto kept = m_patients.add(test::minimalWoman());
    for (const auto id : {gone, kept}) {
        m_visits.add(id, test::fullVisit(Date(2022, 5, 4)));
        core::Visit high = sparseVisit(Date(2023, 1, 1));
        high.labs.push_back(test::lab(core::Analyte::Crp, 250, "mg/L", Date(2023, 1, 1)));
        m_visits.add(id, high, true);
        const auto film = m_films.addFilm(id, Date(2022, 5, 4));
        m_films.addReading(film, test::fullReading("Dr. Chen", 0));
        m_films.addReading(film, test::fullReading("Dr. Rossi", 1));
        m_films.addPelvicFilm(id, "Dr. Chen", {Date(2022, 5, 4), 2, 2});
    }
    const auto before = snapshot();
    m_patients.remove(gone, "withdrew consent");
    EXPECT_FALSE(m_patients.find(gone));
    EXPECT_FALSE(m_reader.load(gone));
    EXPECT_EQ(m_patients.count(), 1);
    // Everything of the deleted patient went, and nothing of the other.
    for (const char* table :
         {"visit", "bmd", "lab_result", "film", "reading", "site_score", "sacroiliitis", "confirmation"})
        EXPECT_EQ(rows(table), before.at(table) / 2) << table;
    EXPECT_EQ(rows("audit_log"), before.at("audit_log") + 1);
    const auto h = history(kept);
    EXPECT_EQ(h.visits.size(), 2u);
    EXPECT_EQ(h.films.at(0).readings.size(), 2u);
    EXPECT_THROW(m_patients.remove(gone, "again"), StorageError);
}

// --- Validation and transactions ------------------------------------------------------------------

TEST_P(Repositories, InvalidPatientIsRefusedAndNothingWritten) {
    const auto before = snapshot();
    core::Patient bad = test::fullPatient();
    bad.name = "";
    bad.birth = localToday() + boost::gregorian::days(1);
    try {
        m_patients.add(bad);
        FAIL() << "accepted";
    } catch (const core::ValidationError& e) {
        std::vector<std::string> fields;
        for (const auto& problem : e.problems())
            fields.push_back(problem.field);
        EXPECT_NE(std::find(fields.begin(), fields.end(), "name"), fields.end());
        EXPECT_NE(std::find(fields.begin(), fields.end(), "date of birth"), fields.end());
    }
    EXPECT_EQ(snapshot(), before);

    const auto id = m_patients.add(test::fullPatient());
    const auto saved = snapshot();
    EXPECT_THROW(m_patients.update(id, bad, "typo"), core::ValidationError);
    EXPECT_EQ(snapshot(), saved);
    test::expectSame(test::fullPatient(), m_patients.find(id)->patient);
}

TEST_P(Repositories, PatientChangeThatWouldInvalidateSavedDataIsRefused) {
    const auto id = m_patients.add(test::minimalWoman());
    core::Visit visit = sparseVisit(Date(2020, 5, 4));
    visit.postmenopausal = true;
    m_visits.add(id, visit);
    m_films.addFilm(id, Date(2019, 1, 1));
    m_films.addPelvicFilm(id, "Dr. Chen", {Date(2018, 1, 1), 1, 1});
    const auto before = snapshot();

    core::Patient laterBirth = test::minimalWoman();
    laterBirth.birth = Date(2020, 6, 1);  // after the saved visit, film and pelvic film
    try {
        m_patients.update(id, laterBirth, "birth date typo");
        FAIL() << "accepted";
    } catch (const core::ValidationError& e) {
        std::string fields;
        for (const auto& problem : e.problems())
            fields += problem.field + "|";
        EXPECT_NE(fields.find("visit date"), std::string::npos) << fields;
        EXPECT_NE(fields.find("film date"), std::string::npos) << fields;
        EXPECT_NE(fields.find("pelvic film date"), std::string::npos) << fields;
    }
    core::Patient man = test::minimalWoman();
    man.sex = core::Sex::Male;  // the saved visit records a menopausal status
    EXPECT_THROW(m_patients.update(id, man, "sex typo"), core::ValidationError);
    EXPECT_EQ(snapshot(), before);
    test::expectSame(test::minimalWoman(), m_patients.find(id)->patient);

    core::Patient earlierBirth = test::minimalWoman();
    earlierBirth.birth = Date(1960, 1, 1);
    m_patients.update(id, earlierBirth, "birth date typo");
    EXPECT_EQ(m_patients.find(id)->patient.birth, Date(1960, 1, 1));
}

TEST_P(Repositories, DuplicateClinicIdIsRefused) {
    const auto first = m_patients.add(test::fullPatient("AS-0001", "王伟"));
    const auto second = m_patients.add(test::fullPatient("AS-0002", "Other"));
    const auto before = snapshot();
    try {
        m_patients.add(test::fullPatient("AS-0001", "Someone else"));
        FAIL() << "accepted";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].field, "patient ID");
        EXPECT_EQ(e.problems()[0].value, "AS-0001");
    }
    EXPECT_THROW(m_patients.update(second, test::fullPatient("AS-0001", "Other"), "merge"),
                 core::ValidationError);
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(m_patients.idOf("AS-0001"), first);
}

TEST_P(Repositories, InvalidVisitIsRefusedWithEveryProblemAndNothingWritten) {
    const auto id = m_patients.add(test::fullPatient());
    const auto before = snapshot();
    core::Visit bad = test::fullVisit(Date(2020, 5, 4));
    bad.basdai.q2 = 11;
    bad.postmenopausal = true;  // a man
    bad.bmd[0].vertebrae = {core::Vertebra::L1};
    bad.labs[0].value = 600;  // CRP mg/L, above the hard limit
    try {
        m_visits.add(id, bad, true);
        FAIL() << "accepted";
    } catch (const core::ValidationError& e) {
        std::string fields;
        for (const auto& problem : e.problems())
            fields += problem.field + "|";
        EXPECT_NE(fields.find("BASDAI Q2"), std::string::npos) << fields;
        EXPECT_NE(fields.find("menopausal status"), std::string::npos) << fields;
        EXPECT_NE(fields.find("vertebrae"), std::string::npos) << fields;
        EXPECT_NE(fields.find("CRP"), std::string::npos) << fields;
        EXPECT_GE(e.problems().size(), 4u);
    }
    core::Visit future = sparseVisit(localToday() + boost::gregorian::days(1));
    EXPECT_THROW(m_visits.add(id, future), core::ValidationError);
    EXPECT_THROW(m_visits.add(id + 1, sparseVisit(Date(2020, 1, 1))), StorageError);
    EXPECT_EQ(snapshot(), before);
}

TEST_P(Repositories, DuplicateVisitDateIsRefused) {
    const auto id = m_patients.add(test::fullPatient());
    m_visits.add(id, sparseVisit(Date(2020, 5, 4)));
    const auto other = m_visits.add(id, sparseVisit(Date(2021, 5, 4)));
    const auto before = snapshot();
    try {
        m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
        FAIL() << "accepted";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].field, "visit date");
        EXPECT_EQ(e.problems()[0].value, "2020-05-04");
    }
    EXPECT_THROW(m_visits.update(other, sparseVisit(Date(2020, 5, 4)), "moved"), core::ValidationError);
    EXPECT_EQ(snapshot(), before);
    // Another patient may have a visit that day.
    m_visits.add(m_patients.add(test::minimalWoman()), sparseVisit(Date(2020, 5, 4)));
}

TEST_P(Repositories, SoftWarningsNeedConfirmationWhichIsRecorded) {
    const auto id = m_patients.add(test::fullPatient());
    core::Visit visit = sparseVisit(Date(2020, 5, 4));
    visit.labs.push_back(test::lab(core::Analyte::Crp, 250, "mg/L", Date(2020, 5, 4)));
    const auto before = snapshot();
    try {
        m_visits.add(id, visit);
        FAIL() << "accepted without confirmation";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].severity, core::Severity::Warning);
        EXPECT_EQ(e.problems()[0].field, "CRP");
    }
    EXPECT_EQ(snapshot(), before);

    const auto visitId = m_visits.add(id, visit, true);
    sql::Statement query(sql::connectionOf(m_db),
                         "SELECT visit_id, field, value, confirmed_by, confirmed_at FROM confirmation");
    ASSERT_TRUE(query.executeStep());
    EXPECT_EQ(query.getColumn(0).getInt64(), visitId);
    EXPECT_EQ(query.getColumn(1).getString(), "CRP");
    EXPECT_EQ(query.getColumn(2).getString(), "250 mg/L");
    EXPECT_EQ(query.getColumn(3).getString(), m_db.user());  // the account signed in, on a server
    EXPECT_EQ(query.getColumn(4).getString().size(), 20u);
    EXPECT_FALSE(query.executeStep());
    EXPECT_EQ(history(id).visits.at(0).labs.at(1).value, 250);

    // A change that keeps the unusual value needs the confirmation again.
    visit.notes = "CRP repeated next week";
    const auto confirmed = snapshot();
    EXPECT_THROW(m_visits.update(visitId, visit, "note added"), core::ValidationError);
    EXPECT_EQ(snapshot(), confirmed);
    m_visits.update(visitId, visit, "note added", true);
    EXPECT_EQ(rows("confirmation"), 2);
}

TEST_P(Repositories, ChangesWithoutReasonAreRefusedAndNothingChanges) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visitId = m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto reading = m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    const auto before = snapshot();

    core::Patient renamed = test::fullPatient("AS-0001", "Renamed");
    core::Reading regraded = test::fullReading("Dr. Chen", 2);
    for (const std::string reason : {"", "   ", "\t\n"}) {
        SCOPED_TRACE("reason '" + reason + "'");
        EXPECT_THROW(m_patients.update(id, renamed, reason), core::ValidationError);
        EXPECT_THROW(m_patients.remove(id, reason), core::ValidationError);
        EXPECT_THROW(m_visits.update(visitId, sparseVisit(Date(2020, 5, 4)), reason), core::ValidationError);
        EXPECT_THROW(m_visits.remove(visitId, reason), core::ValidationError);
        EXPECT_THROW(m_films.updateReading(reading, regraded, reason), core::ValidationError);
        EXPECT_THROW(m_films.removeFilm(film, reason), core::ValidationError);
    }
    EXPECT_EQ(snapshot(), before);
    const auto h = history(id);
    test::expectSame(test::fullPatient(), h.patient);
    test::expectSame(test::fullVisit(Date(2020, 5, 4)), h.visits.at(0));
    test::expectSame(test::fullReading("Dr. Chen", 0), h.films.at(0).readings.at(0));
}

TEST_P(Repositories, FilmRules) {
    const auto id = m_patients.add(test::fullPatient());
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    const auto before = snapshot();
    EXPECT_THROW(m_films.addFilm(id, Date(2020, 5, 4)), core::ValidationError);  // same date
    EXPECT_THROW(m_films.addFilm(id, localToday() + boost::gregorian::days(1)), core::ValidationError);
    EXPECT_THROW(m_films.addFilm(id, Date(1980, 1, 1)), core::ValidationError);  // before birth
    EXPECT_THROW(m_films.addFilm(id + 1, Date(2020, 5, 4)), StorageError);       // no patient
    EXPECT_THROW(m_films.addReading(film, test::fullReading("Dr. Chen", 1)),
                 core::ValidationError);                                                      // read twice
    EXPECT_THROW(m_films.addReading(film, test::fullReading("", 1)), core::ValidationError);  // no reader
    EXPECT_THROW(m_films.addReading(film + 1, test::fullReading("Dr. Rossi", 1)), StorageError);  // no film
    EXPECT_EQ(snapshot(), before);
}

TEST_P(Repositories, ReadingUpdateToAReaderWhoReadTheFilmIsRefused) {
    const auto id = m_patients.add(test::fullPatient());
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto chen = m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    m_films.addReading(film, test::fullReading("Dr. Rossi", 1));
    const auto before = snapshot();
    EXPECT_THROW(m_films.updateReading(chen, test::fullReading("Dr. Rossi", 0), "wrong reader"),
                 core::ValidationError);
    EXPECT_THROW(m_films.updateReading(chen, test::fullReading("", 0), "no reader"), core::ValidationError);
    EXPECT_THROW(m_films.updateReading(chen + 10, test::fullReading("Dr. Chen", 0), "gone"), StorageError);
    EXPECT_EQ(snapshot(), before);
    // Handing the reading to a new (registered) reader is a change like any other.
    test::registerReaders(m_db, {"Dr. Wu"});
    m_films.updateReading(chen, test::fullReading("Dr. Wu", 0), "read by Dr. Wu, entered under Dr. Chen");
    EXPECT_EQ(history(id).films.at(0).readings.at(0).reader, "Dr. Wu");
}

TEST_P(Repositories, PelvicFilmRules) {
    const auto id = m_patients.add(test::fullPatient());
    m_films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 5, 4), 2, 3});
    const auto before = snapshot();
    EXPECT_THROW(m_films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 6, 4), 5, 3}), core::ValidationError);
    EXPECT_THROW(m_films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 6, 4), std::nullopt, 3}),
                 core::ValidationError);
    EXPECT_THROW(m_films.addPelvicFilm(id, "", {Date(2020, 6, 4), 1, 1}), core::ValidationError);
    // docs/methods.md 8 holds for pelvic films too: not in the future, not before birth.
    EXPECT_THROW(m_films.addPelvicFilm(id, "Dr. Chen", {localToday() + boost::gregorian::days(1), 1, 1}),
                 core::ValidationError);
    EXPECT_THROW(m_films.addPelvicFilm(id, "Dr. Chen", {Date(1980, 1, 1), 1, 1}), core::ValidationError);
    // The same reader grades a film once.
    EXPECT_THROW(m_films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 5, 4), 1, 1}), core::ValidationError);
    EXPECT_THROW(m_films.addPelvicFilm(id + 1, "Dr. Chen", {Date(2020, 6, 4), 1, 1}), StorageError);
    EXPECT_EQ(snapshot(), before);
}

TEST_P(Repositories, FailureInANestedTransactionRollsEverythingBack) {
    const auto before = snapshot();
    {
        Transaction outer(m_db);
        const auto id = m_patients.add(test::fullPatient());  // an inner transaction, released
        m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
        EXPECT_EQ(rows("patient"), 1);
        EXPECT_THROW(m_visits.add(id, test::fullVisit(Date(2020, 5, 4))), core::ValidationError);
        // ... then the caller fails before committing.
    }
    EXPECT_EQ(snapshot(), before);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty());

    // A write that fails half-way (here a trigger refuses the lab rows after the visit row is in)
    // leaves nothing of itself, inside an outer transaction and alone.
    const bool server = GetParam() == sql::Engine::Postgresql;
    sql::connectionOf(m_db).exec(
        server ? "CREATE FUNCTION refuse_labs() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$BEGIN RAISE EXCEPTION 'lab offline'; END$$; "
                 "CREATE TRIGGER refuse_labs BEFORE INSERT ON lab_result FOR EACH ROW EXECUTE FUNCTION "
                 "refuse_labs()"
               : "CREATE TEMP TRIGGER refuse_labs BEFORE INSERT ON lab_result BEGIN SELECT RAISE(ABORT, 'lab "
                 "offline'); END");
    const auto id = m_patients.add(test::fullPatient());
    const auto saved = snapshot();
    {
        Transaction outer(m_db);
        m_patients.add(test::minimalWoman());
        EXPECT_ANY_THROW(m_visits.add(id, test::fullVisit(Date(2020, 5, 4))));
        EXPECT_EQ(rows("visit"), 0);  // the visit row is gone, the woman stays until the end
        EXPECT_EQ(rows("bmd"), 0);
        EXPECT_EQ(rows("patient"), 2);
        outer.commit();
    }
    EXPECT_EQ(rows("patient"), 2);
    EXPECT_EQ(rows("visit"), 0);
    EXPECT_ANY_THROW(m_visits.add(id, test::fullVisit(Date(2020, 5, 4))));
    EXPECT_EQ(rows("visit"), 0);
    EXPECT_EQ(rows("audit_log"), saved.at("audit_log") + 1);  // the woman's insert only
    // The trail is intact; on a server the test's own trigger (SQLite's is temporary) is named.
    const std::vector<std::string> problems = verifyAuditTrail(m_db);
    if (server) {
        ASSERT_EQ(problems.size(), 1u);
        EXPECT_NE(problems[0].find("trigger refuse_labs that Ankylos did not create"), std::string::npos)
            << problems[0];
    } else {
        EXPECT_TRUE(problems.empty()) << problems.front();
    }

    // An inner transaction left without commit rolls back only itself.
    sql::connectionOf(m_db).exec(server ? "DROP TRIGGER refuse_labs ON lab_result"
                                        : "DROP TRIGGER temp.refuse_labs");
    {
        Transaction outer(m_db);
        m_visits.add(id, sparseVisit(Date(2020, 1, 1)));
        {
            Transaction inner(m_db);
            m_visits.add(id, sparseVisit(Date(2020, 2, 1)));
        }
        outer.commit();
    }
    EXPECT_EQ(history(id).visits.size(), 1u);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty());
}

// A second program holding the write lock longer than the busy timeout: a clear "busy" error, and
// nothing half-written.
TEST_P(Repositories, BusyDatabaseGivesAClearError) {
    const auto id = m_patients.add(test::fullPatient());
    Database other(m_db.file(), "dr.wu");
    const auto before = snapshot();
    {
        Transaction holding(other);
        PatientRepository(other).add(test::minimalWoman());
        try {
            m_visits.add(id, sparseVisit(Date(2020, 5, 4)));
            FAIL() << "wrote while another connection held the write lock";
        } catch (const DatabaseBusy& e) {
            EXPECT_NE(std::string(e.what()).find("busy"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(snapshot(), before);
    m_visits.add(id, sparseVisit(Date(2020, 5, 4)));  // once the lock is gone
    EXPECT_EQ(rows("visit"), 1);
}

// --- CHECK constraints: a write from outside the application -------------------------------------

TEST_P(Repositories, CheckConstraintsRefuseImpossibleValues) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visitId = m_visits.add(id, sparseVisit(Date(2020, 5, 4)));
    const auto reading =
        m_films.addReading(m_films.addFilm(id, Date(2020, 5, 4)), test::fullReading("Dr. Chen"));
    const std::string v = std::to_string(visitId);
    const std::string r = std::to_string(reading);
    const std::string p = std::to_string(id);
    sql::Connection& connection = sql::connectionOf(m_db);
    struct Case {
        std::string good;
        std::string bad;
    };
    // Each pair differs only in the impossible value, so the good one shows the statement is right.
    const std::vector<Case> cases = {
        {"UPDATE site_score SET grade = 3, na_reason = NULL WHERE reading_id = " + r + " AND site = 'C3_sup'",
         "UPDATE site_score SET grade = 5, na_reason = NULL WHERE reading_id = " + r +
             " AND site = 'C3_sup'"},
        {"INSERT INTO site_score (reading_id, site, grade) VALUES (" + r + ", 'T1_sup', 3)",
         "INSERT INTO site_score (reading_id, site, grade) VALUES (" + r + ", 'T1_sup', 5)"},
        {"INSERT INTO site_score (reading_id, site, na_reason) VALUES (" + r + ", 'L2_inf', 'other')",
         "INSERT INTO site_score (reading_id, site, grade, na_reason) VALUES (" + r +
             ", 'L2_inf', 0, 'other')"},
        {"UPDATE visit SET basdai_q1 = 10 WHERE id = " + v,
         "UPDATE visit SET basdai_q1 = 11 WHERE id = " + v},
        {"UPDATE visit SET basdai_q6 = 0 WHERE id = " + v,
         "UPDATE visit SET basdai_q6 = -0.1 WHERE id = " + v},
        {"INSERT INTO lab_result (visit_id, analyte, value, unit, sample_date) VALUES (" + v +
             ", 'CRP', 500, 'mg/L', '2020-05-04')",
         "INSERT INTO lab_result (visit_id, analyte, value, unit, sample_date) VALUES (" + v +
             ", 'CRP', 600, 'mg/L', '2020-05-04')"},
        {"INSERT INTO lab_result (visit_id, analyte, value, unit, sample_date) VALUES (" + v +
             ", 'CRP', 50, 'mg/dL', '2020-05-04')",
         "INSERT INTO lab_result (visit_id, analyte, value, unit, sample_date) VALUES (" + v +
             ", 'CRP', 50, 'g/L', '2020-05-04')"},
        {"INSERT INTO sacroiliitis (patient_id, film_date, reader_id, left_grade, right_grade) VALUES (" + p +
             ", '2020-01-01', 1, 4, 0)",
         "INSERT INTO sacroiliitis (patient_id, film_date, reader_id, left_grade, right_grade) VALUES (" + p +
             ", '2020-01-02', 1, 5, 0)"},
        {"UPDATE patient SET sex = 'F' WHERE id = " + p, "UPDATE patient SET sex = 'X' WHERE id = " + p},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.bad);
        try {
            connection.exec(c.bad);
            ADD_FAILURE() << "the database accepted it";
        } catch (const sql::Error& e) {
            EXPECT_EQ(e.kind(), sql::ErrorKind::Constraint) << e.what();
            // SQLite: "CHECK constraint failed: ..."; PostgreSQL: "... violates check constraint ...".
            std::string message = e.what();
            std::transform(message.begin(), message.end(), message.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            EXPECT_NE(message.find("check constraint"), std::string::npos) << e.what();
        }
        EXPECT_NO_THROW(connection.exec(c.good));
    }
    // Foreign keys are enforced: a visit of no patient.
    try {
        connection.exec("INSERT INTO visit (patient_id, visit_date) VALUES (999, '2020-01-01')");
        ADD_FAILURE() << "a visit of no patient was accepted";
    } catch (const sql::Error& e) {
        EXPECT_EQ(e.kind(), sql::ErrorKind::Constraint) << e.what();
    }
}

// --- Search ----------------------------------------------------------------------------------------

TEST_P(Repositories, SearchMatchesAsThePatientListDoesOrderedByClinicId) {
    const std::vector<std::pair<std::string, std::string>> people = {
        {"P0002", "wang fang"}, {"P0001", "Wang Wei"}, {"P0010", "Li Na"},     {"Q0001", "王伟"},
        {"Q0002", "王芳"},      {"Q0003", "李娜"},     {"X-%_1", "Wangari M"}, {"R0001", "Zhang Wang"}};
    for (const auto& [clinicId, name] : people)
        m_patients.add(test::fullPatient(clinicId, name));
    EXPECT_EQ(m_patients.count(), 8);

    const auto ids = [&](const std::string& typed, int limit = 100, int offset = 0) {
        std::vector<std::string> found;
        for (const PatientSummary& s : m_patients.search(typed, limit, offset))
            found.push_back(s.clinicId);
        return found;
    };
    using List = std::vector<std::string>;
    EXPECT_EQ(ids("P000"), (List{"P0001", "P0002"}));  // ordered by clinic ID
    EXPECT_EQ(ids("p00"), (List{"P0001", "P0002", "P0010"}));
    EXPECT_EQ(ids("0010"), (List{"P0010"}));
    EXPECT_EQ(ids("wang"), (List{"P0001", "P0002", "Q0001", "Q0002", "R0001", "X-%_1"}));  // 王 by pinyin
    EXPECT_EQ(ids("Wang W"), (List{"P0001", "Q0001"}));  // 王伟 is Wang Wei; 王芳 is not
    EXPECT_EQ(ids("li na"), (List{"P0010", "Q0003"}));
    EXPECT_EQ(ids("王"), (List{"Q0001", "Q0002"}));
    EXPECT_EQ(ids("王伟"), (List{"Q0001"}));
    EXPECT_EQ(ids("李"), (List{"Q0003"}));
    EXPECT_EQ(ids("%"), (List{"X-%_1"}));
    EXPECT_EQ(ids("nobody"), List{});
    EXPECT_EQ(ids("").size(), 8u);

    EXPECT_EQ(ids("", 3, 0), (List{"P0001", "P0002", "P0010"}));
    EXPECT_EQ(ids("", 3, 3), (List{"Q0001", "Q0002", "Q0003"}));
    EXPECT_EQ(ids("", 3, 6), (List{"R0001", "X-%_1"}));
    EXPECT_EQ(ids("", 3, 9), List{});

    const auto summary = m_patients.search("Q0002", 1);
    ASSERT_EQ(summary.size(), 1u);
    EXPECT_EQ(summary[0].id, *m_patients.idOf("Q0002"));
    EXPECT_EQ(summary[0].name, "王芳");
    EXPECT_EQ(summary[0].sex, core::Sex::Male);
    EXPECT_EQ(summary[0].birth, Date(1985, 3, 14));
    m_patients.remove(summary[0].id, "duplicate");
    EXPECT_EQ(m_patients.count(), 7);
    EXPECT_EQ(ids("王"), (List{"Q0001"}));
}

// --- Saving unchanged ----------------------------------------------------------------------------

TEST_P(Repositories, SavingUnchangedWritesNothingAndNoAuditRow) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visit = m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto reading = m_films.addReading(film, test::fullReading("Dr. Chen"));
    const auto before = snapshot();
    const std::string updatedAt =
        sql::connectionOf(m_db)
            .execAndGet("SELECT updated_at FROM patient WHERE id = " + std::to_string(id))
            .getString();
    const core::PatientHistory h = history(id);
    // No reason is needed for a save that changes nothing: nothing is written.
    m_patients.update(id, h.patient, "");
    m_visits.update(visit, h.visits[0], "");
    m_films.updateReading(reading, h.films[0].readings[0], "");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(sql::connectionOf(m_db)
                  .execAndGet("SELECT updated_at FROM patient WHERE id = " + std::to_string(id))
                  .getString(),
              updatedAt);
}

TEST_P(Repositories, SavingAVisitWithAConfirmedWarningUnchangedAddsNoConfirmation) {
    const auto id = m_patients.add(test::fullPatient());
    core::Visit v = sparseVisit(Date(2020, 5, 4));
    v.labs.push_back(test::lab(core::Analyte::Crp, 250, "mg/L", v.date));  // above the soft limit
    const auto visit = m_visits.add(id, v, true);
    const auto before = snapshot();
    m_visits.update(visit, history(id).visits.at(0), "", true);
    EXPECT_EQ(snapshot(), before)
        << "no second confirmation and no audit row for a save that changes nothing";
}

// --- Two workstations saving the same record ---------------------------------------------------

TEST_P(Repositories, StaleVisitSaveIsRefusedNamingWhoChangedItAndWritesNothing) {
    const auto id = m_patients.add(test::fullPatient());
    const auto visitId = m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    Database wu(m_db.file(), "dr.wu");  // a second workstation
    const std::int64_t zhangOpened = auditVersion(m_db, "visit", visitId);
    const std::int64_t wuOpened = auditVersion(wu, "visit", visitId);
    EXPECT_EQ(zhangOpened, wuOpened);

    core::Visit byWu = test::fullVisit(Date(2020, 5, 4));
    byWu.notes = "entered by dr.wu";
    VisitRepository(wu).update(visitId, byWu, "nurse's sheet", false, wuOpened);
    core::Visit byZhang = test::fullVisit(Date(2020, 5, 4));
    byZhang.notes = "entered by dr.zhang";
    const auto before = snapshot();
    try {
        m_visits.update(visitId, byZhang, "physician's review", false, zhangOpened);
        FAIL() << "a save over a change made since opening went through";
    } catch (const ChangedSinceOpened& e) {
        EXPECT_TRUE(std::regex_search(e.what(),
                                      std::regex("^visit 2020-05-04 of AS-0001 was changed by " + wu.user() +
                                                 " at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC since "
                                                 "you opened it; your input is kept")))
            << e.what();
    }
    EXPECT_EQ(snapshot(), before);  // no audit row, no confirmation, no detail rows
    EXPECT_EQ(history(id).visits.at(0).notes, "entered by dr.wu");
    EXPECT_THROW(m_visits.remove(visitId, "duplicate", zhangOpened), ChangedSinceOpened);
    EXPECT_EQ(snapshot(), before);

    // Opened again (after comparing), the save goes through; so does one with an unchanged version.
    m_visits.update(visitId, byZhang, "physician's review", false, auditVersion(m_db, "visit", visitId));
    EXPECT_EQ(history(id).visits.at(0).notes, "entered by dr.zhang");
    byZhang.patientGlobal = 1;
    m_visits.update(visitId, byZhang, "global asked", false, auditVersion(m_db, "visit", visitId));
    EXPECT_EQ(history(id).visits.at(0).patientGlobal, 1);
}

TEST_P(Repositories, StalePatientAndReadingSavesAreRefusedButOtherRecordsDoNotCount) {
    const auto id = m_patients.add(test::fullPatient());
    const auto film = m_films.addFilm(id, Date(2020, 5, 4));
    const auto reading = m_films.addReading(film, test::fullReading("Dr. Chen", 0));
    Database wu(m_db.file(), "dr.wu");
    // The version of the whole database, read before loading what an editor shows, covers every row.
    const std::int64_t opened = auditVersion(m_db);
    EXPECT_EQ(opened, auditVersion(m_db, "reading", reading));

    core::Patient byWu = test::fullPatient();
    byWu.notes = "by dr.wu";
    PatientRepository(wu).update(id, byWu, "phone call");
    m_visits.add(id, test::fullVisit(Date(2021, 5, 4)));  // another record of the patient: no conflict
    m_films.updateReading(reading, test::fullReading("Dr. Chen", 1), "re-read", opened);
    const auto before = snapshot();
    core::Patient byZhang = test::fullPatient();
    byZhang.notes = "by dr.zhang";
    try {
        m_patients.update(id, byZhang, "clinic visit", opened);
        FAIL() << "a patient changed since opening was overwritten";
    } catch (const ChangedSinceOpened& e) {
        EXPECT_EQ(std::string(e.what()).rfind("patient AS-0001 was changed by " + wu.user() + " at ", 0), 0u)
            << e.what();
    }
    EXPECT_THROW(FilmRepository(wu).updateReading(reading, test::fullReading("Dr. Chen", 2), "again", opened),
                 ChangedSinceOpened);
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(m_patients.find(id)->patient.notes, "by dr.wu");
    test::expectSame(test::fullReading("Dr. Chen", 1), history(id).films.at(0).readings.at(0));
}

ANKYLOS_ON_BOTH_ENGINES(Repositories);

}  // namespace
}  // namespace ankylos::storage
