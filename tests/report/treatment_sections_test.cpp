// The treatment course in the patient report (report/treatment_sections.cpp): page 1's current
// treatment, the treatment history table and each film interval's TNF/IL-17 inhibitor exposure.
#include <gtest/gtest.h>

#include <string>

#include "report/patient_sections.h"
#include "report_fixture.h"

namespace ankylos::report {
namespace {

using core::Date;
using core::Route;
using core::StopReason;
using test::episode;

const Language kEnglish;

const Date kToday(2026, 11, 28);

TEST(CurrentTreatment, AnEmptyCourseIsNotRecordedNotNoneOngoing) {
    EXPECT_EQ(currentTreatmentText({}, kToday, kEnglish), "no treatment recorded");
}

TEST(CurrentTreatment, OngoingEpisodesWithBrandSinceAndDose) {
    EXPECT_EQ(currentTreatmentText(test::reportTreatments(), kToday, kEnglish),
              "Celecoxib (Celebrex) since 2008-10-01, 200 mg once daily; Secukinumab (Cosentyx) since "
              "2012-06-01, 150 mg every 4 weeks");
    // An episode stopping today is still current; without brand or dose only the drug and the date.
    EXPECT_EQ(
        currentTreatmentText({episode("etanercept", "", Date(2020, 1, 1), kToday, "", Route::Subcutaneous)},
                             kToday, kEnglish),
        "Etanercept since 2020-01-01");
}

TEST(CurrentTreatment, NoneOngoingNamesTheLastEpisodeAndWhyItStopped) {
    const std::vector<core::TreatmentEpisode> course = {
        episode("naproxen", "", Date(2015, 1, 1), Date(2016, 1, 1), "", Route::Oral, StopReason::Inefficacy),
        episode("infliximab", "Remsima", Date(2016, 1, 2), Date(2020, 6, 30), "5 mg/kg every 8 weeks",
                Route::Intravenous, StopReason::Remission)};
    EXPECT_EQ(currentTreatmentText(course, kToday, kEnglish),
              "none ongoing (last: Infliximab (Remsima), stopped 2020-06-30, remission)");
    EXPECT_EQ(currentTreatmentText(course, Date(2016, 1, 1), kEnglish), "Naproxen since 2015-01-01");
}

TEST(TreatmentTable, EveryEpisodeByStartWithClassStopOrOngoingAndReason) {
    const Table table = treatmentTable(test::reportTreatments(), kEnglish);
    ASSERT_EQ(table.header.size(), 6u);
    ASSERT_EQ(table.rows.size(), 5u);
    const auto& naproxen = table.rows[0];
    EXPECT_EQ(naproxen[0].text, "Naproxen");
    EXPECT_EQ(naproxen[1].text, "NSAID");
    EXPECT_EQ(naproxen[2].text, "500 mg twice daily");
    EXPECT_EQ(naproxen[3].text, "2001-01-15");
    EXPECT_EQ(naproxen[4].text, "2008-09-30");
    EXPECT_EQ(naproxen[5].text, "adverse event");
    const auto& secukinumab = table.rows[4];
    EXPECT_EQ(secukinumab[0].text, "Secukinumab (Cosentyx)");
    EXPECT_EQ(secukinumab[1].text, "IL-17 inhibitor");
    EXPECT_EQ(secukinumab[4].text, "ongoing");
    EXPECT_EQ(secukinumab[5].text, "\u2013");
    EXPECT_EQ(table.rows[3][1].text, "TNF inhibitor");
    EXPECT_EQ(table.rows[3][5].text, "inefficacy");

    const Table empty = treatmentTable({}, kEnglish);
    ASSERT_EQ(empty.rows.size(), 1u);
    EXPECT_EQ(empty.rows[0][0].text, "no treatment recorded");
}

struct ExposureCase {
    const char* name;
    std::vector<core::TreatmentEpisode> course;
    Date from, to;
    double exposedFraction;
    std::string expected;
};

TEST(BiologicExposureCell, ExposedWhenEitherClassReachesTheSetting) {
    // The interval [2020-01-01, 2020-01-11) has 10 days.
    const Date d1(2020, 1, 1), d2(2020, 1, 11);
    auto ada = [](Date start, std::optional<Date> stop) {
        return episode("adalimumab", "", start, stop, "", Route::Subcutaneous);
    };
    auto secu = [](Date start, std::optional<Date> stop) {
        return episode("secukinumab", "", start, stop, "", Route::Subcutaneous);
    };
    const std::vector<ExposureCase> cases = {
        {"no episode", {}, d1, d2, 0.5, "none"},
        {"only an NSAID", {episode("naproxen", "", d1, std::nullopt, "", Route::Oral)}, d1, d2, 0.5, "none"},
        {"5 of 10 days: at the setting",
         {ada(d1, Date(2020, 1, 5))},
         d1,
         d2,
         0.5,
         "exposed\nTNF inhibitor 50\u00a0%"},
        {"4 of 10 days: below",
         {ada(d1, Date(2020, 1, 4))},
         d1,
         d2,
         0.5,
         "not exposed\nTNF inhibitor 40\u00a0%"},
        {"the setting is read",
         {ada(d1, Date(2020, 1, 5))},
         d1,
         d2,
         0.6,
         "not exposed\nTNF inhibitor 50\u00a0%"},
        {"ongoing through the end",
         {ada(Date(2019, 1, 1), std::nullopt)},
         d1,
         d2,
         0.5,
         "exposed\nTNF inhibitor 100\u00a0%"},
        {"a switch: each class below, listed both",
         {ada(d1, Date(2020, 1, 4)), secu(Date(2020, 1, 5), std::nullopt)},
         d1,
         d2,
         0.5,
         "exposed\nTNF inhibitor 40\u00a0%\nIL-17 inhibitor 60\u00a0%"},
        {"2 of 3 days rounds down",
         {ada(Date(2020, 1, 2), std::nullopt)},
         d1,
         Date(2020, 1, 4),
         0.7,
         "not exposed\nTNF inhibitor 66\u00a0%"},
    };
    for (const ExposureCase& c : cases) {
        core::TreatmentSettings settings;
        settings.exposedFraction = c.exposedFraction;
        EXPECT_EQ(biologicExposureCell(c.course, c.from, c.to, Date(2021, 1, 1), settings, kEnglish).text,
                  c.expected)
            << c.name;
    }
}

TEST(BiologicExposureCell, AnEmptyIntervalSaysWhyAndAnUnknownDrugIsLeftOut) {
    const core::TreatmentSettings settings;
    const std::string same =
        biologicExposureCell({}, Date(2020, 1, 1), Date(2020, 1, 1), kToday, settings, kEnglish).text;
    EXPECT_NE(same.find("not computable"), std::string::npos) << same;
    const std::vector<core::TreatmentEpisode> unknown = {
        episode("no_such_drug", "", Date(2019, 1, 1), std::nullopt, "", Route::Other)};
    EXPECT_EQ(
        biologicExposureCell(unknown, Date(2020, 1, 1), Date(2021, 1, 1), kToday, settings, kEnglish).text,
        "none");
}

}  // namespace
}  // namespace ankylos::report
