#include "report/palette.h"

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
    switch (grade) {
        case 0:  // pale blue: must stay distinct from an unscored (white) cell on paper
            return {0.80, 0.88, 0.95};
        case 1:
            return {0.99, 0.85, 0.55};
        case 2:
            return {0.93, 0.50, 0.25};
        case 3:
            return {0.62, 0.12, 0.12};
        default:
            return {1, 1, 1};
    }
}

}  // namespace ankylos::report
