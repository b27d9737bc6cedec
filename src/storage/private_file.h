#pragma once
/// Files only their owner may read (mode 0600 whatever the umask): the database's audit key and
/// chain head, backups. Clinical data never lands in a file others can read.

#include <filesystem>
#include <string>

namespace ankylos::storage {

/// Creates file, which must not exist, holding content, flushed to disk. Throws StorageError naming
/// the file; a failed write leaves no file.
void createPrivateFile(const std::filesystem::path& file, const std::string& content);

/// Writes content to a temporary file beside file and renames it over file (files::OutputFile): a
/// crash or a full disk leaves either the old file or the new one, never a part.
void replaceFilePrivately(const std::filesystem::path& file, const std::string& content);

/// Writes content into temporary, a file files::OutputFile made (mode 0600), checking every byte
/// landed. Throws StorageError naming target.
void writeContent(const std::filesystem::path& temporary, const std::filesystem::path& target,
                  const std::string& content);

}  // namespace ankylos::storage
