// ankylos-cli calc ctss and calc ctss-progression, end to end: the JSON contract of issue 16 and the
// refusal of bad input (exit 2, nothing on stdout, a message naming the quadrant, the value and what
// is allowed).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

using Json = nlohmann::ordered_json;  // the order of keys is part of the contract

Json calc(const std::vector<std::string>& arguments) {
    std::vector<std::string> all = {"calc"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    const CliResult result = runCli(all);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << "one JSON object on one line: " << result.out;
    return Json::parse(result.out);
}

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

std::vector<std::string> keysOf(const Json& json) {
    std::vector<std::string> keys;
    for (auto it = json.begin(); it != json.end(); ++it)
        keys.push_back(it.key());
    return keys;
}

/// 184 comma-separated grades: cervical (48), thoracic (88) and lumbar (48) quadrants, each segment
/// given as its first grades ('N' = NA), the rest 0.
std::string grades(const std::string& cervical = "", const std::string& thoracic = "",
                   const std::string& lumbar = "") {
    std::string text;
    const auto add = [&text](const std::string& start, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            const char c = i < start.size() ? start[i] : '0';
            text += (text.empty() ? "" : ",") + (c == 'N' ? std::string("NA") : std::string(1, c));
        }
    };
    add(cervical, 48);
    add(thoracic, 88);
    add(lumbar, 48);
    return text;
}

std::string times(int n, char c) {
    return std::string(static_cast<std::size_t>(n), c);
}

// ---- ctss ------------------------------------------------------------------------------------

TEST(CliCtss, PrintsSegmentsTotalImputedCountsAndANullReason) {
    const Json out = calc({"ctss", grades("123", "3333", "11")});
    EXPECT_EQ(out, Json::parse(R"({"total": 20.0, "cervical": 6.0, "thoracic": 12.0, "lumbar": 2.0,
        "imputed_cervical": 0, "imputed_thoracic": 0, "imputed_lumbar": 0, "reason": null})"));
    EXPECT_EQ(keysOf(out),
              (std::vector<std::string>{"total", "cervical", "thoracic", "lumbar", "imputed_cervical",
                                        "imputed_thoracic", "imputed_lumbar", "reason"}));
    EXPECT_EQ(calc({"ctss", grades(times(48, '3'), times(88, '3'), times(48, '3'))})["total"], 552.0);
}

TEST(CliCtss, ImputesUpToAQuarterOfASegment) {
    // 22 of 88 thoracic quadrants NA, the other 66 summing to 2: 2 x 88 / 66.
    const Json out = calc({"ctss", grades("", times(22, 'N') + "2", times(12, 'N') + "333")});
    EXPECT_NEAR(out["thoracic"].get<double>(), 2.0 * 88 / 66, 1e-12);
    EXPECT_NEAR(out["lumbar"].get<double>(), 12.0, 1e-12);
    EXPECT_EQ(out["imputed_thoracic"], 22);
    EXPECT_EQ(out["imputed_lumbar"], 12);
    EXPECT_TRUE(out["reason"].is_null());
}

TEST(CliCtss, NotComputableIsNullWithAReason) {
    const Json out = calc({"ctss", grades(times(13, 'N'))});
    EXPECT_TRUE(out["total"].is_null());
    EXPECT_TRUE(out["cervical"].is_null());
    EXPECT_EQ(out["thoracic"], 0.0);
    EXPECT_EQ(out["imputed_cervical"], 0);
    EXPECT_EQ(out["reason"],
              "not computable: 13 of 48 cervical quadrants not assessable (at most 12 can be imputed)");
}

TEST(CliCtss, FractionSettingCanBeChanged) {
    const Json out = calc(
        {"ctss", grades(times(13, 'N') + "1"), "--setting", "ctss.max_missing_fraction_per_segment=0.3"});
    EXPECT_NEAR(out["cervical"].get<double>(), 48.0 / 35, 1e-12);
    EXPECT_EQ(out["imputed_cervical"], 13);
    expectRefused({"ctss", grades(), "--setting", "ctss.max_missing_fraction_per_segment=1"},
                  {"ctss.max_missing_fraction_per_segment", "1", "up to but not including 1"});
}

TEST(CliCtss, RefusesBadGradesNamingTheQuadrant) {
    // T7_sup_left is thoracic quadrant 47 (unit T6/T7, the lower vertebra's left quadrant).
    expectRefused({"ctss", grades("", times(46, '0') + "4")}, {"T7_sup_left", "4", "0, 1, 2, 3 or NA"});
    expectRefused({"ctss", grades("x", "", times(47, '0') + "9")}, {"C2_inf_ant", "x", "S1_sup_right", "9"});
    expectRefused({"ctss", grades().substr(2)}, {"183 values", "184 values"});
    expectRefused({"ctss", grades() + ",0"}, {"185 values"});
    expectRefused({"ctss", "0,0,0"}, {"3 values"});
}

// ---- ctss-progression ------------------------------------------------------------------------

