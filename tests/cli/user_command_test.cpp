// `ankylos-cli user ...` against the test run's server, signed in as people are (their passwords in
// PGPASSWORD), and what a researcher's export holds: no name, clinic ID or real date, whatever is asked.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "clinic_accounts.h"
#include "sample_records.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::test {
namespace {

using storage::Role;
using storage::test::TempDir;

class UserCommandPostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!storage::test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << storage::test::PostgresTestDatabase::kHowToRun;
        m_clinic.emplace();
        ::setenv("PGPASSWORD", storage::test::ClinicAccounts::kPassword, 1);
    }
    void TearDown() override { ::unsetenv("PGPASSWORD"); }
    std::string as(Role role) const { return m_clinic->uriOf(m_clinic->account(role)); }

    std::optional<storage::test::ClinicAccounts> m_clinic;
};

TEST_F(UserCommandPostgresql, AnAdministratorAddsListsChangesAndDisablesAccounts) {
    const std::string admin = as(Role::Administrator);
    const std::string name = "li.na" + m_clinic->account(Role::Nurse).substr(5);
    runCliOk({"user", "add", admin, name, "--role", "nurse"}, "her own password\n");
    ::setenv("PGPASSWORD", "her own password", 1);
    EXPECT_EQ(runCli({"check", m_clinic->uriOf(name)}).exitCode, 0) << "the new account signs in";
    ::setenv("PGPASSWORD", storage::test::ClinicAccounts::kPassword, 1);

    runCliOk({"user", "role", admin, name, "--role", "nurse", "--role", "reader", "--reason", "reads films"});
    runCliOk({"user", "disable", admin, name, "--reason", "left the clinic"});
    const nlohmann::json listed = nlohmann::json::parse(runCliOk({"user", "list", admin, "--json"}).out);
    const auto found =
        std::find_if(listed.begin(), listed.end(), [&](const auto& a) { return a["account"] == name; });
    ASSERT_NE(found, listed.end()) << listed.dump();
    EXPECT_EQ((*found)["roles"], nlohmann::json({"nurse", "reader"}));
    EXPECT_EQ((*found)["enabled"], false);
    ::setenv("PGPASSWORD", "her own password", 1);  // the right password, for a disabled account
    const CliResult disabled = runCli({"check", m_clinic->uriOf(name)});
    EXPECT_EQ(disabled.exitCode, 2);
    EXPECT_NE(disabled.err.find("the account is disabled"), std::string::npos) << disabled.err;
    storage::sql::PostgresConnection(m_clinic->ownerUri(), 5000).exec("DROP ROLE \"" + name + "\"");
}

TEST_F(UserCommandPostgresql, BadInputAndAccountsWithoutTheRightExit2ChangingNothing) {
    const std::string admin = as(Role::Administrator);
    const CliResult nurse = runCli({"user", "list", as(Role::Nurse)});
    EXPECT_EQ(nurse.exitCode, 2);
    EXPECT_NE(nurse.err.find("may not manage accounts: only an administrator may"), std::string::npos)
        << nurse.err;
    const CliResult role = runCli({"user", "add", admin, "new.person", "--role", "boss"}, "long enough 1\n");
    EXPECT_EQ(role.exitCode, 2);
    EXPECT_NE(role.err.find("role: boss"), std::string::npos) << role.err;
    const CliResult noPassword = runCli({"user", "add", admin, "new.person", "--role", "nurse"});
    EXPECT_EQ(noPassword.exitCode, 2);
    EXPECT_NE(noPassword.err.find("password"), std::string::npos) << noPassword.err;
    const CliResult noReason = runCli({"user", "disable", admin, m_clinic->account(Role::Nurse)});
    EXPECT_EQ(noReason.exitCode, 2);
    // The list is the whole server's: other tests' accounts come and go in it meanwhile.
    const nlohmann::json listed = nlohmann::json::parse(runCliOk({"user", "list", admin, "--json"}).out);
    for (const auto& account : listed) {
        EXPECT_NE(account["account"], "new.person");
        if (account["account"] == m_clinic->account(Role::Nurse)) {
            EXPECT_EQ(account["enabled"], true);
        }
    }

    TempDir dir;
    runCliOk({"init", (dir.path() / "clinic.db").string()});
    const CliResult file = runCli({"user", "list", (dir.path() / "clinic.db").string()});
    EXPECT_EQ(file.exitCode, 2);
    EXPECT_NE(file.err.find("has no accounts"), std::string::npos) << file.err;
}

TEST_F(UserCommandPostgresql, AResearchersExportHoldsNoIdentifierWhateverIsAsked) {
    storage::Database& owner = m_clinic->owner();
    core::Patient patient = storage::test::fullPatient("AS-7777", "Zhang Identifiable");
    const auto id = storage::PatientRepository(owner).add(patient);
    core::Visit visit = storage::test::fullVisit(core::Date(2020, 3, 17));
    visit.labs.resize(1);  // the visits format holds one value per analyte and one DXA device
    visit.bmd.resize(1);
    storage::VisitRepository(owner).add(id, visit);
    storage::FilmRepository(owner).addFilm(id, core::Date(2020, 3, 17));
    TempDir dir;
    writeFile((dir.path() / "project.key").string(), std::string(32, 'k'));
    const std::string researcher = as(Role::Researcher);
    const std::vector<std::vector<std::string>> exports = {
        {"--format", "visits", "--identified"},
        {"--format", "csv-long", "--identified"},
        {"--format", "csv-wide", "--key-file", (dir.path() / "project.key").string()},
    };
    for (const auto& options : exports) {
        const std::string out = (dir.path() / (options[1] + ".csv")).string();
        std::vector<std::string> arguments = {"export", researcher, "--out", out};
        arguments.insert(arguments.end(), options.begin(), options.end());
        runCliOk(arguments);
        const std::string text = readFile(out);
        SCOPED_TRACE(options[1]);
        EXPECT_GT(text.size(), 100u);
        for (const std::string& identifier :
             {std::string("Zhang Identifiable"), std::string("AS-7777"), core::toIsoString(patient.birth),
              std::string("2020-03-17"), patient.notes})
            if (!identifier.empty()) {
                EXPECT_EQ(text.find(identifier), std::string::npos) << identifier << " in\n" << text;
            }
    }
}

}  // namespace
}  // namespace ankylos::test
