#include "core/basmi.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/format.h"

namespace ankylos::core {

namespace {

constexpr double kScoreMin = 0.0;
constexpr double kScoreMax = 10.0;
constexpr int kComponentCount = 5;

struct Measurement {
    const char* field;
    const char* unit;
    const std::optional<double>* value;
};

std::vector<Measurement> measurements(const BasmiInput& input) {
    return {
        {"BASMI lateral lumbar flexion left", "cm", &input.lateralFlexionLeftCm},
        {"BASMI lateral lumbar flexion right", "cm", &input.lateralFlexionRightCm},
        {"BASMI tragus-to-wall left", "cm", &input.tragusToWallLeftCm},
        {"BASMI tragus-to-wall right", "cm", &input.tragusToWallRightCm},
        {"BASMI modified Schober", "cm", &input.modifiedSchoberCm},
        {"BASMI intermalleolar distance", "cm", &input.intermalleolarDistanceCm},
        {"BASMI cervical rotation left", "degrees", &input.cervicalRotationLeftDegrees},
        {"BASMI cervical rotation right", "degrees", &input.cervicalRotationRightDegrees},
    };
}

// The spec sets no range for the measurements; only values that are physically impossible
// (a negative distance or angle, NaN, infinity) are rejected.
bool plausible(double value) {
    return std::isfinite(value) && value >= 0.0;
}

/// Field name and unit of a component's (averaged) measurement, for messages.
std::pair<std::string, std::string> componentField(BasmiComponent component) {
    switch (component) {
        case BasmiComponent::LateralLumbarFlexion:
            return {"BASMI lateral lumbar flexion", "cm"};
        case BasmiComponent::TragusToWall:
            return {"BASMI tragus-to-wall", "cm"};
        case BasmiComponent::LumbarFlexion:
            return {"BASMI modified Schober", "cm"};
        case BasmiComponent::IntermalleolarDistance:
            return {"BASMI intermalleolar distance", "cm"};
        case BasmiComponent::CervicalRotation:
            return {"BASMI cervical rotation", "degrees"};
    }
    throw InternalError("unknown BasmiComponent");
}

std::optional<double> meanOf(const std::optional<double>& left, const std::optional<double>& right) {
    if (!left || !right)
        return std::nullopt;
    return (*left + *right) / 2.0;
}

std::optional<double> scoreOf(BasmiComponent component, const std::optional<double>& measurement) {
    if (!measurement)
        return std::nullopt;
    return basmiLinearScore(component, *measurement);
}

}  // namespace

std::string toString(BasmiComponent component) {
    switch (component) {
        case BasmiComponent::LateralLumbarFlexion:
            return "lateral_lumbar_flexion";
        case BasmiComponent::TragusToWall:
            return "tragus_to_wall";
        case BasmiComponent::LumbarFlexion:
            return "lumbar_flexion";
        case BasmiComponent::IntermalleolarDistance:
            return "intermalleolar_distance";
        case BasmiComponent::CervicalRotation:
            return "cervical_rotation";
    }
    throw InternalError("unknown BasmiComponent");
}

double basmiLinearScore(BasmiComponent component, double measurement) {
    if (!plausible(measurement)) {
        const auto [field, unit] = componentField(component);
        throw ValidationError(field, formatNumber(measurement) + " " + unit, "0 " + unit + " or more");
    }
    // The clamp to [0, 10] is part of the published BASMIlin scoring (van der Heijde 2008), not a
    // correction of the input: measurements beyond the scale's ends score 0 or 10.
    const auto clamped = [](double score) { return std::clamp(score, kScoreMin, kScoreMax); };
    switch (component) {
        case BasmiComponent::LateralLumbarFlexion:
            return clamped((21.1 - measurement) / 2.1);
        case BasmiComponent::TragusToWall:
            return clamped((measurement - 8.0) / 3.0);
        case BasmiComponent::LumbarFlexion:
            return clamped((7.4 - measurement) / 0.7);
        case BasmiComponent::IntermalleolarDistance:
            return clamped((124.5 - measurement) / 10.0);
        case BasmiComponent::CervicalRotation:
            return clamped((89.3 - measurement) / 8.5);
    }
    throw InternalError("unknown BasmiComponent");
}

Validation validateBasmi(const BasmiInput& input) {
    Validation validation;
    for (const Measurement& m : measurements(input))
        if (*m.value && !plausible(**m.value))
            validation.addError(m.field, formatNumber(**m.value) + " " + m.unit,
                                std::string("0 ") + m.unit + " or more");
    return validation;
}

BasmiResult computeBasmi(const BasmiInput& input) {
    validateBasmi(input).throwIfErrors();

    BasmiResult result;
    BasmiComponentScores& s = result.scores;
    s.lateralLumbarFlexion = scoreOf(BasmiComponent::LateralLumbarFlexion,
                                     meanOf(input.lateralFlexionLeftCm, input.lateralFlexionRightCm));
    s.tragusToWall =
        scoreOf(BasmiComponent::TragusToWall, meanOf(input.tragusToWallLeftCm, input.tragusToWallRightCm));
    s.lumbarFlexion = scoreOf(BasmiComponent::LumbarFlexion, input.modifiedSchoberCm);
    s.intermalleolarDistance =
        scoreOf(BasmiComponent::IntermalleolarDistance, input.intermalleolarDistanceCm);
    s.cervicalRotation =
        scoreOf(BasmiComponent::CervicalRotation,
                meanOf(input.cervicalRotationLeftDegrees, input.cervicalRotationRightDegrees));

    std::vector<std::string> missing;
    for (const Measurement& m : measurements(input))
        if (!*m.value)
            missing.push_back(m.field);
    if (!missing.empty()) {
        // No imputation (docs/methods.md 4: all required); every missing measurement is named.
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }

    const double sum = *s.lateralLumbarFlexion + *s.tragusToWall + *s.lumbarFlexion +
                       *s.intermalleolarDistance + *s.cervicalRotation;
    result.value = sum / kComponentCount;
    return result;
}

}  // namespace ankylos::core
