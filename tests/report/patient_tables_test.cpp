// The patient report's tables and page-1 sections on the document model (report/patient_sections.h):
// what docs/methods.md says a report must always show, checked cell by cell.
#include <gtest/gtest.h>

#include <string>

#include "core/format.h"
#include "core/validation.h"
#include "report/patient_sections.h"
#include "report_fixture.h"

namespace ankylos::report {
namespace {

using core::Date;

const Language kEnglish;

/// A reading with every site graded `grade`, then the given sites changed.
core::Reading reading(int grade, const std::vector<std::pair<core::Site, int>>& changes = {},
                      const std::vector<core::Site>& notAssessable = {}) {
    core::Reading r;
    r.reader = "Reader A";
    for (core::Site site : core::allSites())
        r.at(site) = core::SiteScore::graded(site, grade);
    for (const auto& [site, g] : changes)
        r.at(site) = core::SiteScore::graded(site, g);
    for (core::Site site : notAssessable)
        r.at(site) = core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
    return r;
}

core::Film film(Date date, core::Reading r) {
    return core::Film{date, {std::move(r)}};
}

core::PatientHistory historyWith(std::vector<core::Film> films) {
    core::PatientHistory history;
    history.patient = test::reportPatient();
    history.films = std::move(films);
    return history;
}

const std::vector<TableCell>& rowStarting(const Table& table, const std::string& first) {
    for (const auto& row : table.rows)
        if (!row.empty() && row[0].text.rfind(first, 0) == 0)
            return row;
    throw std::runtime_error("no row starting with " + first);
}

std::string allText(const Table& table) {
    std::string text = table.caption;
    for (const std::string& h : table.header)
        text += "|" + h;
    for (const auto& row : table.rows)
        for (const TableCell& cell : row)
            text += "|" + cell.text;
    return text;
}

// docs/methods.md 1.4-1.5: every result states new syndesmophytes, new bridgings and regressions.
TEST(PatientTables, ProgressionReviewCountsBridgingsRegressionsAndImputedSites) {
    // Two 2 -> 3 changes (new bridging, not new syndesmophytes) and one 1 -> 0 (regression); the
    // later film has one cervical site not assessable (imputed, docs/methods.md 1.3).
    core::Reading earlier = reading(1, {{core::Site::L1_sup, 2}, {core::Site::L2_sup, 2}});
    core::Reading later = reading(
        1, {{core::Site::L1_sup, 3}, {core::Site::L2_sup, 3}, {core::Site::L4_sup, 0}}, {core::Site::C4_sup});
    core::PatientHistory history =
        historyWith({film(Date(2018, 1, 10), earlier), film(Date(2020, 1, 10), later)});
    core::Settings settings;
    CourseData course = buildCourseData(history, settings);
    Table table = progressionTable(history, settings, course);
    ASSERT_EQ(table.rows.size(), 1u);
    const auto& row = table.rows[0];
    EXPECT_EQ(row[4].text, "0 new syndesmophytes, 2 new bridgings, 1 regression");
    EXPECT_TRUE(row[4].alert);  // a regression is flagged for review
    EXPECT_EQ(row[5].text, "C 0, L 0 \u2192 C 1, L 0");
    EXPECT_NE(row[7].text.find("no progression"), std::string::npos) << row[7].text;
}

// docs/methods.md 1.5: a film score that is not computable makes the units criterion not
// evaluable, shown with its reason, never a bare dash; the verdict must not claim "no progression".
TEST(PatientTables, AnUnscorableLastFilmIsNotComputableWithItsReason) {
    std::vector<core::Site> cervical(core::allSites().begin(), core::allSites().begin() + 5);
    core::PatientHistory history =
        historyWith({film(Date(2016, 1, 10), reading(1)), film(Date(2018, 1, 10), reading(1)),
                     film(Date(2020, 1, 10), reading(1, {}, cervical))});
    core::Settings settings;
    CourseData course = buildCourseData(history, settings);
    Table table = progressionTable(history, settings, course);
    const auto& last = table.rows[1];  // the consecutive pair 2018 -> 2020
    EXPECT_EQ(last[2].text, "not computable");
    EXPECT_EQ(last[3].text, "not computable");
    EXPECT_NE(last[7].text.find("not evaluable"), std::string::npos) << last[7].text;
    EXPECT_NE(last[7].text.find("5 of 12 cervical sites not assessable"), std::string::npos) << last[7].text;
    EXPECT_EQ(allText(table).find("|\u2013|"), std::string::npos);

    const std::string verdict = progressionVerdict(history, course);
    EXPECT_EQ(verdict.find("no progression detected across"), std::string::npos) << verdict;
    EXPECT_NE(verdict.find("2018-01-10 \u2192 2020-01-10"), std::string::npos) << verdict;
    EXPECT_NE(verdict.find("unknown"), std::string::npos) << verdict;
}

TEST(PatientTables, AllScorableFilmsWithoutChangeReadNoProgression) {
    core::PatientHistory history =
        historyWith({film(Date(2016, 1, 10), reading(1)), film(Date(2018, 1, 10), reading(1))});
    core::Settings settings;
    EXPECT_EQ(progressionVerdict(history, buildCourseData(history, settings)),
              "no progression detected across 2 films");
}

// docs/methods.md 6: 1 mg/dL = 10 mg/L; the flag and the value shown agree in one unit.
TEST(PatientTables, LabValuesShowTheCanonicalUnitAndTheDetectionLimit) {
    core::PatientHistory history = historyWith({});
    core::Visit visit;
    visit.date = Date(2024, 3, 1);
    visit.labs.push_back(test::labValue(core::Analyte::Crp, 0.51, "mg/dL", visit.date, "Roche"));
    core::LabValue below =
        test::labValue(core::Analyte::Crp, 0.3, "mg/L", visit.date + boost::gregorian::days(1), "");
    below.belowDetectionLimit = true;
    below.detectionLimit = 0.3;
    visit.labs.push_back(below);
    core::LabValue sclerostin =
        test::labValue(core::Analyte::Sclerostin, 1.0, "ng/mL", visit.date, "Biomedica");
    visit.labs.push_back(sclerostin);
    history.visits.push_back(visit);
    Table table = labTable(history, kEnglish);
    const auto& crp = rowStarting(table, "2024-03-01");
    EXPECT_EQ(crp[2].text, "5.1 mg/L");
    EXPECT_EQ(crp[3].text, "0.51 mg/dL");
    EXPECT_EQ(crp[5].text, "\u2264 5 mg/L");
    EXPECT_EQ(crp[6].text, "\u25b2 high");
    const auto& limit = rowStarting(table, "2024-03-02");
    EXPECT_EQ(limit[2].text, "< 0.3 mg/L");
    EXPECT_EQ(limit[3].text, "");  // entered in the canonical unit
    EXPECT_EQ(limit[6].text, "within range");
    EXPECT_EQ(table.rows[2][2].text, "44.4 pmol/L");  // sclerostin: the chart's unit too
    EXPECT_EQ(labValueText(below), "< 0.3 mg/L");
}

core::BmdMeasurement hip(double bmd, core::DxaDevice device) {
    core::BmdMeasurement m;
    m.site = core::BmdSite::FemoralNeck;
    m.bmd = bmd;
    m.tScore = -1.2;
    m.zScore = -0.8;
    m.device = std::move(device);
    return m;
}

// docs/methods.md 5: change per site with the LSC verdict, the device, and a device change marked.
TEST(PatientTables, BmdChangeShowsTheVerdictTheDeviceAndADeviceChange) {
    core::PatientHistory history = historyWith({});
    for (auto [year, bmd, model] : {std::tuple{2019, 0.80, "Discovery A"},
                                    std::tuple{2021, 0.76, "Discovery A"}, std::tuple{2023, 0.75, "iDXA"}}) {
        core::Visit v;
        v.date = Date(year, 5, 1);
        v.bmd = {hip(bmd, {model == std::string("iDXA") ? "GE" : "Hologic", model})};
        history.visits.push_back(v);
    }
    Table table = bmdChangeTable(history, {}, kEnglish);
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0][0].text, "femoral neck");
    EXPECT_EQ(table.rows[0][3].text, "Hologic Discovery A");
    EXPECT_FALSE(table.rows[0][3].alert);
    EXPECT_EQ(table.rows[0][4].text, "-0.040");
    EXPECT_NE(table.rows[0][6].text.find("significance unknown"), std::string::npos);
    EXPECT_EQ(table.rows[1][3].text, "Hologic Discovery A \u2192 GE iDXA (device changed)");
    EXPECT_TRUE(table.rows[1][3].alert);
    EXPECT_NE(table.rows[1][6].text.find("different devices"), std::string::npos) << table.rows[1][6].text;

