// The patient report's low-dose CT tables: each scan's CTSS per reader and segment, and the CTSS
// progression review (docs/methods.md 12), beside the mSASSS and never mixed with it.
#include <gtest/gtest.h>

#include "core/ctss.h"
#include "report/patient_report.h"
#include "report/patient_sections.h"
#include "report/style.h"
#include "report_fixture.h"

namespace ankylos::report {
namespace {

using core::Date;

/// A reading whose first `graded` thoracic quadrants have `grade`, every other quadrant 0.
core::CtssReading thoracicReading(int graded, int grade) {
    std::string grades;
    int thoracic = 0;
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const bool scored = core::segmentOf(quadrant) == core::CtssSegment::Thoracic && thoracic++ < graded;
        grades += (grades.empty() ? "" : ",") + std::to_string(scored ? grade : 0);
    }
    return core::parseCtssReading(grades, "Dr. Chen");
}

core::PatientHistory historyWithScans() {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    core::CtScan first{Date(2020, 3, 1), "Somatom", true, {thoracicReading(4, 1)}};
    core::CtScan second{Date(2022, 3, 1), "Somatom", true, {thoracicReading(10, 2)}};
    history.ctScans = {first, second};
    return history;
}

TEST(CtssSections, EachScanShowsItsSegmentsAndTotal) {
    const Table table = ctScanTable(historyWithScans(), core::Settings{}, Language());
    ASSERT_EQ(table.rows.size(), 2u);
    const std::vector<std::string> first{"2020-03-01", "Dr. Chen", "0.0", "4.0", "0.0", "4.0", "4.0"};
    const std::vector<std::string> second{"2022-03-01", "Dr. Chen", "0.0", "20.0", "0.0", "20.0", "20.0"};
    for (std::size_t c = 0; c < first.size(); ++c) {
        EXPECT_EQ(table.rows[0][c].text, first[c]) << c;
        EXPECT_EQ(table.rows[1][c].text, second[c]) << c;
    }
}

// 4 quadrants grown from 1 to 2 and 6 new ones: +16.0 units (>= 14.4) and 10 quadrants (>= 3).
TEST(CtssSections, TheReviewNamesTheCriteriaThatFired) {
    const Table table = ctssProgressionTable(historyWithScans(), core::Settings{}, Language());
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0][2].text, "+16.0");
    EXPECT_EQ(table.rows[0][3].text, "6 new syndesmophytes, 4 growing, 0 regressions");
    EXPECT_EQ(table.rows[0][4].text.rfind("progression (CTSS change, new or growing syndesmophytes)", 0), 0u)
        << table.rows[0][4].text;
    EXPECT_TRUE(table.rows[0][4].alert);

    core::Settings strict;  // a threshold above the change: the quadrants alone decide
    strict.ctss.progressionUnits = 16.5;
    EXPECT_EQ(ctssProgressionTable(historyWithScans(), strict, Language())
                  .rows[0][4]
                  .text.rfind("progression (new or growing syndesmophytes)", 0),
              0u);
}

TEST(CtssSections, InChineseAndOnlyForPatientsWithScans) {
    const Language chinese = Language::load("zh_CN");
    const Table table = ctssProgressionTable(historyWithScans(), core::Settings{}, chinese);
    EXPECT_EQ(table.rows[0][3].text, "6 处新发韧带骨赘, 4 处增大, 0 处回退");
    EXPECT_EQ(table.rows[0][4].text.rfind("进展（CTSS 变化, 新发或增大的韧带骨赘）", 0), 0u)
        << table.rows[0][4].text;

    core::PatientHistory without = historyWithScans();
    without.ctScans.clear();
    ReportContext context;
    context.style = loadDefaultStyle();
    context.printed = Date(2026, 11, 28);
    for (const auto& [history, expected] : {std::pair{historyWithScans(), 2}, std::pair{without, 0}}) {
        int ctTables = 0;
        for (const Block& block : buildPatientReport(history, core::Settings{}, context).blocks)
            if (const Table* t = std::get_if<Table>(&block);
                t && t->caption.find("CTSS") != std::string::npos)
                ++ctTables;
        EXPECT_EQ(ctTables, expected);
    }
    const Table single = ctssProgressionTable(without, core::Settings{}, Language());
    EXPECT_EQ(single.rows[0][0].text, "fewer than two scans: no CTSS progression review");
}

}  // namespace
}  // namespace ankylos::report
