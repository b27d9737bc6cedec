// FilmRepository's pelvic films (issue 17, the pelvic-film screen): one reader's sacroiliitis grades
// (docs/methods.md 7) corrected with a reason and deleted with a reason, each audited; refusals
// name field, value and allowed range and write nothing. Readings of lateral films are in
// repository_test.cpp.
#include <gtest/gtest.h>

#include <map>

#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/errors.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"

namespace ankylos::storage {
namespace {

using core::Date;

class PelvicFilms : public ::testing::TestWithParam<sql::Engine> {
protected:
    PelvicFilms() {
        test::registerReaders(m_db, {"Dr. Chen", "Dr. Rossi"});
        m_patient = PatientRepository(m_db).add(test::fullPatient());
        m_id = m_films.addPelvicFilm(m_patient, "Dr. Chen", {Date(2020, 5, 4), 2, 1});
    }
    int rows(const std::string& table) {
        // Test code: the table is a constant of this file.
        return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM " + table);
    }
    /// What "nothing was written" compares: the graded rows and the audit trail.
    std::map<std::string, int> snapshot() {
        return {{"sacroiliitis", rows("sacroiliitis")}, {"audit", rows("audit_log")}};
    }
    std::vector<core::PelvicFilmReading> pelvicFilms() {
        return HistoryReader(m_db).load(m_patient)->pelvicFilms;
    }
    void expectGrading(const core::PelvicFilmReading& expected) {
        const auto stored = pelvicFilms();
        ASSERT_EQ(stored.size(), 1u);
        EXPECT_EQ(stored[0].reader, expected.reader);
        EXPECT_EQ(stored[0].film.date, expected.film.date);
        EXPECT_EQ(stored[0].film.left, expected.film.left);
        EXPECT_EQ(stored[0].film.right, expected.film.right);
    }
    std::vector<AuditRow> auditRowsOfGrading() {
        std::vector<AuditRow> found;
        for (AuditRow& row : patientAuditRows(m_db, m_patient))
            if (row.table == "sacroiliitis")
                found.push_back(row);
        return found;
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    FilmRepository m_films{m_db};
    std::int64_t m_patient = 0;
    std::int64_t m_id = 0;
};

TEST_P(PelvicFilms, CorrectionIsSavedAndAuditedWithItsReason) {
    const core::PelvicFilmReading corrected{"Dr. Rossi", {Date(2020, 5, 5), 3, 2}};
    m_films.updatePelvicFilm(m_id, corrected, "entered under the wrong reader");
    expectGrading(corrected);
    const auto audit = auditRowsOfGrading();
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].action, "update");
    EXPECT_EQ(audit[1].reason, "entered under the wrong reader");
    EXPECT_NE(audit[1].oldValues.find("\"left\":2"), std::string::npos) << audit[1].oldValues;
    EXPECT_NE(audit[1].newValues.find("\"left\":3"), std::string::npos) << audit[1].newValues;
    EXPECT_TRUE(verifyRecords(m_db).empty());
    EXPECT_EQ(m_films.pelvicFilmId(m_patient, Date(2020, 5, 5), "Dr. Rossi"), m_id);
    EXPECT_EQ(m_films.pelvicFilmId(m_patient, Date(2020, 5, 4), "Dr. Chen"), std::nullopt);
}

TEST_P(PelvicFilms, SavingUnchangedWritesNothingAndNeedsNoReason) {
    const auto before = snapshot();
    // The reader as typed, in another case: matched to the registered name, so nothing changed.
    m_films.updatePelvicFilm(m_id, {"dr. chen", {Date(2020, 5, 4), 2, 1}}, "");
    EXPECT_EQ(snapshot(), before);
}

TEST_P(PelvicFilms, GradeOutsideZeroToFourIsRefusedNamingFieldValueAndRangeAndNothingIsWritten) {
    const auto before = snapshot();
    try {
        m_films.updatePelvicFilm(m_id, {"Dr. Chen", {Date(2020, 5, 4), 2, 5}}, "typo");
        FAIL() << "a grade 5 was saved";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].field, "sacroiliitis grade right");
        EXPECT_EQ(e.problems()[0].value, "5");
        EXPECT_EQ(e.problems()[0].allowed, "0 to 4");
    }
    EXPECT_THROW(m_films.addPelvicFilm(m_patient, "Dr. Rossi", {Date(2020, 5, 4), 5, 0}),
                 core::ValidationError);
    EXPECT_EQ(snapshot(), before);
    expectGrading({"Dr. Chen", {Date(2020, 5, 4), 2, 1}});
}

