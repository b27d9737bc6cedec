#pragma once
/// The audit trail: every insert, update and delete of clinical data writes one row in the same
/// transaction. Rows are append-only (triggers refuse UPDATE and DELETE) and hash-chained: each
/// row's SHA-256 covers its content and the previous row's hash, so a row edited or deleted with an
/// outside tool is detected by verifyAuditTrail().

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ankylos::storage {

class Database;

enum class AuditAction { Insert, Update, Delete, Import, Export };
std::string toString(AuditAction action);  ///< "insert", "update", "delete", "import", "export"

struct AuditRecord {
    std::string table;
    std::optional<std::int64_t> rowId;
    AuditAction action = AuditAction::Insert;
    nlohmann::json oldValues;  ///< null for inserts
    nlohmann::json newValues;  ///< null for deletes
    std::string reason;        ///< required for updates and deletes of saved data
};

/// Appends one audit row inside the caller's transaction. Throws ValidationError when an update
/// or delete has no reason.
void appendAudit(Database& db, const std::string& user, const AuditRecord& record);

struct AuditRow {
    std::int64_t id = 0;
    std::string at;
    std::string user;
    std::string table;
    std::optional<std::int64_t> rowId;
    std::string action;
    std::string oldValues;
    std::string newValues;
    std::string reason;
};

/// The audit row a query's current step holds; the query selects id, at, user_name, table_name,
/// row_id, action, old_values, new_values, reason, in that order (old/new values coalesced to '').
AuditRow auditRowFrom(SQLite::Statement& query);

/// Audit rows about one table row (or all rows of a patient's tables, by the caller), oldest first.
std::vector<AuditRow> auditRowsFor(SQLite::Database& db, const std::string& table, std::int64_t rowId);

/// Every problem found in the audit trail: a row whose hash does not match its content (edited),
/// a broken chain or a gap in the ids (deleted), missing append-only triggers. Empty when intact.
std::vector<std::string> verifyAuditTrail(SQLite::Database& db);

}  // namespace ankylos::storage
