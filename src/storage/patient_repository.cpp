#include "storage/patient_repository.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include "storage/sql/connection.h"

#include "storage/audit.h"
#include "storage/dialect.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_list.h"
#include "storage/patient_summary.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

void bindPatient(sql::Statement& statement, const core::Patient& patient) {
    statement.bind(":clinic_id", patient.clinicId);
    statement.bind(":name", patient.name);
    statement.bind(":sex", core::toString(patient.sex));
    statement.bind(":birth_date", core::toIsoString(patient.birth));
    statement.bind(":hla_b27", core::toString(patient.hlaB27));
    bindOptional(statement, statement.parameterIndex(":symptom_onset"), patient.symptomOnset);
    bindOptional(statement, statement.parameterIndex(":diagnosis_date"), patient.diagnosis);
    statement.bind(":smoking", core::toString(patient.smoking));
    statement.bind(":notes", patient.notes);
}

void validate(const core::Patient& patient) {
    core::validatePatient(patient, localToday()).throwIfErrors();
}

/// What is saved about the patient must stay valid under the changed record (docs/methods.md 8): a
/// birth date after a saved visit or film, or a man with a recorded menopausal status, is refused.
void requireStillValid(const core::PatientHistory& saved, const core::Patient& changed) {
    const core::Date today = localToday();
    core::Validation validation = core::validateVisits(changed, saved.visits, today);
    for (const core::Film& film : saved.films)
        core::checkClinicalDate(validation, "film date", film.date, changed.birth, today);
    for (const core::PelvicFilmReading& pelvic : saved.pelvicFilms)
        core::checkClinicalDate(validation, "pelvic film date", pelvic.film.date, changed.birth, today);
    for (const core::CtScan& scan : saved.ctScans)
        core::checkClinicalDate(validation, "CT scan date", scan.date, changed.birth, today);
    validation.throwIfErrors();  // saved values above a soft limit were confirmed when saved
}

void requireUnusedClinicId(PatientRepository& repository, const core::Patient& patient,
                           std::optional<std::int64_t> self) {
    const auto existing = repository.idOf(patient.clinicId);
    if (existing && existing != self)
        throw core::ValidationError("patient ID", patient.clinicId, "an ID not used by another patient");
}

}  // namespace

core::Patient patientFromRow(sql::Statement& row, int first) {
    core::Patient p;
    p.clinicId = row.getColumn(first).getString();
    p.name = row.getColumn(first + 1).getString();
    p.sex = core::parseSex(row.getColumn(first + 2).getString());
    p.birth = dateOf(row.getColumn(first + 3));
    p.hlaB27 = core::parseHlaB27(row.getColumn(first + 4).getString());
    p.symptomOnset = optionalDate(row.getColumn(first + 5));
    p.diagnosis = optionalDate(row.getColumn(first + 6));
    p.smoking = core::parseSmokingStatus(row.getColumn(first + 7).getString());
    p.notes = row.getColumn(first + 8).getString();
    return p;
}

core::Date localToday() {
    return boost::gregorian::day_clock::local_day();
}

std::int64_t PatientRepository::add(const core::Patient& patient, const std::string& reason) {
    validate(patient);
    Transaction transaction(m_db);
    requireUnusedClinicId(*this, patient, std::nullopt);
    auto insertLease = sql::connectionOf(m_db).cached(
        "INSERT INTO patient (clinic_id, name, sex, birth_date, hla_b27, symptom_onset, "
        "diagnosis_date, smoking, notes, created_at, updated_at) VALUES (:clinic_id, :name, :sex, "
        ":birth_date, :hla_b27, :symptom_onset, :diagnosis_date, :smoking, :notes, :now, :now) RETURNING id");
    sql::Statement& insert = *insertLease;
    bindPatient(insert, patient);
    insert.bind(":now", m_db.now());
    const std::int64_t id = insert.execReturningId();
    appendAudit(m_db, m_db.user(), {"patient", id, AuditAction::Insert, nullptr, toJson(patient), reason});
    patientDataChanged(m_db, id);
    transaction.commit();
    return id;
}

void PatientRepository::update(std::int64_t id, const core::Patient& patient, const std::string& reason,
                               std::optional<std::int64_t> openedAt) {
    validate(patient);
    Transaction transaction(m_db);
    const auto old = find(id);
    if (!old)
        throw StorageError("updating patient " + std::to_string(id) + ": no such patient");
    requireUnchangedSince(m_db, "patient", id, openedAt, [&] { return "patient " + old->patient.clinicId; });
    if (toJson(old->patient) == toJson(patient))
        return;  // nothing changed: no write, no audit row
    requireStillValid(HistoryReader(m_db).load(id).value(), patient);
    requireUnusedClinicId(*this, patient, id);
    auto updateLease = sql::connectionOf(m_db).cached(
        "UPDATE patient SET clinic_id = :clinic_id, name = :name, sex = :sex, birth_date = "
        ":birth_date, hla_b27 = :hla_b27, symptom_onset = :symptom_onset, diagnosis_date = "
        ":diagnosis_date, smoking = :smoking, notes = :notes, updated_at = :now WHERE id = :id");
    sql::Statement& update = *updateLease;
    bindPatient(update, patient);
    update.bind(":now", m_db.now());
    update.bind(":id", id);
    update.exec();
    appendAudit(m_db, m_db.user(),
                {"patient", id, AuditAction::Update, toJson(old->patient), toJson(patient), reason});
    patientDataChanged(m_db, id);
    transaction.commit();
}

void PatientRepository::remove(std::int64_t id, const std::string& reason) {
    Transaction transaction(m_db);
    const auto history = HistoryReader(m_db).load(id);
    if (!history)
        throw StorageError("deleting patient " + std::to_string(id) + ": no such patient");
    appendAudit(m_db, m_db.user(), {"patient", id, AuditAction::Delete, toJson(*history), nullptr, reason});
    auto removeLease = sql::connectionOf(m_db).cached("DELETE FROM patient WHERE id = ?");
    sql::Statement& remove = *removeLease;
    remove.bind(1, id);
    remove.exec();
    transaction.commit();
}

std::optional<StoredPatient> PatientRepository::find(std::int64_t id) {
    auto queryLease = sql::connectionOf(m_db).cached(std::string("SELECT ") + kPatientColumns +
                                                     ", created_at, updated_at FROM patient WHERE id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, id);
    if (!query.executeStep())
        return std::nullopt;
    StoredPatient stored;
    stored.id = id;
    stored.patient = patientFromRow(query, 0);
    stored.createdAt = query.getColumn(9).getString();
    stored.updatedAt = query.getColumn(10).getString();
    return stored;
}

std::optional<std::int64_t> PatientRepository::idOf(const std::string& clinicId) {
    auto queryLease = sql::connectionOf(m_db).cached("SELECT id FROM patient WHERE clinic_id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, clinicId);
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::vector<PatientSummary> PatientRepository::search(const std::string& typed, int limit, int offset) {
    std::vector<PatientSummary> found;
    for (const PatientListRow& row :
         PatientList(m_db).page(typed, PatientSort::ClinicId, false, limit, offset))
        found.push_back({row.id, row.clinicId, row.name, row.sex, row.birth});
    return found;
}

int PatientRepository::count() {
    return sql::connectionOf(m_db).execAndGet("SELECT count(*) FROM patient").getInt();
}

}  // namespace ankylos::storage
