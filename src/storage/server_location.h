#pragma once
/// The location of a database on a PostgreSQL server, as a postgresql:// URI
/// (postgresql://user@host:port/dbname?sslmode=...), built from its parts and read back into them:
/// the app's Connect dialog builds it, and the app and the command line read it to name the database
/// to the user ("dbname on host") and to say whose password they ask for. Never holds a password: the
/// password comes from PGPASSWORD, ~/.pgpass or a prompt, and a location is shown and remembered.

#include <optional>
#include <string>

namespace ankylos::storage {

/// SSL modes offered to the user (libpq's sslmode); an empty one leaves libpq's default, prefer.
inline constexpr const char* kSslPrefer = "prefer";
inline constexpr const char* kSslRequire = "require";
inline constexpr const char* kSslVerifyFull = "verify-full";

struct ServerLocation {
    std::string host = "localhost";
    int port = 5432;
    std::string database;
    std::string user;     ///< empty: the operating-system account (libpq's default)
    std::string sslMode;  ///< empty or "prefer": libpq's default
};

/// Whether location names a database on a PostgreSQL server (postgresql:// or postgres://) rather
/// than a file. A malformed URI is still a server location: libpq's message then says what is wrong.
bool isServerLocation(const std::string& location);

/// postgresql://user@host:port/database, with ?sslmode=... unless it is prefer. The user, host and
/// database are percent-encoded where a URI needs it.
std::string toUri(const ServerLocation& location);

/// The parts of a postgresql:// or postgres:// URI (percent-decoded), or nothing when text is not
/// one (a file name). A missing host is "localhost", a missing port 5432; a password in the URI is
/// dropped.
std::optional<ServerLocation> parseServerLocation(const std::string& text);

}  // namespace ankylos::storage
