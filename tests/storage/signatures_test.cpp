// Signing visits and readings (storage/signatures.h): on a server with the signer's password checked by
// the server and the roles it enforces, on a file with the user's name; a change after signing leaves
// the signature on the version it covered, and signed data is deleted only by a physician.
#include "storage/signatures.h"

#include <gtest/gtest.h>

#include "clinic_accounts.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using Record = core::SignOff::Record;

/// A patient with a visit and a read film, entered on db.
struct Entered {
    std::int64_t patient = 0;
    std::int64_t visit = 0;
    std::int64_t reading = 0;
};

Entered enter(Database& db) {
    test::registerReaders(db, {"Dr. Chen"});
    Entered e;
    e.patient = PatientRepository(db).add(test::fullPatient());
    e.visit = VisitRepository(db).add(e.patient, test::fullVisit(Date(2020, 5, 4)));
    const auto film = FilmRepository(db).addFilm(e.patient, Date(2020, 5, 4));
    e.reading = FilmRepository(db).addReading(film, test::fullReading("Dr. Chen"));
    return e;
}

std::vector<core::SignOff> historySignOffs(Database& db, std::int64_t patient) {
    return HistoryReader(db).load(patient)->signOffs;
}

class SignaturesPostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_clinic.emplace();
        m_record = enter(m_clinic->owner());
    }
    std::unique_ptr<Database> as(Role role) { return m_clinic->openAs(role); }
    void sign(Database& db, Record record, std::int64_t row,
              const std::string& password = test::ClinicAccounts::kPassword) {
        const std::string table = record == Record::Visit ? "visit" : "reading";
        // The version the person opened the record at (a researcher could not read it: the owner does).
        SignatureRepository(db).sign(record, row, auditVersion(m_clinic->owner(), table, row), password);
    }

    std::optional<test::ClinicAccounts> m_clinic;
    Entered m_record;
};

TEST_F(SignaturesPostgresql, APhysicianSignsAVisitWithTheirPasswordAndTheTrailAndHistoryShowIt) {
    const auto physician = as(Role::Physician);
    sign(*physician, Record::Visit, m_record.visit);
    const auto signOffs = historySignOffs(*physician, m_record.patient);
    ASSERT_EQ(signOffs.size(), 1u);
    EXPECT_EQ(signOffs[0].record, Record::Visit);
    EXPECT_EQ(signOffs[0].date, Date(2020, 5, 4));
    EXPECT_EQ(signOffs[0].signer, m_clinic->account(Role::Physician));
    EXPECT_EQ(signOffs[0].meaning, "reviewed and approved");
    EXPECT_TRUE(signOffs[0].passwordConfirmed);
    EXPECT_TRUE(signOffs[0].current);
    EXPECT_EQ(signOffs[0].signedAt.size(), 20u);
    const auto trail = auditRowsFor(*physician, AuditAction::Insert);
    EXPECT_EQ(trail.back().table, "signature");
    EXPECT_EQ(trail.back().user, m_clinic->account(Role::Physician));
    EXPECT_NE(trail.back().newValues.find(R"("meaning":"reviewed and approved")"), std::string::npos);
}

TEST_F(SignaturesPostgresql, AWrongPasswordOrTheWrongRoleSignsNothing) {
    const auto physician = as(Role::Physician);
    const std::int64_t before = auditRowCount(*physician);
    EXPECT_THROW(sign(*physician, Record::Visit, m_record.visit, "not my password"), WrongPassword);
    EXPECT_THROW(sign(*physician, Record::Visit, m_record.visit, ""), core::ValidationError);
    EXPECT_THROW(sign(*as(Role::Nurse), Record::Visit, m_record.visit), NotPermitted);
    EXPECT_THROW(sign(*as(Role::Nurse), Record::Reading, m_record.reading), NotPermitted);
    EXPECT_THROW(sign(*as(Role::Researcher), Record::Visit, m_record.visit), NotPermitted);
    // A server that lets the account in without a password cannot confirm who signs (the test server
    // trusts its superuser, the owner).
    try {
        sign(m_clinic->owner(), Record::Visit, m_record.visit);
        FAIL() << "signed without a password check";
    } catch (const NotPermitted& e) {
        EXPECT_NE(std::string(e.what()).find("cannot confirm a signature"), std::string::npos) << e.what();
    }
    EXPECT_EQ(auditRowCount(*physician), before);
    EXPECT_TRUE(historySignOffs(*physician, m_record.patient).empty());
    // psql under the nurse's account cannot sign either, nor in another's name.
    const auto psql = m_clinic->psqlAs(Role::Nurse);
    try {
        psql->exec(
            "INSERT INTO signature (table_name, row_id, version, signer, signed_at, meaning, method) "
            "VALUES ('visit', " +
            std::to_string(m_record.visit) +
            ", 1, 'someone', 'now', "
            "'reviewed and approved', 'password')");
        FAIL() << "a nurse wrote a signature";
    } catch (const sql::Error& e) {
        EXPECT_EQ(e.kind(), sql::ErrorKind::NotPermitted) << e.what();
    }
}

TEST_F(SignaturesPostgresql, AReaderSignsAReading) {
    sign(*as(Role::Reader), Record::Reading, m_record.reading);
    const auto signOffs = SignatureRepository(m_clinic->owner()).of(Record::Reading, m_record.reading);
    ASSERT_EQ(signOffs.size(), 1u);
    EXPECT_EQ(signOffs[0].reader, "Dr. Chen");
    EXPECT_EQ(signOffs[0].signer, m_clinic->account(Role::Reader));
}

