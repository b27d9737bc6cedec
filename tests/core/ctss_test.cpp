// docs/methods.md 12: CTSS quadrants, grades, segment and total scores, imputation, scan score.
#include "core/ctss.h"

#include <gtest/gtest.h>

#include <set>

#include "ctss_fixture.h"

#include "core/error.h"

namespace ankylos::core {
namespace {

using test::ctssReadingOf;
using test::times;
namespace seg = test;  // cervical(), thoracic(), lumbar() segment strings

constexpr double kTolerance = 1e-12;

TEST(CtssQuadrants, SpecOrderIdsLabelsAndSegments) {
    struct Case {
        int index;
        std::string id;
        std::string label;
        CtssSegment segment;
        int unit;
    };
    const Case cases[] = {
        {0, "C2_inf_ant", "C2 lower endplate, anterior", CtssSegment::Cervical, 0},
        {1, "C2_inf_post", "C2 lower endplate, posterior", CtssSegment::Cervical, 0},
        {2, "C2_inf_left", "C2 lower endplate, left", CtssSegment::Cervical, 0},
        {3, "C2_inf_right", "C2 lower endplate, right", CtssSegment::Cervical, 0},
        {4, "C3_sup_ant", "C3 upper endplate, anterior", CtssSegment::Cervical, 0},
        {7, "C3_sup_right", "C3 upper endplate, right", CtssSegment::Cervical, 0},
        {8, "C3_inf_ant", "C3 lower endplate, anterior", CtssSegment::Cervical, 1},
        {40, "C7_inf_ant", "C7 lower endplate, anterior", CtssSegment::Cervical, 5},
        {47, "T1_sup_right", "T1 upper endplate, right", CtssSegment::Cervical, 5},
        {48, "T1_inf_ant", "T1 lower endplate, anterior", CtssSegment::Thoracic, 6},
        {94, "T7_sup_left", "T7 upper endplate, left", CtssSegment::Thoracic, 11},
        {135, "T12_sup_right", "T12 upper endplate, right", CtssSegment::Thoracic, 16},
        {136, "T12_inf_ant", "T12 lower endplate, anterior", CtssSegment::Lumbar, 17},
        {176, "L5_inf_ant", "L5 lower endplate, anterior", CtssSegment::Lumbar, 22},
        {181, "S1_sup_post", "S1 upper endplate, posterior", CtssSegment::Lumbar, 22},
        {183, "S1_sup_right", "S1 upper endplate, right", CtssSegment::Lumbar, 22},
    };
    ASSERT_EQ(allQuadrants().size(), 184u);
    for (const Case& c : cases) {
        const Quadrant quadrant = allQuadrants()[c.index];
        EXPECT_EQ(quadrant.index(), c.index);
        EXPECT_EQ(quadrantId(quadrant), c.id);
        EXPECT_EQ(quadrantLabel(quadrant), c.label);
        EXPECT_EQ(segmentOf(quadrant), c.segment) << c.id;
        EXPECT_EQ(quadrant.unit(), c.unit) << c.id;
        EXPECT_EQ(quadrantFromId(c.id), quadrant) << c.id;
    }
}

TEST(CtssQuadrants, EveryIdIsUniqueAndRoundTrips) {
    std::set<std::string> ids;
    int perSegment[3] = {0, 0, 0};
    for (Quadrant quadrant : allQuadrants()) {
        const std::string id = quadrantId(quadrant);
        ids.insert(id);
        EXPECT_EQ(quadrantFromId(id), quadrant) << id;
        ++perSegment[static_cast<int>(segmentOf(quadrant))];
        // Within a unit: the upper vertebra's _inf quadrants, then the lower's _sup; ant, post, left, right.
        const int within = quadrant.index() % 8;
        EXPECT_EQ(quadrant.endplate(),
                  within < 4 ? Endplate::UpperVertebraLower : Endplate::LowerVertebraUpper);
        EXPECT_EQ(static_cast<int>(quadrant.side()), within % 4);
        EXPECT_NE(id.find(within < 4 ? "_inf_" : "_sup_"), std::string::npos) << id;
    }
    EXPECT_EQ(ids.size(), 184u);
    EXPECT_EQ(perSegment[0], 48);
    EXPECT_EQ(perSegment[1], 88);
    EXPECT_EQ(perSegment[2], 48);
    EXPECT_EQ(quadrantCount(CtssSegment::Cervical), 48);
    EXPECT_EQ(quadrantCount(CtssSegment::Thoracic), 88);
    EXPECT_EQ(quadrantCount(CtssSegment::Lumbar), 48);
}

TEST(CtssQuadrants, RejectsIdsThatAreNotQuadrants) {
    for (const char* notAQuadrant :
         {"C2_sup_ant", "S1_inf_ant", "C1_inf_ant", "T13_inf_ant", "L6_sup_ant", "S2_sup_ant", "C3_sup_front",
          "c3_sup_ant", "C3_sup", "C3_sup_", "C3_sup_ant_", "C3_sup_antx", "C3__ant", "T7_mid_left", "",
          "T7_sup_Left", "C2_inf", "C2_inf_ant ", "X3_sup_ant"})
        EXPECT_FALSE(quadrantFromId(notAQuadrant).has_value()) << "'" << notAQuadrant << "'";
    EXPECT_THROW(Quadrant(-1), InternalError);
    EXPECT_THROW(Quadrant(184), InternalError);
}

TEST(CtssQuadrants, VertebralUnitsAndTheirSegments) {
    const std::pair<int, std::string> labels[] = {{0, "C2/C3"},    {5, "C7/T1"},   {6, "T1/T2"},
                                                  {16, "T11/T12"}, {17, "T12/L1"}, {21, "L4/L5"},
                                                  {22, "L5/S1"}};
    for (const auto& [unit, label] : labels)
        EXPECT_EQ(vertebralUnitLabel(unit), label);
    for (int unit = 0; unit < kVertebralUnitCount; ++unit)
        EXPECT_EQ(segmentOfUnit(unit), unit < 6    ? CtssSegment::Cervical
                                       : unit < 17 ? CtssSegment::Thoracic
                                                   : CtssSegment::Lumbar)
            << unit;
    EXPECT_THROW(vertebralUnitLabel(23), InternalError);
    EXPECT_THROW(segmentOfUnit(-1), InternalError);
    EXPECT_EQ(toString(CtssSegment::Thoracic), "thoracic");
}

TEST(CtssGrades, AcceptsZeroToThreeAndRejectsOthersNamingTheQuadrant) {
    const Quadrant t7 = *quadrantFromId("T7_sup_left");
    for (int grade = 0; grade <= 3; ++grade)
        EXPECT_EQ(QuadrantScore::graded(t7, grade).grade(), grade);
    for (int grade : {-1, 4, 9}) {
        try {
            QuadrantScore::graded(t7, grade);
            FAIL() << grade << " accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems().at(0).field, "CTSS T7_sup_left");
            EXPECT_EQ(e.problems().at(0).value, std::to_string(grade));
        }
    }
    const QuadrantScore na = QuadrantScore::notAssessable(NotAssessableReason::SurgeryHardware);
    EXPECT_FALSE(na.assessable());
    EXPECT_EQ(na.reason(), NotAssessableReason::SurgeryHardware);
    EXPECT_THROW(na.grade(), InternalError);
    EXPECT_FALSE(na == QuadrantScore::graded(t7, 0));
}

TEST(CtssGrades, ParseQuadrantScoreTable) {
    struct Case {
        std::string text;
        bool ok;
        int grade;  // -1: not assessable
    };
    const Case cases[] = {{"0", true, 0},   {"1", true, 1},    {"2", true, 2},  {"3", true, 3},
                          {"NA", true, -1}, {"na", true, -1},  {"4", false, 0}, {"-1", false, 0},
                          {"", false, 0},   {"1.5", false, 0}, {"N", false, 0}, {"03", false, 0}};
    const Quadrant quadrant = *quadrantFromId("L2_inf_post");
    for (const Case& c : cases) {
        Validation validation;
        const auto score = parseQuadrantScore(quadrant, c.text, validation);
        EXPECT_EQ(score.has_value(), c.ok) << "'" << c.text << "'";
        EXPECT_EQ(validation.hasErrors(), !c.ok) << "'" << c.text << "'";
        if (!c.ok) {
            EXPECT_EQ(validation.problems().front().field, "CTSS L2_inf_post");
            EXPECT_EQ(validation.problems().front().value, c.text);
            EXPECT_EQ(validation.problems().front().allowed, "0, 1, 2, 3 or NA (not assessable)");
        } else if (c.grade < 0) {
            EXPECT_FALSE(score->assessable());
        } else {
            EXPECT_EQ(score->grade(), c.grade);
        }
    }
}

std::string commaSeparated(int count, const std::string& value) {
    std::string text;
    for (int i = 0; i < count; ++i)
        text += (i ? "," : "") + value;
    return text;
}

TEST(CtssGrades, ParseReadingReportsEveryBadQuadrantAndTheCount) {
    const CtssReading reading = parseCtssReading("1,2,3,NA," + commaSeparated(179, "0") + ",3", "A");
    EXPECT_EQ(reading.reader, "A");
    EXPECT_EQ(reading.at(Quadrant(0))->grade(), 1);
    EXPECT_FALSE(reading.at(Quadrant(3))->assessable());
    EXPECT_EQ(reading.at(Quadrant(183))->grade(), 3);
    try {
        parseCtssReading("5," + commaSeparated(182, "0") + ",x");
        FAIL();
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.problems().size(), 2u);
        EXPECT_EQ(e.problems()[0].field, "CTSS C2_inf_ant");
        EXPECT_EQ(e.problems()[1].field, "CTSS S1_sup_right");
    }
    for (int count : {1, 24, 183, 185}) {
        try {
            parseCtssReading(commaSeparated(count, "0"));
            FAIL() << count;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems().at(0).value, std::to_string(count) + " values");
            EXPECT_NE(e.problems().at(0).allowed.find("184 values"), std::string::npos);
        }
    }
}

