#include "report/palette.h"

#include <algorithm>
#include <cmath>

namespace ankylos::report {

void setColour(cairo_t* cr, const Colour& colour, double alpha) {
    cairo_set_source_rgba(cr, colour.r, colour.g, colour.b, alpha);
}

Colour asdasStateColour(core::AsdasState state) {
    switch (state) {
        case core::AsdasState::Inactive:
            return {0.78, 0.90, 0.78};
        case core::AsdasState::Low:
            return {0.93, 0.95, 0.75};
        case core::AsdasState::High:
            return {0.99, 0.85, 0.65};
        case core::AsdasState::VeryHigh:
            return {0.97, 0.70, 0.68};
    }
    return {1, 1, 1};
}

Colour gradeColour(int grade) {
    // Grey levels 0.84, 0.66, 0.39, 0.16 (paper is 1): evenly dark steps on a greyscale printer.
    switch (grade) {
        case 0:  // pale blue: normal, and distinct from an unscored (white) cell on paper
            return {0.76, 0.86, 0.95};
        case 1:  // amber
            return {0.93, 0.62, 0.18};
        case 2:  // burnt orange
            return {0.75, 0.28, 0.05};
        case 3:  // dark red
            return {0.40, 0.05, 0.08};
        default:
            return {1, 1, 1};
    }
}

Colour gradeTextColour(int grade) {
    return textColourOn(gradeColour(grade));
}

Colour scoreColour(double value, double maximum) {
    if (value <= 0)
        return gradeColour(0);
    // Above 0 the ramp starts at a pale amber, not at grade 0's blue: any new bone reads as warm.
    const double grade = std::min(3 * value / maximum, 3.0);
    const int below = std::min(2, static_cast<int>(grade));
    const double t = grade - below;
    const Colour a = below == 0 ? Colour{0.99, 0.87, 0.66} : gradeColour(below);
    const Colour b = gradeColour(below + 1);
    return {a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b)};
}

Colour textColourOn(const Colour& fill) {
    const Colour white{1, 1, 1};
    return contrastRatio(fill, kInk) >= contrastRatio(fill, white) ? kInk : white;
}

double greyLevel(const Colour& colour) {
    return 0.299 * colour.r + 0.587 * colour.g + 0.114 * colour.b;
}

namespace {

double linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relativeLuminance(const Colour& colour) {
    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b);
}

}  // namespace

double contrastRatio(const Colour& a, const Colour& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace ankylos::report
