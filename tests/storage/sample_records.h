#pragma once
/// Complete clinical records for storage tests (every field set, Chinese text, not-assessable and
/// unscored sites), and field-by-field comparisons, so a column lost on the way to the file and back
/// shows as the field that differs.

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/patient_history.h"
#include "storage/reader_repository.h"

namespace ankylos::storage::test {

using core::Date;

/// A man with every field recorded and a Chinese name.
inline core::Patient fullPatient(const std::string& clinicId = "AS-0001", const std::string& name = "王伟") {
    core::Patient p;
    p.clinicId = clinicId;
    p.name = name;
    p.sex = core::Sex::Male;
    p.birth = Date(1985, 3, 14);
    p.hlaB27 = core::HlaB27::Positive;
    p.symptomOnset = Date(2005, 6, 1);
    p.diagnosis = Date(2010, 9, 20);
    p.smoking = core::SmokingStatus::Former;
    p.notes = "anterior uveitis 2012; \"quoted\" and 'single'; 葡萄膜炎";
    return p;
}

/// A woman with only the required fields.
inline core::Patient minimalWoman(const std::string& clinicId = "AS-0002", const std::string& name = "李娜") {
    core::Patient p;
    p.clinicId = clinicId;
    p.name = name;
    p.sex = core::Sex::Female;
    p.birth = Date(1990, 12, 31);
    return p;
}

inline core::LabValue lab(core::Analyte analyte, double value, const std::string& unit, Date sampleDate) {
    core::LabValue v;
    v.analyte = analyte;
    v.value = value;
    v.unit = unit;
    v.sampleDate = sampleDate;
    return v;
}

/// A visit with every questionnaire item, every BASMI measurement, all four DXA sites and every
/// analyte in every accepted unit (values inside the soft limits, so no confirmation is needed).
/// The rest of the ASAS core set with every kind of value: a MASES site not recorded, a manifestation
/// with and one without its last episode, one not recorded.
inline core::AsasCoreSet fullCoreSet(Date date) {
    core::AsasCoreSet items;
    items.physicianGlobal = 6.5;
    for (core::MasesSite site : core::allMasesSites())
        items.mases.at(site) =
            site == core::MasesSite::AchillesLeft || site == core::MasesSite::IliacCrestRight;
    items.mases.at(core::MasesSite::FifthLumbarSpinousProcess) = std::nullopt;
    items.swollenJointCount = 2;
    items.tenderJointCount = 0;
    items.dactylitisDigits = 1;
    items.at(core::Manifestation::Uveitis) =
        core::ManifestationRecord{core::ManifestationStatus::History, date - boost::gregorian::days(400)};
    items.at(core::Manifestation::Psoriasis) =
        core::ManifestationRecord{core::ManifestationStatus::Active, {}};
    return items;
}

/// An episode with only the drug and its dates (oral, no brand, dose or reason).
inline core::TreatmentEpisode episode(const std::string& drug, Date start,
                                      std::optional<Date> stop = std::nullopt) {
    core::TreatmentEpisode e;
    e.drugId = drug;
    e.start = start;
    e.stop = stop;
    return e;
}

inline core::Visit fullVisit(Date date) {
    using core::Analyte;
    core::Visit v;
    v.date = date;
    v.basdai = {3.5, 6.25, 0.0, 10.0, 4.1, 7.3};
    v.patientGlobal = 5.5;
    for (int i = 0; i < core::kBasfiItemCount; ++i)
        v.basfi.items[i] = 0.5 + i;
    v.basmi = {12.3, 11.8, 14.2, 15.0, 3.9, 98.5, 55.0, 60.5};
    v.coreSet = fullCoreSet(date);

    core::BmdMeasurement lumbar;
    lumbar.site = core::BmdSite::LumbarSpine;
    lumbar.bmd = 1.123;
    lumbar.tScore = -0.8;
    lumbar.zScore = 0.2;
    lumbar.device = {"Hologic", "Discovery A"};
    lumbar.vertebrae = {core::Vertebra::L1, core::Vertebra::L2, core::Vertebra::L4};  // L3 excluded
    core::BmdMeasurement neck;
    neck.site = core::BmdSite::FemoralNeck;
    neck.bmd = 0.812;
    neck.tScore = -1.7;
    neck.zScore = -1.1;
    neck.device = {"GE Lunar", "iDXA"};
    core::BmdMeasurement hip;
    hip.site = core::BmdSite::TotalHip;
    hip.bmd = 0.95;
    hip.zScore = -0.5;  // no T-score reported
    hip.device = {"Hologic", "Discovery A"};
    core::BmdMeasurement radius;
    radius.site = core::BmdSite::Radius33;
    radius.bmd = 0.7;  // no scores, no device recorded
    v.bmd = {lumbar, neck, hip, radius};

    const Date sampled = date - boost::gregorian::days(1);
    core::LabValue crp = lab(Analyte::Crp, 12.5, "mg/L", sampled);
    crp.assay = "Roche Cobas CRPL3";
    crp.sampleType = core::SampleType::Serum;
    crp.laboratory = "北京协和医院检验科";
    crp.detectionLimit = 0.3;
    core::LabValue crpBelow = lab(Analyte::Crp, 0.03, "mg/dL", sampled);
    crpBelow.belowDetectionLimit = true;
    crpBelow.detectionLimit = 0.03;
    crpBelow.assay = "hs-CRP";
    crpBelow.sampleType = core::SampleType::Plasma;
    crpBelow.laboratory = "Site lab";
    core::LabValue esr = lab(Analyte::Esr, 28, "mm/h", date);  // whole blood: no sample type
    esr.laboratory = "Ward";
    core::LabValue mmp3 = lab(Analyte::Mmp3, 85.2, "ng/mL", sampled);
    mmp3.assay = "Panacea MMP-3 'Plate' LA";
    mmp3.sampleType = core::SampleType::Serum;
    v.labs = {crp,
              crpBelow,
              esr,
              mmp3,
              lab(Analyte::Mmp3, 90, "ug/L", sampled),
              lab(Analyte::Mmp3, 91, "\u00b5g/L", sampled),  // micro sign
              lab(Analyte::Dkk1, 2100, "pg/mL", sampled),
              lab(Analyte::Dkk1, 2.2, "ng/mL", sampled),
              lab(Analyte::Sclerostin, 45, "pmol/L", sampled),
              lab(Analyte::Sclerostin, 1.1, "ng/mL", sampled),
              lab(Analyte::Sclerostin, 980, "pg/mL", sampled)};
    v.notes = "NSAID switched; 换用依托考昔";
    return v;
}

/// Reader's scores: grades on most sites, each not-assessable reason once, two sites not scored.
/// Registers each reader not registered yet: readings are saved only for registered readers.
inline void registerReaders(Database& db, const std::vector<std::string>& names) {
    ReaderRepository readers(db);
    for (const std::string& name : names)
        if (!readers.find(name))
            readers.add(name);
}

inline core::Reading fullReading(const std::string& reader, int shift = 0) {
    core::Reading r;
    r.reader = reader;
    r.readingDate = Date(2024, 2, 1);
    r.chronologyKnown = shift % 2 == 0;
    for (core::Site site : core::allSites())
        r.at(site) = core::SiteScore::graded(site, (core::siteIndex(site) + shift) % 4);
    r.at(core::Site::C2_inf) = core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
    r.at(core::Site::C7_inf) = core::SiteScore::notAssessable(core::NotAssessableReason::NotImaged);
    r.at(core::Site::L4_sup) = core::SiteScore::notAssessable(core::NotAssessableReason::SurgeryHardware);
    r.at(core::Site::S1_sup) = core::SiteScore::notAssessable(core::NotAssessableReason::Other);
    r.at(core::Site::T1_sup) = std::nullopt;  // not scored
    r.at(core::Site::L2_inf) = std::nullopt;
    return r;
}

inline void expectSame(const core::Patient& expected, const core::Patient& actual) {
    EXPECT_EQ(actual.clinicId, expected.clinicId);
    EXPECT_EQ(actual.name, expected.name);
    EXPECT_EQ(actual.sex, expected.sex);
    EXPECT_EQ(actual.birth, expected.birth);
    EXPECT_EQ(actual.hlaB27, expected.hlaB27);
    EXPECT_EQ(actual.symptomOnset, expected.symptomOnset);
    EXPECT_EQ(actual.diagnosis, expected.diagnosis);
    EXPECT_EQ(actual.smoking, expected.smoking);
    EXPECT_EQ(actual.notes, expected.notes);
}

inline void expectSame(const core::BmdMeasurement& expected, const core::BmdMeasurement& actual) {
    SCOPED_TRACE("BMD " + core::toString(expected.site));
    EXPECT_EQ(actual.site, expected.site);
    EXPECT_EQ(actual.bmd, expected.bmd);
    EXPECT_EQ(actual.tScore, expected.tScore);
    EXPECT_EQ(actual.zScore, expected.zScore);
    EXPECT_EQ(actual.device.manufacturer, expected.device.manufacturer);
    EXPECT_EQ(actual.device.model, expected.device.model);
    EXPECT_EQ(actual.vertebrae, expected.vertebrae);
}

inline void expectSame(const core::LabValue& expected, const core::LabValue& actual) {
    SCOPED_TRACE("lab " + core::toString(expected.analyte) + " " + expected.unit);
    EXPECT_EQ(actual.analyte, expected.analyte);
    EXPECT_EQ(actual.value, expected.value);
    EXPECT_EQ(actual.unit, expected.unit);
    EXPECT_EQ(actual.sampleDate, expected.sampleDate);
    EXPECT_EQ(actual.assay, expected.assay);
    EXPECT_EQ(actual.sampleType, expected.sampleType);
    EXPECT_EQ(actual.laboratory, expected.laboratory);
    EXPECT_EQ(actual.belowDetectionLimit, expected.belowDetectionLimit);
    EXPECT_EQ(actual.detectionLimit, expected.detectionLimit);
}

inline void expectSame(const core::Visit& expected, const core::Visit& actual) {
    SCOPED_TRACE("visit " + core::toIsoString(expected.date));
    EXPECT_EQ(actual.date, expected.date);
    EXPECT_EQ(actual.postmenopausal, expected.postmenopausal);
    EXPECT_EQ(actual.basdai.items(), expected.basdai.items());
    EXPECT_EQ(actual.patientGlobal, expected.patientGlobal);
    EXPECT_EQ(actual.basfi.items, expected.basfi.items);
    const core::BasmiInput& a = actual.basmi;
    const core::BasmiInput& e = expected.basmi;
    EXPECT_EQ(a.lateralFlexionLeftCm, e.lateralFlexionLeftCm);
    EXPECT_EQ(a.lateralFlexionRightCm, e.lateralFlexionRightCm);
    EXPECT_EQ(a.tragusToWallLeftCm, e.tragusToWallLeftCm);
    EXPECT_EQ(a.tragusToWallRightCm, e.tragusToWallRightCm);
    EXPECT_EQ(a.modifiedSchoberCm, e.modifiedSchoberCm);
    EXPECT_EQ(a.intermalleolarDistanceCm, e.intermalleolarDistanceCm);
    EXPECT_EQ(a.cervicalRotationLeftDegrees, e.cervicalRotationLeftDegrees);
    EXPECT_EQ(a.cervicalRotationRightDegrees, e.cervicalRotationRightDegrees);
    EXPECT_EQ(actual.notes, expected.notes);
    EXPECT_EQ(actual.coreSet.physicianGlobal, expected.coreSet.physicianGlobal);
    EXPECT_EQ(actual.coreSet.mases.sites, expected.coreSet.mases.sites);
    EXPECT_EQ(actual.coreSet.swollenJointCount, expected.coreSet.swollenJointCount);
    EXPECT_EQ(actual.coreSet.tenderJointCount, expected.coreSet.tenderJointCount);
    EXPECT_EQ(actual.coreSet.dactylitisDigits, expected.coreSet.dactylitisDigits);
    for (core::Manifestation m : core::allManifestations()) {
        SCOPED_TRACE(core::toString(m));
        ASSERT_EQ(actual.coreSet.at(m).has_value(), expected.coreSet.at(m).has_value());
        if (expected.coreSet.at(m)) {
            EXPECT_EQ(actual.coreSet.at(m)->status, expected.coreSet.at(m)->status);
            EXPECT_EQ(actual.coreSet.at(m)->lastEpisode, expected.coreSet.at(m)->lastEpisode);
        }
    }
    ASSERT_EQ(actual.bmd.size(), expected.bmd.size());
    for (std::size_t i = 0; i < expected.bmd.size(); ++i)
        expectSame(expected.bmd[i], actual.bmd[i]);
    ASSERT_EQ(actual.labs.size(), expected.labs.size());
    for (std::size_t i = 0; i < expected.labs.size(); ++i)
        expectSame(expected.labs[i], actual.labs[i]);
}

inline void expectSame(const core::Reading& expected, const core::Reading& actual) {
    SCOPED_TRACE("reading by " + expected.reader);
    EXPECT_EQ(actual.reader, expected.reader);
    EXPECT_EQ(actual.readingDate, expected.readingDate);
    EXPECT_EQ(actual.chronologyKnown, expected.chronologyKnown);
    for (core::Site site : core::allSites()) {
        SCOPED_TRACE(core::siteId(site));
        const auto& e = expected.at(site);
        const auto& a = actual.at(site);
        ASSERT_EQ(a.has_value(), e.has_value());
        if (!e)
            continue;
        EXPECT_EQ(a->assessable(), e->assessable());
        EXPECT_EQ(a->reason(), e->reason());
        if (e->assessable()) {
            EXPECT_EQ(a->grade(), e->grade());
        }
    }
}

/// A reader's CTSS of a low-dose CT: every grade 0-3 somewhere (most thoracic), each not-assessable
/// reason once, three quadrants not scored. shift moves the grades, so two readers differ.
inline core::CtssReading fullCtssReading(const std::string& reader, int shift = 0) {
    core::CtssReading r;
    r.reader = reader;
    r.readingDate = Date(2024, 2, 1);
    r.chronologyKnown = shift % 2 == 1;
    for (core::Quadrant quadrant : core::allQuadrants())
        r.at(quadrant) = core::QuadrantScore::graded(
            quadrant,
            core::segmentOf(quadrant) == core::CtssSegment::Thoracic ? (quadrant.index() + shift) % 4 : 0);
    using core::NotAssessableReason;
    const std::pair<const char*, NotAssessableReason> missing[] = {
        {"C2_inf_ant", NotAssessableReason::NotVisible},
        {"C7_inf_left", NotAssessableReason::NotImaged},
        {"L4_sup_post", NotAssessableReason::SurgeryHardware},
        {"S1_sup_right", NotAssessableReason::Other}};
    for (const auto& [id, reason] : missing)
        r.at(*core::quadrantFromId(id)) = core::QuadrantScore::notAssessable(reason);
    for (const char* id : {"T1_inf_ant", "T7_sup_left", "L5_inf_right"})
        r.at(*core::quadrantFromId(id)) = std::nullopt;  // not scored
    return r;
}

/// A scan of the given date with the readings (Siemens, the whole spine).
inline core::CtScan ctScan(Date date, std::vector<core::CtssReading> readings = {}) {
    core::CtScan scan;
    scan.date = date;
    scan.device = "Siemens SOMATOM Force 西门子";
    scan.wholeSpine = true;
    scan.readings = std::move(readings);
    return scan;
}

inline void expectSame(const core::CtssReading& expected, const core::CtssReading& actual) {
    SCOPED_TRACE("CT reading by " + expected.reader);
    EXPECT_EQ(actual.reader, expected.reader);
    EXPECT_EQ(actual.readingDate, expected.readingDate);
    EXPECT_EQ(actual.chronologyKnown, expected.chronologyKnown);
    for (core::Quadrant quadrant : core::allQuadrants()) {
        SCOPED_TRACE(core::quadrantId(quadrant));
        const auto& e = expected.at(quadrant);
        const auto& a = actual.at(quadrant);
        ASSERT_EQ(a.has_value(), e.has_value());
        if (e) {
            EXPECT_TRUE(*a == *e);
        }
    }
}

inline void expectSame(const core::CtScan& expected, const core::CtScan& actual) {
    SCOPED_TRACE("CT scan of " + core::toIsoString(expected.date));
    EXPECT_EQ(actual.date, expected.date);
    EXPECT_EQ(actual.device, expected.device);
    EXPECT_EQ(actual.wholeSpine, expected.wholeSpine);
    ASSERT_EQ(actual.readings.size(), expected.readings.size());
    for (std::size_t i = 0; i < expected.readings.size(); ++i) {
        expectSame(expected.readings[i], actual.readings[i]);
    }
}

}  // namespace ankylos::storage::test
