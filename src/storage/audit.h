#pragma once
/// The audit trail: every insert, update and delete of clinical data writes one row in the same
/// transaction. Rows are append-only (triggers refuse UPDATE and DELETE) and chained with a keyed
/// MAC: each row's HMAC-SHA-256, with the database's key (storage/audit_key.h), covers its content
/// and the previous row's MAC, so a row edited, inserted or deleted with an outside tool, or rows cut
/// off the end, are found by verifyAuditTrail(); what the rows say is compared with the clinical
/// rows themselves by storage/record_check.h.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ankylos::storage {

class AuditKey;
class Database;
struct ChainHead;
namespace sql {
class Connection;
class Statement;
}  // namespace sql

/// Baseline: what the database held when its trail became keyed (storage/audit_migration.h).
enum class AuditAction { Insert, Update, Delete, Import, Export, Baseline };
std::string toString(AuditAction action);  ///< "insert", "update", "delete", "import", "export", "baseline"

struct AuditRecord {
    std::string table;
    std::optional<std::int64_t> rowId;
    AuditAction action = AuditAction::Insert;
    nlohmann::json oldValues;  ///< null for inserts
    nlohmann::json newValues;  ///< null for deletes
    std::string reason;        ///< required for updates and deletes of saved data
};

/// Appends one audit row inside the caller's transaction. Throws ValidationError when an update
/// or delete has no reason, IncompatibleDatabase when the database has no audit key.
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
AuditRow auditRowFrom(sql::Statement& query);

/// Audit rows about one table row (or all rows of a patient's tables, by the caller), oldest first.
std::vector<AuditRow> auditRowsFor(Database& db, const std::string& table, std::int64_t rowId);
/// Every audit row of one action (for example every export), oldest first.
std::vector<AuditRow> auditRowsFor(Database& db, AuditAction action);

/// The text a row's MAC covers: every column but the MAC, separated by the ASCII unit separator so
/// that no field boundary can be shifted, then the previous row's MAC.
std::string macContent(const AuditRow& row, const std::string& prevMac);

/// prev_mac of the first row.
extern const char* const kGenesisMac;

/// The columns auditRowFrom() reads, in its order, for "SELECT " + kAuditRowColumns + " FROM ...".
extern const char* const kAuditRowColumns;

/// Inserts row (its id included) chained to prevMac, with its MAC under key; returns that MAC.
/// Empty old or new values are stored as NULL. Inside the caller's transaction.
std::string writeAuditRow(Database& db, const AuditKey& key, const AuditRow& row, const std::string& prevMac);

/// Every problem found in the audit trail: a row whose MAC does not match its content (edited or
/// forged), a broken chain or a gap in the ids (deleted), rows cut off the end (the chain head
/// outside the file names more), append-only triggers removed or replaced. Empty when intact.
std::vector<std::string> verifyAuditTrail(Database& db);

/// Whether the last row's MAC matches its content under key (true when the trail is empty): a key
/// that is not the database's own would make every new row fail verification.
bool lastAuditRowMatches(sql::Connection& db, const AuditKey& key);

/// The trail's last row (its id and MAC): what the chain head outside the file records, and what
/// backups and export manifests carry. nullopt for an empty trail.
std::optional<ChainHead> lastAuditRow(sql::Connection& db);
std::optional<ChainHead> lastAuditRow(Database& db);

/// Versions for saving what another workstation may change at the same time. Every change of a row
/// writes an audit row in the same transaction, so the id of the newest audit row about a row is its
/// version. The version of the whole database (its newest audit row, 0 for none), read before loading
/// what an editor shows, is a version of every row loaded after it.
std::int64_t auditVersion(Database& db);
std::int64_t auditVersion(Database& db, const std::string& table, std::int64_t rowId);

/// Throws ChangedSinceOpened when a row of table was changed after openedAt (a version above); no
/// check without one. record() names the row for the user. Called inside the write transaction,
/// whose writer lock keeps the row from changing between this check and the write.
void requireUnchangedSince(Database& db, const std::string& table, std::int64_t rowId,
                           std::optional<std::int64_t> openedAt, const std::function<std::string()>& record);

/// How many rows the trail has.
std::int64_t auditRowCount(Database& db);

}  // namespace ankylos::storage
