#pragma once
/// The configuration stored in a database that changes results: the named settings of
/// docs/methods.md (table `setting`), the reference ranges, and each DXA device's least significant
/// change (`device_lsc`). Changing it is audited like clinical data: one audit row on the table
/// "configuration" holds the whole configuration before and after, with the reason, so `check`
/// (record_check.h) follows every change made in Ankylos and names any made outside it.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/bmd.h"
#include "core/settings.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The audit trail's table name for configuration changes.
inline constexpr const char* kConfigurationTable = "configuration";

/// The database's settings; a stored value the core refuses throws ValidationError naming it.
core::Settings readSettings(Database& db);

/// Sets one named setting, in its own transaction, with an audit row giving the reason; a changed
/// value rewrites every patient's list figures (patient_summary.h), computed with it. Throws
/// ValidationError naming the setting, the value and what is allowed (core::Settings::set), or when
/// the reason is blank. Setting a value it already has writes nothing.
void changeSetting(Database& db, const std::string& name, const std::string& value,
                   const std::string& reason);

/// The least significant change configured per DXA device and site (docs/methods.md 5).
std::vector<core::LscSetting> readDeviceLsc(Database& db);

/// Sets (a value) or removes (nullopt) the LSC of one device and site, in its own transaction, with
/// an audit row giving the reason; the device is registered on first use. Throws ValidationError
/// for an LSC that is not > 0 or a blank reason.
void changeDeviceLsc(Database& db, const core::DxaDevice& device, core::BmdSite site,
                     std::optional<double> lsc, const std::string& reason);

/// The DXA devices the database knows (from scans or LSC settings), by manufacturer and model.
std::vector<core::DxaDevice> readDxaDevices(Database& db);

/// The settings and reference tables that change results: setting, reference_range, device_lsc,
/// each as {key: row}.
nlohmann::json configurationSnapshot(Database& db);

/// Appends the audit row of a configuration change made in the caller's transaction: before is the
/// snapshot taken before it. Writes nothing, and returns false, when the configuration did not change.
bool auditConfigurationChange(Database& db, const nlohmann::json& before, const std::string& reason);

}  // namespace ankylos::storage
