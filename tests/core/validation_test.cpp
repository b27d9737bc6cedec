// clinical-rules.md 8: every problem at once, each naming field, value and allowed range; soft
// limits warn instead of rejecting; nothing is clamped.
#include "core/validation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/format.h"

namespace ankylos::core {
namespace {

TEST(Validation, RangeIsInclusiveAndNamesFieldValueAndRange) {
    struct Case {
        double value;
        bool ok;
    };
    for (const Case& c : {Case{0, true}, Case{10, true}, Case{5.5, true}, Case{-0.001, false}, Case{10.001, false},
                          Case{NAN, false}, Case{INFINITY, false}}) {
        Validation validation;
        validation.requireRange("BASDAI Q1", c.value, 0, 10);
        EXPECT_EQ(validation.ok(), c.ok) << c.value;
    }
    Validation validation;
    validation.requireRange("CRP", 612, 0, 500, "mg/L");
    ASSERT_EQ(validation.problems().size(), 1u);
    EXPECT_EQ(validation.problems()[0].message(), "CRP: 612 mg/L is not allowed (allowed: 0 to 500 mg/L)");
}

TEST(Validation, CollectsEveryProblemAndSeparatesWarnings) {
    Validation validation;
    validation.requireRange("BASDAI Q1", 11, 0, 10);
    validation.requireRange("BASDAI Q2", -1, 0, 10);
    validation.warnAbove("CRP", 250, 200, "mg/L");
    validation.warnAbove("ESR", 100, 130, "mm/h");  // within the soft limit: nothing
    EXPECT_EQ(validation.problems().size(), 3u);
    EXPECT_EQ(validation.errors().size(), 2u);
    ASSERT_EQ(validation.warnings().size(), 1u);
    EXPECT_EQ(validation.warnings()[0].message(), "CRP: 250 mg/L is unusual (expected at most 200 mg/L)");
    try {
        validation.throwIfErrors();
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems().size(), 2u);  // warnings are not errors
        EXPECT_STREQ(e.what(),
                     "BASDAI Q1: 11 is not allowed (allowed: 0 to 10)\nBASDAI Q2: -1 is not allowed (allowed: 0 to 10)");
    }
}

TEST(Validation, WarningsAloneDoNotThrow) {
    Validation validation;
    validation.warnAbove("ESR", 131, 130, "mm/h");
    EXPECT_TRUE(validation.ok());
    EXPECT_TRUE(validation.hasWarnings());
    EXPECT_NO_THROW(validation.throwIfErrors());
}

TEST(Validation, EmptyValueIsShownAsEmpty) {
    EXPECT_EQ(ValidationError("patient ID", "", "a non-empty ID").problems()[0].message(),
              "patient ID: (empty) is not allowed (allowed: a non-empty ID)");
}

TEST(Format, NumbersReadAsTyped) {
    EXPECT_EQ(formatNumber(2), "2");
    EXPECT_EQ(formatNumber(2.5), "2.5");
    EXPECT_EQ(formatNumber(14.4), "14.4");
    EXPECT_EQ(formatNumber(0.1 + 0.2), "0.3");
    EXPECT_EQ(formatFixed(3.1908, 2), "3.19");
    EXPECT_EQ(formatFixed(14.4, 1), "14.4");
}

TEST(Format, ParseNumberAcceptsOnlyAWholeFiniteNumber) {
    EXPECT_DOUBLE_EQ(parseNumber("12", "x"), 12);
    EXPECT_DOUBLE_EQ(parseNumber("-1.5", "x"), -1.5);
    EXPECT_DOUBLE_EQ(parseNumber("3e2", "x"), 300);
    for (const char* bad : {"", " 1", "1 ", "1,5", "abc", "nan", "inf", "1e999", "2x"}) {
        try {
            parseNumber(bad, "CRP");
            FAIL() << "'" << bad << "' accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems()[0].field, "CRP");
            EXPECT_EQ(e.problems()[0].value, bad);
        }
    }
}

}  // namespace
}  // namespace ankylos::core
