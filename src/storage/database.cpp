#include "storage/database.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include "files/output_file.h"
#include "storage/audit.h"
#include "storage/audit_migration.h"
#include "storage/checked_state.h"
#include "storage/database_copy.h"
#include "storage/private_file.h"
#include "storage/schema.h"
#include "storage/server_database.h"
#include "storage/server_location.h"
#include "storage/sql/sqlite_connection.h"
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

std::string damaged(const std::string& detail) {
    return "the database is damaged (" + detail + "); restore it from a backup.";
}

/// What the read-only look inside a file found.
struct Inspection {
    int version = 0;     ///< the schema version (0: a new, empty file)
    std::string damage;  ///< why the file is damaged; empty when the look found nothing wrong
};

/// A read-only connection to file. When file is in WAL mode, SQLite keeps its shared index in a -shm
/// file beside it; in a folder we may not write, without one, SQLite cannot read the file at all.
/// Then, when no -wal file holds pages either (nobody is writing), the file is read as immutable.
std::unique_ptr<sql::SqliteConnection> openForReading(const std::filesystem::path& file) {
    try {
        auto db = std::make_unique<sql::SqliteConnection>(file, sql::SqliteConnection::Access::ReadOnly,
                                                          kBusyTimeoutMs);
        db->execAndGet("SELECT count(*) FROM sqlite_schema");  // the first read opens the WAL index
        return db;
    } catch (const sql::Error& e) {
        std::error_code ignored;
        const bool nobodyWriting = !std::filesystem::exists(file.string() + "-wal", ignored) &&
                                   !std::filesystem::exists(file.string() + "-shm", ignored);
        const bool refused = e.kind() == sql::ErrorKind::ReadOnly || e.kind() == sql::ErrorKind::CantOpen;
        if (!refused || !nobodyWriting)
            throw;
    }
    return std::make_unique<sql::SqliteConnection>(file, sql::SqliteConnection::Access::Immutable,
                                                   kBusyTimeoutMs);
}

/// Refuses what is not a file we may open at all: missing (unless creating), a folder, unreadable,
/// empty (unless creating), or, when creating, a file that holds something.
void refuseUnopenablePath(const std::filesystem::path& file, Open mode) {
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (status.type() == std::filesystem::file_type::not_found) {
        if (mode == Open::CreateNew)
            return;
        throw IncompatibleDatabase("Ankylos cannot open " + file.string() +
                                   ": there is no such file. Create a new database with `ankylos-cli init " +
                                   file.string() + "` or File > New.");
    }
    if (error)
        throw IncompatibleDatabase(refusal(file, "it cannot be read (" + error.message() + ")."));
    if (status.type() == std::filesystem::file_type::directory)
        throw IncompatibleDatabase(refusal(file, "it is a folder, not a database file."));
    if (status.type() != std::filesystem::file_type::regular)
        throw IncompatibleDatabase(refusal(file, "it is not a regular file."));
    if (::access(file.c_str(), R_OK) != 0)
        throw IncompatibleDatabase(refusal(file, "you are not allowed to read it (file permissions)."));
    const auto size = std::filesystem::file_size(file);
    if (mode == Open::CreateNew && (size > 0 || hasWal(file)))
        throw IncompatibleDatabase("Ankylos cannot create a new database in " + file.string() +
                                   ": the file exists already and is not empty. Choose a new name.");
    if (mode != Open::CreateNew && size == 0 && !hasWal(file))
        throw IncompatibleDatabase(
            refusal(file, "it is empty (0 bytes), not an Ankylos database. `ankylos-cli init " +
                              file.string() + "` makes a new database in it."));
}

