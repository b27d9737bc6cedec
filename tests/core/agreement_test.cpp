// Agreement between readers, SDC, Bland-Altman, kappa and discordance (docs/methods.md 11).
// Tolerances: 1e-12 against exact fractions worked by hand; 0.005 against figures published with
// 2 decimals.
#include "core/agreement.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ankylos::core {
namespace {

constexpr double kExact = 1e-12;
constexpr double kTwoDecimals = 0.005;

/// Readers as columns of a table given by rows (subjects); NAN = no score.
std::vector<ReaderScores> readersOf(const std::vector<std::vector<double>>& rows) {
    std::vector<ReaderScores> readers;
    for (std::size_t j = 0; j < rows.front().size(); ++j) {
        ReaderScores reader{"Reader " + std::string(1, static_cast<char>('A' + j)), {}};
        for (const std::vector<double>& row : rows)
            reader.scores.push_back(std::isnan(row[j]) ? std::nullopt : std::optional<double>(row[j]));
        readers.push_back(reader);
    }
    return readers;
}

// Shrout and Fleiss (1979), table 2: 6 targets (subjects) x 4 judges (readers).
const std::vector<std::vector<double>> kShroutFleiss = {
    {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7},
};

TEST(Agreement, ShroutFleissMeanSquaresWorkedByHand) {
    // Total 127 over 24 scores, sum of squares 841, C = 127^2 / 24 = 16129/24.
    // Row sums 24, 12, 26, 16, 30, 19: SSR = 2913/4 - C = 1349/24, MSR = SSR / 5 = 1349/120 (11.2417).
    // Column sums 46, 15, 26, 40: SSC = 4617/6 - C = 2339/24, MSC = SSC / 3 = 2339/72 (32.4861).
    // SST = 841 - C = 4055/24; SSE = SST - SSR - SSC = 367/24, MSE = SSE / 15 = 367/360 (1.0194).
    // Shrout and Fleiss print BMS 11.24, JMS 32.49, EMS 1.02.
    const AnovaTable anova = twoWayAnova(kShroutFleiss);
    EXPECT_EQ(anova.subjects, 6);
    EXPECT_EQ(anova.readers, 4);
    EXPECT_NEAR(anova.msr, 1349.0 / 120, kExact);
    EXPECT_NEAR(anova.msc, 2339.0 / 72, kExact);
    EXPECT_NEAR(anova.mse, 367.0 / 360, kExact);
}

TEST(Agreement, ShroutFleissIccMatchesThePublishedFigures) {
    // MSR - MSE = 3680/360. ICC(A,1) denominator: (4047 + 1101 + 7552) / 360 = 12700/360, so
    // ICC(A,1) = 3680/12700 = 184/635 (0.2898). ICC(A,k) denominator: 4047/360 + 11328/(360 x 6) =
    // 5935/360, so ICC(A,4) = 3680/5935 = 736/1187 (0.6201). Published: ICC(2,1) = 0.29, ICC(2,4) = 0.62.
    const AgreementResult result = assessAgreement(readersOf(kShroutFleiss), ScoreKind::Status);
    ASSERT_TRUE(result.computable()) << result.reason;
    EXPECT_EQ(result.subjects, 6);
    EXPECT_EQ(result.readers, 4);
    EXPECT_EQ(result.dropped, 0);
    ASSERT_TRUE(result.iccA1 && result.iccAk);
    EXPECT_NEAR(*result.iccA1, 184.0 / 635, kExact);
    EXPECT_NEAR(*result.iccAk, 736.0 / 1187, kExact);
    EXPECT_NEAR(*result.iccA1, 0.29, kTwoDecimals);
    EXPECT_NEAR(*result.iccAk, 0.62, kTwoDecimals);
    ASSERT_TRUE(result.sdc);
    EXPECT_NEAR(*result.sdc, 1.96 * std::sqrt(367.0 / 360 / 4), kExact);
    EXPECT_FALSE(result.blandAltman) << "Bland-Altman is for two readers only";
    EXPECT_FALSE(result.exceedingSdc) << "status scores: no change exceeds anything";
    EXPECT_EQ(result.reason, "");
}

TEST(Agreement, SubjectsLackingAScoreAreLeftOutAndCounted) {
    std::vector<std::vector<double>> withGaps = kShroutFleiss;
    withGaps.insert(withGaps.begin() + 2, {NAN, 3, 3, 3});
    withGaps.push_back({1, 1, NAN, NAN});
    withGaps.push_back({NAN, NAN, NAN, NAN});
    const AgreementResult result = assessAgreement(readersOf(withGaps), ScoreKind::Status);
    EXPECT_EQ(result.subjects, 6);
    EXPECT_EQ(result.dropped, 3);
    ASSERT_TRUE(result.iccA1);
    EXPECT_NEAR(*result.iccA1, 184.0 / 635, kExact) << "the figures use the complete subjects only";
}

TEST(Agreement, ConstantBiasLowersAbsoluteAgreement) {
    // Reader B scores every subject 1 higher. Rows 1,2 / 2,3 / 5,6: row means 1.5, 2.5, 5.5, grand 19/6;
    // SSR = 2 (25/9 + 4/9 + 49/9) = 52/3, MSR = 26/3; column means 8/3, 11/3: SSC = 3 (1/4 + 1/4),
    // MSC = 3/2; MSE = 0. ICC(A,1) = (26/3) / (26/3 + (2/3)(3/2)) = 26/29;
    // ICC(A,2) = (26/3) / (26/3 + (3/2)/3) = 52/55. Consistency alone would give 1.
    const AgreementResult result = assessAgreement(readersOf({{1, 2}, {2, 3}, {5, 6}}), ScoreKind::Status);
    ASSERT_TRUE(result.iccA1 && result.iccAk && result.sdc && result.blandAltman);
    EXPECT_NEAR(result.anova->msr, 26.0 / 3, kExact);
    EXPECT_NEAR(result.anova->msc, 1.5, kExact);
    EXPECT_NEAR(result.anova->mse, 0, kExact);
    EXPECT_NEAR(*result.iccA1, 26.0 / 29, kExact);
    EXPECT_NEAR(*result.iccAk, 52.0 / 55, kExact);
    EXPECT_NEAR(*result.sdc, 0, kExact);
    EXPECT_NEAR(result.blandAltman->meanDifference, -1, kExact);
    EXPECT_NEAR(result.blandAltman->sdDifference, 0, kExact);
}

TEST(Agreement, Boundaries) {
    struct Case {
        const char* name;
        std::vector<std::vector<double>> rows;
        bool anova;
        bool iccA1;
        bool iccAk;
        const char* reasonFragment;  // "" when every figure is there
    };
    const std::vector<Case> cases = {
        {"n = 1", {{3, 4}}, false, false, false, "at least 2 subjects scored by every reader (1; 0 left out"},
        {"n = 1 after dropping", {{3, 4}, {NAN, 4}}, false, false, false, "(1; 1 left out"},
        {"n = 0", {{NAN, 4}}, false, false, false, "(0; 1 left out"},
        {"n = 2", {{3, 4}, {6, 6}}, true, true, true, ""},
        {"k = 1", {{3}, {4}, {5}}, false, false, false, "at least 2 readers (1 reader given)"},
        {"all scores equal",
         {{14.4, 14.4}, {14.4, 14.4}, {14.4, 14.4}},
         true,
         false,
         false,
         "every score is 14.4"},
        // 3 x 40.9 / 3 is not 40.9 in binary: without the shift the mean squares come out near 1e-28.
        {"all scores equal, 6 x 3", std::vector<std::vector<double>>(6, {40.9, 40.9, 40.9}), true, false,
         false, "every score is 40.9"},
        {"all zero, 3 readers", {{0, 0, 0}, {0, 0, 0}}, true, false, false, "every score is 0"},
        // Row and column means all 0.5: MSR = MSC = 0, MSE = 1; both denominators vanish or turn negative.
        {"crossed, n = k = 2", {{0, 1}, {1, 0}}, true, false, false, "vary neither between subjects"},
        // The same with decimals: the denominator comes out near 1e-33, not 0, and still counts as zero.
        {"crossed with decimals",
         {{0.1, 0.2}, {0.2, 0.1}},
         true,
         false,
         false,
         "vary neither between subjects"},
        // MSR = MSC = 0, MSE = 1/2: ICC(A,1) = -(1/2) / (1/2 - (2/3)(1/2)) = -3; ICC(A,k)'s denominator
        // is -(1/2)/3 < 0.
        {"crossed, n = 3", {{0, 1}, {1, 0}, {0.5, 0.5}}, true, true, false, "is -0.1666666667, not positive"},
        {"perfect agreement", {{1, 1}, {2, 2}, {5, 5}}, true, true, true, ""},
        {"scores whose squares overflow",
         {{1e200, 1e200}, {-1e200, 2}, {3, 3}},
         false,
         false,
         false,
         "too large for the arithmetic"},
    };
    for (const Case& c : cases) {
        const AgreementResult result = assessAgreement(readersOf(c.rows), ScoreKind::Status);
        EXPECT_EQ(result.computable(), c.anova) << c.name;
        EXPECT_EQ(result.iccA1.has_value(), c.iccA1) << c.name;
        EXPECT_EQ(result.iccAk.has_value(), c.iccAk) << c.name;
        EXPECT_EQ(result.sdc.has_value(), c.anova) << c.name << ": the SDC needs only the table";
        EXPECT_NE(result.reason.find(c.reasonFragment), std::string::npos) << c.name << ": " << result.reason;
        if (std::string(c.reasonFragment).empty()) {
            EXPECT_EQ(result.reason, "") << c.name;
        }
    }
    const AnovaTable equal = twoWayAnova(std::vector<std::vector<double>>(6, {40.9, 40.9, 40.9}));
    EXPECT_EQ(equal.msr, 0);
    EXPECT_EQ(equal.msc, 0);
    EXPECT_EQ(equal.mse, 0);
    EXPECT_FALSE(iccAgreementSingle(equal));
    EXPECT_FALSE(iccAgreementMean(equal));
    const AnovaTable large =
        twoWayAnova(std::vector<std::vector<double>>(500, {14.4, 14.4, 14.4, 14.4, 14.4}));
    EXPECT_EQ(large.msr + large.msc + large.mse, 0) << "500 x 5 equal scores";
    const AnovaTable tiny = twoWayAnova({{40.9, 40.9}, {40.9, 40.9 * (1 + 1e-12)}});
    EXPECT_GT(tiny.mse, 0) << "a real difference of a relative 1e-12";
    const AgreementResult crossed =
        assessAgreement(readersOf({{0, 1}, {1, 0}, {0.5, 0.5}}), ScoreKind::Status);
    EXPECT_NEAR(*crossed.iccA1, -3, kExact);
    const AgreementResult perfect = assessAgreement(readersOf({{1, 1}, {2, 2}, {5, 5}}), ScoreKind::Status);
    EXPECT_NEAR(*perfect.iccA1, 1, kExact);
    EXPECT_NEAR(*perfect.iccAk, 1, kExact);
    EXPECT_EQ(assessAgreement({}, ScoreKind::Status).reason,
              "not computable: agreement needs at least 2 readers (0 readers given)");
}

TEST(Agreement, UnequalNumbersOfScoresAreRefusedNamingTheReader) {
    std::vector<ReaderScores> readers = readersOf({{1, 2}, {3, 4}});
    readers[1].scores.push_back(5);
    try {
        assessAgreement(readers, ScoreKind::Status);
        FAIL() << "unequal lengths must be refused";
    } catch (const ValidationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("scores of reader Reader B"), std::string::npos) << message;
        EXPECT_NE(message.find("3 scores"), std::string::npos) << message;
        EXPECT_NE(message.find("as many as reader Reader A (2)"), std::string::npos) << message;
    }
    EXPECT_THROW(twoWayAnova({{1, 2}, {3}}), InternalError);
    EXPECT_THROW(twoWayAnova({{1, 2}}), InternalError);
}

