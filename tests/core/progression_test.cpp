// docs/methods.md 1.5: progression between two films and a patient's review.
#include "core/progression.h"

#include <gtest/gtest.h>

#include "reading_fixture.h"

namespace ankylos::core {
namespace {

using test::readingOf;

Film filmOf(Date date, const std::string& grades) {
    return Film{date, {readingOf(grades)}};
}

/// mSASSS `total` (0-24) as grade-1 sites, without creating any new syndesmophyte.
std::string ones(int total) {
    std::string grades(24, '0');
    for (int i = 0; i < total; ++i)
        grades[i] = '1';
    return grades;
}

const Date kStart(2020, 1, 1);

// Units criterion by interval and change; no site events (grades stay 0/1).
struct UnitsCase {
    int days;
    int before;
    int after;
    bool met;
};

class UnitsCriterionTable : public ::testing::TestWithParam<UnitsCase> {};

TEST_P(UnitsCriterionTable, AppliesTheIntervalRules) {
    const UnitsCase c = GetParam();
    const ProgressionResult result = assessProgression(
        filmOf(kStart, ones(c.before)), filmOf(kStart + boost::gregorian::days(c.days), ones(c.after)), {});
    ASSERT_TRUE(result.unitsCriterion.has_value());
    EXPECT_EQ(*result.unitsCriterion, c.met)
        << c.days << " days, " << c.before << " -> " << c.after << ": " << result.note;
    EXPECT_EQ(result.progression, c.met);
    EXPECT_DOUBLE_EQ(result.intervalYears, c.days / 365.25);
    EXPECT_DOUBLE_EQ(*result.change, c.after - c.before);
    EXPECT_DOUBLE_EQ(*result.ratePerYear, (c.after - c.before) / (c.days / 365.25));
    EXPECT_EQ(result.events.newSyndesmophytes, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Intervals, UnitsCriterionTable,
    ::testing::Values(
        // Standard interval (up to 2.5 years): change >= 2.
        UnitsCase{730, 3, 5, true}, UnitsCase{730, 3, 4, false},
        // 2 years and 3 weeks: still 2 units suffice, although the per-day rate is below 1/year.
        UnitsCase{751, 0, 2, true},
        // 913 days = 2.4997 years (standard); 914 days = 2.5024 years (rate rule).
        UnitsCase{913, 0, 2, true}, UnitsCase{914, 0, 2, false}, UnitsCase{914, 0, 3, true},
        // Long interval: 3652 days = 9.9986 years; 10 units is a rate of 1.0001/year.
        UnitsCase{3652, 0, 10, true}, UnitsCase{3652, 0, 9, false},
        // 3653 days = 10.0014 years: 10 units is 0.9999/year, just below; 11 units is enough.
        UnitsCase{3653, 0, 10, false}, UnitsCase{3653, 0, 11, true},
        // Short interval (under 1.5 years): a change of 2 is still progression.
        UnitsCase{438, 0, 2, true}, UnitsCase{438, 0, 1, false},
        // No change, and a decrease.
        UnitsCase{730, 4, 4, false}, UnitsCase{730, 6, 4, false}));

TEST(ProgressionUnits, ToleranceLetsImputedScoresCountAsTwoUnits) {
    // Earlier 0 + 1x12/9 = 1.333..., later 1x12/9 + 2 = 3.333...: in doubles the change is
    // 1.9999999999999998, and with the spec's 1e-9 tolerance it counts as 2.
    const Film before = filmOf(kStart,
                               "NNN000000000"
                               "NNN100000000");
    const Film after = filmOf(Date(2022, 1, 1),
                              "NNN100000000"
                              "000100000001");
    const ProgressionResult result = assessProgression(before, after, {});
    ASSERT_TRUE(result.change.has_value());
    EXPECT_LT(*result.change, 2.0);
    EXPECT_NEAR(*result.change, 2.0, 1e-12);
    EXPECT_TRUE(*result.unitsCriterion);
    EXPECT_EQ(result.criteria, std::vector<ProgressionCriterion>{ProgressionCriterion::Units});
}

TEST(ProgressionUnits, SettingsChangeTheThresholds) {
    Settings settings;
    settings.progression.minChangeUnits = 3.0;
    const Film before = filmOf(kStart, ones(0));
    const Film after = filmOf(Date(2022, 1, 1), ones(2));
    EXPECT_FALSE(*assessProgression(before, after, settings).unitsCriterion);
    settings = {};
    settings.progression.standardIntervalMaxYears = 1.0;  // two years is now "long": rate 1.0 needed
    const Film after3 = filmOf(Date(2022, 1, 1), ones(3));
    EXPECT_TRUE(*assessProgression(before, after3, settings).unitsCriterion);
    settings.progression.minRatePerYear = 2.0;
    EXPECT_FALSE(*assessProgression(before, after3, settings).unitsCriterion);
    EXPECT_DOUBLE_EQ(assessProgression(before, after3, settings).settings.progression.minRatePerYear, 2.0);
}

TEST(ProgressionShortInterval, NegativeResultSaysTheIntervalWasShort) {
    // 438 days = 1.2 years.
    const ProgressionResult result =
        assessProgression(filmOf(kStart, ones(0)), filmOf(kStart + boost::gregorian::days(438), ones(1)), {});
    EXPECT_FALSE(result.progression);
    EXPECT_EQ(result.note.rfind("no progression detected; the interval (1.2 years) is shorter than the "
                                "recommended 2 years",
                                0),
              0u)
        << result.note;
}

// docs/methods.md 1.5: an interval under recommended_min_interval_years (1.5) is said on every
// outcome, progression included, with enough decimals that weeks do not read "0.0 years".
struct ShortIntervalCase {
    int days;
    int after;  ///< later film score (earlier 0)
    bool progression;
    std::string noteStart;
};

class ShortIntervalTable : public ::testing::TestWithParam<ShortIntervalCase> {};

TEST_P(ShortIntervalTable, NoteSaysTheIntervalWasShort) {
    const ShortIntervalCase c = GetParam();
    const ProgressionResult result = assessProgression(
        filmOf(kStart, ones(0)), filmOf(kStart + boost::gregorian::days(c.days), ones(c.after)), {});
    EXPECT_EQ(result.progression, c.progression);
    EXPECT_EQ(result.note.rfind(c.noteStart, 0), 0u) << result.note;
}

INSTANTIATE_TEST_SUITE_P(
    Outcomes, ShortIntervalTable,
    ::testing::Values(
        // 18 days = 0.049 years: a 2-unit change is progression, and the note says the interval.
        ShortIntervalCase{18, 2, true,
                          "progression; the interval (0.05 years) is shorter than the recommended 2 years; "
                          "change 2.00 >= 2 units"},
        ShortIntervalCase{18, 1, false,
                          "no progression detected; the interval (0.05 years) is shorter than the "
                          "recommended 2 years"},
        // 1 day = 0.0027 years.
        ShortIntervalCase{1, 2, true, "progression; the interval (0.003 years) is shorter"},
        // 438 days = 1.2 years.
        ShortIntervalCase{438, 3, true,
                          "progression; the interval (1.2 years) is shorter than the recommended"},
        // 1.5 years and over: no short-interval note.
        ShortIntervalCase{548, 2, true, "change 2.00 >= 2 units over 1.5 years"}));

TEST(ProgressionShortInterval, NoShortIntervalNoteFromOneAndAHalfYears) {
    // 547 days = 1.498 years (short); 548 days = 1.5003 years (not short).
    const auto noteAfter = [](int days) {
        return assessProgression(filmOf(kStart, ones(0)),
                                 filmOf(kStart + boost::gregorian::days(days), ones(1)), {})
            .note;
    };
    EXPECT_NE(noteAfter(547).find("shorter than the recommended"), std::string::npos);
    EXPECT_EQ(noteAfter(548).find("shorter than the recommended"), std::string::npos);
}

TEST(ProgressionSyndesmophyte, OneNewSyndesmophyteIsProgressionAtAnyInterval) {
    std::string later = ones(0);
    later[siteIndex(Site::L4_inf)] = '2';  // +2 units too, so use a long interval where 2 is not enough
    const ProgressionResult result =
        assessProgression(filmOf(kStart, ones(0)), filmOf(Date(2030, 1, 1), later), {});
    EXPECT_FALSE(*result.unitsCriterion);
    EXPECT_TRUE(result.progression);
    EXPECT_EQ(result.criteria, std::vector<ProgressionCriterion>{ProgressionCriterion::NewSyndesmophyte});
    EXPECT_EQ(result.events.newSyndesmophytes, 1);
    EXPECT_NE(result.note.find("1 new syndesmophyte"), std::string::npos) << result.note;
}

TEST(ProgressionSyndesmophyte, BothCriteriaAreReportedInOrder) {
    std::string later = ones(0);
    later[siteIndex(Site::C2_inf)] = '3';
    const ProgressionResult result =
        assessProgression(filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), later), {});
    EXPECT_EQ(result.criteria, (std::vector<ProgressionCriterion>{ProgressionCriterion::Units,
                                                                  ProgressionCriterion::NewSyndesmophyte}));
    EXPECT_EQ(result.events.newBridgings, 1);
    EXPECT_EQ(toString(ProgressionCriterion::Units), "units");
    EXPECT_EQ(toString(ProgressionCriterion::NewSyndesmophyte), "new_syndesmophyte");
}

TEST(ProgressionSyndesmophyte, NewBridgingAloneIsNotANewSyndesmophyte) {
    std::string before = ones(0);
    std::string after = ones(0);
    before[siteIndex(Site::L2_sup)] = '2';
    after[siteIndex(Site::L2_sup)] = '3';
    const ProgressionResult result =
        assessProgression(filmOf(kStart, before), filmOf(Date(2022, 1, 1), after), {});
    EXPECT_FALSE(result.progression);
    EXPECT_EQ(result.events.newBridgings, 1);
    Settings settings;
    settings.progression.countBridgingAsNewSyndesmophyte = true;
    EXPECT_TRUE(
        assessProgression(filmOf(kStart, before), filmOf(Date(2022, 1, 1), after), settings).progression);
}

TEST(ProgressionNotComputable, UnitsNotEvaluableButEventsStillCounted) {
    std::string later =
        "NNNN00000000"
        "000000000000";
    later[siteIndex(Site::L1_sup)] = '2';
    const ProgressionResult result =
        assessProgression(filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), later), {});
    EXPECT_FALSE(result.unitsCriterion.has_value());
    EXPECT_FALSE(result.change.has_value());
    EXPECT_FALSE(result.ratePerYear.has_value());
    EXPECT_FALSE(result.scoreTo.has_value());
    EXPECT_TRUE(result.progression);
    EXPECT_EQ(result.events.newSyndesmophytes, 1);
    EXPECT_EQ(result.events.notEvaluable, 4);
    EXPECT_NE(result.note.find(
                  "units criterion not evaluable: film of 2022-01-01 not computable: 4 of 12 cervical"),
              std::string::npos)
        << result.note;
}

