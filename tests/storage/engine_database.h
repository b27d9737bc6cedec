#pragma once
/// Test helper: where a test's database lives on either engine, so one test runs on both. Suites take
/// the engine as their parameter and are instantiated twice, as Sqlite/... (a file in a temporary
/// folder) and Postgresql/... (a fresh database on the test run's server, dropped afterwards; ctest
/// gives those the label postgresql and starts the server).

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "postgres_test_database.h"
#include "storage/sql/connection.h"
#include "storage/sql/sqlite_connection.h"
#include "temp_database.h"

namespace ankylos::storage::test {

class EngineLocation {
public:
    explicit EngineLocation(sql::Engine engine) : m_engine(engine) {
        if (engine == sql::Engine::Sqlite) {
            m_location = m_dir.path() / "clinic.db";
            return;
        }
        if (!PostgresTestDatabase::serverUri())
            throw std::runtime_error(PostgresTestDatabase::kHowToRun);
        m_server.emplace();
        m_location = m_server->uri();
    }

    /// Where a copy of source's database is, which nobody may have open: the file with its key and
    /// chain head beside it, or a database the server made with source's as its template.
    struct CopyOf {
        const EngineLocation& source;
    };
    explicit EngineLocation(CopyOf copy) : m_engine(copy.source.m_engine) {
        if (m_engine == sql::Engine::Postgresql) {
            m_server.emplace(copy.source.m_server->name());
            m_location = m_server->uri();
            return;
        }
        m_location = m_dir.path() / "clinic.db";
        for (const char* suffix : {"", "-wal", ".key", ".head"})
            if (std::filesystem::exists(copy.source.m_location.string() + suffix))
                std::filesystem::copy_file(copy.source.m_location.string() + suffix,
                                           m_location.string() + suffix);
    }

    /// A file path or a postgresql:// URI: what storage::Database opens.
    const std::filesystem::path& path() const { return m_location; }
    sql::Engine engine() const { return m_engine; }

    /// A connection as a tool outside Ankylos has one: the sqlite3 tool on the file (which must exist),
    /// or the server's superuser on the database.
    std::unique_ptr<sql::Connection> outsideConnection() const {
        if (m_engine == sql::Engine::Sqlite)
            return std::make_unique<sql::SqliteConnection>(
                m_location, sql::SqliteConnection::Access::ReadWrite, kBusyTimeoutMs);
        return std::make_unique<sql::PostgresConnection>(m_location.string(), kBusyTimeoutMs);
    }
    /// Runs sql outside Ankylos, on outsideConnection().
    void outsideEdit(const std::string& sql) const { outsideConnection()->exec(sql); }

private:
    static constexpr int kBusyTimeoutMs = 5000;

    sql::Engine m_engine;
    TempDir m_dir;
    std::optional<PostgresTestDatabase> m_server;
    std::filesystem::path m_location;
};

/// Puts the audit trail's append-only triggers back where they are missing: a file's word for word as
/// the migration wrote them, a server's as its migration created them.
inline void restoreAppendOnlyTriggers(sql::Connection& db) {
    const bool server = db.engine() == sql::Engine::Postgresql;
    for (const std::string action : {"UPDATE", "DELETE"}) {
        const std::string name = action == "UPDATE" ? "audit_log_no_update" : "audit_log_no_delete";
        const std::string catalog = server ? "SELECT count(*) FROM pg_trigger WHERE tgname = '"
                                           : "SELECT count(*) FROM sqlite_schema WHERE name = '";
        if (db.execAndGet(catalog + name + "'").getInt() > 0)
            continue;
        db.exec("CREATE TRIGGER " + name + " BEFORE " + action + " ON audit_log" +
                (server ? " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
                        : "\nBEGIN\n    SELECT RAISE(ABORT, 'the audit log is append-only');\nEND;"));
    }
}

/// Runs sql on db past the audit trail's append-only triggers, as someone with the sqlite3 tool, or
/// the server database's owner, could: a file's are dropped and put back word for word, a server's
/// disabled and enabled again.
inline void pastAppendOnlyTriggers(sql::Connection& db, const std::string& sql) {
    if (db.engine() == sql::Engine::Postgresql) {
        db.exec("ALTER TABLE audit_log DISABLE TRIGGER USER; " + sql +
                "; ALTER TABLE audit_log ENABLE TRIGGER USER");
        return;
    }
    db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    db.exec(sql);
    restoreAppendOnlyTriggers(db);
}

/// "Sqlite" or "Postgresql": the instantiation names that ctest's labels follow.
inline std::string engineName(const ::testing::TestParamInfo<sql::Engine>& info) {
    return info.param == sql::Engine::Sqlite ? "Sqlite" : "Postgresql";
}

}  // namespace ankylos::storage::test

/// Runs the parameterised suite on both engines.
#define ANKYLOS_ON_BOTH_ENGINES(suite)                                                                   \
    INSTANTIATE_TEST_SUITE_P(Sqlite, suite, ::testing::Values(::ankylos::storage::sql::Engine::Sqlite)); \
    INSTANTIATE_TEST_SUITE_P(Postgresql, suite,                                                          \
                             ::testing::Values(::ankylos::storage::sql::Engine::Postgresql))
