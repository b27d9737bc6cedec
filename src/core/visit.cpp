#include "core/visit.h"

#include <set>

namespace ankylos::core {

namespace {

std::optional<CrpMeasurement> crpOf(const Visit& visit) {
    const LabValue* crp = visit.lab(Analyte::Crp);
    if (!crp)
        return std::nullopt;
    // canonicalValue is mg/L; the lab module has already accepted the unit.
    return CrpMeasurement{canonicalValue(*crp), CrpUnit::MgPerL, crp->belowDetectionLimit};
}

std::optional<double> esrOf(const Visit& visit) {
    const LabValue* esr = visit.lab(Analyte::Esr);
    return esr ? std::optional<double>(canonicalValue(*esr)) : std::nullopt;
}

}  // namespace

const LabValue* Visit::lab(Analyte analyte) const {
    for (const LabValue& value : labs)
        if (value.analyte == analyte)
            return &value;
    return nullptr;
}

std::string lastAssay(const std::vector<Visit>& visits, Analyte analyte, Date onOrBefore) {
    const LabValue* last = nullptr;
    for (const Visit& visit : visits)
        for (const LabValue& value : visit.labs)
            if (value.analyte == analyte && !value.assay.empty() && value.sampleDate <= onOrBefore &&
                (!last || value.sampleDate >= last->sampleDate))
                last = &value;
    return last ? last->assay : std::string();
}

Validation validateVisit(const Patient& patient, const Visit& visit, Date today) {
    Validation validation;
    checkClinicalDate(validation, "visit date", visit.date, patient.birth, today);
    if (visit.postmenopausal && patient.sex == Sex::Male)
        validation.addError("menopausal status", *visit.postmenopausal ? "postmenopausal" : "premenopausal",
                            "not recorded for a man");
    validation.requireText("visit notes", visit.notes, TextKind::Notes);
    validation.append(validateBasdai(visit.basdai));
    if (visit.patientGlobal)
        validation.requireRange("ASDAS patient global", *visit.patientGlobal, 0, 10);
    validation.append(validateBasfi(visit.basfi));
    validation.append(validateBasmi(visit.basmi));
    if (!visit.bmd.empty())
        validation.append(validateBmdScan(BmdScan{visit.date, visit.bmd}, patient.birth, today));
    for (const LabValue& value : visit.labs)
        validation.append(validateLabValue(value, patient.birth, today));
    validation.append(validateAsasCoreSet(visit.coreSet, patient.birth, today));
    return validation;
}

Validation validateVisits(const Patient& patient, const std::vector<Visit>& visits, Date today) {
    Validation validation;
    std::set<Date> dates;
    for (const Visit& visit : visits) {
        validation.append(validateVisit(patient, visit, today));
        if (!dates.insert(visit.date).second)
            validation.addError("visit date", toIsoString(visit.date), "one visit per date for a patient");
    }
    return validation;
}

VisitScores scoreVisit(const Patient& patient, const Visit& visit, const std::vector<Film>& films,
                       const Settings& settings) {
    VisitScores scores;
    scores.basdai = computeBasdai(visit.basdai);
    const AsdasInput asdas = asdasInputFromBasdai(visit.basdai, visit.patientGlobal);
    scores.asdasCrp = computeAsdasCrp(asdas, crpOf(visit), settings.asdas);
    scores.asdasEsr = computeAsdasEsr(asdas, esrOf(visit), settings.asdas);
    scores.basfi = computeBasfi(visit.basfi);
    scores.basmi = computeBasmi(visit.basmi);
    if (!visit.bmd.empty())
        scores.bmd =
            classifyBmdWithFilms(BmdScan{visit.date, visit.bmd}, patient.sex, patient.birth,
                                 patient.sex == Sex::Female ? visit.postmenopausal : std::nullopt, films);
    return scores;
}

}  // namespace ankylos::core