TEST(CtssScore, RangeAndSegmentSums) {
    const CtssScore zeros =
        scoreCtssReading(ctssReadingOf(seg::cervical(), seg::thoracic(), seg::lumbar()), {});
    EXPECT_EQ(zeros.total, 0.0);
    const CtssScore full = scoreCtssReading(
        ctssReadingOf(seg::cervical("", '3'), seg::thoracic("", '3'), seg::lumbar("", '3')), {});
    EXPECT_EQ(full.cervical.value, 144.0);
    EXPECT_EQ(full.thoracic.value, 264.0);
    EXPECT_EQ(full.lumbar.value, 144.0);
    EXPECT_EQ(full.total, 552.0);
    const CtssScore mixed =
        scoreCtssReading(ctssReadingOf(seg::cervical("123"), seg::thoracic("3333"), seg::lumbar("11")), {});
    EXPECT_EQ(mixed.cervical.value, 6.0);
    EXPECT_EQ(mixed.thoracic.value, 12.0);
    EXPECT_EQ(mixed.lumbar.value, 2.0);
    EXPECT_EQ(mixed.total, 20.0);
    EXPECT_EQ(mixed.cervical.assessable, 48);
    EXPECT_EQ(mixed.thoracic.imputed, 0);
    EXPECT_TRUE(mixed.reason.empty());
}

