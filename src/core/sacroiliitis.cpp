#include "core/sacroiliitis.h"

#include "core/error.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

void checkGrade(Validation& validation, const std::string& field, std::optional<int> grade) {
    if (grade && (*grade < kSacroiliitisGradeMin || *grade > kSacroiliitisGradeMax))
        validation.addError(field, std::to_string(*grade), "0 to 4");
}

}  // namespace

Validation validateSacroiliitis(std::optional<int> left, std::optional<int> right) {
    Validation validation;
    checkGrade(validation, "sacroiliitis grade left", left);
    checkGrade(validation, "sacroiliitis grade right", right);
    return validation;
}

Validation validatePelvicFilm(const PelvicFilm& film) {
    return validateSacroiliitis(film.left, film.right);
}

Validation validatePelvicFilm(const PelvicFilm& film, std::optional<Date> birth, Date today) {
    Validation validation = validatePelvicFilm(film);
    checkClinicalDate(validation, "pelvic film date", film.date, birth, today);
    return validation;
}

int parseSacroiliitisGrade(const std::string& text, const std::string& field) {
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '4')
        return text[0] - '0';
    throw ValidationError(field, text, "0 to 4");
}

std::string toString(NewYorkRule rule) {
    switch (rule) {
        case NewYorkRule::BothSidesAtLeast2:
            return N_("both sides >= 2");
        case NewYorkRule::OneSideAtLeast3:
            return N_("one side >= 3");
    }
    throw InternalError("unknown New York rule");
}

NewYorkAssessment assessModifiedNewYork(std::optional<int> left, std::optional<int> right) {
    validateSacroiliitis(left, right).throwIfErrors();
    NewYorkAssessment result;
    result.left = left;
    result.right = right;
    // One side >= 3 settles it whatever the other side is, graded or not.
    if ((left && *left >= 3) || (right && *right >= 3)) {
        result.met = true;
        result.rule = NewYorkRule::OneSideAtLeast3;
    } else if (left && right) {
        result.met = *left >= 2 && *right >= 2;
        if (*result.met)
            result.rule = NewYorkRule::BothSidesAtLeast2;
    } else {
        // The graded side (if any) is below 3: the missing side could still meet the criterion.
        result.reason = std::string("not evaluable: sacroiliitis grade ") + (left ? "right" : "left") +
                        (left || right ? "" : " and right") + " not recorded";
    }
    return result;
}

NewYorkAssessment assessModifiedNewYork(const PelvicFilm& film) {
    return assessModifiedNewYork(film.left, film.right);
}

}  // namespace ankylos::core
