// docs/methods.md 7: sacroiliitis grades 0-4 per side and the modified New York radiological
// criterion (both sides >= 2, or one side >= 3).
#include "core/sacroiliitis.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace ankylos::core {
namespace {

TEST(SacroiliitisNewYork, EveryGradePairAgainstTheSpecMatrix) {
    // Rows: left grade 0-4; columns: right grade 0-4; 1 = criterion met.
    const int expected[5][5] = {
        {0, 0, 0, 1, 1}, {0, 0, 0, 1, 1}, {0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1},
    };
    for (int left = 0; left <= 4; ++left)
        for (int right = 0; right <= 4; ++right) {
            const NewYorkAssessment r = assessModifiedNewYork(left, right);
            ASSERT_TRUE(r.met.has_value()) << left << "/" << right;
            EXPECT_EQ(*r.met, expected[left][right] == 1) << "left " << left << ", right " << right;
            EXPECT_EQ(r.rule.has_value(), *r.met);
            EXPECT_TRUE(r.reason.empty());
        }
}

struct RuleCase {
    int left;
    int right;
    std::optional<NewYorkRule> rule;
};

class SacroiliitisRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(SacroiliitisRule, SaysWhichPartOfTheCriterionFired) {
    const RuleCase c = GetParam();
    const NewYorkAssessment r = assessModifiedNewYork(c.left, c.right);
    EXPECT_EQ(r.rule, c.rule) << c.left << "/" << c.right;
    EXPECT_EQ(r.met, c.rule.has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, SacroiliitisRule,
    ::testing::Values(
        RuleCase{2, 2, NewYorkRule::BothSidesAtLeast2},  // bilateral grade 2
        RuleCase{2, 1, std::nullopt},                    // unilateral grade 2
        RuleCase{1, 2, std::nullopt}, RuleCase{1, 1, std::nullopt}, RuleCase{0, 0, std::nullopt},
        RuleCase{3, 0, NewYorkRule::OneSideAtLeast3},  // unilateral grade 3
        RuleCase{0, 3, NewYorkRule::OneSideAtLeast3}, RuleCase{4, 0, NewYorkRule::OneSideAtLeast3},
        RuleCase{0, 4, NewYorkRule::OneSideAtLeast3}, RuleCase{2, 3, NewYorkRule::OneSideAtLeast3},
        RuleCase{4, 4, NewYorkRule::OneSideAtLeast3}));

TEST(SacroiliitisRule, Names) {
    EXPECT_EQ(toString(NewYorkRule::BothSidesAtLeast2), "both sides >= 2");
    EXPECT_EQ(toString(NewYorkRule::OneSideAtLeast3), "one side >= 3");
}

TEST(SacroiliitisMissingSide, OneSideAtLeastThreeSettlesItOtherwiseNotEvaluable) {
    EXPECT_EQ(assessModifiedNewYork(3, std::nullopt).met, true);
    EXPECT_EQ(assessModifiedNewYork(std::nullopt, 4).met, true);

    for (const auto& [left, right] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
             {2, std::nullopt}, {0, std::nullopt}, {std::nullopt, 2}, {std::nullopt, std::nullopt}}) {
        const NewYorkAssessment r = assessModifiedNewYork(left, right);
        EXPECT_FALSE(r.met.has_value());
        EXPECT_FALSE(r.rule.has_value());
        EXPECT_FALSE(r.reason.empty());
    }
    EXPECT_EQ(assessModifiedNewYork(2, std::nullopt).reason,
              "not evaluable: sacroiliitis grade right not recorded");
    EXPECT_EQ(assessModifiedNewYork(std::nullopt, 1).reason,
              "not evaluable: sacroiliitis grade left not recorded");
    EXPECT_EQ(assessModifiedNewYork(std::nullopt, std::nullopt).reason,
              "not evaluable: sacroiliitis grade left and right not recorded");
}

TEST(SacroiliitisGrades, OutsideZeroToFourIsRejectedNamingTheSide) {
    EXPECT_TRUE(validateSacroiliitis(0, 4).ok());
    const Validation v = validateSacroiliitis(-1, 5);
    ASSERT_EQ(v.errors().size(), 2u);
    EXPECT_EQ(v.errors()[0].message(), "sacroiliitis grade left: -1 is not allowed (allowed: 0 to 4)");
    EXPECT_EQ(v.errors()[1].message(), "sacroiliitis grade right: 5 is not allowed (allowed: 0 to 4)");
    EXPECT_THROW(assessModifiedNewYork(5, 0), ValidationError);
    EXPECT_THROW(assessModifiedNewYork(0, -1), ValidationError);
    EXPECT_THROW(assessModifiedNewYork(5, std::nullopt), ValidationError);
}

TEST(SacroiliitisGrades, ParseAcceptsZeroToFourOnly) {
    for (int grade = 0; grade <= 4; ++grade)
        EXPECT_EQ(parseSacroiliitisGrade(std::to_string(grade), "left"), grade);
    for (const std::string text : {"5", "-1", "2.5", "", " 2", "II"})
        EXPECT_THROW(parseSacroiliitisGrade(text, "left"), ValidationError) << text;
}

TEST(SacroiliitisGrades, PelvicFilmDateAndGrades) {
    const Date date(2021, 6, 1);
    const PelvicFilm film{date, 2, 3};
    EXPECT_EQ(assessModifiedNewYork(film).met, true);
    EXPECT_TRUE(validatePelvicFilm(film, Date(1970, 1, 1), date).ok());
    EXPECT_EQ(validatePelvicFilm(film, Date(1970, 1, 1), date - boost::gregorian::days(1)).errors().size(),
              1u);
    EXPECT_EQ(validatePelvicFilm(PelvicFilm{date, 7, 2}).errors().size(), 1u);
}

}  // namespace
}  // namespace ankylos::core
