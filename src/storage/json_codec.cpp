#include "storage/json_codec.h"

namespace ankylos::storage {

namespace {

using nlohmann::json;

json orNull(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}
json orNull(const std::optional<core::Date>& value) {
    return value ? json(core::toIsoString(*value)) : json(nullptr);
}

}  // namespace

json toJson(const core::Patient& patient) {
    return {{"clinic_id", patient.clinicId},
            {"name", patient.name},
            {"sex", core::toString(patient.sex)},
            {"birth_date", core::toIsoString(patient.birth)},
            {"hla_b27", core::toString(patient.hlaB27)},
            {"symptom_onset", orNull(patient.symptomOnset)},
            {"diagnosis_date", orNull(patient.diagnosis)},
            {"smoking", core::toString(patient.smoking)},
            {"notes", patient.notes}};
}

json toJson(const core::Visit& visit) {
    json out = {{"visit_date", core::toIsoString(visit.date)}};
    out["postmenopausal"] = visit.postmenopausal ? json(*visit.postmenopausal) : json(nullptr);
    const auto basdai = visit.basdai.items();
    for (int i = 0; i < core::kBasdaiItemCount; ++i)
        out["basdai_q" + std::to_string(i + 1)] = orNull(basdai[i]);
    out["patient_global"] = orNull(visit.patientGlobal);
    for (int i = 0; i < core::kBasfiItemCount; ++i)
        out["basfi_q" + std::to_string(i + 1)] = orNull(visit.basfi.items[i]);
    const core::BasmiInput& basmi = visit.basmi;
    out["basmi"] = {{"lateral_flexion_left_cm", orNull(basmi.lateralFlexionLeftCm)},
                    {"lateral_flexion_right_cm", orNull(basmi.lateralFlexionRightCm)},
                    {"tragus_wall_left_cm", orNull(basmi.tragusToWallLeftCm)},
                    {"tragus_wall_right_cm", orNull(basmi.tragusToWallRightCm)},
                    {"schober_cm", orNull(basmi.modifiedSchoberCm)},
                    {"intermalleolar_cm", orNull(basmi.intermalleolarDistanceCm)},
                    {"cervical_rotation_left_deg", orNull(basmi.cervicalRotationLeftDegrees)},
                    {"cervical_rotation_right_deg", orNull(basmi.cervicalRotationRightDegrees)}};
    json bmd = json::array();
    for (const core::BmdMeasurement& m : visit.bmd)
        bmd.push_back({{"site", core::toString(m.site)},
                       {"bmd_g_cm2", m.bmd},
                       {"t_score", orNull(m.tScore)},
                       {"z_score", orNull(m.zScore)},
                       {"device", m.device.manufacturer + " " + m.device.model},
                       {"vertebrae", core::toString(m.vertebrae)}});
    out["bmd"] = bmd;
    json labs = json::array();
    for (const core::LabValue& lab : visit.labs)
        labs.push_back(
            {{"analyte", core::toString(lab.analyte)},
             {"value", lab.value},
             {"unit", lab.unit},
             {"below_lod", lab.belowDetectionLimit},
             {"lod", orNull(lab.detectionLimit)},
             {"assay", lab.assay},
             {"sample_type", lab.sampleType ? json(core::toString(*lab.sampleType)) : json(nullptr)},
             {"laboratory", lab.laboratory},
             {"sample_date", core::toIsoString(lab.sampleDate)}});
    out["labs"] = labs;
    out["notes"] = visit.notes;
    out["core_set"] = coreSetJson(visit.coreSet);
    return out;
}

json coreSetJson(const core::AsasCoreSet& items) {
    json out = json::object();
    if (items.physicianGlobal)
        out["physician_global"] = *items.physicianGlobal;
    json mases = json::object();
    for (core::MasesSite site : core::allMasesSites())
        if (const auto& tender = items.mases.at(site))
            mases[core::masesSiteId(site)] = *tender ? 1 : 0;
    if (!mases.empty())
        out["mases"] = mases;
    for (const auto& [name, count] : {std::pair{"swollen_joint_count", items.swollenJointCount},
                                      std::pair{"tender_joint_count", items.tenderJointCount},
                                      std::pair{"dactylitis_digits", items.dactylitisDigits}})
        if (count)
            out[name] = *count;
    for (core::Manifestation m : core::allManifestations())
        if (const auto& record = items.at(m))
            out[core::toString(m)] = {{"status", core::toString(record->status)},
                                      {"last_episode", orNull(record->lastEpisode)}};
    return out.empty() ? json(nullptr) : out;
}

json toJson(const core::TreatmentEpisode& episode) {
    return {{"drug", episode.drugId},
            {"brand", episode.brand},
            {"start_date", core::toIsoString(episode.start)},
            {"stop_date", orNull(episode.stop)},
            {"dose_and_frequency", episode.doseAndFrequency},
            {"route", core::toString(episode.route)},
            {"stop_reason", episode.stopReason ? json(core::toString(*episode.stopReason)) : json(nullptr)}};
}

json toJson(const core::Reading& reading) {
    json sites = json::object();
    for (core::Site site : core::allSites()) {
        const auto& score = reading.at(site);
        if (!score)
            continue;
        sites[core::siteId(site)] =
            score->assessable() ? json(score->grade()) : json("NA:" + core::toString(*score->reason()));
    }
    json result = {{"reader", reading.reader},
                   {"reading_date", orNull(reading.readingDate)},
                   {"chronology_known", reading.chronologyKnown}};
    // How the reading was made (schema 13), only where it differs from a clinic reading's defaults:
    // readings stored before keep the image their audit rows hold, which `check` compares.
    if (!reading.session.empty())
        result["session"] = reading.session;
    if (reading.role != core::ReadingRole::Primary)
        result["role"] = core::toString(reading.role);
    if (!reading.identitySeen)
        result["identity_seen"] = false;
    if (reading.pairedByPatient)
        result["paired_by_patient"] = true;
    result["sites"] = sites;
    return result;
}

json filmJson(core::Date date) {
    return {{"film_date", core::toIsoString(date)}};
}

json toJson(const core::CtssReading& reading) {
    json quadrants = json::object();
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const auto& score = reading.at(quadrant);
        if (!score)
            continue;
        quadrants[core::quadrantId(quadrant)] =
            score->assessable() ? json(score->grade()) : json("NA:" + core::toString(*score->reason()));
    }
    return {{"reader", reading.reader},
            {"reading_date", orNull(reading.readingDate)},
            {"chronology_known", reading.chronologyKnown},
            {"quadrants", quadrants}};
}

