#include "core/agreement.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

constexpr double kNormalQuantile = 1.96;  // two-sided 95 %

// Scores near the limits of double precision (1e308) make sums of squares overflow.
const char* const kTooLarge =
    "not computable: the scores are too large for the arithmetic (a sum of squares overflows)";

double mean(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::string counted(int number, const char* singular, const char* plural) {
    return std::to_string(number) + " " + (number == 1 ? singular : plural);
}

void addReason(std::string& reason, const std::string& sentence) {
    reason += (reason.empty() ? "" : "; ") + sentence;
}

}  // namespace

CompleteSubjects completeSubjects(const std::vector<ReaderScores>& readers) {
    CompleteSubjects result;
    if (readers.empty())
        return result;
    const std::size_t n = readers.front().scores.size();
    for (const ReaderScores& reader : readers)
        if (reader.scores.size() != n)
            throw ValidationError(
                "scores of reader " + reader.reader,
                counted(static_cast<int>(reader.scores.size()), "score", "scores"),
                "as many as reader " + readers.front().reader + " (" + std::to_string(n) + ")");
    for (std::size_t subject = 0; subject < n; ++subject) {
        std::vector<double> row;
        for (const ReaderScores& reader : readers)
            if (reader.scores[subject])
                row.push_back(*reader.scores[subject]);
        if (row.size() == readers.size())
            result.rows.push_back(std::move(row));
        else
            ++result.dropped;
    }
    return result;
}

namespace {

/// Sums of squares of a complete n x k table.
struct SumsOfSquares {
    double rows = 0, columns = 0, residual = 0;
};

/// The table minus its first score. Sums of squares do not change with a shift, and equal scores
/// become exact zeros: averaging 40.9 three times does not give 40.9 back in binary, and the
/// difference would leave mean squares of 1e-28 instead of 0.
std::vector<std::vector<double>> shiftedToFirstScore(std::vector<std::vector<double>> rows) {
    const double origin = rows.front().front();
    for (std::vector<double>& row : rows)
        for (double& score : row)
            score -= origin;
    return rows;
}

SumsOfSquares sumsOfSquares(const std::vector<std::vector<double>>& table, std::size_t k) {
    const std::vector<std::vector<double>> rows = shiftedToFirstScore(table);
    const double n = static_cast<double>(rows.size());
    std::vector<double> rowMeans;
    std::vector<double> columnMeans(k, 0.0);
    for (const std::vector<double>& row : rows) {
        if (row.size() != k)
            throw InternalError("two-way ANOVA needs the same number of readers in every row");
        rowMeans.push_back(mean(row));
        for (std::size_t j = 0; j < k; ++j)
            columnMeans[j] += row[j] / n;
    }
    const double grand = mean(rowMeans);
    SumsOfSquares ss;
    for (double rowMean : rowMeans)
        ss.rows += static_cast<double>(k) * (rowMean - grand) * (rowMean - grand);
    for (double columnMean : columnMeans)
        ss.columns += n * (columnMean - grand) * (columnMean - grand);
    // From the residuals themselves, not SST - SSR - SSC, which can come out slightly negative.
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < k; ++j) {
            const double residual = rows[i][j] - rowMeans[i] - columnMeans[j] + grand;
            ss.residual += residual * residual;
        }
    return ss;
}

}  // namespace

AnovaTable twoWayAnova(const std::vector<std::vector<double>>& rows) {
    const std::size_t n = rows.size();
    const std::size_t k = n == 0 ? 0 : rows.front().size();
    if (n < 2 || k < 2)
        throw InternalError("two-way ANOVA needs at least 2 subjects and 2 readers");
    const SumsOfSquares ss = sumsOfSquares(rows, k);
    const double dn = static_cast<double>(n), dk = static_cast<double>(k);
    return AnovaTable{static_cast<int>(n), static_cast<int>(k), ss.rows / (dn - 1), ss.columns / (dk - 1),
                      ss.residual / ((dn - 1) * (dk - 1))};
}

