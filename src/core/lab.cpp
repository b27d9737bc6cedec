#include "core/lab.h"

#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

struct UnitEntry {
    const char* name;
    double factor;  // to the canonical unit
    bool listed;    // shown in messages (the Greek-mu spelling looks the same as the micro sign)
};

struct AnalyteInfo {
    const char* name;
    std::vector<UnitEntry> units;  // canonical first
    LabLimits limits;
};

// docs/methods.md 6, the table: units accepted, conversions, hard and soft ranges.
const AnalyteInfo& info(Analyte analyte) {
    static const AnalyteInfo crp{"CRP", {{"mg/L", 1, true}, {"mg/dL", 10, true}}, {0, 500, 200}};
    static const AnalyteInfo esr{"ESR", {{"mm/h", 1, true}}, {0, 200, 130}};
    static const AnalyteInfo mmp3{"MMP-3",
                                  {{"ng/mL", 1, true},
                                   {"ug/L", 1, true},
                                   {"\u00b5g/L", 1, true},    // micro sign
                                   {"\u03bcg/L", 1, false}},  // Greek small mu
                                  {0, 5000, 1000}};
    static const AnalyteInfo dkk1{"DKK-1", {{"pg/mL", 1, true}, {"ng/mL", 1000, true}}, {0, 50000, 10000}};
    // 1 ng/mL = 44.4 pmol/L (22.5 kDa), so 1 pg/mL = 0.0444 pmol/L.
    static const AnalyteInfo sclerostin{N_("sclerostin"),
                                        {{"pmol/L", 1, true}, {"ng/mL", 44.4, true}, {"pg/mL", 0.0444, true}},
                                        {0, 1000, 250}};
    switch (analyte) {
        case Analyte::Crp:
            return crp;
        case Analyte::Esr:
            return esr;
        case Analyte::Mmp3:
            return mmp3;
        case Analyte::Dkk1:
            return dkk1;
        case Analyte::Sclerostin:
            return sclerostin;
    }
    throw InternalError("unknown analyte");
}

/// Converted values carry floating-point error; values already in the canonical unit do not.
double toleranceFor(double factor) {
    return factor == 1 ? 0.0 : kComparisonTolerance;
}

/// "60 mg/dL (= 600 mg/L)", or "600 mg/L" when entered in the canonical unit.
std::string enteredText(double value, const std::string& unit, double factor, Analyte analyte) {
    std::string text = formatNumber(value) + " " + unit;
    if (factor != 1)
        text += " (= " + formatNumber(value * factor) + " " + canonicalUnit(analyte) + ")";
    return text;
}

std::string rangeText(std::optional<double> lower, std::optional<double> upper, const std::string& unit) {
    if (lower && upper)
        return formatNumber(*lower) + " to " + formatNumber(*upper) + " " + unit;
    if (upper)
        return "at most " + formatNumber(*upper) + " " + unit;
    if (lower)
        return "at least " + formatNumber(*lower) + " " + unit;
    return "no limits";
}

std::string rangeLabel(const ReferenceRange& range) {
    std::string label = "reference range for " + toString(range.analyte);
    if (range.sex)
        label += *range.sex == Sex::Male ? ", men" : ", women";
    if (!range.assay.empty())
        label += ", assay " + range.assay;
    return label;
}

}  // namespace

const std::array<Analyte, 5>& allAnalytes() {
    static const std::array<Analyte, 5> analytes = {Analyte::Crp, Analyte::Esr, Analyte::Mmp3, Analyte::Dkk1,
                                                    Analyte::Sclerostin};
    return analytes;
}

std::string toString(Analyte analyte) {
    return info(analyte).name;
}

Analyte parseAnalyte(const std::string& text, const std::string& field) {
    for (Analyte analyte : allAnalytes())
        if (text == toString(analyte))
            return analyte;
    throw ValidationError(field, text, "CRP, ESR, MMP-3, DKK-1 or sclerostin");
}

std::string canonicalUnit(Analyte analyte) {
    return info(analyte).units.front().name;
}

std::vector<std::string> acceptedUnits(Analyte analyte) {
    std::vector<std::string> units;
    for (const UnitEntry& unit : info(analyte).units)
        units.emplace_back(unit.name);
    return units;
}

std::string acceptedUnitsText(Analyte analyte) {
    std::vector<std::string> listed;
    for (const UnitEntry& unit : info(analyte).units)
        if (unit.listed)
            listed.emplace_back(unit.name);
    std::string text;
    for (std::size_t i = 0; i < listed.size(); ++i) {
        if (i > 0)
            text += i + 1 == listed.size() ? " or " : ", ";
        text += listed[i];
    }
    return text;
}

std::optional<double> unitFactor(Analyte analyte, const std::string& unit) {
    for (const UnitEntry& entry : info(analyte).units)
        if (unit == entry.name)
            return entry.factor;
    return std::nullopt;
}

