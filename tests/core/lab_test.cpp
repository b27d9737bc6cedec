// docs/methods.md 6: laboratory values: units and conversions, hard and soft ranges, reference
// ranges, assay changes. Converted values are compared with a relative tolerance of 1e-12.
#include "core/lab.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace ankylos::core {
namespace {

using boost::gregorian::days;

const Date kSampleDate(2021, 6, 1);
const Date kBirth60(1961, 6, 1);  // 60th birthday on kSampleDate

LabValue labValue(Analyte analyte, double value, std::string unit, std::string assay = "") {
    LabValue lab;
    lab.analyte = analyte;
    lab.value = value;
    lab.unit = std::move(unit);
    lab.sampleDate = kSampleDate;
    lab.assay = std::move(assay);
    lab.sampleType = SampleType::Serum;
    lab.laboratory = "Central lab";
    return lab;
}

// ---------------------------------------------------------------------------------------------
// Names

TEST(LabNames, AnalytesAndSampleTypesUseTheSpecNames) {
    const std::vector<std::pair<Analyte, std::string>> names = {{Analyte::Crp, "CRP"},
                                                                {Analyte::Esr, "ESR"},
                                                                {Analyte::Mmp3, "MMP-3"},
                                                                {Analyte::Dkk1, "DKK-1"},
                                                                {Analyte::Sclerostin, "sclerostin"}};
    ASSERT_EQ(allAnalytes().size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(allAnalytes()[i], names[i].first);
        EXPECT_EQ(toString(names[i].first), names[i].second);
        EXPECT_EQ(parseAnalyte(names[i].second), names[i].first);
    }
    for (const std::string text : {"crp", "MMP3", "DKK1", "Sclerostin", ""})
        EXPECT_THROW(parseAnalyte(text), ValidationError) << text;

    EXPECT_EQ(toString(SampleType::Serum), "serum");
    EXPECT_EQ(toString(SampleType::Plasma), "plasma");
    EXPECT_EQ(parseSampleType("plasma"), SampleType::Plasma);
    EXPECT_THROW(parseSampleType("whole blood"), ValidationError);
}

// ---------------------------------------------------------------------------------------------
// Units and conversions

TEST(LabUnits, CanonicalAndAcceptedUnitsPerAnalyte) {
    EXPECT_EQ(canonicalUnit(Analyte::Crp), "mg/L");
    EXPECT_EQ(canonicalUnit(Analyte::Esr), "mm/h");
    EXPECT_EQ(canonicalUnit(Analyte::Mmp3), "ng/mL");
    EXPECT_EQ(canonicalUnit(Analyte::Dkk1), "pg/mL");
    EXPECT_EQ(canonicalUnit(Analyte::Sclerostin), "pmol/L");
    EXPECT_EQ(acceptedUnitsText(Analyte::Crp), "mg/L or mg/dL");
    EXPECT_EQ(acceptedUnitsText(Analyte::Esr), "mm/h");
    EXPECT_EQ(acceptedUnitsText(Analyte::Mmp3), "ng/mL, ug/L or \u00b5g/L");
    EXPECT_EQ(acceptedUnitsText(Analyte::Dkk1), "pg/mL or ng/mL");
    EXPECT_EQ(acceptedUnitsText(Analyte::Sclerostin), "pmol/L, ng/mL or pg/mL");
    EXPECT_EQ(acceptedUnits(Analyte::Mmp3).size(), 4u);
}

struct ConversionCase {
    Analyte analyte;
    double value;
    const char* unit;
    double canonical;
};

class LabConversion : public ::testing::TestWithParam<ConversionCase> {};

TEST_P(LabConversion, ToTheCanonicalUnit) {
    const ConversionCase c = GetParam();
    const double converted = toCanonicalUnit(c.analyte, c.value, c.unit);
    EXPECT_NEAR(converted, c.canonical, 1e-12 * std::fabs(c.canonical))
        << toString(c.analyte) << " " << c.unit;
    EXPECT_NEAR(canonicalValue(labValue(c.analyte, c.value, c.unit)), c.canonical,
                1e-12 * std::fabs(c.canonical));
}

INSTANTIATE_TEST_SUITE_P(
    SpecTable, LabConversion,
    ::testing::Values(ConversionCase{Analyte::Crp, 3.2, "mg/L", 3.2},
                      ConversionCase{Analyte::Crp, 1.0, "mg/dL", 10.0},  // 1 mg/dL = 10 mg/L
                      ConversionCase{Analyte::Crp, 0.35, "mg/dL", 3.5},
                      ConversionCase{Analyte::Esr, 24, "mm/h", 24},
                      ConversionCase{Analyte::Mmp3, 80, "ng/mL", 80},
                      ConversionCase{Analyte::Mmp3, 80, "ug/L", 80},
                      ConversionCase{Analyte::Mmp3, 80, "\u00b5g/L", 80},  // micro sign
                      ConversionCase{Analyte::Mmp3, 80, "\u03bcg/L", 80},  // Greek mu
                      ConversionCase{Analyte::Dkk1, 1500, "pg/mL", 1500},
                      ConversionCase{Analyte::Dkk1, 1.5, "ng/mL", 1500},  // 1 ng/mL = 1000 pg/mL
                      ConversionCase{Analyte::Sclerostin, 40, "pmol/L", 40},
                      ConversionCase{Analyte::Sclerostin, 1, "ng/mL", 44.4},  // 1 ng/mL = 44.4 pmol/L
                      ConversionCase{Analyte::Sclerostin, 1000, "pg/mL", 44.4},
                      ConversionCase{Analyte::Sclerostin, 1, "pg/mL", 0.0444}));

struct BadUnitCase {
    Analyte analyte;
    const char* unit;
    const char* accepted;
};

class LabUnitRejected : public ::testing::TestWithParam<BadUnitCase> {};

TEST_P(LabUnitRejected, NamingTheAnalyteTheUnitAndTheAcceptedUnits) {
    const BadUnitCase c = GetParam();
    const LabValue lab = labValue(c.analyte, 5, c.unit);
    const Validation v = validateLabValue(lab);
    ASSERT_EQ(v.problems().size(), 1u);
    const Problem p = v.errors().at(0);
    EXPECT_EQ(p.field, toString(c.analyte) + " unit");
    EXPECT_EQ(p.value, c.unit);
    EXPECT_EQ(p.allowed, c.accepted);
    EXPECT_THROW(canonicalValue(lab), ValidationError);
    EXPECT_THROW(toCanonicalUnit(c.analyte, 5, c.unit), ValidationError);
    EXPECT_FALSE(unitFactor(c.analyte, c.unit).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Units, LabUnitRejected,
    ::testing::Values(BadUnitCase{Analyte::Crp, "", "mg/L or mg/dL"},  // a number without a unit
                      BadUnitCase{Analyte::Crp, "mg/l", "mg/L or mg/dL"},
                      BadUnitCase{Analyte::Crp, "nmol/L", "mg/L or mg/dL"},
                      BadUnitCase{Analyte::Esr, "", "mm/h"}, BadUnitCase{Analyte::Esr, "mm/hr", "mm/h"},
                      BadUnitCase{Analyte::Mmp3, "pg/mL", "ng/mL, ug/L or \u00b5g/L"},
                      BadUnitCase{Analyte::Mmp3, "", "ng/mL, ug/L or \u00b5g/L"},
                      BadUnitCase{Analyte::Dkk1, "pmol/L", "pg/mL or ng/mL"},  // no molar conversion
                      BadUnitCase{Analyte::Dkk1, "", "pg/mL or ng/mL"},
                      BadUnitCase{Analyte::Sclerostin, "ng/L", "pmol/L, ng/mL or pg/mL"},
                      BadUnitCase{Analyte::Sclerostin, "", "pmol/L, ng/mL or pg/mL"}));

TEST(LabUnits, MissingUnitMessage) {
    const Validation v = validateLabValue(labValue(Analyte::Crp, 5, ""));
    EXPECT_EQ(v.errors().at(0).message(), "CRP unit: (empty) is not allowed (allowed: mg/L or mg/dL)");
}

// ---------------------------------------------------------------------------------------------
// Hard (reject) and soft (confirm) ranges, each boundary from both sides and in each unit.

struct RangeCase {
    Analyte analyte;
    double value;
    const char* unit;
    bool error;
    bool warning;
};

class LabRange : public ::testing::TestWithParam<RangeCase> {};

TEST_P(LabRange, HardAndSoftLimits) {
    const RangeCase c = GetParam();
    const Validation v = validateLabValue(labValue(c.analyte, c.value, c.unit));
    EXPECT_EQ(v.hasErrors(), c.error) << toString(c.analyte) << " " << c.value << " " << c.unit;
    EXPECT_EQ(v.hasWarnings(), c.warning) << toString(c.analyte) << " " << c.value << " " << c.unit;
    if (c.error)
        EXPECT_THROW(canonicalValue(labValue(c.analyte, c.value, c.unit)), ValidationError);
    else
        EXPECT_NO_THROW(canonicalValue(labValue(c.analyte, c.value, c.unit)));  // warnings never throw
}

INSTANTIATE_TEST_SUITE_P(Crp, LabRange,
                         ::testing::Values(RangeCase{Analyte::Crp, 0, "mg/L", false, false},
                                           RangeCase{Analyte::Crp, -0.01, "mg/L", true, false},
                                           RangeCase{Analyte::Crp, 200, "mg/L", false, false},
                                           RangeCase{Analyte::Crp, 200.01, "mg/L", false, true},
                                           RangeCase{Analyte::Crp, 500, "mg/L", false, true},
                                           RangeCase{Analyte::Crp, 500.01, "mg/L", true, false},
                                           RangeCase{Analyte::Crp, 0, "mg/dL", false, false},
                                           RangeCase{Analyte::Crp, -0.001, "mg/dL", true, false},
                                           RangeCase{Analyte::Crp, 20, "mg/dL", false, false},
                                           RangeCase{Analyte::Crp, 20.001, "mg/dL", false, true},
                                           RangeCase{Analyte::Crp, 50, "mg/dL", false, true},
                                           RangeCase{Analyte::Crp, 50.001, "mg/dL", true, false},
                                           RangeCase{Analyte::Crp, std::nan(""), "mg/L", true, false}));

INSTANTIATE_TEST_SUITE_P(Esr, LabRange,
                         ::testing::Values(RangeCase{Analyte::Esr, 0, "mm/h", false, false},
                                           RangeCase{Analyte::Esr, -1, "mm/h", true, false},
                                           RangeCase{Analyte::Esr, 130, "mm/h", false, false},
                                           RangeCase{Analyte::Esr, 131, "mm/h", false, true},
                                           RangeCase{Analyte::Esr, 200, "mm/h", false, true},
                                           RangeCase{Analyte::Esr, 201, "mm/h", true, false}));

INSTANTIATE_TEST_SUITE_P(Mmp3, LabRange,
                         ::testing::Values(RangeCase{Analyte::Mmp3, 0, "ng/mL", false, false},
                                           RangeCase{Analyte::Mmp3, -0.1, "ng/mL", true, false},
                                           RangeCase{Analyte::Mmp3, 1000, "ng/mL", false, false},
                                           RangeCase{Analyte::Mmp3, 1000.1, "ng/mL", false, true},
                                           RangeCase{Analyte::Mmp3, 5000, "ng/mL", false, true},
                                           RangeCase{Analyte::Mmp3, 5000.1, "ng/mL", true, false},
                                           RangeCase{Analyte::Mmp3, 1000.1, "ug/L", false, true},
                                           RangeCase{Analyte::Mmp3, 5000.1, "\u00b5g/L", true, false}));

INSTANTIATE_TEST_SUITE_P(Dkk1, LabRange,
                         ::testing::Values(RangeCase{Analyte::Dkk1, 0, "pg/mL", false, false},
                                           RangeCase{Analyte::Dkk1, -1, "pg/mL", true, false},
                                           RangeCase{Analyte::Dkk1, 10000, "pg/mL", false, false},
                                           RangeCase{Analyte::Dkk1, 10001, "pg/mL", false, true},
                                           RangeCase{Analyte::Dkk1, 50000, "pg/mL", false, true},
                                           RangeCase{Analyte::Dkk1, 50001, "pg/mL", true, false},
                                           RangeCase{Analyte::Dkk1, 10, "ng/mL", false, false},
                                           RangeCase{Analyte::Dkk1, 10.001, "ng/mL", false, true},
                                           RangeCase{Analyte::Dkk1, 50, "ng/mL", false, true},
                                           RangeCase{Analyte::Dkk1, 50.001, "ng/mL", true, false}));

// Sclerostin in ng/mL and pg/mL: the boundaries (1000 and 250 pmol/L) are not whole numbers in
// these units, so the cases sit just either side: 22.52 ng/mL = 999.888 pmol/L, 22.53 = 1000.332;
// 5.63 ng/mL = 249.972, 5.631 = 250.0164; 22522 pg/mL = 999.9768, 22523 = 1000.0212;
// 5630 pg/mL = 249.972, 5631 = 250.0164.
INSTANTIATE_TEST_SUITE_P(Sclerostin, LabRange,
                         ::testing::Values(RangeCase{Analyte::Sclerostin, 0, "pmol/L", false, false},
                                           RangeCase{Analyte::Sclerostin, -0.1, "pmol/L", true, false},
                                           RangeCase{Analyte::Sclerostin, 250, "pmol/L", false, false},
                                           RangeCase{Analyte::Sclerostin, 250.1, "pmol/L", false, true},
                                           RangeCase{Analyte::Sclerostin, 1000, "pmol/L", false, true},
                                           RangeCase{Analyte::Sclerostin, 1000.1, "pmol/L", true, false},
                                           RangeCase{Analyte::Sclerostin, 5.63, "ng/mL", false, false},
                                           RangeCase{Analyte::Sclerostin, 5.631, "ng/mL", false, true},
                                           RangeCase{Analyte::Sclerostin, 22.52, "ng/mL", false, true},
                                           RangeCase{Analyte::Sclerostin, 22.53, "ng/mL", true, false},
                                           RangeCase{Analyte::Sclerostin, 5630, "pg/mL", false, false},
                                           RangeCase{Analyte::Sclerostin, 5631, "pg/mL", false, true},
                                           RangeCase{Analyte::Sclerostin, 22522, "pg/mL", false, true},
                                           RangeCase{Analyte::Sclerostin, 22523, "pg/mL", true, false}));

TEST(LabRangeMessages, ShowTheValueAsEnteredAndTheRangeInTheCanonicalUnit) {
    const Validation hard = validateLabValue(labValue(Analyte::Crp, 60, "mg/dL"));
    ASSERT_EQ(hard.errors().size(), 1u);
    EXPECT_EQ(hard.errors()[0].message(),
              "CRP: 60 mg/dL (= 600 mg/L) is not allowed (allowed: 0 to 500 mg/L)");

    const Validation soft = validateLabValue(labValue(Analyte::Crp, 250, "mg/L"));
    ASSERT_EQ(soft.warnings().size(), 1u);
    EXPECT_EQ(soft.warnings()[0].message(), "CRP: 250 mg/L is unusual (expected at most 200 mg/L)");

    const Validation sclerostin = validateLabValue(labValue(Analyte::Sclerostin, 6, "ng/mL"));
    ASSERT_EQ(sclerostin.warnings().size(), 1u);
    EXPECT_EQ(sclerostin.warnings()[0].message(),
              "sclerostin: 6 ng/mL (= 266.4 pmol/L) is unusual (expected at most 250 pmol/L)");
}

// ---------------------------------------------------------------------------------------------
// Below the detection limit

LabValue belowLimit(Analyte analyte, double value, std::string unit, std::optional<double> limit,
                    std::string assay = "") {
    LabValue lab = labValue(analyte, value, std::move(unit), std::move(assay));
    lab.belowDetectionLimit = true;
    lab.detectionLimit = limit;
    return lab;
}

TEST(LabDetectionLimit, FlagNeedsAPositiveLimitNotBelowTheValue) {
    EXPECT_TRUE(validateLabValue(belowLimit(Analyte::Crp, 0.3, "mg/L", 0.3)).ok());
    EXPECT_TRUE(validateLabValue(belowLimit(Analyte::Crp, 0, "mg/L", 0.3)).ok());
    EXPECT_EQ(validateLabValue(belowLimit(Analyte::Crp, 0.3, "mg/L", std::nullopt)).errors().at(0).field,
              "CRP detection limit");
    EXPECT_EQ(validateLabValue(belowLimit(Analyte::Crp, 0, "mg/L", 0)).errors().at(0).field,
              "CRP detection limit");
    EXPECT_EQ(validateLabValue(belowLimit(Analyte::Crp, 0.4, "mg/L", 0.3)).errors().at(0).field, "CRP");
    // 60 mg/dL = 600 mg/L: beyond the hard range even as a limit.
    EXPECT_FALSE(validateLabValue(belowLimit(Analyte::Crp, 0, "mg/dL", 60)).ok());
    // A limit recorded without the flag is fine.
    LabValue lab = labValue(Analyte::Crp, 4, "mg/L");
    lab.detectionLimit = 0.3;
    EXPECT_TRUE(validateLabValue(lab).ok());
}

TEST(LabValidation, SampleDateNotInTheFutureNorBeforeBirth) {
    const LabValue lab = labValue(Analyte::Esr, 10, "mm/h");
    EXPECT_TRUE(validateLabValue(lab, kBirth60, kSampleDate).ok());
    EXPECT_EQ(validateLabValue(lab, kBirth60, kSampleDate - days(1)).errors().at(0).field, "ESR sample date");
    EXPECT_FALSE(validateLabValue(lab, kSampleDate + days(1), kSampleDate + days(2)).ok());
}

// ---------------------------------------------------------------------------------------------
// Reference ranges

struct ReferenceCase {
    const char* name;
    LabValue value;
    Sex sex;
    Date birth;
    ReferenceFlag expected;
};

class LabReferenceDefaults : public ::testing::TestWithParam<ReferenceCase> {};

TEST_P(LabReferenceDefaults, Flag) {
    const ReferenceCase c = GetParam();
    const ReferenceAssessment r = assessReference(c.value, c.sex, c.birth, defaultReferenceRanges());
    EXPECT_EQ(toString(r.flag), toString(c.expected)) << c.name << " " << r.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Spec, LabReferenceDefaults,
    ::testing::Values(
        // MMP-3: men 36.9-121.0 ng/mL, women 17.3-59.7 ng/mL (limits inclusive).
        ReferenceCase{"MMP-3 man 36.8", labValue(Analyte::Mmp3, 36.8, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::Low},
        ReferenceCase{"MMP-3 man 36.9", labValue(Analyte::Mmp3, 36.9, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 man 121.0", labValue(Analyte::Mmp3, 121.0, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 man 121.1", labValue(Analyte::Mmp3, 121.1, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::High},
        ReferenceCase{"MMP-3 woman 17.2", labValue(Analyte::Mmp3, 17.2, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::Low},
        ReferenceCase{"MMP-3 woman 17.3", labValue(Analyte::Mmp3, 17.3, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 woman 59.7", labValue(Analyte::Mmp3, 59.7, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 woman 59.8", labValue(Analyte::Mmp3, 59.8, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::High},
        // The same 30 ng/mL is low for a man and within for a woman; 100 the other way round.
        ReferenceCase{"MMP-3 man 30", labValue(Analyte::Mmp3, 30, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::Low},
        ReferenceCase{"MMP-3 woman 30", labValue(Analyte::Mmp3, 30, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 man 100", labValue(Analyte::Mmp3, 100, "ng/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"MMP-3 woman 100", labValue(Analyte::Mmp3, 100, "ng/mL"), Sex::Female, kBirth60,
                      ReferenceFlag::High},
        // CRP upper limit 5 mg/L, either sex; mg/dL converts first.
        ReferenceCase{"CRP 0", labValue(Analyte::Crp, 0, "mg/L"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"CRP 5", labValue(Analyte::Crp, 5, "mg/L"), Sex::Male, kBirth60, ReferenceFlag::Within},
        ReferenceCase{"CRP 5.01", labValue(Analyte::Crp, 5.01, "mg/L"), Sex::Female, kBirth60,
                      ReferenceFlag::High},
        ReferenceCase{"CRP 0.5 mg/dL", labValue(Analyte::Crp, 0.5, "mg/dL"), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"CRP 0.51 mg/dL", labValue(Analyte::Crp, 0.51, "mg/dL"), Sex::Male, kBirth60,
                      ReferenceFlag::High},
        // ESR: age/2 for a man (60 -> 30), (age+10)/2 for a woman (60 -> 35).
        ReferenceCase{"ESR man 60, 30", labValue(Analyte::Esr, 30, "mm/h"), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"ESR man 60, 31", labValue(Analyte::Esr, 31, "mm/h"), Sex::Male, kBirth60,
                      ReferenceFlag::High},
        ReferenceCase{"ESR woman 60, 35", labValue(Analyte::Esr, 35, "mm/h"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"ESR woman 60, 36", labValue(Analyte::Esr, 36, "mm/h"), Sex::Female, kBirth60,
                      ReferenceFlag::High},
        ReferenceCase{"ESR 0", labValue(Analyte::Esr, 0, "mm/h"), Sex::Female, kBirth60,
                      ReferenceFlag::Within},
        // Age at the sample date: the day before his 60th birthday he is 59, limit 29.5.
        ReferenceCase{"ESR man 59, 30", labValue(Analyte::Esr, 30, "mm/h"), Sex::Male, kBirth60 + days(1),
                      ReferenceFlag::High},
        ReferenceCase{"ESR man 59, 29.5", labValue(Analyte::Esr, 29.5, "mm/h"), Sex::Male, kBirth60 + days(1),
                      ReferenceFlag::Within},
        // No default range.
        ReferenceCase{"DKK-1", labValue(Analyte::Dkk1, 2000, "pg/mL"), Sex::Male, kBirth60,
                      ReferenceFlag::NoReferenceRange},
        ReferenceCase{"sclerostin", labValue(Analyte::Sclerostin, 40, "pmol/L"), Sex::Female, kBirth60,
                      ReferenceFlag::NoReferenceRange},
        // Below the detection limit: only "below the limit" is known.
        ReferenceCase{"MMP-3 man < 10", belowLimit(Analyte::Mmp3, 10, "ng/mL", 10), Sex::Male, kBirth60,
                      ReferenceFlag::Low},
        ReferenceCase{"MMP-3 man < 36.9", belowLimit(Analyte::Mmp3, 36.9, "ng/mL", 36.9), Sex::Male, kBirth60,
                      ReferenceFlag::Low},
        ReferenceCase{"MMP-3 man < 40", belowLimit(Analyte::Mmp3, 40, "ng/mL", 40), Sex::Male, kBirth60,
                      ReferenceFlag::Indeterminate},
        ReferenceCase{"CRP < 0.3", belowLimit(Analyte::Crp, 0.3, "mg/L", 0.3), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"CRP < 0.5 mg/dL", belowLimit(Analyte::Crp, 0.5, "mg/dL", 0.5), Sex::Male, kBirth60,
                      ReferenceFlag::Within},
        ReferenceCase{"CRP < 10", belowLimit(Analyte::Crp, 10, "mg/L", 10), Sex::Male, kBirth60,
                      ReferenceFlag::Indeterminate}));

TEST(LabReference, EsrAssessmentReportsTheAgeAndTheLimitUsed) {
    const ReferenceAssessment man =
        assessReference(labValue(Analyte::Esr, 20, "mm/h"), Sex::Male, kBirth60, defaultReferenceRanges());
    EXPECT_EQ(man.age, 60);
    EXPECT_EQ(man.upper, 30.0);
    EXPECT_FALSE(man.lower.has_value());
    const ReferenceAssessment woman =
        assessReference(labValue(Analyte::Esr, 20, "mm/h"), Sex::Female, kBirth60, defaultReferenceRanges());
    EXPECT_EQ(woman.upper, 35.0);
    EXPECT_EQ(woman.unit, "mm/h");
}

TEST(LabReference, DefaultsAreValid) {
    EXPECT_TRUE(validateReferenceRanges(defaultReferenceRanges()).ok());
}

TEST(LabReference, AssaySpecificRangeTakesPrecedenceOverTheGenericOne) {
    const ReferenceRange generic{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, 5.0};
    const ReferenceRange hs{Analyte::Crp,         std::nullopt, "hsCRP Roche",
                            ReferenceRule::Fixed, std::nullopt, 3.0};
    for (const auto& ranges :
         {std::vector<ReferenceRange>{generic, hs}, std::vector<ReferenceRange>{hs, generic}}) {
        EXPECT_EQ(
            assessReference(labValue(Analyte::Crp, 4, "mg/L", "hsCRP Roche"), Sex::Male, kBirth60, ranges)
                .flag,
            ReferenceFlag::High);
        EXPECT_EQ(
            assessReference(labValue(Analyte::Crp, 4, "mg/L", "Other kit"), Sex::Male, kBirth60, ranges).flag,
            ReferenceFlag::Within);
        EXPECT_EQ(assessReference(labValue(Analyte::Crp, 4, "mg/L"), Sex::Male, kBirth60, ranges).flag,
                  ReferenceFlag::Within);
    }
}

TEST(LabReference, ConvertedValuesAreComparedWithTheTolerance) {
    // 0.33 mg/dL is 3.3000000000000003 mg/L in doubles: at an upper limit of 3.3 it is within.
    const std::vector<ReferenceRange> ranges = {
        {Analyte::Crp, std::nullopt, "hsCRP", ReferenceRule::Fixed, std::nullopt, 3.3}};
    EXPECT_EQ(
        assessReference(labValue(Analyte::Crp, 0.33, "mg/dL", "hsCRP"), Sex::Male, kBirth60, ranges).flag,
        ReferenceFlag::Within);
    EXPECT_EQ(
        assessReference(labValue(Analyte::Crp, 0.331, "mg/dL", "hsCRP"), Sex::Male, kBirth60, ranges).flag,
        ReferenceFlag::High);
}

TEST(LabReference, LookupRanksAssayThenSex) {
    const ReferenceRange genericMen{Analyte::Mmp3, Sex::Male, "", ReferenceRule::Fixed, 36.9, 121.0};
    const ReferenceRange assayAny{Analyte::Mmp3, std::nullopt, "Kit A", ReferenceRule::Fixed, 20.0, 100.0};
    const ReferenceRange assayMen{Analyte::Mmp3, Sex::Male, "Kit A", ReferenceRule::Fixed, 30.0, 110.0};
    const ReferenceRange assayWomen{Analyte::Mmp3, Sex::Female, "Kit A", ReferenceRule::Fixed, 10.0, 50.0};
    const std::vector<ReferenceRange> ranges = {genericMen, assayAny, assayMen, assayWomen};

    auto upperFor = [&](Sex sex, const std::string& assay) {
        const auto found = findReferenceRange(ranges, Analyte::Mmp3, sex, assay);
        return found ? found->upper : std::nullopt;
    };
    EXPECT_EQ(upperFor(Sex::Male, "Kit A"), 110.0);           // assay and sex
    EXPECT_EQ(upperFor(Sex::Female, "Kit A"), 50.0);          // assay and sex
    EXPECT_EQ(upperFor(Sex::Male, "Kit B"), 121.0);           // generic, sex
    EXPECT_EQ(upperFor(Sex::Female, "Kit B"), std::nullopt);  // the men's generic range never applies
    // Assay-specific for either sex beats generic for this sex.
    EXPECT_EQ(findReferenceRange({genericMen, assayAny}, Analyte::Mmp3, Sex::Male, "Kit A")->upper, 100.0);
    EXPECT_FALSE(findReferenceRange(ranges, Analyte::Crp, Sex::Male, "Kit A").has_value());
}

TEST(LabReference, NoRangeForTheOtherSexMeansNoReferenceRange) {
    const std::vector<ReferenceRange> menOnly = {
        {Analyte::Mmp3, Sex::Male, "", ReferenceRule::Fixed, 36.9, 121.0}};
    const ReferenceAssessment r =
        assessReference(labValue(Analyte::Mmp3, 40, "ng/mL"), Sex::Female, kBirth60, menOnly);
    EXPECT_EQ(r.flag, ReferenceFlag::NoReferenceRange);
    EXPECT_FALSE(r.reason.empty());
}

TEST(LabReference, RangeListProblems) {
    auto errorsOf = [](std::vector<ReferenceRange> ranges) {
        return validateReferenceRanges(ranges).errors().size();
    };
    EXPECT_EQ(errorsOf({{Analyte::Mmp3, Sex::Male, "", ReferenceRule::Fixed, 121.0, 36.9}}),
              1u);  // lower > upper
    EXPECT_EQ(errorsOf({{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, std::nullopt}}),
              1u);
    EXPECT_EQ(errorsOf({{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, -1.0, 5.0}}), 1u);
    EXPECT_EQ(errorsOf({{Analyte::Crp, std::nullopt, "", ReferenceRule::EsrAge, std::nullopt, std::nullopt}}),
              1u);
    EXPECT_EQ(errorsOf({{Analyte::Esr, std::nullopt, "", ReferenceRule::EsrAge, std::nullopt, 20.0}}), 1u);
    EXPECT_EQ(errorsOf({{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, 5.0},
                        {Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, 6.0}}),
              1u);  // twice the same analyte, sex and assay
    EXPECT_EQ(errorsOf({{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, 5.0},
                        {Analyte::Crp, Sex::Male, "", ReferenceRule::Fixed, std::nullopt, 6.0}}),
              0u);
    EXPECT_THROW(assessReference(labValue(Analyte::Crp, 4, "mg/L"), Sex::Male, kBirth60,
                                 {{Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, 6.0, 5.0}}),
                 ValidationError);
}

TEST(LabReference, RejectsBadValuesAndSamplesBeforeBirth) {
    EXPECT_THROW(
        assessReference(labValue(Analyte::Crp, 4, ""), Sex::Male, kBirth60, defaultReferenceRanges()),
        ValidationError);
    EXPECT_THROW(assessReference(labValue(Analyte::Crp, 4, "mg/L"), Sex::Male, kSampleDate + days(1),
                                 defaultReferenceRanges()),
                 ValidationError);
}

// ---------------------------------------------------------------------------------------------
// Assay changes

TEST(LabAssay, ChangeIsMarkedWhenTheAssaysDiffer) {
    EXPECT_FALSE(assaysDiffer(labValue(Analyte::Dkk1, 1, "ng/mL", "Biomedica"),
                              labValue(Analyte::Dkk1, 900, "pg/mL", "Biomedica")));
    EXPECT_TRUE(assaysDiffer(labValue(Analyte::Dkk1, 1, "ng/mL", "Biomedica"),
                             labValue(Analyte::Dkk1, 1, "ng/mL", "R&D Quantikine")));
    EXPECT_TRUE(assaysDiffer(labValue(Analyte::Crp, 1, "mg/L", "X"), labValue(Analyte::Esr, 1, "mm/h", "X")));
    EXPECT_TRUE(assaysDiffer(labValue(Analyte::Crp, 1, "mg/L", ""), labValue(Analyte::Esr, 1, "mm/h", "")));
}

TEST(LabAssay, AnAssayNotRecordedIsNotAChange) {
    // An empty assay says nothing about the assay: a chart must not mark "values not comparable".
    EXPECT_FALSE(
        assaysDiffer(labValue(Analyte::Crp, 1, "mg/L", ""), labValue(Analyte::Crp, 1, "mg/L", "Roche")));
    EXPECT_FALSE(
        assaysDiffer(labValue(Analyte::Crp, 1, "mg/L", "Roche"), labValue(Analyte::Crp, 1, "mg/L", "")));
    EXPECT_FALSE(assaysDiffer(labValue(Analyte::Crp, 1, "mg/L", ""), labValue(Analyte::Crp, 1, "mg/L", "")));
}

// Clinical text never shows internal names (no underscores): docs/methods.md 6 flags.
TEST(LabLabel, EveryReferenceFlagHasAReadableLabel) {
    const std::pair<ReferenceFlag, const char*> table[] = {
        {ReferenceFlag::Low, "low"},
        {ReferenceFlag::Within, "within range"},
        {ReferenceFlag::High, "high"},
        {ReferenceFlag::Indeterminate, "indeterminate"},
        {ReferenceFlag::NoReferenceRange, "no reference range"},
    };
    for (const auto& [flag, text] : table)
        EXPECT_EQ(label(flag), text) << toString(flag);
}

}  // namespace
}  // namespace ankylos::core
