#include "demo/patient_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace ankylos::demo {

using core::Sex;

PatientGenerator::PatientGenerator(std::uint64_t seed, int index, Date today)
    : m_random(splitMix64(seed ^ splitMix64(static_cast<std::uint64_t>(index) + 0x5DEECE66DULL))),
      m_courseRandom(
          splitMix64(seed ^ splitMix64(static_cast<std::uint64_t>(index) + 0x7F4A7C15F39CC060ULL))),
      m_ctRandom(splitMix64(seed ^ splitMix64(static_cast<std::uint64_t>(index) + 0x3C6EF372FE94F82BULL))),
      m_index(index),
      m_today(today) {}

core::PatientHistory PatientGenerator::generate() {
    makeIdentity();
    makeTimeline();
    makeTreatments();
    planManifestations();
    makeSpine();
    makeFilms();
    makeVisits();
    makePelvicFilm();
    makeCtScans();
    return std::move(m_history);
}

void PatientGenerator::makeIdentity() {
    core::Patient& p = patient();
    char id[24];
    std::snprintf(id, sizeof id, "AS-%06lld", static_cast<long long>(m_index) + 1);
    p.clinicId = id;
    p.sex = m_random.chance(0.70) ? Sex::Male : Sex::Female;
    const bool man = p.sex == Sex::Male;
    if (m_random.chance(0.20)) {
        p.name = std::string(m_random.pick(kChineseFamily)) +
                 (man ? m_random.pick(kChineseMen) : m_random.pick(kChineseWomen));
    } else {
        p.name = std::string(man ? m_random.pick(kMenGiven) : m_random.pick(kWomenGiven)) + " " +
                 m_random.pick(kFamilyNames);
    }
    const double b27 = m_random.uniform();
    p.hlaB27 = b27 < 0.85   ? core::HlaB27::Positive
               : b27 < 0.97 ? core::HlaB27::Negative
                            : core::HlaB27::Unknown;
    const double smoking = m_random.uniform();
    p.smoking = smoking < 0.45   ? core::SmokingStatus::Never
                : smoking < 0.65 ? core::SmokingStatus::Former
                : smoking < 0.95 ? core::SmokingStatus::Current
                                 : core::SmokingStatus::Unknown;

    // Latent disease traits, shared by every measurement below so that they correlate.
    m_inflammation = std::clamp(0.5 + 0.22 * m_random.normal(), 0.0, 1.0);
    m_activity = std::clamp(1.5 + 5.5 * m_inflammation + 0.9 * m_random.normal(), 0.5, 8.5);
    m_peripheral = m_random.chance(0.30);
    m_vasScale = m_random.chance(0.40);
    m_functionTrait = m_random.normal();
    m_mobilityTrait = m_random.normal();
    m_menopauseAge = m_random.uniform(46.0, 54.0);
    m_hipReplacement = m_random.chance(0.04);
}

/// Birth, onset, diagnosis and visit dates, built backwards from the last visit so that none is
/// after today and all are in order.
void PatientGenerator::makeTimeline() {
    core::Patient& p = patient();
    const double recent = m_random.uniform();
    const Date lastVisit = addDays(m_today, -std::lround(recent * recent * 540.0));
    // Follow-up of 1 to 12 years (366 days to 12 x 365 days, within both limits however counted).
    const long span = 366 + std::lround(std::pow(m_random.uniform(), 1.2) * (12 * 365 - 366));
    const Date firstVisit = addDays(lastVisit, -span);
    const double spanYears = static_cast<double>(span) / kDaysPerYear;
    const int visits = std::clamp(2 + static_cast<int>(spanYears * m_random.uniform(0.4, 1.0)), 2, 10);

    const double gap = static_cast<double>(span) / (visits - 1);
    m_visitDates.clear();
    for (int i = 0; i < visits; ++i) {
        double offset = i * gap;
        // Jitter of at most 30 % of the gap (>= 40 days) keeps the dates apart and in order.
        if (i > 0 && i < visits - 1)
            offset += m_random.uniform(-0.3, 0.3) * gap;
        m_visitDates.push_back(addDays(firstVisit, std::lround(offset)));
    }

    const Date diagnosis =
        m_random.chance(0.35) ? firstVisit : addDays(firstVisit, -m_random.integer(30, 2000));
    const double delayYears = std::min(25.0, 0.3 + m_random.exponential(6.0));
    const Date onset = addDays(diagnosis, -yearsToDays(delayYears));
    const double ageGroup = m_random.uniform();
    const double onsetAge = ageGroup < 0.12   ? m_random.uniform(15.0, 20.0)
                            : ageGroup < 0.80 ? m_random.uniform(20.0, 30.0)
                            : ageGroup < 0.97 ? m_random.uniform(30.0, 40.0)
                                              : m_random.uniform(40.0, 45.0);
    p.birth = addDays(onset, -yearsToDays(onsetAge));
    p.diagnosis = diagnosis;
    m_onset = onset;
    if (m_random.chance(0.98)) {
        p.symptomOnset = onset;
    } else {
        p.notes = "Date of symptom onset not known.";
    }

    // Treatment and surgery during follow-up, decided here because films and visits use them.
    if (visits >= 3 && m_random.chance(0.18 + 0.47 * m_inflammation))
        m_biologicVisit = static_cast<std::size_t>(m_random.integer(1, visits - 2));
    if (m_random.chance(0.012))
        m_fusionVisit = static_cast<std::size_t>(m_random.integer(1, visits - 1));
}

