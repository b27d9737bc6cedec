#pragma once
/// Per-patient classification data (docs/methods.md 7) and the date rules that apply everywhere
/// (docs/methods.md 8).

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>

#include "core/validation.h"

namespace ankylos::core {

using Date = boost::gregorian::date;

enum class Sex { Male, Female };
enum class HlaB27 { Positive, Negative, Unknown };
enum class SmokingStatus { Never, Former, Current, Unknown };

std::string toString(Sex sex);  ///< "M", "F"
/// Accepts "M"/"F" (any case); throws ValidationError naming field, value and "M or F".
Sex parseSex(const std::string& text, const std::string& field = "sex");

std::string toString(HlaB27 status);  ///< "positive", "negative", "unknown"
HlaB27 parseHlaB27(const std::string& text, const std::string& field = "HLA-B27");
std::string toString(SmokingStatus status);  ///< "never", "former", "current", "unknown"
SmokingStatus parseSmokingStatus(const std::string& text, const std::string& field = "smoking status");

/// ISO 8601 "YYYY-MM-DD" only; throws ValidationError naming the field and the value.
Date parseIsoDate(const std::string& text, const std::string& field);
std::string toIsoString(Date date);

/// Completed years between birth and on (the age on a birthday counts from that day).
int ageInYears(Date birth, Date on);

/// docs/methods.md 8: a clinical date is not in the future and not before birth.
/// Adds an error to validation when it is; birth may be unknown.
void checkClinicalDate(Validation& validation, const std::string& field, Date date, std::optional<Date> birth,
                       Date today);

struct Patient {
    std::string clinicId;  ///< the clinic's own patient ID
    std::string name;
    Sex sex = Sex::Male;
    Date birth;
    HlaB27 hlaB27 = HlaB27::Unknown;
    std::optional<Date> symptomOnset;
    std::optional<Date> diagnosis;
    SmokingStatus smoking = SmokingStatus::Unknown;
    std::string notes;
};

/// Every problem with a patient record: missing ID or name, birth in the future, onset or
/// diagnosis before birth or in the future; a warning (to confirm) for a diagnosis date before the
/// symptom onset.
Validation validatePatient(const Patient& patient, Date today);

}  // namespace ankylos::core