/// Refuses a file that is not ours or too new; returns its version and any damage found, reading it
/// only (the raw header first, then SQLite on a read-only connection).
Inspection inspect(const std::filesystem::path& file, const FileHeader& header) {
    // The raw header decides what it can without SQLite touching the file. Its identity fields only
    // ever go from unset to set and the version only grows, so a stale header never refuses wrongly.
    if (!header.empty && !header.sqlite)
        throw IncompatibleDatabase(refusal(file, "it is not a database file."));
    const bool wal = hasWal(file);
    // Mid-checkpoint the header may announce pages not yet copied from the -wal file: SQLite's checks
    // decide then.
    if (header.truncated && !wal)
        throw IncompatibleDatabase(
            refusal(file, "the database is incomplete (truncated); restore it from a backup."));
    const auto newer = [&](int userVersion) {
        if (userVersion > currentSchemaVersion())
            throw IncompatibleDatabase(
                refusal(file, "it was written by a newer version of Ankylos (database version " +
                                  std::to_string(userVersion) + ", this program reads up to " +
                                  std::to_string(currentSchemaVersion()) + "); install the newer Ankylos."));
    };
    newer(header.userVersion);
    try {
        const std::unique_ptr<sql::SqliteConnection> connection = openForReading(file);
        sql::Connection& db = *connection;
        sql::Statement identity(db,
                                "SELECT (SELECT application_id FROM pragma_application_id), "
                                "(SELECT user_version FROM pragma_user_version)");
        identity.executeStep();
        // Every Ankylos database carries our application_id from its first transaction on. An SQLite
        // file without it, even an empty one, is another program's: never ours to change.
        if (identity.getColumn(0).getInt() != kApplicationId)
            throw IncompatibleDatabase(refusal(file,
                                               "it is not an Ankylos database (it belongs to another "
                                               "program, or is an empty SQLite database)."));
        Inspection found;
        found.version = identity.getColumn(1).getInt();
        newer(found.version);
        const bool migrating = found.version < currentSchemaVersion();
        if (!migrating && std::filesystem::file_size(file) > kFullCheckOnOpenMaxBytes)
            return found;  // checked in full before the first write (Database::checkBeforeWriting)
        if (const std::string check = db.execAndGet("PRAGMA quick_check").getString(); check != "ok")
            found.damage = check;
        return found;
    } catch (const sql::Error& e) {
        if (e.kind() == sql::ErrorKind::Busy)
            throw DatabaseBusy("opening " + file.string() +
                               ": the database is busy (another program is writing)");
        if (e.kind() == sql::ErrorKind::CantOpen)
            throw IncompatibleDatabase(refusal(file,
                                               "it cannot be opened; if its folder is read-only, copy "
                                               "the file to a folder you can write to."));
        throw IncompatibleDatabase(refusal(file, damaged(e.what())));
    }
}

/// Why file cannot be written, or "" when it can: Ankylos writes the file, its -wal and -shm files and
/// the audit chain head beside it.
std::string unwritableReason(const std::filesystem::path& file) {
    if (::access(file.c_str(), W_OK) != 0)
        return "the file is read-only (file permissions); Ankylos shows it but cannot change it.";
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return "its folder " + folder.string() +
               " is read-only; Ankylos writes its journal beside the database. Copy the file to a folder you "
               "can write to.";
    return "";
}

std::filesystem::path backupPathFor(const std::filesystem::path& file, int version) {
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    return file.parent_path() / (file.stem().string() + ".v" + std::to_string(version) + "-backup-" + stamp +
                                 file.extension().string());
}

/// Copies the file as SQLite sees it, with what its -wal file holds (a plain file copy would miss
/// that), to a new dated file next to it, with its audit key when it has one.
std::filesystem::path backupBeforeMigration(const std::filesystem::path& file, int version) {
    const std::filesystem::path dest = backupPathFor(file, version);
    if (std::filesystem::exists(dest))
        throw StorageError("backing up " + file.string() + " before migrating it: " + dest.string() +
                           " exists already; try again in a second");
    createPrivateFile(dest, "");
    try {
        sql::SqliteConnection(file, sql::SqliteConnection::Access::ReadOnly, kBusyTimeoutMs).backupTo(dest);
    } catch (const sql::Error& e) {
        std::error_code ignored;
        std::filesystem::remove(dest, ignored);
        throw StorageError("backing up " + file.string() + " to " + dest.string() + " before migrating it",
                           "database", e.what());
    }
    return dest;
}

