#pragma once
/// Files Ankylos writes for the user (research exports, visit CSVs, PDF reports): the one place
/// that decides whether a target may be written, and writes it so that nothing is destroyed
/// without being asked. The command line, the export and report libraries and the desktop app's
/// save dialogs all go through it.
///
/// A target is refused when it is
/// - a folder;
/// - the open database or one of its companion files (DB-wal, DB-shm, DB.key, DB.head): compared
///   by filesystem identity (a symlink or another spelling of the path is caught) and by name (a
///   companion that does not exist yet is caught too);
/// - any SQLite database (its first 16 bytes are "SQLite format 3\0"), whatever the policy says;
/// - an existing file, unless the policy says the user asked to replace it (`--force`, or an
///   overwrite prompt answered yes).
/// Data goes to a temporary file beside the target (same folder, so the rename cannot cross file
/// systems), created with mode 0600 whatever the umask (files hold patient data), and renamed
/// over the target at the end. On any failure, a full disk included, no half-written file is left
/// and an older file of that name is untouched.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace ankylos::files {

/// Writing a file failed (a full disk, a folder that cannot be written).
class OutputError : public Error {
public:
    using Error::Error;
};

/// Why a target may not be written.
enum class Refusal {
    Directory,       ///< the target is a folder
    OpenDatabase,    ///< the open database or one of its companion files
    SqliteDatabase,  ///< any SQLite database: never replaced by an export or a report
    Exists,          ///< an existing file, and the user has not asked to replace it
};

/// What the targets of one command or dialog may be.
struct OutputPolicy {
    std::string option = "--out";    ///< named in messages: the command-line option or the field
    std::filesystem::path database;  ///< the open database (empty: none)
    bool overwrite = false;          ///< existing files (not databases) may be replaced
};

/// The database file and its companions: DB, DB-wal, DB-shm, DB.key, DB.head.
std::vector<std::filesystem::path> databaseFiles(const std::filesystem::path& database);

/// true when the file starts with the 16-byte SQLite header "SQLite format 3\0".
bool isSqliteDatabase(const std::filesystem::path& file);

/// Why policy refuses target, or nullopt when it may be written.
std::optional<Refusal> findRefusal(const std::filesystem::path& target, const OutputPolicy& policy);

/// Throws core::ValidationError naming policy.option, the target and what is allowed when
/// findRefusal refuses it.
void checkOutput(const std::filesystem::path& target, const OutputPolicy& policy);

/// One file being written: checked against the policy, written to a temporary file beside it
/// (temp(), mode 0600; opening it with std::ofstream or fopen keeps that mode) and renamed over
/// the target by commit(). Destroyed uncommitted, it removes the temporary file.
class OutputFile {
public:
    /// Checks target (throws core::ValidationError when refused) and creates the temporary file
    /// (throws OutputError when it cannot).
    OutputFile(std::filesystem::path target, OutputPolicy policy);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const std::filesystem::path& target() const { return m_target; }
    const std::filesystem::path& temp() const { return m_temp; }

    /// Flushes the temporary file to disk, checks the target again (a database may have appeared
    /// there meanwhile) and renames the temporary file over it. The writer must have closed the
    /// file and checked its stream first. Throws OutputError or core::ValidationError.
    void commit();

private:
    friend class OutputFileSet;
    void prepareCommit() const;

    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    OutputPolicy m_policy;
    bool m_committed = false;
};

/// The files of one export (the main file and its companions), committed all together or not at
/// all: when a rename fails half-way, the files already renamed are taken back and the older files
/// they replaced are put back.
class OutputFileSet {
public:
    explicit OutputFileSet(OutputPolicy policy);
    ~OutputFileSet();
    OutputFileSet(const OutputFileSet&) = delete;
    OutputFileSet& operator=(const OutputFileSet&) = delete;

    /// Checks target and creates its temporary file; returns the temporary file's path.
    const std::filesystem::path& add(const std::filesystem::path& target);
    /// The temporary file of a target added before (throws InternalError for one never added).
    const std::filesystem::path& temp(const std::filesystem::path& target) const;
    /// The targets, in the order added.
    std::vector<std::filesystem::path> targets() const;

    /// Renames every temporary file over its target, or none (see the class comment).
    void commit();
    /// After commit(): removes the new files and puts back the older files they replaced, for a
    /// step after the writing that failed (the export's audit row).
    void rollback() noexcept;

private:
    struct Entry {
        std::unique_ptr<OutputFile> file;
        std::filesystem::path kept;  ///< the replaced older file, kept until the set is done
    };
    void undo() noexcept;

    OutputPolicy m_policy;
    std::vector<Entry> m_entries;
    bool m_committed = false;
};

}  // namespace ankylos::files
