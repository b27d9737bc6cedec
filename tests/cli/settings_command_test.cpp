// `ankylos-cli settings` (issues 14 and 17): the clinic's named settings and DXA least significant
// changes, shown and changed with a reason; a change is an audit row, so `check` stays clean; bad
// input exits 2 naming the field, the value and what is allowed, and changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_engine.h"
#include "cli_runner.h"

namespace ankylos::test {
namespace {

class SettingsCommand : public CliOnEngine {
protected:
    SettingsCommand() { runCliOk({"init", m_db}); }
    nlohmann::json configuration() {
        return nlohmann::json::parse(runCliOk({"settings", m_db, "--json"}).out);
    }
};

TEST_P(SettingsCommand, ShowsEverySettingWithItsDefaultAndNoLsc) {
    const nlohmann::json shown = configuration();
    EXPECT_EQ(shown["settings"]["treatment.exposed_fraction"], "0.5");
    EXPECT_EQ(shown["settings"]["msasss.max_missing_per_segment"], "3");
    EXPECT_EQ(shown["settings"]["ctss.progression_units"], "14.4");
    EXPECT_TRUE(shown["lsc"].empty());
    EXPECT_NE(runCliOk({"settings", m_db}).out.find("No least significant change configured"),
              std::string::npos);
}

TEST_P(SettingsCommand, ChangesAreAuditedAndCheckStaysClean) {
    runCliOk({"settings", m_db, "--set", "treatment.exposed_fraction=0.75", "--lsc",
              "Hologic:Horizon A:lumbar=0.028", "--lsc", "GE Lunar:iDXA:femoral_neck=0.033", "--reason",
              "protocol v2", "--user", "dr.li"});
    runCliOk({"settings", m_db, "--lsc", "GE Lunar:iDXA:femoral_neck=none", "--reason",
              "entered for the wrong site"});
    const nlohmann::json shown = configuration();
    EXPECT_EQ(shown["settings"]["treatment.exposed_fraction"], "0.75");
    ASSERT_EQ(shown["lsc"].size(), 1u) << shown.dump();
    EXPECT_EQ(shown["lsc"][0]["model"], "Horizon A");
    EXPECT_EQ(shown["lsc"][0]["site"], "lumbar");
    EXPECT_EQ(shown["lsc"][0]["lsc_g_cm2"], 0.028);
    const CliResult check = runCli({"check", m_db});
    EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
}

TEST_P(SettingsCommand, BadInputExits2NamingWhatIsAllowedAndChangesNothing) {
    struct Case {
        std::vector<std::string> arguments;
        std::vector<std::string> named;
    };
    const Case cases[] = {
        {{"--set", "treatment.exposed_fraction=0", "--reason", "x"},
         {"treatment.exposed_fraction", "0", "greater than 0 and at most 1"}},
        {{"--set", "no.such.setting=1", "--reason", "x"}, {"no.such.setting"}},
        {{"--set", "treatment.exposed_fraction", "--reason", "x"}, {"--set", "NAME=VALUE"}},
        {{"--set", "treatment.exposed_fraction=0.6"}, {"--reason"}},
        {{"--lsc", "Hologic:lumbar=0.02", "--reason", "x"}, {"--lsc", "MANUFACTURER:MODEL:SITE=G_CM2"}},
        {{"--lsc", "Hologic:Horizon A:spine=0.02", "--reason", "x"}, {"--lsc site", "spine"}},
        {{"--lsc", "Hologic:Horizon A:lumbar=-0.02", "--reason", "x"}, {"-0.02"}},
    };
    const std::string before = runCliOk({"settings", m_db, "--json"}).out;
    for (const Case& c : cases) {
        std::vector<std::string> arguments = {"settings", m_db};
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 2) << c.arguments[1];
        EXPECT_TRUE(result.out.empty()) << result.out;
        for (const std::string& word : c.named)
            EXPECT_NE(result.err.find(word), std::string::npos) << result.err;
    }
    EXPECT_EQ(runCliOk({"settings", m_db, "--json"}).out, before);
}

ANKYLOS_ON_BOTH_ENGINES(SettingsCommand);

}  // namespace
}  // namespace ankylos::test
