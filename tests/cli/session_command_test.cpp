// `ankylos-cli session ...` and `ankylos-cli agreement --session` (issue 15, docs/methods.md 11) on both
// engines: a coordinator creates a blinded session from the cohort, readers work through worklists that
// show no identity or date, readings are transcribed by film code, an adjudicator gets the discordant
// intervals' films, and agreement prints the section-11 figures; bad input exits 2 naming the option.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_engine.h"
#include "cli_runner.h"
#include "sample_records.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"

namespace ankylos::test {
namespace {

/// 24 site scores: `total` sites graded 1, the rest 0 (no syndesmophyte).
std::string ones(int total) {
    std::string scores;
    for (int i = 0; i < 24; ++i)
        scores += std::string(i ? "," : "") + (i < total ? "1" : "0");
    return scores;
}

class SessionCommand : public CliOnEngine {
protected:
    SessionCommand() {
        runCliOk({"init", m_db});
        storage::Database db(m_db, "dr.zhang");
        storage::test::registerReaders(db, {"Reader A", "Reader B"});
        for (const char* id : {"AS-0001", "AS-0002", "AS-0003"}) {
            const std::int64_t patient =
                storage::PatientRepository(db).add(storage::test::fullPatient(id, "王伟"));
            storage::FilmRepository(db).addFilm(patient, core::Date(2020, 3, 15));
            storage::FilmRepository(db).addFilm(patient, core::Date(2022, 3, 15));
        }
    }
    nlohmann::json worklist(const std::string& reader) {
        return nlohmann::json::parse(
            runCliOk({"session", "worklist", m_db, "--session", "S1", "--reader", reader, "--json"}).out);
    }
    /// Each reader reads the films in worklist order; totals per film code come from `totals`.
    void readAll(const std::string& reader, const std::map<std::string, int>& totals) {
        const nlohmann::json list = worklist(reader);  // kept: a range-for would not keep the temporary
        for (const auto& film : list["films"])
            runCliOk({"session", "read", m_db, "--session", "S1", "--reader", reader, "--film", film["code"],
                      "--scores", ones(totals.at(film["code"]))});
    }
};

TEST_P(SessionCommand, ABlindedSessionFromCreationToAdjudication) {
    const CliResult created = runCliOk({"session", "create", m_db, "--name", "S1", "--reader", "reader a",
                                        "--reader", "Reader B", "--seed", "11"});
    EXPECT_NE(
        created.out.find("6 films, 2 readers, paired by patient, order hidden, identity hidden, seed 11"),
        std::string::npos)
        << created.out;
    const CliResult listed =
        runCliOk({"session", "worklist", m_db, "--session", "S1", "--reader", "Reader A"});
    // Blinded: film codes only, no ID, name or date.
    for (const char* secret : {"AS-000", "王伟", "2020", "2022"})
        EXPECT_EQ(listed.out.find(secret), std::string::npos) << secret << " shown in\n" << listed.out;
    EXPECT_NE(listed.out.find("S1-006  to read"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("0 of 6 films read"), std::string::npos);

    // Reader A sees 2 units more on every later film than Reader B; the order within a patient is hidden,
    // so the totals are set per film code from the coordinator's knowledge of the films' dates.
    std::map<std::string, int> a;
    std::map<std::string, int> b;
    const auto codes = worklist("Reader A")["films"];
    for (std::size_t i = 0; i < codes.size(); ++i) {
        a[codes[i]["code"]] = 3 + static_cast<int>(i);
        b[codes[i]["code"]] = 3 + static_cast<int>(i);
    }
    readAll("Reader A", a);
    readAll("Reader B", b);
    EXPECT_EQ(worklist("Reader B")["done"], 6);

    const nlohmann::json agreement =
        nlohmann::json::parse(runCliOk({"agreement", m_db, "--session", "S1", "--json"}).out);
    EXPECT_EQ(agreement["readers"], (nlohmann::json{"Reader A", "Reader B"}));
    EXPECT_EQ(agreement["status"]["n"], 6);
    EXPECT_EQ(agreement["status"]["k"], 2);
    EXPECT_DOUBLE_EQ(agreement["status"]["icc_a1"].get<double>(), 1.0) << "identical scores agree perfectly";
    EXPECT_EQ(agreement["change"]["n"], 3);
    EXPECT_EQ(agreement["intervals"], 3);
    EXPECT_EQ(agreement["discordant"], 0);
    const CliResult text = runCliOk({"agreement", m_db, "--session", "S1"});
    EXPECT_NE(text.out.find("Status scores: n = 6 (0 left out), k = 2; ICC(A,1) 1.000"), std::string::npos)
        << text.out;

    // An adjudicator added to a session without discordance has nothing to read.
    runCliOk({"session", "adjudicator", m_db, "--session", "S1", "--reader", "Dr. Adj", "--register"});
    EXPECT_EQ(worklist("Dr. Adj")["total"], 0);
    const nlohmann::json sessions = nlohmann::json::parse(runCliOk({"session", "list", m_db, "--json"}).out);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0]["readers"].size(), 3u);
    EXPECT_EQ(sessions[0]["seed"], 11);
}

TEST_P(SessionCommand, BadInputExits2NamingTheOptionAndStoresNothing) {
    runCliOk({"session", "create", m_db, "--name", "S1", "--reader", "Reader A", "--reader", "Reader B"});
    struct Case {
        std::vector<std::string> arguments;
        const char* named;
    };
    const std::vector<Case> cases = {
        {{"session", "create", m_db, "--name", "S2", "--reader", "Dr. Nobody"}, "Dr. Nobody"},
        {{"session", "create", m_db, "--name", "S2", "--reader", "Reader A", "--chronology", "random"},
         "known, unknown or paired_hidden"},
        {{"session", "create", m_db, "--name", "S2", "--reader", "Reader A", "--identity", "partly"},
         "--identity"},
        {{"session", "create", m_db, "--name", "S2", "--reader", "Reader A", "--from", "2030-01-01"},
         "at least one film"},
        {{"session", "create", m_db, "--name", "S1", "--reader", "Reader A"}, "a name no other session has"},
        {{"session", "worklist", m_db, "--session", "S9", "--reader", "Reader A"}, "S1"},
        {{"session", "worklist", m_db, "--session", "S1", "--reader", "Reader C"}, "one of the readers"},
        {{"session", "read", m_db, "--session", "S1", "--reader", "Reader A", "--film", "S1-099", "--scores",
          ones(1)},
         "S1-001"},
        {{"session", "read", m_db, "--session", "S1", "--reader", "Reader A", "--film", "S1-001", "--scores",
          "0,1,4"},
         "24"},
        {{"agreement", m_db, "--session", "nope"}, "S1"},
    };
    for (const Case& c : cases) {
        const CliResult result = runCli(c.arguments);
        EXPECT_EQ(result.exitCode, 2) << c.named << ": " << result.out << result.err;
        EXPECT_NE(result.err.find(c.named), std::string::npos) << result.err;
    }
    const nlohmann::json sessions = nlohmann::json::parse(runCliOk({"session", "list", m_db, "--json"}).out);
    EXPECT_EQ(sessions.size(), 1u);
    EXPECT_EQ(worklist("Reader A")["done"], 0);
    EXPECT_EQ(runCli({"check", m_db}).exitCode, 0);
}

ANKYLOS_ON_BOTH_ENGINES(SessionCommand);

}  // namespace
}  // namespace ankylos::test
