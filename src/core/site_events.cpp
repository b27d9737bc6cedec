#include "core/site_events.h"

#include <algorithm>

namespace ankylos::core {

namespace {

/// The same reader's reading of the film in the same session (a reader's clinic reading and session
/// reading are compared with their own kind only).
const Reading* findReading(const Film& film, const Reading& other) {
    for (const Reading& reading : film.readings)
        if (reading.reader == other.reader && reading.session == other.session)
            return &reading;
    return nullptr;
}

/// The reader as events name them: "Reader A", or "Reader A (session S1)" for a session's reading.
std::string readerLabel(const Reading& reading) {
    return reading.session.empty() ? reading.reader : reading.reader + " (session " + reading.session + ")";
}

using ReaderEvents = std::vector<std::array<SiteEvent, kSiteCount>>;

/// Combines the readers' events of one site by the reader rule.
SiteEvent combine(Site site, const ReaderEvents& perReader, EventReaderRule rule) {
    const int index = siteIndex(site);
    SiteEvent combined;
    if (rule == EventReaderRule::FirstReader && !perReader.empty())
        combined = perReader.front()[index];
    combined.site = site;
    if (rule == EventReaderRule::FirstReader)
        return combined;
    // Only the readers who could evaluate the site have a say.
    const auto decide = [&](bool SiteEvent::*flag) {
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
        if (!before || !after || !before->assessable() || !after->assessable())
            continue;
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
    ReaderEvents perReader;
    for (const Reading& reading : earlier.readings) {
        const Reading* match = findReading(later, reading);
        if (!match)
            continue;
        const std::string reader = readerLabel(reading);
        if (std::find(comparison.readers.begin(), comparison.readers.end(), reader) != comparison.readers.end())
            continue;  // a reader's second reading of the same film: the first one counts
        comparison.readers.push_back(reader);
        perReader.push_back(compareReadings(reading, *match, settings));
        if (settings.eventReaderRule == EventReaderRule::FirstReader)
            break;
    }
    if (perReader.empty())
        comparison.note = "no reader read both films";

    for (Site site : allSites()) {
        const SiteEvent event = combine(site, perReader, settings.eventReaderRule);
        comparison.sites[siteIndex(site)] = event;
        if (!event.evaluable)
            ++comparison.notEvaluable;
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
        if (!upper || !lower || !upper->assessable() || !lower->assessable())
            continue;
        if (upper->grade() == 3 && lower->grade() < 2)
            found.push_back({disc, disc.upper, disc.lower, lower->grade()});
        if (lower->grade() == 3 && upper->grade() < 2)
            found.push_back({disc, disc.lower, disc.upper, upper->grade()});
    }
    return found;
}

}  // namespace ankylos::core
