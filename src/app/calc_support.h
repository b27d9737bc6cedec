#pragma once
/// What every `ankylos-cli calc` subcommand shares: JSON output, --setting and --today options, and
/// number arguments that collect every problem before refusing.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement.h"
#include "core/patient.h"
#include "core/settings.h"
#include "core/validation.h"

namespace CLI {
class App;
}

namespace ankylos::app {

using Json = nlohmann::ordered_json;  ///< keys in the documented order

/// The number, or JSON null when there is none.
Json orNull(const std::optional<double>& value);

/// The agreement figures as `calc agreement` and `agreement --session` print them: n, k, dropped,
/// icc_a1, icc_ak, sdc, mean_difference, loa_lower, loa_upper (null when not computable), then
/// exceeding_sdc for change scores and the reason when a figure is missing.
Json agreementJson(const core::AgreementResult& result);

/// Prints one JSON object on one line of stdout.
void print(const Json& json);

/// Applies every --setting NAME=VALUE to the spec defaults.
core::Settings settingsFrom(const std::vector<std::string>& assignments);

/// Adds the repeatable --setting NAME=VALUE option.
void addSettingOption(CLI::App& command, std::vector<std::string>& assignments);

/// --today, or the local date: the day after which docs/methods.md 8 refuses every date.
core::Date todayArgument(const std::optional<std::string>& text);

/// Adds the --today YYYY-MM-DD option.
void addTodayOption(CLI::App& command, std::optional<std::string>& today);

/// Parses a number argument, adding a problem (field, text, "a number") instead of stopping, so that
/// every bad argument is reported at once.
std::optional<double> numberArgument(const std::string& text, const std::string& field,
                                     core::Validation& problems);

}  // namespace ankylos::app
