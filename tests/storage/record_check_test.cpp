// `check` proves the record (issue 11, finding 2): the audit trail replayed and compared with every
// clinical row, so that a row inserted, changed or deleted outside Ankylos, or damage inside a value,
// is named; the keyed chain and its head outside the file, so that the trail itself cannot be
// rewritten or cut without the key. On both engines: outside Ankylos is the sqlite3 tool on a file,
// and on a server its superuser (past the append-only triggers where the edit needs it).
#include "storage/record_check.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <fstream>

#include "engine_database.h"
#include "legacy_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/migrations.h"
#include "storage/patient_repository.h"
#include "storage/settings_store.h"
#include "storage/treatment_repository.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using nlohmann::json;

std::string joined(const std::vector<std::string>& problems) {
    std::string text;
    for (const std::string& problem : problems)
        text += problem + "\n";
    return text;
}

class RecordCheck : public ::testing::TestWithParam<sql::Engine> {
protected:
    RecordCheck() { Database(location(), "dr.li", Open::CreateNew); }

    bool onServer() const { return GetParam() == sql::Engine::Postgresql; }
    const std::filesystem::path& location() const { return m_location.path(); }

    /// A full visit; without what version 9 added when the file is to be made a version-8 one.
    core::Visit visit(Date date) const {
        core::Visit v = test::fullVisit(date);
        if (!m_versionNine)
            v.coreSet = {};
        return v;
    }

    /// Two patients with every kind of record, and every kind of change Ankylos makes.
    void fillHistory() {
        Database db(location(), "dr.li");
        PatientRepository patients(db);
        VisitRepository visits(db);
        FilmRepository films(db);
        test::registerReaders(db, {"Dr. Chen", "Dr. Wu"});
        const auto first = patients.add(test::fullPatient("AS-0001", "王伟"));
        const auto second = patients.add(test::minimalWoman("AS-0002", "李娜"));
        const auto gone = patients.add(test::minimalWoman("AS-0003", "Gone"));
        visits.add(gone, visit(Date(2020, 1, 8)));
        for (const auto id : {first, second}) {
            const auto visitId = visits.add(id, visit(Date(2020, 5, 4)));
            core::Visit changed = visit(Date(2020, 5, 4));
            changed.basdai.q1 = 7;
            visits.update(visitId, changed, "Q1 misread");
            visits.add(id, visit(Date(2022, 5, 4)));
            const auto removed = visits.add(id, visit(Date(2023, 5, 4)));
            visits.remove(removed, "entered twice");
            const auto film = films.addFilm(id, Date(2020, 5, 4));
            const auto reading = films.addReading(film, test::fullReading("Dr. Chen"));
            films.updateReading(reading, test::fullReading("Dr. Chen", 1), "regraded");
            films.addReading(film, test::fullReading("Dr. Wu", 1));
            const auto wrong = films.addFilm(id, Date(2021, 5, 4));
            films.addReading(wrong, test::fullReading("Dr. Chen"));
            films.removeFilm(wrong, "another patient's film");
            films.addPelvicFilm(id, "Dr. Chen", {Date(2020, 5, 4), 2, 3});
            if (m_versionNine)
                addTreatmentCourse(db, id);
        }
        patients.update(second, test::minimalWoman("AS-0002", "李娜娜"), "name misspelt");
        patients.remove(gone, "withdrew consent");
    }

    /// A course with every kind of change: started, switched, corrected, removed.
    static void addTreatmentCourse(Database& db, std::int64_t patientId) {
        TreatmentRepository treatments(db);
        core::TreatmentEpisode nsaid = test::episode("naproxen", Date(2018, 1, 1), Date(2019, 12, 31));
        nsaid.doseAndFrequency = "500 mg bid";
        treatments.add(patientId, nsaid);
        const auto ada = treatments.add(patientId, test::episode("adalimumab", Date(2020, 1, 1)));
        nsaid.doseAndFrequency = "500 mg twice daily";
        treatments.update(treatments.forPatient(patientId).front().id, nsaid, "dose written out");
        treatments.switchTo(ada, core::StopReason::Inefficacy,
                            test::episode("secukinumab", Date(2021, 6, 1)));
        const auto wrong =
            treatments.add(patientId, test::episode("prednisolone", Date(2021, 7, 1), Date(2021, 7, 14)));
        treatments.remove(wrong, "another patient's prescription");
    }

