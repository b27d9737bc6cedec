#include "app/open_database.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "core/validation.h"
#include "storage/server_location.h"

namespace ankylos::app {

namespace {

/// "li@db.clinic.example/ankylos": whose password the prompt asks for.
std::string passwordOwner(const std::string& location) {
    const std::optional<storage::ServerLocation> server = storage::parseServerLocation(location);
    if (!server)
        return location;
    const std::string user = server->user.empty() ? storage::operatingSystemUser() : server->user;
    return user + "@" + server->host + "/" + (server->database.empty() ? user : server->database);
}

/// Echo off on the terminal while the password is typed, back on afterwards, whatever happens.
class EchoOff {
public:
    EchoOff() : m_saved(), m_changed(::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
        if (!m_changed)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_changed = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff() {
        if (m_changed)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved;
    bool m_changed;
};

/// Asks on stderr (stdout may be a file of the command's output), reads one line from the terminal.
std::string askHidden(const std::string& prompt) {
    std::string answer;
    {
        // Echo off before the prompt shows: turning it off flushes what was typed so far, which must
        // never be an answer typed as soon as the prompt appeared.
        EchoOff echoOff;
        std::cerr << prompt << ": " << std::flush;
        if (!std::getline(std::cin, answer))
            answer.clear();
    }
    std::cerr << '\n';
    return answer;
}

std::optional<std::string> askPassword(const std::string& location) {
    std::string password = askHidden("Password for " + passwordOwner(location));
    if (password.empty())
        return std::nullopt;
    return password;
}

}  // namespace

void withServerPassword(const std::string& location, const std::function<void(const std::string&)>& connect) {
    try {
        connect("");
    } catch (const storage::PasswordRequired&) {
        // Scripts and CI have no one to ask: the message says where the password goes.
        if (!::isatty(STDIN_FILENO))
            throw;
        const std::optional<std::string> password = askPassword(location);
        if (!password)
            throw;
        // Once: a wrong password gives the server's message (exit 2), as for any refused DB.
        connect(*password);
    }
}

std::string readNewPassword(const std::string& account) {
    std::string password;
    if (::isatty(STDIN_FILENO)) {
        password = askHidden("New password for " + account);
        if (askHidden("The same password again") != password)
            throw core::ValidationError("password", "(typed twice)", "the same password both times");
    } else if (!std::getline(std::cin, password)) {
        password.clear();
    }
    if (password.empty())
        throw core::ValidationError(
            "password", "(none)", "a password: typed when asked, or a script's first line of standard input");
    return password;
}

std::unique_ptr<storage::Database> openDatabase(const std::string& location, const std::string& user,
                                                storage::Open mode) {
    std::unique_ptr<storage::Database> db;
    withServerPassword(location, [&](const std::string& password) {
        db = std::make_unique<storage::Database>(location, user, mode, password);
    });
    return db;
}

}  // namespace ankylos::app
