#pragma once
/// The PostgreSQL engine of the statement layer (connection.h), over libpq: the one place in Ankylos
/// that includes it. libpq rather than libpqxx: this layer already has prepared statements, typed
/// columns and nested transactions (storage's Transaction); libpq gives exactly what it needs under
/// them (prepare, execute, text results, SQLSTATE) and libpqxx's own transaction objects would be a
/// second transaction model beside ours.
///
/// How it behaves where the engines differ:
/// - SQL keeps SQLite's parameters (?, ?N, :name); they become $1, $2 ... (postgres_parameters.h).
///   Values travel as text and the server infers each parameter's type from where it stands: an
///   integer compared with a bigint column, a double stored in a double precision column work. Where
///   nothing tells the type the statement is refused (`? IS NULL`, a number left unused as in ?1 and
///   ?3 only), except alone in the select list (`SELECT ?`: text). Next to an integer in arithmetic
///   (`? + 1`) a parameter is an integer, so a double bound to it is refused. A CAST says the type
///   and is the same SQL on SQLite: `CAST(? AS TEXT) IS NULL`, `CAST(? AS DOUBLE PRECISION) + 1`.
/// - A statement runs at its first step and fetches its whole result then: libpq has one query in
///   flight per connection and storage keeps several statements open at once (HistoryReader). Its
///   columns (count, names) are known from that first step on. A statement that runs a second time is
///   prepared on the server, so a cached statement is parsed and planned once.
/// - Column types come from the result's types: smallint, integer, bigint, oid -> Integer; boolean ->
///   Integer (1 or 0, as SQLite gives a comparison); real, double precision, numeric -> Float (so
///   `sum()` of a bigint column, a numeric, reads as Float); bytea -> Blob (its bytes); the rest Text.
/// - An error inside a transaction aborts the whole transaction on PostgreSQL (SQLite fails only the
///   statement): only ROLLBACK, or ROLLBACK TO a savepoint taken before, continues.
/// - SAVEPOINT needs a transaction (SQLite starts one by itself).
/// - A connection that broke (server stopped, network, terminated) reports CantOpen from then on; it
///   never reconnects by itself, so no transaction silently continues on a new session.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/connection.h"

namespace ankylos::storage::sql {

class PostgresSession;

/// The server wants a password and none came with the connection (PGPASSWORD, ~/.pgpass or the
/// password argument): the caller may ask the user and connect again.
class PasswordRequired : public Error {
public:
    explicit PasswordRequired(const std::string& message) : Error(ErrorKind::CantOpen, message) {}
};

/// The server did not accept the password given (by the caller, PGPASSWORD or ~/.pgpass): the caller
/// may ask the user again.
class WrongPassword : public Error {
public:
    explicit WrongPassword(const std::string& message) : Error(ErrorKind::CantOpen, message) {}
};

/// The account exists but may not sign in (NOLOGIN: an administrator disabled it).
class AccountDisabled : public Error {
public:
    explicit AccountDisabled(const std::string& message) : Error(ErrorKind::CantOpen, message) {}
};

/// The server's certificate could not be verified against the root certificate the client trusts
/// (sslmode verify-ca or verify-full): signed by another certificate authority, expired or damaged.
class CertificateNotVerified : public Error {
public:
    CertificateNotVerified(const std::string& message, std::string rootCertificate)
        : Error(ErrorKind::CantOpen, message), m_rootCertificate(std::move(rootCertificate)) {}
    /// The sslrootcert file; empty when the location named none (libpq then reads
    /// ~/.postgresql/root.crt).
    const std::string& rootCertificate() const { return m_rootCertificate; }

private:
    std::string m_rootCertificate;
};

class PostgresConnection : public Connection {
public:
    /// Connects to uri, a libpq connection string or URI (`postgresql://user@host:port/dbname?sslmode=
    /// verify-full`). The password comes from password when not empty, else from PGPASSWORD or
    /// ~/.pgpass as libpq finds it. A lock waited for longer than busyTimeoutMs is an Error of kind
    /// Busy. Throws Error (CantOpen) with libpq's message, which never carries the password.
    PostgresConnection(const std::string& uri, int busyTimeoutMs, const std::string& password = "");
    ~PostgresConnection() override;

