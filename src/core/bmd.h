#pragma once
/// Bone mineral density by DXA (docs/methods.md 5): measurements, the WHO / ISCD category, the AS
/// caveat on lumbar BMD, and the change between two scans.
///
/// Units: BMD in g/cm2 (hard range 0.2 to 2.5); T- and Z-scores as reported by the device (hard range
/// -8 to +8). The program never recomputes T or Z.
///
/// Category (lowest score of the sites used; ties go to the first site in spec order):
/// - women after menopause and men aged 50 or more at the scan date (WHO, T-score): normal T >= -1.0;
///   osteopenia -2.5 < T < -1.0; osteoporosis T <= -2.5.
/// - women before menopause and men under 50 (ISCD, Z-score): Z <= -2.0 "below the expected range
///   for age", otherwise "within the expected range for age"; never osteoporosis on BMD alone.
/// Scores are typed values from the device report, not computed ones, so the cut-offs are compared
/// exactly (no tolerance).
/// AS caveat: when the lumbar segment of the nearest film within 1 year of the scan (either side)
/// has any site graded 2 or 3, the lumbar value is flagged "possibly falsely elevated by
/// syndesmophytes" and the category uses the hip sites only (femoral neck, total hip). Otherwise
/// every measured site is used.
///
/// Missing data: a woman's menopausal status that is not recorded makes the category not
/// computable (it decides between T and Z). A site that is used but lacks the score its basis needs
/// also makes the category not computable, naming the site: the lowest score cannot be known.
///
/// Change between scans: delta in g/cm2 (never T-scores); significant only when |delta| >= the
/// least significant change (LSC = 2.77 x precision error) configured for that device and site,
/// compared with the 1e-9 tolerance; with no LSC configured, significance is unknown.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/patient.h"
#include "core/translatable.h"
#include "core/validation.h"

