// The patient list's figures (patient_summary, migration 0002): kept current in the same
// transaction as every kind of write, equal to what the core computes from the stored history,
// filled when a version-1 file is migrated; and the paged, sorted patient list read from them.
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "core/progression.h"
#include "demo/demo_cohort.h"
#include "engine_database.h"
#include "legacy_database.h"
#include "sample_records.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/migrations.h"
#include "storage/patient_audit.h"
#include "storage/patient_list.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/settings_store.h"
#include "storage/sql/sqlite_connection.h"
#include "storage/sql/values.h"
#include "storage/visit_import.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using core::Site;

/// A complete reading: every site graded `grade`, so the total is 24 x grade.
core::Reading uniformReading(const std::string& reader, int grade) {
    core::Reading r;
    r.reader = reader;
    for (Site site : core::allSites())
        r.at(site) = core::SiteScore::graded(site, grade);
    return r;
}

/// A visit with everything ASDAS-CRP needs.
core::Visit asdasVisit(Date date, double pain, double crpMgPerL) {
    core::Visit v;
    v.date = date;
    v.basdai = {pain, pain, pain, pain, pain, pain};
    v.patientGlobal = pain;
    v.labs = {test::lab(core::Analyte::Crp, crpMgPerL, "mg/L", date)};
    return v;
}

void expectSameFigures(const PatientFigures& expected, const PatientFigures& actual) {
    EXPECT_EQ(expected.visitCount, actual.visitCount);
    EXPECT_EQ(expected.filmCount, actual.filmCount);
    EXPECT_EQ(expected.lastVisit, actual.lastVisit);
    EXPECT_EQ(expected.latestMsasss, actual.latestMsasss);
    EXPECT_EQ(expected.latestMsasssDate, actual.latestMsasssDate);
    EXPECT_EQ(expected.latestAsdas, actual.latestAsdas);
    EXPECT_EQ(expected.latestAsdasMarker, actual.latestAsdasMarker);
    EXPECT_EQ(expected.latestAsdasState, actual.latestAsdasState);
    EXPECT_EQ(expected.latestAsdasDate, actual.latestAsdasDate);
    EXPECT_EQ(expected.progressor, actual.progressor);
    EXPECT_EQ(expected.searchKey, actual.searchKey);
    EXPECT_EQ(expected.searchInitials, actual.searchInitials);
}

class PatientSummaries : public ::testing::TestWithParam<sql::Engine> {
protected:
    // Readings are saved for registered readers only.
    PatientSummaries() { test::registerReaders(m_db, {"Dr. Rossi", "R"}); }
    PatientFigures stored(std::int64_t patientId) {
        const auto figures = readFigures(m_db, patientId);
        if (!figures)
            throw std::runtime_error("no summary row for patient " + std::to_string(patientId));
        return *figures;
    }
    /// What the core computes from the stored history right now.
    PatientFigures computed(std::int64_t patientId) {
        return computeFigures(*HistoryReader(m_db).load(patientId), readSettings(m_db));
    }
    void expectCurrent(std::int64_t patientId) { expectSameFigures(computed(patientId), stored(patientId)); }

    test::TempDir m_dir;
    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    PatientRepository m_patients{m_db};
    VisitRepository m_visits{m_db};
    FilmRepository m_films{m_db};
};

