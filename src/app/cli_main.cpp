// ankylos-cli: the command line of Ankylos. Exit status: 0 success, 1 `check` found a problem, 2 bad
// input or a refused file (the message on stderr names the file or field, the value and what is
// allowed), 3 an internal error.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/calc_command.h"
#include "app/db_commands.h"
#include "app/export_command.h"
#include "app/image_command.h"
#include "app/migrate_command.h"
#include "app/report_command.h"
#include "app/session_command.h"
#include "app/settings_command.h"
#include "app/user_command.h"
#include "core/validation.h"

int main(int argc, char** argv) {
    // Every file Ankylos creates holds patient data: owner only (0600), whatever the user's umask.
    // The writers set that mode themselves (files::OutputFile, storage); this is defence in depth
    // for anything written by a library (SQLite's -wal/-shm files, ReadStat, cairo).
    ::umask(077);
    CLI::App app{
        "Ankylos command line: clinical calculators and clinic database tools for axial spondyloarthritis.",
        "ankylos-cli"};
    app.set_version_flag("--version", std::string("ankylos-cli ") + ANKYLOS_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'ankylos-cli COMMAND --help' for a command's options and examples.");
    ankylos::app::addCalcCommand(app);
    ankylos::app::addDatabaseCommands(app);
    ankylos::app::addExportCommand(app);
    ankylos::app::addImageCommand(app);
    ankylos::app::addMigrateCommand(app);
    ankylos::app::addReportCommand(app);
    ankylos::app::addSessionCommands(app);
    ankylos::app::addUserCommand(app);
    ankylos::app::addSettingsCommand(app);

    try {
        app.parse(argc, argv);
        return ankylos::app::commandExitCode();
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        std::cerr << "ankylos-cli: " << e.what() << "\nRun with --help for the allowed options.\n";
        return 2;
    } catch (const ankylos::InternalError& e) {
        std::cerr << "ankylos-cli: internal error: " << e.what() << "\n";
        return 3;
    } catch (const ankylos::Error& e) {
        // Bad input, a refused or busy database: the message is meant for the user.
        std::cerr << "ankylos-cli: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "ankylos-cli: internal error: " << e.what() << "\n";
        return 3;
    }
}