TEST(CtssScore, VertebralUnitTallySumsWhatWasGradedWithoutImputing) {
    // C2/C3: 3,2,1,0, N, N, not scored x2; C3/C4: all 3; the last unit L5/S1 all not assessable.
    const CtssReading reading = ctssReadingOf(seg::cervical("3210NN..33333333"), seg::thoracic(),
                                              seg::lumbar(times(40, '1') + times(8, 'N')));
    const auto units = tallyVertebralUnits(reading);
    struct Case {
        int unit, gradedSum, graded, notAssessable, notScored;
    };
    for (const Case& c : std::vector<Case>{{0, 6, 4, 2, 2},
                                           {1, 24, 8, 0, 0},
                                           {2, 0, 8, 0, 0},
                                           {17, 8, 8, 0, 0},
                                           {21, 8, 8, 0, 0},
                                           {22, 0, 0, 8, 0}}) {
        SCOPED_TRACE(vertebralUnitLabel(c.unit));
        EXPECT_EQ(units[c.unit].gradedSum, c.gradedSum);
        EXPECT_EQ(units[c.unit].graded, c.graded);
        EXPECT_EQ(units[c.unit].notAssessable, c.notAssessable);
        EXPECT_EQ(units[c.unit].notScored, c.notScored);
    }
    int sum = 0;
    for (const VertebralUnitTally& unit : units)
        sum += unit.gradedSum;
    EXPECT_EQ(sum, 6 + 24 + 40);  // the segment sums of what was graded, with nothing imputed
}

TEST(CtssScore, MaxImputableQuadrantsByFraction) {
    struct Case {
        double fraction;
        int cervical;
        int thoracic;
    };
    for (const Case& c : {Case{0.25, 12, 22}, Case{0, 0, 0}, Case{0.1, 4, 8}, Case{0.5, 24, 44},
                          Case{0.99, 47, 87}, Case{0.3, 14, 26}}) {
        CtssSettings settings;
        settings.maxMissingFractionPerSegment = c.fraction;
        EXPECT_EQ(maxImputableQuadrants(CtssSegment::Cervical, settings), c.cervical) << c.fraction;
        EXPECT_EQ(maxImputableQuadrants(CtssSegment::Lumbar, settings), c.cervical) << c.fraction;
        EXPECT_EQ(maxImputableQuadrants(CtssSegment::Thoracic, settings), c.thoracic) << c.fraction;
    }
}

