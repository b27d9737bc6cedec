// The columns of low-dose CT scans in research exports: one row per CTSS reading (with its scan) and
// one per pair of scans (docs/methods.md 12). Every value comes from core (scoreCtScan, scanSegment,
// reviewCtssProgression); CTSS and mSASSS columns are never combined.
#include <algorithm>
#include <cctype>
#include <tuple>

#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

const std::string kReadingForm = "ct_reading";
const std::string kPairForm = "ct_progression";

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

/// "cerv", "thor", "lumb": the short form in count column names.
std::string shortName(core::CtssSegment segment) {
    return core::toString(segment).substr(0, 4);
}

/// The segment's word: "cervical", "thoracic", "lumbar" in English (core's IDs, the same words).
Text segmentText(core::CtssSegment segment) {
    switch (segment) {
        case core::CtssSegment::Cervical:
            return tr("cervical");
        case core::CtssSegment::Thoracic:
            return tr("thoracic");
        case core::CtssSegment::Lumbar:
            break;
    }
    return tr("lumbar");
}

/// "CTSS grade at C2 lower endplate, anterior": core's quadrant label in English, and in other
/// languages the same words from the interface's catalog (the CTSS grid's endplates and sides).
Text quadrantText(core::Quadrant quadrant) {
    const std::string id = core::quadrantId(quadrant);
    const Text endplate = quadrant.endplate() == core::Endplate::UpperVertebraLower ? tr("lower endplate")
                                                                                    : tr("upper endplate");
    const Text sides[] = {tr("anterior"), tr("posterior"), tr("left"), tr("right")};
    // TRANSLATORS: a CTSS quadrant: vertebra, endplate, side ("C2 lower endplate, anterior").
    const Text words = trf("{1} {2}, {3}", {verbatim(id.substr(0, id.find('_'))), endplate,
                                            sides[static_cast<int>(quadrant.side())]});
    return trf("CTSS grade at {1}", {Text::id(core::quadrantLabel(quadrant), words)});
}

double maxOf(core::CtssSegment segment) {
    return 3.0 * core::quadrantCount(segment);
}

/// The scan's date, scanner, coverage and reader, and the reading's date and blinding.
void addScanAndReader(const Builder& b, Fields<CtReadingRow>& fields) {
    const auto patientOf = [](const CtReadingRow& r) -> const PatientData& { return *r.patient; };
    addDate<CtReadingRow>(
        b, fields, "ct", tr("Low-dose CT scan date"),
        [](const CtReadingRow& r) { return std::optional<Date>(r.scan->date); }, patientOf, kReadingForm);
    fields.back().column.key = true;
    fields.back().column.missing = "never empty";
    addText<CtReadingRow>(
        fields, "ct_scanner", tr("CT scanner (as the clinic names it)"),
        [](const CtReadingRow& r) { return text(r.scan->device); }, kReadingForm);
    addCategory<CtReadingRow>(
        fields, "ct_whole_spine", tr("The scan covered the whole spine (C2 to S1)"), kYesNo,
        [](const CtReadingRow& r) { return yesNo(r.scan->wholeSpine); }, kReadingForm);
    Column reader = readerColumn(b, "ct_reader", tr("CT reader"), kReadingForm);
    reader.missing = "never empty";
    fields.push_back(
        {reader, [](const CtReadingRow& r) { return readerCell(*r.patient->context, r.reading->reader); }});
    addDate<CtReadingRow>(
        b, fields, "ct_reading", tr("CT reading date"),
        [](const CtReadingRow& r) { return r.reading->readingDate; }, patientOf, kReadingForm);
    addCategory<CtReadingRow>(
        fields, "ct_chronology_known", tr("CT reader knew the scans' order"), kYesNo,
        [](const CtReadingRow& r) { return yesNo(r.reading->chronologyKnown); }, kReadingForm);
}

