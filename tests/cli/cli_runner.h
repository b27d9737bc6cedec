#pragma once
// Runs ankylos-cli as a child process, as a script would.

#include <string>
#include <vector>

namespace ankylos::test {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs the built ankylos-cli with these arguments (no shell involved); its stdin is input (a script's
/// pipe, never a terminal), empty by default.
CliResult runCli(const std::vector<std::string>& arguments, const std::string& input = "");

/// runCli, with a test failure (its stderr) unless it exits 0.
CliResult runCliOk(const std::vector<std::string>& arguments, const std::string& input = "");

/// Starts ankylos-cli without waiting; its output goes to /dev/null. Returns the process id.
int startCli(const std::vector<std::string>& arguments);

/// The bytes of a file (empty when it cannot be read).
std::string readFile(const std::string& file);

/// Writes the bytes to a file, replacing it.
void writeFile(const std::string& file, const std::string& text);

/// CSV text of these records, quoted as RFC 4180 asks, each ended by CRLF.
std::string csvText(const std::vector<std::vector<std::string>>& records);

/// Waits for a started process; returns its exit status, or 128 + signal when it was killed.
int waitCli(int pid);

}  // namespace ankylos::test
