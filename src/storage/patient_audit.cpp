#include "storage/patient_audit.h"

#include <SQLiteCpp/Statement.h>

namespace ankylos::storage {

std::vector<AuditRow> patientAuditRows(Database& db, std::int64_t patientId) {
    // One pass over audit_log for all the patient's rows (not one query per row).
    auto lease = db.cached(
        "SELECT id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), "
        "coalesce(new_values, ''), reason FROM audit_log WHERE (table_name, row_id) IN ("
        "SELECT 'patient', :p "
        "UNION ALL SELECT 'visit', id FROM visit WHERE patient_id = :p "
        "UNION ALL SELECT 'film', id FROM film WHERE patient_id = :p "
        "UNION ALL SELECT 'reading', r.id FROM reading r JOIN film f ON f.id = r.film_id WHERE f.patient_id "
        "= :p "
        "UNION ALL SELECT 'sacroiliitis', id FROM sacroiliitis WHERE patient_id = :p "
        // Deleted visits and films: their deletion row names the patient; with it come the rows
        // written about them before.
        "UNION ALL SELECT table_name, row_id FROM audit_log WHERE action = 'delete' "
        "AND table_name IN ('visit', 'film') AND json_extract(old_values, '$.patient_id') = :p) "
        "ORDER BY id");
    SQLite::Statement& query = *lease;
    query.bind(":p", patientId);
    std::vector<AuditRow> rows;
    while (query.executeStep()) {
        rows.push_back(auditRowFrom(query));
    }
    return rows;
}

}  // namespace ankylos::storage
