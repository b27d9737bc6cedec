// Opening a database on a PostgreSQL server (server_database.cpp): what is refused, with which
// message, and that a refusal changes nothing. Runs on the test run's throwaway server.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "postgres/password_role.h"
#include "postgres_test_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"
#include "storage/sql/postgres_connection.h"
#include "storage/visit_repository.h"

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

TEST_F(ServerDatabasePostgresql, APasswordInTheLocationIsRefusedWithoutShowingIt) {
    std::string withPassword = location();
    withPassword.replace(withPassword.find("://") + 3, 0, "postgres:s3cret@");
    withPassword.replace(withPassword.find("postgres@"), 9, "");  // postgres:s3cret@127.0.0.1...
    const std::string message = refusal(withPassword);
    EXPECT_NE(message.find("PGPASSWORD"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST_F(ServerDatabasePostgresql, AWrongPasswordIsToldApartFromNoPasswordAndFromAMissingDatabase) {
    const ankylos::test::PasswordRole role(*m_database);
    { Database created(role.uri(), "dr.li", Open::CreateNew, ankylos::test::PasswordRole::kPassword); }
    EXPECT_THROW(Database(role.uri(), "dr.li"), PasswordRequired);
    try {
        Database db(role.uri(), "dr.li", Open::ReadWrite, "not it");
        ADD_FAILURE() << "a wrong password opened the database";
    } catch (const WrongPassword& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("did not accept the password"), std::string::npos) << message;
        EXPECT_NE(message.find(role.name()), std::string::npos) << message;
        EXPECT_EQ(message.find("not it"), std::string::npos) << message;
    }
    std::string missing = role.uri();
    missing.replace(missing.rfind('/') + 1, std::string::npos, "no_such_clinic");
    try {
        Database db(missing, "dr.li", Open::ReadWrite, ankylos::test::PasswordRole::kPassword);
        ADD_FAILURE() << "a missing database opened";
    } catch (const WrongPassword& e) {
        ADD_FAILURE() << "a missing database was taken for a wrong password: " << e.what();
    } catch (const IncompatibleDatabase& e) {
        EXPECT_NE(std::string(e.what()).find("\"no_such_clinic\" does not exist"), std::string::npos)
            << e.what();
    }
}

TEST_F(ServerDatabasePostgresql, VerifyFullWithTheServersRootCertificateOpensAnEncryptedSession) {
    const auto cluster = test::PostgresTestDatabase::clusterDir();
    if (!cluster)
        GTEST_SKIP() << test::PostgresTestDatabase::kNoCertificates;
    Database db(m_database->verifiedUri(*cluster / "root.crt"), "dr.li", Open::CreateNew);
    PatientRepository(db).add(test::fullPatient());
    EXPECT_EQ(
        sql::connectionOf(db).execAndGet("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").getInt(),
        1);
}

TEST_F(ServerDatabasePostgresql, VerifyFullAgainstAnotherAuthorityIsRefusedNamingTheRootCertificate) {
    const auto cluster = test::PostgresTestDatabase::clusterDir();
    if (!cluster)
        GTEST_SKIP() << test::PostgresTestDatabase::kNoCertificates;
    const std::string other = (*cluster / "other-root.crt").string();
    const std::string message = refusal(m_database->verifiedUri(other), Open::CreateNew);
    EXPECT_NE(message.find("the server's certificate could not be verified against the root certificate " +
                           other + " (sslrootcert)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("certificate verify failed"), std::string::npos) << "libpq's words, for the log";
    EXPECT_EQ(tables(), 0);
}

/// Waits up to 10 s until a backend of Ankylos on database waits for a lock; its pid, or 0.
int backendWaitingForALock(sql::PostgresConnection& admin, const std::string& database) {
    for (int tries = 0; tries < 500; ++tries) {
        sql::Statement waiting(admin,
                               "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = "
                               "'ankylos' AND wait_event_type = 'Lock'");
        waiting.bind(1, database);
        if (waiting.executeStep())
            return waiting.getColumn(0).getInt();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

TEST_F(ServerDatabasePostgresql,
       AConnectionLostInTheMiddleOfASaveKeepsNothingAndTheSaveGoesThroughWhenTriedAgain) {
    { Database created(location(), "dr.li", Open::CreateNew); }
    Database db(location(), "nurse.wang");
    const std::int64_t patient = PatientRepository(db).add(test::fullPatient());
    core::Visit visit;
    visit.date = core::Date(2024, 3, 1);
    visit.basdai.q1 = 2;
    const std::int64_t visitId = VisitRepository(db).add(patient, visit);
    const std::int64_t auditRows = auditRowCount(db);
    visit.basdai.q1 = 7;

    // The save stops on the visit's row, which another session holds, and its connection is cut there.
    sql::PostgresConnection holder(location(), 5000);
    holder.exec("BEGIN; SELECT id FROM visit WHERE id = " + std::to_string(visitId) + " FOR UPDATE");
    auto save = std::async(std::launch::async,
                           [&] { VisitRepository(db).update(visitId, visit, "typo in fatigue"); });
    sql::PostgresConnection admin(location(), 5000);
    const int pid = backendWaitingForALock(admin, m_database->name());
    ASSERT_NE(pid, 0) << "the save never waited for the row";
    admin.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    holder.exec("ROLLBACK");
    try {
        save.get();
        ADD_FAILURE() << "a save on a lost connection succeeded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("connection to the database server was lost"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(
        raw().execAndGet("SELECT basdai_q1 FROM visit WHERE id = " + std::to_string(visitId)).getDouble(),
        2.0);
    EXPECT_EQ(raw().execAndGet("SELECT count(*) FROM audit_log").getInt64(), auditRows);

    // Saving again connects again: the change and its audit row land once, and the trail checks.
    VisitRepository(db).update(visitId, visit, "typo in fatigue");
    EXPECT_EQ(
        raw().execAndGet("SELECT basdai_q1 FROM visit WHERE id = " + std::to_string(visitId)).getDouble(),
        7.0);
    EXPECT_EQ(auditRowCount(db), auditRows + 1);
    EXPECT_EQ(checkDatabase(db).problems, std::vector<std::string>{});
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

// The server's form of a missing file: nothing listens at the address (another program's database and
// a newer schema are refused on both engines by DatabaseRefuses, database_test.cpp).
TEST_F(ServerDatabasePostgresql, NoServerListeningIsRefusedAndNamed) {
    const std::string nowhere = "postgresql://postgres@127.0.0.1:1/" + m_database->name();
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly, Open::CreateNew}) {
        const std::string message = refusal(nowhere, mode);
        EXPECT_NE(message.find("Ankylos cannot connect to " + nowhere), std::string::npos) << message;
        EXPECT_NE(message.find("Is the server running"), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace ankylos::storage
