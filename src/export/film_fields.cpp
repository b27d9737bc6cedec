#include <algorithm>
#include <cctype>

#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

}  // namespace

Fields<ReadingRow> readingFields(const Builder& b) {
    Fields<ReadingRow> fields;
    const auto patientOf = [](const ReadingRow& r) -> const PatientData& { return *r.patient; };
    const std::string form = "reading";
    addDate<ReadingRow>(
        b, fields, "film", tr("Film date"),
        [](const ReadingRow& r) { return std::optional<Date>(r.film->date); }, patientOf, form);
    fields.back().column.key = true;
    fields.back().column.missing = "never empty";
    fields.push_back({readerColumn(b, "reader", tr("Reader"), form), [](const ReadingRow& r) {
                          return readerCell(*r.patient->context, r.reading->reader);
                      }});
    addDate<ReadingRow>(
        b, fields, "reading", tr("Reading date"), [](const ReadingRow& r) { return r.reading->readingDate; },
        patientOf, form);
    addCategory<ReadingRow>(
        fields, "chronology_known", tr("Reader knew the films' order"), kYesNo,
        [](const ReadingRow& r) { return yesNo(r.reading->chronologyKnown); }, form);
    // How the reading was made (docs/methods.md 11): a reader reads a film once per session.
    addText<ReadingRow>(
        fields, "reading_session", tr("Reading session (empty: read outside sessions)"),
        [](const ReadingRow& r) { return text(r.reading->session); }, form);
    fields.back().column.key = true;
    addCategory<ReadingRow>(
        fields, "reading_role", tr("Role of the reading"),
        idLabels<core::ReadingRole>(core::allReadingRoles(), &core::label),
        [](const ReadingRow& r) { return code(r.reading->role); }, form,
        "primary, adjudicator or consensus (docs/methods.md 11)");
    fields.back().column.missing = "never empty";
    addCategory<ReadingRow>(
        fields, "identity_seen", tr("Reader saw the patient's identity"), kYesNo,
        [](const ReadingRow& r) { return yesNo(r.reading->identitySeen); }, form);
    addCategory<ReadingRow>(
        fields, "paired_by_patient", tr("Films shown paired by patient"), kYesNo,
        [](const ReadingRow& r) { return yesNo(r.reading->pairedByPatient); }, form);
    const auto anySite = [](const ReadingRow& r) {
        return std::any_of(r.reading->sites.begin(), r.reading->sites.end(),
                           [](const auto& s) { return s.has_value(); });
    };
    addScore<ReadingRow>(
        fields, "msasss_total", tr("mSASSS of this reading"), "mSASSS units", 0, 72,
        "cervical + lumbar segment of this reading (docs/methods.md 1.3)",
        [](const ReadingRow& r) { return r.score->total; }, anySite, form);
    for (const bool cervical : {true, false}) {
        const std::string seg = cervical ? "cervical" : "lumbar";
        const Text segmentName = cervical ? tr("cervical") : tr("lumbar");
        const auto segment = [cervical](const ReadingRow& r) -> const core::SegmentScore& {
            return cervical ? r.score->cervical : r.score->lumbar;
        };
        addScore<ReadingRow>(
            fields, "msasss_" + seg, trf("mSASSS {1} segment", {segmentName}), "mSASSS units", 0, 36,
            "sum of the segment's 12 sites; up to msasss.max_missing_per_segment not-assessable sites each "
            "take the mean of the assessable ones (docs/methods.md 1.3)",
            [segment](const ReadingRow& r) { return segment(r).value; }, anySite, form);
        const std::string s = cervical ? "cerv" : "lumb";
        const std::vector<std::pair<std::string, int core::SegmentScore::*>> counts = {
            {"_imputed", &core::SegmentScore::imputed},
            {"_not_assessable", &core::SegmentScore::notAssessable},
            {"_not_scored", &core::SegmentScore::notScored}};
        for (const auto& [suffix, member] : counts) {
            addNumber<ReadingRow>(
                fields, s + suffix,
                suffix == "_imputed"          ? trf("{1} sites imputed (segment mean)", {segmentName})
                : suffix == "_not_assessable" ? trf("{1} sites not assessable", {segmentName})
                                              : trf("{1} sites not scored", {segmentName}),
                "sites", 0, 12,
                [segment, member = member](const ReadingRow& r) { return number(segment(r).*member); }, form,
                "counted in the segment of this reading (docs/methods.md 1.3)", ValueType::Integer);
            fields.back().column.follows = "msasss_" + seg;
        }
    }
    addScore<ReadingRow>(
        fields, "film_msasss", tr("mSASSS of the film (mean of the readers' computable totals)"),
        "mSASSS units", 0, 72,
        "mean of the computable mSASSS totals of the film's readings (docs/methods.md 1.3)",
        [](const ReadingRow& r) { return r.filmScore->value; }, [](const ReadingRow&) { return true; }, form);
    for (const core::Site site : core::allSites()) {
        Column column =
            makeColumn(lowercase(core::siteId(site)), trf("Grade at {1}", {verbatim(core::siteId(site))}),
                       ValueType::Integer, "grade", "recorded");
        column.allowed = "0, 1, 2, 3; NA = not assessable";
        column.missing = "NA = not assessable (reason in the database); empty = not scored";
        column.min = 0;
        column.max = 3;
        column.form = form;
        fields.push_back({column, [site](const ReadingRow& r) {
                              const std::optional<core::SiteScore>& score = r.reading->at(site);
                              if (!score)
                                  return missing();
                              return score->assessable() ? number(score->grade())
                                                         : missing(Missing::NotAssessable);
                          }});
    }
    return fields;
}