/// The reading's CTSS, its three segments and their quadrant counts.
void addReadingScores(Fields<CtReadingRow>& fields) {
    const auto anyQuadrant = [](const CtReadingRow& r) {
        return std::any_of(r.reading->quadrants.begin(), r.reading->quadrants.end(),
                           [](const auto& q) { return q.has_value(); });
    };
    addScore<CtReadingRow>(
        fields, "ctss_total", tr("CTSS of this reading"), "CTSS units", 0, 552,
        "cervical + thoracic + lumbar segment of this reading (docs/methods.md 12)",
        [](const CtReadingRow& r) { return r.score->total; }, anyQuadrant, kReadingForm);
    for (const core::CtssSegment segment : core::allCtssSegments()) {
        const std::string seg = core::toString(segment);
        const auto of = [segment](const CtReadingRow& r) -> const core::CtssSegmentScore& {
            return r.score->segment(segment);
        };
        addScore<CtReadingRow>(
            fields, "ctss_" + seg, trf("CTSS {1} segment of this reading", {segmentText(segment)}),
            "CTSS units", 0, maxOf(segment),
            "sum of the segment's " + std::to_string(core::quadrantCount(segment)) +
                " quadrants; up to ctss.max_missing_fraction_per_segment of them not assessable each take "
                "the "
                "mean of the assessable ones (docs/methods.md 12)",
            [of](const CtReadingRow& r) { return of(r).value; }, anyQuadrant, kReadingForm);
        const std::vector<std::pair<std::string, int core::CtssSegmentScore::*>> counts = {
            {"imputed", &core::CtssSegmentScore::imputed},
            {"not_assessable", &core::CtssSegmentScore::notAssessable},
            {"not_scored", &core::CtssSegmentScore::notScored}};
        for (const auto& [suffix, member] : counts) {
            addNumber<CtReadingRow>(
                fields, "ct_" + shortName(segment) + "_" + suffix,
                suffix == "imputed" ? trf("{1} quadrants imputed (segment mean)", {segmentText(segment)})
                : suffix == "not_assessable" ? trf("{1} quadrants not assessable", {segmentText(segment)})
                                             : trf("{1} quadrants not scored", {segmentText(segment)}),
                "quadrants", 0, core::quadrantCount(segment),
                [of, member = member](const CtReadingRow& r) { return number(of(r).*member); }, kReadingForm,
                "counted in the segment of this reading (docs/methods.md 12)", ValueType::Integer);
            fields.back().column.follows = "ctss_" + seg;
        }
    }
}

/// The scan's CTSS: the mean of its readers' computable totals, and of each segment likewise.
void addScanScores(Fields<CtReadingRow>& fields) {
    addScore<CtReadingRow>(
        fields, "ctss_scan", tr("CTSS of the scan (mean of the readers' computable totals)"), "CTSS units", 0,
        552, "mean of the computable CTSS totals of the scan's readings (docs/methods.md 12)",
        [](const CtReadingRow& r) { return r.scanScore->value; }, [](const CtReadingRow&) { return true; },
        kReadingForm);
    for (const core::CtssSegment segment : core::allCtssSegments()) {
        const std::string seg = core::toString(segment);
        addNumber<CtReadingRow>(
            fields, "ctss_scan_" + seg,
            trf("CTSS {1} segment of the scan (mean of the readers')", {segmentText(segment)}), "CTSS units",
            0, maxOf(segment),
            [segment](const CtReadingRow& r) {
                return number(core::scanSegment(*r.scanScore, segment).value, Missing::NotComputable);
            },
            kReadingForm,
            "mean of the computable " + seg + " segments of the scan's readings (docs/methods.md 12)");
        fields.back().column.missing = "empty = not computable for any reader";
        fields.back().column.follows = "ctss_scan";
    }
    addNumber<CtReadingRow>(
        fields, "ct_readers_used", tr("Readers whose CTSS total the scan's mean uses"), "readers", 0,
        std::nullopt, [](const CtReadingRow& r) { return number(r.scanScore->readingsUsed); }, kReadingForm,
        "readings of the scan with a computable total (docs/methods.md 12)", ValueType::Integer);
    addNumber<CtReadingRow>(
        fields, "ct_readers", tr("Readers of the scan"), "readers", 0, std::nullopt,
        [](const CtReadingRow& r) { return number(r.scanScore->readingsTotal); }, kReadingForm, "count",
        ValueType::Integer);
}

