#pragma once
/// Files only their owner may read (mode 0600 whatever the umask): the database's audit key and
/// chain head, backups. Clinical data never lands in a file others can read.

#include <filesystem>
#include <string>

namespace ankylos::storage {

/// Creates file, which must not exist, holding content, flushed to disk. Throws StorageError naming
/// the file; a failed write leaves no file.
void createPrivateFile(const std::filesystem::path& file, const std::string& content);

/// Writes content to a new file beside file, then renames it over file: a crash or a full disk leaves
/// either the old file or the new one, never a part.
void replaceFilePrivately(const std::filesystem::path& file, const std::string& content);

}  // namespace ankylos::storage
