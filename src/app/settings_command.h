#pragma once
/// `ankylos-cli settings DB [--set NAME=VALUE --reason TEXT] [--json]` and
/// `ankylos-cli settings DB --lsc MANUFACTURER:MODEL:SITE=G_CM2 --reason TEXT`: the clinic's named
/// settings (docs/methods.md, Settings) and each DXA device's least significant change (methods 5),
/// read or changed; every change is an audit row with its reason (storage/settings_store.h).

namespace CLI {
class App;
}

namespace ankylos::app {

void addSettingsCommand(CLI::App& app);

}  // namespace ankylos::app
