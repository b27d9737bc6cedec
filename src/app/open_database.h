#pragma once
/// How every `ankylos-cli` command opens its DB: a database file, or a database on a PostgreSQL
/// server (a postgresql:// URI). The server's password comes from PGPASSWORD or ~/.pgpass; when the
/// server asks for one and neither has it, a terminal is asked once (without echo), and a script
/// gets storage::PasswordRequired's message saying where to put it (exit 2, like any refused DB).

#include <functional>
#include <memory>
#include <string>

#include "storage/database.h"

namespace ankylos::app {

/// The help of every command's DB argument.
inline constexpr const char* kDatabaseHelp =
    "The database: a file, or a database on a PostgreSQL server, postgresql://user@host:port/dbname "
    "(its password from PGPASSWORD, ~/.pgpass or a prompt, never in the URI)";

/// Runs connect(password) with no password, and once more with one asked on the terminal when the
/// server at location wants one that PGPASSWORD and ~/.pgpass do not hold (storage::PasswordRequired).
void withServerPassword(const std::string& location, const std::function<void(const std::string&)>& connect);

/// A new password for account: asked twice on the terminal (without echo), or a script's first line
/// of stdin. Throws core::ValidationError when the two differ or none was given.
std::string readNewPassword(const std::string& account);

/// Opens location for a command (storage::Database), asking for the server's password on the
/// terminal when the server wants one that PGPASSWORD and ~/.pgpass do not hold.
std::unique_ptr<storage::Database> openDatabase(const std::string& location, const std::string& user,
                                                storage::Open mode);

}  // namespace ankylos::app
