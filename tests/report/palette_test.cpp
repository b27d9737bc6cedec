#include "report/palette.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace ankylos::report {
namespace {

// On a black-and-white printer the spine heat map's grades are told apart by their grey (the digit
// in each cell is small). Five fills must fit between paper (1.0) and a grade 3 that still shows the
// black outline of a new syndesmophyte (about 0.15): white (not scored) and grades 0-3, four steps
// of at most 0.17 when spread evenly. A margin of 0.15 asks for nearly even steps; it is about 38 of
// 256 grey levels, several times the few percent by which two patches side by side on paper can be
// told apart, so halftoning and toner variation do not merge two grades. (Before, grades 0 and 1
// differed by 0.01.)
constexpr double kGreyMargin = 0.15;
// WCAG 2's minimum contrast for body text: the grade digit is read on every cell, in colour and in grey.
constexpr double kTextContrast = 4.5;

Colour asGrey(const Colour& colour) {
    const double grey = greyLevel(colour);
    return {grey, grey, grey};
}

TEST(Palette, GradeFillsStayApartInGreyAndFromAnUnscoredCell) {
    std::vector<std::pair<std::string, Colour>> fills = {{"not scored (white)", {1, 1, 1}}};
    for (int grade = 0; grade <= 3; ++grade)
        fills.push_back({"grade " + std::to_string(grade), gradeColour(grade)});
    for (std::size_t i = 0; i < fills.size(); ++i)
        for (std::size_t j = i + 1; j < fills.size(); ++j)
            EXPECT_GE(std::abs(greyLevel(fills[i].second) - greyLevel(fills[j].second)), kGreyMargin)
                << fills[i].first << " and " << fills[j].first << " print as nearly the same grey";
    for (int grade = 1; grade <= 3; ++grade)
        EXPECT_LT(greyLevel(gradeColour(grade)), greyLevel(gradeColour(grade - 1)))
            << "darker with each grade";
}

TEST(Palette, GradeDigitsKeepTheirContrastInColourAndInGrey) {
    for (int grade = 0; grade <= 3; ++grade) {
        const Colour fill = gradeColour(grade), text = gradeTextColour(grade);
        EXPECT_GE(contrastRatio(fill, text), kTextContrast) << "grade " << grade << " in colour";
        EXPECT_GE(contrastRatio(asGrey(fill), asGrey(text)), kTextContrast)
            << "grade " << grade << " in grey";
    }
}

TEST(Palette, GreyLevelAndContrastOfKnownColours) {
    EXPECT_DOUBLE_EQ(greyLevel({1, 1, 1}), 1.0);
    EXPECT_DOUBLE_EQ(greyLevel({0, 0, 0}), 0.0);
    EXPECT_NEAR(greyLevel({1, 0, 0}), 0.299, 1e-12);  // BT.601: pure red prints as a dark grey
    EXPECT_NEAR(contrastRatio({0, 0, 0}, {1, 1, 1}), 21.0, 1e-9);
    EXPECT_NEAR(contrastRatio({1, 1, 1}, {1, 1, 1}), 1.0, 1e-12);
    const double x77 = 0x77 / 255.0;  // #777777 on white: 4.48, just under WCAG's 4.5
    EXPECT_NEAR(contrastRatio({x77, x77, x77}, {1, 1, 1}), 4.48, 0.01);
}

}  // namespace
}  // namespace ankylos::report
