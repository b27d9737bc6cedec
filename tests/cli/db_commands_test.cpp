// ankylos-cli's database commands end to end, on a database file and on a server database alike:
// init, demo, import, export, progression, check, backup; crash safety under SIGKILL; two writers at
// once. What only a file can be (a text file, a truncated, damaged or read-only file) is tested on
// files (DbCommandsOnFile); a server's own refusals (a missing database, an empty one) in
// DbCommandsPostgresql.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "cli_engine.h"
#include "cli_runner.h"
#include "core/session_agreement.h"
#include "sample_records.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/reading_session_repository.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

class DbCommands : public CliOnEngine {
protected:
    /// Runs sql on db around the audit trail's append-only triggers, as someone with the sqlite3 tool,
    /// or the server database's owner, could.
    void tamperWithAuditLog(const std::string& db, const std::string& sql) {
        execSql(db, onServer()
                        ? "ALTER TABLE audit_log DISABLE TRIGGER USER; " + sql +
                              "; ALTER TABLE audit_log ENABLE TRIGGER USER"
                        : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql);
    }
};

using DbCommandsOnFile = CliOnFile;

TEST_P(DbCommands, InitCreatesAndRefusesToOverwrite) {
    runCliOk({"init", m_db});
    EXPECT_EQ(countRows(m_db, "audit_log"), 1);  // the baseline row of a new database
    const CliResult again = runCli({"init", m_db});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_NE(again.err.find(onServer() ? "is not empty" : "exists already"), std::string::npos) << again.err;
    EXPECT_EQ(runCliOk({"check", m_db}).out.find("ok"), m_db.size() + 2);
}

// A server's own refusals (another program's database, a newer schema): DbCommandsPostgresql.
TEST_F(DbCommandsOnFile, RefusedFilesExitTwoAndStayByteForByteUnchanged) {
    // A text file; a truncated database; another application's database; a newer Ankylos.
    const std::string text = path("notes.db");
    writeFile(text, "patient list\nAS-1, Wang\n");
    const std::string full = path("full.db");
    runCliOk({"init", full});
    runCliOk({"demo", full, "--patients", "30", "--seed", "1"});
    runCliOk({"backup", full, path("copy.db")});  // a single file, no WAL beside it
    const std::string truncated = path("truncated.db");
    const std::string bytes = readFile(path("copy.db"));
    writeFile(truncated, bytes.substr(0, bytes.size() / 2));
    const std::string foreign = path("foreign.db");
    execSql(
        foreign,
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);");
    const std::string newer = path("newer.db");
    runCliOk({"backup", full, newer});
    execSql(newer, "PRAGMA user_version = 99;");

    const std::map<std::string, std::string> expected = {{text, "not a database"},
                                                         {truncated, "truncated"},
                                                         {foreign, "not an Ankylos database"},
                                                         {newer, "newer version"}};
    for (const auto& [file, why] : expected) {
        const std::string before = readFile(file);
        for (const std::string command : {"check", "progression", "export"}) {
            std::vector<std::string> arguments = {command, file};
            if (command == "export")
                arguments = {"export", file, "--out", path("out.csv")};
            const CliResult result = runCli(arguments);
            EXPECT_EQ(result.exitCode, 2) << command << " " << file;
            EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
            EXPECT_NE(result.err.find(file), std::string::npos)
                << "the message names the file: " << result.err;
            EXPECT_EQ(result.out, "");
        }
        EXPECT_EQ(readFile(file), before) << file << " was changed";
        EXPECT_FALSE(fs::exists(path("out.csv")));
    }
}

TEST_P(DbCommands, ExportImportExportIsIdentical) {
    const std::string& source = m_db;
    runCliOk({"init", source});
    runCliOk({"demo", source, "--patients", "40", "--seed", "7"});
    runCliOk({"export", source, "--out", path("first.csv")});
    const storage::test::EngineLocation targetLocation(GetParam());
    const std::string target = targetLocation.path().string();
    runCliOk({"init", target});
    const CliResult imported = runCliOk({"import", target, path("first.csv"), "--user", "nurse.li"});
    EXPECT_NE(imported.out.find("New readers registered: "), std::string::npos) << imported.out;
    runCliOk({"export", target, "--out", path("second.csv")});
    EXPECT_EQ(readFile(path("first.csv")), readFile(path("second.csv")));
    EXPECT_EQ(countRows(target, "patient"), 40);
    EXPECT_EQ(countRows(target, "visit"), countRows(source, "visit"));
    EXPECT_EQ(countRows(target, "site_score"), countRows(source, "site_score"));
    // Low-dose CT scans with their readings, not-assessable reasons included (the demo has them).
    EXPECT_GT(countRows(source, "ct_scan"), 0);
    EXPECT_EQ(countRows(target, "ct_scan"), countRows(source, "ct_scan"));
    EXPECT_EQ(countRows(target, "ct_reading"), countRows(source, "ct_reading"));
    EXPECT_GT(countRows(source, "ct_quadrant_score WHERE na_reason IS NOT NULL"), 0);
    for (const std::string table :
         {"ct_quadrant_score WHERE na_reason = 'not_visible'",
          "ct_quadrant_score WHERE na_reason = 'not_imaged'", "ct_quadrant_score WHERE grade = 3"})
        EXPECT_EQ(countRows(target, table), countRows(source, table)) << table;
    // On a server every audit row names the account signed in, whatever --user says.
    const std::string importer = onServer() ? storage::parseServerLocation(target)->user : "nurse.li";
    EXPECT_GT(countRows(target, "audit_log WHERE user_name = '" + importer + "'"), 40);
    runCliOk({"check", source});
    runCliOk({"check", target});
}

