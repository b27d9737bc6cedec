// The files `ankylos-cli export` and `report` write, end to end: never the database or any SQLite
// file, an existing file only with --force, every refusal exit 2 with every byte unchanged, and
// every file written private (0600) whatever the umask. From a database file and from a server
// database alike, except where the output names the database file itself.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "cli_engine.h"
#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

/// Runs a command that must be refused: exit 2, nothing on stdout, every fragment in the message.
void expectRefused(const std::vector<std::string>& arguments, const std::vector<std::string>& fragments) {
    const CliResult result = runCli(arguments);
    EXPECT_EQ(result.exitCode, 2) << arguments[0] << " " << arguments.back() << ": " << result.err;
    EXPECT_EQ(result.out, "");
    for (const std::string& fragment : fragments)
        EXPECT_NE(result.err.find(fragment), std::string::npos)
            << "'" << fragment << "' not in: " << result.err;
}

/// Every file in folder with its bytes: what a refusal must leave exactly as it was.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file())
            files[entry.path().filename().string()] = readFile(entry.path().string());
    return files;
}

/// A demo clinic of 4 patients in db.
void makeDemo(const std::string& db) {
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "4", "--seed", "3"});
}

/// A demo database on the engine of the parameter.
class OutputFiles : public CliOnEngine {
protected:
    void SetUp() override { makeDemo(m_db); }
};

/// A demo database file in the test's folder, which an output may name in many ways.
class OutputFilesOnFile : public CliOnFile {
protected:
    void SetUp() override { makeDemo(m_db); }

    const std::string m_db = path("clinic.db");
};

const std::vector<std::string> kResearch = {"--format", "csv-long", "--identified"};

// Files only: a server database is no file an output could name.
TEST_F(OutputFilesOnFile, TheOpenDatabaseIsRefusedUnderEverySpelling) {
    fs::create_symlink(m_db, path("link.csv"));
    fs::create_directory(path("sub"));
    const auto before = snapshot(m_files.path());
    for (const std::string& out : {m_db, path("sub/../clinic.db"), path("./clinic.db"), path("link.csv"),
                                   m_db + "-wal", m_db + ".key", m_db + ".head"}) {
        expectRefused({"export", m_db, "--out", out}, {"--out", out, "a file other than the database"});
        expectRefused({"export", m_db, "--out", out, "--force"}, {"--out", out});
        expectRefused({"report", m_db, "--cohort", "--out", out, "--force"},
                      {"--out", out, "a file other than the database"});
    }
    EXPECT_EQ(snapshot(m_files.path()), before) << "every byte unchanged";
}

TEST_P(OutputFiles, AnySqliteDatabaseIsRefusedEvenWithForceAndAsACompanionFile) {
    const std::string other = path("other.db");
    runCliOk({"init", other});
    fs::copy_file(other, path("cohort.codebook.csv"));
    const auto before = snapshot(m_files.path());
    expectRefused({"export", m_db, "--out", other, "--force"}, {"--out", other, "not an SQLite database"});
    expectRefused({"report", m_db, "--cohort", "--out", other, "--force"}, {"--out", other});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv"), "--force"};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    expectRefused(research, {"--out", path("cohort.codebook.csv"), "not an SQLite database"});
    EXPECT_EQ(snapshot(m_files.path()), before) << "no file of the export written, the databases untouched";
}

TEST_P(OutputFiles, AnExistingFileIsReplacedOnlyWithForce) {
    writeFile(path("visits.csv"), "older visits");
    writeFile(path("cohort.pdf"), "older pdf");
    writeFile(path("cohort.manifest.json"), "older manifest");
    const auto before = snapshot(m_files.path());
    expectRefused({"export", m_db, "--out", path("visits.csv")}, {"--out", path("visits.csv"), "--force"});
    expectRefused({"report", m_db, "--cohort", "--out", path("cohort.pdf")},
                  {"--out", path("cohort.pdf"), "--force"});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv")};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    expectRefused(research, {path("cohort.manifest.json"), "--force"});  // a companion file exists
    EXPECT_EQ(snapshot(m_files.path()), before);

    runCliOk({"export", m_db, "--out", path("visits.csv"), "--force"});
    EXPECT_NE(readFile(path("visits.csv")).find("patient_id,name"), std::string::npos)
        << "replaced by the export";
    runCliOk({"report", m_db, "--cohort", "--out", path("cohort.pdf"), "--force"});
    EXPECT_EQ(readFile(path("cohort.pdf")).rfind("%PDF", 0), 0u);
    research.push_back("--force");
    runCliOk(research);
    EXPECT_NE(readFile(path("cohort.manifest.json")).find("\"files\""), std::string::npos);
    for (const auto& entry : fs::directory_iterator(m_files.path()))
        EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left: " << entry.path();
}

TEST_P(OutputFiles, EveryFileWrittenIsPrivateWhateverTheUmask) {
    const mode_t old = ::umask(022);  // the usual umask: the command inherits it
    runCliOk({"export", m_db, "--out", path("visits.csv")});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv")};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    runCliOk(research);
    runCliOk({"export", m_db, "--out", path("stat.sav"), "--format", "sav", "--identified"});
    runCliOk({"report", m_db, "--cohort", "--out", path("cohort.pdf")});
    ::umask(old);
    const std::set<std::string> written = {"visits.csv",
                                           "visits.manifest.json",
                                           "cohort.csv",
                                           "cohort.readings.csv",
                                           "cohort.codebook.csv",
                                           "cohort.manifest.json",
                                           "stat.sav",
                                           "stat.codebook.csv",
                                           "stat.manifest.json",
                                           "cohort.pdf"};
    for (const std::string& name : written) {
        struct stat info {};
        ASSERT_EQ(::stat(path(name).c_str(), &info), 0) << name;
        EXPECT_EQ(info.st_mode & 0777, 0600u) << name;
    }
}

ANKYLOS_ON_BOTH_ENGINES(OutputFiles);

}  // namespace
}  // namespace ankylos::test
