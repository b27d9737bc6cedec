#pragma once
/// Opening an Ankylos database, a file or a database on a PostgreSQL server: create, migrate, or
/// refuse. The storage layer never asks the user anything; it returns or throws (errors.h).

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/patient.h"
#include "storage/audit_key.h"
#include "storage/errors.h"
#include "storage/role.h"

namespace ankylos::storage {

class Database;

namespace sql {
class Connection;
class SqliteConnection;
Connection& connectionOf(Database& database);
}  // namespace sql

/// PRAGMA application_id of every Ankylos database: "ANKY" in ASCII.
constexpr int kApplicationId = 0x414E4B59;

/// The schema version this build writes: the number of compiled-in migrations.
int currentSchemaVersion();

/// How a database is opened.
enum class Open {
    ReadWrite,  ///< an existing database, for reading and writing (read-only when it cannot be written)
    ReadOnly,   ///< an existing database, never written (check, export, report)
    CreateNew,  ///< a new database: the file must not exist or be empty (`init`, the app's New)
};

/// Called now and then during the check before the first write; return false to stop it.
using CheckProgress = std::function<bool()>;

class Database {
public:
    /// Opens file. Throws IncompatibleDatabase, leaving every byte untouched, when there is no file
    /// (unless CreateNew), it is a folder, an empty file, not a database, another application's
    /// database, written by a newer Ankylos, or an older one that cannot be upgraded (damaged,
    /// read-only). An older schema is first copied to a dated backup next to the file, then migrated
    /// in one transaction. A damaged or read-only file, or one whose audit key is missing, opens
    /// read-only: readOnlyReason() says why, and every write throws ReadOnlyDatabase with it.
    /// user: who is recorded in the audit trail; empty means the operating-system account name.
    ///
    /// A location of the form postgresql://user@host:port/dbname (or postgres://) is a database on a
    /// PostgreSQL server instead (see isServerLocation); its password comes from PGPASSWORD,
    /// ~/.pgpass or the caller's prompt (password), never from the location itself.
    /// serverPassword: for a server that asks for one when PGPASSWORD and ~/.pgpass have none
    /// (PasswordRequired says so; the caller asks the user and opens again). Never stored.
    explicit Database(const std::filesystem::path& file, const std::string& user = "",
                      Open mode = Open::ReadWrite, const std::string& serverPassword = "");

    /// What a new database holds from its start besides the schema: a copy of another database
    /// (database_copy.h).
    struct Seed {
        AuditKey key;                         ///< the audit trail's key, instead of a new one
        std::function<void(Database&)> fill;  ///< writes the rows, in the transaction that writes them all
    };
    /// Creates a new database as Open::CreateNew does, filled by seed.fill: on a server in the one
    /// transaction that also makes the schema; a new file is removed again with its key when fill throws.
    Database(const std::filesystem::path& file, const std::string& user, const Seed& seed,
             const std::string& serverPassword = "");

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The database file, or for a server database its location without any password.
    const std::filesystem::path& file() const { return m_file; }
    /// A database on a PostgreSQL server rather than a file.
    bool onServer() const { return m_onServer; }
    /// Who is recorded in the audit trail: on a server the account it authenticated (session_user),
    /// whatever the caller named; on a file the caller's name or the operating-system account.
    const std::string& user() const { return m_user; }
    /// What the signed-in account may do (storage/accounts.h): on a server its roles, which the server
    /// enforces; on a file every role, since a file cannot enforce any.
    const std::vector<Role>& roles() const { return m_roles; }
    bool hasRole(Role role) const;
    /// The backup written before a migration, when this open migrated the file.
    const std::optional<std::filesystem::path>& migrationBackup() const { return m_migrationBackup; }

    /// Why this database cannot be written, for the user; empty when it can (as far as known before
    /// the check that precedes the first write).
    std::string readOnlyReason() const;

    /// The checks before the first write of a session, whatever the file's size: SQLite's full
    /// integrity check on a connection of its own (so another thread may run it while this one
    /// reads), skipped when the file is unchanged since such a check passed (checked_state.h), and
    /// the audit key against the last audit row. Runs once; later calls return at once.
    /// A damaged file becomes read-only. Returns readOnlyReason(), or nullopt when progress stopped
    /// the check (then nothing is decided and the next write checks again).
    std::optional<std::string> checkBeforeWriting(const CheckProgress& progress = {});

