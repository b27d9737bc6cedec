// `ankylos-cli migrate SOURCE DEST` and `backup` of a server database, run as a clinic's IT person
// would: a file's clinic onto the server and back, the same bytes exported from all three, `check`
// clean; refused destinations exit 2 naming them and keep what they held. Tests named *Postgresql*
// run on the test run's throwaway server (ctest's fixture "postgres").
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_engine.h"
#include "cli_runner.h"
#include "postgres/password_role.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class MigrateCommand : public CliOnFile {
protected:
    /// The identified visit export of db, written to name: the whole clinic as text.
    std::string exported(const std::string& db, const std::string& name) {
        runCliOk({"export", db, "--format", "visits", "--identified", "--out", path(name)});
        return readFile(path(name));
    }

    /// A demo clinic in a file.
    std::string demoClinic() {
        runCliOk({"init", path("clinic.db")});
        runCliOk({"demo", path("clinic.db"), "--patients", "25", "--seed", "7"});
        return path("clinic.db");
    }
};

TEST_F(MigrateCommand, AFileToANewFileIsCountedAndChecked) {
    const std::string source = demoClinic();
    const CliResult result = runCliOk({"migrate", source, path("copy.db")});
    EXPECT_TRUE(has(result.out, "Copied " + source + " to " + path("copy.db"))) << result.out;
    EXPECT_TRUE(has(result.out, "site_score")) << result.out;
    EXPECT_TRUE(has(result.out, path("copy.db") + ": ok")) << result.out;
    EXPECT_FALSE(has(result.out, "DIFFERS")) << result.out;
    EXPECT_TRUE(fs::exists(path("copy.db.key")));
    EXPECT_EQ(exported(source, "source.csv"), exported(path("copy.db"), "copy.csv"));
    EXPECT_TRUE(has(runCliOk({"check", path("copy.db")}).out, ": ok"));
}

TEST_F(MigrateCommand, BadInputExitsTwoNamingWhatAndWhy) {
    const std::string source = demoClinic();
    const CliResult missing = runCli({"migrate", path("nowhere.db"), path("copy.db")});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(has(missing.err, path("nowhere.db") + ": there is no such file")) << missing.err;

    const CliResult same = runCli({"migrate", source, source});
    EXPECT_EQ(same.exitCode, 2);
    EXPECT_TRUE(has(same.err, "another database than the source")) << same.err;

    writeFile(path("taken.db"), "");
    const CliResult taken = runCli({"migrate", source, path("taken.db")});
    EXPECT_EQ(taken.exitCode, 2);
    EXPECT_TRUE(has(taken.err, path("taken.db")) && has(taken.err, "does not exist yet")) << taken.err;
    EXPECT_EQ(readFile(path("taken.db")), "");

    const CliResult backupToServer = runCli({"backup", source, "postgresql://li@127.0.0.1:1/clinic"});
    EXPECT_EQ(backupToServer.exitCode, 2);
    EXPECT_TRUE(has(backupToServer.err, "`migrate`")) << backupToServer.err;
    for (const CliResult* refused : {&missing, &same, &taken})
        EXPECT_EQ(refused->out, "");
    EXPECT_FALSE(fs::exists(path("copy.db")));
}

TEST_F(MigrateCommand, PostgresqlAClinicGoesToTheServerAndBackWithTheSameExport) {
    const std::string source = demoClinic();
    storage::test::EngineLocation server(Engine::Postgresql);
    const std::string uri = server.path().string();
    const CliResult there = runCliOk({"migrate", source, uri});
    EXPECT_TRUE(has(there.out, uri + ": ok")) << there.out;
    EXPECT_TRUE(has(there.out, "kept in the database itself")) << there.out;
    runCliOk({"migrate", uri, path("back.db")});
    const std::string before = exported(source, "source.csv");
    EXPECT_GT(before.size(), 1000u);
    EXPECT_EQ(before, exported(uri, "server.csv"));
    EXPECT_EQ(before, exported(path("back.db"), "back.csv"));
    EXPECT_EQ(readFile(path("back.db.key")), readFile(source + ".key"));
    EXPECT_TRUE(has(runCliOk({"check", uri}).out, ": ok"));
    EXPECT_TRUE(has(runCliOk({"check", path("back.db")}).out, ": ok"));
}

TEST_F(MigrateCommand, PostgresqlBackupOfAServerDatabaseWritesAnAnkylosFile) {
    storage::test::EngineLocation server(Engine::Postgresql);
    const std::string uri = server.path().string();
    runCliOk({"init", uri});
    runCliOk({"demo", uri, "--patients", "25", "--seed", "7"});
    const CliResult backup = runCliOk({"backup", uri, path("backup.db")});
    EXPECT_TRUE(has(backup.out, "Backed up " + uri + " to " + path("backup.db"))) << backup.out;
    EXPECT_TRUE(has(backup.out, path("backup.db") + ": ok")) << backup.out;
    for (const std::string companion : {".key", ".head"})
        EXPECT_TRUE(fs::exists(path("backup.db") + companion)) << companion;
    EXPECT_EQ(exported(uri, "server.csv"), exported(path("backup.db"), "backup.csv"));

    const CliResult again = runCli({"backup", uri, path("backup.db")});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_TRUE(has(again.err, path("backup.db"))) << again.err;
}

TEST_F(MigrateCommand, PostgresqlANonEmptyServerDatabaseIsRefusedAndKept) {
    const std::string source = demoClinic();
    storage::test::EngineLocation server(Engine::Postgresql);
    const std::string uri = server.path().string();
    runCliOk({"init", uri});
    const std::string before = exported(uri, "before.csv");
    const CliResult refused = runCli({"migrate", source, uri});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(has(refused.err, uri + ": the database is not empty")) << refused.err;
    EXPECT_EQ(exported(uri, "after.csv"), before);
    EXPECT_TRUE(has(runCliOk({"check", uri}).out, ": ok"));
}

TEST_F(MigrateCommand, PostgresqlAWrongPasswordIsRefusedNamingTheServer) {
    const std::string source = demoClinic();
    storage::test::PostgresTestDatabase database;
    const PasswordRole role(database);
    ::setenv("PGPASSWORD", "not it", 1);
    const CliResult refused = runCli({"migrate", source, role.uri()});
    ::unsetenv("PGPASSWORD");
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(has(refused.err, "cannot connect to " + role.uri())) << refused.err;
    EXPECT_TRUE(has(refused.err, "password authentication failed")) << refused.err;
}

}  // namespace
}  // namespace ankylos::test
