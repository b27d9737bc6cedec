// How every ankylos-cli command opens its DB (app/open_database): a server that wants a password
// gets it from PGPASSWORD or ~/.pgpass, or from a terminal asked once without echo; a script
// without a terminal gets the message saying where the password goes. Tests named *Postgresql* use a
// user of the test run's cluster who must give a password (tests/postgres/password_role.h); they run
// `upgrade`, which opens the database for writing and reads no clinical rows. A location with
// sslmode=verify-full checks the server's certificate against its sslrootcert.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "postgres/password_role.h"

namespace ankylos::test {
namespace {

TEST(OpenDatabase, APasswordInTheLocationIsRefusedAndNeverRepeated) {
    const CliResult result = runCli({"check", "postgresql://li:s3cret@127.0.0.1:1/clinic"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("PGPASSWORD"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("s3cret"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
}

/// Sets an environment variable for the commands this test runs.
void setVariable(const char* name, const std::string& value) {
    ::setenv(name, value.c_str(), 1);
}

class OpenDatabasePostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!storage::test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << storage::test::PostgresTestDatabase::kHowToRun;
        m_server.emplace();
        m_role.emplace(*m_server);
        setVariable("PGPASSWORD", PasswordRole::kPassword);
        const CliResult init = runCli({"init", m_role->uri()});
        ASSERT_EQ(init.exitCode, 0) << init.err;
        ::unsetenv("PGPASSWORD");
    }
    void TearDown() override {
        m_role.reset();  // before its database
        m_server.reset();
    }

    std::optional<storage::test::PostgresTestDatabase> m_server;
    std::optional<PasswordRole> m_role;
};

TEST_F(OpenDatabasePostgresql, WithoutATerminalTheMessageSaysWhereThePasswordGoes) {
    const CliResult result = runCli({"upgrade", m_role->uri()});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("asks for a password"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("PGPASSWORD or ~/.pgpass (mode 0600)"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("Password for"), std::string::npos) << "no prompt without a terminal";
    EXPECT_EQ(result.out, "");
}

TEST_F(OpenDatabasePostgresql, AWrongPasswordGivesTheServersMessage) {
    setVariable("PGPASSWORD", "not it");
    const CliResult result = runCli({"upgrade", m_role->uri()});
    ::unsetenv("PGPASSWORD");
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("password authentication failed"), std::string::npos) << result.err;
}

TEST_F(OpenDatabasePostgresql, ThePasswordFileAnswersForTheUser) {
    const storage::ServerLocation where = *storage::parseServerLocation(m_role->uri());
    const std::string file =
        (std::filesystem::temp_directory_path() / ("ankylos-pgpass-" + m_role->name())).string();
    writeFile(file, where.host + ":" + std::to_string(where.port) + ":" + where.database + ":" + where.user +
                        ":" + PasswordRole::kPassword + "\n");
    std::filesystem::permissions(file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    setVariable("PGPASSFILE", file);
    const CliResult result = runCli({"upgrade", m_role->uri()});
    setVariable("PGPASSFILE", "/nonexistent/ankylos-test-pgpass");
    std::filesystem::remove(file);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("nothing to do"), std::string::npos) << result.out;
}

TEST(OpenDatabaseVerifiedPostgresql, ChecksOverVerifiedSslAndRefusesAnotherAuthoritysRootCertificate) {
    if (!storage::test::PostgresTestDatabase::serverUri())
        GTEST_SKIP() << storage::test::PostgresTestDatabase::kHowToRun;
    const auto cluster = storage::test::PostgresTestDatabase::clusterDir();
    if (!cluster)
        GTEST_SKIP() << storage::test::PostgresTestDatabase::kNoCertificates;
    const storage::test::PostgresTestDatabase server;
    const std::string verified = server.verifiedUri(*cluster / "root.crt");
    runCliOk({"init", verified});
    EXPECT_NE(runCliOk({"check", verified}).out.find(": ok"), std::string::npos);

    const std::string other = (*cluster / "other-root.crt").string();
    const CliResult refused = runCli({"check", server.verifiedUri(other)});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("could not be verified against the root certificate " + other),
              std::string::npos)
        << refused.err;
}

/// What the terminal shows until text appears, the command ends, or 10 s pass.
std::string readUntil(int terminal, const std::string& text) {
    std::string shown;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (shown.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd ready{terminal, POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0)
            continue;
        char buffer[512];
        const ssize_t got = ::read(terminal, buffer, sizeof buffer);
        if (got <= 0)
            break;  // the command ended (EIO on a pseudo-terminal)
        shown.append(buffer, static_cast<std::size_t>(got));
    }
    return shown;
}

TEST_F(OpenDatabasePostgresql, ATerminalIsAskedOnceWithoutEcho) {
    int terminal = -1;
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::execl(ANKYLOS_CLI, ANKYLOS_CLI, "upgrade", m_role->uri().c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const storage::ServerLocation where = *storage::parseServerLocation(m_role->uri());
    const std::string prompt = "Password for " + where.user + "@" + where.host + "/" + where.database + ": ";
    std::string shown = readUntil(terminal, prompt);
    ASSERT_NE(shown.find(prompt), std::string::npos) << shown;
    const std::string answer = std::string(PasswordRole::kPassword) + "\n";
    ASSERT_EQ(::write(terminal, answer.data(), answer.size()), static_cast<ssize_t>(answer.size()));
    shown += readUntil(terminal, std::string(1, '\0'));  // text that never comes: to the end of the output
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(terminal);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << shown;
    EXPECT_NE(shown.find("nothing to do"), std::string::npos) << shown;
    EXPECT_EQ(shown.find(PasswordRole::kPassword), std::string::npos) << "the password was echoed: " << shown;
}

}  // namespace
}  // namespace ankylos::test
