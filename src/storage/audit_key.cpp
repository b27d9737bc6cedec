#include "storage/audit_key.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/errors.h"
#include "storage/private_file.h"

namespace ankylos::storage {

namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
    static const char kHex[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0xF];
    }
    return text;
}

std::string headContent(const ChainHead& head) {
    return "ankylos-chain-head\x1f" + std::to_string(head.rows) + "\x1f" + head.mac;
}

}  // namespace

std::filesystem::path auditKeyPath(const std::filesystem::path& database) {
    return database.string() + ".key";
}

std::filesystem::path chainHeadPath(const std::filesystem::path& database) {
    return database.string() + ".head";
}

AuditKey AuditKey::generate() {
    AuditKey key;
    if (RAND_bytes(key.m_bytes.data(), static_cast<int>(key.m_bytes.size())) != 1)
        throw StorageError("creating an audit key: no random numbers available");
    return key;
}

AuditKey AuditKey::create(const std::filesystem::path& file) {
    const AuditKey key = generate();
    createPrivateFile(file, key.text());
    return key;
}

std::optional<AuditKey> AuditKey::load(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error))
        return std::nullopt;
    std::ifstream in(file);
    std::string text;
    if (!in || !std::getline(in, text))
        throw StorageError("reading the audit key " + file.string() + ": the file cannot be read");
    return parse(text, "the audit key " + file.string());
}

AuditKey AuditKey::parse(const std::string& text, const std::string& source) {
    AuditKey key;
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    bool valid = text.size() == 2 * key.m_bytes.size();
    for (std::size_t i = 0; valid && i < key.m_bytes.size(); ++i) {
        const int high = nibble(text[2 * i]);
        const int low = nibble(text[2 * i + 1]);
        valid = high >= 0 && low >= 0;
        key.m_bytes[i] = static_cast<unsigned char>(high * 16 + low);
    }
    if (!valid)
        throw StorageError("reading " + source + ": it is not an Ankylos key (64 hexadecimal digits)");
    return key;
}

std::string sha256Hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw StorageError("computing a SHA-256");
    return hex(digest, length);
}

std::string AuditKey::mac(const std::string& data) const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), m_bytes.data(), static_cast<int>(m_bytes.size()),
              reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length))
        throw StorageError("computing the audit trail's HMAC-SHA-256");
    return hex(digest, length);
}

std::string AuditKey::text() const {
    return hex(m_bytes.data(), m_bytes.size()) + "\n";
}

std::optional<StoredChainHead> readChainHead(const std::filesystem::path& file, const AuditKey& key) {
    std::error_code error;
    if (!std::filesystem::exists(file, error))
        return std::nullopt;
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    StoredChainHead stored;
    try {
        const nlohmann::json json = nlohmann::json::parse(text.str());
        stored.head.rows = json.at("rows").get<std::int64_t>();
        stored.head.mac = json.at("mac").get<std::string>();
        const std::string expected = key.mac(headContent(stored.head));
        const std::string found = json.at("head_mac").get<std::string>();
        stored.authentic = found.size() == expected.size() &&
                           CRYPTO_memcmp(found.data(), expected.data(), expected.size()) == 0;
    } catch (const nlohmann::json::exception&) {
        stored.authentic = false;
    }
    return stored;
}

std::string chainHeadText(const AuditKey& key, const ChainHead& head) {
    const nlohmann::ordered_json json = {
        {"rows", head.rows}, {"mac", head.mac}, {"head_mac", key.mac(headContent(head))}};
    return json.dump() + "\n";
}

void writeChainHead(const std::filesystem::path& file, const AuditKey& key, const ChainHead& head) {
    replaceFilePrivately(file, chainHeadText(key, head));
}

}  // namespace ankylos::storage