std::optional<double> iccAgreementSingle(const AnovaTable& a) {
    const double k = a.readers, n = a.subjects;
    // Every term is non-negative for n >= 2, k >= 2: the sum is 0 only when MSR = MSC = 0 and either
    // MSE = 0 or n = k = 2.
    const double denominator = a.msr + (k - 1) * a.mse + (k / n) * (a.msc - a.mse);
    if (denominator <= 0)
        return std::nullopt;
    return (a.msr - a.mse) / denominator;
}

std::optional<double> iccAgreementMean(const AnovaTable& a) {
    const double denominator = a.msr + (a.msc - a.mse) / a.subjects;
    if (denominator <= 0)
        return std::nullopt;
    return (a.msr - a.mse) / denominator;
}

double smallestDetectableChange(const AnovaTable& anova) {
    return kNormalQuantile * std::sqrt(anova.mse / anova.readers);
}

int countExceedingSdc(const std::vector<std::vector<double>>& rows, double sdc) {
    return static_cast<int>(std::count_if(rows.begin(), rows.end(), [sdc](const std::vector<double>& row) {
        return mean(row) > sdc + kComparisonTolerance;
    }));
}

std::optional<BlandAltman> blandAltman(const std::vector<std::vector<double>>& rows) {
    if (rows.size() < 2)
        return std::nullopt;
    std::vector<double> differences;
    for (const std::vector<double>& row : rows) {
        if (row.size() != 2)
            return std::nullopt;
        differences.push_back(row[0] - row[1]);
    }
    BlandAltman result;
    result.meanDifference = mean(differences);
    double squares = 0;
    for (double difference : differences)
        squares += (difference - result.meanDifference) * (difference - result.meanDifference);
    result.sdDifference = std::sqrt(squares / static_cast<double>(differences.size() - 1));
    result.loaLower = result.meanDifference - kNormalQuantile * result.sdDifference;
    result.loaUpper = result.meanDifference + kNormalQuantile * result.sdDifference;
    return result;
}

namespace {

/// The ICCs and their reasons, from a computed table.
void fillIccs(AgreementResult& result, const std::vector<std::vector<double>>& rows) {
    const AnovaTable& a = *result.anova;
    if (a.msr == 0 && a.msc == 0 && a.mse == 0) {
        addReason(result.reason, "ICC not computable: every score is " + formatNumber(rows.front().front()) +
                                     ", so nothing varies between subjects or readers");
        return;
    }
    result.iccA1 = iccAgreementSingle(a);
    if (!result.iccA1)
        addReason(result.reason,
                  "ICC(A,1) not computable: the scores vary neither between subjects nor between readers");
    result.iccAk = iccAgreementMean(a);
    if (!result.iccAk)
        addReason(result.reason, "ICC(A,k) not computable: its denominator MSR + (MSC - MSE) / n is " +
                                     formatNumber(a.msr + (a.msc - a.mse) / a.subjects) +
                                     ", not positive (the readers disagree more than the subjects differ)");
}

}  // namespace

AgreementResult assessAgreement(const std::vector<ReaderScores>& readers, ScoreKind kind) {
    AgreementResult result;
    result.kind = kind;
    result.readers = static_cast<int>(readers.size());
    const CompleteSubjects complete = completeSubjects(readers);
    result.subjects = static_cast<int>(complete.rows.size());
    result.dropped = complete.dropped;
    if (result.readers < 2) {
        result.reason = "not computable: agreement needs at least 2 readers (" +
                        counted(result.readers, "reader", "readers") + " given)";
        return result;
    }
    if (result.subjects < 2) {
        result.reason = "not computable: agreement needs at least 2 subjects scored by every reader (" +
                        std::to_string(result.subjects) + "; " + std::to_string(result.dropped) +
                        " left out for a missing score)";
        return result;
    }
    const AnovaTable anova = twoWayAnova(complete.rows);
    if (!std::isfinite(anova.msr) || !std::isfinite(anova.msc) || !std::isfinite(anova.mse)) {
        result.reason = kTooLarge;
        return result;
    }
    result.anova = anova;
    fillIccs(result, complete.rows);
    result.sdc = smallestDetectableChange(anova);
    if (kind == ScoreKind::Change)
        result.exceedingSdc = countExceedingSdc(complete.rows, *result.sdc);
    if (result.readers == 2) {
        result.blandAltman = blandAltman(complete.rows);
        const BlandAltman& ba = *result.blandAltman;
        if (!std::isfinite(ba.meanDifference) || !std::isfinite(ba.loaLower) || !std::isfinite(ba.loaUpper)) {
            result.blandAltman.reset();
            addReason(result.reason, std::string("Bland-Altman ") + kTooLarge);
        }
    }
    return result;
}

