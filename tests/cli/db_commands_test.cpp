// ankylos-cli's database commands end to end: init, demo, import, export, progression, check,
// backup; refused files left untouched; crash safety under SIGKILL; two writers at once.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "cli_runner.h"

namespace ankylos::test {
namespace {

namespace fs = std::filesystem;

class DbCommands : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("ankylos-cli-test-" + std::to_string(getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    /// Runs a command that must succeed.
    CliResult ok(const std::vector<std::string>& arguments) {
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 0) << result.err;
        return result;
    }
    /// Counts rows with the sqlite3 command-line tool: an outside view of the file.
    int sqliteCount(const std::string& db, const std::string& table) {
        const std::string command = "sqlite3 '" + db + "' \"SELECT count(*) FROM " + table + "\"";
        FILE* pipe = popen(command.c_str(), "r");
        int n = -1;
        if (pipe && fscanf(pipe, "%d", &n) != 1) n = -1;
        if (pipe) pclose(pipe);
        return n;
    }
    void sqlite(const std::string& db, const std::string& sql) {
        const std::string command = "sqlite3 '" + db + "' \"" + sql + "\"";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }

    fs::path m_dir;
};

TEST_F(DbCommands, InitCreatesAndRefusesToOverwrite) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    EXPECT_TRUE(fs::exists(db));
    const CliResult again = runCli({"init", db});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;
    EXPECT_EQ(ok({"check", db}).out.find("ok"), db.size() + 2);
}

TEST_F(DbCommands, RefusedFilesExitTwoAndStayByteForByteUnchanged) {
    // A text file; a truncated database; another application's database; a newer Ankylos.
    const std::string text = path("notes.db");
    writeFile(text, "patient list\nAS-1, Wang\n");
    const std::string full = path("full.db");
    ok({"init", full});
    ok({"demo", full, "--patients", "30", "--seed", "1"});
    ok({"backup", full, path("copy.db")});  // a single file, no WAL beside it
    const std::string truncated = path("truncated.db");
    const std::string bytes = readFile(path("copy.db"));
    writeFile(truncated, bytes.substr(0, bytes.size() / 2));
    const std::string foreign = path("foreign.db");
    sqlite(foreign, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);");
    const std::string newer = path("newer.db");
    ok({"backup", full, newer});
    sqlite(newer, "PRAGMA user_version = 99;");

    const std::map<std::string, std::string> expected = {{text, "not a database"},
                                                         {truncated, "truncated"},
                                                         {foreign, "not an Ankylos database"},
                                                         {newer, "newer version"}};
    for (const auto& [file, why] : expected) {
        const std::string before = readFile(file);
        for (const std::string command : {"check", "progression", "export"}) {
            std::vector<std::string> arguments = {command, file};
            if (command == "export") arguments = {"export", file, "--out", path("out.csv")};
            const CliResult result = runCli(arguments);
            EXPECT_EQ(result.exitCode, 2) << command << " " << file;
            EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
            EXPECT_NE(result.err.find(file), std::string::npos) << "the message names the file: " << result.err;
            EXPECT_EQ(result.out, "");
        }
        EXPECT_EQ(readFile(file), before) << file << " was changed";
        EXPECT_FALSE(fs::exists(path("out.csv")));
    }
}

TEST_F(DbCommands, ExportImportExportIsIdentical) {
    const std::string source = path("source.db");
    ok({"init", source});
    ok({"demo", source, "--patients", "40", "--seed", "7"});
    ok({"export", source, "--out", path("first.csv")});
    const std::string target = path("target.db");
    ok({"init", target});
    const CliResult imported = ok({"import", target, path("first.csv"), "--user", "nurse.li"});
    EXPECT_NE(imported.out.find("New readers registered: "), std::string::npos) << imported.out;
    ok({"export", target, "--out", path("second.csv")});
    EXPECT_EQ(readFile(path("first.csv")), readFile(path("second.csv")));
    EXPECT_EQ(sqliteCount(target, "patient"), 40);
    EXPECT_EQ(sqliteCount(target, "visit"), sqliteCount(source, "visit"));
    EXPECT_EQ(sqliteCount(target, "site_score"), sqliteCount(source, "site_score"));
    EXPECT_GT(sqliteCount(target, "audit_log WHERE user_name = 'nurse.li'"), 40);
    ok({"check", target});
}

TEST_F(DbCommands, ResearchExportNeedsAKeyOrIdentifiedAndWritesItsFiles) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "12", "--seed", "3"});
    const CliResult noKey = runCli({"export", db, "--format", "csv-long", "--out", path("long.csv")});
    EXPECT_EQ(noKey.exitCode, 2);
    EXPECT_NE(noKey.err.find("--key-file"), std::string::npos) << noKey.err;
    EXPECT_NE(noKey.err.find("head -c 32 /dev/urandom"), std::string::npos) << noKey.err;
    EXPECT_FALSE(fs::exists(path("long.csv")));

    std::ofstream(path("project.key"), std::ios::binary) << "a project key of 32 bytes, 0123";
    const CliResult result = ok({"export", db, "--format", "csv-long", "--key-file", path("project.key"),
                                 "--sex", "M", "--columns", "basdai,asdas_crp", "--out", path("long.csv")});
    EXPECT_NE(result.out.find("Exported "), std::string::npos) << result.out;
    for (const std::string file : {"long.csv", "long.readings.csv", "long.codebook.csv", "long.manifest.json"})
        EXPECT_TRUE(fs::exists(path(file))) << file;
    const std::string csv = readFile(path("long.csv"));
    EXPECT_EQ(csv.substr(0, csv.find('\r')),
              "study_id,visit_number,visit_date,basdai,basdai_status,basdai_active,asdas_crp,asdas_crp_status,"
              "asdas_crp_state,asdas_crp_used");
    EXPECT_EQ(csv.find("AS-0000"), std::string::npos);
    EXPECT_EQ(sqliteCount(db, "audit_log WHERE action = 'export'"), 1);

    const CliResult badFormat = runCli({"export", db, "--format", "xlsx", "--out", path("x.xlsx")});
    EXPECT_EQ(badFormat.exitCode, 2);
    EXPECT_NE(badFormat.err.find("csv-long"), std::string::npos) << badFormat.err;
    ok({"check", db});
}

