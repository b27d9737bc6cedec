// ankylos-cli calc, end to end: the JSON contract of issue "The foundation" and the refusal of bad
// input (exit 2, nothing on stdout, a message naming the field, the value and what is allowed).
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

using Json = nlohmann::ordered_json;  // the order of keys is part of the contract

/// Runs a command that must succeed and returns its JSON.
Json calc(const std::vector<std::string>& arguments) {
    std::vector<std::string> all = {"calc"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    const CliResult result = runCli(all);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << "one JSON object on one line: " << result.out;
    return Json::parse(result.out);
}

/// Runs a command that must be refused; every expected fragment must appear in the message.
void expectRefused(const std::vector<std::string>& arguments, const std::vector<std::string>& fragments) {
    std::vector<std::string> all = {"calc"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    const CliResult result = runCli(all);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.out, "") << "nothing on stdout when input is refused";
    for (const std::string& fragment : fragments)
        EXPECT_NE(result.err.find(fragment), std::string::npos)
            << "'" << fragment << "' not in: " << result.err;
}

std::string grades(const std::string& compact) {
    // "0000..." (24 characters, N = NA) -> "0,0,0,...".
    std::string text;
    for (char c : compact) {
        if (!text.empty())
            text += ',';
        text += c == 'N' ? std::string("NA") : std::string(1, c);
    }
    return text;
}

const std::string kZeros = grades(std::string(24, '0'));

// ---- basdai ----------------------------------------------------------------------------------

TEST(CliBasdai, PrintsScoreAndActiveFlag) {
    const Json out = calc({"basdai", "1", "2", "3", "4", "5", "10"});
    EXPECT_EQ(out, Json::parse(R"({"basdai": 3.5, "active": false})"));
    EXPECT_EQ(out.begin().key(), "basdai");
    EXPECT_EQ(calc({"basdai", "4", "4", "4", "4", "4", "4"})["active"], true);  // 4.0 is active
    EXPECT_NEAR(calc({"basdai", "2", "10", "7", "1", "9", "3"})["basdai"].get<double>(), 5.2, 1e-12);
}

TEST(CliBasdai, RefusesOutOfRangeItemsAndWrongCounts) {
    expectRefused({"basdai", "1", "2", "3", "4", "5", "11"}, {"Q6", "11", "0 to 10"});
    expectRefused({"basdai", "-1", "2", "3", "4", "5", "6"}, {"Q1", "-1"});
    expectRefused({"basdai", "1", "2", "x", "4", "5", "6"}, {"Q3", "x"});
    expectRefused({"basdai", "1", "2", "3", "4", "5"}, {});
}

// ---- asdas -----------------------------------------------------------------------------------

const std::vector<std::string> kFives = {"asdas", "--back",       "5", "--duration", "5", "--global",
                                         "5",     "--peripheral", "5"};

std::vector<std::string> fivesWith(const std::vector<std::string>& more) {
    std::vector<std::string> arguments = kFives;
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

TEST(CliAsdas, CrpPeerVectorAndContractFields) {
    const Json out = calc(fivesWith({"--crp", "10"}));
    EXPECT_NEAR(out["asdas"].get<double>(), 3.19, 0.005);
    EXPECT_EQ(out["state"], "high");
    EXPECT_EQ(out["marker"], "crp");
    EXPECT_EQ(out["crp_used_mg_l"], 10.0);
    EXPECT_EQ(out["coefficients"], "asas_2dp");
    std::vector<std::string> keys;
    for (auto it = out.begin(); it != out.end(); ++it)
        keys.push_back(it.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"asdas", "state", "marker", "crp_used_mg_l", "coefficients"}));
}