bool firedCriterion(const core::ProgressionResult& pair, core::ProgressionCriterion criterion) {
    return std::find(pair.criteria.begin(), pair.criteria.end(), criterion) != pair.criteria.end();
}

template <class Row>
Fields<Row> pairFields(const Builder& b, const std::string& prefix,
                       std::function<const core::ProgressionResult*(const Row&)> pairOf,
                       std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> fields;
    const std::string form = "progression";
    // The wide table's summary names its pair: "First-to-last films: Earlier film date".
    const auto what = [&prefix](Text label) {
        return prefix.empty() ? label : trf("First-to-last films: {1}", {std::move(label)});
    };
    addDate<Row>(
        b, fields, prefix + "from", what(tr("Earlier film date")),
        [pairOf](const Row& r) { return pairOf(r) ? std::optional<Date>(pairOf(r)->from) : std::nullopt; },
        patientOf, form);
    addDate<Row>(
        b, fields, prefix + "to", what(tr("Later film date")),
        [pairOf](const Row& r) { return pairOf(r) ? std::optional<Date>(pairOf(r)->to) : std::nullopt; },
        patientOf, form);
    addNumber<Row>(
        fields, prefix + "years", what(tr("Interval (days / 365.25)")), "years", 0, std::nullopt,
        [pairOf](const Row& r) { return pairOf(r) ? number(pairOf(r)->intervalYears) : missing(); }, form,
        "(later - earlier film date) in days / 365.25 (docs/methods.md 1.5)");
    const auto anyPair = [pairOf](const Row& r) { return pairOf(r) != nullptr; };
    addNumber<Row>(
        fields, prefix + "score_from", what(tr("mSASSS of the earlier film")), "mSASSS units", 0, 72,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->scoreFrom, Missing::NotComputable) : missing();
        },
        form, "mean of the computable mSASSS totals of the film's readings (docs/methods.md 1.3)");
    addNumber<Row>(
        fields, prefix + "score_to", what(tr("mSASSS of the later film")), "mSASSS units", 0, 72,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->scoreTo, Missing::NotComputable) : missing();
        },
        form, "mean of the computable mSASSS totals of the film's readings (docs/methods.md 1.3)");
    addScore<Row>(
        fields, prefix + "change", what(tr("mSASSS change (later - earlier)")), "mSASSS units", std::nullopt,
        std::nullopt, "later film's mSASSS - earlier film's mSASSS (docs/methods.md 1.5)",
        [pairOf](const Row& r) { return pairOf(r) ? pairOf(r)->change : std::nullopt; }, anyPair, form);
    addNumber<Row>(
        fields, prefix + "rate", what(tr("mSASSS change per year")), "mSASSS units/year", std::nullopt,
        std::nullopt,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->ratePerYear, Missing::NotComputable) : missing();
        },
        form, "change / interval in years (docs/methods.md 1.5)");
    fields.back().column.follows = prefix + "change";
    addCategory<Row>(
        fields, prefix + "units_met", what(tr("Units criterion met")), kYesNo,
        [pairOf](const Row& r) {
            if (!pairOf(r))
                return missing();
            return pairOf(r)->unitsCriterion ? yesNo(*pairOf(r)->unitsCriterion)
                                             : missing(Missing::NotComputable);
        },
        form,
        "change >= progression.min_change_units for intervals up to "
        "progression.standard_interval_max_years, else rate >= progression.min_rate_per_year "
        "(docs/methods.md 1.5)");
    const std::vector<std::pair<std::string, int core::FilmComparison::*>> events = {
        {"new_synd", &core::FilmComparison::newSyndesmophytes},
        {"new_bridging", &core::FilmComparison::newBridgings},
        {"regressions", &core::FilmComparison::regressions},
        {"sites_not_eval", &core::FilmComparison::notEvaluable}};
    for (const auto& [name, member] : events)
        addNumber<Row>(
            fields, prefix + name,
            what(name == "new_synd"       ? tr("New syndesmophytes")
                 : name == "new_bridging" ? tr("New bridgings")
                 : name == "regressions"  ? tr("Regressions (lower grade later: quality flag)")
                                          : tr("Sites not evaluable on both films")),
            "sites", 0, 24,
            [pairOf, member = member](const Row& r) {
                return pairOf(r) ? number(pairOf(r)->events.*member) : missing();
            },
            form,
            "sites with this event between the two films, readers combined by "
            "progression.event_reader_rule (docs/methods.md 1.4)",
            ValueType::Integer);
    addCategory<Row>(
        fields, prefix + "adjudicated", what(tr("Scored from the adjudication readings")), kYesNo,
        [pairOf](const Row& r) { return pairOf(r) ? yesNo(pairOf(r)->adjudicated) : missing(); }, form,
        "an adjudicator's or consensus reading of both films, with reading.adjudicated_overrides "
        "(docs/methods.md 11)");
    addCategory<Row>(
        fields, prefix + "progression", what(tr("Progression (either criterion)")), kYesNo,
        [pairOf](const Row& r) { return pairOf(r) ? yesNo(pairOf(r)->progression) : missing(); }, form,
        "units criterion or at least one new syndesmophyte (docs/methods.md 1.5)");
    addExposure<Row>(fields, prefix, pairOf, patientOf);
    return fields;
}

template Fields<PairRow> pairFields<PairRow>(const Builder&, const std::string&,
                                             std::function<const core::ProgressionResult*(const PairRow&)>,
                                             std::function<const PatientData&(const PairRow&)>);
template Fields<PatientData> pairFields<PatientData>(
    const Builder&, const std::string&, std::function<const core::ProgressionResult*(const PatientData&)>,
    std::function<const PatientData&(const PatientData&)>);

}  // namespace ankylos::exports::fields
