#pragma once
/// Radiographic progression between two films and a patient's progression review
/// (docs/methods.md 1.5). Definition of the source review (longitudinal cohorts): a change of at
/// least 2 mSASSS units within 2 years (at least 1 unit per year), or at least one new
/// syndesmophyte; the smallest detectable change is about 2 units (Baraliakos et al. 2007).
///
/// interval t = days / 365.25; change = later film score - earlier film score; rate = change / t.
/// Units criterion: t <= standard_interval_max_years (2.5): change >= min_change_units (2.0);
/// longer: rate >= min_rate_per_year (1.0). Below recommended_min_interval_years (1.5) the
/// 2-unit rule still applies, and the note says the interval was short, whatever the outcome
/// ("progression; the interval (0.05 years) is shorter than the recommended 2 years; ..."). Comparisons use
/// the 1e-9 tolerance. When either film score is not computable the units criterion is not
/// evaluable; site events are still counted on sites assessable on both films.

#include <optional>
#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/settings.h"
#include "core/site_events.h"

namespace ankylos::core {

enum class ProgressionCriterion { Units, NewSyndesmophyte };
std::string toString(ProgressionCriterion criterion);  ///< "units", "new_syndesmophyte"
/// "mSASSS change" (the units criterion), "new syndesmophyte", for clinical text.
std::string label(ProgressionCriterion criterion);
/// The criteria that fired, joined for clinical text: "mSASSS change and new syndesmophyte".
std::string label(const std::vector<ProgressionCriterion>& criteria);

struct ProgressionResult {
    Date from;
    Date to;
    double intervalYears = 0;
    std::optional<double> scoreFrom;  ///< earlier film score
    std::optional<double> scoreTo;    ///< later film score
    std::optional<double> change;     ///< nullopt when a film score is not computable
    std::optional<double> ratePerYear;
    std::optional<bool> unitsCriterion;  ///< nullopt: not evaluable
    FilmComparison events;               ///< site events and their counts
    bool progression = false;
    std::vector<ProgressionCriterion> criteria;  ///< which criteria fired, units first
    /// interval under recommended_min_interval_years (1.5): the note says so, whatever the outcome
    bool shortInterval = false;
    /// scored from the adjudicator's or consensus readings alone (docs/methods.md 11)
    bool adjudicated = false;
    std::string note;   ///< a sentence for the user saying why
    Settings settings;  ///< the settings used
};

/// Progression between two films; throws ValidationError unless earlier.date < later.date. The
/// interval is scored from the primary readings, or, when both films have an adjudicator's or consensus
/// reading and settings.reading.adjudicatedOverrides, from those alone (docs/methods.md 11).
ProgressionResult assessProgression(const Film& earlier, const Film& later, const Settings& settings);

struct ProgressionReview {
    std::vector<ProgressionResult> pairs;  ///< consecutive pairs in date order, then first-to-last (3+ films)
    bool progressor = false;               ///< any pair shows progression
    Settings settings;
};

/// A patient's review. Films may come in any order; two films on one date are an input error
/// (ValidationError naming the date).
ProgressionReview reviewProgression(const std::vector<Film>& films, const Settings& settings);

}  // namespace ankylos::core
