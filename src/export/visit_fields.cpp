#include <algorithm>
#include <tuple>

#include "core/lab.h"
#include "core/validation.h"
#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

bool anyOf(std::initializer_list<std::optional<double>> values) {
    return std::any_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); });
}

bool anyBasdai(const core::Visit& v) {
    for (const auto& item : v.basdai.items())
        if (item)
            return true;
    return false;
}

bool anyBasfi(const core::Visit& v) {
    return std::any_of(v.basfi.items.begin(), v.basfi.items.end(),
                       [](const auto& i) { return i.has_value(); });
}

bool anyBasmi(const core::Visit& v) {
    const core::BasmiInput& m = v.basmi;
    return anyOf({m.lateralFlexionLeftCm, m.lateralFlexionRightCm, m.tragusToWallLeftCm,
                  m.tragusToWallRightCm, m.modifiedSchoberCm, m.intermalleolarDistanceCm,
                  m.cervicalRotationLeftDegrees, m.cervicalRotationRightDegrees});
}

bool anyAsdas(const core::Visit& v, core::Analyte marker) {
    return anyOf({v.basdai.q2, v.basdai.q6, v.basdai.q3, v.patientGlobal}) || v.lab(marker) != nullptr;
}

const core::BmdMeasurement* bmdAt(const core::Visit& v, core::BmdSite site) {
    for (const core::BmdMeasurement& m : v.bmd)
        if (m.site == site)
            return &m;
    return nullptr;
}

Cell asdasState(const core::AsdasResult* result, bool anyInput) {
    if (!result || !result->state)
        return missing(anyInput ? Missing::NotComputable : Missing::NotRecorded);
    return number(static_cast<int>(*result->state) + 1);
}

const PatientData& patientOf(const VisitRow& r) {
    return *r.patient;
}

const std::string kForm = "visit";

/// The visit date, the age at it, menopause.
void addVisitDateAndAge(const Builder& b, Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    addDate<VisitRow>(
        b, fields, "visit", tr("Visit date"),
        [](const VisitRow& r) { return std::optional<Date>(r.visit->date); }, patientOf, form);
    fields.back().column.missing = "never empty";
    fields.back().column.key = true;
    addNumber<VisitRow>(
        fields, "age", tr("Age at the visit, completed years"), "years", 0, 130,
        [](const VisitRow& r) {
            return number(core::ageInYears(r.patient->history->patient.birth, r.visit->date));
        },
        form, "completed years from the date of birth to the visit date", ValueType::Integer);
    addCategory<VisitRow>(
        fields, "postmenopausal", tr("Postmenopausal (women)"), kYesNo,
        [](const VisitRow& r) {
            return r.visit->postmenopausal ? yesNo(*r.visit->postmenopausal) : missing();
        },
        form);
}