TEST(Agreement, TwoReadersSdcEqualsBruynesteyn) {
    // Change scores of 5 patients by two readers; differences A - B: 1, -1, 2, 0, 3 (mean 1, sample
    // variance (0 + 4 + 1 + 1 + 4) / 4 = 5/2). With k = 2, MSE = var(diff) / 2 = 5/4, so
    // 1.96 sqrt(MSE / 2) = 1.96 sqrt(5/8) = 1.96 SD(diff) / (sqrt 2 sqrt 2).
    const std::vector<std::vector<double>> rows = {{2, 1}, {0, 1}, {4, 2}, {1, 1}, {6, 3}};
    const AgreementResult result = assessAgreement(readersOf(rows), ScoreKind::Change);
    ASSERT_TRUE(result.sdc && result.blandAltman);
    EXPECT_NEAR(result.anova->mse, 5.0 / 4, kExact);
    const double bruynesteyn = 1.96 * result.blandAltman->sdDifference / (std::sqrt(2.0) * std::sqrt(2.0));
    EXPECT_NEAR(*result.sdc, bruynesteyn, kExact);
    EXPECT_NEAR(*result.sdc, 1.96 * std::sqrt(5.0 / 8), kExact);
    // Mean changes 1.5, 0.5, 3, 1, 4.5 against SDC 1.5495: 3 and 4.5 exceed it.
    ASSERT_TRUE(result.exceedingSdc);
    EXPECT_EQ(*result.exceedingSdc, 2);
}

