#pragma once
/// Radiographic sacroiliitis and the modified New York radiological criterion (docs/methods.md 7).
///
/// Grades 0-4 per side (left, right) on each pelvic film; anything else is rejected.
/// Criterion met when both sides are >= 2, or one side is >= 3.
/// Missing data: a side not graded is nullopt. The criterion is still decided when the other side
/// alone settles it (one side >= 3 meets it whatever the other side is); otherwise it is not
/// evaluable, with the reason.

#include <optional>
#include <string>

#include "core/patient.h"
#include "core/validation.h"

namespace ankylos::core {

constexpr int kSacroiliitisGradeMin = 0;
constexpr int kSacroiliitisGradeMax = 4;

/// One pelvic film's sacroiliitis grades.
struct PelvicFilm {
    Date date;
    std::optional<int> left;   ///< 0-4; nullopt when not graded
    std::optional<int> right;  ///< 0-4; nullopt when not graded
};

/// Errors for a grade outside 0-4 on either side, naming the side and the value.
Validation validateSacroiliitis(std::optional<int> left, std::optional<int> right);
Validation validatePelvicFilm(const PelvicFilm& film);
/// As above, plus docs/methods.md 8: the film date is not in the future and not before birth.
Validation validatePelvicFilm(const PelvicFilm& film, std::optional<Date> birth, Date today);

/// Parses one grade as typed ("0".."4"); throws ValidationError naming the field, the text and "0 to 4".
int parseSacroiliitisGrade(const std::string& text, const std::string& field);

/// Which part of the criterion fired.
enum class NewYorkRule {
    BothSidesAtLeast2,  ///< both sides >= 2
    OneSideAtLeast3,    ///< one side >= 3
};
std::string toString(NewYorkRule rule);  ///< "both sides >= 2", "one side >= 3"

struct NewYorkAssessment {
    std::optional<bool> met;          ///< nullopt: not evaluable (a side not graded)
    std::optional<NewYorkRule> rule;  ///< set when met; one side >= 3 is reported before both sides >= 2
    std::optional<int> left;
    std::optional<int> right;
    std::string reason;  ///< why not evaluable
};

/// The modified New York radiological criterion; throws ValidationError for a grade outside 0-4.
NewYorkAssessment assessModifiedNewYork(std::optional<int> left, std::optional<int> right);
NewYorkAssessment assessModifiedNewYork(const PelvicFilm& film);

}  // namespace ankylos::core