TEST_P(PelvicFilms, CorrectionsThatBreakTheRulesAreRefusedAndNothingIsWritten) {
    m_films.addPelvicFilm(m_patient, "Dr. Rossi", {Date(2020, 5, 4), 1, 1});
    const auto before = snapshot();
    // Dr. Rossi graded that film already: one grading per reader and film.
    EXPECT_THROW(m_films.updatePelvicFilm(m_id, {"Dr. Rossi", {Date(2020, 5, 4), 2, 1}}, "reader"),
                 core::ValidationError);
    EXPECT_THROW(m_films.updatePelvicFilm(m_id, {"Dr. Nobody", {Date(2020, 5, 4), 2, 1}}, "reader"),
                 core::ValidationError);
    EXPECT_THROW(m_films.updatePelvicFilm(m_id, {"Dr. Chen", {Date(2020, 5, 4), std::nullopt, 1}}, "left"),
                 core::ValidationError);
    // docs/methods.md 8: not in the future, not before birth.
    EXPECT_THROW(m_films.updatePelvicFilm(
                     m_id, {"Dr. Chen", {localToday() + boost::gregorian::days(1), 2, 1}}, "date"),
                 core::ValidationError);
    EXPECT_THROW(m_films.updatePelvicFilm(m_id, {"Dr. Chen", {Date(1980, 1, 1), 2, 1}}, "date"),
                 core::ValidationError);
    // A change of saved data needs a reason.
    EXPECT_THROW(m_films.updatePelvicFilm(m_id, {"Dr. Chen", {Date(2020, 5, 4), 3, 1}}, " "),
                 core::ValidationError);
    EXPECT_THROW(m_films.removePelvicFilm(m_id, ""), core::ValidationError);
    EXPECT_THROW(m_films.updatePelvicFilm(m_id + 10, {"Dr. Chen", {Date(2020, 5, 4), 3, 1}}, "gone"),
                 StorageError);
    EXPECT_EQ(snapshot(), before);
}

TEST_P(PelvicFilms, DeletionRemovesOneReadersGradingAndStaysOnThePatientsAuditTab) {
    m_films.addPelvicFilm(m_patient, "Dr. Rossi", {Date(2020, 5, 4), 1, 1});
    m_films.removePelvicFilm(m_id, "graded the wrong patient's film");
    const auto left = pelvicFilms();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].reader, "Dr. Rossi");
    const auto audit = auditRowsOfGrading();
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[2].action, "delete");
    EXPECT_EQ(audit[2].reason, "graded the wrong patient's film");
    EXPECT_NE(audit[2].oldValues.find("\"reader\":\"Dr. Chen\""), std::string::npos) << audit[2].oldValues;
    EXPECT_TRUE(verifyRecords(m_db).empty());
    EXPECT_THROW(m_films.removePelvicFilm(m_id, "again"), StorageError);
}

TEST_P(PelvicFilms, ChangesOverAChangeMadeSinceOpeningAreRefused) {
    const std::int64_t opened = auditVersion(m_db);
    Database wu(m_db.file(), "dr.wu");  // a second workstation
    FilmRepository(wu).updatePelvicFilm(m_id, {"Dr. Chen", {Date(2020, 5, 4), 2, 2}}, "re-read");
    const auto before = snapshot();
    try {
        m_films.updatePelvicFilm(m_id, {"Dr. Chen", {Date(2020, 5, 4), 3, 1}}, "mine", opened);
        FAIL() << "a grading changed since opening was overwritten";
    } catch (const ChangedSinceOpened& e) {
        EXPECT_EQ(std::string(e.what()).rfind(
                      "the pelvic film 2020-05-04 graded by Dr. Chen was changed by " + wu.user(), 0),
                  0u)
            << e.what();
    }
    EXPECT_THROW(m_films.removePelvicFilm(m_id, "duplicate", opened), ChangedSinceOpened);
    EXPECT_EQ(snapshot(), before);
    expectGrading({"Dr. Chen", {Date(2020, 5, 4), 2, 2}});
}

ANKYLOS_ON_BOTH_ENGINES(PelvicFilms);

}  // namespace
}  // namespace ankylos::storage