TEST(Agreement, MeanChangeMustExceedTheSdc) {
    const std::vector<std::vector<double>> rows = {{2, 2}, {2.5, 1.5}, {2.0000001, 2}, {-5, -5}, {1, 1}};
    EXPECT_EQ(countExceedingSdc(rows, 2.0), 1) << "equal to the SDC is not beyond it; -5 is regression";
    EXPECT_EQ(countExceedingSdc(rows, 0.5), 4);
    EXPECT_EQ(countExceedingSdc({}, 0), 0);
}

TEST(Agreement, BlandAltmanUsesTheSampleSd) {
    // Differences 2, 0, -2, 4: mean 1, squared deviations 1 + 1 + 9 + 9 = 20, sample SD sqrt(20/3)
    // (the population SD, sqrt(5), would give narrower limits).
    const std::optional<BlandAltman> ba = blandAltman({{10, 8}, {12, 12}, {7, 9}, {15, 11}});
    ASSERT_TRUE(ba);
    EXPECT_NEAR(ba->meanDifference, 1, kExact);
    EXPECT_NEAR(ba->sdDifference, std::sqrt(20.0 / 3), kExact);
    EXPECT_NEAR(ba->loaLower, 1 - 1.96 * std::sqrt(20.0 / 3), kExact);
    EXPECT_NEAR(ba->loaUpper, 1 + 1.96 * std::sqrt(20.0 / 3), kExact);
    EXPECT_FALSE(blandAltman({{10, 8}})) << "n = 1 has no SD";
    EXPECT_FALSE(blandAltman({{10, 8, 1}, {1, 2, 3}})) << "three readers";
    const std::optional<BlandAltman> two = blandAltman({{1, 0}, {0, 0}});
    ASSERT_TRUE(two);
    EXPECT_NEAR(two->sdDifference, std::sqrt(0.5), kExact);
}