TEST_P(PatientSummaries, KeptCurrentAfterEveryKindOfWrite) {
    const auto id = m_patients.add(test::fullPatient());
    PatientFigures f = stored(id);
    EXPECT_EQ(f.visitCount, 0);
    EXPECT_FALSE(f.lastVisit);
    EXPECT_FALSE(f.latestAsdas);
    EXPECT_FALSE(f.progressor);

    // Visits: add, update, remove.
    m_visits.add(id, asdasVisit(Date(2019, 3, 1), 6, 30));
    f = stored(id);
    EXPECT_EQ(f.lastVisit, Date(2019, 3, 1));
    ASSERT_TRUE(f.latestAsdas);
    const auto expectedAsdas =
        core::scoreVisit(test::fullPatient(), asdasVisit(Date(2019, 3, 1), 6, 30), {}, core::Settings{})
            .asdasCrp;
    EXPECT_DOUBLE_EQ(*f.latestAsdas, *expectedAsdas.value);
    EXPECT_EQ(f.latestAsdasState, expectedAsdas.state);
    EXPECT_EQ(f.latestAsdasMarker, core::AsdasMarker::Crp);
    expectCurrent(id);

    const auto second = m_visits.add(id, asdasVisit(Date(2021, 2, 20), 1, 1));
    EXPECT_EQ(stored(id).lastVisit, Date(2021, 2, 20));
    EXPECT_EQ(stored(id).latestAsdasState, core::AsdasState::Inactive);
    expectCurrent(id);

    m_visits.update(second, asdasVisit(Date(2021, 2, 20), 8, 60), "typed into the wrong visit");
    EXPECT_EQ(stored(id).latestAsdasState, core::AsdasState::VeryHigh);
    expectCurrent(id);

    m_visits.remove(second, "duplicate");
    EXPECT_EQ(stored(id).lastVisit, Date(2019, 3, 1));
    EXPECT_EQ(stored(id).visitCount, 1);
    expectCurrent(id);

    // A visit without the ASDAS inputs does not hide the latest computable ASDAS.
    core::Visit sparse;
    sparse.date = Date(2022, 1, 10);
    sparse.basdai.q1 = 2;
    m_visits.add(id, sparse);
    EXPECT_EQ(stored(id).lastVisit, Date(2022, 1, 10));
    EXPECT_EQ(stored(id).latestAsdasDate, Date(2019, 3, 1));
    expectCurrent(id);

    // Films and readings: add, re-score, delete.
    const auto film1 = m_films.addFilm(id, Date(2019, 3, 1));
    EXPECT_EQ(stored(id).filmCount, 1);
    EXPECT_FALSE(stored(id).latestMsasss);  // not read yet
    m_films.addReading(film1, uniformReading("Dr. Rossi", 0));
    EXPECT_EQ(stored(id).latestMsasss, 0.0);
    EXPECT_FALSE(stored(id).progressor);  // one film: not assessable

    const auto film2 = m_films.addFilm(id, Date(2021, 2, 20));
    const auto reading2 = m_films.addReading(film2, uniformReading("Dr. Rossi", 0));
    EXPECT_EQ(stored(id).progressor, false);
    expectCurrent(id);

    m_films.updateReading(reading2, uniformReading("Dr. Rossi", 1), "re-read with better images");
    EXPECT_EQ(stored(id).latestMsasss, 24.0);
    EXPECT_EQ(stored(id).latestMsasssDate, Date(2021, 2, 20));
    EXPECT_EQ(stored(id).progressor, true);
    expectCurrent(id);

    m_films.removeFilm(film2, "wrong patient's film");
    EXPECT_EQ(stored(id).latestMsasss, 0.0);
    EXPECT_FALSE(stored(id).progressor);
    expectCurrent(id);

    // The patient: update keeps the row, delete removes it.
    core::Patient changed = test::fullPatient();
    changed.name = "王伟伟";
    m_patients.update(id, changed, "spelling");
    expectCurrent(id);
    m_patients.remove(id, "test patient");
    EXPECT_FALSE(readFigures(m_db, id));
}

// The figures are computed with the settings: changing one (audited) rewrites every patient's row.
TEST_P(PatientSummaries, ASettingChangeRewritesTheFigures) {
    const auto id = m_patients.add(test::fullPatient());
    m_films.addReading(m_films.addFilm(id, Date(2019, 3, 1)), uniformReading("Dr. Rossi", 0));
    m_films.addReading(m_films.addFilm(id, Date(2021, 2, 20)), uniformReading("Dr. Rossi", 1));
    EXPECT_EQ(stored(id).progressor, true);  // +24 units in under 2 years
    changeSetting(m_db, "progression.min_change_units", "30", "cohort protocol");
    EXPECT_EQ(stored(id).progressor, false);
    expectCurrent(id);
}

TEST_P(PatientSummaries, AFailedWriteLeavesTheFiguresAsTheyWere) {
    const auto id = m_patients.add(test::fullPatient());
    m_visits.add(id, asdasVisit(Date(2019, 3, 1), 6, 30));
    const PatientFigures before = stored(id);
    // A second visit on the same date is refused: the figures must not move either.
    EXPECT_THROW(m_visits.add(id, asdasVisit(Date(2019, 3, 1), 1, 1)), core::ValidationError);
    expectSameFigures(before, stored(id));
}

