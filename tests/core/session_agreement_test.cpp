// docs/methods.md 11: agreement between a session's readers and the intervals left to adjudicate.
#include "core/session_agreement.h"

#include <gtest/gtest.h>

#include "reading_fixture.h"

namespace ankylos::core {
namespace {

using test::readingOf;

/// mSASSS `total` (0-24) as grade-1 sites: no site ever reaches 2, so no site event.
Reading ones(int total, const std::string& reader, ReadingRole role = ReadingRole::Primary) {
    std::string grades(24, '0');
    for (int i = 0; i < total; ++i)
        grades[i] = '1';
    Reading reading = readingOf(grades, reader);
    reading.session = "S1";
    reading.role = role;
    return reading;
}

const Date kFirst(2020, 1, 15);
const Date kSecond(2022, 1, 15);

/// Readers A and B; per patient their totals on the two films (A before, A after, B before, B after).
SessionPatient patientOf(const std::string& name, int a1, int a2, int b1, int b2) {
    return {name,
            {Film{kFirst, {ones(a1, "A"), ones(b1, "B")}}, Film{kSecond, {ones(a2, "A"), ones(b2, "B")}}}};
}

std::vector<SessionPatient> session() {
    return {patientOf("P1", 4, 8, 4, 5),      // A progresses by 4 units, B by 1: discordant
            patientOf("P2", 10, 10, 11, 11),  // no change for either: concordant
            patientOf("P3", 2, 3, 2, 4)};     // B progresses by 2, A by 1: discordant
}

TEST(SessionAgreement, StatusAndChangeScoresAreTheReadersTotals) {
    const SessionAgreement result = assessSessionAgreement(session(), {"A", "B"}, {});
    const AgreementResult status =
        assessAgreement({{"A", {4.0, 8.0, 10.0, 10.0, 2.0, 3.0}}, {"B", {4.0, 5.0, 11.0, 11.0, 2.0, 4.0}}},
                        ScoreKind::Status);
    const AgreementResult change =
        assessAgreement({{"A", {4.0, 0.0, 1.0}}, {"B", {1.0, 0.0, 2.0}}}, ScoreKind::Change);
    ASSERT_TRUE(result.status.computable());
    ASSERT_TRUE(result.change.computable());
    EXPECT_EQ(result.status.subjects, 6);
    EXPECT_EQ(result.change.subjects, 3);
    EXPECT_DOUBLE_EQ(*result.status.iccA1, *status.iccA1);
    EXPECT_DOUBLE_EQ(*result.status.iccAk, *status.iccAk);
    EXPECT_DOUBLE_EQ(*result.change.sdc, *change.sdc);
    ASSERT_EQ(result.changeScores.rows.size(), 3u);
    EXPECT_EQ(result.changeScores.rows[0], (std::vector<double>{4.0, 1.0}));  // P1: A's and B's change
    ASSERT_TRUE(result.change.blandAltman);
    EXPECT_DOUBLE_EQ(result.change.blandAltman->meanDifference, (3.0 + 0.0 - 1.0) / 3);
}

TEST(SessionAgreement, IntervalsWhereReadersDisagreeOnProgressionAreDiscordant) {
    const SessionAgreement result = assessSessionAgreement(session(), {"A", "B"}, {});
    ASSERT_EQ(result.intervals.size(), 3u);
    EXPECT_EQ(result.intervals[0].patient, "P1");
    EXPECT_EQ(result.intervals[0].from, kFirst);
    EXPECT_EQ(result.intervals[0].to, kSecond);
    EXPECT_TRUE(result.intervals[0].discordant());
    EXPECT_TRUE(result.intervals[0].discordance->progressionDisagrees);
    EXPECT_FALSE(result.intervals[1].discordant());
    EXPECT_TRUE(result.intervals[2].discordant());
    EXPECT_TRUE(result.intervals[2].awaitingAdjudication());
    ASSERT_TRUE(result.intervals[0].readers[0]);
    EXPECT_TRUE(result.intervals[0].readers[0]->progression);
    EXPECT_DOUBLE_EQ(*result.intervals[0].readers[1]->change, 1.0);
}

TEST(SessionAgreement, AnAdjudicatorsReadingOfBothFilmsSettlesTheInterval) {
    std::vector<SessionPatient> patients = session();
    patients[0].films[0].readings.push_back(ones(5, "C", ReadingRole::Adjudicator));
    const SessionAgreement half = assessSessionAgreement(patients, {"A", "B"}, {});
    EXPECT_TRUE(half.intervals[0].awaitingAdjudication()) << "one film adjudicated is not enough";
    patients[0].films[1].readings.push_back(ones(6, "C", ReadingRole::Adjudicator));
    const SessionAgreement settled = assessSessionAgreement(patients, {"A", "B"}, {});
    EXPECT_TRUE(settled.intervals[0].discordant()) << "the primary readings still disagree";
    EXPECT_TRUE(settled.intervals[0].adjudicated);
    EXPECT_FALSE(settled.intervals[0].awaitingAdjudication());
    // The adjudicator's readings are not a primary reader's: the figures are unchanged.
    EXPECT_DOUBLE_EQ(*settled.status.iccA1, *half.status.iccA1);
    EXPECT_EQ(settled.status.subjects, 6);
}

TEST(SessionAgreement, PairsCompareSitesAndProgressorStatus) {
    const SessionAgreement result = assessSessionAgreement(session(), {"A", "B"}, {});
    ASSERT_EQ(result.pairs.size(), 1u);
    EXPECT_EQ(result.pairs[0].first, "A");
    EXPECT_EQ(result.pairs[0].second, "B");
    EXPECT_EQ(result.pairs[0].kappa.sites, 6 * 24);
    EXPECT_FALSE(result.pairs[0].kappa.kappa) << "no syndesmophyte anywhere: kappa is not computable";
    EXPECT_EQ(result.pairs[0].progressors.patients, 3);
    EXPECT_EQ(result.pairs[0].progressors.agreeing, 1);  // P2 only
    // Three readers give three pairs.
    EXPECT_EQ(assessSessionAgreement(session(), {"A", "B", "Z"}, {}).pairs.size(), 3u);
}

TEST(SessionAgreement, AReaderWithoutReadingsLeavesEverySubjectOut) {
    const SessionAgreement result = assessSessionAgreement(session(), {"A", "Z"}, {});
    EXPECT_FALSE(result.status.computable());
    EXPECT_EQ(result.status.dropped, 6);
    EXPECT_FALSE(result.status.reason.empty());
    EXPECT_FALSE(result.intervals[0].discordance) << "only one reader read both films";
    EXPECT_FALSE(result.intervals[0].readers[1]);
}

TEST(SessionAgreement, TwoFilmsOfAPatientOnOneDateAreRefused) {
    std::vector<SessionPatient> patients = session();
    patients[1].films[1].date = kFirst;
    EXPECT_THROW(assessSessionAgreement(patients, {"A", "B"}, {}), ValidationError);
}

}  // namespace
}  // namespace ankylos::core
