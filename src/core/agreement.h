#pragma once
/// Agreement between readers, the smallest detectable change and the discordance rule
/// (docs/methods.md 11). References: McGraw and Wong, Psychol Methods 1996;1:30-46 (ICC(A,1) and
/// ICC(A,k), two-way model, absolute agreement); Shrout and Fleiss, Psychol Bull 1979;86:420-428
/// (the same coefficients as ICC(2,1) and ICC(2,k)); Bruynesteyn et al., Ann Rheum Dis 2005 (SDC of
/// change scores); Bland and Altman, Lancet 1986 (limits of agreement); Cohen 1960 (kappa).
///
/// Units: those of the scores (mSASSS units for status or change scores); ICC and kappa have none.
/// No rounding: figures are kept at full precision.
/// Missing data: a subject lacking a score from any reader is left out and counted (dropped); the
/// figures use the n subjects scored by every one of the k readers. Fewer than 2 such subjects, fewer
/// than 2 readers, a ratio whose denominator is zero (all scores equal), or scores so large that a sum
/// of squares overflows gives "not computable" with the reason, as a value; nothing here throws for
/// stored data.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/msasss.h"

namespace ankylos::core {

/// One reader's scores of the same n subjects, in the same subject order; nullopt = no score.
struct ReaderScores {
    std::string reader;
    std::vector<std::optional<double>> scores;
};

/// Status scores (one film per subject) or change scores (one interval per subject).
enum class ScoreKind { Status, Change };

/// Subjects scored by every reader: rows[subject][reader], in the given orders.
struct CompleteSubjects {
    std::vector<std::vector<double>> rows;
    int dropped = 0;  ///< subjects left out because some reader has no score for them
};

/// Keeps the subjects every reader scored. Throws ValidationError naming the reader when the readers
/// do not score the same number of subjects (the caller built the table wrongly).
CompleteSubjects completeSubjects(const std::vector<ReaderScores>& readers);

/// Two-way ANOVA without replication, subjects (rows) x readers (columns): mean squares.
struct AnovaTable {
    int subjects = 0;  ///< n
    int readers = 0;   ///< k
    double msr = 0;    ///< subjects: SSR / (n - 1), SSR = k sum (row mean - grand mean)^2
    double msc = 0;    ///< readers: SSC / (k - 1), SSC = n sum (column mean - grand mean)^2
    double mse = 0;    ///< residual: SSE / ((n - 1)(k - 1)), from the residuals themselves
};

/// The mean squares of a complete table; throws InternalError unless it has n >= 2 rows of the same
/// k >= 2 scores (assessAgreement checks this first). Computed on the scores minus the first
/// score, so that equal scores give mean squares of exactly 0.
AnovaTable twoWayAnova(const std::vector<std::vector<double>>& rows);

/// ICC(A,1) = (MSR - MSE) / (MSR + (k - 1) MSE + (k / n)(MSC - MSE)); nullopt when the denominator
/// is zero (no variance between subjects or readers).
std::optional<double> iccAgreementSingle(const AnovaTable& anova);

/// ICC(A,k) = (MSR - MSE) / (MSR + (MSC - MSE) / n), for the mean of the k readers; nullopt when the
/// denominator is not positive (no variance, or a residual so large that the estimated variance of the
/// mean score is not positive: no reliability can be stated).
std::optional<double> iccAgreementMean(const AnovaTable& anova);

/// SDC of the mean of k readers' change scores: 1.96 sqrt(MSE / k). With k = 2 this equals
/// Bruynesteyn's 1.96 SD(difference) / (sqrt 2 sqrt k).
double smallestDetectableChange(const AnovaTable& anova);

/// Subjects whose mean change (over the k readers) exceeds the SDC: mean > SDC (signed: progression;
/// a mean equal to the SDC within 1e-9 does not exceed it).
int countExceedingSdc(const std::vector<std::vector<double>>& rows, double sdc);

/// Bland-Altman for two readers: differences first reader minus second.
struct BlandAltman {
    double meanDifference = 0;
    double sdDifference = 0;  ///< sample SD (n - 1 in the denominator)
    double loaLower = 0;      ///< meanDifference - 1.96 sdDifference
    double loaUpper = 0;      ///< meanDifference + 1.96 sdDifference
};

/// Bland-Altman of rows of two scores; nullopt unless every row has 2 scores and there are n >= 2.
std::optional<BlandAltman> blandAltman(const std::vector<std::vector<double>>& rows);

struct AgreementResult {
    ScoreKind kind = ScoreKind::Status;
    int readers = 0;   ///< k
    int subjects = 0;  ///< n used: the subjects scored by every reader
    int dropped = 0;   ///< subjects left out
    std::optional<AnovaTable> anova;
    std::optional<double> iccA1;             ///< ICC(A,1)
    std::optional<double> iccAk;             ///< ICC(A,k)
    std::optional<double> sdc;               ///< 1.96 sqrt(MSE / k)
    std::optional<int> exceedingSdc;         ///< change scores only: subjects whose mean change > SDC
    std::optional<BlandAltman> blandAltman;  ///< k = 2 only
    std::string reason;  ///< why a figure is missing ("; "-joined); empty when every figure is there