TEST_F(DbCommands, InvalidImportIsRefusedWholeAndListsEveryProblem) {
    const std::string source = path("source.db");
    ok({"init", source});
    ok({"demo", source, "--patients", "3", "--seed", "2"});
    ok({"export", source, "--out", path("good.csv")});
    std::string csv = readFile(path("good.csv"));
    // Break two rows: a BASDAI item of 11 on line 2 and a grade of 7 in the last row.
    std::istringstream lines(csv);
    std::string header, line;
    std::getline(lines, header);
    std::vector<std::string> rows;
    while (std::getline(lines, line)) rows.push_back(line);
    ASSERT_GE(rows.size(), 2u);
    std::vector<std::string> columns;
    {
        std::istringstream split(header);
        std::string column;
        while (std::getline(split, column, ',')) columns.push_back(column);
    }
    const auto replaceField = [&](std::string& row, const std::string& column, const std::string& value) {
        const auto index = std::find(columns.begin(), columns.end(), column) - columns.begin();
        std::vector<std::string> fields;
        std::istringstream split(row);
        std::string field;
        while (std::getline(split, field, ',')) fields.push_back(field);
        while (fields.size() < columns.size()) fields.push_back("");
        fields[index] = value;
        row.clear();
        for (std::size_t i = 0; i < fields.size(); ++i) row += (i ? "," : "") + fields[i];
    };
    // The demo's names and notes hold no commas or quotes in the first rows of seed 2 (checked below).
    ASSERT_EQ(rows[0].find('"'), std::string::npos);
    replaceField(rows[0], "basdai_q1", "11");
    replaceField(rows.back(), "msasss_L3_sup", "7");
    std::string broken = header + "\n";
    for (const auto& row : rows) broken += row + "\n";
    writeFile(path("broken.csv"), broken);

    const std::string target = path("target.db");
    ok({"init", target});
    const CliResult result = runCli({"import", target, path("broken.csv")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find(":2:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("basdai_q1"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("11"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("msasss_L3_sup"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("7"), std::string::npos) << result.err;
    EXPECT_EQ(sqliteCount(target, "patient"), 0);
    EXPECT_EQ(sqliteCount(target, "audit_log"), 1);  // the baseline row of a new database
}

TEST_F(DbCommands, CheckFindsAnAuditRowEditedWithTheSqliteTool) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "5", "--seed", "3"});
    ok({"check", db});
    sqlite(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_name = 'mallory' WHERE id = 4;");
    const CliResult edited = runCli({"check", db});
    EXPECT_EQ(edited.exitCode, 1);
    EXPECT_NE(edited.out.find("row 4"), std::string::npos) << edited.out;

    const std::string other = path("other.db");
    ok({"init", other});
    ok({"demo", other, "--patients", "5", "--seed", "3"});
    sqlite(other, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 6;");
    const CliResult deleted = runCli({"check", other});
    EXPECT_EQ(deleted.exitCode, 1);
    EXPECT_NE(deleted.out.find("6"), std::string::npos) << deleted.out;
}

TEST_F(DbCommands, ProgressionJsonMatchesTheCalculatorForm) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "20", "--seed", "4"});
    const CliResult all = ok({"progression", db, "--json"});
    std::istringstream lines(all.out);
    std::string line;
    int patients = 0;
    std::string firstId;
    while (std::getline(lines, line)) {
        const auto json = nlohmann::json::parse(line);
        EXPECT_TRUE(json.contains("pairs"));
        EXPECT_TRUE(json["progressor"].is_boolean());
        if (firstId.empty()) firstId = json["patient_id"];
        ++patients;
    }
    EXPECT_EQ(patients, 20);
    const CliResult one = ok({"progression", db, "--patient", firstId, "--json"});
    EXPECT_EQ(nlohmann::json::parse(one.out)["patient_id"], firstId);
    EXPECT_EQ(runCli({"progression", db, "--patient", "NO-SUCH"}).exitCode, 2);
}

