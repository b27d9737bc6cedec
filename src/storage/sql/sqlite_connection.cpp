#include "storage/sql/sqlite_connection.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace ankylos::storage::sql {

namespace {

ErrorKind kindOf(int code) {
    switch (code & 0xFF) {  // the primary code of an extended one
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return ErrorKind::Busy;
        case SQLITE_INTERRUPT:
            return ErrorKind::Interrupted;
        case SQLITE_READONLY:
            return ErrorKind::ReadOnly;
        case SQLITE_CANTOPEN:
            return ErrorKind::CantOpen;
        case SQLITE_CONSTRAINT:
            return ErrorKind::Constraint;
        default:
            return ErrorKind::Other;
    }
}

/// Runs f, turning SQLiteCpp's exceptions into the statement layer's.
template <typename F>
auto translated(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        throw Error(kindOf(e.getErrorCode()), e.what());
    }
}

class SqliteStatement : public StatementImpl {
public:
    SqliteStatement(SQLite::Database& db, const std::string& sql)
        : m_statement(translated([&] { return SQLite::Statement(db, sql); })) {}

    int parameterIndex(const std::string& name) override {
        const int index = m_statement.getIndex(name.c_str());
        if (index == 0)
            throw Error(ErrorKind::Other, "no parameter " + name + " in " + m_statement.getQuery());
        return index;
    }
    void bindNull(int index) override {
        translated([&] { m_statement.bind(index); });
    }
    void bindInteger(int index, std::int64_t value) override {
        translated([&] { m_statement.bind(index, static_cast<std::int64_t>(value)); });
    }
    void bindFloat(int index, double value) override {
        translated([&] { m_statement.bind(index, value); });
    }
    void bindText(int index, const std::string& value) override {
        translated([&] { m_statement.bind(index, value); });
    }
    void bindBlob(int index, const std::string& bytes) override {
        translated([&] { m_statement.bind(index, bytes.data(), static_cast<int>(bytes.size())); });
    }
    bool step() override {
        return translated([&] { return m_statement.executeStep(); });
    }
    void reset() override {
        translated([&] { m_statement.reset(); });
    }
    void clearBindings() override { m_statement.clearBindings(); }
    int changes() override { return m_statement.getChanges(); }
    int columnCount() override { return m_statement.getColumnCount(); }
    std::string columnName(int column) override {
        return translated([&] { return std::string(m_statement.getColumnName(column)); });
    }
    ColumnType columnType(int column) override {
        switch (translated([&] { return m_statement.getColumn(column).getType(); })) {
            case SQLITE_NULL:
                return ColumnType::Null;
            case SQLITE_INTEGER:
                return ColumnType::Integer;
            case SQLITE_FLOAT:
                return ColumnType::Float;
            case SQLITE_BLOB:
                return ColumnType::Blob;
            default:
                return ColumnType::Text;
        }
    }
    std::int64_t columnInteger(int column) override {
        return translated([&] { return m_statement.getColumn(column).getInt64(); });
    }
    double columnFloat(int column) override {
        return translated([&] { return m_statement.getColumn(column).getDouble(); });
    }
    std::string columnText(int column) override {
        return translated([&] { return m_statement.getColumn(column).getString(); });
    }

private:
    SQLite::Statement m_statement;
};

/// Every connection without SQLite's per-call mutex (its "multi-thread" mode): a connection is used by
/// one thread at a time (the desktop's background write check and export open their own), and the
/// mutex, taken at every column read, was a fifth of a whole-cohort summary's time.
int openFlags(SqliteConnection::Access access) {
    switch (access) {
        case SqliteConnection::Access::ReadWrite:
            return SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;
        case SqliteConnection::Access::ReadOnly:
            return SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;
        case SqliteConnection::Access::Immutable:
            return SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX;
    }
    return SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;
}

/// file: as an SQLite URI asking for immutable access, with the characters URIs reserve escaped.
std::string immutableUri(const std::filesystem::path& file) {
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(file).string()) {
        if (c == '%' || c == '?' || c == '#') {
            static const char kHex[] = "0123456789ABCDEF";
            uri += '%';
            uri += kHex[static_cast<unsigned char>(c) >> 4];
            uri += kHex[c & 0xF];
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

int progressCallback(void* keepGoing) {
    return (*static_cast<const std::function<bool()>*>(keepGoing))() ? 0 : 1;
}

}  // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& file, Access access, int busyTimeoutMs) {
    const std::string name = access == Access::Immutable ? immutableUri(file) : file.string();
    m_db = translated(
        [&] { return std::make_unique<SQLite::Database>(name, openFlags(access), busyTimeoutMs); });
}

SqliteConnection::~SqliteConnection() {
    forgetStatements();
}

std::shared_ptr<StatementImpl> SqliteConnection::prepare(const std::string& sql) {
    return std::make_shared<SqliteStatement>(*m_db, sql);
}

void SqliteConnection::exec(const std::string& script) {
    translated([&] { m_db->exec(script); });
}

void SqliteConnection::begin() {
    exec("BEGIN IMMEDIATE");
}

bool SqliteConnection::inTransaction() const {
    return sqlite3_get_autocommit(m_db->getHandle()) == 0;
}

std::int64_t SqliteConnection::lastInsertId() {
    return m_db->getLastInsertRowid();
}

void SqliteConnection::backupTo(const std::filesystem::path& dest) {
    translated([&] {
        SQLite::Database copy(dest.string(), SQLite::OPEN_READWRITE);  // made beforehand, mode 0600
        SQLite::Backup(copy, *m_db).executeStep(-1);
    });
}

void SqliteConnection::setProgressHandler(std::function<bool()> keepGoing) {
    m_keepGoing = std::move(keepGoing);
    if (m_keepGoing)
        sqlite3_progress_handler(m_db->getHandle(), 1000, progressCallback, &m_keepGoing);
    else
        sqlite3_progress_handler(m_db->getHandle(), 0, nullptr, nullptr);
}

SqliteConnection& sqliteOf(Connection& connection) {
    if (auto* sqlite = dynamic_cast<SqliteConnection*>(&connection))
        return *sqlite;
    throw Error(ErrorKind::Other, "an SQLite database was expected");
}

}  // namespace ankylos::storage::sql
