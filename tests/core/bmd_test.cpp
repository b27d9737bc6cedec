// docs/methods.md 5: DXA measurements, WHO / ISCD category, the AS caveat on lumbar BMD, change
// between scans. T- and Z-scores are typed device values and are compared exactly; deltas are
// compared with the spec's 1e-9 tolerance.
#include "core/bmd.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace ankylos::core {
namespace {

using boost::gregorian::days;

const DxaDevice kHologic{"Hologic", "Horizon A"};
const DxaDevice kLunar{"GE", "Lunar iDXA"};
const std::vector<Vertebra> kL1L4 = {Vertebra::L1, Vertebra::L2, Vertebra::L3, Vertebra::L4};

BmdMeasurement measured(BmdSite site, std::optional<double> t, std::optional<double> z = std::nullopt,
                        double bmd = 0.9, DxaDevice device = kHologic) {
    BmdMeasurement m;
    m.site = site;
    m.bmd = bmd;
    m.tScore = t;
    m.zScore = z;
    m.device = device;
    if (site == BmdSite::LumbarSpine)
        m.vertebrae = kL1L4;
    return m;
}

const Date kScanDate(2021, 6, 1);
const Date kBirth60(1961, 3, 10);  // 60 at the scan
const Date kBirth40(1981, 3, 10);  // 40 at the scan

BmdScan scanOf(std::vector<BmdMeasurement> measurements, Date date = kScanDate) {
    return BmdScan{date, std::move(measurements)};
}

/// One-site scan at the femoral neck.
BmdScan neckScan(std::optional<double> t, std::optional<double> z) {
    return scanOf({measured(BmdSite::FemoralNeck, t, z)});
}

// ---------------------------------------------------------------------------------------------
// Names

TEST(BmdNames, SitesCategoriesAndBasesUseTheSpecNames) {
    const std::vector<std::pair<BmdSite, std::string>> sites = {{BmdSite::LumbarSpine, "lumbar"},
                                                                {BmdSite::FemoralNeck, "femoral_neck"},
                                                                {BmdSite::TotalHip, "total_hip"},
                                                                {BmdSite::Radius33, "radius_33"}};
    ASSERT_EQ(allBmdSites().size(), sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        EXPECT_EQ(allBmdSites()[i], sites[i].first);
        EXPECT_EQ(toString(sites[i].first), sites[i].second);
        EXPECT_EQ(parseBmdSite(sites[i].second), sites[i].first);
    }
    EXPECT_EQ(toString(BmdCategory::Normal), "normal");
    EXPECT_EQ(toString(BmdCategory::Osteopenia), "osteopenia");
    EXPECT_EQ(toString(BmdCategory::Osteoporosis), "osteoporosis");
    EXPECT_EQ(toString(BmdCategory::BelowExpectedRangeForAge), "below_expected_range_for_age");
    EXPECT_EQ(toString(BmdCategory::WithinExpectedRangeForAge), "within_expected_range_for_age");
    EXPECT_EQ(toString(BmdBasis::TScore), "T-score");
    EXPECT_EQ(toString(BmdBasis::ZScore), "Z-score");
    EXPECT_STREQ(kLumbarSyndesmophyteFlag, "possibly falsely elevated by syndesmophytes");
}

TEST(BmdNames, ParseRejectsOtherSiteNamesListingTheAllowedOnes) {
    for (const std::string text : {"Lumbar", "hip", "femoral neck", ""}) {
        try {
            parseBmdSite(text, "site");
            ADD_FAILURE() << "accepted " << text;
        } catch (const ValidationError& e) {
            ASSERT_EQ(e.problems().size(), 1u);
            EXPECT_EQ(e.problems()[0].field, "site");
            EXPECT_EQ(e.problems()[0].value, text);
            EXPECT_EQ(e.problems()[0].allowed, "lumbar, femoral_neck, total_hip or radius_33");
        }
    }
}

TEST(BmdVertebrae, ParsesListsAndRanges) {
    EXPECT_EQ(parseVertebrae("L1-L4"), kL1L4);
    EXPECT_EQ(parseVertebrae("L1,L2,L3,L4"), kL1L4);
    EXPECT_EQ(parseVertebrae("L1-L2, L4"), (std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L4}));
    EXPECT_EQ(parseVertebrae("L3,L2"), (std::vector<Vertebra>{Vertebra::L3, Vertebra::L2}));
    for (const std::string text : {"", "L5", "L0", "L4-L1", "L1-", "T12,L1", "L1,,L2"})
        EXPECT_THROW(parseVertebrae(text), ValidationError) << text;
    EXPECT_EQ(toString(kL1L4), "L1-L4");
    EXPECT_EQ(toString(std::vector<Vertebra>{Vertebra::L2, Vertebra::L3}), "L2-L3");
    EXPECT_EQ(toString(std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L4}), "L1, L2, L4");
}

