// What only the PostgreSQL engine has (storage/sql/postgres_connection.h): a connection that can break,
// the server's types read as the statement layer's, the parameter types the server infers, and the
// statements it keeps prepared. What both engines share is in sql_connection_test.cpp.
#include "storage/sql/postgres_connection.h"

#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <string>

#include "postgres_test_database.h"
#include "temp_database.h"

namespace ankylos::storage::sql {
namespace {

constexpr int kBusyTimeoutMs = 5000;

using test::errorKindOf;

class PostgresqlConnection : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_server = std::make_unique<test::PostgresTestDatabase>();
        m_db = std::make_unique<PostgresConnection>(m_server->uri(), kBusyTimeoutMs);
    }

    std::string text(const std::string& sql) { return m_db->execAndGet(sql).getString(); }
    int preparedStatements() {
        return m_db->execAndGet("SELECT count(*) FROM pg_prepared_statements").getInt();
    }

    std::unique_ptr<test::PostgresTestDatabase> m_server;
    std::unique_ptr<PostgresConnection> m_db;
};

TEST_F(PostgresqlConnection, SessionSettingsAreFixed) {
    EXPECT_EQ(text("SHOW client_encoding"), "UTF8");
    EXPECT_EQ(text("SHOW DateStyle"), "ISO, MDY");
    EXPECT_EQ(text("SHOW extra_float_digits"), "3");
    EXPECT_EQ(text("SHOW TimeZone"), "UTC");
    EXPECT_EQ(text("SHOW lock_timeout"), "5s");
    EXPECT_EQ(text("SELECT TIMESTAMPTZ '2024-01-02 03:04:05+02'"), "2024-01-02 01:04:05+00");
}

TEST_F(PostgresqlConnection, ServerTypesReadAsTheLayersTypes) {
    Statement select(*m_db,
                     "SELECT true, false, 12345678901::bigint, 2::smallint, 1.25::numeric, 0.5::real, "
                     "'\\x00ff41'::bytea, DATE '2024-02-29', NULL::integer, '-Infinity'::float8");
    ASSERT_TRUE(select.executeStep());
    EXPECT_TRUE(select.getColumn(0).isInteger());  // as SQLite gives a comparison: 1 or 0
    EXPECT_EQ(select.getColumn(0).getInt(), 1);
    EXPECT_EQ(select.getColumn(1).getString(), "0");
    EXPECT_EQ(select.getColumn(2).getInt64(), 12345678901LL);
    EXPECT_TRUE(select.getColumn(3).isInteger());
    EXPECT_TRUE(select.getColumn(4).isFloat());
    EXPECT_EQ(select.getColumn(4).getDouble(), 1.25);
    EXPECT_EQ(select.getColumn(4).getInt(), 1);  // toward zero, as SQLite casts a REAL
    EXPECT_EQ(select.getColumn(5).getDouble(), 0.5);
    EXPECT_EQ(select.getColumn(6).type(), ColumnType::Blob);
    EXPECT_EQ(select.getColumn(6).getString(), std::string("\0\xff"
                                                           "A",
                                                           3));
    EXPECT_EQ(select.getColumn(7).type(), ColumnType::Text);
    EXPECT_EQ(select.getColumn(7).getString(), "2024-02-29");
    EXPECT_TRUE(select.getColumn(8).isNull());
    EXPECT_EQ(select.getColumn(9).getDouble(), -std::numeric_limits<double>::infinity());
}