TEST_P(PatientSummaries, ImportComputesEachPatientOnce) {
    const Date today(2026, 6, 1);
    std::vector<core::PatientHistory> histories;
    for (int i = 0; i < 40; ++i)
        histories.push_back(demo::demoPatient(7, i, today));
    importHistories(m_db, histories, true, "test");
    const int patients = m_patients.count();
    ASSERT_EQ(patients, 40);
    EXPECT_EQ(test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM patient_summary"), patients);
    int withMsasss = 0, progressors = 0;
    for (const auto& row : m_patients.search("", 100)) {
        expectCurrent(row.id);
        withMsasss += stored(row.id).latestMsasss.has_value();
        progressors += stored(row.id).progressor.value_or(false);
    }
    // The demo cohort has films and progressors: the figures are not all empty.
    EXPECT_GT(withMsasss, 20);
    EXPECT_GT(progressors, 0);
}

TEST(PatientSummaryMigration, AVersionOneFileIsFilledWhenMigrated) {
    test::TempDir dir;
    const auto file = dir / "old.db";
    std::vector<std::int64_t> ids;
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < 25; ++i)
            histories.push_back(demo::demoPatient(3, i, Date(2026, 6, 1)));
        importHistories(db, histories, true, "test");
        for (const auto& row : PatientRepository(db).search("", 100))
            ids.push_back(row.id);
    }
    test::downgradeTo(file, 1);
    Database db(file, "dr.zhang");
    EXPECT_TRUE(db.migrationBackup().has_value());
    EXPECT_EQ(test::rawInt(sql::connectionOf(db), "PRAGMA user_version"), currentSchemaVersion());
    ASSERT_EQ(test::rawInt(sql::connectionOf(db), "SELECT count(*) FROM patient_summary"), 25);
    const core::Settings settings = readSettings(db);
    for (std::int64_t id : ids) {
        const auto stored = readFigures(db, id);
        ASSERT_TRUE(stored) << id;
        expectSameFigures(computeFigures(*HistoryReader(db).load(id), settings), *stored);
    }
}

TEST(PatientSummaryMigration, AVersionSevenFileGetsEveryPatientsSearchKey) {
    test::TempDir dir;
    const auto file = dir / "seven.db";
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        PatientRepository patients(db);
        patients.add(test::fullPatient("AS-0120", "Jürgen Murphy"));
        patients.add(test::fullPatient("AS-0121", "王芳"));
    }
    {
        // What version 7 wrote: the summary without its search key.
        sql::SqliteConnection raw(file, sql::SqliteConnection::Access::ReadWrite, 5000);
        test::undoVersionNine(raw);
        raw.exec("ALTER TABLE patient_summary DROP COLUMN search_key; PRAGMA user_version = 7");
    }
    Database db(file, "dr.zhang");
    EXPECT_EQ(test::rawInt(sql::connectionOf(db), "PRAGMA user_version"), currentSchemaVersion());
    PatientList list(db);
    EXPECT_EQ(list.count(""), 2);
    EXPECT_EQ(list.count("jurgen"), 1);
    EXPECT_EQ(list.count("王"), 1);
    EXPECT_EQ(list.count("as-01"), 2);
}

TEST(PatientSummaryMigration, AVersionNineFileGetsThePinyinOfEveryHanName) {
    test::TempDir dir;
    const auto file = dir / "nine.db";
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        PatientRepository patients(db);
        patients.add(test::fullPatient("AS-0001", "王小明"));
        patients.add(test::fullPatient("AS-0002", "单伟"));
        patients.add(test::fullPatient("AS-0003", "Jürgen Murphy"));
    }
    {
        sql::SqliteConnection raw(file, sql::SqliteConnection::Access::ReadWrite, 5000);
        test::undoVersionTen(raw);  // the keys as version 9 wrote them, without pinyin
        EXPECT_EQ(test::rawInt(raw, "SELECT count(*) FROM patient_summary WHERE search_key LIKE '%wang%'"),
                  0);
    }
    Database db(file, "dr.zhang");
    EXPECT_TRUE(db.migrationBackup().has_value());
    EXPECT_EQ(test::rawInt(sql::connectionOf(db), "PRAGMA user_version"), currentSchemaVersion());
    PatientList list(db);
    EXPECT_EQ(list.count("wangxiaoming"), 1);
    EXPECT_EQ(list.count("wxm"), 1);
    EXPECT_EQ(list.count("shan wei"), 1);  // 单, read as the surname
    EXPECT_EQ(list.count("sw"), 1);
    EXPECT_EQ(list.count("jurgen"), 1);
    EXPECT_EQ(list.count("王"), 1);
    const auto id = PatientRepository(db).idOf("AS-0001");
    ASSERT_TRUE(id);
    EXPECT_EQ(readFigures(db, *id)->searchKey, "as-0001 王小明 wangxiaoming");
    EXPECT_EQ(readFigures(db, *id)->searchInitials, "wxm");
}

