// The demo cohort's treatment courses and the rest of the ASAS core set at its visits
// (demo/generator_treatment.cpp): every course valid, NSAIDs first, a biologic only after a visit with
// high ASDAS, and the shares demo_cohort.h promises, over the first 2,000 patients.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>
#include <optional>
#include <vector>

#include "core/asas_core_set.h"
#include "core/drug_catalogue.h"
#include "core/settings.h"
#include "core/treatment.h"
#include "core/visit.h"
#include "demo/demo_cohort.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "temp_database.h"

namespace ankylos::demo {
namespace {

using core::Date;
using core::DrugClass;

const Date kToday(2025, 6, 30);
constexpr int kPatients = 2000;

bool biologic(const core::TreatmentEpisode& e) {
    const DrugClass c = core::classOf(e);
    return c == DrugClass::Tnfi || c == DrugClass::Il17i;
}

struct CourseStatistics {
    int patients = 0;
    int invalidCourses = 0;
    int datesOutside = 0;  ///< before symptom onset (birth when not known) or after today
    int everBiologic = 0;
    int biologicWithoutHighAsdasBefore = 0;
    int biologicBeforeAnyNsaid = 0;
    int biologicNoteMismatch = 0;  ///< the visit before the first biologic does not name it
    int firstNotNsaid = 0;         ///< courses with an NSAID whose first episode is not one
    int inefficacySwitches = 0;    ///< a biologic stopped for inefficacy, the next starting the day after
    int adverseEventStops = 0, remissionStops = 0;
    int sulfasalazine = 0;
    int ongoingBiologic = 0;
    int brandedBiologics = 0, biologicEpisodes = 0;