TEST_F(PostgresqlConnection, TheServerTypesParametersFromWhereTheyStand) {
    m_db->exec("CREATE TABLE t (big BIGINT, small INTEGER, real DOUBLE PRECISION)");
    Statement insert(*m_db, "INSERT INTO t VALUES (?, ?, ?)");
    insert.bind(1, 1LL << 40);
    insert.bind(2, 7);
    insert.bind(3, 7);  // an integer into a double column
    insert.exec();
    Statement compare(*m_db, "SELECT count(*) FROM t WHERE big = ? AND small < ? AND real = ?");
    compare.bind(1, 1LL << 40);
    compare.bind(2, 8);
    compare.bind(3, 7.0);
    ASSERT_TRUE(compare.executeStep());
    EXPECT_EQ(compare.getColumn(0).getInt(), 1);

    // Documented limits: next to an integer a parameter is an integer; a cast says otherwise.
    Statement arithmetic(*m_db, "SELECT ? + 1");
    arithmetic.bind(1, 0.5);
    EXPECT_EQ(errorKindOf([&] { arithmetic.executeStep(); }), ErrorKind::Other);
    Statement cast(*m_db, "SELECT CAST(? AS DOUBLE PRECISION) + 1");
    cast.bind(1, 0.5);
    ASSERT_TRUE(cast.executeStep());
    EXPECT_EQ(cast.getColumn(0).getDouble(), 1.5);
    Statement untyped(*m_db, "SELECT count(*) FROM t WHERE ? IS NULL");
    untyped.bind(1);
    EXPECT_EQ(errorKindOf([&] { untyped.executeStep(); }), ErrorKind::Other);
    Statement unused(*m_db, "SELECT count(*) FROM t WHERE small = ?2");  // ?1 has no type
    unused.bind(2, 7);
    EXPECT_EQ(errorKindOf([&] { unused.executeStep(); }), ErrorKind::Other);
    Statement alone(*m_db, "SELECT ?");  // nothing around it: text
    alone.bind(1, 42);
    ASSERT_TRUE(alone.executeStep());
    EXPECT_EQ(alone.getColumn(0).type(), ColumnType::Text);
    EXPECT_EQ(alone.getColumn(0).getInt(), 42);
}

TEST_F(PostgresqlConnection, AStatementRunAgainIsPreparedOnceAndDeallocatedAfterItsEnd) {
    {
        Statement once(*m_db, "SELECT 1");
        once.exec();
        EXPECT_EQ(preparedStatements(), 0);  // run once: parsed with its execution, nothing kept
    }
    std::vector<std::unique_ptr<Statement>> statements;
    for (int i = 0; i < 16; ++i) {
        statements.push_back(std::make_unique<Statement>(*m_db, "SELECT " + std::to_string(i)));
        for (int run = 0; run < 3; ++run) {
            statements.back()->exec();
            statements.back()->reset();
        }
    }
    EXPECT_EQ(preparedStatements(), 16);
    statements.clear();
    EXPECT_EQ(preparedStatements(), 0);  // deallocated together before the next statement
}

TEST_F(PostgresqlConnection, RowsReadAreNotRowsChanged) {
    m_db->exec("CREATE TABLE t (k INTEGER); INSERT INTO t VALUES (1), (2)");
    EXPECT_EQ(Statement(*m_db, "SELECT k FROM t").exec(), 0);  // libpq's PQcmdTuples would say 2
    EXPECT_EQ(Statement(*m_db, "UPDATE t SET k = k + 1").exec(), 2);
}

TEST_F(PostgresqlConnection, AnErrorAbortsTheWholeTransactionUntilRollback) {
    m_db->exec("CREATE TABLE t (k INTEGER PRIMARY KEY)");
    m_db->begin();
    m_db->exec("INSERT INTO t VALUES (1)");
    EXPECT_EQ(errorKindOf([&] { m_db->exec("INSERT INTO t VALUES (1)"); }), ErrorKind::Constraint);
    EXPECT_EQ(errorKindOf([&] { m_db->exec("INSERT INTO t VALUES (2)"); }), ErrorKind::Other);  // 25P02
    EXPECT_TRUE(m_db->inTransaction());
    m_db->exec("ROLLBACK");
    EXPECT_EQ(m_db->execAndGet("SELECT count(*) FROM t").getInt(), 0);
}

TEST_F(PostgresqlConnection, ATriggerRaisingAnIntegrityErrorIsAConstraintError) {
    m_db->exec(
        "CREATE TABLE log (entry TEXT);"
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'the log is append-only' USING ERRCODE = 'integrity_constraint_violation'; END $$;"
        "CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON log FOR EACH ROW EXECUTE FUNCTION "
        "refuse();"
        "INSERT INTO log VALUES ('first');");
    try {
        m_db->exec("DELETE FROM log");
        FAIL() << "the trigger let the row go";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Constraint);
        EXPECT_EQ(std::string(e.what()), "the log is append-only");
    }
}

