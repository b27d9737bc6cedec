// The statement layer's contract (storage/sql/connection.h), run on both engines: SQLite on a file
// through SqliteConnection and PostgreSQL on a fresh database through PostgresConnection. The
// instances are named Sqlite/... and Postgresql/...; ctest labels them storage and postgresql.
#include "storage/sql/connection.h"

#include <gtest/gtest.h>

#include <cmath>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "postgres_test_database.h"
#include "storage/sql/postgres_connection.h"
#include "storage/sql/sqlite_connection.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using sql::ErrorKind;

constexpr int kBusyTimeoutMs = 5000;

using test::errorKindOf;

class SqlConnectionTest : public ::testing::TestWithParam<sql::Engine> {
protected:
    void SetUp() override {
        if (postgres()) {
            if (!test::PostgresTestDatabase::serverUri())
                GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
            m_server = std::make_unique<test::PostgresTestDatabase>();
        } else {
            test::writeBytes(m_dir / "contract.db", {});  // SqliteConnection opens existing files only
        }
        m_db = open(kBusyTimeoutMs);
        // Written once for both engines; only the generated key differs.
        const std::string id = postgres() ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
        m_db->exec("CREATE TABLE patient (id " + id +
                   ", code TEXT NOT NULL UNIQUE, name TEXT, born BIGINT, small INTEGER,"
                   " weight DOUBLE PRECISION CHECK (weight IS NULL OR weight >= 0));"
                   "CREATE TABLE visit (id " +
                   id + ", patient_id BIGINT NOT NULL REFERENCES patient (id), score DOUBLE PRECISION);");
    }

    bool postgres() const { return GetParam() == sql::Engine::Postgresql; }

    /// Another connection to the same database.
    std::unique_ptr<sql::Connection> open(int busyTimeoutMs) {
        if (postgres())
            return std::make_unique<sql::PostgresConnection>(m_server->uri(), busyTimeoutMs);
        auto db = std::make_unique<sql::SqliteConnection>(
            m_dir / "contract.db", sql::SqliteConnection::Access::ReadWrite, busyTimeoutMs);
        db->exec("PRAGMA foreign_keys = ON");  // as Database opens its files
        return db;
    }

    std::int64_t addPatient(const std::string& code, std::int64_t born) {
        sql::Statement insert(*m_db, "INSERT INTO patient (code, name, born) VALUES (?, ?, ?)");
        insert.bind(1, code);
        insert.bind(2, "Patient " + code);
        insert.bind(3, static_cast<long long>(born));
        EXPECT_EQ(insert.exec(), 1);
        return m_db->lastInsertId();
    }

    int count(const std::string& table) { return m_db->execAndGet("SELECT count(*) FROM " + table).getInt(); }

    test::TempDir m_dir;
    std::unique_ptr<test::PostgresTestDatabase> m_server;  // outlives the connections
    std::unique_ptr<sql::Connection> m_db;
};

TEST_P(SqlConnectionTest, NegativeZeroAndNanAreStoredAsSqliteStoresThem) {
    m_db->exec("CREATE TABLE measure (id integer PRIMARY KEY, value double precision)");
    sql::Statement insert(*m_db, "INSERT INTO measure (id, value) VALUES (?, ?)");
    insert.bind(1, 1);
    insert.bind(2, -0.0);
    insert.exec();
    insert.reset();
    insert.bind(1, 2);
    insert.bind(2, std::nan(""));
    insert.exec();
    sql::Statement read(*m_db, "SELECT value FROM measure ORDER BY id");
    ASSERT_TRUE(read.executeStep());
    EXPECT_FALSE(std::signbit(read.getColumn(0).getDouble())) << "-0.0 reads back as 0";
    EXPECT_EQ(read.getColumn(0).getString().find('-'), std::string::npos) << read.getColumn(0).getString();
    ASSERT_TRUE(read.executeStep());
    EXPECT_TRUE(read.getColumn(0).isNull()) << "NaN is stored as NULL";
}

