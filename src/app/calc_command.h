#pragma once
/// `ankylos-cli calc ...`: applies the clinical core to one case and prints one JSON object.
/// The output names are a contract other tools script against; change them only with a version note.

namespace CLI {
class App;
}

namespace ankylos::app {

/// Adds the `calc` command and its subcommands (basdai, asdas, msasss, progression, bmd, exposure, agreement)
/// to app.
void addCalcCommand(CLI::App& app);

/// Adds `calc agreement` (calc_agreement.cpp) to the calc command.
void addCalcAgreementCommand(CLI::App& calc);
/// Adds `calc ctss` and `calc ctss-progression` (docs/methods.md 12) to the calc command.
void addCalcCtssCommands(CLI::App& calc);

}  // namespace ankylos::app
