// docs/methods.md 1.1-1.3: sites, grades, segment and total scores, imputation, film score.
#include "core/msasss.h"

#include <gtest/gtest.h>

#include "reading_fixture.h"

#include "core/error.h"

namespace ankylos::core {
namespace {

using test::readingOf;

constexpr double kTolerance = 1e-12;

TEST(MsasssSites, SpecOrderIdsAndSegments) {
    const std::vector<std::string> expected = {"C2_inf",  "C3_sup", "C3_inf", "C4_sup", "C4_inf", "C5_sup",
                                               "C5_inf",  "C6_sup", "C6_inf", "C7_sup", "C7_inf", "T1_sup",
                                               "T12_inf", "L1_sup", "L1_inf", "L2_sup", "L2_inf", "L3_sup",
                                               "L3_inf",  "L4_sup", "L4_inf", "L5_sup", "L5_inf", "S1_sup"};
    ASSERT_EQ(allSites().size(), expected.size());
    for (int i = 0; i < kSiteCount; ++i) {
        const Site site = allSites()[i];
        EXPECT_EQ(siteIndex(site), i);
        EXPECT_EQ(siteId(site), expected[i]);
        EXPECT_EQ(siteFromId(expected[i]), site);
        EXPECT_EQ(segmentOf(site), i < 12 ? Segment::Cervical : Segment::Lumbar) << expected[i];
    }
    // IDs shaped like sites but not among them, and IDs of other shapes.
    for (const char* notASite : {"C2_sup",   "c2_inf",
                                 "C1_inf",   "C8_sup",
                                 "C9_inf",   "T1_inf",
                                 "T2_sup",   "T12_sup",
                                 "L0_inf",   "L6_sup",
                                 "S1_inf",   "S2_sup",
                                 "X3_sup",   "C3_mid",
                                 "C3_infx",  "C3inf",
                                 "_inf",     "C_inf",
                                 "C123_inf", "",
                                 "C3_su",    "L1_\xe2\x80\x8bsup"})
        EXPECT_FALSE(siteFromId(notASite).has_value()) << notASite;
}

TEST(MsasssSites, DiscSpacesPairFacingCorners) {
    const auto& discs = discSpaces();
    ASSERT_EQ(discs.size(), 12u);
    EXPECT_EQ(discs[0].upper, Site::C2_inf);
    EXPECT_EQ(discs[0].lower, Site::C3_sup);
    EXPECT_EQ(discs[5].upper, Site::C7_inf);
    EXPECT_EQ(discs[5].lower, Site::T1_sup);
    EXPECT_EQ(discs[6].upper, Site::T12_inf);
    EXPECT_EQ(discs[6].lower, Site::L1_sup);
    EXPECT_EQ(discs[11].upper, Site::L5_inf);
    EXPECT_EQ(discs[11].lower, Site::S1_sup);
}

TEST(MsasssGrades, AcceptsZeroToThreeAndRejectsOthersNamingTheSite) {
    for (int grade = 0; grade <= 3; ++grade)
        EXPECT_EQ(SiteScore::graded(Site::L3_sup, grade).grade(), grade);
    for (int grade : {-1, 4, 9}) {
        try {
            SiteScore::graded(Site::L3_sup, grade);
            FAIL() << grade << " accepted";
        } catch (const ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find("L3_sup"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(std::to_string(grade)), std::string::npos) << e.what();
        }
    }
}

TEST(MsasssGrades, NotAssessableIsADistinctStateNeverZero) {
    const SiteScore na = SiteScore::notAssessable(NotAssessableReason::SurgeryHardware);
    EXPECT_FALSE(na.assessable());
    EXPECT_EQ(na.reason(), NotAssessableReason::SurgeryHardware);
    EXPECT_THROW(na.grade(), InternalError);
    EXPECT_FALSE(na == SiteScore::graded(Site::C2_inf, 0));
}

TEST(MsasssGrades, ReasonNamesRoundTrip) {
    for (auto reason : {NotAssessableReason::NotVisible, NotAssessableReason::NotImaged,
                        NotAssessableReason::SurgeryHardware, NotAssessableReason::Other})
        EXPECT_EQ(parseNotAssessableReason(toString(reason)), reason);
    EXPECT_EQ(toString(NotAssessableReason::NotVisible), "not_visible");
    EXPECT_THROW(parseNotAssessableReason("blurred"), ValidationError);
}

TEST(MsasssGrades, ParseSiteScoreTable) {
    struct Case {
        std::string text;
        bool ok;
        int grade;  // -1: not assessable
    };
    const Case cases[] = {{"0", true, 0},   {"1", true, 1},    {"2", true, 2},  {"3", true, 3},
                          {"NA", true, -1}, {"na", true, -1},  {"4", false, 0}, {"-1", false, 0},
                          {"", false, 0},   {"1.5", false, 0}, {"N", false, 0}, {"03", false, 0}};
    for (const Case& c : cases) {
        Validation validation;
        const auto score = parseSiteScore(Site::C5_inf, c.text, validation);
        EXPECT_EQ(score.has_value(), c.ok) << "'" << c.text << "'";
        EXPECT_EQ(validation.hasErrors(), !c.ok) << "'" << c.text << "'";
        if (!c.ok) {
            EXPECT_EQ(validation.problems().front().field, "mSASSS C5_inf");
            EXPECT_EQ(validation.problems().front().value, c.text);
        } else if (c.grade < 0) {
            EXPECT_FALSE(score->assessable());
        } else {
            EXPECT_EQ(score->grade(), c.grade);
        }
    }
}

TEST(MsasssGrades, ParseReadingReportsEveryBadSiteAndTheCount) {
    const Reading reading = parseReading("0,1,2,3,NA,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3", "A");
    EXPECT_EQ(reading.reader, "A");
    EXPECT_EQ(reading.at(Site::C4_sup)->grade(), 3);
    EXPECT_FALSE(reading.at(Site::C4_inf)->assessable());
    EXPECT_EQ(reading.at(Site::S1_sup)->grade(), 3);
    try {
        parseReading("5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,x");
        FAIL();
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 2u);
        EXPECT_EQ(e.problems()[0].field, "mSASSS C2_inf");
        EXPECT_EQ(e.problems()[1].field, "mSASSS S1_sup");
    }
    EXPECT_THROW(parseReading("0,0,0"), ValidationError);
    EXPECT_THROW(parseReading("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"), ValidationError);
}

TEST(MsasssScore, SumsSegmentsWithoutMissingSites) {
    const MsasssScore score = scoreReading(readingOf("012300000000"
                                                     "333322221111"),
                                           {});
    ASSERT_TRUE(score.total.has_value());
    EXPECT_DOUBLE_EQ(*score.cervical.value, 6);
    EXPECT_DOUBLE_EQ(*score.lumbar.value, 24);
    EXPECT_DOUBLE_EQ(*score.total, 30);
    EXPECT_EQ(score.cervical.imputed, 0);
    EXPECT_TRUE(score.reason.empty());
}

TEST(MsasssScore, RangeIsZeroToSeventyTwo) {
    EXPECT_DOUBLE_EQ(*scoreReading(readingOf(std::string(24, '0')), {}).total, 0);
    EXPECT_DOUBLE_EQ(*scoreReading(readingOf(std::string(24, '3')), {}).total, 72);
}

// Imputation table: n not assessable in one segment; observed sites hold the given grades.
TEST(MsasssScore, ImputationBySegmentMeanUpToThreeSites) {
    struct Case {
        std::string cervical;
        std::optional<double> expected;
        int imputed;
    };
    const Case cases[] = {
        {"N22222222222", 24.0, 1},            // 22 x 12 / 11
        {"NN2222222211", 18.0 * 12 / 10, 2},  // 21.6
        {"NNN111111112", 10.0 * 12 / 9, 3},   // 13.333...
        {"NNNN22222222", std::nullopt, 0},    // 4 missing: not computable
        {"NNNNNNNNNNNN", std::nullopt, 0},   {"N00000000000", 0.0, 1},
    };
    for (const Case& c : cases) {
        const MsasssScore score = scoreReading(readingOf(c.cervical + "000000000000"), {});
        EXPECT_EQ(score.cervical.value.has_value(), c.expected.has_value()) << c.cervical;
        EXPECT_EQ(score.total.has_value(), c.expected.has_value()) << c.cervical;
        if (c.expected) {
            EXPECT_NEAR(*score.cervical.value, *c.expected, kTolerance) << c.cervical;
            EXPECT_EQ(score.cervical.imputed, c.imputed) << c.cervical;
        }
    }
}

TEST(MsasssScore, ImputedTotalKeepsFullPrecision) {
    // 11 assessable cervical sites summing to 13 -> 13 x 12 / 11 = 14.1818...
    const MsasssScore score = scoreReading(readingOf("N22222111000"
                                                     "000000000000"),
                                           {});
    EXPECT_NEAR(*score.total, 13.0 * 12 / 11, kTolerance);
}

TEST(MsasssScore, FourMissingMakesSegmentAndTotalNotComputableWithReason) {
    const MsasssScore score = scoreReading(readingOf("000000000000"
                                                     "NNNN00000000"),
                                           {});
    EXPECT_TRUE(score.cervical.value.has_value());
    EXPECT_FALSE(score.lumbar.value.has_value());
    EXPECT_FALSE(score.total.has_value());
    EXPECT_EQ(score.lumbar.notAssessable, 4);
    EXPECT_EQ(score.reason, "not computable: 4 of 12 lumbar sites not assessable");
}

TEST(MsasssScore, ThresholdIsASetting) {
    const Reading reading = readingOf(
        "NNNN11111111"
        "000000000000");
    EXPECT_FALSE(scoreReading(reading, MsasssSettings{3}).total.has_value());
    const MsasssScore lenient = scoreReading(reading, MsasssSettings{4});
    ASSERT_TRUE(lenient.total.has_value());
    EXPECT_NEAR(*lenient.total, 12.0, kTolerance);
    EXPECT_EQ(lenient.settings.maxMissingPerSegment, 4);
    // Threshold 2: three missing are already too many.
    EXPECT_FALSE(scoreReading(readingOf("NNN111111111"
                                        "000000000000"),
                              MsasssSettings{2})
                     .total.has_value());
}

TEST(MsasssScore, UnscoredSiteMakesTheReadingIncompleteNotImputed) {
    const MsasssScore score = scoreReading(readingOf("0000000000.0"
                                                     "000000000000"),
                                           {});
    EXPECT_FALSE(score.total.has_value());
    EXPECT_EQ(score.cervical.notScored, 1);
    EXPECT_EQ(score.reason, "not computable: 1 of 12 cervical sites not scored");
}

TEST(MsasssScore, BothSegmentsNamedWhenBothFail) {
    const MsasssScore score = scoreReading(readingOf("NNNNN0000000"
                                                     "NNNN00000000"),
                                           {});
    EXPECT_EQ(score.reason,
              "not computable: 5 of 12 cervical sites not assessable; 4 of 12 lumbar sites not assessable");
}

TEST(MsasssFilmScore, MeanOfComputableReaderTotals) {
    Film film{Date(2020, 1, 1),
              {readingOf("111111111111"
                         "000000000000",
                         "A"),
               readingOf("222222222222"
                         "000000000000",
                         "B"),
               readingOf("NNNN11111111"
                         "000000000000",
                         "C")}};
    const FilmScore score = scoreFilm(film, {});
    ASSERT_TRUE(score.value.has_value());
    EXPECT_DOUBLE_EQ(*score.value, 18.0);  // (12 + 24) / 2; C not computable
    EXPECT_EQ(score.readingsUsed, 2);
    EXPECT_EQ(score.readingsTotal, 3);
    EXPECT_FALSE(score.readingScores[2].total.has_value());
}

TEST(MsasssFilmScore, NotComputableWithoutAnyComputableReading) {
    EXPECT_EQ(scoreFilm(Film{Date(2020, 1, 1), {}}, {}).reason, "not computable: the film has no reading");
    Film one{Date(2020, 1, 1),
             {readingOf("NNNN11111111"
                        "000000000000")}};
    EXPECT_EQ(scoreFilm(one, {}).reason, "not computable: 4 of 12 cervical sites not assessable");
    one.readings.push_back(one.readings.front());
    EXPECT_FALSE(scoreFilm(one, {}).value.has_value());
    EXPECT_EQ(scoreFilm(one, {}).reason, "not computable: no reader's total is computable");
}

TEST(MsasssFilm, LumbarSyndesmophyteNeedsGradeTwoOrThreeInTheLumbarSegment) {
    EXPECT_FALSE(hasLumbarSyndesmophyte(Film{Date(2020, 1, 1),
                                             {readingOf("333333333333"
                                                        "111111111111")}}));
    EXPECT_TRUE(hasLumbarSyndesmophyte(Film{Date(2020, 1, 1),
                                            {readingOf("000000000000"
                                                       "000000000002")}}));
    EXPECT_TRUE(hasLumbarSyndesmophyte(Film{Date(2020, 1, 1),
                                            {readingOf("000000000000"
                                                       "N00000000003")}}));
    // Any reader's finding counts.
    EXPECT_TRUE(hasLumbarSyndesmophyte(Film{Date(2020, 1, 1),
                                            {readingOf(std::string(24, '0'), "A"), readingOf("000000000000"
                                                                                             "200000000000",
                                                                                             "B")}}));
}

// docs/methods.md 11: a film's score counts its primary readings; an adjudicator's or consensus reading
// counts only on a film no primary reader read.
TEST(FilmScore, AdjudicatingReadingsCountOnlyWithoutPrimaryOnes) {
    Reading adjudicator = readingOf(std::string(10, '1') + std::string(14, '0'), "C");
    adjudicator.role = ReadingRole::Adjudicator;
    const Film both{Date(2021, 5, 1), {readingOf(std::string(2, '1') + std::string(22, '0'), "A"), adjudicator}};
    const FilmScore score = scoreFilm(both, {});
    ASSERT_TRUE(score.value);
    EXPECT_DOUBLE_EQ(*score.value, 2.0);
    EXPECT_EQ(score.readingsTotal, 1);
    EXPECT_EQ(score.readingScores.size(), 2u) << "every reading is still scored, in the film's order";
    EXPECT_TRUE(hasAdjudicatingReading(both));

    const Film adjudicatorOnly{Date(2021, 5, 1), {adjudicator}};
    EXPECT_DOUBLE_EQ(*scoreFilm(adjudicatorOnly, {}).value, 10.0);
    EXPECT_FALSE(hasAdjudicatingReading(Film{Date(2021, 5, 1), {readingOf(std::string(24, '0'))}}));
}

}  // namespace
}  // namespace ankylos::core
