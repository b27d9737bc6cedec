// The audit trail (issue 3, section 3): one row per change with who, what, old and new values and
// the reason; append-only; hash-chained so that an edit or a deletion by an outside tool is found.
#include "storage/audit.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "engine_database.h"
#include "sample_records.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using nlohmann::json;

class AuditTrail : public ::testing::TestWithParam<sql::Engine> {
protected:
    // Readings are saved for registered readers only.
    AuditTrail() { test::registerReaders(m_db, {"Dr. Chen", "Dr. Wu"}); }
    int auditRows() { return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM audit_log"); }
    /// Some history: 3 patients, visits, films, changes and deletions.
    void fillSomeHistory() {
        PatientRepository patients(m_db);
        VisitRepository visits(m_db);
        FilmRepository films(m_db);
        for (int i = 0; i < 3; ++i) {
            const auto id =
                patients.add(test::fullPatient("AS-" + std::to_string(i), "Patient " + std::to_string(i)));
            const auto visit = visits.add(id, test::fullVisit(Date(2020, 5, 4)));
            const auto film = films.addFilm(id, Date(2020, 5, 4));
            films.addReading(film, test::fullReading("Dr. Chen", i));
            visits.update(visit, test::fullVisit(Date(2020, 5, 5)), "date typo");
        }
    }
    bool onServer() const { return GetParam() == sql::Engine::Postgresql; }
    void tamper(const std::string& sql) { test::pastAppendOnlyTriggers(sql::connectionOf(m_db), sql); }
    void dropTrigger(const std::string& name) {
        sql::connectionOf(m_db).exec("DROP TRIGGER " + name + (onServer() ? " ON audit_log" : ""));
    }
    void restoreTriggers() { test::restoreAppendOnlyTriggers(sql::connectionOf(m_db)); }
    static std::string joined(const std::vector<std::string>& problems) {
        std::string text;
        for (const std::string& problem : problems)
            text += problem + "\n";
        return text;
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.li", Open::CreateNew};
};

TEST_P(AuditTrail, EveryChangeWritesARow) {
    PatientRepository patients(m_db);
    VisitRepository visits(m_db);
    FilmRepository films(m_db);
    EXPECT_EQ(auditRows(), 1);  // the baseline a new database starts with

    const auto id = patients.add(test::fullPatient());
    auto rows = auditRowsFor(m_db, "patient", id);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].user, m_db.user());  // "dr.li" on a file, the signed-in account on a server
    EXPECT_EQ(rows[0].table, "patient");
    EXPECT_EQ(rows[0].rowId, id);
    EXPECT_EQ(rows[0].action, "insert");
    EXPECT_EQ(rows[0].oldValues, "");
    EXPECT_EQ(json::parse(rows[0].newValues).at("name"), "王伟");
    EXPECT_EQ(json::parse(rows[0].newValues).at("birth_date"), "1985-03-14");
    EXPECT_EQ(rows[0].reason, "");
    EXPECT_EQ(rows[0].at.size(), 20u);
    EXPECT_EQ(rows[0].at.back(), 'Z');