/// A session's readings as its agreement reads them, in an order that does not depend on the session's
/// seed: patients by clinic ID, films by date, readings by reader and role.
std::vector<core::SessionPatient> sessionReadings(storage::Database& db, const std::string& name) {
    storage::ReadingSessionRepository sessions(db);
    std::vector<core::SessionPatient> patients = sessions.patients(sessions.require(name));
    std::sort(patients.begin(), patients.end(),
              [](const auto& a, const auto& b) { return a.patient < b.patient; });
    for (core::SessionPatient& patient : patients) {
        std::sort(patient.films.begin(), patient.films.end(),
                  [](const core::Film& a, const core::Film& b) { return a.date < b.date; });
        for (core::Film& film : patient.films)
            std::sort(film.readings.begin(), film.readings.end(), [](const auto& a, const auto& b) {
                return std::tie(a.reader, a.role) < std::tie(b.reader, b.role);
            });
    }
    return patients;
}

/// Two sessions on the demo's films: S1 (blinded, paired by patient, order hidden) read by Reader A and
/// Reader B, who disagree on some films, with Dr. Adj adjudicating two; S2 (identity shown, known order)
/// read by Reader A alone on the films of its first two patients.
void addSessions(const std::string& location) {
    storage::Database db(location, "dr.zhang");
    storage::test::registerReaders(db, {"Reader A", "Reader B", "Dr. Adj"});
    storage::ReadingSessionRepository sessions(db);
    storage::FilmRepository films(db);
    storage::ReadingSession s1;
    s1.name = "S1";
    s1.blinding = {true, core::SessionChronology::PairedHidden};
    s1.seed = 5;
    s1.readers = {{"Reader A", core::ReadingRole::Primary}, {"Reader B", core::ReadingRole::Primary}};
    s1.films = sessions.filmsOf({});
    ASSERT_GE(s1.films.size(), 4u);
    sessions.create(s1);
    storage::ReadingSession s2 = s1;
    s2.name = "S2";
    s2.blinding = {false, core::SessionChronology::Known};
    s2.readers = {{"Reader A", core::ReadingRole::Primary}};
    s2.films.resize(4);
    sessions.create(s2);
    sessions.addReader("S1", "Dr. Adj", core::ReadingRole::Adjudicator);
    const auto read = [&](std::int64_t film, const std::string& reader, const std::string& session,
                          int shift) {
        core::Reading reading;
        reading.reader = reader;
        reading.session = session;
        for (core::Site site : core::allSites())
            reading.at(site) =
                core::SiteScore::graded(site, (core::siteIndex(site) + shift) % 3);  // no bridge to confirm
        reading.at(core::Site::L4_sup) =
            core::SiteScore::notAssessable(core::NotAssessableReason::NotVisible);
        films.addReading(film, reading);
    };
    for (std::size_t i = 0; i < s1.films.size(); ++i) {
        const int shift = static_cast<int>(i);
        read(s1.films[i], "Reader A", "S1", shift);
        read(s1.films[i], "Reader B", "S1", i % 3 == 0 ? shift + 1 : shift);
        if (i < 2)
            read(s1.films[i], "Dr. Adj", "S1", shift);
        if (i < 4)
            read(s1.films[i], "Reader A", "S2", shift + 2);
    }
}

