#pragma once
/// `ankylos-cli migrate SOURCE DEST`: a whole clinic copied into a new database of either engine (a
/// file to a PostgreSQL server database and back, storage/database_copy.h), then counted and checked.
/// Exit 0 when the copy is whole and checks clean, 1 when a count or the check disagrees, 2 for a
/// refused source or destination (nothing written).

#include <string>

namespace CLI {
class App;
}

namespace ankylos::storage {
struct CopyReport;
}

namespace ankylos::app {

void addMigrateCommand(CLI::App& app);

/// The rows of each table in the source and the copy at dest, then the copy's check (`check`'s
/// output); a disagreement sets the exit status 1. `backup` of a server database prints it too.
void printCopyReport(const std::string& dest, const storage::CopyReport& report);

}  // namespace ankylos::app
