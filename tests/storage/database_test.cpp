// Opening a database (issue 3, section 2): create, reopen, migrate from every earlier version, and
// refuse every database we must not touch, leaving it unchanged. Suites of behaviour both engines
// share run on a file and on the test run's server (Sqlite/..., Postgresql/...); the DatabaseFile...
// suites are about what only a file has (its bytes, pages, header, folder, permissions and the files
// beside it), and each says which server test covers the server's form of the same fault.
#include "storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <thread>

#include "core/settings.h"
#include "engine_database.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/checked_state.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/migrations.h"
#include "storage/patient_list.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/schema.h"
#include "storage/visit_repository.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;
using test::Bytes;
using test::readBytes;
using test::TempDir;

template <typename Connection>
void expectAnkylosDatabase(Connection& db) {
    EXPECT_EQ(test::rawInt(db, "PRAGMA application_id"), kApplicationId);
    EXPECT_EQ(test::rawInt(db, "PRAGMA user_version"), currentSchemaVersion());
}

/// An Ankylos database with count patients, closed (so everything is in the main file).
void makeAnkylosDatabase(const std::filesystem::path& file, int count) {
    Database db(file, "setup", Open::CreateNew);
    PatientRepository patients(db);
    for (int i = 0; i < count; ++i) {
        core::Patient p = test::fullPatient("P" + std::to_string(10000 + i), "Patient " + std::to_string(i));
        p.notes = std::string(300, static_cast<char>('a' + i % 26));  // many pages
        patients.add(p);
    }
}

/// A database's identity: a file's header, or a server database's table ankylos_database.
void expectCurrentAnkylosDatabase(Database& db) {
    sql::Connection& connection = sql::connectionOf(db);
    if (!db.onServer()) {
        expectAnkylosDatabase(connection);
        return;
    }
    EXPECT_EQ(connection.execAndGet("SELECT application FROM ankylos_database").getString(), "Ankylos");
    EXPECT_EQ(storedSchemaVersion(connection), currentSchemaVersion());
}

/// Opening location must throw IncompatibleDatabase whose message contains every part of expected and
/// names the location; what state() says of it is the same afterwards.
void expectRefused(const std::filesystem::path& location, const std::function<std::string()>& state,
                   const std::vector<std::string>& expected, Open mode) {
    const std::string before = state();
    try {
        Database db(location, "tester", mode);
        ADD_FAILURE() << "opened " << location;
    } catch (const IncompatibleDatabase& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(location.string()), std::string::npos) << message;
        for (const std::string& part : expected)
            EXPECT_NE(message.find(part), std::string::npos) << message;
    }
    const std::string after = state();
    if (after != before) {  // the first line that differs says where
        std::size_t line = 0;
        while (line < before.size() && line < after.size() && before[line] == after[line])
            ++line;
        line = before.rfind('\n', line) == std::string::npos ? 0 : before.rfind('\n', line) + 1;
        ADD_FAILURE() << "the refused database was changed; before:\n"
                      << before.substr(line, before.find('\n', line) - line).substr(0, 2000) << "\nafter:\n"
                      << after.substr(line, after.find('\n', line) - line).substr(0, 2000);
    }
}

/// A file's bytes and the names of the files in its folder.
std::string fileState(const TempDir& dir, const std::filesystem::path& file) {
    const Bytes bytes = std::filesystem::is_regular_file(file) ? readBytes(file) : Bytes();
    std::string state(bytes.begin(), bytes.end());
    for (const std::string& name : dir.files())
        state += "\n" + name;
    return state;
}

/// Opening file must throw IncompatibleDatabase whose message contains every part of expected and
/// names the file; the file keeps every byte and no file appears next to it.
void expectRefused(const TempDir& dir, const std::filesystem::path& file,
                   const std::vector<std::string>& expected, Open mode = Open::ReadWrite) {
    expectRefused(
        file, [&] { return fileState(dir, file); }, expected, mode);
}