TEST_F(DbCommands, BackupIsAWorkingCopy) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "10", "--seed", "5"});
    ::umask(022);  // the usual umask: files would be readable by everyone
    ok({"backup", db, path("backup.db")});
    ok({"check", path("backup.db")});
    EXPECT_EQ(sqliteCount(path("backup.db"), "visit"), sqliteCount(db, "visit"));
    for (const char* made : {"clinic.db", "clinic.db.key", "clinic.db.head", "backup.db", "backup.db.key",
                             "backup.db.head"})
        EXPECT_EQ(fs::status(path(made)).permissions() & fs::perms::mask,
                  fs::perms::owner_read | fs::perms::owner_write)
            << made;
    EXPECT_EQ(runCli({"backup", db, path("backup.db")}).exitCode, 2);  // never overwrites
}

// Issue 11, findings 4-6: only `init` creates a database; every path that is not an Ankylos database
// is refused with exit 2, naming the problem, and nothing is created or changed.
TEST_F(DbCommands, OnlyInitCreatesAndEveryOtherPathIsRefusedUntouched) {
    writeFile(path("empty.db"), "");
    fs::create_directory(path("folder.db"));
    sqlite(path("blank.db"), "PRAGMA user_version = 1;");  // an empty SQLite file of another program
    const std::map<std::string, std::string> expected = {{"missing.db", "no such file"},
                                                         {"empty.db", "empty (0 bytes)"},
                                                         {"folder.db", "folder"},
                                                         {"blank.db", "not an Ankylos database"}};
    writeFile(path("visits.csv"), "patient_id\n");
    for (const auto& [name, why] : expected) {
        const std::string before = fs::is_regular_file(path(name)) ? readFile(path(name)) : "";
        const auto filesBefore = std::distance(fs::directory_iterator(m_dir), fs::directory_iterator());
        for (const std::vector<std::string>& command :
             {std::vector<std::string>{"check", path(name)}, {"progression", path(name)},
              {"import", path(name), path("visits.csv")}, {"backup", path(name), path("b.db")},
              {"demo", path(name), "--patients", "2"}, {"upgrade", path(name)}}) {
            const CliResult result = runCli(command);
            EXPECT_EQ(result.exitCode, 2) << command[0] << " " << name << ": " << result.err;
            EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
            EXPECT_EQ(result.out, "");
        }
        EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), filesBefore)
            << "a file appeared beside " << name;
        if (fs::is_regular_file(path(name))) {
            EXPECT_EQ(readFile(path(name)), before) << name << " was changed";
        }
    }
    ok({"init", path("empty.db")});  // an empty file is what `init` may fill
    ok({"check", path("empty.db")});
}

