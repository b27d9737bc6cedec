// The files `ankylos-cli export` and `report` write, end to end: never the database or any SQLite
// file, an existing file only with --force, every refusal exit 2 with every byte unchanged, and
// every file written private (0600) whatever the umask.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

class OutputFiles : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ankylos-cli-out-" + std::to_string(getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = path("clinic.db");
        ok({"init", m_db});
        ok({"demo", m_db, "--patients", "4", "--seed", "3"});
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    CliResult ok(const std::vector<std::string>& arguments) {
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 0) << result.err;
        return result;
    }
    /// Runs a command that must be refused: exit 2, nothing on stdout, every fragment in the message.
    void expectRefused(const std::vector<std::string>& arguments, const std::vector<std::string>& fragments) {
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments[0] << " " << arguments.back() << ": " << result.err;
        EXPECT_EQ(result.out, "");
        for (const std::string& fragment : fragments)
            EXPECT_NE(result.err.find(fragment), std::string::npos)
                << "'" << fragment << "' not in: " << result.err;
    }
    /// Every file in the folder with its bytes: what a refusal must leave exactly as it was.
    std::map<std::string, std::string> snapshot() const {
        std::map<std::string, std::string> files;
        for (const auto& entry : fs::directory_iterator(m_dir))
            if (entry.is_regular_file())
                files[entry.path().filename().string()] = read(entry.path());
        return files;
    }
    static std::string read(const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    static void write(const fs::path& file, const std::string& text) {
        std::ofstream(file, std::ios::binary) << text;
    }

    fs::path m_dir;
    std::string m_db;
};

const std::vector<std::string> kResearch = {"--format", "csv-long", "--identified"};

TEST_F(OutputFiles, TheOpenDatabaseIsRefusedUnderEverySpelling) {
    fs::create_symlink(m_db, path("link.csv"));
    fs::create_directory(path("sub"));
    const auto before = snapshot();
    for (const std::string& out : {m_db, path("sub/../clinic.db"), path("./clinic.db"), path("link.csv"),
                                   m_db + "-wal", m_db + ".key", m_db + ".head"}) {
        expectRefused({"export", m_db, "--out", out}, {"--out", out, "a file other than the database"});
        expectRefused({"export", m_db, "--out", out, "--force"}, {"--out", out});
        expectRefused({"report", m_db, "--cohort", "--out", out, "--force"},
                      {"--out", out, "a file other than the database"});
    }
    EXPECT_EQ(snapshot(), before) << "every byte unchanged";
}

TEST_F(OutputFiles, AnySqliteDatabaseIsRefusedEvenWithForceAndAsACompanionFile) {
    const std::string other = path("other.db");
    ok({"init", other});
    fs::copy_file(other, path("cohort.codebook.csv"));
    const auto before = snapshot();
    expectRefused({"export", m_db, "--out", other, "--force"}, {"--out", other, "not an SQLite database"});
    expectRefused({"report", m_db, "--cohort", "--out", other, "--force"}, {"--out", other});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv"), "--force"};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    expectRefused(research, {"--out", path("cohort.codebook.csv"), "not an SQLite database"});
    EXPECT_EQ(snapshot(), before) << "no file of the export written, the databases untouched";
}

TEST_F(OutputFiles, AnExistingFileIsReplacedOnlyWithForce) {
    write(path("visits.csv"), "older visits");
    write(path("cohort.pdf"), "older pdf");
    write(path("cohort.manifest.json"), "older manifest");
    const auto before = snapshot();
    expectRefused({"export", m_db, "--out", path("visits.csv")}, {"--out", path("visits.csv"), "--force"});
    expectRefused({"report", m_db, "--cohort", "--out", path("cohort.pdf")},
                  {"--out", path("cohort.pdf"), "--force"});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv")};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    expectRefused(research, {path("cohort.manifest.json"), "--force"});  // a companion file exists
    EXPECT_EQ(snapshot(), before);

    ok({"export", m_db, "--out", path("visits.csv"), "--force"});
    EXPECT_NE(read(path("visits.csv")).find("patient_id,name"), std::string::npos) << "replaced by the export";
    ok({"report", m_db, "--cohort", "--out", path("cohort.pdf"), "--force"});
    EXPECT_EQ(read(path("cohort.pdf")).rfind("%PDF", 0), 0u);
    research.push_back("--force");
    ok(research);
    EXPECT_NE(read(path("cohort.manifest.json")).find("\"files\""), std::string::npos);
    for (const auto& entry : fs::directory_iterator(m_dir))
        EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left: " << entry.path();
}

TEST_F(OutputFiles, EveryFileWrittenIsPrivateWhateverTheUmask) {
    const mode_t old = ::umask(022);  // the usual umask: the command inherits it
    ok({"export", m_db, "--out", path("visits.csv")});
    std::vector<std::string> research = {"export", m_db, "--out", path("cohort.csv")};
    research.insert(research.end(), kResearch.begin(), kResearch.end());
    ok(research);
    ok({"export", m_db, "--out", path("stat.sav"), "--format", "sav", "--identified"});
    ok({"report", m_db, "--cohort", "--out", path("cohort.pdf")});
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

}  // namespace
}  // namespace ankylos::test
