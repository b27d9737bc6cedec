// CtScanRepository (issue 16): low-dose CT scans and their CTSS readings (docs/methods.md 12) saved,
// loaded, corrected and deleted on both engines, each change audited; refused input names field,
// value and what is allowed and writes nothing; `check` finds the rows as the trail says.
#include "storage/ct_scan_repository.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/errors.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"

namespace ankylos::storage {
namespace {

using core::Date;

class CtScans : public ::testing::TestWithParam<sql::Engine> {
protected:
    CtScans() {
        test::registerReaders(m_db, {"Dr. Chen", "Dr. Rossi"});
        m_patient = PatientRepository(m_db).add(test::fullPatient());  // born 1985-03-14
    }
    int rows(const std::string& table) {
        // Test code: the table is a constant of this file.
        return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM " + table);
    }
    /// What "nothing was written" compares: the CT rows, the trail, and the scans as loaded.
    std::map<std::string, std::string> snapshot() {
        std::map<std::string, std::string> shot;
        for (const char* table : {"ct_scan", "ct_reading", "ct_quadrant_score", "audit_log"})
            shot[table] = std::to_string(rows(table));
        nlohmann::json scans = nlohmann::json::array();
        for (const core::CtScan& scan : scansOfPatient()) {
            nlohmann::json row = ctScanJson(scan);
            for (const core::CtssReading& reading : scan.readings)
                row["readings"].push_back(toJson(reading));
            scans.push_back(row);
        }
        shot["scans"] = scans.dump();
        return shot;
    }
    std::vector<core::CtScan> scansOfPatient() { return HistoryReader(m_db).load(m_patient)->ctScans; }
    std::vector<AuditRow> ctAuditRows() {
        std::vector<AuditRow> found;
        for (AuditRow& row : patientAuditRows(m_db, m_patient))
            if (row.table == "ct_scan" || row.table == "ct_reading")
                found.push_back(row);
        return found;
    }
    /// Two scans two years apart: the first read by both readers, the second by Dr. Chen.
    void addTwoScans() {
        m_first = m_scans.addScan(m_patient,
                                  test::ctScan(Date(2020, 5, 4), {test::fullCtssReading("Dr. Chen"),
                                                                  test::fullCtssReading("Dr. Rossi", 1)}));
        m_second = m_scans.addScan(m_patient,
                                   test::ctScan(Date(2022, 5, 4), {test::fullCtssReading("Dr. Chen", 2)}));
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    CtScanRepository m_scans{m_db};
    std::int64_t m_patient = 0;
    std::int64_t m_first = 0;
    std::int64_t m_second = 0;
};

TEST_P(CtScans, AScanWithTwoReadingsComesBackAsSaved) {
    core::CtScan later = test::ctScan(Date(2022, 5, 4));
    later.device.clear();
    later.wholeSpine = false;
    m_scans.addScan(m_patient, later);  // saved first, loaded second: scans come in date order
    // The reader as typed, in another case: stored under the registered name.
    core::CtssReading typed = test::fullCtssReading("dr. chen");
    const core::CtScan scan = test::ctScan(Date(2020, 5, 4), {typed, test::fullCtssReading("Dr. Rossi", 1)});
    const std::int64_t id = m_scans.addScan(m_patient, scan);

    const auto loaded = scansOfPatient();
    ASSERT_EQ(loaded.size(), 2u);
    core::CtScan expected = scan;
    expected.readings[0].reader = "Dr. Chen";
    test::expectSame(expected, loaded[0]);
    test::expectSame(later, loaded[1]);
    // Not-assessable quadrants keep their reasons; quadrants not scored stay unscored.
    const core::CtssReading& chen = loaded[0].readings[0];
    EXPECT_EQ(chen.at(*core::quadrantFromId("L4_sup_post"))->reason(),
              core::NotAssessableReason::SurgeryHardware);
    EXPECT_FALSE(chen.at(*core::quadrantFromId("T7_sup_left")).has_value());
    EXPECT_EQ(rows("ct_quadrant_score"), 2 * (184 - 3));

    EXPECT_EQ(m_scans.scanId(m_patient, Date(2020, 5, 4)), id);
    EXPECT_EQ(m_scans.scanId(m_patient, Date(2020, 5, 5)), std::nullopt);
    EXPECT_TRUE(m_scans.readingId(id, "Dr. Rossi").has_value());
    EXPECT_EQ(m_scans.readingId(id, "Dr. Nobody"), std::nullopt);
    EXPECT_TRUE(verifyRecords(m_db).empty());
}

TEST_P(CtScans, EachAdditionIsAuditedWithItsParent) {
    addTwoScans();
    const auto audit = ctAuditRows();
    ASSERT_EQ(audit.size(), 5u);  // 2 scans, 3 readings
    EXPECT_EQ(audit[0].table, "ct_scan");
    EXPECT_EQ(audit[0].action, "insert");
    const nlohmann::json scan = nlohmann::json::parse(audit[0].newValues);
    EXPECT_EQ(scan["scan_date"], "2020-05-04");
    EXPECT_EQ(scan["device"], "Siemens SOMATOM Force 西门子");
    EXPECT_EQ(scan["whole_spine"], true);
    EXPECT_EQ(scan["patient_id"], m_patient);
    const nlohmann::json reading = nlohmann::json::parse(audit[1].newValues);
    EXPECT_EQ(audit[1].table, "ct_reading");
    EXPECT_EQ(reading["ct_scan_id"], m_first);
    EXPECT_EQ(reading["reader"], "Dr. Chen");
    EXPECT_EQ(reading["quadrants"]["C2_inf_ant"], "NA:not_visible");
    EXPECT_EQ(reading["quadrants"]["T1_inf_post"], 1);  // index 49 of the thoracic grades 0-3
    EXPECT_FALSE(reading["quadrants"].contains("T7_sup_left"));
    EXPECT_EQ(reading["quadrants"].size(), 181u);
}

TEST_P(CtScans, ScanAndReadingCorrectionsAreSavedAndAuditedWithTheirReasons) {
    addTwoScans();
    core::CtScan changed = test::ctScan(Date(2020, 5, 3));
    changed.device = "GE Revolution";
    changed.wholeSpine = false;
    m_scans.updateScan(m_first, changed, "date and scanner from the DICOM header");
    core::CtssReading reread = test::fullCtssReading("Dr. Rossi", 3);
    reread.at(*core::quadrantFromId("T7_sup_left")) =
        core::QuadrantScore::notAssessable(core::NotAssessableReason::Other);
    reread.at(*core::quadrantFromId("C3_sup_ant")) = std::nullopt;
    reread.readingDate = std::nullopt;
    const std::int64_t rossi = *m_scans.readingId(m_first, "Dr. Rossi");
    m_scans.updateReading(rossi, reread, "re-read at consensus");

    const auto loaded = scansOfPatient();
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].date, Date(2020, 5, 3));
    EXPECT_EQ(loaded[0].device, "GE Revolution");
    EXPECT_FALSE(loaded[0].wholeSpine);
    ASSERT_EQ(loaded[0].readings.size(), 2u);  // the readings stay with the scan
    test::expectSame(reread, loaded[0].readings[1]);
    test::expectSame(test::fullCtssReading("Dr. Chen"), loaded[0].readings[0]);

