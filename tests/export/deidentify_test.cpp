// Study IDs, date shifts and key files of de-identified exports.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <set>

#include "core/validation.h"
#include "export/deidentify.h"
#include "export_fixture.h"

namespace ankylos::exports::test {
namespace {

const ProjectKey kKey(std::string("0123456789abcdef0123456789abcdef"));
const ProjectKey kOtherKey(std::string("0123456789abcdef0123456789abcdeF"));

TEST(Deidentify, SameKeySameStudyIdOtherKeyDifferent) {
    EXPECT_EQ(kKey.studyId("AS-000001"),
              ProjectKey(std::string("0123456789abcdef0123456789abcdef")).studyId("AS-000001"));
    EXPECT_NE(kKey.studyId("AS-000001"), kOtherKey.studyId("AS-000001"));
    EXPECT_NE(kKey.studyId("AS-000001"), kKey.studyId("AS-000002"));
    EXPECT_EQ(kKey.studyId("AS-000001").size(), 14u);
    EXPECT_EQ(kKey.studyId("AS-000001").rfind("S-", 0), 0u);
    EXPECT_EQ(kKey.studyId("AS-000001").find("000001"), std::string::npos);
}

TEST(Deidentify, StudyIdsOfManyPatientsAreDistinct) {
    std::set<std::string> ids;
    for (int i = 0; i < 20000; ++i)
        ids.insert(kKey.studyId("AS-" + std::to_string(i)));
    EXPECT_EQ(ids.size(), 20000u);
}

TEST(Deidentify, DateShiftIsWithin180DaysNeverZeroAndUsesTheWholeRange) {
    int smallest = 0, largest = 0;
    for (int i = 0; i < 5000; ++i) {
        const int shift = kKey.dateShiftDays("AS-" + std::to_string(i));
        ASSERT_NE(shift, 0);
        ASSERT_GE(shift, -180);
        ASSERT_LE(shift, 180);
        smallest = std::min(smallest, shift);
        largest = std::max(largest, shift);
    }
    EXPECT_LT(smallest, -170);
    EXPECT_GT(largest, 170);
    EXPECT_EQ(kKey.dateShiftDays("AS-1"), kKey.dateShiftDays("AS-1"));
}

TEST(Deidentify, ShortOrMissingKeyIsRefusedSayingHowToMakeOne) {
    try {
        ProjectKey(std::string("short"));
        FAIL() << "a 5-byte key was accepted";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("head -c 32 /dev/urandom"), std::string::npos) << e.what();
    }
    try {
        ProjectKey::fromFile("/nonexistent/project.key");
        FAIL() << "a missing key file was accepted";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/project.key"), std::string::npos) << e.what();
    }
}

TEST_F(ExportTest, CreatedKeyFileHolds32RandomBytesForItsOwnerOnlyAndIsNeverReplacedUnasked) {
    const fs::path first = path("made.key");
    createProjectKeyFile(first, false);
    const std::string bytes = readFile(first);
    ASSERT_EQ(bytes.size(), kNewKeyBytes);
    struct stat info {};
    ASSERT_EQ(::stat(first.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "a project key is readable by its owner only";
    EXPECT_NO_THROW(ProjectKey::fromFile(first)) << "the key made is one the export accepts";

    const fs::path second = path("second.key");
    createProjectKeyFile(second, false);
    EXPECT_NE(readFile(second), bytes) << "two keys made are different (random)";

    try {
        createProjectKeyFile(first, false);
        FAIL() << "an existing key file was replaced without asking";
    } catch (const core::ValidationError& e) {
        EXPECT_NE(std::string(e.what()).find(first.string()), std::string::npos) << e.what();
    }
    EXPECT_EQ(readFile(first), bytes) << "the refused write left the old key as it was";
    createProjectKeyFile(first, true);
    EXPECT_EQ(readFile(first).size(), kNewKeyBytes);
    EXPECT_NE(readFile(first), bytes) << "replacing when asked writes a new key";
}

TEST(Deidentify, ReaderPseudonymsAndFingerprintDependOnTheKey) {
    EXPECT_EQ(kKey.readerPseudonym("Reader A"), kKey.readerPseudonym("Reader A"));
    EXPECT_NE(kKey.readerPseudonym("Reader A"), kKey.readerPseudonym("Reader B"));
    EXPECT_NE(kKey.readerPseudonym("Reader A"), kOtherKey.readerPseudonym("Reader A"));
    EXPECT_EQ(kKey.fingerprint().size(), 16u);
    EXPECT_NE(kKey.fingerprint(), kOtherKey.fingerprint());
}

}  // namespace
}  // namespace ankylos::exports::test
