#include "storage/audit_migration.h"

#include "storage/sql/connection.h"

#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/database.h"
#include "storage/record_check.h"
#include "storage/settings_store.h"

namespace ankylos::storage {

namespace {

constexpr const char* kLegacyGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

std::vector<std::string> legacyAuditProblems(sql::Connection& db) {
    std::vector<std::string> problems;
    for (const char* trigger : {"audit_log_no_update", "audit_log_no_delete"}) {
        sql::Statement exists(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
        exists.bind(1, trigger);
        exists.executeStep();
        if (exists.getColumn(0).getInt() == 0)
            problems.push_back(std::string("audit trail: the append-only trigger ") + trigger +
                               " had been removed");
    }
    sql::Statement query(
        db, std::string("SELECT ") + kAuditRowColumns + ", prev_hash, hash FROM audit_log ORDER BY id");
    std::string expectedPrev = kLegacyGenesisHash;
    std::int64_t expectedId = 1;
    while (query.executeStep()) {
        const AuditRow row = auditRowFrom(query);
        const std::string prevHash = query.getColumn(9).getString();
        const std::string hash = query.getColumn(10).getString();
        const std::string where =
            "audit trail row " + std::to_string(row.id) + " (" + row.action + " " + row.table + ")";
        if (row.id != expectedId)
            problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                               std::to_string(row.id - 1) + " had been deleted");
        if (prevHash != expectedPrev)
            problems.push_back(where +
                               ": the chain was broken (the row before it had been changed or deleted)");
        if (sha256Hex(macContent(row, prevHash)) != hash)
            problems.push_back(where + ": its content did not match its hash (edited outside Ankylos)");
        expectedPrev = hash;
        expectedId = row.id + 1;
    }
    sql::Statement sequence(db,
                            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
    sequence.executeStep();
    if (const std::int64_t lastIssued = sequence.getColumn(0).getInt64(); lastIssued >= expectedId)
        problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                           std::to_string(lastIssued) + " had been deleted");
    return problems;
}

void keyTheAuditTrail(Database& db, const std::vector<std::string>& legacyProblems, bool appendBaseline) {
    sql::Connection& connection = sql::connectionOf(db);
    const AuditKey& key = db.auditKey();
    // A version-2 trail, renamed by migration 0003 (SQLite files only: a server's 0003 drops its empty
    // version-2 table, since a server database runs 0001 to 0003 in one transaction).
    if (connection.engine() == sql::Engine::Sqlite &&
        connection
                .execAndGet(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log_v2'")
                .getInt() > 0) {
        sql::Statement rows(connection,
                            std::string("SELECT ") + kAuditRowColumns + " FROM audit_log_v2 ORDER BY id");
        std::string prevMac = kGenesisMac;
        while (rows.executeStep())
            prevMac = writeAuditRow(db, key, auditRowFrom(rows), prevMac);
        connection.exec("DROP TABLE audit_log_v2");
    }
    if (!appendBaseline)
        return;
    appendAudit(db, db.user(),
                {"database",
                 std::nullopt,
                 AuditAction::Baseline,
                 nullptr,
                 {{"links", parentLinks(db)},
                  {"configuration", configurationSnapshot(db)},
                  {"legacy_problems", legacyProblems}},
                 ""});
}

}  // namespace ankylos::storage
