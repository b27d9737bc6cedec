#pragma once
/// The schema migrations of db/migrations (SQLite) and db/migrations/postgresql, compiled into the
/// binary (db/embed_migrations.cmake).

#include <string>
#include <vector>

#include "storage/sql/connection.h"

namespace ankylos::storage {

struct Migration {
    int version;       ///< 1 for 0001_initial.sql; the database's schema version after applying it
    std::string name;  ///< file name
    std::string sql;   ///< in the dialect of its engine
};

/// Every migration of engine's sequence in version order, without gaps. The two sequences have the same
/// versions and names (the build fails otherwise), and after each version the two schemas are equivalent.
const std::vector<Migration>& migrations(sql::Engine engine);

}  // namespace ankylos::storage