/// Site scores from text: 0-3 graded, N not assessable, - not scored.
std::vector<std::optional<SiteScore>> sites(const std::string& text) {
    std::vector<std::optional<SiteScore>> result;
    for (char c : text) {
        if (c == '-')
            result.push_back(std::nullopt);
        else if (c == 'N')
            result.push_back(SiteScore::notAssessable(NotAssessableReason::NotVisible));
        else
            result.push_back(SiteScore::graded(Site::C2_inf, c - '0'));
    }
    return result;
}

TEST(Agreement, KappaOnAHandWorkedTable) {
    // Present = grade 2 or 3. Assessable in both: 20 sites; a = 3 (both present), b = 1 (first only),
    // c = 2 (second only), d = 14. po = 17/20; first present 4, second 5: pe = (4 x 5 + 16 x 15) / 400 =
    // 13/20; kappa = (17/20 - 13/20) / (7/20) = 4/7. Grade 1 against 2 is a disagreement, 2 against 3 not.
    const std::string first =
        "233"
        "2"
        "00"
        "01010101010101"
        "N-2N";
    const std::string second =
        "332"
        "1"
        "23"
        "10100101011010"
        "2N-N";
    const SyndesmophyteKappa k = syndesmophyteKappa(sites(first), sites(second));
    EXPECT_EQ(k.sites, 20);
    EXPECT_EQ(k.leftOut, 4);
    EXPECT_EQ(k.bothPresent, 3);
    EXPECT_EQ(k.firstOnly, 1);
    EXPECT_EQ(k.secondOnly, 2);
    EXPECT_EQ(k.neither, 14);
    ASSERT_TRUE(k.kappa) << k.reason;
    EXPECT_NEAR(*k.observed, 17.0 / 20, kExact);
    EXPECT_NEAR(*k.expected, 13.0 / 20, kExact);
    EXPECT_NEAR(*k.kappa, 4.0 / 7, kExact);
}