TEST_P(SqlConnectionTest, EveryTypeReadsBackAsBound) {
    const std::int64_t beyond32Bits = 3'000'000'000'123LL;
    const std::string text = "强直性脊柱炎 O'Brien \"quoted\" ? :name -- not a comment";
    sql::Statement insert(*m_db,
                          "INSERT INTO patient (code, name, born, small, weight) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, text);
    insert.bind(2);  // NULL
    insert.bind(3, static_cast<long long>(beyond32Bits));
    insert.bind(4, -7);
    insert.bind(5, 0.1);
    insert.exec();

    sql::Statement select(*m_db, "SELECT code, name, born, small, weight FROM patient");
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getString(), text);
    EXPECT_EQ(select.getColumn(0).type(), sql::ColumnType::Text);
    EXPECT_TRUE(select.getColumn(1).isNull());
    EXPECT_EQ(select.getColumn(1).getString(), "");
    EXPECT_TRUE(select.getColumn(2).isInteger());
    EXPECT_EQ(select.getColumn(2).getInt64(), beyond32Bits);
    EXPECT_EQ(select.getColumn(3).getInt(), -7);
    EXPECT_TRUE(select.getColumn(4).isFloat());
    EXPECT_EQ(select.getColumn(4).getDouble(), 0.1);  // exactly: the shortest text that reads back
    EXPECT_EQ(select.getColumn(4).getName(), "weight");
    EXPECT_FALSE(select.executeStep());
}

TEST_P(SqlConnectionTest, DoublesAndIntegersRoundTripExactly) {
    const double doubles[] = {0.1, 1e-300, 1.0 / 3.0, 2.5e300, 123456789.12345678, 0.0, 5e-324};
    const std::int64_t integers[] = {std::numeric_limits<std::int64_t>::max(),
                                     std::numeric_limits<std::int64_t>::min(), 2'147'483'648LL, -1};
    int row = 0;
    for (const double value : doubles) {
        SCOPED_TRACE(value);
        const std::string code = "D" + std::to_string(row);
        const std::int64_t integer = integers[row++ % 4];
        sql::Statement insert(*m_db, "INSERT INTO patient (code, weight, born) VALUES (?, ?, ?)");
        insert.bind(1, code);
        insert.bind(2, value);
        insert.bind(3, static_cast<long long>(integer));
        insert.exec();
        sql::Statement select(*m_db, "SELECT weight, born FROM patient WHERE code = ?");
        select.bind(1, code);
        ASSERT_TRUE(select.executeStep());
        EXPECT_EQ(select.getColumn(0).getDouble(), value);
        EXPECT_EQ(select.getColumn(1).getInt64(), integer);
    }
}

TEST_P(SqlConnectionTest, PositionalNumberedAndNamedParametersRepeat) {
    addPatient("A", 1950);
    addPatient("B", 1960);
    addPatient("C", 1970);
    // ?2 twice, ?1 once.
    sql::Statement numbered(*m_db,
                            "SELECT count(*) FROM patient WHERE born = ?2 OR code = ?1 OR born = ?2 + 10");
    numbered.bind(1, "A");
    numbered.bind(2, 1960);
    ASSERT_TRUE(numbered.executeStep());
    EXPECT_EQ(numbered.getColumn(0).getInt(), 3);

    // :from twice; the names take 1 and 2, the ? after them 3.
    sql::Statement named(*m_db,
                         "SELECT code FROM patient WHERE born >= :from AND born < :to AND code <> ? "
                         "AND born + 0 >= :from ORDER BY code");
    EXPECT_EQ(named.parameterIndex(":from"), 1);
    EXPECT_EQ(named.parameterIndex(":to"), 2);
    named.bind(":from", 1950);
    named.bind(":to", 1971);
    named.bind(3, "B");
    ASSERT_TRUE(named.executeStep());
    EXPECT_EQ(named.getColumn(0).getString(), "A");
    ASSERT_TRUE(named.executeStep());
    EXPECT_EQ(named.getColumn(0).getString(), "C");
    EXPECT_FALSE(named.executeStep());
    EXPECT_EQ(errorKindOf([&] { named.parameterIndex(":missing"); }), ErrorKind::Other);
}

TEST_P(SqlConnectionTest, QuestionMarksInLiteralsAndIdentifiersAreNotParameters) {
    sql::Statement select(*m_db, "SELECT 'why? :not' AS \"who?\", ? /* ? */ -- :nor ?\n");
    select.bind(1, "bound");
    EXPECT_EQ(errorKindOf([&] { select.bind(2, "one too many"); }), ErrorKind::Other);
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getString(), "why? :not");
    EXPECT_EQ(select.getColumn(0).getName(), "who?");
    EXPECT_EQ(select.getColumn(1).getString(), "bound");
}

