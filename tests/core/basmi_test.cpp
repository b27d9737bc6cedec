#include "core/basmi.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/format.h"

namespace ankylos::core {
namespace {

// Linear formulas with decimal constants: compared with this tolerance.
constexpr double kTol = 1e-12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// A complete visit: lateral flexion 10/12 cm, tragus-to-wall 15/17 cm, Schober 4 cm,
/// intermalleolar 100 cm, cervical rotation 60/50 degrees.
BasmiInput typical() {
    return {10.0, 12.0, 15.0, 17.0, 4.0, 100.0, 60.0, 50.0};
}

struct Field {
    std::optional<double> BasmiInput::*member;
    std::string name;
    std::string unit;
};

const std::vector<Field> kMeasurements = {
    {&BasmiInput::lateralFlexionLeftCm, "BASMI lateral lumbar flexion left", "cm"},
    {&BasmiInput::lateralFlexionRightCm, "BASMI lateral lumbar flexion right", "cm"},
    {&BasmiInput::tragusToWallLeftCm, "BASMI tragus-to-wall left", "cm"},
    {&BasmiInput::tragusToWallRightCm, "BASMI tragus-to-wall right", "cm"},
    {&BasmiInput::modifiedSchoberCm, "BASMI modified Schober", "cm"},
    {&BasmiInput::intermalleolarDistanceCm, "BASMI intermalleolar distance", "cm"},
    {&BasmiInput::cervicalRotationLeftDegrees, "BASMI cervical rotation left", "degrees"},
    {&BasmiInput::cervicalRotationRightDegrees, "BASMI cervical rotation right", "degrees"},
};

/// The component score a measurement feeds, by index of kMeasurements.
std::optional<double> componentOf(const BasmiComponentScores& s, int measurement) {
    switch (measurement) {
        case 0:
        case 1:
            return s.lateralLumbarFlexion;
        case 2:
        case 3:
            return s.tragusToWall;
        case 4:
            return s.lumbarFlexion;
        case 5:
            return s.intermalleolarDistance;
        default:
            return s.cervicalRotation;
    }
}

TEST(BasmiTest, TypicalVisit) {
    const BasmiResult r = computeBasmi(typical());
    ASSERT_TRUE(r.value.has_value()) << r.reason;
    const double lateral = (21.1 - 11.0) / 2.1;
    const double tragus = (16.0 - 8.0) / 3.0;
    const double schober = (7.4 - 4.0) / 0.7;
    const double intermalleolar = (124.5 - 100.0) / 10.0;
    const double rotation = (89.3 - 55.0) / 8.5;
    EXPECT_NEAR(*r.scores.lateralLumbarFlexion, lateral, kTol);
    EXPECT_NEAR(*r.scores.tragusToWall, tragus, kTol);
    EXPECT_NEAR(*r.scores.lumbarFlexion, schober, kTol);
    EXPECT_NEAR(*r.scores.intermalleolarDistance, intermalleolar, kTol);
    EXPECT_NEAR(*r.scores.cervicalRotation, rotation, kTol);
    EXPECT_NEAR(*r.value, (lateral + tragus + schober + intermalleolar + rotation) / 5.0, kTol);
    EXPECT_NEAR(*r.value, 3.76372, 1e-5);
    EXPECT_TRUE(r.reason.empty());
}

// --- Per-component formulas and the [0, 10] clamp -------------------------------------------------

struct ScoreCase {
    BasmiComponent component;
    double measurement;
    double expected;
};

class BasmiComponentScore : public ::testing::TestWithParam<ScoreCase> {};

TEST_P(BasmiComponentScore, FormulaAndClamp) {
    const ScoreCase& c = GetParam();
    EXPECT_NEAR(basmiLinearScore(c.component, c.measurement), c.expected, kTol)
        << toString(c.component) << " " << c.measurement;
}

using C = BasmiComponent;
INSTANTIATE_TEST_SUITE_P(
    Cases, BasmiComponentScore,
    ::testing::Values(
        // lateral lumbar flexion: (21.1 - A) / 2.1
        ScoreCase{C::LateralLumbarFlexion, 21.1, 0.0}, ScoreCase{C::LateralLumbarFlexion, 25.0, 0.0},
        ScoreCase{C::LateralLumbarFlexion, 11.0, 10.1 / 2.1}, ScoreCase{C::LateralLumbarFlexion, 0.1, 10.0},
        ScoreCase{C::LateralLumbarFlexion, 0.0, 10.0},  // raw 10.05
        // tragus-to-wall: (A - 8) / 3
        ScoreCase{C::TragusToWall, 8.0, 0.0}, ScoreCase{C::TragusToWall, 5.0, 0.0},  // raw -1
        ScoreCase{C::TragusToWall, 20.0, 4.0}, ScoreCase{C::TragusToWall, 38.0, 10.0},
        ScoreCase{C::TragusToWall, 40.0, 10.0},  // raw 10.67
        // modified Schober: (7.4 - A) / 0.7
        ScoreCase{C::LumbarFlexion, 7.4, 0.0}, ScoreCase{C::LumbarFlexion, 8.0, 0.0},
        ScoreCase{C::LumbarFlexion, 3.9, 5.0}, ScoreCase{C::LumbarFlexion, 0.4, 10.0},
        ScoreCase{C::LumbarFlexion, 0.0, 10.0},  // raw 10.57
        // intermalleolar distance: (124.5 - A) / 10
        ScoreCase{C::IntermalleolarDistance, 124.5, 0.0}, ScoreCase{C::IntermalleolarDistance, 130.0, 0.0},
        ScoreCase{C::IntermalleolarDistance, 74.5, 5.0}, ScoreCase{C::IntermalleolarDistance, 24.5, 10.0},
        ScoreCase{C::IntermalleolarDistance, 10.0, 10.0},  // raw 11.45
        // cervical rotation: (89.3 - A) / 8.5
        ScoreCase{C::CervicalRotation, 89.3, 0.0}, ScoreCase{C::CervicalRotation, 95.0, 0.0},
        ScoreCase{C::CervicalRotation, 46.8, 5.0}, ScoreCase{C::CervicalRotation, 4.3, 10.0},
        ScoreCase{C::CervicalRotation, 0.0, 10.0}));  // raw 10.51

TEST(BasmiTest, ExtremesGiveZeroAndTen) {
    const BasmiResult best = computeBasmi({30.0, 30.0, 5.0, 5.0, 9.0, 150.0, 90.0, 90.0});
    EXPECT_NEAR(*best.value, 0.0, kTol);
    const BasmiResult worst = computeBasmi({0.0, 0.0, 40.0, 40.0, 0.0, 0.0, 0.0, 0.0});
    EXPECT_NEAR(*worst.value, 10.0, kTol);
}

TEST(BasmiTest, LeftAndRightAreAveragedBeforeScoring) {
    // Mean of 0 and 20 cm is 10 cm: (21.1 - 10) / 2.1 = 5.286. Scoring each side and then
    // averaging would give (10 + 0.524) / 2 = 5.262 because the left side clamps.
    BasmiInput input = typical();
    input.lateralFlexionLeftCm = 0.0;
    input.lateralFlexionRightCm = 20.0;
    EXPECT_NEAR(*computeBasmi(input).scores.lateralLumbarFlexion, 11.1 / 2.1, kTol);

    input = typical();
    input.tragusToWallLeftCm = 10.0;
    input.tragusToWallRightCm = 20.0;
    EXPECT_NEAR(*computeBasmi(input).scores.tragusToWall, (15.0 - 8.0) / 3.0, kTol);

    input = typical();
    input.cervicalRotationLeftDegrees = 30.0;
    input.cervicalRotationRightDegrees = 80.0;
    EXPECT_NEAR(*computeBasmi(input).scores.cervicalRotation, (89.3 - 55.0) / 8.5, kTol);
}

// --- Missing data and invalid input ---------------------------------------------------------------

TEST(BasmiTest, EachMissingMeasurementIsNamedAndOtherComponentsStillScore) {
    for (int i = 0; i < static_cast<int>(kMeasurements.size()); ++i) {
        BasmiInput input = typical();
        (input.*kMeasurements[i].member).reset();
        EXPECT_TRUE(validateBasmi(input).ok());
        const BasmiResult r = computeBasmi(input);
        EXPECT_FALSE(r.value.has_value());
        EXPECT_EQ(r.reason, "not computable: " + kMeasurements[i].name + " missing");
        EXPECT_FALSE(componentOf(r.scores, i).has_value()) << kMeasurements[i].name;
        int scored = 0;
        for (int j = 0; j < static_cast<int>(kMeasurements.size()); ++j)
            if (componentOf(r.scores, j).has_value())
                ++scored;
        // Every other measurement still feeds a score: 6 of 8 for a bilateral one, 7 of 8 otherwise.
        EXPECT_EQ(scored, (i == 4 || i == 5) ? 7 : 6) << kMeasurements[i].name;
    }
    EXPECT_EQ(computeBasmi(BasmiInput{}).reason,
              "not computable: BASMI lateral lumbar flexion left, BASMI lateral lumbar flexion right, BASMI "
              "tragus-to-wall left, BASMI tragus-to-wall right, BASMI modified Schober, BASMI intermalleolar "
              "distance, BASMI cervical rotation left, BASMI cervical rotation right missing");
}

TEST(BasmiTest, NegativeOrNonFiniteMeasurementsAreRejectedNamingFieldAndValue) {
    for (const Field& field : kMeasurements) {
        for (double bad : {-0.5, kNaN, kInf}) {
            BasmiInput input = typical();
            input.*field.member = bad;
            const Validation validation = validateBasmi(input);
            ASSERT_EQ(validation.errors().size(), 1u) << field.name;
            EXPECT_EQ(validation.errors()[0].field, field.name);
            EXPECT_EQ(validation.errors()[0].value, formatNumber(bad) + " " + field.unit);
            EXPECT_EQ(validation.errors()[0].allowed, "0 " + field.unit + " or more");
            EXPECT_THROW(computeBasmi(input), ValidationError);
        }
        // Zero and large values are accepted: the spec sets no range beyond physical possibility.
        for (double ok : {0.0, 500.0}) {
            BasmiInput input = typical();
            input.*field.member = ok;
            EXPECT_TRUE(validateBasmi(input).ok()) << field.name;
        }
    }
}

TEST(BasmiTest, AllErrorsAreReportedAtOnce) {
    BasmiInput input = typical();
    input.lateralFlexionLeftCm = -1.0;
    input.cervicalRotationRightDegrees = -5.0;
    input.modifiedSchoberCm.reset();
    try {
        computeBasmi(input);
        ADD_FAILURE() << "no ValidationError";
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 2u);
        EXPECT_EQ(std::string(e.what()),
                  "BASMI lateral lumbar flexion left: -1 cm is not allowed (allowed: 0 cm or more)\n"
                  "BASMI cervical rotation right: -5 degrees is not allowed (allowed: 0 degrees or more)");
    }
}

TEST(BasmiTest, SingleScoreRejectsImpossibleMeasurement) {
    EXPECT_THROW(basmiLinearScore(BasmiComponent::TragusToWall, -1.0), ValidationError);
    try {
        basmiLinearScore(BasmiComponent::CervicalRotation, kNaN);
        ADD_FAILURE() << "no ValidationError";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems().at(0).field, "BASMI cervical rotation");
        EXPECT_EQ(e.problems().at(0).value, "nan degrees");
    }
}

TEST(BasmiTest, ComponentNames) {
    EXPECT_EQ(toString(BasmiComponent::LateralLumbarFlexion), "lateral_lumbar_flexion");
    EXPECT_EQ(toString(BasmiComponent::TragusToWall), "tragus_to_wall");
    EXPECT_EQ(toString(BasmiComponent::LumbarFlexion), "lumbar_flexion");
    EXPECT_EQ(toString(BasmiComponent::IntermalleolarDistance), "intermalleolar_distance");
    EXPECT_EQ(toString(BasmiComponent::CervicalRotation), "cervical_rotation");
}

}  // namespace
}  // namespace ankylos::core
