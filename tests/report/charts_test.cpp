#include "report/charts.h"

#include <cairo-pdf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "core/format.h"
#include "report/chart_axes.h"
#include "report_fixture.h"
#include "storage/history_reader.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using test::TempDir;

/// Fraction of pixels of an image surface that are not white.
double inkedFraction(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    long inked = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint32_t pixel = *reinterpret_cast<const std::uint32_t*>(data + y * stride + 4 * x);
            if ((pixel & 0xFFFFFF) != 0xFFFFFF)
                ++inked;
        }
    return static_cast<double>(inked) / (w * h);
}

TEST(Charts, EmptyDataDrawsAMessageAndNoHits) {
    CourseData empty;
    using Draw = std::vector<ChartHit> (*)(cairo_t*, const CourseData&, const Box&);
    for (Draw draw : {Draw(drawMsasssChart), Draw(drawCtssChart), Draw(drawAsdasChart), Draw(drawBasdaiChart),
                      Draw(drawBasfiChart), Draw(drawBasmiChart), Draw(drawBmdChart), Draw(drawSpineHeatMap),
                      Draw(drawCtssHeatMap), Draw([](cairo_t*cr, const CourseData&d, const Box&b) {
                          return drawLabChart(cr, d, core::Analyte::Crp, b);
                      })}) {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 200);
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        std::vector<ChartHit> hits;
        EXPECT_NO_THROW(hits = draw(cr, empty, {0, 0, 400, 200}));
        EXPECT_TRUE(hits.empty());
        EXPECT_GT(inkedFraction(surface), 0.001);  // the title and the message were drawn
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
}

TEST(Charts, HitsDescribeWhatWasDrawn) {
    TempDir dir;
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    std::int64_t id = test::addReportPatient(db, 25);
    core::Settings settings = storage::readSettings(db);
    CourseData data = buildCourseData(*storage::HistoryReader(db).load(id), settings);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 300);
    cairo_t* cr = cairo_create(surface);
    std::vector<ChartHit> msasss = drawMsasssChart(cr, data, {0, 0, 800, 300});
    bool pairHit = false;
    for (const ChartHit& hit : msasss)
        pairHit = pairHit || hit.text.find("progression") != std::string::npos;
    EXPECT_TRUE(pairHit);
    std::vector<ChartHit> heat = drawSpineHeatMap(cr, data, {0, 0, 800, 300});
    EXPECT_EQ(heat.size(), data.heatMap.size() * core::kSiteCount);  // every reading's every site
    for (const ChartHit& hit : heat) {
        EXPECT_GE(hit.area.x, 0);
        EXPECT_LE(hit.area.x + hit.area.width, 800.01);
        EXPECT_LE(hit.area.y + hit.area.height, 300.01);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
}

/// A cairo image surface and context, freed at the end of the scope.
struct Canvas {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 400);
    cairo_t* cr = cairo_create(surface);
    ~Canvas() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
};

CourseData reportPatientData(const TempDir& dir) {
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    const std::int64_t id = test::addReportPatient(db, 25);
    return buildCourseData(*storage::HistoryReader(db).load(id), storage::readSettings(db));
}

/// The x centre of each hover point whose text starts with a date, by date.
std::map<std::string, double> xByDate(const std::vector<ChartHit>& hits) {
    std::map<std::string, double> x;
    for (const ChartHit& hit : hits)
        if (hit.area.width < 20 && hit.text.size() > 10 && hit.text[4] == '-')
            x.emplace(hit.text.substr(0, 10), hit.area.x + hit.area.width / 2);
    return x;
}

