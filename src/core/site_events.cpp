#include "core/site_events.h"

#include <algorithm>

namespace ankylos::core {

namespace {

const Reading* findReading(const Film& film, const std::string& reader) {
    for (const Reading& reading : film.readings)
        if (reading.reader == reader) return &reading;
    return nullptr;
}

/// Combines the per-reader events of one site by the reader rule.
SiteEvent combine(Site site, const std::vector<SiteEvent>& perReader, EventReaderRule rule) {
    SiteEvent combined;
    combined.site = site;
    std::vector<SiteEvent> evaluable;
    std::copy_if(perReader.begin(), perReader.end(), std::back_inserter(evaluable),
                 [](const SiteEvent& e) { return e.evaluable; });
    if (rule == EventReaderRule::FirstReader) {
        if (!perReader.empty()) combined = perReader.front();
        combined.site = site;
        return combined;
    }
    if (evaluable.empty()) return combined;
    combined.evaluable = true;
    const bool all = rule == EventReaderRule::AllAgree;
    auto decide = [&](bool SiteEvent::*flag) {
        return all ? std::all_of(evaluable.begin(), evaluable.end(), [&](const SiteEvent& e) { return e.*flag; })
                   : std::any_of(evaluable.begin(), evaluable.end(), [&](const SiteEvent& e) { return e.*flag; });
    };
    combined.newSyndesmophyte = decide(&SiteEvent::newSyndesmophyte);
    combined.newBridging = decide(&SiteEvent::newBridging);
    combined.regression = decide(&SiteEvent::regression);
    return combined;
}

}  // namespace

std::array<SiteEvent, kSiteCount> compareReadings(const Reading& earlier, const Reading& later,
                                                  const ProgressionSettings& settings) {
    std::array<SiteEvent, kSiteCount> events{};
    for (Site site : allSites()) {
        SiteEvent& event = events[siteIndex(site)];
        event.site = site;
        const auto& before = earlier.at(site);
        const auto& after = later.at(site);
        if (!before || !after || !before->assessable() || !after->assessable()) continue;
        event.evaluable = true;
        const int from = before->grade();
        const int to = after->grade();
        event.newBridging = from <= 2 && to == 3;
        event.newSyndesmophyte =
            (from <= 1 && to >= 2) || (settings.countBridgingAsNewSyndesmophyte && from == 2 && to == 3);
        event.regression = to < from;
    }
    return events;
}

FilmComparison compareFilms(const Film& earlier, const Film& later, const ProgressionSettings& settings) {
    FilmComparison comparison;
    std::vector<std::array<SiteEvent, kSiteCount>> perReader;
    for (const Reading& reading : earlier.readings) {
        const Reading* match = findReading(later, reading.reader);
        if (!match) continue;
        if (std::find(comparison.readers.begin(), comparison.readers.end(), reading.reader) !=
            comparison.readers.end())
            continue;  // a reader's second reading of the same film: the first one counts
        comparison.readers.push_back(reading.reader);
        perReader.push_back(compareReadings(reading, *match, settings));
        if (settings.eventReaderRule == EventReaderRule::FirstReader) break;
    }
    if (perReader.empty()) comparison.note = "no reader read both films";

    for (Site site : allSites()) {
        std::vector<SiteEvent> events;
        for (const auto& readerEvents : perReader) events.push_back(readerEvents[siteIndex(site)]);
        const SiteEvent event = combine(site, events, settings.eventReaderRule);
        comparison.sites[siteIndex(site)] = event;
        if (!event.evaluable) ++comparison.notEvaluable;
        comparison.newSyndesmophytes += event.newSyndesmophyte;
        comparison.newBridgings += event.newBridging;
        comparison.regressions += event.regression;
    }
    return comparison;
}

std::string BridgingInconsistency::message() const {
    return siteId(bridged) + " is 3 (bridging) but " + siteId(other) + " is " + std::to_string(otherGrade) +
           "; check the disc space " + siteId(disc.upper) + "/" + siteId(disc.lower);
}

std::vector<BridgingInconsistency> checkBridgingConsistency(const Reading& reading) {
    std::vector<BridgingInconsistency> found;
    for (const DiscSpace& disc : discSpaces()) {
        const auto& upper = reading.at(disc.upper);
        const auto& lower = reading.at(disc.lower);
        if (!upper || !lower || !upper->assessable() || !lower->assessable()) continue;
        if (upper->grade() == 3 && lower->grade() < 2) found.push_back({disc, disc.upper, disc.lower, lower->grade()});
        if (lower->grade() == 3 && upper->grade() < 2) found.push_back({disc, disc.lower, disc.upper, upper->grade()});
    }
    return found;
}

}  // namespace ankylos::core
