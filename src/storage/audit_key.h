#pragma once
/// The audit trail's secret key and its chain head, both kept outside the database file.
///
/// Each audit row carries HMAC-SHA-256(key, row content, previous row's MAC). Whoever can write the
/// database file but does not hold the key can neither add a row nor rewrite one so that `check`
/// accepts it. The chain head (the last row's number and MAC, itself authenticated with the key)
/// lives in a second file, so that cutting rows off the end of the trail is found too.
///
/// Places: for clinic.db, the key is clinic.db.key and the head clinic.db.head, beside it, both
/// mode 0600. `backup` copies both beside the backup.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ankylos::storage {

std::filesystem::path auditKeyPath(const std::filesystem::path& database);   ///< clinic.db.key
std::filesystem::path chainHeadPath(const std::filesystem::path& database);  ///< clinic.db.head

class AuditKey {
public:
    /// A new random key.
    static AuditKey generate();
    /// A new random key written to file (mode 0600). Throws StorageError when file exists.
    static AuditKey create(const std::filesystem::path& file);
    /// The key in text (64 hex digits, as text() writes it, without the newline); source names where
    /// it came from in the error. Throws StorageError when it is not a key.
    static AuditKey parse(const std::string& text, const std::string& source);
    /// The key in file, or nullopt when there is no such file. Throws StorageError when it is
    /// unreadable or not a key.
    static std::optional<AuditKey> load(const std::filesystem::path& file);

    /// HMAC-SHA-256 of data, as 64 lowercase hex digits.
    std::string mac(const std::string& data) const;
    /// The key as its file holds it (64 hex digits and a newline): what a backup copies.
    std::string text() const;

private:
    std::array<unsigned char, 32> m_bytes{};
};

/// The newest audit row as recorded outside the file.
struct ChainHead {
    std::int64_t rows = 0;  ///< the last row's id (ids run 1, 2, ... without gaps)
    std::string mac;        ///< that row's MAC
};

/// What a chain-head file holds: nullopt when there is none; authentic false when its own MAC does
/// not match (the file was edited or belongs to another key).
struct StoredChainHead {
    ChainHead head;
    bool authentic = false;
};
std::optional<StoredChainHead> readChainHead(const std::filesystem::path& file, const AuditKey& key);

/// What a chain-head file holds: head, authenticated with key.
std::string chainHeadText(const AuditKey& key, const ChainHead& head);

/// Replaces file atomically (temporary file renamed over it, mode 0600).
void writeChainHead(const std::filesystem::path& file, const AuditKey& key, const ChainHead& head);

/// SHA-256 of data, as 64 lowercase hex digits: the legacy audit chain's hashes and an image's bytes.
std::string sha256Hex(const std::string& data);

}  // namespace ankylos::storage
