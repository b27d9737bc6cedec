// The demo cohort's low-dose CT subset (demo/generator_ct.cpp, demo_cohort.h): about one patient in
// five, scans two years apart read by one reader, every scan valid, grades that never fall, new bone
// mostly in the thoracic spine (the SIAS pattern, docs/methods.md 12), and scans that load back from
// the database as generated.
#include <gtest/gtest.h>

#include <array>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/ctss_progression.h"
#include "demo/demo_cohort.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "temp_database.h"

namespace ankylos::demo {
namespace {

using core::CtssSegment;
using core::Date;

const Date kToday(2025, 6, 30);
constexpr std::uint64_t kSeed = 1;
constexpr int kPatients = 2000;

/// What the first kPatients patients' CT scans show.
struct CtStatistics {
    int patients = 0;                ///< with at least one scan
    int pairs = 0;                   ///< consecutive scans both computable
    std::array<double, 3> change{};  ///< summed change per segment (cervical, thoracic, lumbar)
    std::array<int, 3> newSyndesmophytes{};
    int notAssessable = 0;
    int notWholeSpine = 0;
};

int segmentIndex(CtssSegment segment) {
    return segment == CtssSegment::Cervical ? 0 : segment == CtssSegment::Thoracic ? 1 : 2;
}

/// Adds the pair's change per segment (when every segment of both readings is computable) and its
/// new syndesmophytes (0 -> 1-3 on a quadrant assessable on both scans).
void addPair(const core::CtssReading& earlier, const core::CtssReading& later, CtStatistics& stats) {
    const core::CtssScore before = core::scoreCtssReading(earlier, {});
    const core::CtssScore after = core::scoreCtssReading(later, {});
    if (before.total && after.total) {
        ++stats.pairs;
        for (CtssSegment segment : core::allCtssSegments())
            stats.change[segmentIndex(segment)] +=
                *after.segment(segment).value - *before.segment(segment).value;
    }
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const auto& a = earlier.at(quadrant);
        const auto& b = later.at(quadrant);
        if (a && b && a->assessable() && b->assessable() && a->grade() == 0 && b->grade() > 0)
            ++stats.newSyndesmophytes[segmentIndex(core::segmentOf(quadrant))];
    }
}

void checkScans(const core::PatientHistory& h, CtStatistics& stats) {
    const std::string who = h.patient.clinicId;
    const core::Validation validation = core::validateCtScans(h.ctScans, h.patient.birth, kToday);
    EXPECT_TRUE(validation.ok()) << who << ": " << (validation.ok() ? "" : validation.errors()[0].message());
    for (std::size_t s = 0; s < h.ctScans.size(); ++s) {
        const core::CtScan& scan = h.ctScans[s];
        ASSERT_EQ(scan.readings.size(), 1u) << who;
        const core::CtssReading& reading = scan.readings[0];
        EXPECT_EQ(reading.reader, "Reader A");
        EXPECT_FALSE(scan.device.empty());
        stats.notWholeSpine += scan.wholeSpine ? 0 : 1;
        for (const auto& score : reading.quadrants) {
            ASSERT_TRUE(score.has_value()) << who << " quadrant not scored";
            stats.notAssessable += score->assessable() ? 0 : 1;
        }
        if (s == 0)
            continue;
        const long days = (scan.date - h.ctScans[s - 1].date).days();
        EXPECT_GE(days, 700) << who;
        EXPECT_LE(days, 760) << who;
        addPair(h.ctScans[s - 1].readings[0], reading, stats);
    }
    if (h.ctScans.size() >= 2) {
        // New bone is irreversible: the reader never grades a quadrant lower on a later scan.
        for (const core::CtssProgressionResult& pair : core::reviewCtssProgression(h.ctScans, {}).pairs)
            EXPECT_EQ(pair.events.regressions, 0) << who;
    }
}

const CtStatistics& statistics() {
    static const CtStatistics stats = [] {
        CtStatistics s;
        for (int i = 0; i < kPatients; ++i) {
            const core::PatientHistory h = demoPatient(kSeed, i, kToday);
            s.patients += h.ctScans.empty() ? 0 : 1;
            checkScans(h, s);
        }
        return s;
    }();
    return stats;
}

TEST(DemoCtScans, AboutOnePatientInFiveWithValidScansTwoYearsApart) {
    const CtStatistics& s = statistics();
    EXPECT_GT(s.patients, kPatients * 15 / 100);
    EXPECT_LT(s.patients, kPatients * 25 / 100);
    EXPECT_GT(s.pairs, s.patients);  // most have two scans or more
    EXPECT_GT(s.notAssessable, 0) << "some quadrants are not assessable, with a reason";
    EXPECT_GT(s.notWholeSpine, 0);
}

TEST(DemoCtScans, NewBoneIsMostlyThoracic) {
    const CtStatistics& s = statistics();
    ASSERT_GT(s.pairs, 100);
    const double cervical = s.change[0] / s.pairs;
    const double thoracic = s.change[1] / s.pairs;
    const double lumbar = s.change[2] / s.pairs;
    std::cout << "[ ctss     ] mean change per 2 years: cervical " << cervical << ", thoracic " << thoracic
              << ", lumbar " << lumbar << " (" << s.pairs << " pairs)\n";
    EXPECT_GT(thoracic, cervical);
    EXPECT_GT(thoracic, lumbar);
    EXPECT_GT(cervical + lumbar, 0) << "the cervical and lumbar spine progress too, less";
    // Not only because the thoracic spine has more quadrants (88 against 48): each progresses faster.
    EXPECT_GT(thoracic / 88, 2 * cervical / 48);
    EXPECT_GT(thoracic / 88, 2 * lumbar / 48);
    const int all = s.newSyndesmophytes[0] + s.newSyndesmophytes[1] + s.newSyndesmophytes[2];
    EXPECT_GT(s.newSyndesmophytes[1], all / 2) << "most new syndesmophytes are thoracic";
}

TEST(DemoCtScans, ScansLoadBackAsGenerated) {
    storage::test::TempDir dir;
    storage::Database db(dir / "demo.db", "", storage::Open::CreateNew);
    const auto summary = writeDemoCohort(db, kSeed, 0, 40, kToday);
    ASSERT_TRUE(summary);
    EXPECT_GT(summary->ctScans, 0);
    EXPECT_EQ(summary->ctReadings, summary->ctScans);
    int index = 0;
    int scans = 0;
    storage::HistoryReader(db).forEach([&](std::int64_t, const core::PatientHistory& loaded) {
        const core::PatientHistory made = demoPatient(kSeed, index++, kToday);
        ASSERT_EQ(loaded.ctScans.size(), made.ctScans.size()) << made.patient.clinicId;
        for (std::size_t s = 0; s < made.ctScans.size(); ++s) {
            EXPECT_EQ(storage::ctScanJson(loaded.ctScans[s]), storage::ctScanJson(made.ctScans[s]));
            EXPECT_EQ(storage::toJson(loaded.ctScans[s].readings.at(0)),
                      storage::toJson(made.ctScans[s].readings.at(0)));
            ++scans;
        }
    });
    EXPECT_EQ(index, 40);
    EXPECT_EQ(scans, summary->ctScans);
}

}  // namespace
}  // namespace ankylos::demo