/// The 184 quadrant grades in the order of docs/methods.md 12.
void addQuadrantGrades(Fields<CtReadingRow>& fields) {
    for (const core::Quadrant quadrant : core::allQuadrants()) {
        Column column = makeColumn(lowercase(core::quadrantId(quadrant)), quadrantText(quadrant),
                                   ValueType::Integer, "grade", "recorded");
        column.allowed = "0, 1, 2, 3; NA = not assessable";
        column.missing = "NA = not assessable (reason in the database); empty = not scored";
        column.min = 0;
        column.max = 3;
        column.form = kReadingForm;
        column.gradeWithNa = true;
        fields.push_back({column, [quadrant](const CtReadingRow& r) {
                              const std::optional<core::QuadrantScore>& score = r.reading->at(quadrant);
                              if (!score)
                                  return missing();
                              return score->assessable() ? number(score->grade())
                                                         : missing(Missing::NotAssessable);
                          }});
    }
}

/// The later scan's segment - the earlier scan's, each the mean of its readers' (docs/methods.md 12).
std::optional<double> segmentChange(const PatientData& p, const core::CtssProgressionResult& pair,
                                    core::CtssSegment segment) {
    const core::CtScanScore* from = ctScanScoreOn(p, pair.from);
    const core::CtScanScore* to = ctScanScoreOn(p, pair.to);
    if (!from || !to)
        return std::nullopt;
    const auto earlier = core::scanSegment(*from, segment).value;
    const auto later = core::scanSegment(*to, segment).value;
    if (!earlier || !later)
        return std::nullopt;
    return *later - *earlier;
}

}  // namespace