TEST(CliAsdas, CrpFloorUnitAndDetectionLimit) {
    const double atTwo = calc(fivesWith({"--crp", "2"}))["asdas"];
    for (const char* low : {"0", "1", "1.99"}) {
        const Json out = calc(fivesWith({"--crp", low}));
        EXPECT_DOUBLE_EQ(out["asdas"].get<double>(), atTwo) << low;
        EXPECT_EQ(out["crp_used_mg_l"], 2.0);
    }
    const Json belowLod = calc(fivesWith({"--crp", "4", "--crp-below-lod"}));
    EXPECT_EQ(belowLod["crp_used_mg_l"], 2.0);
    const Json mgdl = calc(fivesWith({"--crp", "1.5", "--crp-unit", "mg/dL"}));
    EXPECT_EQ(mgdl["crp_used_mg_l"], 15.0);
    EXPECT_DOUBLE_EQ(mgdl["asdas"].get<double>(), calc(fivesWith({"--crp", "15"}))["asdas"].get<double>());
}

TEST(CliAsdas, EsrAndCoefficientSets) {
    const Json esr = calc(fivesWith({"--esr", "20"}));
    EXPECT_EQ(esr["marker"], "esr");
    // 0.08x5 + 0.07x5 + 0.11x5 + 0.09x5 + 0.29 sqrt(20)
    EXPECT_NEAR(esr["asdas"].get<double>(), 1.75 + 0.29 * std::sqrt(20.0), 1e-12);
    const Json lukas = calc(fivesWith({"--crp", "10", "--coefficients", "lukas_3dp"}));
    EXPECT_EQ(lukas["coefficients"], "lukas_3dp");
    EXPECT_NEAR(lukas["asdas"].get<double>(),
                0.121 * 5 + 0.058 * 5 + 0.110 * 5 + 0.073 * 5 + 0.579 * std::log(11.0), 1e-12);
}

TEST(CliAsdas, StatesAtTheCutOffs) {
    // With all items 0, ASDAS-ESR = 0.29 sqrt(ESR): solve for the cut-offs.
    const auto stateFor = [](double esr) {
        return calc({"asdas", "--back", "0", "--duration", "0", "--global", "0", "--peripheral", "0", "--esr",
                     std::to_string(esr)})["state"]
            .get<std::string>();
    };
    EXPECT_EQ(stateFor(0), "inactive");
    EXPECT_EQ(stateFor(25), "low");         // 0.29 x 5 = 1.45
    EXPECT_EQ(stateFor(60), "high");        // 2.25
    EXPECT_EQ(stateFor(150), "very_high");  // 3.55
}

TEST(CliAsdas, RefusesBadInput) {
    expectRefused(
        {"asdas", "--back", "11", "--duration", "5", "--global", "5", "--peripheral", "5", "--crp", "3"},
        {"back", "11", "0 to 10"});
    expectRefused(fivesWith({"--crp", "600"}), {"CRP", "600", "500"});
    expectRefused(fivesWith({"--crp", "3", "--crp-unit", "g/L"}), {"CRP unit", "g/L", "mg/L"});
    expectRefused(fivesWith({"--crp", "3", "--esr", "10"}), {});
    expectRefused(fivesWith({}), {"--crp", "--esr"});
    expectRefused(fivesWith({"--esr", "250"}), {"ESR", "250", "200"});
    expectRefused(fivesWith({"--crp", "3", "--coefficients", "new"}), {"coefficients", "new"});
    expectRefused({"asdas", "--back", "5", "--duration", "5", "--peripheral", "5", "--crp", "3"},
                  {"--global"});
}

// ---- msasss ----------------------------------------------------------------------------------

TEST(CliMsasss, ImputesAndReportsImputedSites) {
    const Json out = calc({"msasss", grades("N22222111000"
                                            "000000000003")});
    EXPECT_NEAR(out["cervical"].get<double>(), 13.0 * 12 / 11, 1e-12);
    EXPECT_EQ(out["lumbar"], 3.0);
    EXPECT_NEAR(out["total"].get<double>(), 13.0 * 12 / 11 + 3, 1e-12);
    EXPECT_EQ(out["imputed_cervical"], 1);
    EXPECT_EQ(out["imputed_lumbar"], 0);
    EXPECT_FALSE(out.contains("reason"));
}

