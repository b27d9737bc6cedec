#include "core/asdas.h"

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
constexpr double kMgPerLPerMgPerDl = 10.0;

const char* const kBackPainField = "ASDAS back pain (BASDAI Q2)";
const char* const kDurationField = "ASDAS morning stiffness duration (BASDAI Q6)";
const char* const kGlobalField = "ASDAS patient global";
const char* const kPeripheralField = "ASDAS peripheral pain/swelling (BASDAI Q3)";
const char* const kCrpField = "CRP";
const char* const kEsrField = "ESR";

void validateItems(const AsdasInput& input, Validation& validation) {
    if (input.backPain)
        validation.requireRange(kBackPainField, *input.backPain, kItemMin, kItemMax);
    if (input.morningStiffnessDuration)
        validation.requireRange(kDurationField, *input.morningStiffnessDuration, kItemMin, kItemMax);
    if (input.patientGlobal)
        validation.requireRange(kGlobalField, *input.patientGlobal, kItemMin, kItemMax);
    if (input.peripheralPain)
        validation.requireRange(kPeripheralField, *input.peripheralPain, kItemMin, kItemMax);
}

std::vector<std::string> missingItems(const AsdasInput& input) {
    std::vector<std::string> missing;
    if (!input.backPain)
        missing.push_back(kBackPainField);
    if (!input.morningStiffnessDuration)
        missing.push_back(kDurationField);
    if (!input.patientGlobal)
        missing.push_back(kGlobalField);
    if (!input.peripheralPain)
        missing.push_back(kPeripheralField);
    return missing;
}

/// The clinical part of either formula; every item is present (checked by the caller).
double clinicalTerms(const AsdasInput& input, const AsdasWeights& w) {
    return w.backPain * *input.backPain + w.morningStiffnessDuration * *input.morningStiffnessDuration +
           w.patientGlobal * *input.patientGlobal + w.peripheralPain * *input.peripheralPain;
}

std::string crpAsEntered(const CrpMeasurement& crp) {
    return formatNumber(crp.value) + " " + toString(crp.unit);
}

}  // namespace

std::string toString(CrpUnit unit) {
    switch (unit) {
        case CrpUnit::MgPerL:
            return "mg/L";
        case CrpUnit::MgPerDl:
            return "mg/dL";
    }
    throw InternalError("unknown CrpUnit");
}

CrpUnit parseCrpUnit(const std::string& text) {
    // Exact spelling only: "mg/l" or "MG/DL" could be a typing slip between the two units, which
    // differ tenfold, so nothing is guessed.
    for (auto unit : {CrpUnit::MgPerL, CrpUnit::MgPerDl})
        if (toString(unit) == text)
            return unit;
    throw ValidationError("CRP unit", text, "mg/L or mg/dL");
}

double crpToMgPerL(double value, CrpUnit unit) {
    return unit == CrpUnit::MgPerDl ? value * kMgPerLPerMgPerDl : value;
}

AsdasInput asdasInputFromBasdai(const BasdaiInput& basdai, std::optional<double> patientGlobal) {
    return {basdai.q2, basdai.q6, patientGlobal, basdai.q3};
}

std::string toString(AsdasMarker marker) {
    switch (marker) {
        case AsdasMarker::Crp:
            return "crp";
        case AsdasMarker::Esr:
            return "esr";
    }
    throw InternalError("unknown AsdasMarker");
}

std::string toString(AsdasState state) {
    switch (state) {
        case AsdasState::Inactive:
            return "inactive";
        case AsdasState::Low:
            return "low";
        case AsdasState::High:
            return "high";
        case AsdasState::VeryHigh:
            return "very_high";
    }
    throw InternalError("unknown AsdasState");
}

std::string shortLabel(AsdasState state) {
    switch (state) {
        case AsdasState::Inactive:
            return N_("inactive");
        case AsdasState::Low:
            return N_("low");
        case AsdasState::High:
            return N_("high");
        case AsdasState::VeryHigh:
            return N_("very high");
    }
    throw InternalError("unknown AsdasState");
}