void PatientGenerator::makeVisits() {
    const core::Patient& p = patient();
    LabPlan plan = planLabs();
    addPatientNotes();
    for (std::size_t v = 0; v < m_visitDates.size(); ++v) {
        core::Visit visit;
        visit.date = m_visitDates[v];
        const double age = yearsBetween(p.birth, visit.date);
        const bool treated = m_biologicVisit && v > *m_biologicVisit;
        const double damage = m_spine.damageAt(visit.date);
        const int spinalScore = m_spine.score(damage);
        if (p.sex != Sex::Male)
            visit.postmenopausal = age >= m_menopauseAge;

        const double activity =
            std::clamp(m_activity * (treated ? 0.45 : 1.0) + 0.9 * m_random.normal(), 0.0, 9.8);
        if (m_biologicVisit && v == *m_biologicVisit) {
            addBiologicVisitScores(visit, plan, v, activity, spinalScore, age);
        } else {
            addScores(visit, activity, spinalScore, age);
            addLabs(visit, plan, v, activity, treated, age);
        }
        addCoreSet(visit, activity);
        addDxa(visit, plan, v, activity, damage, age);
        addVisitNote(visit, v);
        m_history.visits.push_back(std::move(visit));
    }
}

void PatientGenerator::addPatientNotes() {
    if (m_random.chance(0.18)) {
        if (!patient().notes.empty())
            patient().notes += " ";
        patient().notes += m_random.pick(kPatientNotes);
    }
    if (m_hipReplacement) {
        if (!patient().notes.empty())
            patient().notes += " ";
        patient().notes += "Bilateral total hip replacement (no hip DXA).";
    }
}

/// The visit after which a biologic starts: the disease stayed active on NSAIDs, so its ASDAS is
/// high (>= 2.1). Drawn again, each time a little more active, until it is; from the fourth draw on
/// BASDAI, patient global and CRP are always recorded, so a few draws suffice.
void PatientGenerator::addBiologicVisitScores(core::Visit& visit, const LabPlan& plan, std::size_t v,
                                              double activity, int spinalScore, double age) {
    for (int attempt = 0;; ++attempt) {
        visit.basdai = {};
        visit.patientGlobal.reset();
        visit.basfi = {};
        visit.basmi = {};
        visit.labs.clear();
        const double level = std::min(9.8, activity + 0.7 * attempt);
        addScores(visit, level, spinalScore, age, attempt >= 3);
        addLabs(visit, plan, v, level, false, age, attempt >= 3);
        if (highAsdas(visit) || attempt >= 20)
            return;
    }
}

/// ASDAS-CRP (ASDAS-ESR without CRP) in high or very high disease activity.
bool PatientGenerator::highAsdas(const core::Visit& visit) const {
    const core::VisitScores scores =
        core::scoreVisit(m_history.patient, visit, m_history.films, core::Settings{});
    const core::AsdasResult& asdas = scores.asdasCrp.value ? scores.asdasCrp : scores.asdasEsr;
    return asdas.state &&
           (*asdas.state == core::AsdasState::High || *asdas.state == core::AsdasState::VeryHigh);
}

