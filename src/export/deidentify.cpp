#include "export/deidentify.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <fstream>
#include <iterator>

#include "core/error.h"
#include "core/validation.h"
#include "storage/private_file.h"

namespace ankylos::exports {

namespace {

const char* const kHowToMakeAKey =
    "a file of at least 16 random bytes, kept away from the export; make one with "
    "`head -c 32 /dev/urandom > project.key`";

/// Crockford's base32 alphabet: no I, L, O, U, so IDs read back over the phone unambiguously.
std::string base32(const std::vector<unsigned char>& bytes, std::size_t characters) {
    static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string text;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5 && text.size() < characters) {
            text += kAlphabet[(buffer >> (bits - 5)) & 0x1F];
            bits -= 5;
        }
        if (text.size() == characters)
            break;
    }
    return text;
}

}  // namespace

void createProjectKeyFile(const std::filesystem::path& file, bool replace) {
    std::error_code error;
    if (!replace && std::filesystem::exists(file, error))
        throw core::ValidationError("project key file", file.string(),
                                    "a new file (an existing key is replaced only when asked)");
    std::string bytes(kNewKeyBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size())) != 1)
        throw InternalError("no random bytes for a project key (OpenSSL RAND_bytes failed)");
    if (replace)
        storage::replaceFilePrivately(file, bytes);
    else
        storage::createPrivateFile(file, bytes);
}

ProjectKey::ProjectKey(std::string bytes) : m_key(std::move(bytes)) {
    if (m_key.size() < kMinKeyBytes)
        throw core::ValidationError("--key-file", std::to_string(m_key.size()) + " bytes", kHowToMakeAKey);
}

ProjectKey ProjectKey::fromFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw core::ValidationError("--key-file", file.string() + " (cannot be read)", kHowToMakeAKey);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < kMinKeyBytes)
        throw core::ValidationError(
            "--key-file", file.string() + " (" + std::to_string(bytes.size()) + " bytes)", kHowToMakeAKey);
    return ProjectKey(std::move(bytes));
}

std::vector<unsigned char> ProjectKey::hmac(const std::string& message) const {
    std::vector<unsigned char> digest(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), m_key.data(), static_cast<int>(m_key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length))
        throw InternalError("HMAC-SHA-256 failed (OpenSSL)");
    digest.resize(length);
    return digest;
}

std::string ProjectKey::studyId(const std::string& clinicPatientId) const {
    return "S-" + base32(hmac("study-id:" + clinicPatientId), 12);
}

int ProjectKey::dateShiftDays(const std::string& clinicPatientId) const {
    const std::vector<unsigned char> digest = hmac("date-shift:" + clinicPatientId);
    const std::uint32_t value = (std::uint32_t(digest[0]) << 24) | (std::uint32_t(digest[1]) << 16) |
                                (std::uint32_t(digest[2]) << 8) | std::uint32_t(digest[3]);
    // 360 offsets: -180..-1 and 1..180. The modulo bias (2^32 mod 360) is below 1e-7.
    const int index = static_cast<int>(value % (2 * kMaxDateShiftDays));
    return index < kMaxDateShiftDays ? index - kMaxDateShiftDays : index - kMaxDateShiftDays + 1;
}

std::string ProjectKey::readerPseudonym(const std::string& readerName) const {
    return "R-" + base32(hmac("reader:" + readerName), 6);
}

std::string ProjectKey::fingerprint() const {
    const std::vector<unsigned char> digest = hmac("fingerprint");
    static const char kHex[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < 8; ++i) {
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0xF];
    }
    return text;
}

}  // namespace ankylos::exports