/// BASDAI, patient global, BASFI and BASMI items as recorded.
void addRecordedItems(Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    for (int i = 1; i <= core::kBasdaiItemCount; ++i)
        addNumber<VisitRow>(
            fields, "basdai_q" + std::to_string(i),
            trf("{1} ({2})", {verbatim(core::basdaiItemField(i)), vocabulary(core::basdaiItemLabel(i))}),
            "0-10 NRS", 0, 10, [i](const VisitRow& r) { return number(r.visit->basdai.items()[i - 1]); },
            form);
    addNumber<VisitRow>(
        fields, "patient_global", tr("ASDAS patient global assessment"), "0-10 NRS", 0, 10,
        [](const VisitRow& r) { return number(r.visit->patientGlobal); }, form);
    for (int i = 1; i <= core::kBasfiItemCount; ++i)
        addNumber<VisitRow>(
            fields, "basfi_q" + std::to_string(i),
            Text::id(core::basfiItemField(i), trf("BASFI question {1}", {verbatim(std::to_string(i))})),
            "0-10", 0, 10, [i](const VisitRow& r) { return number(r.visit->basfi.items[i - 1]); }, form);
    using Member = std::optional<double> core::BasmiInput::*;
    const std::vector<std::tuple<const char*, Text, const char*, Member>> basmi = {
        {"basmi_lat_flex_left", tr("BASMI lateral lumbar flexion left"), "cm",
         &core::BasmiInput::lateralFlexionLeftCm},
        {"basmi_lat_flex_right", tr("BASMI lateral lumbar flexion right"), "cm",
         &core::BasmiInput::lateralFlexionRightCm},
        {"basmi_tragus_left", tr("BASMI tragus-to-wall left"), "cm", &core::BasmiInput::tragusToWallLeftCm},
        {"basmi_tragus_right", tr("BASMI tragus-to-wall right"), "cm",
         &core::BasmiInput::tragusToWallRightCm},
        {"basmi_schober", tr("BASMI modified Schober"), "cm", &core::BasmiInput::modifiedSchoberCm},
        {"basmi_intermalleolar", tr("BASMI intermalleolar distance"), "cm",
         &core::BasmiInput::intermalleolarDistanceCm},
        {"basmi_cerv_rot_left", tr("BASMI cervical rotation left"), "degrees",
         &core::BasmiInput::cervicalRotationLeftDegrees},
        {"basmi_cerv_rot_right", tr("BASMI cervical rotation right"), "degrees",
         &core::BasmiInput::cervicalRotationRightDegrees},
    };
    for (const auto& [name, label, unit, member] : basmi)
        addNumber<VisitRow>(
            fields, name, label, unit, 0, std::nullopt,
            [member = member](const VisitRow& r) { return number(r.visit->basmi.*member); }, form);
}

/// BASDAI, ASDAS (CRP and ESR) with their states, BASFI, BASMIlin.
void addComputedScores(Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    addScore<VisitRow>(
        fields, "basdai", trc("codebook", "BASDAI"), "0-10", 0, 10,
        "(Q1 + Q2 + Q3 + Q4 + (Q5 + Q6) / 2) / 5, all six items required (docs/methods.md 2)",
        [](const VisitRow& r) { return r.scores ? r.scores->basdai.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasdai(*r.visit); }, form);
    addCategory<VisitRow>(
        fields, "basdai_active", tr("BASDAI active disease (>= 4)"), kYesNo,
        [](const VisitRow& r) {
            return r.scores && r.scores->basdai.value
                       ? yesNo(r.scores->basdai.active)
                       : missing(anyBasdai(*r.visit) ? Missing::NotComputable : Missing::NotRecorded);
        },
        form, "BASDAI >= 4.0 (docs/methods.md 2)");
    fields.back().column.follows = "basdai";
    for (const auto marker : {core::AsdasMarker::Crp, core::AsdasMarker::Esr}) {
        const bool crp = marker == core::AsdasMarker::Crp;
        const std::string name = crp ? "asdas_crp" : "asdas_esr";
        const core::Analyte analyte = crp ? core::Analyte::Crp : core::Analyte::Esr;
        const auto result = [crp](const VisitRow& r) -> const core::AsdasResult* {
            return r.scores ? (crp ? &r.scores->asdasCrp : &r.scores->asdasEsr) : nullptr;
        };
        addScore<VisitRow>(
            fields, name, crp ? trc("codebook", "ASDAS-CRP") : trc("codebook", "ASDAS-ESR"), "", 0,
            std::nullopt,
            crp ? "0.12 back + 0.06 duration + 0.11 global + 0.07 peripheral + 0.58 ln(CRP + 1), "
                  "CRP in mg/L, at least 2; coefficients per asdas.coefficients (docs/methods.md 3)"
                : "0.08 back + 0.07 duration + 0.11 global + 0.09 peripheral + 0.29 sqrt(ESR); coefficients "
                  "per asdas.coefficients (docs/methods.md 3)",
            [result](const VisitRow& r) { return result(r) ? result(r)->value : std::nullopt; },
            [analyte](const VisitRow& r) { return anyAsdas(*r.visit, analyte); }, form);
        addCategory<VisitRow>(
            fields, name + "_state",
            trf("{1} disease activity state", {verbatim(crp ? "ASDAS-CRP" : "ASDAS-ESR")}), kAsdasState,
            [result, analyte](const VisitRow& r) {
                return asdasState(result(r), anyAsdas(*r.visit, analyte));
            },
            form, "inactive < 1.3 <= low < 2.1 <= high <= 3.5 < very high, unrounded (docs/methods.md 3)");
        fields.back().column.follows = name;
        if (crp) {
            addNumber<VisitRow>(
                fields, "asdas_crp_used", tr("CRP that entered ASDAS-CRP (after mg/dL and the 2 mg/L floor)"),
                "mg/L", 0, 500,
                [result](const VisitRow& r) {
                    return result(r) ? number(result(r)->crpUsedMgPerL, Missing::NotComputable) : missing();
                },
                form,
                "CRP in mg/L (mg/dL x 10); below 2 or below the detection limit: 2 (docs/methods.md 3)");
            fields.back().column.follows = name;
        }
    }
    addScore<VisitRow>(
        fields, "basfi", trc("codebook", "BASFI"), "0-10", 0, 10,
        "mean of the 10 items, all required (docs/methods.md 4)",
        [](const VisitRow& r) { return r.scores ? r.scores->basfi.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasfi(*r.visit); }, form);
    addScore<VisitRow>(
        fields, "basmi_lin", trc("codebook", "BASMIlin"), "0-10", 0, 10,
        "mean of the 5 linear scores, each clamped to 0-10 (docs/methods.md 4)",
        [](const VisitRow& r) { return r.scores ? r.scores->basmi.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasmi(*r.visit); }, form);
}