// Imputation table (default fraction 0.25): n quadrants not assessable in one segment, the rest
// holding the given grades; segment = sum(observed) x quadrants / observed.
TEST(CtssScore, ImputationBySegmentMeanUpToAQuarter) {
    struct Case {
        std::string name;
        std::string cervical, thoracic, lumbar;
        std::optional<double> expected;  // of the segment with the missing quadrants
        CtssSegment segment;
        int imputed;
    };
    const Case cases[] = {
        {"1 cervical", seg::cervical("N", '1'), seg::thoracic(), seg::lumbar(), 48.0, CtssSegment::Cervical,
         1},
        {"12 cervical", seg::cervical(times(12, 'N'), '1'), seg::thoracic(), seg::lumbar(), 48.0,
         CtssSegment::Cervical, 12},
        {"13 cervical", seg::cervical(times(13, 'N'), '1'), seg::thoracic(), seg::lumbar(), std::nullopt,
         CtssSegment::Cervical, 0},
        {"22 thoracic", seg::cervical(), seg::thoracic(times(22, 'N') + "2"), seg::lumbar(), 2.0 * 88 / 66,
         CtssSegment::Thoracic, 22},
        {"23 thoracic", seg::cervical(), seg::thoracic(times(23, 'N')), seg::lumbar(), std::nullopt,
         CtssSegment::Thoracic, 0},
        {"12 lumbar", seg::cervical(), seg::thoracic(), seg::lumbar(times(12, 'N') + "333"), 9.0 * 48 / 36,
         CtssSegment::Lumbar, 12},
        {"13 lumbar", seg::cervical(), seg::thoracic(), seg::lumbar(times(13, 'N')), std::nullopt,
         CtssSegment::Lumbar, 0},
        {"all lumbar", seg::cervical(), seg::thoracic(), seg::lumbar("", 'N'), std::nullopt,
         CtssSegment::Lumbar, 0},
    };
    for (const Case& c : cases) {
        const CtssScore score = scoreCtssReading(ctssReadingOf(c.cervical, c.thoracic, c.lumbar), {});
        const CtssSegmentScore& segment = score.segment(c.segment);
        EXPECT_EQ(segment.value.has_value(), c.expected.has_value()) << c.name;
        EXPECT_EQ(score.total.has_value(), c.expected.has_value()) << c.name;
        EXPECT_EQ(segment.imputed, c.imputed) << c.name;
        if (c.expected) {
            EXPECT_NEAR(*segment.value, *c.expected, kTolerance) << c.name;
            EXPECT_NEAR(*score.total, *c.expected, kTolerance) << c.name;
        }
    }
}

TEST(CtssScore, NotComputableSaysWhichSegmentsAndWhy) {
    const CtssScore score = scoreCtssReading(
        ctssReadingOf(seg::cervical(times(13, 'N')), seg::thoracic("."), seg::lumbar(times(12, 'N'))), {});
    EXPECT_FALSE(score.cervical.value.has_value());
    EXPECT_FALSE(score.thoracic.value.has_value());
    EXPECT_EQ(score.lumbar.value, 0.0);
    EXPECT_EQ(score.lumbar.imputed, 12);
    EXPECT_FALSE(score.total.has_value());
    EXPECT_EQ(score.cervical.notAssessable, 13);
    EXPECT_EQ(score.thoracic.notScored, 1);
    EXPECT_EQ(score.cervical.reason,
              "13 of 48 cervical quadrants not assessable (at most 12 can be imputed)");
    EXPECT_EQ(score.reason,
              "not computable: 13 of 48 cervical quadrants not assessable (at most 12 can be imputed); "
              "1 of 88 thoracic quadrants not scored");
}

