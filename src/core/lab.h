#pragma once
/// Laboratory values and biomarkers (docs/methods.md 6): units and their conversion, hard and soft
/// ranges, reference ranges, and assay changes.
///
/// Units accepted (the first is the canonical unit every value converts to):
///   CRP        mg/L; mg/dL (1 mg/dL = 10 mg/L)
///   ESR        mm/h
///   MMP-3      ng/mL; ug/L, µg/L (= ng/mL)
///   DKK-1      pg/mL; ng/mL (1 ng/mL = 1000 pg/mL; no molar conversion)
///   sclerostin pmol/L; ng/mL (1 ng/mL = 44.4 pmol/L, 22.5 kDa); pg/mL (1 pg/mL = 0.0444 pmol/L)
/// Unit text must match exactly (case included); µ may be the micro sign (U+00B5) or Greek mu
/// (U+03BC). A number without a unit, or with a unit not accepted for its analyte, is rejected.
///
/// Ranges, in the canonical unit: hard (rejected) CRP 0-500, ESR 0-200, MMP-3 0-5000, DKK-1 0-50000,
/// sclerostin 0-1000; soft (above it the user confirms) CRP > 200, ESR > 130, MMP-3 > 1000,
/// DKK-1 > 10000, sclerostin > 250. Values entered in another unit are converted first and compared
/// with the 1e-9 tolerance (a converted value carries floating-point error); the message shows the
/// value as entered with its canonical equivalent, and the range in the canonical unit.
///
/// Reference ranges (configurable per analyte, sex and assay; limits in the canonical unit,
/// inclusive). Defaults: MMP-3 men 36.9-121.0 ng/mL, women 17.3-59.7 ng/mL; CRP upper limit 5 mg/L;
/// ESR upper limit age/2 (men), (age+10)/2 (women), age in completed years at the sample date.
/// DKK-1 and sclerostin have no default range. Values from different assays are not comparable:
/// trend charts mark an assay change.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"
#include "core/validation.h"

