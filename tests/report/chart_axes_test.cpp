#include "report/chart_axes.h"

#include <gtest/gtest.h>

namespace ankylos::report {
namespace {

double day(int y, int m, int d) {
    return static_cast<double>(core::Date(y, m, d).day_number());
}

TEST(ChartAxes, OneTimeRangeCoversEveryChartsDates) {
    // Films in 2016-2020, visits 2017-2019, a DXA in 2021, a CRP in 2015: every chart spans 2015-2021.
    CourseData data;
    data.msasss = {{core::Date(2016, 3, 1), 4.0, {}, {}, ""},
                   {core::Date(2020, 3, 1), std::nullopt, {}, {}, "x"}};
    ActivityPoint visit;
    visit.date = core::Date(2017, 1, 1);
    visit.basfi = 3.0;
    data.activity = {visit};
    data.bmd = {{core::Date(2021, 6, 1), core::BmdSite::TotalHip, 0.9, {}, {}, false}};
    LabPoint crp;
    crp.date = core::Date(2015, 1, 1);
    data.labs = {crp};
    const TimeRange range = courseTimeRange(data);
    const double span = day(2021, 6, 1) - day(2015, 1, 1);
    EXPECT_DOUBLE_EQ(range.dayMin, day(2015, 1, 1) - (span * 0.05 + 15));
    EXPECT_DOUBLE_EQ(range.dayMax, day(2021, 6, 1) + (span * 0.05 + 15));
    // A visit with no score of any chart does not widen the range.
    ActivityPoint empty;
    empty.date = core::Date(2030, 1, 1);
    data.activity.push_back(empty);
    EXPECT_DOUBLE_EQ(courseTimeRange(data).dayMax, range.dayMax);
}

TEST(ChartAxes, OneDateGetsHalfAYearEitherSide) {
    CourseData data;
    LabPoint crp;
    crp.date = core::Date(2020, 7, 1);
    data.labs = {crp};
    const TimeRange range = courseTimeRange(data);
    EXPECT_DOUBLE_EQ(range.dayMin, day(2020, 7, 1) - 180);
    EXPECT_DOUBLE_EQ(range.dayMax, day(2020, 7, 1) + 180);
}

TEST(ChartAxes, DateTicksAreYearsOnLongCoursesAndMonthsOnShortOnes) {
    std::vector<DateTick> years = dateTicks({day(2014, 12, 1), day(2021, 2, 1)}, 10);
    ASSERT_EQ(years.size(), 7u);
    EXPECT_EQ(years.front().label, "2015");
    EXPECT_EQ(years.back().label, "2021");
    std::vector<DateTick> months = dateTicks({day(2020, 1, 15), day(2020, 12, 20)}, 6);
    ASSERT_FALSE(months.empty());
    EXPECT_EQ(months.front().label, "2020-03");
    EXPECT_LE(months.size(), 6u);
}

TEST(ChartAxes, NiceAxesRoundOut) {
    ValueAxis axis = niceAxis(0, 11.5, 5);
    EXPECT_DOUBLE_EQ(axis.step, 5);
    EXPECT_DOUBLE_EQ(axis.max, 15);
    axis = niceAxis(0.72, 1.13, 4);
    EXPECT_DOUBLE_EQ(axis.step, 0.2);
    EXPECT_NEAR(axis.min, 0.6, 1e-12);
    EXPECT_NEAR(axis.max, 1.2, 1e-12);
    EXPECT_EQ(axis.decimals, 1);
}

TEST(ChartAxes, AnOutlierCrpIsClippedASteadyRiseIsNot) {
    // CRP in mg/L. 75th percentile of {3,4,5,6,8,12,250} is 12: above 4 x 12 = 48 is an outlier.
    EXPECT_EQ(outlierCut({3, 5, 8, 12, 250, 6, 4}, 10), std::optional<double>(48));
    EXPECT_EQ(outlierCut({5, 10, 20, 40, 80}, 10), std::nullopt);
    EXPECT_EQ(outlierCut({5, 250}, 10), std::nullopt) << "two values: nothing to flatten";
    // Values below the detection limit do not make a modest CRP an outlier: the cut is at least
    // twice the reference limit (5 mg/L).
    EXPECT_EQ(outlierCut({0.3, 0.3, 0.3, 0.3, 6}, 10), std::nullopt);
    const ValueAxis axis = labAxis({3, 5, 8, 12, 250, 6, 4}, 5);
    ASSERT_TRUE(axis.clipAbove);
    EXPECT_DOUBLE_EQ(axis.max, 15);  // 12 x 1.1, rounded up to the step 5
    EXPECT_DOUBLE_EQ(*axis.clipAbove, axis.max);
    const ValueAxis plain = labAxis({5, 10, 20, 40, 80}, 5);
    EXPECT_FALSE(plain.clipAbove);
    EXPECT_GE(plain.max, 80);
    EXPECT_GE(labAxis({1, 2, 1.5}, 5).max, 5) << "the reference limit stays on the axis";
}

}  // namespace
}  // namespace ankylos::report
