#pragma once
/// Test helper for ankylos-cli tests that run on both engines (engine_database.h): a fixture whose
/// database is on its parameter's engine, and an outside view of a database that reads and tampers
/// with it as someone with the sqlite3 tool, or the server database's owner with psql, could: raw
/// SQLite on a file, a connection of its own on a server. Never through the command under test.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cli_runner.h"
#include "engine_database.h"
#include "storage/server_location.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::test {

using storage::sql::Engine;

/// A test's own folder, for the files it makes.
class CliFiles {
protected:
    std::string path(const std::string& name) const { return (m_files.path() / name).string(); }

    storage::test::TempDir m_files;
};

/// A test of ankylos-cli whose database m_db is a new file or a new server database, by parameter.
class CliOnEngine : public CliFiles, public ::testing::TestWithParam<Engine> {
protected:
    bool onServer() const { return GetParam() == Engine::Postgresql; }

    storage::test::EngineLocation m_location{GetParam()};
    const std::string m_db = m_location.path().string();  ///< a file's path or a postgresql:// URI
};

/// A test of what only a database file can be (its name, its bytes, its permissions).
class CliOnFile : public CliFiles, public ::testing::Test {};

namespace detail {

constexpr int kBusyTimeoutMs = 5000;

inline std::unique_ptr<storage::sql::PostgresConnection> server(const std::string& db) {
    return std::make_unique<storage::sql::PostgresConnection>(db, kBusyTimeoutMs);
}

inline SQLite::Database file(const std::string& db, int create = 0) {
    return SQLite::Database(db, SQLite::OPEN_READWRITE | create, kBusyTimeoutMs);
}

}  // namespace detail

/// What sql selects from db, a line a row with its columns joined by | (as the sqlite3 tool prints).
inline std::string queryText(const std::string& db, const std::string& sql) {
    std::string text;
    const auto addRow = [&](int columns, const auto& column) {
        for (int i = 0; i < columns; ++i)
            text += (i ? "|" : "") + column(i);
        text += "\n";
    };
    if (storage::isServerLocation(db)) {
        const auto connection = detail::server(db);
        storage::sql::Statement query(*connection, sql);
        while (query.executeStep())
            addRow(query.getColumnCount(), [&](int i) { return query.getColumn(i).getString(); });
        return text;
    }
    SQLite::Database connection = detail::file(db);
    SQLite::Statement query(connection, sql);
    while (query.executeStep())
        addRow(query.getColumnCount(), [&](int i) { return query.getColumn(i).getString(); });
    return text;
}

/// count(*) of table, which may carry a condition ("audit_log WHERE action = 'export'").
inline int countRows(const std::string& db, const std::string& table) {
    return std::stoi(queryText(db, "SELECT count(*) FROM " + table));
}

/// Runs one or more statements on db (a file is created when missing).
inline void execSql(const std::string& db, const std::string& sql) {
    if (storage::isServerLocation(db))
        detail::server(db)->exec(sql);
    else
        detail::file(db, SQLite::OPEN_CREATE).exec(sql);
}

/// Everything db holds: a file's bytes; each table of a server database with all its rows (views only
/// show tables, and ankylos_account shows the whole server's accounts, which other tests change).
/// Equal before and after a command that must change nothing.
inline std::string contentOf(const std::string& db) {
    if (!storage::isServerLocation(db))
        return readFile(db);
    std::string content;
    const std::string tables =
        queryText(db,
                  "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                  "AND table_type = 'BASE TABLE' ORDER BY table_name");
    std::size_t start = 0;
    for (std::size_t end; (end = tables.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string table = tables.substr(start, end - start);
        content += table + ":\n" + queryText(db, "SELECT t::text FROM " + table + " t ORDER BY t::text");
    }
    return content;
}

}  // namespace ankylos::test
