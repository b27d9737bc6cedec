#include "core/progression.h"

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

constexpr double kDaysPerYear = 365.25;

std::string years(double t) {
    return formatYears(t) + " years";
}

/// The value with enough decimals (2 to 6) not to print as the threshold it misses or meets.
std::string distinct(double value, double threshold) {
    int decimals = 2;
    while (decimals < 6 && formatFixed(value, decimals) == formatFixed(threshold, decimals) &&
           value != threshold)
        ++decimals;
    return formatFixed(value, decimals);
}

/// Evaluates the units criterion (docs/methods.md 1.5) and explains the outcome in result.note.
void applyUnitsCriterion(ProgressionResult& result, const ProgressionSettings& settings) {
    const double t = result.intervalYears;
    const double change = *result.change;
    if (t <= settings.standardIntervalMaxYears + kComparisonTolerance) {
        // "2 units in 2 years": films are rarely exactly 2 years apart, so any interval up to the
        // standard maximum uses the change itself, not a per-day rate.
        result.unitsCriterion = atLeast(change, settings.minChangeUnits);
        result.note = "change " + distinct(change, settings.minChangeUnits) +
                      (*result.unitsCriterion ? " >= " : " < ") + formatNumber(settings.minChangeUnits) +
                      " units over " + years(t);
    } else {
        result.unitsCriterion = atLeast(change, settings.minRatePerYear * t);
        result.note = "rate " + distinct(*result.ratePerYear, settings.minRatePerYear) +
                      (*result.unitsCriterion ? " >= " : " < ") + formatNumber(settings.minRatePerYear) +
                      " units/year over " + years(t);
    }
}

/// The film with only its adjudicator's and consensus readings, or only its primary ones.
Film withReadings(const Film& film, bool adjudicating) {
    Film kept{film.date, {}};
    for (const Reading& reading : film.readings)
        if (reading.adjudicating() == adjudicating)
            kept.readings.push_back(reading);
    return kept;
}

ProgressionResult scoreInterval(const Film& earlier, const Film& later, const Settings& settings);

}  // namespace

std::string toString(ProgressionCriterion criterion) {
    return criterion == ProgressionCriterion::Units ? "units" : "new_syndesmophyte";
}

std::string label(ProgressionCriterion criterion) {
    return criterion == ProgressionCriterion::Units ? N_("mSASSS change") : N_("new syndesmophyte");
}

std::string label(const std::vector<ProgressionCriterion>& criteria) {
    std::vector<std::string> names;
    for (ProgressionCriterion criterion : criteria)
        names.push_back(label(criterion));
    return joinNames(names);
}

ProgressionResult assessProgression(const Film& earlier, const Film& later, const Settings& settings) {
    if (!(earlier.date < later.date))
        throw ValidationError("film dates", toIsoString(earlier.date) + " then " + toIsoString(later.date),
                              "the earlier film dated strictly before the later film");
    if (!hasAdjudicatingReading(earlier) && !hasAdjudicatingReading(later))
        return scoreInterval(earlier, later, settings);  // the usual case, without copying the films
    // docs/methods.md 11: once an adjudicator's or consensus reading exists for both films, the
    // interval is scored from those alone; until then from the primary readings alone.
    const bool adjudicated = settings.reading.adjudicatedOverrides && hasAdjudicatingReading(earlier) &&
                             hasAdjudicatingReading(later);
    ProgressionResult result =
        scoreInterval(withReadings(earlier, adjudicated), withReadings(later, adjudicated), settings);
    result.adjudicated = adjudicated;
    if (adjudicated)
        result.note = "scored from the adjudication readings; " + result.note;
    return result;
}

namespace {

ProgressionResult scoreInterval(const Film& earlier, const Film& later, const Settings& settings) {
    ProgressionResult result;
    result.settings = settings;
    result.from = earlier.date;
    result.to = later.date;
    result.intervalYears = (later.date - earlier.date).days() / kDaysPerYear;

    const FilmScore before = scoreFilm(earlier, settings.msasss);
    const FilmScore after = scoreFilm(later, settings.msasss);
    result.scoreFrom = before.value;
    result.scoreTo = after.value;
    if (before.value && after.value) {
        result.change = *after.value - *before.value;
        result.ratePerYear = *result.change / result.intervalYears;
        applyUnitsCriterion(result, settings.progression);
    } else {
        const FilmScore& missing = before.value ? after : before;
        result.note = "units criterion not evaluable: film of " +
                      toIsoString(before.value ? later.date : earlier.date) + " " + missing.reason;
    }

    result.events = compareFilms(earlier, later, settings.progression);
    if (result.unitsCriterion.value_or(false))
        result.criteria.push_back(ProgressionCriterion::Units);
    if (result.events.newSyndesmophytes > 0)
        result.criteria.push_back(ProgressionCriterion::NewSyndesmophyte);
    result.progression = !result.criteria.empty();

    if (result.events.newSyndesmophytes > 0)
        result.note += "; " + std::to_string(result.events.newSyndesmophytes) + " new syndesmophyte" +
                       (result.events.newSyndesmophytes == 1 ? "" : "s");
    if (!result.events.note.empty())
        result.note += "; site events: " + result.events.note;
    // A short interval is said whatever the outcome: a change between films weeks apart is as
    // likely reading variation as disease (docs/methods.md 1.5, films recommended 2 years apart).
    result.shortInterval = result.intervalYears < settings.progression.recommendedMinIntervalYears;
    if (result.shortInterval)
        result.note = std::string(result.progression ? "progression" : "no progression detected") +
                      "; the interval (" + years(result.intervalYears) +
                      ") is shorter than the recommended 2 years; " + result.note;
    return result;
}

}  // namespace

ProgressionReview reviewProgression(const std::vector<Film>& films, const Settings& settings) {
    std::vector<const Film*> byDate;  // the films themselves are not copied: a cohort's review reads them all
    byDate.reserve(films.size());
    for (const Film& film : films)
        byDate.push_back(&film);
    std::stable_sort(byDate.begin(), byDate.end(),
                     [](const Film* a, const Film* b) { return a->date < b->date; });
    for (std::size_t i = 1; i < byDate.size(); ++i)
        if (byDate[i]->date == byDate[i - 1]->date)
            throw ValidationError("film date", toIsoString(byDate[i]->date), "one film per date");
    ProgressionReview review;
    review.settings = settings;
    for (std::size_t i = 1; i < byDate.size(); ++i)
        review.pairs.push_back(assessProgression(*byDate[i - 1], *byDate[i], settings));
    if (byDate.size() >= 3)
        review.pairs.push_back(assessProgression(*byDate.front(), *byDate.back(), settings));
    review.progressor = std::any_of(review.pairs.begin(), review.pairs.end(),
                                    [](const ProgressionResult& pair) { return pair.progression; });
    return review;
}

}  // namespace ankylos::core
