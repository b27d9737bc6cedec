#include "storage/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fstream>

#include "files/output_file.h"
#include "storage/errors.h"

namespace ankylos::storage {

namespace {

std::string systemError(const std::string& what, const std::filesystem::path& file) {
    return what + " " + file.string() + ": " + std::strerror(errno);
}

/// Writes all of content to fd; false on any short or failed write.
bool writeAll(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

void createPrivateFile(const std::filesystem::path& file, const std::string& content) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw StorageError(systemError("creating", file));
    bool ok = ::fchmod(fd, 0600) == 0 && writeAll(fd, content) && ::fsync(fd) == 0;
    std::string message = ok ? std::string() : systemError("writing", file);
    if (::close(fd) != 0 && ok) {
        ok = false;
        message = systemError("writing", file);
    }
    if (!ok) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        throw StorageError(message);
    }
}

void writeContent(const std::filesystem::path& temporary, const std::filesystem::path& target,
                  const std::string& content) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out)
        throw StorageError("writing " + target.string() + " failed (disk full?)");
}

void replaceFilePrivately(const std::filesystem::path& file, const std::string& content) {
    try {
        files::OutputFile out(file, {file.string(), {}, true});
        writeContent(out.temp(), file, content);
        out.commit();
    } catch (const files::OutputError& e) {
        throw StorageError(e.what());
    }
}

}  // namespace ankylos::storage
