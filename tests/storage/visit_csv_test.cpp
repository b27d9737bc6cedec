// The visit CSV format (db/visit_csv.md): round trip, RFC 4180 text, and every problem of a file at once.
#include "storage/visit_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/validation.h"

namespace ankylos::storage {
namespace {

using core::Date;

const Date kToday(2026, 11, 22);

// ---------------------------------------------------------------------------------------------
// Helpers

core::Reading reading(const std::string& reader, std::optional<Date> date, bool chronology,
                      const std::string& grades) {
    core::Reading r = core::parseReading(grades, reader);
    r.readingDate = date;
    r.chronologyKnown = chronology;
    return r;
}

core::LabValue lab(core::Analyte analyte, double value, const std::string& unit, Date sampleDate) {
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
core::PatientHistory richHistory() {
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

    core::Visit v2;
    v2.date = Date(2021, 5, 10);
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
    return h;
}

/// A man without any visit: one row with the patient columns only.
core::PatientHistory patientWithoutVisits() {
    core::PatientHistory h;
    h.patient.clinicId = "B-002";
    h.patient.name = "Smith, John";
    h.patient.sex = core::Sex::Male;
    h.patient.birth = Date(1960, 12, 31);
    return h;
}

std::string exportCsv(const std::vector<core::PatientHistory>& patients, bool bom = true) {
    std::ostringstream out;
    writeVisitCsvHeader(out, bom);
    for (const auto& patient : patients)
        writeVisitCsvRows(out, patient);
    return out.str();
}

VisitCsvImport importCsv(const std::string& text) {
    std::istringstream in(text);
    return parseVisitCsv(in, kToday);
}

std::string messages(const std::vector<CsvProblem>& problems) {
    std::string text;
    for (const CsvProblem& p : problems)
        text += p.message() + "\n";
    return text;
}

void expectSameLab(const core::LabValue& a, const core::LabValue& b) {
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

void expectSameHistory(const core::PatientHistory& a, const core::PatientHistory& b) {
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

std::map<std::string, std::string> base(std::map<std::string, std::string> extra = {}) {
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
void expectProblems(const std::vector<CsvProblem>& actual, const std::vector<Expected>& expected) {
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

// ---------------------------------------------------------------------------------------------
// Round trip

TEST(VisitCsvRoundTrip, RichHistoryComesBackUnchanged) {
    const core::PatientHistory rich = richHistory();
    const VisitCsvImport result = importCsv(exportCsv({rich, patientWithoutVisits()}));
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_TRUE(result.warnings.empty()) << messages(result.warnings);
    EXPECT_EQ(result.rows, 2 + 1 + 1 + 1);  // two readers of the first film, two visits, one patient row
    ASSERT_EQ(result.patients.size(), 2u);
    expectSameHistory(result.patients[0], rich);
    expectSameHistory(result.patients[1], patientWithoutVisits());
}

TEST(VisitCsvRoundTrip, ReexportIsByteIdentical) {
    const std::string first = exportCsv({richHistory(), patientWithoutVisits()});
    const VisitCsvImport imported = importCsv(first);
    ASSERT_TRUE(imported.ok()) << messages(imported.errors);
    EXPECT_EQ(exportCsv(imported.patients), first);
    // The bytes themselves: BOM, CRLF record ends, the line break inside a quoted note kept as is.
    EXPECT_EQ(first.substr(0, 14), "\xEF\xBB\xBFpatient_id,");
    EXPECT_NE(first.find("\"prefers \"\"morning\"\" visits, lives far\nsecond line, 第二行\""),
              std::string::npos);
    EXPECT_NE(first.find("\"pain, \"\"stiff\"\" mornings\r\nreferred by Dr. Zhao\""), std::string::npos);
    EXPECT_NE(first.find(",\"Chen, \"\"MD\"\"\","), std::string::npos);
}

TEST(VisitCsvRoundTrip, FormulaTextIsNeutralisedAndComesBackUnchanged) {
    core::PatientHistory h = richHistory();
    h.patient.clinicId = "=1+1";
    h.patient.name = "'quoted";
    h.patient.notes = "\tindented\nsecond line";
    h.visits[0].notes = "-dizzy, \"really\"";
    h.visits[0].labs[0].assay = "@SUM(A1)";
    h.visits[0].labs[0].laboratory = "+lab";
    h.visits[1].notes = "\rstarts with CR";
    h.films[0].readings[0].reader = "-reader";
    const std::string first = exportCsv({h});
    for (const char* cell :
         {"\r\n'=1+1,", ",''quoted,", "\"'\tindented\nsecond line\"", "\"'-dizzy, \"\"really\"\"\"",
          ",'@SUM(A1),", ",'+lab,", "\"'\rstarts with CR\"", ",'-reader,"})
        EXPECT_NE(first.find(cell), std::string::npos) << cell;
    const VisitCsvImport imported = importCsv(first);
    ASSERT_TRUE(imported.ok()) << messages(imported.errors);
    ASSERT_EQ(imported.patients.size(), 1u);
    expectSameHistory(imported.patients[0], h);
    EXPECT_EQ(exportCsv(imported.patients), first);
}

TEST(VisitCsvProblems, ControlCharactersAreRefusedAndShownInTheMessage) {
    const VisitCsvImport result =
        importCsv(CsvText()
                      .row(base({{"patient_id", std::string("A\0B", 3)}, {"visit_notes", "tab\there\nfine"}}))
                      .row(base({{"patient_id", "B"}, {"name", "Li\nWei"}}))
                      .str());
    expectProblems(result.errors, {{2, "patient_id", "A<U+0000>B", "found U+0000"},
                                   {4, "name", "Li<U+000A>Wei", "found U+000A"}});
}

TEST(VisitCsvRoundTrip, NumbersAreWrittenInTheShortestExactForm) {
    std::ostringstream out;
    writeVisitCsvRows(out, richHistory());
    // BASDAI of the first visit: 3.5, 10, 0.1, 0, 7.25, 2; the patient global 4.5; BASFI 0, 0.5, 1...
    EXPECT_NE(out.str().find(",2019-04-02,no,3.5,10,0.1,0,7.25,2,4.5,0,0.5,1,"), std::string::npos)
        << out.str();
    // 0.1 + 0.2 is not 0.3: written with the digits that read back to the same double.
    EXPECT_NE(out.str().find(",0.30000000000000004,"), std::string::npos);
}

TEST(VisitCsvRoundTrip, SiteScoresNotAssessableReasonsAndEmptyCells) {
    std::ostringstream out;
    writeVisitCsvHeader(out, false);
    writeVisitCsvRows(out, richHistory());
    const VisitCsvImport result = importCsv(out.str());
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const std::string text = out.str();
    EXPECT_NE(text.find(",0,1,2,3,NA:not_visible,NA:not_imaged,NA:surgery_hardware,NA,0,"),
              std::string::npos);
    const core::Reading& chen = result.patients[0].films[0].readings[1];
    EXPECT_FALSE(chen.sites[20].has_value());  // empty cell: not scored
    EXPECT_EQ(result.patients[0].films[0].readings[0].sites[7]->reason(), core::NotAssessableReason::Other);
}

TEST(VisitCsvRoundTrip, SampleDateEmptyMeansTheVisitDate) {
    const std::string text = CsvText()
                                 .row(base({{"crp_value", "3"}, {"crp_unit", "mg/L"}}))
                                 .row(base({{"visit_date", "2020-02-01"},
                                            {"crp_value", "4"},
                                            {"crp_unit", "mg/L"},
                                            {"crp_sample_date", "2020-01-30"}}))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    ASSERT_EQ(result.patients[0].visits.size(), 2u);
    EXPECT_EQ(result.patients[0].visits[0].labs.at(0).sampleDate, Date(2020, 1, 1));
    EXPECT_EQ(result.patients[0].visits[1].labs.at(0).sampleDate, Date(2020, 1, 30));
    const std::string exported = exportCsv(result.patients);
    EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 3);
    EXPECT_EQ(exported.find("2020-01-01,", exported.find("2020-01-01") + 1), std::string::npos)
        << "the visit date is written once, not again as the sample date";
    EXPECT_NE(exported.find("2020-01-30"), std::string::npos);
}

TEST(VisitCsvRoundTrip, ManyPatientsStreamOneAtATime) {
    std::vector<core::PatientHistory> patients;
    for (int i = 0; i < 300; ++i) {
        core::PatientHistory h = richHistory();
        h.patient.clinicId = "AS-" + std::to_string(i);
        patients.push_back(h);
    }
    const std::string first = exportCsv(patients);
    const VisitCsvImport result = importCsv(first);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_EQ(result.rows, 300 * 4);
    ASSERT_EQ(result.patients.size(), 300u);
    EXPECT_EQ(result.patients[299].patient.clinicId, "AS-299");
    EXPECT_EQ(exportCsv(result.patients), first);
}

// ---------------------------------------------------------------------------------------------
// Text: BOM, line ends, quoting, column order

TEST(VisitCsvText, BomAndCrlfAreAccepted) {
    const std::string lf = CsvText().row(base({{"name", "李雷"}, {"visit_notes", "a\nb"}})).str();
    std::string crlf;
    for (std::size_t i = 0; i < lf.size(); ++i) {
        // Record ends become CRLF; the line break inside the quoted note stays LF.
        const bool insideNote = i >= 2 && lf.compare(i - 2, 2, "\"a") == 0;
        if (lf[i] == '\n' && !insideNote)
            crlf += '\r';
        crlf += lf[i];
    }
    ASSERT_NE(crlf, lf);
    for (const std::string& text : {lf, "\xEF\xBB\xBF" + lf, crlf, "\xEF\xBB\xBF" + crlf}) {
        const VisitCsvImport result = importCsv(text);
        ASSERT_TRUE(result.ok()) << messages(result.errors);
        ASSERT_EQ(result.patients.size(), 1u);
        EXPECT_EQ(result.patients[0].patient.clinicId, "P1");
        EXPECT_EQ(result.patients[0].patient.name, "李雷");
        EXPECT_EQ(result.patients[0].visits.at(0).notes, "a\nb");
    }
}

TEST(VisitCsvText, ColumnsInAnotherOrderAndOptionalColumnsLeftOut) {
    const std::string text =
        "visit_date,basdai_q1,birth_date,sex,name,patient_id,msasss_C2_inf,film_reader\n"
        "2020-01-01,4,1980-01-01,F,\"Ma, Li\",P9,2,Dr. Li\n";
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const core::PatientHistory& h = result.patients.at(0);
    EXPECT_EQ(h.patient.name, "Ma, Li");
    EXPECT_EQ(h.patient.sex, core::Sex::Female);
    EXPECT_EQ(h.patient.hlaB27, core::HlaB27::Unknown);
    EXPECT_EQ(h.visits.at(0).basdai.q1, 4.0);
    EXPECT_FALSE(h.visits.at(0).basdai.q2.has_value());
    ASSERT_EQ(h.films.size(), 1u);
    EXPECT_EQ(h.films[0].date, Date(2020, 1, 1));
    EXPECT_EQ(h.films[0].readings.at(0).sites[0]->grade(), 2);
    EXPECT_FALSE(h.films[0].readings.at(0).sites[1].has_value());
}

TEST(VisitCsvText, BlankLinesAreSkippedAndLineNumbersArePhysical) {
    // Line 2 holds a note over three physical lines; the bad grade two records later is on line 6.
    const std::string text =
        CsvText()
            .row(base({{"visit_notes", "one\ntwo\nthree"}}))
            .raw("\n")
            .row(base({{"visit_date", "2020-02-01"}, {"film_reader", "R"}, {"msasss_L1_sup", "5"}}))
            .raw("\n")
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors, {{6, "msasss_L1_sup", "5", "mSASSS L1_sup"}});
    EXPECT_EQ(result.rows, 2);
    EXPECT_TRUE(result.patients.empty());
}

TEST(VisitCsvText, PatientRowWithoutVisit) {
    const VisitCsvImport result = importCsv(CsvText()
                                                .row(base({{"visit_date", ""}, {"smoking", "current"}}))
                                                .row(base({{"smoking", "current"}}))
                                                .str());
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    ASSERT_EQ(result.patients.size(), 1u);
    EXPECT_EQ(result.patients[0].patient.smoking, core::SmokingStatus::Current);
    EXPECT_EQ(result.patients[0].visits.size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Problems

TEST(VisitCsvProblems, EveryProblemIsReportedAtOnce) {
    std::vector<std::string> header = visitCsvColumns();
    header.push_back("favourite_colour");
    const std::string text =
        CsvText(header)
            .row(base({{"basdai_q2", "11"}}))  // line 2
            .row(base({{"visit_date", "2020-02-01"}, {"film_reader", "R1"}, {"msasss_C3_sup", "4"}}))  // 3
            .row(base({{"visit_date", "2020-02-30"}}))                                                 // 4
            .row(base({{"visit_date", "2027-01-01"}}))                                                 // 5
            .row(base({{"visit_date", "2020-03-01"}, {"crp_value", "12"}, {"crp_unit", "mg/l"}}))      // 6
            .row(base({{"visit_date", "2020-04-01"}, {"esr_value", "30"}}))                            // 7
            .row(base({{"basdai_q1", "2"}}))                                                           // 8
            .row(base({{"patient_id", "P2"}, {"name", "Li"}, {"sex", "F"}}))                           // 9
            .row(base(
                {{"patient_id", "P2"}, {"name", "Lee"}, {"sex", "F"}, {"visit_date", "2020-02-01"}}))  // 10
            .row(base({{"patient_id", "P3"}, {"visit_notes", "first\nsecond"}, {"basfi_q3", "-1"}}))  // 11-12
            .row(base({{"patient_id", "P4"}, {"sex", "X"}, {"postmenopausal", "maybe"}}))             // 13
            .row(base({{"patient_id", "P5"}, {"basmi_schober_cm", "-2"}, {"patient_global", "ten"}}))  // 14
            .raw("P6,too,few\n")                                                                       // 15
            .str();
    const VisitCsvImport result = importCsv(text);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.patients.empty()) << "all-or-nothing";
    expectProblems(
        result.errors,
        {
            {1, "favourite_colour", "favourite_colour", "unknown column"},
            {2, "basdai_q2", "11", "BASDAI Q2: 11 is not allowed (allowed: 0 to 10)"},
            {3, "msasss_C3_sup", "4", "mSASSS C3_sup: 4 is not allowed (allowed: 0, 1, 2, 3 or NA"},
            {4, "visit_date", "2020-02-30",
             "visit date: 2020-02-30 is not allowed (allowed: a calendar date"},
            {5, "visit_date", "2027-01-01", "not after today (2026-11-22)"},
            {6, "crp_unit", "mg/l", "CRP unit: mg/l is not allowed (allowed: mg/L or mg/dL)"},
            {7, "esr_unit", "", "ESR unit: (empty) is not allowed (allowed: mm/h)"},
            {8, "visit_date", "2020-01-01", "already has a visit on 2020-01-01 (line 2)"},
            {10, "name", "Lee", "differs from line 9 (\"Li\")"},
            {11, "basfi_q3", "-1", "BASFI Q3: -1 is not allowed (allowed: 0 to 10)"},
            {13, "sex", "X", "sex: X is not allowed (allowed: M or F)"},
            {13, "postmenopausal", "maybe", "menopausal status: maybe is not allowed (allowed: yes or no)"},
            {14, "basmi_schober_cm", "-2", "BASMI modified Schober"},
            {14, "patient_global", "ten", "ASDAS patient global: ten is not allowed (allowed: a number)"},
            {15, "", "3 fields", "as many fields as the header"},
        });
    // Each message names the line, the column and the value.
    EXPECT_EQ(result.errors[1].message(),
              "line 2, column basdai_q2 = \"11\": BASDAI Q2: 11 is not allowed (allowed: 0 to 10)");
}

TEST(VisitCsvProblems, MissingRequiredAndUnknownColumnsTogether) {
    const VisitCsvImport result =
        importCsv("patient_id,name,sex,visit_date,basdai_q7\nP1,Wang,M,2020-01-01,3\n");
    expectProblems(result.errors, {{1, "basdai_q7", "basdai_q7", "unknown column"},
                                   {1, "birth_date", "", "a required column is missing"}});
    EXPECT_TRUE(result.patients.empty());
}

TEST(VisitCsvProblems, SemicolonFilesAreExplained) {
    const VisitCsvImport result = importCsv("patient_id;name;sex;birth_date;visit_date\n");
    ASSERT_FALSE(result.errors.empty());
    EXPECT_NE(result.errors[0].rule.find("semicolons"), std::string::npos) << messages(result.errors);
}

TEST(VisitCsvProblems, UnterminatedQuoteAfterOtherProblems) {
    const std::string text =
        CsvText().row(base({{"basdai_q1", "-3"}})).raw("P1,Wang,M,1980-01-01,unknown,\"never closed\n").str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors, {{2, "basdai_q1", "-3", "BASDAI Q1"},
                                   {3, "symptom_onset", "never closed...", "a quoted field is not closed"}});
}

TEST(VisitCsvProblems, QuotesMisplaced) {
    const std::string text = CsvText()
                                 .raw("P1,Wang 5\" tall,M,1980-01-01,")
                                 .raw(std::string(visitCsvColumns().size() - 5, ','))
                                 .raw("\n")
                                 .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors, {{2, "name", "Wang 5\" tall", "a quote inside a field"}});
}

TEST(VisitCsvProblems, EmptyFile) {
    expectProblems(importCsv("").errors, {{1, "", "", "the file is empty"}});
    expectProblems(importCsv("\xEF\xBB\xBF\r\n").errors, {{1, "", "", "the file is empty"}});
}

TEST(VisitCsvProblems, TextThatIsNotUtf8) {
    // 王 in GB 18030 (what Excel writes on a Chinese Windows unless told "CSV UTF-8").
    const VisitCsvImport result = importCsv(CsvText().row(base({{"name", "\xCD\xF5"}})).str());
    expectProblems(result.errors, {{2, "name", "\xEF\xBF\xBD\xEF\xBF\xBD", "not valid UTF-8"}});
}

TEST(VisitCsvProblems, ReaderRowsOfOneVisit) {
    const auto reader = [](const std::string& name, std::map<std::string, std::string> extra = {}) {
        extra["film_reader"] = name;
        extra["basdai_q1"] = extra.count("basdai_q1") ? extra["basdai_q1"] : "3";
        return base(extra);
    };
    const std::string text =
        CsvText()
            .row(reader("R1"))                          // 2
            .row(reader("R2", {{"basdai_q1", "3.0"}}))  // 3: same number, other spelling
            .row(reader("R3", {{"basdai_q1", "4"}}))    // 4: differs
            .row(reader("R1"))                          // 5: reader twice
            .row(base({{"basdai_q1", "3"}}))            // 6: a second visit on the date
            .row(reader("R4", {{"msasss_C2_inf", "1"}, {"film_reading_date", "2019-12-31"}}))
            .row(base({{"visit_date", "2021-01-01"}, {"msasss_C2_inf", "1"}}))  // 8
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(
        result.errors,
        {
            {4, "basdai_q1", "4", "differs from line 2 (\"3\"): the visit columns must be the same"},
            {5, "film_reader", "R1", "reader R1 already read the film of 2020-01-01 (line 2)"},
            {6, "visit_date", "2020-01-01", "already has a visit on 2020-01-01 (line 2)"},
            {7, "film_reading_date", "2019-12-31", "not before the film date (2020-01-01)"},
            {8, "film_reader", "", "needed when the film columns of the row are filled"},
        });
}

TEST(VisitCsvProblems, SiteScoreSpellings) {
    const auto row = [](const std::string& date, const std::string& score) {
        return base({{"visit_date", date}, {"film_reader", "R"}, {"msasss_T12_inf", score}});
    };
    const std::string text = CsvText()
                                 .row(row("2020-01-01", "NA"))
                                 .row(row("2020-02-01", "na:surgery_hardware"))
                                 .row(row("2020-03-01", "NA:broken"))
                                 .row(row("2020-04-01", "1.0"))
                                 .row(row("2020-05-01", "-"))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors, {{4, "msasss_T12_inf", "NA:broken", "NA:<reason>"},
                                   {5, "msasss_T12_inf", "1.0", "0, 1, 2, 3 or NA"},
                                   {6, "msasss_T12_inf", "-", "0, 1, 2, 3 or NA"}});
}

TEST(VisitCsvProblems, LabAndBmdCellsNeedTheirValue) {
    const std::string text =
        CsvText()
            .row(
                base({{"crp_unit", "mg/L"}, {"bmd_total_hip_t_score", "-1"}, {"dxa_model", "Horizon"}}))  // 2
            .row(base({{"visit_date", "2020-02-01"},
                       {"dkk1_value", "20"},
                       {"dkk1_unit", "pg/mL"},
                       {"dkk1_below_lod", "yes"}}))  // 3: below the limit, but no limit
            .row(base({{"visit_date", "2020-03-01"},
                       {"bmd_lumbar_g_cm2", "0.9"},
                       {"bmd_lumbar_vertebrae", "L1"}}))                                   // 4: one vertebra
            .row(base({{"visit_date", "2020-04-01"}, {"bmd_femoral_neck_g_cm2", "3.1"}}))  // 5
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors,
                   {
                       {2, "crp_value", "", "a value is needed when other crp_ columns are filled"},
                       {2, "bmd_total_hip_g_cm2", "", "a value in g/cm2 is needed"},
                       {2, "dxa_manufacturer", "", "recorded only with a BMD value"},
                       {3, "dkk1_lod", "", "DKK-1 detection limit"},
                       {4, "bmd_lumbar_vertebrae", "L1", "at least two different vertebrae"},
                       {5, "bmd_femoral_neck_g_cm2", "3.1", "femoral neck BMD: 3.1 g/cm2 is not allowed"},
                   });
}

TEST(VisitCsvProblems, DatesAgainstBirthAndToday) {
    const std::string text =
        CsvText()
            .row(base({{"birth_date", "2030-01-01"}, {"visit_date", ""}}))  // 2: birth in the future
            .row(base({{"patient_id", "P2"}, {"symptom_onset", "1979-12-31"}, {"visit_date", "1979-06-01"}}))
            .row(base({{"patient_id", "P3"},
                       {"birth_date", "1980-02-30"},
                       {"visit_date", "2027-01-01"},
                       {"crp_value", "3"},
                       {"crp_unit", "mg/L"}}))  // 4: the future visit is reported once
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors,
                   {
                       {2, "birth_date", "2030-01-01", "date of birth: 2030-01-01 is not allowed"},
                       {3, "symptom_onset", "1979-12-31", "not before the date of birth (1980-01-01)"},
                       {3, "visit_date", "1979-06-01", "not before the date of birth (1980-01-01)"},
                       {4, "birth_date", "1980-02-30", "a calendar date as YYYY-MM-DD"},
                       {4, "visit_date", "2027-01-01", "not after today (2026-11-22)"},
                   });
}

TEST(VisitCsvProblems, MenopausalStatusIsForWomen) {
    const VisitCsvImport result = importCsv(CsvText().row(base({{"postmenopausal", "yes"}})).str());
    expectProblems(result.errors, {{2, "postmenopausal", "yes", "not recorded for a man"}});
}

// ---------------------------------------------------------------------------------------------
// Warnings: soft limits ask to confirm and do not block the import.

TEST(VisitCsvWarnings, SoftLimitsAreWarningsNotErrors) {
    const std::string text =
        CsvText()
            .row(base(
                {{"crp_value", "25"}, {"crp_unit", "mg/dL"}, {"esr_value", "140"}, {"esr_unit", "mm/h"}}))
            .row(base({{"visit_date", "2021-01-01"},
                       {"film_reader", "R"},
                       {"msasss_C3_inf", "3"},
                       {"msasss_C4_sup", "1"}}))
            .row(base({{"visit_date", "2022-01-01"}, {"crp_value", "200"}, {"crp_unit", "mg/L"}}))
            .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    EXPECT_EQ(result.patients.size(), 1u);
    expectProblems(result.warnings, {
                                        {2, "crp_value", "25",
                                         "CRP: 25 mg/dL (= 250 mg/L) is unusual (expected at most 200 mg/L)"},
                                        {2, "esr_value", "140", "ESR: 140 mm/h is unusual"},
                                        {3, "msasss_C4_sup", "1", "C3_inf is 3 (bridging) but C4_sup is 1"},
                                    });
}

// ---------------------------------------------------------------------------------------------
// Export

TEST(VisitCsvExport, AFilmNotReadYetLeavesItsVisitRowsFilmColumnsEmpty) {
    core::PatientHistory h = richHistory();
    h.films[1].readings.clear();
    std::ostringstream withUnread;
    writeVisitCsvRows(withUnread, h);  // must not refuse the whole export
    h.films.erase(h.films.begin() + 1);
    std::ostringstream withoutFilm;
    writeVisitCsvRows(withoutFilm, h);
    EXPECT_EQ(withUnread.str(), withoutFilm.str());
}

TEST(VisitCsvExport, RefusesWhatTheFormatCannotHoldAndWritesNothing) {
    struct Case {
        std::string name;
        std::function<void(core::PatientHistory&)> change;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"film without visit", [](core::PatientHistory& h) { h.films[1].date = Date(2023, 6, 2); },
         "a film on the date of a visit"},
        {"two CRPs", [](core::PatientHistory& h) { h.visits[0].labs.push_back(h.visits[0].labs[0]); },
         "one value per analyte"},
        {"two devices", [](core::PatientHistory& h) { h.visits[0].bmd[1].device.model = "Discovery"; },
         "one device per visit"},
        {"reader twice", [](core::PatientHistory& h) { h.films[0].readings[1].reader = "Dr. Li"; },
         "one reading per reader"},
        {"visits out of order", [](core::PatientHistory& h) { std::swap(h.visits[0], h.visits[1]); },
         "visits in date order"},
    };
    for (const Case& c : cases) {
        core::PatientHistory h = richHistory();
        c.change(h);
        std::ostringstream out;
        try {
            writeVisitCsvRows(out, h);
            ADD_FAILURE() << c.name << ": no error";
        } catch (const core::ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos)
                << c.name << ": " << e.what();
            EXPECT_NE(std::string(e.what()).find("patient AS-001"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(out.str().empty()) << c.name;
    }
}

TEST(VisitCsvExport, HeaderIsTheDocumentedColumnsInSpecOrder) {
    const std::vector<std::string>& columns = visitCsvColumns();
    ASSERT_GE(columns.size(), 24u);
    EXPECT_EQ(columns.front(), "patient_id");
    EXPECT_EQ(columns[columns.size() - 24], "msasss_C2_inf");
    EXPECT_EQ(columns[columns.size() - 13], "msasss_T1_sup");
    EXPECT_EQ(columns[columns.size() - 12], "msasss_T12_inf");
    EXPECT_EQ(columns.back(), "msasss_S1_sup");

    std::ostringstream out;
    writeVisitCsvHeader(out, false);
    std::string expected;
    for (const std::string& c : columns)
        expected += (expected.empty() ? "" : ",") + c;
    EXPECT_EQ(out.str(), expected + "\r\n");

    // db/visit_csv.md lists the export order (as `name` after its "Column order" heading).
    const std::string path = std::string(ANKYLOS_SOURCE_DIR) + "/db/visit_csv.md";
    std::ifstream doc(path);
    ASSERT_TRUE(doc) << path;
    std::stringstream text;
    text << doc.rdbuf();
    const std::string order = text.str().substr(text.str().find("## Column order (export)"));
    std::vector<std::string> documented;
    for (std::size_t open = order.find('`'); open != std::string::npos; open = order.find('`', open + 1)) {
        const std::size_t close = order.find('`', open + 1);
        documented.push_back(order.substr(open + 1, close - open - 1));
        open = close;
    }
    EXPECT_EQ(documented, columns);
}

}  // namespace
}  // namespace ankylos::storage
