#include "export/table.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/format.h"
#include "core/lab.h"
#include "core/validation.h"

namespace ankylos::exports {

namespace {

using core::Date;

const Date kEpoch(1970, 1, 1);

// ---- cells -------------------------------------------------------------------------------------

Cell missing(Missing why = Missing::NotRecorded) {
    Cell cell;
    cell.missing = why;
    return cell;
}

Cell number(double value) {
    Cell cell;
    cell.missing = Missing::None;
    cell.number = value;
    return cell;
}

Cell number(const std::optional<double>& value, Missing whenEmpty = Missing::NotRecorded) {
    return value ? number(*value) : missing(whenEmpty);
}

Cell text(std::string value) {
    if (value.empty())
        return missing();
    Cell cell;
    cell.missing = Missing::None;
    cell.text = std::move(value);
    return cell;
}

Cell yesNo(bool value) {
    return number(value ? 1 : 0);
}

/// Status of a computed value: 1 computed, 2 not computable (inputs recorded but incomplete or
/// invalid), 3 not recorded (no input at all). The value cell carries the same distinction.
enum Status { kComputed = 1, kNotComputable = 2, kNotRecorded = 3 };

int statusOf(bool hasValue, bool anyInput) {
    return hasValue ? kComputed : anyInput ? kNotComputable : kNotRecorded;
}

Cell scoreCell(const std::optional<double>& value, bool anyInput) {
    return value ? number(*value) : missing(anyInput ? Missing::NotComputable : Missing::NotRecorded);
}

/// A date of the patient as exported: recorded (identified), shifted by the patient's offset, or
/// days since baseline.
Cell dateCell(const PatientData& p, const std::optional<Date>& date) {
    if (!date)
        return missing();
    if (!p.context->key || p.context->options->dateMode == DateMode::Shifted)
        return number(static_cast<double>((*date - kEpoch).days() + p.shiftDays));
    if (!p.baseline)
        return missing();
    return number(static_cast<double>((*date - *p.baseline).days()));
}

// ---- columns -----------------------------------------------------------------------------------

const std::vector<ValueLabel> kYesNo = {{0, "no"}, {1, "yes"}};
const std::vector<ValueLabel> kStatus = {
    {kComputed, "computed"}, {kNotComputable, "not computable"}, {kNotRecorded, "not recorded"}};
const std::vector<ValueLabel> kSex = {{1, "male"}, {2, "female"}};
const std::vector<ValueLabel> kHla = {{0, "negative"}, {1, "positive"}};
const std::vector<ValueLabel> kSmoking = {{0, "never"}, {1, "former"}, {2, "current"}};
const std::vector<ValueLabel> kAsdasState = {{1, "inactive"}, {2, "low"}, {3, "high"}, {4, "very_high"}};
const std::vector<ValueLabel> kBmdCategory = {{1, "normal"},
                                              {2, "osteopenia"},
                                              {3, "osteoporosis"},
                                              {4, "below_expected_range_for_age"},
                                              {5, "within_expected_range_for_age"}};
const std::vector<ValueLabel> kBmdBasis = {{1, "T-score"}, {2, "Z-score"}};
const std::vector<ValueLabel> kSampleType = {{1, "serum"}, {2, "plasma"}};
const std::vector<ValueLabel> kPairKind = {{1, "consecutive films"},
                                           {2, "first to last film (patients with 3 or more films)"}};

const char* const kEmptyNotRecorded = "empty = not recorded";
const char* const kEmptySeeStatus = "empty: see the _status column (not computable or not recorded)";

template <class Row>
struct Field {
    Column column;
    std::function<Cell(const Row&)> get;
};

template <class Row>
using Fields = std::vector<Field<Row>>;

Column makeColumn(std::string name, std::string label, ValueType type, std::string unit = "",
                  std::string computed = "recorded") {
    Column column;
    column.name = std::move(name);
    column.label = std::move(label);
    column.type = type;
    column.unit = std::move(unit);
    column.computed = std::move(computed);
    column.missing = kEmptyNotRecorded;
    return column;
}

struct Builder {
    const ExportContext& context;
    bool identified() const { return context.key == nullptr; }
    bool relative() const { return !identified() && context.options->dateMode == DateMode::Relative; }
};

/// The name of a date column: base_date, or base_day (days since baseline) in relative exports.
template <class Row>
void addDate(const Builder& b, Fields<Row>& fields, const std::string& base, const std::string& label,
             std::function<std::optional<Date>(const Row&)> date,
             std::function<const PatientData&(const Row&)> patient, std::string form) {
    Column column = b.relative()
                        ? makeColumn(base + "_day", label + ", days since baseline (first exported visit)",
                                     ValueType::Integer, "days")
                        : makeColumn(base + "_date", label + (b.identified() ? "" : " (shifted per patient)"),
                                     ValueType::Date);
    column.allowed = b.relative() ? "whole days, negative before baseline" : "YYYY-MM-DD";
    column.form = std::move(form);
    fields.push_back({column, [date, patient](const Row& row) { return dateCell(patient(row), date(row)); }});
}

template <class Row>
void addNumber(Fields<Row>& fields, std::string name, std::string label, std::string unit,
               std::optional<double> min, std::optional<double> max, std::function<Cell(const Row&)> get,
               std::string form, std::string computed = "recorded", ValueType type = ValueType::Number) {
    Column column = makeColumn(std::move(name), std::move(label), type, std::move(unit), std::move(computed));
    column.min = min;
    column.max = max;
    if (min && max)
        column.allowed = core::formatNumber(*min) + " to " + core::formatNumber(*max);
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

template <class Row>
void addCategory(Fields<Row>& fields, std::string name, std::string label, std::vector<ValueLabel> labels,
                 std::function<Cell(const Row&)> get, std::string form, std::string computed = "recorded") {
    Column column =
        makeColumn(std::move(name), std::move(label), ValueType::Category, "", std::move(computed));
    for (const ValueLabel& value : labels)
        column.allowed += (column.allowed.empty() ? "" : ", ") + std::to_string(value.code);
    column.valueLabels = std::move(labels);
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

template <class Row>
void addText(Fields<Row>& fields, std::string name, std::string label, std::function<Cell(const Row&)> get,
             std::string form, bool identifying = false) {
    Column column = makeColumn(std::move(name), std::move(label), ValueType::Text);
    column.identifying = identifying;
    column.form = std::move(form);
    fields.push_back({column, std::move(get)});
}

/// A computed score with its status column (1 computed, 2 not computable, 3 not recorded).
template <class Row>
void addScore(Fields<Row>& fields, const std::string& name, const std::string& label, const std::string& unit,
              std::optional<double> min, std::optional<double> max, const std::string& computed,
              std::function<std::optional<double>(const Row&)> value,
              std::function<bool(const Row&)> anyInput, const std::string& form) {
    addNumber<Row>(
        fields, name, label, unit, min, max,
        [value, anyInput](const Row& r) { return scoreCell(value(r), anyInput(r)); }, form, computed);
    fields.back().column.missing = kEmptySeeStatus;
    addCategory<Row>(
        fields, name + "_status", label + ": status", kStatus,
        [value, anyInput](const Row& r) { return number(statusOf(value(r).has_value(), anyInput(r))); }, form,
        "status of " + name);
    fields.back().column.follows = name;
    fields.back().column.missing = "never empty";
}

// ---- patient columns ---------------------------------------------------------------------------

Fields<PatientData> patientFields(const Builder& b) {
    Fields<PatientData> fields;
    const auto self = [](const PatientData& p) -> const PatientData& { return p; };
    {
        Column id =
            b.identified()
                ? makeColumn("patient_id", "Clinic patient ID", ValueType::Text)
                : makeColumn("study_id", "Study ID (HMAC-SHA-256 of the clinic ID with the project key)",
                             ValueType::Text, "", "keyed hash of the clinic patient ID");
        id.key = true;
        id.identifying = b.identified();
        id.missing = "never empty";
        id.form = "patient";
        fields.push_back({id, [](const PatientData& p) { return text(p.id); }});
    }
    addText<PatientData>(
        fields, "name", "Name", [](const PatientData& p) { return text(p.history->patient.name); }, "patient",
        true);
    addCategory<PatientData>(
        fields, "sex", "Sex", kSex,
        [](const PatientData& p) { return number(p.history->patient.sex == core::Sex::Male ? 1 : 2); },
        "patient");
    fields.back().column.missing = "never empty";
    if (!b.relative())
        addDate<PatientData>(
            b, fields, "birth", "Date of birth",
            [](const PatientData& p) { return p.history->patient.birth; }, self, "patient");
    addNumber<PatientData>(
        fields, "age_at_baseline", "Age at baseline (first exported visit), completed years", "years", 0, 130,
        [](const PatientData& p) {
            return p.baseline ? number(core::ageInYears(p.history->patient.birth, *p.baseline)) : missing();
        },
        "patient", "core::ageInYears(birth, baseline)", ValueType::Integer);
    addCategory<PatientData>(
        fields, "hla_b27", "HLA-B27", kHla,
        [](const PatientData& p) {
            switch (p.history->patient.hlaB27) {
                case core::HlaB27::Positive:
                    return number(1);
                case core::HlaB27::Negative:
                    return number(0);
                case core::HlaB27::Unknown:
                    break;
            }
            return missing();
        },
        "patient");
    addCategory<PatientData>(
        fields, "smoking", "Smoking status", kSmoking,
        [](const PatientData& p) {
            switch (p.history->patient.smoking) {
                case core::SmokingStatus::Never:
                    return number(0);
                case core::SmokingStatus::Former:
                    return number(1);
                case core::SmokingStatus::Current:
                    return number(2);
                case core::SmokingStatus::Unknown:
                    break;
            }
            return missing();
        },
        "patient");
    addDate<PatientData>(
        b, fields, "onset", "Symptom onset",
        [](const PatientData& p) { return p.history->patient.symptomOnset; }, self, "patient");
    addDate<PatientData>(
        b, fields, "diagnosis", "Diagnosis",
        [](const PatientData& p) { return p.history->patient.diagnosis; }, self, "patient");
    addText<PatientData>(
        fields, "patient_notes", "Patient notes (free text)",
        [](const PatientData& p) { return text(p.history->patient.notes); }, "patient", true);
    return fields;
}

// ---- visit columns -----------------------------------------------------------------------------

struct VisitRow {
    const PatientData* patient;
    const core::Visit* visit;
    const core::VisitScores* scores;  ///< null when the visit could not be scored
    const core::FilmScore* film;      ///< the film of the visit's date, or null
    int number;
};

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

Fields<VisitRow> visitOnlyFields(const Builder& b) {
    Fields<VisitRow> fields;
    const auto patientOf = [](const VisitRow& r) -> const PatientData& { return *r.patient; };
    const std::string form = "visit";
    addDate<VisitRow>(
        b, fields, "visit", "Visit date",
        [](const VisitRow& r) { return std::optional<Date>(r.visit->date); }, patientOf, form);
    fields.back().column.missing = "never empty";
    fields.back().column.key = true;
    addNumber<VisitRow>(
        fields, "age", "Age at the visit, completed years", "years", 0, 130,
        [](const VisitRow& r) {
            return number(core::ageInYears(r.patient->history->patient.birth, r.visit->date));
        },
        form, "core::ageInYears(birth, visit date)", ValueType::Integer);
    addCategory<VisitRow>(
        fields, "postmenopausal", "Postmenopausal (women)", kYesNo,
        [](const VisitRow& r) {
            return r.visit->postmenopausal ? yesNo(*r.visit->postmenopausal) : missing();
        },
        form);

    // Recorded items.
    for (int i = 1; i <= core::kBasdaiItemCount; ++i)
        addNumber<VisitRow>(
            fields, "basdai_q" + std::to_string(i),
            core::basdaiItemField(i) + " (" + core::basdaiItemLabel(i) + ")", "0-10 NRS", 0, 10,
            [i](const VisitRow& r) { return number(r.visit->basdai.items()[i - 1]); }, form);
    addNumber<VisitRow>(
        fields, "patient_global", "ASDAS patient global assessment", "0-10 NRS", 0, 10,
        [](const VisitRow& r) { return number(r.visit->patientGlobal); }, form);
    for (int i = 1; i <= core::kBasfiItemCount; ++i)
        addNumber<VisitRow>(
            fields, "basfi_q" + std::to_string(i), core::basfiItemField(i), "0-10", 0, 10,
            [i](const VisitRow& r) { return number(r.visit->basfi.items[i - 1]); }, form);
    using Member = std::optional<double> core::BasmiInput::*;
    const std::vector<std::tuple<const char*, const char*, const char*, Member>> basmi = {
        {"basmi_lat_flex_left", "BASMI lateral lumbar flexion left", "cm",
         &core::BasmiInput::lateralFlexionLeftCm},
        {"basmi_lat_flex_right", "BASMI lateral lumbar flexion right", "cm",
         &core::BasmiInput::lateralFlexionRightCm},
        {"basmi_tragus_left", "BASMI tragus-to-wall left", "cm", &core::BasmiInput::tragusToWallLeftCm},
        {"basmi_tragus_right", "BASMI tragus-to-wall right", "cm", &core::BasmiInput::tragusToWallRightCm},
        {"basmi_schober", "BASMI modified Schober", "cm", &core::BasmiInput::modifiedSchoberCm},
        {"basmi_intermalleolar", "BASMI intermalleolar distance", "cm",
         &core::BasmiInput::intermalleolarDistanceCm},
        {"basmi_cerv_rot_left", "BASMI cervical rotation left", "degrees",
         &core::BasmiInput::cervicalRotationLeftDegrees},
        {"basmi_cerv_rot_right", "BASMI cervical rotation right", "degrees",
         &core::BasmiInput::cervicalRotationRightDegrees},
    };
    for (const auto& [name, label, unit, member] : basmi)
        addNumber<VisitRow>(
            fields, name, label, unit, 0, std::nullopt,
            [member = member](const VisitRow& r) { return number(r.visit->basmi.*member); }, form);

    // Computed scores.
    addScore<VisitRow>(
        fields, "basdai", "BASDAI", "0-10", 0, 10, "core::computeBasdai (clinical-rules.md 2)",
        [](const VisitRow& r) { return r.scores ? r.scores->basdai.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasdai(*r.visit); }, form);
    addCategory<VisitRow>(
        fields, "basdai_active", "BASDAI active disease (>= 4)", kYesNo,
        [](const VisitRow& r) {
            return r.scores && r.scores->basdai.value
                       ? yesNo(r.scores->basdai.active)
                       : missing(anyBasdai(*r.visit) ? Missing::NotComputable : Missing::NotRecorded);
        },
        form, "core::computeBasdai");
    fields.back().column.follows = "basdai";
    for (const auto marker : {core::AsdasMarker::Crp, core::AsdasMarker::Esr}) {
        const bool crp = marker == core::AsdasMarker::Crp;
        const std::string name = crp ? "asdas_crp" : "asdas_esr";
        const core::Analyte analyte = crp ? core::Analyte::Crp : core::Analyte::Esr;
        const auto result = [crp](const VisitRow& r) -> const core::AsdasResult* {
            return r.scores ? (crp ? &r.scores->asdasCrp : &r.scores->asdasEsr) : nullptr;
        };
        addScore<VisitRow>(
            fields, name, crp ? "ASDAS-CRP" : "ASDAS-ESR", "", 0, std::nullopt,
            std::string(crp ? "core::computeAsdasCrp" : "core::computeAsdasEsr") + " (clinical-rules.md 3)",
            [result](const VisitRow& r) { return result(r) ? result(r)->value : std::nullopt; },
            [analyte](const VisitRow& r) { return anyAsdas(*r.visit, analyte); }, form);
        addCategory<VisitRow>(
            fields, name + "_state", std::string(crp ? "ASDAS-CRP" : "ASDAS-ESR") + " disease activity state",
            kAsdasState,
            [result, analyte](const VisitRow& r) {
                return asdasState(result(r), anyAsdas(*r.visit, analyte));
            },
            form, "core::classifyAsdas");
        fields.back().column.follows = name;
        if (crp) {
            addNumber<VisitRow>(
                fields, "asdas_crp_used", "CRP that entered ASDAS-CRP (after mg/dL and the 2 mg/L floor)",
                "mg/L", 0, 500,
                [result](const VisitRow& r) {
                    return result(r) ? number(result(r)->crpUsedMgPerL, Missing::NotComputable) : missing();
                },
                form, "core::computeAsdasCrp");
            fields.back().column.follows = name;
        }
    }
    addScore<VisitRow>(
        fields, "basfi", "BASFI", "0-10", 0, 10, "core::computeBasfi (clinical-rules.md 4)",
        [](const VisitRow& r) { return r.scores ? r.scores->basfi.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasfi(*r.visit); }, form);
    addScore<VisitRow>(
        fields, "basmi_lin", "BASMIlin", "0-10", 0, 10, "core::computeBasmi (clinical-rules.md 4)",
        [](const VisitRow& r) { return r.scores ? r.scores->basmi.value : std::nullopt; },
        [](const VisitRow& r) { return anyBasmi(*r.visit); }, form);

    // BMD (DXA of the visit).
    const std::vector<std::pair<core::BmdSite, const char*>> bmdSites = {
        {core::BmdSite::LumbarSpine, "lumbar"},
        {core::BmdSite::FemoralNeck, "neck"},
        {core::BmdSite::TotalHip, "hip"},
        {core::BmdSite::Radius33, "radius"}};
    for (const auto& [site, shortName] : bmdSites) {
        const std::string siteName = core::toString(site);
        addNumber<VisitRow>(
            fields, std::string("bmd_") + shortName, "BMD " + siteName, "g/cm2", core::kBmdMin, core::kBmdMax,
            [site = site](const VisitRow& r) {
                const core::BmdMeasurement* m = bmdAt(*r.visit, site);
                return m ? number(m->bmd) : missing();
            },
            form);
        addNumber<VisitRow>(
            fields, std::string("t_") + shortName, "T-score " + siteName + " (device-reported)", "SD",
            core::kBmdScoreMin, core::kBmdScoreMax,
            [site = site](const VisitRow& r) {
                const core::BmdMeasurement* m = bmdAt(*r.visit, site);
                return m ? number(m->tScore) : missing();
            },
            form);
        addNumber<VisitRow>(
            fields, std::string("z_") + shortName, "Z-score " + siteName + " (device-reported)", "SD",
            core::kBmdScoreMin, core::kBmdScoreMax,
            [site = site](const VisitRow& r) {
                const core::BmdMeasurement* m = bmdAt(*r.visit, site);
                return m ? number(m->zScore) : missing();
            },
            form);
    }
    addText<VisitRow>(
        fields, "bmd_lumbar_vert", "Vertebrae of the lumbar BMD",
        [](const VisitRow& r) {
            const core::BmdMeasurement* m = bmdAt(*r.visit, core::BmdSite::LumbarSpine);
            return m ? text(core::toString(m->vertebrae)) : missing();
        },
        form);
    addText<VisitRow>(
        fields, "dxa_device", "DXA device (manufacturer model)",
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
        fields, "bmd_category", "BMD category (WHO T-score or ISCD Z-score)", kBmdCategory,
        [bmdValue](const VisitRow& r) { return scoreCell(bmdValue(r), !r.visit->bmd.empty()); }, form,
        "core::classifyBmdWithFilms (clinical-rules.md 5)");
    fields.back().column.missing = kEmptySeeStatus;
    addCategory<VisitRow>(
        fields, "bmd_category_status", "BMD category: status", kStatus,
        [bmdValue](const VisitRow& r) {
            return number(statusOf(bmdValue(r).has_value(), !r.visit->bmd.empty()));
        },
        form, "status of bmd_category");
    fields.back().column.follows = "bmd_category";
    addCategory<VisitRow>(
        fields, "bmd_basis", "Score the BMD category uses", kBmdBasis,
        [](const VisitRow& r) {
            return r.scores && r.scores->bmd && r.scores->bmd->basis
                       ? number(static_cast<int>(*r.scores->bmd->basis) + 1)
                       : missing(r.visit->bmd.empty() ? Missing::NotRecorded : Missing::NotComputable);
        },
        form, "core::classifyBmdWithFilms");
    fields.back().column.follows = "bmd_category";
    addCategory<VisitRow>(
        fields, "bmd_as_caveat",
        "Lumbar BMD possibly falsely elevated by syndesmophytes (category from the hip sites only)", kYesNo,
        [](const VisitRow& r) {
            return r.scores && r.scores->bmd
                       ? yesNo(r.scores->bmd->lumbarSyndesmophytes)
                       : missing(r.visit->bmd.empty() ? Missing::NotRecorded : Missing::NotComputable);
        },
        form, "core::classifyBmdWithFilms (nearest film within 1 year)");
    fields.back().column.follows = "bmd_category";

    // Laboratory values: canonical unit, and the value and unit as entered beside them.
    const std::vector<std::pair<core::Analyte, const char*>> analytes = {{core::Analyte::Crp, "crp"},
                                                                         {core::Analyte::Esr, "esr"},
                                                                         {core::Analyte::Mmp3, "mmp3"},
                                                                         {core::Analyte::Dkk1, "dkk1"},
                                                                         {core::Analyte::Sclerostin, "sost"}};
    for (const auto& [analyte, prefix] : analytes) {
        const std::string p = prefix;
        const std::string name = core::toString(analyte);
        const core::LabLimits limits = core::labLimits(analyte);
        addNumber<VisitRow>(
            fields, p, name + " in " + core::canonicalUnit(analyte), core::canonicalUnit(analyte),
            limits.hardMin, limits.hardMax,
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
            form, "core::canonicalValue (clinical-rules.md 6)");
        addNumber<VisitRow>(
            fields, p + "_raw", name + " as entered (unit in " + p + "_raw_unit)", "", std::nullopt,
            std::nullopt,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? number(lab->value) : missing();
            },
            form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_raw_unit", name + " unit as entered",
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->unit) : missing();
            },
            form);
        fields.back().column.allowed = core::acceptedUnitsText(analyte);
        fields.back().column.follows = p;
        addCategory<VisitRow>(
            fields, p + "_below_lod", name + " below the detection limit", kYesNo,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? yesNo(lab->belowDetectionLimit) : missing();
            },
            form);
        fields.back().column.follows = p;
        addNumber<VisitRow>(
            fields, p + "_lod", name + " detection limit as entered (unit in " + p + "_raw_unit)", "",
            std::nullopt, std::nullopt,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? number(lab->detectionLimit) : missing();
            },
            form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_assay", name + " assay or kit",
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->assay) : missing();
            },
            form);
        fields.back().column.follows = p;
        addCategory<VisitRow>(
            fields, p + "_sample", name + " sample type", kSampleType,
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab && lab->sampleType ? number(static_cast<int>(*lab->sampleType) + 1) : missing();
            },
            form);
        fields.back().column.follows = p;
        addDate<VisitRow>(
            b, fields, p + "_sampled", name + " sample date",
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? std::optional<Date>(lab->sampleDate) : std::nullopt;
            },
            patientOf, form);
        fields.back().column.follows = p;
        addText<VisitRow>(
            fields, p + "_lab", name + " laboratory",
            [analyte = analyte](const VisitRow& r) {
                const core::LabValue* lab = r.visit->lab(analyte);
                return lab ? text(lab->laboratory) : missing();
            },
            form, true);
        fields.back().column.follows = p;
    }

    // The lateral spine film of the visit's date.
    addCategory<VisitRow>(
        fields, "film", "Lateral spine film on the visit date", kYesNo,
        [](const VisitRow& r) { return yesNo(r.film != nullptr); }, form);
    fields.back().column.missing = "never empty";
    addScore<VisitRow>(
        fields, "msasss", "mSASSS of the film (mean of the readers' computable totals)", "mSASSS units", 0,
        72, "core::scoreFilm (clinical-rules.md 1.3)",
        [](const VisitRow& r) { return r.film ? r.film->value : std::nullopt; },
        [](const VisitRow& r) { return r.film != nullptr && r.film->readingsTotal > 0; }, form);
    addNumber<VisitRow>(
        fields, "msasss_readings", "Readings whose total entered the film's mSASSS", "", 0, std::nullopt,
        [](const VisitRow& r) { return r.film ? number(r.film->readingsUsed) : missing(); }, form,
        "core::scoreFilm", ValueType::Integer);
    fields.back().column.follows = "msasss";
    addText<VisitRow>(
        fields, "visit_notes", "Visit notes (free text)",
        [](const VisitRow& r) { return text(r.visit->notes); }, form, true);
    return fields;
}

