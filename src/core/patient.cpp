#include "core/patient.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cctype>

namespace ankylos::core {

std::string toString(Sex sex) {
    return sex == Sex::Male ? "M" : "F";
}

Sex parseSex(const std::string& text, const std::string& field) {
    if (text == "M" || text == "m")
        return Sex::Male;
    if (text == "F" || text == "f")
        return Sex::Female;
    throw ValidationError(field, text, "M or F");
}

std::string toString(HlaB27 status) {
    switch (status) {
        case HlaB27::Positive:
            return "positive";
        case HlaB27::Negative:
            return "negative";
        case HlaB27::Unknown:
            return "unknown";
    }
    throw InternalError("unknown HlaB27");
}

HlaB27 parseHlaB27(const std::string& text, const std::string& field) {
    for (auto status : {HlaB27::Positive, HlaB27::Negative, HlaB27::Unknown})
        if (toString(status) == text)
            return status;
    throw ValidationError(field, text, "positive, negative or unknown");
}

std::string toString(SmokingStatus status) {
    switch (status) {
        case SmokingStatus::Never:
            return "never";
        case SmokingStatus::Former:
            return "former";
        case SmokingStatus::Current:
            return "current";
        case SmokingStatus::Unknown:
            return "unknown";
    }
    throw InternalError("unknown SmokingStatus");
}

SmokingStatus parseSmokingStatus(const std::string& text, const std::string& field) {
    for (auto status :
         {SmokingStatus::Never, SmokingStatus::Former, SmokingStatus::Current, SmokingStatus::Unknown})
        if (toString(status) == text)
            return status;
    throw ValidationError(field, text, "never, former, current or unknown");
}

Date parseIsoDate(const std::string& text, const std::string& field) {
    // Read by hand: this runs for every stored date when a large cohort is loaded.
    const auto digits = [&](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i])))
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
        if (year >= 1400 && month >= 1 && month <= 12 && day >= 1 &&
            day <= boost::gregorian::gregorian_calendar::end_of_month_day(year, month))
            return Date(year, month, day);
    }
    throw ValidationError(field, text, "a calendar date as YYYY-MM-DD");
}

std::string toIsoString(Date date) {
    if (date.is_special())
        return boost::gregorian::to_iso_extended_string(date);  // "not-a-date-time" and the like
    // Written by hand: boost's formatter builds a stream per call, a third of the time a whole
    // cohort's progression output took to write its dates.
    const auto ymd = date.year_month_day();
    std::string text = "0000-00-00";
    const auto put = [&](std::size_t end, int value) {
        for (std::size_t i = end; value > 0; --i, value /= 10)
            text[i] = static_cast<char>('0' + value % 10);
    };
    put(3, ymd.year);
    put(6, ymd.month);
    put(9, ymd.day);
    return text;
}

int ageInYears(Date birth, Date on) {
    int age = on.year() - birth.year();
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
        --age;
    return age;
}

void checkClinicalDate(Validation& validation, const std::string& field, Date date, std::optional<Date> birth,
                       Date today) {
    if (date > today)
        validation.addError(field, toIsoString(date), "not after today (" + toIsoString(today) + ")");
    if (birth && date < *birth)
        validation.addError(field, toIsoString(date),
                            "not before the date of birth (" + toIsoString(*birth) + ")");
}

Validation validatePatient(const Patient& patient, Date today) {
    Validation validation;
    if (patient.clinicId.empty())
        validation.addError("patient ID", "", "a non-empty ID");
    if (patient.name.empty())
        validation.addError("name", "", "a non-empty name");
    validation.requireText("patient ID", patient.clinicId);
    validation.requireText("name", patient.name);
    validation.requireText("patient notes", patient.notes, TextKind::Notes);
    checkClinicalDate(validation, "date of birth", patient.birth, std::nullopt, today);
    if (patient.symptomOnset)
        checkClinicalDate(validation, "symptom onset", *patient.symptomOnset, patient.birth, today);
    if (patient.diagnosis)
        checkClinicalDate(validation, "diagnosis date", *patient.diagnosis, patient.birth, today);
    // Diagnosis usually follows the first symptoms (docs/methods.md 7, 8: a soft limit asks to
    // confirm): before them is possible (an incidental finding) but more often a typing slip.
    if (patient.symptomOnset && patient.diagnosis && *patient.diagnosis < *patient.symptomOnset)
        validation.addWarning("diagnosis date", toIsoString(*patient.diagnosis),
                              "not before the symptom onset (" + toIsoString(*patient.symptomOnset) + ")");
    return validation;
}

}  // namespace ankylos::core
