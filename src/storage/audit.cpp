#include "storage/audit.h"

#include <openssl/crypto.h>

#include <cctype>
#include <map>

#include "core/validation.h"
#include "storage/audit_key.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/schema.h"

namespace ankylos::storage {

const char* const kGenesisMac = "0000000000000000000000000000000000000000000000000000000000000000";
const char* const kAuditRowColumns =
    "id, at, user_name, table_name, row_id, action, coalesce(old_values, ''), coalesce(new_values, ''), "
    "reason";

namespace {

std::string jsonText(const nlohmann::json& values) {
    return values.is_null() ? std::string() : values.dump();
}

bool sameMac(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

/// The name in sql that starts at start.
std::string nameAt(const std::string& sql, std::size_t start) {
    return sql.substr(start, sql.find_first_of("( ;\n", start) - start);
}

/// The triggers the migrations of engine create, by name, with their exact text (the statement without
/// its semicolon). A later migration's DROP TRIGGER removes one.
std::map<std::string, std::string> expectedTriggers(sql::Engine engine) {
    std::map<std::string, std::string> triggers;
    for (const Migration& migration : migrations(engine)) {
        const std::string& sql = migration.sql;
        for (const std::string drop : {"DROP TRIGGER IF EXISTS ", "DROP TRIGGER "})
            for (std::size_t at = sql.find(drop); at != std::string::npos; at = sql.find(drop, at + 1))
                triggers.erase(nameAt(sql, at + drop.size()));
        const std::string create = "CREATE TRIGGER ";
        for (std::size_t at = sql.find(create); at != std::string::npos; at = sql.find(create, at + 1)) {
            // SQLite's triggers have a body of statements; a server's run a function (below).
            const std::size_t end =
                engine == sql::Engine::Sqlite ? sql.find("\nEND;", at) + 4 : sql.find(';', at);
            triggers[nameAt(sql, at + create.size())] = sql.substr(at, end - at);
        }
    }
    return triggers;
}

/// The bodies of the trigger functions the server's migrations create (CREATE [OR REPLACE] FUNCTION
/// ... RETURNS trigger ... AS $$body$$), by name; a later migration's DROP FUNCTION removes one.
std::map<std::string, std::string> expectedTriggerFunctions() {
    std::map<std::string, std::string> functions;
    for (const Migration& migration : migrations(sql::Engine::Postgresql)) {
        const std::string& sql = migration.sql;
        for (const std::string drop : {"DROP FUNCTION IF EXISTS ", "DROP FUNCTION "})
            for (std::size_t at = sql.find(drop); at != std::string::npos; at = sql.find(drop, at + 1))
                functions.erase(nameAt(sql, at + drop.size()));
        for (const std::string create : {"CREATE FUNCTION ", "CREATE OR REPLACE FUNCTION "})
            for (std::size_t at = sql.find(create); at != std::string::npos; at = sql.find(create, at + 1)) {
                const std::size_t open = sql.find("$$", at);
                if (open == std::string::npos ||
                    sql.substr(at, open - at).find("RETURNS trigger") == std::string::npos)
                    continue;
                functions[nameAt(sql, at + create.size())] =
                    sql.substr(open + 2, sql.find("$$", open + 2) - open - 2);
            }
    }
    return functions;
}

/// A trigger's definition as the server words it (pg_get_triggerdef), and a migration's in the same
/// words: whitespace runs as one space, NEW and OLD in lower case, no ::text on literals.
std::string inServerWords(const std::string& definition) {
    std::string words;
    for (std::size_t i = 0; i < definition.size(); ++i) {
        if (std::isspace(static_cast<unsigned char>(definition[i]))) {
            if (!words.empty() && words.back() != ' ')
                words += ' ';
        } else if (definition.compare(i, 6, "::text") == 0) {
            i += 5;
        } else if (definition.compare(i, 4, "NEW.") == 0 || definition.compare(i, 4, "OLD.") == 0) {
            words += definition[i] == 'N' ? "new." : "old.";
            i += 3;
        } else {
            words += definition[i];
        }
    }
    return words;
}

/// A server's trigger functions, by their exact text: replacing one's body (CREATE OR REPLACE
/// FUNCTION) would change what every trigger that runs it does.
void checkTriggerFunctions(sql::Connection& db, std::vector<std::string>& problems) {
    for (const auto& [name, body] : expectedTriggerFunctions()) {
        sql::Statement function(
            db,
            "SELECT prosrc FROM pg_proc WHERE proname = ? AND pronamespace = current_schema()::regnamespace");
        function.bind(1, name);
        if (!function.executeStep())
            problems.push_back("schema: the function " + name + " that triggers run has been removed");
        else if (function.getColumn(0).getString() != body)
            problems.push_back("schema: the function " + name +
                               " that triggers run has been replaced by one with a different definition");
    }
}

/// Triggers removed, replaced by others of the same name, disabled, or added by someone else.
void checkTriggers(sql::Connection& db, std::vector<std::string>& problems) {
    const bool server = db.engine() == sql::Engine::Postgresql;
    std::map<std::string, std::string> expected = expectedTriggers(db.engine());
    const auto words = [server](const std::string& definition) {
        return server ? inServerWords(definition) : definition;
    };
    sql::Statement query(
        db, server ? "SELECT t.tgname, CASE WHEN t.tgenabled = 'D' THEN 'disabled' END, "
                     "pg_get_triggerdef(t.oid, true) "
                     "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                     "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace "
                     "ORDER BY 1"
                   : "SELECT name, NULL, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name");
    while (query.executeStep()) {
        const std::string name = query.getColumn(0).getString();
        const auto found = expected.find(name);
        if (found == expected.end())
            problems.push_back("schema: a trigger " + name + " that Ankylos did not create has been added");
        else if (!query.getColumn(1).isNull())
            problems.push_back("schema: the trigger " + name + " has been disabled");
        else if (words(found->second) != words(query.getColumn(2).getString()))
            problems.push_back("schema: the trigger " + name +
                               " has been replaced by one with a different definition");
        if (found != expected.end())
            expected.erase(found);
    }
    for (const auto& [name, sql] : expected)
        problems.push_back("schema: the trigger " + name + " has been removed");
    if (server)
        checkTriggerFunctions(db, problems);
}

/// The trail's rows against the chain head kept outside the file.
void checkChainHead(Database& db, const AuditKey& key, std::int64_t lastRow, const std::string& lastMac,
                    std::vector<std::string>& problems) {
    const std::filesystem::path file = chainHeadPath(db.file());
    const auto stored = readChainHead(file, key);
    if (!stored) {
        problems.push_back("audit trail: the chain head " + file.string() +
                           " is missing, so rows cut off the end of the trail could not be found "
                           "(copy it from where the database came from; a backup has it beside it)");
        return;
    }
    if (!stored->authentic) {
        problems.push_back("audit trail: the chain head " + file.string() +
                           " was altered (its MAC does not match)");
        return;
    }
    if (stored->head.rows > lastRow) {
        problems.push_back("audit trail: rows " + std::to_string(lastRow + 1) + " to " +
                           std::to_string(stored->head.rows) + " are missing: the chain head " +
                           file.string() + " records " + std::to_string(stored->head.rows) +
                           " rows (cut off the end)");
        return;
    }
    sql::Statement row(sql::connectionOf(db), "SELECT mac FROM audit_log WHERE id = ?");
    row.bind(1, stored->head.rows);
    const std::string macThere = row.executeStep() ? row.getColumn(0).getString() : lastMac;
    if (stored->head.rows > 0 && !sameMac(macThere, stored->head.mac))
        problems.push_back("audit trail row " + std::to_string(stored->head.rows) +
                           ": its MAC differs from the one the chain head " + file.string() + " records");
}

}  // namespace

AuditRow auditRowFrom(sql::Statement& query) {
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

std::string macContent(const AuditRow& row, const std::string& prevMac) {
    const char sep = '\x1f';
    return std::to_string(row.id) + sep + row.at + sep + row.user + sep + row.table + sep +
           (row.rowId ? std::to_string(*row.rowId) : std::string()) + sep + row.action + sep + row.oldValues +
           sep + row.newValues + sep + row.reason + sep + prevMac;
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
        case AuditAction::Baseline:
            return "baseline";
    }
    throw InternalError("unknown AuditAction");
}

void appendAudit(Database& db, const std::string& user, const AuditRecord& record) {
    // Blanks are no reason: the trail must say why saved data changed.
    const bool noReason = record.reason.find_first_not_of(" \t\r\n") == std::string::npos;
    if ((record.action == AuditAction::Update || record.action == AuditAction::Delete) && noReason)
        throw core::ValidationError("reason for the change", "",
                                    "a reason for changing or deleting saved data");
    const AuditKey& key = db.auditKey();
    // The last row is read inside the write transaction, whose writer lock (Connection::begin) makes
    // writers take turns on either engine: the chain never forks. A row this transaction appended is
    // that last row, without a round trip to read it.
    const bool inTransaction = sql::connectionOf(db).inTransaction();
    std::optional<ChainHead> head = inTransaction ? db.auditHeadWritten() : std::nullopt;
    if (!head)
        head = lastAuditRow(db);
    const std::string prevMac = head ? head->mac : std::string(kGenesisMac);

    AuditRow row;
    row.id = head ? head->rows + 1 : 1;  // the MAC covers the id: ids run without gaps
    row.at = db.now();
    row.user = user;
    row.table = record.table;
    row.rowId = record.rowId;
    row.action = toString(record.action);
    row.oldValues = jsonText(record.oldValues);
    row.newValues = jsonText(record.newValues);
    row.reason = record.reason;

    const std::string mac = writeAuditRow(db, key, row, prevMac);
    db.noteAuditAppended(inTransaction ? std::optional<ChainHead>(ChainHead{row.id, mac}) : std::nullopt);
}

std::string writeAuditRow(Database& db, const AuditKey& key, const AuditRow& row,
                          const std::string& prevMac) {
    auto insertLease = sql::connectionOf(db).cached(
        "INSERT INTO audit_log (id, at, user_name, table_name, row_id, action, old_values, new_values, "
        "reason, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?)");
    sql::Statement& insert = *insertLease;
    const std::string mac = key.mac(macContent(row, prevMac));
    insert.bind(1, row.id);
    insert.bind(2, row.at);
    insert.bind(3, row.user);
    insert.bind(4, row.table);
    if (row.rowId)
        insert.bind(5, *row.rowId);
    insert.bind(6, row.action);
    insert.bind(7, row.oldValues);
    insert.bind(8, row.newValues);
    insert.bind(9, row.reason);
    insert.bind(10, prevMac);
    insert.bind(11, mac);
    insert.execDeferred();
    return mac;
}

std::vector<AuditRow> auditRowsFor(Database& db, const std::string& table, std::int64_t rowId) {
    sql::Statement query(sql::connectionOf(db),
                         std::string("SELECT ") + kAuditRowColumns +
                             " FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id");
    query.bind(1, table);
    query.bind(2, rowId);
    std::vector<AuditRow> rows;
    while (query.executeStep())
        rows.push_back(auditRowFrom(query));
    return rows;
}

std::vector<AuditRow> auditRowsFor(Database& db, AuditAction action) {
    sql::Statement query(sql::connectionOf(db), std::string("SELECT ") + kAuditRowColumns +
                                                    " FROM audit_log WHERE action = ? ORDER BY id");
    query.bind(1, toString(action));
    std::vector<AuditRow> rows;
    while (query.executeStep())
        rows.push_back(auditRowFrom(query));
    return rows;
}

bool lastAuditRowMatches(sql::Connection& db, const AuditKey& key) {
    sql::Statement last(db, std::string("SELECT ") + kAuditRowColumns +
                                ", prev_mac, mac FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!last.executeStep())
        return true;
    return sameMac(key.mac(macContent(auditRowFrom(last), last.getColumn(9).getString())),
                   last.getColumn(10).getString());
}

std::optional<ChainHead> lastAuditRow(sql::Connection& db) {
    auto lastLease = db.cached("SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1");
    sql::Statement& last = *lastLease;
    if (!last.executeStep())
        return std::nullopt;
    return ChainHead{last.getColumn(0).getInt64(), last.getColumn(1).getString()};
}

std::optional<ChainHead> lastAuditRow(Database& db) {
    return lastAuditRow(sql::connectionOf(db));
}

std::int64_t auditVersion(Database& db) {
    return sql::connectionOf(db).execAndGet("SELECT coalesce(max(id), 0) FROM audit_log").getInt64();
}

std::int64_t auditVersion(Database& db, const std::string& table, std::int64_t rowId) {
    auto queryLease = sql::connectionOf(db).cached(
        "SELECT coalesce(max(id), 0) FROM audit_log WHERE table_name = ? AND row_id = ?");
    sql::Statement& query = *queryLease;
    query.bind(1, table);
    query.bind(2, rowId);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

void requireUnchangedSince(Database& db, const std::string& table, std::int64_t rowId,
                           std::optional<std::int64_t> openedAt, const std::function<std::string()>& record) {
    if (!openedAt)
        return;
    // Only rows after openedAt are read (by the primary key): the check costs the same on a long trail.
    sql::Statement newer(sql::connectionOf(db),
                         std::string("SELECT ") + kAuditRowColumns +
                             " FROM audit_log WHERE id > ? AND table_name = ? AND row_id = ? "
                             "ORDER BY id DESC LIMIT 1");
    newer.bind(1, *openedAt);
    newer.bind(2, table);
    newer.bind(3, rowId);
    if (!newer.executeStep())
        return;
    const AuditRow newest = auditRowFrom(newer);
    // "2026-12-02T14:03:05Z" as "2026-12-02 14:03 UTC": the minute is what a person compares.
    const std::string at =
        newest.at.size() >= 16 ? newest.at.substr(0, 10) + " " + newest.at.substr(11, 5) + " UTC" : newest.at;
    throw ChangedSinceOpened(record(), newest.user, at);
}

std::int64_t auditRowCount(Database& db) {
    return sql::connectionOf(db).execAndGet("SELECT count(*) FROM audit_log").getInt64();
}

std::vector<std::string> verifyAuditTrail(Database& db) {
    std::vector<std::string> problems;
    checkTriggers(sql::connectionOf(db), problems);
    const AuditKey* key = db.auditKeyIfAny();
    if (!key) {
        problems.push_back("audit trail: the audit key " + auditKeyPath(db.file()).string() +
                           " is missing, so the trail cannot be verified (copy it from where the database "
                           "came from; a backup has it beside it)");
        return problems;
    }
    sql::Statement query(sql::connectionOf(db), std::string("SELECT ") + kAuditRowColumns +
                                                    ", prev_mac, mac FROM audit_log ORDER BY id");
    std::string expectedPrev = kGenesisMac;
    std::int64_t expectedId = 1;
    while (query.executeStep()) {
        const AuditRow row = auditRowFrom(query);
        const std::string prevMac = query.getColumn(9).getString();
        const std::string mac = query.getColumn(10).getString();
        const std::string where = "audit trail row " + std::to_string(row.id) + " (" + row.action + " " +
                                  row.table +
                                  (row.rowId ? " row " + std::to_string(*row.rowId) : std::string()) + ")";
        if (row.id != expectedId)
            problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                               std::to_string(row.id - 1) + " are missing (deleted)");
        if (!sameMac(prevMac, expectedPrev))
            problems.push_back(where + ": the chain is broken (the row before it was changed or deleted)");
        if (!sameMac(key->mac(macContent(row, prevMac)), mac))
            problems.push_back(where +
                               ": its content does not match its MAC (written or edited outside Ankylos)");
        expectedPrev = mac;
        expectedId = row.id + 1;
    }
    // A server's clients cannot delete rows at all (the append-only triggers belong to the server); a
    // file's last rows could be cut off, which SQLite's row counter and the chain head outside it show.
    if (db.onServer())
        return problems;
    sql::Statement sequence(sql::connectionOf(db),
                            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
    sequence.executeStep();
    const std::int64_t lastIssued = sequence.getColumn(0).getInt64();
    if (lastIssued >= expectedId)
        problems.push_back("audit trail: rows " + std::to_string(expectedId) + " to " +
                           std::to_string(lastIssued) + " are missing (deleted)");
    checkChainHead(db, *key, expectedId - 1, expectedPrev, problems);
    return problems;
}

}  // namespace ankylos::storage