/// Every table of a server database with every row, or the bytes of a file and the names beside it.
/// (Not a server's views: some show the cluster's accounts, which other tests change meanwhile.)
std::string stateOf(const test::EngineLocation& where) {
    if (where.engine() == sql::Engine::Sqlite) {
        const Bytes bytes = readBytes(where.path());
        std::string state(bytes.begin(), bytes.end());
        for (const auto& entry : std::filesystem::directory_iterator(where.path().parent_path()))
            state += "\n" + entry.path().filename().string();
        return state;
    }
    const auto db = where.outsideConnection();
    std::vector<std::string> tables;
    sql::Statement names(
        *db,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY 1");
    while (names.executeStep())
        tables.push_back(names.getColumn(0).getString());
    std::string state;
    for (const std::string& table : tables)  // names the server gave: quoted, nothing else is spliced in
        state += table + ":" +
                 db->execAndGet("SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM \"" +
                                table + "\" t")
                     .getString() +
                 "\n";
    return state;
}

void expectRefused(const test::EngineLocation& where, const std::vector<std::string>& expected,
                   Open mode = Open::ReadWrite) {
    expectRefused(
        where.path(), [&] { return stateOf(where); }, expected, mode);
}

/// A suite run on both engines: its database's location.
class OnEngine : public ::testing::TestWithParam<sql::Engine> {
protected:
    bool onServer() const { return GetParam() == sql::Engine::Postgresql; }
    const std::filesystem::path& location() const { return m_location.path(); }

    test::EngineLocation m_location{GetParam()};
};

std::filesystem::perms permissionsOf(const std::filesystem::path& file) {
    return std::filesystem::status(file).permissions() & std::filesystem::perms::mask;
}

constexpr auto kOwnerOnly = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;

class DatabaseOpen : public OnEngine {};

TEST_P(DatabaseOpen, NewDatabaseHasTheSchemaTheDefaultSettingsAndAnIntactTrail) {
    Database db(location(), "dr.zhang", Open::CreateNew);
    // A server's audit trail names the account signed in, a file's the user given.
    EXPECT_EQ(db.user(),
              onServer() ? sql::connectionOf(db).execAndGet("SELECT session_user").getString() : "dr.zhang");
    EXPECT_EQ(db.file(), location());
    EXPECT_EQ(db.onServer(), onServer());
    EXPECT_FALSE(db.migrationBackup());  // nothing to back up in a new database
    expectCurrentAnkylosDatabase(db);

    // The spec's named settings with core's defaults, no more, no less.
    std::map<std::string, std::string> stored;
    sql::Statement query(sql::connectionOf(db), "SELECT name, value FROM setting");
    while (query.executeStep())
        stored[query.getColumn(0).getString()] = query.getColumn(1).getString();
    const auto defaults = core::Settings{}.describe();
    std::map<std::string, std::string> expected(defaults.begin(), defaults.end());
    EXPECT_EQ(stored, expected);
    EXPECT_EQ(test::rawInt(sql::connectionOf(db), "SELECT count(*) FROM reference_range"), 4);
    EXPECT_EQ(auditRowCount(db), 1);  // the baseline
    EXPECT_TRUE(verifyAuditTrail(db).empty());
    EXPECT_EQ(db.readOnlyReason(), "");
}

TEST_P(DatabaseOpen, CreatingRefusesADatabaseThatHoldsAClinic) {
    makeAnkylosDatabase(location(), 2);
    expectRefused(m_location, {onServer() ? "not empty" : "exists already"}, Open::CreateNew);
}

TEST_P(DatabaseOpen, ReopeningKeepsData) {
    std::int64_t id = 0;
    {
        Database db(location(), "dr.zhang", Open::CreateNew);
        id = PatientRepository(db).add(test::fullPatient());
        VisitRepository(db).add(id, test::fullVisit(Date(2020, 5, 4)));
    }
    Database db(location(), "dr.li");
    EXPECT_FALSE(db.migrationBackup());
    if (!onServer()) {  // the database and SQLite's -wal and -shm, its key and head, no backup
        for (const auto& entry : std::filesystem::directory_iterator(location().parent_path()))
            EXPECT_EQ(entry.path().filename().string().rfind("clinic.db", 0), 0u) << "unexpected " << entry;
    }
    const auto history = HistoryReader(db).load(id);
    ASSERT_TRUE(history);
    test::expectSame(test::fullPatient(), history->patient);
    ASSERT_EQ(history->visits.size(), 1u);
    test::expectSame(test::fullVisit(Date(2020, 5, 4)), history->visits[0]);
    EXPECT_TRUE(verifyAuditTrail(db).empty());
}

// Several programs open the same database at once and each writes: every write lands, and the trail
// (and a file's chain head) stays whole.
TEST_P(DatabaseOpen, ConcurrentWriters) {
    for (int round = 0; round < 3; ++round) {
        const test::EngineLocation where(GetParam());
        Database(where.path(), "admin", Open::CreateNew);
        constexpr int kOpeners = 6;
        std::vector<std::string> errors(kOpeners);
        std::vector<std::thread> threads;
        for (int i = 0; i < kOpeners; ++i)
            threads.emplace_back([&, i] {
                try {
                    Database db(where.path(), "user" + std::to_string(i));
                    PatientRepository(db).add(test::fullPatient("T" + std::to_string(i), "Thread"));
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(i)] = e.what();
                }
            });
        for (std::thread& thread : threads)
            thread.join();
        for (const std::string& error : errors)
            EXPECT_EQ(error, "");
        Database db(where.path());
        expectCurrentAnkylosDatabase(db);
        EXPECT_EQ(PatientRepository(db).count(), kOpeners);
        const auto problems = verifyAuditTrail(db);
        EXPECT_TRUE(problems.empty()) << problems.front();
    }
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseOpen);