TEST_P(SqlConnectionTest, SeveralStatementsReadAtOnceWhileAnotherWrites) {
    for (const char* code : {"A", "B", "C"})
        addPatient(code, 1950);
    sql::Statement ascending(*m_db, "SELECT id, code FROM patient ORDER BY code");
    sql::Statement descending(*m_db, "SELECT code FROM patient ORDER BY code DESC");
    std::string merged;
    while (ascending.executeStep()) {
        ASSERT_TRUE(descending.executeStep());
        merged += ascending.getColumn(1).getString() + descending.getColumn(0).getString();
        sql::Statement visit(*m_db, "INSERT INTO visit (patient_id, score) VALUES (?, 1.5)");
        visit.bind(1, static_cast<long long>(ascending.getColumn(0).getInt64()));
        visit.exec();
    }
    EXPECT_FALSE(descending.executeStep());
    EXPECT_EQ(merged, "ACBBCA");
    EXPECT_EQ(count("visit"), 3);
}

TEST_P(SqlConnectionTest, ResetRunsAgainAndClearBindingsBindsNull) {
    addPatient("A", 1950);
    addPatient("B", 1960);
    sql::Statement select(*m_db,
                          "SELECT born FROM patient WHERE code = ? OR CAST(? AS TEXT) IS NULL ORDER BY born");
    select.bind(1, "B");
    select.bind(2, "not null");
    for (int run = 0; run < 3; ++run) {  // the third run on PostgreSQL is of the prepared statement
        ASSERT_TRUE(select.executeStep());
        EXPECT_EQ(select.getColumn(0).getInt(), 1960);
        EXPECT_FALSE(select.executeStep());
        select.reset();
    }
    select.bind(1, "A");  // reset kept the other binding
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getInt(), 1950);
    select.reset();
    select.clearBindings();  // both NULL: every row
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getInt(), 1950);
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getInt(), 1960);
}

TEST_P(SqlConnectionTest, CachedStatementsRunManyTimes) {
    for (int i = 0; i < 5; ++i) {
        auto insert = m_db->cached("INSERT INTO patient (code, born) VALUES (?, ?)");
        (*insert).bind(1, "P" + std::to_string(i));
        (*insert).bind(2, 1900 + i);
        EXPECT_EQ((*insert).exec(), 1);
    }
    EXPECT_EQ(count("patient"), 5);
    EXPECT_EQ(m_db->execAndGet("SELECT sum(born) FROM patient WHERE code >= 'P3'").getInt(), 1903 + 1904);
}

TEST_P(SqlConnectionTest, ChangesCountsTheRowsOfTheLastStatement) {
    for (const char* code : {"A", "B", "C"})
        addPatient(code, 1950);
    sql::Statement update(*m_db, "UPDATE patient SET name = ? WHERE code <> ?");
    update.bind(1, "renamed");
    update.bind(2, "B");
    EXPECT_EQ(update.exec(), 2);
    sql::Statement remove(*m_db, "DELETE FROM patient WHERE code = 'nobody'");
    EXPECT_EQ(remove.exec(), 0);
}

TEST_P(SqlConnectionTest, LastInsertIdIsTheNewRowsKey) {
    const std::int64_t first = addPatient("A", 1950);
    const std::int64_t second = addPatient("B", 1950);
    EXPECT_NE(first, second);
    sql::Statement select(*m_db, "SELECT id FROM patient WHERE code = 'B'");
    ASSERT_TRUE(select.executeStep());
    EXPECT_EQ(select.getColumn(0).getInt64(), second);
}