TEST(CliMsasss, NotComputableIsNullWithAReason) {
    const Json out = calc({"msasss", grades("000000000000"
                                            "NNNN00000000")});
    EXPECT_TRUE(out["total"].is_null());
    EXPECT_TRUE(out["lumbar"].is_null());
    EXPECT_EQ(out["cervical"], 0.0);
    EXPECT_EQ(out["reason"], "not computable: 4 of 12 lumbar sites not assessable");
}

TEST(CliMsasss, ThresholdSettingCanBeChanged) {
    const Json out = calc({"msasss",
                           grades("000000000000"
                                  "NNNN11111111"),
                           "--setting", "msasss.max_missing_per_segment=4"});
    EXPECT_EQ(out["lumbar"], 12.0);
    EXPECT_EQ(out["imputed_lumbar"], 4);
    expectRefused({"msasss", kZeros, "--setting", "msasss.max_missing_per_segment=40"},
                  {"msasss.max_missing_per_segment", "40"});
}

TEST(CliMsasss, RefusesBadGradesNamingTheSite) {
    expectRefused({"msasss", grades("000040000000"
                                    "000000000000")},
                  {"C4_inf", "4", "0, 1, 2, 3 or NA"});
    expectRefused({"msasss", "0,0,0"}, {"24 values"});
    expectRefused({"msasss", kZeros + ",0"}, {"25 values"});
}

// ---- progression -----------------------------------------------------------------------------

TEST(CliProgression, ContractExample) {
    // C2_inf 0 -> 2 over 2020-01-01 .. 2022-01-20: +2 units and one new syndesmophyte.
    const Json out = calc({"progression", "--film", "2020-01-01:" + kZeros, "--film",
                           "2022-01-20:" + grades("200000000000"
                                                  "000000000000")});
    ASSERT_EQ(out["pairs"].size(), 1u);
    const Json& pair = out["pairs"][0];
    EXPECT_EQ(pair["from"], "2020-01-01");
    EXPECT_EQ(pair["to"], "2022-01-20");
    EXPECT_DOUBLE_EQ(pair["interval_years"].get<double>(), 750 / 365.25);
    EXPECT_EQ(pair["change"], 2.0);
    EXPECT_NEAR(pair["rate_per_year"].get<double>(), 0.97, 0.005);
    EXPECT_EQ(pair["units_criterion"], true);
    EXPECT_EQ(pair["new_syndesmophytes"], 1);
    EXPECT_EQ(pair["new_bridgings"], 0);
    EXPECT_EQ(pair["regressions"], 0);
    EXPECT_EQ(pair["progression"], true);
    EXPECT_EQ(pair["criteria"], Json::parse(R"(["units", "new_syndesmophyte"])"));
    EXPECT_TRUE(pair["note"].is_string());
    EXPECT_EQ(out["progressor"], true);
    EXPECT_EQ(out["settings"]["progression.min_change_units"], "2");
}

TEST(CliProgression, ThreeFilmsInAnyOrderGiveConsecutivePairsThenFirstToLast) {
    const Json out = calc({"progression", "--film",
                           "2024-01-01:" + grades("111100000000"
                                                  "000000000000"),
                           "--film", "2020-01-01:" + kZeros, "--film",
                           "2022-01-01:" + grades("100000000000"
                                                  "000000000000")});
    ASSERT_EQ(out["pairs"].size(), 3u);
    EXPECT_EQ(out["pairs"][0]["from"], "2020-01-01");
    EXPECT_EQ(out["pairs"][1]["to"], "2024-01-01");
    EXPECT_EQ(out["pairs"][2]["from"], "2020-01-01");
    EXPECT_EQ(out["pairs"][2]["to"], "2024-01-01");
    EXPECT_EQ(out["pairs"][0]["progression"], false);
    EXPECT_EQ(out["pairs"][1]["progression"], true);  // +3 in 2 years
    EXPECT_EQ(out["progressor"], true);
}