    std::vector<std::string> problems() { return problems(location()); }
    static std::vector<std::string> problems(const std::filesystem::path& location) {
        Database db(location, "auditor", Open::ReadOnly);
        return checkDatabase(db).problems;
    }
    void outsideEdit(const std::string& sql) { m_location.outsideEdit(sql); }
    bool m_versionNine = true;  ///< false: records as version 8 could hold them

    test::EngineLocation m_location{GetParam()};
};

/// The file-only cases: what a file keeps beside it (the chain head) and what only files were ever
/// written with (the unkeyed trail of schema version 2; a server database starts keyed, 0003 says so).
class RecordCheckFile : public RecordCheck {};

TEST_P(RecordCheck, AnIntactHistoryWithEveryKindOfChangeVerifies) {
    EXPECT_EQ(problems(), std::vector<std::string>{});  // a new database
    fillHistory();
    EXPECT_EQ(problems(), std::vector<std::string>{});
    Database db(location(), "auditor", Open::ReadOnly);
    const CheckReport report = checkDatabase(db);
    EXPECT_EQ(report.patients, 2);
    EXPECT_GT(report.auditRows, 30);
}

struct OutsideEdit {
    const char* what;
    const char* sql;
    std::vector<std::string> named;  ///< each must appear in one problem
    /// Named in a file only: SQLite's check of foreign keys, which the sqlite3 tool does not enforce (a
    /// server enforces them always, so there the children went with their parent).
    std::vector<std::string> namedInAFile = {};
};

// Each edit from the issue: made with the sqlite3 tool or by the server's superuser, each named with
// its table, row, field, the stored value and the audited one.
TEST_P(RecordCheck, EveryOutsideEditIsNamed) {
    const std::vector<OutsideEdit> edits = {
        {"a grade",
         "UPDATE site_score SET grade = 3 WHERE site = 'C3_sup' AND reading_id = 1",
         {"reading row 1 (patient AS-0001, film 2020-05-04, reader Dr. Chen): sites.C3_sup: stored 3, "
          "audited 2"}},
        {"a birth date",
         "UPDATE patient SET birth_date = '1950-01-01' WHERE clinic_id = 'AS-0001'",
         {"patient row 1 (patient AS-0001): birth_date: stored \"1950-01-01\", audited \"1985-03-14\""}},
        {"a BASDAI item",
         "UPDATE visit SET basdai_q2 = 9.5 WHERE id = 2",
         {"visit row 2 (patient AS-0001, visit 2020-05-04): basdai_q2: stored 9.5"}},
        {"a value by one bit",
         "UPDATE lab_result SET lod = 0.30000000000000004 WHERE lod = 0.3 AND visit_id = 2",
         {"visit row 2", ".lod: stored 0.30000000000000004, audited 0.3"}},
        {"a patient added",
         "INSERT INTO patient (clinic_id, name, sex, birth_date, created_at, updated_at) "
         "VALUES ('X-1', 'Nobody', 'M', '1980-01-01', 'x', 'x')",
         {"(patient X-1): not in the audit trail (written outside Ankylos)"}},
        {"a patient deleted",
         "DELETE FROM patient WHERE clinic_id = 'AS-0002'",
         {"patient row 2: in the audit trail", "not in the database (deleted outside Ankylos)", "visit row"}},
        {"a reading deleted",
         "DELETE FROM reading WHERE id = 1",
         {"reading row 1: in the audit trail"},
         {"rows of site_score point to a missing reading"}},
        {"a visit moved to another patient",
         "UPDATE visit SET patient_id = 2, visit_date = '2019-01-01' WHERE id = 3",
         {"visit row 3 (patient AS-0002, visit 2019-01-01): patient_id: stored 2, audited 1"}},
        {"a pelvic film regraded",
         "UPDATE sacroiliitis SET left_grade = 4",
         {"sacroiliitis row 1 (patient AS-0001, pelvic film 2020-05-04): left: stored 4, audited 2"}},
        {"a reader renamed",
         "UPDATE reader SET name = 'Dr. Who' WHERE name = 'Dr. Wu'",
         {"reader: stored \"Dr. Who\", audited \"Dr. Wu\""}},
        {"a setting",
         "UPDATE setting SET value = '5' WHERE name = 'progression.min_change_units'",
         {"settings: setting.progression.min_change_units.value: stored \"5\", audited \"2\""}},
        {"a reference range",
         "UPDATE reference_range SET upper = 50 WHERE analyte = 'CRP'",
         {"settings: reference_range.", ".upper: stored 50"}},
    };
    fillHistory();
    for (const OutsideEdit& edit : edits) {
        SCOPED_TRACE(edit.what);
        const test::EngineLocation where(test::EngineLocation::CopyOf{m_location});
        where.outsideEdit(edit.sql);
        const std::string text = joined(problems(where.path()));
        for (const std::string& part : edit.named)
            EXPECT_NE(text.find(part), std::string::npos) << "wanted: " << part << "\ngot:\n" << text;
        for (const std::string& part : edit.namedInAFile)
            EXPECT_EQ(text.find(part) != std::string::npos, !onServer()) << part << "\ngot:\n" << text;
    }
}

