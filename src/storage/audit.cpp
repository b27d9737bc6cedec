#include "storage/audit.h"

#include <SQLiteCpp/Statement.h>
#include <openssl/evp.h>

#include "core/validation.h"
#include "storage/database.h"

namespace ankylos::storage {

namespace {

constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

std::string sha256Hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw StorageError("computing SHA-256 for the audit trail");
    static const char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

/// The hashed content of a row: every column but the hash, separated by the ASCII unit separator
/// so that no field boundary can be shifted.
std::string hashedContent(const AuditRow& row, const std::string& prevHash) {
    const char sep = '\x1f';
    return std::to_string(row.id) + sep + row.at + sep + row.user + sep + row.table + sep +
           (row.rowId ? std::to_string(*row.rowId) : std::string()) + sep + row.action + sep + row.oldValues +
           sep + row.newValues + sep + row.reason + sep + prevHash;
}

std::string jsonText(const nlohmann::json& values) {
    return values.is_null() ? std::string() : values.dump();
}

constexpr const char* kRowColumns =
    "id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), coalesce(new_values, ''), "
    "reason";

}  // namespace

AuditRow auditRowFrom(SQLite::Statement& query) {
    AuditRow row;
    row.id = query.getColumn(0).getInt64();
    row.at = query.getColumn(1).getString();
    row.user = query.getColumn(2).getString();
    row.table = query.getColumn(3).getString();
    if (!query.getColumn(4).isNull())
        row.rowId = query.getColumn(4).getInt64();
    row.action = query.getColumn(5).getString();
    row.oldValues = query.getColumn(6).getString();
    row.newValues = query.getColumn(7).getString();
    row.reason = query.getColumn(8).getString();
    return row;
}

std::string toString(AuditAction action) {
    switch (action) {
        case AuditAction::Insert:
            return "insert";
        case AuditAction::Update:
            return "update";
        case AuditAction::Delete:
            return "delete";
        case AuditAction::Import:
            return "import";
        case AuditAction::Export:
            return "export";
    }
    throw InternalError("unknown AuditAction");
}

void appendAudit(Database& db, const std::string& user, const AuditRecord& record) {
    // Blanks are no reason: the trail must say why saved data changed.
    const bool noReason = record.reason.find_first_not_of(" \t\r\n") == std::string::npos;
    if ((record.action == AuditAction::Update || record.action == AuditAction::Delete) && noReason)
        throw core::ValidationError("reason for the change", "",
                                    "a reason for changing or deleting saved data");
    auto lastLease = db.cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    SQLite::Statement& last = *lastLease;
    const std::string prevHash =
        last.executeStep() ? last.getColumn(0).getString() : std::string(kGenesisHash);

    // The id is part of the hash, so take it from the AUTOINCREMENT sequence, as SQLite would.
    auto sequenceLease =
        db.cached("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
    SQLite::Statement& sequence = *sequenceLease;
    sequence.executeStep();
    AuditRow row;
    row.id = sequence.getColumn(0).getInt64() + 1;
    row.at = utcTimestamp();
    row.user = user;
    row.table = record.table;
    row.rowId = record.rowId;
    row.action = toString(record.action);
    row.oldValues = jsonText(record.oldValues);
    row.newValues = jsonText(record.newValues);
    row.reason = record.reason;

    auto insertLease = db.cached(
        "INSERT INTO audit_log (id, at, user_name, table_name, row_id, action, old_values, "
        "new_values, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    SQLite::Statement& insert = *insertLease;
    insert.bind(1, row.id);
    insert.bind(2, row.at);
    insert.bind(3, row.user);
    insert.bind(4, row.table);
    if (row.rowId)
        insert.bind(5, *row.rowId);
    insert.bind(6, row.action);
    if (!row.oldValues.empty())
        insert.bind(7, row.oldValues);
    if (!row.newValues.empty())
        insert.bind(8, row.newValues);
    insert.bind(9, row.reason);
    insert.bind(10, prevHash);
    insert.bind(11, sha256Hex(hashedContent(row, prevHash)));
    insert.exec();
}

std::vector<AuditRow> auditRowsFor(SQLite::Database& db, const std::string& table, std::int64_t rowId) {
    SQLite::Statement query(db, std::string("SELECT ") + kRowColumns +
                                    " FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id");
    query.bind(1, table);
    query.bind(2, rowId);
    std::vector<AuditRow> rows;
    while (query.executeStep())
        rows.push_back(auditRowFrom(query));
    return rows;
}

std::vector<std::string> verifyAuditTrail(SQLite::Database& db) {
    std::vector<std::string> problems;
    for (const char* trigger : {"audit_log_no_update", "audit_log_no_delete"}) {
        SQLite::Statement exists(db,
                                 "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
        exists.bind(1, trigger);
        exists.executeStep();
        if (exists.getColumn(0).getInt() == 0)
            problems.push_back(std::string("audit trail: the append-only trigger ") + trigger +
                               " has been removed");
    }

    SQLite::Statement query(
        db, std::string("SELECT ") + kRowColumns + ", prev_hash, hash FROM audit_log ORDER BY id");
    std::string expectedPrev = kGenesisHash;
    std::int64_t expectedId = 1;
    while (query.executeStep()) {
        const AuditRow row = auditRowFrom(query);
        const std::string prevHash = query.getColumn(9).getString();
        const std::string hash = query.getColumn(10).getString();
        const std::string where = "audit trail row " + std::to_string(row.id) + " (" + row.action + " " +
                                  row.table +
                                  (row.rowId ? " row " + std::to_string(*row.rowId) : std::string()) + ")";
        if (row.id != expectedId)
            problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                               std::to_string(row.id - 1) + " are missing (deleted)");
        if (prevHash != expectedPrev)
            problems.push_back(where + ": the chain is broken (the row before it was changed or deleted)");
        if (sha256Hex(hashedContent(row, prevHash)) != hash)
            problems.push_back(where + ": its content does not match its hash (edited outside Ankylos)");
        expectedPrev = hash;
        expectedId = row.id + 1;
    }
    SQLite::Statement sequence(
        db, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
    sequence.executeStep();
    const std::int64_t lastIssued = sequence.getColumn(0).getInt64();
    if (lastIssued >= expectedId)
        problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                           std::to_string(lastIssued) + " are missing (deleted)");
    return problems;
}

}  // namespace ankylos::storage
