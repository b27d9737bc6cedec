#include "app/calc_support.h"

#include <CLI/CLI.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <iostream>

#include "core/format.h"

namespace ankylos::app {

Json orNull(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json agreementJson(const core::AgreementResult& result) {
    const std::optional<core::BlandAltman>& ba = result.blandAltman;
    Json out{{"n", result.subjects},
             {"k", result.readers},
             {"dropped", result.dropped},
             {"icc_a1", orNull(result.iccA1)},
             {"icc_ak", orNull(result.iccAk)},
             {"sdc", orNull(result.sdc)},
             {"mean_difference", ba ? Json(ba->meanDifference) : Json(nullptr)},
             {"loa_lower", ba ? Json(ba->loaLower) : Json(nullptr)},
             {"loa_upper", ba ? Json(ba->loaUpper) : Json(nullptr)}};
    if (result.exceedingSdc)
        out["exceeding_sdc"] = *result.exceedingSdc;
    if (!result.reason.empty())
        out["reason"] = result.reason;
    return out;
}

void print(const Json& json) {
    std::cout << json.dump() << std::endl;
}

core::Settings settingsFrom(const std::vector<std::string>& assignments) {
    core::Settings settings;
    for (const std::string& assignment : assignments) {
        const auto equals = assignment.find('=');
        if (equals == std::string::npos)
            throw core::ValidationError("--setting", assignment,
                                        "NAME=VALUE, e.g. msasss.max_missing_per_segment=3");
        settings.set(assignment.substr(0, equals), assignment.substr(equals + 1));
    }
    return settings;
}

void addSettingOption(CLI::App& command, std::vector<std::string>& assignments) {
    command.add_option("--setting", assignments,
                       "Override a named setting of the clinical methods, NAME=VALUE (repeatable); defaults: "
                       "msasss.max_missing_per_segment=3, progression.event_reader_rule=all_agree, ...");
}

core::Date todayArgument(const std::optional<std::string>& text) {
    return text ? core::parseIsoDate(*text, "--today") : boost::gregorian::day_clock::local_day();
}

void addTodayOption(CLI::App& command, std::optional<std::string>& today) {
    command.add_option(
        "--today", today,
        "The date taken as today, YYYY-MM-DD (default: the local date), for reproducible runs; "
        "dates after it are refused (methods 8)");
}

std::optional<double> numberArgument(const std::string& text, const std::string& field,
                                     core::Validation& problems) {
    try {
        return core::parseNumber(text, field);
    } catch (const core::ValidationError& e) {
        for (const core::Problem& problem : e.problems())
            problems.addError(problem.field, problem.value, problem.allowed);
        return std::nullopt;
    }
}

}  // namespace ankylos::app