double toCanonicalUnit(Analyte analyte, double value, const std::string& unit) {
    const auto factor = unitFactor(analyte, unit);
    if (!factor)
        throw ValidationError(toString(analyte) + " unit", unit, acceptedUnitsText(analyte));
    return value * *factor;
}

LabLimits labLimits(Analyte analyte) {
    return info(analyte).limits;
}

std::string toString(SampleType type) {
    return type == SampleType::Serum ? "serum" : "plasma";
}

SampleType parseSampleType(const std::string& text, const std::string& field) {
    if (text == "serum")
        return SampleType::Serum;
    if (text == "plasma")
        return SampleType::Plasma;
    throw ValidationError(field, text, "serum or plasma");
}

Validation validateLabValue(const LabValue& lab) {
    Validation validation;
    const std::string name = toString(lab.analyte);
    validation.requireText(name + " assay", lab.assay);
    validation.requireText(name + " laboratory", lab.laboratory);
    const auto factor = unitFactor(lab.analyte, lab.unit);
    if (!factor) {
        // A number without a unit, or in a unit not accepted for this analyte (docs/methods.md 6);
        // a unit with a control character is shown as such.
        Validation unitText;
        unitText.requireText(name + " unit", lab.unit);
        if (unitText.ok())
            validation.addError(name + " unit", lab.unit, acceptedUnitsText(lab.analyte));
        validation.append(unitText);
        return validation;
    }
    const LabLimits limits = labLimits(lab.analyte);
    const std::string canonical = canonicalUnit(lab.analyte);
    const double tolerance = toleranceFor(*factor);
    const double value = lab.value * *factor;
    // NaN fails both comparisons, so it is rejected too.
    if (!(value >= limits.hardMin - tolerance && value <= limits.hardMax + tolerance))
        validation.addError(name, enteredText(lab.value, lab.unit, *factor, lab.analyte),
                            rangeText(limits.hardMin, limits.hardMax, canonical));
    else if (value > limits.softMax + tolerance)
        validation.addWarning(name, enteredText(lab.value, lab.unit, *factor, lab.analyte),
                              rangeText(std::nullopt, limits.softMax, canonical));

    if (lab.detectionLimit) {
        const double limit = *lab.detectionLimit * *factor;
        if (!(limit > 0 && limit <= limits.hardMax + tolerance))
            validation.addError(
                name + " detection limit", enteredText(*lab.detectionLimit, lab.unit, *factor, lab.analyte),
                "greater than 0 and at most " + formatNumber(limits.hardMax) + " " + canonical);
        else if (lab.belowDetectionLimit && lab.value > *lab.detectionLimit)
            validation.addError(
                name, formatNumber(lab.value) + " " + lab.unit + " below the detection limit",
                "at most the detection limit (" + formatNumber(*lab.detectionLimit) + " " + lab.unit + ")");
    } else if (lab.belowDetectionLimit) {
        validation.addError(name + " detection limit", "",
                            "the limit, in " + lab.unit + ", when the value is below the detection limit");
    }
    return validation;
}

Validation validateLabValue(const LabValue& value, std::optional<Date> birth, Date today) {
    Validation validation = validateLabValue(value);
    checkClinicalDate(validation, toString(value.analyte) + " sample date", value.sampleDate, birth, today);
    return validation;
}

double canonicalValue(const LabValue& value) {
    validateLabValue(value).throwIfErrors();
    return toCanonicalUnit(value.analyte, value.value, value.unit);
}

const std::vector<ReferenceRange>& defaultReferenceRanges() {
    static const std::vector<ReferenceRange> ranges = {
        {Analyte::Mmp3, Sex::Male, "", ReferenceRule::Fixed, 36.9, 121.0},
        {Analyte::Mmp3, Sex::Female, "", ReferenceRule::Fixed, 17.3, 59.7},
        {Analyte::Crp, std::nullopt, "", ReferenceRule::Fixed, std::nullopt, 5.0},
        {Analyte::Esr, std::nullopt, "", ReferenceRule::EsrAge, std::nullopt, std::nullopt},
    };
    return ranges;
}

Validation validateReferenceRanges(const std::vector<ReferenceRange>& ranges) {
    Validation validation;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const ReferenceRange& range = ranges[i];
        const std::string field = rangeLabel(range);
        const std::string unit = canonicalUnit(range.analyte);
        const std::string given = rangeText(range.lower, range.upper, unit);
        if (range.rule == ReferenceRule::EsrAge) {
            if (range.analyte != Analyte::Esr)
                validation.addError(field, "the ESR age rule", "a fixed lower and/or upper limit");
            if (range.lower || range.upper)
                validation.addError(field, given, "no fixed limits with the ESR age rule");
        } else {
            if (!range.lower && !range.upper)
                validation.addError(field, given, "a lower and/or an upper limit");
            for (const auto& limit : {range.lower, range.upper})
                if (limit && !(std::isfinite(*limit) && *limit >= 0))
                    validation.addError(field, given, "limits of 0 or more " + unit);
            if (range.lower && range.upper && *range.lower > *range.upper)
                validation.addError(field, given, "a lower limit not above the upper limit");
        }
        for (std::size_t j = 0; j < i; ++j)
            if (ranges[j].analyte == range.analyte && ranges[j].sex == range.sex &&
                ranges[j].assay == range.assay) {
                validation.addError(field, given, "one range per analyte, sex and assay");
                break;
            }
    }
    return validation;
}