std::vector<std::string> progression(const std::string& first, const std::string& second,
                                     const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments = {"ctss-progression", "--scan",    first, "--scan", second,
                                          "--today",          "2025-01-01"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

TEST(CliCtssProgression, ContractFieldsInOrder) {
    // Five lumbar quadrants 0 -> 3 over 2020-01-01 .. 2022-01-01: +15 units and 5 new syndesmophytes.
    const Json out = calc(progression("2020-01-01:" + grades(), "2022-01-01:" + grades("", "", "33333")));
    EXPECT_DOUBLE_EQ(out["interval_years"].get<double>(), 731 / 365.25);
    EXPECT_EQ(out["change"], 15.0);
    EXPECT_EQ(out["new_syndesmophytes"], 5);
    EXPECT_EQ(out["growing"], 0);
    EXPECT_EQ(out["regressions"], 0);
    EXPECT_EQ(out["progression"], true);
    EXPECT_EQ(out["criterion"], "units_and_quadrants");
    EXPECT_EQ(keysOf(out),
              (std::vector<std::string>{"interval_years", "change", "new_syndesmophytes", "growing",
                                        "regressions", "progression", "criterion", "note"}));
    EXPECT_TRUE(out["note"].is_string());
}

TEST(CliCtssProgression, EachCriterionAloneAndNeither) {
    // Three quadrants with new or growing syndesmophytes, change 3: the quadrant criterion.
    Json out = calc(progression("2020-01-01:" + grades("", "001"), "2022-01-01:" + grades("", "112")));
    EXPECT_EQ(out["new_syndesmophytes"], 2);
    EXPECT_EQ(out["growing"], 1);
    EXPECT_EQ(out["progression"], true);
    EXPECT_EQ(out["criterion"], "quadrants");
    // The change comes from quadrants NA on the earlier scan: no events, the units criterion alone.
    out = calc(
        progression("2020-01-01:" + grades(times(12, 'N')), "2022-01-01:" + grades(times(8, 'N') + "3333")));
    EXPECT_NEAR(out["change"].get<double>(), 14.4, 1e-9);
    EXPECT_EQ(out["new_syndesmophytes"], 0);
    EXPECT_EQ(out["criterion"], "units");
    // Regressions are counted, and are never progression.
    out = calc(progression("2020-01-01:" + grades("", "32"), "2022-01-01:" + grades("", "21")));
    EXPECT_EQ(out["regressions"], 2);
    EXPECT_EQ(out["change"], -2.0);
    EXPECT_EQ(out["progression"], false);
    EXPECT_TRUE(out["criterion"].is_null());
}

TEST(CliCtssProgression, NotComputableChangeGivesNullUnlessTheQuadrantsDecide) {
    const std::string missing = "2020-01-01:" + grades(times(13, 'N'));
    Json out = calc(progression(missing, "2022-01-01:" + grades("", "11")));
    EXPECT_TRUE(out["change"].is_null());
    EXPECT_TRUE(out["progression"].is_null());
    EXPECT_TRUE(out["criterion"].is_null());
    EXPECT_NE(out["note"].get<std::string>().find("not evaluable"), std::string::npos) << out["note"];
    out = calc(progression(missing, "2022-01-01:" + grades("", "111")));
    EXPECT_TRUE(out["change"].is_null());
    EXPECT_EQ(out["progression"], true);
    EXPECT_EQ(out["criterion"], "quadrants");
}

TEST(CliCtssProgression, SettingsChangeTheThresholds) {
    const auto twoNew = progression("2020-01-01:" + grades(), "2022-01-01:" + grades("", "11"),
                                    {"--setting", "ctss.progression_quadrants=2"});
    EXPECT_EQ(calc(twoNew)["criterion"], "quadrants");
    const auto threeUnits = progression("2020-01-01:" + grades(), "2022-01-01:" + grades("", "3"),
                                        {"--setting", "ctss.progression_units=3"});
    EXPECT_EQ(calc(threeUnits)["criterion"], "units");
    expectRefused(progression("2020-01-01:" + grades(), "2022-01-01:" + grades(),
                              {"--setting", "ctss.progression_quadrants=0"}),
                  {"ctss.progression_quadrants", "0", "whole number of at least 1"});
}

TEST(CliCtssProgression, RefusesBadScans) {
    expectRefused(progression("2020-01-01:" + grades(), "2022-01-01:" + grades("", times(46, '0') + "7")),
                  {"--scan 2022-01-01", "T7_sup_left", "7", "0, 1, 2, 3 or NA"});
    expectRefused(progression("2020-01-01:" + grades(), "2022-01-01:0,1"), {"2 values", "184 values"});
    expectRefused(progression("2022-01-01:" + grades(), "2020-01-01:" + grades()),
                  {"2022-01-01", "2020-01-01"});
    expectRefused(progression("2020-01-01:" + grades(), "2020-01-01:" + grades()), {"strictly before"});
    expectRefused(progression("2020-01-01:" + grades(), "2026-01-01:" + grades()), {"2026-01-01"});
    expectRefused(progression("2020-01-01", "2022-01-01:" + grades()), {"--scan", "DATE:G1,...,G184"});
    expectRefused(progression("2020-13-01:" + grades(), "2022-01-01:" + grades()),
                  {"--scan date", "2020-13-01"});
    expectRefused({"ctss-progression", "--scan", "2020-01-01:" + grades(), "--today", "2025-01-01"},
                  {"1 scan(s)", "exactly two scans"});
}

TEST(CliCtssHelp, NamesTheMethodsSectionAndGivesAnExample) {
    const CliResult calcHelp = runCli({"calc", "--help"});
    for (const std::string command : {"ctss", "ctss-progression"}) {
        EXPECT_NE(calcHelp.out.find(command), std::string::npos) << command;
        const CliResult help = runCli({"calc", command, "--help"});
        EXPECT_EQ(help.exitCode, 0) << command;
        EXPECT_NE(help.out.find("(methods 12)"), std::string::npos) << help.out;
        EXPECT_NE(help.out.find("Example: ankylos-cli calc " + command + " "), std::string::npos) << help.out;
        EXPECT_EQ(help.out.find("clinical-rules"), std::string::npos) << help.out;
    }
}

}  // namespace
}  // namespace ankylos::test