/// Data written around the app (a hand edit): the patient's birth date moved after a visit with a
/// DXA scan, which core then refuses to score (a BMD scan before birth).
void moveBirthAfterTheVisits(sql::Connection& db, std::int64_t patientId) {
    sql::Statement edit(db,
                        "UPDATE patient SET birth_date = '2024-01-01', symptom_onset = NULL, "
                        "diagnosis_date = NULL WHERE id = ?");
    edit.bind(1, patientId);
    edit.exec();
}

TEST_P(PatientSummaries, AVisitCoreCannotScoreCountsAsNotComputable) {
    const auto id = m_patients.add(test::fullPatient());
    const auto first = m_visits.add(id, asdasVisit(Date(2019, 3, 1), 6, 30));
    m_visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    moveBirthAfterTheVisits(sql::connectionOf(m_db), id);
    const auto history = HistoryReader(m_db).load(id);
    ASSERT_TRUE(history);
    ASSERT_THROW(core::scoreVisit(history->patient, history->visits.back(), history->films, core::Settings{}),
                 core::ValidationError);

    // The visit the core refuses has no ASDAS: the latest computable one is the earlier visit.
    const PatientFigures figures = computeFigures(*history, readSettings(m_db));
    EXPECT_EQ(figures.lastVisit, Date(2020, 5, 4));
    EXPECT_EQ(figures.latestAsdasDate, Date(2019, 3, 1));
    // The patient's other data can still be written.
    m_visits.remove(first, "entered twice");
    EXPECT_EQ(stored(id).visitCount, 1);
    EXPECT_FALSE(stored(id).latestAsdas);
    expectCurrent(id);
}

TEST(PatientSummaryMigration, AVisitCoreCannotScoreDoesNotStopTheMigration) {
    test::TempDir dir;
    const auto file = dir / "old.db";
    std::int64_t id = 0;
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        id = PatientRepository(db).add(test::fullPatient());
        VisitRepository(db).add(id, test::fullVisit(Date(2020, 5, 4)));
    }
    {
        sql::SqliteConnection raw(file, sql::SqliteConnection::Access::ReadWrite, 5000);
        moveBirthAfterTheVisits(raw, id);
    }
    test::downgradeTo(file, 1);
    Database db(file, "dr.zhang");
    EXPECT_EQ(test::rawInt(sql::connectionOf(db), "PRAGMA user_version"), currentSchemaVersion());
    const auto stored = readFigures(db, id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->visitCount, 1);
    EXPECT_FALSE(stored->latestAsdas);
}

TEST_P(PatientSummaries, ThePatientsAuditTrailListsItsRowsAndItsDeletions) {
    const auto id = m_patients.add(test::fullPatient());
    const auto other = m_patients.add(test::minimalWoman());
    const auto visit = m_visits.add(id, asdasVisit(Date(2019, 3, 1), 6, 30));
    m_visits.add(other, asdasVisit(Date(2019, 3, 1), 6, 30));
    const auto film = m_films.addFilm(id, Date(2019, 3, 1));
    const auto reading = m_films.addReading(film, uniformReading("Dr. Rossi", 1));
    m_films.updateReading(reading, uniformReading("Dr. Rossi", 2), "regraded");
    m_visits.remove(visit, "entered twice");
    m_films.removeFilm(film, "wrong patient");

    std::vector<std::string> seen;
    for (const AuditRow& row : patientAuditRows(m_db, id))
        seen.push_back(row.table + " " + row.action + (row.reason.empty() ? "" : " (" + row.reason + ")"));
    // The deleted film's readings are in its deletion row, not listed one by one.
    EXPECT_EQ(seen,
              (std::vector<std::string>{"patient insert", "visit insert", "film insert",
                                        "visit delete (entered twice)", "film delete (wrong patient)"}));
    // The other patient's trail has none of these.
    EXPECT_EQ(patientAuditRows(m_db, other).size(), 2u);
}

