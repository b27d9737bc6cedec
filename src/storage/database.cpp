#include "storage/database.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

#include "storage/migrations.h"
#include "storage/patient_summary.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kHeaderSize = 100;  // the SQLite file header
// Files up to this size are checked page by page (PRAGMA quick_check) at every open: a clinic of a few
// thousand patients. A full scan of a larger file costs most of a second at every start of the app and
// every report; those are checked page by page before a migration and by `ankylos-cli check`.
constexpr std::uintmax_t kFullCheckOnOpenMaxBytes = 64u << 20;

/// What the first 100 bytes of a file say, read without letting SQLite touch it.
struct FileHeader {
    bool empty = false;
    bool sqlite = false;
    bool truncated = false;
    int applicationId = 0;
    int userVersion = 0;
};

int bigEndian32(const unsigned char* bytes) {
    return static_cast<int>((static_cast<unsigned>(bytes[0]) << 24) |
                            (static_cast<unsigned>(bytes[1]) << 16) | (static_cast<unsigned>(bytes[2]) << 8) |
                            static_cast<unsigned>(bytes[3]));
}

FileHeader readHeader(const std::filesystem::path& file) {
    FileHeader header;
    const auto size = std::filesystem::file_size(file);
    if (size == 0) {
        header.empty = true;
        return header;
    }
    std::array<unsigned char, kHeaderSize> bytes{};
    std::ifstream in(file, std::ios::binary);
    in.read(reinterpret_cast<char*>(bytes.data()), bytes.size());
    static const char kMagic[] = "SQLite format 3";  // followed by a NUL, the 16th byte
    header.sqlite = in.gcount() >= 16 && std::equal(kMagic, kMagic + 16, bytes.begin());
    if (!header.sqlite)
        return header;
    if (in.gcount() < static_cast<std::streamsize>(kHeaderSize)) {
        header.truncated = true;
        return header;
    }
    int pageSize = (bytes[16] << 8) | bytes[17];
    if (pageSize == 1)
        pageSize = 65536;
    const auto pageCount = static_cast<std::uintmax_t>(static_cast<unsigned>(bigEndian32(&bytes[28])));
    header.truncated = pageCount > 0 && size < pageCount * static_cast<std::uintmax_t>(pageSize);
    header.userVersion = bigEndian32(&bytes[60]);
    header.applicationId = bigEndian32(&bytes[68]);
    return header;
}

std::string refusal(const std::filesystem::path& file, const std::string& why) {
    return "Ankylos cannot open " + file.string() + ": " + why + " The file has not been changed.";
}

/// A -wal file next to the database: pages SQLite has committed but not yet copied into the main file
/// (a program that crashed or still has the file open). The main file's header may then be stale.
bool hasWal(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file.string() + "-wal", error);
    return !error && size > 0;
}

/// Refuses what we must not open; returns the schema version of a file we can open (0: create into).
int checkOpenable(const std::filesystem::path& file, const FileHeader& header) {
    const bool wal = hasWal(file);
    if (header.empty && !wal)
        return 0;
    // The raw header decides what it can without SQLite touching the file. Its identity fields only
    // ever go from unset to set and the version only grows, so a stale header never refuses wrongly.
    if (!header.empty && !header.sqlite)
        throw IncompatibleDatabase(refusal(file, "it is not a database file."));
    // Mid-checkpoint the header may announce pages not yet copied from the -wal file: SQLite's checks decide
    // then.
    if (header.truncated && !wal)
        throw IncompatibleDatabase(
            refusal(file, "the database is incomplete (truncated); restore it from a backup."));
    const auto foreign = [&](int applicationId, int tables) {
        if ((applicationId != 0 && applicationId != kApplicationId) || (applicationId == 0 && tables > 0))
            throw IncompatibleDatabase(refusal(file, "it is a database of another application."));
    };
    const auto newer = [&](int userVersion) {
        if (userVersion > currentSchemaVersion())
            throw IncompatibleDatabase(
                refusal(file, "it was written by a newer version of Ankylos (database version " +
                                  std::to_string(userVersion) + ", this program reads up to " +
                                  std::to_string(currentSchemaVersion()) + "); install the newer Ankylos."));
    };
    foreign(header.applicationId, 0);
    newer(header.userVersion);

    // Read-only look inside, as SQLite sees the file (the -wal file included): its identity and
    // version, tables of some other program in an unmarked database, and damage.
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
        // One statement, so one snapshot: a program creating the file meanwhile commits its tables
        // and our application_id together.
        SQLite::Statement identity(db,
                                   "SELECT (SELECT application_id FROM pragma_application_id), "
                                   "(SELECT user_version FROM pragma_user_version), "
                                   "(SELECT count(*) FROM sqlite_schema WHERE type = 'table')");
        identity.executeStep();
        const int userVersion = identity.getColumn(1).getInt();
        foreign(identity.getColumn(0).getInt(), identity.getColumn(2).getInt());
        newer(userVersion);
        const bool migrating = userVersion > 0 && userVersion < currentSchemaVersion();
        if (!migrating && std::filesystem::file_size(file) > kFullCheckOnOpenMaxBytes)
            return userVersion;
        const std::string check = db.execAndGet("PRAGMA quick_check").getString();
        if (check != "ok")
            throw IncompatibleDatabase(
                refusal(file, "the database is damaged (" + check + "); restore it from a backup."));
        return userVersion;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy("opening " + file.string() +
                               ": the database is busy (another program is writing)");
        throw IncompatibleDatabase(refusal(
            file, std::string("the database is damaged (") + e.what() + "); restore it from a backup."));
    }
}