// A file's folder, permissions, journal and header, and what is left on disk after a crash: a server
// database has none of these. Its own forms: an empty database is refused until init
// (ServerDatabasePostgresql.AnEmptyDatabaseIsRefusedUntilInitAndInitCreatesTheSchema); a connection
// lost in the middle of a save (ServerDatabasePostgresql.AConnectionLostInTheMiddleOfASave...).
TEST(DatabaseFileOpen, NewFileIsCreatedWithItsFolderPrivateAndInWalMode) {
    TempDir dir;
    const auto file = dir / "clinic/2026/ankylos.db";
    const mode_t umaskBefore = ::umask(022);  // the usual umask: files would be readable by all
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        expectAnkylosDatabase(sql::connectionOf(db));
        EXPECT_EQ(sql::connectionOf(db).execAndGet("PRAGMA journal_mode").getString(), "wal");
        EXPECT_EQ(test::rawInt(sql::connectionOf(db), "PRAGMA foreign_keys"), 1);
        EXPECT_GT(test::rawInt(sql::connectionOf(db), "PRAGMA busy_timeout"), 0);
    }
    ::umask(umaskBefore);
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    // Only the owner may read the database, its key and its chain head (issue 11, finding 7).
    for (const auto& made : {file, auditKeyPath(file), chainHeadPath(file)}) {
        SCOPED_TRACE(made.string());
        ASSERT_TRUE(std::filesystem::is_regular_file(made));
        EXPECT_EQ(permissionsOf(made), kOwnerOnly);
    }
    // The header is written: a raw connection sees the same identity.
    SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
    expectAnkylosDatabase(raw);
}

// A server database names the account signed in instead.
TEST(DatabaseFileOpen, UserDefaultsToTheOperatingSystemAccount) {
    TempDir dir;
    Database db(dir / "a.db", "", Open::CreateNew);
    EXPECT_FALSE(operatingSystemUser().empty());
    EXPECT_EQ(db.user(), operatingSystemUser());
}

TEST(DatabaseFileOpen, ZeroByteFileIsCreatedIntoOnlyWhenCreating) {
    TempDir dir;
    const auto file = dir / "empty.db";
    test::writeBytes(file, {});
    ASSERT_EQ(std::filesystem::file_size(file), 0u);
    // Opening is not creating: an empty file is refused and stays empty (issue 11, finding 4).
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly})
        expectRefused(dir, file, {"empty (0 bytes)", "ankylos-cli init"}, mode);
    Database db(file, "", Open::CreateNew);
    expectAnkylosDatabase(sql::connectionOf(db));
    EXPECT_EQ(PatientRepository(db).count(), 0);
}

TEST(DatabaseFileOpen, CreatingRefusesToReuseAnotherDatabasesKey) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 1);
    std::filesystem::remove(file);  // the database gone, its key left behind
    expectRefused(dir, file, {"clinic.db.key", "exists already"}, Open::CreateNew);
    EXPECT_FALSE(std::filesystem::exists(file));
}

// A process killed before SQLite checkpointed leaves the newest pages in the -wal file, and the
// main file's header may still be that of an empty file. Opening must see what SQLite sees.
TEST(DatabaseFileOpen, CrashBeforeCheckpointKeepsData) {
    TempDir dir;
    const auto file = dir / "live.db";
    const auto copy = dir / "crashed" / "live.db";
    std::filesystem::create_directories(copy.parent_path());
    {
        Database db(file, "dr.zhang", Open::CreateNew);
        PatientRepository(db).add(test::fullPatient());
        // Copy while the connection is open: the state a SIGKILL would leave on disk.
        for (const char* suffix : {"", "-wal", ".key", ".head"})
            std::filesystem::copy_file(file.string() + suffix, copy.string() + suffix);
        ASSERT_GT(std::filesystem::file_size(copy.string() + "-wal"), 0u);
    }
    Database db(copy, "dr.li");
    expectAnkylosDatabase(sql::connectionOf(db));
    PatientRepository patients(db);
    EXPECT_EQ(patients.count(), 1);
    EXPECT_TRUE(patients.idOf("AS-0001"));
    EXPECT_TRUE(verifyAuditTrail(db).empty());
}

// --- Refusals -------------------------------------------------------------------------------

class DatabaseRefuses : public OnEngine {};