    bool computable() const { return anova.has_value(); }
};

/// Every agreement figure of section 11 for k readers' scores of the same subjects. Throws
/// ValidationError only for a table of unequal lengths (see completeSubjects).
AgreementResult assessAgreement(const std::vector<ReaderScores>& readers, ScoreKind kind);

/// Cohen's kappa for "syndesmophyte present" (grade 2 or 3) between two readings of the same sites.
struct SyndesmophyteKappa {
    int sites = 0;                   ///< sites assessable in both readings
    int leftOut = 0;                 ///< sites not scored, or not assessable, in either reading
    int bothPresent = 0;             ///< the 2 x 2 table: a
    int firstOnly = 0;               ///< b: present for the first reader only
    int secondOnly = 0;              ///< c: present for the second reader only
    int neither = 0;                 ///< d
    std::optional<double> observed;  ///< po = (a + d) / sites
    std::optional<double> expected;  ///< pe = ((a + b)(a + c) + (c + d)(b + d)) / sites^2
    std::optional<double> kappa;     ///< (po - pe) / (1 - pe)
    std::string reason;              ///< why kappa is not computable
};

/// Kappa over the sites, position by position (sites of several films may be concatenated). Throws
/// InternalError when the two lists differ in length.
SyndesmophyteKappa syndesmophyteKappa(const std::vector<std::optional<SiteScore>>& first,
                                      const std::vector<std::optional<SiteScore>>& second);

/// Share of patients whose progressor status (docs/methods.md 1.5) agrees between two readers.
struct ProgressorAgreement {
    int patients = 0;  ///< patients with a status from both readers
    int agreeing = 0;
    int leftOut = 0;              ///< a reader's status not computable
    std::optional<double> share;  ///< agreeing / patients
    std::string reason;
};

/// Pairs of (first reader's, second reader's) progressor status; nullopt = not computable.
ProgressorAgreement progressorAgreement(
    const std::vector<std::pair<std::optional<bool>, std::optional<bool>>>& statuses);

/// One reader's result for an interval: progression (1.5) and the change score.
struct IntervalReading {
    bool progression = false;
    std::optional<double> change;  ///< nullopt when a film score is not computable
};

/// Whether an interval needs adjudication (docs/methods.md 11).
struct Discordance {
    bool discordant = false;
    bool progressionDisagrees = false;  ///< the readers do not all agree on progression
    /// the largest difference between two readers' change scores exceeds the SDC; nullopt when a
    /// change score or the SDC is missing (not evaluable)
    std::optional<bool> changeBeyondSdc;
    std::string reason;  ///< why the change criterion is not evaluable
};

/// Discordant when the readers disagree on progression, or when two readers' change scores differ by
/// more than the SDC (by more than 1e-9). Throws InternalError for fewer than 2 readers.
Discordance assessDiscordance(const std::vector<IntervalReading>& readers, std::optional<double> sdc);

}  // namespace ankylos::core
