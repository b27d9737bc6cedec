#include "core/basdai.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/format.h"

namespace ankylos::core {
namespace {

// Formula results are compared with this tolerance: the inputs are decimals, so exact equality
// would test the floating-point rounding rather than the rule.
constexpr double kTol = 1e-12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

BasdaiInput makeInput(const std::vector<double>& q) {
    return {q.at(0), q.at(1), q.at(2), q.at(3), q.at(4), q.at(5)};
}

std::optional<double>& item(BasdaiInput& input, int i) {
    switch (i) {
        case 1:
            return input.q1;
        case 2:
            return input.q2;
        case 3:
            return input.q3;
        case 4:
            return input.q4;
        case 5:
            return input.q5;
        default:
            return input.q6;
    }
}

/// Expects f to throw ValidationError whose message contains every one of parts.
void expectValidationError(const std::function<void()>& f, const std::vector<std::string>& parts) {
    try {
        f();
        ADD_FAILURE() << "no ValidationError thrown";
    } catch (const ValidationError& e) {
        const std::string message = e.what();
        for (const std::string& part : parts)
            EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
    }
}

// --- Published peer vectors (docs/methods.md 2) -------------------------------------------------

struct PeerVector {
    std::vector<double> items;
    double expected;
    std::string display;  // 1 decimal
};

class BasdaiPeerVectors : public ::testing::TestWithParam<PeerVector> {};

TEST_P(BasdaiPeerVectors, MatchesPublishedValue) {
    const PeerVector& v = GetParam();
    const BasdaiResult result = computeBasdai(makeInput(v.items));
    ASSERT_TRUE(result.value.has_value()) << result.reason;
    EXPECT_NEAR(*result.value, v.expected, kTol);
    EXPECT_EQ(formatFixed(*result.value, kBasdaiDisplayDecimals), v.display);
    EXPECT_TRUE(result.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Published, BasdaiPeerVectors,
    ::testing::Values(PeerVector{{1, 2, 3, 4, 5, 10}, 3.5, "3.5"}, PeerVector{{0, 0, 3, 4, 5, 0}, 1.9, "1.9"},
                      PeerVector{{2, 10, 7, 1, 9, 3}, 5.2, "5.2"}, PeerVector{{1, 2, 2, 2, 1, 3}, 1.8, "1.8"},
                      // Q5 and Q6 weigh half: this vector differs from a plain mean (5/6).
                      PeerVector{{0, 0, 0, 0, 5, 5}, 1.0, "1.0"},
                      PeerVector{{10, 10, 10, 10, 10, 10}, 10.0, "10.0"},
                      PeerVector{{0, 0, 0, 0, 0, 0}, 0.0, "0.0"}));

TEST(BasdaiTest, SameValueFromVasMillimetres) {
    const std::vector<double> mm = {10, 20, 20, 20, 10, 30};
    std::vector<double> nrs;
    for (int i = 0; i < kBasdaiItemCount; ++i)
        nrs.push_back(vasMmToNrs(mm[i], basdaiItemField(i + 1)));
    const BasdaiResult result = computeBasdai(makeInput(nrs));
    ASSERT_TRUE(result.value.has_value());
    EXPECT_NEAR(*result.value, 1.8, kTol);
}

// --- VAS and minutes helpers ----------------------------------------------------------------------

TEST(BasdaiTest, VasMillimetresDivideByTen) {
    const std::vector<std::pair<double, double>> table = {
        {0, 0}, {1, 0.1}, {55, 5.5}, {99.5, 9.95}, {100, 10}};
    for (const auto& [mm, nrs] : table)
        EXPECT_NEAR(vasMmToNrs(mm, "BASDAI Q1"), nrs, kTol) << mm;
}

TEST(BasdaiTest, VasOutsideZeroToHundredIsRejectedNamingFieldAndValue) {
    for (double mm : {-0.1, 100.1, 250.0}) {
        expectValidationError([mm] { vasMmToNrs(mm, "BASDAI Q3"); },
                              {"BASDAI Q3", formatNumber(mm) + " mm", "0 to 100 mm"});
        EXPECT_FALSE(validateVasMm(mm, "BASDAI Q3").ok());
    }
    expectValidationError([] { vasMmToNrs(kNaN, "BASDAI Q2"); }, {"BASDAI Q2", "nan", "0 to 100 mm"});
    expectValidationError([] { vasMmToNrs(kInf, "BASDAI Q2"); }, {"BASDAI Q2", "inf"});
    EXPECT_TRUE(validateVasMm(0.0, "BASDAI Q3").ok());
    EXPECT_TRUE(validateVasMm(100.0, "BASDAI Q3").ok());
}

TEST(BasdaiTest, MorningStiffnessMinutesMapToQ6) {
    // min(m, 120) / 12: 0 = none, 60 min = 5, 2 hours or more = 10.
    const std::vector<std::pair<double, double>> table = {
        {0, 0}, {6, 0.5}, {30, 2.5}, {60, 5}, {90, 7.5}, {119, 119.0 / 12}, {120, 10}, {121, 10}, {600, 10}};
    for (const auto& [minutes, q6] : table)
        EXPECT_NEAR(morningStiffnessMinutesToQ6(minutes), q6, kTol) << minutes;
}

TEST(BasdaiTest, NegativeOrNonFiniteMinutesAreRejected) {
    const std::vector<std::pair<double, std::string>> table = {
        {-1, "-1 minutes"}, {-0.5, "-0.5 minutes"}, {kNaN, "nan minutes"}, {kInf, "inf minutes"}};
    for (const auto& [minutes, text] : table) {
        expectValidationError([m = minutes] { morningStiffnessMinutesToQ6(m); },
                              {"BASDAI Q6 morning stiffness minutes", text, "0 minutes or more"});
        EXPECT_FALSE(validateMorningStiffnessMinutes(minutes).ok());
    }
    EXPECT_TRUE(validateMorningStiffnessMinutes(0).ok());
}

// --- Item ranges ----------------------------------------------------------------------------------

TEST(BasdaiTest, EachItemOutsideZeroToTenIsRejectedNamingItsField) {
    for (int i = 1; i <= kBasdaiItemCount; ++i) {
        for (double bad : {-0.1, 10.1, kNaN}) {
            BasdaiInput input = makeInput({5, 5, 5, 5, 5, 5});
            item(input, i) = bad;
            const std::string field = "BASDAI Q" + std::to_string(i);
            expectValidationError([&input] { computeBasdai(input); },
                                  {field + ": " + formatNumber(bad), "0 to 10"});
            const Validation validation = validateBasdai(input);
            ASSERT_EQ(validation.errors().size(), 1u);
            EXPECT_EQ(validation.errors()[0].field, field);
        }
        for (double edge : {0.0, 10.0}) {
            BasdaiInput input = makeInput({5, 5, 5, 5, 5, 5});
            item(input, i) = edge;
            EXPECT_TRUE(validateBasdai(input).ok()) << i << " " << edge;
            EXPECT_TRUE(computeBasdai(input).value.has_value());
        }
    }
}

TEST(BasdaiTest, AllErrorsAreReportedAtOnce) {
    BasdaiInput input = makeInput({11, 5, 5, -1, 5, 5});
    input.q6.reset();  // missing is not an error
    const Validation validation = validateBasdai(input);
    ASSERT_EQ(validation.errors().size(), 2u);
    EXPECT_EQ(validation.errors()[0].field, "BASDAI Q1");
    EXPECT_EQ(validation.errors()[1].field, "BASDAI Q4");
    expectValidationError([&input] { computeBasdai(input); }, {"BASDAI Q1: 11", "BASDAI Q4: -1"});
}

// --- Missing data ---------------------------------------------------------------------------------

TEST(BasdaiTest, EachMissingItemMakesItNotComputableAndIsNamed) {
    for (int i = 1; i <= kBasdaiItemCount; ++i) {
        BasdaiInput input = makeInput({5, 5, 5, 5, 5, 5});
        item(input, i).reset();
        EXPECT_TRUE(validateBasdai(input).ok());
        const BasdaiResult result = computeBasdai(input);
        EXPECT_FALSE(result.value.has_value());
        EXPECT_FALSE(result.active);
        EXPECT_EQ(result.reason, "not computable: BASDAI Q" + std::to_string(i) + " missing");
    }
}

TEST(BasdaiTest, EveryMissingItemIsNamed) {
    BasdaiInput input = makeInput({5, 5, 5, 5, 5, 5});
    input.q3.reset();
    input.q6.reset();
    EXPECT_EQ(computeBasdai(input).reason, "not computable: BASDAI Q3, BASDAI Q6 missing");
    EXPECT_EQ(computeBasdai(BasdaiInput{}).reason,
              "not computable: BASDAI Q1, BASDAI Q2, BASDAI Q3, BASDAI Q4, BASDAI Q5, BASDAI Q6 missing");
}

// --- Active disease (>= 4.0) ----------------------------------------------------------------------

TEST(BasdaiTest, ActiveDiseaseCutOffOnBothSides) {
    const std::vector<std::pair<double, bool>> table = {
        {0.0, false},
        {3.9, false},
        {4.0 - 1e-6, false},
        // Within the 1e-9 comparison tolerance: floating-point error, not a lower BASDAI.
        {4.0 - 1e-12, true},
        {4.0, true},
        {4.0 + 1e-12, true},
        {4.1, true},
        {10, true}};
    for (const auto& [value, active] : table)
        EXPECT_EQ(isActiveBasdai(value), active) << value;
}

TEST(BasdaiTest, ActiveFlagFromComputedValues) {
    // All items 4 give exactly 4.0, which is active; one item lowered gives 3.98, not active.
    const BasdaiResult four = computeBasdai(makeInput({4, 4, 4, 4, 4, 4}));
    EXPECT_NEAR(*four.value, 4.0, kTol);
    EXPECT_TRUE(four.active);
    const BasdaiResult below = computeBasdai(makeInput({3.9, 4, 4, 4, 4, 4}));
    EXPECT_NEAR(*below.value, 3.98, kTol);
    EXPECT_FALSE(below.active);
    const BasdaiResult above = computeBasdai(makeInput({4.1, 4, 4, 4, 4, 4}));
    EXPECT_TRUE(above.active);
}

TEST(BasdaiTest, FourPointZeroFromDecimalsIsActive) {
    // These items give 4.0 exactly in decimal arithmetic but 3.999999999999999 in binary: the
    // value displays as 4.0 and must be classified as 4.0 (comparison tolerance 1e-9).
    const BasdaiResult result = computeBasdai(makeInput({4.3, 3.9, 4.0, 3.9, 3.7, 4.1}));
    ASSERT_TRUE(result.value.has_value());
    EXPECT_NEAR(*result.value, 4.0, kTol);
    EXPECT_EQ(formatFixed(*result.value, kBasdaiDisplayDecimals), "4.0");
    EXPECT_TRUE(result.active);
}

// --- Response between two visits ------------------------------------------------------------------

struct ResponseCase {
    double baseline;
    double followUp;
    double absolute;
    double relativePercent;
    BasdaiResponseStatus basdai50;
    BasdaiResponseStatus asasEular;
};

class BasdaiResponseTable : public ::testing::TestWithParam<ResponseCase> {};

TEST_P(BasdaiResponseTable, CriteriaAndImprovements) {
    const ResponseCase& c = GetParam();
    const BasdaiResponse r = basdaiResponse(c.baseline, c.followUp);
    ASSERT_TRUE(r.absoluteImprovement.has_value());
    ASSERT_TRUE(r.relativeImprovement.has_value());
    EXPECT_NEAR(*r.absoluteImprovement, c.absolute, 1e-9);
    EXPECT_NEAR(*r.relativeImprovement, c.relativePercent, 1e-6);
    EXPECT_EQ(r.basdai50.status, c.basdai50);
    EXPECT_EQ(r.asasEular.status, c.asasEular);
    EXPECT_EQ(r.basdai50.label, "BASDAI50");
    EXPECT_EQ(r.asasEular.label, "ASAS-EULAR BASDAI response");
    EXPECT_TRUE(r.reason.empty());
}

constexpr auto kMet = BasdaiResponseStatus::Met;
constexpr auto kNotMet = BasdaiResponseStatus::NotMet;

INSTANTIATE_TEST_SUITE_P(
    Cases, BasdaiResponseTable,
    ::testing::Values(
        // 50 % exactly meets both; just under 50 % with < 2 units meets neither.
        ResponseCase{3.0, 1.5, 1.5, 50.0, kMet, kMet},
        ResponseCase{3.0, 1.6, 1.4, 46.666667, kNotMet, kNotMet},
        // 50 % within the 1e-9 tolerance counts; 1e-6 short does not.
        ResponseCase{4.0, 2.0 + 2e-11, 2.0, 50.0, kMet, kMet},
        ResponseCase{3.0, 1.5 + 1e-6, 1.499999, 49.999967, kNotMet, kNotMet},
        // 2 units absolute meets ASAS-EULAR only; 1.9 units meets neither.
        ResponseCase{8.0, 6.0, 2.0, 25.0, kNotMet, kMet},
        ResponseCase{8.0, 6.1, 1.9, 23.75, kNotMet, kNotMet},
        // 4.1 - 2.1 is 1.9999999999999996 in binary: 2 units computed from decimals counts.
        ResponseCase{4.1, 2.1, 2.0, 48.780488, kNotMet, kMet},
        // Both criteria met.
        ResponseCase{6.0, 2.0, 4.0, 66.666667, kMet, kMet},
        // No change and worsening.
        ResponseCase{5.0, 5.0, 0.0, 0.0, kNotMet, kNotMet},
        ResponseCase{3.0, 5.0, -2.0, -66.666667, kNotMet, kNotMet},
        ResponseCase{1.0, 0.0, 1.0, 100.0, kMet, kMet}));

TEST(BasdaiTest, ResponseFromZeroBaselineHasNoRelativeImprovement) {
    for (double followUp : {0.0, 3.0}) {
        const BasdaiResponse r = basdaiResponse(0.0, followUp);
        ASSERT_TRUE(r.absoluteImprovement.has_value());
        EXPECT_NEAR(*r.absoluteImprovement, -followUp, kTol);
        EXPECT_FALSE(r.relativeImprovement.has_value());
        EXPECT_EQ(r.reason, "relative improvement not computable: baseline BASDAI is 0");
        EXPECT_EQ(r.basdai50.status, BasdaiResponseStatus::NotEvaluable);
        EXPECT_EQ(r.asasEular.status, BasdaiResponseStatus::NotEvaluable);
    }
}

TEST(BasdaiTest, ResponseWithAMissingVisitIsNotComputable) {
    const std::vector<std::tuple<std::optional<double>, std::optional<double>, std::string>> table = {
        {std::nullopt, 3.0, "not computable: baseline BASDAI missing"},
        {5.0, std::nullopt, "not computable: follow-up BASDAI missing"},
        {std::nullopt, std::nullopt, "not computable: baseline BASDAI, follow-up BASDAI missing"},
    };
    for (const auto& [baseline, followUp, reason] : table) {
        const BasdaiResponse r = basdaiResponse(baseline, followUp);
        EXPECT_EQ(r.reason, reason);
        EXPECT_FALSE(r.absoluteImprovement.has_value());
        EXPECT_FALSE(r.relativeImprovement.has_value());
        EXPECT_EQ(r.basdai50.status, BasdaiResponseStatus::NotEvaluable);
        EXPECT_EQ(r.asasEular.status, BasdaiResponseStatus::NotEvaluable);
    }
}

TEST(BasdaiTest, ResponseRejectsOutOfRangeValues) {
    expectValidationError([] { basdaiResponse(10.5, -1.0); },
                          {"baseline BASDAI: 10.5", "follow-up BASDAI: -1", "0 to 10"});
    expectValidationError([] { basdaiResponse(kNaN, 2.0); }, {"baseline BASDAI: nan"});
    EXPECT_EQ(validateBasdaiResponse(11.0, 12.0).errors().size(), 2u);
    EXPECT_TRUE(validateBasdaiResponse(0.0, 10.0).ok());
}

TEST(BasdaiTest, NamesAndLabels) {
    EXPECT_EQ(toString(BasdaiResponseStatus::Met), "met");
    EXPECT_EQ(toString(BasdaiResponseStatus::NotMet), "not_met");
    EXPECT_EQ(toString(BasdaiResponseStatus::NotEvaluable), "not_evaluable");
    EXPECT_EQ(basdaiItemField(1), "BASDAI Q1");
    EXPECT_EQ(basdaiItemField(6), "BASDAI Q6");
    EXPECT_EQ(basdaiItemLabel(1), "fatigue");
    EXPECT_EQ(basdaiItemLabel(6), "morning stiffness duration");
    EXPECT_THROW(basdaiItemField(0), InternalError);
    EXPECT_THROW(basdaiItemField(7), InternalError);
    EXPECT_THROW(basdaiItemLabel(7), InternalError);
}

}  // namespace
}  // namespace ankylos::core
