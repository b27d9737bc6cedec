#include "demo/patient_generator.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ankylos::demo {

using core::Sex;

PatientGenerator::LabPlan PatientGenerator::planLabs() {
    LabPlan plan;
    plan.crp = m_random.chance(0.25) ? &kCrpMethods[static_cast<std::size_t>(m_random.integer(3, 4))]
                                     : &kCrpMethods[static_cast<std::size_t>(m_random.integer(0, 2))];
    plan.biomarkerStudy = m_random.chance(0.20);
    plan.mmp3 = &m_random.pick(kMmp3Assays);
    plan.dkk1 = m_random.chance(0.8) ? &kDkk1Assays[0] : &kDkk1Assays[1];
    plan.sclerostin = &m_random.pick(kSclerostinAssays);
    plan.dxaPatient = m_random.chance(0.40);
    const double dxaPick = m_random.uniform();
    plan.dxa = &kDxaModels[dxaPick < 0.40 ? 0 : dxaPick < 0.55 ? 1 : dxaPick < 0.85 ? 2 : 3];
    plan.boneT = -0.4 + 0.9 * m_random.normal() - 0.5 * (m_inflammation - 0.5);
    plan.siteOffsets = {0.3 * m_random.normal(), 0.25 * m_random.normal(), 0.25 * m_random.normal()};
    plan.lumbarPick = m_random.uniform();
    return plan;
}

/// CRP and ESR at most visits; MMP-3, DKK-1 and sclerostin at the film visits of the study subset.
void PatientGenerator::addLabs(core::Visit& visit, const LabPlan& plan, std::size_t v, double activity,
                               bool treated, double age, bool crpRequired) {
    const bool man = patient().sex == Sex::Male;
    const double crpFactor = treated ? 0.3 : 1.0;
    if (m_random.chance(0.90) || crpRequired)
        visit.labs.push_back(crp(*plan.crp, activity, crpFactor, visit.date));
    if (m_random.chance(0.85)) {
        const double esr = 3.0 + 28.0 * m_inflammation * (0.5 + 0.1 * activity) * (treated ? 0.5 : 1.0) +
                           0.2 * std::max(0.0, age - 30.0) + (man ? 0.0 : 4.0) + 5.0 * m_random.normal();
        core::LabValue value;
        value.analyte = core::Analyte::Esr;
        value.value = std::round(std::clamp(esr, 1.0, 110.0));
        value.unit = "mm/h";
        value.sampleDate = visit.date;
        value.assay = "Westergren";
        value.laboratory = "Haematology Laboratory";
        visit.labs.push_back(std::move(value));
    }
    if (!plan.biomarkerStudy || !m_filmVisit[v])
        return;
    const double mmp3Value =
        (man ? 55.0 : 28.0) * (1.0 + 2.0 * m_inflammation * crpFactor) * std::exp(0.35 * m_random.normal());
    if (m_random.chance(0.9))
        visit.labs.push_back(
            biomarker(core::Analyte::Mmp3, *plan.mmp3, std::min(mmp3Value, 800.0), visit.date));
    const double dkk1Value = 1500.0 * std::exp(0.45 * m_random.normal());
    if (m_random.chance(0.7))
        visit.labs.push_back(
            biomarker(core::Analyte::Dkk1, *plan.dkk1, std::min(dkk1Value, 9000.0), visit.date));
    const double sclerostinValue =
        32.0 * (1.0 + 0.01 * std::max(0.0, age - 40.0)) * std::exp(0.35 * m_random.normal());
    if (m_random.chance(0.7))
        visit.labs.push_back(biomarker(core::Analyte::Sclerostin, *plan.sclerostin,
                                       std::min(sclerostinValue, 200.0), visit.date));
}

