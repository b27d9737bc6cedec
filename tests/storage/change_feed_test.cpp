// The change feed (change_feed.h): what other clients of a server database committed arrives in
// poll(), this client's own saves and rolled-back saves do not, a lost connection is reported and
// mended; a SQLite file's feed is empty. Server tests run on the test run's throwaway cluster.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "postgres/password_role.h"
#include "postgres_test_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/change_feed.h"
#include "storage/ct_scan_repository.h"
#include "storage/database.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/sql/postgres_connection.h"
#include "storage/transaction.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using test::Date;

/// Polls feed, adding up what arrives, until done says so or five seconds have passed.
Changes pollUntil(ChangeFeed& feed, const std::function<bool(const Changes&)>& done) {
    Changes seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done(seen) && std::chrono::steady_clock::now() < deadline) {
        feed.wait(50);
        seen.add(feed.poll());
    }
    return seen;
}

Changes pollUntilPatient(ChangeFeed& feed, std::int64_t patient) {
    return pollUntil(feed, [patient](const Changes& seen) { return seen.patients.count(patient) > 0; });
}

class ChangeFeedPostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_server.emplace();
        Database(m_server->uri(), "init", Open::CreateNew);
        m_mine.emplace(m_server->uri(), "dr.li");
        m_theirs.emplace(m_server->uri(), "nurse.wang");
    }

    std::optional<test::PostgresTestDatabase> m_server;
    std::optional<Database> m_mine;    ///< this workstation
    std::optional<Database> m_theirs;  ///< another workstation
};

TEST_F(ChangeFeedPostgresql, AnotherClientsSavesArriveAndOwnSavesDoNot) {
    ChangeFeed feed(*m_mine);
    ASSERT_TRUE(feed.active());
    EXPECT_EQ(feed.problem(), "");
    EXPECT_TRUE(feed.poll().empty());

    const std::int64_t mine = PatientRepository(*m_mine).add(test::fullPatient("AS-1"));
    const std::int64_t theirs = PatientRepository(*m_theirs).add(test::minimalWoman("AS-2"));
    Changes seen = pollUntilPatient(feed, theirs);
    EXPECT_EQ(seen.patients, std::set<std::int64_t>{theirs});  // not mine, committed before theirs
    EXPECT_FALSE(seen.anyPatient);
    EXPECT_TRUE(seen.patientListChanged());

    // A visit of a patient names that patient; so does its change and its deletion.
    const std::int64_t visit = VisitRepository(*m_theirs).add(mine, test::fullVisit(Date(2024, 5, 6)));
    EXPECT_EQ(pollUntilPatient(feed, mine).patients, std::set<std::int64_t>{mine});
    core::Visit changed = test::fullVisit(Date(2024, 5, 6));
    changed.patientGlobal = 9.0;
    VisitRepository(*m_theirs).update(visit, changed, "typing error");
    EXPECT_EQ(pollUntilPatient(feed, mine).patients, std::set<std::int64_t>{mine});
    VisitRepository(*m_theirs).remove(visit, "entered twice");
    EXPECT_EQ(pollUntilPatient(feed, mine).patients, std::set<std::int64_t>{mine});

    // The other workstation's feed sees this one's saves.
    ChangeFeed theirFeed(*m_theirs);
    PatientRepository(*m_mine).update(mine, test::fullPatient("AS-1", "王伟明"), "name misspelt");
    EXPECT_EQ(pollUntilPatient(theirFeed, mine).patients, std::set<std::int64_t>{mine});
    const std::int64_t marker = PatientRepository(*m_theirs).add(test::minimalWoman("AS-3"));
    EXPECT_EQ(pollUntilPatient(feed, marker).patients, std::set<std::int64_t>{marker});  // not mine
}

TEST_F(ChangeFeedPostgresql, ACtScanAndEachOfItsReadingsNameTheirPatient) {
    const std::int64_t patient = PatientRepository(*m_mine).add(test::fullPatient("AS-1"));
    test::registerReaders(*m_mine, {"Dr. Chen", "Dr. Rossi"});
    ChangeFeed feed(*m_mine);
    CtScanRepository scans(*m_theirs);
    const std::int64_t scan = scans.addScan(patient, test::ctScan(Date(2022, 5, 4)));
    EXPECT_EQ(pollUntilPatient(feed, patient).patients, std::set<std::int64_t>{patient});
    const std::int64_t reading = scans.addReading(scan, test::fullCtssReading("Dr. Chen"));
    EXPECT_EQ(pollUntilPatient(feed, patient).patients, std::set<std::int64_t>{patient});
    scans.updateReading(reading, test::fullCtssReading("Dr. Chen", 1), "re-read");
    EXPECT_EQ(pollUntilPatient(feed, patient).patients, std::set<std::int64_t>{patient});
    scans.removeScan(scan, "wrong patient");
    const Changes seen = pollUntilPatient(feed, patient);
    EXPECT_EQ(seen.patients, std::set<std::int64_t>{patient});
    EXPECT_FALSE(seen.anyPatient);
}