// ---- readings ----------------------------------------------------------------------------------

struct ReadingRow {
    const PatientData* patient;
    const core::Film* film;
    const core::FilmScore* filmScore;
    const core::Reading* reading;
    const core::MsasssScore* score;
};

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

Fields<ReadingRow> readingFields(const Builder& b) {
    Fields<ReadingRow> fields;
    const auto patientOf = [](const ReadingRow& r) -> const PatientData& { return *r.patient; };
    const std::string form = "reading";
    addDate<ReadingRow>(
        b, fields, "film", "Film date", [](const ReadingRow& r) { return std::optional<Date>(r.film->date); },
        patientOf, form);
    fields.back().column.key = true;
    fields.back().column.missing = "never empty";
    {
        Column reader = b.identified() ? makeColumn("reader", "Reader", ValueType::Text)
                                       : makeColumn("reader", "Reader (keyed pseudonym of the reader's name)",
                                                    ValueType::Text, "", "keyed hash of the reader's name");
        reader.key = true;
        reader.form = form;
        fields.push_back({reader, [](const ReadingRow& r) {
                              const ProjectKey* key = r.patient->context->key;
                              return text(key ? key->readerPseudonym(r.reading->reader) : r.reading->reader);
                          }});
    }
    addDate<ReadingRow>(
        b, fields, "reading", "Reading date", [](const ReadingRow& r) { return r.reading->readingDate; },
        patientOf, form);
    addCategory<ReadingRow>(
        fields, "chronology_known", "Reader knew the films' order", kYesNo,
        [](const ReadingRow& r) { return yesNo(r.reading->chronologyKnown); }, form);
    const auto anySite = [](const ReadingRow& r) {
        return std::any_of(r.reading->sites.begin(), r.reading->sites.end(),
                           [](const auto& s) { return s.has_value(); });
    };
    addScore<ReadingRow>(
        fields, "msasss_total", "mSASSS of this reading", "mSASSS units", 0, 72,
        "core::scoreReading (clinical-rules.md 1.3)", [](const ReadingRow& r) { return r.score->total; },
        anySite, form);
    for (const bool cervical : {true, false}) {
        const std::string seg = cervical ? "cervical" : "lumbar";
        const auto segment = [cervical](const ReadingRow& r) -> const core::SegmentScore& {
            return cervical ? r.score->cervical : r.score->lumbar;
        };
        addScore<ReadingRow>(
            fields, "msasss_" + seg, "mSASSS " + seg + " segment", "mSASSS units", 0, 36,
            "core::scoreReading (clinical-rules.md 1.3)",
            [segment](const ReadingRow& r) { return segment(r).value; }, anySite, form);
        const std::string s = cervical ? "cerv" : "lumb";
        const std::vector<std::pair<std::string, int core::SegmentScore::*>> counts = {
            {"_imputed", &core::SegmentScore::imputed},
            {"_not_assessable", &core::SegmentScore::notAssessable},
            {"_not_scored", &core::SegmentScore::notScored}};
        for (const auto& [suffix, member] : counts) {
            addNumber<ReadingRow>(
                fields, s + suffix,
                seg + " sites" +
                    (suffix == "_imputed"          ? " imputed (segment mean)"
                     : suffix == "_not_assessable" ? " not assessable"
                                                   : " not scored"),
                "sites", 0, 12,
                [segment, member = member](const ReadingRow& r) { return number(segment(r).*member); }, form,
                "core::scoreReading", ValueType::Integer);
            fields.back().column.follows = "msasss_" + seg;
        }
    }
    addScore<ReadingRow>(
        fields, "film_msasss", "mSASSS of the film (mean of the readers' computable totals)", "mSASSS units",
        0, 72, "core::scoreFilm (clinical-rules.md 1.3)",
        [](const ReadingRow& r) { return r.filmScore->value; }, [](const ReadingRow&) { return true; }, form);
    for (const core::Site site : core::allSites()) {
        Column column = makeColumn(lowercase(core::siteId(site)), "Grade at " + core::siteId(site),
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

// ---- progression -------------------------------------------------------------------------------

struct PairRow {
    const PatientData* patient;
    const core::ProgressionResult* pair;
    int number;
    bool firstToLast;
};

bool firedCriterion(const core::ProgressionResult& pair, core::ProgressionCriterion criterion) {
    return std::find(pair.criteria.begin(), pair.criteria.end(), criterion) != pair.criteria.end();
}

/// Pair columns; prefix "" for the progression table, "prog_" for the wide table's summary.
template <class Row>
Fields<Row> pairFields(const Builder& b, const std::string& prefix,
                       std::function<const core::ProgressionResult*(const Row&)> pairOf,
                       std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> fields;
    const std::string form = "progression";
    const std::string what = prefix.empty() ? "" : "First-to-last films: ";
    addDate<Row>(
        b, fields, prefix + "from", what + "Earlier film date",
        [pairOf](const Row& r) { return pairOf(r) ? std::optional<Date>(pairOf(r)->from) : std::nullopt; },
        patientOf, form);
    addDate<Row>(
        b, fields, prefix + "to", what + "Later film date",
        [pairOf](const Row& r) { return pairOf(r) ? std::optional<Date>(pairOf(r)->to) : std::nullopt; },
        patientOf, form);
    addNumber<Row>(
        fields, prefix + "years", what + "Interval (days / 365.25)", "years", 0, std::nullopt,
        [pairOf](const Row& r) { return pairOf(r) ? number(pairOf(r)->intervalYears) : missing(); }, form,
        "core::assessProgression");
    const auto anyPair = [pairOf](const Row& r) { return pairOf(r) != nullptr; };
    addNumber<Row>(
        fields, prefix + "score_from", what + "mSASSS of the earlier film", "mSASSS units", 0, 72,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->scoreFrom, Missing::NotComputable) : missing();
        },
        form, "core::scoreFilm");
    addNumber<Row>(
        fields, prefix + "score_to", what + "mSASSS of the later film", "mSASSS units", 0, 72,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->scoreTo, Missing::NotComputable) : missing();
        },
        form, "core::scoreFilm");
    addScore<Row>(
        fields, prefix + "change", what + "mSASSS change (later - earlier)", "mSASSS units", std::nullopt,
        std::nullopt, "core::assessProgression (clinical-rules.md 1.5)",
        [pairOf](const Row& r) { return pairOf(r) ? pairOf(r)->change : std::nullopt; }, anyPair, form);
    addNumber<Row>(
        fields, prefix + "rate", what + "mSASSS change per year", "mSASSS units/year", std::nullopt,
        std::nullopt,
        [pairOf](const Row& r) {
            return pairOf(r) ? number(pairOf(r)->ratePerYear, Missing::NotComputable) : missing();
        },
        form, "core::assessProgression");
    fields.back().column.follows = prefix + "change";
    addCategory<Row>(
        fields, prefix + "units_met", what + "Units criterion met (clinical-rules.md 1.5)", kYesNo,
        [pairOf](const Row& r) {
            if (!pairOf(r))
                return missing();
            return pairOf(r)->unitsCriterion ? yesNo(*pairOf(r)->unitsCriterion)
                                             : missing(Missing::NotComputable);
        },
        form, "core::assessProgression");
    const std::vector<std::pair<std::string, int core::FilmComparison::*>> events = {
        {"new_synd", &core::FilmComparison::newSyndesmophytes},
        {"new_bridging", &core::FilmComparison::newBridgings},
        {"regressions", &core::FilmComparison::regressions},
        {"sites_not_eval", &core::FilmComparison::notEvaluable}};
    for (const auto& [name, member] : events)
        addNumber<Row>(
            fields, prefix + name,
            what + (name == "new_synd"       ? "New syndesmophytes"
                    : name == "new_bridging" ? "New bridgings"
                    : name == "regressions"  ? "Regressions (lower grade later: quality flag)"
                                             : "Sites not evaluable on both films"),
            "sites", 0, 24,
            [pairOf, member = member](const Row& r) {
                return pairOf(r) ? number(pairOf(r)->events.*member) : missing();
            },
            form, "core::compareFilms (clinical-rules.md 1.4)", ValueType::Integer);
    addCategory<Row>(
        fields, prefix + "progression", what + "Progression (either criterion)", kYesNo,
        [pairOf](const Row& r) { return pairOf(r) ? yesNo(pairOf(r)->progression) : missing(); }, form,
        "core::assessProgression (clinical-rules.md 1.5)");
    return fields;
}

