#include "app/migrate_command.h"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <memory>

#include "app/db_commands.h"
#include "app/open_database.h"
#include "storage/audit_key.h"
#include "storage/database_copy.h"
#include "storage/server_location.h"

namespace ankylos::app {

namespace {

struct MigrateArgs {
    std::string source;
    std::string dest;
    std::string user;
};

void runMigrate(const MigrateArgs& args) {
    const std::unique_ptr<storage::Database> source =
        openDatabase(args.source, args.user, storage::Open::ReadOnly);
    storage::CopyReport report;
    withServerPassword(args.dest, [&](const std::string& password) {
        report = storage::copyDatabase(*source, args.dest, password);
    });
    std::cout << "Copied " << args.source << " to " << args.dest << ".\n";
    printCopyReport(args.dest, report);
    if (storage::isServerLocation(args.dest))
        std::cout << "Its audit key is kept in the database itself, for every workstation.\n";
    else
        std::cout << "Its audit key is " << storage::auditKeyPath(args.dest).string()
                  << ": keep it with the database.\n";
}

}  // namespace

void printCopyReport(const std::string& dest, const storage::CopyReport& report) {
    std::cout << "  " << std::left << std::setw(18) << "table" << std::right << std::setw(10) << "source"
              << std::setw(10) << "copy" << '\n';
    bool countsAgree = true;
    for (const storage::TableCount& count : report.tables) {
        std::cout << "  " << std::left << std::setw(18) << count.table << std::right << std::setw(10)
                  << count.source << std::setw(10) << count.copy
                  << (count.copy == count.source ? "" : "  DIFFERS") << '\n';
        countsAgree = countsAgree && count.copy == count.source;
    }
    if (!countsAgree) {
        std::cout << dest << ": the copy's row counts differ from the source's (marked DIFFERS above)\n";
        commandExitCode() = 1;
    }
    printCheckReport(dest, report.check);
}

void addMigrateCommand(CLI::App& app) {
    auto args = std::make_shared<MigrateArgs>();
    CLI::App* command = app.add_subcommand(
        "migrate",
        "Copy a whole clinic into a new database: a file to an empty PostgreSQL database, or back "
        "(every row, the audit trail, settings), then count and check the copy");
    command->add_option("SOURCE", args->source, kDatabaseHelp)->required();
    command
        ->add_option("DEST", args->dest,
                     "The new database: a file that does not exist yet, or an empty database on a PostgreSQL "
                     "server (createdb), postgresql://user@host:port/dbname")
        ->required();
    command->add_option("--user", args->user, "Who opens the databases (default: the system account)");
    command->footer("Example: ankylos-cli migrate clinic.db postgresql://ankylos@db.clinic.example/ankylos");
    command->callback([args] { runMigrate(*args); });
}

}  // namespace ankylos::app
