#pragma once
/// Site events between two films and the disc-space bridging check (docs/methods.md 1.4).
///
/// Per reader, a site is compared only when it is assessable on both films; imputed values never
/// create events. Events: new syndesmophyte (0 or 1 -> 2 or 3), new bridging (0, 1 or 2 -> 3),
/// regression (a lower grade later: new bone is irreversible, so it is a quality flag for review).
/// A 2 -> 3 change is new bridging only, unless progression.count_bridging_as_new_syndesmophyte.
/// With several readers, progression.event_reader_rule decides when a site event counts:
/// all_agree (default) - every reader who read both films and could assess the site on both sees
/// it; any_reader - at least one of them does; first_reader - the first reader of the earlier
/// film who also read the later film.

#include <array>
#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/settings.h"

namespace ankylos::core {

/// What happened at one site between two films.
struct SiteEvent {
    Site site = Site::C2_inf;
    bool evaluable = false;  ///< false: not assessable on either film (or no reader read both)
    bool newSyndesmophyte = false;
    bool newBridging = false;
    bool regression = false;
};

/// One reader's site-by-site comparison of an earlier and a later reading.
std::array<SiteEvent, kSiteCount> compareReadings(const Reading& earlier, const Reading& later,
                                                  const ProgressionSettings& settings);

struct FilmComparison {
    std::array<SiteEvent, kSiteCount> sites{};
    std::vector<std::string> readers;  ///< readers whose readings were compared
    int newSyndesmophytes = 0;
    int newBridgings = 0;
    int regressions = 0;
    int notEvaluable = 0;
    std::string note;  ///< e.g. "no reader read both films"
};

/// Site events between two films, readers combined by settings.eventReaderRule.
FilmComparison compareFilms(const Film& earlier, const Film& later, const ProgressionSettings& settings);

/// A disc space where one corner is graded 3 (bridging) and the other, assessable, below 2: a
/// bridge has two ends, so this is flagged for review (not blocked).
struct BridgingInconsistency {
    DiscSpace disc;
    Site bridged;  ///< the corner graded 3
    Site other;    ///< the corner graded below 2
    int otherGrade = 0;
    std::string message() const;  ///< "C3_inf is 3 (bridging) but C4_sup is 1; check the disc space"
};

std::vector<BridgingInconsistency> checkBridgingConsistency(const Reading& reading);

}  // namespace ankylos::core
