#pragma once
/// De-identification of research exports: pseudonymous study IDs and per-patient date shifts, both
/// derived from a project key kept outside the export (HMAC-SHA-256), so the same patient keeps the
/// same study ID and shift across exports made with the same key, and nobody can reverse either
/// without the key.
///
/// Make a key once per project (createProjectKeyFile, the export dialog's "Create project key...", or
///   head -c 32 /dev/urandom > project.key) and keep it away from the exported files.

#include <filesystem>
#include <string>
#include <vector>

namespace ankylos::exports {

/// Fewer bytes than this is refused: a short key can be guessed by trying every value.
constexpr std::size_t kMinKeyBytes = 16;
/// Dates move by at most this many days, either way (never 0, so no date stays as recorded).
constexpr int kMaxDateShiftDays = 180;
/// Random bytes in a key made by createProjectKeyFile (256 bits, HMAC-SHA-256's block of security).
constexpr std::size_t kNewKeyBytes = 32;

/// Writes kNewKeyBytes random bytes (OpenSSL's RAND_bytes) to file, readable by its owner only (0600),
/// flushed to disk. An existing file is replaced only when replace is true (the user was asked: the
/// old key is then lost); otherwise throws core::ValidationError naming the file. Throws
/// StorageError when the file cannot be written (nothing is left behind).
void createProjectKeyFile(const std::filesystem::path& file, bool replace);

class ProjectKey {
public:
    /// Throws core::ValidationError (field "--key-file") when the key has fewer than kMinKeyBytes.
    explicit ProjectKey(std::string bytes);

    /// Reads the whole file as the key. Throws core::ValidationError naming the file when it is
    /// missing, unreadable or shorter than kMinKeyBytes, saying how to make one.
    static ProjectKey fromFile(const std::filesystem::path& file);

    /// "S-" and 12 characters of Crockford base32 (60 bits of HMAC-SHA-256(key, "study-id:" + id)).
    std::string studyId(const std::string& clinicPatientId) const;
    /// Per-patient offset in days, in [-180, -1] or [1, 180], from HMAC(key, "date-shift:" + id).
    int dateShiftDays(const std::string& clinicPatientId) const;
    /// "R-" and 6 base32 characters for a reader's name (readers are clinic staff: named only in
    /// identified exports, but kept distinguishable for inter-reader analysis).
    std::string readerPseudonym(const std::string& readerName) const;
    /// 16 hex characters identifying the key in manifests without revealing it.
    std::string fingerprint() const;

private:
    std::vector<unsigned char> hmac(const std::string& message) const;
    std::string m_key;
};

}  // namespace ankylos::exports
