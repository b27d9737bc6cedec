#include "files/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "core/validation.h"

namespace ankylos::files {

namespace fs = std::filesystem;

namespace {

std::string systemError() {
    return std::strerror(errno);
}

bool entryExists(const fs::path& file) {
    std::error_code ignored;
    return fs::exists(fs::symlink_status(file, ignored));
}

/// Both names lead to the same file: by identity when both exist, else by their resolved names.
bool sameFile(const fs::path& a, const fs::path& b) {
    std::error_code error;
    if (fs::exists(a, error) && fs::exists(b, error))
        return fs::equivalent(a, b, error);
    const fs::path left = fs::weakly_canonical(fs::absolute(a), error);
    const fs::path right = fs::weakly_canonical(fs::absolute(b), error);
    return !error && left == right;
}

/// A new empty file beside target, named from it and pattern, with mode 0600 whatever the umask.
fs::path createBeside(const fs::path& target, const std::string& pattern) {
    std::string name = (target.parent_path() / ("." + target.filename().string() + pattern)).string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0)
        throw OutputError("cannot create a file beside " + target.string() + ": " + systemError());
    const bool private0600 = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    ::close(fd);
    if (!private0600) {
        ::unlink(name.c_str());
        throw OutputError("cannot make " + name + " private (mode 0600): " + systemError());
    }
    return name;
}

void syncFolder(const fs::path& file) {
    // Best effort: the rename is on disk once the folder is; a failure here loses nothing written.
    const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void renameOrThrow(const fs::path& from, const fs::path& to) {
    if (std::rename(from.c_str(), to.c_str()) != 0)
        throw OutputError("cannot write " + to.string() + ": " + systemError());
}

}  // namespace

std::vector<fs::path> databaseFiles(const fs::path& database) {
    const std::string name = database.string();
    return {database, name + "-wal", name + "-shm", name + "-journal", name + ".key", name + ".head"};
}

bool isSqliteDatabase(const fs::path& file) {
    static constexpr std::array<char, 16> kHeader = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                                     'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    std::array<char, 16> head{};
    std::ifstream in(file, std::ios::binary);
    return in.read(head.data(), head.size()) && head == kHeader;
}

std::optional<Refusal> findRefusal(const fs::path& target, const OutputPolicy& policy) {
    std::error_code ignored;
    if (fs::is_directory(target, ignored))
        return Refusal::Directory;
    if (!policy.database.empty())
        for (const fs::path& file : databaseFiles(policy.database))
            if (sameFile(target, file))
                return Refusal::OpenDatabase;
    if (!entryExists(target))
        return std::nullopt;
    if (isSqliteDatabase(target))
        return Refusal::SqliteDatabase;
    if (!policy.overwrite)
        return Refusal::Exists;
    return std::nullopt;
}

void checkOutput(const fs::path& target, const OutputPolicy& policy) {
    const std::optional<Refusal> refusal = findRefusal(target, policy);
    if (!refusal)
        return;
    std::string allowed;
    switch (*refusal) {
        case Refusal::Directory:
            allowed = "a file name, not a folder";
            break;
        case Refusal::OpenDatabase:
            allowed = "a file other than the database " + policy.database.string() +
                      " and its companion files (-wal, -shm, -journal, .key, .head)";
            break;
        case Refusal::SqliteDatabase:
            allowed =
                "a file that is not an SQLite database (this one is; a database is never replaced "
                "by an export or a report)";
            break;
        case Refusal::Exists:
            allowed = "a file that does not exist yet, or --force to replace an existing one";
            break;
    }
    throw core::ValidationError(policy.option, target.string(), allowed);
}

OutputFile::OutputFile(fs::path target, OutputPolicy policy)
    : m_target(std::move(target)), m_policy(std::move(policy)) {
    checkOutput(m_target, m_policy);
    try {
        m_temp = createBeside(m_target, ".XXXXXX");
    } catch (const OutputError& e) {
        // A folder that does not exist or cannot be written: bad input, named like the others.
        throw core::ValidationError(
            m_policy.option, m_target.string(),
            "a file in a folder that exists and can be written (" + std::string(e.what()) + ")");
    }
}

OutputFile::~OutputFile() {
    if (!m_committed)
        ::unlink(m_temp.c_str());  // an abandoned write; its failure is already being reported
}

void OutputFile::prepareCommit() const {
    const int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const std::string why = systemError();
        if (fd >= 0)
            ::close(fd);
        throw OutputError("writing " + m_target.string() + " failed: " + why);
    }
    if (::close(fd) != 0)
        throw OutputError("writing " + m_target.string() + " failed: " + systemError());
    checkOutput(m_target, m_policy);  // something may have appeared under that name meanwhile
}

void OutputFile::commit() {
    prepareCommit();
    renameOrThrow(m_temp, m_target);
    m_committed = true;
    syncFolder(m_target);
}

OutputFileSet::OutputFileSet(OutputPolicy policy) : m_policy(std::move(policy)) {}

OutputFileSet::~OutputFileSet() {
    if (!m_committed)
        return;  // the OutputFiles remove their temporary files
    for (const Entry& entry : m_entries)
        if (!entry.kept.empty())
            ::unlink(entry.kept.c_str());
}

const fs::path& OutputFileSet::add(const fs::path& target) {
    m_entries.push_back({std::make_unique<OutputFile>(target, m_policy), {}});
    return m_entries.back().file->temp();
}

const fs::path& OutputFileSet::temp(const fs::path& target) const {
    for (const Entry& entry : m_entries)
        if (entry.file->target() == target)
            return entry.file->temp();
    throw InternalError("no output file was prepared for " + target.string());
}

std::vector<fs::path> OutputFileSet::targets() const {
    std::vector<fs::path> targets;
    for (const Entry& entry : m_entries)
        targets.push_back(entry.file->target());
    return targets;
}

void OutputFileSet::commit() {
    for (const Entry& entry : m_entries)
        entry.file->prepareCommit();  // every file on disk and every target checked before the first rename
    try {
        for (Entry& entry : m_entries) {
            OutputFile& file = *entry.file;
            if (entryExists(file.target())) {
                // Kept under a temporary name until the whole set is in place, to be put back otherwise.
                const fs::path kept = createBeside(file.target(), ".old.XXXXXX");
                if (std::rename(file.target().c_str(), kept.c_str()) != 0) {
                    const std::string why = systemError();
                    ::unlink(kept.c_str());
                    throw OutputError("cannot replace " + file.target().string() + ": " + why);
                }
                entry.kept = kept;
            }
            renameOrThrow(file.temp(), file.target());
            file.m_committed = true;
        }
    } catch (...) {
        undo();
        throw;
    }
    m_committed = true;
    if (!m_entries.empty())
        syncFolder(m_entries.front().file->target());
}

void OutputFileSet::rollback() noexcept {
    undo();
    m_committed = false;
}

void OutputFileSet::undo() noexcept {
    // Best effort while another error is on its way to the user.
    for (Entry& entry : m_entries) {
        if (entry.file->m_committed)
            ::unlink(entry.file->target().c_str());
        // The older file goes back; should even that fail, it stays under its temporary name, not lost.
        if (!entry.kept.empty())
            std::rename(entry.kept.c_str(), entry.file->target().c_str());
        entry.kept.clear();
        entry.file->m_committed = false;
    }
}

}  // namespace ankylos::files