// Reading sessions travel as their readings (db/visit_csv.md): export, import into an empty database and
// export again gives the same bytes; the imported sessions have the same name, blinding, readers with
// their roles and readings, and their agreement the same figures.
TEST_P(DbCommands, ExportImportExportKeepsReadingSessions) {
    const std::string& source = m_db;
    runCliOk({"init", source});
    runCliOk({"demo", source, "--patients", "12", "--seed", "7"});
    addSessions(source);
    runCliOk({"export", source, "--out", path("first.csv")});
    const storage::test::EngineLocation targetLocation(GetParam());
    const std::string target = targetLocation.path().string();
    runCliOk({"init", target});
    const CliResult imported = runCliOk({"import", target, path("first.csv")});
    EXPECT_NE(imported.out.find(", 2 reading sessions\n"), std::string::npos) << imported.out;
    runCliOk({"export", target, "--out", path("second.csv")});
    EXPECT_TRUE(readFile(path("first.csv")) == readFile(path("second.csv"))) << "byte-identical";
    EXPECT_EQ(countRows(target, "reading"), countRows(source, "reading"));
    EXPECT_EQ(countRows(target, "reading WHERE session_id IS NOT NULL"),
              countRows(source, "reading WHERE session_id IS NOT NULL"));

    storage::Database before(source, "dr.zhang");
    storage::Database after(target, "dr.zhang");
    for (const std::string name : {"S1", "S2"}) {
        SCOPED_TRACE(name);
        const storage::ReadingSession a = storage::ReadingSessionRepository(before).require(name);
        const storage::ReadingSession b = storage::ReadingSessionRepository(after).require(name);
        EXPECT_EQ(b.blinding.identityHidden, a.blinding.identityHidden);
        EXPECT_EQ(b.blinding.chronology, a.blinding.chronology);
        ASSERT_EQ(b.readers.size(), a.readers.size());
        for (std::size_t r = 0; r < a.readers.size(); ++r) {
            EXPECT_EQ(b.readers[r].reader, a.readers[r].reader);
            EXPECT_EQ(b.readers[r].role, a.readers[r].role);
        }
        EXPECT_EQ(b.films.size(), a.films.size());
        const std::vector<core::SessionPatient> x = sessionReadings(before, name);
        const std::vector<core::SessionPatient> y = sessionReadings(after, name);
        ASSERT_EQ(y.size(), x.size());
        for (std::size_t p = 0; p < x.size(); ++p) {
            EXPECT_EQ(y[p].patient, x[p].patient);
            ASSERT_EQ(y[p].films.size(), x[p].films.size());
            for (std::size_t f = 0; f < x[p].films.size(); ++f) {
                const auto& xr = x[p].films[f].readings;
                const auto& yr = y[p].films[f].readings;
                ASSERT_EQ(yr.size(), xr.size());
                for (std::size_t r = 0; r < xr.size(); ++r) {
                    EXPECT_EQ(yr[r].reader, xr[r].reader);
                    EXPECT_EQ(yr[r].role, xr[r].role);
                    EXPECT_EQ(yr[r].identitySeen, xr[r].identitySeen);
                    EXPECT_EQ(yr[r].pairedByPatient, xr[r].pairedByPatient);
                    EXPECT_EQ(yr[r].chronologyKnown, xr[r].chronologyKnown);
                    EXPECT_TRUE(yr[r].sites == xr[r].sites);
                }
            }
        }
        const std::vector<std::string> primary = a.readersWithRole(core::ReadingRole::Primary);
        const core::SessionAgreement u = core::assessSessionAgreement(x, primary, core::Settings());
        const core::SessionAgreement v = core::assessSessionAgreement(y, primary, core::Settings());
        for (const auto& [ua, va] : {std::pair(&u.status, &v.status), std::pair(&u.change, &v.change)}) {
            EXPECT_EQ(va->subjects, ua->subjects);
            EXPECT_EQ(va->dropped, ua->dropped);
            EXPECT_EQ(va->iccA1, ua->iccA1);
            EXPECT_EQ(va->iccAk, ua->iccAk);
            EXPECT_EQ(va->sdc, ua->sdc);
            EXPECT_EQ(va->reason, ua->reason);
        }
        ASSERT_EQ(v.pairs.size(), u.pairs.size());
        for (std::size_t i = 0; i < u.pairs.size(); ++i) {
            EXPECT_EQ(v.pairs[i].kappa.kappa, u.pairs[i].kappa.kappa);
            EXPECT_EQ(v.pairs[i].progressors.share, u.pairs[i].progressors.share);
        }
        ASSERT_EQ(v.intervals.size(), u.intervals.size());
        for (std::size_t i = 0; i < u.intervals.size(); ++i) {
            EXPECT_EQ(v.intervals[i].discordant(), u.intervals[i].discordant());
            EXPECT_EQ(v.intervals[i].adjudicated, u.intervals[i].adjudicated);
        }
        if (name == "S1") {
            EXPECT_TRUE(u.status.iccA1.has_value()) << u.status.reason;
            EXPECT_LT(*u.status.iccA1, 1.0) << "the readers disagree on some films";
        }
    }
}

TEST_P(DbCommands, ResearchExportNeedsAKeyOrIdentifiedAndWritesItsFiles) {
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "12", "--seed", "3"});
    const CliResult noKey = runCli({"export", db, "--format", "csv-long", "--out", path("long.csv")});
    EXPECT_EQ(noKey.exitCode, 2);
    EXPECT_NE(noKey.err.find("--key-file"), std::string::npos) << noKey.err;
    EXPECT_NE(noKey.err.find("head -c 32 /dev/urandom"), std::string::npos) << noKey.err;
    EXPECT_FALSE(fs::exists(path("long.csv")));

    std::ofstream(path("project.key"), std::ios::binary) << "a project key of 32 bytes, 0123";
    const CliResult result =
        runCliOk({"export", db, "--format", "csv-long", "--key-file", path("project.key"), "--sex", "M",
                  "--columns", "basdai,asdas_crp", "--out", path("long.csv")});
    EXPECT_NE(result.out.find("Exported "), std::string::npos) << result.out;
    for (const std::string file :
         {"long.csv", "long.readings.csv", "long.treatments.csv", "long.codebook.csv", "long.manifest.json"})
        EXPECT_TRUE(fs::exists(path(file))) << file;
    const std::string csv = readFile(path("long.csv"));
    EXPECT_EQ(
        csv.substr(0, csv.find('\r')),
        "study_id,visit_number,visit_date,basdai,basdai_status,basdai_active,asdas_crp,asdas_crp_status,"
        "asdas_crp_state,asdas_crp_used");
    EXPECT_EQ(csv.find("AS-0000"), std::string::npos);
    EXPECT_EQ(countRows(db, "audit_log WHERE action = 'export'"), 1);

    const CliResult badFormat = runCli({"export", db, "--format", "xlsx", "--out", path("x.xlsx")});
    EXPECT_EQ(badFormat.exitCode, 2);
    EXPECT_NE(badFormat.err.find("csv-long"), std::string::npos) << badFormat.err;
    runCliOk({"check", db});
}

