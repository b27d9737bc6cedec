#pragma once
/// ASDAS, the Ankylosing Spondylitis Disease Activity Score. References: Lukas et al., Ann Rheum
/// Dis 2009 (formulas); cut-offs Machado et al., Ann Rheum Dis 2011, state names per the 2018
/// update (docs/methods.md 3).
///
/// Inputs, each 0-10: back pain (= BASDAI Q2), duration of morning stiffness (= BASDAI Q6),
/// patient global assessment of disease activity (its own item), peripheral pain/swelling
/// (= BASDAI Q3); plus CRP in mg/L (mg/dL is multiplied by 10; hard range 0-500 mg/L,
/// docs/methods.md 6) or ESR in mm/h (hard range 0-200 mm/h).
///   ASDAS-CRP = 0.12 back + 0.06 duration + 0.11 global + 0.07 peripheral + 0.58 ln(CRP + 1)
///   ASDAS-ESR = 0.08 back + 0.07 duration + 0.11 global + 0.09 peripheral + 0.29 sqrt(ESR)
/// Those are the two-decimal coefficients of the ASAS calculator (asdas.coefficients = asas_2dp,
/// default); lukas_3dp selects the original three-decimal set.
/// CRP floor: a CRP below 2 mg/L, or reported below the assay's detection limit, enters the
/// formula as 2 mg/L; the result states the CRP used and says when the floor applied. ESR has no floor.
/// Rounding: stored at full precision; states are classified on the unrounded value; displayed
/// with 2 decimals (kAsdasDisplayDecimals).
/// Missing data: every input is required, else not computable, and the reason names each missing input.

#include <optional>
#include <string>

#include "core/basdai.h"
#include "core/settings.h"
#include "core/validation.h"

