// Reading the visit CSV format (db/visit_csv.md): RFC 4180 text, and every problem of a file at once.
#include "interchange/visit_csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "visit_csv_fixture.h"

namespace ankylos::interchange {
namespace {

using core::Date;
using namespace test;

TEST(VisitCsvProblems, ControlCharactersAreRefusedAndShownInTheMessage) {
    const VisitCsvImport result =
        importCsv(CsvText()
                      .row(base({{"patient_id", std::string("A\0B", 3)}, {"visit_notes", "tab\there\nfine"}}))
                      .row(base({{"patient_id", "B"}, {"name", "Li\nWei"}}))
                      .str());
    expectProblems(result.errors, {{2, "patient_id", "A<U+0000>B", "found U+0000"},
                                   {4, "name", "Li<U+000A>Wei", "found U+000A"}});
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
            {5, "film_reader", "R1",
             "reader R1 already read the film of 2020-01-01 outside sessions (line 2)"},
            {6, "visit_date", "2020-01-01", "already has a visit on 2020-01-01 (line 2)"},
            {7, "film_reading_date", "2019-12-31", "not before the film date (2020-01-01)"},
            {8, "film_reader", "", "needed when the film columns of the row are filled"},
        });
}

// docs/methods.md 11: a reader reads a film once outside sessions and once in each session.
TEST(VisitCsvText, AReaderReadsAFilmOnceOutsideSessionsAndOnceInEachSession) {
    const auto reader = [](const std::string& name, std::map<std::string, std::string> extra = {}) {
        extra["film_reader"] = name;
        return base(extra);
    };
    const std::map<std::string, std::string> s2 = {
        {"film_session", "S2"}, {"film_role", "adjudicator"}, {"film_identity_seen", "no"}};
    const std::map<std::string, std::string> s1 = {{"film_session", "S1"},
                                                   {"film_identity_seen", "no"},
                                                   {"film_paired_by_patient", "yes"},
                                                   {"film_chronology_known", "yes"}};
    std::map<std::string, std::string> s2Primary = s2;
    s2Primary["film_role"] = "primary";
    const std::string text = CsvText()
                                 .row(reader("R1"))
                                 .row(reader("R1", s1))
                                 .row(reader("r1", s2))
                                 .row(reader("R2", s2Primary))
                                 .row(reader("R2", {{"film_role", "primary"}}))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    ASSERT_EQ(result.patients.size(), 1u);
    ASSERT_EQ(result.patients[0].films.size(), 1u);
    const std::vector<core::Reading>& readings = result.patients[0].films[0].readings;
    ASSERT_EQ(readings.size(), 5u);
    EXPECT_EQ(readings[0].session, "");
    EXPECT_EQ(readings[0].role, core::ReadingRole::Primary);
    EXPECT_TRUE(readings[0].identitySeen) << "empty means yes";
    EXPECT_FALSE(readings[0].pairedByPatient) << "empty means no";
    EXPECT_EQ(readings[1].session, "S1");
    EXPECT_FALSE(readings[1].identitySeen);
    EXPECT_TRUE(readings[1].pairedByPatient);
    EXPECT_TRUE(readings[1].chronologyKnown);
    EXPECT_EQ(readings[2].session, "S2");
    EXPECT_EQ(readings[2].role, core::ReadingRole::Adjudicator);
    EXPECT_EQ(readings[3].role, core::ReadingRole::Primary);
    EXPECT_EQ(readings[4].session, "") << "primary may be written outside sessions";
}

// A file written before schema 13 has none of the session columns: every reading is a clinic reading.
TEST(VisitCsvText, AFileWithoutSessionColumnsReadsAsClinicReadings) {
    std::vector<std::string> columns = visitCsvColumns();
    for (const char* old : {"film_session", "film_role", "film_identity_seen", "film_paired_by_patient"})
        columns.erase(std::find(columns.begin(), columns.end(), old));
    const std::string text = CsvText(columns)
                                 .row(base({{"film_reader", "R1"}, {"film_chronology_known", "yes"}}))
                                 .row(base({{"film_reader", "R2"}}))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const std::vector<core::Reading>& readings = result.patients.at(0).films.at(0).readings;
    ASSERT_EQ(readings.size(), 2u);
    for (const core::Reading& r : readings) {
        EXPECT_EQ(r.session, "");
        EXPECT_EQ(r.role, core::ReadingRole::Primary);
        EXPECT_TRUE(r.identitySeen);
        EXPECT_FALSE(r.pairedByPatient);
    }
    EXPECT_TRUE(readings[0].chronologyKnown);
}

