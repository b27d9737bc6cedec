#pragma once
/// What Database needs of server_database.cpp beyond its own members.

#include <filesystem>
#include <optional>
#include <string>

namespace ankylos::storage {

class AuditKey;

/// The check before the first write to a server database, on a connection of its own (another
/// thread may run it): the audit key against the last audit row. Returns why the database may not
/// be written, or "" when it may. (The server keeps its own pages consistent; there is no file to
/// check.)
std::optional<std::string> checkServerForWriting(const std::filesystem::path& location,
                                                 const std::string& password, const AuditKey* key);

}  // namespace ankylos::storage