    // With the device's LSC configured the verdict is given: |-0.040| >= 0.040 is significant (the
    // boundary counts), against 0.041 it is not; another site's or device's LSC does not apply.
    const core::DxaDevice discovery{"Hologic", "Discovery A"};
    for (auto [lsc, verdict, alert] :
         {std::tuple{0.040, "significant change", true}, std::tuple{0.041, "not significant", false}}) {
        table = bmdChangeTable(history,
                               {{discovery, core::BmdSite::FemoralNeck, lsc},
                                {discovery, core::BmdSite::LumbarSpine, 0.001},
                                {{"GE", "iDXA"}, core::BmdSite::FemoralNeck, 0.001}},
                               kEnglish);
        EXPECT_EQ(table.rows[0][5].text, core::formatFixed(lsc, 3));
        EXPECT_EQ(table.rows[0][6].text, verdict);
        EXPECT_EQ(table.rows[0][6].alert, alert);
        EXPECT_NE(table.rows[1][6].text.find("different devices"), std::string::npos);
    }
}

TEST(PatientTables, NumbersAreRightAlignedAndNoStoredNamesShow) {
    core::PatientHistory history =
        historyWith({film(Date(2016, 1, 10), reading(1)),
                     film(Date(2018, 6, 10), reading(1, {{core::Site::L3_sup, 2}}))});
    core::Visit v;
    v.date = Date(2019, 5, 1);
    v.bmd = {hip(0.8, {"Hologic", "A"})};
    v.labs.push_back(test::labValue(core::Analyte::Mmp3, 20, "ng/mL", v.date, ""));
    history.visits.push_back(v);
    core::Settings settings;
    CourseData course = buildCourseData(history, settings);
    const std::vector<ScoredVisit> visits = scoreVisits(history, settings);
    for (const Table& table : {visitTable(visits, kEnglish), filmTable(history, settings, kEnglish),
                               progressionTable(history, settings, course), bmdTable(visits, kEnglish),
                               bmdChangeTable(history, {}, kEnglish), labTable(history, kEnglish)}) {
        SCOPED_TRACE(table.caption);
        const std::string text = allText(table);
        for (const char* internal : {"new_syndesmophyte", "femoral_neck", "total_hip", "very_high",
                                     "no_reference_range", "within_expected", "_"})
            EXPECT_EQ(text.find(internal), std::string::npos) << internal;
        EXPECT_EQ(table.numeric.size(), table.header.size());
    }
    Table visitsTable = visitTable(visits, kEnglish);
    EXPECT_TRUE(visitsTable.numeric[1]);   // BASDAI
    EXPECT_FALSE(visitsTable.numeric[0]);  // date
}

}  // namespace
}  // namespace ankylos::report
