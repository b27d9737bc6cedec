#pragma once
/// `ankylos-cli export DB --out FILE [--format ...]`: the research export (src/export) on the
/// command line. `--format visits` (the default) keeps the import-format export that scripts use.

namespace CLI {
class App;
}

namespace ankylos::app {

/// Adds the `export` command.
void addExportCommand(CLI::App& app);

}  // namespace ankylos::app
