#pragma once
/// Exposure to each drug class over an interval [d1, d2), typically between two films
/// (docs/methods.md 10).
///
/// Units: days. Days exposed to a class = the number of days in [d1, d2) covered by the union of
/// that class's episodes, each covering its start date through its stop date inclusive (an ongoing
/// episode through today), so overlapping episodes of one class (a switch) count each day once.
/// fraction = days exposed / (d2 - d1), kept at full precision (no rounding). "Exposed in the
/// interval" = fraction >= treatment.exposed_fraction (default 0.5). "On treatment at the start" =
/// an episode of the class covers d1.
/// Missing data: an interval whose end is not after its start has no days: not computable, with the
/// reason. Every class with at least one episode is reported, even with 0 days.

#include <optional>
#include <string>
#include <vector>

#include "core/drug_catalogue.h"
#include "core/patient.h"
#include "core/settings.h"
#include "core/treatment.h"

namespace ankylos::core {

/// The dates of one episode of a class: all that exposure needs (the command line gives only these).
struct ClassSpan {
    DrugClass drugClass = DrugClass::Other;
    Date start;
    std::optional<Date> stop;  ///< nullopt = ongoing (through today)
};

/// The spans of a treatment course; throws ValidationError for a drug not in the catalogue.
std::vector<ClassSpan> classSpans(const std::vector<TreatmentEpisode>& episodes);

/// Exposure of one class over the interval.
struct ClassExposure {
    DrugClass drugClass = DrugClass::Other;
    int days = 0;          ///< days of [d1, d2) covered by the class's episodes
    double fraction = 0;   ///< days / (d2 - d1), full precision, 0 to 1
    bool exposed = false;  ///< fraction >= treatment.exposed_fraction
    bool atStart = false;  ///< an episode of the class covers d1
};

struct ExposureResult {
    Date from;                           ///< d1, the first day of the interval
    Date to;                             ///< d2, the first day after it
    std::optional<int> intervalDays;     ///< d2 - d1; nullopt when not computable
    std::vector<ClassExposure> classes;  ///< one per class with an episode, in spec class order
    std::string reason;                  ///< why not computable; empty when computable
    TreatmentSettings settings;          ///< the settings used

    bool computable() const { return intervalDays.has_value(); }
    /// That class's exposure; a class without episodes reads 0 days, not exposed, not at the start.
    ClassExposure of(DrugClass drugClass) const;
};

/// Exposure per class over [from, to). Throws ValidationError (field "<class label> episode stop
/// date") for a span whose stop is before its start: the course's validation refuses those before
/// they are stored.
ExposureResult computeExposure(Date from, Date to, const std::vector<ClassSpan>& spans, Date today,
                               const TreatmentSettings& settings);
/// The same from a treatment course (classes from the catalogue).
ExposureResult computeExposure(Date from, Date to, const std::vector<TreatmentEpisode>& episodes, Date today,
                               const TreatmentSettings& settings);

}  // namespace ankylos::core