TEST_P(RecordCheck, AChangeMadeAfterAnOutsideEditIsNamedToo) {
    fillHistory();
    outsideEdit("UPDATE visit SET basdai_q2 = 9.5 WHERE id = 2");
    {
        // The app loads the altered visit and saves a change of another field: the altered value
        // is now in the trail, but the trail shows it came from outside.
        Database db(location(), "dr.li");
        core::Visit visit = HistoryReader(db).load(1)->visits.front();
        visit.notes = "reviewed";
        VisitRepository(db).update(2, visit, "note added");
    }
    const std::string text = joined(problems());
    EXPECT_NE(text.find("changed a row that had been altered outside Ankylos before: basdai_q2: stored 9.5"),
              std::string::npos)
        << text;
}

// The trail rewritten so that it agrees with an outside edit, by someone without the key.
TEST_P(RecordCheck, ATrailRewrittenWithoutTheKeyIsFound) {
    fillHistory();
    outsideEdit("UPDATE visit SET basdai_q2 = 9.5 WHERE id = 2");
    {
        const auto raw = m_location.outsideConnection();
        test::pastAppendOnlyTriggers(
            *raw, std::string("UPDATE audit_log SET new_values = ") +
                      (onServer() ? "jsonb_set(new_values::jsonb, '{basdai_q2}', '9.5')::text"
                                  : "json_set(new_values, '$.basdai_q2', 9.5)") +
                      " WHERE table_name = 'visit' AND row_id = 2");
        // A MAC made with a key of the forger's own does not help.
        const AuditKey forged = AuditKey::generate();
        sql::Statement rows(*raw,
                            "SELECT id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), "
                            "coalesce(new_values, ''), reason, prev_mac FROM audit_log ORDER BY id");
        std::string remac;
        while (rows.executeStep())
            remac += "UPDATE audit_log SET mac = '" +
                     forged.mac(macContent(auditRowFrom(rows), rows.getColumn(9).getString())) +
                     "' WHERE id = " + rows.getColumn(0).getString() + "; ";
        test::pastAppendOnlyTriggers(*raw, remac + "SELECT 1");
    }
    const std::string text = joined(problems());
    EXPECT_NE(text.find("its content does not match its MAC"), std::string::npos) << text;
}

TEST_P(RecordCheckFile, RowsCutOffTheEndAreFoundByTheChainHead) {
    fillHistory();
    {
        const auto raw = m_location.outsideConnection();
        const std::string kept =
            std::to_string(raw->execAndGet("SELECT max(id) FROM audit_log").getInt() - 3);
        test::pastAppendOnlyTriggers(*raw, "DELETE FROM audit_log WHERE id > " + kept +
                                               "; UPDATE sqlite_sequence SET seq = " + kept +
                                               " WHERE name = 'audit_log'");
    }
    const std::string text = joined(problems());
    EXPECT_NE(text.find("(cut off the end)"), std::string::npos) << text;
}

