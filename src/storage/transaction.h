#pragma once
/// A write transaction that nests: the outermost one is BEGIN IMMEDIATE (it takes the write lock at
/// once, so two writers queue on the busy timeout instead of deadlocking), inner ones are
/// savepoints. Rolls back unless committed, so an exception leaves nothing half-written.

#include <string>

namespace ankylos::storage {

class Database;

/// What a transaction writes: the record, or only an audit row about reading it (an export), the one
/// write a researcher makes.
enum class Writes { Record, AuditRowOnly };

class Transaction {
public:
    /// Throws ReadOnlyDatabase when db may not be written (Database::requireWritable), NotPermitted
    /// when the signed-in account may not change the record (a researcher) and writes says it would.
    explicit Transaction(Database& db, Writes writes = Writes::Record);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& m_db;
    std::string m_savepoint;     ///< empty for the outermost transaction
    bool m_inBulkWrite = false;  ///< nested in a bulk write (Connection::setBulkWrite): no savepoint
    bool m_done = false;
};

}  // namespace ankylos::storage
