#include "core/asdas.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "core/format.h"

namespace ankylos::core {
namespace {

// Formula results are compared with this tolerance (decimal coefficients, ln and sqrt).
constexpr double kTol = 1e-12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const AsdasSettings kAsas{AsdasCoefficients::Asas2dp};
const AsdasSettings kLukas{AsdasCoefficients::Lukas3dp};

AsdasInput allFive() {
    return {5.0, 5.0, 5.0, 5.0};
}
CrpMeasurement mgPerL(double value) {
    return {value, CrpUnit::MgPerL, false};
}
CrpMeasurement mgPerDl(double value) {
    return {value, CrpUnit::MgPerDl, false};
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

/// The four clinical inputs, addressable by index, with their message field names.
std::optional<double>& inputAt(AsdasInput& input, int i) {
    switch (i) {
        case 0:
            return input.backPain;
        case 1:
            return input.morningStiffnessDuration;
        case 2:
            return input.patientGlobal;
        default:
            return input.peripheralPain;
    }
}
const std::vector<std::string> kFields = {
    "ASDAS back pain (BASDAI Q2)", "ASDAS morning stiffness duration (BASDAI Q6)", "ASDAS patient global",
    "ASDAS peripheral pain/swelling (BASDAI Q3)"};

// --- Published peer vector ------------------------------------------------------------------------

TEST(AsdasTest, CrpPeerVectorIs319) {
    const AsdasResult r = computeAsdasCrp(allFive(), mgPerL(10), kAsas);
    ASSERT_TRUE(r.value.has_value()) << r.reason;
    EXPECT_NEAR(*r.value, 0.36 * 5 + 0.58 * std::log(11.0), kTol);
    EXPECT_EQ(formatFixed(*r.value, kAsdasDisplayDecimals), "3.19");
    EXPECT_EQ(r.state, AsdasState::High);
    EXPECT_EQ(r.marker, AsdasMarker::Crp);
    ASSERT_TRUE(r.crpUsedMgPerL.has_value());
    EXPECT_DOUBLE_EQ(*r.crpUsedMgPerL, 10.0);
    EXPECT_EQ(r.settings.coefficients, AsdasCoefficients::Asas2dp);
    EXPECT_TRUE(r.reason.empty());
    EXPECT_TRUE(r.note.empty());
}

TEST(AsdasTest, Lukas3dpGivesADifferentValue) {
    const AsdasResult asas = computeAsdasCrp(allFive(), mgPerL(10), kAsas);
    const AsdasResult lukas = computeAsdasCrp(allFive(), mgPerL(10), kLukas);
    EXPECT_NEAR(*lukas.value, (0.121 + 0.058 + 0.110 + 0.073) * 5 + 0.579 * std::log(11.0), kTol);
    EXPECT_EQ(formatFixed(*lukas.value, kAsdasDisplayDecimals), "3.20");
    EXPECT_GT(std::abs(*lukas.value - *asas.value), 1e-3);
    EXPECT_EQ(lukas.settings.coefficients, AsdasCoefficients::Lukas3dp);

    const AsdasInput mixed{8.0, 2.0, 6.0, 3.0};
    const AsdasResult esrAsas = computeAsdasEsr(mixed, 36.0, kAsas);
    const AsdasResult esrLukas = computeAsdasEsr(mixed, 36.0, kLukas);
    EXPECT_NEAR(*esrAsas.value, 0.08 * 8 + 0.07 * 2 + 0.11 * 6 + 0.09 * 3 + 0.29 * 6, kTol);
    EXPECT_NEAR(*esrLukas.value, 0.079 * 8 + 0.069 * 2 + 0.113 * 6 + 0.086 * 3 + 0.293 * 6, kTol);
    EXPECT_EQ(formatFixed(*esrAsas.value, kAsdasDisplayDecimals), "3.45");
    EXPECT_EQ(formatFixed(*esrLukas.value, kAsdasDisplayDecimals), "3.46");
    EXPECT_EQ(esrLukas.settings.coefficients, AsdasCoefficients::Lukas3dp);
}

// --- Coefficients: each weight applies to its own input ------------------------------------------

struct WeightCase {
    AsdasMarker marker;
    AsdasCoefficients set;
    AsdasWeights expected;
};

class AsdasWeightsTable : public ::testing::TestWithParam<WeightCase> {};

TEST_P(AsdasWeightsTable, MatchSpecAndApplyToTheRightInput) {
    const WeightCase& c = GetParam();
    const AsdasWeights w = asdasWeights(c.marker, c.set);
    EXPECT_DOUBLE_EQ(w.backPain, c.expected.backPain);
    EXPECT_DOUBLE_EQ(w.morningStiffnessDuration, c.expected.morningStiffnessDuration);
    EXPECT_DOUBLE_EQ(w.patientGlobal, c.expected.patientGlobal);
    EXPECT_DOUBLE_EQ(w.peripheralPain, c.expected.peripheralPain);
    EXPECT_DOUBLE_EQ(w.marker, c.expected.marker);

    const std::vector<double> weights = {c.expected.backPain, c.expected.morningStiffnessDuration,
                                         c.expected.patientGlobal, c.expected.peripheralPain};
    const AsdasSettings settings{c.set};
    // One input at 10, the others 0: the value is that input's weight x 10 plus the marker term.
    for (int i = 0; i < 4; ++i) {
        AsdasInput input{0.0, 0.0, 0.0, 0.0};
        inputAt(input, i) = 10.0;
        if (c.marker == AsdasMarker::Crp) {
            const AsdasResult r = computeAsdasCrp(input, mgPerL(9.0), settings);
            EXPECT_NEAR(*r.value, weights[i] * 10 + c.expected.marker * std::log(10.0), kTol) << kFields[i];
        } else {
            const AsdasResult r = computeAsdasEsr(input, 49.0, settings);
            EXPECT_NEAR(*r.value, weights[i] * 10 + c.expected.marker * 7.0, kTol) << kFields[i];
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Sets, AsdasWeightsTable,
    ::testing::Values(
        WeightCase{AsdasMarker::Crp, AsdasCoefficients::Asas2dp, {0.12, 0.06, 0.11, 0.07, 0.58}},
        WeightCase{AsdasMarker::Esr, AsdasCoefficients::Asas2dp, {0.08, 0.07, 0.11, 0.09, 0.29}},
        WeightCase{AsdasMarker::Crp, AsdasCoefficients::Lukas3dp, {0.121, 0.058, 0.110, 0.073, 0.579}},
        WeightCase{AsdasMarker::Esr, AsdasCoefficients::Lukas3dp, {0.079, 0.069, 0.113, 0.086, 0.293}}));

// --- CRP floor and units --------------------------------------------------------------------------

TEST(AsdasTest, CrpBelowTwoUsesTwo) {
    const AsdasResult atTwo = computeAsdasCrp(allFive(), mgPerL(2.0), kAsas);
    EXPECT_NEAR(*atTwo.value, 1.8 + 0.58 * std::log(3.0), kTol);
    EXPECT_TRUE(atTwo.note.empty());
    for (double crp : {0.0, 1.0, 1.999}) {
        const AsdasResult r = computeAsdasCrp(allFive(), mgPerL(crp), kAsas);
        EXPECT_NEAR(*r.value, *atTwo.value, kTol) << crp;
        EXPECT_DOUBLE_EQ(*r.crpUsedMgPerL, 2.0);
        EXPECT_EQ(r.note, "CRP " + formatNumber(crp) + " mg/L is below 2 mg/L: 2 mg/L used");
    }
    // Above the floor the value is used as given.
    const AsdasResult above = computeAsdasCrp(allFive(), mgPerL(2.5), kAsas);
    EXPECT_NEAR(*above.value, 1.8 + 0.58 * std::log(3.5), kTol);
    EXPECT_DOUBLE_EQ(*above.crpUsedMgPerL, 2.5);
    EXPECT_TRUE(above.note.empty());
}

TEST(AsdasTest, CrpBelowDetectionLimitUsesTwo) {
    // A limit above 2 mg/L still gives 2 mg/L (docs/methods.md 3).
    const AsdasResult r = computeAsdasCrp(allFive(), CrpMeasurement{5.0, CrpUnit::MgPerL, true}, kAsas);
    EXPECT_NEAR(*r.value, 1.8 + 0.58 * std::log(3.0), kTol);
    EXPECT_DOUBLE_EQ(*r.crpUsedMgPerL, 2.0);
    EXPECT_EQ(r.note, "CRP below the detection limit (5 mg/L): 2 mg/L used");
    const AsdasResult dl = computeAsdasCrp(allFive(), CrpMeasurement{0.3, CrpUnit::MgPerDl, true}, kAsas);
    EXPECT_DOUBLE_EQ(*dl.crpUsedMgPerL, 2.0);
    EXPECT_EQ(dl.note, "CRP below the detection limit (0.3 mg/dL): 2 mg/L used");
}

TEST(AsdasTest, CrpInMgPerDlEqualsTenTimesInMgPerL) {
    for (double dl : {0.5, 1.0, 2.35, 50.0}) {
        const AsdasResult fromDl = computeAsdasCrp(allFive(), mgPerDl(dl), kAsas);
        const AsdasResult fromL = computeAsdasCrp(allFive(), mgPerL(dl * 10), kAsas);
        EXPECT_NEAR(*fromDl.value, *fromL.value, kTol) << dl;
        EXPECT_NEAR(*fromDl.crpUsedMgPerL, dl * 10, kTol);
    }
    EXPECT_NEAR(crpToMgPerL(1.2, CrpUnit::MgPerDl), 12.0, kTol);
    EXPECT_DOUBLE_EQ(crpToMgPerL(1.2, CrpUnit::MgPerL), 1.2);
    // 0.1 mg/dL = 1 mg/L, below the floor.
    const AsdasResult low = computeAsdasCrp(allFive(), mgPerDl(0.1), kAsas);
    EXPECT_DOUBLE_EQ(*low.crpUsedMgPerL, 2.0);
    EXPECT_EQ(low.note, "CRP 0.1 mg/dL (1 mg/L) is below 2 mg/L: 2 mg/L used");
}

TEST(AsdasTest, CrpUnitParserAcceptsExactlyTwoSpellings) {
    EXPECT_EQ(parseCrpUnit("mg/L"), CrpUnit::MgPerL);
    EXPECT_EQ(parseCrpUnit("mg/dL"), CrpUnit::MgPerDl);
    EXPECT_EQ(toString(CrpUnit::MgPerL), "mg/L");
    EXPECT_EQ(toString(CrpUnit::MgPerDl), "mg/dL");
    for (const std::string bad : {"mg/l", "mg/dl", "MG/DL", " mg/L", "mg/L ", "", "mmol/L", "nmol/L", "mg"}) {
        expectValidationError([&bad] { parseCrpUnit(bad); }, {"CRP unit", "mg/L or mg/dL"});
        try {
            parseCrpUnit(bad);
        } catch (const ValidationError& e) {
            ASSERT_EQ(e.problems().size(), 1u);
            EXPECT_EQ(e.problems()[0].field, "CRP unit");
            EXPECT_EQ(e.problems()[0].value, bad);
        }
    }
}

// --- ESR ------------------------------------------------------------------------------------------

TEST(AsdasTest, EsrHasNoFloor) {
    const AsdasInput zero{0.0, 0.0, 0.0, 0.0};
    const std::vector<std::pair<double, double>> table = {
        {0, 0.0}, {1, 0.29}, {4, 0.58}, {200, 0.29 * std::sqrt(200.0)}};
    for (const auto& [esr, expected] : table) {
        const AsdasResult r = computeAsdasEsr(zero, esr, kAsas);
        ASSERT_TRUE(r.value.has_value());
        EXPECT_NEAR(*r.value, expected, kTol) << esr;
        EXPECT_EQ(r.marker, AsdasMarker::Esr);
        EXPECT_FALSE(r.crpUsedMgPerL.has_value());
        EXPECT_TRUE(r.note.empty());
    }
    EXPECT_EQ(computeAsdasEsr(zero, 0.0, kAsas).state, AsdasState::Inactive);
}

// --- States ---------------------------------------------------------------------------------------

TEST(AsdasTest, StatesOnBothSidesOfEachCutOff) {
    const std::vector<std::pair<double, AsdasState>> table = {
        {0.0, AsdasState::Inactive},
        {1.3 - 1e-12, AsdasState::Inactive},
        {1.3, AsdasState::Low},
        {1.3 + 1e-12, AsdasState::Low},
        {2.1 - 1e-12, AsdasState::Low},
        {2.1, AsdasState::High},
        {2.1 + 1e-12, AsdasState::High},
        {3.5 - 1e-12, AsdasState::High},
        {3.5, AsdasState::High},  // 3.5 itself is high
        {3.5 + 1e-12, AsdasState::VeryHigh},
        {8.0, AsdasState::VeryHigh},
    };
    for (const auto& [value, state] : table)
        EXPECT_EQ(classifyAsdas(value), state) << formatNumber(value);
}

TEST(AsdasTest, StatesUseTheUnroundedValue) {
    // These display as the cut-off but lie on the other side of it.
    EXPECT_EQ(formatFixed(1.296, kAsdasDisplayDecimals), "1.30");
    EXPECT_EQ(classifyAsdas(1.296), AsdasState::Inactive);
    EXPECT_EQ(formatFixed(2.096, kAsdasDisplayDecimals), "2.10");
    EXPECT_EQ(classifyAsdas(2.096), AsdasState::Low);
    EXPECT_EQ(formatFixed(3.504, kAsdasDisplayDecimals), "3.50");
    EXPECT_EQ(classifyAsdas(3.504), AsdasState::VeryHigh);
}

TEST(AsdasTest, ComputedResultCarriesItsState) {
    // All zero with CRP at the floor: 0.58 ln 3 = 0.64, inactive.
    EXPECT_EQ(computeAsdasCrp({0.0, 0.0, 0.0, 0.0}, mgPerL(0.0), kAsas).state, AsdasState::Inactive);
    // 0.36 x 3 + 0.58 ln 3 = 1.72, low.
    EXPECT_EQ(computeAsdasCrp({3.0, 3.0, 3.0, 3.0}, mgPerL(1.0), kAsas).state, AsdasState::Low);
    EXPECT_EQ(computeAsdasCrp(allFive(), mgPerL(10.0), kAsas).state, AsdasState::High);
    // 0.36 x 8 + 0.58 ln 41 = 5.03, very high.
    EXPECT_EQ(computeAsdasCrp({8.0, 8.0, 8.0, 8.0}, mgPerL(40.0), kAsas).state, AsdasState::VeryHigh);
}

TEST(AsdasTest, ClassifierRejectsImpossibleValues) {
    for (double bad : {-0.1, kNaN, kInf})
        expectValidationError([bad] { classifyAsdas(bad); }, {"ASDAS", "0 or more"});
}

TEST(AsdasTest, Names) {
    EXPECT_EQ(toString(AsdasState::Inactive), "inactive");
    EXPECT_EQ(toString(AsdasState::Low), "low");
    EXPECT_EQ(toString(AsdasState::High), "high");
    EXPECT_EQ(toString(AsdasState::VeryHigh), "very_high");
    EXPECT_EQ(toString(AsdasMarker::Crp), "crp");
    EXPECT_EQ(toString(AsdasMarker::Esr), "esr");
}

// --- Inputs from BASDAI, missing data, invalid input -----------------------------------------------

TEST(AsdasTest, InputsFromBasdaiAreQ2Q6Q3) {
    const BasdaiInput basdai{1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    const AsdasInput input = asdasInputFromBasdai(basdai, 7.0);
    EXPECT_EQ(input.backPain, 2.0);
    EXPECT_EQ(input.morningStiffnessDuration, 6.0);
    EXPECT_EQ(input.patientGlobal, 7.0);
    EXPECT_EQ(input.peripheralPain, 3.0);
    EXPECT_FALSE(asdasInputFromBasdai(basdai, std::nullopt).patientGlobal.has_value());
}

TEST(AsdasTest, EachMissingInputIsNamed) {
    for (int i = 0; i < 4; ++i) {
        AsdasInput input = allFive();
        inputAt(input, i).reset();
        const AsdasResult crp = computeAsdasCrp(input, mgPerL(10), kAsas);
        EXPECT_FALSE(crp.value.has_value());
        EXPECT_FALSE(crp.state.has_value());
        EXPECT_EQ(crp.reason, "not computable: " + kFields[i] + " missing");
        const AsdasResult esr = computeAsdasEsr(input, 20.0, kAsas);
        EXPECT_FALSE(esr.value.has_value());
        EXPECT_EQ(esr.reason, "not computable: " + kFields[i] + " missing");
    }
    const AsdasResult noCrp = computeAsdasCrp(allFive(), std::nullopt, kLukas);
    EXPECT_FALSE(noCrp.value.has_value());
    EXPECT_FALSE(noCrp.crpUsedMgPerL.has_value());
    EXPECT_EQ(noCrp.reason, "not computable: CRP missing");
    EXPECT_EQ(noCrp.settings.coefficients, AsdasCoefficients::Lukas3dp);
    EXPECT_EQ(computeAsdasEsr(allFive(), std::nullopt, kAsas).reason, "not computable: ESR missing");

    AsdasInput some = allFive();
    some.patientGlobal.reset();
    EXPECT_EQ(computeAsdasCrp(some, std::nullopt, kAsas).reason,
              "not computable: ASDAS patient global, CRP missing");
}

TEST(AsdasTest, EachInputOutsideZeroToTenIsRejectedNamingItsField) {
    for (int i = 0; i < 4; ++i) {
        for (double bad : {-0.1, 10.1, kNaN}) {
            AsdasInput input = allFive();
            inputAt(input, i) = bad;
            expectValidationError([&input] { computeAsdasCrp(input, mgPerL(10), kAsas); },
                                  {kFields[i] + ": " + formatNumber(bad), "0 to 10"});
            expectValidationError([&input] { computeAsdasEsr(input, 10.0, kAsas); },
                                  {kFields[i] + ": " + formatNumber(bad), "0 to 10"});
        }
        for (double edge : {0.0, 10.0}) {
            AsdasInput input = allFive();
            inputAt(input, i) = edge;
            EXPECT_TRUE(validateAsdasCrp(input, mgPerL(10)).ok());
            EXPECT_TRUE(validateAsdasEsr(input, 10.0).ok());
        }
    }
}

TEST(AsdasTest, CrpOutsideHardRangeIsRejected) {
    const std::vector<std::tuple<CrpMeasurement, std::string, std::string>> bad = {
        {mgPerL(-0.1), "CRP: -0.1 mg/L", "(allowed: 0 to 500 mg/L)"},
        {mgPerL(500.1), "CRP: 500.1 mg/L", "(allowed: 0 to 500 mg/L)"},
        {mgPerL(kNaN), "CRP: nan mg/L", "0 to 500 mg/L"},
        {mgPerL(kInf), "CRP: inf mg/L", "0 to 500 mg/L"},
        {mgPerDl(50.01), "CRP: 50.01 mg/dL", "(allowed: 0 to 50 mg/dL (0 to 500 mg/L))"},
        {mgPerDl(-1), "CRP: -1 mg/dL", "0 to 50 mg/dL"},
        {CrpMeasurement{600, CrpUnit::MgPerL, true}, "CRP: 600 mg/L", "0 to 500 mg/L"},
    };
    for (const auto& [crp, valueText, allowedText] : bad)
        expectValidationError([&crp = crp] { computeAsdasCrp(allFive(), crp, kAsas); },
                              {valueText, allowedText});
    for (const CrpMeasurement& ok : {mgPerL(0), mgPerL(500), mgPerDl(0), mgPerDl(50)})
        EXPECT_TRUE(validateAsdasCrp(allFive(), ok).ok());
}

TEST(AsdasTest, EsrOutsideHardRangeIsRejected) {
    for (double bad : {-1.0, 200.1, kNaN, kInf})
        expectValidationError([bad] { computeAsdasEsr(allFive(), bad, kAsas); },
                              {"ESR: " + formatNumber(bad) + " mm/h", "0 to 200 mm/h"});
    EXPECT_TRUE(validateAsdasEsr(allFive(), 0.0).ok());
    EXPECT_TRUE(validateAsdasEsr(allFive(), 200.0).ok());
}

TEST(AsdasTest, AllErrorsAreReportedAtOnce) {
    const AsdasInput input{11.0, 5.0, -2.0, std::nullopt};
    const Validation crp = validateAsdasCrp(input, mgPerDl(60));
    ASSERT_EQ(crp.errors().size(), 3u);
    EXPECT_EQ(crp.errors()[0].field, kFields[0]);
    EXPECT_EQ(crp.errors()[1].field, kFields[2]);
    EXPECT_EQ(crp.errors()[2].field, "CRP");
    EXPECT_EQ(crp.errors()[2].value, "60 mg/dL");
    const Validation esr = validateAsdasEsr(input, 250.0);
    ASSERT_EQ(esr.errors().size(), 3u);
    EXPECT_EQ(esr.errors()[2].field, "ESR");
    expectValidationError([&input] { computeAsdasEsr(input, 250.0, kAsas); },
                          {kFields[0] + ": 11", kFields[2] + ": -2", "ESR: 250 mm/h"});
}

// --- Change between two visits --------------------------------------------------------------------

struct ChangeCase {
    double earlier;
    double later;
    AsdasChangeCategory expected;
    const char* why;
};

class AsdasChangeTable : public ::testing::TestWithParam<ChangeCase> {};

TEST_P(AsdasChangeTable, Category) {
    const ChangeCase& c = GetParam();
    const AsdasChange r = compareAsdas(c.earlier, c.later);
    ASSERT_TRUE(r.change.has_value()) << c.why;
    EXPECT_NEAR(*r.change, c.later - c.earlier, kTol) << c.why;
    EXPECT_EQ(r.category, c.expected) << c.why << ": " << toString(*r.category);
    EXPECT_TRUE(r.reason.empty());
}

constexpr auto kMajor = AsdasChangeCategory::MajorImprovement;
constexpr auto kImproved = AsdasChangeCategory::ClinicallyImportantImprovement;
constexpr auto kNone = AsdasChangeCategory::NoImportantChange;
constexpr auto kWorse = AsdasChangeCategory::ClinicallyImportantWorsening;

INSTANTIATE_TEST_SUITE_P(
    Cases, AsdasChangeTable,
    ::testing::Values(ChangeCase{4.0, 2.0, kMajor, "decrease 2.0"},
                      ChangeCase{5.0, 1.0, kMajor, "decrease 4.0"},
                      ChangeCase{3.11, 1.11, kMajor, "decrease 1.9999999999999998 in binary counts as 2.0"},
                      ChangeCase{4.0, 2.0 + 1e-6, kImproved, "decrease just under 2.0"},
                      ChangeCase{4.0, 2.9, kImproved, "decrease 1.1"},
                      ChangeCase{5.1, 4.0, kImproved, "decrease 1.0999999999999996 in binary counts as 1.1"},
                      ChangeCase{4.0, 2.9 + 1e-6, kNone, "decrease just under 1.1"},
                      ChangeCase{4.0, 2.95, kNone, "decrease 1.05"}, ChangeCase{2.0, 2.0, kNone, "no change"},
                      ChangeCase{2.0, 2.9 - 1e-6, kNone, "increase just under 0.9"},
                      ChangeCase{2.0, 2.9, kWorse, "increase 0.9"},
                      ChangeCase{0.26, 1.16, kWorse, "increase 0.8999999999999999 in binary counts as 0.9"},
                      ChangeCase{1.0, 4.0, kWorse, "increase 3.0"}));

TEST(AsdasTest, ChangeWithAMissingVisitIsNotComputable) {
    const std::vector<std::tuple<std::optional<double>, std::optional<double>, std::string>> table = {
        {std::nullopt, 3.0, "not computable: earlier ASDAS missing"},
        {3.0, std::nullopt, "not computable: later ASDAS missing"},
        {std::nullopt, std::nullopt, "not computable: earlier ASDAS, later ASDAS missing"},
    };
    for (const auto& [earlier, later, reason] : table) {
        const AsdasChange r = compareAsdas(earlier, later);
        EXPECT_FALSE(r.change.has_value());
        EXPECT_FALSE(r.category.has_value());
        EXPECT_EQ(r.reason, reason);
    }
}

TEST(AsdasTest, ChangeRejectsImpossibleValues) {
    expectValidationError([] { compareAsdas(-1.0, kNaN); },
                          {"earlier ASDAS: -1", "later ASDAS: nan", "0 or more"});
    expectValidationError([] { compareAsdas(2.0, kInf); }, {"later ASDAS: inf"});
    EXPECT_EQ(validateAsdasChange(-1.0, -2.0).errors().size(), 2u);
    EXPECT_TRUE(validateAsdasChange(0.0, 9.0).ok());
}

TEST(AsdasTest, ChangeCategoryNames) {
    EXPECT_EQ(toString(AsdasChangeCategory::MajorImprovement), "major_improvement");
    EXPECT_EQ(toString(AsdasChangeCategory::ClinicallyImportantImprovement),
              "clinically_important_improvement");
    EXPECT_EQ(toString(AsdasChangeCategory::NoImportantChange), "no_important_change");
    EXPECT_EQ(toString(AsdasChangeCategory::ClinicallyImportantWorsening), "clinically_important_worsening");
}

// docs/methods.md 3: state names of the 2018 update and the change categories, in words.
TEST(AsdasLabel, StatesAndChangeCategoriesHaveReadableLabels) {
    EXPECT_EQ(label(AsdasState::Inactive), "inactive disease");
    EXPECT_EQ(label(AsdasState::Low), "low disease activity");
    EXPECT_EQ(label(AsdasState::High), "high disease activity");
    EXPECT_EQ(label(AsdasState::VeryHigh), "very high disease activity");
    EXPECT_EQ(shortLabel(AsdasState::Inactive), "inactive");
    EXPECT_EQ(shortLabel(AsdasState::Low), "low");
    EXPECT_EQ(shortLabel(AsdasState::High), "high");
    EXPECT_EQ(shortLabel(AsdasState::VeryHigh), "very high");
    const std::pair<AsdasChangeCategory, const char*> table[] = {
        {AsdasChangeCategory::MajorImprovement, "major improvement"},
        {AsdasChangeCategory::ClinicallyImportantImprovement, "clinically important improvement"},
        {AsdasChangeCategory::NoImportantChange, "no clinically important change"},
        {AsdasChangeCategory::ClinicallyImportantWorsening, "clinically important worsening"}};
    for (const auto& [category, text] : table)
        EXPECT_EQ(label(category), text) << toString(category);
}

}  // namespace
}  // namespace ankylos::core
