// Opening a database on a PostgreSQL server (server_database.cpp): what is refused, with which
// message, and that a refusal changes nothing. Runs on the test run's throwaway server.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "postgres_test_database.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/patient_repository.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::storage {
namespace {

class ServerDatabasePostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_database.emplace();
    }
    std::string location() const { return m_database->uri(); }
    sql::PostgresConnection raw() const { return sql::PostgresConnection(location(), 5000); }
    /// The message opening location in mode gives; empty when it opened.
    std::string refusal(const std::string& where, Open mode = Open::ReadWrite) {
        try {
            Database db(where, "dr.li", mode);
        } catch (const IncompatibleDatabase& e) {
            return e.what();
        }
        return "";
    }
    int tables() {
        return raw()
            .execAndGet(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
            .getInt();
    }

    std::optional<test::PostgresTestDatabase> m_database;
};

TEST_F(ServerDatabasePostgresql, AnEmptyDatabaseIsRefusedUntilInitAndInitCreatesTheSchema) {
    const std::string message = refusal(location());
    EXPECT_NE(message.find("it is empty. `ankylos-cli init " + location()), std::string::npos) << message;
    EXPECT_EQ(tables(), 0);
    {
        Database db(location(), "dr.li", Open::CreateNew);
        EXPECT_TRUE(db.onServer());
        PatientRepository(db).add([] {
            core::Patient p;
            p.clinicId = "AS-1";
            p.name = "王小明";
            p.sex = core::Sex::Male;
            p.birth = core::Date(1980, 1, 1);
            return p;
        }());
    }
    Database reopened(location(), "dr.wu");
    ASSERT_EQ(PatientRepository(reopened).count(), 1);
    const auto id = PatientRepository(reopened).idOf("AS-1");
    ASSERT_TRUE(id);
    EXPECT_EQ(PatientRepository(reopened).find(*id)->patient.name, "王小明");
    const std::string again = refusal(location(), Open::CreateNew);
    EXPECT_NE(again.find("the database is not empty"), std::string::npos) << again;
}

TEST_F(ServerDatabasePostgresql, AnotherProgramsDatabaseAndANewerSchemaAreRefusedUntouched) {
    raw().exec("CREATE TABLE invoices (id integer); INSERT INTO invoices VALUES (7)");
    std::string message = refusal(location());
    EXPECT_NE(message.find("not an Ankylos database"), std::string::npos) << message;
    message = refusal(location(), Open::CreateNew);
    EXPECT_NE(message.find("not empty"), std::string::npos) << message;
    EXPECT_EQ(tables(), 1);
    EXPECT_EQ(raw().execAndGet("SELECT id FROM invoices").getInt(), 7);

    raw().exec("DROP TABLE invoices");
    { Database created(location(), "dr.li", Open::CreateNew); }
    raw().exec("UPDATE ankylos_database SET schema_version = 99");
    message = refusal(location());
    EXPECT_NE(message.find("newer version of Ankylos (database version 99"), std::string::npos) << message;
}

TEST_F(ServerDatabasePostgresql, APasswordInTheLocationIsRefusedWithoutShowingIt) {
    std::string withPassword = location();
    withPassword.replace(withPassword.find("://") + 3, 0, "postgres:s3cret@");
    withPassword.replace(withPassword.find("postgres@"), 9, "");  // postgres:s3cret@127.0.0.1...
    const std::string message = refusal(withPassword);
    EXPECT_NE(message.find("PGPASSWORD"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST_F(ServerDatabasePostgresql, ADatabaseNotInUtf8IsRefused) {
    const std::string name = m_database->name() + "_ascii";
    const std::string server = *test::PostgresTestDatabase::serverUri();
    sql::PostgresConnection(server, 5000)
        .exec("CREATE DATABASE " + name +
              " ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
    const std::string where = location().substr(0, location().rfind('/') + 1) + name;
    const std::string message = refusal(where, Open::CreateNew);
    sql::PostgresConnection(server, 5000).exec("DROP DATABASE " + name + " WITH (FORCE)");
    EXPECT_NE(message.find("its encoding is SQL_ASCII; Ankylos needs UTF8"), std::string::npos) << message;
}

}  // namespace
}  // namespace ankylos::storage