    Engine engine() const override { return Engine::Postgresql; }
    std::shared_ptr<StatementImpl> prepare(const std::string& sql) override;
    /// Runs script, one or more statements, in one round trip.
    void exec(const std::string& script) override;
    /// During a bulk write, statements run deferred go into libpq's pipeline without waiting; the next
    /// statement run on its own travels with them and reads all their results (one round trip),
    /// reporting the first error; a script (exec) first reads them in a round trip of its own.
    void setBulkWrite(bool on) override;
    /// BEGIN (READ COMMITTED), then waits for Ankylos's writer lock (a transaction-scoped advisory
    /// lock), so writers take turns as with SQLite's BEGIN IMMEDIATE: the audit chain has one head
    /// at a time and a migration waits for another to finish. READ COMMITTED because each statement
    /// must see what the writer before committed, which a snapshot taken while waiting for the lock
    /// (REPEATABLE READ) would hide; readers are never blocked.
    ///
    /// A connection lost outside a transaction is made again by the next statement (prepared
    /// statements are prepared again as they run), so a save tried again once the network or the
    /// server is back goes through; one lost inside a transaction stays lost until commit() or
    /// rollback() ends it.
    void begin() override;
    void commit() override;
    void rollback() override;
    /// Between begin() and commit() or rollback(), even when the connection broke in between.
    bool inTransaction() const override;
    /// `SELECT lastval()`: the last value any sequence gave on this connection. A trigger that inserts
    /// into another table with a serial key moves it; `INSERT ... RETURNING id` does not depend on it.
    std::int64_t lastInsertId() override;
    /// The process id of this connection's server backend: a notification names the one that sent it.
    int backendPid() const;
    /// The server asked for the password when this connection was made (it does not trust the client).
    bool usedPassword() const;
    /// The SCRAM-SHA-256 verifier of account's password, made here so that the password itself never
    /// reaches the server (nor its log); CREATE ROLE ... PASSWORD takes the verifier.
    std::string scramVerifier(const std::string& account, const std::string& password);

private:
    std::shared_ptr<PostgresSession> m_session;  ///< shared with the statements, which may outlive us
};

/// A connection of its own that only listens on one notification channel (LISTEN/NOTIFY) and never
/// blocks its caller, which polls it from a window's timer: connecting, the LISTEN and reading
/// notifications each go as far as the socket allows at that moment (PQconnectPoll, PQconsumeInput).
/// Only resolving the server's host name may wait, as for any connection. A broken connection is not
/// mended: poll() throws and the caller starts a new listener when it wants to try again.
class PostgresListener {
public:
    struct Notification {
        int senderPid;  ///< the backend of the connection whose transaction sent it
        std::string payload;
    };

    /// Starts connecting to uri (as PostgresConnection, with TCP keepalives so a vanished server is
    /// noticed within about a minute) and, once connected, listening on channel (an identifier).
    /// Throws Error (CantOpen) when the connection cannot even start.
    PostgresListener(const std::string& uri, const std::string& password, const std::string& channel);
    ~PostgresListener();
    PostgresListener(const PostgresListener&) = delete;
    PostgresListener& operator=(const PostgresListener&) = delete;

    /// Advances connecting and listening as far as possible without waiting, and returns the
    /// notifications that arrived since the last call, in commit order. Throws Error (CantOpen) when the
    /// connection failed or broke; the listener is of no further use then.
    std::vector<Notification> poll();
    /// Whether the LISTEN is in effect: every notification committed from now on arrives.
    bool listening() const { return m_phase == Phase::Listening; }
    /// Waits up to ms milliseconds for the server to send something (or to accept what we send while
    /// connecting); returns at once when it already has. For callers that may block (tests, the first
    /// connection); call poll() after it.
    void wait(int ms) const;

private:
    enum class Phase { Connecting, Subscribing, Listening };
    void advanceConnecting();
    void readResults();

    std::unique_ptr<PostgresSession> m_session;
    std::string m_channel;
    Phase m_phase = Phase::Connecting;
    bool m_wantsWrite = true;  ///< while connecting: the socket must be writable (else readable) to go on
};

}  // namespace ankylos::storage::sql
