#pragma once
/// `ankylos-cli user list | add | role | disable | enable | password`: the accounts of people who
/// sign in to a server database, and their roles (storage/accounts.h, docs/roles.md). Run by an
/// administrator (or the database's owner); the server refuses everyone else.

namespace CLI {
class App;
}

namespace ankylos::app {

void addUserCommand(CLI::App& app);

}  // namespace ankylos::app