// ---- selection and assembly --------------------------------------------------------------------

template <class Row>
bool keep(const Builder& b, const Column& column) {
    if (column.identifying && !b.identified())
        return false;  // the allow-list: identifying columns exist only in identified exports
    const std::vector<std::string>& wanted = b.context.options->columns;
    if (column.key || wanted.empty())
        return true;
    const auto selected = [&](const std::string& name) {
        return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
    };
    return selected(column.name) || (!column.follows.empty() && selected(column.follows));
}

template <class Row>
Fields<Row> selected(const Builder& b, Fields<Row> fields) {
    Fields<Row> kept;
    for (Field<Row>& field : fields)
        if (keep<Row>(b, field.column))
            kept.push_back(std::move(field));
    return kept;
}

/// Adapts fields of a patient to rows that know their patient.
template <class Row>
Fields<Row> forRows(const Fields<PatientData>& fields,
                    std::function<const PatientData&(const Row&)> patientOf) {
    Fields<Row> adapted;
    for (const Field<PatientData>& field : fields)
        adapted.push_back(
            {field.column, [get = field.get, patientOf](const Row& r) { return get(patientOf(r)); }});
    return adapted;
}

template <class Row>
Table assemble(ExportTable kind, Fields<Row> fields,
               std::function<void(const PatientData&, const std::function<void(const Row&)>&)> each) {
    Table table;
    table.kind = kind;
    for (const Field<Row>& field : fields) {
        checkVariableName(field.column.name);
        table.columns.push_back(field.column);
    }
    auto shared = std::make_shared<Fields<Row>>(std::move(fields));
    table.rows = [shared, each](const PatientData& patient,
                                const std::function<void(const std::vector<Cell>&)>& emit) {
        std::vector<Cell> cells(shared->size());
        each(patient, [&](const Row& row) {
            for (std::size_t i = 0; i < shared->size(); ++i)
                cells[i] = (*shared)[i].get(row);
            emit(cells);
        });
    };
    return table;
}

