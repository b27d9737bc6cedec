#include "storage/patient_list.h"

#include "storage/sql/connection.h"

#include "storage/dialect.h"
#include "storage/patient_summary.h"
#include "storage/search_key.h"
#include "storage/sql/values.h"

namespace ankylos::storage {

namespace {

/// The WHERE clause matching patient_summary s to what was typed: the key, or the initials, is like one
/// of the patterns (:w0, :w1, ...; search_key.h). Empty when nothing was typed.
std::string matchClause(const std::vector<std::string>& patterns) {
    if (patterns.empty())
        return "";
    std::string clause = "WHERE (";
    for (std::size_t w = 0; w < patterns.size(); ++w) {
        const std::string pattern = ":w" + std::to_string(w) + " ESCAPE '\\'";
        clause += (w == 0 ? "" : " OR ") + std::string("s.search_key LIKE ") + pattern +
                  " OR s.search_initials LIKE " + pattern;
    }
    return clause + ")";
}

void bindPatterns(sql::Statement& query, const std::vector<std::string>& patterns) {
    for (std::size_t w = 0; w < patterns.size(); ++w)
        query.bind(":w" + std::to_string(w), patterns[w]);
}

/// The ORDER BY of each sort, ascending; every key ends with the patient id so the order is total.
/// Age ascending is the youngest first: birth dates descending. Nullable columns say where NULL goes
/// (first ascending, last descending: SQLite's default, and the order of PostgreSQL's indexes).
struct SortKey {
    std::string ascending;
    std::string descending;
    bool summary;  ///< sorts by a patient_summary column: that table drives the query
};

SortKey sortKey(PatientSort sort, sql::Engine engine) {
    switch (sort) {
        case PatientSort::ClinicId:
            return {"p.clinic_id", "p.clinic_id DESC", false};
        case PatientSort::Name:
            return {dialect::caselessOrder(engine, "p.name") + ", p.id",
                    dialect::caselessOrder(engine, "p.name") + " DESC, p.id DESC", false};
        case PatientSort::Sex:
            return {"p.sex, p.id", "p.sex DESC, p.id DESC", false};
        case PatientSort::Age:
            return {"p.birth_date DESC, p.id DESC", "p.birth_date, p.id", false};
        case PatientSort::Birth:
            return {"p.birth_date, p.id", "p.birth_date DESC, p.id DESC", false};
        case PatientSort::DiseaseDuration:
            return {"p.symptom_onset DESC NULLS LAST, p.id DESC", "p.symptom_onset NULLS FIRST, p.id", false};
        case PatientSort::LastVisit:
            return {"s.last_visit NULLS FIRST, s.patient_id",
                    "s.last_visit DESC NULLS LAST, s.patient_id DESC", true};
        case PatientSort::LatestMsasss:
            return {"s.latest_msasss NULLS FIRST, s.patient_id",
                    "s.latest_msasss DESC NULLS LAST, s.patient_id DESC", true};
        case PatientSort::LatestAsdas:
            return {"s.latest_asdas NULLS FIRST, s.patient_id",
                    "s.latest_asdas DESC NULLS LAST, s.patient_id DESC", true};
        case PatientSort::Progressor:
            return {"s.progressor NULLS FIRST, s.patient_id",
                    "s.progressor DESC NULLS LAST, s.patient_id DESC", true};
    }
    throw StorageError("unknown patient list sort");
}

constexpr const char* kColumns =
    "SELECT p.id, p.clinic_id, p.name, p.sex, p.birth_date, p.symptom_onset, s.last_visit, s.latest_msasss, "
    "s.latest_asdas, s.latest_asdas_marker, s.latest_asdas_state, s.progressor ";

}  // namespace

int PatientList::count(const std::string& typed) const {
    const std::vector<std::string> patterns = searchPatterns(typed);
    auto lease =
        sql::connectionOf(m_db).cached("SELECT count(*) FROM patient_summary s " + matchClause(patterns));
    sql::Statement& query = *lease;
    bindPatterns(query, patterns);
    query.executeStep();
    return query.getColumn(0).getInt();
}

std::vector<PatientListRow> PatientList::page(const std::string& typed, PatientSort sort, bool descending,
                                              int limit, int offset) const {
    sql::Connection& db = sql::connectionOf(m_db);
    const SortKey key = sortKey(sort, db.engine());
    // Constant fragments only (the sort key comes from the table above); values are bound.
    // Sorting by a figure: patient_summary drives the join, so its index gives the order. Every
    // patient has a summary row (written with the patient, and by the migration for older files).
    const std::vector<std::string> patterns = searchPatterns(typed);
    std::string sql = kColumns;
    sql += key.summary ? "FROM patient_summary s JOIN patient p ON p.id = s.patient_id "
                       : "FROM patient p JOIN patient_summary s ON s.patient_id = p.id ";
    sql += matchClause(patterns) + " ORDER BY " + (descending ? key.descending : key.ascending) +
           " LIMIT :limit OFFSET :offset";
    auto lease = db.cached(sql);
    sql::Statement& query = *lease;
    bindPatterns(query, patterns);
    query.bind(":limit", limit);
    query.bind(":offset", offset);
    std::vector<PatientListRow> rows;
    while (query.executeStep()) {
        PatientListRow row;
        row.id = query.getColumn(0).getInt64();
        row.clinicId = query.getColumn(1).getString();
        row.name = query.getColumn(2).getString();
        row.sex = core::parseSex(query.getColumn(3).getString());
        row.birth = dateOf(query.getColumn(4));
        row.symptomOnset = optionalDate(query.getColumn(5));
        row.lastVisit = optionalDate(query.getColumn(6));
        row.latestMsasss = optionalDouble(query.getColumn(7));
        row.latestAsdas = optionalDouble(query.getColumn(8));
        if (!query.getColumn(9).isNull())
            row.latestAsdasMarker = storedAsdasMarker(query.getColumn(9).getString());
        if (!query.getColumn(10).isNull())
            row.latestAsdasState = storedAsdasState(query.getColumn(10).getString());
        if (!query.getColumn(11).isNull())
            row.progressor = query.getColumn(11).getInt() != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace ankylos::storage
