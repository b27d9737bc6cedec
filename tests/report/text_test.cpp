#include "report/text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ankylos::report {
namespace {

TEST(Text, SmallTextKeepsItsProportions) {
    // Glyph positions rounded to whole points (Pango's default) swallowed word spaces in 6-7 pt
    // chart text ("notcomputable"); unrounded, small text is the large text scaled down.
    const std::string text = "not computable i i i i i i i i i i very high";
    Font small;
    small.size = 6.5;
    Font large;
    large.size = 65;
    const double scaledDown = measureText(text, large).width / 10;
    EXPECT_NEAR(measureText(text, small).width, scaledDown, 0.3);
    // A word space is a visible gap: about a quarter of an em, never nothing.
    const double space = measureText("a b", small).width - measureText("ab", small).width;
    EXPECT_GT(space, 0.15 * small.size);
}

}  // namespace
}  // namespace ankylos::report