/// Switching a file to WAL needs it alone for a moment, and SQLite answers SQLITE_BUSY at once, without
/// waiting on the busy timeout, while another connection opens it too. So wait here, up to the busy
/// timeout.
void enableWal(sql::Connection& db) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const sql::Error& e) {
            if (e.kind() != sql::ErrorKind::Busy || std::chrono::steady_clock::now() >= deadline)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

/// The key of file's audit trail, made when it has none (a database of a version before keyed audit
/// trails, or a new one). Two programs upgrading the same file at once share the first one's key.
AuditKey loadOrCreateKey(const std::filesystem::path& file) {
    const std::filesystem::path keyFile = auditKeyPath(file);
    if (auto key = AuditKey::load(keyFile))
        return *key;
    try {
        return AuditKey::create(keyFile);
    } catch (const StorageError&) {
        if (auto key = AuditKey::load(keyFile))
            return *key;
        throw;
    }
}

/// SQLite's full integrity check (indexes included): the first problems, which are enough to tell the
/// user (`check` lists them all); "" when there are none.
std::string integrityProblems(sql::SqliteConnection& db) {
    sql::Statement check(db, "PRAGMA integrity_check(4)");
    std::string lines;
    for (int n = 0; check.executeStep(); ++n)
        lines += n == 3 ? std::string("; and more (ankylos-cli check lists them all)")
                        : (lines.empty() ? "" : "; ") + check.getColumn(0).getString();
    return lines == "ok" ? std::string() : lines;  // an empty new file has no rows at all
}

/// The checks before the first write, on a read-only connection of their own (another thread may run
/// them): SQLite's full integrity check, unless the file is unchanged since a check passed
/// (checked_state.h), then the audit key against the last audit row. Returns why the file may not be
/// written ("" when it may), or nullopt when progress stopped it.
std::optional<std::string> checkForWriting(const std::filesystem::path& file, const AuditKey* key,
                                           const CheckProgress& progress) {
    sql::SqliteConnection db(file, sql::SqliteConnection::Access::ReadOnly, kBusyTimeoutMs);
    db.setProgressHandler(progress);
    try {
        if (!unchangedSinceCheck(file))
            if (const std::string problems = integrityProblems(db); !problems.empty())
                return damaged(problems);
        db.setProgressHandler({});
        // Only a keyed trail (version 3 on) has MACs to check; a migration keys an older one.
        const bool keyed = db.execAndGet("PRAGMA user_version").getInt() >= kKeyedAuditSchemaVersion;
        if (key && keyed && !lastAuditRowMatches(db, *key))
            return "its audit key " + auditKeyPath(file).string() +
                   " does not belong to it (the last audit row's MAC does not match). Put back the "
                   "database's "
                   "own key, then run `ankylos-cli check`.";
        return std::string();
    } catch (const sql::Error& e) {
        if (e.kind() == sql::ErrorKind::Interrupted)
            return std::nullopt;
        return damaged(e.what());
    }
}

}  // namespace

Database::Database(const std::filesystem::path& file, const std::string& user, Open mode,
                   const std::string& serverPassword)
    : Database(file, user, mode, serverPassword, nullptr) {}

Database::Database(const std::filesystem::path& file, const std::string& user, const Seed& seed,
                   const std::string& serverPassword)
    : Database(file, user, Open::CreateNew, serverPassword, &seed) {}

Database::Database(const std::filesystem::path& file, const std::string& user, Open mode,
                   const std::string& serverPassword, const Seed* seed)
    : m_file(file), m_user(user.empty() ? operatingSystemUser() : user) {
    if (isServerLocation(file.string())) {
        openServer(mode, serverPassword, seed);
        return;
    }
    refuseUnopenablePath(file, mode);
    if (mode == Open::CreateNew) {
        create(seed);
        return;
    }
    const Inspection found = inspect(file, readHeader(file));
    if (mode == Open::ReadWrite)
        m_readOnlyReason = unwritableReason(file);
    if (mode == Open::ReadOnly)
        m_readOnlyReason = "it was opened for reading only.";
    if (!found.damage.empty())
        m_readOnlyReason = damaged(found.damage);
    if (found.version < currentSchemaVersion()) {
        if (!m_readOnlyReason.empty())
            throw IncompatibleDatabase(refusal(
                file, "it was written by an older Ankylos (database version " +
                          std::to_string(found.version) +
                          ") and must be upgraded with `ankylos-cli upgrade " + file.string() +
                          "` (a backup is made first) or by opening it in Ankylos, but " + m_readOnlyReason));
        m_migrationBackup = backupBeforeMigration(file, found.version);
        m_auditKey = loadOrCreateKey(file);
    } else {
        m_auditKey = AuditKey::load(auditKeyPath(file));
        if (!m_auditKey && m_readOnlyReason.empty())
            m_readOnlyReason = "its audit key " + auditKeyPath(file).string() +
                               " is missing. Copy the key from where the database came from (a backup has "
                               "it beside it, as FILE.key).";
    }
    openConnection(m_readOnlyReason.empty() ? Open::ReadWrite : Open::ReadOnly, found.version);
}