TEST_P(DatabaseRefuses, AnotherProgramsDatabase) {
    if (!onServer())
        test::writeBytes(location(), {});  // the sqlite3 tool makes the file
    m_location.outsideEdit(
        "CREATE TABLE invoice (id integer PRIMARY KEY, total real); INSERT INTO invoice VALUES (1, 9.5)");
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly})
        expectRefused(m_location, {"not an Ankylos database"}, mode);
    expectRefused(m_location, {onServer() ? "not empty" : "exists already"}, Open::CreateNew);
}

TEST_P(DatabaseRefuses, NewerVersion) {
    makeAnkylosDatabase(location(), 3);
    const std::string newer = std::to_string(currentSchemaVersion() + 1);
    m_location.outsideEdit(onServer() ? "UPDATE ankylos_database SET schema_version = " + newer
                                      : "PRAGMA user_version = " + newer +
                                            "; PRAGMA journal_mode = DELETE");  // all in the main file
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly})
        expectRefused(
            m_location,
            {"newer version", "database version " + newer, "up to " + std::to_string(currentSchemaVersion())},
            mode);
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseRefuses);

// What is not a database, or not one, at the level of files and their bytes. A server's forms: an
// empty database (ServerDatabasePostgresql.AnEmptyDatabaseIsRefusedUntilInit...), a database that
// does not exist (...AWrongPasswordIsToldApartFromNoPasswordAndFromAMissingDatabase), no server
// listening (...NoServerListeningIsRefusedAndNamed), a database not in UTF-8 (...ADatabaseNotInUtf8...).
TEST(DatabaseFileRefuses, MissingFileIsNotCreated) {
    TempDir dir;
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly})
        expectRefused(dir, dir / "typo.db", {"no such file", "ankylos-cli init"}, mode);
    EXPECT_TRUE(dir.files().empty());
}

TEST(DatabaseFileRefuses, Folder) {
    TempDir dir;
    std::filesystem::create_directory(dir / "clinic.db");
    for (const Open mode : {Open::ReadWrite, Open::ReadOnly, Open::CreateNew})
        expectRefused(dir, dir / "clinic.db", {"folder"}, mode);
}

TEST(DatabaseFileRefuses, EmptySqliteDatabaseOfAnotherProgram) {
    TempDir dir;
    const auto file = dir / "blank.db";
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 1; CREATE TABLE scratch (x); DROP TABLE scratch;");
        ASSERT_EQ(test::rawInt(raw, "SELECT count(*) FROM sqlite_schema"), 0);
    }
    // Not an old Ankylos file to upgrade (issue 11, finding 5): refused, no backup made.
    expectRefused(dir, file, {"not an Ankylos database"});
}

TEST(DatabaseFileRefuses, TextFile) {
    TempDir dir;
    const auto file = dir / "visits.csv";
    const std::string text = "clinic_id,visit_date,basdai_q1\nAS-0001,2024-01-02,3\n";
    test::writeBytes(file, Bytes(text.begin(), text.end()));
    expectRefused(dir, file, {"not a database"});
}

TEST(DatabaseFileRefuses, ShortFileWithTheSqliteMagic) {
    TempDir dir;
    const auto file = dir / "stub.db";
    const std::string text = std::string("SQLite format 3") + '\0' + "\x10";
    test::writeBytes(file, Bytes(text.begin(), text.end()));
    expectRefused(dir, file, {"truncated"});
}

TEST(DatabaseFileRefuses, TruncatedDatabase) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 200);
    Bytes bytes = readBytes(file);
    ASSERT_GT(bytes.size(), 16u * 4096);
    bytes.resize(bytes.size() / 2);
    test::writeBytes(file, bytes);
    expectRefused(dir, file, {"truncated", "backup"});
}

TEST(DatabaseFileRefuses, AnotherApplicationId) {
    for (const bool withTables : {false, true}) {
        SCOPED_TRACE(withTables ? "with tables" : "without tables");
        TempDir dir;
        const auto file = dir / "other.db";
        {
            SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("PRAGMA application_id = 1196444237");  // "GPKG", a GeoPackage
            if (withTables)
                raw.exec("CREATE TABLE features (id INTEGER PRIMARY KEY)");
            else
                raw.exec("CREATE TABLE t (x); DROP TABLE t;");
        }
        expectRefused(dir, file, {"not an Ankylos database"});
    }
}

class DatabaseWrites : public OnEngine {};