// ---------------------------------------------------------------------------------------------
// Validation of a measurement: hard ranges BMD 0.2-2.5 g/cm2, T and Z -8 to +8, spine vertebrae.

struct MeasurementCase {
    const char* name;
    BmdMeasurement measurement;
    const char* errorField;  // nullptr: valid
};

class BmdMeasurementValidation : public ::testing::TestWithParam<MeasurementCase> {};

TEST_P(BmdMeasurementValidation, HardRanges) {
    const MeasurementCase c = GetParam();
    const Validation v = validateBmdMeasurement(c.measurement);
    if (!c.errorField) {
        EXPECT_TRUE(v.problems().empty()) << c.name;
        return;
    }
    ASSERT_EQ(v.errors().size(), 1u) << c.name;
    EXPECT_EQ(v.errors()[0].field, c.errorField) << c.name;
}

BmdMeasurement withBmd(double bmd) {
    return measured(BmdSite::TotalHip, -1, -1, bmd);
}
BmdMeasurement withVertebrae(BmdSite site, std::vector<Vertebra> vertebrae) {
    BmdMeasurement m = measured(site, -1, -1);
    m.vertebrae = std::move(vertebrae);
    return m;
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, BmdMeasurementValidation,
    ::testing::Values(
        MeasurementCase{"bmd 0.2", withBmd(0.2), nullptr},
        MeasurementCase{"bmd 0.1999", withBmd(0.1999), "total hip BMD"},
        MeasurementCase{"bmd 2.5", withBmd(2.5), nullptr},
        MeasurementCase{"bmd 2.5001", withBmd(2.5001), "total hip BMD"},
        MeasurementCase{"T -8", measured(BmdSite::TotalHip, -8.0), nullptr},
        MeasurementCase{"T -8.01", measured(BmdSite::TotalHip, -8.01), "total hip T-score"},
        MeasurementCase{"T 8", measured(BmdSite::TotalHip, 8.0), nullptr},
        MeasurementCase{"T 8.01", measured(BmdSite::TotalHip, 8.01), "total hip T-score"},
        MeasurementCase{"Z -8", measured(BmdSite::FemoralNeck, std::nullopt, -8.0), nullptr},
        MeasurementCase{"Z -8.01", measured(BmdSite::FemoralNeck, std::nullopt, -8.01),
                        "femoral neck Z-score"},
        MeasurementCase{"Z 8", measured(BmdSite::FemoralNeck, std::nullopt, 8.0), nullptr},
        MeasurementCase{"Z 8.01", measured(BmdSite::FemoralNeck, std::nullopt, 8.01), "femoral neck Z-score"},
        MeasurementCase{"no scores", measured(BmdSite::Radius33, std::nullopt, std::nullopt), nullptr},
        MeasurementCase{"spine L1-L4", withVertebrae(BmdSite::LumbarSpine, kL1L4), nullptr},
        MeasurementCase{"spine two", withVertebrae(BmdSite::LumbarSpine, {Vertebra::L2, Vertebra::L4}),
                        nullptr},
        MeasurementCase{"spine one", withVertebrae(BmdSite::LumbarSpine, {Vertebra::L2}),
                        "lumbar spine vertebrae"},
        MeasurementCase{"spine none", withVertebrae(BmdSite::LumbarSpine, {}), "lumbar spine vertebrae"},
        MeasurementCase{"spine duplicate",
                        withVertebrae(BmdSite::LumbarSpine, {Vertebra::L2, Vertebra::L3, Vertebra::L2}),
                        "lumbar spine vertebrae"},
        MeasurementCase{"hip with vertebrae", withVertebrae(BmdSite::TotalHip, {Vertebra::L1, Vertebra::L2}),
                        "total hip vertebrae"}));

