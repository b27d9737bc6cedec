#include "report/course_data.h"

#include <gtest/gtest.h>

#include "core/format.h"
#include "core/progression.h"
#include "core/visit.h"
#include "report_fixture.h"
#include "storage/history_reader.h"
#include "storage/settings_store.h"

namespace ankylos::report {
namespace {

using test::TempDir;

core::LabValue lab(core::Analyte analyte, core::Date date, double value, const std::string& unit) {
    core::LabValue v;
    v.analyte = analyte;
    v.sampleDate = date;
    v.value = value;
    v.unit = unit;
    return v;
}

core::PatientHistory withLabs(const std::vector<core::LabValue>& labs) {
    core::PatientHistory history;
    history.patient.clinicId = "L-1";
    history.patient.name = "Lab Test";
    history.patient.birth = core::Date(1970, 1, 1);
    for (const core::LabValue& value : labs) {
        core::Visit visit;
        visit.date = value.sampleDate;
        visit.labs.push_back(value);
        history.visits.push_back(visit);
    }
    return history;
}

TEST(CourseData, ComesFromCore) {
    TempDir dir;
    storage::Database db(dir / "clinic.db", "", storage::Open::CreateNew);
    std::int64_t id = test::addReportPatient(db, 25);
    core::Settings settings = storage::readSettings(db);
    core::PatientHistory history = *storage::HistoryReader(db).load(id);
    CourseData data = buildCourseData(history, settings);
    ASSERT_EQ(data.msasss.size(), history.films.size());
    for (std::size_t i = 0; i < history.films.size(); ++i)
        EXPECT_EQ(data.msasss[i].total, core::scoreFilm(history.films[i], settings.msasss).value);
    core::ProgressionReview review = core::reviewProgression(history.films, settings);
    ASSERT_EQ(data.progression.size(), review.pairs.size());
    EXPECT_EQ(data.progressor, review.progressor);
    ASSERT_EQ(data.activity.size(), history.visits.size());
    for (std::size_t i = 0; i < history.visits.size(); ++i) {
        core::VisitScores s = core::scoreVisit(history.patient, history.visits[i], history.films, settings);
        EXPECT_EQ(data.activity[i].basdai, s.basdai.value);
        EXPECT_EQ(data.activity[i].asdasCrp, s.asdasCrp.value);
    }
    // Every reading on the heat map, film by film; new syndesmophytes marked on later films only.
    std::size_t readings = 0;
    for (const core::Film& film : history.films)
        readings += film.readings.size();
    ASSERT_EQ(data.heatMap.size(), readings);
    EXPECT_EQ(data.heatMap[0].reader, "Reader A");
    EXPECT_EQ(data.heatMap[1].reader, history.films[0].readings.at(1).reader);
    EXPECT_FALSE(data.heatMap[1].firstOfFilm);
    EXPECT_EQ(data.heatMap[0].grades[core::siteIndex(core::Site::T1_sup)], -1);
    for (bool marked : data.heatMap[0].newSyndesmophyte)
        EXPECT_FALSE(marked);
    bool anyNew = false;
    for (const HeatMapColumn& film : data.heatMap)
        for (bool marked : film.newSyndesmophyte)
            anyNew = anyNew || marked;
    EXPECT_TRUE(anyNew);
    // The assay change of the fixture (visit 20) is marked on the CRP series only.
    int changes = 0;
    for (const LabPoint& p : data.labs)
        if (p.assayChanged) {
            ++changes;
            EXPECT_EQ(p.analyte, core::Analyte::Crp);
        }
    EXPECT_EQ(changes, 1);
}

TEST(CourseData, AnAssayNotRecordedIsNotMarkedAsAnAssayChange) {
    // CRP by Roche, not recorded, Roche, not recorded, then Siemens: one change, before the Siemens value.
    core::PatientHistory history;
    history.patient.clinicId = "A-1";
    history.patient.name = "Assay Test";
    history.patient.birth = core::Date(1970, 1, 1);
    const char* assays[] = {"Roche", "", "Roche", "", "Siemens"};
    for (int i = 0; i < 5; ++i) {
        core::Visit visit;
        visit.date = core::Date(2015 + i, 3, 1);
        core::LabValue crp;
        crp.value = 4 + i;
        crp.unit = "mg/L";
        crp.sampleDate = visit.date;
        crp.assay = assays[i];
        visit.labs.push_back(crp);
        history.visits.push_back(visit);
    }
    const CourseData data = buildCourseData(history, core::Settings{});
    ASSERT_EQ(data.labs.size(), 5u);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(data.labs[i].assayChanged, i == 4) << "CRP of " << core::toIsoString(data.labs[i].date);
}

TEST(CourseData, LabValuesAreDrawnInTheCanonicalUnitAndBelowTheLimitAtTheLimit) {
    // docs/methods.md 6: 1 ng/mL sclerostin = 44.4 pmol/L; 1 mg/dL CRP = 10 mg/L. The chart uses
    // core's canonical unit (pmol/L, mg/L) whatever unit was entered.
    core::LabValue below = lab(core::Analyte::Crp, core::Date(2021, 1, 1), 0.03, "mg/dL");
    below.belowDetectionLimit = true;
    below.detectionLimit = 0.03;
    const CourseData data = buildCourseData(
        withLabs({lab(core::Analyte::Sclerostin, core::Date(2020, 1, 1), 0.82, "ng/mL"),
                  lab(core::Analyte::Sclerostin, core::Date(2020, 6, 1), 30.0, "pmol/L"), below}),
        core::Settings{});
    ASSERT_EQ(data.labs.size(), 3u);
    EXPECT_EQ(data.labs[0].unit, "pmol/L");
    EXPECT_NEAR(data.labs[0].value, 0.82 * 44.4, 1e-9);
    EXPECT_EQ(data.labs[0].entered, "0.82 ng/mL");
    EXPECT_EQ(data.labs[1].unit, "pmol/L");
    EXPECT_DOUBLE_EQ(data.labs[1].value, 30.0);
    EXPECT_TRUE(data.labs[1].entered.empty());
    EXPECT_EQ(data.labs[2].unit, "mg/L");
    EXPECT_TRUE(data.labs[2].belowDetectionLimit);
    EXPECT_NEAR(data.labs[2].value, 0.3, 1e-9);  // the limit, converted
    EXPECT_EQ(data.labs[2].entered, "< 0.03 mg/dL");
    ASSERT_TRUE(data.labs[2].upperLimit);
    EXPECT_DOUBLE_EQ(*data.labs[2].upperLimit, 5.0);  // CRP upper limit 5 mg/L
}

core::Reading reading(const std::string& reader, std::initializer_list<std::pair<core::Site, int>> grades) {
    core::Reading r;
    r.reader = reader;
    for (core::Site site : core::allSites())
        r.sites[core::siteIndex(site)] = core::SiteScore::graded(site, 0);
    for (const auto& [site, grade] : grades)
        r.sites[core::siteIndex(site)] = core::SiteScore::graded(site, grade);
    return r;
}

TEST(CourseData, HeatMapShowsEveryReaderAndEachReadersRegressions) {
    // docs/methods.md 1.4: a lower grade later is a regression (quality flag); 1 -> 2 a new syndesmophyte.
    core::PatientHistory history;
    history.patient.birth = core::Date(1970, 1, 1);
    core::Film first, second;
    first.date = core::Date(2018, 1, 10);
    second.date = core::Date(2020, 1, 15);
    first.readings = {reading("Reader A", {{core::Site::L2_inf, 2}, {core::Site::L3_sup, 1}}),
                      reading("Reader B", {{core::Site::L2_inf, 2}})};
    second.readings = {reading("reader b", {{core::Site::L2_inf, 1}}),  // same reader, other case
                       reading("Reader A", {{core::Site::L2_inf, 2}, {core::Site::L3_sup, 2}})};
    history.films = {second, first};  // out of order: columns still come in date order
    const CourseData data = buildCourseData(history, core::Settings{});
    ASSERT_EQ(data.heatMap.size(), 4u);
    EXPECT_EQ(data.heatMap[0].date, first.date);
    EXPECT_TRUE(data.heatMap[0].firstOfFilm);
    EXPECT_FALSE(data.heatMap[1].firstOfFilm);
    const int l2 = core::siteIndex(core::Site::L2_inf), l3 = core::siteIndex(core::Site::L3_sup);
    const HeatMapColumn& laterB = data.heatMap[2];
    EXPECT_EQ(laterB.reader, "reader b");
    EXPECT_EQ(laterB.grades[l2], 1);
    EXPECT_TRUE(laterB.regression[l2]);
    EXPECT_EQ(laterB.previousFilm, "2018-01-10");
    const HeatMapColumn& laterA = data.heatMap[3];
    EXPECT_FALSE(laterA.regression[l2]);
    EXPECT_TRUE(laterA.newSyndesmophyte[l3]);
    EXPECT_FALSE(laterB.newSyndesmophyte[l3]);
    for (bool flagged : data.heatMap[0].regression)
        EXPECT_FALSE(flagged);
}

}  // namespace
}  // namespace ankylos::report
