#pragma once
/// The statement layer every query of storage is written against, whatever the engine: a connection,
/// prepared statements with positional (?, ?N) or named (:name) parameters, and the columns of the
/// current row. Each engine implements Connection and StatementImpl (sqlite_connection.h).
///
/// Internal to storage: code outside src/storage reaches a database only through repositories and
/// readers (tests/structure checks the include graph), so an engine is added in one place.

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "storage/errors.h"

namespace ankylos::storage {
class Database;
}

namespace ankylos::storage::sql {

enum class Engine { Sqlite, Postgresql };

/// What went wrong, as far as callers decide anything by it.
enum class ErrorKind {
    Busy,          ///< another connection holds the lock longer than the busy timeout
    Interrupted,   ///< a progress callback stopped the statement
    ReadOnly,      ///< the database may not be written (file permissions, a read-only connection)
    CantOpen,      ///< the database cannot be opened at all
    Constraint,    ///< a CHECK, UNIQUE, NOT NULL or foreign key constraint refused the row
    NotPermitted,  ///< the server's roles do not allow the signed-in account this (never on a file)
    Other,
};

/// An engine's error, with its message. Storage turns the ones it expects (a constraint, a busy
/// database) into messages naming the field or what to do; the rest (a connection lost in the middle
/// of a save) reach the user as they are, as any StorageError, and the save they stopped is rolled back.
class Error : public StorageError {
public:
    Error(ErrorKind kind, const std::string& message) : StorageError(message), m_kind(kind) {}
    ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

enum class ColumnType { Null, Integer, Float, Text, Blob };

/// One engine's prepared statement. Parameter and column indices: parameters from 1, columns from 0.
class StatementImpl {
public:
    virtual ~StatementImpl() = default;
    /// The index of a named parameter (":name"); throws Error when the statement has none of that name.
    virtual int parameterIndex(const std::string& name) = 0;
    virtual void bindNull(int index) = 0;
    virtual void bindInteger(int index, std::int64_t value) = 0;
    virtual void bindFloat(int index, double value) = 0;
    virtual void bindText(int index, const std::string& value) = 0;
    /// Bytes (a BLOB, a bytea), read back with columnText.
    virtual void bindBlob(int index, const std::string& bytes) = 0;
    /// Runs the statement the first time, then moves to the next row; false when there is none.
    virtual bool step() = 0;
    /// Ready to run again with the same bindings.
    virtual void reset() = 0;
    virtual void clearBindings() = 0;
    /// Runs a statement whose rows and count nobody reads; an engine may send it with the next one
    /// (Connection::setBulkWrite).
    virtual void runDeferred() {
        while (step()) {
        }
    }
    /// Rows the last completed INSERT, UPDATE or DELETE changed.
    virtual int changes() = 0;
    virtual int columnCount() = 0;
    virtual std::string columnName(int column) = 0;
    virtual ColumnType columnType(int column) = 0;
    virtual std::int64_t columnInteger(int column) = 0;
    virtual double columnFloat(int column) = 0;
    virtual std::string columnText(int column) = 0;
};

/// A column of a statement's current row; valid until the statement steps again.
class Column {
public:
    Column(std::shared_ptr<StatementImpl> statement, int index)
        : m_statement(std::move(statement)), m_index(index) {}
    ColumnType type() const { return m_statement->columnType(m_index); }
    bool isNull() const { return type() == ColumnType::Null; }
    bool isInteger() const { return type() == ColumnType::Integer; }
    bool isFloat() const { return type() == ColumnType::Float; }
    int getInt() const { return static_cast<int>(m_statement->columnInteger(m_index)); }
    std::int64_t getInt64() const { return m_statement->columnInteger(m_index); }
    double getDouble() const { return m_statement->columnFloat(m_index); }
    /// The text of the value ("" for NULL).
    std::string getString() const { return m_statement->columnText(m_index); }
    std::string getName() const { return m_statement->columnName(m_index); }

private:
    std::shared_ptr<StatementImpl> m_statement;  ///< shared so execAndGet's column outlives its statement
    int m_index;
};

class Connection;

/// A prepared statement: bind, then executeStep() row by row, or exec() a statement without rows.
class Statement {
public:
    Statement(Connection& connection, const std::string& sql);