TEST(BmdValidation, MessageNamesFieldValueAndRange) {
    const Validation v = validateBmdMeasurement(withBmd(2.6));
    ASSERT_EQ(v.errors().size(), 1u);
    EXPECT_EQ(v.errors()[0].message(), "total hip BMD: 2.6 g/cm2 is not allowed (allowed: 0.2 to 2.5 g/cm2)");
}

TEST(BmdValidation, ScanReportsEveryProblemAndASiteMeasuredTwice) {
    const BmdScan scan =
        scanOf({measured(BmdSite::TotalHip, -9), measured(BmdSite::TotalHip, -1, std::nullopt, 3.0)});
    const Validation v = validateBmdScan(scan);
    ASSERT_EQ(v.errors().size(), 3u);
    EXPECT_EQ(v.errors()[0].field, "total hip T-score");
    EXPECT_EQ(v.errors()[1].field, "total hip BMD");
    EXPECT_EQ(v.errors()[2].field, "BMD site");
    EXPECT_EQ(v.errors()[2].value, "total_hip");
}

TEST(BmdValidation, ScanDateNotInTheFutureNorBeforeBirth) {
    const BmdScan scan = neckScan(-1, -1);
    EXPECT_TRUE(validateBmdScan(scan, kBirth60, kScanDate).ok());
    EXPECT_FALSE(validateBmdScan(scan, kBirth60, kScanDate - days(1)).ok());
    EXPECT_FALSE(validateBmdScan(scan, kScanDate + days(1), kScanDate + days(10)).ok());
}

TEST(BmdValidation, ClassifyThrowsOnHardErrorsAndAScanBeforeBirth) {
    EXPECT_THROW(classifyBmd(neckScan(-8.5, 0), Sex::Male, kBirth60, std::nullopt, false), ValidationError);
    EXPECT_THROW(classifyBmd(neckScan(-1, 0), Sex::Male, kScanDate + days(1), std::nullopt, false),
                 ValidationError);
}

// ---------------------------------------------------------------------------------------------
// Category: WHO T-score for women after menopause and men >= 50; ISCD Z-score otherwise.

struct CategoryCase {
    double score;
    BmdCategory expected;
};

class BmdWhoCategory : public ::testing::TestWithParam<CategoryCase> {};

