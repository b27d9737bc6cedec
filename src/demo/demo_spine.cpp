#include "demo/demo_spine.h"

#include <algorithm>
#include <cmath>

namespace ankylos::demo {

using core::Site;

void drawThresholds(Random& random, Spine& spine) {
    // > 0: this patient's lumbar spine changes first, < 0: the cervical spine.
    const double lumbarFirst = random.uniform(-1, 1);
    for (std::size_t d = 0; d < core::discSpaces().size(); ++d) {
        const core::DiscSpace disc = core::discSpaces()[d];
        const bool lumbar = core::segmentOf(disc.upper) == core::Segment::Lumbar;
        const double segmentFactor = 1.0 + 0.35 * (lumbar ? -lumbarFirst : lumbarFirst);
        // Skewed towards small values: a few susceptible disc spaces change early.
        const double start = 0.5 + 55.0 * std::pow(random.uniform(), 1.4) * segmentFactor;
        double latestSyndesmophyte = 0;
        for (Site corner : {disc.upper, disc.lower}) {
            auto& t = spine.thresholds[static_cast<std::size_t>(core::siteIndex(corner))];
            t[0] = start + random.exponential(1.5);
            t[1] = t[0] + 1.0 + random.exponential(3.0);
            latestSyndesmophyte = std::max(latestSyndesmophyte, t[1]);
        }
        const double bridge = latestSyndesmophyte + 2.0 + random.exponential(6.0);
        spine.thresholds[static_cast<std::size_t>(core::siteIndex(disc.upper))][2] = bridge;
        spine.thresholds[static_cast<std::size_t>(core::siteIndex(disc.lower))][2] = bridge;
    }
}

int secondReaderGrade(int grade, int offset) {
    if (offset > 0 && grade <= 1)
        return grade + 1;
    if (offset < 0 && grade >= 1)
        return grade - 1;
    return grade;
}

}  // namespace ankylos::demo