/// Runs ankylos-cli as the unprivileged user nobody (root may write any file); stdout and stderr
/// together, and the exit status.
std::pair<std::string, int> runAsNobody(const std::string& arguments) {
    const std::string command = "setpriv --reuid=65534 --regid=65534 --clear-groups " + std::string(ANKYLOS_CLI) +
                                " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string text;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    const int status = pipe ? pclose(pipe) : -1;
    return {text, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

// Issue 11, finding 6: a read-only file gave "internal error", a read-only folder "damaged".
TEST_F(DbCommands, ReadOnlyFileOrFolderIsNamedAndReadable) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "3", "--seed", "1"});
    ok({"export", db, "--out", path("visits.csv")});
    fs::permissions(m_dir, fs::perms(0755));
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

// Issue 11, finding 3: index damage passed the check at open and an import wrote into the file.
TEST_F(DbCommands, NoImportLandsInADamagedFile) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "5", "--seed", "2"});
    ok({"export", db, "--out", path("visits.csv")});
    sqlite(db, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
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
TEST_F(DbCommands, CheckNamesADirectEditOfAGrade) {
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"demo", db, "--patients", "5", "--seed", "2"});
    ok({"check", db});
    sqlite(db, "UPDATE site_score SET grade = CASE grade WHEN 3 THEN 2 ELSE 3 END WHERE reading_id = 1 AND "
               "site = (SELECT site FROM site_score WHERE reading_id = 1 AND grade IS NOT NULL LIMIT 1);");
    const CliResult checked = runCli({"check", db});
    EXPECT_EQ(checked.exitCode, 1);
    EXPECT_NE(checked.out.find("reading row 1 (patient AS-000001"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find(": stored "), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find(", audited "), std::string::npos) << checked.out;
}

TEST_F(DbCommands, ImportKilledAtRandomMomentsIsAllOrNothing) {
    const std::string source = path("source.db");
    ok({"init", source});
    ok({"demo", source, "--patients", "60", "--seed", "6"});
    ok({"export", source, "--out", path("visits.csv")});
    const int patients = 60;
    const int visits = sqliteCount(source, "visit");
    // Time one import to spread the kills over its whole length.
    ok({"init", path("timed.db")});
    const auto start = std::chrono::steady_clock::now();
    ok({"import", path("timed.db"), path("visits.csv")});
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();

    std::mt19937 random(20261122);
    int killed = 0;
    for (int attempt = 0; attempt < 24; ++attempt) {
        const std::string db = path("crash" + std::to_string(attempt) + ".db");
        ok({"init", db});
        const int pid = startCli({"import", db, path("visits.csv")});
        std::this_thread::sleep_for(std::chrono::microseconds(random() % (micros + 1)));
        kill(pid, SIGKILL);
        const int status = waitCli(pid);
        killed += status == 128 + SIGKILL;
        const CliResult check = runCli({"check", db});
        EXPECT_EQ(check.exitCode, 0) << "attempt " << attempt << ": " << check.out << check.err;
        const int storedPatients = sqliteCount(db, "patient");
        const int storedVisits = sqliteCount(db, "visit");
        EXPECT_TRUE((storedPatients == 0 && storedVisits == 0) || (storedPatients == patients && storedVisits == visits))
            << "attempt " << attempt << ": " << storedPatients << " patients, " << storedVisits << " visits";
    }
    EXPECT_GE(killed, 10) << "most imports should have been killed while running";
}

