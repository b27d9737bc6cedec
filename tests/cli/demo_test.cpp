// `ankylos-cli demo`, end to end on a file and on a server: all or nothing at every size, so a demo
// killed half-way leaves an empty database that a second demo fills.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli_engine.h"
#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

class CliDemo : public CliOnEngine {
protected:
    /// What the database takes on disk, uncommitted rows included: a file and its write-ahead log; a
    /// server database's files.
    std::uintmax_t storedBytes() const {
        if (onServer())
            return std::stoull(queryText(m_db, "SELECT pg_database_size(current_database())"));
        std::uintmax_t size = 0;
        for (const fs::path& file : {fs::path(m_db), fs::path(m_db + "-wal")}) {
            std::error_code missing;
            const std::uintmax_t bytes = fs::file_size(file, missing);
            size += missing ? 0 : bytes;
        }
        return size;
    }
};

TEST_P(CliDemo, ADemoKilledHalfWayLeavesNoPatientAndASecondDemoSucceeds) {
    runCliOk({"init", m_db});
    const std::uintmax_t initialised = storedBytes();

    // Killed well past the first batch of 500 patients (8.5 MB in a file, 13 MB on a server) and long
    // before the end: 3000 patients make about 50 MB in a file, 1000 about 26 MB on a server (which writes
    // them three times slower).
    const std::string patients = onServer() ? "1000" : "3000";
    const std::uintmax_t killAt = (onServer() ? 17u : 20u) * 1024 * 1024;
    const int pid = startCli({"demo", m_db, "--patients", patients, "--seed", "11"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (storedBytes() - initialised < killAt && std::chrono::steady_clock::now() < deadline &&
           waitpid(pid, nullptr, WNOHANG) == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(onServer() ? 20 : 5));
    kill(pid, SIGKILL);
    ASSERT_EQ(waitCli(pid), 128 + SIGKILL) << "the demo should have been killed while running";

    EXPECT_EQ(countRows(m_db, "patient"), 0) << "a killed demo leaves no partial cohort";
    EXPECT_EQ(countRows(m_db, "visit"), 0);
    const CliResult again = runCli({"demo", m_db, "--patients", "50", "--seed", "11"});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(countRows(m_db, "patient"), 50) << "the second demo found the database empty and filled it";
    // The summary counts what was written, the low-dose CT scans too.
    const std::string scans = std::to_string(countRows(m_db, "ct_scan"));
    EXPECT_NE(countRows(m_db, "ct_scan"), 0);
    EXPECT_NE(again.out.find(", " + scans + " low-dose CT scans, " +
                             std::to_string(countRows(m_db, "ct_reading")) + " CTSS readings\n"),
              std::string::npos)
        << again.out;
}

ANKYLOS_ON_BOTH_ENGINES(CliDemo);

}  // namespace
}  // namespace ankylos::test