TEST_P(PatientSummaries, APatientsAuditTrailKeepsToItsOwnRowsWhenSQLiteReusesAnId) {
    if (GetParam() == sql::Engine::Postgresql)
        GTEST_SKIP() << "a server never gives an id twice";
    const auto first = m_patients.add(test::fullPatient());
    const auto other = m_patients.add(test::minimalWoman());
    const auto trail = [&](std::int64_t patient) {
        std::vector<std::string> seen;
        for (const AuditRow& row : patientAuditRows(m_db, patient))
            seen.push_back(row.table + " " + row.action +
                           (row.reason.empty() ? "" : " (" + row.reason + ")"));
        return seen;
    };
    // A visit typed into the wrong patient, deleted and typed into the right one: SQLite gives the
    // new visit the deleted one's id (the highest id is reused).
    const auto wrong = m_visits.add(first, asdasVisit(Date(2019, 3, 1), 6, 30));
    m_visits.remove(wrong, "wrong patient");
    const auto right = m_visits.add(other, asdasVisit(Date(2019, 3, 1), 6, 30));
    ASSERT_EQ(right, wrong) << "the test needs SQLite to reuse the id";
    EXPECT_EQ(trail(first),
              (std::vector<std::string>{"patient insert", "visit insert", "visit delete (wrong patient)"}));
    EXPECT_EQ(trail(other), (std::vector<std::string>{"patient insert", "visit insert"}));

    // The same for a patient deleted and another added after it.
    m_patients.remove(other, "test patient");
    const auto next = m_patients.add(test::minimalWoman("AS-0003", "张敏"));
    ASSERT_EQ(next, other) << "the test needs SQLite to reuse the id";
    EXPECT_EQ(trail(next), (std::vector<std::string>{"patient insert"}));
}

// ---- The patient list ----------------------------------------------------------------------

class PatientListTest : public PatientSummaries {
protected:
    std::vector<std::string> ids(const std::vector<PatientListRow>& rows) {
        std::vector<std::string> out;
        for (const auto& row : rows)
            out.push_back(row.clinicId);
        return out;
    }
    std::int64_t patient(const std::string& clinicId, const std::string& name, Date birth) {
        core::Patient p = test::minimalWoman(clinicId, name);
        p.birth = birth;
        return m_patients.add(p);
    }
};

TEST_P(PatientListTest, SearchesSortsAndPages) {
    const auto a = patient("AS-001", "Wang Wei", Date(1980, 1, 1));
    const auto b = patient("AS-002", "wang li", Date(1990, 1, 1));
    const auto c = patient("AS-003", "Chen Jie", Date(1970, 1, 1));
    patient("BX-100", "Zhou Min", Date(2000, 1, 1));
    // mSASSS: a 24, b 48, c 0; d has no film.
    m_films.addReading(m_films.addFilm(a, Date(2020, 1, 1)), uniformReading("R", 1));
    m_films.addReading(m_films.addFilm(b, Date(2020, 1, 1)), uniformReading("R", 2));
    m_films.addReading(m_films.addFilm(c, Date(2020, 1, 1)), uniformReading("R", 0));

    PatientList list(m_db);
    EXPECT_EQ(list.count(""), 4);
    EXPECT_EQ(list.count("AS"), 3);
    EXPECT_EQ(list.count("wang"), 2);  // names ignore case
    EXPECT_EQ(list.count("WANG L"), 1);
    EXPECT_EQ(list.count("nobody"), 0);

    using S = PatientSort;
    EXPECT_EQ(ids(list.page("", S::ClinicId, false, 10, 0)),
              (std::vector<std::string>{"AS-001", "AS-002", "AS-003", "BX-100"}));
    EXPECT_EQ(ids(list.page("", S::ClinicId, true, 10, 0)),
              (std::vector<std::string>{"BX-100", "AS-003", "AS-002", "AS-001"}));
    EXPECT_EQ(ids(list.page("", S::Name, false, 10, 0)),
              (std::vector<std::string>{"AS-003", "AS-002", "AS-001", "BX-100"}));
    // Youngest first; by date of birth, oldest first.
    EXPECT_EQ(ids(list.page("", S::Age, false, 10, 0)),
              (std::vector<std::string>{"BX-100", "AS-002", "AS-001", "AS-003"}));
    EXPECT_EQ(ids(list.page("", S::Birth, false, 10, 0)),
              (std::vector<std::string>{"AS-003", "AS-001", "AS-002", "BX-100"}));
    // Highest mSASSS first; no film last.
    EXPECT_EQ(ids(list.page("", S::LatestMsasss, true, 10, 0)),
              (std::vector<std::string>{"AS-002", "AS-001", "AS-003", "BX-100"}));
    EXPECT_EQ(ids(list.page("wang", S::LatestMsasss, false, 10, 0)),
              (std::vector<std::string>{"AS-001", "AS-002"}));

    // Pages of 3 then 1 give the whole list once.
    auto firstPage = ids(list.page("", S::LatestMsasss, true, 3, 0));
    auto secondPage = ids(list.page("", S::LatestMsasss, true, 3, 3));
    EXPECT_EQ(firstPage.size(), 3u);
    EXPECT_EQ(secondPage, (std::vector<std::string>{"BX-100"}));

    const auto rows = list.page("AS-002", S::ClinicId, false, 10, 0);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].name, "wang li");
    EXPECT_EQ(rows[0].latestMsasss, 48.0);
    EXPECT_EQ(rows[0].progressor, std::nullopt);
}