    patients.update(id, test::fullPatient("AS-0001", "王伟伟"), "name misspelt");
    rows = auditRowsFor(m_db, "patient", id);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].action, "update");
    EXPECT_EQ(json::parse(rows[1].oldValues).at("name"), "王伟");
    EXPECT_EQ(json::parse(rows[1].newValues).at("name"), "王伟伟");
    EXPECT_EQ(rows[1].reason, "name misspelt");

    const auto visit = visits.add(id, test::fullVisit(Date(2020, 5, 4)));
    core::Visit changed = test::fullVisit(Date(2020, 5, 4));
    changed.basdai.q1 = 9;
    visits.update(visit, changed, "Q1 misread");
    rows = auditRowsFor(m_db, "visit", visit);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].action, "insert");
    EXPECT_EQ(json::parse(rows[0].newValues).at("basdai_q1"), 3.5);
    EXPECT_EQ(json::parse(rows[0].newValues).at("labs").size(), 11u);
    EXPECT_EQ(rows[1].action, "update");
    EXPECT_EQ(json::parse(rows[1].oldValues).at("basdai_q1"), 3.5);
    EXPECT_EQ(json::parse(rows[1].newValues).at("basdai_q1"), 9);
    EXPECT_EQ(rows[1].reason, "Q1 misread");

    const auto film = films.addFilm(id, Date(2020, 5, 4));
    const auto reading = films.addReading(film, test::fullReading("Dr. Chen"));
    films.updateReading(reading, test::fullReading("Dr. Chen", 1), "regraded");
    const auto pelvic = films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 5, 4), 2, 2});
    ASSERT_EQ(auditRowsFor(m_db, "film", film).size(), 1u);
    rows = auditRowsFor(m_db, "reading", reading);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(json::parse(rows[0].newValues).at("sites").at("C2_inf"), "NA:not_visible");
    EXPECT_EQ(json::parse(rows[0].newValues).at("sites").at("C3_sup"), 1);
    EXPECT_FALSE(json::parse(rows[0].newValues).at("sites").contains("T1_sup"));  // not scored
    EXPECT_EQ(json::parse(rows[1].newValues).at("sites").at("C3_sup"), 2);
    EXPECT_EQ(rows[1].reason, "regraded");
    ASSERT_EQ(auditRowsFor(m_db, "sacroiliitis", pelvic).size(), 1u);

    films.removeFilm(film, "wrong patient");
    rows = auditRowsFor(m_db, "film", film);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].action, "delete");
    EXPECT_EQ(json::parse(rows[1].oldValues).at("readings").size(), 1u);
    EXPECT_EQ(rows[1].newValues, "");
    EXPECT_EQ(rows[1].reason, "wrong patient");

    visits.remove(visit, "duplicate visit");
    rows = auditRowsFor(m_db, "visit", visit);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].action, "delete");
    EXPECT_EQ(json::parse(rows[2].oldValues).at("basdai_q1"), 9);

    visits.add(id, test::fullVisit(Date(2021, 5, 4)));
    films.addReading(films.addFilm(id, Date(2021, 5, 4)), test::fullReading("Dr. Wu"));
    patients.remove(id, "withdrew consent");
    rows = auditRowsFor(m_db, "patient", id);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].action, "delete");
    EXPECT_EQ(rows[2].reason, "withdrew consent");
    EXPECT_EQ(rows[2].user, m_db.user());
    // The deletion keeps the whole history it removed.
    const json old = json::parse(rows[2].oldValues);
    EXPECT_EQ(old.at("patient").at("name"), "王伟伟");
    EXPECT_EQ(old.at("visits").size(), 1u);
    EXPECT_EQ(old.at("visits")[0].at("visit_date"), "2021-05-04");
    EXPECT_EQ(old.at("visits")[0].at("labs").size(), 11u);
    EXPECT_EQ(old.at("films").size(), 1u);
    EXPECT_EQ(old.at("films")[0].at("readings")[0].at("reader"), "Dr. Wu");
    ASSERT_EQ(old.at("pelvic_films").size(), 1u);
    EXPECT_EQ(old.at("pelvic_films")[0].at("reader"), "Dr. Chen");
    EXPECT_EQ(old.at("pelvic_films")[0].at("film_date"), "2020-05-04");
    EXPECT_EQ(old.at("pelvic_films")[0].at("left"), 2);
    EXPECT_EQ(old.at("pelvic_films")[0].at("right"), 2);

    EXPECT_EQ(auditRows(), 15);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty()) << joined(verifyAuditTrail(m_db));
}

TEST_P(AuditTrail, RefusedChangesWriteNoRow) {
    PatientRepository patients(m_db);
    const auto id = patients.add(test::fullPatient());
    core::Patient bad = test::fullPatient();
    bad.name = "";
    EXPECT_THROW(patients.add(bad), core::ValidationError);
    EXPECT_THROW(patients.update(id, test::fullPatient("AS-0001", "X"), ""), core::ValidationError);
    EXPECT_EQ(auditRows(), 2);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty());
}

TEST_P(AuditTrail, IntactTrailVerifies) {
    EXPECT_TRUE(verifyAuditTrail(m_db).empty());  // untouched new database
    fillSomeHistory();
    EXPECT_EQ(auditRows(), 16);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty()) << joined(verifyAuditTrail(m_db));
    // ... and still after closing and reopening with another user.
    const auto file = m_db.file();
    Database again(file, "dr.wu");
    PatientRepository(again).add(test::minimalWoman());
    EXPECT_TRUE(verifyAuditTrail(again).empty()) << joined(verifyAuditTrail(again));
    EXPECT_EQ(auditRowsFor(again, "patient", 4).at(0).user, again.user());
    EXPECT_EQ(again.readOnlyReason(), "");
}

