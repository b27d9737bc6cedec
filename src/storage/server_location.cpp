#include "storage/server_location.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ankylos::storage {

namespace {

constexpr const char* kSchemes[] = {"postgresql://", "postgres://"};

/// The length of text's postgresql:// or postgres:// prefix, 0 when it has none.
std::size_t schemeLength(const std::string& text) {
    for (const char* scheme : kSchemes)
        if (text.rfind(scheme, 0) == 0)
            return std::char_traits<char>::length(scheme);
    return 0;
}

/// RFC 3986: everything but the unreserved characters is written as %XX.
std::string percentEncoded(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            out += escaped;
        }
    }
    return out;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percentDecoded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
            hexValue(text[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// The value of key in a query string "a=1&b=2", or empty.
std::string queryValue(const std::string& query, const std::string& key) {
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string pair = query.substr(start, end - start);
        if (pair.rfind(key + "=", 0) == 0)
            return percentDecoded(pair.substr(key.size() + 1));
        start = end + 1;
    }
    return {};
}

/// Host and port of "host:port", "[::1]:port" or "host" into location.
void readHostAndPort(const std::string& hostPort, ServerLocation& location) {
    std::string host = hostPort;
    std::string port;
    if (!host.empty() && host.front() == '[') {  // an IPv6 literal keeps its colons
        const std::size_t close = host.find(']');
        port = close != std::string::npos && close + 1 < host.size() && host[close + 1] == ':'
                   ? host.substr(close + 2)
                   : std::string();
        host = host.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    } else if (const std::size_t colon = host.rfind(':'); colon != std::string::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (!host.empty())
        location.host = percentDecoded(host);
    if (!port.empty() && port.find_first_not_of("0123456789") == std::string::npos && port.size() <= 5)
        location.port = std::stoi(port);
}

}  // namespace

std::string toUri(const ServerLocation& location) {
    std::string uri = "postgresql://";
    if (!location.user.empty())
        uri += percentEncoded(location.user) + "@";
    const bool ipv6 = location.host.find(':') != std::string::npos;
    uri += ipv6 ? "[" + location.host + "]" : percentEncoded(location.host);
    uri += ":" + std::to_string(location.port) + "/" + percentEncoded(location.database);
    if (!location.sslMode.empty() && location.sslMode != kSslPrefer)
        uri += "?sslmode=" + percentEncoded(location.sslMode);
    return uri;
}

bool isServerLocation(const std::string& location) {
    return schemeLength(location) != 0;
}

std::optional<ServerLocation> parseServerLocation(const std::string& text) {
    const std::size_t start = schemeLength(text);
    if (start == 0)
        return std::nullopt;
    ServerLocation location;
    const std::size_t queryStart = std::min(text.find('?', start), text.size());
    const std::size_t pathStart = std::min(text.find('/', start), queryStart);
    std::string authority = text.substr(start, pathStart - start);
    if (const std::size_t at = authority.rfind('@'); at != std::string::npos) {
        const std::string userInfo = authority.substr(0, at);
        location.user = percentDecoded(userInfo.substr(0, userInfo.find(':')));  // never the password
        authority = authority.substr(at + 1);
    }
    readHostAndPort(authority, location);
    if (pathStart < queryStart)
        location.database = percentDecoded(text.substr(pathStart + 1, queryStart - pathStart - 1));
    if (queryStart < text.size())
        location.sslMode = queryValue(text.substr(queryStart + 1), "sslmode");
    return location;
}

}  // namespace ankylos::storage
