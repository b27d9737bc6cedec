#include "storage/visit_repository.h"

#include "storage/sql/connection.h"

#include <algorithm>

#include "storage/audit.h"
#include "storage/core_set_columns.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

/// The visit table's columns as the program writes them, in binding order (patient_id first).
const std::vector<std::string>& visitColumns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> names = {"patient_id", "visit_date", "postmenopausal"};
        for (int i = 1; i <= core::kBasdaiItemCount; ++i)
            names.push_back("basdai_q" + std::to_string(i));
        names.push_back("patient_global");
        for (int i = 1; i <= core::kBasfiItemCount; ++i)
            names.push_back("basfi_q" + std::to_string(i));
        for (const char* basmi :
             {"basmi_lateral_flexion_left_cm", "basmi_lateral_flexion_right_cm", "basmi_tragus_wall_left_cm",
              "basmi_tragus_wall_right_cm", "basmi_schober_cm", "basmi_intermalleolar_cm",
              "basmi_cervical_rotation_left_deg", "basmi_cervical_rotation_right_deg", "notes"})
            names.push_back(basmi);
        names.insert(names.end(), coreSetColumnNames().begin(), coreSetColumnNames().end());
        return names;
    }();
    return columns;
}

/// "patient_id, visit_date, ...".
std::string joinedVisitColumns() {
    std::string text;
    for (const std::string& column : visitColumns())
        text += (text.empty() ? "" : ", ") + column;
    return text;
}

void bindVisit(sql::Statement& statement, std::int64_t patientId, const core::Visit& visit) {
    int i = 1;
    statement.bind(i++, patientId);
    statement.bind(i++, core::toIsoString(visit.date));
    if (visit.postmenopausal)
        statement.bind(i++, *visit.postmenopausal ? 1 : 0);
    else
        statement.bind(i++);
    for (const auto& item : visit.basdai.items())
        bindOptional(statement, i++, item);
    bindOptional(statement, i++, visit.patientGlobal);
    for (const auto& item : visit.basfi.items)
        bindOptional(statement, i++, item);
    const core::BasmiInput& b = visit.basmi;
    for (const auto& value : {b.lateralFlexionLeftCm, b.lateralFlexionRightCm, b.tragusToWallLeftCm,
                              b.tragusToWallRightCm, b.modifiedSchoberCm, b.intermalleolarDistanceCm,
                              b.cervicalRotationLeftDegrees, b.cervicalRotationRightDegrees})
        bindOptional(statement, i++, value);
    statement.bind(i++, visit.notes);
    bindCoreSet(statement, i, visit.coreSet);
}

std::string placeholders(int count) {
    std::string text;
    for (int i = 0; i < count; ++i)
        text += i ? ", ?" : "?";
    return text;
}

