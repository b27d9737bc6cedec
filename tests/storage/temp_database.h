#pragma once
/// Test helpers: a temporary folder per test (removed afterwards) holding real SQLite files, and
/// raw access to their bytes. Never mocks: every storage test runs on files SQLite really wrote.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "storage/sql/connection.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace ankylos::storage::test {

/// A fresh folder under the system's temporary directory, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ankylos-storage-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;  // a test that failed may have left files open; nothing to report
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

    /// The names of the files in the folder, sorted.
    std::set<std::string> files() const {
        std::set<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(m_path))
            names.insert(entry.path().filename().string());
        return names;
    }

private:
    std::filesystem::path m_path;
};

using Bytes = std::vector<char>;

inline Bytes readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::filesystem::path& file, const Bytes& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// One integer PRAGMA or count(*) read with a raw SQLite connection.
inline int rawInt(SQLite::Database& db, const std::string& sql) {
    return db.execAndGet(sql).getInt();
}

/// One integer read on a database's own connection.
inline int rawInt(storage::sql::Connection& db, const std::string& sql) {
    return db.execAndGet(sql).getInt();
}

/// The kind of the sql::Error f throws; fails the test when it throws none.
inline storage::sql::ErrorKind errorKindOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const storage::sql::Error& e) {
        return e.kind();
    }
    ADD_FAILURE() << "no sql::Error was thrown";
    return storage::sql::ErrorKind::Other;
}

/// The first row of PRAGMA quick_check on a raw read-only connection ("ok" when intact).
inline std::string rawQuickCheck(const std::filesystem::path& file) {
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
        return db.execAndGet("PRAGMA quick_check").getString();
    } catch (const SQLite::Exception& e) {
        return e.what();
    }
}

/// Runs body in a child process and returns its exit status (body's result; 100 when it threw, 128
/// + the signal when it was killed). setup runs first in the child.
inline int inChildProcess(const std::function<void()>& setup, const std::function<int()>& body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = 100;
        try {
            setup();
            code = body();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "child process: %s\n", e.what());
        }
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// body run as the unprivileged user nobody (65534) when the tests run as root, who may write any file.
inline int asUnprivilegedUser(const std::function<int()>& body) {
    return inChildProcess(
        [] {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                ::_exit(101);
        },
        body);
}

/// body run with files limited to bytes: writes past it fail as on a full disk.
inline int withFileSizeLimit(rlim_t bytes, const std::function<int()>& body) {
    return inChildProcess(
        [bytes] {
            ::signal(SIGXFSZ, SIG_IGN);  // a failed write, not a killed process
            const rlimit limit{bytes, bytes};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        },
        body);
}

}  // namespace ankylos::storage::test