std::string label(AsdasState state) {
    switch (state) {
        case AsdasState::Inactive:
            return N_("inactive disease");
        case AsdasState::Low:
            return N_("low disease activity");
        case AsdasState::High:
            return N_("high disease activity");
        case AsdasState::VeryHigh:
            return N_("very high disease activity");
    }
    throw InternalError("unknown AsdasState");
}

AsdasWeights asdasWeights(AsdasMarker marker, AsdasCoefficients coefficients) {
    // docs/methods.md 3. Order: back, duration, global, peripheral, marker term.
    switch (coefficients) {
        case AsdasCoefficients::Asas2dp:
            return marker == AsdasMarker::Crp ? AsdasWeights{0.12, 0.06, 0.11, 0.07, 0.58}
                                              : AsdasWeights{0.08, 0.07, 0.11, 0.09, 0.29};
        case AsdasCoefficients::Lukas3dp:
            return marker == AsdasMarker::Crp ? AsdasWeights{0.121, 0.058, 0.110, 0.073, 0.579}
                                              : AsdasWeights{0.079, 0.069, 0.113, 0.086, 0.293};
    }
    throw InternalError("unknown AsdasCoefficients");
}

Validation validateAsdasCrp(const AsdasInput& input, const std::optional<CrpMeasurement>& crp) {
    Validation validation;
    validateItems(input, validation);
    if (crp) {
        // The hard range is in mg/L (docs/methods.md 6); the message shows the value as entered.
        const double mgPerL = crpToMgPerL(crp->value, crp->unit);
        if (!(mgPerL >= 0.0 && mgPerL <= kCrpMaxMgPerL)) {
            std::string allowed = "0 to " + formatNumber(kCrpMaxMgPerL) + " mg/L";
            if (crp->unit == CrpUnit::MgPerDl)
                allowed =
                    "0 to " + formatNumber(kCrpMaxMgPerL / kMgPerLPerMgPerDl) + " mg/dL (" + allowed + ")";
            validation.addError(kCrpField, crpAsEntered(*crp), allowed);
        }
    }
    return validation;
}

Validation validateAsdasEsr(const AsdasInput& input, std::optional<double> esrMmPerH) {
    Validation validation;
    validateItems(input, validation);
    if (esrMmPerH)
        validation.requireRange(kEsrField, *esrMmPerH, 0.0, kEsrMaxMmPerH, "mm/h");
    return validation;
}

AsdasResult computeAsdasCrp(const AsdasInput& input, const std::optional<CrpMeasurement>& crp,
                            const AsdasSettings& settings) {
    validateAsdasCrp(input, crp).throwIfErrors();

    AsdasResult result;
    result.marker = AsdasMarker::Crp;
    result.settings = settings;
    std::vector<std::string> missing = missingItems(input);
    if (!crp)
        missing.push_back(kCrpField);
    if (!missing.empty()) {
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }

    // docs/methods.md 3: below 2 mg/L or below the detection limit, 2 mg/L is used. This
    // replacement is the published rule, and the note makes it visible.
    const double mgPerL = crpToMgPerL(crp->value, crp->unit);
    double used = mgPerL;
    const std::string floorText = formatNumber(kAsdasCrpFloorMgPerL) + " mg/L";
    if (crp->belowDetectionLimit) {
        used = kAsdasCrpFloorMgPerL;
        result.note = "CRP below the detection limit (" + crpAsEntered(*crp) + "): " + floorText + " used";
    } else if (mgPerL < kAsdasCrpFloorMgPerL) {
        used = kAsdasCrpFloorMgPerL;
        std::string entered = crpAsEntered(*crp);
        if (crp->unit == CrpUnit::MgPerDl)
            entered += " (" + formatNumber(mgPerL) + " mg/L)";
        result.note = "CRP " + entered + " is below " + floorText + ": " + floorText + " used";
    }
    result.crpUsedMgPerL = used;

    const AsdasWeights w = asdasWeights(AsdasMarker::Crp, settings.coefficients);
    const double value = clinicalTerms(input, w) + w.marker * std::log(used + 1.0);
    result.value = value;
    result.state = classifyAsdas(value);
    return result;
}