TEST_P(BmdWhoCategory, PostmenopausalWomanByTScore) {
    const CategoryCase c = GetParam();
    // The Z-score is kept far from every cut-off so that only the T-score can decide.
    const BmdClassification r = classifyBmd(neckScan(c.score, 1.5), Sex::Female, kBirth60, true, false);
    ASSERT_TRUE(r.category.has_value()) << r.reason;
    EXPECT_EQ(*r.category, c.expected) << "T " << c.score;
    EXPECT_EQ(r.basis, BmdBasis::TScore);
    EXPECT_EQ(r.lowestScore, c.score);
    EXPECT_TRUE(r.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Cutoffs, BmdWhoCategory,
                         ::testing::Values(CategoryCase{0.5, BmdCategory::Normal},
                                           CategoryCase{-1.0, BmdCategory::Normal},  // -1.0 itself is normal
                                           CategoryCase{-1.0001, BmdCategory::Osteopenia},
                                           CategoryCase{-2.4999, BmdCategory::Osteopenia},
                                           CategoryCase{-2.5, BmdCategory::Osteoporosis},  // -2.5 itself
                                           CategoryCase{-2.5001, BmdCategory::Osteoporosis},
                                           CategoryCase{-4.0, BmdCategory::Osteoporosis}));

class BmdIscdCategory : public ::testing::TestWithParam<CategoryCase> {};

TEST_P(BmdIscdCategory, PremenopausalWomanByZScore) {
    const CategoryCase c = GetParam();
    // T-score of -4 would be osteoporosis under WHO: it must not matter here.
    const BmdClassification r = classifyBmd(neckScan(-4.0, c.score), Sex::Female, kBirth40, false, false);
    ASSERT_TRUE(r.category.has_value()) << r.reason;
    EXPECT_EQ(*r.category, c.expected) << "Z " << c.score;
    EXPECT_EQ(r.basis, BmdBasis::ZScore);
    EXPECT_EQ(r.lowestScore, c.score);
}

INSTANTIATE_TEST_SUITE_P(Cutoffs, BmdIscdCategory,
                         ::testing::Values(CategoryCase{1.0, BmdCategory::WithinExpectedRangeForAge},
                                           CategoryCase{-1.9999, BmdCategory::WithinExpectedRangeForAge},
                                           CategoryCase{-2.0,
                                                        BmdCategory::BelowExpectedRangeForAge},  // itself
                                           CategoryCase{-2.0001, BmdCategory::BelowExpectedRangeForAge},
                                           CategoryCase{-5.0, BmdCategory::BelowExpectedRangeForAge}));

TEST(BmdCategory, ManTurnsToWhoOnHisFiftiethBirthday) {
    const Date birth(1971, 6, 1);  // 50th birthday on kScanDate
    const BmdScan dayBefore = scanOf({measured(BmdSite::TotalHip, -3.0, -1.0)}, kScanDate - days(1));
    const BmdScan birthday = scanOf({measured(BmdSite::TotalHip, -3.0, -1.0)}, kScanDate);

    const BmdClassification at49 = classifyBmd(dayBefore, Sex::Male, birth, std::nullopt, false);
    EXPECT_EQ(at49.ageAtScan, 49);
    EXPECT_EQ(at49.basis, BmdBasis::ZScore);
    EXPECT_EQ(at49.category, BmdCategory::WithinExpectedRangeForAge);

    const BmdClassification at50 = classifyBmd(birthday, Sex::Male, birth, std::nullopt, false);
    EXPECT_EQ(at50.ageAtScan, 50);
    EXPECT_EQ(at50.basis, BmdBasis::TScore);
    EXPECT_EQ(at50.category, BmdCategory::Osteoporosis);
}

TEST(BmdCategory, MenopausalStatusDecidesForWomenAndIsIgnoredForMen) {
    const BmdScan scan = neckScan(-2.7, -2.1);
    EXPECT_EQ(classifyBmd(scan, Sex::Female, kBirth40, true, false).category, BmdCategory::Osteoporosis);
    EXPECT_EQ(classifyBmd(scan, Sex::Female, kBirth60, false, false).category,
              BmdCategory::BelowExpectedRangeForAge);
    // A man of 40 is ISCD whatever is passed as menopausal status.
    EXPECT_EQ(classifyBmd(scan, Sex::Male, kBirth40, true, false).basis, BmdBasis::ZScore);
}

TEST(BmdCategory, UnknownMenopausalStatusIsNotComputable) {
    const BmdClassification r = classifyBmd(neckScan(-2.7, -2.1), Sex::Female, kBirth60, std::nullopt, false);
    EXPECT_FALSE(r.category.has_value());
    EXPECT_FALSE(r.basis.has_value());
    EXPECT_FALSE(r.lowestScore.has_value());
    EXPECT_NE(r.reason.find("menopausal status not recorded"), std::string::npos) << r.reason;
}

TEST(BmdCategory, LowestScoreOfAllMeasuredSitesInSpecOrder) {
    // Given out of order; sitesUsed comes back in spec order.
    const BmdScan scan = scanOf({measured(BmdSite::Radius33, -1.1), measured(BmdSite::TotalHip, -1.2),
                                 measured(BmdSite::FemoralNeck, -2.6), measured(BmdSite::LumbarSpine, -0.5)});
    const BmdClassification r = classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, false);
    EXPECT_EQ(r.category, BmdCategory::Osteoporosis);
    EXPECT_EQ(r.lowestSite, BmdSite::FemoralNeck);
    EXPECT_EQ(r.sitesUsed, (std::vector<BmdSite>{BmdSite::LumbarSpine, BmdSite::FemoralNeck,
                                                 BmdSite::TotalHip, BmdSite::Radius33}));
    EXPECT_TRUE(r.lumbarFlag.empty());
    EXPECT_FALSE(r.lumbarSyndesmophytes);
}

TEST(BmdCategory, TieOnTheLowestScoreGoesToTheFirstSiteInSpecOrder) {
    const BmdScan scan = scanOf({measured(BmdSite::TotalHip, -1.5), measured(BmdSite::FemoralNeck, -1.5)});
    EXPECT_EQ(classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, false).lowestSite, BmdSite::FemoralNeck);
}

