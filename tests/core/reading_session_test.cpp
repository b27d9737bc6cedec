// docs/methods.md 11: how a reading was made, and the order a session shows its films in.
#include "core/reading_session.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/validation.h"

namespace ankylos::core {
namespace {

TEST(ReadingRole, NamesRoundTripAndOthersAreRefused) {
    for (ReadingRole role : {ReadingRole::Primary, ReadingRole::Adjudicator, ReadingRole::Consensus})
        EXPECT_EQ(parseReadingRole(toString(role)), role);
    EXPECT_EQ(toString(ReadingRole::Consensus), "consensus");
    try {
        parseReadingRole("Primary");
        FAIL() << "a name in another case was accepted";
    } catch (const ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("primary, adjudicator or consensus"), std::string::npos)
            << e.what();
    }
}

TEST(SessionChronology, NamesRoundTripAndBlindingFollowsThem) {
    for (SessionChronology c :
         {SessionChronology::Known, SessionChronology::Unknown, SessionChronology::PairedHidden})
        EXPECT_EQ(parseSessionChronology(toString(c)), c);
    EXPECT_THROW(parseSessionChronology("paired"), ValidationError);
    struct Case {
        SessionChronology chronology;
        bool known;
        bool paired;
    };
    for (const Case& c :
         {Case{SessionChronology::Known, true, true}, Case{SessionChronology::Unknown, false, false},
          Case{SessionChronology::PairedHidden, false, true}}) {
        const SessionBlinding blinding{true, c.chronology};
        EXPECT_EQ(blinding.chronologyKnown(), c.known) << toString(c.chronology);
        EXPECT_EQ(blinding.pairedByPatient(), c.paired) << toString(c.chronology);
        // Dates tell the order and help identify the patient: shown only with both known.
        EXPECT_FALSE(blinding.datesShown()) << toString(c.chronology);
        EXPECT_EQ((SessionBlinding{false, c.chronology}.datesShown()), c.known) << toString(c.chronology);
    }
    EXPECT_EQ(allSessionChronologies(),
              (std::vector<SessionChronology>{SessionChronology::Known, SessionChronology::Unknown,
                                              SessionChronology::PairedHidden}));
}

/// 4 patients (ids 10, 20, 30, 40) with 3 films each, given patient by patient, newest first.
std::vector<WorklistFilm> cohort() {
    std::vector<WorklistFilm> films;
    for (std::int64_t patient : {10, 20, 30, 40})
        for (int year : {2024, 2022, 2020})
            films.push_back({patient, Date(year, 3, static_cast<int>(patient / 10))});
    return films;
}

bool isPermutation(std::vector<std::size_t> order, std::size_t n) {
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] != i)
            return false;
    return order.size() == n;
}

/// True when each patient's films come one after another.
bool patientsContiguous(const std::vector<WorklistFilm>& films, const std::vector<std::size_t>& order) {
    std::vector<std::int64_t> seen;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const std::int64_t patient = films[order[i]].patient;
        if (i > 0 && films[order[i - 1]].patient == patient)
            continue;
        if (std::find(seen.begin(), seen.end(), patient) != seen.end())
            return false;
        seen.push_back(patient);
    }
    return true;
}

TEST(WorklistOrder, KnownOrderGoesPatientByPatientInDateOrder) {
    const auto films = cohort();
    const auto order = worklistOrder(films, SessionChronology::Known, 7);
    ASSERT_TRUE(isPermutation(order, films.size()));
    // Patients as they first appear; each patient's films oldest first (given newest first).
    const std::vector<std::size_t> expected{2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9};
    EXPECT_EQ(order, expected);
    EXPECT_EQ(worklistOrder(films, SessionChronology::Known, 8), expected) << "the seed must not matter";
}

TEST(WorklistOrder, UnknownOrderShufflesEveryFilmTheSameWayForTheSameSeed) {
    const auto films = cohort();
    const auto order = worklistOrder(films, SessionChronology::Unknown, 20261203);
    ASSERT_TRUE(isPermutation(order, films.size()));
    EXPECT_EQ(order, worklistOrder(films, SessionChronology::Unknown, 20261203));
    EXPECT_NE(order, worklistOrder(films, SessionChronology::Unknown, 20261204));
    // Pinned: the order of a seed may never change between versions or machines (the generator is
    // std::mt19937_64, fully specified by the C++ standard, and the shuffle is our own).
    const std::vector<std::size_t> pinned = worklistOrder(films, SessionChronology::Unknown, 1);
    EXPECT_EQ(pinned, (std::vector<std::size_t>{5, 3, 10, 4, 6, 2, 7, 11, 9, 0, 1, 8}));
    EXPECT_FALSE(patientsContiguous(films, order)) << "12 shuffled films kept every patient together";
}

TEST(WorklistOrder, PairedOrderKeepsPatientsTogetherAndHidesTheirOrder) {
    const auto films = cohort();
    bool someFilmsOutOfDateOrder = false;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto order = worklistOrder(films, SessionChronology::PairedHidden, seed);
        ASSERT_TRUE(isPermutation(order, films.size()));
        EXPECT_TRUE(patientsContiguous(films, order)) << "seed " << seed;
        for (std::size_t i = 1; i < order.size(); ++i)
            if (films[order[i]].patient == films[order[i - 1]].patient &&
                films[order[i]].date < films[order[i - 1]].date)
                someFilmsOutOfDateOrder = true;
    }
    EXPECT_TRUE(someFilmsOutOfDateOrder) << "films were never out of date order: the order is not hidden";
}

TEST(WorklistOrder, NoFilmsGiveAnEmptyOrder) {
    for (SessionChronology c :
         {SessionChronology::Known, SessionChronology::Unknown, SessionChronology::PairedHidden})
        EXPECT_TRUE(worklistOrder({}, c, 3).empty());
}

}  // namespace
}  // namespace ankylos::core