TEST_P(DbCommands, InvalidImportIsRefusedWholeAndListsEveryProblem) {
    const std::string& source = m_db;
    runCliOk({"init", source});
    runCliOk({"demo", source, "--patients", "3", "--seed", "2"});
    runCliOk({"export", source, "--out", path("good.csv")});
    std::string csv = readFile(path("good.csv"));
    // Break two rows: a BASDAI item of 11 on line 2 and a grade of 7 in the last row.
    std::istringstream lines(csv);
    std::string header, line;
    std::getline(lines, header);
    std::vector<std::string> rows;
    while (std::getline(lines, line))
        rows.push_back(line);
    ASSERT_GE(rows.size(), 2u);
    std::vector<std::string> columns;
    {
        std::istringstream split(header);
        std::string column;
        while (std::getline(split, column, ','))
            columns.push_back(column);
    }
    const auto replaceField = [&](std::string& row, const std::string& column, const std::string& value) {
        const auto index = std::find(columns.begin(), columns.end(), column) - columns.begin();
        std::vector<std::string> fields;
        std::istringstream split(row);
        std::string field;
        while (std::getline(split, field, ','))
            fields.push_back(field);
        while (fields.size() < columns.size())
            fields.push_back("");
        fields[index] = value;
        row.clear();
        for (std::size_t i = 0; i < fields.size(); ++i)
            row += (i ? "," : "") + fields[i];
    };
    // The demo's names and notes hold no commas or quotes in the first rows of seed 2 (checked below).
    ASSERT_EQ(rows[0].find('"'), std::string::npos);
    replaceField(rows[0], "basdai_q1", "11");
    replaceField(rows.back(), "msasss_L3_sup", "7");
    std::string broken = header + "\n";
    for (const auto& row : rows)
        broken += row + "\n";
    writeFile(path("broken.csv"), broken);

    const storage::test::EngineLocation targetLocation(GetParam());
    const std::string target = targetLocation.path().string();
    runCliOk({"init", target});
    const CliResult result = runCli({"import", target, path("broken.csv")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find(":2:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("basdai_q1"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("11"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("msasss_L3_sup"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("7"), std::string::npos) << result.err;
    EXPECT_EQ(countRows(target, "patient"), 0);
    EXPECT_EQ(countRows(target, "audit_log"), 1);  // the baseline row of a new database
}

TEST_P(DbCommands, CheckFindsAnAuditRowEditedOutsideAnkylos) {
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "5", "--seed", "3"});
    runCliOk({"check", db});
    tamperWithAuditLog(db, "UPDATE audit_log SET user_name = 'mallory' WHERE id = 4");
    const CliResult edited = runCli({"check", db});
    EXPECT_EQ(edited.exitCode, 1);
    EXPECT_NE(edited.out.find("row 4"), std::string::npos) << edited.out;

    const storage::test::EngineLocation otherLocation(GetParam());
    const std::string other = otherLocation.path().string();
    runCliOk({"init", other});
    runCliOk({"demo", other, "--patients", "5", "--seed", "3"});
    tamperWithAuditLog(other, "DELETE FROM audit_log WHERE id = 6");
    const CliResult deleted = runCli({"check", other});
    EXPECT_EQ(deleted.exitCode, 1);
    EXPECT_NE(deleted.out.find("6"), std::string::npos) << deleted.out;
}

TEST_P(DbCommands, ProgressionJsonMatchesTheCalculatorForm) {
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "20", "--seed", "4"});
    const CliResult all = runCliOk({"progression", db, "--json"});
    std::istringstream lines(all.out);
    std::string line;
    int patients = 0;
    std::string firstId;
    while (std::getline(lines, line)) {
        const auto json = nlohmann::json::parse(line);
        EXPECT_TRUE(json.contains("pairs"));
        EXPECT_TRUE(json["progressor"].is_boolean());
        if (firstId.empty())
            firstId = json["patient_id"];
        ++patients;
    }
    EXPECT_EQ(patients, 20);
    const CliResult one = runCliOk({"progression", db, "--patient", firstId, "--json"});
    EXPECT_EQ(nlohmann::json::parse(one.out)["patient_id"], firstId);
    EXPECT_EQ(runCli({"progression", db, "--patient", "NO-SUCH"}).exitCode, 2);
}

TEST_P(DbCommands, BackupIsAWorkingCopy) {
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "10", "--seed", "5"});
    ::umask(022);  // the usual umask: files would be readable by everyone
    runCliOk({"backup", db, path("backup.db")});
    runCliOk({"check", path("backup.db")});
    EXPECT_EQ(countRows(path("backup.db"), "visit"), countRows(db, "visit"));
    std::vector<std::string> made = {path("backup.db"), path("backup.db.key"), path("backup.db.head")};
    if (!onServer())
        made.insert(made.end(), {db, db + ".key", db + ".head"});
    for (const std::string& file : made)
        EXPECT_EQ(fs::status(file).permissions() & fs::perms::mask,
                  fs::perms::owner_read | fs::perms::owner_write)
            << file;
    EXPECT_EQ(runCli({"backup", db, path("backup.db")}).exitCode, 2);  // never overwrites
}