    void bind(int index) { m_impl->bindNull(index); }  ///< NULL
    void bind(int index, int value) { m_impl->bindInteger(index, value); }
    void bind(int index, long value) { m_impl->bindInteger(index, value); }
    void bind(int index, long long value) { m_impl->bindInteger(index, value); }
    /// As SQLite stores them, on every engine: NaN as NULL, -0.0 as 0 (so both engines read back,
    /// and export, the same value).
    void bind(int index, double value) {
        if (std::isnan(value))
            m_impl->bindNull(index);
        else
            m_impl->bindFloat(index, value == 0 ? 0.0 : value);
    }
    void bind(int index, const std::string& value) { m_impl->bindText(index, value); }
    void bind(int index, const char* value) { m_impl->bindText(index, value); }
    /// Bytes, as a BLOB (SQLite) or bytea (PostgreSQL); getString reads them back.
    void bindBlob(int index, const std::string& bytes) { m_impl->bindBlob(index, bytes); }
    template <typename T>
    void bind(const std::string& name, const T& value) {
        bind(m_impl->parameterIndex(name), value);
    }
    void bind(const std::string& name) { bind(m_impl->parameterIndex(name)); }
    int parameterIndex(const std::string& name) { return m_impl->parameterIndex(name); }

    /// Runs the statement (the first call) or moves to its next row; false when there are no more.
    bool executeStep();
    /// Runs a statement that returns no rows to its end; returns the rows it changed.
    int exec();
    /// Runs an INSERT ... RETURNING id of one row and gives that id: no second statement (a round trip
    /// to a server) to ask for it.
    std::int64_t execReturningId();
    /// Runs a statement without rows whose count nobody reads (an INSERT of a row's details, an audit
    /// row). During a bulk write (Connection::setBulkWrite) it may travel with the next
    /// statement, and its error is then reported by that statement.
    void execDeferred();
    bool hasRow() const { return m_hasRow; }

    Column getColumn(int index) const { return Column(m_impl, index); }
    int getColumnCount() const { return m_impl->columnCount(); }

    void reset();
    /// reset() for destructors: never throws.
    void tryReset() noexcept;
    void clearBindings() { m_impl->clearBindings(); }

private:
    Connection& m_connection;
    std::shared_ptr<StatementImpl> m_impl;
    bool m_started = false;
    bool m_hasRow = false;
};

/// A cached statement lent out for one use: reset and unbound when the lease ends, so it never
/// holds a read snapshot open or carries old bindings into the next use.
class StatementLease {
public:
    explicit StatementLease(Statement& statement) : m_statement(statement) {}
    ~StatementLease() {
        m_statement.tryReset();  // the error, if any, was reported by the step that failed
        m_statement.clearBindings();
    }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    Statement& operator*() { return m_statement; }

private:
    Statement& m_statement;
};

/// One connection to a database; used by one thread at a time.
class Connection {
public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;
    virtual std::shared_ptr<StatementImpl> prepare(const std::string& sql) = 0;
    /// Runs one or more statements without parameters (a migration, PRAGMA, SAVEPOINT).
    virtual void exec(const std::string& script) = 0;
    /// A bulk write (an import, the demo: all of it or nothing) turns it on for its duration. Then
    /// statements run with Statement::execDeferred are sent without waiting for their results, which
    /// a server checks when the next statement that returns something runs (one round trip for many),
    /// and transactions nested in it take no savepoint (Transaction). Off again, what was sent is
    /// still checked by the next statement. SQLite runs every statement at once either way.
    virtual void setBulkWrite(bool on) { m_bulkWrite = on; }
    bool bulkWrite() const { return m_bulkWrite; }
    /// Starts the outermost write transaction, taking the write lock at once where the engine has one.
    virtual void begin() = 0;
    /// Ends what begin() started.
    virtual void commit() { exec("COMMIT"); }
    /// Ends what begin() started without keeping it; may throw when the connection broke (the
    /// engine has then rolled back by itself).
    virtual void rollback() { exec("ROLLBACK"); }
    /// Inside BEGIN ... COMMIT/ROLLBACK.
    virtual bool inTransaction() const = 0;
    /// The id the last INSERT on this connection gave its row.
    virtual std::int64_t lastInsertId() = 0;

    /// The first column of the first row of sql (NULL when there is no row).
    Column execAndGet(const std::string& sql);
    /// The statement for sql, prepared once per connection: preparing dominates a large import
    /// (the CHECK constraints are long). For statements used once at a time, never nested.
    StatementLease cached(const std::string& sql);
    /// How many statements have run on this connection (each run, not each row): a round trip to
    /// a server each, so tests keep it from growing with the data.
    std::uint64_t statementsRun() const { return m_statementsRun; }

protected:
    /// Engines call it in their destructor: statements are finalized before the connection closes.
    void forgetStatements() { m_statements.clear(); }

private:
    friend class Statement;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;
    std::uint64_t m_statementsRun = 0;
    bool m_bulkWrite = false;
};

/// The connection of a database. Storage's repositories and readers only: everything outside
/// storage goes through them.
Connection& connectionOf(Database& database);

}  // namespace ankylos::storage::sql
