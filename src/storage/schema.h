#pragma once
/// The schema's version and its migrations, on either engine: SQLite keeps the version in the file's
/// header (PRAGMA user_version, with PRAGMA application_id "ANKY" saying whose file it is); a server
/// database keeps both in its table ankylos_database, which also holds the audit key.

#include <cstddef>
#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

class Database;

/// A table of the current schema and the columns of its primary key.
struct SchemaTable {
    std::string name;
    std::string key;  ///< "id" for the tables whose rows are numbered; else the key's columns
    /// Rows a copy reads and writes at a time (database_copy.h): few for a table of files, so that a
    /// copy never holds more than a few images in memory.
    std::size_t copyPageRows = 2000;
};

/// Every table of the current schema, alike on both engines, parents before children: the order in
/// which rows are inserted without breaking a foreign key. A migration that adds a table adds it here:
/// a copy of a database (database_copy.h) refuses a table this list does not name, so none is skipped.
const std::vector<SchemaTable>& schemaTables();

/// The schema version the database records (0 for a new, empty one).
int storedSchemaVersion(sql::Connection& db);
/// Records version, and that the database is Ankylos's.
void recordSchemaVersion(sql::Connection& db, int version);

/// Brings the schema to the current version in one transaction. The version is read again inside it:
/// another program may have migrated the database since we looked; the second then finds nothing to
/// do. A new database's audit trail starts with its baseline row, unless trailFromCopy: then it stays
/// empty for the rows a copy of another database brings (Database::Seed).
void migrate(Database& database, bool trailFromCopy = false);

}  // namespace ankylos::storage
