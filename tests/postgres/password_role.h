#pragma once
/// Test helper: a user of the test server who must give a password, for the tests of password
/// prompts. The throwaway cluster trusts everyone except members of ankylos_password_login over
/// 127.0.0.1 (tests/postgres/cluster); this makes such a member, owning a test database, and drops it
/// at the end. While it lives, libpq finds no password by itself: PGPASSWORD is unset and PGPASSFILE
/// names no file (the account's own ~/.pgpass must not answer for the test).

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "storage/server_location.h"
#include "storage/postgres_test_database.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::test {

class PasswordRole {
public:
    static constexpr const char* kPassword = "open sesame";

    /// A new role that owns database (so it may create the Ankylos schema in it).
    explicit PasswordRole(const storage::test::PostgresTestDatabase& database)
        : m_database(database), m_name(database.name() + "_user") {
        ::unsetenv("PGPASSWORD");
        ::setenv("PGPASSFILE", "/nonexistent/ankylos-test-pgpass", 1);
        storage::sql::PostgresConnection admin(database.uri(), kBusyTimeoutMs);
        // CREATEROLE, as a database's owner needs the first time: 0006 makes the server's Ankylos roles.
        admin.exec("CREATE ROLE " + m_name + " LOGIN CREATEROLE PASSWORD '" + kPassword +
                   "' IN ROLE ankylos_password_login");
        admin.exec("ALTER DATABASE " + database.name() + " OWNER TO " + m_name);
        storage::ServerLocation location = *storage::parseServerLocation(database.uri());
        location.user = m_name;
        location.host = "127.0.0.1";  // the cluster asks for passwords over TCP only
        m_uri = storage::toUri(location);
    }
    ~PasswordRole() {
        try {  // what it owns goes back to the superuser, so the database can be dropped after it
            storage::sql::PostgresConnection admin(m_database.uri(), kBusyTimeoutMs);
            admin.exec("REASSIGN OWNED BY " + m_name + " TO CURRENT_USER");
            admin.exec("DROP OWNED BY " + m_name);
            admin.exec("DROP ROLE " + m_name);
        } catch (const storage::sql::Error& e) {
            ADD_FAILURE() << "dropping the test role " << m_name << ": " << e.what();
        }
    }
    PasswordRole(const PasswordRole&) = delete;
    PasswordRole& operator=(const PasswordRole&) = delete;

    /// The test database's location as this user (no password in it).
    const std::string& uri() const { return m_uri; }
    const std::string& name() const { return m_name; }

private:
    static constexpr int kBusyTimeoutMs = 5000;

    const storage::test::PostgresTestDatabase& m_database;
    std::string m_name;
    std::string m_uri;
};

}  // namespace ankylos::test
