#pragma once
/// Patients: save, change, delete (each audited in the same transaction), find and search.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"
#include "storage/database.h"

namespace ankylos::storage {

namespace sql {
class Statement;
}

struct StoredPatient {
    std::int64_t id = 0;
    core::Patient patient;
    std::string createdAt;
    std::string updatedAt;
};

/// A line of the patient list.
struct PatientSummary {
    std::int64_t id = 0;
    std::string clinicId;
    std::string name;
    core::Sex sex = core::Sex::Male;
    core::Date birth;
};

/// The patient in row's columns first .. first + 8, in this order: clinic_id, name, sex, birth_date,
/// hla_b27, symptom_onset, diagnosis_date, smoking, notes (kPatientColumns).
core::Patient patientFromRow(sql::Statement& row, int first);
constexpr const char* kPatientColumns =
    "clinic_id, name, sex, birth_date, hla_b27, symptom_onset, diagnosis_date, smoking, notes";

class PatientRepository {
public:
    explicit PatientRepository(Database& db) : m_db(db) {}

    /// Throws ValidationError (every problem) for an invalid patient or a clinic ID already in use.
    /// reason goes into the insert's audit row: what the user confirmed ("confirmed: ...").
    std::int64_t add(const core::Patient& patient, const std::string& reason = "");
    /// reason is required: it goes into the audit trail. openedAt: the version the user opened the
    /// patient at (storage/audit.h auditVersion); throws ChangedSinceOpened, writing nothing, when
    /// someone changed the patient's details since. No check without it.
    void update(std::int64_t id, const core::Patient& patient, const std::string& reason,
                std::optional<std::int64_t> openedAt = std::nullopt);
    /// Deletes the patient with every visit and film; the audit row keeps the whole history.
    void remove(std::int64_t id, const std::string& reason);

    std::optional<StoredPatient> find(std::int64_t id);
    std::optional<std::int64_t> idOf(const std::string& clinicId);
    /// Patients matching what was typed as the patient list matches (patient_list.h), by clinic ID.
    std::vector<PatientSummary> search(const std::string& typed, int limit, int offset = 0);
    int count();

private:
    Database& m_db;
};

}  // namespace ankylos::storage