TEST_F(PostgresqlConnection, AConnectionLostInATransactionIsCantOpenUntilItEndsAndTheNextOneConnectsAgain) {
    Statement repeated(*m_db, "SELECT ? + 1");  // run twice: prepared on the server
    for (int i = 0; i < 2; ++i) {
        repeated.reset();
        repeated.bind(1, i);
        ASSERT_TRUE(repeated.executeStep());
    }
    const std::string pid = text("SELECT pg_backend_pid()");
    m_db->begin();
    PostgresConnection(m_server->uri(), kBusyTimeoutMs).exec("SELECT pg_terminate_backend(" + pid + ")");
    EXPECT_EQ(errorKindOf([&] { m_db->exec("SELECT 1"); }), ErrorKind::CantOpen);
    EXPECT_EQ(errorKindOf([&] { Statement(*m_db, "SELECT 1").exec(); }), ErrorKind::CantOpen);
    // No new session silently carries on what is left of the transaction.
    EXPECT_TRUE(m_db->inTransaction());
    EXPECT_EQ(errorKindOf([&] { m_db->exec("SAVEPOINT after_the_loss"); }), ErrorKind::CantOpen);
    m_db->rollback();  // the server did already
    EXPECT_FALSE(m_db->inTransaction());

    m_db->begin();  // connects again
    EXPECT_NE(text("SELECT pg_backend_pid()"), pid);
    repeated.reset();
    repeated.bind(1, 41);
    ASSERT_TRUE(repeated.executeStep());  // prepared again on the new session
    EXPECT_EQ(repeated.getColumn(0).getInt(), 42);
    m_db->commit();
    EXPECT_FALSE(m_db->inTransaction());

    // Lost outside a transaction: the statement that finds it fails, the next one connects again.
    const std::string second = text("SELECT pg_backend_pid()");
    PostgresConnection(m_server->uri(), kBusyTimeoutMs).exec("SELECT pg_terminate_backend(" + second + ")");
    EXPECT_EQ(errorKindOf([&] { m_db->exec("SELECT 1"); }), ErrorKind::CantOpen);
    EXPECT_NE(text("SELECT pg_backend_pid()"), second);
    EXPECT_EQ(text("SHOW TimeZone"), "UTC");  // with our settings
}

TEST_F(PostgresqlConnection, AConnectionLostWithStatementsInThePipelineConnectsAgainOnceTheTransactionEnds) {
    m_db->exec("CREATE TABLE pipelined (x integer)");
    const std::string pid = text("SELECT pg_backend_pid()");
    m_db->setBulkWrite(true);
    m_db->begin();
    Statement insert(*m_db, "INSERT INTO pipelined VALUES (?)");
    insert.bind(1, 1);
    insert.execDeferred();
    PostgresConnection(m_server->uri(), kBusyTimeoutMs).exec("SELECT pg_terminate_backend(" + pid + ")");
    EXPECT_EQ(errorKindOf([&] { m_db->exec("SELECT 1"); }), ErrorKind::CantOpen);
    m_db->rollback();
    m_db->setBulkWrite(false);
    EXPECT_EQ(text("SELECT count(*) FROM pipelined"), "0");  // a new session, nothing of the old one
}

TEST_F(PostgresqlConnection, NoServerIsCantOpen) {
    EXPECT_EQ(
        errorKindOf([] { PostgresConnection("postgresql://postgres@127.0.0.1:1/postgres", kBusyTimeoutMs); }),
        ErrorKind::CantOpen);
    EXPECT_EQ(errorKindOf([&] { PostgresConnection(m_server->uri() + "_no_such_database", kBusyTimeoutMs); }),
              ErrorKind::CantOpen);
}

TEST_F(PostgresqlConnection, MessagesNeverCarryThePassword) {
    // libpq quotes a malformed part of a URI back; the password must not be in what we pass on.
    for (const std::string uri : {"postgresql://postgres:s%ZZcret@127.0.0.1:1/postgres",
                                  "postgresql://postgres:secret@127.0.0.1:1/postgres",
                                  "host=127.0.0.1 port=1 user=postgres password=secret"}) {
        try {
            PostgresConnection connection(uri, kBusyTimeoutMs);
            ADD_FAILURE() << "connected to " << uri;
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()).find("cret"), std::string::npos) << e.what();
            EXPECT_EQ(e.kind(), ErrorKind::CantOpen);
        }
    }
}

}  // namespace
}  // namespace ankylos::storage::sql