TEST(Charts, StackedChartsShareOneTimeAxis) {
    // Charts of one width put a date at the same x, whatever their values or legends: ASDAS, BASDAI
    // and CRP of the same visits, and the mSASSS films against the visits of the same dates.
    TempDir dir;
    const CourseData data = reportPatientData(dir);
    Canvas canvas;
    const Box box{20, 0, 700, 200};
    const auto asdas = xByDate(drawAsdasChart(canvas.cr, data, box));
    const auto basdai = xByDate(drawBasdaiChart(canvas.cr, data, box));
    const auto crp = xByDate(drawLabChart(canvas.cr, data, core::Analyte::Crp, box));
    const auto msasss = xByDate(drawMsasssChart(canvas.cr, data, box));
    int compared = 0;
    for (const auto& [date, x] : asdas) {
        for (const auto* other : {&basdai, &crp}) {
            auto it = other->find(date);
            if (it == other->end())
                continue;
            EXPECT_NEAR(it->second, x, 0.01) << date;
            ++compared;
        }
    }
    EXPECT_GT(compared, 20);
    // A film date and a visit date: x in proportion to the days between them.
    const TimeRange range = courseTimeRange(data);
    const auto [filmDate, filmX] = *msasss.begin();
    const auto [visitDate, visitX] = *asdas.begin();
    const double days = static_cast<double>(
        (boost::gregorian::from_simple_string(visitDate) - boost::gregorian::from_simple_string(filmDate))
            .days());
    const double perDay = (asdas.rbegin()->second - visitX) /
                          static_cast<double>((boost::gregorian::from_simple_string(asdas.rbegin()->first) -
                                               boost::gregorian::from_simple_string(visitDate))
                                                  .days());
    EXPECT_NEAR(visitX - filmX, days * perDay, 0.05);
    EXPECT_GT(range.dayMax, range.dayMin);
}

TEST(Charts, HoverTextUsesCoresLabelsNeverInternalNames) {
    TempDir dir;
    const CourseData data = reportPatientData(dir);
    Canvas canvas;
    std::string all;
    for (const CourseChart& chart : courseCharts(std::make_shared<const CourseData>(data)))
        for (const ChartHit& hit : chart.draw(canvas.cr, {0, 0, 700, 300}))
            all += hit.text + "\n";
    for (const char* internal :
         {"new_syndesmophyte", "femoral_neck", "total_hip", "very_high", "no_reference_range", "not_visible"})
        EXPECT_EQ(all.find(internal), std::string::npos) << internal;
    EXPECT_NE(all.find("mSASSS change"), std::string::npos) << "the criterion, as core labels it";
}

