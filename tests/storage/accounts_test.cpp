// People's accounts on a server database (storage/accounts.h): an administrator adds, changes, disables
// and enables them, each change with its audit row; bad input is refused naming the field, changing
// nothing; signing in records the account the server authenticated.
#include "storage/accounts.h"

#include <gtest/gtest.h>

#include "clinic_accounts.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;

class AccountsPostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << test::PostgresTestDatabase::kHowToRun;
        m_clinic.emplace();
    }
    std::string nurse() const { return m_clinic->account(Role::Nurse); }
    /// The message of the core::ValidationError that change throws; the trail must keep its length.
    std::string refusal(const std::function<void()>& change) {
        const std::int64_t before = auditRowCount(m_clinic->owner());
        try {
            change();
        } catch (const core::ValidationError& e) {
            EXPECT_EQ(auditRowCount(m_clinic->owner()), before);
            return e.what();
        }
        ADD_FAILURE() << "not refused";
        return "";
    }
    Account listed(const std::string& name) {
        for (const Account& account : AccountRepository(m_clinic->owner()).list())
            if (account.name == name)
                return account;
        ADD_FAILURE() << name << " is not listed";
        return {};
    }

    std::optional<test::ClinicAccounts> m_clinic;
};

TEST_F(AccountsPostgresql, AnAccountSignsInWithItsPasswordAndTheTrailNamesIt) {
    const auto db = m_clinic->openAs(Role::Nurse);
    EXPECT_EQ(db->user(), nurse());
    const auto id = PatientRepository(*db).add(test::fullPatient());
    EXPECT_EQ(auditRowsFor(*db, "patient", id).at(0).user, nurse());
    // A name given by the caller is not what the trail records on a server.
    Database typed(m_clinic->uriOf(nurse()), "dr.somebody.else", Open::ReadWrite,
                   test::ClinicAccounts::kPassword);
    EXPECT_EQ(typed.user(), nurse());
    EXPECT_THROW(Database(m_clinic->uriOf(nurse()), "", Open::ReadWrite, "wrong password"), WrongPassword);
}

TEST_F(AccountsPostgresql, TheAdministratorChangesRolesDisablesAndEnablesWithAuditRows) {
    const auto admin = m_clinic->openAs(Role::Administrator);
    AccountRepository accounts(*admin);
    accounts.setRoles(nurse(), {Role::Nurse, Role::Reader}, "also reads films");
    EXPECT_EQ(listed(nurse()).roles, (std::vector<Role>{Role::Nurse, Role::Reader}));
    EXPECT_EQ(m_clinic->openAs(Role::Nurse)->roles(), (std::vector<Role>{Role::Nurse, Role::Reader}));

    accounts.setEnabled(nurse(), false, "left the clinic");
    EXPECT_FALSE(listed(nurse()).enabled);
    try {
        m_clinic->openAs(Role::Nurse);
        FAIL() << "a disabled account signed in";
    } catch (const IncompatibleDatabase& e) {
        EXPECT_NE(std::string(e.what()).find("the account is disabled"), std::string::npos) << e.what();
    }
    accounts.setEnabled(nurse(), true, "came back");
    accounts.setPassword(nurse(), "a new secret 9", "forgotten");
    EXPECT_EQ(Database(m_clinic->uriOf(nurse()), "", Open::ReadOnly, "a new secret 9").user(), nurse());

    const std::vector<AuditRow> trail = auditRowsFor(*admin, AuditAction::Update);
    ASSERT_EQ(trail.size(), 4u);
    EXPECT_EQ(trail[0].user, admin->user());
    EXPECT_EQ(trail[0].reason, "also reads films");
    EXPECT_EQ(trail[0].oldValues, R"({"account":")" + nurse() + R"(","roles":["nurse"]})");
    EXPECT_EQ(trail[0].newValues, R"({"account":")" + nurse() + R"(","roles":["nurse","reader"]})");
    EXPECT_EQ(trail[1].reason, "left the clinic");
    EXPECT_EQ(trail[3].newValues, R"({"account":")" + nurse() + R"(","password":"changed"})");
    EXPECT_EQ(trail[3].newValues.find("a new secret"), std::string::npos);
}