TEST(CtssScore, FractionIsASetting) {
    const CtssReading reading =
        ctssReadingOf(seg::cervical(), seg::thoracic(times(30, 'N'), '1'), seg::lumbar("N"));
    EXPECT_FALSE(scoreCtssReading(reading, {}).total.has_value());
    CtssSettings lenient;
    lenient.maxMissingFractionPerSegment = 0.35;  // 30 of 88 thoracic quadrants may be imputed
    const CtssScore score = scoreCtssReading(reading, lenient);
    ASSERT_TRUE(score.total.has_value());
    EXPECT_NEAR(*score.thoracic.value, 88.0, kTolerance);
    EXPECT_EQ(score.thoracic.imputed, 30);
    EXPECT_EQ(score.settings.maxMissingFractionPerSegment, 0.35);
    CtssSettings strict;
    strict.maxMissingFractionPerSegment = 0;  // nothing imputed: one missing quadrant is too many
    const CtssScore none = scoreCtssReading(reading, strict);
    EXPECT_FALSE(none.lumbar.value.has_value());
    EXPECT_EQ(none.lumbar.reason, "1 of 48 lumbar quadrants not assessable (at most 0 can be imputed)");
    EXPECT_EQ(
        *scoreCtssReading(ctssReadingOf(seg::cervical(), seg::thoracic(), seg::lumbar("1")), strict).total,
        1.0);
}

TEST(CtssScan, ScoreIsTheMeanOfComputableReadings) {
    const CtssReading a = ctssReadingOf(seg::cervical("33"), seg::thoracic(), seg::lumbar(), "A");
    const CtssReading b = ctssReadingOf(seg::cervical("3"), seg::thoracic("1"), seg::lumbar(), "B");
    const CtssReading missing =
        ctssReadingOf(seg::cervical(times(20, 'N')), seg::thoracic(), seg::lumbar(), "C");
    const CtScanScore both = scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {a, b, missing}}, {});
    EXPECT_EQ(both.value, 5.0);  // (6 + 4) / 2; C is left out
    EXPECT_EQ(both.readingsUsed, 2);
    EXPECT_EQ(both.readingsTotal, 3);
    ASSERT_EQ(both.readingScores.size(), 3u);
    EXPECT_FALSE(both.readingScores[2].total.has_value());

    const CtScanScore one = scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {missing}}, {});
    EXPECT_FALSE(one.value.has_value());
    EXPECT_EQ(one.reason, one.readingScores[0].reason);
    EXPECT_EQ(scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {missing, missing}}, {}).reason,
              "not computable: no reader's total is computable");
    EXPECT_EQ(scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {}}, {}).reason,
              "not computable: the scan has no reading");
}

TEST(CtssScan, SegmentIsTheMeanOfTheReadersComputableSegments) {
    const CtssReading a = ctssReadingOf(seg::cervical("33"), seg::thoracic(), seg::lumbar("2"), "A");
    const CtssReading b = ctssReadingOf(seg::cervical("3"), seg::thoracic("1"), seg::lumbar(), "B");
    // C: its cervical segment is not computable (20 of 48 not assessable), its lumbar is.
    const CtssReading c =
        ctssReadingOf(seg::cervical(times(20, 'N')), seg::thoracic(), seg::lumbar("3"), "C");
    const CtScanScore score = scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {a, b, c}}, {});
    const struct {
        CtssSegment segment;
        std::optional<double> value;
        int used;
    } cases[] = {{CtssSegment::Cervical, 4.5, 2},  // (6 + 3) / 2; C is left out
                 {CtssSegment::Thoracic, 1.0 / 3, 3},
                 {CtssSegment::Lumbar, 5.0 / 3, 3}};
    for (const auto& expected : cases) {
        const CtScanSegment segment = scanSegment(score, expected.segment);
        ASSERT_TRUE(segment.value.has_value()) << toString(expected.segment);
        EXPECT_NEAR(*segment.value, *expected.value, kTolerance) << toString(expected.segment);
        EXPECT_EQ(segment.readingsUsed, expected.used) << toString(expected.segment);
    }
    const CtScanScore none = scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {c}}, {});
    EXPECT_FALSE(scanSegment(none, CtssSegment::Cervical).value.has_value());
    EXPECT_EQ(scanSegment(none, CtssSegment::Cervical).readingsUsed, 0);
    EXPECT_EQ(scanSegment(none, CtssSegment::Lumbar).value, 3.0);
    EXPECT_FALSE(scanSegment(scoreCtScan(CtScan{Date(2020, 1, 1), "", true, {}}, {}), CtssSegment::Thoracic)
                     .value.has_value());
}

/// The one problem of a validation as "field|value|allowed", or "" when it has none.
std::string onlyProblem(const Validation& validation) {
    if (validation.problems().empty())
        return "";
    EXPECT_EQ(validation.problems().size(), 1u) << validation.problems()[1].message();
    const Problem& p = validation.problems().front();
    EXPECT_EQ(p.severity, Severity::Error);
    return p.field + "|" + p.value + "|" + p.allowed;
}

