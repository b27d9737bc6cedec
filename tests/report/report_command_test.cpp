// `ankylos-cli report`: the real binary on a real database, no display (DISPLAY is unset).
#include <gtest/gtest.h>

#include "report_fixture.h"
#include "storage/audit.h"

namespace ankylos::report {
namespace {

using test::TempDir;

/// The command in an English environment unless environment says otherwise ("LANG=zh_CN.UTF-8"):
/// without --lang a report follows the system's language.
std::string cli(const std::string& arguments, const std::string& environment = "LANG=C.UTF-8") {
    return "env -u DISPLAY -u LANGUAGE -u LC_ALL -u LC_MESSAGES " + environment + " '" + ANKYLOS_CLI +
           "' report " + arguments;
}

class ReportCommand : public ::testing::Test {
protected:
    void SetUp() override {
        storage::Database db(m_dir / "clinic.db", "", storage::Open::CreateNew);
        test::addReportPatient(db, 12);
        test::addReportPatient(db, 3, "AS-7002", "李娜");
    }
    std::string db() const { return "'" + (m_dir / "clinic.db").string() + "'"; }
    std::string out(const std::string& name) const { return (m_dir / name).string(); }
    TempDir m_dir;
};

TEST_F(ReportCommand, PatientReport) {
    test::CommandResult r = test::runCommand(cli(db() + " --patient AS-7001 --out '" + out("p.pdf") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    int pages = test::pdfPages(out("p.pdf"));
    EXPECT_GT(pages, 1);
    EXPECT_NE(r.output.find("(" + std::to_string(pages) + " pages)"), std::string::npos) << r.output;
    std::string text = test::pdfText(out("p.pdf"));
    EXPECT_NE(text.find("王小明"), std::string::npos);
    EXPECT_EQ(text.find("李娜"), std::string::npos);  // only the patient asked for
}

// A patient's PDF is recorded in the audit trail under --user; a cohort summary is not.
TEST_F(ReportCommand, APatientReportWritesAnAuditRowNamingThePatientAndUser) {
    ASSERT_EQ(test::runCommand(cli(db() + " --cohort --out '" + out("c.pdf") + "'")).exitCode, 0);
    test::CommandResult r =
        test::runCommand(cli(db() + " --patient AS-7002 --user nurse.kim --out '" + out("p.pdf") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    storage::Database database(m_dir / "clinic.db", "", storage::Open::ReadOnly);
    const auto rows = storage::auditRowsFor(database, storage::AuditAction::Export);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].user, "nurse.kim");
    EXPECT_EQ(rows[0].table, "patient");
    EXPECT_NE(rows[0].newValues.find("\"clinic_id\":\"AS-7002\""), std::string::npos) << rows[0].newValues;
    EXPECT_NE(rows[0].newValues.find("\"output\":\"pdf\""), std::string::npos) << rows[0].newValues;
}

TEST_F(ReportCommand, LetterPaperAndClinicName) {
    test::CommandResult r = test::runCommand(cli(
        db() + " --patient AS-7002 --paper letter --clinic '风湿科 Clinic' --out '" + out("p.pdf") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(test::runTool("pdfinfo '" + out("p.pdf") + "'").find("612 x 792 pts"), std::string::npos);
    EXPECT_NE(test::pdfText(out("p.pdf")).find("风湿科 Clinic"), std::string::npos);
}

TEST_F(ReportCommand, CohortWithFilters) {
    test::CommandResult r =
        test::runCommand(cli(db() +
                             " --cohort --sex M --hla-b27 positive --progressor yes --from 2008-01-01 "
                             "--to 2008-12-31 --out '" +
                             out("c.pdf") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    std::string text = test::pdfText(out("c.pdf"));
    EXPECT_NE(text.find("2 of 2 in the database"), std::string::npos) << text;
    // The selection, in the header and the table, wraps where its column ends.
    for (const char* part : {"baseline 2008-01-01 to 2008-12-31,", "men, HLA-B27 positive, progressors"})
        EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
}

// docs/methods.md stays English; the report's own words follow --lang, numbers and dates do not.
TEST_F(ReportCommand, AChineseReportIsWrittenInChineseWithItsFontsEmbedded) {
    test::CommandResult r =
        test::runCommand(cli(db() + " --patient AS-7001 --lang zh_CN --out '" + out("zh.pdf") + "'"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const std::string text = test::pdfText(out("zh.pdf"));
    for (const char* chinese : {"患者报告", "概要", "本次", "病程", "表格", "就诊", "脊柱X线片 (mSASSS)",
                                "进展评估", "实验室指标", "签署确认", "审核人（姓名）", "第 1 页，共"})
        EXPECT_NE(text.find(chinese), std::string::npos) << chinese;
    for (const char* english : {"Patient report", "Summary", "Today", "Tables", "Visits", "Page 1 of",
                                "Laboratory values", "Reviewed by", "How the numbers were made"})
        EXPECT_EQ(text.find(english), std::string::npos) << english;
    EXPECT_NE(text.find("王小明"), std::string::npos);
    ASSERT_EQ(
        test::runCommand(cli(db() + " --patient AS-7001 --lang en --out '" + out("en.pdf") + "'")).exitCode,
        0);
    const std::string english = test::pdfText(out("en.pdf"));
    for (const char* same : {"AS-7001", "2008-", "mg/L"})
        EXPECT_NE(text.find(same), std::string::npos) << same;
    EXPECT_NE(english.find("Patient report"), std::string::npos);
    EXPECT_NE(test::runTool("pdffonts '" + out("zh.pdf") + "'").find("NotoSansCJKsc"), std::string::npos);
}

TEST_F(ReportCommand, WithoutLangTheReportFollowsTheSystemLanguage) {
    ASSERT_EQ(
        test::runCommand(cli(db() + " --cohort --out '" + out("zh.pdf") + "'", "LANG=zh_CN.UTF-8")).exitCode,
        0);
    EXPECT_NE(test::pdfText(out("zh.pdf")).find("队列汇总"), std::string::npos);
    ASSERT_EQ(
        test::runCommand(cli(db() + " --cohort --lang en --out '" + out("en.pdf") + "'", "LANG=zh_CN.UTF-8"))
            .exitCode,
        0);
    EXPECT_NE(test::pdfText(out("en.pdf")).find("Cohort summary"), std::string::npos);
    ASSERT_EQ(test::runCommand(cli(db() + " --cohort --out '" + out("c.pdf") + "'", "LANG=C.UTF-8")).exitCode,
              0);
    EXPECT_NE(test::pdfText(out("c.pdf")).find("Cohort summary"), std::string::npos);
}

TEST_F(ReportCommand, ErrorsExitTwoWithAClearMessage) {
    struct Case {
        std::string arguments;
        std::string message;
    };
    const Case cases[] = {
        {db() + " --patient NOPE --out '" + out("x.pdf") + "'", "--patient: NOPE"},
        {db() + " --cohort --sex X --out '" + out("x.pdf") + "'", "--sex: X"},
        {db() + " --cohort --hla-b27 unknown --out '" + out("x.pdf") + "'", "--hla-b27: unknown"},
        {db() + " --cohort --progressor maybe --out '" + out("x.pdf") + "'", "--progressor: maybe"},
        {db() + " --cohort --from 2020-13-01 --out '" + out("x.pdf") + "'", "--from"},
        {db() + " --cohort --from 2021-01-01 --to 2020-01-01 --out '" + out("x.pdf") + "'",
         "--to: 2020-01-01"},
        {db() + " --cohort --paper a5 --out '" + out("x.pdf") + "'", "--paper: a5"},
        {db() + " --cohort --lang fr --out '" + out("x.pdf") + "'",
         "--lang: fr is not allowed (allowed: en or zh_CN)"},
        {db() + " --out '" + out("x.pdf") + "'", "exactly one of --patient ID, --cohort or --session NAME"},
        {db() + " --cohort --session S1 --out '" + out("x.pdf") + "'", "report: more than one"},
        {db() + " --session S9 --out '" + out("x.pdf") + "'", "session: S9"},
        {db() + " --session S9 --sex M --out '" + out("x.pdf") + "'", "no cohort filter"},
        {db() + " --patient AS-7001 --sex M --out '" + out("x.pdf") + "'", "no cohort filter"},
        {"'" + out("missing.db") + "' --cohort --out '" + out("x.pdf") + "'", "there is no such file"},
        {db() + " --cohort --out '" + out("no/such/folder/x.pdf") + "'", "a file in a folder that exists"},
        {db() + " --cohort --out " + db(), "a file other than the database"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.arguments);
        test::CommandResult r = test::runCommand(cli(c.arguments));
        EXPECT_EQ(r.exitCode, 2) << r.output;
        EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
    }
    EXPECT_FALSE(std::filesystem::exists(out("missing.db")));  // a typo never creates a database
}

}  // namespace
}  // namespace ankylos::report
