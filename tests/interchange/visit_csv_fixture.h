#pragma once
/// Histories, CSV text and comparisons for the tests of the visit CSV format (db/visit_csv.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/patient_history.h"
#include "core/reading_session.h"
#include "core/validation.h"
#include "interchange/visit_csv_columns.h"
#include "interchange/visit_csv_reader.h"
#include "interchange/visit_csv_writer.h"

namespace ankylos::interchange::test {

using core::Date;

inline const Date kToday(2026, 11, 22);

// ---------------------------------------------------------------------------------------------
// Helpers

inline core::Reading reading(const std::string& reader, std::optional<Date> date, bool chronology,
                             const std::string& grades) {
    core::Reading r = core::parseReading(grades, reader);
    r.readingDate = date;
    r.chronologyKnown = chronology;
    return r;
}

inline core::LabValue lab(core::Analyte analyte, double value, const std::string& unit, Date sampleDate) {
    core::LabValue v;
    v.analyte = analyte;
    v.value = value;
    v.unit = unit;
    v.sampleDate = sampleDate;
    return v;
}

/// A patient with everything the format holds: a Chinese name, notes with a comma, quotes and a
/// line break, every visit field, all five analytes (one below the detection limit, one sampled on
/// another day), BMD at four sites, and a film read by two readers with every not-assessable reason.
inline core::PatientHistory richHistory() {
    core::PatientHistory h;
    h.patient.clinicId = "AS-001";
    h.patient.name = "王小明";
    h.patient.sex = core::Sex::Female;
    h.patient.birth = Date(1975, 5, 20);
    h.patient.hlaB27 = core::HlaB27::Positive;
    h.patient.symptomOnset = Date(1995, 3, 1);
    h.patient.diagnosis = Date(2000, 6, 15);
    h.patient.smoking = core::SmokingStatus::Former;
    h.patient.notes = "prefers \"morning\" visits, lives far\nsecond line, 第二行";

    core::Visit v1;
    v1.date = Date(2019, 4, 2);
    v1.postmenopausal = false;
    v1.basdai = {3.5, 10, 0.1, 0, 7.25, 2};
    v1.patientGlobal = 4.5;
    for (int i = 0; i < core::kBasfiItemCount; ++i)
        v1.basfi.items[i] = i * 0.5;
    v1.basmi = {15.5, 16, 10.2, 11, 4.1, 95, 70, 72.5};
    v1.notes = "pain, \"stiff\" mornings\r\nreferred by Dr. Zhao";
    core::LabValue crp = lab(core::Analyte::Crp, 12.5, "mg/L", v1.date);
    crp.assay = "Roche hs-CRP";
    crp.sampleType = core::SampleType::Serum;
    crp.laboratory = "Central lab, 3rd floor";
    core::LabValue dkk1 = lab(core::Analyte::Dkk1, 0.5, "ng/mL", v1.date);
    dkk1.belowDetectionLimit = true;
    dkk1.detectionLimit = 0.5;
    dkk1.sampleType = core::SampleType::Plasma;
    core::LabValue sclerostin = lab(core::Analyte::Sclerostin, 30.25, "pmol/L", Date(2019, 3, 30));
    v1.labs = {crp, lab(core::Analyte::Esr, 30, "mm/h", v1.date),
               lab(core::Analyte::Mmp3, 85.2, "µg/L", v1.date), dkk1, sclerostin};
    const core::DxaDevice device{"Hologic", "Horizon A"};
    v1.bmd = {
        {core::BmdSite::LumbarSpine,
         0.95,
         -1.2,
         -0.8,
         device,
         {core::Vertebra::L1, core::Vertebra::L2, core::Vertebra::L4}},
        {core::BmdSite::FemoralNeck, 0.8, -1.5, -1, device, {}},
        {core::BmdSite::TotalHip, 0.9, -0.7, -0.2, device, {}},
        {core::BmdSite::Radius33, 0.7, std::nullopt, std::nullopt, device, {}},
    };

    v1.coreSet.physicianGlobal = 5.5;
    for (const core::MasesSite site : core::allMasesSites())
        v1.coreSet.mases.at(site) = site == core::MasesSite::AchillesLeft;
    v1.coreSet.swollenJointCount = 0;
    v1.coreSet.tenderJointCount = 44;
    v1.coreSet.dactylitisDigits = 2;
    v1.coreSet.at(core::Manifestation::Uveitis) =
        core::ManifestationRecord{core::ManifestationStatus::Active, Date(2019, 3, 15)};
    v1.coreSet.at(core::Manifestation::Psoriasis) =
        core::ManifestationRecord{core::ManifestationStatus::History, std::nullopt};
    v1.coreSet.at(core::Manifestation::InflammatoryBowelDisease) =
        core::ManifestationRecord{core::ManifestationStatus::Never, std::nullopt};

    core::Visit v2;
    v2.date = Date(2021, 5, 10);
    v2.coreSet.mases.at(core::MasesSite::FifthLumbarSpinousProcess) = false;  // the other 12 not examined
    v2.coreSet.dactylitisDigits = 0;
    v2.postmenopausal = true;
    v2.basdai = {2, 3, 1, 0.30000000000000004, 2, std::nullopt};
    v2.labs = {lab(core::Analyte::Crp, 0.8, "mg/dL", v2.date)};
    v2.bmd = {{core::BmdSite::LumbarSpine,
               1.01,
               -0.5,
               0.1,
               {"GE", "Lunar iDXA"},
               {core::Vertebra::L1, core::Vertebra::L2, core::Vertebra::L3, core::Vertebra::L4}}};

    core::Visit v3;
    v3.date = Date(2023, 6, 1);

    h.visits = {v1, v2, v3};

    core::Film f1;
    f1.date = v1.date;
    core::Reading li =
        reading("Dr. Li", Date(2019, 5, 1), true, "0,1,2,3,NA,NA,NA,NA,0,0,1,1,2,2,3,2,0,0,0,0,0,0,0,0");
    li.sites[4] = core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
    li.sites[5] = core::SiteScore::notAssessable(core::NotAssessableReason::NotImaged);
    li.sites[6] = core::SiteScore::notAssessable(core::NotAssessableReason::SurgeryHardware);
    li.sites[7] = core::SiteScore::notAssessable(core::NotAssessableReason::Other);
    core::Reading chen =
        reading("Chen, \"MD\"", std::nullopt, false, "0,1,2,3,0,0,0,0,0,0,1,1,2,2,3,2,0,0,0,0,0,0,0,0");
    chen.sites[20] = std::nullopt;  // not scored
    chen.sites[23] = std::nullopt;
    f1.readings = {li, chen};

    core::Film f3;
    f3.date = v3.date;
    f3.readings = {
        reading("Dr. Li", Date(2023, 6, 2), false, "1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0")};
    h.films = {f1, f3};

    core::TreatmentEpisode naproxen;
    naproxen.drugId = "naproxen";
    naproxen.start = Date(2018, 1, 10);
    naproxen.doseAndFrequency = "500 mg twice daily, \"as needed\"";
    core::TreatmentEpisode adalimumab;
    adalimumab.drugId = "adalimumab";
    adalimumab.brand = "=Amgevita";  // formula protection on a text column
    adalimumab.start = Date(2019, 5, 1);
    adalimumab.stop = Date(2021, 4, 30);
    adalimumab.route = core::Route::Subcutaneous;
    adalimumab.stopReason = core::StopReason::Inefficacy;
    core::TreatmentEpisode secukinumab;
    secukinumab.drugId = "secukinumab";
    secukinumab.start = Date(2021, 5, 1);
    secukinumab.route = core::Route::Subcutaneous;
    h.treatments = {naproxen, adalimumab, secukinumab};
    return h;
}

/// A reading made in a reading session (docs/methods.md 11), with the session's blinding.
inline core::Reading sessionReading(const std::string& reader, const std::string& session,
                                    core::ReadingRole role, core::SessionBlinding blinding,
                                    const std::string& grades) {
    core::Reading r = reading(reader, std::nullopt, blinding.chronologyKnown(), grades);
    r.session = session;
    r.role = role;
    r.identitySeen = !blinding.identityHidden;
    r.pairedByPatient = blinding.pairedByPatient();
    return r;
}

/// Two films of one patient, each read by Dr. Li in the clinic and again in two sessions: "S1" (blinded,
/// paired by patient with the order hidden; Dr. Li and Dr. Wu primary, Dr. Ma adjudicating the later
/// film) and "=S2" (identity shown, known order, a formula-like name; Dr. Li alone).
inline core::PatientHistory sessionHistory() {
    core::PatientHistory h;
    h.patient.clinicId = "RS-1";
    h.patient.name = "Liu";
    h.patient.sex = core::Sex::Male;
    h.patient.birth = Date(1980, 1, 1);
    const std::string zeros = "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
    const std::string ones = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1";
    const core::SessionBlinding s1{true, core::SessionChronology::PairedHidden};
    const core::SessionBlinding s2{false, core::SessionChronology::Known};
    using core::ReadingRole;
    for (const Date date : {Date(2020, 3, 1), Date(2022, 3, 1)}) {
        core::Visit visit;
        visit.date = date;
        h.visits.push_back(visit);
        core::Film film;
        film.date = date;
        const std::string& grades = date.year() == 2020 ? zeros : ones;
        film.readings = {reading("Dr. Li", date, false, grades),
                         sessionReading("Dr. Li", "S1", ReadingRole::Primary, s1, grades),
                         sessionReading("Dr. Wu", "S1", ReadingRole::Primary, s1, zeros),
                         sessionReading("Dr. Li", "=S2", ReadingRole::Primary, s2, grades)};
        if (date.year() == 2022)
            film.readings.push_back(sessionReading("Dr. Ma", "S1", ReadingRole::Adjudicator, s1, ones));
        h.films.push_back(film);
    }
    return h;
}

/// One reader's CTSS of a scan: every quadrant graded (index mod 4), then the exceptions.
inline core::CtssReading ctssReading(const std::string& reader, std::optional<Date> date, bool chronology) {
    core::CtssReading r;
    r.reader = reader;
    r.readingDate = date;
    r.chronologyKnown = chronology;
    for (const core::Quadrant q : core::allQuadrants())
        r.at(q) = core::QuadrantScore::graded(q, q.index() % 4);
    return r;
}

/// A patient with low-dose CT scans and no visit: a scan read by two readers with every
/// not-assessable reason and unscored quadrants, a partial scan, and a scan not read yet.
inline core::PatientHistory ctHistory() {
    core::PatientHistory h;
    h.patient.clinicId = "CT-7";
    h.patient.name = "赵 Zhao";
    h.patient.sex = core::Sex::Male;
    h.patient.birth = Date(1970, 2, 3);
    using core::NotAssessableReason;
    core::CtScan first;
    first.date = Date(2020, 3, 4);
    first.device = "Siemens SOMATOM, \"low dose\"";
    core::CtssReading li = ctssReading("Dr. Li", Date(2020, 3, 20), true);
    li.quadrants[0] = core::QuadrantScore::notAssessable(NotAssessableReason::NotVisible);
    li.quadrants[1] = core::QuadrantScore::notAssessable(NotAssessableReason::NotImaged);
    li.quadrants[2] = core::QuadrantScore::notAssessable(NotAssessableReason::SurgeryHardware);
    li.quadrants[3] = core::QuadrantScore::notAssessable(NotAssessableReason::Other);
    core::CtssReading wu = ctssReading("=Wu", std::nullopt, false);  // formula protection on the reader
    wu.quadrants[100] = std::nullopt;                                // not scored
    wu.quadrants[183] = std::nullopt;
    first.readings = {li, wu};
    core::CtScan second;
    second.date = Date(2022, 3, 1);
    second.device = "GE Revolution";
    second.wholeSpine = false;
    core::CtssReading partial = ctssReading("Dr. Li", Date(2022, 3, 2), false);
    for (int q = 176; q < core::kQuadrantCount; ++q)
        partial.quadrants[q] = core::QuadrantScore::notAssessable(NotAssessableReason::NotImaged);
    second.readings = {partial};
    core::CtScan third;
    third.date = Date(2024, 2, 28);
    third.device = "";
    h.ctScans = {first, second, third};
    return h;
}

/// A man without any visit: one row with the patient columns only.
inline core::PatientHistory patientWithoutVisits() {
    core::PatientHistory h;
    h.patient.clinicId = "B-002";
    h.patient.name = "Smith, John";
    h.patient.sex = core::Sex::Male;
    h.patient.birth = Date(1960, 12, 31);
    return h;
}

inline std::string exportCsv(const std::vector<core::PatientHistory>& patients, bool bom = true) {
    std::ostringstream out;
    writeVisitCsvHeader(out, bom);
    for (const auto& patient : patients)
        writeVisitCsvRows(out, patient);
    return out.str();
}

inline VisitCsvImport importCsv(const std::string& text) {
    std::istringstream in(text);
    return parseVisitCsv(in, kToday);
}

inline std::string messages(const std::vector<CsvProblem>& problems) {
    std::string text;
    for (const CsvProblem& p : problems)
        text += p.message() + "\n";
    return text;
}

inline void expectSameLab(const core::LabValue& a, const core::LabValue& b) {
    EXPECT_EQ(a.analyte, b.analyte);
    EXPECT_EQ(a.value, b.value);
    EXPECT_EQ(a.unit, b.unit);
    EXPECT_EQ(a.sampleDate, b.sampleDate);
    EXPECT_EQ(a.assay, b.assay);
    EXPECT_EQ(a.sampleType, b.sampleType);
    EXPECT_EQ(a.laboratory, b.laboratory);
    EXPECT_EQ(a.belowDetectionLimit, b.belowDetectionLimit);
    EXPECT_EQ(a.detectionLimit, b.detectionLimit);
}

inline void expectSameHistory(const core::PatientHistory& a, const core::PatientHistory& b) {
    EXPECT_EQ(a.patient.clinicId, b.patient.clinicId);
    EXPECT_EQ(a.patient.name, b.patient.name);
    EXPECT_EQ(a.patient.sex, b.patient.sex);
    EXPECT_EQ(a.patient.birth, b.patient.birth);
    EXPECT_EQ(a.patient.hlaB27, b.patient.hlaB27);
    EXPECT_EQ(a.patient.symptomOnset, b.patient.symptomOnset);
    EXPECT_EQ(a.patient.diagnosis, b.patient.diagnosis);
    EXPECT_EQ(a.patient.smoking, b.patient.smoking);
    EXPECT_EQ(a.patient.notes, b.patient.notes);
    ASSERT_EQ(a.visits.size(), b.visits.size());
    for (std::size_t i = 0; i < a.visits.size(); ++i) {
        const core::Visit& x = a.visits[i];
        const core::Visit& y = b.visits[i];
        SCOPED_TRACE("visit " + core::toIsoString(x.date));
        EXPECT_EQ(x.date, y.date);
        EXPECT_EQ(x.postmenopausal, y.postmenopausal);
        EXPECT_EQ(x.basdai.items(), y.basdai.items());
        EXPECT_EQ(x.patientGlobal, y.patientGlobal);
        EXPECT_EQ(x.basfi.items, y.basfi.items);
        EXPECT_EQ(x.basmi.lateralFlexionLeftCm, y.basmi.lateralFlexionLeftCm);
        EXPECT_EQ(x.basmi.lateralFlexionRightCm, y.basmi.lateralFlexionRightCm);
        EXPECT_EQ(x.basmi.tragusToWallLeftCm, y.basmi.tragusToWallLeftCm);
        EXPECT_EQ(x.basmi.tragusToWallRightCm, y.basmi.tragusToWallRightCm);
        EXPECT_EQ(x.basmi.modifiedSchoberCm, y.basmi.modifiedSchoberCm);
        EXPECT_EQ(x.basmi.intermalleolarDistanceCm, y.basmi.intermalleolarDistanceCm);
        EXPECT_EQ(x.basmi.cervicalRotationLeftDegrees, y.basmi.cervicalRotationLeftDegrees);
        EXPECT_EQ(x.basmi.cervicalRotationRightDegrees, y.basmi.cervicalRotationRightDegrees);
        EXPECT_EQ(x.coreSet.physicianGlobal, y.coreSet.physicianGlobal);
        EXPECT_EQ(x.coreSet.mases.sites, y.coreSet.mases.sites);
        EXPECT_EQ(x.coreSet.swollenJointCount, y.coreSet.swollenJointCount);
        EXPECT_EQ(x.coreSet.tenderJointCount, y.coreSet.tenderJointCount);
        EXPECT_EQ(x.coreSet.dactylitisDigits, y.coreSet.dactylitisDigits);
        for (const core::Manifestation m : core::allManifestations()) {
            ASSERT_EQ(x.coreSet.at(m).has_value(), y.coreSet.at(m).has_value()) << core::toString(m);
            if (x.coreSet.at(m)) {
                EXPECT_EQ(x.coreSet.at(m)->status, y.coreSet.at(m)->status) << core::toString(m);
                EXPECT_EQ(x.coreSet.at(m)->lastEpisode, y.coreSet.at(m)->lastEpisode) << core::toString(m);
            }
        }
        EXPECT_EQ(x.notes, y.notes);
        ASSERT_EQ(x.labs.size(), y.labs.size());
        for (std::size_t k = 0; k < x.labs.size(); ++k)
            expectSameLab(x.labs[k], y.labs[k]);
        ASSERT_EQ(x.bmd.size(), y.bmd.size());
        for (std::size_t k = 0; k < x.bmd.size(); ++k) {
            EXPECT_EQ(x.bmd[k].site, y.bmd[k].site);
            EXPECT_EQ(x.bmd[k].bmd, y.bmd[k].bmd);
            EXPECT_EQ(x.bmd[k].tScore, y.bmd[k].tScore);
            EXPECT_EQ(x.bmd[k].zScore, y.bmd[k].zScore);
            EXPECT_EQ(x.bmd[k].device, y.bmd[k].device);
            EXPECT_EQ(x.bmd[k].vertebrae, y.bmd[k].vertebrae);
        }
    }
    ASSERT_EQ(a.treatments.size(), b.treatments.size());
    for (std::size_t i = 0; i < a.treatments.size(); ++i) {
        const core::TreatmentEpisode& x = a.treatments[i];
        const core::TreatmentEpisode& y = b.treatments[i];
        SCOPED_TRACE("treatment " + x.drugId);
        EXPECT_EQ(x.drugId, y.drugId);
        EXPECT_EQ(x.brand, y.brand);
        EXPECT_EQ(x.start, y.start);
        EXPECT_EQ(x.stop, y.stop);
        EXPECT_EQ(x.doseAndFrequency, y.doseAndFrequency);
        EXPECT_EQ(x.route, y.route);
        EXPECT_EQ(x.stopReason, y.stopReason);
    }
    ASSERT_EQ(a.ctScans.size(), b.ctScans.size());
    for (std::size_t i = 0; i < a.ctScans.size(); ++i) {
        const core::CtScan& x = a.ctScans[i];
        const core::CtScan& y = b.ctScans[i];
        SCOPED_TRACE("CT scan " + core::toIsoString(x.date));
        EXPECT_EQ(x.date, y.date);
        EXPECT_EQ(x.device, y.device);
        EXPECT_EQ(x.wholeSpine, y.wholeSpine);
        ASSERT_EQ(x.readings.size(), y.readings.size());
        for (std::size_t r = 0; r < x.readings.size(); ++r) {
            EXPECT_EQ(x.readings[r].reader, y.readings[r].reader);
            EXPECT_EQ(x.readings[r].readingDate, y.readings[r].readingDate);
            EXPECT_EQ(x.readings[r].chronologyKnown, y.readings[r].chronologyKnown);
            EXPECT_TRUE(x.readings[r].quadrants == y.readings[r].quadrants)
                << "reader " << x.readings[r].reader;
        }
    }
    ASSERT_EQ(a.films.size(), b.films.size());
    for (std::size_t i = 0; i < a.films.size(); ++i) {
        EXPECT_EQ(a.films[i].date, b.films[i].date);
        ASSERT_EQ(a.films[i].readings.size(), b.films[i].readings.size());
        for (std::size_t r = 0; r < a.films[i].readings.size(); ++r) {
            const core::Reading& x = a.films[i].readings[r];
            const core::Reading& y = b.films[i].readings[r];
            EXPECT_EQ(x.reader, y.reader);
            EXPECT_EQ(x.readingDate, y.readingDate);
            EXPECT_EQ(x.chronologyKnown, y.chronologyKnown);
            EXPECT_EQ(x.session, y.session);
            EXPECT_EQ(x.role, y.role);
            EXPECT_EQ(x.identitySeen, y.identitySeen);
            EXPECT_EQ(x.pairedByPatient, y.pairedByPatient);
            EXPECT_TRUE(x.sites == y.sites) << "reader " << x.reader;
        }
    }
}

/// A header and rows built from column -> text maps, so tests name only the cells they need.
class CsvText {
public:
    explicit CsvText(std::vector<std::string> columns = visitCsvColumns()) : m_columns(std::move(columns)) {
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            m_text += (i ? "," : "") + m_columns[i];
        m_text += "\n";
    }
    /// Appends a row; cells not named are empty.
    CsvText& row(const std::map<std::string, std::string>& cells) {
        for (const auto& [column, text] : cells)
            if (std::find(m_columns.begin(), m_columns.end(), column) == m_columns.end())
                ADD_FAILURE() << "test row names column " << column << " that the header lacks";
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (i)
                m_text += ",";
            const auto found = cells.find(m_columns[i]);
            if (found != cells.end())
                m_text += quoted(found->second);
        }
        m_text += "\n";
        return *this;
    }
    CsvText& raw(const std::string& text) {
        m_text += text;
        return *this;
    }
    const std::string& str() const { return m_text; }

private:
    static std::string quoted(const std::string& text) {
        if (text.find_first_of(",\"\r\n") == std::string::npos)
            return text;
        std::string out = "\"";
        for (char c : text)
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    }
    std::vector<std::string> m_columns;
    std::string m_text;
};

inline std::map<std::string, std::string> base(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> cells = {{"patient_id", "P1"},
                                                {"name", "Wang"},
                                                {"sex", "M"},
                                                {"birth_date", "1980-01-01"},
                                                {"visit_date", "2020-01-01"}};
    for (auto& [column, text] : extra)
        cells[column] = text;
    return cells;
}

struct Expected {
    int line;
    std::string column;
    std::string value;
    std::string ruleContains;
};

/// Every expected problem is found (and no other one).
inline void expectProblems(const std::vector<CsvProblem>& actual, const std::vector<Expected>& expected) {
    for (const Expected& e : expected) {
        const bool found = std::any_of(actual.begin(), actual.end(), [&](const CsvProblem& p) {
            return p.line == e.line && p.column == e.column && p.value == e.value &&
                   p.rule.find(e.ruleContains) != std::string::npos;
        });
        EXPECT_TRUE(found) << "missing: line " << e.line << ", " << e.column << " = \"" << e.value << "\" ("
                           << e.ruleContains << ")\nfound:\n"
                           << messages(actual);
    }
    EXPECT_EQ(actual.size(), expected.size()) << messages(actual);
}

}  // namespace ankylos::interchange::test
