#pragma once
/// What other workstations changed in the database since we last looked, so the patient list and an
/// open record can refresh when someone else saves. On a server, the database announces each committed
/// audit row (db/migrations/postgresql/0005_change_notification.sql: NOTIFY at commit, so never for a
/// save that rolled back); the feed listens on a connection of its own and leaves out what this
/// client's own connection saved, which its windows already show.

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace ankylos::storage {

class Database;

namespace sql {
class PostgresConnection;
class PostgresListener;
}  // namespace sql

/// Changes other clients committed since the last ChangeFeed::poll().
struct Changes {
    /// Patients whose record changed: added, edited or deleted, or a visit, film or reading of theirs.
    std::set<std::int64_t> patients;
    /// Changes that name no patient (an import, a migration), or that may have been missed while the
    /// feed was not connected: any patient may have changed.
    bool anyPatient = false;

    bool empty() const { return patients.empty() && !anyPatient; }
    /// The patient list shows a summary of every patient, so any change to a patient may change it.
    bool patientListChanged() const { return !empty(); }
    bool touches(std::int64_t patientId) const { return anyPatient || patients.count(patientId) > 0; }
    /// Adds more to these (changes kept while they could not be shown).
    void add(const Changes& more);
};

class ChangeFeed {
public:
    /// The channel the server announces changes on (the migration's pg_notify).
    static constexpr const char* kChannel = "ankylos_change";
    /// How long the feed waits after losing its connection before it connects again.
    static constexpr std::chrono::milliseconds kRetryInterval{5000};

    /// Listens to db's server on a connection of its own, waiting up to a few seconds for the LISTEN to
    /// take effect, so a change committed after this returns is not missed. When that fails the feed
    /// does not throw: problem() says why and poll() tries again every retryInterval. db must outlive
    /// the feed.
    ///
    /// For a SQLite file the feed is always empty: Ankylos supports one writer on a file (a single
    /// workstation; a file on a network share is not safe for several), so no other client's change
    /// can appear.
    explicit ChangeFeed(Database& db, std::chrono::milliseconds retryInterval = kRetryInterval);
    ~ChangeFeed();
    ChangeFeed(const ChangeFeed&) = delete;
    ChangeFeed& operator=(const ChangeFeed&) = delete;

    /// Whether the feed can report anything at all (a server database).
    bool active() const { return m_onServer; }
    /// The changes other clients committed since the last call; never waits (a window's timer calls it).
    /// A lost connection is not an exception: problem() says so, and a new connection is tried every
    /// retry interval; once it listens again, anyPatient is set (what happened meanwhile is unknown).
    Changes poll();
    /// Why other clients' changes are not arriving now, for a status line; empty while the feed
    /// listens, and always for a file.
    const std::string& problem() const { return m_problem; }
    /// Waits up to ms milliseconds for something to arrive, for callers that may block (tests).
    void wait(int ms) const;

private:
    void connect();
    void lost(const std::string& why);
    void receive(Changes& changes);

    bool m_onServer = false;
    std::string m_location;
    std::string m_password;                          ///< the database's, in memory only, for connecting again
    const sql::PostgresConnection* m_own = nullptr;  ///< the database's own connection
    std::unique_ptr<sql::PostgresListener> m_listener;
    bool m_missed = false;  ///< the listener was not listening for a while: changes may have gone unseen
    std::chrono::milliseconds m_retryInterval;
    std::chrono::steady_clock::time_point m_retryAt;
    std::string m_problem;
};

}  // namespace ankylos::storage
