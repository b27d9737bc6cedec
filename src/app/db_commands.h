#pragma once
/// `ankylos-cli` commands that work on a database file: init, demo, import, progression, check,
/// backup (export has its own file, export_command.h). Refused files and bad input exit 2; `check`
/// exits 1 when it finds a problem.

#include <string>

namespace CLI {
class App;
}

namespace ankylos::storage {
struct CheckReport;
}

namespace ankylos::app {

/// Exit status of a command that ran to its end (0, or 1 when `check` found a problem).
int& commandExitCode();

void addDatabaseCommands(CLI::App& app);

/// What `check` prints of location: "ok (...)", or each problem on a line (exit status 1).
void printCheckReport(const std::string& location, const storage::CheckReport& report);

}  // namespace ankylos::app
