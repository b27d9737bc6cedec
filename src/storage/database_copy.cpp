#include "storage/database_copy.h"

#include <algorithm>
#include <memory>
#include <set>
#include <variant>

#include "core/validation.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/errors.h"
#include "storage/schema.h"
#include "storage/server_location.h"
#include "storage/sql/connection.h"

namespace ankylos::storage {

namespace {

/// Parameters of one multi-row INSERT: within SQLite's oldest limit (999) and PostgreSQL's (65535).
constexpr std::size_t kParametersPerInsert = 999;

/// A column's bytes (an image's file), kept apart from text so that each is written as it was read.
struct Bytes {
    std::string data;
};

using Value = std::variant<std::monostate, std::int64_t, double, std::string, Bytes>;
using Row = std::vector<Value>;

Value valueOf(const sql::Column& column) {
    switch (column.type()) {
        case sql::ColumnType::Null:
            return std::monostate();
        case sql::ColumnType::Integer:
            return column.getInt64();
        case sql::ColumnType::Float:
            return column.getDouble();
        case sql::ColumnType::Text:
            return column.getString();
        case sql::ColumnType::Blob:
            return Bytes{column.getString()};
    }
    return std::monostate();
}

void bindValue(sql::Statement& statement, int index, const Value& value) {
    std::visit(
        [&](const auto& held) {
            if constexpr (std::is_same_v<std::decay_t<decltype(held)>, std::monostate>)
                statement.bind(index);
            else if constexpr (std::is_same_v<std::decay_t<decltype(held)>, Bytes>)
                statement.bindBlob(index, held.data);
            else
                statement.bind(index, held);
        },
        value);
}

std::vector<std::string> splitColumns(const std::string& list) {
    std::vector<std::string> columns;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        columns.push_back(list.substr(start, comma - start));
        start = list.find_first_not_of(' ', comma + 1);
    }
    return columns;
}

/// One table's rows in the order of its primary key, a page at a time: each page starts after the
/// last key of the one before (inside the caller's snapshot, so no row is missed or read twice).
class PagedReader {
public:
    PagedReader(sql::Connection& db, const SchemaTable& table) : m_db(db), m_keys(splitColumns(table.key)) {
        const std::string select = "SELECT * FROM " + table.name;
        const std::string order = " ORDER BY " + table.key + " LIMIT " + std::to_string(table.copyPageRows);
        std::string after = " WHERE (" + table.key + ") > (?";
        for (std::size_t k = 1; k < m_keys.size(); ++k)
            after += ", ?";
        m_first = select + order;
        m_next = select + after + ")" + order;
    }

    /// The next page; empty after the last row.
    std::vector<Row> next() {
        auto lease = m_db.cached(m_lastKey.empty() ? m_first : m_next);
        sql::Statement& query = *lease;
        for (std::size_t k = 0; k < m_lastKey.size(); ++k)
            bindValue(query, static_cast<int>(k) + 1, m_lastKey[k]);
        std::vector<Row> page;
        while (query.executeStep()) {
            if (m_columns.empty())
                readColumnNames(query);
            Row row;
            for (int c = 0; c < query.getColumnCount(); ++c)
                row.push_back(valueOf(query.getColumn(c)));
            page.push_back(std::move(row));
        }
        if (!page.empty()) {
            m_lastKey.clear();
            for (const std::size_t position : m_keyPositions)
                m_lastKey.push_back(page.back()[position]);
        }
        return page;
    }

    const std::vector<std::string>& columns() const { return m_columns; }

private:
    void readColumnNames(sql::Statement& query) {
        for (int c = 0; c < query.getColumnCount(); ++c)
            m_columns.push_back(query.getColumn(c).getName());
        for (const std::string& key : m_keys) {
            const auto found = std::find(m_columns.begin(), m_columns.end(), key);
            if (found == m_columns.end())
                throw InternalError("schemaTables() names the key column " + key + ", which its table lacks");
            m_keyPositions.push_back(static_cast<std::size_t>(found - m_columns.begin()));
        }
    }

