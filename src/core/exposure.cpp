#include "core/exposure.h"

#include <algorithm>

namespace ankylos::core {

namespace {

/// A run of days, first and last inclusive.
struct DayRange {
    Date first;
    Date last;
};

/// The days of [from, to) the span covers; nullopt when none (ongoing spans end today).
std::optional<DayRange> clipped(const ClassSpan& span, Date from, Date to, Date today) {
    const Date end = span.stop ? *span.stop : today;
    const Date first = std::max(span.start, from);
    const Date last = std::min(end, to - boost::gregorian::days(1));
    if (last < first)
        return std::nullopt;
    return DayRange{first, last};
}

/// Days in the union of the ranges: sorted by first day, each day counted once.
int unionDays(std::vector<DayRange> ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
    int days = 0;
    std::optional<Date> countedThrough;  // the last day already counted
    for (const DayRange& range : ranges) {
        const Date first = countedThrough && *countedThrough >= range.first
                               ? *countedThrough + boost::gregorian::days(1)
                               : range.first;
        if (range.last >= first)
            days += static_cast<int>((range.last - first).days()) + 1;
        if (!countedThrough || range.last > *countedThrough)
            countedThrough = range.last;
    }
    return days;
}

ClassExposure exposureOfClass(DrugClass drugClass, const std::vector<ClassSpan>& spans, Date from, Date to,
                              Date today, const TreatmentSettings& settings) {
    ClassExposure exposure;
    exposure.drugClass = drugClass;
    std::vector<DayRange> ranges;
    for (const ClassSpan& span : spans) {
        if (span.drugClass != drugClass)
            continue;
        if (const auto range = clipped(span, from, to, today))
            ranges.push_back(*range);
        if (span.start <= from && from <= (span.stop ? *span.stop : today))
            exposure.atStart = true;
    }
    exposure.days = unionDays(std::move(ranges));
    exposure.fraction = static_cast<double>(exposure.days) / static_cast<double>((to - from).days());
    exposure.exposed = exposure.fraction >= settings.exposedFraction;
    return exposure;
}

}  // namespace

std::vector<ClassSpan> classSpans(const std::vector<TreatmentEpisode>& episodes) {
    std::vector<ClassSpan> spans;
    for (const TreatmentEpisode& episode : episodes)
        spans.push_back({classOf(episode), episode.start, episode.stop});
    return spans;
}

ClassExposure ExposureResult::of(DrugClass drugClass) const {
    for (const ClassExposure& exposure : classes)
        if (exposure.drugClass == drugClass)
            return exposure;
    ClassExposure none;
    none.drugClass = drugClass;
    return none;
}

ExposureResult computeExposure(Date from, Date to, const std::vector<ClassSpan>& spans, Date today,
                               const TreatmentSettings& settings) {
    for (const ClassSpan& span : spans)
        if (span.stop && *span.stop < span.start)
            throw ValidationError(drugClassLabel(span.drugClass) + " episode stop date",
                                  toIsoString(*span.stop),
                                  "not before the start date (" + toIsoString(span.start) + ")");
    ExposureResult result;
    result.from = from;
    result.to = to;
    result.settings = settings;
    if (to <= from) {
        result.reason = "not computable: the interval " + toIsoString(from) + " to " + toIsoString(to) +
                        " has no days (its end must be after its start)";
        return result;
    }
    result.intervalDays = static_cast<int>((to - from).days());
    for (DrugClass drugClass : allDrugClasses()) {
        const bool present = std::any_of(spans.begin(), spans.end(),
                                         [&](const ClassSpan& span) { return span.drugClass == drugClass; });
        if (present)
            result.classes.push_back(exposureOfClass(drugClass, spans, from, to, today, settings));
    }
    return result;
}

ExposureResult computeExposure(Date from, Date to, const std::vector<TreatmentEpisode>& episodes, Date today,
                               const TreatmentSettings& settings) {
    return computeExposure(from, to, classSpans(episodes), today, settings);
}

}  // namespace ankylos::core