TEST(BmdCategory, AUsedSiteWithoutTheNeededScoreIsNotComputable) {
    const BmdScan scan =
        scanOf({measured(BmdSite::FemoralNeck, -1.5), measured(BmdSite::TotalHip, std::nullopt, -1)});
    const BmdClassification who = classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, false);
    EXPECT_FALSE(who.category.has_value());
    EXPECT_EQ(who.basis, BmdBasis::TScore);
    EXPECT_EQ(who.reason, "no T-score reported for total hip");
    // The ISCD category needs Z: now the femoral neck lacks it.
    const BmdClassification iscd = classifyBmd(scan, Sex::Male, kBirth40, std::nullopt, false);
    EXPECT_FALSE(iscd.category.has_value());
    EXPECT_EQ(iscd.reason, "no Z-score reported for femoral neck");
}

TEST(BmdCategory, NoSiteMeasuredIsNotComputable) {
    const BmdClassification r = classifyBmd(scanOf({}), Sex::Male, kBirth60, std::nullopt, false);
    EXPECT_FALSE(r.category.has_value());
    EXPECT_EQ(r.reason, "no site measured");
}

// ---------------------------------------------------------------------------------------------
// AS caveat: lumbar syndesmophytes move the category to the hip sites only.

BmdScan asScan() {
    // The lumbar value alone would make osteoporosis; the hip sites make osteopenia.
    return scanOf({measured(BmdSite::LumbarSpine, -3.0), measured(BmdSite::FemoralNeck, -1.5),
                   measured(BmdSite::TotalHip, -0.5), measured(BmdSite::Radius33, -2.8)});
}

TEST(BmdCaveat, WithoutSyndesmophytesEverySiteIsUsed) {
    const BmdClassification r = classifyBmd(asScan(), Sex::Male, kBirth60, std::nullopt, false);
    EXPECT_EQ(r.category, BmdCategory::Osteoporosis);
    EXPECT_EQ(r.lowestSite, BmdSite::LumbarSpine);
    EXPECT_EQ(r.sitesUsed.size(), 4u);
    EXPECT_EQ(r.lumbarFlag, "");
    EXPECT_EQ(r.note, "");
}

TEST(BmdCaveat, SyndesmophytesFlagTheLumbarValueAndUseTheHipSitesOnly) {
    const BmdClassification r = classifyBmd(asScan(), Sex::Male, kBirth60, std::nullopt, true);
    EXPECT_EQ(r.category, BmdCategory::Osteopenia);
    EXPECT_EQ(r.lowestSite, BmdSite::FemoralNeck);
    EXPECT_EQ(r.sitesUsed, (std::vector<BmdSite>{BmdSite::FemoralNeck, BmdSite::TotalHip}));
    EXPECT_EQ(r.lumbarFlag, "possibly falsely elevated by syndesmophytes");
    EXPECT_TRUE(r.lumbarSyndesmophytes);
    EXPECT_NE(r.note.find("hip sites only"), std::string::npos) << r.note;
}

TEST(BmdCaveat, NoHipSiteLeavesNothingToClassify) {
    const BmdScan scan = scanOf({measured(BmdSite::LumbarSpine, -1.0), measured(BmdSite::Radius33, -1.0)});
    const BmdClassification r = classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, true);
    EXPECT_FALSE(r.category.has_value());
    EXPECT_TRUE(r.sitesUsed.empty());
    EXPECT_EQ(r.lumbarFlag, kLumbarSyndesmophyteFlag);
    EXPECT_NE(r.reason.find("no hip site measured"), std::string::npos) << r.reason;
}

TEST(BmdCaveat, ALumbarSiteWithoutTScoreDoesNotMatterWhenExcluded) {
    const BmdScan scan =
        scanOf({measured(BmdSite::LumbarSpine, std::nullopt), measured(BmdSite::TotalHip, -1.0)});
    EXPECT_FALSE(classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, false).category.has_value());
    EXPECT_EQ(classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, true).category, BmdCategory::Normal);
}

TEST(BmdCaveat, NoLumbarValueMeansNoFlagButStillHipSitesOnly) {
    const BmdScan scan = scanOf({measured(BmdSite::TotalHip, -1.0), measured(BmdSite::Radius33, -2.6)});
    const BmdClassification r = classifyBmd(scan, Sex::Male, kBirth60, std::nullopt, true);
    EXPECT_EQ(r.lumbarFlag, "");
    EXPECT_EQ(r.sitesUsed, std::vector<BmdSite>{BmdSite::TotalHip});
    EXPECT_EQ(r.category, BmdCategory::Normal);
}

