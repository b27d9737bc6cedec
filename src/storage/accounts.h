#pragma once
/// People's accounts and roles on a server database (docs/roles.md). Every person signs in with their
/// own account on the PostgreSQL server; what the account may do comes from its roles, which the server
/// enforces (db/migrations/postgresql/0006_roles.sql), so psql under the same account can do no more.
/// A database file has no accounts: whoever can open it can change it with any SQLite tool, so on a
/// file every user holds every role and the audit trail is what shows who did what.

#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/role.h"

namespace ankylos::storage {

namespace sql {
class Connection;
}

/// The roles of the account the server authenticated for db (none when it holds none of Ankylos's);
/// every role for the database's owner, who may do everything.
std::vector<Role> sessionRoles(sql::Connection& db);

struct Account {
    std::string name;
    bool enabled = true;      ///< may sign in
    std::vector<Role> roles;  ///< in allRoles() order
};

/// The administrator's work on accounts. Each change is one transaction with its audit row (table
/// "account"), and the server refuses it unless the signed-in account is an administrator (or the
/// database's owner). Passwords reach the server only as SCRAM verifiers.
class AccountRepository {
public:
    /// Throws IncompatibleDatabase for a database file, which has no accounts.
    explicit AccountRepository(Database& db);

    /// Every account holding an Ankylos role, by name.
    std::vector<Account> list();
    /// A new account that may sign in with password and holds roles. Throws core::ValidationError for a
    /// name that is not allowed or taken, no roles, or a password shorter than kMinPasswordLength or
    /// equal to the name.
    void add(const std::string& name, const std::string& password, const std::vector<Role>& roles);
    /// Replaces the account's roles; reason goes to the audit trail.
    void setRoles(const std::string& name, const std::vector<Role>& roles, const std::string& reason);
    /// Disables (or enables again) signing in; the account, its roles and its history stay.
    void setEnabled(const std::string& name, bool enabled, const std::string& reason);
    void setPassword(const std::string& name, const std::string& password, const std::string& reason);

    static constexpr std::size_t kMinPasswordLength = 8;

private:
    Account require(const std::string& name);

    Database& m_db;
};

}  // namespace ankylos::storage
