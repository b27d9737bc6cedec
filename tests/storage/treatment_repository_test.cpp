// The treatment course in the database (issue 14; docs/methods.md 10): episodes started, stopped,
// switched, corrected and removed, each audited; the whole course checked on every change; and the
// history reader returning it with the patient. On both engines.
#include "storage/treatment_repository.h"

#include <gtest/gtest.h>

#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"
#include "storage/visit_import.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using test::episode;

class TreatmentCourse : public ::testing::TestWithParam<sql::Engine> {
protected:
    std::vector<core::TreatmentEpisode> course() { return HistoryReader(m_db).load(m_patient)->treatments; }
    int episodeRows() {
        return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM treatment_episode");
    }

    /// Expects ValidationError naming field, and nothing written.
    template <typename Write>
    void expectRefused(Write write, const std::string& field) {
        const int rows = episodeRows();
        const std::int64_t trail = auditRowCount(m_db);
        try {
            write();
            ADD_FAILURE() << "not refused: " << field;
        } catch (const core::ValidationError& e) {
            std::string fields;
            for (const core::Problem& p : e.problems())
                fields += p.field + "; ";
            EXPECT_NE(fields.find(field), std::string::npos) << fields;
        }
        EXPECT_EQ(episodeRows(), rows);
        EXPECT_EQ(auditRowCount(m_db), trail);
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    std::int64_t m_patient = PatientRepository(m_db).add(test::fullPatient());
    TreatmentRepository m_treatments{m_db};
};

TEST_P(TreatmentCourse, EveryFieldRoundTripsInStartOrder) {
    core::TreatmentEpisode ada = episode("adalimumab", Date(2021, 3, 1), Date(2022, 8, 31));
    ada.brand = "Amgevita";
    ada.doseAndFrequency = "40 mg every 2 weeks";
    ada.route = core::Route::Subcutaneous;
    ada.stopReason = core::StopReason::Inefficacy;
    const core::TreatmentEpisode nsaid = episode("celecoxib", Date(2015, 6, 1));  // ongoing, nothing else
    m_treatments.add(m_patient, ada);
    m_treatments.add(m_patient, nsaid);

    const auto loaded = course();
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].drugId, "celecoxib");
    EXPECT_TRUE(loaded[0].ongoing());
    EXPECT_EQ(loaded[0].brand, "");
    EXPECT_EQ(loaded[0].route, core::Route::Oral);
    EXPECT_FALSE(loaded[0].stopReason);
    EXPECT_EQ(loaded[1].drugId, "adalimumab");
    EXPECT_EQ(loaded[1].brand, "Amgevita");
    EXPECT_EQ(loaded[1].start, Date(2021, 3, 1));
    EXPECT_EQ(loaded[1].stop, Date(2022, 8, 31));
    EXPECT_EQ(loaded[1].doseAndFrequency, "40 mg every 2 weeks");
    EXPECT_EQ(loaded[1].route, core::Route::Subcutaneous);
    EXPECT_EQ(loaded[1].stopReason, core::StopReason::Inefficacy);
    // A course is read with the films too: progression and exposure need it.
    EXPECT_EQ(HistoryReader(m_db, HistoryParts::FilmsOnly).load(m_patient)->treatments.size(), 2u);
    EXPECT_EQ(HistoryReader(m_db, HistoryParts::FirstAndLastVisits).load(m_patient)->treatments.size(), 2u);
}

TEST_P(TreatmentCourse, StopAndSwitchAreOneStepEachAndAudited) {
    const auto ada = m_treatments.add(m_patient, episode("adalimumab", Date(2021, 3, 1)));
    const std::int64_t before = auditRowCount(m_db);
    const auto secu =
        m_treatments.switchTo(ada, core::StopReason::Inefficacy, episode("secukinumab", Date(2022, 9, 1)));
    EXPECT_EQ(auditRowCount(m_db), before + 2);  // the stop and the start
    auto loaded = course();
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].stop, Date(2022, 8, 31));  // the day before the next starts
    EXPECT_EQ(loaded[0].stopReason, core::StopReason::Inefficacy);
    EXPECT_TRUE(loaded[1].ongoing());
    const auto rows = auditRowsFor(m_db, "treatment_episode", ada);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].reason, "stopped: inefficacy; switched to Secukinumab");

    m_treatments.stop(secu, Date(2024, 1, 31), core::StopReason::Remission);
    EXPECT_EQ(course()[1].stop, Date(2024, 1, 31));
    EXPECT_EQ(auditRowsFor(m_db, "treatment_episode", secu).back().reason, "stopped: remission");
    // A stopped episode is not stopped again.
    expectRefused([&] { m_treatments.stop(secu, Date(2024, 2, 1), std::nullopt); }, "stop date");
    EXPECT_TRUE(checkDatabase(m_db).problems.empty());
}