/// DXA of the visit: BMD, T- and Z-scores per site, and the BMD category.
void addBmd(Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    const std::vector<std::pair<core::BmdSite, const char*>> bmdSites = {
        {core::BmdSite::LumbarSpine, "lumbar"},
        {core::BmdSite::FemoralNeck, "neck"},
        {core::BmdSite::TotalHip, "hip"},
        {core::BmdSite::Radius33, "radius"}};
    for (const auto& [site, shortName] : bmdSites) {
        const std::string siteName = core::toString(site);
        const Text siteText = Text::id(siteName, vocabulary(core::label(site)));
        addNumber<VisitRow>(
            fields, std::string("bmd_") + shortName, trf("BMD {1}", {siteText}), "g/cm2", core::kBmdMin,
            core::kBmdMax,
            [site = site](const VisitRow& r) {
                const core::BmdMeasurement* m = bmdAt(*r.visit, site);
                return m ? number(m->bmd) : missing();
            },
            form);
        using Score = std::optional<double> core::BmdMeasurement::*;
        const std::vector<std::tuple<std::string, Text, Score>> scores = {
            {"t_", trf("T-score {1} (device-reported)", {siteText}), &core::BmdMeasurement::tScore},
            {"z_", trf("Z-score {1} (device-reported)", {siteText}), &core::BmdMeasurement::zScore}};
        for (const auto& [prefix, label, member] : scores)
            addNumber<VisitRow>(
                fields, prefix + shortName, label, "SD", core::kBmdScoreMin, core::kBmdScoreMax,
                [site = site, member = member](const VisitRow& r) {
                    const core::BmdMeasurement* m = bmdAt(*r.visit, site);
                    return m ? number(m->*member) : missing();
                },
                form);
    }
    addText<VisitRow>(
        fields, "bmd_lumbar_vert", tr("Vertebrae of the lumbar BMD"),
        [](const VisitRow& r) {
            const core::BmdMeasurement* m = bmdAt(*r.visit, core::BmdSite::LumbarSpine);
            return m ? text(core::toString(m->vertebrae)) : missing();
        },
        form);
    addText<VisitRow>(
        fields, "dxa_device", tr("DXA device (manufacturer model)"),
        [](const VisitRow& r) {
            return r.visit->bmd.empty() ? missing()
                                        : text(r.visit->bmd.front().device.manufacturer + " " +
                                               r.visit->bmd.front().device.model);
        },
        form);
    const auto bmdValue = [](const VisitRow& r) -> std::optional<double> {
        if (!r.scores || !r.scores->bmd || !r.scores->bmd->category)
            return std::nullopt;
        return static_cast<double>(static_cast<int>(*r.scores->bmd->category) + 1);
    };
    addCategory<VisitRow>(
        fields, "bmd_category", tr("BMD category (WHO T-score or ISCD Z-score)"), kBmdCategory,
        [bmdValue](const VisitRow& r) { return scoreCell(bmdValue(r), !r.visit->bmd.empty()); }, form,
        "lowest T-score (WHO) or Z-score (ISCD) of the sites used; hip sites only under the AS caveat "
        "(docs/methods.md 5)");
    fields.back().column.missing = kEmptySeeStatus;
    addCategory<VisitRow>(
        fields, "bmd_category_status", trf("{1}: status", {tr("BMD category")}), kStatus,
        [bmdValue](const VisitRow& r) {
            return number(statusOf(bmdValue(r).has_value(), !r.visit->bmd.empty()));
        },
        form, "status of bmd_category");
    fields.back().column.follows = "bmd_category";
    addCategory<VisitRow>(
        fields, "bmd_basis", tr("Score the BMD category uses"), kBmdBasis,
        [](const VisitRow& r) {
            return r.scores && r.scores->bmd && r.scores->bmd->basis
                       ? number(static_cast<int>(*r.scores->bmd->basis) + 1)
                       : missing(r.visit->bmd.empty() ? Missing::NotRecorded : Missing::NotComputable);
        },
        form, "T-score for women after menopause and men aged 50 or more, else Z-score (docs/methods.md 5)");
    fields.back().column.follows = "bmd_category";
    addCategory<VisitRow>(
        fields, "bmd_as_caveat",
        tr("Lumbar BMD possibly falsely elevated by syndesmophytes (category from the hip sites only)"),
        kYesNo,
        [](const VisitRow& r) {
            return r.scores && r.scores->bmd
                       ? yesNo(r.scores->bmd->lumbarSyndesmophytes)
                       : missing(r.visit->bmd.empty() ? Missing::NotRecorded : Missing::NotComputable);
        },
        form, "lumbar grade 2 or 3 on the nearest film within 1 year of the scan (docs/methods.md 5)");
    fields.back().column.follows = "bmd_category";
}

