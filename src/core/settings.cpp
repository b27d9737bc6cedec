#include "core/settings.h"

#include <optional>

#include "core/format.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

/// A number greater than 0 and, when atMost is given, at most that.
double parsePositive(const std::string& name, const std::string& text,
                     std::optional<double> atMost = std::nullopt) {
    const std::string allowed =
        "a number greater than 0" + (atMost ? " and at most " + formatNumber(*atMost) : std::string());
    double value = 0;
    try {
        value = parseNumber(text, name);
    } catch (const ValidationError&) {
        throw ValidationError(name, text, allowed);  // the same problem, with the allowed range
    }
    if (!(value > 0) || (atMost && value > *atMost))
        throw ValidationError(name, text, allowed);
    return value;
}

/// A fraction from 0 (included) to 1 (excluded).
double parseFractionBelowOne(const std::string& name, const std::string& text) {
    const std::string allowed = "a number from 0 up to but not including 1";
    double value = 0;
    try {
        value = parseNumber(text, name);
    } catch (const ValidationError&) {
        throw ValidationError(name, text, allowed);
    }
    if (!(value >= 0 && value < 1))
        throw ValidationError(name, text, allowed);
    return value;
}

/// A whole number of at least 1, written in digits only.
int parseCountAtLeastOne(const std::string& name, const std::string& text) {
    const std::string allowed = "a whole number of at least 1";
    // Up to 9 digits always fit an int; no count this program uses comes near that.
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        throw ValidationError(name, text, allowed);
    const int value = std::stoi(text);
    if (value < 1)
        throw ValidationError(name, text, allowed);
    return value;
}

bool parseBool(const std::string& name, const std::string& text) {
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    throw ValidationError(name, text, "true or false");
}

}  // namespace

std::string toString(EventReaderRule rule) {
    switch (rule) {
        case EventReaderRule::AllAgree:
            return "all_agree";
        case EventReaderRule::AnyReader:
            return "any_reader";
        case EventReaderRule::FirstReader:
            return "first_reader";
    }
    throw InternalError("unknown EventReaderRule");
}

std::string toString(AsdasCoefficients coefficients) {
    switch (coefficients) {
        case AsdasCoefficients::Asas2dp:
            return "asas_2dp";
        case AsdasCoefficients::Lukas3dp:
            return "lukas_3dp";
    }
    throw InternalError("unknown AsdasCoefficients");
}

EventReaderRule parseEventReaderRule(const std::string& text) {
    for (auto rule : {EventReaderRule::AllAgree, EventReaderRule::AnyReader, EventReaderRule::FirstReader})
        if (toString(rule) == text)
            return rule;
    throw ValidationError("progression.event_reader_rule", text, "all_agree, any_reader or first_reader");
}

AsdasCoefficients parseAsdasCoefficients(const std::string& text) {
    for (auto set : {AsdasCoefficients::Asas2dp, AsdasCoefficients::Lukas3dp})
        if (toString(set) == text)
            return set;
    throw ValidationError("asdas.coefficients", text, "asas_2dp or lukas_3dp");
}

std::vector<std::pair<std::string, std::string>> Settings::describe() const {
    return {
        {"msasss.max_missing_per_segment", std::to_string(msasss.maxMissingPerSegment)},
        {"progression.count_bridging_as_new_syndesmophyte",
         progression.countBridgingAsNewSyndesmophyte ? "true" : "false"},
        {"progression.event_reader_rule", toString(progression.eventReaderRule)},
        {"progression.standard_interval_max_years", formatNumber(progression.standardIntervalMaxYears)},
        {"progression.min_change_units", formatNumber(progression.minChangeUnits)},
        {"progression.min_rate_per_year", formatNumber(progression.minRatePerYear)},
        {"progression.recommended_min_interval_years", formatNumber(progression.recommendedMinIntervalYears)},
        {"asdas.coefficients", toString(asdas.coefficients)},
        {"treatment.exposed_fraction", formatNumber(treatment.exposedFraction)},
        {"ctss.max_missing_fraction_per_segment", formatNumber(ctss.maxMissingFractionPerSegment)},
        {"ctss.progression_units", formatNumber(ctss.progressionUnits)},
        {"ctss.progression_quadrants", std::to_string(ctss.progressionQuadrants)},
        {"reading.adjudicated_overrides", reading.adjudicatedOverrides ? "true" : "false"},
    };
}

void Settings::set(const std::string& name, const std::string& value) {
    if (name == "msasss.max_missing_per_segment") {
        // 0 to 11: at least one assessable site must remain in a segment of 12.
        if (value.size() > 2 || value.find_first_not_of("0123456789") != std::string::npos || value.empty() ||
            std::stoi(value) > 11)
            throw ValidationError(name, value, "a whole number from 0 to 11");
        msasss.maxMissingPerSegment = std::stoi(value);
    } else if (name == "progression.count_bridging_as_new_syndesmophyte") {
        progression.countBridgingAsNewSyndesmophyte = parseBool(name, value);
    } else if (name == "progression.event_reader_rule") {
        progression.eventReaderRule = parseEventReaderRule(value);
    } else if (name == "progression.standard_interval_max_years") {
        progression.standardIntervalMaxYears = parsePositive(name, value);
    } else if (name == "progression.min_change_units") {
        progression.minChangeUnits = parsePositive(name, value);
    } else if (name == "progression.min_rate_per_year") {
        progression.minRatePerYear = parsePositive(name, value);
    } else if (name == "progression.recommended_min_interval_years") {
        progression.recommendedMinIntervalYears = parsePositive(name, value);
    } else if (name == "asdas.coefficients") {
        asdas.coefficients = parseAsdasCoefficients(value);
    } else if (name == "treatment.exposed_fraction") {
        treatment.exposedFraction = parsePositive(name, value, 1.0);  // 0 would call no days exposed
    } else if (name == "ctss.max_missing_fraction_per_segment") {
        ctss.maxMissingFractionPerSegment = parseFractionBelowOne(name, value);
    } else if (name == "ctss.progression_units") {
        ctss.progressionUnits = parsePositive(name, value);
    } else if (name == "ctss.progression_quadrants") {
        ctss.progressionQuadrants = parseCountAtLeastOne(name, value);
    } else if (name == "reading.adjudicated_overrides") {
        reading.adjudicatedOverrides = parseBool(name, value);
    } else {
        throw ValidationError("setting name", name, "one of the settings named in docs/methods.md");
    }
}

}  // namespace ankylos::core