// Every reading of a session shares its blinding, a reader has one role in it, a role other than primary
// needs a session, a session needs a primary reader: the import creates the session from the readings.
TEST(VisitCsvProblems, SessionReadingsAreCheckedAcrossTheFile) {
    const auto reader = [](const std::string& name, const std::string& date,
                           std::map<std::string, std::string> extra = {}) {
        extra["film_reader"] = name;
        extra["visit_date"] = date;
        return base(extra);
    };
    // S1: identity hidden, paired by patient, order hidden.
    const auto s1 = [](std::map<std::string, std::string> extra = {}) {
        std::map<std::string, std::string> cells = {
            {"film_session", "S1"}, {"film_identity_seen", "no"}, {"film_paired_by_patient", "yes"}};
        for (auto& [column, text] : extra)
            cells[column] = text;
        return cells;
    };
    const std::string text =
        CsvText()
            .row(reader("R1", "2020-01-01", s1()))                                    // 2
            .row(reader("R1", "2020-01-01"))                                          // 3: outside: fine
            .row(reader("r1", "2020-01-01", s1()))                                    // 4: twice in S1
            .row(reader("R2", "2020-01-01", s1({{"film_role", "chief"}})))            // 5
            .row(reader("R3", "2020-01-01", {{"film_role", "adjudicator"}}))          // 6: no session
            .row(reader("R4", "2020-01-01", s1({{"film_identity_seen", "yes"}})))     // 7
            .row(reader("R1", "2021-01-01", s1({{"film_role", "adjudicator"}})))      // 8
            .row(reader("R2", "2021-01-01", s1({{"film_chronology_known", "yes"}})))  // 9
            .row(reader("R1", "2022-01-01",
                        {{"film_session", "S3"}, {"film_chronology_known", "yes"}}))  // 10: order, unpaired
            .row(reader("R5", "2022-01-01", {{"film_session", "S4"}, {"film_role", "consensus"}}))  // 11
            .row(reader("R1", "2023-01-01", {{"film_session", " S5"}}))                             // 12
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(
        result.errors,
        {
            {4, "film_reader", "r1",
             "reader R1 already read the film of 2020-01-01 in session S1 (line 2): one row per reader of a "
             "film outside sessions and one in each session"},
            {5, "film_role", "chief",
             "film role: chief is not allowed (allowed: primary, adjudicator or consensus)"},
            {6, "film_role", "adjudicator",
             "film role: adjudicator is not allowed (allowed: empty or primary for a reading outside "
             "sessions"},
            {7, "film_identity_seen", "yes",
             "film identity seen: yes is not allowed (allowed: no, as on line 2: every reading of session S1 "
             "has the session's blinding)"},
            {8, "film_role", "adjudicator",
             "film role: adjudicator is not allowed (allowed: primary, the role of R1 in session S1 on line "
             "2: "
             "a reader has one role in a session)"},
            {9, "film_chronology_known", "yes", "(allowed: no, as on line 2: every reading of session S1"},
            {10, "film_chronology_known", "yes", "(allowed: no when film_paired_by_patient is no"},
            {11, "film_session", "S4", "a session with a primary reader's reading"},
            {12, "film_session", " S5", "without leading or trailing spaces"},
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

TEST(VisitCsvProblems, CoreSetCellsAreCheckedByTheCoresRules) {
    const std::string text =
        CsvText()
            .row(base({{"physician_global", "10.5"},
                       {"mases_psis_left", "2"},
                       {"swollen_joint_count", "45"},
                       {"tender_joint_count", "1.5"},
                       {"dactylitis_digits", "-1"}}))  // 2
            .row(base({{"visit_date", "2020-02-01"},
                       {"uveitis", "sometimes"},
                       {"psoriasis", "never"},
                       {"psoriasis_last_episode", "2019-01-01"},
                       {"ibd_last_episode", "2019-06-01"}}))                          // 3
            .row(base({{"visit_date", "2020-03-01"}, {"physician_global", "7.25"}}))  // 4: not a 0.5 step
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors,
                   {
                       {2, "physician_global", "10.5", "physician global"},
                       {2, "mases_psis_left", "2", "MASES posterior superior iliac spine left"},
                       {2, "swollen_joint_count", "45", "swollen joint count"},
                       {2, "tender_joint_count", "1.5", "a whole number"},
                       {2, "dactylitis_digits", "-1", "dactylitis"},
                       {3, "uveitis", "sometimes", "never, history or active"},
                       {3, "psoriasis_last_episode", "2019-01-01", "only with history or active"},
                       {3, "ibd_last_episode", "2019-06-01", "a status of history or active"},
                       {4, "physician_global", "7.25", "steps of 0.5"},
                   });
}

TEST(VisitCsvText, CoreSetLeftEmptyIsNotRecordedNeverZero) {
    const VisitCsvImport result =
        importCsv(CsvText().row(base({{"mases_asis_right", "1"}, {"ibd", "history"}})).str());
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const core::AsasCoreSet& items = result.patients.at(0).visits.at(0).coreSet;
    EXPECT_FALSE(items.physicianGlobal);
    EXPECT_FALSE(items.swollenJointCount);
    EXPECT_FALSE(items.tenderJointCount);
    EXPECT_FALSE(items.dactylitisDigits);
    EXPECT_EQ(items.mases.at(core::MasesSite::AnteriorSuperiorIliacSpineRight), std::optional<bool>(true));
    EXPECT_FALSE(items.mases.at(core::MasesSite::AnteriorSuperiorIliacSpineLeft));
    EXPECT_FALSE(core::computeMases(items.mases).total);
    EXPECT_FALSE(items.at(core::Manifestation::Uveitis));
    ASSERT_TRUE(items.at(core::Manifestation::InflammatoryBowelDisease));
    EXPECT_EQ(items.at(core::Manifestation::InflammatoryBowelDisease)->status,
              core::ManifestationStatus::History);
    EXPECT_FALSE(items.at(core::Manifestation::InflammatoryBowelDisease)->lastEpisode);
}

std::map<std::string, std::string> episode(std::map<std::string, std::string> cells) {
    std::map<std::string, std::string> row = base(std::move(cells));
    row.erase("visit_date");
    if (!row.count("treatment_route"))
        row["treatment_route"] = "oral";
    return row;
}

TEST(VisitCsvText, TreatmentRowsMakeTheCourseInItsOrderWithAPatientWithoutVisits) {
    const std::string text = CsvText()
                                 .row(episode({{"treatment_drug", "secukinumab"},
                                               {"treatment_start_date", "2021-05-01"},
                                               {"treatment_route", "subcutaneous"}}))
                                 .row(base())
                                 .row(episode({{"treatment_drug", "adalimumab"},
                                               {"treatment_brand", "Hyrimoz"},
                                               {"treatment_start_date", "2019-05-01"},
                                               {"treatment_stop_date", "2021-04-30"},
                                               {"treatment_dose_and_frequency", "40 mg every 2 weeks"},
                                               {"treatment_route", "subcutaneous"},
                                               {"treatment_stop_reason", "adverse_event"}}))
                                 .row({{"patient_id", "P2"},
                                       {"name", "Li"},
                                       {"sex", "F"},
                                       {"birth_date", "1990-02-02"},
                                       {"treatment_drug", "celecoxib"},
                                       {"treatment_start_date", "2024-01-01"},
                                       {"treatment_route", "oral"}})
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    ASSERT_EQ(result.patients.size(), 2u);
    const core::PatientHistory& p1 = result.patients[0];
    ASSERT_EQ(p1.visits.size(), 1u);
    ASSERT_EQ(p1.treatments.size(), 2u);
    EXPECT_EQ(p1.treatments[0].drugId, "adalimumab");
    EXPECT_EQ(p1.treatments[0].brand, "Hyrimoz");
    EXPECT_EQ(p1.treatments[0].stop, Date(2021, 4, 30));
    EXPECT_EQ(p1.treatments[0].stopReason, core::StopReason::AdverseEvent);
    EXPECT_EQ(p1.treatments[1].drugId, "secukinumab");
    EXPECT_TRUE(p1.treatments[1].ongoing());
    EXPECT_FALSE(p1.treatments[1].stopReason);
    EXPECT_EQ(result.lines[0].treatments, (std::vector<int>{4, 2}));
    EXPECT_EQ(result.place("visits.csv", 0, {}, {}, {}, 1, "Secukinumab start date"),
              "visits.csv:2:treatment_start_date");
    EXPECT_TRUE(result.patients[1].visits.empty());
    ASSERT_EQ(result.patients[1].treatments.size(), 1u);
}

TEST(VisitCsvProblems, TreatmentRowsAreCheckedByTheCoursesRules) {
    const std::string text =
        CsvText()
            .row(episode({{"treatment_drug", "aspirin_forte"}, {"treatment_start_date", "2020-01-01"}}))  // 2
            .row(episode({{"treatment_drug", "naproxen"},
                          {"treatment_start_date", "2020-01-01"},
                          {"treatment_stop_date", "2019-12-01"},
                          {"treatment_route", "nasal"}}))  // 3
            .row(episode({{"treatment_drug", "naproxen"},
                          {"treatment_start_date", "2020-05-01"},
                          {"treatment_stop_reason", "remission"}}))  // 4: a reason without a stop
            .row(episode({{"treatment_drug", "adalimumab"},
                          {"treatment_start_date", "2021-01-01"},
                          {"treatment_route", "subcutaneous"}}))  // 5
            .row(episode({{"treatment_drug", "adalimumab"},
                          {"treatment_start_date", "2022-01-01"},
                          {"treatment_route", "subcutaneous"}}))  // 6: shares days with line 5
            .row(base({{"visit_date", "2020-06-01"}, {"treatment_drug", "naproxen"}}))               // 7
            .row(episode({{"treatment_brand", "Voltaren"}, {"treatment_route", ""}}))                // 8
            .row(episode({{"treatment_drug", "naproxen"}, {"treatment_start_date", "2027-01-01"}}))  // 9
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(result.errors,
                   {
                       {2, "treatment_drug", "aspirin_forte", "drug: aspirin_forte is not allowed"},
                       {3, "treatment_route", "nasal", "oral, subcutaneous"},
                       {4, "treatment_stop_reason", "remission", "reason for stopping"},
                       {6, "treatment_start_date", "2022-01-01", "(line 5)"},
                       {7, "treatment_drug", "naproxen", "a row of its own"},
                       {8, "treatment_drug", "", "needed on a treatment row"},
                       {8, "treatment_start_date", "", "needed on a treatment row"},
                       {8, "treatment_route", "", "needed on a treatment row"},
                       {9, "treatment_start_date", "2027-01-01", "Naproxen start date"},
                   });
    EXPECT_TRUE(result.patients.empty());
}

std::map<std::string, std::string> ctRow(std::map<std::string, std::string> cells) {
    std::map<std::string, std::string> row = base(std::move(cells));
    row.erase("visit_date");
    return row;
}

TEST(VisitCsvText, CtRowsMakeScansInDateOrderWithTheirReaders) {
    const std::string text = CsvText()
                                 .row(ctRow({{"ct_date", "2022-03-01"},
                                             {"ct_device", "GE Revolution"},
                                             {"ct_whole_spine", "no"},
                                             {"ctss_reader", "Dr. Li"},
                                             {"ctss_T7_sup_left", "3"},
                                             {"ctss_L5_inf_ant", "NA:not_imaged"},
                                             {"ctss_C2_inf_ant", "na"}}))
                                 .row(ctRow({{"ct_date", "2020-03-04"}, {"ct_device", "Siemens"}}))
                                 .row(base())
                                 .row(ctRow({{"ct_date", "2022-03-01"},
                                             {"ct_device", "GE Revolution"},
                                             {"ct_whole_spine", "no"},
                                             {"ctss_reader", "Dr. Wu"},
                                             {"ctss_reading_date", "2022-03-05"},
                                             {"ctss_chronology_known", "yes"}}))
                                 .str();
    const VisitCsvImport result = importCsv(text);
    ASSERT_TRUE(result.ok()) << messages(result.errors);
    const core::PatientHistory& h = result.patients.at(0);
    ASSERT_EQ(h.visits.size(), 1u);
    ASSERT_EQ(h.ctScans.size(), 2u);
    EXPECT_EQ(h.ctScans[0].date, Date(2020, 3, 4));
    EXPECT_TRUE(h.ctScans[0].wholeSpine);  // empty means the whole spine
    EXPECT_TRUE(h.ctScans[0].readings.empty());
    const core::CtScan& later = h.ctScans[1];
    EXPECT_FALSE(later.wholeSpine);
    ASSERT_EQ(later.readings.size(), 2u);
    EXPECT_EQ(later.readings[0].reader, "Dr. Li");
    const auto at = [&](const std::string& id) { return later.readings[0].at(*core::quadrantFromId(id)); };
    EXPECT_EQ(at("T7_sup_left"), core::QuadrantScore::graded(*core::quadrantFromId("T7_sup_left"), 3));
    EXPECT_EQ(at("L5_inf_ant"), core::QuadrantScore::notAssessable(core::NotAssessableReason::NotImaged));
    EXPECT_EQ(at("C2_inf_ant"), core::QuadrantScore::notAssessable(core::NotAssessableReason::Other));
    EXPECT_FALSE(at("C2_inf_post"));  // not scored
    EXPECT_EQ(later.readings[1].readingDate, Date(2022, 3, 5));
    EXPECT_TRUE(later.readings[1].chronologyKnown);
    EXPECT_EQ(result.lines[0].ctScans, (std::vector<std::vector<int>>{{3}, {2, 5}}));
    EXPECT_EQ(result.place("visits.csv", 0, {}, {}, {}, {}, 1, "CT scan date"), "visits.csv:2:ct_date");
    EXPECT_EQ(result.place("visits.csv", 0, {}, {}, {}, {}, 0, "reader"), "visits.csv:3:ctss_reader");
}

TEST(VisitCsvProblems, CtRowsAreCheckedByTheScansRules) {
    const std::string text =
        CsvText()
            .row(ctRow({{"ct_date", "2020-01-01"}, {"ctss_reader", "R1"}, {"ctss_T7_sup_left", "4"}}))  // 2
            .row(ctRow({{"ct_date", "2020-01-01"}, {"ctss_reader", "r1"}}))                             // 3
            .row(ctRow({{"ct_date", "2020-01-01"}, {"ct_device", "GE"}, {"ctss_reader", "R2"}}))        // 4
            .row(ctRow({{"ct_date", "2021-01-01"}}))                                                    // 5
            .row(ctRow({{"ct_date", "2021-01-01"}, {"ctss_reader", "R1"}}))                             // 6
            .row(ctRow({{"ctss_C2_inf_ant", "1"}}))                                                     // 7
            .row(base({{"ct_date", "2022-01-01"}}))                                                     // 8
            .row(ctRow({{"ct_date", "2027-01-01"},
                        {"ct_whole_spine", "partly"},
                        {"ctss_reader", "R1"},
                        {"ctss_reading_date", "2026-01-01"},
                        {"ctss_L1_sup_post", "NA:blurred"}}))  // 9
            .str();
    const VisitCsvImport result = importCsv(text);
    expectProblems(
        result.errors,
        {
            {2, "ctss_T7_sup_left", "4",
             "CTSS T7_sup_left: 4 is not allowed (allowed: 0, 1, 2, 3 or NA (not assessable))"},
            {3, "ctss_reader", "r1",
             "reader R1 already read the CT scan of 2020-01-01 (line 2): one row per reader of a scan"},
            {4, "ct_device", "GE", "differs from line 2 (\"\"): the scan columns must be the same"},
            {6, "ct_date", "2021-01-01",
             "patient P1 already has a CT scan on 2021-01-01 (line 5): a scan is one row, or one row per "
             "reader of its CTSS"},
            {7, "ct_date", "", "CT scan date: (empty) is not allowed"},
            {7, "ctss_reader", "", "CT reader: needed when the CTSS columns of the row are filled"},
            {8, "ct_date", "2022-01-01",
             "a row of its own, with its visit, film and treatment columns empty"},
            {9, "ct_date", "2027-01-01", "CT scan date: 2027-01-01 is not allowed"},
            {9, "ct_whole_spine", "partly", "CT whole spine: partly is not allowed (allowed: yes or no)"},
            {9, "ctss_reading_date", "2026-01-01", "not before the scan date (2027-01-01)"},
            {9, "ctss_L1_sup_post", "NA:blurred", "NA:<reason> with reason not_visible"},
        });
    EXPECT_TRUE(result.patients.empty());
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

}  // namespace
}  // namespace ankylos::interchange