TEST_P(SqlConnectionTest, SavepointsUndoInnerWorkAndRollbackUndoesAll) {
    EXPECT_FALSE(m_db->inTransaction());
    m_db->begin();
    EXPECT_TRUE(m_db->inTransaction());
    addPatient("kept", 1950);
    m_db->exec("SAVEPOINT inner_work");
    addPatient("undone", 1950);
    m_db->exec("ROLLBACK TO inner_work");
    m_db->exec("RELEASE inner_work");
    m_db->exec("COMMIT");
    EXPECT_FALSE(m_db->inTransaction());
    EXPECT_EQ(m_db->execAndGet("SELECT code FROM patient").getString(), "kept");

    m_db->begin();
    addPatient("rolled back", 1950);
    m_db->exec("ROLLBACK");
    EXPECT_EQ(count("patient"), 1);
}

TEST_P(SqlConnectionTest, AFailedStatementIsUndoneToTheSavepointBeforeIt) {
    m_db->begin();
    addPatient("A", 1950);
    m_db->exec("SAVEPOINT attempt");
    EXPECT_EQ(errorKindOf([&] { addPatient("A", 1950); }), ErrorKind::Constraint);
    m_db->exec("ROLLBACK TO attempt");
    m_db->exec("RELEASE attempt");
    addPatient("B", 1950);
    m_db->exec("COMMIT");
    EXPECT_EQ(count("patient"), 2);
}

TEST_P(SqlConnectionTest, ConstraintsRefuseRowsAsConstraintErrors) {
    const std::int64_t id = addPatient("A", 1950);
    const auto run = [&](const std::string& sql) {
        return errorKindOf([&] { sql::Statement(*m_db, sql).exec(); });
    };
    EXPECT_EQ(run("INSERT INTO patient (code) VALUES ('A')"), ErrorKind::Constraint);              // UNIQUE
    EXPECT_EQ(run("INSERT INTO patient (code, weight) VALUES ('B', -1)"), ErrorKind::Constraint);  // CHECK
    EXPECT_EQ(run("INSERT INTO patient (code) VALUES (NULL)"), ErrorKind::Constraint);             // NOT NULL
    EXPECT_EQ(run("INSERT INTO visit (patient_id) VALUES (" + std::to_string(id + 100) + ")"),  // foreign key
              ErrorKind::Constraint);
    EXPECT_EQ(count("patient"), 1);
    EXPECT_EQ(count("visit"), 0);
}

TEST_P(SqlConnectionTest, SyntaxErrorsAndMissingTablesAreOtherErrors) {
    EXPECT_EQ(errorKindOf([&] { sql::Statement(*m_db, "SELEC 1").exec(); }), ErrorKind::Other);
    EXPECT_EQ(errorKindOf([&] { sql::Statement(*m_db, "SELECT * FROM no_such_table").exec(); }),
              ErrorKind::Other);
    EXPECT_EQ(errorKindOf([&] { m_db->exec("CREATE TABL x (y)"); }), ErrorKind::Other);
    EXPECT_EQ(count("patient"), 0);  // the connection goes on
}

TEST_P(SqlConnectionTest, ASecondWriterWaitsThenGetsBusy) {
    const std::unique_ptr<sql::Connection> other = open(200);
    m_db->begin();
    addPatient("A", 1950);
    EXPECT_EQ(errorKindOf([&] { other->begin(); }), ErrorKind::Busy);
    EXPECT_FALSE(other->inTransaction());  // nothing left half-begun
    m_db->exec("COMMIT");
    other->begin();  // the first writer is done
    EXPECT_EQ(other->execAndGet("SELECT count(*) FROM patient").getInt(), 1);
    other->exec("COMMIT");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqlConnectionTest, ::testing::Values(sql::Engine::Sqlite));
INSTANTIATE_TEST_SUITE_P(Postgresql, SqlConnectionTest, ::testing::Values(sql::Engine::Postgresql));

}  // namespace
}  // namespace ankylos::storage
