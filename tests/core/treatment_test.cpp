// Treatment episodes and their plausibility rules (docs/methods.md 10, 8).
#include "core/treatment.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

const Date kBirth(1980, 5, 1);
const Date kToday(2024, 6, 30);

Date d(const char* iso) {
    return parseIsoDate(iso, "test date");
}

TreatmentEpisode episode(const std::string& drug, const char* start, const char* stop = nullptr) {
    TreatmentEpisode e;
    e.drugId = drug;
    e.start = d(start);
    if (stop)
        e.stop = d(stop);
    e.route = Route::Subcutaneous;
    return e;
}

/// The fields of the errors, in order.
std::vector<std::string> errorFields(const Validation& validation) {
    std::vector<std::string> fields;
    for (const Problem& problem : validation.errors())
        fields.push_back(problem.field);
    return fields;
}

TEST(TreatmentEpisode, CoversStartThroughStopInclusiveOngoingThroughToday) {
    const TreatmentEpisode stopped = episode("adalimumab", "2020-01-10", "2020-02-10");
    struct Case {
        const char* day;
        bool covered;
    };
    for (const Case& c : {Case{"2020-01-09", false}, Case{"2020-01-10", true}, Case{"2020-02-10", true},
                          Case{"2020-02-11", false}})
        EXPECT_EQ(stopped.covers(d(c.day), kToday), c.covered) << c.day;
    const TreatmentEpisode ongoing = episode("adalimumab", "2020-01-10");
    EXPECT_TRUE(ongoing.ongoing());
    EXPECT_TRUE(ongoing.covers(kToday, kToday));
    EXPECT_FALSE(ongoing.covers(kToday + boost::gregorian::days(1), kToday)) << "ongoing = through today";
    EXPECT_EQ(ongoing.lastDay(kToday), kToday);
    EXPECT_EQ(stopped.lastDay(kToday), d("2020-02-10"));
}

TEST(TreatmentEpisode, ValidEpisodesPass) {
    for (const TreatmentEpisode& e :
         {episode("adalimumab", "2020-01-10"), episode("adalimumab", "2020-01-10", "2020-01-10"),
          episode("naproxen", "1980-05-01", "2024-06-30"), episode("upadacitinib", "2024-06-30")}) {
        const Validation validation = validateTreatmentEpisode(e, kBirth, kToday);
        EXPECT_TRUE(validation.ok()) << episodeDates(e) << ": "
                                     << (validation.ok() ? "" : validation.errors()[0].message());
    }
    TreatmentEpisode full = episode("infliximab", "2019-03-01", "2021-04-01");
    full.brand = "Remsima";
    full.doseAndFrequency = "5 mg/kg every 8 weeks";
    full.route = Route::Intravenous;
    full.stopReason = StopReason::AdverseEvent;
    EXPECT_TRUE(validateTreatmentEpisode(full, kBirth, kToday).ok());
}

TEST(TreatmentEpisode, DateRulesNameFieldValueAndWhatIsAllowed) {
    struct Case {
        TreatmentEpisode e;
        std::string field;
        std::string value;
        std::string allowedFragment;
    };
    const std::vector<Case> cases = {
        {episode("adalimumab", "1980-04-30"), "Adalimumab start date", "1980-04-30",
         "date of birth (1980-05-01)"},
        {episode("adalimumab", "2024-07-01"), "Adalimumab start date", "2024-07-01",
         "not after today (2024-06-30)"},
        {episode("adalimumab", "2020-01-10", "2020-01-09"), "Adalimumab stop date", "2020-01-09",
         "not before the start date (2020-01-10)"},
        {episode("adalimumab", "2020-01-10", "2024-07-01"), "Adalimumab stop date", "2024-07-01",
         "not after today (2024-06-30)"},
        {episode("certolizumab_pegol", "2020-01-10", "2020-01-09"), "Certolizumab pegol stop date",
         "2020-01-09", "start date"},
    };
    for (const Case& c : cases) {
        const Validation validation = validateTreatmentEpisode(c.e, kBirth, kToday);
        ASSERT_EQ(validation.errors().size(), 1u) << c.field << " " << c.value;
        const Problem problem = validation.errors()[0];
        EXPECT_EQ(problem.field, c.field);
        EXPECT_EQ(problem.value, c.value);
        EXPECT_NE(problem.allowed.find(c.allowedFragment), std::string::npos) << problem.message();
    }
    // Birth unknown: only the future is refused.
    EXPECT_TRUE(validateTreatmentEpisode(episode("adalimumab", "1950-01-01"), std::nullopt, kToday).ok());
}

TEST(TreatmentEpisode, ReasonForStoppingOnlyWithAStopDate) {
    TreatmentEpisode ongoing = episode("secukinumab", "2022-01-01");
    ongoing.stopReason = StopReason::Inefficacy;
    const Validation refused = validateTreatmentEpisode(ongoing, kBirth, kToday);
    EXPECT_EQ(errorFields(refused), std::vector<std::string>{"Secukinumab reason for stopping"});
    EXPECT_EQ(refused.errors()[0].value, "inefficacy");
    TreatmentEpisode stopped = episode("secukinumab", "2022-01-01", "2023-01-01");
    stopped.stopReason = StopReason::Inefficacy;
    EXPECT_TRUE(validateTreatmentEpisode(stopped, kBirth, kToday).ok());
}

