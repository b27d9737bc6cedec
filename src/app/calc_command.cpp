#include "app/calc_command.h"

#include <CLI/CLI.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/calc_support.h"
#include "core/asdas.h"
#include "core/basdai.h"
#include "core/bmd.h"
#include "core/exposure.h"
#include "core/format.h"
#include "core/patient.h"
#include "core/progression.h"
#include "storage/json_codec.h"

namespace ankylos::app {

namespace {

// ---- basdai ----------------------------------------------------------------------------------

void runBasdai(const std::vector<std::string>& items) {
    core::Validation problems;
    std::array<std::optional<double>, core::kBasdaiItemCount> values;
    for (int i = 0; i < core::kBasdaiItemCount; ++i)
        values[i] = numberArgument(items[i], core::basdaiItemField(i + 1), problems);
    problems.throwIfErrors();
    const core::BasdaiInput input{values[0], values[1], values[2], values[3], values[4], values[5]};
    const core::BasdaiResult result = core::computeBasdai(input);
    print(Json{{"basdai", *result.value}, {"active", result.active}});
}

// ---- asdas -----------------------------------------------------------------------------------

struct AsdasArgs {
    std::string back, duration, global, peripheral;
    std::optional<std::string> crp, esr;
    std::string crpUnit = "mg/L";
    bool crpBelowLod = false;
    std::string coefficients = "asas_2dp";
};

void runAsdas(const AsdasArgs& args) {
    core::Validation problems;
    core::AsdasInput input;
    input.backPain = numberArgument(args.back, "ASDAS back pain (--back)", problems);
    input.morningStiffnessDuration =
        numberArgument(args.duration, "ASDAS morning stiffness duration (--duration)", problems);
    input.patientGlobal = numberArgument(args.global, "ASDAS patient global (--global)", problems);
    input.peripheralPain =
        numberArgument(args.peripheral, "ASDAS peripheral pain/swelling (--peripheral)", problems);
    if (args.crp.has_value() == args.esr.has_value())
        problems.addError("--crp / --esr", args.crp ? "both given" : "neither given",
                          "exactly one of --crp V or --esr V");
    std::optional<core::CrpMeasurement> crp;
    std::optional<double> esr;
    if (args.crp) {
        const auto value = numberArgument(*args.crp, "CRP (--crp)", problems);
        if (value)
            crp = core::CrpMeasurement{*value, core::parseCrpUnit(args.crpUnit), args.crpBelowLod};
    }
    if (args.esr)
        esr = numberArgument(*args.esr, "ESR (--esr)", problems);
    const core::AsdasSettings settings{core::parseAsdasCoefficients(args.coefficients)};
    problems.append(crp ? core::validateAsdasCrp(input, crp) : core::validateAsdasEsr(input, esr));
    problems.throwIfErrors();

    const core::AsdasResult result =
        crp ? core::computeAsdasCrp(input, crp, settings) : core::computeAsdasEsr(input, esr, settings);
    Json out;
    out["asdas"] = *result.value;
    out["state"] = core::toString(*result.state);
    out["marker"] = core::toString(result.marker);
    if (crp)
        out["crp_used_mg_l"] = *result.crpUsedMgPerL;
    else
        out["esr_mm_h"] = *esr;
    out["coefficients"] = core::toString(result.settings.coefficients);
    print(out);
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
    if (!score.total)
        out["reason"] = score.reason;
    print(out);
}

// ---- progression -----------------------------------------------------------------------------

struct ProgressionArgs {
    std::vector<std::string> films;
    std::vector<std::string> settings;
    std::optional<std::string> today;
};

core::Film parseFilmArgument(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw core::ValidationError("--film", text, "DATE:G1,...,G24, e.g. 2020-01-01:0,0,1,...");
    return core::Film{core::parseIsoDate(text.substr(0, colon), "--film date"),
                      {core::parseReading(text.substr(colon + 1))}};
}

void runProgression(const ProgressionArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    const core::Date today = todayArgument(args.today);
    std::vector<core::Film> films;
    core::Validation problems;
    for (const std::string& film : args.films) {
        films.push_back(parseFilmArgument(film));
        core::checkClinicalDate(problems, "--film date", films.back().date, std::nullopt, today);
    }
    problems.throwIfErrors();
    if (films.size() < 2)
        throw core::ValidationError("--film", std::to_string(films.size()) + " film(s)",
                                    "at least two films");
    std::string line;
    storage::JsonWriter out(line);
    out.beginObject();
    storage::writeReviewMembers(out, core::reviewProgression(films, settings));
    out.endObject();
    std::cout << line << std::endl;
}

// ---- bmd ------------------------------------------------------------------------------------

struct BmdArgs {
    std::string sex, birth, scan;
    std::optional<std::string> today;
    bool postmenopausal = false;
    bool lumbarSyndesmophytes = false;
    std::vector<std::string> sites;
};

/// "SITE:BMD:T:Z[:VERTEBRAE]"; the spine defaults to L1-L4, the standard AP lumbar region.
core::BmdMeasurement parseSiteArgument(const std::string& text, core::Validation& problems) {
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    for (auto colon = text.find(':');; colon = text.find(':', start)) {
        parts.push_back(text.substr(start, colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    if (parts.size() != 4 && parts.size() != 5)
        throw core::ValidationError("--site", text, "SITE:BMD:T:Z, e.g. femoral_neck:0.70:-1.8:-0.5");
    core::BmdMeasurement measurement;
    measurement.site = core::parseBmdSite(parts[0], "--site");
    const std::string name = "BMD " + parts[0];
    measurement.bmd = numberArgument(parts[1], name + " g/cm2", problems).value_or(0);
    measurement.tScore = numberArgument(parts[2], name + " T-score", problems);
    measurement.zScore = numberArgument(parts[3], name + " Z-score", problems);
    if (measurement.site == core::BmdSite::LumbarSpine)
        measurement.vertebrae =
            core::parseVertebrae(parts.size() == 5 ? parts[4] : "L1-L4", name + " vertebrae");
    return measurement;
}

void runBmd(const BmdArgs& args) {
    core::Validation problems;
    const core::Sex sex = core::parseSex(args.sex, "--sex");
    const core::Date birth = core::parseIsoDate(args.birth, "--birth");
    core::BmdScan scan{core::parseIsoDate(args.scan, "--scan"), {}};
    const core::Date today = todayArgument(args.today);
    core::checkClinicalDate(problems, "--birth", birth, std::nullopt, today);
    core::checkClinicalDate(problems, "--scan", scan.date, birth, today);
    for (const std::string& site : args.sites)
        scan.measurements.push_back(parseSiteArgument(site, problems));
    problems.throwIfErrors();
    if (args.postmenopausal && sex == core::Sex::Male)
        throw core::ValidationError("--postmenopausal", "given for a man", "only for --sex F");
    // Without --postmenopausal a woman is taken as premenopausal (ISCD Z-score rules).
    const std::optional<bool> postmenopausal =
        sex == core::Sex::Female ? std::optional<bool>(args.postmenopausal) : std::nullopt;
    const core::BmdClassification result =
        core::classifyBmd(scan, sex, birth, postmenopausal, args.lumbarSyndesmophytes);
    Json sitesUsed = Json::array();
    for (core::BmdSite site : result.sitesUsed)
        sitesUsed.push_back(core::toString(site));
    Json out;
    out["category"] = result.category ? Json(core::toString(*result.category)) : Json(nullptr);
    out["basis"] = result.basis ? Json(core::toString(*result.basis)) : Json(nullptr);
    out["sites_used"] = sitesUsed;
    out["lumbar_flag"] = result.lumbarFlag.empty() ? Json(nullptr) : Json(result.lumbarFlag);
    out["age_at_scan"] = result.ageAtScan;
    if (!result.category)
        out["reason"] = result.reason;
    print(out);
}

// ---- exposure --------------------------------------------------------------------------------

struct ExposureArgs {
    std::string interval;
    std::vector<std::string> episodes;
    std::vector<std::string> settings;
    std::optional<std::string> today;
};

/// "D1:D2": the interval [D1, D2) between two films; both dates are refused after today (docs/methods.md 8).
std::pair<core::Date, core::Date> parseIntervalArgument(const std::string& text, core::Date today) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || text.find(':', colon + 1) != std::string::npos)
        throw core::ValidationError("--interval", text,
                                    "D1:D2 as YYYY-MM-DD:YYYY-MM-DD, e.g. 2020-01-01:2022-01-01");
    const core::Date from = core::parseIsoDate(text.substr(0, colon), "--interval start");
    const core::Date to = core::parseIsoDate(text.substr(colon + 1), "--interval end");
    core::Validation problems;
    core::checkClinicalDate(problems, "--interval start", from, std::nullopt, today);
    core::checkClinicalDate(problems, "--interval end", to, std::nullopt, today);
    if (to <= from)
        problems.addError("--interval", text,
                          "an end after the start (the interval [D1, D2) needs at least a day)");
    problems.throwIfErrors();
    return {from, to};
}

/// "CLASS:START:[STOP]"; an empty or absent STOP is an ongoing episode (through --today).
core::ClassSpan parseEpisodeArgument(const std::string& text, core::Date today) {
    const auto first = text.find(':');
    const auto second = first == std::string::npos ? first : text.find(':', first + 1);
    if (first == std::string::npos ||
        (second != std::string::npos && text.find(':', second + 1) != std::string::npos))
        throw core::ValidationError(
            "--episode", text,
            "CLASS:START:[STOP], e.g. tnfi:2020-03-01:2021-06-30 or tnfi:2020-03-01: (ongoing)");
    core::ClassSpan span;
    span.drugClass = core::parseDrugClass(text.substr(0, first), "--episode class");
    const std::string start =
        text.substr(first + 1, second == std::string::npos ? second : second - first - 1);
    span.start = core::parseIsoDate(start, "--episode start");
    const std::string stop = second == std::string::npos ? std::string() : text.substr(second + 1);
    if (!stop.empty())
        span.stop = core::parseIsoDate(stop, "--episode stop");
    core::Validation problems;
    core::checkClinicalDate(problems, "--episode start", span.start, std::nullopt, today);
    if (span.stop) {
        core::checkClinicalDate(problems, "--episode stop", *span.stop, std::nullopt, today);
        if (*span.stop < span.start)
            problems.addError("--episode stop", stop, "not before the episode's start (" + start + ")");
    }
    problems.throwIfErrors();
    return span;
}

void runExposure(const ExposureArgs& args) {
    const core::Settings settings = settingsFrom(args.settings);
    const core::Date today = todayArgument(args.today);
    const auto [from, to] = parseIntervalArgument(args.interval, today);
    std::vector<core::ClassSpan> spans;
    for (const std::string& episode : args.episodes)
        spans.push_back(parseEpisodeArgument(episode, today));
    const core::ExposureResult result = core::computeExposure(from, to, spans, today, settings.treatment);
    if (!result.computable())
        throw InternalError(result.reason);  // parseIntervalArgument refuses an interval without days
    Json classes = Json::object();
    for (const core::ClassExposure& exposure : result.classes)
        classes[core::toString(exposure.drugClass)] = Json{{"days", exposure.days},
                                                           {"fraction", exposure.fraction},
                                                           {"exposed", exposure.exposed},
                                                           {"at_start", exposure.atStart}};
    print(Json{{"interval_days", *result.intervalDays}, {"classes", classes}});
}

}  // namespace

void addCalcCommand(CLI::App& app) {
    CLI::App* calc =
        app.add_subcommand("calc", "Apply one clinical rule to one case and print the result as JSON");
    calc->require_subcommand(1);
    calc->footer(
        "Invalid input exits with status 2 and a message naming the field, the value and what is allowed.\n"
        "Dates after today (the local date, or --today YYYY-MM-DD) are refused (methods 8).\n"
        "Numbers are printed at full double precision.\n"
        "\"methods 2\" is section 2 of docs/methods.md, Ankylos's clinical methods (installed as\n"
        "share/doc/ankylos/methods.md): every formula, cut-off, unit and setting, with its reference.");

    auto basdaiItems = std::make_shared<std::vector<std::string>>();
    CLI::App* basdai = calc->add_subcommand("basdai", "BASDAI from its six items (methods 2)");
    basdai->add_option("items", *basdaiItems, "Q1 Q2 Q3 Q4 Q5 Q6, each 0-10 (numeric rating scale)")
        ->expected(core::kBasdaiItemCount)
        ->required();
    basdai->footer(
        "Example: ankylos-cli calc basdai 1 2 3 4 5 10\n"
        "Prints {\"basdai\": 3.5, \"active\": false}; active disease is BASDAI >= 4.0.");
    basdai->callback([basdaiItems] { runBasdai(*basdaiItems); });

    auto asdas = std::make_shared<AsdasArgs>();
    CLI::App* asdasCommand = calc->add_subcommand("asdas", "ASDAS-CRP or ASDAS-ESR (methods 3)");
    asdasCommand->add_option("--back", asdas->back, "Back pain, 0-10 (BASDAI Q2)")->required();
    asdasCommand->add_option("--duration", asdas->duration, "Duration of morning stiffness, 0-10 (BASDAI Q6)")
        ->required();
    asdasCommand->add_option("--global", asdas->global, "Patient global assessment of disease activity, 0-10")
        ->required();
    asdasCommand->add_option("--peripheral", asdas->peripheral, "Peripheral pain/swelling, 0-10 (BASDAI Q3)")
        ->required();
    asdasCommand->add_option("--crp", asdas->crp, "CRP value (0-500 mg/L); below 2 mg/L counts as 2");
    asdasCommand->add_option("--crp-unit", asdas->crpUnit, "mg/L (default) or mg/dL (x10)");
    asdasCommand->add_flag("--crp-below-lod", asdas->crpBelowLod,
                           "CRP was reported below the assay's detection limit (2 mg/L is used)");
    asdasCommand->add_option("--esr", asdas->esr, "ESR in mm/h (0-200), instead of --crp");
    asdasCommand->add_option("--coefficients", asdas->coefficients, "asas_2dp (default) or lukas_3dp");
    asdasCommand->footer(
        "Example: ankylos-cli calc asdas --back 5 --duration 5 --global 5 --peripheral 5 --crp 10\n"
        "States: inactive < 1.3 <= low < 2.1 <= high <= 3.5 < very_high.");
    asdasCommand->callback([asdas] { runAsdas(*asdas); });

    auto bmd = std::make_shared<BmdArgs>();
    CLI::App* bmdCommand = calc->add_subcommand("bmd", "BMD category from DXA T/Z-scores (methods 5)");
    bmdCommand->add_option("--sex", bmd->sex, "M or F")->required();
    bmdCommand->add_option("--birth", bmd->birth, "Date of birth, YYYY-MM-DD")->required();
    bmdCommand->add_option("--scan", bmd->scan, "Scan date, YYYY-MM-DD (age is taken on this date)")
        ->required();
    bmdCommand->add_flag("--postmenopausal", bmd->postmenopausal,
                         "The woman is postmenopausal (WHO T-score rules)");
    bmdCommand
        ->add_option("--site", bmd->sites,
                     "SITE:BMD:T:Z with SITE lumbar, femoral_neck, total_hip or radius_33, BMD in g/cm2 "
                     "(0.2-2.5), device T and Z (-8 to 8); lumbar may add :VERTEBRAE (default L1-L4)")
        ->required();
    addTodayOption(*bmdCommand, bmd->today);
    bmdCommand->add_flag("--lumbar-syndesmophytes", bmd->lumbarSyndesmophytes,
                         "The nearest film (within a year) shows lumbar syndesmophytes: hip sites only");
    bmdCommand->footer(
        "Example: ankylos-cli calc bmd --sex F --birth 1960-05-01 --scan 2024-03-01 --postmenopausal \\\n"
        "             --site lumbar:0.95:-1.2:-0.1 --site femoral_neck:0.70:-1.8:-0.5\n"
        "Men >= 50 and postmenopausal women: normal / osteopenia / osteoporosis from the lowest T-score;\n"
        "others: below_expected_range_for_age / within_expected_range_for_age from the lowest Z-score.");
    bmdCommand->callback([bmd] { runBmd(*bmd); });

    auto msasss = std::make_shared<MsasssArgs>();
    CLI::App* msasssCommand = calc->add_subcommand("msasss", "mSASSS of one reading (methods 1.3)");
    msasssCommand
        ->add_option("grades", msasss->grades,
                     "24 grades in site order C2_inf..S1_sup, each 0, 1, 2, 3 or NA (not assessable), "
                     "separated by commas")
        ->required();
    addSettingOption(*msasssCommand, msasss->settings);
    msasssCommand->footer(
        "Example: ankylos-cli calc msasss 0,0,1,2,NA,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3\n"
        "Prints total, cervical, lumbar (null when not computable, with a reason) and imputed sites per "
        "segment.");
    msasssCommand->callback([msasss] { runMsasss(*msasss); });

    auto progression = std::make_shared<ProgressionArgs>();
    CLI::App* progressionCommand =
        calc->add_subcommand("progression", "Radiographic progression between films (methods 1.5)");
    progressionCommand
        ->add_option("--film", progression->films, "DATE:G1,...,G24, one per film (at least two)")
        ->required();
    addSettingOption(*progressionCommand, progression->settings);
    addTodayOption(*progressionCommand, progression->today);
    progressionCommand->footer(
        "Example: ankylos-cli calc progression --film "
        "2020-01-01:0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 \\\n"
        "             --film 2022-01-20:1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
        "Pairs are consecutive films in date order, then first-to-last when there are 3 or more films.");
    progressionCommand->callback([progression] { runProgression(*progression); });

    auto exposure = std::make_shared<ExposureArgs>();
    CLI::App* exposureCommand =
        calc->add_subcommand("exposure", "Exposure to each drug class over an interval (methods 10)");
    exposureCommand
        ->add_option("--interval", exposure->interval,
                     "D1:D2, the interval [D1, D2) between two films, YYYY-MM-DD:YYYY-MM-DD")
        ->required();
    exposureCommand->add_option(
        "--episode", exposure->episodes,
        "CLASS:START:[STOP], one per episode (repeatable); CLASS nsaid, csdmard, tnfi, il17i, jaki, "
        "glucocorticoid or other; no STOP = ongoing (through today); START and STOP inclusive");
    addSettingOption(*exposureCommand, exposure->settings);
    addTodayOption(*exposureCommand, exposure->today);
    exposureCommand->footer(
        "Example: ankylos-cli calc exposure --interval 2020-01-01:2022-01-01 \\\n"
        "             --episode tnfi:2020-03-01:2021-02-28 --episode tnfi:2021-03-01: \\\n"
        "             --episode nsaid:2019-01-01:2020-06-30\n"
        "Prints {\"interval_days\":N,\"classes\":{\"nsaid\":{...},\"tnfi\":{\"days\":N,\"fraction\":F,\n"
        "\"exposed\":B,\"at_start\":B}}}, one key per class given. Overlapping episodes of a class\n"
        "count each day once; exposed: fraction >= treatment.exposed_fraction (default 0.5);\n"
        "at_start: an episode covers D1.");
    exposureCommand->callback([exposure] { runExposure(*exposure); });

    addCalcAgreementCommand(*calc);
    addCalcCtssCommands(*calc);
}

}  // namespace ankylos::app