TEST_F(DbCommands, TwoImportsAtOnceLoseAndDuplicateNothing) {
    const std::string source = path("source.db");
    ok({"init", source});
    ok({"demo", source, "--patients", "40", "--seed", "8"});
    ok({"export", source, "--out", path("all.csv")});
    // Split the file by patient: first 20 patients in one file, the rest in the other.
    std::istringstream lines(readFile(path("all.csv")));
    std::string header, line;
    std::getline(lines, header);
    std::string first = header + "\n", second = header + "\n";
    std::vector<std::string> seen;
    while (std::getline(lines, line)) {
        const std::string id = line.substr(0, line.find(','));
        if (seen.empty() || seen.back() != id) seen.push_back(id);
        (seen.size() <= 20 ? first : second) += line + "\n";
    }
    writeFile(path("a.csv"), first);
    writeFile(path("b.csv"), second);

    for (int round = 0; round < 3; ++round) {
        const std::string db = path("shared" + std::to_string(round) + ".db");
        ok({"init", db});
        const int a = startCli({"import", db, path("a.csv")});
        const int b = startCli({"import", db, path("b.csv")});
        const int statusA = waitCli(a);
        const int statusB = waitCli(b);
        EXPECT_TRUE(statusA == 0 || statusA == 2);
        EXPECT_TRUE(statusB == 0 || statusB == 2);
        EXPECT_TRUE(statusA == 0 || statusB == 0) << "at least one import must get through";
        const int expected = (statusA == 0 ? 20 : 0) + (statusB == 0 ? 20 : 0);
        EXPECT_EQ(sqliteCount(db, "patient"), expected);
        EXPECT_EQ(sqliteCount(db, "(SELECT clinic_id FROM patient GROUP BY clinic_id HAVING count(*) > 1)"), 0);
        ok({"check", db});
    }
}

/// A visit CSV with the given columns, one record per row.
std::string csvOf(const std::vector<std::string>& columns,
                  const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::vector<std::string>> records = {columns};
    records.insert(records.end(), rows.begin(), rows.end());
    return csvText(records);
}

/// What the sqlite3 tool prints for a query: an outside view of the stored text.
std::string sqliteText(const std::string& db, const std::string& sql) {
    FILE* pipe = popen(("sqlite3 '" + db + "' \"" + sql + "\"").c_str(), "r");
    std::string text;
    char buffer[256];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    if (pipe)
        pclose(pipe);
    return text;
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

TEST_F(DbCommands, FormulaCellsAreNeutralisedAndTheEscapingIsUndoneOnImport) {
    // Text beginning with = + - @ TAB CR (a spreadsheet runs it) and with ' (the escape itself, so
    // that the escaping is reversible: the file holds ''quoted for the stored text 'quoted).
    const std::vector<std::vector<std::string>> rows = {
        {"=1+1", "@SUM(A1)", "F", "1980-01-01", "+33 phone", "2020-01-02", "-dizzy", "12", "mg/L",
         "=cmd|'/c calc'!A0", "@lab", "1.01", "-1.2", "L1-L4", "+Hologic", "-X", "=reader"},
        {"P2", "''quoted", "M", "1970-05-05", "\tindented", "2020-02-03", "\rline", "", "", "", "", "", "",
         "", "", "", "''ok"},
    };
    writeFile(path("in.csv"), csvOf(kTextColumns, rows));
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"import", db, path("in.csv")});
    // Stored as typed: the importer removed exactly one leading ' of escaped cells.
    EXPECT_EQ(sqliteText(db, "SELECT name FROM patient ORDER BY clinic_id"), "@SUM(A1)\n'quoted\n");
    EXPECT_EQ(sqliteText(db, "SELECT name FROM reader ORDER BY name"), "'ok\n=reader\n");

    ok({"export", db, "--out", path("first.csv")});
    const std::string first = readFile(path("first.csv"));
    for (const std::string cell : {",'@SUM(A1),", "\r\n'=1+1,", ",'+33 phone,", ",'-dizzy,",
                                   ",'=cmd|'/c calc'!A0,", ",'@lab,", ",'+Hologic,", ",'-X,", ",'=reader,",
                                   ",''quoted,", ",'\tindented,", "\"'\rline\"", ",''ok,", ",-1.2,"})
        EXPECT_NE(first.find(cell), std::string::npos) << cell << " not in\n" << first;

    const std::string again = path("again.db");
    ok({"init", again});
    ok({"import", again, path("first.csv")});
    ok({"export", again, "--out", path("second.csv")});
    EXPECT_EQ(readFile(path("second.csv")), first);

    // The research exports: identified IDs and readers, and the codebook's own texts.
    ok({"export", db, "--format", "csv-long", "--identified", "--out", path("long.csv")});
    EXPECT_NE(readFile(path("long.csv")).find("\r\n'=1+1,"), std::string::npos) << readFile(path("long.csv"));
    EXPECT_NE(readFile(path("long.readings.csv")).find("'=reader"), std::string::npos);
    const std::string codebook = readFile(path("long.codebook.csv"));
    EXPECT_NE(codebook.find(",'-9=not recorded"), std::string::npos);
    EXPECT_EQ(codebook.find(",-9=not recorded"), std::string::npos);
    ok({"export", db, "--format", "redcap", "--identified", "--out", path("redcap.csv")});
    EXPECT_NE(readFile(path("redcap.csv")).find("\r\n'=1+1,"), std::string::npos)
        << readFile(path("redcap.csv"));
}

