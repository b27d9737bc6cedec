// The visit aggregate: every problem of a visit at once (docs/methods.md 8), and its scores
// computed from the stored inputs (BASDAI, ASDAS from the visit's CRP/ESR, BMD with the caveat).
#include "core/visit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace ankylos::core {
namespace {

const Date kToday(2026, 11, 22);

Patient woman() {
    Patient patient;
    patient.clinicId = "AS-1";
    patient.name = "李娜";
    patient.sex = Sex::Female;
    patient.birth = Date(1960, 5, 1);
    return patient;
}

LabValue lab(Analyte analyte, double value, const std::string& unit, Date date) {
    LabValue result;
    result.analyte = analyte;
    result.value = value;
    result.unit = unit;
    result.sampleDate = date;
    return result;
}

Visit completeVisit() {
    Visit visit;
    visit.date = Date(2024, 3, 1);
    visit.postmenopausal = true;
    visit.basdai = {5, 5, 5, 5, 5, 5};
    visit.patientGlobal = 5;
    visit.labs = {lab(Analyte::Crp, 1.0, "mg/dL", visit.date), lab(Analyte::Esr, 20, "mm/h", visit.date)};
    return visit;
}

std::vector<std::string> fieldsOf(const Validation& validation) {
    std::vector<std::string> fields;
    for (const Problem& problem : validation.problems())
        fields.push_back(problem.field);
    return fields;
}

TEST(VisitValidation, ReportsEveryProblemOfEveryPartAtOnce) {
    Visit visit = completeVisit();
    visit.date = kToday + boost::gregorian::days(1);
    visit.basdai.q2 = 11;
    visit.patientGlobal = -1;
    visit.labs.push_back(lab(Analyte::Mmp3, 10, "mg/L", Date(2024, 3, 1)));
    const Validation validation = validateVisit(woman(), visit, kToday);
    const auto fields = fieldsOf(validation);
    EXPECT_GE(fields.size(), 4u);
    EXPECT_NE(std::find(fields.begin(), fields.end(), "visit date"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "BASDAI Q2"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "ASDAS patient global"), fields.end());
    EXPECT_TRUE(validation.hasErrors());
    EXPECT_TRUE(validateVisit(woman(), completeVisit(), kToday).problems().empty());
}

TEST(VisitValidation, MenopausalStatusIsNotRecordedForMen) {
    Patient man = woman();
    man.sex = Sex::Male;
    const auto fields = fieldsOf(validateVisit(man, completeVisit(), kToday));
    EXPECT_EQ(fields, std::vector<std::string>{"menopausal status"});
}

TEST(VisitValidation, SoftLimitsAreWarningsNotErrors) {
    Visit visit = completeVisit();
    visit.labs = {lab(Analyte::Crp, 250, "mg/L", visit.date)};
    const Validation validation = validateVisit(woman(), visit, kToday);
    EXPECT_FALSE(validation.hasErrors());
    EXPECT_TRUE(validation.hasWarnings());
}

TEST(VisitValidation, TheRestOfTheAsasCoreSetIsValidatedWithTheVisit) {
    Visit visit = completeVisit();
    visit.coreSet.physicianGlobal = 4.5;
    visit.coreSet.tenderJointCount = 44;
    EXPECT_TRUE(validateVisit(woman(), visit, kToday).ok());
    visit.coreSet.physicianGlobal = 4.3;
    visit.coreSet.tenderJointCount = 45;
    visit.coreSet.at(Manifestation::Uveitis) =
        ManifestationRecord{ManifestationStatus::History, Date(1960, 4, 30)};
    std::vector<std::string> fields;
    for (const Problem& problem : validateVisit(woman(), visit, kToday).errors())
        fields.push_back(problem.field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"physician global", "tender joint count", "uveitis last episode"}));
}

TEST(VisitValidation, VisitDatesAreUniquePerPatient) {
    const Validation validation = validateVisits(woman(), {completeVisit(), completeVisit()}, kToday);
    ASSERT_EQ(validation.errors().size(), 1u);
    EXPECT_EQ(validation.errors()[0].value, "2024-03-01");
}

