// docs/methods.md 1.4: site events between two films, reader rules, bridging consistency.
#include "core/site_events.h"

#include <gtest/gtest.h>

#include "reading_fixture.h"

namespace ankylos::core {
namespace {

using test::readingOf;

/// A reading with every site 0 except C5_sup set to `grade` ('0'-'3', 'N' or '.').
Reading oneSite(char grade, const std::string& reader = "R1") {
    std::string grades(24, '0');
    grades[siteIndex(Site::C5_sup)] = grade;
    return readingOf(grades, reader);
}

struct EventCase {
    char from;
    char to;
    bool evaluable;
    bool newSyndesmophyte;
    bool newBridging;
    bool regression;
};

class SiteEventTable : public ::testing::TestWithParam<EventCase> {};

TEST_P(SiteEventTable, ClassifiesEveryGradeChange) {
    const EventCase c = GetParam();
    const SiteEvent event = compareReadings(oneSite(c.from), oneSite(c.to), {})[siteIndex(Site::C5_sup)];
    EXPECT_EQ(event.site, Site::C5_sup);
    EXPECT_EQ(event.evaluable, c.evaluable);
    EXPECT_EQ(event.newSyndesmophyte, c.newSyndesmophyte);
    EXPECT_EQ(event.newBridging, c.newBridging);
    EXPECT_EQ(event.regression, c.regression);
}

INSTANTIATE_TEST_SUITE_P(
    AllTransitions, SiteEventTable,
    ::testing::Values(EventCase{'0', '0', true, false, false, false}, EventCase{'0', '1', true, false, false, false},
                      EventCase{'0', '2', true, true, false, false}, EventCase{'0', '3', true, true, true, false},
                      EventCase{'1', '1', true, false, false, false}, EventCase{'1', '2', true, true, false, false},
                      EventCase{'1', '3', true, true, true, false},
                      // 2 -> 3 is new bridging, not a new syndesmophyte (default setting).
                      EventCase{'2', '3', true, false, true, false}, EventCase{'2', '2', true, false, false, false},
                      EventCase{'3', '3', true, false, false, false}, EventCase{'1', '0', true, false, false, true},
                      EventCase{'2', '1', true, false, false, true}, EventCase{'3', '2', true, false, false, true},
                      EventCase{'3', '0', true, false, false, true},
                      // Not assessable (or not scored) on either film: not evaluable, never an event.
                      EventCase{'N', '3', false, false, false, false}, EventCase{'0', 'N', false, false, false, false},
                      EventCase{'N', 'N', false, false, false, false}, EventCase{'.', '2', false, false, false, false}));

TEST(SiteEventSettings, BridgingCountsAsNewSyndesmophyteWhenSet) {
    ProgressionSettings settings;
    settings.countBridgingAsNewSyndesmophyte = true;
    const SiteEvent event = compareReadings(oneSite('2'), oneSite('3'), settings)[siteIndex(Site::C5_sup)];
    EXPECT_TRUE(event.newSyndesmophyte);
    EXPECT_TRUE(event.newBridging);
    // A 3 that stays 3 is still nothing new.
    EXPECT_FALSE(compareReadings(oneSite('3'), oneSite('3'), settings)[siteIndex(Site::C5_sup)].newSyndesmophyte);
}

TEST(SiteEventFilms, CountsEventsAndNotEvaluableSites) {
    Film before{Date(2018, 1, 1), {readingOf("0001200000N0" "000000000000")}};
    Film after{Date(2020, 1, 1), {readingOf("2303100000N." "000000000000")}};
    const FilmComparison comparison = compareFilms(before, after, {});
    EXPECT_EQ(comparison.newSyndesmophytes, 3);  // C2_inf 0->2, C3_sup 0->3, C4_sup 1->3
    EXPECT_EQ(comparison.newBridgings, 2);       // C3_sup 0->3, C4_sup 1->3
    EXPECT_EQ(comparison.regressions, 1);        // C4_inf 2->1
    EXPECT_EQ(comparison.notEvaluable, 2);       // C7_inf NA, T1_sup not scored
    EXPECT_EQ(comparison.readers, std::vector<std::string>{"R1"});
}

/// Two readers: A sees a new syndesmophyte at C5_sup, B does not.
struct ReaderRuleCase {
    EventReaderRule rule;
    bool counted;
};

class ReaderRuleTable : public ::testing::TestWithParam<ReaderRuleCase> {};

TEST_P(ReaderRuleTable, DecidesWhenReadersDisagree) {
    const Film before{Date(2018, 1, 1), {oneSite('0', "A"), oneSite('0', "B")}};
    const Film after{Date(2020, 1, 1), {oneSite('2', "A"), oneSite('1', "B")}};
    ProgressionSettings settings;
    settings.eventReaderRule = GetParam().rule;
    const FilmComparison comparison = compareFilms(before, after, settings);
    EXPECT_EQ(comparison.newSyndesmophytes, GetParam().counted ? 1 : 0);
    EXPECT_TRUE(comparison.sites[siteIndex(Site::C5_sup)].evaluable);
}

INSTANTIATE_TEST_SUITE_P(Rules, ReaderRuleTable,
                         ::testing::Values(ReaderRuleCase{EventReaderRule::AllAgree, false},
                                           ReaderRuleCase{EventReaderRule::AnyReader, true},
                                           ReaderRuleCase{EventReaderRule::FirstReader, true}));

TEST(SiteEventReaders, AllAgreeCountsWhenEveryReaderSeesIt) {
    const Film before{Date(2018, 1, 1), {oneSite('1', "A"), oneSite('0', "B")}};
    const Film after{Date(2020, 1, 1), {oneSite('3', "A"), oneSite('2', "B")}};
    EXPECT_EQ(compareFilms(before, after, {}).newSyndesmophytes, 1);
}

TEST(SiteEventReaders, FirstReaderIsTheFirstReaderOfTheEarlierFilmWhoReadBoth) {
    // C read only the earlier film; B is the first who read both, and B sees no event.
    const Film before{Date(2018, 1, 1), {oneSite('0', "C"), oneSite('0', "B"), oneSite('0', "A")}};
    const Film after{Date(2020, 1, 1), {oneSite('2', "A"), oneSite('0', "B")}};
    ProgressionSettings settings;
    settings.eventReaderRule = EventReaderRule::FirstReader;
    const FilmComparison comparison = compareFilms(before, after, settings);
    EXPECT_EQ(comparison.readers, std::vector<std::string>{"B"});
    EXPECT_EQ(comparison.newSyndesmophytes, 0);
}

TEST(SiteEventReaders, ReaderWhoCouldNotAssessTheSiteDoesNotVeto) {
    const Film before{Date(2018, 1, 1), {oneSite('0', "A"), oneSite('N', "B")}};
    const Film after{Date(2020, 1, 1), {oneSite('2', "A"), oneSite('0', "B")}};
    EXPECT_EQ(compareFilms(before, after, {}).newSyndesmophytes, 1);
}

TEST(SiteEventReaders, ReadersAreMatchedByNameAcrossFilms) {
    const Film before{Date(2018, 1, 1), {oneSite('0', "A")}};
    const Film after{Date(2020, 1, 1), {oneSite('2', "B")}};
    const FilmComparison comparison = compareFilms(before, after, {});
    EXPECT_EQ(comparison.newSyndesmophytes, 0);
    EXPECT_EQ(comparison.notEvaluable, 24);
    EXPECT_EQ(comparison.note, "no reader read both films");
}

TEST(BridgingConsistency, FlagsAThreeFacingACornerBelowTwo) {
    struct Case {
        char upper;
        char lower;
        bool flagged;
    };
    const Case cases[] = {{'3', '0', true}, {'3', '1', true}, {'3', '2', false}, {'3', '3', false},
                          {'0', '3', true}, {'2', '3', false}, {'3', 'N', false}, {'2', '1', false}};
    for (const Case& c : cases) {
        std::string grades(24, '0');
        grades[siteIndex(Site::L4_inf)] = c.upper;
        grades[siteIndex(Site::L5_sup)] = c.lower;
        const auto found = checkBridgingConsistency(readingOf(grades));
        ASSERT_EQ(found.size(), c.flagged ? 1u : 0u) << c.upper << c.lower;
        if (c.flagged) {
            EXPECT_EQ(found[0].disc.upper, Site::L4_inf);
            EXPECT_EQ(found[0].bridged, c.upper == '3' ? Site::L4_inf : Site::L5_sup);
        }
    }
}

TEST(BridgingConsistency, MessageNamesBothCorners) {
    std::string grades(24, '0');
    grades[siteIndex(Site::C3_inf)] = '3';
    grades[siteIndex(Site::C4_sup)] = '1';
    const auto found = checkBridgingConsistency(readingOf(grades));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].message(), "C3_inf is 3 (bridging) but C4_sup is 1; check the disc space C3_inf/C4_sup");
}

