#pragma once
/// Opening an Ankylos database file: create, migrate, or refuse. The storage layer never asks the
/// user anything; it returns or throws (errors.h).

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "storage/errors.h"

namespace ankylos::storage {

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

private:
    std::filesystem::path m_file;
    std::string m_user;
    std::unique_ptr<SQLite::Database> m_db;
    std::optional<std::filesystem::path> m_migrationBackup;
};

/// The operating-system account name, or "unknown".
std::string operatingSystemUser();

/// Now, UTC, ISO 8601 with seconds: "2026-11-22T21:59:58Z".
std::string utcTimestamp();

}  // namespace ankylos::storage
