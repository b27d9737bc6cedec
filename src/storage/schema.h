#pragma once
/// The schema's version and its migrations, on either engine: SQLite keeps the version in the file's
/// header (PRAGMA user_version, with PRAGMA application_id "ANKY" saying whose file it is); a server
/// database keeps both in its table ankylos_database, which also holds the audit key.

#include <vector>

#include "storage/migrations.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

class Database;

/// The schema version the database records (0 for a new, empty one).
int storedSchemaVersion(sql::Connection& db);
/// Records version, and that the database is Ankylos's.
void recordSchemaVersion(sql::Connection& db, int version);

/// Brings the schema to the current version in one transaction. The version is read again inside it:
/// another program may have migrated the database since we looked; the second then finds nothing to
/// do.
void migrate(Database& database);

}  // namespace ankylos::storage