/// A DXA about every two years for the patients who have them: lumbar spine, femoral neck and
/// total hip (no hip after a hip replacement).
void PatientGenerator::addDxa(core::Visit& visit, LabPlan& plan, std::size_t v, double activity,
                              double damage, double age) {
    const bool dxaDue = plan.lastDxa ? daysBetween(*plan.lastDxa, visit.date) >= 700 && m_random.chance(0.5)
                                     : m_random.chance(v == 0 ? 0.6 : 0.3);
    if (!plan.dxaPatient || !dxaDue)
        return;
    plan.lastDxa = visit.date;
    const bool postmenopausal = visit.postmenopausal.value_or(false);
    double t = plan.boneT - 0.015 * std::max(0.0, age - 40.0) - 0.2 * (activity - 4.0) / 4.0;
    if (postmenopausal)
        t -= 0.045 * (age - m_menopauseAge);
    const double zShift =
        0.022 * std::max(0.0, age - 35.0) + (postmenopausal ? 0.03 * (age - m_menopauseAge) : 0.0);
    const auto [syndesmophytes, bridged] = m_spine.lumbarSyndesmophytes(damage);
    // The AS caveat (docs/methods.md 5): syndesmophytes raise AP lumbar BMD.
    const double artefact = 0.2 * syndesmophytes + 0.1 * bridged;
    for (std::size_t s = 0; s < 3; ++s) {
        if (s > 0 && m_hipReplacement)
            continue;
        visit.bmd.push_back(bmdMeasurement(plan, s, t, zShift, artefact));
    }
}

/// Site s (0 lumbar spine, 1 femoral neck, 2 total hip) as the patient's device reports it.
core::BmdMeasurement PatientGenerator::bmdMeasurement(const LabPlan& plan, std::size_t s, double t,
                                                      double zShift, double artefact) {
    const auto& reference = patient().sex == Sex::Male ? plan.dxa->men : plan.dxa->women;
    const double siteT =
        std::clamp(t + plan.siteOffsets[s] + 0.08 * m_random.normal() + (s == 0 ? artefact : 0.0), -4.5, 5.0);
    core::BmdMeasurement m;
    m.site = s == 0   ? core::BmdSite::LumbarSpine
             : s == 1 ? core::BmdSite::FemoralNeck
                      : core::BmdSite::TotalHip;
    m.bmd = roundTo(std::max(0.25, reference[s].mean + siteT * reference[s].sd), 1000);
    m.tScore = roundTo(siteT, 10);
    m.zScore = roundTo(std::clamp(siteT + zShift, -5.0, 6.0), 10);
    m.device = {plan.dxa->manufacturer, plan.dxa->model};
    if (s == 0) {
        using core::Vertebra;
        const double pick = plan.lumbarPick;
        m.vertebrae = pick < 0.88
                          ? std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L3, Vertebra::L4}
                      : pick < 0.93 ? std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L3}
                      : pick < 0.97 ? std::vector<Vertebra>{Vertebra::L2, Vertebra::L3, Vertebra::L4}
                                    : std::vector<Vertebra>{Vertebra::L1, Vertebra::L2, Vertebra::L4};
    }
    return m;
}

core::LabValue PatientGenerator::crp(const CrpMethod& method, double activity, double factor, Date date) {
    const double mgPerL =
        std::min(150.0, (0.8 + 18.0 * std::pow(m_inflammation, 1.6) * (0.5 + 0.12 * activity)) * factor *
                            std::exp(0.6 * m_random.normal()));
    core::LabValue value;
    value.analyte = core::Analyte::Crp;
    value.unit = method.unit;
    value.sampleDate = date;
    value.assay = method.assay;
    value.sampleType = core::SampleType::Serum;
    value.laboratory = method.laboratory;
    value.detectionLimit = method.detectionLimit;
    const double reported = roundTo(mgPerL * method.perMgPerL, method.scale);
    if (reported < method.detectionLimit) {
        // Reported as "< limit": the number stored is the limit itself.
        value.value = method.detectionLimit;
        value.belowDetectionLimit = true;
    } else {
        value.value = reported;
    }
    return value;
}

core::LabValue PatientGenerator::biomarker(core::Analyte analyte, const BiomarkerAssay& assay,
                                           double canonical, Date date) {
    core::LabValue value;
    value.analyte = analyte;
    value.value = std::max(1.0 / assay.scale, roundTo(canonical * assay.perCanonical, assay.scale));
    value.unit = assay.unit;
    value.sampleDate = date;
    value.assay = assay.assay;
    value.sampleType = core::SampleType::Serum;
    value.laboratory = kResearchLaboratory;
    return value;
}

}  // namespace ankylos::demo