TEST_F(SignaturesPostgresql, AChangeAfterSigningNeedsAReasonKeepsTheSignedVersionAndANewSignature) {
    sign(*as(Role::Physician), Record::Visit, m_record.visit);
    // The same version again is refused.
    EXPECT_THROW(sign(*as(Role::Physician), Record::Visit, m_record.visit), core::ValidationError);
    const auto nurse = as(Role::Nurse);
    core::Visit changed = test::fullVisit(Date(2020, 5, 4));
    changed.notes = "corrected CRP unit";
    EXPECT_THROW(VisitRepository(*nurse).update(m_record.visit, changed, ""), core::ValidationError);
    VisitRepository(*nurse).update(m_record.visit, changed, "typing error on the lab sheet");
    auto signOffs = historySignOffs(*nurse, m_record.patient);
    ASSERT_EQ(signOffs.size(), 1u);
    EXPECT_FALSE(signOffs[0].current) << "the signature covers the version before the change";
    // The signed version stays in the trail: the change's row holds it as its old values.
    const auto visitRows = auditRowsFor(*nurse, "visit", m_record.visit);
    EXPECT_EQ(visitRows.back().reason, "typing error on the lab sheet");
    EXPECT_EQ(visitRows.back().oldValues.find("corrected CRP unit"), std::string::npos);
    sign(*as(Role::Physician), Record::Visit, m_record.visit);
    signOffs = historySignOffs(*nurse, m_record.patient);
    ASSERT_EQ(signOffs.size(), 2u);
    EXPECT_FALSE(signOffs[0].current);
    EXPECT_TRUE(signOffs[1].current);
}

TEST_F(SignaturesPostgresql, SignedDataIsDeletedOnlyByAPhysicianAndSignaturesNeverChange) {
    sign(*as(Role::Physician), Record::Visit, m_record.visit);
    const auto nurse = as(Role::Nurse);
    const std::int64_t before = auditRowCount(*nurse);
    try {
        VisitRepository(*nurse).remove(m_record.visit, "entered twice");
        FAIL() << "a nurse deleted a signed visit";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("only a physician may delete signed data"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(PatientRepository(*nurse).remove(m_record.patient, "withdrew consent"), StorageError);
    EXPECT_EQ(auditRowCount(*nurse), before);
    for (const char* change : {"UPDATE signature SET signer = 'x'", "DELETE FROM signature"}) {
        EXPECT_THROW(m_clinic->psqlAs(Role::Physician)->exec(change), sql::Error) << change;
        EXPECT_THROW(sql::connectionOf(m_clinic->owner()).exec(change), sql::Error) << change;
    }
    VisitRepository(*as(Role::Physician)).remove(m_record.visit, "entered twice");
    EXPECT_TRUE(historySignOffs(*nurse, m_record.patient).empty())
        << "the visit is gone; the trail keeps both";
}

TEST_F(SignaturesPostgresql, AResearcherSeesSignOffsOnTheShiftedDates) {
    sign(*as(Role::Physician), Record::Visit, m_record.visit);
    const auto researcher = m_clinic->openAs(Role::Researcher, Open::ReadOnly);
    const auto signOffs = historySignOffs(*researcher, m_record.patient);
    ASSERT_EQ(signOffs.size(), 1u);
    EXPECT_NE(signOffs[0].date, Date(2020, 5, 4));
    EXPECT_LE(std::abs((signOffs[0].date - Date(2020, 5, 4)).days()), 180);
}

TEST(Signatures, OnAFileTheUsersNameSignsAndSignaturesNeverChange) {
    test::TempDir dir;
    Database db(dir.path() / "clinic.db", "dr.li", Open::CreateNew);
    const Entered e = enter(db);
    SignatureRepository(db).sign(Record::Visit, e.visit, auditVersion(db, "visit", e.visit), "");
    SignatureRepository(db).sign(Record::Reading, e.reading, auditVersion(db), "");
    const auto signOffs = historySignOffs(db, e.patient);
    ASSERT_EQ(signOffs.size(), 2u);
    EXPECT_EQ(signOffs[0].signer, "dr.li");
    EXPECT_FALSE(signOffs[0].passwordConfirmed) << "a file has no passwords";
    EXPECT_EQ(signOffs[1].record, Record::Reading);
    // Opened before a change, the record cannot be signed as it was then.
    const std::int64_t opened = auditVersion(db);
    FilmRepository(db).updateReading(e.reading, test::fullReading("Dr. Chen", 1), "re-read");
    EXPECT_THROW(SignatureRepository(db).sign(Record::Reading, e.reading, opened, ""), ChangedSinceOpened);
    EXPECT_FALSE(historySignOffs(db, e.patient)[1].current);
    EXPECT_THROW(sql::connectionOf(db).exec("DELETE FROM signature"), sql::Error);
    EXPECT_THROW(sql::connectionOf(db).exec("UPDATE signature SET signer = 'x'"), sql::Error);
    EXPECT_THROW(SignatureRepository(db).sign(Record::Visit, 999, auditVersion(db), ""),
                 core::ValidationError);
}

}  // namespace
}  // namespace ankylos::storage
