// Writing the visit CSV format (db/visit_csv.md): round trip through the reader, exact text, refusals.
#include "interchange/visit_csv_writer.h"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "visit_csv_fixture.h"

namespace ankylos::interchange {
namespace {

using core::Date;
using namespace test;

// ---------------------------------------------------------------------------------------------
// Round trip

TEST(VisitCsvRoundTrip, RichHistoryComesBackUnchanged) {
    const core::PatientHistory rich = richHistory();
    const VisitCsvImport result = importCsv(exportCsv({rich, patientWithoutVisits()}));
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_TRUE(result.warnings.empty()) << messages(result.warnings);
    // two readers of the first film, two visits, three treatment episodes, one patient row
    EXPECT_EQ(result.rows, 2 + 1 + 1 + 3 + 1);
    ASSERT_EQ(result.patients.size(), 2u);
    expectSameHistory(result.patients[0], rich);
    expectSameHistory(result.patients[1], patientWithoutVisits());
}

TEST(VisitCsvRoundTrip, ReexportIsByteIdentical) {
    const std::string first = exportCsv({richHistory(), patientWithoutVisits()});
    const VisitCsvImport imported = importCsv(first);
    ASSERT_TRUE(imported.ok()) << messages(imported.errors);
    EXPECT_EQ(exportCsv(imported.patients), first);
    // The bytes themselves: BOM, CRLF record ends, the line break inside a quoted note kept as is.
    EXPECT_EQ(first.substr(0, 14), "\xEF\xBB\xBFpatient_id,");
    EXPECT_NE(first.find("\"prefers \"\"morning\"\" visits, lives far\nsecond line, 第二行\""),
              std::string::npos);
    EXPECT_NE(first.find("\"pain, \"\"stiff\"\" mornings\r\nreferred by Dr. Zhao\""), std::string::npos);
    EXPECT_NE(first.find(",\"Chen, \"\"MD\"\"\","), std::string::npos);
}

// docs/methods.md 11: a reader's clinic reading and their session readings of one film are rows of their
// own, each with its session, role and blinding; the session's name is text (formula protection).
TEST(VisitCsvRoundTrip, SessionReadingsComeBackWithSessionRoleAndBlinding) {
    const core::PatientHistory sessions = sessionHistory();
    const std::string first = exportCsv({sessions});
    const VisitCsvImport result = importCsv(first);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_EQ(result.rows, 4 + 5);
    ASSERT_EQ(result.patients.size(), 1u);
    expectSameHistory(result.patients[0], sessions);
    EXPECT_EQ(exportCsv(result.patients), first);
    // film_chronology_known, film_session, film_role, film_identity_seen, film_paired_by_patient
    EXPECT_NE(first.find(",2020-03-01,no,,primary,yes,no,0,"), std::string::npos) << "the clinic reading";
    EXPECT_NE(first.find(",Dr. Li,,no,S1,primary,no,yes,0,"), std::string::npos);
    EXPECT_NE(first.find(",Dr. Ma,,no,S1,adjudicator,no,yes,1,"), std::string::npos);
    EXPECT_NE(first.find(",Dr. Li,,yes,'=S2,primary,yes,yes,1,"), std::string::npos);
}

TEST(VisitCsvRoundTrip, FormulaTextIsNeutralisedAndComesBackUnchanged) {
    core::PatientHistory h = richHistory();
    h.patient.clinicId = "=1+1";
    h.patient.name = "'quoted";
    h.patient.notes = "\tindented\nsecond line";
    h.visits[0].notes = "-dizzy, \"really\"";
    h.visits[0].labs[0].assay = "@SUM(A1)";
    h.visits[0].labs[0].laboratory = "+lab";
    h.visits[1].notes = "\rstarts with CR";
    h.films[0].readings[0].reader = "-reader";
    const std::string first = exportCsv({h});
    for (const char* cell : {"\r\n'=1+1,", ",''quoted,", "\"'\tindented\nsecond line\"",
                             "\"'-dizzy, \"\"really\"\"\"", ",'@SUM(A1),", ",'+lab,", "\"'\rstarts with CR\"",
                             ",'-reader,", ",adalimumab,'=Amgevita,2019-05-01,"})
        EXPECT_NE(first.find(cell), std::string::npos) << cell;
    const VisitCsvImport imported = importCsv(first);
    ASSERT_TRUE(imported.ok()) << messages(imported.errors);
    ASSERT_EQ(imported.patients.size(), 1u);
    expectSameHistory(imported.patients[0], h);
    EXPECT_EQ(exportCsv(imported.patients), first);
}

TEST(VisitCsvRoundTrip, NumbersAreWrittenInTheShortestExactForm) {
    std::ostringstream out;
    writeVisitCsvRows(out, richHistory());
    // BASDAI of the first visit: 3.5, 10, 0.1, 0, 7.25, 2; the patient global 4.5; BASFI 0, 0.5, 1...
    EXPECT_NE(out.str().find(",2019-04-02,no,3.5,10,0.1,0,7.25,2,4.5,0,0.5,1,"), std::string::npos)
        << out.str();
    // 0.1 + 0.2 is not 0.3: written with the digits that read back to the same double.
    EXPECT_NE(out.str().find(",0.30000000000000004,"), std::string::npos);
}

TEST(VisitCsvRoundTrip, SiteScoresNotAssessableReasonsAndEmptyCells) {
    std::ostringstream out;
    writeVisitCsvHeader(out, false);
    writeVisitCsvRows(out, richHistory());
    const VisitCsvImport result = importCsv(out.str());
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const std::string text = out.str();
    EXPECT_NE(text.find(",0,1,2,3,NA:not_visible,NA:not_imaged,NA:surgery_hardware,NA,0,"),
              std::string::npos);
    const core::Reading& chen = result.patients[0].films[0].readings[1];
    EXPECT_FALSE(chen.sites[20].has_value());  // empty cell: not scored
    EXPECT_EQ(result.patients[0].films[0].readings[0].sites[7]->reason(), core::NotAssessableReason::Other);
}

TEST(VisitCsvRoundTrip, SampleDateEmptyMeansTheVisitDate) {
    const std::string text = CsvText()
                                 .row(base({{"crp_value", "3"}, {"crp_unit", "mg/L"}}))
                                 .row(base({{"visit_date", "2020-02-01"},
                                            {"crp_value", "4"},
                                            {"crp_unit", "mg/L"},
                                            {"crp_sample_date", "2020-01-30"}}))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    ASSERT_EQ(result.patients[0].visits.size(), 2u);
    EXPECT_EQ(result.patients[0].visits[0].labs.at(0).sampleDate, Date(2020, 1, 1));
    EXPECT_EQ(result.patients[0].visits[1].labs.at(0).sampleDate, Date(2020, 1, 30));
    const std::string exported = exportCsv(result.patients);
    EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 3);
    EXPECT_EQ(exported.find("2020-01-01,", exported.find("2020-01-01") + 1), std::string::npos)
        << "the visit date is written once, not again as the sample date";
    EXPECT_NE(exported.find("2020-01-30"), std::string::npos);
}

TEST(VisitCsvRoundTrip, ManyPatientsStreamOneAtATime) {
    std::vector<core::PatientHistory> patients;
    for (int i = 0; i < 300; ++i) {
        core::PatientHistory h = richHistory();
        h.patient.clinicId = "AS-" + std::to_string(i);
        patients.push_back(h);
    }
    const std::string first = exportCsv(patients);
    const VisitCsvImport result = importCsv(first);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_EQ(result.rows, 300 * 7);
    ASSERT_EQ(result.patients.size(), 300u);
    EXPECT_EQ(result.patients[299].patient.clinicId, "AS-299");
    EXPECT_EQ(exportCsv(result.patients), first);
}

TEST(VisitCsvRoundTrip, CtScansWithNotAssessableAndUnscoredQuadrantsComeBackUnchanged) {
    const core::PatientHistory ct = ctHistory();
    core::PatientHistory both = richHistory();
    both.ctScans = ct.ctScans;
    const std::string first = exportCsv({ct, both});
    const VisitCsvImport result = importCsv(first);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_TRUE(result.warnings.empty()) << messages(result.warnings);
    // CT-7: two readers of the first scan, one of the second, the third not read: 4 rows and no
    // patient-only row. AS-001: its 7 rows and the same 4 CT rows.
    EXPECT_EQ(result.rows, 4 + 7 + 4);
    ASSERT_EQ(result.patients.size(), 2u);
    expectSameHistory(result.patients[0], ct);
    expectSameHistory(result.patients[1], both);
    EXPECT_EQ(result.lines[0].ctScans, (std::vector<std::vector<int>>{{2, 3}, {4}, {5}}));
    EXPECT_EQ(exportCsv(result.patients), first);
    // The cells themselves: the reasons after NA, plain NA for "other", an unscored quadrant empty.
    EXPECT_NE(first.find(",2020-03-04,\"Siemens SOMATOM, \"\"low dose\"\"\",yes,Dr. Li,2020-03-20,yes,"
                         "NA:not_visible,NA:not_imaged,NA:surgery_hardware,NA,0,1,2,3,"),
              std::string::npos);
    EXPECT_NE(first.find(",'=Wu,,no,0,1,2,3,"), std::string::npos);
    EXPECT_NE(first.find(",2024-02-28,,yes" + std::string(187, ',') + "\r\n"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Export

TEST(VisitCsvExport, AFilmNotReadYetLeavesItsVisitRowsFilmColumnsEmpty) {
    core::PatientHistory h = richHistory();
    h.films[1].readings.clear();
    std::ostringstream withUnread;
    writeVisitCsvRows(withUnread, h);  // must not refuse the whole export
    h.films.erase(h.films.begin() + 1);
    std::ostringstream withoutFilm;
    writeVisitCsvRows(withoutFilm, h);
    EXPECT_EQ(withUnread.str(), withoutFilm.str());
}

TEST(VisitCsvExport, RefusesCtScansTheFormatCannotHoldAndWritesNothing) {
    struct Case {
        std::string name;
        std::function<void(core::PatientHistory&)> change;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"two scans on one date", [](core::PatientHistory& h) { h.ctScans[1].date = h.ctScans[0].date; },
         "patient CT-7, CT scan of 2020-03-04: 2020-03-04 is not allowed (allowed: CT scans in date order, "
         "one per date)"},
        {"reader twice", [](core::PatientHistory& h) { h.ctScans[0].readings[1].reader = "Dr. Li"; },
         "patient CT-7, CT scan of 2020-03-04, reader: Dr. Li is not allowed (allowed: one reading per "
         "reader of a CT scan)"},
        {"reading without reader", [](core::PatientHistory& h) { h.ctScans[1].readings[0].reader = ""; },
         "a reader's name on every reading"},
    };
    for (const Case& c : cases) {
        core::PatientHistory h = ctHistory();
        c.change(h);
        std::ostringstream out;
        try {
            writeVisitCsvRows(out, h);
            ADD_FAILURE() << c.name << ": no error";
        } catch (const core::ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos)
                << c.name << ": " << e.what();
        }
        EXPECT_TRUE(out.str().empty()) << c.name;
    }
}

TEST(VisitCsvExport, RefusesWhatTheFormatCannotHoldAndWritesNothing) {
    struct Case {
        std::string name;
        std::function<void(core::PatientHistory&)> change;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"film without visit", [](core::PatientHistory& h) { h.films[1].date = Date(2023, 6, 2); },
         "a film on the date of a visit"},
        {"two CRPs", [](core::PatientHistory& h) { h.visits[0].labs.push_back(h.visits[0].labs[0]); },
         "one value per analyte"},
        {"two devices", [](core::PatientHistory& h) { h.visits[0].bmd[1].device.model = "Discovery"; },
         "one device per visit"},
        {"reader twice", [](core::PatientHistory& h) { h.films[0].readings[1].reader = "Dr. Li"; },
         "one reading per reader of a film outside sessions"},
        {"reader twice in a session",
         [](core::PatientHistory& h) {
             h.films[0].readings[0].session = "S1";
             h.films[0].readings[1] = h.films[0].readings[0];
         },
         "one reading per reader of a film in session S1"},
        {"adjudicator outside sessions",
         [](core::PatientHistory& h) { h.films[0].readings[1].role = core::ReadingRole::Adjudicator; },
         "primary for a reading outside sessions"},
        {"visits out of order", [](core::PatientHistory& h) { std::swap(h.visits[0], h.visits[1]); },
         "visits in date order"},
    };
    for (const Case& c : cases) {
        core::PatientHistory h = richHistory();
        c.change(h);
        std::ostringstream out;
        try {
            writeVisitCsvRows(out, h);
            ADD_FAILURE() << c.name << ": no error";
        } catch (const core::ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos)
                << c.name << ": " << e.what();
            EXPECT_NE(std::string(e.what()).find("patient AS-001"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(out.str().empty()) << c.name;
    }
}

}  // namespace
}  // namespace ankylos::interchange