TEST_P(DatabaseWrites, AnotherDatabasesKeyIsRefusedBeforeAnyWrite) {
    makeAnkylosDatabase(location(), 2);
    if (onServer()) {
        std::string key = AuditKey::generate().text();
        key.pop_back();  // its newline
        m_location.outsideEdit("UPDATE ankylos_database SET audit_key = '" + key + "'");
    } else {
        const TempDir other;
        makeAnkylosDatabase(other / "other.db", 1);
        std::filesystem::copy_file(auditKeyPath(other / "other.db"), auditKeyPath(location()),
                                   std::filesystem::copy_options::overwrite_existing);
    }
    Database db(location(), "tester");
    try {
        PatientRepository(db).add(test::fullPatient("NEW-1", "New"));
        ADD_FAILURE() << "wrote with another database's key";
    } catch (const ReadOnlyDatabase& e) {
        EXPECT_NE(std::string(e.what()).find("the last audit row's MAC"), std::string::npos) << e.what();
    }
    EXPECT_EQ(PatientRepository(db).count(), 2);
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseWrites);

// Damaged pages and indexes, SQLite's integrity check before the first write, a key file missing, a
// read-only file or folder: a server keeps its pages, checks and privileges itself. Its form of a
// write that cannot land is the connection lost in the middle of a save
// (ServerDatabasePostgresql.AConnectionLostInTheMiddleOfASave...).
TEST(DatabaseFileWrites, DamagedDatabaseOpensReadOnly) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 300);
    Bytes bytes = readBytes(file);
    const int pageSize = (static_cast<unsigned char>(bytes[16]) << 8) | static_cast<unsigned char>(bytes[17]);
    const std::size_t pages = bytes.size() / static_cast<std::size_t>(pageSize);
    ASSERT_GT(pages, 20u);
    // 200 bytes of 0xFF in the middle of a page half-way through the file: on a full b-tree page
    // they cover the start of at least one cell, whose payload size becomes an impossible varint.
    const std::size_t page = pages / 2;
    const std::size_t middle =
        page * static_cast<std::size_t>(pageSize) + static_cast<std::size_t>(pageSize) / 2;
    for (std::size_t i = middle - 100; i < middle + 100; ++i)
        bytes[i] = '\xFF';
    test::writeBytes(file, bytes);
    ASSERT_NE(test::rawQuickCheck(file), "ok") << "the damage did not register; pick another page";
    {
        Database db(file, "tester");
        EXPECT_NE(db.readOnlyReason().find("damaged"), std::string::npos) << db.readOnlyReason();
        EXPECT_NE(db.readOnlyReason().find("restore it from a backup"), std::string::npos);
        try {
            PatientRepository(db).add(test::fullPatient("NEW-1", "New"));
            ADD_FAILURE() << "wrote into a damaged file";
        } catch (const ReadOnlyDatabase& e) {
            EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(readBytes(file) == bytes);
}

/// Makes SQLite believe the index patient_name holds the notes, so that its entries no longer match
/// the rows: damage that PRAGMA integrity_check finds and quick_check (the check at open) does not.
void damageIndex(const std::filesystem::path& file) {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA writable_schema = ON");
    raw.exec(
        "UPDATE sqlite_schema SET sql = 'CREATE INDEX patient_name ON patient (notes COLLATE NOCASE)' "
        "WHERE name = 'patient_name'");
}

// Issue 11, finding 3: index damage was not found at open, and an import wrote into the file.
TEST(DatabaseFileWrites, IndexDamageIsFoundBeforeTheFirstWrite) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 5);
    damageIndex(file);
    ASSERT_EQ(test::rawQuickCheck(file), "ok");
    const Bytes before = readBytes(file);
    {
        Database db(file, "tester");
        EXPECT_EQ(db.readOnlyReason(), "");           // not known until the full check
        EXPECT_EQ(PatientRepository(db).count(), 5);  // reading needs no check
        EXPECT_THROW(PatientRepository(db).add(test::fullPatient("NEW-1", "New")), ReadOnlyDatabase);
        EXPECT_NE(db.readOnlyReason().find("damaged"), std::string::npos) << db.readOnlyReason();
        EXPECT_NE(db.readOnlyReason().find("patient_name"), std::string::npos) << db.readOnlyReason();
    }
    EXPECT_TRUE(readBytes(file) == before);
}

TEST(DatabaseFileWrites, CheckBeforeWritingRunsOnceAndCanBeStopped) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 300);
    std::filesystem::remove(checkedStatePath(file));  // as for a file copied here: checked in full
    Database db(file, "tester");
    int calls = 0;
    EXPECT_FALSE(db.checkBeforeWriting([&] { return ++calls < 2; }));  // stopped: nothing decided
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(db.checkBeforeWriting(), std::optional<std::string>(""));
    calls = 0;
    EXPECT_EQ(db.checkBeforeWriting([&] { return ++calls > 0; }), std::optional<std::string>(""));
    EXPECT_EQ(calls, 0);  // decided once for the session
    PatientRepository(db).add(test::fullPatient("NEW-1", "New"));
}

