#include "storage/transaction.h"

#include <sqlite3.h>

#include <atomic>

#include "storage/database.h"
#include "storage/errors.h"

namespace ankylos::storage {

namespace {

/// Savepoint names need only be unique per connection; atomic because each thread may have its own.
std::atomic<int> g_savepointCounter{0};

}  // namespace

Transaction::Transaction(Database& db) : m_db(db) {
    SQLite::Database& sql = db.sql();
    const bool outermost = sqlite3_get_autocommit(sql.getHandle()) != 0;
    if (outermost)
        db.requireWritable();  // no write lands in a damaged, read-only or keyless file
    try {
        if (outermost) {
            sql.exec("BEGIN IMMEDIATE");
        } else {
            m_savepoint = "ankylos_" + std::to_string(++g_savepointCounter);
            sql.exec("SAVEPOINT " + m_savepoint);
        }
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy(
                "the database is busy: another program is writing to it; try again in a moment");
        throw StorageError("starting a transaction", "database", e.what());
    }
}

Transaction::~Transaction() {
    if (m_done)
        return;
    try {
        if (m_savepoint.empty()) {
            m_db.sql().exec("ROLLBACK");
            m_db.transactionEnded(false);
        } else {
            m_db.sql().exec("ROLLBACK TO " + m_savepoint);
            m_db.sql().exec("RELEASE " + m_savepoint);
        }
    } catch (const SQLite::Exception&) {
        // A destructor must not throw; SQLite has already rolled back when ROLLBACK itself fails.
    }
}

void Transaction::commit() {
    try {
        m_db.sql().exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
        m_done = true;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy("the database is busy: another program is reading it; try again in a moment");
        throw StorageError("committing", "database", e.what());
    }
    if (m_savepoint.empty())
        m_db.transactionEnded(true);  // records the audit chain head outside the file
}

}  // namespace ankylos::storage