const core::FilmScore* filmOn(const PatientData& p, Date date) {
    for (std::size_t i = 0; i < p.films.size(); ++i)
        if (p.films[i].date == date)
            return &p.filmScores[i];
    return nullptr;
}

void eachVisit(const PatientData& p, const std::function<void(const VisitRow&)>& handle) {
    for (std::size_t i = 0; i < p.visits.size(); ++i) {
        const auto& scores = p.visitScores[i].scores;
        handle({&p, p.visits[i], scores ? &*scores : nullptr, filmOn(p, p.visits[i]->date),
                static_cast<int>(i) + 1});
    }
}

Fields<VisitRow> visitTableFields(const Builder& b) {
    Fields<VisitRow> fields = forRows<VisitRow>(
        patientFields(b), [](const VisitRow& r) -> const PatientData& { return *r.patient; });
    Column visitNumber = makeColumn("visit_number", "Visit number (1 = baseline, the first exported visit)",
                                    ValueType::Integer, "", "order of the exported visits");
    visitNumber.key = true;
    visitNumber.missing = "never empty";
    visitNumber.form = "visit";
    fields.push_back({visitNumber, [](const VisitRow& r) {
                          return Cell{Missing::None, double(r.number), {}};
                      }});
    for (Field<VisitRow>& field : visitOnlyFields(b))
        fields.push_back(std::move(field));
    return fields;
}

