#pragma once
/// BASDAI, the Bath Ankylosing Spondylitis Disease Activity Index. Reference: Garrett et al.,
/// J Rheumatol 1994 (docs/methods.md 2).
///
/// Units: six items about the last week, each a 0-10 numeric rating scale (NRS). A 100 mm visual
/// analogue scale is accepted and divided by 10 (vasMmToNrs); Q6 may be entered as minutes of
/// morning stiffness, m -> min(m, 120) / 12 (morningStiffnessMinutesToQ6).
/// Formula: BASDAI = (Q1 + Q2 + Q3 + Q4 + (Q5 + Q6) / 2) / 5, range 0-10.
/// Rounding: stored at full precision; displayed with 1 decimal (kBasdaiDisplayDecimals).
/// Missing data: all six items are required; with any item missing BASDAI is not computable and
/// the reason names every missing item. Nothing is imputed.
/// The questionnaire wording is copyrighted: labels here are short item names only.

#include <array>
#include <optional>
#include <string>

#include "core/translatable.h"
#include "core/validation.h"

namespace ankylos::core {

constexpr int kBasdaiItemCount = 6;
constexpr int kBasdaiDisplayDecimals = 1;
/// docs/methods.md 2: active disease is BASDAI >= 4.0 (4.0 itself is active).
constexpr double kBasdaiActiveThreshold = 4.0;
/// docs/methods.md 2: BASDAI50 is a relative improvement of at least 50 %.
constexpr double kBasdai50MinRelativeImprovementPercent = 50.0;
/// docs/methods.md 2: the ASAS-EULAR response also accepts an absolute improvement of >= 2 units.
constexpr double kBasdaiAsasEularMinAbsoluteImprovement = 2.0;

/// The six items, each 0-10 NRS; nullopt = not recorded.
struct BasdaiInput {
    std::optional<double> q1;  ///< fatigue
    std::optional<double> q2;  ///< spinal (neck, back, hip) pain
    std::optional<double> q3;  ///< pain/swelling of other joints
    std::optional<double> q4;  ///< discomfort from tender areas
    std::optional<double> q5;  ///< severity of morning stiffness
    std::optional<double> q6;  ///< duration of morning stiffness (0 = none, 5 = 1 hour, 10 = 2 hours or more)

    /// The items in order Q1..Q6.
    std::array<std::optional<double>, kBasdaiItemCount> items() const { return {q1, q2, q3, q4, q5, q6}; }
};

/// Field name of item 1..6 in messages: "BASDAI Q1" ... "BASDAI Q6".
std::string basdaiItemField(int item);
/// Short label of item 1..6 for display ("fatigue", "spinal pain", ...), not the published wording.
std::string basdaiItemLabel(int item);

/// Checks a 100 mm VAS reading: an error naming field and value unless 0 <= mm <= 100 (NaN too).
Validation validateVasMm(double mm, const std::string& field);
/// A 100 mm VAS reading as a 0-10 NRS value (mm / 10). Throws ValidationError naming field and value
/// unless 0 <= mm <= 100.
double vasMmToNrs(double mm, const std::string& field);

/// Checks minutes of morning stiffness: an error unless finite and >= 0 (there is no upper limit:
/// 2 hours or more all score 10).
Validation validateMorningStiffnessMinutes(double minutes);
/// BASDAI Q6 from minutes of morning stiffness: min(minutes, 120) / 12. Throws ValidationError for
/// negative or non-finite minutes (field "BASDAI Q6 morning stiffness minutes").
double morningStiffnessMinutesToQ6(double minutes);

/// Every hard error at once: each recorded item must be within 0-10 (NaN is rejected).
/// Missing items are not errors.
Validation validateBasdai(const BasdaiInput& input);

struct BasdaiResult {
    std::optional<double> value;  ///< 0-10 at full precision; nullopt when not computable
    bool active = false;          ///< value >= 4.0 (1e-9 tolerance); false when value is nullopt
    std::string reason;           ///< why not computable, e.g. "not computable: BASDAI Q3, BASDAI Q6 missing"
};

/// BASDAI of one visit. Throws ValidationError (every error at once) when an item is out of range.
BasdaiResult computeBasdai(const BasdaiInput& input);

/// Active disease (docs/methods.md 2): basdai >= 4.0, compared with the 1e-9 tolerance of
/// tolerance.h (atLeast) so that 4.0 computed from decimal items counts as 4.0.
bool isActiveBasdai(double basdai);

/// Whether a response criterion holds between two visits.
enum class BasdaiResponseStatus {
    Met,
    NotMet,
    NotEvaluable,  ///< a needed quantity cannot be computed (a missing BASDAI, or a baseline of 0)
};
std::string toString(BasdaiResponseStatus status);  ///< "met", "not_met", "not_evaluable"

/// One labelled response criterion.
struct BasdaiResponseCriterion {
    std::string label;  ///< "BASDAI50" or "ASAS-EULAR BASDAI response"
    BasdaiResponseStatus status = BasdaiResponseStatus::NotEvaluable;
};

/// BASDAI response between a baseline and a follow-up visit (docs/methods.md 2).
struct BasdaiResponse {
    /// baseline - follow-up in BASDAI units; positive = better. nullopt when either BASDAI is missing.
    std::optional<double> absoluteImprovement;
    /// (baseline - follow-up) / baseline x 100, in percent; nullopt when either BASDAI is missing or
    /// the baseline is 0 (no relative improvement exists from 0).
    std::optional<double> relativeImprovement;
    /// Relative improvement >= 50 %.
    BasdaiResponseCriterion basdai50{"BASDAI50",
                                     BasdaiResponseStatus::NotEvaluable};  // a name: not translated
    /// Relative improvement >= 50 % or absolute improvement >= 2 units.
    BasdaiResponseCriterion asasEular{N_("ASAS-EULAR BASDAI response"), BasdaiResponseStatus::NotEvaluable};
    /// Why something is not evaluable, e.g. "not computable: follow-up BASDAI missing" or
    /// "relative improvement not computable: baseline BASDAI is 0". Empty when everything was.
    std::string reason;
};

/// Every hard error at once: a given baseline or follow-up BASDAI must be within 0-10.
Validation validateBasdaiResponse(std::optional<double> baseline, std::optional<double> followUp);

/// Compares two BASDAI values with the 1e-9 tolerance of tolerance.h (atLeast), so 50 % and 2 units
/// computed from decimals count. A criterion is met when any of its parts is met, not met when every
/// part was evaluated and none is met, and otherwise not evaluable: from a baseline of 0 there is no
/// relative improvement (and the absolute one cannot reach 2), so BASDAI50 and the ASAS-EULAR
/// response are both not evaluable.
/// Throws ValidationError when a given value is outside 0-10 or NaN.
BasdaiResponse basdaiResponse(std::optional<double> baseline, std::optional<double> followUp);

}  // namespace ankylos::core