namespace ankylos::core {

/// DXA sites, in spec order.
enum class BmdSite { LumbarSpine, FemoralNeck, TotalHip, Radius33 };

/// All four sites in spec order.
const std::array<BmdSite, 4>& allBmdSites();
std::string toString(BmdSite site);  ///< "lumbar", "femoral_neck", "total_hip", "radius_33"
/// The site as clinical text shows it: "lumbar spine", "femoral neck", "total hip", "1/3 radius".
std::string label(BmdSite site);
/// Parses the names above; throws ValidationError naming the field, the text and the allowed names.
BmdSite parseBmdSite(const std::string& text, const std::string& field = "BMD site");

/// Lumbar vertebrae that a spine BMD may include.
enum class Vertebra { L1, L2, L3, L4 };
std::string toString(Vertebra vertebra);  ///< "L1" ... "L4"
/// Parses "L1,L2,L4" and ranges such as "L1-L4" (or a mix: "L1-L2,L4"), in any order; throws
/// ValidationError naming the field and the text. Duplicates are kept for validation to report.
std::vector<Vertebra> parseVertebrae(const std::string& text, const std::string& field = "vertebrae");
/// "L1-L4" for a contiguous run in order, otherwise "L1, L2, L4".
std::string toString(const std::vector<Vertebra>& vertebrae);

constexpr double kBmdMin = 0.2;      ///< g/cm2
constexpr double kBmdMax = 2.5;      ///< g/cm2
constexpr double kBmdScoreMin = -8;  ///< T- and Z-score
constexpr double kBmdScoreMax = 8;

/// The DXA device, as on its report.
struct DxaDevice {
    std::string manufacturer;
    std::string model;
};
bool operator==(const DxaDevice& a, const DxaDevice& b);
bool operator!=(const DxaDevice& a, const DxaDevice& b);
/// "Hologic Horizon A"; "(device not recorded)" when neither part is known.
std::string deviceText(const DxaDevice& device);

/// One site of one DXA scan.
struct BmdMeasurement {
    BmdSite site = BmdSite::LumbarSpine;
    double bmd = 0;                ///< g/cm2
    std::optional<double> tScore;  ///< device-reported; nullopt when not reported
    std::optional<double> zScore;  ///< device-reported; nullopt when not reported
    DxaDevice device;
    std::vector<Vertebra> vertebrae;  ///< lumbar spine only: at least two, no duplicates
};

/// One DXA scan: its date and up to one measurement per site.
struct BmdScan {
    Date date;
    std::vector<BmdMeasurement> measurements;
};

/// Every problem of one measurement: BMD outside 0.2-2.5 g/cm2, a score outside -8 to +8, spine
/// vertebrae missing, fewer than two or repeated, vertebrae given for a site other than the spine.
Validation validateBmdMeasurement(const BmdMeasurement& measurement);
/// Every problem of every measurement, and a site measured twice.
Validation validateBmdScan(const BmdScan& scan);
/// As above, plus docs/methods.md 8: the scan date is not in the future and not before birth.
Validation validateBmdScan(const BmdScan& scan, std::optional<Date> birth, Date today);

enum class BmdCategory {
    Normal,
    Osteopenia,
    Osteoporosis,
    BelowExpectedRangeForAge,
    WithinExpectedRangeForAge
};
/// "normal", "osteopenia", "osteoporosis", "below_expected_range_for_age", "within_expected_range_for_age"
std::string toString(BmdCategory category);
/// The category as clinical text shows it: "normal", "osteopenia", "osteoporosis", "below the expected
/// range for age", "within the expected range for age" (docs/methods.md 5).
std::string label(BmdCategory category);

/// Which score and reference the category uses.
enum class BmdBasis {
    TScore,  ///< WHO: women after menopause, men aged 50 or more
    ZScore,  ///< ISCD: women before menopause, men under 50
};
std::string toString(BmdBasis basis);  ///< "T-score", "Z-score"

/// The flag on the lumbar value under the AS caveat (docs/methods.md 5).
inline constexpr const char* kLumbarSyndesmophyteFlag = N_("possibly falsely elevated by syndesmophytes");

/// Films farther than this from the scan (either side) are not used for the AS caveat. 1 year is
/// taken as 365 days, i.e. days / 365.25 <= 1 as for the progression interval (docs/methods.md 1.5).
constexpr int kCaveatFilmWindowDays = 365;

struct BmdClassification {
    std::optional<BmdCategory> category;  ///< nullopt when not computable
    std::optional<BmdBasis> basis;        ///< nullopt when the menopausal status is not recorded
    int ageAtScan = 0;                    ///< completed years at the scan date
    std::vector<BmdSite> sitesUsed;       ///< in spec order
    std::optional<double> lowestScore;    ///< the score the category comes from
    std::optional<BmdSite> lowestSite;    ///< where it was measured
    bool lumbarSyndesmophytes = false;    ///< the AS caveat applied (category from the hip sites only)
    std::optional<Date> filmDate;         ///< the film that decided the caveat, when films were given
    std::string lumbarFlag;  ///< kLumbarSyndesmophyteFlag when a lumbar value is flagged, else empty
    std::string note;        ///< for the report: says when the hip sites only were used
    std::string reason;      ///< why the category is not computable
};

/// The category of one scan (docs/methods.md 5). postmenopausal is read for women only (nullopt:
/// not recorded); lumbarSyndesmophytes says whether the nearest film within 1 year shows a lumbar
/// grade 2 or 3 (what the command line passes). Throws ValidationError on any hard error of
/// validateBmdScan, and when the scan date is before birth.
BmdClassification classifyBmd(const BmdScan& scan, Sex sex, Date birth, std::optional<bool> postmenopausal,
                              bool lumbarSyndesmophytes);

/// The index of the film nearest to the scan date within kCaveatFilmWindowDays (either side), or
/// nullopt. Tie rule: at equal distance the film before the scan wins (new bone is irreversible,
/// docs/methods.md 1.4, so what it shows was present at the scan); films on one date: the first
/// in the list.
std::optional<std::size_t> nearestFilmWithinAYear(const std::vector<Date>& filmDates, Date scanDate);

/// As classifyBmd, with the caveat decided from the patient's films: hasLumbarSyndesmophyte of the
/// film nearestFilmWithinAYear picks (no film within 1 year: no caveat).
BmdClassification classifyBmdWithFilms(const BmdScan& scan, Sex sex, Date birth,
                                       std::optional<bool> postmenopausal, const std::vector<Film>& films);

/// LSC = 2.77 x precision error (g/cm2). Throws ValidationError unless the precision error is > 0.
double leastSignificantChange(double precisionError);

/// The LSC configured for one device and site, in g/cm2.
struct LscSetting {
    DxaDevice device;
    BmdSite site = BmdSite::LumbarSpine;
    double lsc = 0;  ///< g/cm2, > 0
};

/// Every problem of an LSC table: an LSC that is not > 0, a device and site configured twice.
Validation validateLscSettings(const std::vector<LscSetting>& settings);
/// The LSC for that device (manufacturer and model, exact text) and site, or nullopt.
std::optional<double> findLsc(const std::vector<LscSetting>& settings, const DxaDevice& device, BmdSite site);

struct BmdChange {
    BmdSite site = BmdSite::LumbarSpine;
    Date from;
    Date to;
    double bmdFrom = 0;               ///< g/cm2
    double bmdTo = 0;                 ///< g/cm2
    double delta = 0;                 ///< later - earlier, g/cm2
    std::optional<double> lsc;        ///< g/cm2; nullopt when none is configured
    std::optional<bool> significant;  ///< nullopt: significance unknown
    std::string note;                 ///< "significance unknown: ..." or other remarks for the report
};

/// The change at one site between two scans (docs/methods.md 5). Both measurements must be of the
/// same site and valid, and earlierDate < laterDate, else ValidationError. The LSC is that of the
/// device of both scans; when the devices differ, no single device's LSC applies and significance is
/// unknown.
BmdChange compareBmd(Date earlierDate, const BmdMeasurement& earlier, Date laterDate,
                     const BmdMeasurement& later, const std::vector<LscSetting>& lscSettings);

}  // namespace ankylos::core
