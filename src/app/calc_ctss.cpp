// `ankylos-cli calc ctss` and `calc ctss-progression`: the CT Syndesmophyte Score of one reading and
// CTSS progression between two low-dose CT scans (docs/methods.md 12).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/calc_command.h"
#include "app/calc_support.h"
#include "core/ctss.h"
#include "core/ctss_progression.h"

namespace ankylos::app {

namespace {

// ---- ctss ------------------------------------------------------------------------------------

struct CtssArgs {
    std::string grades;
    std::vector<std::string> settings;
};

void runCtss(const CtssArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    const core::CtssScore score = core::scoreCtssReading(core::parseCtssReading(args.grades), settings.ctss);
    Json out;
    out["total"] = orNull(score.total);
    out["cervical"] = orNull(score.cervical.value);
    out["thoracic"] = orNull(score.thoracic.value);
    out["lumbar"] = orNull(score.lumbar.value);
    out["imputed_cervical"] = score.cervical.imputed;
    out["imputed_thoracic"] = score.thoracic.imputed;
    out["imputed_lumbar"] = score.lumbar.imputed;
    // Always present, so that every output has the same keys: null when the total is computable.
    out["reason"] = score.total ? Json(nullptr) : Json(score.reason);
    print(out);
}

// ---- ctss-progression ------------------------------------------------------------------------

struct CtssProgressionArgs {
    std::vector<std::string> scans;
    std::vector<std::string> settings;
    std::optional<std::string> today;
};

core::CtScan parseScanArgument(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw core::ValidationError("--scan", text.size() > 40 ? text.substr(0, 40) + "..." : text,
                                    "DATE:G1,...,G184, e.g. 2020-01-01:0,0,1,...");
    const std::string date = text.substr(0, colon);
    core::CtScan scan;
    scan.date = core::parseIsoDate(date, "--scan date");
    try {
        scan.readings.push_back(core::parseCtssReading(text.substr(colon + 1)));
    } catch (const core::ValidationError& e) {
        // Two scans' grades look alike: say which scan each problem is in.
        std::vector<core::Problem> problems = e.problems();
        for (core::Problem& problem : problems)
            problem.field = "--scan " + date + " " + problem.field;
        throw core::ValidationError(problems);
    }
    return scan;
}

void runCtssProgression(const CtssProgressionArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    const core::Date today = todayArgument(args.today);
    if (args.scans.size() != 2)
        throw core::ValidationError("--scan", std::to_string(args.scans.size()) + " scan(s)",
                                    "exactly two scans, the earlier first");
    std::vector<core::CtScan> scans;
    core::Validation problems;
    for (const std::string& scan : args.scans) {
        scans.push_back(parseScanArgument(scan));
        core::checkClinicalDate(problems, "--scan date", scans.back().date, std::nullopt, today);
    }
    problems.throwIfErrors();
    const core::CtssProgressionResult result = core::assessCtssProgression(scans[0], scans[1], settings);
    const std::string criterion = core::toString(result.criteria);
    Json out;
    out["interval_years"] = result.intervalYears;
    out["change"] = orNull(result.change);
    out["new_syndesmophytes"] = result.events.newSyndesmophytes;
    out["growing"] = result.events.growing;
    out["regressions"] = result.events.regressions;
    out["progression"] = result.progression ? Json(*result.progression) : Json(nullptr);
    out["criterion"] = criterion.empty() ? Json(nullptr) : Json(criterion);
    out["note"] = result.note;
    print(out);
}

const char* const kCtssFooter =
    "Example: ankylos-cli calc ctss 0,0,1,2,NA,0,...  (184 grades)\n"
    "Quadrants C2_inf_ant, C2_inf_post, C2_inf_left, C2_inf_right, C3_sup_ant, ... S1_sup_right: 23 "
    "vertebral\n"
    "units C2/C3 to L5/S1, each the upper vertebra's lower endplate then the lower vertebra's upper "
    "endplate,\n"
    "each anterior, posterior, left, right. Grades: 0 none, 1 syndesmophyte < 50 % of the disc space,\n"
    "2 >= 50 %, 3 bridging, NA not assessable.\n"
    "Prints total (0-552), cervical (0-144), thoracic (0-264), lumbar (0-144), null when not computable, "
    "the\n"
    "imputed quadrants per segment, and reason (null when the total is computable). A segment with more "
    "than\n"
    "ctss.max_missing_fraction_per_segment (default 0.25) of its quadrants not assessable is not computable.";

const char* const kCtssProgressionFooter =
    "Example: ankylos-cli calc ctss-progression --scan 2020-01-01:0,0,...,0 --scan 2022-01-10:1,1,1,0,...,0\n"
    "Progression: CTSS change >= ctss.progression_units (default 14.4), or new (0 -> 1-3) or growing\n"
    "(1 -> 2-3, 2 -> 3) syndesmophytes in at least ctss.progression_quadrants (default 3) quadrants.\n"
    "criterion is units, quadrants, units_and_quadrants, or null when there is no progression;\n"
    "progression is null when the change is not computable and the quadrant criterion is not met.";

}  // namespace

void addCalcCtssCommands(CLI::App& calc) {
    auto ctss = std::make_shared<CtssArgs>();
    CLI::App* ctssCommand =
        calc.add_subcommand("ctss", "CT Syndesmophyte Score of one low-dose CT reading (methods 12)");
    ctssCommand
        ->add_option("grades", ctss->grades,
                     "184 grades in quadrant order C2_inf_ant..S1_sup_right, each 0, 1, 2, 3 or NA (not "
                     "assessable), separated by commas")
        ->required();
    addSettingOption(*ctssCommand, ctss->settings);
    ctssCommand->footer(kCtssFooter);
    ctssCommand->callback([ctss] { runCtss(*ctss); });

    auto progression = std::make_shared<CtssProgressionArgs>();
    CLI::App* progressionCommand = calc.add_subcommand(
        "ctss-progression", "CTSS progression between two low-dose CT scans (methods 12)");
    progressionCommand
        ->add_option("--scan", progression->scans, "DATE:G1,...,G184, the earlier scan then the later")
        ->required();
    addSettingOption(*progressionCommand, progression->settings);
    addTodayOption(*progressionCommand, progression->today);
    progressionCommand->footer(kCtssProgressionFooter);
    progressionCommand->callback([progression] { runCtssProgression(*progression); });
}

}  // namespace ankylos::app