const core::ProgressionResult* firstToLast(const PatientData& p) {
    if (p.films.size() < 2 || p.review.pairs.empty())
        return nullptr;
    // reviewProgression lists consecutive pairs, then first-to-last when there are 3 or more films;
    // with 2 films the one pair is first-to-last.
    return &p.review.pairs.back();
}

Fields<PatientData> wideFields(const Builder& b, int visits) {
    Fields<PatientData> fields = patientFields(b);
    const auto self = [](const PatientData& p) -> const PatientData& { return p; };
    addNumber<PatientData>(
        fields, "n_visits", "Visits exported", "", 0, std::nullopt,
        [](const PatientData& p) { return number(static_cast<double>(p.visits.size())); }, "patient", "count",
        ValueType::Integer);
    fields.back().column.key = true;
    addNumber<PatientData>(
        fields, "n_films", "Lateral spine films exported", "", 0, std::nullopt,
        [](const PatientData& p) { return number(static_cast<double>(p.films.size())); }, "patient", "count",
        ValueType::Integer);
    const Fields<VisitRow> perVisit = visitOnlyFields(b);
    for (int k = 1; k <= visits; ++k) {
        for (const Field<VisitRow>& field : perVisit) {
            Column column = field.column;
            column.name = "v" + std::to_string(k) + "_" + field.column.name;
            column.label =
                (k == 1 ? std::string("Baseline") : "Visit " + std::to_string(k)) + ": " + column.label;
            if (!column.follows.empty())
                column.follows = "v" + std::to_string(k) + "_" + column.follows;
            column.missing += "; empty when the patient has fewer visits";
            fields.push_back({column, [k, get = field.get](const PatientData& p) {
                                  if (static_cast<std::size_t>(k) > p.visits.size())
                                      return missing();
                                  const std::size_t i = static_cast<std::size_t>(k) - 1;
                                  const auto& scores = p.visitScores[i].scores;
                                  return get({&p, p.visits[i], scores ? &*scores : nullptr,
                                              filmOn(p, p.visits[i]->date), k});
                              }});
        }
    }
    addCategory<PatientData>(
        fields, "progressor", "Progressor: any film pair shows progression", kYesNo,
        [](const PatientData& p) { return p.films.size() < 2 ? missing() : yesNo(p.review.progressor); },
        "patient", "core::reviewProgression (clinical-rules.md 1.5)");
    for (Field<PatientData>& field : pairFields<PatientData>(
             b, "prog_", [](const PatientData& p) { return firstToLast(p); }, self))
        fields.push_back(std::move(field));
    return fields;
}

