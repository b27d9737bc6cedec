#pragma once
/// Opening an Ankylos database file: create, migrate, or refuse. The storage layer never asks the
/// user anything; it returns or throws (errors.h).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/errors.h"

namespace ankylos::storage {

/// A cached statement lent out for one use: reset and unbound when the lease ends, so it never
/// holds a read snapshot open or carries old bindings into the next use.
class StatementLease {
public:
    explicit StatementLease(SQLite::Statement& statement) : m_statement(statement) {}
    ~StatementLease() {
        m_statement.tryReset();  // the error, if any, was reported by the step that failed
        m_statement.clearBindings();
    }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    SQLite::Statement& operator*() { return m_statement; }

private:
    SQLite::Statement& m_statement;
};

/// PRAGMA application_id of every Ankylos database: "ANKY" in ASCII.
constexpr int kApplicationId = 0x414E4B59;

/// The schema version this build writes: the number of compiled-in migrations.
int currentSchemaVersion();

class Database {
public:
    /// Opens file, creating it (with its folder) when missing or empty. An older schema is first
    /// copied to a dated backup next to the file, then migrated in one transaction. Throws
    /// IncompatibleDatabase, leaving the file byte-for-byte untouched, when the file is not a
    /// database, belongs to another application, was written by a newer Ankylos, or is damaged.
    /// user: who is recorded in the audit trail; empty means the operating-system account name.
    explicit Database(const std::filesystem::path& file, const std::string& user = "");

    SQLite::Database& sql() { return *m_db; }
    const std::filesystem::path& file() const { return m_file; }
    const std::string& user() const { return m_user; }
    /// The backup written before a migration, when this open migrated the file.
    const std::optional<std::filesystem::path>& migrationBackup() const { return m_migrationBackup; }

    /// Copies the whole database to dest with SQLite's online backup (safe while others write).
    void backupTo(const std::filesystem::path& dest);

    /// The statement for sql, prepared once per connection: preparing dominates a large import
    /// (the CHECK constraints are long). For statements used once at a time, never nested.
    StatementLease cached(const std::string& sql);

private:
    std::filesystem::path m_file;
    std::string m_user;
    std::unique_ptr<SQLite::Database> m_db;
    std::optional<std::filesystem::path> m_migrationBackup;
    /// After m_db, so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

/// The operating-system account name, or "unknown".
std::string operatingSystemUser();

/// Now, UTC, ISO 8601 with seconds: "2026-11-22T21:59:58Z".
std::string utcTimestamp();

}  // namespace ankylos::storage
