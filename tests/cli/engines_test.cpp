// ankylos-cli on either engine: the same commands on a database file and on a database on a
// PostgreSQL server (a postgresql:// location) behave alike, and the same demo exports the same bytes
// from both. The server is the test run's throwaway cluster (ctest's fixture "postgres").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "engine_database.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;
using storage::sql::Engine;

class CliEngines : public ::testing::TestWithParam<Engine> {
protected:
    std::string path(const std::string& name) const { return (m_files.path() / name).string(); }

    storage::test::TempDir m_files;
    storage::test::EngineLocation m_location{GetParam()};
    const std::string m_db = m_location.path().string();
};

TEST_P(CliEngines, InitRefusesASecondInitAndCheckFindsANewDatabaseIntact) {
    runCliOk({"init", m_db});
    const CliResult again = runCli({"init", m_db});
    EXPECT_EQ(again.exitCode, 2) << again.out;
    EXPECT_NE(again.err.find(GetParam() == Engine::Sqlite ? "exists already" : "is not empty"),
              std::string::npos)
        << again.err;
    EXPECT_NE(runCliOk({"check", m_db}).out.find(": ok"), std::string::npos);
}

TEST_P(CliEngines, DemoExportImportExportIsIdenticalAndCheckPasses) {
    runCliOk({"init", m_db});
    runCliOk({"demo", m_db, "--patients", "25", "--seed", "7"});
    runCliOk({"export", m_db, "--out", path("first.csv")});
    storage::test::EngineLocation target(GetParam());
    runCliOk({"init", target.path().string()});
    runCliOk({"import", target.path().string(), path("first.csv"), "--user", "nurse.li"});
    runCliOk({"export", target.path().string(), "--out", path("second.csv")});
    EXPECT_EQ(readFile(path("first.csv")), readFile(path("second.csv")));
    EXPECT_NE(runCliOk({"check", m_db}).out.find(": ok"), std::string::npos);
    EXPECT_NE(runCliOk({"check", target.path().string()}).out.find(": ok"), std::string::npos);
}

TEST_P(CliEngines, AnInvalidImportIsRefusedWholeAndChangesNothing) {
    runCliOk({"init", m_db});
    writeFile(path("bad.csv"),
              csvText({{"patient_id", "name", "sex", "birth_date", "hla_b27", "visit_date", "basdai_q1"},
                       {"AS-1", "Wang Li", "M", "1980-01-01", "positive", "2020-01-01", "4"},
                       {"AS-2", "Zhang Wei", "M", "1981-01-01", "positive", "2020-01-01", "11"}}));
    const CliResult refused = runCli({"import", m_db, path("bad.csv")});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("basdai_q1"), std::string::npos) << refused.err;
    runCliOk({"export", m_db, "--out", path("after.csv")});
    const std::string after = readFile(path("after.csv"));
    EXPECT_EQ(after.find("AS-1"), std::string::npos) << "nothing of a refused import is stored";
}

TEST_P(CliEngines, AnotherProgramsDatabaseIsRefused) {
    if (GetParam() == Engine::Sqlite) {
        writeFile(m_db, "not a database\n");
    } else {
        storage::sql::PostgresConnection(m_db, 5000).exec("CREATE TABLE invoices (id integer)");
    }
    const CliResult refused = runCli({"check", m_db});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("not"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find(GetParam() == Engine::Sqlite ? "not a database file" : "another program"),
              std::string::npos)
        << refused.err;
}

ANKYLOS_ON_BOTH_ENGINES(CliEngines);

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