TEST(ProgressionInput, EqualOrReversedDatesAreInputErrors) {
    EXPECT_THROW(assessProgression(filmOf(kStart, ones(0)), filmOf(kStart, ones(2)), {}), ValidationError);
    EXPECT_THROW(assessProgression(filmOf(Date(2022, 1, 1), ones(0)), filmOf(kStart, ones(2)), {}),
                 ValidationError);
}

TEST(ProgressionReview, ConsecutivePairsInDateOrderThenFirstToLast) {
    // Given out of order: 2024 (4), 2020 (0), 2022 (1).
    const ProgressionReview review = reviewProgression(
        {filmOf(Date(2024, 1, 1), ones(4)), filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), ones(1))}, {});
    ASSERT_EQ(review.pairs.size(), 3u);
    EXPECT_EQ(review.pairs[0].from, kStart);
    EXPECT_EQ(review.pairs[0].to, Date(2022, 1, 1));
    EXPECT_EQ(review.pairs[1].from, Date(2022, 1, 1));
    EXPECT_EQ(review.pairs[1].to, Date(2024, 1, 1));
    EXPECT_EQ(review.pairs[2].from, kStart);
    EXPECT_EQ(review.pairs[2].to, Date(2024, 1, 1));
    EXPECT_FALSE(review.pairs[0].progression);  // +1
    EXPECT_TRUE(review.pairs[1].progression);   // +3 in 2 years
    EXPECT_TRUE(review.pairs[2].progression);   // +4 in 4 years: 1.0/year
    EXPECT_TRUE(review.progressor);
}