namespace ankylos::core {

constexpr int kAsdasDisplayDecimals = 2;
/// docs/methods.md 3: CRP below this (mg/L), or below the detection limit, is replaced by it.
constexpr double kAsdasCrpFloorMgPerL = 2.0;
/// docs/methods.md 6: hard ranges of the laboratory values.
constexpr double kCrpMaxMgPerL = 500.0;
constexpr double kEsrMaxMmPerH = 200.0;

/// docs/methods.md 3, cut-offs of Machado et al. 2011.
constexpr double kAsdasLowFrom = 1.3;        ///< below: inactive
constexpr double kAsdasHighFrom = 2.1;       ///< below: low
constexpr double kAsdasVeryHighAbove = 3.5;  ///< above: very high; 3.5 itself is high
/// docs/methods.md 3: change between two visits.
constexpr double kAsdasImportantImprovement = 1.1;  ///< decrease of at least this
constexpr double kAsdasMajorImprovement = 2.0;      ///< decrease of at least this
constexpr double kAsdasImportantWorsening = 0.9;    ///< increase of at least this

/// Units in which CRP is accepted (docs/methods.md 6: 1 mg/dL = 10 mg/L).
enum class CrpUnit { MgPerL, MgPerDl };
std::string toString(CrpUnit unit);  ///< "mg/L", "mg/dL"
/// Accepts exactly "mg/L" or "mg/dL"; throws ValidationError naming field "CRP unit" otherwise.
CrpUnit parseCrpUnit(const std::string& text);
/// The value in mg/L (mg/dL x 10). No range check.
double crpToMgPerL(double value, CrpUnit unit);

/// A CRP (or hs-CRP) result as reported by the laboratory.
struct CrpMeasurement {
    double value = 0.0;  ///< as reported, in unit; when below the detection limit, the limit itself
    CrpUnit unit = CrpUnit::MgPerL;
    bool belowDetectionLimit = false;  ///< reported as below the assay's detection limit
};

/// The clinical inputs shared by ASDAS-CRP and ASDAS-ESR, each 0-10; nullopt = not recorded.
struct AsdasInput {
    std::optional<double> backPain;                  ///< = BASDAI Q2
    std::optional<double> morningStiffnessDuration;  ///< = BASDAI Q6
    std::optional<double> patientGlobal;             ///< patient global assessment of disease activity
    std::optional<double> peripheralPain;            ///< peripheral pain/swelling, = BASDAI Q3
};

/// The ASDAS inputs taken from a BASDAI form (Q2, Q6, Q3) plus the separate patient global.
AsdasInput asdasInputFromBasdai(const BasdaiInput& basdai, std::optional<double> patientGlobal);

enum class AsdasMarker { Crp, Esr };
std::string toString(AsdasMarker marker);  ///< "crp", "esr"

/// Disease activity states (docs/methods.md 3).
enum class AsdasState { Inactive, Low, High, VeryHigh };
std::string toString(AsdasState state);  ///< "inactive", "low", "high", "very_high"
/// The state's name (2018 update) for clinical text: "inactive disease", "low disease activity",
/// "high disease activity", "very high disease activity".
std::string label(AsdasState state);
/// The state in one or two words for a table cell under an ASDAS heading: "inactive", "low", "high",
/// "very high".
std::string shortLabel(AsdasState state);

/// The weights of one formula: back, duration, global, peripheral, and the marker term
/// (ln(CRP + 1) or sqrt(ESR)).
struct AsdasWeights {
    double backPain = 0.0;
    double morningStiffnessDuration = 0.0;
    double patientGlobal = 0.0;
    double peripheralPain = 0.0;
    double marker = 0.0;
};
/// The coefficients of docs/methods.md 3 for that marker and coefficient set.
AsdasWeights asdasWeights(AsdasMarker marker, AsdasCoefficients coefficients);

struct AsdasResult {
    std::optional<double> value;      ///< full precision; nullopt when not computable
    std::optional<AsdasState> state;  ///< from the unrounded value; nullopt when not computable
    AsdasMarker marker = AsdasMarker::Crp;
    std::optional<double> crpUsedMgPerL;  ///< CRP that entered the formula (after mg/dL and floor); CRP only
    AsdasSettings settings;               ///< the coefficient set used
    std::string reason;  ///< why not computable, e.g. "not computable: ASDAS patient global, CRP missing"
    std::string note;    ///< e.g. "CRP 1 mg/L is below 2 mg/L: 2 mg/L used"; empty when nothing to say
};

/// Field names in messages: "ASDAS back pain (BASDAI Q2)", "ASDAS morning stiffness duration
/// (BASDAI Q6)", "ASDAS patient global", "ASDAS peripheral pain/swelling (BASDAI Q3)", "CRP", "ESR".
/// Every hard error at once: items outside 0-10, CRP outside 0-500 mg/L after conversion (the
/// message gives the value as entered), NaN. Missing inputs are not errors.
Validation validateAsdasCrp(const AsdasInput& input, const std::optional<CrpMeasurement>& crp);
/// As validateAsdasCrp, with ESR outside 0-200 mm/h.
Validation validateAsdasEsr(const AsdasInput& input, std::optional<double> esrMmPerH);

/// ASDAS-CRP. Throws ValidationError (every error at once) on invalid input.
AsdasResult computeAsdasCrp(const AsdasInput& input, const std::optional<CrpMeasurement>& crp,
                            const AsdasSettings& settings);
/// ASDAS-ESR, ESR in mm/h. Throws ValidationError (every error at once) on invalid input.
AsdasResult computeAsdasEsr(const AsdasInput& input, std::optional<double> esrMmPerH,
                            const AsdasSettings& settings);

/// The state of an unrounded ASDAS, with no tolerance: inactive < 1.3 <= low < 2.1 <= high <= 3.5
/// < very high. Throws ValidationError (field "ASDAS") for a negative or non-finite value.
AsdasState classifyAsdas(double value);

/// Categories of the change between two visits (docs/methods.md 3).
enum class AsdasChangeCategory {
    MajorImprovement,                ///< decrease >= 2.0
    ClinicallyImportantImprovement,  ///< decrease >= 1.1 (and < 2.0)
    NoImportantChange,
    ClinicallyImportantWorsening,  ///< increase >= 0.9
};
/// "major_improvement", "clinically_important_improvement", "no_important_change",
/// "clinically_important_worsening".
std::string toString(AsdasChangeCategory category);
/// "major improvement", "clinically important improvement", "no clinically important change",
/// "clinically important worsening" (docs/methods.md 3).
std::string label(AsdasChangeCategory category);

struct AsdasChange {
    std::optional<double> change;                 ///< later - earlier; nullopt when not computable
    std::optional<AsdasChangeCategory> category;  ///< nullopt when not computable
    std::string reason;                           ///< e.g. "not computable: earlier ASDAS missing"
};

/// Every hard error at once: a given ASDAS must be finite and not negative (fields "earlier ASDAS",
/// "later ASDAS").
Validation validateAsdasChange(std::optional<double> earlier, std::optional<double> later);
/// The change later - earlier and its category, compared with the 1e-9 tolerance of tolerance.h
/// (atLeast), so that 1.1 computed from decimals counts. Throws ValidationError on invalid input.
AsdasChange compareAsdas(std::optional<double> earlier, std::optional<double> later);

}  // namespace ankylos::core