SyndesmophyteKappa syndesmophyteKappa(const std::vector<std::optional<SiteScore>>& first,
                                      const std::vector<std::optional<SiteScore>>& second) {
    if (first.size() != second.size())
        throw InternalError("kappa needs the same sites in both readings");
    SyndesmophyteKappa result;
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (!first[i] || !second[i] || !first[i]->assessable() || !second[i]->assessable()) {
            ++result.leftOut;
            continue;
        }
        const bool a = first[i]->grade() >= 2, b = second[i]->grade() >= 2;
        ++(a ? (b ? result.bothPresent : result.firstOnly) : (b ? result.secondOnly : result.neither));
        ++result.sites;
    }
    if (result.sites == 0) {
        result.reason = "not computable: no site is assessable in both readings";
        return result;
    }
    const double total = result.sites;
    const double firstPresent = result.bothPresent + result.firstOnly;
    const double secondPresent = result.bothPresent + result.secondOnly;
    result.observed = (result.bothPresent + result.neither) / total;
    result.expected =
        (firstPresent * secondPresent + (total - firstPresent) * (total - secondPresent)) / (total * total);
    if (*result.expected >= 1) {  // exactly 1 (N x N / N^2) when both put every site in one category
        result.reason = "not computable: both readers put every one of the " + std::to_string(result.sites) +
                        " sites in the same category (chance agreement is 1)";
        return result;
    }
    result.kappa = (*result.observed - *result.expected) / (1 - *result.expected);
    return result;
}

ProgressorAgreement progressorAgreement(
    const std::vector<std::pair<std::optional<bool>, std::optional<bool>>>& statuses) {
    ProgressorAgreement result;
    for (const auto& [first, second] : statuses) {
        if (!first || !second) {
            ++result.leftOut;
            continue;
        }
        ++result.patients;
        if (*first == *second)
            ++result.agreeing;
    }
    if (result.patients == 0)
        result.reason = "not computable: no patient has a progressor status from both readers (" +
                        std::to_string(result.leftOut) + " left out)";
    else
        result.share = static_cast<double>(result.agreeing) / result.patients;
    return result;
}

Discordance assessDiscordance(const std::vector<IntervalReading>& readers, std::optional<double> sdc) {
    if (readers.size() < 2)
        throw InternalError("discordance needs at least 2 readers");
    Discordance result;
    result.progressionDisagrees = std::any_of(readers.begin(), readers.end(), [&](const IntervalReading& r) {
        return r.progression != readers.front().progression;
    });
    const bool everyChange = std::all_of(readers.begin(), readers.end(),
                                         [](const IntervalReading& r) { return r.change.has_value(); });
    if (!sdc)
        result.reason = "change scores not compared: the SDC is not computable";
    else if (!everyChange)
        result.reason = "change scores not compared: a reader's change score is not computable";
    else {
        const auto [low, high] = std::minmax_element(
            readers.begin(), readers.end(),
            [](const IntervalReading& a, const IntervalReading& b) { return *a.change < *b.change; });
        result.changeBeyondSdc = *high->change - *low->change > *sdc + kComparisonTolerance;
    }
    result.discordant = result.progressionDisagrees || result.changeBeyondSdc.value_or(false);
    return result;
}

}  // namespace ankylos::core