TEST(ProgressionReview, TwoFilmsGiveOnePairAndOneFilmNone) {
    EXPECT_EQ(
        reviewProgression({filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), ones(1))}, {}).pairs.size(), 1u);
    const ProgressionReview single = reviewProgression({filmOf(kStart, ones(0))}, {});
    EXPECT_TRUE(single.pairs.empty());
    EXPECT_FALSE(single.progressor);
}

TEST(ProgressionReview, NotAProgressorWhenNoPairProgresses) {
    const ProgressionReview review = reviewProgression(
        {filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), ones(1)), filmOf(Date(2024, 1, 1), ones(2))}, {});
    // First-to-last: +2 over 4 years = 0.5/year.
    EXPECT_FALSE(review.progressor);
}

TEST(ProgressionReview, TwoFilmsOnOneDateAreRejectedNamingTheDate) {
    try {
        reviewProgression(
            {filmOf(kStart, ones(0)), filmOf(Date(2022, 1, 1), ones(1)), filmOf(kStart, ones(0))}, {});
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("2020-01-01"), std::string::npos) << e.what();
    }
}

// docs/methods.md 1.5: the result names the criterion that fired, in words.
TEST(ProgressionLabel, CriteriaHaveReadableLabels) {
    EXPECT_EQ(label(ProgressionCriterion::Units), "mSASSS change");
    EXPECT_EQ(label(ProgressionCriterion::NewSyndesmophyte), "new syndesmophyte");
}