TEST(CliProgression, NotComputableFilmGivesNullChange) {
    const Json out = calc({"progression", "--film", "2020-01-01:" + kZeros, "--film",
                           "2022-01-01:" + grades("NNNN00000000"
                                                  "000000000000")});
    const Json& pair = out["pairs"][0];
    EXPECT_TRUE(pair["change"].is_null());
    EXPECT_TRUE(pair["units_criterion"].is_null());
    EXPECT_TRUE(pair["rate_per_year"].is_null());
    EXPECT_EQ(pair["progression"], false);
    EXPECT_EQ(out["progressor"], false);
}

TEST(CliProgression, RefusesBadFilms) {
    expectRefused({"progression", "--film", "2020-01-01:" + kZeros, "--film", "2020-01-01:" + kZeros},
                  {"2020-01-01", "one film per date"});
    expectRefused({"progression", "--film", "2020-02-30:" + kZeros, "--film", "2022-01-01:" + kZeros},
                  {"2020-02-30", "YYYY-MM-DD"});
    expectRefused({"progression", "--film", "2020-01-01:" + kZeros}, {"at least two films"});
    expectRefused({"progression", "--film", kZeros, "--film", "2022-01-01:" + kZeros}, {"DATE:G1"});
    expectRefused({"progression", "--film", "2020-01-01:" + kZeros, "--film",
                   "2022-01-01:" + grades(std::string(23, '0') + "7")},
                  {"S1_sup", "7"});
}

// ---- bmd -------------------------------------------------------------------------------------

TEST(CliBmd, WhoCategoryFromTheLowestTScore) {
    const Json out =
        calc({"bmd", "--sex", "F", "--birth", "1960-05-01", "--scan", "2024-03-01", "--postmenopausal",
              "--site", "lumbar:0.95:-1.2:-0.1", "--site", "femoral_neck:0.70:-1.8:-0.5"});
    EXPECT_EQ(out["category"], "osteopenia");
    EXPECT_EQ(out["basis"], "T-score");
    EXPECT_EQ(out["sites_used"], Json::parse(R"(["lumbar", "femoral_neck"])"));
    EXPECT_TRUE(out["lumbar_flag"].is_null());
}

TEST(CliBmd, LumbarSyndesmophytesUseTheHipSitesOnly) {
    const Json out = calc({"bmd", "--sex", "M", "--birth", "1960-05-01", "--scan", "2024-03-01", "--site",
                           "lumbar:1.30:-2.6:-2.0", "--site", "femoral_neck:0.80:-1.1:-0.5", "--site",
                           "total_hip:0.90:-0.9:-0.4", "--lumbar-syndesmophytes"});
    EXPECT_EQ(out["category"], "osteopenia");  // not osteoporosis: the lumbar T-score is not used
    EXPECT_EQ(out["sites_used"], Json::parse(R"(["femoral_neck", "total_hip"])"));
    EXPECT_EQ(out["lumbar_flag"], "possibly falsely elevated by syndesmophytes");
}

TEST(CliBmd, YoungerMenUseTheZScore) {
    const Json out = calc({"bmd", "--sex", "M", "--birth", "1980-05-01", "--scan", "2024-03-01", "--site",
                           "lumbar:0.80:-2.8:-2.0"});
    EXPECT_EQ(out["category"], "below_expected_range_for_age");
    EXPECT_EQ(out["basis"], "Z-score");
}

TEST(CliBmd, NotComputableWhenOnlyAFlaggedLumbarSpineWasMeasured) {
    const Json out = calc({"bmd", "--sex", "M", "--birth", "1960-05-01", "--scan", "2024-03-01", "--site",
                           "lumbar:1.30:-2.6:-2.0", "--lumbar-syndesmophytes"});
    EXPECT_TRUE(out["category"].is_null());
    EXPECT_NE(out["reason"].get<std::string>().find("no hip site"), std::string::npos) << out.dump();
}

