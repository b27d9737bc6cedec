#include <algorithm>

#include "demo/patient_generator.h"

namespace ankylos::demo {

using core::NotAssessableReason;

namespace {

/// The scanners of the CT subset.
constexpr std::array<const char*, 3> kCtScanners = {"Siemens SOMATOM Definition AS", "Canon Aquilion ONE",
                                                    "GE Revolution EVO"};

/// Damage (in the spine's mSASSS-like units, demo_spine.h) up to which a quadrant's first
/// syndesmophyte is spread: a thoracic quadrant's comes at a third of the damage of a cervical or
/// lumbar one, so new bone on CT is mostly thoracic, the pattern of the SIAS cohort (docs/methods.md
/// 12) that radiographs never see.
double firstSyndesmophyteSpread(core::CtssSegment segment) {
    return segment == core::CtssSegment::Thoracic ? 40.0 : 120.0;
}

}  // namespace

/// Three thresholds per quadrant, as per site for films: the grade is the number the damage has passed,
/// so grades only move up. Growth to >= 50 % of the disc space and to a bridge follows the first
/// syndesmophyte after some more damage.
void PatientGenerator::drawCtThresholds() {
    for (core::Quadrant quadrant : core::allQuadrants()) {
        auto& t = m_ctThresholds[static_cast<std::size_t>(quadrant.index())];
        t[0] = m_ctRandom.uniform(0.5, firstSyndesmophyteSpread(core::segmentOf(quadrant)));
        t[1] = t[0] + m_ctRandom.uniform(3, 15);
        t[2] = t[1] + m_ctRandom.uniform(5, 25);
    }
}

/// Quadrants a scan cannot grade, each with its reason: streaks from the shoulders at the
/// cervicothoracic junction, the spinal hardware after a fusion, a scan that stopped above S1.
void PatientGenerator::ctNotAssessable(Date scanDate, core::CtssReading& reading, bool& wholeSpine) {
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const int unit = quadrant.unit();
        const bool junction = unit == 5 || unit == 6;  // C7/T1, T1/T2
        if (m_ctRandom.chance(junction ? 0.05 : 0.004))
            reading.at(quadrant) = core::QuadrantScore::notAssessable(NotAssessableReason::NotVisible);
        const bool fused =
            m_fusionVisit && scanDate >= m_visitDates[*m_fusionVisit] && (unit == 20 || unit == 21);
        if (fused)  // L4/L5 and L5/S1 hold the screws of the fusion
            reading.at(quadrant) = core::QuadrantScore::notAssessable(NotAssessableReason::SurgeryHardware);
    }
    wholeSpine = !m_ctRandom.chance(0.05);
    if (wholeSpine)
        return;
    for (core::Quadrant quadrant : core::allQuadrants())
        if (quadrant.unit() == core::kVertebralUnitCount - 1)  // L5/S1 below the scan's field
            reading.at(quadrant) = core::QuadrantScore::notAssessable(NotAssessableReason::NotImaged);
}

/// About one patient in five has a low-dose CT of the whole spine every two years from a visit on,
/// read by one reader a few days after each scan. The CT engine is the patient's third, so the CT
/// subset left every other value of the cohort as it was.
void PatientGenerator::makeCtScans() {
    if (!m_ctRandom.chance(0.2) || m_visitDates.empty())
        return;
    drawCtThresholds();
    const char* scanner = m_ctRandom.pick(kCtScanners);
    const auto first =
        static_cast<std::size_t>(m_ctRandom.integer(0, static_cast<int>(m_visitDates.size()) - 1));
    for (Date date = m_visitDates[first]; date <= m_today;
         date = addDays(date, 730 + m_ctRandom.integer(-30, 30))) {
        core::CtScan scan;
        scan.date = date;
        scan.device = scanner;
        core::CtssReading reading;
        reading.reader = "Reader A";
        reading.readingDate = std::min(m_today, addDays(date, m_ctRandom.integer(1, 21)));
        reading.chronologyKnown = true;
        const double damage = m_spine.damageAt(date);
        for (core::Quadrant quadrant : core::allQuadrants()) {
            const auto& t = m_ctThresholds[static_cast<std::size_t>(quadrant.index())];
            const int grade = (damage >= t[0] ? 1 : 0) + (damage >= t[1] ? 1 : 0) + (damage >= t[2] ? 1 : 0);
            reading.at(quadrant) = core::QuadrantScore::graded(quadrant, grade);
        }
        ctNotAssessable(date, reading, scan.wholeSpine);
        scan.readings.push_back(std::move(reading));
        m_history.ctScans.push_back(std::move(scan));
    }
}

}  // namespace ankylos::demo
