#pragma once
/// The named settings of docs/methods.md: product decisions that no publication fixes. Each has
/// the spec's default; results carry the settings they used, and reports and exports state them.

#include <string>
#include <utility>
#include <vector>

namespace ankylos::core {

/// docs/methods.md 1.3.
struct MsasssSettings {
    /// msasss.max_missing_per_segment: up to this many not-assessable sites per segment are imputed.
    int maxMissingPerSegment = 3;
};

/// docs/methods.md 1.4: which readers must see a site event for it to count.
enum class EventReaderRule { AllAgree, AnyReader, FirstReader };

/// docs/methods.md 1.4 and 1.5.
struct ProgressionSettings {
    double standardIntervalMaxYears = 2.5;         ///< progression.standard_interval_max_years
    double minChangeUnits = 2.0;                   ///< progression.min_change_units
    double minRatePerYear = 1.0;                   ///< progression.min_rate_per_year
    double recommendedMinIntervalYears = 1.5;      ///< progression.recommended_min_interval_years
    bool countBridgingAsNewSyndesmophyte = false;  ///< progression.count_bridging_as_new_syndesmophyte
    EventReaderRule eventReaderRule = EventReaderRule::AllAgree;  ///< progression.event_reader_rule
};

/// docs/methods.md 3: asdas.coefficients.
enum class AsdasCoefficients { Asas2dp, Lukas3dp };

struct AsdasSettings {
    AsdasCoefficients coefficients = AsdasCoefficients::Asas2dp;
};

/// docs/methods.md 10: exposure to a drug class over an interval between two films.
struct TreatmentSettings {
    /// treatment.exposed_fraction: a class is "exposed in the interval" when the fraction of the
    /// interval's days covered by its episodes is at least this (0 < x <= 1).
    double exposedFraction = 0.5;
};

/// docs/methods.md 12: the CT Syndesmophyte Score (CTSS).
struct CtssSettings {
    /// ctss.max_missing_fraction_per_segment: a segment is scored, its not-assessable quadrants
    /// imputed, when at most this fraction of its quadrants is not assessable. Allowed 0 <= x < 1:
    /// 0 imputes nothing; 1 would allow a segment with no assessable quadrant to impute.
    double maxMissingFractionPerSegment = 0.25;
    /// ctss.progression_units: a CTSS change of at least this is progression (the whole-spine SDC
    /// of the development study).
    double progressionUnits = 14.4;
    /// ctss.progression_quadrants: new or growing syndesmophytes in at least this many quadrants
    /// are progression.
    int progressionQuadrants = 3;
};

/// Several readers (docs/methods.md 11).
struct ReadingSettings {
    /// An interval with an adjudicator's or consensus reading of both films is scored from those
    /// readings alone (reading.adjudicated_overrides).
    bool adjudicatedOverrides = true;
};

struct Settings {
    MsasssSettings msasss;
    ProgressionSettings progression;
    AsdasSettings asdas;
    TreatmentSettings treatment;
    CtssSettings ctss;
    ReadingSettings reading;

    /// Every setting as (spec name, value text), in spec order: for reports, exports and storage.
    std::vector<std::pair<std::string, std::string>> describe() const;
    /// Sets one setting from its spec name and value text; throws ValidationError naming the
    /// setting, the value and what is allowed.
    void set(const std::string& name, const std::string& value);
};

std::string toString(EventReaderRule rule);            ///< "all_agree", "any_reader", "first_reader"
std::string toString(AsdasCoefficients coefficients);  ///< "asas_2dp", "lukas_3dp"
/// Parse the spec names; throw ValidationError for anything else.
EventReaderRule parseEventReaderRule(const std::string& text);
AsdasCoefficients parseAsdasCoefficients(const std::string& text);

}  // namespace ankylos::core
