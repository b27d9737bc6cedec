// The Course tab on a real window under Xvfb: every chart of the report (BASFI and BASMI too), one
// per analyte at a readable height however many analytes there are (the tab scrolls), all on one
// time axis, a CRP outlier that leaves the other values readable. Screenshots: course_panel*.png.
#include "ui/course_panel.h"

#include <gtest/gtest.h>
#include <wx/frame.h>

#include <map>

#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

using boost::gregorian::date;

/// Eight yearly visits with every score and all five analytes (sclerostin entered in ng/mL, one CRP
/// of 250 mg/L, one CRP below the detection limit), and two films read by two readers.
core::PatientHistory fullHistory() {
    core::PatientHistory history;
    history.patient.clinicId = "AS-CHART";
    history.patient.name = "Chart Test";
    history.patient.birth = date(1975, 4, 2);
    const double crp[] = {8, 12, 250, 6, 4, 0.5, 9, 14};
    for (int i = 0; i < 8; ++i) {
        core::Visit v;
        v.date = date(2016 + i, 3, 10);
        v.basdai = {4, 5, 3, 2, 6, 4};
        v.patientGlobal = 4;
        v.basfi.items = {3, 3, 4, 2, 5, 3, 3, 2, 4, 3};
        auto add = [&](core::Analyte a, double value, const char* unit) {
            core::LabValue lab;
            lab.analyte = a;
            lab.value = value;
            lab.unit = unit;
            lab.sampleDate = v.date;
            v.labs.push_back(lab);
        };
        add(core::Analyte::Crp, crp[i], "mg/L");
        if (i == 5) {
            v.labs.back().belowDetectionLimit = true;
            v.labs.back().detectionLimit = 0.5;
        }
        add(core::Analyte::Esr, 10 + i, "mm/h");
        add(core::Analyte::Mmp3, 40 + 5 * i, "ng/mL");
        add(core::Analyte::Dkk1, 900 + 30 * i, "pg/mL");
        add(core::Analyte::Sclerostin, 0.6 + 0.05 * i, "ng/mL");
        history.visits.push_back(v);
    }
    return history;
}

TEST(CoursePanel, EveryChartKeepsAReadableHeightOnOneTimeAxisAndTheTabScrolls) {
    wxFrame frame(nullptr, wxID_ANY, "Course", wxDefaultPosition, wxSize(1100, 700));
    auto* canvas = new CourseCanvas(&frame);
    frame.Show();
    canvas->setData(report::buildCourseData(fullHistory(), core::Settings{}));
    pumpWindowEvents(300);
    ASSERT_GE(canvas->drawCount(), 1);
    std::map<std::string, wxRect> areas(canvas->chartAreas().begin(), canvas->chartAreas().end());
    for (const char* name : {"mSASSS", "ASDAS", "BASDAI", "BASFI", "BASMI", "BMD", "CRP", "ESR", "MMP-3",
                             "DKK-1", "sclerostin", "Spine heat map"})
        ASSERT_TRUE(areas.count(name)) << name;
    for (const char* analyte : {"CRP", "ESR", "MMP-3", "DKK-1", "sclerostin"})
        EXPECT_GE(areas[analyte].height, 150) << analyte << " is not squeezed";
    EXPECT_GT(canvas->GetVirtualSize().y, canvas->GetClientSize().y) << "the tab scrolls";
    // The same visit date at the same x in BASDAI, BASFI and the CRP chart.
    std::map<std::string, std::vector<int>> xOf;
    for (const report::ChartHit& hit : canvas->hits())
        if (hit.text.rfind("2019-03-10: ", 0) == 0)
            xOf[hit.text.substr(12, 4)].push_back(static_cast<int>(hit.area.x + hit.area.width / 2));
    ASSERT_TRUE(xOf.count("BASD") && xOf.count("BASF") && xOf.count("CRP "));
    EXPECT_NEAR(xOf["BASD"][0], xOf["BASF"][0], 1);
    EXPECT_NEAR(xOf["BASD"][0], xOf["CRP "][0], 1);
    // Sclerostin entered in ng/mL is drawn in pmol/L, core's canonical unit.
    bool sclerostinInPmol = false;
    for (const report::ChartHit& hit : canvas->hits())
        sclerostinInPmol |= hit.text.find("sclerostin") != std::string::npos &&
                            hit.text.find("pmol/L, entered as") != std::string::npos;
    EXPECT_TRUE(sclerostinInPmol);
    saveScreenshot(&frame, "course_panel");
    canvas->Scroll(0, areas["CRP"].y / 20);
    pumpWindowEvents(300);
    saveScreenshot(&frame, "course_panel_labs");
}

}  // namespace
}  // namespace ankylos::ui::test
