// docs/methods.md 8: every problem at once, each naming field, value and allowed range; soft
// limits warn instead of rejecting; nothing is clamped.
#include "core/validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/format.h"
#include "core/visit.h"

namespace ankylos::core {
namespace {

TEST(Validation, RangeIsInclusiveAndNamesFieldValueAndRange) {
    struct Case {
        double value;
        bool ok;
    };
    for (const Case& c : {Case{0, true}, Case{10, true}, Case{5.5, true}, Case{-0.001, false},
                          Case{10.001, false}, Case{NAN, false}, Case{INFINITY, false}}) {
        Validation validation;
        validation.requireRange("BASDAI Q1", c.value, 0, 10);
        EXPECT_EQ(validation.ok(), c.ok) << c.value;
    }
    Validation validation;
    validation.requireRange("CRP", 612, 0, 500, "mg/L");
    ASSERT_EQ(validation.problems().size(), 1u);
    EXPECT_EQ(validation.problems()[0].message(), "CRP: 612 mg/L is not allowed (allowed: 0 to 500 mg/L)");
}

TEST(Validation, CollectsEveryProblemAndSeparatesWarnings) {
    Validation validation;
    validation.requireRange("BASDAI Q1", 11, 0, 10);
    validation.requireRange("BASDAI Q2", -1, 0, 10);
    validation.warnAbove("CRP", 250, 200, "mg/L");
    validation.warnAbove("ESR", 100, 130, "mm/h");  // within the soft limit: nothing
    EXPECT_EQ(validation.problems().size(), 3u);
    EXPECT_EQ(validation.errors().size(), 2u);
    ASSERT_EQ(validation.warnings().size(), 1u);
    EXPECT_EQ(validation.warnings()[0].message(), "CRP: 250 mg/L is unusual (expected at most 200 mg/L)");
    try {
        validation.throwIfErrors();
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems().size(), 2u);  // warnings are not errors
        EXPECT_STREQ(e.what(),
                     "BASDAI Q1: 11 is not allowed (allowed: 0 to 10)\nBASDAI Q2: -1 is not allowed "
                     "(allowed: 0 to 10)");
    }
}

TEST(Validation, WarningsAloneDoNotThrow) {
    Validation validation;
    validation.warnAbove("ESR", 131, 130, "mm/h");
    EXPECT_TRUE(validation.ok());
    EXPECT_TRUE(validation.hasWarnings());
    EXPECT_NO_THROW(validation.throwIfErrors());
}

TEST(Validation, EmptyValueIsShownAsEmpty) {
    EXPECT_EQ(ValidationError("patient ID", "", "a non-empty ID").problems()[0].message(),
              "patient ID: (empty) is not allowed (allowed: a non-empty ID)");
}

TEST(Format, NumbersReadAsTyped) {
    EXPECT_EQ(formatNumber(2), "2");
    EXPECT_EQ(formatNumber(2.5), "2.5");
    EXPECT_EQ(formatNumber(14.4), "14.4");
    EXPECT_EQ(formatNumber(0.1 + 0.2), "0.3");
    EXPECT_EQ(formatFixed(3.1908, 2), "3.19");
    EXPECT_EQ(formatFixed(14.4, 1), "14.4");
}

TEST(Format, ParseNumberAcceptsOnlyAWholeFiniteNumber) {
    EXPECT_DOUBLE_EQ(parseNumber("12", "x"), 12);
    EXPECT_DOUBLE_EQ(parseNumber("-1.5", "x"), -1.5);
    EXPECT_DOUBLE_EQ(parseNumber("3e2", "x"), 300);
    for (const char* bad : {"", " 1", "1 ", "1,5", "abc", "nan", "inf", "1e999", "2x"}) {
        try {
            parseNumber(bad, "CRP");
            FAIL() << "'" << bad << "' accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems()[0].field, "CRP");
            EXPECT_EQ(e.problems()[0].value, bad);
        }
    }
}

TEST(Format, ANumberTypedWrongIsToldWhatToTypeInstead) {
    const std::string belowLimit = "for a value below the detection limit tick 'below detection limit'";
    struct Case {
        const char* typed;
        const char* advice;
    };
    const Case cases[] = {
        {"3,5", "a number; use a point: 3.5"},
        {"-0,25", "a number; use a point: -0.25"},
        {"1,000,5", "a number"},  // not one decimal comma: no guess
        {"3,x", "a number"},
        {"<5", "a number without \"<\"; for a value below the detection limit tick 'below detection limit'"},
        {">200", "a number without \">\""},
        {"abc", "a number"},
    };
    for (const Case& c : cases) {
        try {
            parseNumber(c.typed, "CRP", belowLimit);
            FAIL() << "'" << c.typed << "' accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems()[0].allowed, c.advice) << c.typed;
            EXPECT_NE(std::string(e.what()).find(std::string("CRP: ") + c.typed), std::string::npos)
                << e.what();
        }
    }
    EXPECT_EQ(numberAdvice("<5"), "a number without \"<\"") << "no advice given: none added";
}

// ---- free text (issue 11, item 9) ------------------------------------------------------------

/// A patient and a visit with every free-text field filled with clean text.
struct TextRecord {
    Patient patient;
    Visit visit;