/// Wide selection: "basdai" selects v1_basdai, v2_basdai, ...
Builder wideBuilder(const ExportContext& context, ExportOptions& expanded, int visits) {
    expanded = *context.options;
    for (const std::string& name : context.options->columns)
        for (int k = 1; k <= visits; ++k)
            expanded.columns.push_back("v" + std::to_string(k) + "_" + name);
    return Builder{context};
}

}  // namespace

std::string toString(ValueType type) {
    switch (type) {
        case ValueType::Integer:
            return "integer";
        case ValueType::Number:
            return "number";
        case ValueType::Text:
            return "text";
        case ValueType::Date:
            return "date";
        case ValueType::Category:
            return "category";
    }
    throw InternalError("unknown value type");
}

void checkVariableName(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z';
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    // Names SPSS (ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH) or Stata reserve.
    static const std::set<std::string> kReserved = {
        "all",  "and",  "by",    "eq",     "ge",    "gt",  "le",    "lt",  "ne",   "not",   "or",
        "to",   "with", "byte",  "double", "float", "if",  "in",    "int", "long", "using", "strl",
        "_all", "_b",   "_coef", "_cons",  "_n",    "_pi", "_pred", "_rc", "_skip"};
    ok = ok && !kReserved.count(name);
    if (!ok)
        throw InternalError("export column name '" + name +
                            "' is not a valid SPSS/Stata/REDCap name (a-z, 0-9, _; letter first; <= 32)");
}

