#include "app/user_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/open_database.h"
#include "storage/accounts.h"

namespace ankylos::app {

namespace {

struct UserArgs {
    std::string database;
    std::string account;
    std::vector<std::string> roles;
    std::string reason;
    bool json = false;
};

std::vector<storage::Role> parsedRoles(const std::vector<std::string>& names) {
    std::vector<storage::Role> roles;
    for (const std::string& name : names)
        roles.push_back(storage::parseRole(name));
    return roles;
}

void printAccounts(const std::vector<storage::Account>& accounts, bool json) {
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const storage::Account& account : accounts) {
            nlohmann::json roles = nlohmann::json::array();
            for (storage::Role role : account.roles)
                roles.push_back(storage::toString(role));
            list.push_back({{"account", account.name}, {"enabled", account.enabled}, {"roles", roles}});
        }
        std::cout << list.dump(2) << '\n';
        return;
    }
    for (const storage::Account& account : accounts)
        std::cout << account.name << "  " << storage::toString(account.roles)
                  << (account.enabled ? "" : "  (disabled)") << '\n';
}

/// Opens the database and runs change on its accounts.
void withAccounts(const UserArgs& args, const std::function<void(storage::AccountRepository&)>& change) {
    const std::unique_ptr<storage::Database> db = openDatabase(args.database, "", storage::Open::ReadWrite);
    storage::AccountRepository accounts(*db);
    change(accounts);
}

CLI::App* subcommand(CLI::App& user, const std::shared_ptr<UserArgs>& args, const std::string& name,
                     const std::string& description, bool takesAccount, bool takesReason) {
    CLI::App* command = user.add_subcommand(name, description);
    command->add_option("DB", args->database, kDatabaseHelp)->required();
    if (takesAccount)
        command->add_option("ACCOUNT", args->account, "The person's account name on the server")->required();
    if (takesReason)
        command->add_option("--reason", args->reason, "Why, for the audit trail")->required();
    return command;
}

}  // namespace

void addUserCommand(CLI::App& app) {
    auto args = std::make_shared<UserArgs>();
    CLI::App* user = app.add_subcommand(
        "user",
        "The accounts people sign in to a server database with, and their roles (an administrator's "
        "work; a database file has no accounts)");
    user->require_subcommand(1);
    user->footer(
        "Roles: administrator, physician, nurse, reader, researcher (docs/roles.md).\n"
        "Example: ankylos-cli user add postgresql://admin@db.clinic.example/ankylos li.na --role nurse");

    CLI::App* list = subcommand(*user, args, "list", "List the accounts with their roles", false, false);
    list->add_flag("--json", args->json, "Print JSON instead of text");
    list->callback(
        [args] { withAccounts(*args, [&](auto& accounts) { printAccounts(accounts.list(), args->json); }); });

    CLI::App* add = subcommand(*user, args, "add",
                               "Add an account; its password is asked twice (a script gives it as the "
                               "first line of standard input)",
                               true, false);
    add->add_option("--role", args->roles, "A role of the account (repeat for several)")->required();
    add->callback([args] {
        const auto roles = parsedRoles(args->roles);
        withAccounts(*args, [&](auto& accounts) {
            accounts.add(args->account, readNewPassword(args->account), roles);
            std::cout << "Added " << args->account << " (" << storage::toString(roles) << ").\n";
        });
    });

    CLI::App* role = subcommand(*user, args, "role", "Replace an account's roles", true, true);
    role->add_option("--role", args->roles, "A role of the account (repeat for several)")->required();
    role->callback([args] {
        const auto roles = parsedRoles(args->roles);
        withAccounts(*args, [&](auto& accounts) {
            accounts.setRoles(args->account, roles, args->reason);
            std::cout << args->account << " now holds: " << storage::toString(roles) << ".\n";
        });
    });

    for (const bool enable : {false, true}) {
        CLI::App* command =
            subcommand(*user, args, enable ? "enable" : "disable",
                       enable ? "Let a disabled account sign in again"
                              : "Stop an account signing in; the account and everything it did stay",
                       true, true);
        command->callback([args, enable] {
            withAccounts(*args, [&](auto& accounts) {
                accounts.setEnabled(args->account, enable, args->reason);
                std::cout << args->account
                          << (enable ? " may sign in again.\n" : " can no longer sign in.\n");
            });
        });
    }

    CLI::App* password = subcommand(*user, args, "password", "Set a new password for an account", true, true);
    password->callback([args] {
        withAccounts(*args, [&](auto& accounts) {
            accounts.setPassword(args->account, readNewPassword(args->account), args->reason);
            std::cout << "The password of " << args->account << " has been changed.\n";
        });
    });
}

}  // namespace ankylos::app
