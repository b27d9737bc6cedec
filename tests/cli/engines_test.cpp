// ankylos-cli on both engines at once: the same demo exports the same bytes from a database file and
// from a database on a PostgreSQL server (a postgresql:// location). The server is the test run's
// throwaway cluster (ctest's fixture "postgres").
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cli_engine.h"
#include "cli_runner.h"

namespace ankylos::test {
namespace {

// The commands themselves run on both engines in their own tests (db_commands_test.cpp, demo_test.cpp,
// output_files_test.cpp); this holds what compares the engines with each other.

/// The same demo seed, written to a file and to a server, exports the same bytes in every format.
TEST(PostgresqlAndSqlite, TheSameDemoExportsTheSameBytes) {
    storage::test::TempDir files;
    const auto file = [&](const std::string& name) { return (files.path() / name).string(); };
    storage::test::EngineLocation sqlite(Engine::Sqlite);
    storage::test::EngineLocation server(Engine::Postgresql);
    std::ofstream(file("project.key"), std::ios::binary) << "a project key of 32 bytes, 0123";
    const std::vector<std::string> formats = {"visits", "csv-long", "csv-wide", "progression", "redcap"};
    for (const auto* location : {&sqlite, &server}) {
        const std::string db = location->path().string();
        const std::string tag = location == &sqlite ? "sqlite" : "server";
        runCliOk({"init", db});
        runCliOk({"demo", db, "--patients", "60", "--seed", "11"});
        for (const std::string& format : formats) {
            // The visit format is the identified interchange file; the research formats are keyed.
            const std::vector<std::string> identity =
                format == "visits" ? std::vector<std::string>{"--identified"}
                                   : std::vector<std::string>{"--key-file", file("project.key")};
            std::vector<std::string> command = {"export", db,      "--format",
                                                format,   "--out", file(tag + "-" + format + ".csv")};
            command.insert(command.end(), identity.begin(), identity.end());
            runCliOk(command);
        }
    }
    for (const std::string& format : formats) {
        SCOPED_TRACE(format);
        const std::string fromFile = readFile(file("sqlite-" + format + ".csv"));
        EXPECT_GT(fromFile.size(), 1000u);
        EXPECT_TRUE(fromFile == readFile(file("server-" + format + ".csv"))) << "the exports differ";
    }
}

}  // namespace
}  // namespace ankylos::test