TEST(CliBmd, RefusesBadSites) {
    const std::vector<std::string> base = {
        "bmd", "--sex", "F", "--birth", "1960-05-01", "--scan", "2024-03-01", "--postmenopausal", "--site"};
    auto with = [&](const std::string& site) {
        std::vector<std::string> arguments = base;
        arguments.push_back(site);
        return arguments;
    };
    expectRefused(with("spine:0.9:-1:-1"), {"spine", "lumbar"});
    expectRefused(with("lumbar:3.0:-1:-1"), {"3", "0.2 to 2.5"});
    expectRefused(with("lumbar:0.9:-9:-1"), {"-9", "-8 to 8"});
    expectRefused(with("lumbar:0.9"), {"SITE:BMD:T:Z"});
    expectRefused(
        {"bmd", "--sex", "X", "--birth", "1960-05-01", "--scan", "2024-03-01", "--site", "lumbar:0.9:-1:-1"},
        {"sex", "X", "M or F"});
    expectRefused(
        {"bmd", "--sex", "M", "--birth", "2025-05-01", "--scan", "2024-03-01", "--site", "lumbar:0.9:-1:-1"},
        {"2024-03-01"});
}

// ---- dates and --today (docs/methods.md 8: no date in the future) ------------------------------

TEST(CliDates, BmdRefusesAScanOrBirthAfterToday) {
    const std::vector<std::string> site = {"--site", "femoral_neck:0.70:-1.8:-0.5"};
    auto bmd = [&](const std::string& birth, const std::string& scan, const std::string& today) {
        std::vector<std::string> arguments = {"bmd", "--sex", "M", "--birth", birth, "--scan", scan};
        if (!today.empty()) {
            arguments.push_back("--today");
            arguments.push_back(today);
        }
        arguments.insert(arguments.end(), site.begin(), site.end());
        return arguments;
    };
    expectRefused(bmd("1960-05-01", "2024-03-02", "2024-03-01"),
                  {"--scan", "2024-03-02", "not after today (2024-03-01)"});
    expectRefused(bmd("2024-03-05", "2024-03-01", "2024-03-01"),
                  {"--birth", "2024-03-05", "not after today"});
    EXPECT_EQ(calc(bmd("1960-05-01", "2024-03-01", "2024-03-01"))["age_at_scan"], 63)
        << "today itself is allowed";
    // Without --today the local date: a scan in 2999 lies in the future on any machine running this.
    expectRefused(bmd("1960-05-01", "2999-01-01", ""), {"--scan", "2999-01-01", "not after today"});
}

TEST(CliDates, ProgressionRefusesAFilmAfterToday) {
    const std::vector<std::string> films = {"progression", "--film", "2020-01-01:" + kZeros, "--film",
                                            "2022-01-20:" + kZeros};
    auto with = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> arguments = films;
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return arguments;
    };
    expectRefused(with({"--today", "2022-01-19"}),
                  {"--film date", "2022-01-20", "not after today (2022-01-19)"});
    EXPECT_EQ(calc(with({"--today", "2022-01-20"}))["pairs"].size(), 1u);
    expectRefused({"progression", "--film", "2020-01-01:" + kZeros, "--film", "2999-01-01:" + kZeros},
                  {"--film date", "2999-01-01", "not after today"});
}

TEST(CliDates, ABadTodayIsRefusedNamingTheOption) {
    for (const std::string bad : {"2024-02-30", "tomorrow", "2024-3-1", ""}) {
        const std::string named = "--today: " + (bad.empty() ? std::string("(empty)") : bad);
        expectRefused({"bmd", "--sex", "M", "--birth", "1960-05-01", "--scan", "2020-01-01", "--today", bad,
                       "--site", "femoral_neck:0.70:-1.8:-0.5"},
                      {named, "YYYY-MM-DD"});
        expectRefused({"progression", "--film", "2020-01-01:" + kZeros, "--film", "2022-01-20:" + kZeros,
                       "--today", bad},
                      {named, "YYYY-MM-DD"});
    }
}

// ---- exposure --------------------------------------------------------------------------------