namespace ankylos::core {

enum class Analyte { Crp, Esr, Mmp3, Dkk1, Sclerostin };

/// All analytes in spec order.
const std::array<Analyte, 5>& allAnalytes();
std::string toString(Analyte analyte);  ///< "CRP", "ESR", "MMP-3", "DKK-1", "sclerostin"
/// Parses the names above (exact text); throws ValidationError naming the field, the text and the names.
Analyte parseAnalyte(const std::string& text, const std::string& field = "analyte");

/// "mg/L", "mm/h", "ng/mL", "pg/mL", "pmol/L".
std::string canonicalUnit(Analyte analyte);
/// The accepted unit texts, canonical first.
std::vector<std::string> acceptedUnits(Analyte analyte);
/// "mg/L or mg/dL", for messages.
std::string acceptedUnitsText(Analyte analyte);
/// The factor that converts a value in unit to the canonical unit, or nullopt when the unit is not
/// accepted for the analyte.
std::optional<double> unitFactor(Analyte analyte, const std::string& unit);
/// value (in unit) in the canonical unit. Throws ValidationError naming the analyte, the unit and
/// the accepted units when the unit is empty or not accepted. No range check.
double toCanonicalUnit(Analyte analyte, double value, const std::string& unit);

/// The hard and soft ranges of docs/methods.md 6, in the canonical unit.
struct LabLimits {
    double hardMin = 0;
    double hardMax = 0;
    double softMax = 0;  ///< above it the user is asked to confirm
};
LabLimits labLimits(Analyte analyte);

enum class SampleType { Serum, Plasma };
std::string toString(SampleType type);  ///< "serum", "plasma"
/// Parses "serum", "plasma"; throws ValidationError.
SampleType parseSampleType(const std::string& text, const std::string& field = "sample type");

/// One laboratory value, as entered.
struct LabValue {
    Analyte analyte = Analyte::Crp;
    double value = 0;  ///< in unit; below the detection limit: the number reported (usually the limit)
    std::string unit;  ///< as entered; must be accepted for the analyte
    Date sampleDate;
    std::string assay;                     ///< assay or kit; empty when not recorded
    std::optional<SampleType> sampleType;  ///< nullopt when not recorded or not applicable (ESR: whole blood)
    std::string laboratory;
    bool belowDetectionLimit = false;
    std::optional<double> detectionLimit;  ///< in unit; required when belowDetectionLimit
};

/// Every problem of one value: missing or unaccepted unit; value outside the hard range (error) or
/// above the soft limit (warning); below the detection limit without a limit; a limit that is not
/// > 0 or outside the hard range; a value flagged below the limit that is greater than the limit.
Validation validateLabValue(const LabValue& value);
/// As above, plus docs/methods.md 8: the sample date is not in the future and not before birth.
Validation validateLabValue(const LabValue& value, std::optional<Date> birth, Date today);
/// The value in its analyte's canonical unit; throws ValidationError on any hard error.
double canonicalValue(const LabValue& value);

/// How a reference range's limits are found.
enum class ReferenceRule {
    Fixed,   ///< lower and upper as configured
    EsrAge,  ///< upper = age / 2 (men), (age + 10) / 2 (women); no lower limit
};

/// One configured reference range.
struct ReferenceRange {
    Analyte analyte = Analyte::Crp;
    std::optional<Sex> sex;  ///< nullopt: either sex
    std::string assay;       ///< empty: any assay (the generic range)
    ReferenceRule rule = ReferenceRule::Fixed;
    std::optional<double> lower;  ///< canonical unit; nullopt: no lower limit (Fixed only)
    std::optional<double> upper;  ///< canonical unit; nullopt: no upper limit (Fixed only)
};

/// The spec's default ranges (see the header comment).
const std::vector<ReferenceRange>& defaultReferenceRanges();
/// Every problem of a range list: limits not finite or negative, lower > upper, a Fixed range with
/// no limit, an EsrAge range for an analyte other than ESR or with limits, two ranges for the same
/// analyte, sex and assay.
Validation validateReferenceRanges(const std::vector<ReferenceRange>& ranges);
/// The range that applies: assay-specific before generic (empty assay), then sex-specific before
/// either-sex; ranges for the other sex or another assay never apply. Assay text matches exactly.
/// nullopt when none applies.
std::optional<ReferenceRange> findReferenceRange(const std::vector<ReferenceRange>& ranges, Analyte analyte,
                                                 Sex sex, const std::string& assay);

enum class ReferenceFlag {
    Low,
    Within,
    High,
    Indeterminate,     ///< below a detection limit that lies inside or above the range
    NoReferenceRange,  ///< no configured range applies
};
/// "low", "within", "high", "indeterminate", "no_reference_range"
std::string toString(ReferenceFlag flag);
/// "low", "within range", "high", "indeterminate", "no reference range", for clinical text.
std::string label(ReferenceFlag flag);

struct ReferenceAssessment {
    ReferenceFlag flag = ReferenceFlag::NoReferenceRange;
    double value = 0;                     ///< canonical unit
    std::string unit;                     ///< canonical unit
    std::optional<ReferenceRange> range;  ///< the range applied
    std::optional<double> lower;          ///< the limits applied, canonical unit
    std::optional<double> upper;
    std::optional<int> age;  ///< age at the sample date, when the rule uses it
    std::string reason;      ///< why no flag or an indeterminate one
};

/// The flag of a value against the range that applies to the patient's sex and the value's assay
/// (limits inclusive: a CRP of exactly 5 mg/L is within). A value below the detection limit is
/// known only to be below the limit: low when the limit is at or below the lower limit, within when
/// there is no lower limit and the limit is at or below the upper one, otherwise indeterminate.
/// Throws ValidationError on a hard error of the value, or of the ranges, or a sample date before birth.
ReferenceAssessment assessReference(const LabValue& value, Sex sex, Date birth,
                                    const std::vector<ReferenceRange>& ranges);

/// True when two values' assays are both recorded and differ (the texts are not equal), so a trend
/// chart marks an assay change between them. An assay not recorded (empty) is not a change: it says
/// nothing about the assay, so a chart compares the next recorded assay with the last recorded one.
/// Values of different analytes are never comparable: true.
bool assaysDiffer(const LabValue& a, const LabValue& b);

}  // namespace ankylos::core
