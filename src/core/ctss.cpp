#include "core/ctss.h"

#include <cmath>
#include <set>
#include <utility>

#include "core/error.h"
#include "core/format.h"
#include "core/tolerance.h"

namespace ankylos::core {

namespace {

constexpr int kVertebraCount = kVertebralUnitCount + 1;  // C2 to S1

/// Vertebra 0 (C2) to 23 (S1): C2-C7, T1-T12, L1-L5, S1.
std::string vertebraName(int vertebra) {
    if (vertebra < 6)
        return "C" + std::to_string(vertebra + 2);
    if (vertebra < 18)
        return "T" + std::to_string(vertebra - 5);
    if (vertebra < 23)
        return "L" + std::to_string(vertebra - 17);
    return "S1";
}

/// The vertebra's position from its name, or -1.
int vertebraFromName(std::string_view name) {
    for (int vertebra = 0; vertebra < kVertebraCount; ++vertebra)
        if (vertebraName(vertebra) == name)
            return vertebra;
    return -1;
}

constexpr std::string_view kSideIds[] = {"ant", "post", "left", "right"};
constexpr std::string_view kSideLabels[] = {"anterior", "posterior", "left", "right"};

/// The vertebra whose endplate holds the quadrant: the unit's upper or lower vertebra.
int vertebraOf(Quadrant quadrant) {
    return quadrant.unit() + (quadrant.endplate() == Endplate::UpperVertebraLower ? 0 : 1);
}

CtssSegmentScore scoreSegment(const CtssReading& reading, CtssSegment segment, const CtssSettings& settings) {
    CtssSegmentScore score;
    score.segment = segment;
    int observedSum = 0;
    for (Quadrant quadrant : allQuadrants()) {
        if (segmentOf(quadrant) != segment)
            continue;
        const auto& quadrantScore = reading.at(quadrant);
        if (!quadrantScore) {
            ++score.notScored;
        } else if (!quadrantScore->assessable()) {
            ++score.notAssessable;
        } else {
            ++score.assessable;
            observedSum += quadrantScore->grade();
        }
    }
    const int total = quadrantCount(segment);
    const std::string of = " of " + std::to_string(total) + " " + toString(segment) + " quadrants ";
    if (score.notScored > 0) {
        score.reason = std::to_string(score.notScored) + of + "not scored";
        return score;
    }
    const int imputable = maxImputableQuadrants(segment, settings);
    if (score.notAssessable > imputable || score.assessable == 0) {
        score.reason = std::to_string(score.notAssessable) + of + "not assessable (at most " +
                       std::to_string(imputable) + " can be imputed)";
        return score;
    }
    // Each missing quadrant takes the mean of the segment's assessable quadrants (docs/methods.md 12).
    score.imputed = score.notAssessable;
    score.value = observedSum * static_cast<double>(total) / score.assessable;
    return score;
}

/// Quadrant has no default: the array is built from its indices.
template <std::size_t... Index>
std::array<Quadrant, kQuadrantCount> quadrantsInOrder(std::index_sequence<Index...>) {
    return {{Quadrant(static_cast<int>(Index))...}};
}

}  // namespace

const std::array<CtssSegment, 3>& allCtssSegments() {
    static const std::array<CtssSegment, 3> segments = {CtssSegment::Cervical, CtssSegment::Thoracic,
                                                        CtssSegment::Lumbar};
    return segments;
}

std::string toString(CtssSegment segment) {
    switch (segment) {
        case CtssSegment::Cervical:
            return "cervical";
        case CtssSegment::Thoracic:
            return "thoracic";
        case CtssSegment::Lumbar:
            return "lumbar";
    }
    throw InternalError("unknown CtssSegment");
}

int quadrantCount(CtssSegment segment) {
    // Cervical C2/C3-C7/T1 and lumbar T12/L1-L5/S1 have 6 units each, thoracic T1/T2-T11/T12 has 11.
    return (segment == CtssSegment::Thoracic ? 11 : 6) * kQuadrantsPerUnit;
}

Quadrant::Quadrant(int index) : m_index(index) {
    if (index < 0 || index >= kQuadrantCount)
        throw InternalError("quadrant index " + std::to_string(index) + " outside 0-183");
}

Endplate Quadrant::endplate() const {
    return m_index % kQuadrantsPerUnit < 4 ? Endplate::UpperVertebraLower : Endplate::LowerVertebraUpper;
}

QuadrantSide Quadrant::side() const {
    return static_cast<QuadrantSide>(m_index % 4);
}

const std::array<Quadrant, kQuadrantCount>& allQuadrants() {
    static const std::array<Quadrant, kQuadrantCount> quadrants =
        quadrantsInOrder(std::make_index_sequence<kQuadrantCount>{});
    return quadrants;
}

std::string quadrantId(Quadrant quadrant) {
    const bool inferior = quadrant.endplate() == Endplate::UpperVertebraLower;
    return vertebraName(vertebraOf(quadrant)) + (inferior ? "_inf_" : "_sup_") +
           std::string(kSideIds[static_cast<int>(quadrant.side())]);
}

std::string quadrantLabel(Quadrant quadrant) {
    const bool inferior = quadrant.endplate() == Endplate::UpperVertebraLower;
    return vertebraName(vertebraOf(quadrant)) + (inferior ? " lower endplate, " : " upper endplate, ") +
           std::string(kSideLabels[static_cast<int>(quadrant.side())]);
}

std::optional<Quadrant> quadrantFromId(std::string_view id) {
    const auto first = id.find('_');
    const auto second = first == std::string_view::npos ? first : id.find('_', first + 1);
    if (second == std::string_view::npos)
        return std::nullopt;
    const int vertebra = vertebraFromName(id.substr(0, first));
    const std::string_view endplate = id.substr(first + 1, second - first - 1);
    const std::string_view side = id.substr(second + 1);
    if (vertebra < 0 || (endplate != "inf" && endplate != "sup"))
        return std::nullopt;
    // C2 has only its lower endplate in the score, S1 only its upper one.
    const int unit = endplate == "inf" ? vertebra : vertebra - 1;
    if (unit < 0 || unit >= kVertebralUnitCount)
        return std::nullopt;
    for (int s = 0; s < 4; ++s)
        if (kSideIds[s] == side)
            return Quadrant(unit * kQuadrantsPerUnit + (endplate == "inf" ? 0 : 4) + s);
    return std::nullopt;
}

CtssSegment segmentOfUnit(int unit) {
    if (unit < 0 || unit >= kVertebralUnitCount)
        throw InternalError("vertebral unit " + std::to_string(unit) + " outside 0-22");
    return unit < 6 ? CtssSegment::Cervical : unit < 17 ? CtssSegment::Thoracic : CtssSegment::Lumbar;
}

CtssSegment segmentOf(Quadrant quadrant) {
    return segmentOfUnit(quadrant.unit());
}

std::string vertebralUnitLabel(int unit) {
    segmentOfUnit(unit);  // refuses a unit outside 0-22
    return vertebraName(unit) + "/" + vertebraName(unit + 1);
}

QuadrantScore QuadrantScore::graded(Quadrant quadrant, int grade) {
    if (grade < 0 || grade > 3)
        throw ValidationError("CTSS " + quadrantId(quadrant), std::to_string(grade),
                              "0, 1, 2, 3 or not assessable");
    return QuadrantScore(grade, std::nullopt);
}

QuadrantScore QuadrantScore::notAssessable(NotAssessableReason reason) {
    return QuadrantScore(0, reason);
}

int QuadrantScore::grade() const {
    if (!assessable())
        throw InternalError("grade() of a quadrant that is not assessable");
    return m_grade;
}

std::optional<QuadrantScore> parseQuadrantScore(Quadrant quadrant, const std::string& text,
                                                Validation& validation, NotAssessableReason naReason) {
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '3')
        return QuadrantScore::graded(quadrant, text[0] - '0');
    if (text == "NA" || text == "na")
        return QuadrantScore::notAssessable(naReason);
    validation.addError("CTSS " + quadrantId(quadrant), text, "0, 1, 2, 3 or NA (not assessable)");
    return std::nullopt;
}

