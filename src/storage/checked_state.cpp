#include "storage/checked_state.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "storage/private_file.h"

namespace ankylos::storage {

namespace {

/// One file's identity and times; "" when it does not exist (or cannot be read).
std::string statText(const std::filesystem::path& file) {
    struct stat found {};
    if (::stat(file.c_str(), &found) != 0)
        return {};
    std::ostringstream text;
    text << found.st_dev << ' ' << found.st_ino << ' ' << found.st_size << ' ' << found.st_mtim.tv_sec << '.'
         << found.st_mtim.tv_nsec << ' ' << found.st_ctim.tv_sec << '.' << found.st_ctim.tv_nsec;
    return text.str();
}

/// The state of database as the file system shows it, one line of text; "" when it cannot be read.
std::string fileState(const std::filesystem::path& database) {
    std::string state = statText(database);
    if (state.empty())
        return {};
    // A reader's connection creates an empty log; only one that holds changes is part of the state.
    const std::filesystem::path wal = database.string() + "-wal";
    std::error_code error;
    if (const auto size = std::filesystem::file_size(wal, error); !error && size > 0)
        state += " wal " + statText(wal);
    return state;
}

}  // namespace

std::filesystem::path checkedStatePath(const std::filesystem::path& database) {
    return database.string() + ".checked";
}

bool unchangedSinceCheck(const std::filesystem::path& database) {
    const std::string state = fileState(database);
    if (state.empty())
        return false;
    std::ifstream in(checkedStatePath(database));
    std::string recorded;
    return std::getline(in, recorded) && recorded == state;
}

void recordCheckedState(const std::filesystem::path& database) noexcept {
    try {
        if (const std::string state = fileState(database); !state.empty())
            replaceFilePrivately(checkedStatePath(database), state + "\n");
    } catch (...) {  // unrecorded, the next writer checks in full
    }
}

}  // namespace ankylos::storage