TEST_P(TreatmentCourse, ImpossibleCoursesAreRefusedNamingTheFieldAndNothingIsWritten) {
    const auto ada = m_treatments.add(m_patient, episode("adalimumab", Date(2021, 3, 1), Date(2022, 3, 1)));
    // The same drug on a day it is already given (a second brand must start the day after).
    expectRefused([&] { m_treatments.add(m_patient, episode("adalimumab", Date(2022, 3, 1))); },
                  "Adalimumab");
    expectRefused(
        [&] { m_treatments.add(m_patient, episode("infliximab", Date(2020, 5, 1), Date(2020, 4, 30))); },
        "Infliximab stop date");
    expectRefused([&] { m_treatments.add(m_patient, episode("etanercept", Date(1985, 3, 13))); },
                  "Etanercept start date");  // before birth (1985-03-14)
    expectRefused(
        [&] { m_treatments.add(m_patient, episode("etanercept", localToday() + boost::gregorian::days(1))); },
        "Etanercept start date");  // in the future
    expectRefused([&] { m_treatments.add(m_patient, episode("aspirin-ish", Date(2020, 1, 1))); }, "drug");
    // A correction that would overlap is refused too; a switch to the same drug the day after is not.
    const auto second = m_treatments.add(m_patient, episode("adalimumab", Date(2022, 3, 2)));
    expectRefused([&] { m_treatments.update(second, episode("adalimumab", Date(2022, 2, 1)), "typo"); },
                  "Adalimumab");
    // A correction needs a reason.
    expectRefused(
        [&] { m_treatments.update(ada, episode("adalimumab", Date(2021, 3, 2), Date(2022, 3, 1)), " "); },
        "reason");
    EXPECT_EQ(course().size(), 2u);
}

TEST_P(TreatmentCourse, CorrectionsAndRemovalsAreAuditedAndCheckFindsOutsideEdits) {
    const auto ada = m_treatments.add(m_patient, episode("adalimumab", Date(2021, 3, 1)));
    const auto wrong = m_treatments.add(m_patient, episode("golimumab", Date(2021, 3, 1)));
    m_treatments.update(ada, episode("adalimumab", Date(2021, 2, 1)), "start date misread");
    m_treatments.remove(wrong, "another patient's drug");
    const auto loaded = course();
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].start, Date(2021, 2, 1));
    EXPECT_TRUE(checkDatabase(m_db).problems.empty());
    // Saving it unchanged writes nothing.
    const std::int64_t trail = auditRowCount(m_db);
    m_treatments.update(ada, loaded[0], "nothing");
    EXPECT_EQ(auditRowCount(m_db), trail);
    // A change made outside Ankylos is named with the episode.
    m_location.outsideEdit("UPDATE treatment_episode SET stop_date = '2021-12-31'");
    std::string problems;
    for (const std::string& p : checkDatabase(m_db).problems)
        problems += p + "\n";
    EXPECT_NE(
        problems.find("treatment_episode row " + std::to_string(ada) +
                      " (patient AS-0001, adalimumab from 2021-02-01): stop_date: stored \"2021-12-31\", "
                      "audited empty"),
        std::string::npos)
        << problems;
}

TEST_P(TreatmentCourse, DeletingThePatientDeletesTheCourseAndTheTrailAgrees) {
    m_treatments.add(m_patient, episode("adalimumab", Date(2021, 3, 1)));
    PatientRepository(m_db).remove(m_patient, "withdrew consent");
    EXPECT_EQ(episodeRows(), 0);
    const auto problems = checkDatabase(m_db).problems;
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST_P(TreatmentCourse, AnImportAddsTheCourseWithItsVisitsOrNothingAtAll) {
    core::PatientHistory history;
    history.patient = test::fullPatient("AS-0009", "赵敏");
    history.visits = {test::fullVisit(Date(2022, 3, 1))};
    history.treatments = {episode("naproxen", Date(2020, 1, 1), Date(2020, 12, 31)),
                          episode("adalimumab", Date(2021, 3, 1))};
    const ImportSummary summary = importHistories(m_db, {history}, true, "visits.csv");
    EXPECT_EQ(summary.treatments, 2);
    const std::int64_t patient = *PatientRepository(m_db).idOf("AS-0009");
    const auto stored = HistoryReader(m_db).load(patient);
    ASSERT_EQ(stored->treatments.size(), 2u);
    EXPECT_EQ(stored->treatments[0].drugId, "naproxen");
    EXPECT_EQ(stored->treatments[1].drugId, "adalimumab");

    // Again, with a new visit and an adalimumab episode that shares days with the stored one.
    history.visits = {test::fullVisit(Date(2023, 3, 1))};
    history.treatments = {episode("celecoxib", Date(2023, 1, 1)), episode("adalimumab", Date(2022, 1, 1))};
    const int rows = episodeRows();
    try {
        importHistories(m_db, {history}, true, "visits.csv");
        ADD_FAILURE() << "an overlapping episode was imported";
    } catch (const core::ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 1u) << e.what();
        EXPECT_EQ(e.problems()[0].field,
                  "patient AS-0009 treatment adalimumab from 2022-01-01: Adalimumab episode");
    }
    EXPECT_EQ(episodeRows(), rows);
    EXPECT_EQ(HistoryReader(m_db).load(patient)->visits.size(), 1u);  // the new visit is not stored either
}

ANKYLOS_ON_BOTH_ENGINES(TreatmentCourse);

}  // namespace
}  // namespace ankylos::storage
