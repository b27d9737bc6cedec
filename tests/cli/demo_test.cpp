// `ankylos-cli demo`, end to end: all or nothing at every size, so a demo killed half-way leaves
// an empty database that a second demo fills.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

/// Counts rows with the sqlite3 command-line tool: an outside view of the file.
int sqliteCount(const fs::path& db, const std::string& table) {
    const std::string command = "sqlite3 '" + db.string() + "' \"SELECT count(*) FROM " + table + "\"";
    FILE* pipe = popen(command.c_str(), "r");
    int n = -1;
    if (pipe && std::fscanf(pipe, "%d", &n) != 1)
        n = -1;
    if (pipe)
        pclose(pipe);
    return n;
}

std::uintmax_t sizeOf(const fs::path& file) {
    std::error_code missing;
    const std::uintmax_t size = fs::file_size(file, missing);
    return missing ? 0 : size;
}

TEST(CliDemo, ADemoKilledHalfWayLeavesNoPatientAndASecondDemoSucceeds) {
    const fs::path dir = fs::temp_directory_path() / ("ankylos-cli-demo-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path db = dir / "demo.db";
    ASSERT_EQ(runCli({"init", db.string()}).exitCode, 0);

    // 3000 patients (about 50 MB), well above one batch of 500 (about 8.5 MB). Killed once the
    // database and its write-ahead log hold 20 MB (some 1200 patients written), long before the end.
    const int pid = startCli({"demo", db.string(), "--patients", "3000", "--seed", "11"});
    const fs::path wal = db.string() + "-wal";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (sizeOf(db) + sizeOf(wal) < 20u * 1024 * 1024 && std::chrono::steady_clock::now() < deadline &&
           waitpid(pid, nullptr, WNOHANG) == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(pid, SIGKILL);
    ASSERT_EQ(waitCli(pid), 128 + SIGKILL) << "the demo should have been killed while running";

    EXPECT_EQ(sqliteCount(db, "patient"), 0) << "a killed demo leaves no partial cohort";
    EXPECT_EQ(sqliteCount(db, "visit"), 0);
    const CliResult again = runCli({"demo", db.string(), "--patients", "200", "--seed", "11"});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(sqliteCount(db, "patient"), 200) << "the second demo found the file empty and filled it";
    fs::remove_all(dir);
}

}  // namespace
}  // namespace ankylos::test
