#pragma once
/// Copying a whole clinic from one Ankylos database into a new one, on either engine: a file to a
/// server database (`ankylos-cli migrate`), a server database back to a file (`migrate`, and `backup`
/// of a server database). Every row of every table (schemaTables(), ids kept), the audit trail
/// verbatim under the same key, so the copy's trail verifies as the source's did.
///
/// The source is read in one snapshot (a read transaction; REPEATABLE READ on a server), so saves
/// made meanwhile by other workstations are either all in the copy or none. The destination is
/// written in one transaction: a failure leaves a server database empty and no file behind.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/record_check.h"

namespace ankylos::storage {

class Database;

/// How many rows one table has in the source (in the snapshot copied) and in the copy.
struct TableCount {
    std::string table;
    std::int64_t source = 0;
    std::int64_t copy = 0;
};

struct CopyReport {
    std::vector<TableCount> tables;  ///< every table, in schemaTables() order
    CheckReport check;               ///< checkDatabase() of the copy, as `ankylos-cli check` runs it
};

/// Copies source into a new database at dest: a file that does not exist yet (written with its audit
/// key dest.key and chain head dest.head beside it), or an existing, empty database on a server (a
/// postgresql:// location; destPassword as for Database). Then counts the copy's rows and checks it.
/// Throws ValidationError when dest is the source or an existing file, IncompatibleDatabase when the
/// server database is not empty or cannot be reached, the source has no audit key or holds a table
/// Ankylos does not know; StorageError when a write fails. Nothing is left at dest when it throws.
CopyReport copyDatabase(Database& source, const std::filesystem::path& dest,
                        const std::string& destPassword = "");

/// What the copy got wrong, for the user: tables whose counts differ, then the check's problems. Empty
/// when the copy is whole and checks clean.
std::vector<std::string> copyProblems(const CopyReport& report);

}  // namespace ankylos::storage
