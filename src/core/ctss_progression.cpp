#include "core/ctss_progression.h"

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

constexpr double kDaysPerYear = 365.25;

const CtssReading* findReading(const CtScan& scan, const std::string& reader) {
    for (const CtssReading& reading : scan.readings)
        if (reading.reader == reader)
            return &reading;
    return nullptr;
}

using ReaderEvents = std::vector<QuadrantEvents>;

/// Combines the readers' events of one quadrant by the reader rule (docs/methods.md 1.4).
QuadrantEvent combine(Quadrant quadrant, const ReaderEvents& perReader, EventReaderRule rule) {
    const int index = quadrant.index();
    QuadrantEvent combined;
    if (rule == EventReaderRule::FirstReader && !perReader.empty())
        combined = perReader.front()[index];
    combined.quadrant = quadrant;
    if (rule == EventReaderRule::FirstReader)
        return combined;
    // Only the readers who could evaluate the quadrant have a say.
    const auto decide = [&](bool QuadrantEvent::*flag) {
        bool any = false;
        bool every = true;
        for (const auto& events : perReader) {
            if (!events[index].evaluable)
                continue;
            combined.evaluable = true;
            any = any || events[index].*flag;
            every = every && events[index].*flag;
        }
        return rule == EventReaderRule::AllAgree ? every && combined.evaluable : any;
    };
    combined.newSyndesmophyte = decide(&QuadrantEvent::newSyndesmophyte);
    combined.growing = decide(&QuadrantEvent::growing);
    combined.regression = decide(&QuadrantEvent::regression);
    return combined;
}

/// "N thing" or "N things".
std::string count(int n, const std::string& thing) {
    return std::to_string(n) + " " + thing + (n == 1 ? "" : "s");
}

/// The value with enough decimals (2 to 6) not to print as the threshold it misses or meets.
std::string distinct(double value, double threshold) {
    int decimals = 2;
    while (decimals < 6 && formatFixed(value, decimals) == formatFixed(threshold, decimals) &&
           value != threshold)
        ++decimals;
    return formatFixed(value, decimals);
}

/// Scores both scans and evaluates the units criterion, explaining it in result.note.
void applyUnitsCriterion(CtssProgressionResult& result, const CtScan& earlier, const CtScan& later,
                         const Settings& settings) {
    const CtScanScore before = scoreCtScan(earlier, settings.ctss);
    const CtScanScore after = scoreCtScan(later, settings.ctss);
    result.scoreFrom = before.value;
    result.scoreTo = after.value;
    if (!before.value || !after.value) {
        const bool earlierMissing = !before.value;
        result.note = "units criterion not evaluable: scan of " +
                      toIsoString(earlierMissing ? earlier.date : later.date) + " " +
                      (earlierMissing ? before : after).reason;
        return;
    }
    const double units = settings.ctss.progressionUnits;
    result.change = *after.value - *before.value;
    result.unitsCriterion = atLeast(*result.change, units);
    result.note = "CTSS change " + distinct(*result.change, units) +
                  (*result.unitsCriterion ? " >= " : " < ") + formatNumber(units) + " units over " +
                  formatYears(result.intervalYears) + " years";
}

/// Adds the quadrant events to result.note.
void describeEvents(CtssProgressionResult& result, int neededQuadrants) {
    const CtScanComparison& events = result.events;
    result.note += "; " + count(events.newOrGrowing(), "quadrant") + " with new or growing syndesmophytes (" +
                   std::to_string(events.newSyndesmophytes) + " new, " + std::to_string(events.growing) +
                   " growing; " + (result.quadrantCriterion ? ">= " : "< ") +
                   std::to_string(neededQuadrants) + ")";
    if (events.regressions > 0)
        result.note += "; " + count(events.regressions, "regression") + " flagged for review";
    if (!events.note.empty())
        result.note += "; quadrant events: " + events.note;
}

}  // namespace

QuadrantEvents compareCtssReadings(const CtssReading& earlier, const CtssReading& later) {
    QuadrantEvents events{};
    for (Quadrant quadrant : allQuadrants()) {
        QuadrantEvent& event = events[quadrant.index()];
        event.quadrant = quadrant;
        const auto& before = earlier.at(quadrant);
        const auto& after = later.at(quadrant);
        if (!before || !after || !before->assessable() || !after->assessable())
            continue;
        event.evaluable = true;
        const int from = before->grade();
        const int to = after->grade();
        event.newSyndesmophyte = from == 0 && to >= 1;
        event.growing = from >= 1 && to > from;
        event.regression = to < from;
    }
    return events;
}