TEST_F(AccountsPostgresql, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
    AccountRepository accounts(m_clinic->owner());
    const std::string password = "long enough 1";
    EXPECT_NE(refusal([&] { accounts.add("Dr Li", password, {Role::Physician}); }).find("account: Dr Li"),
              std::string::npos);
    EXPECT_NE(refusal([&] { accounts.add("ankylos_nurse", password, {Role::Nurse}); }).find("ankylos_"),
              std::string::npos);
    EXPECT_NE(refusal([&] { accounts.add(nurse(), password, {Role::Nurse}); }).find("no account of yet"),
              std::string::npos);
    EXPECT_NE(refusal([&] { accounts.add("new.person", password, {}); }).find("at least one of"),
              std::string::npos);
    EXPECT_NE(
        refusal([&] { accounts.add("new.person", "short", {Role::Nurse}); }).find("at least 8 characters"),
        std::string::npos);
    EXPECT_NE(
        refusal([&] { accounts.add("new.person", "new.person", {Role::Nurse}); }).find("account's name"),
        std::string::npos);
    EXPECT_NE(refusal([&] { accounts.setRoles("nobody", {Role::Nurse}, "x"); }).find(nurse()),
              std::string::npos);
    EXPECT_NE(refusal([&] { accounts.setEnabled(nurse(), false, " "); }).find("reason"), std::string::npos);
    EXPECT_TRUE(listed(nurse()).enabled);
    // The server's own accounts are not Ankylos's to change.
    EXPECT_NE(refusal([&] { accounts.setEnabled("postgres", false, "x"); }).find("account: postgres"),
              std::string::npos);
}

TEST_F(AccountsPostgresql, OnlyAnAdministratorManagesAccounts) {
    for (Role role : {Role::Physician, Role::Nurse, Role::Reader, Role::Researcher}) {
        const auto db = m_clinic->openAs(role);
        try {
            AccountRepository accounts(*db);
            FAIL() << toString(role) << " may manage accounts";
        } catch (const NotPermitted& e) {
            EXPECT_NE(std::string(e.what()).find("only an administrator may"), std::string::npos) << e.what();
        }
    }
}

TEST_F(AccountsPostgresql, TwoPeopleSavingOneVisitTheSecondIsToldWhoChangedIt) {
    const auto physician = m_clinic->openAs(Role::Physician);
    const auto id = PatientRepository(*physician).add(test::fullPatient());
    const auto visit = VisitRepository(*physician).add(id, test::fullVisit(Date(2020, 5, 4)));
    const std::int64_t opened = auditVersion(*physician, "visit", visit);
    core::Visit byNurse = test::fullVisit(Date(2020, 5, 4));
    byNurse.notes = "from the lab sheet";
    VisitRepository(*m_clinic->openAs(Role::Nurse)).update(visit, byNurse, "lab sheet");
    try {
        VisitRepository(*physician).update(visit, test::fullVisit(Date(2020, 5, 4)), "review", false, opened);
        FAIL() << "a stale save went through";
    } catch (const ChangedSinceOpened& e) {
        EXPECT_NE(std::string(e.what()).find("was changed by " + nurse() + " at "), std::string::npos)
            << e.what();
    }
}

TEST(Accounts, ADatabaseFileHasNone) {
    test::TempDir dir;
    Database db(dir.path() / "clinic.db", "dr.li", Open::CreateNew);
    EXPECT_EQ(db.roles(), allRoles());  // a file cannot enforce roles
    EXPECT_THROW(AccountRepository accounts(db), IncompatibleDatabase);
    EXPECT_EQ(parseRole("nurse"), Role::Nurse);
    EXPECT_THROW(parseRole("boss"), core::ValidationError);
}

}  // namespace
}  // namespace ankylos::storage
