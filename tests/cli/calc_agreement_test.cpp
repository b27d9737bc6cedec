// ankylos-cli calc agreement, end to end: the JSON contract of issue 15 (docs/methods.md 11) and the
// refusal of bad input (exit 2, nothing on stdout, a message naming the field, the value and what is
// allowed). Tolerances: 1e-12 against exact fractions; 0.005 against figures published with 2 decimals.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

using Json = nlohmann::ordered_json;  // the order of keys is part of the contract

/// Runs `calc agreement` with these --reader values; it must succeed with one JSON line.
Json agreement(const std::vector<std::string>& readers) {
    std::vector<std::string> arguments = {"calc", "agreement"};
    for (const std::string& reader : readers)
        arguments.insert(arguments.end(), {"--reader", reader});
    const CliResult result = runCli(arguments);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << "one JSON object on one line: " << result.out;
    return Json::parse(result.out);
}

std::vector<std::string> keysOf(const Json& json) {
    std::vector<std::string> keys;
    for (const auto& item : json.items())
        keys.push_back(item.key());
    return keys;
}

const std::vector<std::string> kContractKeys = {
    "n", "k", "dropped", "icc_a1", "icc_ak", "sdc", "mean_difference", "loa_lower", "loa_upper"};

TEST(CliAgreement, ShroutFleissExampleGivesThePublishedIccs) {
    // Shrout and Fleiss (1979): 6 subjects x 4 readers; ICC(2,1) = 0.29, ICC(2,4) = 0.62. Exactly
    // (core's test works them by hand): 184/635 and 736/1187; MSE = 367/360.
    const Json out = agreement({"A:9,6,8,7,10,6", "B:2,1,4,1,5,2", "C:5,3,6,2,6,4", "D:8,2,8,6,9,7"});
    EXPECT_EQ(keysOf(out), kContractKeys) << out.dump();
    EXPECT_EQ(out["n"], 6);
    EXPECT_EQ(out["k"], 4);
    EXPECT_EQ(out["dropped"], 0);
    EXPECT_NEAR(out["icc_a1"].get<double>(), 184.0 / 635, 1e-12);
    EXPECT_NEAR(out["icc_ak"].get<double>(), 736.0 / 1187, 1e-12);
    EXPECT_NEAR(out["icc_a1"].get<double>(), 0.29, 0.005);
    EXPECT_NEAR(out["icc_ak"].get<double>(), 0.62, 0.005);
    EXPECT_NEAR(out["sdc"].get<double>(), 1.96 * std::sqrt(367.0 / 360 / 4), 1e-12);
    for (const char* key : {"mean_difference", "loa_lower", "loa_upper"})
        EXPECT_TRUE(out[key].is_null()) << key << ": Bland-Altman is for two readers only";
}

TEST(CliAgreement, TwoReadersGiveBlandAltmanAndNaSubjectsAreDropped) {
    // Differences A - B: 2, 0, -2, 4; mean 1, sample SD sqrt(20/3). The NA subjects are left out.
    const Json out = agreement({"Reader A:10,12,NA,7,15,NA", "Reader B:8,12,3,9,11,NA"});
    EXPECT_EQ(keysOf(out), kContractKeys) << out.dump();
    EXPECT_EQ(out["n"], 4);
    EXPECT_EQ(out["k"], 2);
    EXPECT_EQ(out["dropped"], 2);
    const double sd = std::sqrt(20.0 / 3);
    EXPECT_NEAR(out["mean_difference"].get<double>(), 1, 1e-12);
    EXPECT_NEAR(out["loa_lower"].get<double>(), 1 - 1.96 * sd, 1e-12);
    EXPECT_NEAR(out["loa_upper"].get<double>(), 1 + 1.96 * sd, 1e-12);
    // Two readers: MSE = var(difference) / 2, so SDC = 1.96 SD / (sqrt 2 sqrt 2) (Bruynesteyn).
    EXPECT_NEAR(out["sdc"].get<double>(), 1.96 * sd / 2, 1e-12);
    EXPECT_TRUE(out["icc_a1"].is_number());
}

