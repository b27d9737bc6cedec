// report::makeReport, the one builder behind ankylos-cli report and the app's print, preview and PDF:
// a real database, the options a front end sets, and the names it suggests.
#include "report/make_report.h"

#include <gtest/gtest.h>

#include "core/validation.h"
#include "report_fixture.h"
#include "storage/audit.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using test::TempDir;

class MakeReport : public ::testing::Test {
protected:
    void SetUp() override {
        m_db = std::make_unique<storage::Database>(m_dir / "clinic.db", "", storage::Open::CreateNew);
        m_patient = test::addReportPatient(*m_db, 3, "AS/7:01");
    }
    ReportSubject patient(std::int64_t id) const {
        ReportSubject subject;
        subject.patientId = id;
        return subject;
    }
    std::string pdfTextOf(const LaidOutDocument& document, const std::string& name) {
        writePdf(document, (m_dir / name).string(), files::OutputPolicy());
        return test::pdfText(m_dir / name);
    }
    TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::int64_t m_patient = 0;
};

TEST_F(MakeReport, OptionsReplaceTheStylesClinicPaperAndDate) {
    ReportOptions options;
    options.clinicName = "Spine Clinic Nord";
    options.paper = Paper::Letter;
    options.printed = core::Date(2026, 6, 1);
    const LaidOutDocument document = makeReport(*m_db, patient(m_patient), options);
    EXPECT_DOUBLE_EQ(document.size.width, pageSize(Paper::Letter).width);
    const std::string text = pdfTextOf(document, "patient.pdf");
    EXPECT_NE(text.find("Spine Clinic Nord"), std::string::npos) << text.substr(0, 400);
    EXPECT_NE(text.find("2026-06-01"), std::string::npos);
    EXPECT_NE(text.find("AS/7:01"), std::string::npos);
}

TEST_F(MakeReport, WithoutOptionsTheStyleDecides) {
    const ReportStyle style = loadDefaultStyle();
    ReportSubject cohort;  // no patient: the cohort summary
    const LaidOutDocument document = makeReport(*m_db, cohort);
    EXPECT_DOUBLE_EQ(document.size.width, pageSize(style.paper).width);
    const std::string text = pdfTextOf(document, "cohort.pdf");
    EXPECT_NE(text.find(style.clinicName), std::string::npos);
    EXPECT_NE(text.find("1 of 1 in the database"), std::string::npos) << text.substr(0, 400);
}

TEST_F(MakeReport, AMissingPatientIsAValidationErrorNamingIt) {
    try {
        makeReport(*m_db, patient(m_patient + 1));
        FAIL() << "a report of a patient the database does not have";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("patient: " + std::to_string(m_patient + 1)), std::string::npos)
            << e.what();
    }
}

// docs/methods.md 5: the BMD change table judges each change against the LSC stored for its device
// and site (ankylos-cli settings --lsc), and says "no LSC configured" where none is.
TEST_F(MakeReport, BmdChangesAreJudgedAgainstTheStoredLsc) {
    const std::int64_t scanned = test::addReportPatient(*m_db, 9, "AS-DXA", "Scanned, Patient");
    storage::changeDeviceLsc(*m_db, {"Hologic", "Discovery A"}, core::BmdSite::LumbarSpine, 0.015,
                             "precision study");
    const std::string text = pdfTextOf(makeReport(*m_db, patient(scanned)), "dxa.pdf");
    const auto table = text.find("BMD change between scans");
    ASSERT_NE(table, std::string::npos);
    const std::string rows = text.substr(table, 1000);
    const auto lineWith = [&rows](const std::string& start) {
        const auto at = rows.find("\n" + start);
        return at == std::string::npos ? std::string() : rows.substr(at + 1, rows.find('\n', at + 1) - at - 1);
    };
    const std::string lumbar = lineWith("lumbar"), hip = lineWith("total hip");
    EXPECT_NE(lumbar.find("+0.016"), std::string::npos) << rows;
    EXPECT_NE(lumbar.find("0.015 significant change"), std::string::npos) << rows;
    EXPECT_NE(hip.find("none significance unknown: no LSC"), std::string::npos) << rows;
}

TEST_F(MakeReport, SuggestedPdfNames) {
    EXPECT_EQ(suggestedPdfName(*m_db, patient(m_patient)), "AS_7_01-report.pdf");
    EXPECT_EQ(suggestedPdfName(*m_db, patient(m_patient + 1)), "patient-report.pdf");
    EXPECT_EQ(suggestedPdfName(*m_db, ReportSubject()), "cohort-summary.pdf");
}

// Item 7 of issue 17: a patient's report that leaves the program writes an audit row naming the
// patient; a cohort summary writes none; a PDF that cannot be written leaves no row.
TEST_F(MakeReport, APatientsPdfAndPrintWriteAnAuditRowNamingThePatient) {
    const auto before = storage::auditRowsFor(*m_db, storage::AuditAction::Export).size();
    const LaidOutDocument document = makeReport(*m_db, patient(m_patient));
    writeReportPdf(*m_db, patient(m_patient), document, (m_dir / "p.pdf").string(), files::OutputPolicy());
    recordReportOutput(*m_db, patient(m_patient), ReportOutput::Print, document.pageCount());
    const auto rows = storage::auditRowsFor(*m_db, storage::AuditAction::Export);
    ASSERT_EQ(rows.size(), before + 2);
    for (const storage::AuditRow& row : {rows[rows.size() - 2], rows.back()}) {
        EXPECT_EQ(row.table, "patient");
        EXPECT_EQ(row.rowId, m_patient);
        EXPECT_NE(row.newValues.find("\"clinic_id\":\"AS/7:01\""), std::string::npos) << row.newValues;
    }
    EXPECT_NE(rows[rows.size() - 2].newValues.find("\"file\":\"p.pdf\""), std::string::npos);
    EXPECT_NE(rows.back().newValues.find("\"output\":\"print\""), std::string::npos);

    writeReportPdf(*m_db, ReportSubject(), makeReport(*m_db, ReportSubject()), (m_dir / "c.pdf").string(),
                   files::OutputPolicy());
    // The target exists and may not be replaced: no PDF, no row.
    EXPECT_ANY_THROW(writeReportPdf(*m_db, patient(m_patient), document, (m_dir / "p.pdf").string(),
                                    files::OutputPolicy()));
    EXPECT_EQ(storage::auditRowsFor(*m_db, storage::AuditAction::Export).size(), before + 2);
}

}  // namespace
}  // namespace ankylos::report