/// Laboratory values: canonical unit, and the value and unit as entered beside them.
void addLabs(const Builder& b, Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    const std::vector<std::pair<core::Analyte, const char*>> analytes = {{core::Analyte::Crp, "crp"},
                                                                         {core::Analyte::Esr, "esr"},
                                                                         {core::Analyte::Mmp3, "mmp3"},
                                                                         {core::Analyte::Dkk1, "dkk1"},
                                                                         {core::Analyte::Sclerostin, "sost"}};
    for (const auto& [analyte, prefix] : analytes) {
        const std::string p = prefix;
        const std::string name = core::toString(analyte);
        const core::LabLimits limits = core::labLimits(analyte);
        // Laboratory names stay in Latin letters (CRP, MMP-3, ...); sclerostin is a word (core's N_).
        const Text analyteName = analyte == core::Analyte::Sclerostin ? vocabulary(name) : verbatim(name);
        const Text rawUnit = verbatim(p + "_raw_unit");
        addNumber<VisitRow>(
            // TRANSLATORS: a laboratory value in its canonical unit ("CRP in mg/L").
            fields, p, trf("{1} in {2}", {analyteName, verbatim(core::canonicalUnit(analyte))}),
            core::canonicalUnit(analyte), limits.hardMin, limits.hardMax,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                if (!lab)
                    return missing();
                // A stored value the core refuses is exported as not computable rather than
                // stopping the whole cohort; the value as entered stays beside it.
                try {
                    return number(core::canonicalValue(*lab));
                } catch (const core::ValidationError&) {
                    return missing(Missing::NotComputable);
                }
            },
            form, "the value as entered in the canonical unit (docs/methods.md 6)");
        addNumber<VisitRow>(
            fields, p + "_raw", trf("{1} as entered (unit in {2})", {analyteName, rawUnit}), "", std::nullopt,
            std::nullopt,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? number(lab->value) : missing();
            },
            form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_raw_unit", trf("{1} unit as entered", {analyteName}),
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->unit) : missing();
            },
            form);
        fields.back().column.allowed = core::acceptedUnitsText(analyte);
        fields.back().column.follows = p;
        addCategory<VisitRow>(
            fields, p + "_below_lod", trf("{1} below the detection limit", {analyteName}), kYesNo,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? yesNo(lab->belowDetectionLimit) : missing();
            },
            form);
        fields.back().column.follows = p;
        addNumber<VisitRow>(
            fields, p + "_lod", trf("{1} detection limit as entered (unit in {2})", {analyteName, rawUnit}),
            "", std::nullopt, std::nullopt,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? number(lab->detectionLimit) : missing();
            },
            form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_assay", trf("{1} assay or kit", {analyteName}),
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->assay) : missing();
            },
            form);
        fields.back().column.follows = p;
        addCategory<VisitRow>(
            fields, p + "_sample", trf("{1} sample type", {analyteName}), kSampleType,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab && lab->sampleType ? number(static_cast<int>(*lab->sampleType) + 1) : missing();
            },
            form);
        fields.back().column.follows = p;
        addDate<VisitRow>(
            b, fields, p + "_sampled", trf("{1} sample date", {analyteName}),
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? std::optional<Date>(lab->sampleDate) : std::nullopt;
            },
            patientOf, form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_lab", trf("{1} laboratory", {analyteName}),
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->laboratory) : missing();
            },
            form, true);
        fields.back().column.follows = p;
    }
}

