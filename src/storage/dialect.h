#pragma once
/// The few SQL fragments SQLite and PostgreSQL spell differently. Every other query of storage is one
/// text that runs alike on both (the schemas are equivalent: db/README.md); these choose by engine.

#include <string>

#include "storage/sql/connection.h"

namespace ankylos::storage::dialect {

/// `column` within [low, high) compared as SQLite's NOCASE does, ASCII letters folded: on PostgreSQL by
/// lower() under the "C" collation, which folds ASCII only too and is what the name index holds
/// (db/migrations/postgresql/0001_initial.sql). low and high are parameters (":p").
inline std::string caselessRange(sql::Engine engine, const std::string& column, const std::string& low,
                                 const std::string& high) {
    if (engine == sql::Engine::Postgresql)
        return "lower(" + column + ") >= lower(" + low + " COLLATE \"C\") AND lower(" + column +
               ") < lower(" + high + " COLLATE \"C\")";
    return column + " >= " + low + " COLLATE NOCASE AND " + column + " < " + high + " COLLATE NOCASE";
}

/// An ORDER BY key of column in the order of caselessRange.
inline std::string caselessOrder(sql::Engine engine, const std::string& column) {
    return engine == sql::Engine::Postgresql ? "lower(" + column + ")" : column + " COLLATE NOCASE";
}

/// The aggregate joining texts with a separator (SQLite 3.40 has no string_agg; PostgreSQL no
/// group_concat); called as name + "(text, separator)".
inline std::string joinAggregate(sql::Engine engine) {
    return engine == sql::Engine::Postgresql ? "string_agg" : "group_concat";
}

/// The integer at the top-level key of a JSON object kept as text in column (NULL when absent).
inline std::string jsonInteger(sql::Engine engine, const std::string& column, const std::string& key) {
    if (engine == sql::Engine::Postgresql)
        return "CAST(CAST(" + column + " AS json) ->> '" + key + "' AS bigint)";
    return "json_extract(" + column + ", '$." + key + "')";
}

/// The names of the database's own tables (not the engine's, nor the server database's own: its
/// identity table ankylos_database and research_key, the key of its researchers' views, which a copy
/// on another server gets anew), one a row.
inline std::string tableNames(sql::Engine engine) {
    if (engine == sql::Engine::Postgresql)
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
               "AND table_type = 'BASE TABLE' AND table_name NOT IN ('ankylos_database', 'research_key') "
               "ORDER BY 1";
    return "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
           "ORDER BY 1";
}

/// Starts a transaction that only reads and sees one snapshot of the whole database, whatever others
/// commit meanwhile: SQLite's read transaction (WAL keeps its snapshot), PostgreSQL's REPEATABLE READ.
inline std::string beginSnapshot(sql::Engine engine) {
    return engine == sql::Engine::Postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN";
}

}  // namespace ankylos::storage::dialect
