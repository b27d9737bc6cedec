#pragma once
/// BASMIlin, the linear Bath Ankylosing Spondylitis Metrology Index. Reference: van der Heijde et
/// al. 2008 (docs/methods.md 4).
///
/// Units: lateral lumbar flexion, tragus-to-wall, modified Schober and intermalleolar distance in
/// cm; cervical rotation in degrees. Lateral flexion, tragus-to-wall and cervical rotation are the
/// mean of left and right. Each of the five measurements A gives a score S, clamped to [0, 10]:
///   lateral lumbar flexion   S = (21.1 - A) / 2.1
///   tragus-to-wall           S = (A - 8) / 3
///   modified Schober         S = (7.4 - A) / 0.7   (lumbar flexion)
///   intermalleolar distance  S = (124.5 - A) / 10
///   cervical rotation        S = (89.3 - A) / 8.5
/// BASMIlin = mean of the five scores, range 0-10.
/// Rounding: stored at full precision; display decimals are the caller's (the spec sets none).
/// Missing data: all eight measurements are required for BASMIlin; the reason names every missing
/// one. A component whose own measurements are all present still gets its score.

#include <optional>
#include <string>

#include "core/validation.h"

namespace ankylos::core {

/// The measurements of one visit; nullopt = not recorded.
struct BasmiInput {
    std::optional<double> lateralFlexionLeftCm;
    std::optional<double> lateralFlexionRightCm;
    std::optional<double> tragusToWallLeftCm;
    std::optional<double> tragusToWallRightCm;
    std::optional<double> modifiedSchoberCm;
    std::optional<double> intermalleolarDistanceCm;
    std::optional<double> cervicalRotationLeftDegrees;
    std::optional<double> cervicalRotationRightDegrees;
};

/// The five BASMI components.
enum class BasmiComponent {
    LateralLumbarFlexion,
    TragusToWall,
    LumbarFlexion,
    IntermalleolarDistance,
    CervicalRotation
};
/// "lateral_lumbar_flexion", "tragus_to_wall", "lumbar_flexion" (modified Schober),
/// "intermalleolar_distance", "cervical_rotation".
std::string toString(BasmiComponent component);

/// The score S of one component from its measurement A (for the bilateral ones, the mean of left
/// and right), clamped to [0, 10] as the published scoring rule says. Throws ValidationError for a
/// negative or non-finite measurement.
double basmiLinearScore(BasmiComponent component, double measurement);

/// The five component scores, each 0-10; nullopt when that component's measurements are missing.
struct BasmiComponentScores {
    std::optional<double> lateralLumbarFlexion;
    std::optional<double> tragusToWall;
    std::optional<double> lumbarFlexion;  ///< modified Schober
    std::optional<double> intermalleolarDistance;
    std::optional<double> cervicalRotation;
};

struct BasmiResult {
    std::optional<double> value;  ///< BASMIlin 0-10 at full precision; nullopt when not computable
    BasmiComponentScores scores;  ///< every component that could be scored
    std::string reason;  ///< why not computable, e.g. "not computable: BASMI modified Schober missing"
};

/// Field names in messages: "BASMI lateral lumbar flexion left", "... right", "BASMI tragus-to-wall
/// left", "... right", "BASMI modified Schober", "BASMI intermalleolar distance", "BASMI cervical
/// rotation left", "... right". Every hard error at once: a negative or non-finite measurement.
/// Missing measurements are not errors.
Validation validateBasmi(const BasmiInput& input);

/// BASMIlin of one visit. Throws ValidationError (every error at once) on invalid input.
BasmiResult computeBasmi(const BasmiInput& input);

}  // namespace ankylos::core