/// The lateral spine film of the visit's date, and the visit notes.
void addFilm(Fields<VisitRow>& fields) {
    const std::string& form = kForm;
    addCategory<VisitRow>(
        fields, "film", tr("Lateral spine film on the visit date"), kYesNo,
        [](const VisitRow& r) { return yesNo(r.film != nullptr); }, form);
    fields.back().column.missing = "never empty";
    addScore<VisitRow>(
        fields, "msasss", tr("mSASSS of the film (mean of the readers' computable totals)"), "mSASSS units",
        0, 72, "mean of the computable mSASSS totals of the film's readings (docs/methods.md 1.3)",
        [](const VisitRow& r) { return r.film ? r.film->value : std::nullopt; },
        [](const VisitRow& r) { return r.film != nullptr && r.film->readingsTotal > 0; }, form);
    addNumber<VisitRow>(
        fields, "msasss_readings", tr("Readings whose total entered the film's mSASSS"), "", 0, std::nullopt,
        [](const VisitRow& r) { return r.film ? number(r.film->readingsUsed) : missing(); }, form,
        "readings of the film whose total is computable (docs/methods.md 1.3)", ValueType::Integer);
    fields.back().column.follows = "msasss";
    addText<VisitRow>(
        fields, "visit_notes", tr("Visit notes (free text)"),
        [](const VisitRow& r) { return text(r.visit->notes); }, form, true);
}

}  // namespace

Fields<VisitRow> visitOnlyFields(const Builder& b) {
    Fields<VisitRow> fields;
    addVisitDateAndAge(b, fields);
    addRecordedItems(fields);
    addComputedScores(fields);
    addCoreSet(b, fields);
    addBmd(fields);
    addLabs(b, fields);
    addFilm(fields);
    return fields;
}

const core::FilmScore* filmOn(const PatientData& p, Date date) {
    for (std::size_t i = 0; i < p.films.size(); ++i)
        if (p.films[i].date == date)
            return &p.filmScores[i];
    return nullptr;
}

}  // namespace ankylos::exports::fields
