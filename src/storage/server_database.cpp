// Opening a database on a PostgreSQL server: the counterpart of database.cpp's file handling. A
// server database says it is Ankylos's, and which schema version it has, in its table
// ankylos_database, which also keeps the audit trail's key (a server has many workstations, so the
// key cannot live in a file beside it).
#include <string>

#include "storage/accounts.h"
#include "storage/audit.h"
#include "storage/audit_migration.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/schema.h"
#include "storage/server_database.h"
#include "storage/sql/postgres_connection.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

constexpr int kBusyTimeoutMs = 5000;  // as for a file

constexpr const char* kIdentityTable =
    "CREATE TABLE ankylos_database (\n"
    "    application    text NOT NULL CHECK (application = 'Ankylos'),\n"
    "    schema_version integer NOT NULL,\n"
    "    audit_key      text NOT NULL\n"
    ")";

std::string refusal(const std::string& location, const std::string& why) {
    return "Ankylos cannot open " + location + ": " + why + " Nothing has been changed.";
}

/// The user-info part of a URI ("user:secret@" in postgresql://user:secret@host/db), when it has one.
bool hasPassword(const std::string& uri) {
    const auto scheme = uri.find("://");
    const auto at = uri.find('@', scheme);
    if (scheme == std::string::npos || at == std::string::npos)
        return false;
    const std::string userInfo = uri.substr(scheme + 3, at - scheme - 3);
    return userInfo.find(':') != std::string::npos;
}

/// What an IT person can act on, where libpq says only "SSL error: certificate verify failed".
std::string certificateRefusal(const std::string& location, const sql::CertificateNotVerified& e) {
    const std::string root = e.rootCertificate().empty()
                                 ? "~/.postgresql/root.crt (the location names no sslrootcert)"
                                 : e.rootCertificate() + " (sslrootcert)";
    return "Ankylos cannot connect to " + location +
           ": the server's certificate could not be verified against the root certificate " + root +
           ". Ask the server's administrator for the certificate of the authority that signed the "
           "server's certificate and name that file in sslrootcert (" +
           e.what() + ").";
}

std::unique_ptr<sql::PostgresConnection> connect(const std::string& location, const std::string& password) {
    if (hasPassword(location))
        throw IncompatibleDatabase(refusal(
            location.substr(0, location.find("://") + 3) + "...",
            "the location holds a password. Give the password in the PGPASSWORD environment variable or "
            "in ~/.pgpass (mode 0600), never in the location, which is shown and remembered."));
    try {
        return std::make_unique<sql::PostgresConnection>(location, kBusyTimeoutMs, password);
    } catch (const sql::WrongPassword& e) {
        throw WrongPassword("Ankylos cannot connect to " + location +
                            ": the server did not accept the password (" + e.what() + ").");
    } catch (const sql::AccountDisabled& e) {
        throw IncompatibleDatabase("Ankylos cannot connect to " + location +
                                   ": the account is disabled. An administrator can enable it again "
                                   "(ankylos-cli user enable).");
    } catch (const sql::PasswordRequired& e) {
        throw PasswordRequired("Ankylos cannot connect to " + location +
                               ": the server asks for a password. " +
                               "Give it when asked, or in PGPASSWORD or ~/.pgpass (mode 0600).");
    } catch (const sql::CertificateNotVerified& e) {
        throw IncompatibleDatabase(certificateRefusal(location, e));
    } catch (const sql::Error& e) {
        throw IncompatibleDatabase("Ankylos cannot connect to " + location + ": " + e.what());
    }
}