TEST_F(ChangeFeedPostgresql, AnImageAttachedOrRemovedNamesTheFilmsPatient) {
    const std::int64_t patient = PatientRepository(*m_mine).add(test::fullPatient("AS-1"));
    const std::int64_t film = FilmRepository(*m_mine).addFilm(patient, Date(2024, 3, 15));
    ChangeFeed feed(*m_mine);
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x10\0\0\0\0", 29);
    const std::int64_t image = FilmImageRepository(*m_theirs).attach(film, "lateral.png", png);
    Changes seen = pollUntilPatient(feed, patient);
    EXPECT_EQ(seen.patients, std::set<std::int64_t>{patient});
    EXPECT_FALSE(seen.anyPatient);
    FilmImageRepository(*m_theirs).remove(image, "wrong film");
    seen = pollUntilPatient(feed, patient);
    EXPECT_EQ(seen.patients, std::set<std::int64_t>{patient});
    EXPECT_FALSE(seen.anyPatient);
}

TEST_F(ChangeFeedPostgresql, ARolledBackSaveAnnouncesNothing) {
    ChangeFeed feed(*m_mine);
    {
        Transaction abandoned(*m_theirs);
        PatientRepository(*m_theirs).add(test::fullPatient("AS-1"));
    }  // rolled back
    EXPECT_EQ(PatientRepository(*m_theirs).count(), 0);
    const std::int64_t marker = PatientRepository(*m_theirs).add(test::minimalWoman("AS-2"));
    const Changes seen = pollUntilPatient(feed, marker);
    EXPECT_EQ(seen.patients, std::set<std::int64_t>{marker});
    EXPECT_FALSE(seen.anyPatient);
}

TEST_F(ChangeFeedPostgresql, ALostConnectionIsReportedThenMendedAndEveryoneCountsAsChanged) {
    ChangeFeed feed(*m_mine, std::chrono::milliseconds(0));
    ASSERT_EQ(feed.problem(), "");
    sql::PostgresConnection admin(m_server->uri(), 5000);
    const int listener = admin
                             .execAndGet(
                                 "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND query LIKE 'LISTEN%'")
                             .getInt();
    ASSERT_NE(listener, 0);
    admin.exec("SELECT pg_terminate_backend(" + std::to_string(listener) + ")");
    std::string problem;
    pollUntil(feed, [&](const Changes&) { return !(problem = feed.problem()).empty(); });
    EXPECT_NE(problem.find("connection"), std::string::npos) << problem;

    // Saved while the feed was not listening, so not announced to it: it says anyone may have changed.
    PatientRepository(*m_theirs).add(test::fullPatient("AS-1"));
    const Changes seen = pollUntil(feed, [](const Changes& seen) { return seen.anyPatient; });
    EXPECT_TRUE(seen.anyPatient);
    EXPECT_EQ(feed.problem(), "");
    const std::int64_t next = PatientRepository(*m_theirs).add(test::minimalWoman("AS-2"));
    EXPECT_EQ(pollUntilPatient(feed, next).patients, std::set<std::int64_t>{next});
}

TEST_F(ChangeFeedPostgresql, AnImportNamesNoPatientSoEveryoneMayHaveChanged) {
    ChangeFeed feed(*m_mine);
    // As importHistories ends: one audit row for the whole import, with no row id.
    Transaction transaction(*m_theirs);
    appendAudit(*m_theirs, "nurse.wang",
                {"visit", std::nullopt, AuditAction::Import, nullptr, {{"source", "visits.csv"}}, ""});
    transaction.commit();
    EXPECT_TRUE(pollUntil(feed, [](const Changes& seen) { return seen.anyPatient; }).anyPatient);
}

TEST(ChangeFeedPostgresqlPassword, TheFeedConnectsWithThePasswordTheDatabaseWasOpenedWith) {
    if (!test::PostgresTestDatabase::serverUri())
        GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
    test::PostgresTestDatabase server;
    const ankylos::test::PasswordRole role(server);
    Database(role.uri(), "init", Open::CreateNew, ankylos::test::PasswordRole::kPassword);
    Database mine(role.uri(), "dr.li", Open::ReadWrite, ankylos::test::PasswordRole::kPassword);
    Database theirs(role.uri(), "nurse.wang", Open::ReadWrite, ankylos::test::PasswordRole::kPassword);
    ChangeFeed feed(mine);
    EXPECT_EQ(feed.problem(), "");
    const std::int64_t added = PatientRepository(theirs).add(test::fullPatient());
    EXPECT_EQ(pollUntilPatient(feed, added).patients, std::set<std::int64_t>{added});
}

TEST(ChangeFeed, AFileHasNoOtherClientsSoItsFeedIsEmpty) {
    test::TempDir dir;
    Database mine(dir / "clinic.db", "dr.li", Open::CreateNew);
    Database other(dir / "clinic.db", "nurse.wang");
    ChangeFeed feed(mine);
    EXPECT_FALSE(feed.active());
    PatientRepository(other).add(test::fullPatient());
    feed.wait(100);
    EXPECT_TRUE(feed.poll().empty());
    EXPECT_EQ(feed.problem(), "");
}

}  // namespace
}  // namespace ankylos::storage
