#pragma once
/// The SQLite engine of the statement layer (connection.h), over SQLiteCpp: the one place in Ankylos
/// that includes it. What only a file database has (the online backup, the integrity check's
/// progress callback) is here too.

#include <filesystem>
#include <functional>
#include <memory>

#include "storage/sql/connection.h"

namespace SQLite {
class Database;
}

namespace ankylos::storage::sql {

class SqliteConnection : public Connection {
public:
    enum class Access {
        ReadWrite,
        ReadOnly,
        /// Read-only, and the file is taken not to change while open, so SQLite needs no -shm
        /// file beside it (a folder we may not write). Only safe when nobody is writing it.
        Immutable,
    };

    /// Opens an existing file. Throws Error.
    SqliteConnection(const std::filesystem::path& file, Access access, int busyTimeoutMs);
    ~SqliteConnection() override;

    Engine engine() const override { return Engine::Sqlite; }
    std::shared_ptr<StatementImpl> prepare(const std::string& sql) override;
    void exec(const std::string& script) override;
    /// BEGIN IMMEDIATE: two writers queue on the busy timeout instead of deadlocking.
    void begin() override;
    bool inTransaction() const override;
    std::int64_t lastInsertId() override;

    /// Copies the whole database, as this connection sees it, into dest (an empty or new file) with
    /// SQLite's online backup, which is safe while others write. dest must exist (empty).
    void backupTo(const std::filesystem::path& dest);
    /// keepGoing is asked every few thousand steps of the statements that follow; false interrupts
    /// them (Error of kind Interrupted). An empty function removes it.
    void setProgressHandler(std::function<bool()> keepGoing);

private:
    std::unique_ptr<SQLite::Database> m_db;
    std::function<bool()> m_keepGoing;
};

/// The SQLite connection behind connection; throws Error when it is another engine's.
SqliteConnection& sqliteOf(Connection& connection);

}  // namespace ankylos::storage::sql