    /// Throws ReadOnlyDatabase unless this database may be written, running checkBeforeWriting()
    /// first when it has not run. Every write transaction calls it.
    void requireWritable();

    /// The audit trail's key; throws ReadOnlyDatabase when the database has none.
    const AuditKey& auditKey() const;
    const AuditKey* auditKeyIfAny() const { return m_auditKey ? &*m_auditKey : nullptr; }
    /// A row was appended to the audit trail in the open transaction: its commit updates the chain
    /// head. head is that row (the next append in the same transaction chains to it without reading
    /// it back), or nullopt when it is not known (a copy of a whole trail).
    void noteAuditAppended(const std::optional<ChainHead>& head = std::nullopt) {
        m_auditAppended = true;
        m_auditHead = head;
    }
    /// The last audit row this transaction wrote (its writer lock keeps others from appending);
    /// nullopt when it wrote none yet or part of it was rolled back, and the trail must be read.
    const std::optional<ChainHead>& auditHeadWritten() const { return m_auditHead; }
    /// A transaction begins, or a savepoint was rolled back (rows appended since may be gone).
    void forgetAuditHead() { m_auditHead.reset(); }
    /// The outermost transaction ended: after a commit, records the chain head outside the file.
    void transactionEnded(bool committed);

    /// Now, UTC, ISO 8601 with seconds, as a write records it (audit rows, signatures, a record's
    /// times): on a server the server's clock, the start of the open transaction (read once per
    /// transaction), which no workstation's clock can move and the server checks; on a file the
    /// computer's clock (utcTimestamp()).
    std::string now();

    /// Copies the whole database to dest with SQLite's online backup (safe while others write), with
    /// its audit key and chain head beside it (dest.key, dest.head), all three renamed into place at
    /// the end (files::OutputFileSet, mode 0600), so a failure (a full disk) leaves nothing. Throws
    /// ValidationError for a dest that exists or is the database itself, StorageError on failure.
    /// A server database is copied into a new Ankylos file with copyDatabase (database_copy.h), from one
    /// snapshot; StorageError when the copy's counts or check disagree.
    void backupTo(const std::filesystem::path& dest);

private:
    /// Storage's repositories reach the connection through sql::connectionOf; nothing else can.
    friend sql::Connection& sql::connectionOf(Database& database);
    /// Listens on a connection of its own to the same server, with the same password.
    friend class ChangeFeed;

    Database(const std::filesystem::path& file, const std::string& user, Open mode,
             const std::string& serverPassword, const Seed* seed);

    /// Open::CreateNew: the file (mode 0600), its key, the schema, seed's rows; nothing left behind on
    /// failure.
    void create(const Seed* seed);
    void openConnection(Open mode, int version, bool trailFromCopy = false);
    /// The server's counterparts (server_database.cpp).
    void openServer(Open mode, const std::string& password, const Seed* seed);
    void createOnServer(const Seed* seed);
    /// The account the server authenticated and its roles become user() and roles().
    void signedIn();

    std::filesystem::path m_file;
    std::string m_user;
    std::vector<Role> m_roles = allRoles();
    bool m_onServer = false;
    std::string m_serverPassword;  ///< in memory only, for the connections of the checks
    std::unique_ptr<sql::Connection> m_db;
    std::optional<std::filesystem::path> m_migrationBackup;
    std::optional<AuditKey> m_auditKey;
    bool m_auditAppended = false;
    std::optional<ChainHead> m_auditHead;                ///< see auditHeadWritten()
    std::optional<std::string> m_serverTransactionTime;  ///< see now()
    /// Guards the two below: the app runs checkBeforeWriting() on a worker thread.
    mutable std::mutex m_checkMutex;
    bool m_checked = false;
    std::string m_readOnlyReason;
    /// The file passed the checks before writing: closing it records its state (checked_state.h).
    bool m_foundSound = false;
};

/// The operating-system account name, or "unknown".
std::string operatingSystemUser();

/// Today's local date, for "not in the future" checks.
core::Date localToday();

/// Now, UTC, ISO 8601 with seconds: "2026-11-22T21:59:58Z".
std::string utcTimestamp();

}  // namespace ankylos::storage
