#pragma once
/// CTSS, the CT Syndesmophyte Score on low-dose CT. Reference: de Bruin et al., Ann Rheum Dis 2018
/// (SIAS cohort) (docs/methods.md 12).
///
/// 23 vertebral units (VU), C2/C3 to L5/S1, of 8 quadrants each (184): the lower endplate of the
/// upper vertebra and the upper endplate of the lower vertebra, each anterior, posterior, left and
/// right. Units: CTSS units, 0-3 per quadrant, 0-24 per VU; cervical (C2/C3-C7/T1, 48 quadrants)
/// 0-144, thoracic (T1/T2-T11/T12, 88 quadrants) 0-264, lumbar (T12/L1-L5/S1, 48 quadrants) 0-144;
/// total 0-552. Totals are real numbers when quadrants were imputed: kept at full precision.
/// Missing data (a product decision in the spirit of the mSASSS rule): per segment and reading, when
/// at most ctss.max_missing_fraction_per_segment (default 0.25) of its quadrants are not assessable,
/// segment = sum(observed) x quadrants in segment / observed; otherwise the segment and the total are
/// not computable. A quadrant not scored at all makes its segment not computable; nothing is imputed
/// for it. CTSS and mSASSS are separate scores: no type here holds or adds an mSASSS value.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/msasss.h"  // NotAssessableReason, shared with the mSASSS (docs/methods.md 1.2)
#include "core/patient.h"
#include "core/settings.h"
#include "core/validation.h"

namespace ankylos::core {

constexpr int kVertebralUnitCount = 23;
constexpr int kQuadrantsPerUnit = 8;
constexpr int kQuadrantCount = kVertebralUnitCount * kQuadrantsPerUnit;  // 184

/// The three CTSS segments (the mSASSS has its own Segment: the two are never mixed).
enum class CtssSegment { Cervical, Thoracic, Lumbar };
const std::array<CtssSegment, 3>& allCtssSegments();
std::string toString(CtssSegment segment);  ///< "cervical", "thoracic", "lumbar"
int quadrantCount(CtssSegment segment);     ///< 48, 88, 48

/// Which endplate of a vertebral unit: the upper vertebra's lower endplate (ID `_inf`) or the lower
/// vertebra's upper endplate (ID `_sup`).
enum class Endplate { UpperVertebraLower, LowerVertebraUpper };
/// Where on the endplate: anterior and posterior in the sagittal plane, left and right in the coronal.
enum class QuadrantSide { Anterior, Posterior, Left, Right };

/// One of the 184 quadrants, by its 0-based position in the order of docs/methods.md 12: VUs cranial
/// to caudal; within a VU the upper vertebra's 4 quadrants, then the lower vertebra's; each anterior,
/// posterior, left, right.
class Quadrant {
public:
    /// Throws InternalError unless 0 <= index < 184.
    explicit Quadrant(int index);
    int index() const { return m_index; }
    int unit() const { return m_index / kQuadrantsPerUnit; }  ///< 0 (C2/C3) to 22 (L5/S1)
    Endplate endplate() const;
    QuadrantSide side() const;
    bool operator==(const Quadrant& other) const { return m_index == other.m_index; }
    bool operator!=(const Quadrant& other) const { return m_index != other.m_index; }

private:
    int m_index;
};

/// All 184 quadrants in spec order.
const std::array<Quadrant, kQuadrantCount>& allQuadrants();
/// The spec's ID: "C2_inf_ant", "C3_sup_left", ..., "S1_sup_right".
std::string quadrantId(Quadrant quadrant);
/// For people: "C2 lower endplate, anterior", "T7 upper endplate, left".
std::string quadrantLabel(Quadrant quadrant);
/// The quadrant with that exact ID, or nullopt.
std::optional<Quadrant> quadrantFromId(std::string_view id);
CtssSegment segmentOf(Quadrant quadrant);
CtssSegment segmentOfUnit(int unit);  ///< unit 0-22; throws InternalError otherwise
/// "C2/C3", ..., "T12/L1", ..., "L5/S1" for unit 0-22; throws InternalError otherwise.
std::string vertebralUnitLabel(int unit);

/// One quadrant's score: grade 0 (no syndesmophyte), 1 (< 50 % of the disc space), 2 (>= 50 %),
/// 3 (bridging), or "not assessable" with its reason (never 0).
class QuadrantScore {
public:
    /// Throws ValidationError naming the quadrant and the allowed values unless 0 <= grade <= 3.
    static QuadrantScore graded(Quadrant quadrant, int grade);
    static QuadrantScore notAssessable(NotAssessableReason reason);

