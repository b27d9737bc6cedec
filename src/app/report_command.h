#pragma once
/// `ankylos-cli report DB --patient ID --out FILE.pdf` and `ankylos-cli report DB --cohort [filters]
/// --out FILE.pdf`: the printable reports as PDF files, made without a display.

namespace CLI {
class App;
}

namespace ankylos::app {

/// Adds the `report` command to app.
void addReportCommand(CLI::App& app);

}  // namespace ankylos::app
