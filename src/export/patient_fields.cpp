#include "export/fields.h"

namespace ankylos::exports::fields {

Fields<PatientData> patientFields(const Builder& b) {
    Fields<PatientData> fields;
    const auto self = [](const PatientData& p) -> const PatientData& { return p; };
    {
        Column id =
            b.identified()
                ? makeColumn("patient_id", tr("Clinic patient ID"), ValueType::Text)
                : makeColumn("study_id", tr("Study ID (HMAC-SHA-256 of the clinic ID with the project key)"),
                             ValueType::Text, "", "keyed hash of the clinic patient ID");
        id.key = true;
        id.identifying = b.identified();
        id.missing = "never empty";
        id.form = "patient";
        fields.push_back({id, [](const PatientData& p) { return text(p.id); }});
    }
    addText<PatientData>(
        fields, "name", tr("Name"), [](const PatientData& p) { return text(p.history->patient.name); },
        "patient", true);
    addCategory<PatientData>(
        fields, "sex", tr("Sex"), kSex,
        [](const PatientData& p) { return number(p.history->patient.sex == core::Sex::Male ? 1 : 2); },
        "patient");
    fields.back().column.missing = "never empty";
    if (!b.relative())
        addDate<PatientData>(
            b, fields, "birth", tr("Date of birth"),
            [](const PatientData& p) { return p.history->patient.birth; }, self, "patient");
    addNumber<PatientData>(
        fields, "age_at_baseline", tr("Age at baseline (first exported visit), completed years"), "years", 0,
        130,
        [](const PatientData& p) {
            return p.baseline ? number(core::ageInYears(p.history->patient.birth, *p.baseline)) : missing();
        },
        "patient", "completed years from the date of birth to the baseline visit", ValueType::Integer);
    addCategory<PatientData>(
        fields, "hla_b27", trc("codebook", "HLA-B27"), kHla,
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
        fields, "smoking", tr("Smoking status"), kSmoking,
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
        b, fields, "onset", tr("Symptom onset"),
        [](const PatientData& p) { return p.history->patient.symptomOnset; }, self, "patient");
    addDate<PatientData>(
        b, fields, "diagnosis", trc("codebook", "Diagnosis"),
        [](const PatientData& p) { return p.history->patient.diagnosis; }, self, "patient");
    addText<PatientData>(
        fields, "patient_notes", tr("Patient notes (free text)"),
        [](const PatientData& p) { return text(p.history->patient.notes); }, "patient", true);
    return fields;
}

}  // namespace ankylos::exports::fields