// Issue 11, findings 4-6: only `init` creates a database; every path that is not an Ankylos database
// is refused with exit 2, naming the problem, and nothing is created or changed. A server's missing,
// empty and other databases: DbCommandsPostgresql.
TEST_F(DbCommandsOnFile, OnlyInitCreatesAndEveryOtherPathIsRefusedUntouched) {
    writeFile(path("empty.db"), "");
    fs::create_directory(path("folder.db"));
    execSql(path("blank.db"), "PRAGMA user_version = 1;");  // an empty SQLite file of another program
    const std::map<std::string, std::string> expected = {{"missing.db", "no such file"},
                                                         {"empty.db", "empty (0 bytes)"},
                                                         {"folder.db", "folder"},
                                                         {"blank.db", "not an Ankylos database"}};
    writeFile(path("visits.csv"), "patient_id\n");
    for (const auto& [name, why] : expected) {
        const std::string before = fs::is_regular_file(path(name)) ? readFile(path(name)) : "";
        const auto filesBefore =
            std::distance(fs::directory_iterator(m_files.path()), fs::directory_iterator());
        for (const std::vector<std::string>& command : {std::vector<std::string>{"check", path(name)},
                                                        {"progression", path(name)},
                                                        {"import", path(name), path("visits.csv")},
                                                        {"backup", path(name), path("b.db")},
                                                        {"demo", path(name), "--patients", "2"},
                                                        {"upgrade", path(name)}}) {
            const CliResult result = runCli(command);
            EXPECT_EQ(result.exitCode, 2) << command[0] << " " << name << ": " << result.err;
            EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
            EXPECT_EQ(result.out, "");
        }
        EXPECT_EQ(std::distance(fs::directory_iterator(m_files.path()), fs::directory_iterator()),
                  filesBefore)
            << "a file appeared beside " << name;
        if (fs::is_regular_file(path(name))) {
            EXPECT_EQ(readFile(path(name)), before) << name << " was changed";
        }
    }
    runCliOk({"init", path("empty.db")});  // an empty file is what `init` may fill
    runCliOk({"check", path("empty.db")});
}

/// Runs ankylos-cli as the unprivileged user nobody (root may write any file); stdout and stderr
/// together, and the exit status.
std::pair<std::string, int> runAsNobody(const std::string& arguments) {
    const std::string command = "setpriv --reuid=65534 --regid=65534 --clear-groups " +
                                std::string(ANKYLOS_CLI) + " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string text;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    const int status = pipe ? pclose(pipe) : -1;
    return {text, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

// Issue 11, finding 6: a read-only file gave "internal error", a read-only folder "damaged".
// Files only: a server's permissions are its roles' (issue 13).
TEST_F(DbCommandsOnFile, ReadOnlyFileOrFolderIsNamedAndReadable) {
    const std::string db = path("clinic.db");
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "3", "--seed", "1"});
    runCliOk({"export", db, "--out", path("visits.csv")});
    fs::permissions(m_files.path(), fs::perms(0755));
    for (const char* made : {"clinic.db", "clinic.db.key", "clinic.db.head", "visits.csv"})
        fs::permissions(path(made), fs::perms(0444));
    const std::string before = readFile(db);
    const auto [imported, importStatus] = runAsNobody("import " + db + " " + path("visits.csv"));
    EXPECT_EQ(importStatus, 2) << imported;
    EXPECT_NE(imported.find("the file is read-only"), std::string::npos) << imported;
    const auto [checked, checkStatus] = runAsNobody("check " + db);
    EXPECT_EQ(checkStatus, 0) << checked;
    EXPECT_EQ(readFile(db), before);

    fs::permissions(db, fs::perms(0666));  // the file may be written, its folder not
    const auto [folder, folderStatus] = runAsNobody("import " + db + " " + path("visits.csv"));
    EXPECT_EQ(folderStatus, 2) << folder;
    EXPECT_NE(folder.find("folder"), std::string::npos) << folder;
    EXPECT_EQ(folder.find("damaged"), std::string::npos) << folder;
    EXPECT_EQ(readFile(db), before);
}

// Issue 11, finding 3: index damage passed the check at open and an import wrote into the file. Files
// only: the damage is to SQLite's own schema.
TEST_F(DbCommandsOnFile, NoImportLandsInADamagedFile) {
    const std::string db = path("clinic.db");
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "5", "--seed", "2"});
    runCliOk({"export", db, "--out", path("visits.csv")});
    execSql(db,
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
            "'CREATE INDEX patient_name ON patient (notes COLLATE NOCASE)' WHERE name = 'patient_name';");
    const std::string before = readFile(db);
    const CliResult imported = runCli({"import", db, path("visits.csv")});
    EXPECT_EQ(imported.exitCode, 2) << imported.err;
    EXPECT_NE(imported.err.find("damaged"), std::string::npos) << imported.err;
    EXPECT_NE(imported.err.find("restore it from a backup"), std::string::npos) << imported.err;
    EXPECT_EQ(readFile(db), before);
    const CliResult checked = runCli({"check", db});
    EXPECT_EQ(checked.exitCode, 1);
    EXPECT_NE(checked.out.find("patient_name"), std::string::npos) << checked.out;
}

