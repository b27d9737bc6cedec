#pragma once
/// `check`: proving that the database holds exactly what Ankylos wrote. Beyond SQLite's own integrity
/// check and the audit trail's keyed chain (audit.h), the trail is replayed, insert by update by
/// delete, and the result compared with every clinical row: a row inserted, changed or deleted
/// outside Ankylos, or damaged inside a value, is named with its table, row, field, stored value and
/// audited value.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ankylos::storage {

class Database;

/// Which patient each visit, film and pelvic film belongs to and which film each reading belongs
/// to: {"visit": {"12": 3, ...}, "film": {...}, "sacroiliitis": {...}, "reading": {...}}.
nlohmann::json parentLinks(Database& db);

/// Every difference between the clinical rows and what the audit trail says was written. Empty when
/// they agree.
std::vector<std::string> verifyRecords(Database& db);

struct CheckReport {
    std::vector<std::string> problems;  ///< empty when the database is intact
    std::int64_t auditRows = 0;
    std::int64_t patients = 0;
};

/// Everything `ankylos-cli check` verifies: SQLite's full integrity check, foreign keys, the audit
/// trail (keyed chain, chain head, triggers) and the clinical rows against the trail.
CheckReport checkDatabase(Database& db);

}  // namespace ankylos::storage