/// How often needle occurs in text.
int occurrences(const std::string& text, const std::string& needle) {
    int count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

TEST(Charts, HeatMapLegendNamesEveryReaderOnceAndNoShortNameStandsForTwo) {
    // Three readers on eight films, two of them with the initials "RA": the columns are too narrow for
    // names, so the header writes short names and the legend says whose they are.
    const std::vector<std::string> readers = {"Reader A", "Rachel Adams", "Reader B"};
    CourseData data;
    for (int film = 0; film < 8; ++film)
        for (std::size_t r = 0; r < readers.size(); ++r) {
            HeatMapColumn column;
            column.date = core::Date(2010 + film, 3, 1);
            column.reader = readers[r];
            column.firstOfFilm = r == 0;
            column.grades.assign(core::kSiteCount, film % 4);
            column.newSyndesmophyte.assign(core::kSiteCount, false);
            column.regression.assign(core::kSiteCount, false);
            data.heatMap.push_back(column);
        }
    TempDir dir;
    const auto pdf = dir / "heat_map.pdf";
    cairo_surface_t* surface = cairo_pdf_surface_create(pdf.c_str(), 600, 440);
    cairo_t* cr = cairo_create(surface);
    drawSpineHeatMap(cr, data, {10, 10, 580, 420});
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    const std::string text = test::pdfText(pdf);
    for (const std::string& reader : readers)
        EXPECT_EQ(occurrences(text, reader), 1) << reader << " is named once, in the legend:\n" << text;
    EXPECT_NE(text.find("RA1: Reader A"), std::string::npos) << text;
    EXPECT_NE(text.find("RA2: Rachel Adams"), std::string::npos) << text;
    EXPECT_NE(text.find("RB: Reader B"), std::string::npos) << text;
    EXPECT_EQ(occurrences(text, "RA2"), 1 + 8) << "the legend and each film's column of Rachel Adams";
    EXPECT_EQ(occurrences(text, "RA "), 0) << "no bare \"RA\" that could be either reader";
}

TEST(Charts, TheCourseListsEveryScoreAndOneReadableChartPerAnalyte) {
    TempDir dir;
    auto data = std::make_shared<const CourseData>(reportPatientData(dir));
    std::vector<std::string> names;
    for (const CourseChart& chart : courseCharts(data)) {
        names.push_back(chart.name);
        EXPECT_GE(chart.height, 120) << chart.name;
    }
    for (const char* expected :
         {"mSASSS", "ASDAS", "BASDAI", "BASFI", "BASMI", "BMD", "CRP", "Spine heat map"})
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
}

// docs/methods.md 12: the CTSS has a chart of its own, shown only for a patient with low-dose CT, whose
// points are the scan scores and the first computable reading's segments.
TEST(Charts, TheCtssChartShowsEachScanAndOnlyForPatientsWithScans) {
    TempDir dir;
    CourseData withoutScans = reportPatientData(dir);
    auto names = [](const CourseData& data) {
        std::vector<std::string> found;
        for (const CourseChart& chart : courseCharts(std::make_shared<const CourseData>(data)))
            found.push_back(chart.name);
        return found;
    };
    const auto without = names(withoutScans);
    EXPECT_EQ(std::find(without.begin(), without.end(), "CTSS"), without.end());

    core::PatientHistory history;
    history.patient = test::reportPatient();
    std::string grades;
    for (core::Quadrant quadrant : core::allQuadrants())
        grades +=
            std::string(grades.empty() ? "" : ",") +
            (core::segmentOf(quadrant) == core::CtssSegment::Thoracic && quadrant.index() % 8 == 0 ? "2"
                                                                                                   : "0");
    history.ctScans = {{core::Date(2021, 5, 1), "", true, {core::parseCtssReading(grades, "Dr. Chen")}},
                       {core::Date(2023, 5, 1), "", true, {}}};
    const CourseData data = buildCourseData(history, core::Settings{}, core::Date(2026, 1, 1));
    ASSERT_EQ(data.ctss.size(), 2u);
    EXPECT_EQ(data.ctss[0].total, 22.0);  // 11 thoracic units with one quadrant of grade 2 each
    EXPECT_EQ(data.ctss[0].thoracic, 22.0);
    EXPECT_EQ(data.ctss[0].cervical, 0.0);
    EXPECT_FALSE(data.ctss[1].total) << "a scan without readings has no score";
    const auto with = names(data);
    ASSERT_NE(std::find(with.begin(), with.end(), "CTSS"), with.end());
    EXPECT_EQ(std::find(with.begin(), with.end(), "CTSS") - std::find(with.begin(), with.end(), "mSASSS"), 1)
        << "right after the mSASSS chart";

    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 200);
    cairo_t* cr = cairo_create(surface);
    const std::vector<ChartHit> hits = drawCtssChart(cr, data, {0, 0, 600, 200});
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    const bool totalShown = std::any_of(hits.begin(), hits.end(),
                                        [](const ChartHit& h) { return h.text == "2021-05-01: CTSS 22.0"; });
    EXPECT_TRUE(totalShown);
}

/// A reading of all zeros with the given quadrants set ("T7_inf_ant=2", "T8_sup_left=NA").
core::CtssReading ctssReadingWith(const std::string& reader, const std::map<std::string, std::string>& set) {
    std::string grades;
    for (core::Quadrant quadrant : core::allQuadrants()) {
        auto found = set.find(core::quadrantId(quadrant));
        grades += std::string(grades.empty() ? "" : ",") + (found == set.end() ? "0" : found->second);
    }
    return core::parseCtssReading(grades, reader);
}

