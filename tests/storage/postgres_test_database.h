#pragma once
/// Test helper: a fresh database on the test run's PostgreSQL server, dropped at the end of the test.
///
/// ctest starts one throwaway cluster for the run (tests/postgres/cluster, the fixture "postgres") and
/// sets ANKYLOS_TEST_POSTGRES to the file holding its superuser's URI; the variable may also hold a
/// URI itself (postgresql://...) to run the tests against another server whose user may create
/// databases. Without it (the test binary run by hand) the tests skip and say how to run them.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "storage/server_location.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::storage::test {

class PostgresTestDatabase {
public:
    static constexpr const char* kHowToRun =
        "no PostgreSQL server for the tests: run them through ctest (ctest -L postgresql starts a "
        "throwaway cluster), or set ANKYLOS_TEST_POSTGRES to a postgresql:// URI of a user who may create "
        "databases";

    /// The superuser's URI of the test server, or nothing when none is configured. Throws when one is
    /// configured but its URI file is missing (the cluster did not start): that must fail, not skip.
    static std::optional<std::string> serverUri() {
        const char* setting = std::getenv("ANKYLOS_TEST_POSTGRES");
        if (!setting || !*setting)
            return std::nullopt;
        const std::string value = setting;
        if (value.rfind("postgresql://", 0) == 0 || value.rfind("postgres://", 0) == 0)
            return value;
        std::ifstream file(value);
        std::string uri;
        if (!std::getline(file, uri) || uri.empty())
            throw std::runtime_error("ANKYLOS_TEST_POSTGRES names " + value +
                                     ", which holds no URI: did the postgres_cluster_start test fail?");
        return uri;
    }

    /// The folder of the test run's cluster (tests/postgres/cluster start DIR): its root.crt verifies
    /// the server's certificate, its other-root.crt does not. Nothing when ANKYLOS_TEST_POSTGRES holds
    /// a URI: another server, whose certificates the tests do not know.
    static std::optional<std::filesystem::path> clusterDir() {
        const char* setting = std::getenv("ANKYLOS_TEST_POSTGRES");
        if (!setting || !*setting || isServerLocation(setting))
            return std::nullopt;
        return std::filesystem::path(setting).parent_path();
    }
    static constexpr const char* kNoCertificates =
        "ANKYLOS_TEST_POSTGRES names a server by its URI: its certificate authority is unknown";

    /// Creates the database, empty or as a copy of the database templateName (which nobody may have
    /// open); the server must be configured (serverUri()).
    explicit PostgresTestDatabase(const std::string& templateName = "")
        : m_server(*serverUri()), m_name(uniqueName()) {
        sql::PostgresConnection(m_server, kBusyTimeoutMs)
            .exec("CREATE DATABASE " + m_name + (templateName.empty() ? "" : " TEMPLATE " + templateName));
        m_uri = withDatabase(m_server, m_name);
    }
    ~PostgresTestDatabase() {
        try {  // FORCE: a connection the test left open does not keep the database
            sql::PostgresConnection(m_server, kBusyTimeoutMs)
                .exec("DROP DATABASE " + m_name + " WITH (FORCE)");
        } catch (const sql::Error& e) {
            ADD_FAILURE() << "dropping the test database " << m_name << ": " << e.what();
        }
    }
    PostgresTestDatabase(const PostgresTestDatabase&) = delete;
    PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

    /// The URI of the new database, as its owner (the server's superuser).
    const std::string& uri() const { return m_uri; }
    const std::string& name() const { return m_name; }
    /// uri() through localhost (a name in the server's certificate) with sslmode=verify-full, the
    /// server's certificate checked against rootCertificate.
    std::string verifiedUri(const std::filesystem::path& rootCertificate) const {
        ServerLocation where = *parseServerLocation(m_uri);
        where.host = "localhost";
        where.sslMode = kSslVerifyFull;
        return toUri(where) + "&sslrootcert=" + rootCertificate.string();
    }

private:
    static constexpr int kBusyTimeoutMs = 5000;

    /// Unique across the test processes ctest runs at once and across runs that left databases behind.
    static std::string uniqueName() {
        static std::atomic<int> counter{0};
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        return "ankylos_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
               std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
    }

    /// uri with its database replaced by database (the path after host:port, before any ?options).
    static std::string withDatabase(const std::string& uri, const std::string& database) {
        const auto scheme = uri.find("://");
        if (scheme == std::string::npos)
            throw std::runtime_error("the test server's address is not a postgresql:// URI: " + uri);
        const auto path = uri.find_first_of("/?", scheme + 3);
        if (path == std::string::npos)
            return uri + "/" + database;
        const auto query = uri.find('?', path);
        return uri.substr(0, path) + "/" + database + (query == std::string::npos ? "" : uri.substr(query));
    }

    std::string m_server;
    std::string m_name;
    std::string m_uri;
};

}  // namespace ankylos::storage::test