CtssReading parseCtssReading(const std::string& commaSeparated, const std::string& reader) {
    std::vector<std::string> fields;
    std::string::size_type start = 0;
    while (true) {
        const auto comma = commaSeparated.find(',', start);
        fields.push_back(commaSeparated.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (fields.size() != kQuadrantCount)
        throw ValidationError("CTSS grades", std::to_string(fields.size()) + " values",
                              "184 values (C2_inf_ant to S1_sup_right), separated by commas");
    CtssReading reading;
    reading.reader = reader;
    Validation validation;
    for (Quadrant quadrant : allQuadrants())
        reading.at(quadrant) = parseQuadrantScore(quadrant, fields[quadrant.index()], validation);
    validation.throwIfErrors();
    return reading;
}

const CtssSegmentScore& CtssScore::segment(CtssSegment which) const {
    return which == CtssSegment::Cervical ? cervical : which == CtssSegment::Thoracic ? thoracic : lumbar;
}

int maxImputableQuadrants(CtssSegment segment, const CtssSettings& settings) {
    // The tolerance keeps 0.25 x 48 at 12 whatever the binary value of 0.25 x 48.
    return static_cast<int>(
        std::floor(settings.maxMissingFractionPerSegment * quadrantCount(segment) + kComparisonTolerance));
}

CtssScore scoreCtssReading(const CtssReading& reading, const CtssSettings& settings) {
    CtssScore score;
    score.settings = settings;
    score.cervical = scoreSegment(reading, CtssSegment::Cervical, settings);
    score.thoracic = scoreSegment(reading, CtssSegment::Thoracic, settings);
    score.lumbar = scoreSegment(reading, CtssSegment::Lumbar, settings);
    if (score.cervical.value && score.thoracic.value && score.lumbar.value) {
        score.total = *score.cervical.value + *score.thoracic.value + *score.lumbar.value;
        return score;
    }
    std::string why;
    for (CtssSegment segment : allCtssSegments()) {
        const CtssSegmentScore& part = score.segment(segment);
        if (!part.value)
            why += (why.empty() ? "" : "; ") + part.reason;
    }
    score.reason = "not computable: " + why;
    return score;
}

std::array<VertebralUnitTally, kVertebralUnitCount> tallyVertebralUnits(const CtssReading& reading) {
    std::array<VertebralUnitTally, kVertebralUnitCount> units{};
    for (const Quadrant& quadrant : allQuadrants()) {
        VertebralUnitTally& unit = units[quadrant.unit()];
        const std::optional<QuadrantScore>& score = reading.at(quadrant);
        if (!score) {
            ++unit.notScored;
        } else if (!score->assessable()) {
            ++unit.notAssessable;
        } else {
            ++unit.graded;
            unit.gradedSum += score->grade();
        }
    }
    return units;
}

CtScanScore scoreCtScan(const CtScan& scan, const CtssSettings& settings) {
    CtScanScore score;
    score.readingsTotal = static_cast<int>(scan.readings.size());
    double sum = 0;
    for (const CtssReading& reading : scan.readings) {
        score.readingScores.push_back(scoreCtssReading(reading, settings));
        if (const auto& total = score.readingScores.back().total) {
            sum += *total;
            ++score.readingsUsed;
        }
    }
    if (score.readingsUsed > 0) {
        score.value = sum / score.readingsUsed;
    } else if (scan.readings.empty()) {
        score.reason = "not computable: the scan has no reading";
    } else if (scan.readings.size() == 1) {
        score.reason = score.readingScores.front().reason;
    } else {
        score.reason = "not computable: no reader's total is computable";
    }
    return score;
}

CtScanSegment scanSegment(const CtScanScore& score, CtssSegment segment) {
    CtScanSegment result;
    double sum = 0;
    for (const CtssScore& reading : score.readingScores)
        if (const auto& value = reading.segment(segment).value) {
            sum += *value;
            ++result.readingsUsed;
        }
    if (result.readingsUsed > 0)
        result.value = sum / result.readingsUsed;
    return result;
}

Validation validateCtScan(const CtScan& scan, std::optional<Date> birth, Date today) {
    Validation validation;
    checkClinicalDate(validation, "CT scan date", scan.date, birth, today);
    validation.requireText("CT scanner", scan.device);
    std::set<std::string> readers;
    for (const CtssReading& reading : scan.readings) {
        validation.requireText("reader", reading.reader);
        if (reading.readingDate) {
            // Read after the scan was taken, as a film's reading (the visit CSV's rule).
            checkClinicalDate(validation, "CT reading date", *reading.readingDate, birth, today);
            if (*reading.readingDate < scan.date)
                validation.addError("CT reading date", toIsoString(*reading.readingDate),
                                    "not before the scan date (" + toIsoString(scan.date) + ")");
        }
        if (!readers.insert(foldCase(reading.reader)).second)
            validation.addError("reader", reading.reader,
                                "one reading per reader of the CT scan of " + toIsoString(scan.date));
    }
    return validation;
}

Validation validateCtScans(const std::vector<CtScan>& scans, std::optional<Date> birth, Date today) {
    Validation validation;
    std::set<Date> dates;
    for (const CtScan& scan : scans) {
        validation.append(validateCtScan(scan, birth, today));
        if (!dates.insert(scan.date).second)
            validation.addError("CT scan date", toIsoString(scan.date), "one CT scan per date for a patient");
    }
    return validation;
}

}  // namespace ankylos::core
