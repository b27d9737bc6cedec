#include "cli_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace ankylos::test {

namespace {

std::string readAll(int fd) {
    std::string text;
    std::array<char, 4096> buffer;
    ssize_t n;
    while ((n = read(fd, buffer.data(), buffer.size())) > 0)
        text.append(buffer.data(), static_cast<size_t>(n));
    return text;
}

/// Starts ankylos-cli with these arguments and file actions (no shell); destroys the actions.
pid_t spawnCli(const std::vector<std::string>& arguments, posix_spawn_file_actions_t& actions) {
    std::vector<std::string> argv = {ANKYLOS_CLI};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char*> pointers;
    for (auto& argument : argv)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, ANKYLOS_CLI, &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        throw std::runtime_error(std::string("cannot start ") + ANKYLOS_CLI);
    return pid;
}

}  // namespace

CliResult runCli(const std::vector<std::string>& arguments, const std::string& input) {
    // stderr and stdin are temporary files so that no pipe can fill up and block either side.
    char errPath[] = "/tmp/ankylos-cli-stderr-XXXXXX";
    const int errFd = mkstemp(errPath);
    char inPath[] = "/tmp/ankylos-cli-stdin-XXXXXX";
    const int inFd = mkstemp(inPath);
    int outPipe[2];
    if (errFd < 0 || inFd < 0 || pipe(outPipe) != 0)
        throw std::runtime_error("cannot create pipes for ankylos-cli");
    if (write(inFd, input.data(), input.size()) != static_cast<ssize_t>(input.size()))
        throw std::runtime_error("cannot write the input of ankylos-cli");
    lseek(inFd, 0, SEEK_SET);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errFd, STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, outPipe[0]);
    // No terminal to answer a prompt (a server's password), as in a script or CI.
    posix_spawn_file_actions_adddup2(&actions, inFd, STDIN_FILENO);
    const pid_t pid = spawnCli(arguments, actions);
    close(outPipe[1]);
    close(inFd);
    unlink(inPath);

    CliResult result;
    result.out = readAll(outPipe[0]);
    close(outPipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    lseek(errFd, 0, SEEK_SET);
    result.err = readAll(errFd);
    close(errFd);
    unlink(errPath);
    return result;
}

int startCli(const std::vector<std::string>& arguments) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    return spawnCli(arguments, actions);
}

std::string readFile(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const std::string& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

std::string csvText(const std::vector<std::vector<std::string>>& records) {
    std::string text;
    for (const auto& record : records) {
        for (std::size_t i = 0; i < record.size(); ++i) {
            if (i)
                text += ',';
            if (record[i].find_first_of(",\"\r\n") == std::string::npos) {
                text += record[i];
                continue;
            }
            text += '"';
            for (char c : record[i])
                text += c == '"' ? std::string("\"\"") : std::string(1, c);
            text += '"';
        }
        text += "\r\n";
    }
    return text;
}

int waitCli(int pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

CliResult runCliOk(const std::vector<std::string>& arguments, const std::string& input) {
    const CliResult result = runCli(arguments, input);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    return result;
}

}  // namespace ankylos::test
