#include "storage/sql/connection.h"

namespace ankylos::storage::sql {

Statement::Statement(Connection& connection, const std::string& sql)
    : m_connection(connection), m_impl(connection.prepare(sql)) {}

bool Statement::executeStep() {
    if (!m_started)
        ++m_connection.m_statementsRun;
    m_started = true;
    m_hasRow = m_impl->step();
    return m_hasRow;
}

int Statement::exec() {
    while (executeStep()) {
    }
    return m_impl->changes();
}

std::int64_t Statement::execReturningId() {
    if (!executeStep())
        throw Error(ErrorKind::Other, "the INSERT returned no id");
    const std::int64_t id = getColumn(0).getInt64();
    while (executeStep()) {
    }
    return id;
}

void Statement::execDeferred() {
    ++m_connection.m_statementsRun;
    m_impl->runDeferred();
    m_started = false;
    m_hasRow = false;
}

void Statement::reset() {
    m_started = false;
    m_hasRow = false;
    m_impl->reset();
}

void Statement::tryReset() noexcept {
    try {
        reset();
    } catch (...) {
        // reported by the step that failed
    }
}

Column Connection::execAndGet(const std::string& sql) {
    Statement statement(*this, sql);
    if (!statement.executeStep())
        throw Error(ErrorKind::Other, "no row: " + sql);
    return statement.getColumn(0);
}

StatementLease Connection::cached(const std::string& sql) {
    std::unique_ptr<Statement>& statement = m_statements[sql];
    if (!statement)
        statement = std::make_unique<Statement>(*this, sql);
    return StatementLease(*statement);
}

}  // namespace ankylos::storage::sql
