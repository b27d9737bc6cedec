// The treatment lanes under the course charts (report/treatment_lanes.cpp): one lane per class in the
// spec's order, switches in one row, bars on the time axis the course charts share.
#include <cairo-pdf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "report/charts.h"
#include "report_fixture.h"
#include "storage/history_reader.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using core::Date;
using core::DrugClass;
using core::Route;
using test::episode;

struct Canvas {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 400);
    cairo_t* cr = cairo_create(surface);
    ~Canvas() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
};

CourseData courseOf(std::vector<core::TreatmentEpisode> treatments) {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    history.treatments = std::move(treatments);
    return buildCourseData(history, core::Settings{}, Date(2026, 11, 28));
}

TEST(TreatmentLanes, OneLanePerClassInSpecOrderASwitchStaysInOneRow) {
    const CourseData data = courseOf(test::reportTreatments());
    const std::vector<TreatmentLane> lanes = treatmentLanes(data);
    ASSERT_EQ(lanes.size(), 4u);
    EXPECT_EQ(lanes[0].drugClass, DrugClass::Nsaid);
    EXPECT_EQ(lanes[1].drugClass, DrugClass::Csdmard);
    EXPECT_EQ(lanes[2].drugClass, DrugClass::Tnfi);
    EXPECT_EQ(lanes[3].drugClass, DrugClass::Il17i);
    ASSERT_EQ(lanes[0].rows.size(), 1u);  // naproxen stops 2008-09-30, celecoxib starts the day after
    ASSERT_EQ(lanes[0].rows[0].size(), 2u);
    EXPECT_EQ(lanes[0].rows[0][0]->drug, "Naproxen");
    EXPECT_EQ(lanes[0].rows[0][1]->drug, "Celecoxib");
    EXPECT_TRUE(lanes[0].rows[0][1]->ongoing);
    EXPECT_EQ(lanes[0].rows[0][1]->lastDay, Date(2026, 11, 28));  // ongoing: through today
}

TEST(TreatmentLanes, DrugsOfOneClassTakenTogetherTakeTwoRows) {
    const CourseData data =
        courseOf({episode("naproxen", "", Date(2020, 1, 1), Date(2020, 12, 31), "", Route::Oral),
                  episode("diclofenac", "", Date(2020, 12, 31), std::nullopt, "", Route::Oral),
                  episode("etoricoxib", "", Date(2021, 1, 1), std::nullopt, "", Route::Oral)});
    const std::vector<TreatmentLane> lanes = treatmentLanes(data);
    ASSERT_EQ(lanes.size(), 1u);
    ASSERT_EQ(lanes[0].rows.size(), 2u);  // diclofenac shares 2020-12-31 with naproxen
    EXPECT_EQ(lanes[0].rows[0].size(), 2u);
    EXPECT_EQ(lanes[0].rows[1].size(), 1u);
}

TEST(TreatmentLanes, NoTreatmentDrawsAMessageAndNoBars) {
    const CourseData data = courseOf({});
    Canvas canvas;
    EXPECT_TRUE(drawTreatmentLanes(canvas.cr, data, {0, 0, 700, 70}).empty());
    EXPECT_LT(treatmentLanesHeight(data), 100);
    EXPECT_GE(treatmentLanesHeight(courseOf(test::reportTreatments())), 120);
}