void Database::create(const Seed* seed) {
    if (m_file.has_parent_path())
        std::filesystem::create_directories(m_file.parent_path());
    const std::filesystem::path keyFile = auditKeyPath(m_file);
    if (std::filesystem::exists(keyFile))
        throw IncompatibleDatabase("Ankylos cannot create a new database in " + m_file.string() + ": " +
                                   keyFile.string() +
                                   " exists already (the audit key of a database that was there). Move it "
                                   "away, or choose a new name.");
    const bool madeFile = !std::filesystem::exists(m_file);
    if (madeFile)
        createPrivateFile(m_file, "");
    std::filesystem::permissions(m_file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::error_code ignored;
    std::filesystem::remove(chainHeadPath(m_file), ignored);  // a previous database's
    try {
        if (seed) {
            createPrivateFile(keyFile, seed->key.text());
            m_auditKey = seed->key;
        } else {
            m_auditKey = AuditKey::create(keyFile);
        }
        openConnection(Open::ReadWrite, 0, seed != nullptr);
        if (seed) {
            Transaction transaction(*this);
            seed->fill(*this);
            transaction.commit();
        }
    } catch (...) {
        // Nothing half-made stays behind: no database without its trail, no key without a database.
        m_db.reset();
        for (const auto& made : {keyFile, chainHeadPath(m_file)})
            std::filesystem::remove(made, ignored);
        if (madeFile)
            std::filesystem::remove(m_file, ignored);
        throw;
    }
}

void Database::openConnection(Open mode, int version, bool trailFromCopy) {
    try {
        m_db = mode == Open::ReadOnly ? openForReading(m_file)
                                      : std::make_unique<sql::SqliteConnection>(
                                            m_file, sql::SqliteConnection::Access::ReadWrite, kBusyTimeoutMs);
        m_db->exec("PRAGMA foreign_keys = ON");
        // A program that writes keeps 32 MiB of pages (an import raises it, visit_import.cpp). One that
        // only reads is a command streaming through the file once: SQLite's default 2 MB, since every
        // page of a larger cache is fresh memory the kernel must fault in (0.2 s of a whole-cohort
        // `progression` on 20,000 patients).
        m_db->exec(mode == Open::ReadOnly ? "PRAGMA cache_size = -2000" : "PRAGMA cache_size = -32768");
        m_db->exec("PRAGMA temp_store = MEMORY");  // savepoint journals of nested transactions
        if (mode == Open::ReadOnly)
            return;
        enableWal(*m_db);
        m_db->exec("PRAGMA synchronous = NORMAL");  // WAL + NORMAL: durable across application crashes
        if (version < currentSchemaVersion())
            migrate(*this, trailFromCopy);
    } catch (const sql::Error& e) {
        if (e.kind() == sql::ErrorKind::Busy)
            throw DatabaseBusy("opening " + m_file.string() +
                               ": the database is busy (another program is writing)");
        throw StorageError("opening " + m_file.string(), "database", e.what());
    }
}

bool Database::hasRole(Role role) const {
    return std::find(m_roles.begin(), m_roles.end(), role) != m_roles.end();
}

std::string Database::readOnlyReason() const {
    std::lock_guard<std::mutex> lock(m_checkMutex);
    return m_readOnlyReason;
}

std::optional<std::string> Database::checkBeforeWriting(const CheckProgress& progress) {
    std::lock_guard<std::mutex> lock(m_checkMutex);
    if (m_checked || !m_readOnlyReason.empty())
        return m_readOnlyReason;
    const std::optional<std::string> reason =
        m_onServer ? checkServerForWriting(m_file, m_serverPassword, auditKeyIfAny())
                   : checkForWriting(m_file, auditKeyIfAny(), progress);
    if (!reason)
        return std::nullopt;
    m_readOnlyReason = *reason;
    m_checked = true;
    m_foundSound = !m_onServer && reason->empty();
    return m_readOnlyReason;
}

void Database::requireWritable() {
    const std::optional<std::string> reason = checkBeforeWriting();
    if (reason && !reason->empty())
        throw ReadOnlyDatabase("Ankylos cannot change " + m_file.string() + ": " + *reason);
}

const AuditKey& Database::auditKey() const {
    if (!m_auditKey)
        throw ReadOnlyDatabase("Ankylos cannot change " + m_file.string() + ": its audit key " +
                               auditKeyPath(m_file).string() + " is missing.");
    return *m_auditKey;
}

std::string Database::now() {
    if (!m_onServer)
        return utcTimestamp();
    const bool inTransaction = m_db->inTransaction();
    if (inTransaction && m_serverTransactionTime)
        return *m_serverTransactionTime;
    const std::string time = m_db->execAndGet(
                                     "SELECT to_char(transaction_timestamp() AT TIME ZONE 'UTC', "
                                     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
                                 .getString();
    if (inTransaction)
        m_serverTransactionTime = time;
    return time;
}

void Database::transactionEnded(bool committed) {
    m_serverTransactionTime.reset();
    const bool appended = std::exchange(m_auditAppended, false);
    m_auditHead.reset();
    // A server's clients cannot delete audit rows (append-only triggers owned by the server), so its
    // trail needs no head outside the database.
    if (!committed || !appended || !m_auditKey || m_onServer)
        return;
    const std::optional<ChainHead> head = lastAuditRow(*m_db);
    if (!head)
        return;
    const std::filesystem::path file = chainHeadPath(m_file);
    // Another program writing the same file may have recorded a later row already.
    if (const auto stored = readChainHead(file, *m_auditKey);
        stored && stored->authentic && stored->head.rows >= head->rows)
        return;
    try {
        writeChainHead(file, *m_auditKey, *head);
    } catch (const StorageError& e) {
        throw StorageError(std::string("The change was saved, but the audit trail's chain head could not be "
                                       "recorded: ") +
                           e.what());
    }
}

void Database::backupTo(const std::filesystem::path& dest) {
    if (m_onServer) {
        CopyReport copy;
        try {
            copy = copyDatabase(*this, dest);
        } catch (const StorageError& e) {  // the copy leaves no file behind when it throws
            throw StorageError("backup to " + dest.string() + ": " + e.what() + " (nothing was written)");
        }
        if (const std::vector<std::string> problems = copyProblems(copy); !problems.empty())
            throw StorageError("backup to " + dest.string() + " was written, but it differs from " +
                               m_file.string() + ": " + problems.front());
        return;
    }
    // The database, its key and its head are renamed into place together or not at all.
    files::OutputFileSet backup({"DEST", m_file, false});
    try {
        const std::filesystem::path& copy = backup.add(dest);
        sql::sqliteOf(*m_db).backupTo(copy);
        if (m_auditKey) {
            writeContent(backup.add(auditKeyPath(dest)), auditKeyPath(dest), m_auditKey->text());
            sql::SqliteConnection copied(copy, sql::SqliteConnection::Access::ReadOnly, kBusyTimeoutMs);
            if (const std::optional<ChainHead> head = lastAuditRow(copied))
                writeContent(backup.add(chainHeadPath(dest)), chainHeadPath(dest),
                             chainHeadText(*m_auditKey, *head));
        }
        backup.commit();
    } catch (const sql::Error& e) {
        throw StorageError("backup to " + dest.string() + ": " + e.what() + " (nothing was written)");
    } catch (const files::OutputError& e) {
        throw StorageError("backup to " + dest.string() + ": " + e.what() + " (nothing was written)");
    }
}

Database::~Database() {
    if (!m_foundSound)
        return;
    m_db.reset();  // the last connection to close folds the write-ahead log into the file
    recordCheckedState(m_file);
}

sql::Connection& sql::connectionOf(Database& database) {
    return *database.m_db;
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