TEST_F(DbCommands, ControlCharactersInTextAreRefusedNamingLineAndColumn) {
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
    const std::string db = path("clinic.db");
    ok({"init", db});
    const std::string before = readFile(db);
    const CliResult result = runCli({"import", db, path("bad.csv")});
    EXPECT_EQ(result.exitCode, 2) << result.err;
    // Line 2's quoted notes span lines 2-4, so the NUL is on line 5 and the next record on line 6.
    for (const std::string fragment :
         {"bad.csv:5:patient_id", "U+0000", "bad.csv:6:name", "U+000A", "bad.csv:6:crp_assay", "U+0001",
          "bad.csv:6:film_reader", "U+007F", "bad.csv:8:film_reader: <U+0000>Reader A"})
        EXPECT_NE(result.err.find(fragment), std::string::npos) << fragment << " not in\n" << result.err;
    EXPECT_EQ(result.err.find(":2:"), std::string::npos) << "notes may hold line breaks and tabs\n"
                                                         << result.err;
    EXPECT_TRUE(readFile(db) == before) << "a refused import changed the database";
}

TEST_F(DbCommands, ClashesWithStoredDataAreAllListedWithLineAndColumn) {
    const std::vector<std::string> columns = {"patient_id", "name",        "sex",          "birth_date",
                                              "visit_date", "film_reader", "msasss_C2_inf"};
    writeFile(path("first.csv"), csvOf(columns, {{"A", "Wang", "F", "1980-01-01", "2021-03-04", "R1", "0"},
                                                 {"B", "Li", "M", "1970-05-05", "2021-03-04", "", ""}}));
    const std::string db = path("clinic.db");
    ok({"init", db});
    ok({"import", db, path("first.csv")});
    // Line 2: a new visit, fine. Line 3: A's visit and film of 2021-03-04 again. Line 4: B with
    // another birth date. Line 5: B's visit of 2021-03-04 again.
    writeFile(path("second.csv"), csvOf(columns, {{"A", "Wang", "F", "1980-01-01", "2022-01-01", "", ""},
                                                  {"A", "Wang", "F", "1980-01-01", "2021-03-04", "R2", "1"},
                                                  {"B", "Li", "M", "1971-05-05", "2022-01-01", "", ""},
                                                  {"B", "Li", "M", "1971-05-05", "2021-03-04", "", ""}}));
    const std::string before = readFile(db);
    const CliResult result = runCli({"import", db, path("second.csv")});
    EXPECT_EQ(result.exitCode, 2) << result.err;
    for (const std::string fragment :
         {"second.csv:3:visit_date: 2021-03-04", "second.csv:4:birth_date: 1971-05-05",
          "second.csv:5:visit_date: 2021-03-04"})
        EXPECT_NE(result.err.find(fragment), std::string::npos) << fragment << " not in\n" << result.err;
    EXPECT_TRUE(readFile(db) == before) << "a refused import changed the database";
    ok({"check", db});
}

}  // namespace
}  // namespace ankylos::test
