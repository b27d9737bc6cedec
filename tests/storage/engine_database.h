#pragma once
/// Test helper: where a test's database lives on either engine, so one test runs on both. Suites take
/// the engine as their parameter and are instantiated twice, as Sqlite/... (a file in a temporary
/// folder) and Postgresql/... (a fresh database on the test run's server, dropped afterwards; ctest
/// gives those the label postgresql and starts the server).

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "postgres_test_database.h"
#include "storage/sql/connection.h"
#include "temp_database.h"

namespace ankylos::storage::test {

class EngineLocation {
public:
    explicit EngineLocation(sql::Engine engine) {
        if (engine == sql::Engine::Sqlite) {
            m_location = m_dir.path() / "clinic.db";
            return;
        }
        if (!PostgresTestDatabase::serverUri())
            throw std::runtime_error(PostgresTestDatabase::kHowToRun);
        m_server.emplace();
        m_location = m_server->uri();
    }

    /// A file path or a postgresql:// URI: what storage::Database opens.
    const std::filesystem::path& path() const { return m_location; }

private:
    TempDir m_dir;
    std::optional<PostgresTestDatabase> m_server;
    std::filesystem::path m_location;
};

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