json ctScanJson(const core::CtScan& scan) {
    return {{"scan_date", core::toIsoString(scan.date)},
            {"device", scan.device},
            {"whole_spine", scan.wholeSpine}};
}

json toJson(const core::PelvicFilmReading& pelvic) {
    return {{"film_date", core::toIsoString(pelvic.film.date)},
            {"reader", pelvic.reader},
            {"left", pelvic.film.left ? json(*pelvic.film.left) : json(nullptr)},
            {"right", pelvic.film.right ? json(*pelvic.film.right) : json(nullptr)}};
}

json toJson(const core::PatientHistory& history) {
    json visits = json::array();
    for (const core::Visit& visit : history.visits)
        visits.push_back(toJson(visit));
    json films = json::array();
    for (const core::Film& film : history.films) {
        json readings = json::array();
        for (const core::Reading& reading : film.readings)
            readings.push_back(toJson(reading));
        films.push_back({{"film_date", core::toIsoString(film.date)}, {"readings", readings}});
    }
    json pelvicFilms = json::array();
    for (const core::PelvicFilmReading& pelvic : history.pelvicFilms)
        pelvicFilms.push_back(toJson(pelvic));
    json treatments = json::array();
    for (const core::TreatmentEpisode& episode : history.treatments)
        treatments.push_back(toJson(episode));
    json record = {{"patient", toJson(history.patient)},
                   {"visits", visits},
                   {"films", films},
                   {"pelvic_films", pelvicFilms},
                   {"treatments", treatments}};
    // Only when there are any: a deletion's record reads as it did before CT scans were kept.
    if (!history.ctScans.empty()) {
        json scans = json::array();
        for (const core::CtScan& scan : history.ctScans) {
            json readings = json::array();
            for (const core::CtssReading& reading : scan.readings)
                readings.push_back(toJson(reading));
            json row = ctScanJson(scan);
            row["readings"] = readings;
            scans.push_back(row);
        }
        record["ct_scans"] = scans;
    }
    return record;
}

void writeReviewMembers(JsonWriter& out, const core::ProgressionReview& review) {
    out.key("pairs").beginArray();
    for (const core::ProgressionResult& pair : review.pairs) {
        out.beginObject();
        out.key("from").value(core::toIsoString(pair.from));
        out.key("to").value(core::toIsoString(pair.to));
        out.key("interval_years").value(pair.intervalYears);
        out.key("score_from").value(pair.scoreFrom);
        out.key("score_to").value(pair.scoreTo);
        out.key("change").value(pair.change);
        out.key("rate_per_year").value(pair.ratePerYear);
        out.key("units_criterion").value(pair.unitsCriterion);
        out.key("new_syndesmophytes").value(pair.events.newSyndesmophytes);
        out.key("new_bridgings").value(pair.events.newBridgings);
        out.key("regressions").value(pair.events.regressions);
        out.key("progression").value(pair.progression);
        out.key("criteria").beginArray();
        for (const core::ProgressionCriterion criterion : pair.criteria)
            out.value(core::toString(criterion));
        out.endArray();
        out.key("note").value(pair.note);
        out.endObject();
    }
    out.endArray();
    out.key("progressor").value(review.progressor);
    out.key("settings").beginObject();
    for (const auto& [name, value] : review.settings.describe())
        out.key(name).value(value);
    out.endObject();
}

}  // namespace ankylos::storage