std::vector<std::string> exposureArgs(const std::vector<std::string>& more) {
    std::vector<std::string> arguments = {"exposure", "--interval", "2020-01-01:2020-01-11", "--today",
                                          "2024-06-30"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

TEST(CliExposure, ContractLineOneKeyPerClassInSpecOrder) {
    // 10 days; TNF episodes overlap on 01-04 and 01-05 (counted once): 01-01..01-07 = 7 days;
    // the NSAID is ongoing from 01-06 through today: 01-06..01-10 = 5 days, exactly half.
    const CliResult result =
        runCli({"calc", "exposure", "--interval", "2020-01-01:2020-01-11", "--episode",
                "tnfi:2019-06-01:2020-01-05", "--episode", "nsaid:2020-01-06:", "--episode",
                "tnfi:2020-01-04:2020-01-07", "--today", "2024-06-30"});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(
        result.out,
        "{\"interval_days\":10,\"classes\":{\"nsaid\":{\"days\":5,\"fraction\":0.5,\"exposed\":true,"
        "\"at_start\":false},\"tnfi\":{\"days\":7,\"fraction\":0.7,\"exposed\":true,\"at_start\":true}}}\n");
}

TEST(CliExposure, BoundariesOfTheInterval) {
    struct Case {
        std::string episode;
        int days;
        bool atStart;
    };
    for (const Case& c :
         {Case{"csdmard:2019-01-01:2019-12-31", 0, false}, Case{"csdmard:2019-01-01:2020-01-01", 1, true},
          Case{"csdmard:2020-01-10:2020-02-01", 1, false}, Case{"csdmard:2020-01-11:2020-02-01", 0, false},
          Case{"csdmard:2020-01-06:2020-01-11", 5, false}, Case{"csdmard:2020-01-01", 10, true},
          Case{"csdmard:2020-01-01:", 10, true}}) {
        const Json out = calc(exposureArgs({"--episode", c.episode}));
        const Json& csdmard = out["classes"]["csdmard"];
        EXPECT_EQ(csdmard["days"], c.days) << c.episode;
        EXPECT_EQ(csdmard["fraction"].get<double>(), c.days / 10.0) << c.episode;
        EXPECT_EQ(csdmard["exposed"], c.days >= 5) << c.episode;
        EXPECT_EQ(csdmard["at_start"], c.atStart) << c.episode;
    }
    // An ongoing episode runs through --today; days from d2 on are outside the interval.
    const Json ongoing = calc({"exposure", "--interval", "2020-01-01:2020-01-11", "--episode",
                               "jaki:2020-01-09:", "--today", "2020-01-11"});
    EXPECT_EQ(ongoing["classes"]["jaki"]["days"], 2);
}

TEST(CliExposure, FullPrecisionSettingAndNoEpisodes) {
    const Json third = calc({"exposure", "--interval", "2020-01-01:2020-01-04", "--episode",
                             "il17i:2020-01-03:", "--today", "2024-06-30"});
    EXPECT_EQ(third["interval_days"], 3);
    EXPECT_EQ(third["classes"]["il17i"]["fraction"].get<double>(), 1.0 / 3.0);
    const std::vector<std::string> half = {"--episode", "glucocorticoid:2020-01-01:2020-01-05"};
    EXPECT_EQ(calc(exposureArgs(half))["classes"]["glucocorticoid"]["exposed"], true);
    std::vector<std::string> stricter = half;
    stricter.insert(stricter.end(), {"--setting", "treatment.exposed_fraction=0.6"});
    EXPECT_EQ(calc(exposureArgs(stricter))["classes"]["glucocorticoid"]["exposed"], false);
    EXPECT_EQ(calc(exposureArgs({})), Json::parse(R"({"interval_days": 10, "classes": {}})"));
    expectRefused(exposureArgs({"--setting", "treatment.exposed_fraction=0"}),
                  {"treatment.exposed_fraction", "0", "greater than 0 and at most 1"});
}

TEST(CliExposure, RefusesBadInputNamingFieldValueAndWhatIsAllowed) {
    const auto refusedInterval = [](const std::string& interval, const std::vector<std::string>& fragments) {
        expectRefused({"exposure", "--interval", interval, "--today", "2024-06-30"}, fragments);
    };
    refusedInterval("2020-01-01", {"--interval", "2020-01-01", "D1:D2"});
    refusedInterval("2020-01-01:2020-01-01",
                    {"--interval", "2020-01-01:2020-01-01", "an end after the start"});
    refusedInterval("2020-02-01:2020-01-01", {"an end after the start"});
    refusedInterval("2020-02-30:2020-03-01", {"--interval start", "2020-02-30", "YYYY-MM-DD"});
    refusedInterval("2020-01-01:2024-07-01", {"--interval end", "2024-07-01", "not after today"});
    struct Case {
        std::string episode;
        std::vector<std::string> fragments;
    };
    for (const Case& c :
         {Case{"tnf:2020-01-01:", {"--episode class", "tnf", "tnfi"}},
          Case{"tnfi", {"--episode", "tnfi", "CLASS:START:[STOP]"}},
          Case{"tnfi:2020-01-01:2020-02-01:x", {"--episode", "CLASS:START:[STOP]"}},
          Case{"tnfi:2020-13-01:", {"--episode start", "2020-13-01", "YYYY-MM-DD"}},
          Case{"tnfi:2020-01-05:2020-01-04", {"--episode stop", "2020-01-04", "not before"}},
          Case{"tnfi:2024-07-01:", {"--episode start", "2024-07-01", "not after today"}},
          Case{"tnfi:2020-01-01:2024-07-01", {"--episode stop", "2024-07-01", "not after today"}}})
        expectRefused(exposureArgs({"--episode", c.episode}), c.fragments);
    expectRefused({"exposure", "--episode", "tnfi:2020-01-01:"}, {"--interval"});
}

// ---- help and version ------------------------------------------------------------------------

TEST(CliHelp, EveryCommandExplainsItself) {
    const CliResult top = runCli({"--help"});
    EXPECT_EQ(top.exitCode, 0);
    EXPECT_NE(top.out.find("calc"), std::string::npos);
    const CliResult calcHelp = runCli({"calc", "--help"});
    EXPECT_EQ(calcHelp.exitCode, 0);
    for (const char* command : {"basdai", "asdas", "msasss", "progression", "bmd", "exposure"}) {
        EXPECT_NE(calcHelp.out.find(command), std::string::npos) << command;
        const CliResult help = runCli({"calc", command, "--help"});
        EXPECT_EQ(help.exitCode, 0) << command;
        EXPECT_NE(help.out.find("Example: ankylos-cli calc " + std::string(command)), std::string::npos)
            << help.out;
    }
}

TEST(CliHelp, EachCalculatorNamesItsSectionOfTheMethods) {
    const CliResult calcHelp = runCli({"calc", "--help"});
    EXPECT_NE(calcHelp.out.find("docs/methods.md"), std::string::npos) << calcHelp.out;
    EXPECT_EQ(calcHelp.out.find("spec "), std::string::npos) << calcHelp.out;
    const std::vector<std::pair<std::string, std::string>> sections = {{"basdai", "(methods 2)"},
                                                                       {"asdas", "(methods 3)"},
                                                                       {"bmd", "(methods 5)"},
                                                                       {"msasss", "(methods 1.3)"},
                                                                       {"progression", "(methods 1.5)"}};
    for (const auto& [command, section] : sections) {
        const CliResult help = runCli({"calc", command, "--help"});
        EXPECT_NE(help.out.find(section), std::string::npos) << command << ": " << help.out;
        EXPECT_EQ(help.out.find("clinical-rules"), std::string::npos) << command << ": " << help.out;
    }
}

TEST(CliHelp, VersionAndUnknownCommands) {
    const CliResult version = runCli({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_EQ(version.out.rfind("ankylos-cli ", 0), 0u) << version.out;
    EXPECT_EQ(runCli({"calc", "nosuch"}).exitCode, 2);
    EXPECT_EQ(runCli({}).exitCode, 2);
}

}  // namespace
}  // namespace ankylos::test