// Issue 17: a report from a 20,000-patient file waited a second for the check before its audit row.
TEST(DatabaseFileWrites, AFileUnchangedSinceItsLastCheckIsNotReadInFullAgain) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 300);  // checked before its first write; closing it recorded its state
    ASSERT_TRUE(std::filesystem::exists(checkedStatePath(file)));
    EXPECT_TRUE(unchangedSinceCheck(file));
    {
        Database db(file, "tester");
        int calls = 0;
        EXPECT_EQ(db.checkBeforeWriting([&] { return ++calls > 0; }), std::optional<std::string>(""));
        EXPECT_EQ(calls, 0);  // the integrity check reports progress: it did not run
        PatientRepository(db).add(test::fullPatient("NEW-1", "New"));
        EXPECT_FALSE(unchangedSinceCheck(file));  // its own write is recorded when it closes
    }
    EXPECT_TRUE(unchangedSinceCheck(file));
    damageIndex(file);  // another program writes: the state no longer matches, the check finds it
    EXPECT_FALSE(unchangedSinceCheck(file));
    {
        Database db(file, "tester");
        EXPECT_THROW(PatientRepository(db).add(test::fullPatient("NEW-2", "New")), ReadOnlyDatabase);
        EXPECT_NE(db.readOnlyReason().find("patient_name"), std::string::npos) << db.readOnlyReason();
    }
    EXPECT_FALSE(unchangedSinceCheck(file));  // a damaged file's state is never recorded
}

TEST(DatabaseFileWrites, MissingKeyOpensReadOnly) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 2);
    std::filesystem::remove(auditKeyPath(file));
    Database db(file, "tester");
    EXPECT_NE(db.readOnlyReason().find("audit key"), std::string::npos) << db.readOnlyReason();
    EXPECT_EQ(PatientRepository(db).count(), 2);
    EXPECT_THROW(PatientRepository(db).add(test::fullPatient("NEW-1", "New")), ReadOnlyDatabase);
}

// Issue 11, finding 6: a read-only file or folder gave "internal error" or "damaged". Root may write
// anything, so these run as the unprivileged user nobody.
TEST(DatabaseFileWrites, ReadOnlyFileOpensForReading) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 2);
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
    for (const auto& made : {file, auditKeyPath(file), chainHeadPath(file)})
        std::filesystem::permissions(made, std::filesystem::perms(0444));
    const Bytes before = readBytes(file);
    EXPECT_EQ(
        test::asUnprivilegedUser([&] {
            Database db(file, "tester");
            const bool said = db.readOnlyReason().find("read-only") != std::string::npos;
            const bool reads = PatientRepository(db).count() == 2;
            try {
                PatientRepository(db).add(test::fullPatient("NEW-1", "New"));
                return 10;
            } catch (const ReadOnlyDatabase& e) {
                return said && reads && std::string(e.what()).find("read-only") != std::string::npos ? 0 : 11;
            }
        }),
        0);
    EXPECT_TRUE(readBytes(file) == before);
}

TEST(DatabaseFileWrites, ReadOnlyFolderIsNamed) {
    TempDir dir;
    const auto file = dir / "clinic.db";
    makeAnkylosDatabase(file, 2);
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
    for (const auto& made : {file, auditKeyPath(file), chainHeadPath(file)})
        std::filesystem::permissions(made, std::filesystem::perms(0666));
    const Bytes before = readBytes(file);
    EXPECT_EQ(test::asUnprivilegedUser([&] {
                  Database db(file, "tester");
                  return db.readOnlyReason().find("folder") != std::string::npos &&
                                 PatientRepository(db).count() == 2
                             ? 0
                             : 12;
              }),
              0);
    EXPECT_TRUE(readBytes(file) == before);
}

// --- Migrations ----------------------------------------------------------------------------

/// A server database as the Ankylos of schema version v < current wrote it: its identity table with
/// a key, and the PostgreSQL migrations 1..v applied raw.
void buildServerVersion(const test::EngineLocation& where, int v) {
    const auto raw = where.outsideConnection();
    raw->exec(
        "CREATE TABLE ankylos_database (application text NOT NULL CHECK (application = 'Ankylos'), "
        "schema_version integer NOT NULL, audit_key text NOT NULL)");
    std::string key = AuditKey::generate().text();
    key.pop_back();  // its newline
    sql::Statement identity(*raw, "INSERT INTO ankylos_database VALUES ('Ankylos', ?, ?)");
    identity.bind(1, v);
    identity.bind(2, key);
    identity.exec();
    for (int i = 0; i < v; ++i)
        raw->exec(migrations(sql::Engine::Postgresql)[static_cast<std::size_t>(i)].sql);
}

