#pragma once
/// The schema migrations of db/migrations, compiled into the binary (db/embed_migrations.cmake).

#include <string>
#include <vector>

namespace ankylos::storage {

struct Migration {
    int version;       ///< 1 for 0001_initial.sql; the database's user_version after applying it
    std::string name;  ///< file name
    std::string sql;
};

/// Every migration in version order, without gaps.
const std::vector<Migration>& migrations();

}  // namespace ankylos::storage
