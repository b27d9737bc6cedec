#include "app/calc_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/format.h"
#include "core/progression.h"

namespace ankylos::app {

namespace {

using Json = nlohmann::ordered_json;  // keys in the documented order

Json orNull(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

void print(const Json& json) { std::cout << json.dump() << std::endl; }

/// Applies every --setting NAME=VALUE to the spec defaults.
core::Settings settingsFrom(const std::vector<std::string>& assignments) {
    core::Settings settings;
    for (const std::string& assignment : assignments) {
        const auto equals = assignment.find('=');
        if (equals == std::string::npos)
            throw core::ValidationError("--setting", assignment, "NAME=VALUE, e.g. msasss.max_missing_per_segment=3");
        settings.set(assignment.substr(0, equals), assignment.substr(equals + 1));
    }
    return settings;
}

void addSettingOption(CLI::App& command, std::vector<std::string>& assignments) {
    command.add_option("--setting", assignments,
                       "Override a named setting of clinical-rules.md, NAME=VALUE (repeatable); defaults: "
                       "msasss.max_missing_per_segment=3, progression.event_reader_rule=all_agree, ...");
}

// ---- msasss ----------------------------------------------------------------------------------

struct MsasssArgs {
    std::string grades;
    std::vector<std::string> settings;
};

void runMsasss(const MsasssArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    const core::MsasssScore score = core::scoreReading(core::parseReading(args.grades), settings.msasss);
    Json out;
    out["total"] = orNull(score.total);
    out["cervical"] = orNull(score.cervical.value);
    out["lumbar"] = orNull(score.lumbar.value);
    out["imputed_cervical"] = score.cervical.imputed;
    out["imputed_lumbar"] = score.lumbar.imputed;
    if (!score.total) out["reason"] = score.reason;
    print(out);
}

// ---- progression -----------------------------------------------------------------------------

struct ProgressionArgs {
    std::vector<std::string> films;
    std::vector<std::string> settings;
};

core::Film parseFilmArgument(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw core::ValidationError("--film", text, "DATE:G1,...,G24, e.g. 2020-01-01:0,0,1,...");
    return core::Film{core::parseIsoDate(text.substr(0, colon), "--film date"),
                      {core::parseReading(text.substr(colon + 1))}};
}

Json toJson(const core::ProgressionResult& pair) {
    Json out;
    out["from"] = core::toIsoString(pair.from);
    out["to"] = core::toIsoString(pair.to);
    out["interval_years"] = pair.intervalYears;
    out["score_from"] = orNull(pair.scoreFrom);
    out["score_to"] = orNull(pair.scoreTo);
    out["change"] = orNull(pair.change);
    out["rate_per_year"] = orNull(pair.ratePerYear);
    out["units_criterion"] = pair.unitsCriterion ? Json(*pair.unitsCriterion) : Json(nullptr);
    out["new_syndesmophytes"] = pair.events.newSyndesmophytes;
    out["new_bridgings"] = pair.events.newBridgings;
    out["regressions"] = pair.events.regressions;
    out["progression"] = pair.progression;
    Json criteria = Json::array();
    for (auto criterion : pair.criteria) criteria.push_back(core::toString(criterion));
    out["criteria"] = criteria;
    out["note"] = pair.note;
    return out;
}

void runProgression(const ProgressionArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    std::vector<core::Film> films;
    for (const std::string& film : args.films) films.push_back(parseFilmArgument(film));
    if (films.size() < 2)
        throw core::ValidationError("--film", std::to_string(films.size()) + " film(s)", "at least two films");
    const core::ProgressionReview review = core::reviewProgression(films, settings);
    Json pairs = Json::array();
    for (const auto& pair : review.pairs) pairs.push_back(toJson(pair));
    Json settingsUsed;
    for (const auto& [name, value] : settings.describe()) settingsUsed[name] = value;
    print(Json{{"pairs", pairs}, {"progressor", review.progressor}, {"settings", settingsUsed}});
}

}  // namespace

void addCalcCommand(CLI::App& app) {
    CLI::App* calc = app.add_subcommand("calc", "Apply one clinical rule to one case and print the result as JSON");
    calc->require_subcommand(1);
    calc->footer(
        "Invalid input exits with status 2 and a message naming the field, the value and what is allowed.\n"
        "Numbers are printed at full double precision.");

    auto msasss = std::make_shared<MsasssArgs>();
    CLI::App* msasssCommand = calc->add_subcommand("msasss", "mSASSS of one reading (spec 1.3)");
    msasssCommand->add_option("grades", msasss->grades,
                              "24 grades in spec order C2_inf..S1_sup, each 0, 1, 2, 3 or NA (not assessable), "
                              "separated by commas")
        ->required();
    addSettingOption(*msasssCommand, msasss->settings);
    msasssCommand->footer(
        "Example: ankylos-cli calc msasss 0,0,1,2,NA,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3\n"
        "Prints total, cervical, lumbar (null when not computable, with a reason) and imputed sites per segment.");
    msasssCommand->callback([msasss] { runMsasss(*msasss); });

    auto progression = std::make_shared<ProgressionArgs>();
    CLI::App* progressionCommand =
        calc->add_subcommand("progression", "Radiographic progression between films (spec 1.5)");
    progressionCommand->add_option("--film", progression->films, "DATE:G1,...,G24, one per film (at least two)")
        ->required();
    addSettingOption(*progressionCommand, progression->settings);
    progressionCommand->footer(
        "Example: ankylos-cli calc progression --film 2020-01-01:0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 \\\n"
        "             --film 2022-01-20:1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
        "Pairs are consecutive films in date order, then first-to-last when there are 3 or more films.");
    progressionCommand->callback([progression] { runProgression(*progression); });
}

}  // namespace ankylos::app