    sql::Connection& m_db;
    std::vector<std::string> m_keys;
    std::string m_first;
    std::string m_next;
    std::vector<std::string> m_columns;
    std::vector<std::size_t> m_keyPositions;
    Row m_lastKey;
};

/// Inserts rows[begin, end) into table with one statement.
void insertBatch(sql::Connection& db, const std::string& table, const std::vector<std::string>& columns,
                 const std::vector<Row>& rows, std::size_t begin, std::size_t end) {
    std::string names;
    std::string placeholders;
    for (const std::string& column : columns) {
        names += (names.empty() ? "" : ", ") + column;
        placeholders += placeholders.empty() ? "(?" : ", ?";
    }
    placeholders += ")";
    std::string insert = "INSERT INTO " + table + " (" + names + ") VALUES " + placeholders;
    for (std::size_t r = begin + 1; r < end; ++r)
        insert += ", " + placeholders;
    auto lease = db.cached(insert);
    int index = 0;
    for (std::size_t r = begin; r < end; ++r)
        for (const Value& value : rows[r])
            bindValue(*lease, ++index, value);
    (*lease).exec();
}

std::int64_t countRows(sql::Connection& db, const std::string& table) {
    return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

/// Copies one table; returns how many rows it copied.
std::int64_t copyTable(sql::Connection& from, sql::Connection& to, const SchemaTable& table) {
    PagedReader reader(from, table);
    std::int64_t copied = 0;
    for (std::vector<Row> page = reader.next(); !page.empty(); page = reader.next()) {
        const std::size_t perInsert =
            std::max<std::size_t>(1, kParametersPerInsert / reader.columns().size());
        for (std::size_t begin = 0; begin < page.size(); begin += perInsert)
            insertBatch(to, table.name, reader.columns(), page, begin,
                        std::min(page.size(), begin + perInsert));
        copied += static_cast<std::int64_t>(page.size());
    }
    return copied;
}

/// A server numbers new rows from each table's sequence, which explicit ids do not move: each is set
/// to the table's largest id, so the next row gets the one after it.
void advanceSequences(sql::Connection& to) {
    for (const SchemaTable& table : schemaTables())
        if (table.key == "id")
            to.execAndGet("SELECT setval(pg_get_serial_sequence('" + table.name + "', 'id'), max(id)) FROM " +
                          table.name);
}

/// Every table, in foreign-key order, counted in the source's snapshot. The rows the new database's
/// migrations wrote (the default settings and reference ranges) give way to the source's first.
std::vector<TableCount> copyRows(sql::Connection& from, Database& copy) {
    sql::Connection& to = sql::connectionOf(copy);
    const std::vector<SchemaTable>& tables = schemaTables();
    for (auto table = tables.rbegin(); table != tables.rend(); ++table)
        to.exec("DELETE FROM " + table->name);
    std::vector<TableCount> counts;
    for (const SchemaTable& table : tables) {
        try {
            counts.push_back({table.name, countRows(from, table.name), copyTable(from, to, table)});
        } catch (const sql::Error& e) {
            throw StorageError("copying table " + table.name + " to " + copy.file().string(), table.name,
                               std::string(e.what()) + " (nothing was written)");
        }
    }
    if (to.engine() == sql::Engine::Postgresql)
        advanceSequences(to);
    copy.noteAuditAppended();  // a file's chain head is written beside it at the commit
    return counts;
}

/// Refuses a source whose tables are not exactly the schema's: a table this copy would skip.
void requireKnownTables(sql::Connection& db, const std::string& location) {
    std::set<std::string> unknown;
    sql::Statement query(db, dialect::tableNames(db.engine()));
    while (query.executeStep())
        unknown.insert(query.getColumn(0).getString());
    for (const SchemaTable& table : schemaTables())
        if (unknown.erase(table.name) == 0)
            throw IncompatibleDatabase("Ankylos cannot copy " + location + ": it has no table " + table.name +
                                       " (run `ankylos-cli check` on it). Nothing was written.");
    if (!unknown.empty())
        throw IncompatibleDatabase("Ankylos cannot copy " + location +
                                   ": it holds a table this Ankylos does not "
                                   "know (" +
                                   *unknown.begin() +
                                   "), which a copy would leave out. Nothing was written.");
}

/// A read-only transaction on one snapshot of the source, for the whole copy.
class ReadSnapshot {
public:
    explicit ReadSnapshot(sql::Connection& db) : m_db(db) {
        if (db.inTransaction())
            throw InternalError("copying a database inside one of its transactions");
        db.exec(dialect::beginSnapshot(db.engine()));
    }
    ~ReadSnapshot() {
        try {
            m_db.exec("ROLLBACK");  // it wrote nothing
        } catch (const sql::Error&) {
            // A destructor must not throw; a connection that broke ended the transaction itself.
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    sql::Connection& m_db;
};

/// Refuses dest when it is the source or a file that exists (a copy never replaces one).
void refuseDestination(const Database& source, const std::filesystem::path& dest) {
    const bool server = isServerLocation(dest.string());
    std::error_code ignored;
    const bool same =
        server ? dest == source.file()
               : !source.onServer() && std::filesystem::weakly_canonical(dest, ignored) ==
                                           std::filesystem::weakly_canonical(source.file(), ignored);
    if (same)
        throw core::ValidationError("DEST", dest.string(),
                                    "another database than the source " + source.file().string());
    if (!server && std::filesystem::exists(std::filesystem::symlink_status(dest)))
        throw core::ValidationError("DEST", dest.string(),
                                    "a file that does not exist yet (a copy never replaces a file)");
}

}  // namespace

CopyReport copyDatabase(Database& source, const std::filesystem::path& dest,
                        const std::string& destPassword) {
    refuseDestination(source, dest);
    const AuditKey* key = source.auditKeyIfAny();
    if (!key)
        throw IncompatibleDatabase(
            "Ankylos cannot copy " + source.file().string() + ": its audit key " +
            auditKeyPath(source.file()).string() +
            " is missing, so its audit trail could not be carried. Nothing was written.");
    sql::Connection& from = sql::connectionOf(source);
    CopyReport report;
    std::unique_ptr<Database> copy;
    {
        ReadSnapshot snapshot(from);
        requireKnownTables(from, source.file().string());
        const Database::Seed seed{*key, [&](Database& to) { report.tables = copyRows(from, to); }};
        copy = std::make_unique<Database>(dest, source.user(), seed, destPassword);
    }
    sql::Connection& to = sql::connectionOf(*copy);
    for (TableCount& count : report.tables)
        count.copy = countRows(to, count.table);
    report.check = checkDatabase(*copy);
    return report;
}

std::vector<std::string> copyProblems(const CopyReport& report) {
    std::vector<std::string> problems;
    for (const TableCount& count : report.tables)
        if (count.copy != count.source)
            problems.push_back(count.table + ": " + std::to_string(count.source) + " rows in the source, " +
                               std::to_string(count.copy) + " in the copy");
    problems.insert(problems.end(), report.check.problems.begin(), report.check.problems.end());
    return problems;
}

}  // namespace ankylos::storage
