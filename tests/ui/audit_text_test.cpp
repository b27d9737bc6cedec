// The Audit tab's text: every key the store writes into the trail has a readable label, and the
// lines of insert and change rows use it.
#include "ui/audit_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/msasss.h"
#include "demo/demo_cohort.h"
#include "report/make_report.h"
#include "storage/audit.h"
#include "storage/json_codec.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/visit_import.h"
#include "ui/display.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

using nlohmann::json;

/// Every key in value, at any depth; the keys of a reading's "sites" are site IDs (docs/methods.md
/// 1.1), which the tab shows as they are, as the scoring dialog does: they must be real site IDs.
void collectKeys(const json& value, std::set<std::string>& keys) {
    if (value.is_array())
        for (const json& item : value)
            collectKeys(item, keys);
    if (!value.is_object())
        return;
    for (auto it = value.begin(); it != value.end(); ++it) {
        keys.insert(it.key());
        if (it.key() == "sites" && it.value().is_object()) {
            for (auto site = it.value().begin(); site != it.value().end(); ++site)
                EXPECT_TRUE(core::siteFromId(site.key())) << site.key() << " is not a site ID";
            continue;
        }
        collectKeys(it.value(), keys);
    }
}

class AuditText : public TempDatabaseTest {};

TEST_F(AuditText, EveryKeyTheStoreWritesHasALabel) {
    // A demo cohort's whole histories (patients, visits with BASMI, BMD and labs, films, readings,
    // pelvic films) as the store writes them, and the trail of a real database: insert rows, a printed
    // report's row, and a deleted patient's row, which holds the whole history.
    std::vector<core::PatientHistory> histories;
    for (int i = 0; i < 20; ++i)
        histories.push_back(demo::demoPatient(1, i, today()));
    std::set<std::string> keys;
    for (const core::PatientHistory& history : histories)
        collectKeys(storage::toJson(history), keys);

    storage::Database db(databasePath(), "tester", storage::Open::CreateNew);
    storage::importHistories(db, histories, true, "audit text test");
    storage::PatientRepository patients(db);
    const std::int64_t first = *patients.idOf(histories[0].patient.clinicId);
    report::ReportSubject subject;
    subject.patientId = first;
    report::recordReportOutput(db, subject, report::ReportOutput::Print, 3);
    std::vector<storage::AuditRow> rows = storage::patientAuditRows(db, first);
    const std::int64_t second = *patients.idOf(histories[1].patient.clinicId);
    patients.remove(second, "entered twice");
    for (const storage::AuditRow& row : storage::auditRowsFor(db, "patient", second))
        rows.push_back(row);
    for (const storage::AuditRow& row : rows)
        for (const std::string* values : {&row.oldValues, &row.newValues})
            if (!values->empty())
                collectKeys(json::parse(*values), keys);

    for (const char* expected :
         {"basdai_q6", "basfi_q10", "schober_cm", "bmd_g_cm2", "sample_type", "lod", "chronology_known",
          "left", "pelvic_films", "pages", "drug", "stop_reason", "mases", "physician_global"})
        EXPECT_EQ(keys.count(expected), 1u) << expected << ": the demo history no longer writes it";
    for (const std::string& key : keys)
        EXPECT_TRUE(hasAuditFieldLabel(key)) << "\"" << key << "\" has no label in audit_text.cpp";
}

TEST_F(AuditText, LinesNameFieldsByTheirLabelsAndAnUnknownKeyAsItIs) {
    storage::AuditRow change;
    change.table = "visit";
    change.action = "update";
    change.oldValues = R"({"visit_date": "2021-03-04", "basdai_q2": 4, "basmi": {"schober_cm": 4.5}})";
    change.newValues = R"({"visit_date": "2021-03-04", "basdai_q2": 5, "basmi": {"schober_cm": 5}})";
    const std::vector<wxString> lines = auditChangeLines(change);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], wxString::FromUTF8("BASDAI Q2 (spinal pain): 4 \u2192 5"));
    EXPECT_EQ(lines[1],
              wxString::FromUTF8("BASMI: modified Schober (cm): 4.5 \u2192 modified Schober (cm): 5"));

    storage::AuditRow insert;
    insert.table = "reading";
    insert.action = "insert";
    insert.newValues = R"({"reader": "Reader A", "chronology_known": false, "future_key": 1})";
    EXPECT_EQ(joinedLines(auditChangeLines(insert)),
              "reader knew the films' order: no; future_key: 1; reader: Reader A");  // keys sorted, as stored
    EXPECT_FALSE(hasAuditFieldLabel("future_key"));
    EXPECT_EQ(auditFieldLabel("future_key"), "future_key");
}

TEST_F(AuditText, StoredNamesAreShownAsPeopleReadThem) {
    storage::AuditRow visit;
    visit.table = "visit";
    visit.action = "insert";
    visit.newValues = R"({"bmd": [{"site": "femoral_neck", "bmd_g_cm2": 0.8}, {"site": "not_a_site"}]})";
    EXPECT_EQ(joinedLines(auditChangeLines(visit)).ToStdString(),
              "BMD: (BMD (g/cm2): 0.8, site: femoral neck); (site: not_a_site)");  // unknown: as stored

    storage::AuditRow reading;
    reading.table = "reading";
    reading.action = "update";
    reading.oldValues = R"({"sites": {"C2_inf": 1, "C3_sup": "NA:surgery_hardware"}})";
    reading.newValues = R"({"sites": {"C2_inf": "NA:not_visible", "C3_sup": "NA:no_such_reason"}})";
    EXPECT_EQ(joinedLines(auditChangeLines(reading)).utf8_string(),
              std::string("site grades: C2_inf: 1, C3_sup: not assessable (surgery / hardware) \u2192 "
                          "C2_inf: not assessable (not visible), C3_sup: NA:no_such_reason"));
}

}  // namespace
}  // namespace ankylos::ui::test