    int visits = 0, physicianGlobal = 0, offHalfSteps = 0, masesComplete = 0, masesPartial = 0;
    int jointCounts = 0, zeroSwollen = 0, dactylitisRecorded = 0, dactylitisPositive = 0;
    std::array<int, 3> manifestationPatients{};  ///< ever history or active, by core::Manifestation
};

/// The latest visit before the date, or nullptr.
const core::Visit* visitBefore(const core::PatientHistory& h, Date date) {
    const core::Visit* before = nullptr;
    for (const core::Visit& v : h.visits)
        if (v.date <= date)
            before = &v;
    return before;
}

bool highAsdas(const core::PatientHistory& h, const core::Visit& v) {
    const core::VisitScores scores = core::scoreVisit(h.patient, v, h.films, core::Settings{});
    const core::AsdasResult& asdas = scores.asdasCrp.value ? scores.asdasCrp : scores.asdasEsr;
    return asdas.value && *asdas.value >= 2.1;
}

void addCourse(const core::PatientHistory& h, CourseStatistics& s) {
    const core::Patient& p = h.patient;
    s.invalidCourses += core::validateTreatmentCourse(h.treatments, p.birth, kToday).hasErrors() ? 1 : 0;
    const Date earliest = p.symptomOnset.value_or(p.birth);
    std::optional<Date> firstNsaid, firstBiologic;
    for (const core::TreatmentEpisode& e : h.treatments) {
        s.datesOutside += (e.start < earliest || e.lastDay(kToday) > kToday) ? 1 : 0;
        const DrugClass c = core::classOf(e);
        if (c == DrugClass::Nsaid && !firstNsaid)
            firstNsaid = e.start;
        s.sulfasalazine += e.drugId == "sulfasalazine" ? 1 : 0;
        if (e.stopReason == core::StopReason::AdverseEvent)
            ++s.adverseEventStops;
        if (e.stopReason == core::StopReason::Remission)
            ++s.remissionStops;
        if (!biologic(e))
            continue;
        ++s.biologicEpisodes;
        s.brandedBiologics += e.brand.empty() ? 0 : 1;
        s.ongoingBiologic += e.ongoing() ? 1 : 0;
        if (!firstBiologic)
            firstBiologic = e.start;
        if (e.stopReason == core::StopReason::Inefficacy)
            for (const core::TreatmentEpisode& next : h.treatments)
                s.inefficacySwitches += biologic(next) && next.start == *e.stop + boost::gregorian::days(1);
    }
    if (firstNsaid && core::classOf(h.treatments.front()) != DrugClass::Nsaid)
        ++s.firstNotNsaid;
    if (firstBiologic) {
        ++s.everBiologic;
        s.biologicBeforeAnyNsaid += !firstNsaid || *firstNsaid > *firstBiologic;
        const core::Visit* before = visitBefore(h, *firstBiologic);
        s.biologicWithoutHighAsdasBefore += !before || !highAsdas(h, *before);
        // That visit's note names the drug about to start, as the course has it.
        const auto first = std::find_if(h.treatments.begin(), h.treatments.end(), biologic);
        std::string drug = core::drugById(first->drugId).label;
        drug[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(drug[0])));
        s.biologicNoteMismatch += !before || before->notes.find("to start " + drug) == std::string::npos;
    }
}

void addCoreSet(const core::PatientHistory& h, CourseStatistics& s) {
    std::array<bool, 3> ever{};
    for (const core::Visit& v : h.visits) {
        ++s.visits;
        const core::AsasCoreSet& c = v.coreSet;
        if (c.physicianGlobal) {
            ++s.physicianGlobal;
            s.offHalfSteps += std::fmod(*c.physicianGlobal * 2, 1.0) != 0 ? 1 : 0;
        }
        const auto recorded = std::count_if(c.mases.sites.begin(), c.mases.sites.end(),
                                            [](const std::optional<bool>& site) { return site.has_value(); });
        s.masesComplete += recorded == core::kMasesSiteCount ? 1 : 0;
        s.masesPartial += recorded > 0 && recorded < core::kMasesSiteCount ? 1 : 0;
        if (c.swollenJointCount) {
            ++s.jointCounts;
            s.zeroSwollen += *c.swollenJointCount == 0 ? 1 : 0;
        }
        if (c.dactylitisDigits) {
            ++s.dactylitisRecorded;
            s.dactylitisPositive += *c.dactylitisDigits > 0 ? 1 : 0;
        }
        for (std::size_t m = 0; m < 3; ++m)
            if (c.manifestations[m] && c.manifestations[m]->status != core::ManifestationStatus::Never)
                ever[m] = true;
    }
    for (std::size_t m = 0; m < 3; ++m)
        s.manifestationPatients[m] += ever[m] ? 1 : 0;
}

const CourseStatistics& statistics() {
    static const CourseStatistics stats = [] {
        CourseStatistics s;
        for (int i = 0; i < kPatients; ++i) {
            const core::PatientHistory h = demoPatient(1, i, kToday);
            ++s.patients;
            addCourse(h, s);
            addCoreSet(h, s);
        }
        return s;
    }();
    return stats;
}

double share(int part, int whole) {
    return 100.0 * part / whole;
}

TEST(DemoTreatmentCourse, EveryCourseValidWithinOnsetAndToday) {
    const CourseStatistics& s = statistics();
    EXPECT_EQ(s.invalidCourses, 0);
    EXPECT_EQ(s.datesOutside, 0);
}

TEST(DemoTreatmentCourse, NsaidsFirstBiologicsOnlyAfterAVisitWithHighAsdas) {
    const CourseStatistics& s = statistics();
    std::cout << "[ stats    ] TNF or IL-17 inhibitor ever " << share(s.everBiologic, s.patients)
              << " %, sulfasalazine " << share(s.sulfasalazine, s.patients) << " %\n";
    EXPECT_EQ(s.firstNotNsaid, 0);
    EXPECT_EQ(s.biologicBeforeAnyNsaid, 0);
    EXPECT_EQ(s.biologicWithoutHighAsdasBefore, 0);
    EXPECT_EQ(s.biologicNoteMismatch, 0);
    EXPECT_GE(share(s.everBiologic, s.patients), 35.0);
    EXPECT_LE(share(s.everBiologic, s.patients), 45.0);
    EXPECT_GE(share(s.sulfasalazine, s.patients), 5.0);
    EXPECT_LE(share(s.sulfasalazine, s.patients), 25.0);
}

TEST(DemoTreatmentCourse, SwitchesForInefficacyAndStopsForAdverseEventsOrRemission) {
    const CourseStatistics& s = statistics();
    std::cout << "[ stats    ] " << s.inefficacySwitches << " switches for inefficacy, "
              << s.adverseEventStops << " stops for adverse events, " << s.remissionStops << " in remission, "
              << s.ongoingBiologic << " of " << s.biologicEpisodes << " biologic episodes ongoing\n";
    EXPECT_GE(share(s.inefficacySwitches, s.everBiologic), 10.0);
    EXPECT_LE(share(s.inefficacySwitches, s.everBiologic), 40.0);
    EXPECT_GT(s.adverseEventStops, 0);
    EXPECT_GT(s.remissionStops, 0);
    EXPECT_GT(s.ongoingBiologic, s.biologicEpisodes / 3);
    EXPECT_GT(share(s.brandedBiologics, s.biologicEpisodes), 75.0);
}

TEST(DemoAsasCoreSet, PhysicianGlobalInHalfStepsMasesWholeJointCountsMostlyZero) {
    const CourseStatistics& s = statistics();
    EXPECT_GT(share(s.physicianGlobal, s.visits), 70.0);
    EXPECT_EQ(s.offHalfSteps, 0);
    EXPECT_GT(share(s.masesComplete, s.visits), 50.0);
    EXPECT_EQ(s.masesPartial, 0);
    EXPECT_GT(share(s.zeroSwollen, s.jointCounts), 85.0);
    EXPECT_LT(s.zeroSwollen, s.jointCounts);
    EXPECT_GT(s.dactylitisPositive, 0);
    EXPECT_LT(share(s.dactylitisPositive, s.dactylitisRecorded), 5.0);
}

TEST(DemoAsasCoreSet, UveitisInAboutThirtyPercentPsoriasisTenIbdFive) {
    const CourseStatistics& s = statistics();
    const auto& m = s.manifestationPatients;
    std::cout << "[ stats    ] uveitis " << share(m[0], s.patients) << " %, psoriasis "
              << share(m[1], s.patients) << " %, IBD " << share(m[2], s.patients) << " %\n";
    EXPECT_GE(share(m[0], s.patients), 24.0);
    EXPECT_LE(share(m[0], s.patients), 36.0);
    EXPECT_GE(share(m[1], s.patients), 7.0);
    EXPECT_LE(share(m[1], s.patients), 13.0);
    EXPECT_GE(share(m[2], s.patients), 3.0);
    EXPECT_LE(share(m[2], s.patients), 7.5);
}

TEST(DemoTreatmentCourse, WrittenCohortHoldsEveryCourse) {
    storage::test::TempDir dir;
    storage::Database db(dir / "demo.db", "", storage::Open::CreateNew);
    ASSERT_TRUE(writeDemoCohort(db, 3, 0, 30, kToday, 7));
    int patients = 0, episodes = 0;
    storage::HistoryReader(db).forEach([&](std::int64_t, const core::PatientHistory& stored) {
        const core::PatientHistory made = demoPatient(3, patients++, kToday);
        ASSERT_EQ(stored.patient.clinicId, made.patient.clinicId);
        EXPECT_EQ(storage::toJson(stored)["treatments"], storage::toJson(made)["treatments"])
            << made.patient.clinicId;
        episodes += static_cast<int>(stored.treatments.size());
    });
    EXPECT_EQ(patients, 30);
    EXPECT_GT(episodes, 30);
}

}  // namespace
}  // namespace ankylos::demo