TEST(BmdCaveat, FlagIsSetEvenWhenTheCategoryIsNotComputable) {
    const BmdClassification r = classifyBmd(asScan(), Sex::Female, kBirth60, std::nullopt, true);
    EXPECT_FALSE(r.category.has_value());
    EXPECT_EQ(r.lumbarFlag, kLumbarSyndesmophyteFlag);
}

struct NearestCase {
    const char* name;
    std::vector<int> offsets;  // film date - scan date, in days
    std::optional<std::size_t> expected;
};

class BmdNearestFilm : public ::testing::TestWithParam<NearestCase> {};

TEST_P(BmdNearestFilm, WithinOneYearEitherSide) {
    const NearestCase c = GetParam();
    std::vector<Date> dates;
    for (int offset : c.offsets)
        dates.push_back(kScanDate + days(offset));
    EXPECT_EQ(nearestFilmWithinAYear(dates, kScanDate), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Window, BmdNearestFilm,
    ::testing::Values(NearestCase{"no film", {}, std::nullopt}, NearestCase{"364 before", {-364}, 0},
                      NearestCase{"365 before", {-365}, 0}, NearestCase{"366 before", {-366}, std::nullopt},
                      NearestCase{"364 after", {364}, 0}, NearestCase{"365 after", {365}, 0},
                      NearestCase{"366 after", {366}, std::nullopt}, NearestCase{"same day", {0}, 0},
                      NearestCase{"nearest of three", {-300, 120, -90}, 2},
                      NearestCase{"far ones skipped", {-800, 400, 200}, 2},
                      NearestCase{"tie: before wins (listed first)", {-100, 100}, 0},
                      NearestCase{"tie: before wins (listed second)", {100, -100}, 1},
                      NearestCase{"same date twice: first listed", {50, 50}, 0}));

Film filmWithLumbarGrade(Date date, int grade, Site site = Site::L3_sup) {
    Reading reading;
    reading.reader = "R1";
    for (Site s : allSites())
        reading.at(s) = SiteScore::graded(s, 0);
    reading.at(site) = SiteScore::graded(site, grade);
    return Film{date, {reading}};
}

struct FilmCase {
    const char* name;
    std::vector<std::pair<int, int>> films;  // (days from the scan, grade at L3_sup)
    bool caveat;
};

class BmdCaveatFromFilms : public ::testing::TestWithParam<FilmCase> {};

TEST_P(BmdCaveatFromFilms, NearestFilmWithinAYearDecides) {
    const FilmCase c = GetParam();
    std::vector<Film> films;
    for (const auto& [offset, grade] : c.films)
        films.push_back(filmWithLumbarGrade(kScanDate + days(offset), grade));
    const BmdClassification r = classifyBmdWithFilms(asScan(), Sex::Male, kBirth60, std::nullopt, films);
    EXPECT_EQ(r.lumbarSyndesmophytes, c.caveat) << c.name;
    EXPECT_EQ(r.category, c.caveat ? BmdCategory::Osteopenia : BmdCategory::Osteoporosis) << c.name;
    EXPECT_EQ(r.lumbarFlag, c.caveat ? kLumbarSyndesmophyteFlag : "") << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Films, BmdCaveatFromFilms,
    ::testing::Values(FilmCase{"no films", {}, false},
                      FilmCase{"grade 2, 364 days before", {{-364, 2}}, true},
                      FilmCase{"grade 3, 364 days after", {{364, 3}}, true},
                      FilmCase{"grade 2, 366 days before", {{-366, 2}}, false},
                      FilmCase{"grade 3, 400 days after", {{400, 3}}, false},
                      FilmCase{"grade 1 only", {{-30, 1}}, false},
                      // The nearest film decides, even when a farther one shows syndesmophytes.
                      FilmCase{"nearest clean, farther grade 3", {{-200, 3}, {60, 0}}, false},
                      FilmCase{"nearest grade 2, farther clean", {{-200, 0}, {60, 2}}, true},
                      // Equal distance: the film before the scan decides.
                      FilmCase{"tie: before grade 2, after clean", {{100, 0}, {-100, 2}}, true},
                      FilmCase{"tie: before clean, after grade 2", {{100, 2}, {-100, 0}}, false}));

TEST(BmdCaveatFromFilms, CervicalSyndesmophytesDoNotCountAndTheFilmDateIsReported) {
    const Film cervical = filmWithLumbarGrade(kScanDate - days(10), 3, Site::C5_sup);
    const BmdClassification r = classifyBmdWithFilms(asScan(), Sex::Male, kBirth60, std::nullopt, {cervical});
    EXPECT_FALSE(r.lumbarSyndesmophytes);
    EXPECT_EQ(r.filmDate, kScanDate - days(10));

    const Film lumbar = filmWithLumbarGrade(kScanDate - days(10), 2, Site::S1_sup);
    const BmdClassification flagged =
        classifyBmdWithFilms(asScan(), Sex::Male, kBirth60, std::nullopt, {lumbar});
    EXPECT_TRUE(flagged.lumbarSyndesmophytes);
    EXPECT_NE(flagged.note.find("2021-05-22"), std::string::npos) << flagged.note;
}

// ---------------------------------------------------------------------------------------------
// Change between scans: |delta g/cm2| >= LSC configured for device and site.

TEST(BmdLsc, IsTwoPointSevenSevenTimesThePrecisionError) {
    EXPECT_DOUBLE_EQ(leastSignificantChange(0.01), 0.0277);
    EXPECT_DOUBLE_EQ(leastSignificantChange(0.012), 0.03324);
    EXPECT_THROW(leastSignificantChange(0), ValidationError);
    EXPECT_THROW(leastSignificantChange(-0.01), ValidationError);
}

TEST(BmdLsc, SettingsAreValidatedAndLookedUpByDeviceAndSite) {
    const std::vector<LscSetting> settings = {{kHologic, BmdSite::LumbarSpine, 0.03},
                                              {kHologic, BmdSite::TotalHip, 0.02}};
    EXPECT_TRUE(validateLscSettings(settings).ok());
    EXPECT_EQ(findLsc(settings, kHologic, BmdSite::TotalHip), 0.02);
    EXPECT_EQ(findLsc(settings, kHologic, BmdSite::FemoralNeck), std::nullopt);
    EXPECT_EQ(findLsc(settings, kLunar, BmdSite::TotalHip), std::nullopt);
    EXPECT_EQ(findLsc(settings, DxaDevice{"Hologic", "Discovery"}, BmdSite::TotalHip), std::nullopt);

    EXPECT_EQ(validateLscSettings({{kHologic, BmdSite::TotalHip, 0}}).errors().size(), 1u);
    EXPECT_EQ(validateLscSettings({{kHologic, BmdSite::TotalHip, 0.02}, {kHologic, BmdSite::TotalHip, 0.03}})
                  .errors()
                  .size(),
              1u);
}

struct ChangeCase {
    const char* name;
    double from;
    double to;
    std::optional<bool> significant;
};

class BmdChangeSignificance : public ::testing::TestWithParam<ChangeCase> {};

TEST_P(BmdChangeSignificance, AgainstTheLsc) {
    const ChangeCase c = GetParam();
    const std::vector<LscSetting> settings = {{kHologic, BmdSite::TotalHip, 0.03}};
    const BmdChange r =
        compareBmd(kScanDate, measured(BmdSite::TotalHip, -1, -1, c.from), kScanDate + days(730),
                   measured(BmdSite::TotalHip, -1, -1, c.to), settings);
    EXPECT_DOUBLE_EQ(r.delta, c.to - c.from) << c.name;
    EXPECT_EQ(r.lsc, 0.03);
    EXPECT_EQ(r.significant, c.significant) << c.name << ": delta " << r.delta;
}

INSTANTIATE_TEST_SUITE_P(Lsc, BmdChangeSignificance,
                         ::testing::Values(
                             // 0.93 - 0.90 = 0.030000000000000027 and 0.95 - 0.92 = 0.029999999999999916 in
                             // doubles: both are the LSC itself, which is significant (tolerance 1e-9).
                             ChangeCase{"loss equal to the LSC", 0.93, 0.90, true},
                             ChangeCase{"gain equal to the LSC", 0.92, 0.95, true},
                             ChangeCase{"just under, loss", 0.93, 0.9001, false},
                             ChangeCase{"just under, gain", 0.90, 0.9299, false},
                             ChangeCase{"no change", 0.9, 0.9, false},
                             ChangeCase{"large loss", 1.0, 0.8, true}));

TEST(BmdChange, UsesGramsPerSquareCentimetreNeverTScores) {
    const std::vector<LscSetting> settings = {{kHologic, BmdSite::TotalHip, 0.03}};
    // Same BMD, T-score moved by 2 (a new reference database): no change.
    const BmdChange r =
        compareBmd(kScanDate, measured(BmdSite::TotalHip, -0.5, 0, 0.9), kScanDate + days(365),
                   measured(BmdSite::TotalHip, -2.5, 0, 0.9), settings);
    EXPECT_DOUBLE_EQ(r.delta, 0.0);
    EXPECT_EQ(r.significant, false);
}

TEST(BmdChange, WithoutAnLscSignificanceIsUnknown) {
    const std::vector<LscSetting> settings = {{kHologic, BmdSite::LumbarSpine, 0.03}};  // another site
    const BmdChange r = compareBmd(kScanDate, measured(BmdSite::TotalHip, -1, -1, 0.9), kScanDate + days(365),
                                   measured(BmdSite::TotalHip, -1, -1, 0.7), settings);
    EXPECT_FALSE(r.lsc.has_value());
    EXPECT_FALSE(r.significant.has_value());
    EXPECT_EQ(r.note.rfind("significance unknown", 0), 0u) << r.note;
}

TEST(BmdChange, DifferentDevicesMakeSignificanceUnknown) {
    const std::vector<LscSetting> settings = {{kHologic, BmdSite::TotalHip, 0.03},
                                              {kLunar, BmdSite::TotalHip, 0.03}};
    const BmdChange r =
        compareBmd(kScanDate, measured(BmdSite::TotalHip, -1, -1, 0.9, kHologic), kScanDate + days(365),
                   measured(BmdSite::TotalHip, -1, -1, 0.7, kLunar), settings);
    EXPECT_FALSE(r.significant.has_value());
    EXPECT_NE(r.note.find("different devices"), std::string::npos) << r.note;
}

TEST(BmdChange, NotesDifferentVertebrae) {
    BmdMeasurement later = measured(BmdSite::LumbarSpine, -1, -1, 1.0);
    later.vertebrae = {Vertebra::L2, Vertebra::L3, Vertebra::L4};
    const BmdChange r = compareBmd(kScanDate, measured(BmdSite::LumbarSpine, -1, -1, 1.0),
                                   kScanDate + days(365), later, {{kHologic, BmdSite::LumbarSpine, 0.03}});
    EXPECT_EQ(r.significant, false);
    EXPECT_EQ(r.note, "the vertebrae included differ (L1-L4, then L2-L4)");
}

TEST(BmdChange, RejectsOtherSitesDatesOutOfOrderAndBadValues) {
    const BmdMeasurement hip = measured(BmdSite::TotalHip, -1, -1, 0.9);
    const BmdMeasurement neck = measured(BmdSite::FemoralNeck, -1, -1, 0.9);
    EXPECT_THROW(compareBmd(kScanDate, hip, kScanDate + days(1), neck, {}), ValidationError);
    EXPECT_THROW(compareBmd(kScanDate, hip, kScanDate, hip, {}), ValidationError);
    EXPECT_THROW(compareBmd(kScanDate, hip, kScanDate - days(1), hip, {}), ValidationError);
    EXPECT_THROW(compareBmd(kScanDate, hip, kScanDate + days(1), withBmd(2.7), {}), ValidationError);
    EXPECT_NO_THROW(compareBmd(kScanDate, hip, kScanDate + days(1), hip, {}));
}

// Clinical text shows sites and categories in words (docs/methods.md 5), never the stored names.
TEST(BmdLabel, SitesAndCategoriesHaveReadableLabels) {
    const std::pair<BmdSite, const char*> sites[] = {{BmdSite::LumbarSpine, "lumbar spine"},
                                                     {BmdSite::FemoralNeck, "femoral neck"},
                                                     {BmdSite::TotalHip, "total hip"},
                                                     {BmdSite::Radius33, "1/3 radius"}};
    for (const auto& [site, text] : sites)
        EXPECT_EQ(label(site), text) << toString(site);
    const std::pair<BmdCategory, const char*> categories[] = {
        {BmdCategory::Normal, "normal"},
        {BmdCategory::Osteopenia, "osteopenia"},
        {BmdCategory::Osteoporosis, "osteoporosis"},
        {BmdCategory::BelowExpectedRangeForAge, "below the expected range for age"},
        {BmdCategory::WithinExpectedRangeForAge, "within the expected range for age"}};
    for (const auto& [category, text] : categories)
        EXPECT_EQ(label(category), text) << toString(category);
}

}  // namespace
}  // namespace ankylos::core
