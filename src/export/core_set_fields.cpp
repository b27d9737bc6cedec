#include <tuple>

#include "core/asas_core_set.h"
#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

const std::string kForm = "visit";

const core::AsasCoreSet& coreSetOf(const VisitRow& r) {
    return r.visit->coreSet;
}

Cell optionalInt(const std::optional<int>& value) {
    return value ? number(*value) : missing();
}

/// Physician global and the MASES sites as recorded, then the MASES total with its status.
void addMases(Fields<VisitRow>& fields) {
    addNumber<VisitRow>(
        fields, "physician_global", tr("Physician global assessment of disease activity"), "0-10 NRS", 0, 10,
        [](const VisitRow& r) { return number(coreSetOf(r).physicianGlobal); }, kForm);
    fields.back().column.allowed = "0 to 10 in steps of 0.5";
    for (const core::MasesSite site : core::allMasesSites())
        addCategory<VisitRow>(
            fields, "mases_" + core::masesSiteId(site),
            trf("MASES {1}", {vocabulary(core::masesSiteLabel(site))}), kTender,
            [site](const VisitRow& r) {
                const std::optional<bool>& tender = coreSetOf(r).mases.at(site);
                return tender ? yesNo(*tender) : missing();
            },
            kForm);
    addScore<VisitRow>(
        fields, "mases", tr("MASES total (Maastricht AS Enthesitis Score)"), "tender sites", 0,
        core::kMasesSiteCount,
        "number of tender sites of the 13, all 13 sites required; nothing imputed (docs/methods.md 9)",
        [](const VisitRow& r) -> std::optional<double> {
            const core::MasesResult result = core::computeMases(coreSetOf(r).mases);
            return result.total ? std::optional<double>(*result.total) : std::nullopt;
        },
        [](const VisitRow& r) { return !coreSetOf(r).mases.empty(); }, kForm);
    fields[fields.size() - 2].column.type = ValueType::Integer;  // the total (before its status) is a count
}

/// The 44-joint counts and dactylitis as recorded.
void addCounts(Fields<VisitRow>& fields) {
    using Member = std::optional<int> core::AsasCoreSet::*;
    const std::vector<std::tuple<const char*, Text, const char*, int, Member>> counts = {
        {"swollen_joint_count", tr("Swollen joint count (44 joints)"), "joints", 44,
         &core::AsasCoreSet::swollenJointCount},
        {"tender_joint_count", tr("Tender joint count (the same 44 joints)"), "joints", 44,
         &core::AsasCoreSet::tenderJointCount},
        {"dactylitis_digits", tr("Dactylitis: digits affected"), "digits", 20,
         &core::AsasCoreSet::dactylitisDigits},
    };
    for (const auto& [name, label, unit, max, member] : counts)
        addNumber<VisitRow>(
            fields, name, label, unit, 0, max,
            [member = member](const VisitRow& r) { return optionalInt(coreSetOf(r).*member); }, kForm,
            "recorded", ValueType::Integer);
}

/// Uveitis, psoriasis and IBD: status at the visit and the date of the last episode.
void addManifestations(const Builder& b, Fields<VisitRow>& fields) {
    for (const core::Manifestation m : core::allManifestations()) {
        const std::string name = core::toString(m);
        const Text label = vocabulary(core::manifestationLabel(m));
        addCategory<VisitRow>(
            fields, name, trf("Extra-articular manifestation: {1}", {label}), kManifestationStatus,
            [m](const VisitRow& r) {
                const auto& record = coreSetOf(r).at(m);
                return record ? number(static_cast<int>(record->status) + 1) : missing();
            },
            kForm, "recorded: never, history, or active at this visit (docs/methods.md 9)");
        addDate<VisitRow>(
            b, fields, name + "_last_episode", trf("{1}: date of the last episode", {label}),
            [m](const VisitRow& r) {
                const auto& record = coreSetOf(r).at(m);
                return record ? record->lastEpisode : std::nullopt;
            },
            [](const VisitRow& r) -> const PatientData& { return *r.patient; }, kForm);
        fields.back().column.follows = name;
        fields.back().column.missing = "empty = not known or not recorded (history or active only)";
    }
}

}  // namespace

void addCoreSet(const Builder& b, Fields<VisitRow>& fields) {
    addMases(fields);
    addCounts(fields);
    addManifestations(b, fields);
}

}  // namespace ankylos::exports::fields
