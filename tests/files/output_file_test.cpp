#include "files/output_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <set>

#include "core/validation.h"

namespace ankylos::files::test {

namespace {

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ankylos-files-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
        m_oldUmask = ::umask(022);  // the usual umask: files would be 0644 without care
    }
    void TearDown() override {
        ::umask(m_oldUmask);
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    fs::path path(const std::string& name) const { return m_dir / name; }
    static void write(const fs::path& file, const std::string& text) {
        std::ofstream(file, std::ios::binary) << text;
    }
    static std::string read(const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    std::set<std::string> names() const {
        std::set<std::string> found;
        for (const auto& entry : fs::directory_iterator(m_dir))
            found.insert(entry.path().filename().string());
        return found;
    }
    static unsigned mode(const fs::path& file) {
        struct stat info {};
        EXPECT_EQ(::stat(file.c_str(), &info), 0) << file;
        return info.st_mode & 0777;
    }
    /// A file that starts like every SQLite database, and the open "database" of the policies.
    fs::path database() const {
        const fs::path db = path("clinic.db");
        write(db, std::string("SQLite format 3\0rest of the page", 32));
        return db;
    }
    std::string refusalMessage(const fs::path& target, const OutputPolicy& policy) {
        try {
            checkOutput(target, policy);
        } catch (const core::ValidationError& e) {
            return e.what();
        }
        return "";
    }

    fs::path m_dir;
    mode_t m_oldUmask = 022;
};

TEST_F(OutputFileTest, TheOpenDatabaseIsRefusedUnderEverySpellingAndWithItsCompanions) {
    const fs::path db = database();
    OutputPolicy policy;
    policy.database = db;
    policy.overwrite = true;  // even --force never allows these
    fs::create_symlink(db, path("link.csv"));
    fs::create_directory(path("sub"));
    for (const fs::path& target :
         {db, m_dir / "sub" / ".." / "clinic.db", m_dir / "." / "clinic.db", path("link.csv"),
          path("clinic.db-wal"), path("clinic.db-shm"), path("clinic.db.key"), path("clinic.db.head")}) {
        EXPECT_EQ(findRefusal(target, policy), Refusal::OpenDatabase) << target;
        EXPECT_THROW(OutputFile(target, policy), core::ValidationError) << target;
    }
    const std::string message = refusalMessage(path("clinic.db-wal"), policy);
    EXPECT_NE(message.find("--out"), std::string::npos) << message;
    EXPECT_NE(message.find("clinic.db-wal"), std::string::npos) << message;
    EXPECT_NE(message.find("a file other than the database"), std::string::npos) << message;
    EXPECT_EQ(names(), (std::set<std::string>{"clinic.db", "link.csv", "sub"})) << "no temporary file left";
}

TEST_F(OutputFileTest, AnySqliteDatabaseIsRefusedEvenWhenOverwritingIsAllowed) {
    const fs::path other = database();
    OutputPolicy policy;
    policy.overwrite = true;
    EXPECT_EQ(findRefusal(other, policy), Refusal::SqliteDatabase);
    EXPECT_NE(refusalMessage(other, policy).find("not an SQLite database"), std::string::npos);
    EXPECT_EQ(read(other), std::string("SQLite format 3\0rest of the page", 32));
}

TEST_F(OutputFileTest, AnExistingFileIsReplacedOnlyWhenAsked) {
    write(path("old.csv"), "older");
    OutputPolicy policy;
    EXPECT_EQ(findRefusal(path("old.csv"), policy), Refusal::Exists);
    EXPECT_NE(refusalMessage(path("old.csv"), policy).find("--force"), std::string::npos);
    EXPECT_EQ(findRefusal(path("new.csv"), policy), std::nullopt);
    EXPECT_EQ(findRefusal(m_dir, policy), Refusal::Directory);

    policy.overwrite = true;
    OutputFile file(path("old.csv"), policy);
    write(file.temp(), "newer");
    EXPECT_EQ(read(path("old.csv")), "older") << "untouched until the commit";
    file.commit();
    EXPECT_EQ(read(path("old.csv")), "newer");
    EXPECT_EQ(names(), std::set<std::string>{"old.csv"});
}

TEST_F(OutputFileTest, FilesArePrivateWhateverTheUmask) {
    OutputFile file(path("out.csv"), {});
    EXPECT_EQ(file.temp().parent_path(), m_dir) << "beside the target, so the rename stays on one disk";
    std::ofstream(file.temp(), std::ios::binary | std::ios::trunc) << "data";
    EXPECT_EQ(mode(file.temp()), 0600u);
    file.commit();
    EXPECT_EQ(mode(path("out.csv")), 0600u);
}

TEST_F(OutputFileTest, AnUncommittedFileLeavesNothingAndTheOlderFileUntouched) {
    write(path("report.pdf"), "older");
    {
        OutputPolicy policy;
        policy.overwrite = true;
        OutputFile file(path("report.pdf"), policy);
        write(file.temp(), "half");
    }
    EXPECT_EQ(read(path("report.pdf")), "older");
    EXPECT_EQ(names(), std::set<std::string>{"report.pdf"});
}

TEST_F(OutputFileTest, ADatabaseAppearingUnderTheNameBeforeTheCommitIsNotReplaced) {
    OutputPolicy policy;
    policy.overwrite = true;
    OutputFile file(path("late.db"), policy);
    write(file.temp(), "export");
    write(path("late.db"), std::string("SQLite format 3\0", 16));
    EXPECT_THROW(file.commit(), core::ValidationError);
    EXPECT_EQ(read(path("late.db")), std::string("SQLite format 3\0", 16));
}

TEST_F(OutputFileTest, AMissingFolderIsRefusedNamingTheOption) {
    OutputPolicy policy;
    policy.option = "--out";
    try {
        OutputFile file(path("no-such-folder") / "x.csv", policy);
        FAIL() << "a missing folder must be refused";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("--out"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("no-such-folder"), std::string::npos) << e.what();
    }
}

TEST_F(OutputFileTest, ASetIsCommittedTogetherAndRolledBackToTheOlderFiles) {
    write(path("a.csv"), "older a");
    OutputPolicy policy;
    policy.overwrite = true;
    {
        OutputFileSet set(policy);
        write(set.add(path("a.csv")), "new a");
        write(set.add(path("a.codebook.csv")), "new codebook");
        EXPECT_EQ(set.temp(path("a.codebook.csv")).parent_path(), m_dir);
        set.commit();
        EXPECT_EQ(read(path("a.csv")), "new a");
        set.rollback();  // e.g. the audit row could not be written
    }
    EXPECT_EQ(read(path("a.csv")), "older a");
    EXPECT_EQ(names(), std::set<std::string>{"a.csv"}) << "the new files go, the older one comes back";

    {
        OutputFileSet set(policy);
        write(set.add(path("a.csv")), "new a");
        write(set.add(path("a.codebook.csv")), "new codebook");
        set.commit();
    }
    EXPECT_EQ(read(path("a.csv")), "new a");
    EXPECT_EQ(names(), (std::set<std::string>{"a.csv", "a.codebook.csv"})) << "no kept older copy left";
}

TEST_F(OutputFileTest, ASetWithOneRefusedFileRenamesNone) {
    write(path("b.csv"), "older b");
    OutputFileSet set({});
    write(set.add(path("new.csv")), "new");
    EXPECT_THROW(set.add(path("b.csv")), core::ValidationError);
    EXPECT_EQ(read(path("b.csv")), "older b");
    fs::remove(set.temp(path("new.csv")));  // the disk lost it: the commit must fail, renaming nothing
    EXPECT_THROW(set.commit(), OutputError);
    EXPECT_EQ(names(), std::set<std::string>{"b.csv"});
}

}  // namespace
}  // namespace ankylos::files::test
