// docs/methods.md 7 and 8: patient data, ages, and the date rules that apply everywhere.
#include "core/patient.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

const Date kToday(2026, 11, 22);

TEST(PatientDates, IsoDatesOnly) {
    EXPECT_EQ(parseIsoDate("2020-02-29", "visit date"), Date(2020, 2, 29));
    EXPECT_EQ(toIsoString(Date(2020, 2, 9)), "2020-02-09");
    EXPECT_EQ(toIsoString(Date(1400, 1, 1)), "1400-01-01");  // boost's earliest and latest dates
    EXPECT_EQ(toIsoString(Date(9999, 12, 31)), "9999-12-31");
    EXPECT_EQ(toIsoString(Date(1987, 10, 30)), "1987-10-30");
    EXPECT_EQ(toIsoString(Date(boost::date_time::not_a_date_time)), "not-a-date-time");
    for (const char* bad : {"2021-02-29", "2020-13-01", "20-01-01", "2020/01/01", "01.02.2020", "",
                            "2020-1-1", "2020-01-01x"}) {
        try {
            parseIsoDate(bad, "visit date");
            FAIL() << bad;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems()[0].field, "visit date");
            EXPECT_EQ(e.problems()[0].value, bad);
        }
    }
}

TEST(PatientDates, AgeCountsCompletedYears) {
    EXPECT_EQ(ageInYears(Date(1976, 3, 15), Date(2026, 3, 14)), 49);
    EXPECT_EQ(ageInYears(Date(1976, 3, 15), Date(2026, 3, 15)), 50);
    EXPECT_EQ(ageInYears(Date(1976, 3, 15), Date(2026, 3, 16)), 50);
    EXPECT_EQ(ageInYears(Date(2000, 2, 29), Date(2026, 2, 28)), 25);
    EXPECT_EQ(ageInYears(Date(2000, 2, 29), Date(2026, 3, 1)), 26);
}

TEST(PatientDates, ClinicalDateNotInTheFutureNorBeforeBirth) {
    struct Case {
        Date date;
        bool ok;
    };
    const Date birth(1980, 6, 1);
    for (const Case& c : {Case{kToday, true}, Case{kToday + boost::gregorian::days(1), false},
                          Case{birth, true}, Case{birth - boost::gregorian::days(1), false}}) {
        Validation validation;
        checkClinicalDate(validation, "visit date", c.date, birth, kToday);
        EXPECT_EQ(validation.ok(), c.ok) << toIsoString(c.date);
        if (!c.ok) {
            EXPECT_EQ(validation.problems()[0].value, toIsoString(c.date));
        }
    }
}

TEST(PatientSex, ParsesMAndF) {
    EXPECT_EQ(parseSex("M"), Sex::Male);
    EXPECT_EQ(parseSex("f"), Sex::Female);
    EXPECT_EQ(toString(Sex::Female), "F");
    EXPECT_THROW(parseSex("X"), ValidationError);
    EXPECT_THROW(parseSex(""), ValidationError);
}

TEST(PatientValidation, ReportsEveryProblemAtOnce) {
    Patient patient;
    patient.birth = Date(1990, 1, 1);
    patient.symptomOnset = Date(1989, 1, 1);
    patient.diagnosis = Date(2030, 1, 1);
    const Validation validation = validatePatient(patient, kToday);
    std::vector<std::string> fields;
    for (const Problem& p : validation.problems())
        fields.push_back(p.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"patient ID", "name", "symptom onset", "diagnosis date"}));

    patient.clinicId = "AS-001";
    patient.name = "王小明";
    patient.symptomOnset = Date(2010, 1, 1);
    patient.diagnosis = Date(2015, 1, 1);
    EXPECT_TRUE(validatePatient(patient, kToday).problems().empty());
}

// docs/methods.md 7 and 8: a diagnosis date before the symptom onset is a soft limit, to confirm.
struct OnsetDiagnosisCase {
    std::optional<Date> onset;
    std::optional<Date> diagnosis;
    std::string warning;  ///< the expected warning's message, empty for none
};

class OnsetDiagnosisTable : public ::testing::TestWithParam<OnsetDiagnosisCase> {};

TEST_P(OnsetDiagnosisTable, DiagnosisBeforeOnsetAsksToConfirm) {
    const OnsetDiagnosisCase c = GetParam();
    Patient patient;
    patient.clinicId = "AS-001";
    patient.name = "Test";
    patient.birth = Date(1980, 1, 1);
    patient.symptomOnset = c.onset;
    patient.diagnosis = c.diagnosis;
    const Validation validation = validatePatient(patient, kToday);
    EXPECT_FALSE(validation.hasErrors());
    const std::vector<Problem> warnings = validation.warnings();
    if (c.warning.empty()) {
        EXPECT_TRUE(warnings.empty());
    } else {
        ASSERT_EQ(warnings.size(), 1u);
        EXPECT_EQ(warnings[0].message(), c.warning);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Dates, OnsetDiagnosisTable,
    ::testing::Values(
        OnsetDiagnosisCase{Date(2010, 5, 1), Date(2010, 4, 30),
                           "diagnosis date: 2010-04-30 is unusual (expected not before the symptom onset "
                           "(2010-05-01))"},
        OnsetDiagnosisCase{Date(2010, 5, 1), Date(2010, 5, 1), ""},  // the same day is usual
        OnsetDiagnosisCase{Date(2010, 5, 1), Date(2014, 1, 1), ""},
        OnsetDiagnosisCase{std::nullopt, Date(2014, 1, 1), ""},
        OnsetDiagnosisCase{Date(2010, 5, 1), std::nullopt, ""}));

}  // namespace
}  // namespace ankylos::core

namespace ankylos::core {
namespace {

TEST(PatientCodes, HlaB27AndSmokingRoundTripAndRefuseOthers) {
    for (auto status : {HlaB27::Positive, HlaB27::Negative, HlaB27::Unknown})
        EXPECT_EQ(parseHlaB27(toString(status)), status);
    for (auto status :
         {SmokingStatus::Never, SmokingStatus::Former, SmokingStatus::Current, SmokingStatus::Unknown})
        EXPECT_EQ(parseSmokingStatus(toString(status)), status);
    EXPECT_THROW(parseHlaB27("yes"), ValidationError);
    EXPECT_THROW(parseSmokingStatus("sometimes"), ValidationError);
}

}  // namespace
}  // namespace ankylos::core
