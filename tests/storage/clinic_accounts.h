#pragma once
/// Test helper: a new Ankylos database on the test server with one person's account for each role,
/// made by its owner (the server's superuser) through AccountRepository, and dropped at the end.
/// Accounts belong to the whole server, so their names carry the database's unique suffix. People
/// sign in as on a clinic's server: over 127.0.0.1 with their password (the test cluster asks members
/// of Ankylos's roles for it, tests/postgres/cluster).

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "postgres_test_database.h"
#include "storage/accounts.h"
#include "storage/database.h"
#include "storage/server_location.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::storage::test {

class ClinicAccounts {
public:
    static constexpr const char* kPassword = "correct horse 7";

    ClinicAccounts() {
        ::unsetenv("PGPASSWORD");
        ::setenv("PGPASSFILE", "/nonexistent/ankylos-test-pgpass", 1);
        m_owner = std::make_unique<Database>(m_database.uri(), "", Open::CreateNew);
        AccountRepository accounts(*m_owner);
        for (Role role : allRoles())
            accounts.add(account(role), kPassword, {role});
    }
    ~ClinicAccounts() {
        m_owner.reset();
        try {
            sql::PostgresConnection admin(m_database.uri(), 5000);
            for (Role role : allRoles())
                admin.exec("DROP ROLE IF EXISTS \"" + account(role) + "\"");
        } catch (const sql::Error& e) {
            ADD_FAILURE() << "dropping the test accounts: " << e.what();
        }
    }
    ClinicAccounts(const ClinicAccounts&) = delete;
    ClinicAccounts& operator=(const ClinicAccounts&) = delete;

    /// "nurse_<the database's unique suffix>".
    std::string account(Role role) const {
        return toString(role) + m_database.name().substr(std::string("ankylos_test").size());
    }
    /// The database's location as the account, over 127.0.0.1 (no password in it).
    std::string uriOf(const std::string& account) const {
        ServerLocation location = *parseServerLocation(m_database.uri());
        location.user = account;
        location.host = "127.0.0.1";
        return toUri(location);
    }
    /// The database as Ankylos opens it for the person holding role.
    std::unique_ptr<Database> openAs(Role role, Open mode = Open::ReadWrite) const {
        return std::make_unique<Database>(uriOf(account(role)), "", mode, kPassword);
    }
    /// A plain connection as that person, for SQL typed as in psql.
    std::unique_ptr<sql::PostgresConnection> psqlAs(Role role) const {
        return std::make_unique<sql::PostgresConnection>(uriOf(account(role)), 5000, kPassword);
    }
    /// The database as its owner, who may do everything.
    Database& owner() { return *m_owner; }
    const std::string& ownerUri() const { return m_database.uri(); }

private:
    PostgresTestDatabase m_database;
    std::unique_ptr<Database> m_owner;
};

}  // namespace ankylos::storage::test