TEST_P(AuditTrail, AppendOnlyTriggersRefuseUpdateAndDelete) {
    fillSomeHistory();
    const std::string before =
        sql::connectionOf(m_db).execAndGet("SELECT new_values FROM audit_log WHERE id = 3").getString();
    for (const char* sql : {"UPDATE audit_log SET reason = 'nothing happened' WHERE id = 3",
                            "UPDATE audit_log SET new_values = '{}'", "DELETE FROM audit_log WHERE id = 3",
                            "DELETE FROM audit_log"}) {
        SCOPED_TRACE(sql);
        try {
            sql::connectionOf(m_db).exec(sql);
            ADD_FAILURE() << "accepted";
        } catch (const sql::Error& e) {
            EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(auditRows(), 16);
    EXPECT_EQ(sql::connectionOf(m_db).execAndGet("SELECT new_values FROM audit_log WHERE id = 3").getString(),
              before);
    EXPECT_TRUE(verifyAuditTrail(m_db).empty());
}

TEST_P(AuditTrail, MissingTriggerIsReported) {
    fillSomeHistory();
    dropTrigger("audit_log_no_delete");
    const auto problems = verifyAuditTrail(m_db);
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_NE(problems[0].find("audit_log_no_delete"), std::string::npos);
}

TEST_P(AuditTrail, EditedRowIsNamed) {
    fillSomeHistory();
    // Drop the trigger and change what the record says, as the sqlite3 tool could.
    dropTrigger("audit_log_no_update");
    ASSERT_EQ(
        sql::Statement(sql::connectionOf(m_db),
                       "UPDATE audit_log SET new_values = replace(new_values, '3.5', '1.5') WHERE id = 8")
            .exec(),
        1);
    auto problems = verifyAuditTrail(m_db);
    const std::string text = joined(problems);
    EXPECT_NE(text.find("audit_log_no_update"), std::string::npos) << text;
    EXPECT_NE(text.find("audit trail row 8 "), std::string::npos) << text;
    EXPECT_NE(text.find("visit"), std::string::npos) << text;
    EXPECT_EQ(text.find("row 7 "), std::string::npos) << text;  // only the edited row is named
    EXPECT_EQ(text.find("row 9 "), std::string::npos) << text;

    // Putting the trigger back does not hide the edit; neither does editing the user or the time.
    restoreTriggers();
    problems = verifyAuditTrail(m_db);
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_NE(problems[0].find("audit trail row 8 "), std::string::npos);
    for (const char* edit : {"UPDATE audit_log SET user_name = 'someone' WHERE id = 4",
                             "UPDATE audit_log SET at = '2001-01-01T00:00:00Z' WHERE id = 5",
                             "UPDATE audit_log SET reason = '' WHERE id = 6",
                             "UPDATE audit_log SET row_id = 99 WHERE id = 10"}) {
        SCOPED_TRACE(edit);
        tamper(edit);
    }
    const std::string all = joined(verifyAuditTrail(m_db));
    for (const char* row : {"row 4 ", "row 5 ", "row 6 ", "row 8 ", "row 10 "})
        EXPECT_NE(all.find(std::string("audit trail ") + row), std::string::npos) << row << "\n" << all;
}

TEST_P(AuditTrail, DeletedMiddleRowIsDetected) {
    fillSomeHistory();
    tamper("DELETE FROM audit_log WHERE id = 9");
    const std::string text = joined(verifyAuditTrail(m_db));
    EXPECT_NE(text.find("rows 9 to 9 are missing"), std::string::npos) << text;
    EXPECT_NE(text.find("audit trail row 10 "), std::string::npos) << text;  // its successor's chain breaks
}

/// Rows cut off the end leave an intact shorter chain. `check` replays the trail against the clinical
/// rows, so the change the lost row recorded is named on either engine; a file's chain head beside it
/// and SQLite's row counter name the rows themselves (a server keeps nothing outside the database).
TEST_P(AuditTrail, DeletedLastRowIsDetected) {
    fillSomeHistory();
    tamper("DELETE FROM audit_log WHERE id = 16");  // the last change: a visit's date
    const std::string checked = joined(checkDatabase(m_db).problems);
    EXPECT_NE(checked.find("visit row 3 (patient AS-2, visit 2020-05-05): visit_date: stored \"2020-05-05\", "
                           "audited \"2020-05-04\""),
              std::string::npos)
        << checked;
    if (!onServer()) {
        EXPECT_NE(checked.find("rows 16 to 16 are missing"), std::string::npos) << checked;
    }
}

TEST_P(AuditTrail, DeletedFirstRowsAreDetected) {
    fillSomeHistory();
    tamper("DELETE FROM audit_log WHERE id <= 2");
    const std::string text = joined(verifyAuditTrail(m_db));
    EXPECT_NE(text.find("rows 1 to 2 are missing"), std::string::npos) << text;
}

TEST_P(AuditTrail, WipedTrailIsDetected) {
    fillSomeHistory();
    tamper("DELETE FROM audit_log");
    const std::string checked = joined(checkDatabase(m_db).problems);
    for (const char* patient : {"(patient AS-0)", "(patient AS-1)", "(patient AS-2)"})
        EXPECT_NE(checked.find(std::string(patient) + ": not in the audit trail (written outside Ankylos)"),
                  std::string::npos)
            << patient << "\n"
            << checked;
    if (!onServer()) {
        EXPECT_NE(checked.find("rows 1 to 16 are missing"), std::string::npos) << checked;
    }
}

TEST_P(AuditTrail, ReasonIsRequiredForChangesAndDeletions) {
    for (const AuditAction action : {AuditAction::Update, AuditAction::Delete}) {
        SCOPED_TRACE(toString(action));
        EXPECT_THROW(appendAudit(m_db, "dr.li", {"patient", 1, action, json::object(), nullptr, ""}),
                     core::ValidationError);
        EXPECT_THROW(appendAudit(m_db, "dr.li", {"patient", 1, action, json::object(), nullptr, " \t"}),
                     core::ValidationError);
    }
    EXPECT_EQ(auditRows(), 1);
    appendAudit(m_db, "dr.li", {"visit", std::nullopt, AuditAction::Export, nullptr, nullptr, ""});
    const auto problems = verifyAuditTrail(m_db);
    EXPECT_TRUE(problems.empty()) << joined(problems);
    EXPECT_EQ(toString(AuditAction::Import), "import");
}

ANKYLOS_ON_BOTH_ENGINES(AuditTrail);

}  // namespace
}  // namespace ankylos::storage
