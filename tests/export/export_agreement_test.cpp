// The agreement table of a research export (docs/methods.md 11): one row per reading session and pair
// of its primary readers, with the figures core computes for the session's films in the export.

#include <gtest/gtest.h>

#include <set>

#include "core/session_agreement.h"
#include "export/deidentify.h"
#include "export_fixture.h"
#include "storage/settings_store.h"

namespace ankylos::exports::test {
namespace {

/// A cell as the figure it holds (exports write numbers at full precision), or nullopt when empty.
std::optional<double> figure(const std::string& cell) {
    return cell.empty() ? std::nullopt : std::optional<double>(std::stod(cell));
}

void expectFigure(const std::string& cell, const std::optional<double>& expected, const std::string& name) {
    ASSERT_EQ(figure(cell).has_value(), expected.has_value()) << name << " = \"" << cell << "\"";
    if (expected) {
        EXPECT_DOUBLE_EQ(*figure(cell), *expected) << name;
    }
}

void expectScores(const Csv& csv, std::size_t row, const std::string& prefix,
                  const core::AgreementResult& result) {
    EXPECT_EQ(csv.at(row, prefix + "n"), std::to_string(result.subjects));
    EXPECT_EQ(csv.at(row, prefix + "dropped"), std::to_string(result.dropped));
    expectFigure(csv.at(row, prefix + "icc_a1"), result.iccA1, prefix + "icc_a1");
    expectFigure(csv.at(row, prefix + "icc_ak"), result.iccAk, prefix + "icc_ak");
    expectFigure(csv.at(row, prefix + "sdc"), result.sdc, prefix + "sdc");
    const auto& ba = result.blandAltman;
    expectFigure(csv.at(row, prefix + "mean_difference"),
                 ba ? std::optional<double>(ba->meanDifference) : std::nullopt, prefix + "mean_difference");
    expectFigure(csv.at(row, prefix + "loa_lower"), ba ? std::optional<double>(ba->loaLower) : std::nullopt,
                 prefix + "loa_lower");
    expectFigure(csv.at(row, prefix + "loa_upper"), ba ? std::optional<double>(ba->loaUpper) : std::nullopt,
                 prefix + "loa_upper");
    EXPECT_EQ(csv.at(row, prefix + "reason"), result.reason);
}

/// The session's agreement as the coordinator sees it (`ankylos-cli agreement --session`).
core::SessionAgreement coordinatorsAgreement(storage::Database& db, const std::string& name) {
    storage::ReadingSessionRepository sessions(db);
    const storage::ReadingSession session = sessions.require(name);
    return core::assessSessionAgreement(sessions.patients(session),
                                        session.readersWithRole(core::ReadingRole::Primary),
                                        storage::readSettings(db));
}

TEST_F(ExportTest, AgreementTableGivesTheSessionsFiguresForTwoReaders) {
    makeSession("S1", {"Reader One", "Reader Two"}, 8);
    const core::SessionAgreement expected = coordinatorsAgreement(db(), "S1");
    ASSERT_TRUE(expected.status.iccA1.has_value())
        << "the test session must give figures: " << expected.status.reason;
    ASSERT_TRUE(expected.change.anova.has_value()) << expected.change.reason;

    const ExportSummary summary = run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.agreement.csv"));
    ASSERT_EQ(csv.rows.size(), 1u);
    EXPECT_EQ(csv.at(0, "reading_session"), "S1");
    EXPECT_EQ(csv.at(0, "reader_1"), "Reader One");
    EXPECT_EQ(csv.at(0, "reader_2"), "Reader Two");
    EXPECT_EQ(csv.at(0, "session_chronology"), "2");  // unknown order
    EXPECT_EQ(csv.at(0, "identity_hidden"), "1");
    EXPECT_EQ(csv.at(0, "primary_readers"), "2");
    EXPECT_EQ(csv.at(0, "session_films"), std::to_string(expected.status.subjects + expected.status.dropped));
    expectScores(csv, 0, "status_", expected.status);
    expectScores(csv, 0, "change_", expected.change);
    ASSERT_TRUE(expected.change.exceedingSdc.has_value());
    EXPECT_EQ(csv.at(0, "change_exceeding_sdc"), std::to_string(*expected.change.exceedingSdc));
    ASSERT_EQ(expected.pairs.size(), 1u);
    const core::ReaderPairAgreement& pair = expected.pairs.front();
    expectFigure(csv.at(0, "kappa"), pair.kappa.kappa, "kappa");
    EXPECT_EQ(csv.at(0, "kappa_sites"), std::to_string(pair.kappa.sites));
    EXPECT_EQ(csv.at(0, "kappa_sites_left_out"), std::to_string(pair.kappa.leftOut));
    expectFigure(csv.at(0, "progressor_agreement"), pair.progressors.share, "progressor_agreement");
    EXPECT_EQ(csv.at(0, "progressor_patients"), std::to_string(pair.progressors.patients));
    EXPECT_EQ(csv.at(0, "progressor_agreeing"), std::to_string(pair.progressors.agreeing));
    int discordant = 0;
    for (const core::SessionInterval& interval : expected.intervals)
        discordant += interval.discordant() ? 1 : 0;
    EXPECT_EQ(csv.at(0, "intervals"), std::to_string(expected.intervals.size()));
    EXPECT_EQ(csv.at(0, "intervals_discordant"), std::to_string(discordant));
    EXPECT_EQ(csv.at(0, "intervals_awaiting"), std::to_string(discordant));  // no adjudicator yet
    EXPECT_EQ(csv.at(0, "intervals_adjudicated"), "0");

    const auto rows = std::find_if(summary.rows.begin(), summary.rows.end(),
                                   [](const auto& table) { return table.first == "agreement"; });
    ASSERT_NE(rows, summary.rows.end());
    EXPECT_EQ(rows->second, 1u);
    const Csv codebook = readCsv(path("long.codebook.csv"));
    std::set<std::string> documented;
    for (std::size_t r = 0; r < codebook.rows.size(); ++r)
        if (codebook.at(r, "table") == "agreement")
            documented.insert(codebook.at(r, "name"));
    EXPECT_EQ(documented, std::set<std::string>(csv.header.begin(), csv.header.end()));
}

// Three primary readers: one row per pair, the session's figures the same on each, each pair its kappa.
TEST_F(ExportTest, AgreementTableHasARowPerPairOfReaders) {
    makeSession("Triple", {"Reader One", "Reader Two", "Reader Three"}, 6);
    const core::SessionAgreement expected = coordinatorsAgreement(db(), "Triple");
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.agreement.csv"));
    ASSERT_EQ(csv.rows.size(), 3u);
    ASSERT_EQ(expected.pairs.size(), 3u);
    for (std::size_t r = 0; r < 3; ++r) {
        EXPECT_EQ(csv.at(r, "reader_1"), expected.pairs[r].first);
        EXPECT_EQ(csv.at(r, "reader_2"), expected.pairs[r].second);
        EXPECT_EQ(csv.at(r, "primary_readers"), "3");
        expectScores(csv, r, "status_", expected.status);
        expectFigure(csv.at(r, "kappa"), expected.pairs[r].kappa.kappa, "kappa");
        EXPECT_EQ(csv.at(r, "status_mean_difference"), "") << "Bland-Altman needs exactly 2 readers";
    }
}

// De-identified: readers are the keyed pseudonyms the readings table uses, and the figures are
// those of the films the export holds, so that the readings table reproduces them.
TEST_F(ExportTest, AgreementTableFollowsDeidentificationAndFilters) {
    const std::vector<std::string> patients = makeSession("S1", {"Reader One", "Reader Two"}, 8);
    ExportOptions o = options(ExportFormat::CsvLong, "long.csv");
    o.filters.sex = history(patients.front()).patient.sex;
    run(o);
    const Csv csv = readCsv(path("long.agreement.csv"));
    ASSERT_EQ(csv.rows.size(), 1u);
    const ProjectKey key = ProjectKey::fromFile(path("project.key"));
    EXPECT_EQ(csv.at(0, "reader_1"), key.readerPseudonym("Reader One"));
    EXPECT_EQ(csv.at(0, "reader_2"), key.readerPseudonym("Reader Two"));

    // The session's films of patients of that sex only, as the readings table holds them.
    int films = 0, allFilms = 0;
    for (const std::string& id : patients) {
        const int n = static_cast<int>(history(id).films.size());
        allFilms += n;
        films += history(id).patient.sex == *o.filters.sex ? n : 0;
    }
    ASSERT_LT(films, allFilms) << "the filter must leave some of the session out";
    EXPECT_EQ(csv.at(0, "session_films"), std::to_string(films));
    const Csv readings = readCsv(path("long.readings.csv"));
    std::set<std::pair<std::string, std::string>> sessionFilms;
    for (std::size_t r = 0; r < readings.rows.size(); ++r)
        if (readings.at(r, "reading_session") == "S1") {
            sessionFilms.insert({readings.at(r, "study_id"), readings.at(r, "film_date")});
            EXPECT_TRUE(readings.at(r, "reader") == csv.at(0, "reader_1") ||
                        readings.at(r, "reader") == csv.at(0, "reader_2"));
        }
    EXPECT_EQ(static_cast<int>(sessionFilms.size()), films);
    EXPECT_EQ(std::stoi(csv.at(0, "status_n")) + std::stoi(csv.at(0, "status_dropped")), films);
}

TEST_F(ExportTest, AgreementTableOfASessionWithOneReaderSaysWhyThereIsNoPair) {
    makeSession("Solo", {"Reader One"}, 3);
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.agreement.csv"));
    ASSERT_EQ(csv.rows.size(), 1u);
    EXPECT_EQ(csv.at(0, "reader_1"), "");
    EXPECT_EQ(csv.at(0, "kappa"), "");
    EXPECT_EQ(csv.at(0, "kappa_reason"), "the session has fewer than 2 primary readers");
    EXPECT_EQ(csv.at(0, "status_icc_a1"), "");
    EXPECT_NE(csv.at(0, "status_reason").find("at least 2 readers"), std::string::npos)
        << csv.at(0, "status_reason");
}

TEST_F(ExportTest, AgreementTableWithoutSessionsHasOnlyItsHeader) {
    run(options(ExportFormat::CsvLong, "long.csv", true));
    const Csv csv = readCsv(path("long.agreement.csv"));
    EXPECT_TRUE(csv.rows.empty());
    EXPECT_NE(csv.column("status_icc_a1"), -1);
    EXPECT_NE(csv.column("kappa"), -1);
}

}  // namespace
}  // namespace ankylos::exports::test