// Issue 11, finding 2: a direct edit changed a patient's progression and `check` said ok.
TEST_P(DbCommands, CheckNamesADirectEditOfAGrade) {
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"demo", db, "--patients", "5", "--seed", "2"});
    runCliOk({"check", db});
    execSql(db,
            "UPDATE site_score SET grade = CASE grade WHEN 3 THEN 2 ELSE 3 END WHERE reading_id = 1 AND "
            "site = (SELECT site FROM site_score WHERE reading_id = 1 AND grade IS NOT NULL LIMIT 1);");
    const CliResult checked = runCli({"check", db});
    EXPECT_EQ(checked.exitCode, 1);
    EXPECT_NE(checked.out.find("reading row 1 (patient AS-000001"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find(": stored "), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find(", audited "), std::string::npos) << checked.out;
}

TEST_P(DbCommands, ImportKilledAtRandomMomentsIsAllOrNothing) {
    const std::string& source = m_db;
    runCliOk({"init", source});
    runCliOk({"demo", source, "--patients", "60", "--seed", "6"});
    runCliOk({"export", source, "--out", path("visits.csv")});
    const int patients = 60;
    const int visits = countRows(source, "visit");
    // Time one import to spread the kills over its whole length.
    std::optional<storage::test::EngineLocation> target(GetParam());
    runCliOk({"init", target->path().string()});
    const auto start = std::chrono::steady_clock::now();
    runCliOk({"import", target->path().string(), path("visits.csv")});
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
            .count();

    std::mt19937 random(20261122);
    int killed = 0;
    const int attempts = onServer() ? 12 : 24;  // an import takes three times as long on a server
    for (int attempt = 0; attempt < attempts; ++attempt) {
        // A database that a kill left empty takes the next import; one an import filled is replaced.
        if (countRows(target->path().string(), "patient") != 0) {
            target.emplace(GetParam());
            runCliOk({"init", target->path().string()});
        }
        const std::string db = target->path().string();
        const int pid = startCli({"import", db, path("visits.csv")});
        std::this_thread::sleep_for(std::chrono::microseconds(random() % (micros + 1)));
        kill(pid, SIGKILL);
        const int status = waitCli(pid);
        killed += status == 128 + SIGKILL;
        const CliResult check = runCli({"check", db});
        EXPECT_EQ(check.exitCode, 0) << "attempt " << attempt << ": " << check.out << check.err;
        const int storedPatients = countRows(db, "patient");
        const int storedVisits = countRows(db, "visit");
        EXPECT_TRUE((storedPatients == 0 && storedVisits == 0) ||
                    (storedPatients == patients && storedVisits == visits))
            << "attempt " << attempt << ": " << storedPatients << " patients, " << storedVisits << " visits";
    }
    EXPECT_GE(killed, attempts * 5 / 12) << "most imports should have been killed while running";
}

TEST_P(DbCommands, TwoImportsAtOnceLoseAndDuplicateNothing) {
    const std::string& source = m_db;
    runCliOk({"init", source});
    runCliOk({"demo", source, "--patients", "40", "--seed", "8"});
    runCliOk({"export", source, "--out", path("all.csv")});
    // Split the file by patient: first 20 patients in one file, the rest in the other.
    std::istringstream lines(readFile(path("all.csv")));
    std::string header, line;
    std::getline(lines, header);
    std::string first = header + "\n", second = header + "\n";
    std::vector<std::string> seen;
    while (std::getline(lines, line)) {
        const std::string id = line.substr(0, line.find(','));
        if (seen.empty() || seen.back() != id)
            seen.push_back(id);
        (seen.size() <= 20 ? first : second) += line + "\n";
    }
    writeFile(path("a.csv"), first);
    writeFile(path("b.csv"), second);

    for (int round = 0; round < 3; ++round) {
        const storage::test::EngineLocation shared(GetParam());
        const std::string db = shared.path().string();
        runCliOk({"init", db});
        const int a = startCli({"import", db, path("a.csv")});
        const int b = startCli({"import", db, path("b.csv")});
        const int statusA = waitCli(a);
        const int statusB = waitCli(b);
        EXPECT_TRUE(statusA == 0 || statusA == 2);
        EXPECT_TRUE(statusB == 0 || statusB == 2);
        EXPECT_TRUE(statusA == 0 || statusB == 0) << "at least one import must get through";
        const int expected = (statusA == 0 ? 20 : 0) + (statusB == 0 ? 20 : 0);
        EXPECT_EQ(countRows(db, "patient"), expected);
        EXPECT_EQ(
            countRows(db, "(SELECT clinic_id FROM patient GROUP BY clinic_id HAVING count(*) > 1) AS twice"),
            0);
        runCliOk({"check", db});
    }
}

/// A visit CSV with the given columns, one record per row.
std::string csvOf(const std::vector<std::string>& columns,
                  const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::vector<std::string>> records = {columns};
    records.insert(records.end(), rows.begin(), rows.end());
    return csvText(records);
}

const std::vector<std::string> kTextColumns = {"patient_id",
                                               "name",
                                               "sex",
                                               "birth_date",
                                               "patient_notes",
                                               "visit_date",
                                               "visit_notes",
                                               "crp_value",
                                               "crp_unit",
                                               "crp_assay",
                                               "crp_laboratory",
                                               "bmd_lumbar_g_cm2",
                                               "bmd_lumbar_t_score",
                                               "bmd_lumbar_vertebrae",
                                               "dxa_manufacturer",
                                               "dxa_model",
                                               "film_reader"};

