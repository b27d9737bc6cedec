// docs/methods.md 12: quadrant events and CTSS progression between two scans, and a patient's review.
#include "core/ctss_progression.h"

#include <gtest/gtest.h>

#include "ctss_fixture.h"

namespace ankylos::core {
namespace {

using test::ctssReadingOf;
using test::times;
namespace seg = test;  // cervical(), thoracic(), lumbar() segment strings

const Date kStart(2020, 1, 1);
const Date kTwoYearsLater = kStart + boost::gregorian::days(730);

CtScan scanOf(Date date, const std::string& cervical, const std::string& thoracic = seg::thoracic(),
              const std::string& lumbar = seg::lumbar()) {
    return CtScan{date, "", true, {ctssReadingOf(cervical, thoracic, lumbar)}};
}

/// A reading with every quadrant 0 except T7_sup_left, given as '0'-'3' or 'N'.
CtssReading t7Reading(char grade) {
    return ctssReadingOf(seg::cervical(), seg::thoracic(times(46, '0') + grade), seg::lumbar());
}

TEST(CtssEvents, GradeChangeTable) {
    struct Case {
        char from, to;
        bool evaluable, newSyndesmophyte, growing, regression;
    };
    const Case cases[] = {
        {'0', '0', true, false, false, false},  {'0', '1', true, true, false, false},
        {'0', '2', true, true, false, false},   {'0', '3', true, true, false, false},
        {'1', '1', true, false, false, false},  {'1', '2', true, false, true, false},
        {'1', '3', true, false, true, false},   {'2', '3', true, false, true, false},
        {'2', '2', true, false, false, false},  {'3', '3', true, false, false, false},
        {'1', '0', true, false, false, true},   {'3', '2', true, false, false, true},
        {'2', '1', true, false, false, true},   {'3', '0', true, false, false, true},
        {'N', '3', false, false, false, false}, {'0', 'N', false, false, false, false},
    };
    const Quadrant t7 = *quadrantFromId("T7_sup_left");
    ASSERT_EQ(quadrantId(allQuadrants()[48 + 46]), "T7_sup_left");
    for (const Case& c : cases) {
        const QuadrantEvents events = compareCtssReadings(t7Reading(c.from), t7Reading(c.to));
        const QuadrantEvent& event = events[t7.index()];
        const std::string name = std::string(1, c.from) + "->" + c.to;
        EXPECT_EQ(event.quadrant, t7) << name;
        EXPECT_EQ(event.evaluable, c.evaluable) << name;
        EXPECT_EQ(event.newSyndesmophyte, c.newSyndesmophyte) << name;
        EXPECT_EQ(event.growing, c.growing) << name;
        EXPECT_EQ(event.regression, c.regression) << name;
        int elsewhere = 0;
        for (const QuadrantEvent& other : events)
            elsewhere +=
                other.quadrant != t7 && (other.newSyndesmophyte || other.growing || other.regression);
        EXPECT_EQ(elsewhere, 0) << name;
    }
}

// Progression table over two years, one reader, default settings unless given.
struct ProgressionCase {
    std::string name;
    CtScan earlier;
    CtScan later;
    std::optional<double> change;
    int newSyndesmophytes;
    int growing;
    int regressions;
    std::optional<bool> progression;
    std::string criteria;
};

class CtssProgressionTable : public ::testing::TestWithParam<ProgressionCase> {};

TEST_P(CtssProgressionTable, AppliesBothCriteria) {
    const ProgressionCase& c = GetParam();
    const CtssProgressionResult result = assessCtssProgression(c.earlier, c.later, {});
    EXPECT_DOUBLE_EQ(result.intervalYears, 730 / 365.25);
    EXPECT_EQ(result.change.has_value(), c.change.has_value());
    if (c.change && result.change) {
        EXPECT_NEAR(*result.change, *c.change, 1e-9);
    }
    EXPECT_EQ(result.events.newSyndesmophytes, c.newSyndesmophytes);
    EXPECT_EQ(result.events.growing, c.growing);
    EXPECT_EQ(result.events.regressions, c.regressions);
    EXPECT_EQ(result.progression, c.progression);
    EXPECT_EQ(toString(result.criteria), c.criteria);
    EXPECT_EQ(result.unitsCriterion.has_value(), c.change.has_value());
    EXPECT_FALSE(result.note.empty());
}

// Before: 12 cervical quadrants not assessable (imputed as 0). After: of these, 4 graded and 8 still
// not assessable: the change comes from quadrants that were not evaluable, so no events.
const std::string kTwelveMissing = seg::cervical(times(12, 'N'));

INSTANTIATE_TEST_SUITE_P(
    Cases, CtssProgressionTable,
    ::testing::Values(
        ProgressionCase{"nothing", scanOf(kStart, seg::cervical()), scanOf(kTwoYearsLater, seg::cervical()),
                        0.0, 0, 0, 0, false, ""},
        ProgressionCase{"two new", scanOf(kStart, seg::cervical()),
                        scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("11")), 2.0, 2, 0, 0, false,
                        ""},
        ProgressionCase{"three new", scanOf(kStart, seg::cervical()),
                        scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("111")), 3.0, 3, 0, 0, true,
                        "quadrants"},
        ProgressionCase{"two new and one growing", scanOf(kStart, seg::cervical(), seg::thoracic("001")),
                        scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("112")), 3.0, 2, 1, 0, true,
                        "quadrants"},
        ProgressionCase{"bridging everywhere it grew", scanOf(kStart, seg::cervical("12")),
                        scanOf(kTwoYearsLater, seg::cervical("33")), 3.0, 0, 2, 0, false, ""},
        ProgressionCase{"units exactly 14.4 without events", scanOf(kStart, kTwelveMissing),
                        scanOf(kTwoYearsLater, seg::cervical(times(8, 'N') + "3333")), 14.4, 0, 0, 0, true,
                        "units"},
        ProgressionCase{"units 13.2 without events", scanOf(kStart, kTwelveMissing),
                        scanOf(kTwoYearsLater, seg::cervical(times(8, 'N') + "3332")), 13.2, 0, 0, 0, false,
                        ""},
        ProgressionCase{"both", scanOf(kStart, seg::cervical()),
                        scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic(), seg::lumbar("33333")), 15.0,
                        5, 0, 0, true, "units_and_quadrants"},
        ProgressionCase{
            "regressions flagged, never progression", scanOf(kStart, seg::cervical(), seg::thoracic("32")),
            scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("21")), -2.0, 0, 0, 2, false, ""},
        ProgressionCase{"earlier not computable, quadrants met",
                        scanOf(kStart, seg::cervical(times(13, 'N'))),
                        scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("111")), std::nullopt, 3, 0, 0,
                        true, "quadrants"},
        ProgressionCase{
            "later not computable, quadrants not met",
            scanOf(kStart, seg::cervical()),
            scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic(times(23, 'N') + "11")),
            std::nullopt,
            2,
            0,
            0,
            std::nullopt,
            "",
        }),
    [](const auto& info) {
        std::string name;
        for (char c : info.param.name)
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(CtssProgression, SettingsMoveBothThresholds) {
    const CtScan earlier = scanOf(kStart, kTwelveMissing);
    const CtScan later = scanOf(kTwoYearsLater, seg::cervical(times(8, 'N') + "3332"), seg::thoracic("11"));
    Settings settings;
    CtssProgressionResult result = assessCtssProgression(earlier, later, settings);
    EXPECT_EQ(result.progression, true);
    EXPECT_NEAR(*result.change, 15.2, 1e-9);  // 13.2 cervical (imputed) + 2 thoracic
    EXPECT_EQ(toString(result.criteria), "units");
    settings.set("ctss.progression_units", "15.3");
    result = assessCtssProgression(earlier, later, settings);
    EXPECT_EQ(result.progression, false);
    EXPECT_EQ(result.unitsCriterion, false);
    settings.set("ctss.progression_quadrants", "2");
    result = assessCtssProgression(earlier, later, settings);
    EXPECT_EQ(result.progression, true);
    EXPECT_EQ(toString(result.criteria), "quadrants");
    EXPECT_EQ(result.settings.ctss.progressionQuadrants, 2);
}

TEST(CtssProgression, NoteNamesTheCriteriaChangeAndCounts) {
    const CtssProgressionResult result =
        assessCtssProgression(scanOf(kStart, seg::cervical(), seg::thoracic("0123")),
                              scanOf(kTwoYearsLater, seg::cervical(), seg::thoracic("1222")), {});
    EXPECT_EQ(result.note,
              "CTSS change 1.00 < 14.4 units over 2.0 years; 2 quadrants with new or growing syndesmophytes "
              "(1 new, 1 growing; < 3); 1 regression flagged for review");
    EXPECT_EQ(label(CtssProgressionCriterion::Units), "CTSS change");
    EXPECT_EQ(label(CtssProgressionCriterion::Quadrants), "new or growing syndesmophytes");
    const CtssProgressionResult missing = assessCtssProgression(
        scanOf(kStart, seg::cervical()), scanOf(kTwoYearsLater, seg::cervical(".")), {});
    EXPECT_EQ(missing.note.rfind("units criterion not evaluable: scan of 2021-12-31 not computable: 1 of 48 "
                                 "cervical quadrants not scored; ",
                                 0),
              0u)
        << missing.note;
}

TEST(CtssProgression, DatesMustBeInOrder) {
    const CtScan a = scanOf(kStart, seg::cervical());
    EXPECT_THROW(assessCtssProgression(a, a, {}), ValidationError);
    EXPECT_THROW(assessCtssProgression(scanOf(kTwoYearsLater, seg::cervical()), a, {}), ValidationError);
}

TEST(CtssProgression, ReadersCombineByTheEventReaderRule) {
    CtScan earlier{kStart,
                   "",
                   true,
                   {ctssReadingOf(seg::cervical(), seg::thoracic(), seg::lumbar(), "A"),
                    ctssReadingOf(seg::cervical(), seg::thoracic(), seg::lumbar(), "B")}};
    CtScan later{kTwoYearsLater,
                 "",
                 true,
                 {ctssReadingOf(seg::cervical(), seg::thoracic("111"), seg::lumbar(), "A"),
                  ctssReadingOf(seg::cervical(), seg::thoracic("11"), seg::lumbar(), "B")}};
    const std::pair<std::string, int> rules[] = {{"all_agree", 2}, {"any_reader", 3}, {"first_reader", 3}};
    for (const auto& [rule, expected] : rules) {
        Settings settings;
        settings.set("progression.event_reader_rule", rule);
        const CtssProgressionResult result = assessCtssProgression(earlier, later, settings);
        EXPECT_EQ(result.events.newSyndesmophytes, expected) << rule;
        EXPECT_EQ(result.progression, expected >= 3) << rule;
        EXPECT_NEAR(*result.change, 2.5, 1e-12) << rule;  // mean of the readers: (3 + 2) / 2 - 0
    }
    const CtScan otherReader{
        kTwoYearsLater, "", true, {ctssReadingOf(seg::cervical(), seg::thoracic("333"), seg::lumbar(), "C")}};
    const CtssProgressionResult none = assessCtssProgression(earlier, otherReader, {});
    EXPECT_EQ(none.events.note, "no reader read both scans");
    EXPECT_EQ(none.events.notEvaluable, kQuadrantCount);
    EXPECT_EQ(none.events.newOrGrowing(), 0);
    EXPECT_EQ(none.progression, false);
}

TEST(CtssReview, ConsecutivePairsThenFirstToLast) {
    const CtScan first = scanOf(kStart, seg::cervical());
    const CtScan second = scanOf(Date(2022, 1, 1), seg::cervical(), seg::thoracic("11"));
    const CtScan third = scanOf(Date(2024, 1, 1), seg::cervical(), seg::thoracic("112"));
    const CtssProgressionReview review = reviewCtssProgression({third, first, second}, {});
    ASSERT_EQ(review.pairs.size(), 3u);
    EXPECT_EQ(review.pairs[0].from, kStart);
    EXPECT_EQ(review.pairs[0].to, Date(2022, 1, 1));
    EXPECT_EQ(review.pairs[1].to, Date(2024, 1, 1));
    EXPECT_EQ(review.pairs[2].from, kStart);
    EXPECT_EQ(review.pairs[0].progression, false);  // 2 new
    EXPECT_EQ(review.pairs[1].progression, false);  // 1 growing
    EXPECT_EQ(review.pairs[2].progression, true);   // 3 new over four years
    EXPECT_TRUE(review.progressor);
    EXPECT_FALSE(reviewCtssProgression({first, second}, {}).progressor);
    EXPECT_THROW(reviewCtssProgression({first, scanOf(kStart, seg::cervical("1"))}, {}), ValidationError);
}

}  // namespace
}  // namespace ankylos::core