std::optional<ReferenceRange> findReferenceRange(const std::vector<ReferenceRange>& ranges, Analyte analyte,
                                                 Sex sex, const std::string& assay) {
    std::optional<ReferenceRange> best;
    int bestRank = -1;
    for (const ReferenceRange& range : ranges) {
        if (range.analyte != analyte)
            continue;
        if (range.sex && *range.sex != sex)
            continue;
        if (!range.assay.empty() && range.assay != assay)
            continue;
        // Assay-specific outranks generic; within each, sex-specific outranks either-sex.
        const int rank = (range.assay.empty() ? 0 : 2) + (range.sex ? 1 : 0);
        if (rank > bestRank) {
            best = range;
            bestRank = rank;
        }
    }
    return best;
}

std::string toString(ReferenceFlag flag) {
    switch (flag) {
        case ReferenceFlag::Low:
            return "low";
        case ReferenceFlag::Within:
            return "within";
        case ReferenceFlag::High:
            return "high";
        case ReferenceFlag::Indeterminate:
            return "indeterminate";
        case ReferenceFlag::NoReferenceRange:
            return "no_reference_range";
    }
    throw InternalError("unknown reference flag");
}

std::string label(ReferenceFlag flag) {
    switch (flag) {
        case ReferenceFlag::Low:
            return N_("low");
        case ReferenceFlag::Within:
            return N_("within range");
        case ReferenceFlag::High:
            return N_("high");
        case ReferenceFlag::Indeterminate:
            return N_("indeterminate");
        case ReferenceFlag::NoReferenceRange:
            return N_("no reference range");
    }
    throw InternalError("unknown reference flag");
}

ReferenceAssessment assessReference(const LabValue& value, Sex sex, Date birth,
                                    const std::vector<ReferenceRange>& ranges) {
    Validation validation = validateLabValue(value);
    validation.append(validateReferenceRanges(ranges));
    if (value.sampleDate < birth)
        validation.addError(toString(value.analyte) + " sample date", toIsoString(value.sampleDate),
                            "not before the date of birth (" + toIsoString(birth) + ")");
    validation.throwIfErrors();

    ReferenceAssessment result;
    const double factor = *unitFactor(value.analyte, value.unit);
    const double tolerance = toleranceFor(factor);
    result.value = value.value * factor;
    result.unit = canonicalUnit(value.analyte);
    result.range = findReferenceRange(ranges, value.analyte, sex, value.assay);
    if (!result.range) {
        result.flag = ReferenceFlag::NoReferenceRange;
        result.reason = "no reference range configured for " + toString(value.analyte) +
                        (sex == Sex::Male ? " (men" : " (women") +
                        (value.assay.empty() ? ")" : ", assay " + value.assay + ")");
        return result;
    }
    if (result.range->rule == ReferenceRule::EsrAge) {
        // ESR upper limit: age/2 for men, (age+10)/2 for women, age at the sample date.
        result.age = ageInYears(birth, value.sampleDate);
        result.upper = (sex == Sex::Male ? *result.age : *result.age + 10) / 2.0;
    } else {
        result.lower = result.range->lower;
        result.upper = result.range->upper;
    }

    if (value.belowDetectionLimit) {
        // Only "below the limit" is known.
        const double limit = *value.detectionLimit * factor;
        if (result.lower && limit <= *result.lower + tolerance) {
            result.flag = ReferenceFlag::Low;
        } else if (!result.lower && (!result.upper || limit <= *result.upper + tolerance)) {
            result.flag = ReferenceFlag::Within;
        } else {
            result.flag = ReferenceFlag::Indeterminate;
            result.reason = "below the detection limit of " + formatNumber(limit) + " " + result.unit +
                            "; the reference range is " + rangeText(result.lower, result.upper, result.unit);
        }
        return result;
    }
    if (result.lower && result.value < *result.lower - tolerance)
        result.flag = ReferenceFlag::Low;
    else if (result.upper && result.value > *result.upper + tolerance)
        result.flag = ReferenceFlag::High;
    else
        result.flag = ReferenceFlag::Within;
    return result;
}

bool assaysDiffer(const LabValue& a, const LabValue& b) {
    if (a.analyte != b.analyte)
        return true;
    return !a.assay.empty() && !b.assay.empty() && a.assay != b.assay;
}

}  // namespace ankylos::core