    TextRecord() {
        patient.clinicId = "AS-1";
        patient.name = "Wang Fang";
        patient.sex = Sex::Female;
        patient.birth = Date(1980, 1, 1);
        visit.date = Date(2020, 1, 2);
        LabValue crp;
        crp.value = 3;
        crp.unit = "mg/L";
        crp.sampleDate = visit.date;
        crp.assay = "hsCRP";
        crp.laboratory = "Central lab";
        visit.labs.push_back(crp);
        BmdMeasurement lumbar;
        lumbar.bmd = 1.0;
        lumbar.vertebrae = {Vertebra::L1, Vertebra::L2, Vertebra::L3, Vertebra::L4};
        lumbar.device = {"Hologic", "Discovery"};
        visit.bmd.push_back(lumbar);
    }

    /// The errors of the patient's and the visit's validation.
    std::vector<Problem> errors() const {
        Validation all = validatePatient(patient, Date(2026, 11, 22));
        all.append(validateVisit(patient, visit, Date(2026, 11, 22)));
        return all.errors();
    }
};

struct TextField {
    const char* field;  // the field named in the message
    TextKind kind;
    std::string& (*text)(TextRecord&);
};

const TextField kTextFields[] = {
    {"patient ID", TextKind::Line, [](TextRecord& r) -> std::string& { return r.patient.clinicId; }},
    {"name", TextKind::Line, [](TextRecord& r) -> std::string& { return r.patient.name; }},
    {"patient notes", TextKind::Notes, [](TextRecord& r) -> std::string& { return r.patient.notes; }},
    {"visit notes", TextKind::Notes, [](TextRecord& r) -> std::string& { return r.visit.notes; }},
    {"CRP assay", TextKind::Line, [](TextRecord& r) -> std::string& { return r.visit.labs[0].assay; }},
    {"CRP laboratory", TextKind::Line,
     [](TextRecord& r) -> std::string& { return r.visit.labs[0].laboratory; }},
    {"CRP unit", TextKind::Line, [](TextRecord& r) -> std::string& { return r.visit.labs[0].unit; }},
    {"DXA manufacturer", TextKind::Line,
     [](TextRecord& r) -> std::string& { return r.visit.bmd[0].device.manufacturer; }},
    {"DXA model", TextKind::Line, [](TextRecord& r) -> std::string& { return r.visit.bmd[0].device.model; }},
};

TEST(TextFields, CleanRecordHasNoErrors) {
    EXPECT_TRUE(TextRecord().errors().empty());
}

TEST(TextFields, EveryFieldRefusesControlCharactersAndInvalidUtf8NamingTheField) {
    struct Bad {
        std::string text;
        bool inNotes;  // also refused in notes
        const char* shown;
    };
    const Bad bad[] = {
        {std::string("A\0B", 3), true, "U+0000"},
        {"A\x01", true, "U+0001"},
        {"\x1f"
         "A",
         true, "U+001F"},
        {"A\x7f", true, "U+007F"},
        {"\x1b[31mred", true, "U+001B"},
        {"A\nB", false, "U+000A"},
        {"A\tB", false, "U+0009"},
        {"A\rB", false, "U+000D"},
        {"A\xff", true, "UTF-8"},
        {"\xc3\x28", true, "UTF-8"},
        {"\xed\xa0\x80", true, "UTF-8"},  // a surrogate
    };
    for (const TextField& f : kTextFields) {
        for (const Bad& b : bad) {
            TextRecord record;
            f.text(record) = f.text(record) + b.text;
            const std::vector<Problem> errors = record.errors();
            const bool refused = std::any_of(errors.begin(), errors.end(), [&](const Problem& p) {
                return p.field == f.field && (p.allowed + p.value).find(b.shown) != std::string::npos;
            });
            const bool expected = f.kind == TextKind::Line || b.inNotes;
            EXPECT_EQ(refused, expected) << f.field << " with " << b.shown;
            if (f.kind == TextKind::Notes && !b.inNotes) {
                EXPECT_TRUE(errors.empty()) << f.field << " with " << b.shown << ": " << errors[0].message();
            }
        }
    }
}

TEST(TextFields, MessageShowsTheCharacterInsteadOfCarryingIt) {
    Validation validation;
    validation.requireText("reader", std::string("\0Reader A", 9));
    ASSERT_EQ(validation.errors().size(), 1u);
    EXPECT_EQ(validation.errors()[0].message(),
              "reader: <U+0000>Reader A is not allowed (allowed: one line of text without control "
              "characters; found U+0000)");
    Validation fine;
    fine.requireText("reader", "Zhang Wei 张伟 Müller");
    fine.requireText("visit notes", "line one\r\nline two\tend", TextKind::Notes);
    EXPECT_TRUE(fine.ok());
}

}  // namespace
}  // namespace ankylos::core