    const auto scanAudit = auditRowsFor(m_db, "ct_scan", m_first);
    ASSERT_EQ(scanAudit.size(), 2u);
    EXPECT_EQ(scanAudit[1].action, "update");
    EXPECT_EQ(scanAudit[1].reason, "date and scanner from the DICOM header");
    EXPECT_EQ(nlohmann::json::parse(scanAudit[1].oldValues)["scan_date"], "2020-05-04");
    EXPECT_EQ(nlohmann::json::parse(scanAudit[1].newValues)["device"], "GE Revolution");
    const auto readingAudit = auditRowsFor(m_db, "ct_reading", rossi);
    ASSERT_EQ(readingAudit.size(), 2u);
    EXPECT_EQ(readingAudit[1].reason, "re-read at consensus");
    EXPECT_EQ(nlohmann::json::parse(readingAudit[1].newValues)["quadrants"]["T7_sup_left"], "NA:other");
    EXPECT_TRUE(verifyRecords(m_db).empty());
}

TEST_P(CtScans, SavingUnchangedWritesNothingAndNeedsNoReason) {
    addTwoScans();
    const auto before = snapshot();
    m_scans.updateScan(m_first, test::ctScan(Date(2020, 5, 4)), "");
    m_scans.updateReading(*m_scans.readingId(m_first, "Dr. Chen"), test::fullCtssReading("DR. CHEN"), "");
    EXPECT_EQ(snapshot(), before);
}

TEST_P(CtScans, DeletingAScanTakesItsReadingsAndStaysOnThePatientsAuditTab) {
    addTwoScans();
    const std::int64_t chen = *m_scans.readingId(m_second, "Dr. Chen");
    m_scans.removeReading(*m_scans.readingId(m_first, "Dr. Rossi"), "read the wrong patient");
    m_scans.removeScan(m_first, "entered twice");
    const auto left = scansOfPatient();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].date, Date(2022, 5, 4));
    EXPECT_EQ(rows("ct_reading"), 1);
    EXPECT_EQ(rows("ct_quadrant_score"), 181);
    EXPECT_EQ(m_scans.readingId(m_second, "Dr. Chen"), chen);

    const auto audit = ctAuditRows();
    // 5 insertions and the two deletions; Dr. Chen's reading of the deleted scan is in its deletion row.
    ASSERT_EQ(audit.size(), 6u);
    EXPECT_EQ(audit[4].table, "ct_reading");
    EXPECT_EQ(audit[4].action, "delete");
    EXPECT_EQ(audit[4].reason, "read the wrong patient");
    EXPECT_EQ(audit[5].table, "ct_scan");
    EXPECT_EQ(audit[5].action, "delete");
    const nlohmann::json deleted = nlohmann::json::parse(audit[5].oldValues);
    EXPECT_EQ(deleted["patient_id"], m_patient);
    ASSERT_EQ(deleted["readings"].size(), 1u);  // what was left of it: Dr. Chen's reading
    EXPECT_EQ(deleted["readings"][0]["reader"], "Dr. Chen");
    EXPECT_TRUE(verifyRecords(m_db).empty());
    EXPECT_THROW(m_scans.removeScan(m_first, "again"), StorageError);
}