std::string isoDate(double daysSince1970) {
    const Date date = kEpoch + boost::gregorian::date_duration(static_cast<long>(std::lround(daysSince1970)));
    const auto ymd = date.year_month_day();
    char buffer[16];
    const int year = ymd.year, month = ymd.month, day = ymd.day;
    buffer[0] = char('0' + year / 1000);
    buffer[1] = char('0' + year / 100 % 10);
    buffer[2] = char('0' + year / 10 % 10);
    buffer[3] = char('0' + year % 10);
    buffer[4] = '-';
    buffer[5] = char('0' + month / 10);
    buffer[6] = char('0' + month % 10);
    buffer[7] = '-';
    buffer[8] = char('0' + day / 10);
    buffer[9] = char('0' + day % 10);
    return std::string(buffer, 10);
}

Table makeTable(ExportTable kind, const ExportContext& context, int wideVisits) {
    const Builder b{context};
    switch (kind) {
        case ExportTable::Visits:
            return assemble<VisitRow>(kind, selected(b, visitTableFields(b)), eachVisit);
        case ExportTable::Readings: {
            Fields<ReadingRow> fields = forRows<ReadingRow>(
                patientFields(b), [](const ReadingRow& r) -> const PatientData& { return *r.patient; });
            // Only the ID of the patient's columns: the visits table carries the rest.
            fields.erase(
                std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                fields.end());
            for (Field<ReadingRow>& field : readingFields(b))
                fields.push_back(std::move(field));
            return assemble<ReadingRow>(
                kind, selected(b, std::move(fields)),
                [](const PatientData& p, const std::function<void(const ReadingRow&)>& handle) {
                    for (std::size_t f = 0; f < p.films.size(); ++f)
                        for (std::size_t r = 0; r < p.films[f].readings.size(); ++r)
                            handle({&p, &p.films[f], &p.filmScores[f], &p.films[f].readings[r],
                                    &p.filmScores[f].readingScores[r]});
                });
        }
        case ExportTable::Progression: {
            Fields<PairRow> fields = forRows<PairRow>(
                patientFields(b), [](const PairRow& r) -> const PatientData& { return *r.patient; });
            fields.erase(
                std::remove_if(fields.begin(), fields.end(), [](const auto& f) { return !f.column.key; }),
                fields.end());
            Column pairNumber =
                makeColumn("pair_number", "Film pair number within the patient", ValueType::Integer, "",
                           "order of core::reviewProgression's pairs");
            pairNumber.key = true;
            pairNumber.missing = "never empty";
            fields.push_back({pairNumber, [](const PairRow& r) {
                                  return Cell{Missing::None, double(r.number), {}};
                              }});
            addCategory<PairRow>(
                fields, "pair_kind", "Which films", kPairKind,
                [](const PairRow& r) { return number(r.firstToLast ? 2 : 1); }, "progression",
                "core::reviewProgression");
            for (Field<PairRow>& field : pairFields<PairRow>(
                     b, "", [](const PairRow& r) { return r.pair; },
                     [](const PairRow& r) -> const PatientData& { return *r.patient; }))
                fields.push_back(std::move(field));
            addCategory<PairRow>(
                fields, "crit_units", "Criterion fired: units", kYesNo,
                [](const PairRow& r) {
                    return yesNo(firedCriterion(*r.pair, core::ProgressionCriterion::Units));
                },
                "progression", "core::assessProgression");
            addCategory<PairRow>(
                fields, "crit_new_synd", "Criterion fired: new syndesmophyte", kYesNo,
                [](const PairRow& r) {
                    return yesNo(firedCriterion(*r.pair, core::ProgressionCriterion::NewSyndesmophyte));
                },
                "progression", "core::assessProgression");
            addCategory<PairRow>(
                fields, "progressor", "Patient is a progressor (any pair)", kYesNo,
                [](const PairRow& r) { return yesNo(r.patient->review.progressor); }, "progression",
                "core::reviewProgression");
            // core's note names film dates: identified exports only.
            addText<PairRow>(
                fields, "note", "Why (core's explanation; names film dates)",
                [](const PairRow& r) { return text(r.pair->note); }, "progression", true);
            return assemble<PairRow>(
                kind, selected(b, std::move(fields)),
                [](const PatientData& p, const std::function<void(const PairRow&)>& handle) {
                    const std::size_t n = p.review.pairs.size();
                    for (std::size_t i = 0; i < n; ++i)
                        handle({&p, &p.review.pairs[i], static_cast<int>(i) + 1,
                                p.films.size() >= 3 && i + 1 == n});
                });
        }
        case ExportTable::Wide: {
            ExportOptions expanded;
            wideBuilder(context, expanded, wideVisits);
            ExportContext wideContext = context;
            wideContext.options = &expanded;
            const Builder wb{wideContext};
            Table table = assemble<PatientData>(
                kind, selected(wb, wideFields(wb, wideVisits)),
                [](const PatientData& p, const std::function<void(const PatientData&)>& handle) {
                    handle(p);
                });
            return table;
        }
    }
    throw InternalError("unknown export table");
}

std::vector<std::string> columnNames(ExportTable kind, const ExportContext& context, int wideVisits) {
    ExportOptions all = *context.options;
    all.columns.clear();
    ExportContext everything = context;
    everything.options = &all;
    std::vector<std::string> names;
    for (const Column& column : makeTable(kind, everything, wideVisits).columns)
        names.push_back(column.name);
    return names;
}

}  // namespace ankylos::exports