TEST(BridgingConsistency, CornersOfDifferentDiscsAreNotAPair) {
    // C3_sup and C3_inf belong to one vertebra, not one disc space.
    std::string grades(24, '0');
    grades[siteIndex(Site::C3_sup)] = '3';
    grades[siteIndex(Site::C2_inf)] = '2';
    EXPECT_TRUE(checkBridgingConsistency(readingOf(grades)).empty());
}

// A reader's clinic reading and session reading are each compared with their own kind: the same person
// reading in a session (docs/methods.md 11) is a second set of eyes on the films.
TEST(SiteEvents, ReadingsPairWithinTheirSession) {
    Reading clinicBefore = readingOf(std::string(24, '0'), "A");
    Reading clinicAfter = readingOf("2" + std::string(23, '0'), "A");
    Reading sessionBefore = clinicBefore;
    sessionBefore.session = "S1";
    Reading sessionAfter = clinicBefore;
    sessionAfter.session = "S1";
    const Film before{Date(2020, 1, 1), {clinicBefore, sessionBefore}};
    const Film after{Date(2022, 1, 1), {sessionAfter, clinicAfter}};
    const FilmComparison comparison = compareFilms(before, after, {});
    EXPECT_EQ(comparison.readers, (std::vector<std::string>{"A", "A (session S1)"}));
    EXPECT_EQ(comparison.newSyndesmophytes, 0) << "the session reading sees no new syndesmophyte";
    ProgressionSettings any;
    any.eventReaderRule = EventReaderRule::AnyReader;
    EXPECT_EQ(compareFilms(before, after, any).newSyndesmophytes, 1) << "the clinic reading's own pair";
}

}  // namespace
}  // namespace ankylos::core
