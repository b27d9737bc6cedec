#include "storage/settings_store.h"

#include "storage/audit.h"
#include "storage/patient_summary.h"
#include "storage/sql/connection.h"
#include "storage/sql/values.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

using nlohmann::json;

/// Rows of one table as {key: {column: value}}, the key made of the first keyColumns columns.
json tableSnapshot(sql::Connection& db, const std::string& select, int keyColumns) {
    json rows = json::object();
    sql::Statement query(db, select);
    while (query.executeStep()) {
        std::string key;
        json row = json::object();
        for (int c = 0; c < query.getColumnCount(); ++c) {
            const sql::Column column = query.getColumn(c);
            if (c < keyColumns)
                key += (key.empty() ? "" : "/") + column.getString();
            else if (column.isNull())
                row[column.getName()] = nullptr;
            else if (column.isInteger())
                row[column.getName()] = column.getInt64();
            else if (column.isFloat())
                row[column.getName()] = column.getDouble();
            else
                row[column.getName()] = column.getString();
        }
        rows[key] = row;
    }
    return rows;
}

void requireReason(const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw core::ValidationError("reason for the change", "", "a reason for changing the configuration");
}

/// The id of the DXA device, registered on first use.
std::int64_t registeredDevice(sql::Connection& db, const core::DxaDevice& device) {
    sql::Statement insert(db,
                          "INSERT INTO dxa_device (manufacturer, model) VALUES (?, ?) "
                          "ON CONFLICT (manufacturer, model) DO NOTHING");
    insert.bind(1, device.manufacturer);
    insert.bind(2, device.model);
    insert.exec();
    sql::Statement query(db, "SELECT id FROM dxa_device WHERE manufacturer = ? AND model = ?");
    query.bind(1, device.manufacturer);
    query.bind(2, device.model);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

}  // namespace

core::Settings readSettings(Database& db) {
    core::Settings settings;
    sql::Statement query(sql::connectionOf(db), "SELECT name, value FROM setting ORDER BY name");
    while (query.executeStep())
        settings.set(query.getColumn(0).getString(), query.getColumn(1).getString());
    return settings;
}

void changeSetting(Database& db, const std::string& name, const std::string& value,
                   const std::string& reason) {
    core::Settings settings;
    settings.set(name, value);  // refuses an unknown name or a value out of range
    requireReason(reason);
    Transaction transaction(db);
    const json before = configurationSnapshot(db);
    sql::Statement write(sql::connectionOf(db),
                         "INSERT INTO setting (name, value) VALUES (?, ?) "
                         "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    write.bind(1, name);
    write.bind(2, value);
    write.exec();
    if (auditConfigurationChange(db, before, reason))
        rebuildPatientSummaries(db);  // the list's figures are computed with the settings
    transaction.commit();
}

std::vector<core::LscSetting> readDeviceLsc(Database& db) {
    std::vector<core::LscSetting> settings;
    sql::Statement query(sql::connectionOf(db),
                         "SELECT d.manufacturer, d.model, l.site, l.lsc_g_cm2 FROM device_lsc l "
                         "JOIN dxa_device d ON d.id = l.device_id ORDER BY d.manufacturer, d.model, l.site");
    while (query.executeStep())
        settings.push_back({{query.getColumn(0).getString(), query.getColumn(1).getString()},
                            core::parseBmdSite(query.getColumn(2).getString()),
                            query.getColumn(3).getDouble()});
    return settings;
}

std::vector<core::DxaDevice> readDxaDevices(Database& db) {
    std::vector<core::DxaDevice> devices;
    sql::Statement query(sql::connectionOf(db),
                         "SELECT manufacturer, model FROM dxa_device ORDER BY manufacturer, model");
    while (query.executeStep())
        devices.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    return devices;
}

void changeDeviceLsc(Database& db, const core::DxaDevice& device, core::BmdSite site,
                     std::optional<double> lsc, const std::string& reason) {
    if (lsc)
        core::validateLscSettings({{device, site, *lsc}}).throwIfErrors();
    requireReason(reason);
    Transaction transaction(db);
    sql::Connection& connection = sql::connectionOf(db);
    const json before = configurationSnapshot(db);
    const std::int64_t deviceId = registeredDevice(connection, device);
    if (lsc) {
        sql::Statement write(connection,
                             "INSERT INTO device_lsc (device_id, site, lsc_g_cm2) VALUES (?, ?, ?) "
                             "ON CONFLICT (device_id, site) DO UPDATE SET lsc_g_cm2 = excluded.lsc_g_cm2");
        write.bind(1, deviceId);
        write.bind(2, core::toString(site));
        write.bind(3, *lsc);
        write.exec();
    } else {
        sql::Statement remove(connection, "DELETE FROM device_lsc WHERE device_id = ? AND site = ?");
        remove.bind(1, deviceId);
        remove.bind(2, core::toString(site));
        remove.exec();
    }
    auditConfigurationChange(db, before, reason);
    transaction.commit();
}

json configurationSnapshot(Database& db) {
    return {
        {"setting", tableSnapshot(sql::connectionOf(db), "SELECT name, value FROM setting ORDER BY name", 1)},
        {"reference_range",
         tableSnapshot(sql::connectionOf(db), "SELECT * FROM reference_range ORDER BY id", 1)},
        {"device_lsc",
         tableSnapshot(sql::connectionOf(db), "SELECT * FROM device_lsc ORDER BY device_id, site", 2)}};
}

bool auditConfigurationChange(Database& db, const json& before, const std::string& reason) {
    json after = configurationSnapshot(db);
    if (after == before)
        return false;
    appendAudit(db, db.user(),
                {kConfigurationTable, std::nullopt, AuditAction::Update, before, after, reason});
    return true;
}

}  // namespace ankylos::storage