// The look-ups a clinic makes every day (issue 17): a surname, part of an ID, an ID in lower case, a
// name typed without its diacritics, surname before first name, and names in Chinese.
TEST_P(PatientListTest, FindsAnyPartOfTheIdOrNameWithoutRegardToCaseOrDiacritics) {
    patient("AS-0001", "Jürgen Murphy", Date(1970, 1, 1));
    patient("AS-1203", "Siobhán Murphy", Date(1980, 1, 1));
    patient("AS-0002", "Wang Wei", Date(1985, 1, 1));
    patient("AS-0003", "Zhang Wang", Date(1986, 1, 1));
    patient("AS-0004", "王小明", Date(1990, 1, 1));
    patient("AS-0005", "Ødegård Straße", Date(1991, 1, 1));
    patient("AS-0006", "50%_off", Date(1992, 1, 1));
    PatientList list(m_db);
    const auto found = [&](const std::string& typed) {
        return ids(list.page(typed, PatientSort::ClinicId, false, 10, 0));
    };
    using L = std::vector<std::string>;
    EXPECT_EQ(found("Murphy"), (L{"AS-0001", "AS-1203"}));
    EXPECT_EQ(found("120"), (L{"AS-1203"}));
    EXPECT_EQ(found("as-0001"), (L{"AS-0001"}));
    EXPECT_EQ(found("Jurgen"), (L{"AS-0001"}));
    EXPECT_EQ(found("jürgen"), (L{"AS-0001"}));
    EXPECT_EQ(found("JURGEN"), (L{"AS-0001"}));
    EXPECT_EQ(found("siobhan"), (L{"AS-1203"}));
    EXPECT_EQ(found("murphy j"), (L{"AS-0001"}));  // any order
    EXPECT_EQ(found("  jurgen   murphy "), (L{"AS-0001"}));
    EXPECT_EQ(found("wang w"), (L{"AS-0002"}));  // each word at its own place: not every Wang, nor 王小明
    EXPECT_EQ(found("wang"), (L{"AS-0002", "AS-0003", "AS-0004"}));  // 王小明 by its pinyin
    EXPECT_EQ(found("小明"), (L{"AS-0004"}));
    EXPECT_EQ(found("odegard strasse"), (L{"AS-0005"}));
    EXPECT_EQ(found("STRAßE"), (L{"AS-0005"}));
    EXPECT_EQ(found("%"), (L{"AS-0006"}));  // LIKE's wildcards are plain characters
    EXPECT_EQ(found("0%_"), (L{"AS-0006"}));
    EXPECT_EQ(found("_"), (L{"AS-0006"}));
    EXPECT_EQ(found("murphy jurgen siobhan"), L{});
    EXPECT_EQ(list.count("murphy"), 2);
    EXPECT_EQ(list.count("0 0 0 0 1"), 0);  // past three words: the typed order, each at its own place
    EXPECT_EQ(list.count("as 0 0 1"), 1);   // AS-0001
    // A changed name is found by its new name at once.
    const auto id = *m_patients.idOf("AS-0002");
    core::Patient renamed = m_patients.find(id)->patient;
    renamed.name = "Wáng Wěi-Lín";
    m_patients.update(id, renamed, "name corrected");
    EXPECT_EQ(found("wei-lin"), (L{"AS-0002"}));
}