TEST(VisitScores, AsdasUsesTheVisitsCrpInMgPerLAndItsEsr) {
    const VisitScores scores = scoreVisit(woman(), completeVisit(), {}, {});
    // CRP 1.0 mg/dL = 10 mg/L: the spec's peer vector 3.19.
    ASSERT_TRUE(scores.asdasCrp.value.has_value());
    EXPECT_NEAR(*scores.asdasCrp.value, 3.19, 0.005);
    EXPECT_DOUBLE_EQ(*scores.asdasCrp.crpUsedMgPerL, 10.0);
    EXPECT_NEAR(*scores.asdasEsr.value, 0.08 * 5 + 0.07 * 5 + 0.11 * 5 + 0.09 * 5 + 0.29 * std::sqrt(20.0),
                1e-12);
    EXPECT_NEAR(*scores.basdai.value, 5.0, 1e-12);
    EXPECT_FALSE(scores.bmd.has_value());
    EXPECT_FALSE(scores.basfi.value.has_value());  // not recorded at this visit
}

TEST(VisitScores, NoCrpMeansAsdasCrpIsNotComputable) {
    Visit visit = completeVisit();
    visit.labs.clear();
    const VisitScores scores = scoreVisit(woman(), visit, {}, {});
    EXPECT_FALSE(scores.asdasCrp.value.has_value());
    EXPECT_NE(scores.asdasCrp.reason.find("CRP"), std::string::npos) << scores.asdasCrp.reason;
}

TEST(VisitScores, BmdCaveatComesFromTheNearestFilm) {
    Visit visit = completeVisit();
    BmdMeasurement lumbar{BmdSite::LumbarSpine,
                          1.3,
                          -2.6,
                          -2.0,
                          {"Hologic", "Horizon A"},
                          {Vertebra::L1, Vertebra::L2, Vertebra::L3, Vertebra::L4}};
    BmdMeasurement neck{BmdSite::FemoralNeck, 0.8, -1.1, -0.5, {"Hologic", "Horizon A"}, {}};
    visit.bmd = {lumbar, neck};
    Reading reading;
    reading.reader = "A";
    for (Site site : allSites())
        reading.at(site) = SiteScore::graded(site, 0);
    EXPECT_EQ(*scoreVisit(woman(), visit, {Film{Date(2023, 6, 1), {reading}}}, {}).bmd->category,
              BmdCategory::Osteoporosis);
    reading.at(Site::L3_sup) = SiteScore::graded(Site::L3_sup, 2);
    const VisitScores flagged = scoreVisit(woman(), visit, {Film{Date(2023, 6, 1), {reading}}}, {});
    EXPECT_EQ(*flagged.bmd->category, BmdCategory::Osteopenia);  // hip only
    EXPECT_EQ(flagged.bmd->lumbarFlag, kLumbarSyndesmophyteFlag);
}

TEST(VisitLabs, LastAssayIsTheLatestRecordedOneUpToTheDate) {
    const auto visitWith = [](Date date, Analyte analyte, const std::string& assay) {
        Visit visit;
        visit.date = date;
        LabValue lab;
        lab.analyte = analyte;
        lab.value = 3;
        lab.unit = canonicalUnit(analyte);
        lab.sampleDate = date;
        lab.assay = assay;
        visit.labs.push_back(lab);
        return visit;
    };
    const std::vector<Visit> visits = {visitWith(Date(2019, 1, 1), Analyte::Crp, "Roche"),
                                       visitWith(Date(2021, 1, 1), Analyte::Crp, "Siemens"),
                                       visitWith(Date(2022, 1, 1), Analyte::Crp, ""),
                                       visitWith(Date(2020, 1, 1), Analyte::Esr, "Westergren")};
    EXPECT_EQ(lastAssay(visits, Analyte::Crp, Date(2023, 1, 1)), "Siemens") << "a missing assay is skipped";
    EXPECT_EQ(lastAssay(visits, Analyte::Crp, Date(2020, 6, 1)), "Roche") << "none after the date";
    EXPECT_EQ(lastAssay(visits, Analyte::Esr, Date(2023, 1, 1)), "Westergren");
    EXPECT_EQ(lastAssay(visits, Analyte::Mmp3, Date(2023, 1, 1)), "");
    EXPECT_EQ(lastAssay(visits, Analyte::Crp, Date(2018, 1, 1)), "");
}

}  // namespace
}  // namespace ankylos::core
