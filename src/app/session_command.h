#pragma once
/// Reading sessions from the command line (docs/methods.md 11; storage/reading_session_repository.h):
///   ankylos-cli session create DB --name NAME --reader A --reader B [--chronology ...] [--identity ...]
///                              [--seed N] [--patient ID ...] [--from D] [--to D] [--min-films N]
///   ankylos-cli session list DB [--json]
///   ankylos-cli session worklist DB --session NAME --reader A [--json]
///   ankylos-cli session read DB --session NAME --reader A --film CODE --scores S1,...,S24 [--reading-date D]
///   ankylos-cli session adjudicator DB --session NAME --reader C [--consensus]
///   ankylos-cli agreement DB --session NAME [--json]

namespace CLI {
class App;
}

namespace ankylos::app {

void addSessionCommands(CLI::App& app);

}  // namespace ankylos::app
