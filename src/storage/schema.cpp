#include "storage/schema.h"

#include <string>

#include "storage/audit_migration.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/patient_summary.h"
#include "storage/settings_store.h"
#include "storage/transaction.h"

namespace ankylos::storage {

int currentSchemaVersion() {
    return static_cast<int>(migrations(sql::Engine::Sqlite).size());  // the same for both engines
}

/// A copy holds at most this many images in memory (each up to kMaxImageBytes, usually 5-50 MB).
constexpr std::size_t kImagesPerCopyPage = 4;

const std::vector<SchemaTable>& schemaTables() {
    // One table a line, in foreign-key order.
    // clang-format off
    static const std::vector<SchemaTable> tables = {
        {"app_user", "id"},
        {"reader", "id"},
        {"setting", "name"},
        {"reference_range", "id"},
        {"dxa_device", "id"},
        {"device_lsc", "device_id, site"},
        {"patient", "id"},
        {"patient_summary", "patient_id"},
        {"visit", "id"},
        {"treatment_episode", "id"},
        {"film", "id"},
        {"film_image", "id", kImagesPerCopyPage},
        {"reading_session", "id"},
        {"reading_session_reader", "session_id, reader_id"},
        {"reading_session_film", "session_id, film_id"},
        {"reading", "id"},
        {"site_score", "reading_id, site"},
        {"sacroiliitis", "id"},
        {"ct_scan", "id"},
        {"ct_reading", "id"},
        {"ct_quadrant_score", "ct_reading_id, quadrant"},
        {"bmd", "id"},
        {"lab_result", "id"},
        {"confirmation", "id"},
        {"signature", "id"},
        {"audit_log", "id"},
    };
    // clang-format on
    return tables;
}

int storedSchemaVersion(sql::Connection& db) {
    if (db.engine() == sql::Engine::Sqlite)
        return db.execAndGet("PRAGMA user_version").getInt();
    return db.execAndGet("SELECT schema_version FROM ankylos_database").getInt();
}

void recordSchemaVersion(sql::Connection& db, int version) {
    if (db.engine() == sql::Engine::Sqlite) {
        db.exec("PRAGMA user_version = " + std::to_string(version));
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    } else {
        db.exec("UPDATE ankylos_database SET schema_version = " + std::to_string(version));
    }
}

void migrate(Database& database, bool trailFromCopy) {
    sql::Connection& db = sql::connectionOf(database);
    Transaction transaction(database);
    const int fromVersion = storedSchemaVersion(db);
    if (fromVersion >= currentSchemaVersion())
        return;
    // Verified before the migration renames the version-2 trail and drops its triggers. Only files
    // carry one over: a server's 0003 refuses a version-2 trail that has rows.
    const bool legacyTrail =
        db.engine() == sql::Engine::Sqlite && fromVersion > 0 && fromVersion < kKeyedAuditSchemaVersion;
    const std::vector<std::string> legacyProblems =
        legacyTrail ? legacyAuditProblems(db) : std::vector<std::string>{};
    // A migration that adds a setting changes the configuration a keyed trail follows: it is audited
    // as any change is. An older trail's baseline row, appended below, records it as it then is.
    const bool keyedTrail = fromVersion >= kKeyedAuditSchemaVersion;
    const nlohmann::json configurationBefore =
        keyedTrail ? configurationSnapshot(database) : nlohmann::json();
    for (const Migration& migration : migrations(db.engine())) {
        if (migration.version <= fromVersion)
            continue;
        try {
            db.exec(migration.sql);
        } catch (const sql::Error& e) {
            throw StorageError("applying migration " + migration.name, "schema", e.what());
        }
        recordSchemaVersion(db, migration.version);
    }
    // Derived tables the core computes, for the patients already stored, in the same transaction.
    if (fromVersion > 0 && fromVersion < kPatientSearchSchemaVersion)
        rebuildPatientSummaries(database);
    if (fromVersion < kKeyedAuditSchemaVersion)
        keyTheAuditTrail(database, legacyProblems, !(fromVersion == 0 && trailFromCopy));
    if (keyedTrail)
        auditConfigurationChange(database, configurationBefore,
                                 "database upgraded to version " + std::to_string(currentSchemaVersion()) +
                                     ": new settings at their defaults");
    transaction.commit();
}

}  // namespace ankylos::storage