TEST(Agreement, KappaBoundaries) {
    struct Case {
        const char* name;
        std::string first, second;
        std::optional<double> kappa;
        const char* reason;
    };
    const std::vector<Case> cases = {
        {"perfect", "0123", "1032", 1.0, ""},
        // a = 0, b = 2, c = 2, d = 0: po = 0, pe = 1/2, kappa = -1.
        {"opposite", "2200", "0022", -1.0, ""},
        {"every site absent for both", "0101", "1010", std::nullopt, "same category (chance agreement is 1)"},
        {"every site present for both", "23", "32", std::nullopt, "every one of the 2 sites"},
        {"nothing assessable in both", "N-2", "2N-", std::nullopt, "no site is assessable in both readings"},
        {"no sites", "", "", std::nullopt, "no site is assessable"},
    };
    for (const Case& c : cases) {
        const SyndesmophyteKappa k = syndesmophyteKappa(sites(c.first), sites(c.second));
        ASSERT_EQ(k.kappa.has_value(), c.kappa.has_value()) << c.name;
        if (c.kappa) {
            EXPECT_NEAR(*k.kappa, *c.kappa, kExact) << c.name;
        }
        EXPECT_NE(k.reason.find(c.reason), std::string::npos) << c.name << ": " << k.reason;
    }
    EXPECT_THROW(syndesmophyteKappa(sites("01"), sites("0")), InternalError);
}

TEST(Agreement, ProgressorStatusAgreement) {
    const std::optional<bool> yes = true, no = false, unknown;
    const ProgressorAgreement result = progressorAgreement(
        {{yes, yes}, {no, no}, {yes, no}, {no, yes}, {no, no}, {yes, unknown}, {unknown, unknown}});
    EXPECT_EQ(result.patients, 5);
    EXPECT_EQ(result.agreeing, 3);
    EXPECT_EQ(result.leftOut, 2);
    ASSERT_TRUE(result.share);
    EXPECT_NEAR(*result.share, 0.6, kExact);
    const ProgressorAgreement none = progressorAgreement({{unknown, no}});
    EXPECT_FALSE(none.share);
    EXPECT_EQ(none.reason,
              "not computable: no patient has a progressor status from both readers (1 left out)");
    EXPECT_FALSE(progressorAgreement({}).share);
}

TEST(Agreement, DiscordantIntervals) {
    struct Case {
        const char* name;
        std::vector<IntervalReading> readers;
        std::optional<double> sdc;
        bool discordant;
        bool progressionDisagrees;
        std::optional<bool> changeBeyondSdc;
    };
    const std::optional<double> none;
    const std::vector<Case> cases = {
        {"agree, close changes", {{true, 3.0}, {true, 2.5}}, 1.5, false, false, false},
        {"disagree on progression", {{true, 2.0}, {false, 1.5}}, 1.5, true, true, false},
        {"changes differ by more than the SDC", {{false, 0.0}, {false, 1.6}}, 1.5, true, false, true},
        {"changes differ by exactly the SDC", {{false, 0.0}, {false, 1.5}}, 1.5, false, false, false},
        {"imputed scores: 14.4 - 12.9 is 1.5",
         {{false, 14.4 - 12.9}, {false, 0.0}},
         1.5,
         false,
         false,
         false},
        {"a change not computable", {{true, none}, {true, 5.0}}, 1.5, false, false, std::nullopt},
        {"no SDC, progression disagrees", {{true, 0.0}, {false, 9.0}}, none, true, true, std::nullopt},
        {"three readers, extremes differ",
         {{false, 1.0}, {false, 0.0}, {false, 2.0}},
         1.5,
         true,
         false,
         true},
        {"three readers, one disagrees", {{true, 2.0}, {true, 2.0}, {false, 2.0}}, 1.5, true, true, false},
    };
    for (const Case& c : cases) {
        const Discordance d = assessDiscordance(c.readers, c.sdc);
        EXPECT_EQ(d.discordant, c.discordant) << c.name;
        EXPECT_EQ(d.progressionDisagrees, c.progressionDisagrees) << c.name;
        EXPECT_EQ(d.changeBeyondSdc, c.changeBeyondSdc) << c.name;
        EXPECT_EQ(d.reason.empty(), c.changeBeyondSdc.has_value()) << c.name << ": " << d.reason;
    }
    EXPECT_THROW(assessDiscordance({{true, 1.0}}, 1.5), InternalError);
}

}  // namespace
}  // namespace ankylos::core
