#pragma once
/// Moving a trail of schema version 1 or 2 (chained with plain SHA-256) into the keyed trail of
/// version 3 (db/migrations/0003_keyed_audit.sql), inside the migrating transaction.

#include "storage/sql/connection.h"

#include <string>
#include <vector>

namespace ankylos::storage {

class Database;

/// The schema version whose audit trail is chained with the database's key.
constexpr int kKeyedAuditSchemaVersion = 3;

/// What is wrong with a version-1 or -2 trail (table audit_log, SHA-256 chained): rows edited or
/// deleted, append-only triggers missing. Empty when intact.
std::vector<std::string> legacyAuditProblems(sql::Connection& db);

/// Copies the rows of audit_log_v2 (left by the migration; absent or empty for a new database) into
/// audit_log with MACs under the database's key, drops audit_log_v2, and appends the baseline row:
/// which patient each visit, film and pelvic film belongs to and which film each reading belongs to
/// (the rows of earlier versions do not say), the settings in force, and legacyProblems, which
/// `check` reports for as long as the database lives. Without appendBaseline, the trail of a new
/// database stays empty for the rows a copy of another database brings (Database::Seed).
void keyTheAuditTrail(Database& db, const std::vector<std::string>& legacyProblems,
                      bool appendBaseline = true);

}  // namespace ankylos::storage
