#include "app/settings_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/open_database.h"
#include "core/format.h"
#include "core/validation.h"
#include "storage/settings_store.h"

namespace ankylos::app {

namespace {

struct SettingsArgs {
    std::string database;
    std::string user;
    std::vector<std::string> assignments;  ///< NAME=VALUE
    std::vector<std::string> lsc;          ///< MANUFACTURER:MODEL:SITE=G_CM2, or =none to remove
    std::string reason;
    bool json = false;
};

/// "NAME=VALUE" split at its first "=".
std::pair<std::string, std::string> splitAssignment(const std::string& text, const std::string& field,
                                                    const std::string& allowed) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
        throw core::ValidationError(field, text, allowed);
    return {text.substr(0, equals), text.substr(equals + 1)};
}

constexpr const char* kLscForm =
    "MANUFACTURER:MODEL:SITE=G_CM2 (site lumbar, femoral_neck, total_hip or radius_33; "
    "G_CM2 > 0, or none to remove), e.g. Hologic:Horizon A:lumbar=0.028";

void changeLsc(storage::Database& db, const std::string& text, const std::string& reason) {
    const auto [where, value] = splitAssignment(text, "--lsc", kLscForm);
    const auto second = where.rfind(':');
    const auto first = second == std::string::npos ? second : where.rfind(':', second - 1);
    if (first == std::string::npos || first == 0)
        throw core::ValidationError("--lsc", text, kLscForm);
    const core::DxaDevice device{where.substr(0, first), where.substr(first + 1, second - first - 1)};
    const core::BmdSite site = core::parseBmdSite(where.substr(second + 1), "--lsc site");
    const std::optional<double> lsc =
        value == "none" ? std::nullopt : std::optional<double>(core::parseNumber(value, "--lsc value"));
    storage::changeDeviceLsc(db, device, site, lsc, reason);
}

void printConfiguration(storage::Database& db, bool json) {
    const core::Settings settings = storage::readSettings(db);
    const std::vector<core::LscSetting> lsc = storage::readDeviceLsc(db);
    if (json) {
        nlohmann::ordered_json out{{"settings", nlohmann::ordered_json::object()},
                                   {"lsc", nlohmann::ordered_json::array()}};
        for (const auto& [name, value] : settings.describe())
            out["settings"][name] = value;
        for (const core::LscSetting& s : lsc)
            out["lsc"].push_back({{"manufacturer", s.device.manufacturer},
                                  {"model", s.device.model},
                                  {"site", core::toString(s.site)},
                                  {"lsc_g_cm2", s.lsc}});
        std::cout << out.dump(2) << '\n';
        return;
    }
    for (const auto& [name, value] : settings.describe())
        std::cout << name << " = " << value << '\n';
    if (lsc.empty())
        std::cout << "No least significant change configured: BMD changes read \"significance unknown\".\n";
    for (const core::LscSetting& s : lsc)
        std::cout << "LSC " << s.device.manufacturer << " " << s.device.model << ", "
                  << core::toString(s.site) << ": " << core::formatNumber(s.lsc) << " g/cm2\n";
}

void runSettings(const SettingsArgs& args) {
    const bool changing = !args.assignments.empty() || !args.lsc.empty();
    if (changing && args.reason.find_first_not_of(" \t") == std::string::npos)
        throw core::ValidationError("--reason", args.reason,
                                    "why the configuration changes, for the audit trail");
    const std::unique_ptr<storage::Database> db =
        openDatabase(args.database, args.user, changing ? storage::Open::ReadWrite : storage::Open::ReadOnly);
    for (const std::string& assignment : args.assignments) {
        const auto [name, value] =
            splitAssignment(assignment, "--set", "NAME=VALUE, e.g. treatment.exposed_fraction=0.75");
        storage::changeSetting(*db, name, value, args.reason);
    }
    for (const std::string& lsc : args.lsc)
        changeLsc(*db, lsc, args.reason);
    printConfiguration(*db, args.json);
}

}  // namespace

void addSettingsCommand(CLI::App& app) {
    auto args = std::make_shared<SettingsArgs>();
    CLI::App* command = app.add_subcommand(
        "settings",
        "Show the clinic's named settings and DXA least significant changes, or change them (audited)");
    command->add_option("DB", args->database, kDatabaseHelp)->required();
    command->add_option("--set", args->assignments, "Change a named setting, NAME=VALUE (repeatable)");
    command->add_option("--lsc", args->lsc, std::string("Set a DXA device's LSC for a site, ") + kLscForm);
    command->add_option("--reason", args->reason, "Why, for the audit trail (required with --set and --lsc)");
    command->add_option("--user", args->user,
                        "Who is recorded in the audit trail (default: the system account)");
    command->add_flag("--json", args->json, "Print JSON instead of text");
    command->footer(
        "Settings and their defaults: docs/methods.md, Settings. Each change is written with an audit row.\n"
        "Example: ankylos-cli settings clinic.db --set treatment.exposed_fraction=0.75 --reason \"protocol "
        "v2\"\n"
        "Example: ankylos-cli settings clinic.db --lsc \"Hologic:Horizon A:lumbar=0.028\" --reason "
        "\"precision "
        "study 2026\"");
    command->callback([args] { runSettings(*args); });
}

}  // namespace ankylos::app
