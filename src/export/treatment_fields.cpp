#include "core/drug_catalogue.h"
#include "core/exposure.h"
#include "core/treatment.h"
#include "core/validation.h"
#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

const std::string kForm = "treatment";

const core::Drug* drugOf(const TreatmentRow& r) {
    return core::findDrug(r.episode->drugId);
}

/// The drug: catalogue ID, label, class and ATC code (empty only for an ID the catalogue lacks).
void addDrug(Fields<TreatmentRow>& fields) {
    addText<TreatmentRow>(
        fields, "drug", tr("Drug (catalogue ID: the international non-proprietary name)"),
        [](const TreatmentRow& r) { return text(r.episode->drugId); }, kForm);
    fields.back().column.missing = "never empty";
    fields.back().column.allowed = "a drug ID of the shipped catalogue, e.g. adalimumab";
    const auto fromCatalogue = [](std::function<Cell(const core::Drug&)> get) {
        return [get](const TreatmentRow& r) {
            return drugOf(r) ? get(*drugOf(r)) : missing(Missing::NotComputable);
        };
    };
    addText<TreatmentRow>(fields, "drug_label", tr("Drug (English INN)"),
                          fromCatalogue([](const core::Drug& d) { return text(d.label); }), kForm);
    fields.back().column.computed = "the catalogue's label of the drug ID (docs/methods.md 10)";
    addCategory<TreatmentRow>(fields, "drug_class", tr("Drug class"),
                              idLabels<core::DrugClass>(core::allDrugClasses(), &core::drugClassLabel),
                              fromCatalogue([](const core::Drug& d) { return code(d.drugClass); }), kForm,
                              "the catalogue's class of the drug ID (docs/methods.md 10)");
    addText<TreatmentRow>(fields, "atc_code", tr("WHO ATC code of the drug"),
                          fromCatalogue([](const core::Drug& d) { return text(d.atcCode); }), kForm);
    fields.back().column.computed = "the catalogue's WHO ATC code of the drug ID (docs/methods.md 10)";
    addText<TreatmentRow>(
        fields, "brand", tr("Brand (free text, e.g. a biosimilar's name)"),
        [](const TreatmentRow& r) { return text(r.episode->brand); }, kForm);
}

/// Start, stop, ongoing, dose, route and the reason for stopping.
void addCourse(const Builder& b, Fields<TreatmentRow>& fields) {
    const auto patientOf = [](const TreatmentRow& r) -> const PatientData& { return *r.patient; };
    addDate<TreatmentRow>(
        b, fields, "start", tr("First day on the drug"),
        [](const TreatmentRow& r) { return std::optional<Date>(r.episode->start); }, patientOf, kForm);
    fields.back().column.missing = "never empty";
    addDate<TreatmentRow>(
        b, fields, "stop", tr("Last day on the drug"), [](const TreatmentRow& r) { return r.episode->stop; },
        patientOf, kForm);
    fields.back().column.missing = "empty = ongoing (see ongoing)";
    addCategory<TreatmentRow>(
        fields, "ongoing", tr("Episode ongoing (no stop date)"), kYesNo,
        [](const TreatmentRow& r) { return yesNo(r.episode->ongoing()); }, kForm);
    fields.back().column.missing = "never empty";
    addText<TreatmentRow>(
        fields, "dose_frequency", tr("Dose and frequency (free text, e.g. 40 mg every 2 weeks)"),
        [](const TreatmentRow& r) { return text(r.episode->doseAndFrequency); }, kForm);
    addCategory<TreatmentRow>(
        fields, "route", tr("Route"), idLabels<core::Route>(core::allRoutes(), &core::routeLabel),
        [](const TreatmentRow& r) { return code(r.episode->route); }, kForm);
    fields.back().column.missing = "never empty";
    addCategory<TreatmentRow>(
        fields, "stop_reason", tr("Reason for stopping"),
        idLabels<core::StopReason>(core::allStopReasons(), &core::stopReasonLabel),
        [](const TreatmentRow& r) {
            return r.episode->stopReason ? code(*r.episode->stopReason) : missing();
        },
        kForm);
    fields.back().column.missing = "empty = ongoing, or the reason was not recorded";
}

/// A patient's exposure over a pair, or the reason its cells are empty.
struct PairExposure {
    std::optional<core::ExposureResult> result;
    Missing why = Missing::NotRecorded;
};