TEST_P(DbCommands, FormulaCellsAreNeutralisedAndTheEscapingIsUndoneOnImport) {
    // Text beginning with = + - @ TAB CR (a spreadsheet runs it) and with ' (the escape itself, so
    // that the escaping is reversible: the file holds ''quoted for the stored text 'quoted).
    const std::vector<std::vector<std::string>> rows = {
        {"=1+1", "@SUM(A1)", "F", "1980-01-01", "+33 phone", "2020-01-02", "-dizzy", "12", "mg/L",
         "=cmd|'/c calc'!A0", "@lab", "1.01", "-1.2", "L1-L4", "+Hologic", "-X", "=reader"},
        {"P2", "''quoted", "M", "1970-05-05", "\tindented", "2020-02-03", "\rline", "", "", "", "", "", "",
         "", "", "", "''ok"},
    };
    writeFile(path("in.csv"), csvOf(kTextColumns, rows));
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"import", db, path("in.csv")});
    // Stored as typed: the importer removed exactly one leading ' of escaped cells.
    EXPECT_EQ(queryText(db, "SELECT name FROM patient ORDER BY clinic_id"), "@SUM(A1)\n'quoted\n");
    EXPECT_EQ(queryText(db, "SELECT name FROM reader ORDER BY name"), "'ok\n=reader\n");

    runCliOk({"export", db, "--out", path("first.csv")});
    const std::string first = readFile(path("first.csv"));
    for (const std::string cell : {",'@SUM(A1),", "\r\n'=1+1,", ",'+33 phone,", ",'-dizzy,",
                                   ",'=cmd|'/c calc'!A0,", ",'@lab,", ",'+Hologic,", ",'-X,", ",'=reader,",
                                   ",''quoted,", ",'\tindented,", "\"'\rline\"", ",''ok,", ",-1.2,"})
        EXPECT_NE(first.find(cell), std::string::npos) << cell << " not in\n" << first;

    const storage::test::EngineLocation againLocation(GetParam());
    const std::string again = againLocation.path().string();
    runCliOk({"init", again});
    runCliOk({"import", again, path("first.csv")});
    runCliOk({"export", again, "--out", path("second.csv")});
    EXPECT_EQ(readFile(path("second.csv")), first);

    // The research exports: identified IDs and readers, and the codebook's own texts.
    runCliOk({"export", db, "--format", "csv-long", "--identified", "--out", path("long.csv")});
    EXPECT_NE(readFile(path("long.csv")).find("\r\n'=1+1,"), std::string::npos) << readFile(path("long.csv"));
    EXPECT_NE(readFile(path("long.readings.csv")).find("'=reader"), std::string::npos);
    const std::string codebook = readFile(path("long.codebook.csv"));
    EXPECT_NE(codebook.find(",'-9=not recorded"), std::string::npos);
    EXPECT_EQ(codebook.find(",-9=not recorded"), std::string::npos);
    runCliOk({"export", db, "--format", "redcap", "--identified", "--out", path("redcap.csv")});
    EXPECT_NE(readFile(path("redcap.csv")).find("\r\n'=1+1,"), std::string::npos)
        << readFile(path("redcap.csv"));
}

TEST_P(DbCommands, ControlCharactersInTextAreRefusedNamingLineAndColumn) {
    // Line 2: line breaks and tabs in notes are fine. Line 3: NUL in an ID. Line 4: a line break
    // in a name, \x01 in an assay, DEL in a reader's name. Line 8: a reader's name starting with
    // NUL (it gave exit 3, an internal error).
    const std::string csv =
        csvOf(kTextColumns, {{"A", "Wang", "F", "1980-01-01", "two\nlines\tok", "2020-01-02", "fine\r\ntoo",
                              "", "", "", "", "", "", "", "", "", ""},
                             {std::string("A\0B", 3), "Li", "M", "1970-05-05", "", "", "", "", "", "", "", "",
                              "", "", "", "", ""},
                             {"C", "Li\nWei", "M", "1970-05-05", "", "2020-01-02", "", "1", "mg/L", "kit\x01",
                              "", "", "", "", "", "", "\x7fReader"},
                             {"D", "Zhao", "M", "1970-05-05", "", "2020-01-02", "", "", "", "", "", "", "",
                              "", "", "", std::string("\0Reader A", 9)}});
    writeFile(path("bad.csv"), csv);
    const std::string& db = m_db;
    runCliOk({"init", db});
    const std::string before = contentOf(db);
    const CliResult result = runCli({"import", db, path("bad.csv")});
    EXPECT_EQ(result.exitCode, 2) << result.err;
    // Line 2's quoted notes span lines 2-4, so the NUL is on line 5 and the next record on line 6.
    for (const std::string fragment :
         {"bad.csv:5:patient_id", "U+0000", "bad.csv:6:name", "U+000A", "bad.csv:6:crp_assay", "U+0001",
          "bad.csv:6:film_reader", "U+007F", "bad.csv:8:film_reader: <U+0000>Reader A"})
        EXPECT_NE(result.err.find(fragment), std::string::npos) << fragment << " not in\n" << result.err;
    EXPECT_EQ(result.err.find(":2:"), std::string::npos) << "notes may hold line breaks and tabs\n"
                                                         << result.err;
    EXPECT_TRUE(contentOf(db) == before) << "a refused import changed the database";
}

