#pragma once
/// `ankylos-cli` commands that work on a database file: init, demo, import, progression, check,
/// backup (export has its own file, export_command.h). Refused files and bad input exit 2; `check`
/// exits 1 when it finds a problem.

namespace CLI {
class App;
}

namespace ankylos::app {

/// Exit status of a command that ran to its end (0, or 1 when `check` found a problem).
int& commandExitCode();

void addDatabaseCommands(CLI::App& app);

}  // namespace ankylos::app
