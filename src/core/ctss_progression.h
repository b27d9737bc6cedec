#pragma once
/// Quadrant events and CTSS progression between two low-dose CT scans (docs/methods.md 12).
/// Reference: de Bruin et al., Ann Rheum Dis 2018 (SIAS cohort); 14.4 units is the whole-spine
/// smallest detectable change of the development study.
///
/// Events, per reader, on quadrants assessable on both scans (imputed values never create events):
/// new syndesmophyte 0 -> 1, 2 or 3; growing syndesmophyte 1 -> 2 or 3, or 2 -> 3; regression, a
/// lower grade later, is a quality flag for review (new bone is irreversible), as in 1.4. Several
/// readers are combined as for films, by progression.event_reader_rule (default all_agree).
/// interval t = days / 365.25; change = later scan score - earlier scan score (CTSS units).
/// Progression: change >= ctss.progression_units (14.4; the units criterion), or new or growing
/// syndesmophytes in at least ctss.progression_quadrants (3) quadrants (the quadrant criterion).
/// Comparisons use the 1e-9 tolerance. When either scan score is not computable the units criterion
/// is not evaluable; progression is then unknown (nullopt) unless the quadrant criterion is met.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/settings.h"

namespace ankylos::core {

/// What happened at one quadrant between two scans.
struct QuadrantEvent {
    Quadrant quadrant{0};
    bool evaluable = false;  ///< false: not assessable on either scan (or no reader read both)
    bool newSyndesmophyte = false;
    bool growing = false;
    bool regression = false;
};

using QuadrantEvents = std::array<QuadrantEvent, kQuadrantCount>;

/// One reader's quadrant-by-quadrant comparison of an earlier and a later reading.
QuadrantEvents compareCtssReadings(const CtssReading& earlier, const CtssReading& later);

struct CtScanComparison {
    QuadrantEvents quadrants;
    std::vector<std::string> readers;  ///< readers whose readings were compared
    int newSyndesmophytes = 0;
    int growing = 0;
    int regressions = 0;
    int notEvaluable = 0;
    std::string note;  ///< e.g. "no reader read both scans"

    /// Quadrants with a new or a growing syndesmophyte (never both at one quadrant).
    int newOrGrowing() const { return newSyndesmophytes + growing; }
};

/// Quadrant events between two scans, readers combined by rule.
CtScanComparison compareCtScans(const CtScan& earlier, const CtScan& later, EventReaderRule rule);

enum class CtssProgressionCriterion { Units, Quadrants };
std::string toString(CtssProgressionCriterion criterion);  ///< "units", "quadrants"
/// "CTSS change", "new or growing syndesmophytes", for clinical text.
std::string label(CtssProgressionCriterion criterion);
/// The criteria that fired as one token: "units", "quadrants", "units_and_quadrants"; "" for none.
std::string toString(const std::vector<CtssProgressionCriterion>& criteria);

struct CtssProgressionResult {
    Date from;
    Date to;
    double intervalYears = 0;
    std::optional<double> scoreFrom;     ///< earlier scan score
    std::optional<double> scoreTo;       ///< later scan score
    std::optional<double> change;        ///< nullopt when a scan score is not computable
    std::optional<bool> unitsCriterion;  ///< nullopt: not evaluable
    bool quadrantCriterion = false;
    CtScanComparison events;
    /// nullopt when the change is not computable and the quadrant criterion is not met
    std::optional<bool> progression;
    std::vector<CtssProgressionCriterion> criteria;  ///< which criteria fired, units first
    std::string note;                                ///< a sentence for the user saying why
    Settings settings;                               ///< the settings used
};

/// CTSS progression between two scans; throws ValidationError unless earlier.date < later.date.
CtssProgressionResult assessCtssProgression(const CtScan& earlier, const CtScan& later,
                                            const Settings& settings);

struct CtssProgressionReview {
    std::vector<CtssProgressionResult> pairs;  ///< consecutive pairs by date, then first-to-last (3+ scans)
    bool progressor = false;                   ///< any pair shows progression
    Settings settings;
};

/// A patient's CTSS review. Scans may come in any order; two scans on one date are an input error
/// (ValidationError naming the date).
CtssProgressionReview reviewCtssProgression(const std::vector<CtScan>& scans, const Settings& settings);

}  // namespace ankylos::core
