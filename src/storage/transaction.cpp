#include "storage/transaction.h"

#include <atomic>

#include "storage/database.h"
#include "storage/errors.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

namespace {

/// Savepoint names need only be unique per connection; atomic because each thread may have its own.
std::atomic<int> g_savepointCounter{0};

}  // namespace

Transaction::Transaction(Database& db, Writes writes) : m_db(db) {
    sql::Connection& connection = sql::connectionOf(db);
    const bool outermost = !connection.inTransaction();
    if (outermost)
        db.requireWritable();  // no write lands in a damaged, read-only or keyless file
    if (writes == Writes::Record && db.roles() == std::vector<Role>{Role::Researcher})
        throw NotPermitted("the account " + db.user() +
                           " (researcher) may not change the record: a researcher reads the de-identified "
                           "record and exports it. Nothing was changed.");
    try {
        if (outermost) {
            db.forgetAuditHead();
            connection.begin();
        } else if (connection.bulkWrite()) {
            // A bulk write is all or nothing: a part of it is never undone alone, and a server would
            // pay for each savepoint (thousands in one transaction slow every later one down).
            m_inBulkWrite = true;
        } else {
            m_savepoint = "ankylos_" + std::to_string(++g_savepointCounter);
            connection.exec("SAVEPOINT " + m_savepoint);
        }
    } catch (const sql::Error& e) {
        if (e.kind() == sql::ErrorKind::Busy)
            throw DatabaseBusy(
                "the database is busy: another program is writing to it; try again in a moment");
        throw StorageError("starting a transaction", "database", e.what());
    }
}

Transaction::~Transaction() {
    if (m_done || m_inBulkWrite)
        return;
    try {
        if (m_savepoint.empty()) {
            sql::connectionOf(m_db).rollback();
            m_db.transactionEnded(false);
        } else {
            m_db.forgetAuditHead();
            sql::connectionOf(m_db).exec("ROLLBACK TO " + m_savepoint);
            sql::connectionOf(m_db).exec("RELEASE " + m_savepoint);
        }
    } catch (const sql::Error&) {
        // A destructor must not throw; the engine has already rolled back when ROLLBACK itself fails.
    }
}

void Transaction::commit() {
    try {
        // Nested in a bulk write there is nothing of its own to end: the bulk write's transaction
        // commits it.
        if (!m_inBulkWrite && m_savepoint.empty())
            sql::connectionOf(m_db).commit();
        else if (!m_inBulkWrite)
            sql::connectionOf(m_db).exec("RELEASE " + m_savepoint);
        m_done = true;
    } catch (const sql::Error& e) {
        if (e.kind() == sql::ErrorKind::Busy)
            throw DatabaseBusy("the database is busy: another program is reading it; try again in a moment");
        throw StorageError("committing", "database", e.what());
    }
    if (m_savepoint.empty() && !m_inBulkWrite)
        m_db.transactionEnded(true);  // records the audit chain head outside the file
}

}  // namespace ankylos::storage