// docs/methods.md 11: an interval with an adjudicator's (or consensus) reading of both films is scored
// from those readings alone, unless reading.adjudicated_overrides is false; until both films have one,
// from the primary readings alone.
Reading adjudicatorReading(int total, ReadingRole role = ReadingRole::Adjudicator) {
    Reading reading = readingOf(ones(total), "C");
    reading.role = role;
    return reading;
}

TEST(Adjudication, BothFilmsAdjudicatedScoreTheIntervalFromTheAdjudicator) {
    const Date later = kStart + boost::gregorian::days(730);
    Film before{kStart, {readingOf(ones(2), "A"), adjudicatorReading(2)}};
    Film after{later, {readingOf(ones(6), "A"), adjudicatorReading(3)}};
    const ProgressionResult adjudicated = assessProgression(before, after, {});
    EXPECT_TRUE(adjudicated.adjudicated);
    EXPECT_DOUBLE_EQ(*adjudicated.change, 1.0);
    EXPECT_FALSE(adjudicated.progression);
    EXPECT_NE(adjudicated.note.find("adjudication readings"), std::string::npos) << adjudicated.note;

    Settings primaryOnly;
    primaryOnly.reading.adjudicatedOverrides = false;
    const ProgressionResult primary = assessProgression(before, after, primaryOnly);
    EXPECT_FALSE(primary.adjudicated);
    EXPECT_DOUBLE_EQ(*primary.change, 4.0) << "the adjudicator's readings must not be averaged in";
    EXPECT_TRUE(primary.progression);

    after.readings[1] = adjudicatorReading(3, ReadingRole::Consensus);
    EXPECT_TRUE(assessProgression(before, after, {}).adjudicated) << "a consensus reading settles it too";
}

TEST(Adjudication, OneFilmAdjudicatedKeepsThePrimaryReadings) {
    const Film before{kStart, {readingOf(ones(2), "A")}};
    const Film after{kStart + boost::gregorian::days(730), {readingOf(ones(6), "A"), adjudicatorReading(2)}};
    const ProgressionResult result = assessProgression(before, after, {});
    EXPECT_FALSE(result.adjudicated);
    EXPECT_DOUBLE_EQ(*result.change, 4.0);
    EXPECT_EQ(result.events.readers, std::vector<std::string>{"A"});
}

}  // namespace
}  // namespace ankylos::core