// docs/methods.md 12: the heat map by vertebral unit shows what each reader graded per unit, nothing
// imputed, and the new or growing syndesmophytes and regressions against that reader's previous scan.
TEST(Charts, TheCtssHeatMapSumsEachUnitAndMarksEventsAgainstTheReadersPreviousScan) {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    const int t7t8 = 12;  // C2/C3..C7/T1 are units 0-5, T1/T2 is 6
    ASSERT_EQ(core::vertebralUnitLabel(t7t8), "T7/T8");
    history.ctScans = {
        {core::Date(2023, 5, 1),
         "",
         true,
         {ctssReadingWith("Reader A", {{"T7_inf_ant", "1"}, {"T8_sup_post", "2"}, {"L5_inf_left", "2"}}),
          ctssReadingWith("Reader B", {{"T7_inf_ant", "1"}})}},
        {core::Date(2021, 5, 1),
         "",
         true,
         {ctssReadingWith("reader a", {{"T7_inf_ant", "1"}, {"L5_inf_left", "3"}})}},
    };
    history.ctScans[0].readings[0].at(*core::quadrantFromId("T8_sup_right")) =
        core::QuadrantScore::notAssessable(core::NotAssessableReason::SurgeryHardware);
    const CourseData data = buildCourseData(history, core::Settings{}, core::Date(2026, 1, 1));

    ASSERT_EQ(data.ctssHeatMap.size(), 3u);
    EXPECT_EQ(data.ctssHeatMap[0].date, core::Date(2021, 5, 1)) << "scans in date order";
    EXPECT_TRUE(data.ctssHeatMap[0].previousScan.empty());
    const CtssHeatMapColumn& laterA = data.ctssHeatMap[1];
    EXPECT_TRUE(laterA.firstOfScan);
    EXPECT_FALSE(data.ctssHeatMap[2].firstOfScan);
    EXPECT_EQ(laterA.previousScan, "2021-05-01") << "readers matched without regard to case";
    EXPECT_EQ(laterA.units[t7t8].gradedSum, 3);
    EXPECT_EQ(laterA.units[t7t8].graded, 7);
    EXPECT_EQ(laterA.units[t7t8].notAssessable, 1);
    EXPECT_EQ(laterA.newOrGrowing[t7t8], 1) << "T8_sup_post 0 -> 2";
    const int l5s1 = 22;
    EXPECT_EQ(laterA.regressions[l5s1], 1) << "L5_inf_left 3 -> 2";
    EXPECT_TRUE(data.ctssHeatMap[2].previousScan.empty()) << "Reader B has no earlier scan";
    EXPECT_EQ(data.ctssHeatMap[2].newOrGrowing[t7t8], 0);

    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 380);
    cairo_t* cr = cairo_create(surface);
    const std::vector<ChartHit> hits = drawCtssHeatMap(cr, data, {0, 0, 600, 380});
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    ASSERT_EQ(hits.size(), 3u * core::kVertebralUnitCount);
    const std::string& cell = hits[3 * t7t8 + 1].text;  // row by row, a column per reading
    EXPECT_EQ(
        cell,
        "2023-05-01 T7/T8, Reader A: 3 of 24 (7 of 8 quadrants graded, 1 not assessable, 0 not scored), "
        "1 new or growing syndesmophyte since this reader's scan of 2021-05-01");
    EXPECT_NE(hits[3 * l5s1 + 1].text.find("1 regression since this reader's scan of 2021-05-01"),
              std::string::npos);
    for (const ChartHit& hit : hits)
        EXPECT_LE(hit.area.y + hit.area.height, 380.01);

    const auto charts = courseCharts(std::make_shared<const CourseData>(data));
    EXPECT_EQ(charts.back().name, "CTSS heat map");
    TempDir dir;
    const auto without = courseCharts(std::make_shared<const CourseData>(reportPatientData(dir)));
    EXPECT_EQ(without.back().name, "Spine heat map") << "no CTSS heat map for a patient without CT";
}

TEST(Charts, AnOutlierIsDrawnAtTheTopWithItsValueAndTheOtherValuesKeepTheirScale) {
    CourseData data;
    const double crp[] = {3, 5, 8, 12, 250, 6, 4};
    for (int i = 0; i < 7; ++i) {
        LabPoint p;
        p.date = core::Date(2015 + i, 5, 1);
        p.value = crp[i];
        p.unit = "mg/L";
        data.labs.push_back(p);
    }
    Canvas canvas;
    const std::vector<ChartHit> hits = drawLabChart(canvas.cr, data, core::Analyte::Crp, {0, 0, 700, 300});
    ASSERT_EQ(hits.size(), 7u);
    const double top = hits[4].area.y + hits[4].area.height / 2;  // 250: at the top edge
    const double twelve = hits[3].area.y + hits[3].area.height / 2;
    const double three = hits[0].area.y + hits[0].area.height / 2;
    EXPECT_LT(top, twelve);
    // 3 and 12 mg/L are far apart (not flattened to the bottom by the 250).
    EXPECT_GT(three - twelve, 0.4 * (three - top));
    EXPECT_NE(hits[4].text.find("250 mg/L"), std::string::npos) << hits[4].text;
}

}  // namespace
}  // namespace ankylos::report