TEST_P(PatientListTest, EverySortGivesEveryPatientExactlyOnceAcrossPages) {
    std::vector<core::PatientHistory> histories;
    for (int i = 0; i < 60; ++i)
        histories.push_back(demo::demoPatient(11, i, Date(2026, 6, 1)));
    importHistories(m_db, histories, true, "test");
    PatientList list(m_db);
    for (PatientSort sort : {PatientSort::ClinicId, PatientSort::Name, PatientSort::Sex, PatientSort::Birth,
                             PatientSort::Age, PatientSort::DiseaseDuration, PatientSort::LastVisit,
                             PatientSort::LatestMsasss, PatientSort::LatestAsdas, PatientSort::Progressor})
        for (bool descending : {false, true}) {
            std::multiset<std::int64_t> seen;
            for (int offset = 0; offset < 60; offset += 7)
                for (const auto& row : list.page("", sort, descending, 7, offset))
                    seen.insert(row.id);
            EXPECT_EQ(seen.size(), 60u) << static_cast<int>(sort) << descending;
            EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), 60u);
        }
}

// Issue: names in Han characters found by pinyin, full syllables or initials, without tones or case.
TEST_P(PatientListTest, FindsHanNamesByPinyin) {
    patient("AS-0001", "王小明", Date(1990, 1, 1));
    patient("AS-0002", "Wang Wei", Date(1985, 1, 1));
    patient("AS-0003", "单伟", Date(1980, 1, 1));
    patient("AS-0004", "曾志强", Date(1975, 1, 1));
    patient("AS-0005", "吕芳", Date(1970, 1, 1));
    patient("AS-0006", "David 张", Date(1965, 1, 1));
    PatientList list(m_db);
    const auto found = [&](const std::string& typed) {
        return ids(list.page(typed, PatientSort::ClinicId, false, 10, 0));
    };
    using L = std::vector<std::string>;
    for (const char* typed :
         {"wang", "wangxiaoming", "wang xiao ming", "xiaoming", "wxm", "WXM", "WangXiaoMing",
          "wáng xiǎo míng", "xiao wang", "王", "小明", "as-0001 xiaoming", "王 xiaoming"})
        EXPECT_NE(found(typed), L{}) << typed;
    EXPECT_EQ(found("wangxiaoming"), L{"AS-0001"});
    EXPECT_EQ(found("wang xiao ming"), L{"AS-0001"});
    EXPECT_EQ(found("xiaoming"), L{"AS-0001"});
    EXPECT_EQ(found("wxm"), L{"AS-0001"});
    EXPECT_EQ(found("wáng"), (L{"AS-0001", "AS-0002"}));
    EXPECT_EQ(found("wang w"), L{"AS-0002"});  // Wang Wei: 王小明's initials do not count as a w
    EXPECT_EQ(found("wei"), (L{"AS-0002", "AS-0003"}));
    // Polyphonic surnames by their common reading and as surnames: 单 dan / shan, 曾 ceng / zeng.
    EXPECT_EQ(found("danwei"), L{"AS-0003"});
    EXPECT_EQ(found("shan wei"), L{"AS-0003"});
    EXPECT_EQ(found("sw"), L{"AS-0003"});
    EXPECT_EQ(found("zeng zhiqiang"), L{"AS-0004"});
    EXPECT_EQ(found("zzq"), L{"AS-0004"});
    EXPECT_EQ(found("ceng"), L{"AS-0004"});
    // ü: as folded, as typed on a Chinese keyboard, as on a passport.
    for (const char* typed : {"lǚ fāng", "lu fang", "lvfang", "lyu", "LF"})
        EXPECT_EQ(found(typed), L{"AS-0005"}) << typed;
    EXPECT_EQ(found("david zhang"), L{"AS-0006"});
    EXPECT_EQ(found("zhangxiaoming"), L{});
    EXPECT_EQ(found("w x"), L{"AS-0001"});  // initials typed apart, in order
    // A renamed patient is found by the new name's pinyin at once, and no longer by the old one.
    const auto id = *m_patients.idOf("AS-0001");
    core::Patient renamed = m_patients.find(id)->patient;
    renamed.name = "王晓敏";
    m_patients.update(id, renamed, "name corrected");
    EXPECT_EQ(found("xiaomin"), L{"AS-0001"});
    EXPECT_EQ(found("wxm"), L{"AS-0001"});
    EXPECT_EQ(found("xiaoming"), L{});
}