TEST(TreatmentLanes, BarsShareTheCourseChartsTimeAxisAndNameTheirEpisode) {
    test::TempDir dir;
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    const std::int64_t id = test::addReportPatient(db, 25);  // visits 2008-01-10 every 70 days
    const CourseData data =
        buildCourseData(*storage::HistoryReader(db).load(id), storage::readSettings(db), Date(2026, 11, 28));
    Canvas canvas;
    const Box box{20, 0, 700, 200};
    std::map<std::string, double> visitX;  // ASDAS points: "2008-01-10: ASDAS-CRP ..."
    for (const ChartHit& hit : drawAsdasChart(canvas.cr, data, box))
        if (hit.area.width < 20 && hit.text.size() > 10)
            visitX.emplace(hit.text.substr(0, 10), hit.area.x + hit.area.width / 2);
    ASSERT_GE(visitX.size(), 2u);
    const auto first = *visitX.begin(), last = *visitX.rbegin();
    auto xOf = [&](Date date) {
        const Date d0 = boost::gregorian::from_simple_string(first.first);
        const Date d1 = boost::gregorian::from_simple_string(last.first);
        return first.second +
               (last.second - first.second) * static_cast<double>((date - d0).days()) / (d1 - d0).days();
    };
    std::map<std::string, Box> bars;
    for (const ChartHit& hit : drawTreatmentLanes(canvas.cr, data, {20, 0, 700, treatmentLanesHeight(data)}))
        bars.emplace(hit.text, hit.area);
    const std::string adalimumab =
        "Adalimumab (Humira), TNF inhibitor: 2009-06-01 to 2012-05-31, stopped: "
        "inefficacy";
    const std::string secukinumab = "Secukinumab (Cosentyx), IL-17 inhibitor: 2012-06-01 to ongoing";
    ASSERT_EQ(bars.count(adalimumab), 1u);
    ASSERT_EQ(bars.count(secukinumab), 1u);
    EXPECT_NEAR(bars[adalimumab].x, xOf(Date(2009, 6, 1)), 0.05);
    EXPECT_NEAR(bars[adalimumab].x + bars[adalimumab].width, xOf(Date(2012, 6, 1)), 0.05);
    EXPECT_NEAR(bars[secukinumab].x, xOf(Date(2012, 6, 1)), 0.05);
    // Ongoing beyond the charts' last date: the bar runs to the plot's right edge, not past it.
    EXPECT_LE(bars[secukinumab].x + bars[secukinumab].width, box.x + box.width);
    EXPECT_GT(bars[secukinumab].x + bars[secukinumab].width, last.second);
    EXPECT_GT(bars[secukinumab].y, bars[adalimumab].y);  // the IL-17 inhibitor lane under the TNF one
}

TEST(TreatmentLanes, EpisodesOutsideTheChartsDatesAreNamedBesideTheirLane) {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    for (int i = 0; i < 6; ++i)  // 2008-01-10 to 2009-01-xx
        history.visits.push_back(test::courseVisit(i));
    history.treatments = {episode("ibuprofen", "", Date(2003, 1, 1), Date(2004, 12, 31), "", Route::Oral),
                          episode("naproxen", "", Date(2005, 1, 1), std::nullopt, "", Route::Oral),
                          episode("etanercept", "", Date(2020, 1, 1), std::nullopt, "", Route::Subcutaneous)};
    const CourseData data = buildCourseData(history, core::Settings{}, Date(2026, 11, 28));
    test::TempDir dir;
    const std::string pdf = (dir / "lanes.pdf").string();
    cairo_surface_t* surface = cairo_pdf_surface_create(pdf.c_str(), 800, 400);
    cairo_t* cr = cairo_create(surface);
    const std::vector<ChartHit> hits =
        drawTreatmentLanes(cr, data, {20, 20, 700, treatmentLanesHeight(data)});
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    ASSERT_EQ(hits.size(), 1u);  // only naproxen has a bar within the charts' dates
    EXPECT_EQ(hits[0].text.rfind("Naproxen, NSAID: 2005-01-01 to ongoing", 0), 0u) << hits[0].text;
    std::string text = test::pdfText(dir / "lanes.pdf");
    std::replace(text.begin(), text.end(), '\n', ' ');
    EXPECT_NE(text.find("before the charts' dates: Ibuprofen to 2004-12-31"), std::string::npos) << text;
    EXPECT_NE(text.find("after them: Etanercept from 2020-01-01"), std::string::npos) << text;
}

}  // namespace
}  // namespace ankylos::report