TEST_P(DbCommands, ClashesWithStoredDataAreAllListedWithLineAndColumn) {
    const std::vector<std::string> columns = {"patient_id",  "name",           "sex",           "birth_date",
                                              "visit_date",  "film_reader",    "msasss_C2_inf", "ct_date",
                                              "ctss_reader", "ctss_C2_inf_ant"};
    writeFile(path("first.csv"),
              csvOf(columns, {{"A", "Wang", "F", "1980-01-01", "2021-03-04", "R1", "0", "", "", ""},
                              {"B", "Li", "M", "1970-05-05", "2021-03-04", "", "", "", "", ""},
                              {"A", "Wang", "F", "1980-01-01", "", "", "", "2021-05-06", "R1", "2"}}));
    const std::string& db = m_db;
    runCliOk({"init", db});
    runCliOk({"import", db, path("first.csv")});
    // Line 2: a new visit, fine. Line 3: A's visit and film of 2021-03-04 again. Line 4: B with
    // another birth date. Line 5: B's visit of 2021-03-04 again. Line 6: A's CT scan of 2021-05-06
    // again (a second reader's reading does not make it another scan); line 7 a new scan, fine.
    writeFile(path("second.csv"),
              csvOf(columns, {{"A", "Wang", "F", "1980-01-01", "2022-01-01", "", "", "", "", ""},
                              {"A", "Wang", "F", "1980-01-01", "2021-03-04", "R2", "1", "", "", ""},
                              {"B", "Li", "M", "1971-05-05", "2022-01-01", "", "", "", "", ""},
                              {"B", "Li", "M", "1971-05-05", "2021-03-04", "", "", "", "", ""},
                              {"A", "Wang", "F", "1980-01-01", "", "", "", "2021-05-06", "R2", "3"},
                              {"A", "Wang", "F", "1980-01-01", "", "", "", "2023-05-06", "R2", "3"}}));
    const std::string before = contentOf(db);
    const CliResult result = runCli({"import", db, path("second.csv")});
    EXPECT_EQ(result.exitCode, 2) << result.err;
    for (const std::string fragment :
         {"second.csv:3:visit_date: 2021-03-04", "second.csv:4:birth_date: 1971-05-05",
          "second.csv:5:visit_date: 2021-03-04",
          "second.csv:6:ct_date: 2021-05-06 is not allowed (allowed: one CT scan per date for a patient)"})
        EXPECT_NE(result.err.find(fragment), std::string::npos) << fragment << " not in\n" << result.err;
    EXPECT_TRUE(contentOf(db) == before) << "a refused import changed the database";
    runCliOk({"check", db});
}

ANKYLOS_ON_BOTH_ENGINES(DbCommands);

/// A server's counterparts of the refused files: a database that does not exist, an empty one (only
/// `init` fills it), another program's, a newer Ankylos's. Every command exits 2 naming the location
/// and why, and changes nothing.
TEST(DbCommandsPostgresql, OnlyInitFillsAnEmptyDatabaseAndOtherDatabasesAreRefusedUntouched) {
    const storage::test::TempDir files;
    const auto file = [&](const std::string& name) { return (files.path() / name).string(); };
    const storage::test::EngineLocation emptyLocation(Engine::Postgresql),
        foreignLocation(Engine::Postgresql), newerLocation(Engine::Postgresql);
    const std::string empty = emptyLocation.path().string();
    const std::string foreign = foreignLocation.path().string();
    const std::string newer = newerLocation.path().string();
    execSql(
        foreign,
        "CREATE TABLE invoices (id integer PRIMARY KEY, total real); INSERT INTO invoices VALUES (1, 9.5)");
    runCliOk({"init", newer});
    execSql(newer, "UPDATE ankylos_database SET schema_version = 99");
    storage::ServerLocation where = *storage::parseServerLocation(empty);
    where.database = "no_such_clinic";
    const std::string missing = storage::toUri(where);
    writeFile(file("visits.csv"), "patient_id\n");

    const std::map<std::string, std::string> expected = {{missing, "\"no_such_clinic\" does not exist"},
                                                         {empty, "it is empty"},
                                                         {foreign, "not an Ankylos database"},
                                                         {newer, "newer version"}};
    for (const auto& [db, why] : expected) {
        const std::string before = db == missing ? "" : contentOf(db);
        for (const std::vector<std::string>& command : {std::vector<std::string>{"check", db},
                                                        {"progression", db},
                                                        {"export", db, "--out", file("out.csv")},
                                                        {"import", db, file("visits.csv")},
                                                        {"backup", db, file("b.db")},
                                                        {"demo", db, "--patients", "2"},
                                                        {"upgrade", db}}) {
            const CliResult result = runCli(command);
            EXPECT_EQ(result.exitCode, 2) << command[0] << " " << db << ": " << result.err;
            EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
            EXPECT_NE(result.err.find(db), std::string::npos)
                << "the message names the database: " << result.err;
            EXPECT_EQ(result.out, "");
        }
        if (db != missing) {
            EXPECT_EQ(contentOf(db), before) << db << " was changed";
        }
        EXPECT_EQ(files.files(), std::set<std::string>{"visits.csv"}) << "a refused command wrote a file";
    }
    runCliOk({"init", empty});  // an empty database is what `init` may fill
    EXPECT_NE(runCliOk({"check", empty}).out.find(": ok"), std::string::npos);
}

}  // namespace
}  // namespace ankylos::test