TEST(TreatmentEpisode, UnknownDrugAndBadTextAreRefused) {
    const Validation unknown = validateTreatmentEpisode(episode("humira", "2024-07-01"), kBirth, kToday);
    EXPECT_EQ(errorFields(unknown), (std::vector<std::string>{"drug", "treatment start date"}));
    EXPECT_EQ(unknown.errors()[0].value, "humira");
    TreatmentEpisode control = episode("etanercept", "2020-01-01");
    control.brand = std::string("Ben\x01paz");
    control.doseAndFrequency = "50 mg\nweekly";
    EXPECT_EQ(errorFields(validateTreatmentEpisode(control, kBirth, kToday)),
              (std::vector<std::string>{"Etanercept brand", "Etanercept dose and frequency"}));
    EXPECT_THROW(classOf(episode("humira", "2020-01-01")), ValidationError);
    EXPECT_EQ(classOf(episode("etanercept", "2020-01-01")), DrugClass::Tnfi);
}

TEST(TreatmentCourse, OverlapOfOneDrugRefusedNamingBothEpisodesOfOneClassAllowed) {
    struct Case {
        const char* name;
        std::vector<TreatmentEpisode> episodes;
        bool overlaps;
    };
    const std::vector<Case> cases = {
        {"same drug, one shared day",
         {episode("adalimumab", "2020-01-01", "2020-06-30"), episode("adalimumab", "2020-06-30")},
         true},
        {"same drug, next day",
         {episode("adalimumab", "2020-01-01", "2020-06-30"), episode("adalimumab", "2020-07-01")},
         false},
        {"same drug, inside",
         {episode("adalimumab", "2020-01-01", "2020-12-31"),
          episode("adalimumab", "2020-03-01", "2020-04-01")},
         true},
        {"same drug, later first",
         {episode("adalimumab", "2021-01-01"), episode("adalimumab", "2020-01-01", "2021-01-01")},
         true},
        {"same drug, two ongoing",
         {episode("adalimumab", "2020-01-01"), episode("adalimumab", "2023-01-01")},
         true},
        {"stopped before an ongoing one",
         {episode("adalimumab", "2020-01-01", "2022-12-31"), episode("adalimumab", "2023-01-01")},
         false},
        {"same class switch",
         {episode("adalimumab", "2020-01-01", "2020-06-30"), episode("etanercept", "2020-06-01")},
         false},
        {"different classes",
         {episode("naproxen", "2020-01-01"), episode("adalimumab", "2020-01-01")},
         false},
    };
    for (const Case& c : cases) {
        const Validation validation = validateTreatmentCourse(c.episodes, kBirth, kToday);
        EXPECT_EQ(validation.hasErrors(), c.overlaps) << c.name;
        if (!c.overlaps || !validation.hasErrors())
            continue;
        const Problem problem = validation.errors()[0];
        EXPECT_EQ(problem.field, "Adalimumab episode") << c.name;
        EXPECT_EQ(problem.value, episodeDates(c.episodes[1])) << c.name;
        EXPECT_NE(problem.allowed.find(episodeDates(c.episodes[0])), std::string::npos) << problem.message();
    }
    EXPECT_EQ(episodeDates(episode("adalimumab", "2020-01-01")), "2020-01-01 to ongoing");
    EXPECT_EQ(episodeDates(episode("adalimumab", "2020-01-01", "2020-02-01")), "2020-01-01 to 2020-02-01");
}

TEST(TreatmentCourse, EveryEpisodeIsCheckedAndCurrentTreatmentIsWhatCoversToday) {
    const std::vector<TreatmentEpisode> course = {
        episode("naproxen", "2015-01-01", "2019-12-31"), episode("adalimumab", "2020-01-01", "2024-06-30"),
        episode("etoricoxib", "2024-06-30"), episode("secukinumab", "2024-07-01")};
    EXPECT_EQ(errorFields(validateTreatmentCourse(course, kBirth, kToday)),
              std::vector<std::string>{"Secukinumab start date"});
    const auto current = currentTreatment(course, kToday);
    ASSERT_EQ(current.size(), 2u);
    EXPECT_EQ(current[0].drugId, "adalimumab") << "its stop date is today: still on it today";
    EXPECT_EQ(current[1].drugId, "etoricoxib");
}

TEST(TreatmentVocabulary, RoutesAndReasonsRoundTripAndRefuseOthers) {
    ASSERT_EQ(allRoutes().size(), 5u);
    for (Route route : allRoutes())
        EXPECT_EQ(parseRoute(toString(route)), route);
    EXPECT_EQ(toString(Route::Subcutaneous), "subcutaneous");
    ASSERT_EQ(allStopReasons().size(), 5u);
    for (StopReason reason : allStopReasons())
        EXPECT_EQ(parseStopReason(toString(reason)), reason);
    EXPECT_EQ(toString(StopReason::AdverseEvent), "adverse_event");
    EXPECT_EQ(stopReasonLabel(StopReason::PatientChoice), "patient choice");
    try {
        parseRoute("sc");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems()[0].field, "route");
        EXPECT_EQ(e.problems()[0].value, "sc");
        EXPECT_NE(e.problems()[0].allowed.find("subcutaneous"), std::string::npos);
    }
    EXPECT_THROW(parseStopReason("adverse event"), ValidationError);
}

}  // namespace
}  // namespace ankylos::core