AsdasResult computeAsdasEsr(const AsdasInput& input, std::optional<double> esrMmPerH,
                            const AsdasSettings& settings) {
    validateAsdasEsr(input, esrMmPerH).throwIfErrors();

    AsdasResult result;
    result.marker = AsdasMarker::Esr;
    result.settings = settings;
    std::vector<std::string> missing = missingItems(input);
    if (!esrMmPerH)
        missing.push_back(kEsrField);
    if (!missing.empty()) {
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }

    // ESR has no floor (docs/methods.md 3).
    const AsdasWeights w = asdasWeights(AsdasMarker::Esr, settings.coefficients);
    const double value = clinicalTerms(input, w) + w.marker * std::sqrt(*esrMmPerH);
    result.value = value;
    result.state = classifyAsdas(value);
    return result;
}

AsdasState classifyAsdas(double value) {
    if (!std::isfinite(value) || value < 0.0)
        throw ValidationError("ASDAS", formatNumber(value), "0 or more");
    // Exact comparisons on the unrounded value: the spec gives no tolerance for states.
    if (value < kAsdasLowFrom)
        return AsdasState::Inactive;
    if (value < kAsdasHighFrom)
        return AsdasState::Low;
    if (value <= kAsdasVeryHighAbove)
        return AsdasState::High;
    return AsdasState::VeryHigh;
}

std::string toString(AsdasChangeCategory category) {
    switch (category) {
        case AsdasChangeCategory::MajorImprovement:
            return "major_improvement";
        case AsdasChangeCategory::ClinicallyImportantImprovement:
            return "clinically_important_improvement";
        case AsdasChangeCategory::NoImportantChange:
            return "no_important_change";
        case AsdasChangeCategory::ClinicallyImportantWorsening:
            return "clinically_important_worsening";
    }
    throw InternalError("unknown AsdasChangeCategory");
}

std::string label(AsdasChangeCategory category) {
    switch (category) {
        case AsdasChangeCategory::MajorImprovement:
            return N_("major improvement");
        case AsdasChangeCategory::ClinicallyImportantImprovement:
            return N_("clinically important improvement");
        case AsdasChangeCategory::NoImportantChange:
            return N_("no clinically important change");
        case AsdasChangeCategory::ClinicallyImportantWorsening:
            return N_("clinically important worsening");
    }
    throw InternalError("unknown AsdasChangeCategory");
}

Validation validateAsdasChange(std::optional<double> earlier, std::optional<double> later) {
    Validation validation;
    // The spec sets no upper limit for ASDAS; it cannot be negative or non-finite.
    const auto check = [&validation](const char* field, std::optional<double> value) {
        if (value && !(std::isfinite(*value) && *value >= 0.0))
            validation.addError(field, formatNumber(*value), "0 or more");
    };
    check("earlier ASDAS", earlier);
    check("later ASDAS", later);
    return validation;
}

AsdasChange compareAsdas(std::optional<double> earlier, std::optional<double> later) {
    validateAsdasChange(earlier, later).throwIfErrors();

    AsdasChange result;
    std::vector<std::string> missing;
    if (!earlier)
        missing.push_back("earlier ASDAS");
    if (!later)
        missing.push_back("later ASDAS");
    if (!missing.empty()) {
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }

    const double change = *later - *earlier;
    result.change = change;
    const double decrease = -change;
    if (atLeast(decrease, kAsdasMajorImprovement))
        result.category = AsdasChangeCategory::MajorImprovement;
    else if (atLeast(decrease, kAsdasImportantImprovement))
        result.category = AsdasChangeCategory::ClinicallyImportantImprovement;
    else if (atLeast(change, kAsdasImportantWorsening))
        result.category = AsdasChangeCategory::ClinicallyImportantWorsening;
    else
        result.category = AsdasChangeCategory::NoImportantChange;
    return result;
}

}  // namespace ankylos::core