/// BASDAI with the patient global, BASFI and BASMI of a visit, each recorded at most visits (BASDAI
/// and the patient global always when required).
void PatientGenerator::addScores(core::Visit& visit, double activity, int spinalScore, double age,
                                 bool required) {
    if (m_random.chance(0.95) || required) {
        visit.basdai = basdai(activity);
        if (m_random.chance(0.92) || required)
            visit.patientGlobal = item(activity + 0.3 + 0.9 * m_random.normal());
    }
    if (m_random.chance(0.88)) {
        const double level =
            0.5 * activity + 0.07 * spinalScore + 0.02 * std::max(0.0, age - 45.0) + 0.5 * m_functionTrait;
        for (std::size_t i = 0; i < visit.basfi.items.size(); ++i)
            visit.basfi.items[i] = item(level + kBasfiItemOffsets[i] + 0.7 * m_random.normal());
    }
    if (m_random.chance(0.75))
        visit.basmi = basmi(activity, spinalScore, age);
}

void PatientGenerator::addVisitNote(core::Visit& visit, std::size_t v) {
    if (m_biologicVisit && v == *m_biologicVisit) {
        visit.notes = "Active disease despite NSAIDs: to start " + m_biologicNote + ".";
    } else if (m_fusionVisit && v == *m_fusionVisit) {
        visit.notes = "Lumbar spinal fusion L4-L5 since the last visit.";
    } else if (m_random.chance(0.08)) {
        visit.notes = m_random.pick(kVisitNotes);
    }
}

/// A 0-10 item as the patient marked it: whole numbers on a numeric rating scale, one decimal
/// on a 100 mm visual analogue scale (mm / 10).
double PatientGenerator::item(double value) {
    return roundTo(std::clamp(value, 0.0, 10.0), m_vasScale ? 10.0 : 1.0);
}

core::BasdaiInput PatientGenerator::basdai(double activity) {
    core::BasdaiInput input;
    input.q1 = item(activity + 0.5 + 1.0 * m_random.normal());
    input.q2 = item(activity + 0.3 + 0.9 * m_random.normal());
    input.q3 =
        item(m_peripheral ? activity - 0.5 + m_random.normal() : 0.35 * activity - 1.0 + m_random.normal());
    input.q4 = item(0.8 * activity + m_random.normal());
    input.q5 = item(activity + 0.8 * m_random.normal());
    // Q6 from minutes of morning stiffness, as clinics ask it: min(minutes, 120) / 12.
    const double minutes =
        std::round(std::clamp(10.0 + 12.0 * activity + 15.0 * m_random.normal(), 0.0, 180.0) / 5.0) * 5.0;
    input.q6 = item(std::min(minutes, 120.0) / 12.0);
    return input;
}

/// BASMI measurements from a mobility level (0-10 in BASMIlin units) that grows with spinal
/// damage, activity and age; each measurement inverts its linear formula (docs/methods.md 4).
core::BasmiInput PatientGenerator::basmi(double activity, int spinalScore, double age) {
    const double level =
        0.4 + 0.09 * spinalScore + 0.12 * activity + 0.03 * std::max(0.0, age - 40.0) + 1.4 * m_mobilityTrait;
    auto component = [&]() { return std::clamp(level + 1.0 * m_random.normal(), 0.0, 10.0); };
    auto side = [&](double mean, double spread) { return mean + spread * m_random.normal(); };
    core::BasmiInput input;
    const double lateral = 21.1 - 2.1 * component();
    input.lateralFlexionLeftCm = roundTo(std::max(1.0, side(lateral, 0.8)), 2);
    input.lateralFlexionRightCm = roundTo(std::max(1.0, side(lateral, 0.8)), 2);
    const double tragus = 9.5 + 3.0 * component();
    input.tragusToWallLeftCm = roundTo(std::min(40.0, side(tragus, 0.6)), 2);
    input.tragusToWallRightCm = roundTo(std::min(40.0, side(tragus, 0.6)), 2);
    input.modifiedSchoberCm = roundTo(std::max(0.5, 7.4 - 0.7 * component()), 2);
    input.intermalleolarDistanceCm = std::round(std::max(30.0, 124.5 - 10.0 * component()));
    const double rotation = 89.3 - 8.5 * component();
    input.cervicalRotationLeftDegrees = std::round(std::clamp(side(rotation, 3.0), 0.0, 90.0));
    input.cervicalRotationRightDegrees = std::round(std::clamp(side(rotation, 3.0), 0.0, 90.0));
    // Now and then the goniometer was not at hand: BASMIlin is then not computable.
    if (m_random.chance(0.03)) {
        input.cervicalRotationLeftDegrees.reset();
        input.cervicalRotationRightDegrees.reset();
    }
    return input;
}

}  // namespace ankylos::demo