/// The id of the DXA device, added on first use.
std::optional<std::int64_t> deviceId(sql::Connection& db, const core::DxaDevice& device) {
    if (device.manufacturer.empty() && device.model.empty())
        return std::nullopt;
    {
        auto insertLease = db.cached(
            "INSERT INTO dxa_device (manufacturer, model) VALUES (?, ?) ON CONFLICT (manufacturer, model) "
            "DO NOTHING");
        sql::Statement& insert = *insertLease;
        insert.bind(1, device.manufacturer);
        insert.bind(2, device.model);
        insert.execDeferred();  // the query below travels with it
    }
    auto queryLease = db.cached("SELECT id FROM dxa_device WHERE manufacturer = ? AND model = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, device.manufacturer);
    query.bind(2, device.model);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

/// The visit's lab results, in one statement (on a server each statement is a round trip).
void writeLabs(sql::Connection& db, std::int64_t visitId, const std::vector<core::LabValue>& labs) {
    if (labs.empty())
        return;
    std::string sql =
        "INSERT INTO lab_result (visit_id, analyte, value, unit, below_lod, lod, assay, sample_type, "
        "laboratory, sample_date) VALUES ";
    for (std::size_t i = 0; i < labs.size(); ++i)
        sql += std::string(i ? ", " : "") + "(" + placeholders(10) + ")";
    auto insertLease = db.cached(sql);
    sql::Statement& insert = *insertLease;
    int i = 1;
    for (const core::LabValue& lab : labs) {
        insert.bind(i++, visitId);
        insert.bind(i++, core::toString(lab.analyte));
        insert.bind(i++, lab.value);
        insert.bind(i++, lab.unit);
        insert.bind(i++, lab.belowDetectionLimit ? 1 : 0);
        bindOptional(insert, i++, lab.detectionLimit);
        insert.bind(i++, lab.assay);
        if (lab.sampleType)
            insert.bind(i++, core::toString(*lab.sampleType));
        else
            insert.bind(i++);
        insert.bind(i++, lab.laboratory);
        insert.bind(i++, core::toIsoString(lab.sampleDate));
    }
    insert.execDeferred();
}

/// The visit with its lab units spelled as the schema's CHECK spells them. core accepts micro as the
/// micro sign (U+00B5) or the Greek small mu (U+03BC) (docs/methods.md 6); the schema knows only
/// the micro sign, so a Greek mu is stored as the same unit in that spelling.
core::Visit withSchemaUnits(const core::Visit& entered) {
    static const std::string kGreekMu = "\u03bc";
    static const std::string kMicroSign = "\u00b5";
    core::Visit visit = entered;
    for (core::LabValue& lab : visit.labs)
        if (lab.unit.compare(0, kGreekMu.size(), kGreekMu) == 0)
            lab.unit = kMicroSign + lab.unit.substr(kGreekMu.size());
    return visit;
}

std::int64_t patientOfVisit(sql::Connection& db, std::int64_t visitId) {
    sql::Statement query(db, "SELECT patient_id FROM visit WHERE id = ?");
    query.bind(1, visitId);
    if (!query.executeStep())
        throw StorageError("visit " + std::to_string(visitId) + " does not exist");
    return query.getColumn(0).getInt64();
}

core::Visit loadVisit(Database& db, std::int64_t visitId) {
    sql::Statement query(sql::connectionOf(db), "SELECT patient_id, visit_date FROM visit WHERE id = ?");
    query.bind(1, visitId);
    if (!query.executeStep())
        throw StorageError("visit " + std::to_string(visitId) + " does not exist");
    const core::Date date = dateOf(query.getColumn(1));
    const auto history = HistoryReader(db).load(query.getColumn(0).getInt64());
    for (const core::Visit& visit : history->visits)
        if (visit.date == date)
            return visit;
    throw InternalError("visit " + std::to_string(visitId) + " vanished while loading");
}

/// The visit as the user knows it, for messages: "visit 2024-03-01 of AS-0001".
std::string visitName(Database& db, std::int64_t patientId, core::Date date) {
    const auto patient = PatientRepository(db).find(patientId);
    return "visit " + core::toIsoString(date) + " of " + (patient ? patient->patient.clinicId : "?");
}

}  // namespace

void VisitRepository::validate(std::int64_t patientId, std::optional<std::int64_t> self,
                               const core::Visit& visit, bool warningsConfirmed,
                               std::vector<core::Problem>& confirmed) {
    const auto patient = PatientRepository(m_db).find(patientId);
    if (!patient)
        throw StorageError("patient " + std::to_string(patientId) + " does not exist");
    core::Validation validation = core::validateVisit(patient->patient, visit, localToday());
    const auto existing = idOf(patientId, visit.date);
    if (existing && existing != self)
        validation.addError("visit date", core::toIsoString(visit.date), "one visit per date for a patient");
    validation.throwIfErrors();
    confirmed = validation.warnings();
    if (!confirmed.empty() && !warningsConfirmed)
        throw core::ValidationError(confirmed);
}

void VisitRepository::writeDetails(std::int64_t visitId, const core::Visit& visit,
                                   const std::vector<core::Problem>& confirmed) {
    sql::Connection& db = sql::connectionOf(m_db);
    for (const core::BmdMeasurement& m : visit.bmd) {
        const std::optional<std::int64_t> device = deviceId(db, m.device);
        auto insertLease = db.cached(
            "INSERT INTO bmd (visit_id, site, bmd_g_cm2, t_score, z_score, device_id, vertebrae) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        sql::Statement& insert = *insertLease;
        insert.bind(1, visitId);
        insert.bind(2, core::toString(m.site));
        insert.bind(3, m.bmd);
        bindOptional(insert, 4, m.tScore);
        bindOptional(insert, 5, m.zScore);
        if (device)
            insert.bind(6, *device);
        insert.bind(7, core::toString(m.vertebrae));
        insert.execDeferred();
    }
    writeLabs(db, visitId, visit.labs);
    for (const core::Problem& warning : confirmed) {
        sql::Statement insert(db,
                              "INSERT INTO confirmation (visit_id, field, value, confirmed_by, confirmed_at) "
                              "VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, visitId);
        insert.bind(2, warning.field);
        insert.bind(3, warning.value);
        insert.bind(4, m_db.user());
        insert.bind(5, m_db.now());
        insert.execDeferred();
    }
}

std::int64_t VisitRepository::add(std::int64_t patientId, const core::Visit& entered,
                                  bool warningsConfirmed) {
    const core::Visit visit = withSchemaUnits(entered);
    Transaction transaction(m_db);
    std::vector<core::Problem> confirmed;
    validate(patientId, std::nullopt, visit, warningsConfirmed, confirmed);
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO visit (" + joinedVisitColumns() + ") VALUES (" +
        placeholders(static_cast<int>(visitColumns().size())) + ") RETURNING id");
    sql::Statement& insert = *insertLease;
    bindVisit(insert, patientId, visit);
    const std::int64_t id = insert.execReturningId();
    writeDetails(id, visit, confirmed);
    nlohmann::json newValues = toJson(visit);
    newValues["patient_id"] = patientId;  // `check` compares the row's patient with the trail's
    appendAudit(m_db, m_db.user(), {"visit", id, AuditAction::Insert, nullptr, newValues, ""});
    patientDataChanged(m_db, patientId);
    transaction.commit();
    return id;
}

void VisitRepository::update(std::int64_t visitId, const core::Visit& entered, const std::string& reason,
                             bool warningsConfirmed, std::optional<std::int64_t> openedAt) {
    const core::Visit visit = withSchemaUnits(entered);
    Transaction transaction(m_db);
    const std::int64_t patientId = patientOfVisit(sql::connectionOf(m_db), visitId);
    const core::Visit old = loadVisit(m_db, visitId);
    requireUnchangedSince(m_db, "visit", visitId, openedAt,
                          [&] { return visitName(m_db, patientId, old.date); });
    if (toJson(old) == toJson(visit))
        return;  // nothing changed: no write, no audit row
    std::vector<core::Problem> confirmed;
    validate(patientId, visitId, visit, warningsConfirmed, confirmed);
    // The audit row first: it refuses a change without a reason before anything is written.
    appendAudit(m_db, m_db.user(),
                {"visit", visitId, AuditAction::Update, toJson(old), toJson(visit), reason});
    // In place, not REPLACE: a replaced row would drop the films' links to this visit.
    for (const char* table : {"bmd", "lab_result"}) {
        sql::Statement remove(sql::connectionOf(m_db),
                              std::string("DELETE FROM ") + table + " WHERE visit_id = ?");
        remove.bind(1, visitId);
        remove.exec();
    }
    // Every column but patient_id (?1, which the WHERE clause checks) is set from its own parameter.
    const std::vector<std::string>& columns = visitColumns();
    std::string assignments;
    for (std::size_t i = 1; i < columns.size(); ++i)
        assignments += (i > 1 ? ", " : "") + columns[i] + " = ?" + std::to_string(i + 1);
    const std::string idParameter = "?" + std::to_string(columns.size() + 1);
    auto setLease = sql::connectionOf(m_db).cached("UPDATE visit SET " + assignments +
                                                   " WHERE id = " + idParameter + " AND patient_id = ?1");
    sql::Statement& set = *setLease;
    bindVisit(set, patientId, visit);
    set.bind(static_cast<int>(columns.size()) + 1, visitId);
    set.exec();
    writeDetails(visitId, visit, confirmed);
    patientDataChanged(m_db, patientId);
    transaction.commit();
}

void VisitRepository::remove(std::int64_t visitId, const std::string& reason,
                             std::optional<std::int64_t> openedAt) {
    Transaction transaction(m_db);
    const core::Visit old = loadVisit(m_db, visitId);
    const std::int64_t patientId = patientOfVisit(sql::connectionOf(m_db), visitId);
    requireUnchangedSince(m_db, "visit", visitId, openedAt,
                          [&] { return visitName(m_db, patientId, old.date); });
    // The deletion row names the patient: the visit row it was about no longer does.
    nlohmann::json oldValues = toJson(old);
    oldValues["patient_id"] = patientId;
    appendAudit(m_db, m_db.user(), {"visit", visitId, AuditAction::Delete, oldValues, nullptr, reason});
    auto removeLease = sql::connectionOf(m_db).cached("DELETE FROM visit WHERE id = ?");
    sql::Statement& remove = *removeLease;
    remove.bind(1, visitId);
    remove.exec();
    patientDataChanged(m_db, patientId);
    transaction.commit();
}

std::optional<std::int64_t> VisitRepository::idOf(std::int64_t patientId, core::Date date) {
    auto queryLease =
        sql::connectionOf(m_db).cached("SELECT id FROM visit WHERE patient_id = ? AND visit_date = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, patientId);
    query.bind(2, core::toIsoString(date));
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

}  // namespace ankylos::storage