std::filesystem::path backupPathFor(const std::filesystem::path& file, int version) {
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    return file.parent_path() / (file.stem().string() + ".v" + std::to_string(version) + "-backup-" + stamp +
                                 file.extension().string());
}

/// Copies the file as SQLite sees it, with what its -wal file holds (a plain file copy would miss
/// that), to a new dated file next to it.
std::filesystem::path backupBeforeMigration(const std::filesystem::path& file, int version) {
    const std::filesystem::path dest = backupPathFor(file, version);
    if (std::filesystem::exists(dest))
        throw StorageError("backing up " + file.string() + " before migrating it: " + dest.string() +
                           " exists already; try again in a second");
    try {
        SQLite::Database source(file.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
        SQLite::Database target(dest.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        SQLite::Backup(target, source).executeStep(-1);
    } catch (const SQLite::Exception& e) {
        throw StorageError("backing up " + file.string() + " to " + dest.string() + " before migrating it",
                           "database", e.what());
    }
    return dest;
}

/// Brings the schema to the current version. The version is read again inside the write transaction:
/// another program may have created or migrated the file since we looked (two programs opening a
/// new file at once), and BEGIN IMMEDIATE makes the second wait for the first, then find nothing to do.
void migrate(Database& database) {
    SQLite::Database& db = database.sql();
    Transaction transaction(db);
    const int fromVersion = db.execAndGet("PRAGMA user_version").getInt();
    if (fromVersion >= currentSchemaVersion())
        return;
    for (const Migration& migration : migrations()) {
        if (migration.version <= fromVersion)
            continue;
        try {
            db.exec(migration.sql);
        } catch (const SQLite::Exception& e) {
            throw StorageError("applying migration " + migration.name, "schema", e.what());
        }
        db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    }
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    // Derived tables the core computes, for the patients already stored, in the same transaction.
    if (fromVersion > 0 && fromVersion < kPatientSummarySchemaVersion)
        rebuildPatientSummaries(database);
    transaction.commit();
}

/// Switching a file to WAL needs it alone for a moment, and SQLite answers SQLITE_BUSY at once, without
/// waiting on the busy timeout, while another connection opens it too (two programs creating the
/// same new file). So wait here, up to the busy timeout.
void enableWal(SQLite::Database& db) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

int currentSchemaVersion() {
    return static_cast<int>(migrations().size());
}

Database::Database(const std::filesystem::path& file, const std::string& user)
    : m_file(file), m_user(user.empty() ? operatingSystemUser() : user) {
    int version = 0;
    if (std::filesystem::exists(file))
        version = checkOpenable(file, readHeader(file));
    else if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    if (version > 0 && version < currentSchemaVersion())
        m_migrationBackup = backupBeforeMigration(file, version);
    try {
        m_db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                  kBusyTimeoutMs);
        m_db->exec("PRAGMA foreign_keys = ON");
        enableWal(*m_db);
        m_db->exec("PRAGMA synchronous = NORMAL");  // WAL + NORMAL: durable across application crashes
        m_db->exec("PRAGMA cache_size = -32768");   // 32 MiB; an import raises it (visit_import.cpp)
        m_db->exec("PRAGMA temp_store = MEMORY");   // savepoint journals of nested transactions
        if (version < currentSchemaVersion())
            migrate(*this);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY)
            throw DatabaseBusy("opening " + file.string() +
                               ": the database is busy (another program is writing)");
        throw StorageError("opening " + file.string(), "database", e.what());
    }
}

void Database::backupTo(const std::filesystem::path& dest) {
    if (std::filesystem::exists(dest))
        throw StorageError("backup to " + dest.string() + ": the file exists already; choose a new name");
    try {
        SQLite::Database target(dest.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        SQLite::Backup backup(target, *m_db);
        backup.executeStep(-1);
    } catch (const SQLite::Exception& e) {
        throw StorageError("backup to " + dest.string(), "database", e.what());
    }
}

StatementLease Database::cached(const std::string& sql) {
    std::unique_ptr<SQLite::Statement>& statement = m_statements[sql];
    if (!statement)
        statement = std::make_unique<SQLite::Statement>(*m_db, sql);
    return StatementLease(*statement);
}

std::string operatingSystemUser() {
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name)
        return entry->pw_name;
    if (const char* name = std::getenv("USER"); name && *name)
        return name;
    return "unknown";
}

std::string utcTimestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace ankylos::storage
