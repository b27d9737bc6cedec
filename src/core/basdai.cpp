#include "core/basdai.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

constexpr double kItemMin = 0.0;
constexpr double kItemMax = 10.0;
constexpr double kVasMaxMm = 100.0;
/// docs/methods.md 2: 2 hours or more of morning stiffness scores 10, so m maps to min(m, 120) / 12.
constexpr double kStiffnessCapMinutes = 120.0;
constexpr double kMinutesPerQ6Point = 12.0;
const char* const kStiffnessMinutesField = "BASDAI Q6 morning stiffness minutes";

}  // namespace

std::string basdaiItemField(int item) {
    if (item < 1 || item > kBasdaiItemCount)
        throw InternalError("BASDAI item out of 1-6: " + std::to_string(item));
    return "BASDAI Q" + std::to_string(item);
}

std::string basdaiItemLabel(int item) {
    switch (item) {
        case 1:
            return N_("fatigue");
        case 2:
            return N_("spinal pain");
        case 3:
            return N_("pain/swelling of other joints");
        case 4:
            return N_("tender areas");
        case 5:
            return N_("morning stiffness severity");
        case 6:
            return N_("morning stiffness duration");
    }
    throw InternalError("BASDAI item out of 1-6: " + std::to_string(item));
}

Validation validateVasMm(double mm, const std::string& field) {
    Validation validation;
    validation.requireRange(field, mm, 0.0, kVasMaxMm, "mm");
    return validation;
}

double vasMmToNrs(double mm, const std::string& field) {
    validateVasMm(mm, field).throwIfErrors();
    return mm / 10.0;
}

Validation validateMorningStiffnessMinutes(double minutes) {
    Validation validation;
    // No upper limit: the scale saturates at 2 hours. NaN and infinity are not durations.
    if (!std::isfinite(minutes) || minutes < 0.0)
        validation.addError(kStiffnessMinutesField, formatNumber(minutes) + " minutes", "0 minutes or more");
    return validation;
}

double morningStiffnessMinutesToQ6(double minutes) {
    validateMorningStiffnessMinutes(minutes).throwIfErrors();
    return std::min(minutes, kStiffnessCapMinutes) / kMinutesPerQ6Point;
}

Validation validateBasdai(const BasdaiInput& input) {
    Validation validation;
    const auto items = input.items();
    for (int i = 0; i < kBasdaiItemCount; ++i)
        if (items[i])
            validation.requireRange(basdaiItemField(i + 1), *items[i], kItemMin, kItemMax);
    return validation;
}

BasdaiResult computeBasdai(const BasdaiInput& input) {
    validateBasdai(input).throwIfErrors();

    BasdaiResult result;
    std::vector<std::string> missing;
    const auto items = input.items();
    for (int i = 0; i < kBasdaiItemCount; ++i)
        if (!items[i])
            missing.push_back(basdaiItemField(i + 1));
    if (!missing.empty()) {
        // No imputation (docs/methods.md 2): every missing item is named.
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }

    const double value =
        (*input.q1 + *input.q2 + *input.q3 + *input.q4 + (*input.q5 + *input.q6) / 2.0) / 5.0;
    result.value = value;
    result.active = isActiveBasdai(value);
    return result;
}

bool isActiveBasdai(double basdai) {
    // With the tolerance, a BASDAI of 4.0 computed from decimal items (3.999999999999999 in binary)
    // is active, as its displayed value says.
    return atLeast(basdai, kBasdaiActiveThreshold);
}

std::string toString(BasdaiResponseStatus status) {
    switch (status) {
        case BasdaiResponseStatus::Met:
            return "met";
        case BasdaiResponseStatus::NotMet:
            return "not_met";
        case BasdaiResponseStatus::NotEvaluable:
            return "not_evaluable";
    }
    throw InternalError("unknown BasdaiResponseStatus");
}

Validation validateBasdaiResponse(std::optional<double> baseline, std::optional<double> followUp) {
    Validation validation;
    if (baseline)
        validation.requireRange("baseline BASDAI", *baseline, kItemMin, kItemMax);
    if (followUp)
        validation.requireRange("follow-up BASDAI", *followUp, kItemMin, kItemMax);
    return validation;
}

BasdaiResponse basdaiResponse(std::optional<double> baseline, std::optional<double> followUp) {
    validateBasdaiResponse(baseline, followUp).throwIfErrors();

    BasdaiResponse response;
    std::vector<std::string> missing;
    if (!baseline)
        missing.push_back("baseline BASDAI");
    if (!followUp)
        missing.push_back("follow-up BASDAI");
    if (!missing.empty()) {
        response.reason = "not computable: " + joinNames(missing) + " missing";
        return response;
    }

    const double absolute = *baseline - *followUp;
    response.absoluteImprovement = absolute;

    if (*baseline == 0.0) {
        // A relative change from 0 does not exist; say so rather than divide by zero.
        response.reason = "relative improvement not computable: baseline BASDAI is 0";
        // The absolute part cannot be met from 0 (the follow-up is never below 0), so the
        // ASAS-EULAR response rests on the relative part too and is equally not evaluable.
        response.basdai50.status = BasdaiResponseStatus::NotEvaluable;
        response.asasEular.status = BasdaiResponseStatus::NotEvaluable;
        return response;
    }

    const double relative = absolute / *baseline * 100.0;
    response.relativeImprovement = relative;
    const bool relativeMet = atLeast(relative, kBasdai50MinRelativeImprovementPercent);
    const bool absoluteMet = atLeast(absolute, kBasdaiAsasEularMinAbsoluteImprovement);
    response.basdai50.status = relativeMet ? BasdaiResponseStatus::Met : BasdaiResponseStatus::NotMet;
    response.asasEular.status =
        (relativeMet || absoluteMet) ? BasdaiResponseStatus::Met : BasdaiResponseStatus::NotMet;
    return response;
}

}  // namespace ankylos::core
