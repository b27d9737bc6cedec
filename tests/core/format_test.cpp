// Text helpers: case folding for matching names (readers) without regard to case.
#include "core/format.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

TEST(FoldCase, LowersTheCapitalsOfTheReadersScripts) {
    EXPECT_EQ(foldCase("Reader A"), "reader a");
    EXPECT_EQ(foldCase("ÉRIC MÜLLER"), "éric müller");                        // Latin-1
    EXPECT_EQ(foldCase("ŁUKASZ ŻÓŁW"), "łukasz żółw");                        // Latin Extended-A
    EXPECT_EQ(foldCase("ΣΩΚΡΑΤΗΣ"), "σωκρατησ");                              // Greek (no final sigma)
    EXPECT_EQ(foldCase("ЛЕВ ТОЛСТОЙ Ёж"), "лев толстой ёж");                  // Cyrillic
    EXPECT_EQ(foldCase("陈医生 Dr. CHEN"), "陈医生 dr. chen");                // CJK kept
    EXPECT_EQ(foldCase("×÷ ß ÿ"), "×÷ ß ÿ");                                  // not capitals: kept
    EXPECT_EQ(foldCase(std::string("A\xff\xc3")), std::string("a\xff\xc3"));  // invalid UTF-8 kept
}

// A number shown never contradicts the state classified on the unrounded value: ASDAS cut-offs of
// docs/methods.md 3 (inactive < 1.3, low < 2.1, high up to 3.5 inclusive, very high > 3.5), BASDAI
// active at 4.0 and above (docs/methods.md 2). Exact expected text: no tolerance.
// docs/methods.md 1.5: every pair's interval is stated; weeks must not read as zero.
TEST(FormatYears, OneDecimalOrUpToThreeUntilNotZero) {
    const std::vector<std::pair<double, std::string>> cases = {{2.0, "2.0"},          {1.2, "1.2"},
                                                               {0.06, "0.1"},         {18 / 365.25, "0.05"},
                                                               {1 / 365.25, "0.003"}, {0.0001, "0.000"}};
    for (const auto& [years, text] : cases)
        EXPECT_EQ(formatYears(years), text) << years;
}

TEST(FormatWithinCutOffs, ShowsEnoughDecimalsNeverToCrossACutOff) {
    struct Case {
        double value;
        const char* asdas;
    };
    const Case asdas[] = {
        {2.0956, "2.096"},        // the visit: "2.10" would read as high; it is low
        {2.0949, "2.09"},         // rounds down: stays low with 2 decimals
        {2.1, "2.10"},            // at the cut-off: high, and shown as such
        {2.104, "2.10"},          // high, rounds to the cut-off: still high
        {1.2951, "1.295"},        // inactive, would read 1.30 (low)
        {1.2999999, "1.299999"},  // closer than 6 decimals show: cut toward its own side
        {1.3, "1.30"},
        {3.5, "3.50"},       // 3.5 itself is high
        {3.5004, "3.5004"},  // very high, would read 3.50 (high) and 3.500 too
        {3.4996, "3.50"},    // high, rounds to 3.50: still high
        {3.5000000001, "3.500001"},
        {0.0, "0.00"},
        {5.678, "5.68"},
    };
    for (const Case& c : asdas)
        EXPECT_EQ(formatAsdas(c.value), c.asdas) << c.value;

    const Case basdai[] = {
        {3.96, "3.96"},  // not active; "4.0" would say active
        {3.94, "3.9"},  {3.9999, "3.9999"},
        {4.0, "4.0"},   {4.04, "4.0"},  // active, shown at the threshold: still active
        {7.26, "7.3"},                  // no cut-off nearby
    };
    for (const Case& c : basdai)
        EXPECT_EQ(formatBasdai(c.value), c.asdas) << c.value;
}

TEST(FormatWithinCutOffs, WithoutCutOffsItIsFormatFixed) {
    EXPECT_EQ(formatWithinCutOffs(2.0956, 2, {}), "2.10");
    EXPECT_EQ(formatWithinCutOffs(2.0956, 1, {{2.1, true}}), "2.096");
}

}  // namespace
}  // namespace ankylos::core