TEST_P(RecordCheckFile, AnAlteredOrMissingChainHeadIsReported) {
    fillHistory();
    const auto head = chainHeadPath(location());
    std::string content;
    {
        std::ifstream in(head);
        std::getline(in, content);
    }
    std::ofstream(head) << content.replace(content.find("\"rows\":") + 7, 1, "9") << "\n";
    EXPECT_NE(joined(problems()).find("was altered"), std::string::npos);
    std::filesystem::remove(head);
    EXPECT_NE(joined(problems()).find("chain head " + head.string() + " is missing"), std::string::npos);
}

TEST_P(RecordCheck, TriggersAreCheckedByTheirExactDefinition) {
    fillHistory();
    if (onServer()) {
        // The same name on the same event, but never firing; and the function the append-only
        // triggers run, rewritten to let every change through.
        outsideEdit(
            "DROP TRIGGER audit_log_no_delete ON audit_log; CREATE TRIGGER audit_log_no_delete BEFORE DELETE "
            "ON audit_log FOR EACH ROW WHEN (false) EXECUTE FUNCTION audit_log_append_only(); "
            "CREATE TRIGGER sneaky BEFORE UPDATE ON visit FOR EACH ROW EXECUTE FUNCTION "
            "suppress_redundant_updates_trigger(); "
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RETURN OLD; END; $$");
    } else {
        outsideEdit(
            "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON "
            "audit_log BEGIN SELECT 1; END; CREATE TRIGGER sneaky AFTER INSERT ON visit BEGIN SELECT 1; "
            "END;");
    }
    const std::string text = joined(problems());
    EXPECT_NE(
        text.find("the trigger audit_log_no_delete has been replaced by one with a different definition"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("a trigger sneaky that Ankylos did not create has been added"), std::string::npos)
        << text;
    if (onServer()) {
        EXPECT_NE(text.find("the function audit_log_append_only that triggers run has been replaced"),
                  std::string::npos)
            << text;
        EXPECT_EQ(text.find("audit_log_no_update"), std::string::npos) << text;  // its words are unchanged
    }
}

// A database of version 2, whose trail was chained with plain SHA-256, keyed on upgrade.
TEST_P(RecordCheckFile, AnIntactVersionTwoTrailIsKeyedAndVerifies) {
    m_versionNine = false;
    fillHistory();
    test::downgradeTo(location(), 2);
    {
        Database db(location(), "dr.li");  // upgrades, making the key
        ASSERT_TRUE(db.migrationBackup());
        EXPECT_EQ(db.readOnlyReason(), "");
        PatientRepository(db).add(test::fullPatient("AS-0009", "New"));
    }
    EXPECT_TRUE(std::filesystem::exists(auditKeyPath(location())));
    EXPECT_EQ(problems(), std::vector<std::string>{});
}

TEST_P(RecordCheckFile, ATamperedVersionTwoTrailStaysReportedAfterTheUpgrade) {
    m_versionNine = false;
    fillHistory();
    test::downgradeTo(location(), 2);
    outsideEdit("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET reason = 'nothing' WHERE id = 5;");
    Database(location(), "dr.li");  // upgrades
    const std::string text = joined(problems());
    EXPECT_NE(text.find("before the audit trail was keyed (version 3): audit trail row 5"), std::string::npos)
        << text;
    EXPECT_NE(text.find("trigger audit_log_no_update had been removed"), std::string::npos) << text;
}

// Settings and LSCs changed in Ankylos are audited rows of their own (issue 14, issue 17): `check`
// follows them, and still names a change made outside Ankylos, before or after them.
TEST_P(RecordCheck, ConfigurationChangesInAnkylosAreFollowedAndOutsideOnesNamed) {
    {
        Database db(location(), "dr.li");
        changeSetting(db, "treatment.exposed_fraction", "0.75", "cohort protocol v2");
        changeDeviceLsc(db, {"Hologic", "Horizon A"}, core::BmdSite::LumbarSpine, 0.028,
                        "precision study 2026");
        changeDeviceLsc(db, {"Hologic", "Horizon A"}, core::BmdSite::TotalHip, 0.03, "precision study 2026");
        changeDeviceLsc(db, {"Hologic", "Horizon A"}, core::BmdSite::TotalHip, std::nullopt, "entered twice");
        EXPECT_EQ(readSettings(db).treatment.exposedFraction, 0.75);
        const auto lsc = readDeviceLsc(db);
        ASSERT_EQ(lsc.size(), 1u);
        EXPECT_EQ(lsc[0].device.model, "Horizon A");
        EXPECT_EQ(lsc[0].site, core::BmdSite::LumbarSpine);
        EXPECT_EQ(lsc[0].lsc, 0.028);
        EXPECT_EQ(auditRowsFor(db, AuditAction::Update).back().table, kConfigurationTable);
        // Refused, naming what is allowed, with nothing written.
        const std::int64_t trail = auditRowCount(db);
        EXPECT_THROW(changeSetting(db, "treatment.exposed_fraction", "0", "x"), core::ValidationError);
        EXPECT_THROW(changeSetting(db, "treatment.exposed_fraction", "0.5", " "), core::ValidationError);
        EXPECT_THROW(changeDeviceLsc(db, {"GE", "iDXA"}, core::BmdSite::TotalHip, -0.01, "x"),
                     core::ValidationError);
        EXPECT_EQ(auditRowCount(db), trail);
    }
    EXPECT_EQ(problems(), std::vector<std::string>{});

    outsideEdit("UPDATE setting SET value = '0.9' WHERE name = 'treatment.exposed_fraction'");
    std::string text = joined(problems());
    EXPECT_NE(
        text.find("settings: setting.treatment.exposed_fraction.value: stored \"0.9\", audited \"0.75\" "
                  "(changed outside Ankylos)"),
        std::string::npos)
        << text;
    {
        Database db(location(), "dr.li");
        changeSetting(db, "msasss.max_missing_per_segment", "2", "protocol");
    }
    text = joined(problems());
    EXPECT_NE(
        text.find("settings: setting.treatment.exposed_fraction.value: stored \"0.9\", audited \"0.75\" "
                  "(changed outside Ankylos before audit trail row"),
        std::string::npos)
        << text;
}

ANKYLOS_ON_BOTH_ENGINES(RecordCheck);

// A file of version 8 gets version 9's setting, and the trail records the change, so that `check` finds
// the settings as Ankylos left them. (The file is made as buildVersion in database_test.cpp makes one:
// version 8's migrations, its header, an empty trail; a file version 8 made itself has a baseline row
// holding its settings, which this test cannot forge without rewriting the keyed trail.)
TEST_P(RecordCheckFile, TheSettingAVersionEightFileGetsIsAudited) {
    for (const char* made : {"", "-wal", "-shm", ".key", ".head", ".checked"})
        std::filesystem::remove(location().string() + made);  // the fixture's new database
    {
        SQLite::Database raw(location().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (int i = 0; i < 8; ++i)
            raw.exec(migrations(sql::Engine::Sqlite)[static_cast<std::size_t>(i)].sql);
        raw.exec("PRAGMA application_id = " + std::to_string(kApplicationId) + "; PRAGMA user_version = 8");
    }
    {
        Database db(location(), "dr.li");  // upgrades
        EXPECT_EQ(readSettings(db).treatment.exposedFraction, 0.5);
        const AuditRow last = auditRowsFor(db, AuditAction::Update).back();
        EXPECT_EQ(last.table, kConfigurationTable);
        // The version it was upgraded to: the current one.
        EXPECT_NE(last.reason.find("version " + std::to_string(currentSchemaVersion())), std::string::npos)
            << last.reason;
        EXPECT_EQ(json::parse(last.oldValues)["setting"].count("treatment.exposed_fraction"), 0u);
        EXPECT_EQ(json::parse(last.newValues)["setting"]["treatment.exposed_fraction"]["value"], "0.5");
    }
    EXPECT_EQ(problems(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RecordCheckFile, ::testing::Values(sql::Engine::Sqlite));

}  // namespace
}  // namespace ankylos::storage
