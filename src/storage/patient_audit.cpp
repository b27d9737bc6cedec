#include "storage/patient_audit.h"

#include "storage/sql/connection.h"

#include <map>
#include <optional>
#include <utility>

#include "storage/dialect.h"

namespace ankylos::storage {

namespace {

/// A candidate row with what deciding whether it is about this patient needs.
struct Candidate {
    AuditRow row;
    bool live = false;                  ///< its (table, row id) is one of the patient's rows now
    std::optional<std::int64_t> owner;  ///< a deletion row: the patient it names
};

}  // namespace

std::vector<AuditRow> patientAuditRows(Database& db, std::int64_t patientId) {
    // One pass over audit_log for all the patient's rows (not one query per row).
    sql::Connection& connection = sql::connectionOf(db);
    const std::string owner = dialect::jsonInteger(connection.engine(), "old_values", "patient_id");
    auto lease = connection.cached(
        "WITH live(table_name, row_id) AS ("
        "SELECT 'patient', :p "
        "UNION ALL SELECT 'visit', id FROM visit WHERE patient_id = :p "
        "UNION ALL SELECT 'film', id FROM film WHERE patient_id = :p "
        "UNION ALL SELECT 'reading', r.id FROM reading r JOIN film f ON f.id = r.film_id WHERE f.patient_id "
        "= :p "
        "UNION ALL SELECT 'sacroiliitis', id FROM sacroiliitis WHERE patient_id = :p "
        "UNION ALL SELECT 'treatment_episode', id FROM treatment_episode WHERE patient_id = :p "
        "UNION ALL SELECT 'ct_scan', id FROM ct_scan WHERE patient_id = :p "
        "UNION ALL SELECT 'ct_reading', r.id FROM ct_reading r JOIN ct_scan s ON s.id = r.ct_scan_id "
        "WHERE s.patient_id = :p), "
        // Deleted visits, films, pelvic films, CT scans and CT readings: their deletion row names the
        // patient; with it come the rows written about them before.
        "deleted(table_name, row_id) AS (SELECT table_name, row_id FROM audit_log WHERE action = 'delete' "
        "AND table_name IN ('visit', 'film', 'sacroiliitis', 'treatment_episode', 'ct_scan', 'ct_reading') "
        "AND " +
        owner +
        " = :p) "
        "SELECT id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), "
        "coalesce(new_values, ''), reason, CASE WHEN (table_name, row_id) IN (SELECT * FROM live) THEN 1 "
        "ELSE 0 END, CASE WHEN action = 'delete' THEN " +
        owner +
        " END FROM audit_log WHERE (table_name, row_id) IN (SELECT * FROM live UNION ALL SELECT * FROM "
        "deleted) "
        "ORDER BY id");
    sql::Statement& query = *lease;
    query.bind(":p", patientId);
    std::vector<Candidate> candidates;
    while (query.executeStep()) {
        Candidate candidate;
        candidate.row = auditRowFrom(query);
        candidate.live = query.getColumn(9).getInt() != 0;
        if (!query.getColumn(10).isNull())
            candidate.owner = query.getColumn(10).getInt64();
        candidates.push_back(std::move(candidate));
    }

    // SQLite reuses the highest row id after a deletion, so one (table, row id) may have been
    // several rows, of several patients, one after the other. Each life starts at its insert row
    // and ends at its deletion row (or, for a film's readings, where the next life starts). A life
    // is this patient's when it is the current one of a row the patient has now, or when its
    // deletion row names the patient. Nothing before the patient's own insert row is about it.
    std::int64_t born = 0;
    for (const Candidate& c : candidates)
        if (c.row.table == "patient" && c.row.action == "insert")
            born = c.row.id;
    std::map<std::pair<std::string, std::int64_t>, std::vector<std::size_t>> lives;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        lives[{candidates[i].row.table, candidates[i].row.rowId.value_or(0)}].push_back(i);
    std::vector<bool> keep(candidates.size(), false);
    for (const auto& [key, indexes] : lives) {
        std::size_t start = 0;
        for (std::size_t k = 0; k < indexes.size(); ++k) {
            const Candidate& c = candidates[indexes[k]];
            const bool last = k + 1 == indexes.size();
            const bool nextStartsAgain = !last && candidates[indexes[k + 1]].row.action == "insert";
            const bool deleted = c.row.action == "delete";
            if (!deleted && !last && !nextStartsAgain)
                continue;
            const bool ours = deleted ? c.owner == patientId : last && c.live;
            for (std::size_t j = start; j <= k; ++j)
                keep[indexes[j]] = ours;
            start = k + 1;
        }
    }
    std::vector<AuditRow> rows;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (keep[i] && candidates[i].row.id >= born)
            rows.push_back(std::move(candidates[i].row));
    return rows;
}

}  // namespace ankylos::storage