/// A database as the Ankylos of schema version v wrote it: migrations 1..v applied raw, its
/// identity in the file's header or the server's table, one patient.
void buildVersion(const test::EngineLocation& where, int v) {
    if (v == currentSchemaVersion()) {
        Database(where.path(), "setup", Open::CreateNew);
    } else if (where.engine() == sql::Engine::Postgresql) {
        buildServerVersion(where, v);
    } else {
        SQLite::Database raw(where.path().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA journal_mode = WAL");
        for (int i = 0; i < v; ++i)
            raw.exec(migrations(sql::Engine::Sqlite)[static_cast<std::size_t>(i)].sql);
        raw.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        raw.exec("PRAGMA user_version = " + std::to_string(v));
    }
    where.outsideEdit(
        "INSERT INTO patient (clinic_id, name, sex, birth_date, created_at, updated_at) "
        "VALUES ('OLD-1', '张三', 'F', '1970-01-02', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')");
    // A film read once, with a graded and a not-assessable site: version 13 rebuilds reading and
    // site_score on SQLite, and must keep both rows and their ids.
    where.outsideEdit("INSERT INTO reader (id, name) VALUES (90, 'Dr. Old')");
    where.outsideEdit("INSERT INTO film (id, patient_id, film_date) SELECT 91, id, '2019-06-01' FROM patient");
    where.outsideEdit(
        "INSERT INTO reading (id, film_id, reader_id, reading_date, chronology_known) "
        "VALUES (92, 91, 90, '2019-06-02', 1)");
    where.outsideEdit(
        "INSERT INTO site_score (reading_id, site, grade, na_reason) "
        "VALUES (92, 'C2_inf', 2, NULL), (92, 'L4_sup', NULL, 'not_visible')");
}

TEST(MigrationFiles, MigrationsAreNumberedWithoutGaps) {
    const std::vector<Migration>& sqlite = migrations(sql::Engine::Sqlite);
    ASSERT_FALSE(sqlite.empty());
    EXPECT_EQ(currentSchemaVersion(), static_cast<int>(sqlite.size()));
    for (std::size_t i = 0; i < sqlite.size(); ++i) {
        EXPECT_EQ(sqlite[i].version, static_cast<int>(i + 1));
        EXPECT_FALSE(sqlite[i].sql.empty());
    }
    EXPECT_EQ(sqlite[0].name, "0001_initial.sql");
}

TEST(MigrationFiles, BothEnginesHaveTheSameSequenceInTheirOwnDialect) {
    const std::vector<Migration>& sqlite = migrations(sql::Engine::Sqlite);
    const std::vector<Migration>& postgresql = migrations(sql::Engine::Postgresql);
    ASSERT_EQ(postgresql.size(), sqlite.size());
    for (std::size_t i = 0; i < sqlite.size(); ++i) {
        SCOPED_TRACE(sqlite[i].name);
        EXPECT_EQ(postgresql[i].version, sqlite[i].version);
        EXPECT_EQ(postgresql[i].name, sqlite[i].name);
    }
    // Each file is its engine's: SQLite's rowid tables, PostgreSQL's identity columns.
    EXPECT_NE(sqlite[0].sql.find("INTEGER PRIMARY KEY"), std::string::npos);
    EXPECT_EQ(postgresql[0].sql.find("INTEGER PRIMARY KEY"), std::string::npos);
    EXPECT_NE(postgresql[0].sql.find("GENERATED BY DEFAULT AS IDENTITY"), std::string::npos);
}

class DatabaseMigration : public OnEngine {};

/// A file is backed up beside itself first; a server database migrates in one transaction (its
/// backups are the server's, `ankylos-cli backup` makes a portable file).
void expectMigrationBackup(Database& db, const std::filesystem::path& file, int from) {
    if (db.onServer() || from == currentSchemaVersion()) {
        EXPECT_FALSE(db.migrationBackup());
        if (!db.onServer()) {
            for (const auto& entry : std::filesystem::directory_iterator(file.parent_path()))
                EXPECT_EQ(entry.path().filename().string().rfind("clinic.db", 0), 0u)
                    << "unexpected " << entry;
        }
        return;
    }
    ASSERT_TRUE(db.migrationBackup());
    const auto backup = *db.migrationBackup();
    EXPECT_EQ(backup.parent_path(), file.parent_path());
    EXPECT_NE(backup.filename().string().find("backup"), std::string::npos);
    SQLite::Database old(backup.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(test::rawInt(old, "PRAGMA user_version"), from);
    EXPECT_EQ(test::rawInt(old, "SELECT count(*) FROM patient WHERE clinic_id = 'OLD-1'"), 1);
}

TEST_P(DatabaseMigration, FromEveryEarlierVersion) {
    for (int v = 1; v <= currentSchemaVersion(); ++v) {
        SCOPED_TRACE("from version " + std::to_string(v));
        const test::EngineLocation where(GetParam());
        buildVersion(where, v);
        Database db(where.path(), "dr.zhang");
        expectCurrentAnkylosDatabase(db);
        PatientRepository patients(db);
        const auto id = patients.idOf("OLD-1");
        ASSERT_TRUE(id);
        const auto stored = patients.find(*id);
        ASSERT_TRUE(stored);
        EXPECT_EQ(stored->patient.name, "张三");
        // A migration across version 10 made its search key (the patient was written around the app).
        if (v < kPatientSearchSchemaVersion) {
            EXPECT_EQ(PatientList(db).count("zhangsan"), 1);  // its name's pinyin (version 10)
            EXPECT_EQ(PatientList(db).count("zs"), 1);
        }
        EXPECT_EQ(stored->patient.sex, core::Sex::Female);
        EXPECT_EQ(stored->patient.birth, Date(1970, 1, 2));
        EXPECT_EQ(stored->createdAt, "2020-01-01T00:00:00Z");
        // The migrated database works: a new visit for the old patient is saved and audited.
        VisitRepository(db).add(*id, test::fullVisit(Date(2024, 3, 1)));
        const auto history = HistoryReader(db).load(*id);
        EXPECT_EQ(history->visits.size(), 1u);
        // The old reading, as written, now a clinic reading made seeing the patient.
        ASSERT_EQ(history->films.size(), 1u);
        ASSERT_EQ(history->films[0].readings.size(), 1u);
        const core::Reading& reading = history->films[0].readings[0];
        EXPECT_EQ(reading.reader, "Dr. Old");
        EXPECT_TRUE(reading.chronologyKnown);
        EXPECT_EQ(reading.at(core::Site::C2_inf)->grade(), 2);
        EXPECT_EQ(reading.at(core::Site::L4_sup)->reason(), core::NotAssessableReason::NotVisible);
        EXPECT_TRUE(reading.session.empty());
        EXPECT_EQ(reading.role, core::ReadingRole::Primary);
        EXPECT_TRUE(reading.identitySeen);
        EXPECT_EQ(FilmRepository(db).reading(92).reader, "Dr. Old") << "the reading kept its id";
        const auto problems = verifyAuditTrail(db);
        EXPECT_TRUE(problems.empty()) << problems.front();
        expectMigrationBackup(db, where.path(), v);
    }
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseMigration);

// --- Backup ---------------------------------------------------------------------------------

class DatabaseBackup : public OnEngine {};

/// Either engine's backup is a portable Ankylos file with its key and chain head beside it.
TEST_P(DatabaseBackup, CopiesEverythingAndRefusesToOverwrite) {
    TempDir dir;
    Database db(location(), "dr.zhang", Open::CreateNew);
    const auto id = PatientRepository(db).add(test::fullPatient());
    db.backupTo(dir / "copy.db");
    for (const auto& made : {dir / "copy.db", dir / "copy.db.key", dir / "copy.db.head"})
        EXPECT_EQ(permissionsOf(made), kOwnerOnly) << made;
    {
        Database copy(dir / "copy.db");
        EXPECT_EQ(PatientRepository(copy).count(), 1);
        EXPECT_TRUE(verifyAuditTrail(copy).empty());
        EXPECT_EQ(copy.readOnlyReason(), "");
    }
    PatientRepository(db).update(id, test::fullPatient("AS-0001", "王伟伟"), "typo in name");
    const Bytes before = readBytes(dir / "copy.db");
    EXPECT_THROW(db.backupTo(dir / "copy.db"), core::ValidationError);
    EXPECT_THROW(db.backupTo(location()), core::ValidationError);
    EXPECT_TRUE(readBytes(dir / "copy.db") == before);
}

// Issue 11, finding 10: a backup onto a full disk left a partial file.
TEST_P(DatabaseBackup, FullDiskLeavesNothing) {
    makeAnkylosDatabase(location(), 100);
    TempDir dir;
    // A file size limit makes writes fail as a full disk does (EFBIG instead of ENOSPC). The child
    // process opens a connection of its own.
    EXPECT_EQ(test::withFileSizeLimit(64 * 1024,
                                      [&] {
                                          Database db(location(), "dr.zhang", Open::ReadOnly);
                                          try {
                                              db.backupTo(dir / "copy.db");
                                              return 20;
                                          } catch (const StorageError& e) {
                                              return std::string(e.what()).find("nothing was written") !=
                                                             std::string::npos
                                                         ? 0
                                                         : 21;
                                          }
                                      }),
              0);
    EXPECT_TRUE(dir.files().empty());
}

ANKYLOS_ON_BOTH_ENGINES(DatabaseBackup);

}  // namespace
}  // namespace ankylos::storage
