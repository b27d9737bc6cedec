// Exposure to each drug class over an interval [d1, d2) (docs/methods.md 10).
#include "core/exposure.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

Date d(const char* iso) {
    return parseIsoDate(iso, "test date");
}

ClassSpan span(DrugClass drugClass, const char* start, const char* stop = nullptr) {
    ClassSpan s{drugClass, d(start), std::nullopt};
    if (stop)
        s.stop = d(stop);
    return s;
}

// The interval of every boundary case: [2020-01-01, 2020-01-11), 10 days (d2 - 1 = 2020-01-10).
const Date kFrom(2020, 1, 1);
const Date kTo(2020, 1, 11);
const Date kLongAfter(2024, 6, 30);

TEST(Exposure, BoundariesOfOneClass) {
    struct Case {
        const char* name;
        std::vector<ClassSpan> spans;
        Date today;
        int days;
        bool atStart;
    };
    const auto T = DrugClass::Tnfi;
    const std::vector<Case> cases = {
        {"ends the day before d1", {span(T, "2019-06-01", "2019-12-31")}, kLongAfter, 0, false},
        {"ends on d1", {span(T, "2019-06-01", "2020-01-01")}, kLongAfter, 1, true},
        {"starts on d1", {span(T, "2020-01-01", "2020-01-01")}, kLongAfter, 1, true},
        {"starts the day after d1", {span(T, "2020-01-02", "2020-01-03")}, kLongAfter, 2, false},
        {"ends on d2 - 1", {span(T, "2020-01-06", "2020-01-10")}, kLongAfter, 5, false},
        {"ends on d2 (not counted)", {span(T, "2020-01-06", "2020-01-11")}, kLongAfter, 5, false},
        {"starts on d2 - 1", {span(T, "2020-01-10", "2020-03-01")}, kLongAfter, 1, false},
        {"starts on d2", {span(T, "2020-01-11", "2020-03-01")}, kLongAfter, 0, false},
        {"covers it all", {span(T, "2019-01-01", "2021-01-01")}, kLongAfter, 10, true},
        {"ongoing, today after the interval", {span(T, "2019-01-01")}, kLongAfter, 10, true},
        {"ongoing, today inside the interval", {span(T, "2020-01-03")}, d("2020-01-05"), 3, false},
        {"ongoing, today on d1", {span(T, "2019-01-01")}, d("2020-01-01"), 1, true},
        {"ongoing, today before d1", {span(T, "2019-01-01")}, d("2019-12-31"), 0, false},
        {"ongoing, today on d2", {span(T, "2020-01-09")}, d("2020-01-11"), 2, false},
        {"switch overlapping by 2 days counted once",
         {span(T, "2019-01-01", "2020-01-05"), span(T, "2020-01-04", "2020-01-07")},
         kLongAfter,
         7,
         true},
        {"one inside another",
         {span(T, "2020-01-02", "2020-01-09"), span(T, "2020-01-04", "2020-01-05")},
         kLongAfter,
         8,
         false},
        {"touching episodes",
         {span(T, "2020-01-01", "2020-01-03"), span(T, "2020-01-04", "2020-01-05")},
         kLongAfter,
         5,
         true},
        {"a gap",
         {span(T, "2020-01-01", "2020-01-02"), span(T, "2020-01-09", "2020-01-20")},
         kLongAfter,
         4,
         true},
        {"given out of order",
         {span(T, "2020-01-09"), span(T, "2019-01-01", "2020-01-02")},
         d("2020-01-09"),
         3,
         true},
    };
    for (const Case& c : cases) {
        const ExposureResult result = computeExposure(kFrom, kTo, c.spans, c.today, TreatmentSettings{});
        ASSERT_TRUE(result.computable()) << c.name;
        EXPECT_EQ(*result.intervalDays, 10);
        ASSERT_EQ(result.classes.size(), 1u)
            << c.name << ": a class with an episode is reported, even at 0 days";
        const ClassExposure& tnfi = result.classes[0];
        EXPECT_EQ(tnfi.drugClass, DrugClass::Tnfi);
        EXPECT_EQ(tnfi.days, c.days) << c.name;
        EXPECT_DOUBLE_EQ(tnfi.fraction, c.days / 10.0) << c.name;
        EXPECT_EQ(tnfi.exposed, c.days >= 5) << c.name;
        EXPECT_EQ(tnfi.atStart, c.atStart) << c.name;
    }
}

TEST(Exposure, ExposedFromTheSettingAtExactlyTheFraction) {
    // 5 of 10 days: 0.5 is exposed at the default; the setting moves the cut.
    const std::vector<ClassSpan> half = {span(DrugClass::Il17i, "2020-01-01", "2020-01-05")};
    struct Case {
        double setting;
        bool exposed;
    };
    for (const Case& c :
         {Case{0.5, true}, Case{0.49, true}, Case{0.51, false}, Case{1.0, false}, Case{0.1, true}}) {
        const ExposureResult result =
            computeExposure(kFrom, kTo, half, kLongAfter, TreatmentSettings{c.setting});
        EXPECT_EQ(result.of(DrugClass::Il17i).exposed, c.exposed) << c.setting;
        EXPECT_DOUBLE_EQ(result.settings.exposedFraction, c.setting);
    }
    const std::vector<ClassSpan> whole = {span(DrugClass::Il17i, "2019-01-01")};
    EXPECT_TRUE(
        computeExposure(kFrom, kTo, whole, kLongAfter, TreatmentSettings{1.0}).of(DrugClass::Il17i).exposed);
}