TEST_P(CtScans, DeletingThePatientTakesItsScansAndTheTrailKeepsThem) {
    addTwoScans();
    PatientRepository(m_db).remove(m_patient, "wrong patient");
    EXPECT_EQ(rows("ct_scan"), 0);
    EXPECT_EQ(rows("ct_reading"), 0);
    EXPECT_EQ(rows("ct_quadrant_score"), 0);
    const AuditRow deletion = auditRowsFor(m_db, "patient", m_patient).back();
    const nlohmann::json old = nlohmann::json::parse(deletion.oldValues);
    ASSERT_EQ(old["ct_scans"].size(), 2u);
    EXPECT_EQ(old["ct_scans"][0]["readings"].size(), 2u);
    EXPECT_TRUE(verifyRecords(m_db).empty());
}

/// Calls write expecting a ValidationError whose first problem is field; returns its message.
template <typename Write>
std::string refusal(Write write, const std::string& field) {
    try {
        write();
    } catch (const core::ValidationError& e) {
        EXPECT_EQ(e.problems().at(0).field, field) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "accepted; expected a refusal naming " << field;
    return "";
}

TEST_P(CtScans, RefusedInputNamesFieldValueAndAllowedAndWritesNothing) {
    addTwoScans();
    const auto before = snapshot();
    const Date tomorrow = localToday() + boost::gregorian::days(1);
    struct Case {
        const char* what;
        std::string field;
        std::string inMessage;
        std::function<void()> write;
    };
    core::CtssReading readBeforeScan = test::fullCtssReading("Dr. Rossi");
    readBeforeScan.readingDate = Date(2022, 5, 3);
    core::CtScan controlCharacter = test::ctScan(Date(2021, 1, 1));
    controlCharacter.device = std::string("GE\0", 3);
    const std::int64_t chen = *m_scans.readingId(m_first, "Dr. Chen");
    const Case cases[] = {
        {"a scan tomorrow", "CT scan date", "not after today",
         [&] { m_scans.addScan(m_patient, test::ctScan(tomorrow)); }},
        {"a scan before birth", "CT scan date", "not before the date of birth (1985-03-14)",
         [&] { m_scans.addScan(m_patient, test::ctScan(Date(1985, 3, 13))); }},
        {"a second scan on a date", "CT scan date", "one CT scan per date for a patient",
         [&] { m_scans.addScan(m_patient, test::ctScan(Date(2020, 5, 4))); }},
        {"a control character in the scanner", "CT scanner", "CT scanner",
         [&] { m_scans.addScan(m_patient, controlCharacter); }},
        // The scan would be valid: its unregistered reader refuses all of it, nothing half-written.
        {"an unregistered reader", "reader", "a registered reader (Dr. Chen, Dr. Rossi)",
         [&] {
             m_scans.addScan(m_patient,
                             test::ctScan(Date(2021, 1, 1), {test::fullCtssReading("Dr. Nobody")}));
         }},
        {"one reader twice in a new scan", "reader", "one reading per reader",
         [&] {
             m_scans.addScan(m_patient,
                             test::ctScan(Date(2021, 1, 1), {test::fullCtssReading("Dr. Chen"),
                                                             test::fullCtssReading("Dr. Chen", 1)}));
         }},
        {"one reader twice, once with a space before the name", "reader", "one reading per reader",
         [&] {
             m_scans.addScan(m_patient,
                             test::ctScan(Date(2021, 1, 1), {test::fullCtssReading("Dr. Chen"),
                                                             test::fullCtssReading(" dr. chen", 1)}));
         }},
        {"a reader reading a scan again", "reader", "a reader who has not read this CT scan yet",
         [&] { m_scans.addReading(m_second, test::fullCtssReading("dr. chen", 1)); }},
        {"a reading dated before its scan", "CT reading date", "not before the scan date (2022-05-04)",
         [&] { m_scans.addReading(m_second, readBeforeScan); }},
        {"moving a scan onto another's date", "CT scan date", "one CT scan per date for a patient",
         [&] { m_scans.updateScan(m_second, test::ctScan(Date(2020, 5, 4)), "date"); }},
        {"moving a scan after its reading", "CT reading date", "not before the scan date (2024-03-01)",
         [&] { m_scans.updateScan(m_first, test::ctScan(Date(2024, 3, 1)), "date"); }},
        {"a correction to a reader who read it", "reader", "a reader who has not read this CT scan yet",
         [&] { m_scans.updateReading(chen, test::fullCtssReading("Dr. Rossi"), "reader"); }},
        {"a correction without a reason", "reason for the change", "reason",
         [&] { m_scans.updateReading(chen, test::fullCtssReading("Dr. Chen", 2), " "); }},
        {"a deletion without a reason", "reason for the change", "reason",
         [&] { m_scans.removeScan(m_first, ""); }},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const std::string message = refusal(c.write, c.field);
        EXPECT_NE(message.find(c.inMessage), std::string::npos) << message;
        EXPECT_EQ(snapshot(), before);
    }
    EXPECT_THROW(m_scans.addReading(m_second + 10, test::fullCtssReading("Dr. Rossi")), StorageError);
    EXPECT_EQ(snapshot(), before);
}

TEST_P(CtScans, ABirthDateAfterAScanIsRefused) {
    addTwoScans();
    core::Patient patient = test::fullPatient();
    patient.birth = Date(2021, 1, 1);
    patient.symptomOnset = std::nullopt;
    patient.diagnosis = std::nullopt;
    const std::string message =
        refusal([&] { PatientRepository(m_db).update(m_patient, patient, "birth date"); }, "CT scan date");
    EXPECT_NE(message.find("2020-05-04"), std::string::npos) << message;
}

TEST_P(CtScans, ChangesOverAChangeMadeSinceOpeningAreRefused) {
    addTwoScans();
    const std::int64_t opened = auditVersion(m_db);
    Database wu(m_db.file(), "dr.wu");  // a second workstation
    const std::int64_t chen = *m_scans.readingId(m_first, "Dr. Chen");
    CtScanRepository(wu).updateReading(chen, test::fullCtssReading("Dr. Chen", 2), "re-read");
    CtScanRepository(wu).updateScan(m_first, test::ctScan(Date(2020, 5, 5)), "date");
    const auto before = snapshot();
    try {
        m_scans.updateReading(chen, test::fullCtssReading("Dr. Chen", 3), "mine", opened);
        FAIL() << "a reading changed since opening was overwritten";
    } catch (const ChangedSinceOpened& e) {
        EXPECT_EQ(std::string(e.what()).rfind(
                      "the reading by Dr. Chen of the CT scan of 2020-05-05 was changed by " + wu.user(), 0),
                  0u)
            << e.what();
    }
    EXPECT_THROW(m_scans.updateScan(m_first, test::ctScan(Date(2020, 5, 6)), "mine", opened),
                 ChangedSinceOpened);
    EXPECT_THROW(m_scans.removeScan(m_first, "duplicate", opened), ChangedSinceOpened);
    EXPECT_THROW(m_scans.removeReading(chen, "duplicate", opened), ChangedSinceOpened);
    EXPECT_EQ(snapshot(), before);
}

TEST_P(CtScans, CheckFindsAGradeChangedOutsideAnkylos) {
    addTwoScans();
    const std::int64_t chen = *m_scans.readingId(m_second, "Dr. Chen");
    m_location.outsideEdit(
        "UPDATE ct_quadrant_score SET grade = 3 WHERE quadrant = 'T5_inf_ant' AND ct_reading_id = " +
        std::to_string(chen));
    m_location.outsideEdit("UPDATE ct_scan SET whole_spine = 0 WHERE id = " + std::to_string(m_first));
    const auto problems = verifyRecords(m_db);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("ct_scan row " + std::to_string(m_first)), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("whole_spine: stored false, audited true"), std::string::npos) << problems[0];
    EXPECT_NE(problems[1].find("ct_reading row " + std::to_string(chen)), std::string::npos) << problems[1];
    EXPECT_NE(problems[1].find("quadrants.T5_inf_ant: stored 3"), std::string::npos) << problems[1];
}

ANKYLOS_ON_BOTH_ENGINES(CtScans);

}  // namespace
}  // namespace ankylos::storage
