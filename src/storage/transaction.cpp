#include "storage/transaction.h"

#include <sqlite3.h>

#include <atomic>

#include "storage/errors.h"

namespace ankylos::storage {

namespace {

/// Savepoint names need only be unique per connection; atomic because each thread may have its own.
std::atomic<int> g_savepointCounter{0};

}  // namespace

Transaction::Transaction(SQLite::Database& db) : m_db(db) {
    try {
        if (sqlite3_get_autocommit(db.getHandle())) {
            m_db.exec("BEGIN IMMEDIATE");
        } else {
            m_savepoint = "ankylos_" + std::to_string(++g_savepointCounter);
            m_db.exec("SAVEPOINT " + m_savepoint);
        }
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy("the database is busy: another program is writing to it; try again in a moment");
        throw StorageError("starting a transaction", "database", e.what());
    }
}

Transaction::~Transaction() {
    if (m_done) return;
    try {
        if (m_savepoint.empty()) {
            m_db.exec("ROLLBACK");
        } else {
            m_db.exec("ROLLBACK TO " + m_savepoint);
            m_db.exec("RELEASE " + m_savepoint);
        }
    } catch (const SQLite::Exception&) {
        // A destructor must not throw; SQLite has already rolled back when ROLLBACK itself fails.
    }
}

void Transaction::commit() {
    try {
        m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
        m_done = true;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy("the database is busy: another program is reading it; try again in a moment");
        throw StorageError("committing", "database", e.what());
    }
}

}  // namespace ankylos::storage