Fields<CtReadingRow> ctReadingFields(const Builder& b) {
    Fields<CtReadingRow> fields;
    Column readingNumber = makeColumn(
        "ct_reading_number", tr("CT reading number within the patient (scans in date order, then readers)"),
        ValueType::Integer, "", "order of the exported CT readings");
    readingNumber.key = true;
    readingNumber.missing = "never empty";
    readingNumber.form = kReadingForm;
    fields.push_back({readingNumber, [](const CtReadingRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    addScanAndReader(b, fields);
    addReadingScores(fields);
    addScanScores(fields);
    addQuadrantGrades(fields);
    return fields;
}

const core::CtScanScore* ctScanScoreOn(const PatientData& p, Date date) {
    for (std::size_t i = 0; i < p.ctScans.size() && i < p.ctScanScores.size(); ++i)
        if (p.ctScans[i].date == date)
            return &p.ctScanScores[i];
    return nullptr;
}

template <class Row>
Fields<Row> ctPairFields(const Builder& b, const std::string& prefix,
                         std::function<const core::CtssProgressionResult*(const Row&)> pairOf,
                         std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> fields;
    const std::string form = kPairForm;
    // The wide table's summary names its pair: "First-to-last CT scans: Earlier CT scan date".
    const auto what = [&prefix](Text label) {
        return prefix.empty() ? label : trf("First-to-last CT scans: {1}", {std::move(label)});
    };
    const auto dateOf = [pairOf](bool later) {
        return [pairOf, later](const Row& r) -> std::optional<Date> {
            const auto* pair = pairOf(r);
            return pair ? std::optional<Date>(later ? pair->to : pair->from) : std::nullopt;
        };
    };
    addDate<Row>(b, fields, prefix + "ct_from", what(tr("Earlier CT scan date")), dateOf(false), patientOf,
                 form);
    addDate<Row>(b, fields, prefix + "ct_to", what(tr("Later CT scan date")), dateOf(true), patientOf, form);
    addNumber<Row>(
        fields, prefix + "ct_years", what(tr("Interval between the CT scans (days / 365.25)")), "years", 0,
        std::nullopt,
        [pairOf](const Row& r) { return pairOf(r) ? number(pairOf(r)->intervalYears) : missing(); }, form,
        "(later - earlier scan date) in days / 365.25 (docs/methods.md 12)");
    const auto scanScore = [pairOf](bool later) {
        return [pairOf, later](const Row& r) {
            const auto* pair = pairOf(r);
            return pair ? number(later ? pair->scoreTo : pair->scoreFrom, Missing::NotComputable) : missing();
        };
    };
    const std::string scanMean =
        "mean of the computable CTSS totals of the scan's readings (docs/methods.md 12)";
    addNumber<Row>(fields, prefix + "ctss_from", what(tr("CTSS of the earlier scan")), "CTSS units", 0, 552,
                   scanScore(false), form, scanMean);
    addNumber<Row>(fields, prefix + "ctss_to", what(tr("CTSS of the later scan")), "CTSS units", 0, 552,
                   scanScore(true), form, scanMean);
    addScore<Row>(
        fields, prefix + "ctss_change", what(tr("CTSS change (later - earlier)")), "CTSS units", -552, 552,
        "later scan's CTSS - earlier scan's CTSS (docs/methods.md 12)",
        [pairOf](const Row& r) { return pairOf(r) ? pairOf(r)->change : std::nullopt; },
        [pairOf](const Row& r) { return pairOf(r) != nullptr; }, form);
    for (const core::CtssSegment segment : core::allCtssSegments()) {
        const std::string seg = core::toString(segment);
        addNumber<Row>(
            fields, prefix + "ctss_change_" + seg,
            what(trf("CTSS {1} segment change (later - earlier)", {segmentText(segment)})), "CTSS units",
            -maxOf(segment), maxOf(segment),
            [pairOf, patientOf, segment](const Row& r) {
                const auto* pair = pairOf(r);
                return pair ? number(segmentChange(patientOf(r), *pair, segment), Missing::NotComputable)
                            : missing();
            },
            form,
            "later scan's " + seg + " segment - earlier scan's, each the mean of its readers' computable " +
                seg + " segments (docs/methods.md 12)");
        fields.back().column.follows = prefix + "ctss_change";
    }
    addCategory<Row>(
        fields, prefix + "ct_units_met", what(tr("CTSS units criterion met")), kYesNo,
        [pairOf](const Row& r) {
            if (!pairOf(r))
                return missing();
            const auto& met = pairOf(r)->unitsCriterion;
            return met ? yesNo(*met) : missing(Missing::NotComputable);
        },
        form, "change >= ctss.progression_units (docs/methods.md 12)");
    const std::vector<std::tuple<std::string, Text, int core::CtScanComparison::*>> events = {
        {"ct_new_synd", tr("Quadrants with a new syndesmophyte"), &core::CtScanComparison::newSyndesmophytes},
        {"ct_growing", tr("Quadrants with a growing syndesmophyte"), &core::CtScanComparison::growing},
        {"ct_regressions", tr("Quadrants with a lower grade later (quality flag)"),
         &core::CtScanComparison::regressions},
        {"ct_quad_not_eval", tr("Quadrants not evaluable on both scans"),
         &core::CtScanComparison::notEvaluable}};
    for (const auto& [name, label, member] : events)
        addNumber<Row>(
            fields, prefix + name, what(label), "quadrants", 0, core::kQuadrantCount,
            [pairOf, member = member](const Row& r) {
                return pairOf(r) ? number(pairOf(r)->events.*member) : missing();
            },
            form,
            "quadrants with this event between the two scans, readers combined by "
            "progression.event_reader_rule (docs/methods.md 12)",
            ValueType::Integer);
    addCategory<Row>(
        fields, prefix + "ct_progression", what(tr("CTSS progression (either criterion)")), kYesNo,
        [pairOf](const Row& r) {
            if (!pairOf(r))
                return missing();
            const auto& progression = pairOf(r)->progression;
            return progression ? yesNo(*progression) : missing(Missing::NotComputable);
        },
        form,
        "units criterion, or new or growing syndesmophytes in at least ctss.progression_quadrants quadrants "
        "(docs/methods.md 12)");
    fields.back().column.missing =
        "empty = unknown: the change is not computable and the quadrant criterion is not met";
    return fields;
}

template Fields<CtPairRow> ctPairFields<CtPairRow>(
    const Builder&, const std::string&, std::function<const core::CtssProgressionResult*(const CtPairRow&)>,
    std::function<const PatientData&(const CtPairRow&)>);
template Fields<PatientData> ctPairFields<PatientData>(
    const Builder&, const std::string&, std::function<const core::CtssProgressionResult*(const PatientData&)>,
    std::function<const PatientData&(const PatientData&)>);

}  // namespace ankylos::exports::fields