/// Whether the database holds anything in its schema: a database of another program.
bool holdsTables(sql::Connection& db) {
    return db.execAndGet(
                 "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
               .getInt() > 0;
}

/// A database whose encoding is not UTF-8 would refuse Chinese names and the unit µg/L.
void refuseOtherEncodings(sql::Connection& db, const std::string& location) {
    const std::string encoding =
        db.execAndGet(
              "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
            .getString();
    if (encoding != "UTF8")
        throw IncompatibleDatabase(refusal(location, "its encoding is " + encoding +
                                                         "; Ankylos needs UTF8 (createdb --encoding=UTF8 "
                                                         "--template=template0)."));
}

bool isAnkylos(sql::Connection& db) {
    return db.execAndGet("SELECT to_regclass('ankylos_database') IS NOT NULL").getInt() != 0;
}

}  // namespace

void Database::openServer(Open mode, const std::string& password, const Seed* seed) {
    m_onServer = true;
    const std::string location = m_file.string();
    m_db = connect(location, password);
    m_serverPassword = password;  // for the check before writing, on a connection of its own
    try {
        refuseOtherEncodings(*m_db, location);
        if (mode == Open::CreateNew) {
            createOnServer(seed);
            return;
        }
        if (!isAnkylos(*m_db))
            throw IncompatibleDatabase(
                refusal(location, holdsTables(*m_db)
                                      ? "it is not an Ankylos database (it holds another program's tables)."
                                      : "it is empty. `ankylos-cli init " + location +
                                            "` makes a new Ankylos database in it."));
        const int version = storedSchemaVersion(*m_db);
        if (version > currentSchemaVersion())
            throw IncompatibleDatabase(refusal(
                location, "it was written by a newer version of Ankylos (database version " +
                              std::to_string(version) + ", this program reads up to " +
                              std::to_string(currentSchemaVersion()) + "); install the newer Ankylos."));
        m_auditKey = AuditKey::parse(m_db->execAndGet("SELECT audit_key FROM ankylos_database").getString(),
                                     "the audit key of " + location);
        if (mode == Open::ReadOnly)
            m_readOnlyReason = "it was opened for reading only.";
        if (version < currentSchemaVersion()) {
            if (mode == Open::ReadOnly)
                throw IncompatibleDatabase(refusal(
                    location,
                    "it was written by an older Ankylos (database version " + std::to_string(version) +
                        ") and must be upgraded with `ankylos-cli upgrade " + location + "` first."));
            migrate(*this);
        }
        signedIn();
    } catch (const sql::Error& e) {
        throw StorageError("opening " + location, "database", e.what());
    }
}

void Database::createOnServer(const Seed* seed) {
    const std::string location = m_file.string();
    if (isAnkylos(*m_db) || holdsTables(*m_db))
        throw IncompatibleDatabase("Ankylos cannot create a new database in " + location +
                                   ": the database is not empty. Create an empty one (createdb) or choose "
                                   "another.");
    m_auditKey = seed ? seed->key : AuditKey::generate();
    m_checked = true;  // nothing written yet to check
    // The identity row, the schema and seed's rows in one transaction: an interrupted init or copy leaves
    // an empty database.
    Transaction transaction(*this);
    m_db->exec(kIdentityTable);
    sql::Statement identity(*m_db,
                            "INSERT INTO ankylos_database (application, schema_version, audit_key) VALUES "
                            "('Ankylos', 0, ?)");
    std::string key = m_auditKey->text();
    key.pop_back();  // its newline
    identity.bind(1, key);
    identity.exec();
    migrate(*this, seed != nullptr);
    signedIn();
    if (seed)
        seed->fill(*this);
    transaction.commit();
}

void Database::signedIn() {
    m_user = m_db->execAndGet("SELECT session_user").getString();
    m_roles = sessionRoles(*m_db);
}

std::optional<std::string> checkServerForWriting(const std::filesystem::path& location,
                                                 const std::string& password, const AuditKey* key) {
    sql::PostgresConnection db(location.string(), kBusyTimeoutMs, password);
    // A researcher reads no audit row (only the chain's MACs, to append an export's): the trail is
    // checked by those who may read it. Only a keyed trail (version 3 on) has MACs to check; the
    // migration about to run keys an older one.
    const bool mayReadTrail =
        db.execAndGet("SELECT has_table_privilege('audit_log', 'SELECT')").getInt() != 0;
    const bool keyed = storedSchemaVersion(db) >= kKeyedAuditSchemaVersion;
    if (key && mayReadTrail && keyed && !lastAuditRowMatches(db, *key))
        return "its audit key does not match its audit trail (the last audit row's MAC). Run `ankylos-cli "
               "check " +
               location.string() + "`.";
    return std::string();
}

}  // namespace ankylos::storage