    bool assessable() const { return !m_reason.has_value(); }
    /// The grade; throws InternalError when not assessable.
    int grade() const;
    std::optional<NotAssessableReason> reason() const { return m_reason; }
    bool operator==(const QuadrantScore& other) const {
        return m_grade == other.m_grade && m_reason == other.m_reason;
    }

private:
    QuadrantScore(int grade, std::optional<NotAssessableReason> reason) : m_grade(grade), m_reason(reason) {}
    int m_grade;
    std::optional<NotAssessableReason> m_reason;
};

/// Parses one quadrant's score: "0".."3", or "NA" (not assessable, reason `other` unless given).
/// Adds an error naming the quadrant ID, the value and "0, 1, 2, 3 or NA" to validation and returns
/// nullopt when the text is anything else.
std::optional<QuadrantScore> parseQuadrantScore(Quadrant quadrant, const std::string& text,
                                                Validation& validation,
                                                NotAssessableReason naReason = NotAssessableReason::Other);

/// One reader's scores of one low-dose CT. A quadrant left nullopt was not scored.
struct CtssReading {
    std::string reader;
    std::optional<Date> readingDate;
    bool chronologyKnown = false;  ///< the reader knew the scans' order (recorded; scores do not use it)
    std::array<std::optional<QuadrantScore>, kQuadrantCount> quadrants;

    const std::optional<QuadrantScore>& at(Quadrant quadrant) const { return quadrants[quadrant.index()]; }
    std::optional<QuadrantScore>& at(Quadrant quadrant) { return quadrants[quadrant.index()]; }
};

/// Parses 184 comma-separated quadrant scores in spec order ("0,1,NA,..."); throws ValidationError
/// listing every bad quadrant, or the count when it is not 184.
CtssReading parseCtssReading(const std::string& commaSeparated, const std::string& reader = "");

struct CtssSegmentScore {
    CtssSegment segment = CtssSegment::Cervical;
    std::optional<double> value;  ///< 0-144 (thoracic 0-264), nullopt when not computable
    int assessable = 0;           ///< quadrants graded 0-3
    int notAssessable = 0;        ///< quadrants scored "not assessable"
    int notScored = 0;            ///< quadrants left empty
    int imputed = 0;              ///< not-assessable quadrants replaced by the segment mean
    /// why not computable: "13 of 48 cervical quadrants not assessable (at most 12 can be imputed)"
    std::string reason;
};

struct CtssScore {
    CtssSegmentScore cervical;
    CtssSegmentScore thoracic;
    CtssSegmentScore lumbar;
    std::optional<double> total;  ///< 0-552, nullopt when any segment is not computable
    std::string reason;           ///< "not computable: ..." naming every segment that is not; else empty
    CtssSettings settings;

    const CtssSegmentScore& segment(CtssSegment which) const;
};

/// The most not-assessable quadrants a segment may have and still be scored (docs/methods.md 12):
/// the largest whole number <= fraction x quadrants in the segment.
int maxImputableQuadrants(CtssSegment segment, const CtssSettings& settings);

/// Segment and total scores of one reading (docs/methods.md 12).
CtssScore scoreCtssReading(const CtssReading& reading, const CtssSettings& settings);

/// One vertebral unit of one reading as graded, for the heat map by vertebral unit: the sum of its
/// graded quadrants (0-24) and how many of its 8 were graded, not assessable or not scored. Nothing
/// is imputed: imputation is per segment (docs/methods.md 12), so a unit's sum is what was seen.
struct VertebralUnitTally {
    int gradedSum = 0;
    int graded = 0;
    int notAssessable = 0;
    int notScored = 0;
};

/// The 23 units of a reading, cranial to caudal.
std::array<VertebralUnitTally, kVertebralUnitCount> tallyVertebralUnits(const CtssReading& reading);

/// A low-dose CT of the spine with its readings: a record of its own beside the films (a CTSS and
/// an mSASSS are never mixed).
struct CtScan {
    Date date;
    std::string device;      ///< the scanner, as the clinic names it; may be empty
    bool wholeSpine = true;  ///< the scan covered C2 to S1 (when not, quadrants outside it are N)
    std::vector<CtssReading> readings;
};

struct CtScanScore {
    std::optional<double> value;  ///< mean of the computable reading totals
    int readingsUsed = 0;
    int readingsTotal = 0;
    std::string reason;
    std::vector<CtssScore> readingScores;  ///< per reading, in the scan's order
};

/// One scan on its own, as for a film (docs/methods.md 8): the date not after today and not before
/// birth; the device a single line of text; a reader reads a scan once (readers' names compared
/// without regard to ASCII case, as registered readers are matched). Every problem names the field.
Validation validateCtScan(const CtScan& scan, std::optional<Date> birth, Date today);
/// A patient's scans: each as validateCtScan, and one scan per date.
Validation validateCtScans(const std::vector<CtScan>& scans, std::optional<Date> birth, Date today);

/// The scan's score = mean of its readers' computable totals, as for films (docs/methods.md 1.3, 12).
CtScanScore scoreCtScan(const CtScan& scan, const CtssSettings& settings);

/// One segment of the scan, as its total: the mean of the readers' computable values of that segment
/// (docs/methods.md 12), with how many readings it used; value nullopt when none is computable.
struct CtScanSegment {
    std::optional<double> value;
    int readingsUsed = 0;
};
CtScanSegment scanSegment(const CtScanScore& score, CtssSegment segment);

}  // namespace ankylos::core