/// The demo's Chinese names spelled by hand (src/demo/demo_vocabulary.h), syllables apart.
const std::map<std::string, std::string>& demoPinyin() {
    static const std::map<std::string, std::string> spelled = {
        {"王", "wang"},      {"李", "li"},         {"张", "zhang"},      {"刘", "liu"},
        {"陈", "chen"},      {"杨", "yang"},       {"黄", "huang"},      {"赵", "zhao"},
        {"吴", "wu"},        {"周", "zhou"},       {"徐", "xu"},         {"孙", "sun"},
        {"马", "ma"},        {"朱", "zhu"},        {"胡", "hu"},         {"郭", "guo"},
        {"何", "he"},        {"林", "lin"},        {"高", "gao"},        {"罗", "luo"},
        {"伟", "wei"},       {"强", "qiang"},      {"磊", "lei"},        {"军", "jun"},
        {"勇", "yong"},      {"杰", "jie"},        {"涛", "tao"},        {"明", "ming"},
        {"超", "chao"},      {"刚", "gang"},       {"建华", "jian hua"}, {"志强", "zhi qiang"},
        {"俊杰", "jun jie"}, {"浩然", "hao ran"},  {"国庆", "guo qing"}, {"晓东", "xiao dong"},
        {"芳", "fang"},      {"娜", "na"},         {"敏", "min"},        {"静", "jing"},
        {"丽", "li"},        {"艳", "yan"},        {"娟", "juan"},       {"霞", "xia"},
        {"婷", "ting"},      {"雪", "xue"},        {"秀英", "xiu ying"}, {"欣怡", "xin yi"},
        {"丽娟", "li juan"}, {"晓燕", "xiao yan"}, {"慧敏", "hui min"},  {"玉兰", "yu lan"},
    };
    return spelled;
}

/// A demo name's syllables, spelled by hand: the family name is its first character (3 bytes in UTF-8).
std::vector<std::string> demoSyllables(const std::string& name) {
    std::vector<std::string> syllables;
    std::istringstream words(demoPinyin().at(name.substr(0, 3)) + " " + demoPinyin().at(name.substr(3)));
    for (std::string word; words >> word;)
        syllables.push_back(word);
    return syllables;
}

TEST_P(PatientListTest, FindsTheDemosChineseNamesByPinyin) {
    std::vector<core::PatientHistory> histories;
    for (int i = 0; i < 80; ++i)
        histories.push_back(demo::demoPatient(5, i, Date(2026, 6, 1)));
    importHistories(m_db, histories, true, "test");
    std::set<std::string> chinese;  // clinic IDs
    for (const auto& history : histories)
        if (static_cast<unsigned char>(history.patient.name[0]) >= 0x80)
            chinese.insert(history.patient.clinicId);
    ASSERT_GE(chinese.size(), 8u);  // about one in five
    PatientList list(m_db);
    for (const auto& history : histories) {
        if (!chinese.count(history.patient.clinicId))
            continue;
        const std::vector<std::string> syllables = demoSyllables(history.patient.name);
        std::string joined, apart, initials;
        for (const std::string& syllable : syllables) {
            joined += syllable;
            apart += syllable + " ";
            initials += syllable[0];
        }
        for (const std::string& typed : {joined, apart, initials, syllables.front(), history.patient.name}) {
            const auto rows = list.page(typed, PatientSort::ClinicId, false, 100, 0);
            const auto clinicIds = ids(rows);
            EXPECT_NE(std::find(clinicIds.begin(), clinicIds.end(), history.patient.clinicId),
                      clinicIds.end())
                << history.patient.name << " by \"" << typed << "\"";
            if (typed != joined)
                continue;  // "li", "ma" or "mm" are in Latin names too (Julia, Maria, Emma)
            for (const std::string& other : clinicIds)  // a whole name's pinyin finds no Latin name
                EXPECT_TRUE(chinese.count(other)) << other << " by \"" << typed << "\"";
        }
    }
}

ANKYLOS_ON_BOTH_ENGINES(PatientSummaries);
ANKYLOS_ON_BOTH_ENGINES(PatientListTest);

}  // namespace
}  // namespace ankylos::storage
