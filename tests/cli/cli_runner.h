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

/// Runs the built ankylos-cli with these arguments (no shell involved).
CliResult runCli(const std::vector<std::string>& arguments);

}  // namespace ankylos::test