TEST(Exposure, FractionKeepsFullPrecision) {
    // 1 day of 3: 1/3, not 0.33.
    const ExposureResult result = computeExposure(d("2020-01-01"), d("2020-01-04"),
                                                  {span(DrugClass::Jaki, "2020-01-03")}, kLongAfter, {});
    EXPECT_EQ(result.of(DrugClass::Jaki).fraction, 1.0 / 3.0);
    EXPECT_FALSE(result.of(DrugClass::Jaki).exposed);
    // Over a leap year: 2020 has 366 days.
    const ExposureResult year =
        computeExposure(d("2020-01-01"), d("2021-01-01"), {span(DrugClass::Tnfi, "2020-07-01", "2020-12-31")},
                        kLongAfter, {});
    EXPECT_EQ(*year.intervalDays, 366);
    EXPECT_EQ(year.of(DrugClass::Tnfi).days, 184);
    EXPECT_EQ(year.of(DrugClass::Tnfi).fraction, 184.0 / 366.0);
}

TEST(Exposure, ClassesAreSeparateInSpecOrderAndAbsentOnesReadZero) {
    const std::vector<ClassSpan> spans = {span(DrugClass::Tnfi, "2020-01-06"),
                                          span(DrugClass::Nsaid, "2019-01-01", "2020-01-02"),
                                          span(DrugClass::Glucocorticoid, "2021-01-01", "2021-02-01")};
    const ExposureResult result = computeExposure(kFrom, kTo, spans, kLongAfter, {});
    ASSERT_EQ(result.classes.size(), 3u);
    EXPECT_EQ(result.classes[0].drugClass, DrugClass::Nsaid);
    EXPECT_EQ(result.classes[1].drugClass, DrugClass::Tnfi);
    EXPECT_EQ(result.classes[2].drugClass, DrugClass::Glucocorticoid);
    EXPECT_EQ(result.of(DrugClass::Nsaid).days, 2);
    EXPECT_EQ(result.of(DrugClass::Tnfi).days, 5);
    EXPECT_EQ(result.of(DrugClass::Glucocorticoid).days, 0);
    const ClassExposure absent = result.of(DrugClass::Jaki);
    EXPECT_EQ(absent.drugClass, DrugClass::Jaki);
    EXPECT_EQ(absent.days, 0);
    EXPECT_EQ(absent.fraction, 0.0);
    EXPECT_FALSE(absent.exposed);
    EXPECT_FALSE(absent.atStart);
    EXPECT_TRUE(computeExposure(kFrom, kTo, std::vector<ClassSpan>{}, kLongAfter, {}).classes.empty());
}

TEST(Exposure, FromATreatmentCourseByTheCatalogueClass) {
    std::vector<TreatmentEpisode> course(3);
    course[0].drugId = "adalimumab";
    course[0].start = d("2019-01-01");
    course[0].stop = d("2020-01-04");
    course[1].drugId = "etanercept";  // a switch within the class: days counted once
    course[1].start = d("2020-01-03");
    course[2].drugId = "sulfasalazine";
    course[2].start = d("2020-01-10");
    const ExposureResult result = computeExposure(kFrom, kTo, course, d("2020-01-08"), {});
    EXPECT_EQ(result.of(DrugClass::Tnfi).days, 8);
    EXPECT_TRUE(result.of(DrugClass::Tnfi).atStart);
    EXPECT_EQ(result.of(DrugClass::Csdmard).days, 0) << "starts after today";
    course[2].drugId = "no_such_drug";
    EXPECT_THROW(computeExposure(kFrom, kTo, course, kLongAfter, {}), ValidationError);
}

TEST(Exposure, AnIntervalWithoutDaysIsNotComputable) {
    for (const Date to : {kFrom, kFrom - boost::gregorian::days(1)}) {
        const ExposureResult result =
            computeExposure(kFrom, to, {span(DrugClass::Tnfi, "2019-01-01")}, kLongAfter, {});
        EXPECT_FALSE(result.computable());
        EXPECT_TRUE(result.classes.empty());
        EXPECT_NE(result.reason.find("not computable"), std::string::npos) << result.reason;
        EXPECT_NE(result.reason.find(toIsoString(to)), std::string::npos) << result.reason;
    }
    const ExposureResult oneDay =
        computeExposure(kFrom, kFrom + boost::gregorian::days(1),
                        {span(DrugClass::Tnfi, "2020-01-01", "2020-01-01")}, kLongAfter, {});
    EXPECT_EQ(*oneDay.intervalDays, 1);
    EXPECT_EQ(oneDay.of(DrugClass::Tnfi).fraction, 1.0);
}

TEST(Exposure, AStopBeforeTheStartIsRefused) {
    try {
        computeExposure(kFrom, kTo, {span(DrugClass::Tnfi, "2020-01-05", "2020-01-04")}, kLongAfter, {});
        FAIL() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems()[0].field, "TNF inhibitor episode stop date");
        EXPECT_EQ(e.problems()[0].value, "2020-01-04");
        EXPECT_NE(e.problems()[0].allowed.find("2020-01-05"), std::string::npos);
    }
}

}  // namespace
}  // namespace ankylos::core