TEST(CliAgreement, FiguresThatCannotBeComputedAreNullWithAReason) {
    const Json one = agreement({"A:1,NA,3", "B:1,2,NA"});
    EXPECT_EQ(one["n"], 1);
    EXPECT_EQ(one["dropped"], 2);
    for (const char* key : {"icc_a1", "icc_ak", "sdc", "mean_difference", "loa_lower", "loa_upper"})
        EXPECT_TRUE(one[key].is_null()) << key;
    EXPECT_EQ(
        one["reason"],
        "not computable: agreement needs at least 2 subjects scored by every reader (1; 2 left out for a "
        "missing score)");

    const Json equal = agreement({"A:2,2,2", "B:2,2,2", "C:2,2,2"});
    EXPECT_TRUE(equal["icc_a1"].is_null());
    EXPECT_TRUE(equal["icc_ak"].is_null());
    EXPECT_EQ(equal["sdc"], 0.0);
    EXPECT_NE(equal["reason"].get<std::string>().find("every score is 2"), std::string::npos) << equal.dump();

    const Json huge = agreement({"A:1e308,-1e308,3", "B:1e308,2,3"});
    for (const char* key : {"icc_a1", "icc_ak", "sdc", "mean_difference", "loa_lower", "loa_upper"})
        EXPECT_TRUE(huge[key].is_null()) << key;
    EXPECT_NE(huge["reason"].get<std::string>().find("too large"), std::string::npos) << huge.dump();

    const Json two = agreement({"A:3,6", "B:4,6"});
    EXPECT_EQ(two["n"], 2);
    EXPECT_TRUE(two["icc_a1"].is_number());
    EXPECT_FALSE(two.contains("reason")) << two.dump();
}

TEST(CliAgreement, RefusesBadInputNamingFieldValueAndWhatIsAllowed) {
    struct Case {
        std::vector<std::string> readers;
        std::vector<std::string> fragments;
    };
    const std::vector<Case> cases = {
        {{}, {"--reader: 0 given", "at least 2 readers"}},
        {{"A:1,2,3"}, {"--reader: 1 given", "at least 2 readers"}},
        {{"A:1,2,3", "B:1,2"}, {"--reader B: 2 scores", "as many scores as reader A (3)"}},
        {{"Reader A:1,2", "reader a:1,2"},
         {"--reader name: reader a", "names match without regard to case", "Reader A was given already"}},
        {{"É:1,2", "é:3,4"}, {"--reader name: é", "É was given already"}},
        {{"A:1,x,3", "B:1,2,3"}, {"--reader A score 2: x", "a number, or NA for no score"}},
        {{"A:1,na", "B:1,2"}, {"--reader A score 2: na", "or NA"}},
        {{"A:1,,3", "B:1,2,3"}, {"--reader A score 2: (empty)", "a number, or NA"}},
        {{"A:1,<2", "B:1,2"}, {"--reader A score 2: <2", "without \"<\""}},
        {{"A:1,inf", "B:1,2"}, {"--reader A score 2: inf"}},
        {{"A1,2", "B:1,2"}, {"--reader: A1,2", "NAME:v1,v2,...,vn"}},
        {{":1,2", "B:1,2"}, {"--reader: :1,2", "a reader's name, a colon"}},
        {{"A\x01:1,2", "B:1,2"}, {"--reader name: A<U+0001>", "control characters"}},
    };
    for (const Case& c : cases) {
        std::vector<std::string> arguments = {"calc", "agreement"};
        for (const std::string& reader : c.readers)
            arguments.insert(arguments.end(), {"--reader", reader});
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 2) << result.out;
        EXPECT_EQ(result.out, "") << "nothing on stdout when input is refused";
        for (const std::string& fragment : c.fragments)
            EXPECT_NE(result.err.find(fragment), std::string::npos)
                << "'" << fragment << "' not in: " << result.err;
    }
}

TEST(CliAgreement, EveryProblemIsReportedAtOnce) {
    const CliResult result = runCli({"calc", "agreement", "--reader", "A:1,x,3", "--reader", "a:1,2"});
    EXPECT_EQ(result.exitCode, 2);
    for (const char* fragment : {"--reader A score 2: x", "--reader name: a", "--reader a: 2 scores"})
        EXPECT_NE(result.err.find(fragment), std::string::npos) << fragment << " not in: " << result.err;
}

TEST(CliAgreement, HelpNamesTheMethodsSectionAndAnExample) {
    const CliResult calcHelp = runCli({"calc", "--help"});
    EXPECT_NE(calcHelp.out.find("agreement"), std::string::npos) << calcHelp.out;
    const CliResult help = runCli({"calc", "agreement", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("(methods 11)"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("Example: ankylos-cli calc agreement"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace ankylos::test
