#include "storage/accounts.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/format.h"
#include "core/validation.h"
#include "storage/audit.h"
#include "storage/sql/postgres_connection.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

/// The roles as the server functions take them: a text[] literal, "{physician,nurse}".
std::string roleArray(const std::vector<Role>& roles) {
    std::string text = "{";
    for (Role role : roles)
        text += (text.size() > 1 ? "," : "") + toString(role);
    return text + "}";
}

/// Roles from "nurse,physician", in allRoles() order.
std::vector<Role> rolesFrom(const std::string& list) {
    std::vector<Role> roles;
    for (Role role : allRoles())
        if (("," + list + ",").find("," + toString(role) + ",") != std::string::npos)
            roles.push_back(role);
    return roles;
}

nlohmann::json roleNames(const std::vector<Role>& roles) {
    nlohmann::json names = nlohmann::json::array();
    for (Role role : roles)
        names.push_back(toString(role));
    return names;
}

void checkPassword(const std::string& name, const std::string& password) {
    if (password.size() < AccountRepository::kMinPasswordLength)
        throw core::ValidationError(
            "password", "(" + std::to_string(password.size()) + " characters)",
            "at least " + std::to_string(AccountRepository::kMinPasswordLength) + " characters");
    if (password == name)
        throw core::ValidationError("password", "(the account's name)",
                                    "a password other than the account's name");
}

void checkRoles(const std::vector<Role>& roles) {
    if (roles.empty())
        throw core::ValidationError("role", "(none)",
                                    "at least one of administrator, physician, nurse, reader, researcher "
                                    "(to take every right away, disable the account)");
}

}  // namespace

std::vector<Role> sessionRoles(sql::Connection& db) {
    const bool owner = db.execAndGet(
                             "SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class "
                             "WHERE oid = 'ankylos_database'::regclass), 'MEMBER')")
                           .getInt() != 0;
    if (owner)
        return allRoles();
    return rolesFrom(
        db.execAndGet("SELECT coalesce(string_agg(substr(rolname, 9), ','), '') FROM pg_roles "
                      "WHERE rolname LIKE 'ankylos\\_%' AND pg_has_role(session_user, oid, 'MEMBER')")
            .getString());
}

AccountRepository::AccountRepository(Database& db) : m_db(db) {
    if (!db.onServer())
        throw IncompatibleDatabase(db.file().string() +
                                   " is a database file, which has no accounts or roles: whoever can open "
                                   "the file can change it. Accounts and roles need a server database.");
    if (!db.hasRole(Role::Administrator))
        throw NotPermitted("the account " + db.user() + " (" + toString(db.roles()) +
                           ") may not manage accounts: only an administrator may.");
}

std::vector<Account> AccountRepository::list() {
    sql::Statement query(
        sql::connectionOf(m_db),
        "SELECT name, enabled, array_to_string(roles, ',') FROM ankylos_account ORDER BY name");
    std::vector<Account> accounts;
    while (query.executeStep())
        accounts.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt() != 0,
                            rolesFrom(query.getColumn(2).getString())});
    return accounts;
}

Account AccountRepository::require(const std::string& name) {
    const auto accounts = list();
    const auto found =
        std::find_if(accounts.begin(), accounts.end(), [&](const Account& a) { return a.name == name; });
    if (found == accounts.end()) {
        std::vector<std::string> names;
        for (const Account& account : accounts)
            names.push_back(account.name);
        throw core::ValidationError("account", name,
                                    names.empty() ? "an Ankylos account (there are none yet)"
                                                  : "an Ankylos account: " + core::joinNames(names));
    }
    return *found;
}

void AccountRepository::add(const std::string& name, const std::string& password,
                            const std::vector<Role>& roles) {
    // The server's own rule (0006_roles.sql), checked first so the message names the field.
    static const std::regex allowed("[a-z][a-z0-9_.-]{0,62}");
    if (!std::regex_match(name, allowed) || name.rfind("ankylos_", 0) == 0 || name.rfind("pg_", 0) == 0)
        throw core::ValidationError("account", name,
                                    "a lower-case letter followed by up to 62 lower-case letters, digits, "
                                    "\"_\", \".\" or \"-\" (not beginning with ankylos_ or pg_)");
    checkRoles(roles);
    checkPassword(name, password);
    auto& server = static_cast<sql::PostgresConnection&>(sql::connectionOf(m_db));
    Transaction transaction(m_db);
    sql::Statement exists(server, "SELECT count(*) FROM pg_roles WHERE rolname = ?");
    exists.bind(1, name);
    exists.executeStep();
    if (exists.getColumn(0).getInt() != 0)
        throw core::ValidationError("account", name, "a name the server has no account of yet");
    sql::Statement addAccount(server, "SELECT ankylos_add_account(?, ?, ?::text[])");
    addAccount.bind(1, name);
    addAccount.bind(2, server.scramVerifier(name, password));
    addAccount.bind(3, roleArray(roles));
    addAccount.executeStep();
    appendAudit(m_db, m_db.user(),
                {"account",
                 std::nullopt,
                 AuditAction::Insert,
                 nullptr,
                 {{"account", name}, {"enabled", true}, {"roles", roleNames(roles)}},
                 ""});
    transaction.commit();
}

void AccountRepository::setRoles(const std::string& name, const std::vector<Role>& roles,
                                 const std::string& reason) {
    checkRoles(roles);
    const Account before = require(name);
    Transaction transaction(m_db);
    sql::Statement change(sql::connectionOf(m_db), "SELECT ankylos_change_roles(?, ?::text[])");
    change.bind(1, name);
    change.bind(2, roleArray(roles));
    change.executeStep();
    appendAudit(m_db, m_db.user(),
                {"account",
                 std::nullopt,
                 AuditAction::Update,
                 {{"account", name}, {"roles", roleNames(before.roles)}},
                 {{"account", name}, {"roles", roleNames(roles)}},
                 reason});
    transaction.commit();
}

void AccountRepository::setEnabled(const std::string& name, bool enabled, const std::string& reason) {
    const Account before = require(name);
    Transaction transaction(m_db);
    sql::Statement change(sql::connectionOf(m_db), "SELECT ankylos_enable_account(?, ?::boolean)");
    change.bind(1, name);
    change.bind(2, std::string(enabled ? "true" : "false"));
    change.executeStep();
    appendAudit(m_db, m_db.user(),
                {"account",
                 std::nullopt,
                 AuditAction::Update,
                 {{"account", name}, {"enabled", before.enabled}},
                 {{"account", name}, {"enabled", enabled}},
                 reason});
    transaction.commit();
}

void AccountRepository::setPassword(const std::string& name, const std::string& password,
                                    const std::string& reason) {
    checkPassword(name, password);
    require(name);
    auto& server = static_cast<sql::PostgresConnection&>(sql::connectionOf(m_db));
    Transaction transaction(m_db);
    sql::Statement change(server, "SELECT ankylos_set_password(?, ?)");
    change.bind(1, name);
    change.bind(2, server.scramVerifier(name, password));
    change.executeStep();
    // The trail says that it changed, never what to.
    appendAudit(m_db, m_db.user(),
                {"account",
                 std::nullopt,
                 AuditAction::Update,
                 {{"account", name}},
                 {{"account", name}, {"password", "changed"}},
                 reason});
    transaction.commit();
}

}  // namespace ankylos::storage