CtScan scanWithReaders(Date date, const std::vector<std::string>& readers) {
    CtScan scan;
    scan.date = date;
    scan.device = "Siemens SOMATOM Force";
    for (const std::string& reader : readers)
        scan.readings.push_back(ctssReadingOf(seg::cervical(), seg::thoracic(), seg::lumbar(), reader));
    return scan;
}

TEST(CtScanValidation, DatesDeviceAndReadersAsForFilms) {
    const Date birth(1980, 5, 1);
    const Date today(2024, 6, 30);
    struct Case {
        const char* what;
        CtScan scan;
        std::string expected;
    };
    CtScan badDevice = scanWithReaders(Date(2020, 1, 1), {"A"});
    badDevice.device = "GE\x1b[31m";
    CtScan readAfterScan = scanWithReaders(Date(2020, 1, 1), {"A"});
    readAfterScan.readings[0].readingDate = Date(2020, 1, 1);
    CtScan readBeforeScan = readAfterScan;
    readBeforeScan.readings[0].readingDate = Date(2019, 12, 31);
    CtScan readTomorrow = readAfterScan;
    readTomorrow.readings[0].readingDate = Date(2024, 7, 1);
    CtScan noDevice = scanWithReaders(Date(2020, 1, 1), {});
    noDevice.device.clear();
    const Case cases[] = {
        {"today", scanWithReaders(today, {"A", "B"}), ""},
        {"the day of birth", scanWithReaders(birth, {"A"}), ""},
        {"no reading, no device", noDevice, ""},
        {"tomorrow", scanWithReaders(Date(2024, 7, 1), {"A"}),
         "CT scan date|2024-07-01|not after today (2024-06-30)"},
        {"the day before birth", scanWithReaders(Date(1980, 4, 30), {"A"}),
         "CT scan date|1980-04-30|not before the date of birth (1980-05-01)"},
        {"one reader twice, in another case", scanWithReaders(Date(2020, 1, 1), {"Dr. Chen", "dr. chen"}),
         "reader|dr. chen|one reading per reader of the CT scan of 2020-01-01"},
        {"two readers", scanWithReaders(Date(2020, 1, 1), {"Dr. Chen", "Dr. Cheng"}), ""},
        {"an escape code in the device", badDevice, ""},
        {"read the day of the scan", readAfterScan, ""},
        {"read before the scan", readBeforeScan,
         "CT reading date|2019-12-31|not before the scan date (2020-01-01)"},
        {"read tomorrow", readTomorrow, "CT reading date|2024-07-01|not after today (2024-06-30)"},
    };
    for (const Case& c : cases) {
        const Validation validation = validateCtScan(c.scan, birth, today);
        if (std::string(c.what) == "an escape code in the device") {
            ASSERT_EQ(validation.errors().size(), 1u) << c.what;
            EXPECT_EQ(validation.errors()[0].field, "CT scanner");
            continue;
        }
        EXPECT_EQ(onlyProblem(validation), c.expected) << c.what;
    }
}

TEST(CtScanValidation, OneScanPerDateForAPatient) {
    const Date today(2024, 6, 30);
    const CtScan a = scanWithReaders(Date(2020, 1, 1), {"A"});
    const CtScan b = scanWithReaders(Date(2022, 1, 1), {"A"});
    const CtScan aAgain = scanWithReaders(Date(2020, 1, 1), {"B"});
    EXPECT_EQ(onlyProblem(validateCtScans({a, b}, std::nullopt, today)), "");
    EXPECT_EQ(onlyProblem(validateCtScans({}, std::nullopt, today)), "");
    EXPECT_EQ(onlyProblem(validateCtScans({a, b, aAgain}, std::nullopt, today)),
              "CT scan date|2020-01-01|one CT scan per date for a patient");
    // Each scan is checked on its own too.
    EXPECT_EQ(
        onlyProblem(validateCtScans({b, scanWithReaders(Date(2025, 1, 1), {"A"})}, std::nullopt, today)),
        "CT scan date|2025-01-01|not after today (2024-06-30)");
}

TEST(CtScanValidation, ANewScanCoversTheWholeSpineUntilToldOtherwise) {
    const CtScan scan;
    EXPECT_TRUE(scan.wholeSpine);
    EXPECT_TRUE(scan.device.empty());
    EXPECT_FALSE(CtssReading().chronologyKnown);
}

}  // namespace
}  // namespace ankylos::core