PairExposure exposureOver(const core::ProgressionResult* pair, const PatientData& p) {
    PairExposure exposure;
    if (!pair || p.history->treatments.empty())
        return exposure;  // no pair, or no treatment course recorded: not recorded, never 0 days
    exposure.why = Missing::NotComputable;
    try {
        core::ExposureResult result = core::computeExposure(pair->from, pair->to, p.history->treatments,
                                                            p.context->today, p.context->settings.treatment);
        if (result.computable())
            exposure.result = std::move(result);
    } catch (const core::ValidationError&) {
        // A stored course the core refuses leaves the exposure not computable, not the export stopped.
    }
    return exposure;
}

const char* const kExposureMissing =
    "empty = no treatment course recorded for the patient (a recorded course without the class gives 0 "
    "days), or not computable (an interval without days)";

const char* const kExposureMethod =
    "days of [earlier film date, later film date) covered by the union of the class's episodes, each "
    "from its start through its stop date inclusive, an ongoing one through the export date";

}  // namespace

Fields<TreatmentRow> treatmentFields(const Builder& b) {
    Fields<TreatmentRow> fields;
    Column episode = makeColumn("episode_number", tr("Episode number within the patient's treatment course"),
                                ValueType::Integer, "", "order of start date, then drug");
    episode.key = true;
    episode.missing = "never empty";
    episode.form = kForm;
    fields.push_back({episode, [](const TreatmentRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    addDrug(fields);
    addCourse(b, fields);
    return fields;
}

template <class Row>
void addExposure(Fields<Row>& fields, const std::string& prefix,
                 std::function<const core::ProgressionResult*(const Row&)> pairOf,
                 std::function<const PatientData&(const Row&)> patientOf) {
    const std::string form = "progression";
    // The wide table's summary names its pair: "First-to-last films: TNF inhibitor: days ...".
    const auto what = [&prefix](Text text) {
        return prefix.empty() ? text : trf("First-to-last films: {1}", {std::move(text)});
    };
    const auto cell = [pairOf, patientOf](std::function<Cell(const core::ClassExposure&)> get,
                                          core::DrugClass drugClass) {
        return [=](const Row& r) {
            const PairExposure exposure = exposureOver(pairOf(r), patientOf(r));
            return exposure.result ? get(exposure.result->of(drugClass)) : missing(exposure.why);
        };
    };
    for (const core::DrugClass drugClass : core::allDrugClasses()) {
        const std::string name = prefix + core::toString(drugClass);
        const Text drugClassText = vocabulary(core::drugClassLabel(drugClass));
        addNumber<Row>(
            fields, name + "_days", what(trf("{1}: days exposed in the interval", {drugClassText})), "days",
            0, std::nullopt, cell([](const core::ClassExposure& e) { return number(e.days); }, drugClass),
            form, std::string(kExposureMethod) + " (docs/methods.md 10)", ValueType::Integer);
        addNumber<Row>(
            fields, name + "_fraction", what(trf("{1}: fraction of the interval exposed", {drugClassText})),
            "", 0, 1, cell([](const core::ClassExposure& e) { return number(e.fraction); }, drugClass), form,
            "days exposed / (later - earlier film date) in days, full precision (docs/methods.md 10)");
        fields.back().column.follows = name + "_days";
        addCategory<Row>(fields, name + "_exposed",
                         what(trf("{1}: exposed in the interval", {drugClassText})), kYesNo,
                         cell([](const core::ClassExposure& e) { return yesNo(e.exposed); }, drugClass), form,
                         "fraction >= treatment.exposed_fraction (docs/methods.md 10)");
        fields.back().column.follows = name + "_days";
        addCategory<Row>(fields, name + "_at_start",
                         what(trf("{1}: on treatment at the earlier film", {drugClassText})), kYesNo,
                         cell([](const core::ClassExposure& e) { return yesNo(e.atStart); }, drugClass), form,
                         "an episode of the class covers the earlier film date (docs/methods.md 10)");
        fields.back().column.follows = name + "_days";
        for (std::size_t i = fields.size() - 4; i < fields.size(); ++i)
            fields[i].column.missing = kExposureMissing;
    }
}

template void addExposure<PairRow>(Fields<PairRow>&, const std::string&,
                                   std::function<const core::ProgressionResult*(const PairRow&)>,
                                   std::function<const PatientData&(const PairRow&)>);
template void addExposure<PatientData>(Fields<PatientData>&, const std::string&,
                                       std::function<const core::ProgressionResult*(const PatientData&)>,
                                       std::function<const PatientData&(const PatientData&)>);

}  // namespace ankylos::exports::fields