CtScanComparison compareCtScans(const CtScan& earlier, const CtScan& later, EventReaderRule rule) {
    CtScanComparison comparison;
    ReaderEvents perReader;
    for (const CtssReading& reading : earlier.readings) {
        const CtssReading* match = findReading(later, reading.reader);
        if (!match)
            continue;
        if (std::find(comparison.readers.begin(), comparison.readers.end(), reading.reader) !=
            comparison.readers.end())
            continue;  // a reader's second reading of the same scan: the first one counts
        comparison.readers.push_back(reading.reader);
        perReader.push_back(compareCtssReadings(reading, *match));
        if (rule == EventReaderRule::FirstReader)
            break;
    }
    if (perReader.empty())
        comparison.note = "no reader read both scans";

    for (Quadrant quadrant : allQuadrants()) {
        const QuadrantEvent event = combine(quadrant, perReader, rule);
        comparison.quadrants[quadrant.index()] = event;
        if (!event.evaluable)
            ++comparison.notEvaluable;
        comparison.newSyndesmophytes += event.newSyndesmophyte;
        comparison.growing += event.growing;
        comparison.regressions += event.regression;
    }
    return comparison;
}

std::string toString(CtssProgressionCriterion criterion) {
    return criterion == CtssProgressionCriterion::Units ? "units" : "quadrants";
}

std::string label(CtssProgressionCriterion criterion) {
    return criterion == CtssProgressionCriterion::Units ? N_("CTSS change") : N_("new or growing syndesmophytes");
}

std::string toString(const std::vector<CtssProgressionCriterion>& criteria) {
    std::string joined;
    for (CtssProgressionCriterion criterion : criteria)
        joined += (joined.empty() ? "" : "_and_") + toString(criterion);
    return joined;
}

CtssProgressionResult assessCtssProgression(const CtScan& earlier, const CtScan& later,
                                            const Settings& settings) {
    if (!(earlier.date < later.date))
        throw ValidationError("CT scan dates", toIsoString(earlier.date) + " then " + toIsoString(later.date),
                              "the earlier scan dated strictly before the later scan");
    CtssProgressionResult result;
    result.settings = settings;
    result.from = earlier.date;
    result.to = later.date;
    result.intervalYears = (later.date - earlier.date).days() / kDaysPerYear;
    applyUnitsCriterion(result, earlier, later, settings);

    result.events = compareCtScans(earlier, later, settings.progression.eventReaderRule);
    result.quadrantCriterion = result.events.newOrGrowing() >= settings.ctss.progressionQuadrants;
    if (result.unitsCriterion.value_or(false))
        result.criteria.push_back(CtssProgressionCriterion::Units);
    if (result.quadrantCriterion)
        result.criteria.push_back(CtssProgressionCriterion::Quadrants);
    if (!result.criteria.empty())
        result.progression = true;
    else if (result.unitsCriterion)
        result.progression = false;  // both criteria evaluated and neither met
    describeEvents(result, settings.ctss.progressionQuadrants);
    return result;
}

CtssProgressionReview reviewCtssProgression(const std::vector<CtScan>& scans, const Settings& settings) {
    std::vector<const CtScan*> byDate;
    byDate.reserve(scans.size());
    for (const CtScan& scan : scans)
        byDate.push_back(&scan);
    std::stable_sort(byDate.begin(), byDate.end(),
                     [](const CtScan* a, const CtScan* b) { return a->date < b->date; });
    for (std::size_t i = 1; i < byDate.size(); ++i)
        if (byDate[i]->date == byDate[i - 1]->date)
            throw ValidationError("CT scan date", toIsoString(byDate[i]->date), "one scan per date");
    CtssProgressionReview review;
    review.settings = settings;
    for (std::size_t i = 1; i < byDate.size(); ++i)
        review.pairs.push_back(assessCtssProgression(*byDate[i - 1], *byDate[i], settings));
    if (byDate.size() >= 3)
        review.pairs.push_back(assessCtssProgression(*byDate.front(), *byDate.back(), settings));
    review.progressor =
        std::any_of(review.pairs.begin(), review.pairs.end(),
                    [](const CtssProgressionResult& pair) { return pair.progression == true; });
    return review;
}

}  // namespace ankylos::core
