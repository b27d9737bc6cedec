#pragma once
/// The spine of a demo patient: a damage process that only rises, and per-site thresholds that turn
/// it into mSASSS grades (demo_cohort.h describes the course it gives).

#include <array>
#include <optional>
#include <utility>

#include "core/msasss.h"
#include "demo/demo_random.h"

namespace ankylos::demo {

// ---------------------------------------------------------------------------------------------
// The spine: a per-patient damage process that only rises, and per-site thresholds.

/// Spinal damage D(t) in mSASSS-like units rises linearly from symptom onset at the patient's
/// rate (slower after a biologic starts). Each site has three thresholds: the site's true grade is
/// the number of thresholds D has passed, so grades only move up. Thresholds are drawn per disc
/// space: its two corners get their first change and syndesmophyte separately, and the bridge
/// across the disc (grade 3) comes later and to both corners at once, so a 3 never faces a corner
/// below 2 (the consistency check of docs/methods.md 1.4). With 72 thresholds spread over about
/// 0-70 units, the true mSASSS grows at roughly the damage rate.
struct Spine {
    Date onset;
    double ratePerYear = 0;
    std::optional<Date> biologicStart;
    double treatedRateFactor = 1;
    std::array<std::array<double, 3>, core::kSiteCount> thresholds{};

    double damageAt(Date date) const {
        const double years = yearsBetween(onset, date);
        if (years <= 0)
            return 0;
        if (!biologicStart || date <= *biologicStart)
            return ratePerYear * years;
        const double untreated = std::max(0.0, yearsBetween(onset, *biologicStart));
        return ratePerYear * (untreated + treatedRateFactor * (years - untreated));
    }
    int grade(int site, double damage) const {
        const auto& t = thresholds[static_cast<std::size_t>(site)];
        return (damage >= t[0] ? 1 : 0) + (damage >= t[1] ? 1 : 0) + (damage >= t[2] ? 1 : 0);
    }
    int score(double damage) const {
        int total = 0;
        for (int site = 0; site < core::kSiteCount; ++site)
            total += grade(site, damage);
        return total;
    }
    /// Lumbar corners graded 2 or more, and those bridged.
    std::pair<int, int> lumbarSyndesmophytes(double damage) const {
        int syndesmophytes = 0;
        int bridged = 0;
        for (int site = core::kSitesPerSegment; site < core::kSiteCount; ++site) {
            const int g = grade(site, damage);
            syndesmophytes += g >= 2 ? 1 : 0;
            bridged += g == 3 ? 1 : 0;
        }
        return {syndesmophytes, bridged};
    }
};

/// Draws the three thresholds of every site, disc space by disc space.
void drawThresholds(Random& random, Spine& spine);

/// Reader B's systematic difference at one site: +1 only from 0 or 1 (never creating a 3, which
/// would face a corner below 2), -1 from any grade. Both maps are non-decreasing, so B's grades of
/// one site still only move up over time.
int secondReaderGrade(int grade, int offset);

}  // namespace ankylos::demo
